// criteria.cpp — criteria matching and the conditional aggregates SUMIF, COUNTIF,
// AVERAGEIF, their *IFS forms, MAXIFS, MINIFS, and SUMPRODUCT.
//
// Speed: the criterion is parsed once per call and the range is walked with
// Sheet::for_each (CellView, no Value copies). Workbooks call SUMIF(codes, A2, values)
// thousands of times over the same table, so an equality criterion on a range queried a
// second time within a recalc is answered from a hash index (normalised key -> sum,
// count…) kept in the CallContext's per-recalc scratch storage.
#include "formula/functions/criteria.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <vector>

#include "core/number_text.h"

namespace sp::crit {

// --- text ------------------------------------------------------------------------------

static size_t cp_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;  // stray continuation byte: step over it alone
}

static void put_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

static uint32_t lower_cp(uint32_t cp) {
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;           // Latin-1
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;        // Greek
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                       // Cyrillic
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 0x20;                     // full-width A-Z
    return cp;
}

static void fold_into(std::string_view s, std::string& out) {
    out.clear();
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += (c >= 'A' && c <= 'Z') ? char(c + 32) : char(c);
            ++i;
            continue;
        }
        size_t n = cp_len(c);
        if (i + n > s.size() || n == 1) { out += char(c); ++i; continue; }
        uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        uint32_t low = lower_cp(cp);
        if (low == cp) out.append(s.substr(i, n));
        else put_utf8(out, low);
        i += n;
    }
}

std::string fold(std::string_view s) {
    std::string out;
    fold_into(s, out);
    return out;
}

bool wildcard_match(std::string_view p, std::string_view t) {
    size_t pi = 0, ti = 0, star_p = std::string_view::npos, star_t = 0;
    while (ti < t.size()) {
        if (pi < p.size()) {
            char c = p[pi];
            if (c == '*') { star_p = ++pi; star_t = ti; continue; }
            if (c == '?') { ti += cp_len(static_cast<unsigned char>(t[ti])); ++pi; continue; }
            size_t plen = 1;
            if (c == '~' && pi + 1 < p.size() && (p[pi + 1] == '?' || p[pi + 1] == '*' || p[pi + 1] == '~')) {
                c = p[pi + 1];
                plen = 2;
            }
            if (t[ti] == c) { ++ti; pi += plen; continue; }
        }
        if (star_p == std::string_view::npos) return false;
        // Backtrack: the last '*' swallows one more character (a whole code point).
        star_t += cp_len(static_cast<unsigned char>(t[star_t]));
        ti = star_t;
        pi = star_p;
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

bool has_wildcards(std::string_view p) {
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '~' && i + 1 < p.size()) { ++i; continue; }
        if (p[i] == '*' || p[i] == '?') return true;
    }
    return false;
}

std::string unescape(std::string_view p) {
    std::string out;
    out.reserve(p.size());
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '~' && i + 1 < p.size() && (p[i + 1] == '?' || p[i + 1] == '*' || p[i + 1] == '~')) ++i;
        out += p[i];
    }
    return out;
}

double round15(double x) {
    if (x == 0 || !std::isfinite(x)) return x == 0 ? 0.0 : x;
    double ax = std::fabs(x);
    int e = int(std::floor(std::log10(ax)));
    if (e > 290 || e < -290) return x;
    double scale = std::pow(10.0, 14 - e);
    return std::nearbyint(x * scale) / scale;
}

// --- cells -----------------------------------------------------------------------------

CellView view_of(const Value& v) {
    CellView c;
    switch (v.type()) {
        case Type::Number: c.type = Type::Number; c.num = v.number(); break;
        case Type::String: c.type = Type::String; c.str = v.str_rep(); break;
        case Type::Bool: c.type = Type::Bool; c.b = v.boolean(); break;
        case Type::Error: c.type = Type::Error; c.err = v.error(); break;
        case Type::Array: {
            const Array& a = v.array();
            if (a.rows() && a.cols()) return view_of(a.at(0, 0));
            c.type = Type::Error;
            c.err = Err::Value;
            break;
        }
        default: break;
    }
    return c;
}

