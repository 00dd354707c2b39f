// range_view.cpp — userdata views over ranges, arrays, sheets and workbooks.
//
// A range view is 1-based and row-major: #r is its number of rows, r[i] is row i
// (itself a view whose [j] is a value), r:get(i, j) a value, r:get(k) the k-th cell,
// pairs(r) visits every cell (k, value) including empty ones (value nil).
// Reads go through the CallContext during a plugin call, so a formula cell inside the
// range that is not yet computed is computed first, exactly as for built-in functions.
#include "lua/range_view.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

#include "calc/calculator.h"
#include "formula/function.h"
#include "lua/bridge.h"
#include "lua/state.h"
#include "model/workbook.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace sp::lua {

namespace {

constexpr const char* kRangeMeta = "suanpan.range";
constexpr const char* kWorkbookMeta = "suanpan.workbook";
constexpr const char* kSheetMeta = "suanpan.sheet";

struct View {
    uint64_t epoch = 0;
    CallContext* ctx = nullptr;    // plugin call: reads through the calculator
    const Workbook* wb = nullptr;  // check: reads stored values
    const Array* arr = nullptr;    // array argument
    SheetRange ref;                // the area (for arrays: the window into arr)
    bool row = false;              // a row of a view: [j] gives a value
    int32_t rows() const { return ref.range.r2 - ref.range.r1 + 1; }
    int32_t cols() const { return ref.range.c2 - ref.range.c1 + 1; }
};

struct WorkbookView {
    uint64_t epoch;
    Workbook* wb;
    Calculator* calc;
};

struct SheetView {
    uint64_t epoch;
    Workbook* wb;
    SheetId id;
};

template <class T>
T& check_live(lua_State* L, int idx, const char* meta) {
    T* v = static_cast<T*>(luaL_checkudata(L, idx, meta));
    if (v->epoch != State::of(L).epoch())
        luaL_error(L, "%s view used after the call that received it returned", meta + 8);
    return *v;
}

View& check_view(lua_State* L, int idx) { return check_live<View>(L, idx, kRangeMeta); }

View& new_view(lua_State* L, const View& from) {
    View* v = static_cast<View*>(lua_newuserdatauv(L, sizeof(View), 0));
    *v = from;
    v->epoch = State::of(L).epoch();
    luaL_setmetatable(L, kRangeMeta);
    return *v;
}

// Runs f, turning a C++ exception into a Lua error (exceptions must not cross Lua's C frames).
template <class F>
Value guarded(lua_State* L, F&& f) {
    thread_local char msg[256];
    try {
        return f();
    } catch (const std::exception& e) {
        std::snprintf(msg, sizeof msg, "%s", e.what());
    }
    luaL_error(L, "%s", msg);
    return Value();
}

// 0-based offsets inside the view.
Value read(lua_State* L, const View& v, int32_t i, int32_t j) {
    int32_t r = v.ref.range.r1 + i, c = v.ref.range.c1 + j;
    if (v.arr) return v.arr->at(uint32_t(r), uint32_t(c));
    if (v.ctx) return guarded(L, [&] { return v.ctx->cell_value(v.ref.sheet, r, c); });
    return v.wb->get(v.ref.sheet, CellAddr{r, c});
}

const Workbook* workbook_of(const View& v) { return v.ctx ? &v.ctx->workbook() : v.wb; }

// Whole columns or rows: only the part in use.
RangeAddr clip(const Workbook& wb, const SheetRange& r) {
    RangeAddr a = r.range;
    if (r.sheet >= wb.sheet_count()) return a;
    const Sheet& sh = wb.sheet(r.sheet);
    if (a.rows() > 65536) {
        int32_t ext = 0;
        for (int32_t c = a.c1; c <= std::min(a.c2, sh.column_count() - 1); ++c) ext = std::max(ext, sh.column_extent(c));
        a.r2 = std::max(a.r1, std::min(a.r2, ext - 1));
    }
    if (a.cols() > 1024) a.c2 = std::max(a.c1, std::min(a.c2, sh.column_count() - 1));
    return a;
}

void push_cell(lua_State* L, const View& v, int32_t i, int32_t j) { push_value(L, read(L, v, i, j)); }

int range_index(lua_State* L) {
    View& v = check_view(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer k = lua_tointeger(L, 2);
        if (v.row) {
            if (k < 1 || k > v.cols()) return 0;
            push_cell(L, v, 0, int32_t(k - 1));
            return 1;
        }
        if (k < 1 || k > v.rows()) return 0;
        View row = v;
        row.ref.range.r1 = row.ref.range.r2 = v.ref.range.r1 + int32_t(k - 1);
        row.row = true;
        new_view(L, row);
        return 1;
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));  // methods
    return 1;
}