bool make_grid(CallContext& ctx, const Operand& arg, Grid& out) {
    out = Grid{};
    if (arg.kind() == Operand::Kind::Ref) {
        const SheetRange& r = arg.ref();
        out.sheet = &ctx.workbook().sheet(r.sheet);
        out.sheet_id = r.sheet;
        out.range = r.range;
        out.rows = r.range.rows();
        out.cols = r.range.cols();
        return true;
    }
    if (arg.kind() != Operand::Kind::Value) return false;
    out.array = ctx.to_array(arg);
    out.rows = out.array.rows();
    out.cols = out.array.cols();
    return true;
}

Grid resized(const Grid& base, int64_t rows, int64_t cols) {
    Grid g = base;
    if (g.is_ref()) {
        g.range.r2 = int32_t(std::min<int64_t>(g.range.r1 + rows - 1, kMaxRows - 1));
        g.range.c2 = int32_t(std::min<int64_t>(g.range.c1 + cols - 1, kMaxCols - 1));
        g.rows = rows;  // cells past the grid's edge read as empty
        g.cols = cols;
    } else {
        g.rows = std::min<int64_t>(rows, g.array.rows());
        g.cols = std::min<int64_t>(cols, g.array.cols());
    }
    return g;
}

CellView cell_at(CallContext& ctx, const Grid& g, int64_t i, int64_t j, Value& keep) {
    if (g.is_ref()) {
        int64_t row = g.range.r1 + i, col = g.range.c1 + j;
        if (row > g.range.r2 || col > g.range.c2) return CellView();
        if (g.sheet->formula_at(int32_t(row), int32_t(col)) != kNoFormula) {
            keep = ctx.cell_value(g.sheet_id, int32_t(row), int32_t(col));
            return view_of(keep);
        }
        return g.sheet->view(int32_t(row), int32_t(col));
    }
    if (i >= g.array.rows() || j >= g.array.cols()) return CellView();
    return view_of(g.array.at(uint32_t(i), uint32_t(j)));
}

int64_t used_rows(const Grid& g) {
    if (!g.is_ref()) return g.rows;
    int64_t ext = 0;
    int32_t c_end = std::min<int32_t>(g.range.c2, g.sheet->column_count() - 1);
    for (int32_t c = g.range.c1; c <= c_end; ++c) ext = std::max<int64_t>(ext, g.sheet->column_extent(c));
    return std::clamp<int64_t>(ext - g.range.r1, 0, g.rows);
}

// --- per-recalc indexes -----------------------------------------------------------------

namespace {
struct ScratchKey {
    char tag = 0;
    bool has_b = false;
    SheetId sa = kNoSheet, sb = kNoSheet;
    RangeAddr a, b;
    bool operator==(const ScratchKey&) const = default;
};
struct ScratchSlot {
    ScratchKey key;
    const void* owner = nullptr;  // the scratch map the entry lives in
    std::weak_ptr<void> entry;
};
}  // namespace

void* scratch_lookup(CallContext& ctx, char tag, const Grid& a, const Grid* b, std::shared_ptr<void> (*make)()) {
    ScratchKey key;
    key.tag = tag;
    key.sa = a.sheet_id;
    key.a = a.range;
    if (b) { key.has_b = true; key.sb = b->sheet_id; key.b = b->range; }
    thread_local ScratchSlot cache[64];
    size_t h = size_t(tag) * 31 + key.sa * 7 + size_t(key.a.r1) * 131 + size_t(key.a.c1) * 17 + size_t(key.a.r2) * 3 +
               size_t(key.a.c2) + (b ? size_t(key.b.r1) * 11 + size_t(key.b.c1) * 5 : 0);
    ScratchSlot& slot = cache[h % 64];
    auto& scratch = ctx.scratch();
    if (slot.owner == &scratch && slot.key == key)
        if (auto live = slot.entry.lock()) return live.get();
    std::string text(1, tag);
    for (int64_t n : {int64_t(key.sa), int64_t(key.a.r1), int64_t(key.a.c1), int64_t(key.a.r2), int64_t(key.a.c2),
                      int64_t(key.sb), int64_t(key.b.r1), int64_t(key.b.c1), int64_t(key.b.r2), int64_t(key.b.c2)}) {
        text += '|';
        text += std::to_string(n);
    }
    std::shared_ptr<void>& entry = scratch[text];
    if (!entry) entry = make();
    slot.key = key;
    slot.owner = &scratch;
    slot.entry = entry;
    return entry.get();
}

// --- criteria --------------------------------------------------------------------------

static std::string_view str_of(const CellView& v) { return std::string_view(v.str->data, v.str->size); }

// Folds a cell's text into a reusable buffer (no allocation once warm).
static std::string_view folded(std::string_view s) {
    thread_local std::string buf;
    fold_into(s, buf);
    return buf;
}

template <class T>
static bool compare(Criterion::Op op, const T& a, const T& b) {
    switch (op) {
        case Criterion::Op::Eq: return a == b;
        case Criterion::Op::Ne: return !(a == b);
        case Criterion::Op::Lt: return a < b;
        case Criterion::Op::Le: return a < b || a == b;
        case Criterion::Op::Gt: return b < a;
        case Criterion::Op::Ge: return b < a || a == b;
    }
    return false;
}

namespace {
struct Num {  // a number compared with Excel's 15-digit equality
    double v;
    bool operator==(const Num& o) const { return num_eq(v, o.v); }
    bool operator<(const Num& o) const { return v < o.v && !num_eq(v, o.v); }
};
}  // namespace

bool Criterion::matches(const CellView& v) const {
    switch (kind) {
        case Kind::Nothing: return false;
        case Kind::Empty: {
            bool eq = v.type == Type::Empty;
            return op == Op::Eq ? eq : op == Op::Ne ? !eq : false;
        }
        case Kind::Blank: {
            bool eq = v.type == Type::Empty || (v.type == Type::String && v.str->size == 0);
            return op == Op::Eq ? eq : op == Op::Ne ? !eq : false;
        }
        case Kind::Number:
            if (v.type == Type::Number) return compare(op, Num{v.num}, Num{num});
            // Excel: COUNTIF(r, 23) and "=23" count the text "23" too, but "<>23" still
            // counts it as different and "<30" ignores it (conformance COUNTIF.xlsx).
            if (op == Op::Eq && v.type == Type::String) {
                auto n = coerce_text_to_number(str_of(v), date1904);
                return n && num_eq(*n, num);
            }
            return op == Op::Ne;
        case Kind::Bool:
            if (v.type == Type::Bool) return compare(op, double(v.b), num);
            return op == Op::Ne;
        case Kind::Error:
            if (v.type == Type::Error) return op == Op::Eq ? v.err == err : op == Op::Ne ? v.err != err : false;
            return op == Op::Ne;
        case Kind::Text: {
            if (v.type != Type::String) return op == Op::Ne;
            std::string_view t = folded(str_of(v));
            if (wildcard) {
                bool m = wildcard_match(text, t);
                return op == Op::Eq ? m : !m;
            }
            return compare(op, t, std::string_view(text));
        }
    }
    return false;
}

static bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Criterion parse(const Value& v, bool date1904) {
    Criterion c;
    c.date1904 = date1904;
    switch (v.type()) {
        case Type::Number: c.num = v.number(); return c;
        case Type::Empty: return c;  // an empty criterion cell means = 0
        case Type::Bool: c.kind = Criterion::Kind::Bool; c.num = v.boolean(); return c;
        case Type::Error: c.kind = Criterion::Kind::Error; c.err = v.error(); return c;
        case Type::Array: {
            const Array& a = v.array();
            return parse(a.rows() && a.cols() ? a.at(0, 0) : Value(), date1904);
        }
        case Type::String: break;
    }
    std::string_view s = v.string();
    using Op = Criterion::Op;
    bool has_op = true;
    if (starts_with(s, "<=")) { c.op = Op::Le; s.remove_prefix(2); }
    else if (starts_with(s, ">=")) { c.op = Op::Ge; s.remove_prefix(2); }
    else if (starts_with(s, "<>")) { c.op = Op::Ne; s.remove_prefix(2); }
    else if (starts_with(s, "<")) { c.op = Op::Lt; s.remove_prefix(1); }
    else if (starts_with(s, ">")) { c.op = Op::Gt; s.remove_prefix(1); }
    else if (starts_with(s, "=")) { c.op = Op::Eq; s.remove_prefix(1); }
    else has_op = false;
    bool equality = c.op == Op::Eq || c.op == Op::Ne;
    if (s.empty()) {
        // "" matches blanks and empty strings; "=" only truly empty cells, "<>" any
        // non-empty cell (a formula's "" included); "<", ">" … with nothing match nothing.
        c.kind = !has_op ? Criterion::Kind::Blank : equality ? Criterion::Kind::Empty : Criterion::Kind::Nothing;
        return c;
    }
    if (auto n = coerce_text_to_number(s, date1904)) { c.num = *n; return c; }
    std::string f = fold(s);
    if (f == "true" || f == "false") { c.kind = Criterion::Kind::Bool; c.num = f == "true"; return c; }
    std::string up(s);
    for (char& ch : up) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    if (Err e = error_from_text(up); e != Err::None) {
        c.kind = equality ? Criterion::Kind::Error : Criterion::Kind::Nothing;
        c.err = e;
        return c;
    }
    c.kind = Criterion::Kind::Text;
    c.wildcard = equality && has_wildcards(f);
    c.text = equality && !c.wildcard ? unescape(f) : std::move(f);
    return c;
}