int range_len(lua_State* L) {
    View& v = check_view(L, 1);
    lua_pushinteger(L, v.row ? v.cols() : v.rows());
    return 1;
}

int range_rows(lua_State* L) {
    lua_pushinteger(L, check_view(L, 1).rows());
    return 1;
}

int range_cols(lua_State* L) {
    lua_pushinteger(L, check_view(L, 1).cols());
    return 1;
}

int range_get(lua_State* L) {
    View& v = check_view(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (lua_isnoneornil(L, 3)) {  // k-th cell, row-major
        int64_t n = int64_t(v.rows()) * v.cols();
        if (i < 1 || i > n) return 0;
        push_cell(L, v, int32_t((i - 1) / v.cols()), int32_t((i - 1) % v.cols()));
        return 1;
    }
    lua_Integer j = luaL_checkinteger(L, 3);
    if (i < 1 || i > v.rows() || j < 1 || j > v.cols()) return 0;
    push_cell(L, v, int32_t(i - 1), int32_t(j - 1));
    return 1;
}

// r:values() -> {v1, v2, …, n = count}: every cell, row-major; empty cells are nil.
int range_values(lua_State* L) {
    View& v = check_view(L, 1);
    int64_t n = int64_t(v.rows()) * v.cols();
    if (n > 16'000'000) return luaL_error(L, "range too large to copy (%d cells)", int(n));
    lua_createtable(L, int(n), 1);
    for (int32_t i = 0; i < v.rows(); ++i)
        for (int32_t j = 0; j < v.cols(); ++j) {
            push_cell(L, v, i, j);
            lua_rawseti(L, -2, lua_Integer(i) * v.cols() + j + 1);
        }
    lua_pushinteger(L, n);
    lua_setfield(L, -2, "n");
    return 1;
}

// r:numbers() -> the numeric cells only (text, booleans, empty cells skipped, as SUM does).
int range_numbers(lua_State* L) {
    View& v = check_view(L, 1);
    lua_newtable(L);
    lua_Integer k = 0;
    for (int32_t i = 0; i < v.rows(); ++i)
        for (int32_t j = 0; j < v.cols(); ++j) {
            Value x = read(L, v, i, j);
            if (!x.is_number()) continue;
            lua_pushnumber(L, x.number());
            lua_rawseti(L, -2, ++k);
        }
    return 1;
}

int range_address(lua_State* L) {
    View& v = check_view(L, 1);
    const Workbook* wb = workbook_of(v);
    if (v.arr || !wb) return 0;
    std::string s = quote_sheet_name(wb->sheet(v.ref.sheet).name()) + "!" + range_text(v.ref.range);
    lua_pushlstring(L, s.data(), s.size());
    return 1;
}

int range_sheet(lua_State* L) {
    View& v = check_view(L, 1);
    const Workbook* wb = workbook_of(v);
    if (v.arr || !wb) return 0;
    lua_pushstring(L, wb->sheet(v.ref.sheet).name().c_str());
    return 1;
}

int range_next(lua_State* L) {
    View& v = check_view(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2) + 1;
    int64_t n = int64_t(v.rows()) * v.cols();
    if (k > n) return 0;
    lua_pushinteger(L, k);
    push_cell(L, v, int32_t((k - 1) / v.cols()), int32_t((k - 1) % v.cols()));
    return 2;
}

int range_pairs(lua_State* L) {
    check_view(L, 1);
    lua_pushcfunction(L, range_next);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

int range_tostring(lua_State* L) {
    View* v = static_cast<View*>(luaL_checkudata(L, 1, kRangeMeta));
    if (v->arr) lua_pushfstring(L, "array(%dx%d)", int(v->rows()), int(v->cols()));
    else lua_pushfstring(L, "range(%s)", range_text(v->ref.range).c_str());
    return 1;
}

// --- text addresses in a workbook ------------------------------------------------

std::string unquote_sheet(std::string_view name) {
    if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') {
        std::string out;
        for (size_t i = 1; i + 1 < name.size(); ++i) {
            out += name[i];
            if (name[i] == '\'' && i + 2 < name.size() && name[i + 1] == '\'') ++i;
        }
        return out;
    }
    return std::string(name);
}

// "Sheet!B5:C9", "B5" (on `sheet`), or a defined name.
bool resolve(const Workbook& wb, std::string_view text, SheetId sheet, SheetRange& out, int depth = 0) {
    if (!text.empty() && text[0] == '=') text.remove_prefix(1);
    auto bang = text.rfind('!');
    if (bang != std::string_view::npos) {
        auto id = wb.find_sheet(unquote_sheet(text.substr(0, bang)));
        if (!id) return false;
        sheet = *id;
        text = text.substr(bang + 1);
    }
    if (sheet >= wb.sheet_count()) return false;
    if (auto r = parse_range(text)) {
        out = SheetRange{sheet, *r};
        return true;
    }
    if (depth > 4) return false;
    const DefinedName* n = wb.find_name(text, sheet);
    return n && resolve(wb, n->text, n->scope == kNoSheet ? sheet : n->scope, out, depth + 1);
}

// --- workbook and sheet views ---------------------------------------------------

void push_sheet(lua_State* L, Workbook* wb, SheetId id) {
    SheetView* s = static_cast<SheetView*>(lua_newuserdatauv(L, sizeof(SheetView), 0));
    *s = SheetView{State::of(L).epoch(), wb, id};
    luaL_setmetatable(L, kSheetMeta);
}

int wb_sheet(lua_State* L) {
    auto& w = check_live<WorkbookView>(L, 1, kWorkbookMeta);
    std::optional<SheetId> id;
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer k = lua_tointeger(L, 2);
        if (k >= 1 && size_t(k) <= w.wb->sheet_count()) id = SheetId(k - 1);
    } else {
        id = w.wb->find_sheet(luaL_checkstring(L, 2));
    }
    if (!id) return 0;
    push_sheet(L, w.wb, *id);
    return 1;
}