static void number_key(double d, std::string& out) {
    double r = round15(d);
    if (r == 0) r = 0;  // -0 and 0 share a key
    char b[sizeof r];
    std::memcpy(b, &r, sizeof r);
    out.assign(1, 'n');
    out.append(b, sizeof r);
}

void cell_key(const CellView& v, std::string& out, bool numeric_text, bool date1904) {
    switch (v.type) {
        case Type::Number: number_key(v.num, out); return;
        case Type::Bool: out.assign(v.b ? "b1" : "b0"); return;
        case Type::Error: out.assign(1, 'e'); out += char('0' + int(v.err)); return;
        case Type::String: {
            if (numeric_text) {
                if (auto n = coerce_text_to_number(str_of(v), date1904)) { number_key(*n, out); return; }
            }
            out.assign(1, 't');
            out += folded(str_of(v));
            return;
        }
        default: out.clear(); return;
    }
}

void criterion_key(const Criterion& c, std::string& out) {
    switch (c.kind) {
        case Criterion::Kind::Number: number_key(c.num, out); return;
        case Criterion::Kind::Bool: out.assign(c.num != 0 ? "b1" : "b0"); return;
        case Criterion::Kind::Error: out.assign(1, 'e'); out += char('0' + int(c.err)); return;
        case Criterion::Kind::Text: out.assign(1, 't'); out += c.text; return;
        default: out.clear(); return;
    }
}

void add_defs(FunctionRegistry& reg, std::span<const Def> defs, const char* family) {
    for (const Def& d : defs) {
        FunctionDef f;
        f.name = d.name;
        f.impl = d.impl;
        f.min_args = d.min_args;
        f.max_args = d.max_args;
        f.flags = d.flags;
        f.family = family;
        f.description = d.description;
        reg.add(std::move(f));
    }
}

}  // namespace sp::crit

// --- the *IF family --------------------------------------------------------------------

namespace sp {
namespace {

using crit::Criterion;
using crit::Grid;

// What a conditional aggregate gathers over the matching cells.
struct Agg {
    double sum = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    int64_t count = 0;  // matching cells
    int64_t nums = 0;   // numbers among their values
    Err err = Err::None;  // first error among their values (SUMIF propagates it)