int wb_sheets(lua_State* L) {
    auto& w = check_live<WorkbookView>(L, 1, kWorkbookMeta);
    lua_createtable(L, int(w.wb->sheet_count()), 0);
    for (SheetId i = 0; i < w.wb->sheet_count(); ++i) {
        lua_pushstring(L, w.wb->sheet(i).name().c_str());
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

// wb:names() -> {[name] = "Sheet1!$A$1:$B$5", ["Sheet!local"] = …}
int wb_names(lua_State* L) {
    auto& w = check_live<WorkbookView>(L, 1, kWorkbookMeta);
    lua_newtable(L);
    for (const DefinedName& n : w.wb->names()) {
        std::string key = n.scope == kNoSheet ? n.name : w.wb->sheet(n.scope).name() + "!" + n.name;
        lua_pushlstring(L, n.text.data(), n.text.size());
        lua_setfield(L, -2, key.c_str());
    }
    return 1;
}

int wb_range(lua_State* L) {
    auto& w = check_live<WorkbookView>(L, 1, kWorkbookMeta);
    SheetRange r;
    if (!resolve(*w.wb, luaL_checkstring(L, 2), 0, r)) return 0;
    push_workbook_range(L, w.wb, r);
    return 1;
}

int wb_cell(lua_State* L) {
    auto& w = check_live<WorkbookView>(L, 1, kWorkbookMeta);
    SheetRange r;
    if (!resolve(*w.wb, luaL_checkstring(L, 2), 0, r)) return 0;
    push_value(L, w.wb->get(r.sheet, CellAddr{r.range.r1, r.range.c1}));
    return 1;
}

// wb:eval("=SUM('表'!C5:C9)" [, sheet]) -> the value, computed as if in A1 of that sheet.
int wb_eval(lua_State* L) {
    auto& w = check_live<WorkbookView>(L, 1, kWorkbookMeta);
    const char* f = luaL_checkstring(L, 2);
    SheetId sheet = 0;
    if (!lua_isnoneornil(L, 3)) {
        auto id = w.wb->find_sheet(luaL_checkstring(L, 3));
        if (!id) return luaL_error(L, "no sheet named '%s'", lua_tostring(L, 3));
        sheet = *id;
    }
    if (!w.calc) return luaL_error(L, "wb:eval needs a calculator");
    if (w.wb->sheet_count() == 0) return 0;
    push_value(L, guarded(L, [&] { return w.calc->evaluate(f, sheet); }));
    return 1;
}

SheetView& check_sheet(lua_State* L) { return check_live<SheetView>(L, 1, kSheetMeta); }

// sh:cell("C", 5) or sh:cell(3, 5): column letters or number, 1-based row. A check scanning rows
// then builds no address string per cell (each `col .. r` formats the row number with snprintf).
std::optional<CellAddr> column_row(lua_State* L) {
    lua_Integer col = 0;
    if (lua_type(L, 2) == LUA_TNUMBER) {
        col = luaL_checkinteger(L, 2);
    } else {
        size_t n = 0;
        const char* s = luaL_checklstring(L, 2, &n);
        if (n == 0 || n > 3) return std::nullopt;
        for (size_t i = 0; i < n; ++i) {
            char ch = s[i];
            if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
            if (ch < 'A' || ch > 'Z') return std::nullopt;
            col = col * 26 + (ch - 'A' + 1);
        }
    }
    lua_Integer row = luaL_checkinteger(L, 3);
    if (col < 1 || col > kMaxCols || row < 1 || row > kMaxRows) return std::nullopt;
    return CellAddr{int32_t(row - 1), int32_t(col - 1)};
}

int sheet_cell(lua_State* L) {
    SheetView& s = check_sheet(L);
    std::optional<CellAddr> c;
    if (lua_isnoneornil(L, 3)) {
        c = parse_cell(luaL_checkstring(L, 2));
        if (!c) return luaL_error(L, "not a cell address: '%s'", lua_tostring(L, 2));
    } else {
        c = column_row(L);
        if (!c) return luaL_error(L, "not a cell: column '%s', row %s", luaL_tolstring(L, 2, nullptr), luaL_tolstring(L, 3, nullptr));
    }
    push_value(L, s.wb->get(s.id, *c));
    return 1;
}

int sheet_range(lua_State* L) {
    SheetView& s = check_sheet(L);
    SheetRange r;
    if (!resolve(*s.wb, luaL_checkstring(L, 2), s.id, r)) return luaL_error(L, "not a range: '%s'", lua_tostring(L, 2));
    push_workbook_range(L, s.wb, r);
    return 1;
}

int sheet_name(lua_State* L) {
    SheetView& s = check_sheet(L);
    lua_pushstring(L, s.wb->sheet(s.id).name().c_str());
    return 1;
}

// The cache of this workbook's scans, when its checks run (nullptr otherwise).
SheetScans* scans_of(lua_State* L, const Workbook* wb) {
    SheetScans* c = State::of(L).scans;
    return c && c->wb == wb ? c : nullptr;
}

std::optional<RangeAddr> used_of(lua_State* L, const SheetView& s) {
    SheetScans* c = scans_of(L, s.wb);
    if (c)
        for (const auto& [id, u] : c->used)
            if (id == s.id) return u;
    auto u = s.wb->sheet(s.id).used_range();
    if (c) {
        try {
            c->used.emplace_back(s.id, u);
        } catch (const std::exception&) {  // not cached: nothing may throw through Lua's frames
        }
    }
    return u;
}

int sheet_used(lua_State* L) {
    SheetView& s = check_sheet(L);
    auto u = used_of(L, s);
    if (!u) return 0;
    lua_pushstring(L, range_text(*u).c_str());
    return 1;
}

// sheet:find("收入总计") -> "A40", row, col (1-based) of the first cell (column by column)
// whose text equals the argument; nil when absent. Labels locate rows in the templates.
int sheet_find(lua_State* L) {
    SheetView& s = check_sheet(L);
    size_t len = 0;
    const char* want = luaL_checklstring(L, 2, &len);
    std::string_view w(want, len);
    std::optional<CellAddr> hit;
    SheetScans* cache = scans_of(L, s.wb);
    bool known = false;
    if (cache)
        for (const SheetScans::Found& f : cache->found)
            if (f.sheet == s.id && f.text == w) {
                hit = f.at;
                known = true;
                break;
            }
    if (!known) {
        auto u = used_of(L, s);
        if (u) {
            s.wb->sheet(s.id).for_each(*u, [&](int32_t r, int32_t c, const CellView& v) {
                if (hit || v.type != Type::String) return;
                Value x = v.value();
                if (x.string() == w) hit = CellAddr{r, c};
            });
        }
        if (cache) {
            try {
                cache->found.push_back({s.id, std::string(w), hit});
            } catch (const std::exception&) {
            }
        }
    }
    if (!hit) return 0;
    lua_pushstring(L, cell_text(*hit).c_str());
    lua_pushinteger(L, hit->row + 1);
    lua_pushinteger(L, hit->col + 1);
    return 3;
}

void new_meta(lua_State* L, const char* name, const luaL_Reg* methods, lua_CFunction index) {
    luaL_newmetatable(L, name);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    if (index) {
        lua_pushcclosure(L, index, 1);
    }
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
}

}  // namespace

void open_views(lua_State* L) {
    static const luaL_Reg range_methods[] = {{"rows", range_rows},       {"cols", range_cols},
                                             {"get", range_get},         {"values", range_values},
                                             {"numbers", range_numbers}, {"address", range_address},
                                             {"sheet", range_sheet},     {nullptr, nullptr}};
    new_meta(L, kRangeMeta, range_methods, range_index);
    lua_pushcfunction(L, range_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, range_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushcfunction(L, range_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);

    static const luaL_Reg wb_methods[] = {{"sheet", wb_sheet}, {"sheets", wb_sheets}, {"names", wb_names},
                                          {"range", wb_range}, {"cell", wb_cell},     {"eval", wb_eval},
                                          {nullptr, nullptr}};
    new_meta(L, kWorkbookMeta, wb_methods, nullptr);
    lua_pop(L, 1);

    static const luaL_Reg sheet_methods[] = {{"cell", sheet_cell}, {"range", sheet_range}, {"name", sheet_name},
                                             {"used", sheet_used}, {"find", sheet_find},   {nullptr, nullptr}};
    new_meta(L, kSheetMeta, sheet_methods, nullptr);
    lua_pop(L, 1);
}

void push_range(lua_State* L, CallContext* ctx, const SheetRange& r) {
    View v;
    v.ctx = ctx;
    v.ref = r;
    v.ref.range = clip(ctx->workbook(), r);
    new_view(L, v);
}

void push_array(lua_State* L, const Array* a) {
    View v;
    v.arr = a;
    v.ref.range = RangeAddr{0, 0, int32_t(a->rows()) - 1, int32_t(a->cols()) - 1};
    new_view(L, v);
}

void push_workbook_range(lua_State* L, const Workbook* wb, const SheetRange& r) {
    View v;
    v.wb = wb;
    v.ref = r;
    v.ref.range = clip(*wb, r);
    new_view(L, v);
}

void push_workbook(lua_State* L, Workbook* wb, Calculator* calc) {
    WorkbookView* w = static_cast<WorkbookView*>(lua_newuserdatauv(L, sizeof(WorkbookView), 0));
    *w = WorkbookView{State::of(L).epoch(), wb, calc};
    luaL_setmetatable(L, kWorkbookMeta);
}

const SheetRange* to_range(lua_State* L, int idx) {
    View* v = static_cast<View*>(luaL_testudata(L, idx, kRangeMeta));
    if (!v || v->arr || v->row || v->epoch != State::of(L).epoch()) return nullptr;
    return &v->ref;
}

}  // namespace sp::lua