    void add(const CellView& v) {
        if (v.type == Type::Number) {
            sum += v.num;
            min = std::min(min, v.num);
            max = std::max(max, v.num);
            ++nums;
        } else if (v.type == Type::Error && err == Err::None) {
            err = v.err;
        }
    }
};

struct Pair {
    Grid grid;
    Criterion crit;
};

// Walks the cells where every criterion holds. Iteration is driven by a criterion that
// does not match empty cells (only the range's stored cells are visited); when all
// match empty cells, the rows up to the last used one are walked and the empty tail
// is counted without being visited.
Agg aggregate(CallContext& ctx, std::span<const Pair> pairs, const Grid* values) {
    Agg agg;
    Value keep, keep2;
    const Pair* driver = nullptr;
    for (const Pair& p : pairs)
        if (!p.crit.matches_empty()) { driver = &p; break; }
    auto others_match = [&](int64_t i, int64_t j) {
        for (const Pair& p : pairs)
            if (&p != driver && !p.crit.matches(crit::cell_at(ctx, p.grid, i, j, keep2))) return false;
        return true;
    };
    const Grid& shape = pairs[0].grid;
    if (driver) {
        crit::for_each_cell(ctx, driver->grid, [&](int64_t i, int64_t j, const CellView& v) {
            if (!driver->crit.matches(v) || (pairs.size() > 1 && !others_match(i, j))) return;
            ++agg.count;
            if (values) agg.add(crit::cell_at(ctx, *values, i, j, keep));
        });
        return agg;
    }
    int64_t used = values ? crit::used_rows(*values) : 0;
    for (const Pair& p : pairs) used = std::max(used, crit::used_rows(p.grid));
    for (int64_t i = 0; i < used; ++i)
        for (int64_t j = 0; j < shape.cols; ++j) {
            if (!others_match(i, j)) continue;
            ++agg.count;
            if (values) agg.add(crit::cell_at(ctx, *values, i, j, keep));
        }
    agg.count += (shape.rows - used) * shape.cols;  // empty cells, matched by every criterion
    return agg;
}

// A hash index of one criteria range (and its value range) for equality criteria:
// normalised cell key -> aggregate of the rows holding it. Built on the second query of
// the same ranges within a recalc, so one-off SUMIFs pay nothing extra.
struct EqIndex {
    int uses = 0;
    bool built = false;
    std::unordered_map<std::string, Agg> map;
    // Criterion value as typed (text or number bits) -> its answer, to skip parsing it again.
    std::unordered_map<std::string, const Agg*> memo;
};

// The memo key of a criterion value; false for values not worth memoising.
bool memo_key(const Value& c, std::string& out) {
    if (c.is_string()) {
        out.assign(1, 's');
        out += c.string();
        return true;
    }
    if (c.is_number()) {
        double d = c.number();
        out.assign(1, 'n');
        out.append(reinterpret_cast<const char*>(&d), sizeof d);
        return true;
    }
    return false;
}

const Agg* indexed(CallContext& ctx, const Pair& pair, const Grid* values) {
    if (!pair.crit.indexable() || !pair.grid.is_ref() || (values && !values->is_ref())) return nullptr;
    auto* idx = crit::scratch_get<EqIndex>(ctx, 'I', pair.grid, values);
    if (idx->uses++ == 0) return nullptr;  // first query: a plain scan is cheaper
    if (!idx->built) {
        std::string k;
        Value keep;
        bool d1904 = ctx.date1904();
        crit::for_each_cell(ctx, pair.grid, [&](int64_t i, int64_t j, const CellView& v) {
            crit::cell_key(v, k, true, d1904);
            Agg& a = idx->map[k];
            ++a.count;
            if (values) a.add(crit::cell_at(ctx, *values, i, j, keep));
        });
        idx->built = true;
    }
    thread_local std::string k;
    crit::criterion_key(pair.crit, k);
    static const Agg none;
    auto it = idx->map.find(k);
    return it == idx->map.end() ? &none : &it->second;
}

Agg aggregate_cached(CallContext& ctx, std::span<const Pair> pairs, const Grid* values) {
    if (pairs.size() == 1)
        if (const Agg* a = indexed(ctx, pairs[0], values)) return *a;
    return aggregate(ctx, pairs, values);
}

enum class Kind { Sum, Count, Average, Max, Min };

Value finish(Kind kind, const Agg& a) {
    switch (kind) {
        case Kind::Count: return Value(double(a.count));
        case Kind::Sum: return a.err != Err::None ? Value::error(a.err) : Value(a.sum);
        case Kind::Average:
            if (a.err != Err::None) return Value::error(a.err);
            return a.nums ? Value(a.sum / double(a.nums)) : Value::error(Err::Div0);
        case Kind::Max:
            if (a.err != Err::None) return Value::error(a.err);
            return a.nums ? Value(a.max) : Value(0.0);
        case Kind::Min:
            if (a.err != Err::None) return Value::error(a.err);
            return a.nums ? Value(a.min) : Value(0.0);
    }
    return Value();
}

// A criterion argument: a value, or an array of them when the argument is an array (or a
// multi-cell range in array mode) — SUMIF(r, {"a";"b"}, s) gives one result per criterion.
Value criterion_value(CallContext& ctx, const Operand& arg) {
    if (arg.kind() == Operand::Kind::Ref && !arg.ref().range.is_cell() && ctx.array_mode())
        return Value::array(ctx.to_array(arg));
    if (arg.is_value()) return arg.value();
    return ctx.scalar(arg);
}

// Runs fn(criterion values) once, or element-wise when some criterion is an array
// (arrays of different sizes broadcast a single row/column; elsewhere #N/A).
template <class F>
Value lift_criteria(const std::vector<Value>& crits, F&& fn) {
    uint32_t rows = 0, cols = 0;
    bool any = false;
    for (const Value& c : crits)
        if (c.is_array()) {
            any = true;
            rows = std::max(rows, c.array().rows());
            cols = std::max(cols, c.array().cols());
        }
    if (!any) return fn(crits);
    Array out(rows, cols);
    std::vector<Value> one(crits.size());
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t c = 0; c < cols; ++c) {
            bool ok = true;
            for (size_t k = 0; k < crits.size(); ++k) {
                if (!crits[k].is_array()) { one[k] = crits[k]; continue; }
                const Array& a = crits[k].array();
                uint32_t rr = a.rows() == 1 ? 0 : r, cc = a.cols() == 1 ? 0 : c;
                if (rr >= a.rows() || cc >= a.cols()) { ok = false; break; }
                one[k] = a.at(rr, cc);
            }
            out.at(r, c) = ok ? fn(one) : Value::error(Err::NA);
        }
    return Value::array(std::move(out));
}

// SUMIF / COUNTIF / AVERAGEIF: (range, criterion [, value_range]).
Operand if_one(CallContext& ctx, Args args, Kind kind) {
    Grid range;
    if (!crit::make_grid(ctx, args[0], range)) return Value::error(Err::Value);
    Grid values;
    bool has_values = kind != Kind::Count;
    if (has_values) {
        if (args.size() > 2 && !args[2].is_missing()) {
            Grid base;
            if (!crit::make_grid(ctx, args[2], base)) return Value::error(Err::Value);
            // Excel: a sum_range of another size is read from its top-left cell with the
            // shape of the criteria range.
            values = crit::resized(base, range.rows, range.cols);
        } else {
            values = range;
        }
    }
    bool d1904 = ctx.date1904();
    Value c = criterion_value(ctx, args[1]);
    const Grid* vals = has_values ? &values : nullptr;
    if (!c.is_array()) {  // the common case, without allocations
        thread_local std::string raw;
        EqIndex* idx = nullptr;
        if (range.is_ref() && (!vals || vals->is_ref()) && memo_key(c, raw)) {
            idx = crit::scratch_get<EqIndex>(ctx, 'I', range, vals);
            if (auto it = idx->memo.find(raw); it != idx->memo.end()) return finish(kind, *it->second);
        }
        const Pair pair{range, crit::parse(c, d1904)};
        if (const Agg* a = indexed(ctx, pair, vals)) {
            if (idx) idx->memo.emplace(raw, a);
            return finish(kind, *a);
        }
        return finish(kind, aggregate(ctx, std::span<const Pair>(&pair, 1), vals));
    }
    std::vector<Value> crits{c};
    return lift_criteria(crits, [&](const std::vector<Value>& one) {
        const Pair pair{range, crit::parse(one[0], d1904)};
        return finish(kind, aggregate_cached(ctx, std::span<const Pair>(&pair, 1), vals));
    });
}

// SUMIFS / AVERAGEIFS / MAXIFS / MINIFS: (values, range1, crit1, …); COUNTIFS: (range1, crit1, …).
Operand if_many(CallContext& ctx, Args args, Kind kind) {
    size_t first = kind == Kind::Count ? 0 : 1;
    if ((args.size() - first) % 2 != 0 || args.size() - first < 2) return Value::error(Err::Value);
    Grid values;
    if (first && !crit::make_grid(ctx, args[0], values)) return Value::error(Err::Value);
    std::vector<Pair> pairs;
    std::vector<Value> crits;
    for (size_t k = first; k < args.size(); k += 2) {
        Pair p;
        if (!crit::make_grid(ctx, args[k], p.grid)) return Value::error(Err::Value);
        // Unlike SUMIF, every range of the *IFS forms must have the same shape.
        const Grid& ref = first ? values : (pairs.empty() ? p.grid : pairs[0].grid);
        if (p.grid.rows != ref.rows || p.grid.cols != ref.cols) return Value::error(Err::Value);
        pairs.push_back(std::move(p));
        crits.push_back(criterion_value(ctx, args[k + 1]));
    }
    bool d1904 = ctx.date1904();
    return lift_criteria(crits, [&](const std::vector<Value>& c) {
        for (size_t k = 0; k < pairs.size(); ++k) pairs[k].crit = crit::parse(c[k], d1904);
        return finish(kind, aggregate_cached(ctx, pairs, first ? &values : nullptr));
    });
}

Operand fn_sumif(CallContext& ctx, Args a) { return if_one(ctx, a, Kind::Sum); }
Operand fn_countif(CallContext& ctx, Args a) { return if_one(ctx, a, Kind::Count); }
Operand fn_averageif(CallContext& ctx, Args a) { return if_one(ctx, a, Kind::Average); }
Operand fn_sumifs(CallContext& ctx, Args a) { return if_many(ctx, a, Kind::Sum); }
Operand fn_countifs(CallContext& ctx, Args a) { return if_many(ctx, a, Kind::Count); }
Operand fn_averageifs(CallContext& ctx, Args a) { return if_many(ctx, a, Kind::Average); }
Operand fn_maxifs(CallContext& ctx, Args a) { return if_many(ctx, a, Kind::Max); }
Operand fn_minifs(CallContext& ctx, Args a) { return if_many(ctx, a, Kind::Min); }

// SUMPRODUCT: arrays of one shape multiplied element-wise and summed; entries that are
// not numbers (text, booleans, blanks) count as 0, errors propagate.
Operand fn_sumproduct(CallContext& ctx, Args args) {
    std::vector<Grid> grids(args.size());
    for (size_t k = 0; k < args.size(); ++k) {
        if (!crit::make_grid(ctx, args[k], grids[k])) return Value::error(Err::Value);
        if (grids[k].rows != grids[0].rows || grids[k].cols != grids[0].cols) return Value::error(Err::Value);
    }
    int64_t used = 0;
    for (const Grid& g : grids) used = std::max(used, crit::used_rows(g));
    used = std::min(used, grids[0].rows);
    double sum = 0;
    Value keep;
    for (int64_t i = 0; i < used; ++i)
        for (int64_t j = 0; j < grids[0].cols; ++j) {
            double prod = 1;
            for (const Grid& g : grids) {
                CellView v = crit::cell_at(ctx, g, i, j, keep);
                if (v.type == Type::Error) return Value::error(v.err);
                prod = v.type == Type::Number ? prod * v.num : 0;
            }
            sum += prod;
        }
    return Value(sum);
}

}  // namespace

void register_criteria_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"SUMIF", fn_sumif, 2, 3, 0, "Sum of the cells whose criteria cell meets a condition"},
        {"SUMIFS", fn_sumifs, 3, 255, 0, "Sum of the cells meeting every condition"},
        {"COUNTIF", fn_countif, 2, 2, 0, "Number of cells meeting a condition"},
        {"COUNTIFS", fn_countifs, 2, 255, 0, "Number of cells meeting every condition"},
        {"AVERAGEIF", fn_averageif, 2, 3, 0, "Average of the cells whose criteria cell meets a condition"},
        {"AVERAGEIFS", fn_averageifs, 3, 255, 0, "Average of the cells meeting every condition"},
        {"MAXIFS", fn_maxifs, 3, 255, 0, "Largest of the cells meeting every condition"},
        {"MINIFS", fn_minifs, 3, 255, 0, "Smallest of the cells meeting every condition"},
        {"SUMPRODUCT", fn_sumproduct, 1, 255, kArrayArgs, "Sum of the element-wise products of arrays"},
    };
    crit::add_defs(reg, defs, "stats");
}

}  // namespace sp
