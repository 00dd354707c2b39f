// generate.cpp — the template runner: one sandboxed Lua state per call holding the shipped plugin
// functions (their suanpan.func declarations are caught by a small ApiHost), the prelude (N), the
// template's _config.lua and its section files in name order; the Lua document is read back into
// a Document. Views of the workbook live for that one call, as in checks.
#include "narrative/generate.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include "core/messages.h"
#include "lua/api.h"
#include "lua/plugins.h"
#include "lua/range_view.h"
#include "lua/state.h"
#include "model/workbook.h"

namespace sp::narrative {
extern const char* const kPreludeLua;

namespace fs = std::filesystem;

std::string Block::plain() const {
    std::string s;
    for (const Part& p : parts) s += p.text;
    return s;
}

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw Error(msg::text("narrative.cannot_read", {p.string()}));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Catches suanpan.func declarations into the global table __fn (checks are ignored here).
struct Host : lua::ApiHost {
    void on_func(lua_State* L, lua::FuncDecl&& d, int fn) override {
        fn = lua_absindex(L, fn);
        lua_getglobal(L, "__fn");
        lua_pushvalue(L, fn);
        lua_setfield(L, -2, d.name.c_str());
        lua_pop(L, 1);
    }
    void on_check(lua_State*, check::Rule&&, int) override {}
    void on_fail(lua_State* L, int) override { luaL_error(L, "suanpan.fail is for checks"); }
};

std::string str_field(lua_State* L, int t, const char* k, const std::string& def = "") {
    lua_getfield(L, t, k);
    std::string s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : def;
    lua_pop(L, 1);
    return s;
}
double num_field(lua_State* L, int t, const char* k, bool* has = nullptr) {
    lua_getfield(L, t, k);
    bool ok = lua_type(L, -1) == LUA_TNUMBER;
    double d = ok ? lua_tonumber(L, -1) : 0;
    lua_pop(L, 1);
    if (has) *has = ok;
    return d;
}
std::vector<std::string> list_field(lua_State* L, int t, const char* k) {
    std::vector<std::string> out;
    lua_getfield(L, t, k);
    if (lua_istable(L, -1)) {
        for (lua_Integer i = 1;; ++i) {
            lua_rawgeti(L, -1, i);
            if (lua_type(L, -1) != LUA_TSTRING) {
                lua_pop(L, 1);
                break;
            }
            out.emplace_back(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    return out;
}

// Runs a chunk and leaves its first result on the stack; throws Error naming `display`.
void run_chunk(lua_State* L, const std::string& text, const std::string& display, int nargs = 0, int nres = 1) {
    if (luaL_loadbufferx(L, text.data(), text.size(), ("@" + display).c_str(), "t") != LUA_OK)
        throw Error(lua::error_message(L));
    if (nargs) lua_insert(L, -(nargs + 1));
    if (lua_pcall(L, nargs, nres, 0) != LUA_OK) throw Error(lua::error_message(L));
}

Config read_config(lua_State* L, const fs::path& dir) {
    Config c;
    c.name = dir.filename().string();
    c.dir = dir.string();
    fs::path f = dir / "_config.lua";
    run_chunk(L, read_text(f), (dir.parent_path().filename() / c.name / "_config.lua").generic_string());
    int t = lua_gettop(L);
    if (!lua_istable(L, t)) throw Error(msg::text("narrative.bad_template_file", {f.string()}));
    c.template_ = str_field(L, t, "template", c.name);
    c.detect = list_field(L, t, "detect");
    c.detect_any = list_field(L, t, "detect_any");
    c.part = str_field(L, t, "part");
    c.part_start = str_field(L, t, "part_start");
    c.part_end = str_field(L, t, "part_end");
    c.text_marker = str_field(L, t, "text_marker");
    c.text_foreign = list_field(L, t, "text_foreign");
    c.zero_base = str_field(L, t, "zero_base", "100%");
    c.flat = str_field(L, t, "flat", "seed");
    c.year_suffix = str_field(L, t, "year_suffix", "年度");
    lua_getfield(L, t, "required");
    if (lua_istable(L, -1)) {
        c.required_section = str_field(L, lua_gettop(L), "section");
        c.required_items = list_field(L, lua_gettop(L), "items");
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "attr_words");
    if (lua_istable(L, -1)) {
        int a = lua_gettop(L);
        for (lua_Integer i = 1;; ++i) {
            lua_rawgeti(L, a, i);
            if (!lua_istable(L, -1)) {
                lua_pop(L, 1);
                break;
            }
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            if (lua_isstring(L, -2) && lua_isstring(L, -1)) c.attr_words.emplace_back(lua_tostring(L, -2), lua_tostring(L, -1));
            lua_pop(L, 3);
        }
    }
    lua_pop(L, 1);
    // config stays on the stack for the prelude
    return c;
}

std::vector<fs::path> section_files(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec)) {
        auto name = e.path().filename().string();
        if (e.path().extension() == ".lua" && name[0] != '_') files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::optional<double> name_number(const Workbook& wb, const std::string& name) {
    const DefinedName* n = wb.find_name(name, 0);
    if (!n) return std::nullopt;
    std::string ref = n->text;
    if (!ref.empty() && ref[0] == '=') ref.erase(0, 1);
    Value v = wb.get(ref);
    if (v.is_number()) return v.number();
    return std::nullopt;
}
std::string name_text(const Workbook& wb, const std::string& name) {
    const DefinedName* n = wb.find_name(name, 0);
    if (!n) return "";
    std::string ref = n->text;
    if (!ref.empty() && ref[0] == '=') ref.erase(0, 1);
    Value v = wb.get(ref);
    if (v.is_string()) return std::string(v.string());
    if (v.is_number()) {
        std::ostringstream o;
        o << v.number();
        return o.str();
    }
    return "";
}

bool has_sheets(const Workbook& wb, const std::vector<std::string>& sheets) {
    if (sheets.empty()) return false;
    for (const auto& s : sheets)
        if (!wb.find_sheet(s)) return false;
    return true;
}

// One 绩效自评表 as the templates see it: N.performance[i] = {kind, name, budget, executed, score}.
void push_companion(lua_State* L, const Workbook& wb, const std::string& file) {
    lua_newtable(L);
    std::string kind = wb.find_sheet("整体支出绩效自评表") ? "整体支出绩效自评表"
                       : wb.find_sheet("项目支出绩效自评表") ? "项目支出绩效自评表"
                                                            : "";
    lua_pushstring(L, kind.c_str());
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, file.c_str());
    lua_setfield(L, -2, "file");
    std::string name = name_text(wb, kind == "整体支出绩效自评表" ? "单位名称" : "项目名称");
    lua_pushstring(L, name.c_str());
    lua_setfield(L, -2, "name");
    auto set = [&](const char* key, std::optional<double> v) {
        if (!v) return;
        lua_pushnumber(L, *v);
        lua_setfield(L, -2, key);
    };
    bool whole = kind == "整体支出绩效自评表";
    set("budget", name_number(wb, whole ? "全年预算总额" : "全年预算数"));
    set("executed", name_number(wb, whole ? "实际执行总额" : "全年执行数"));
    set("rate", name_number(wb, "预算执行率"));
    set("score", name_number(wb, "总分"));
    set("rate_score", name_number(wb, "预算执行率得分"));
}

Part read_part(lua_State* L, int p, Document& doc) {
    Part part;
    if (lua_type(L, p) == LUA_TSTRING || lua_type(L, p) == LUA_TNUMBER) {
        part.text = lua_tostring(L, p);
        return part;
    }
    if (!lua_istable(L, p)) return part;
    lua_getfield(L, p, "slot");
    bool slot = lua_toboolean(L, -1);
    lua_getfield(L, p, "fig");
    bool fig = lua_toboolean(L, -1);
    lua_pop(L, 2);
    part.text = str_field(L, p, "text");
    if (slot) {
        part.kind = Part::Slot;
    } else if (fig) {
        part.kind = Part::Fig;
        Figure f;
        f.section = str_field(L, p, "section");
        f.subject = str_field(L, p, "subject");
        f.words = list_field(L, p, "words");
        if (f.words.empty()) f.words.push_back(f.subject);
        f.attr = str_field(L, p, "attr");
        f.value = num_field(L, p, "value");
        f.text = part.text;
        f.unit = str_field(L, p, "unit");
        f.cell = str_field(L, p, "cell");
        f.group = str_field(L, p, "group");
        f.kind = str_field(L, p, "kind");
        bool hx = false, hy = false;
        f.x = num_field(L, p, "x", &hx);
        f.y = num_field(L, p, "y", &hy);
        f.has_inputs = hx && hy;
        f.upper = num_field(L, p, "upper", &f.has_upper);
        f.upper_what = str_field(L, p, "upper_what");
        lua_getfield(L, p, "required");
        f.required = lua_toboolean(L, -1);
        lua_pop(L, 1);
        part.figure = int(doc.figures.size());
        doc.figures.push_back(std::move(f));
    }
    return part;
}

void read_doc(lua_State* L, int blocks, int slots, Document& doc) {
    lua_getfield(L, blocks, "expects");
    if (lua_istable(L, -1)) {
        int e = lua_gettop(L);
        for (lua_Integer i = 1;; ++i) {
            lua_rawgeti(L, e, i);
            if (!lua_istable(L, -1)) {
                lua_pop(L, 1);
                break;
            }
            int t = lua_gettop(L);
            doc.expects.push_back({str_field(L, t, "section"), str_field(L, t, "words"), str_field(L, t, "rule"),
                                   list_field(L, t, "names")});
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    for (lua_Integer i = 1;; ++i) {
        lua_rawgeti(L, blocks, i);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 1);
            break;
        }
        int b = lua_gettop(L);
        Block blk;
        std::string kind = str_field(L, b, "kind");
        blk.kind = kind == "heading" ? Block::Heading : kind == "table" ? Block::Table : Block::Para;
        blk.level = int(num_field(L, b, "level"));
        blk.section = str_field(L, b, "section");
        lua_getfield(L, b, blk.kind == Block::Table ? "rows" : "parts");
        int ps = lua_gettop(L);
        if (lua_istable(L, ps)) {
            for (lua_Integer k = 1;; ++k) {
                lua_rawgeti(L, ps, k);
                if (lua_isnil(L, -1)) {
                    lua_pop(L, 1);
                    break;
                }
                if (blk.kind == Block::Table) {
                    std::vector<std::string> row;
                    if (lua_istable(L, -1))
                        for (lua_Integer c = 1;; ++c) {
                            lua_rawgeti(L, -1, c);
                            if (lua_isnil(L, -1)) {
                                lua_pop(L, 1);
                                break;
                            }
                            row.emplace_back(lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
                            lua_pop(L, 1);
                        }
                    blk.rows.push_back(std::move(row));
                } else {
                    blk.parts.push_back(read_part(L, lua_gettop(L), doc));
                }
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 2);
        doc.blocks.push_back(std::move(blk));
    }
    for (lua_Integer i = 1;; ++i) {
        lua_rawgeti(L, slots, i);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 1);
            break;
        }
        doc.slots.push_back({str_field(L, lua_gettop(L), "section"), str_field(L, lua_gettop(L), "what")});
        lua_pop(L, 1);
    }
}

}  // namespace

std::string default_templates_dir() { return (fs::path(lua::PluginSet::shipped_dir()) / "narrative").string(); }

std::vector<Config> list_templates(const std::string& dir) {
    std::vector<Config> out;
    std::error_code ec;
    std::vector<fs::path> dirs;
    for (auto& e : fs::directory_iterator(dir, ec))
        if (e.is_directory() && fs::exists(e.path() / "_config.lua")) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    lua::State st;
    Host host;
    st.api = &host;
    for (auto& d : dirs) {
        st.begin_call();
        out.push_back(read_config(st.L(), d));
        lua_settop(st.L(), 0);
    }
    return out;
}

Config pick_template(const Workbook& wb, const GenerateOptions& opt) {
    std::string dir = opt.templates_dir.empty() ? default_templates_dir() : opt.templates_dir;
    auto all = list_templates(dir);
    if (!opt.template_name.empty()) {
        for (auto& c : all)
            if (c.name == opt.template_name) return c;
        std::string names;
        for (auto& c : all) names += (names.empty() ? "" : ", ") + c.name;
        throw Error(msg::text("narrative.unknown_template", {opt.template_name, dir, names}));
    }
    for (auto& c : all) {
        if (has_sheets(wb, c.detect)) return c;
        for (auto& s : c.detect_any)
            if (wb.find_sheet(s)) return c;
    }
    std::string want;
    for (auto& c : all) {
        std::string s;
        for (auto& d : c.detect) s += (s.empty() ? "" : "+") + d;
        for (auto& d : c.detect_any) s += (s.empty() ? "" : " or ") + d;
        want += (want.empty() ? "" : "; ") + c.name + " (" + s + ")";
    }
    throw Error(msg::text("narrative.no_template", {want}));
}

Document generate(Workbook& wb, const lua::PluginSet& plugins, const GenerateOptions& opt,
                  const std::vector<Companion>& companions) {
    Document doc;
    doc.config = pick_template(wb, opt);
    lua::State st;
    Host host;
    st.api = &host;
    lua_State* L = st.L();
    st.begin_call();
    lua::open_api(L);
    lua::open_views(L);
    lua_newtable(L);
    lua_setglobal(L, "__fn");
    for (const auto& src : plugins.sources()) {
        if (src.display.find("/checks/") != std::string::npos || src.display.find("/narrative/") != std::string::npos)
            continue;
        if (luaL_loadbufferx(L, src.text.data(), src.text.size(), ("@" + src.display).c_str(), "t") != LUA_OK ||
            lua_pcall(L, 0, 0, 0) != LUA_OK)
            lua_pop(L, 1);  // a broken plugin is reported by the plugin loader already
    }
    // prelude(S, FN, CONFIG, wb) -> N
    read_config(L, doc.config.dir);  // pushes the config table
    int cfg = lua_gettop(L);
    if (opt.zero_base) {
        lua_pushstring(L, opt.zero_base->c_str());
        lua_setfield(L, cfg, "zero_base");
        doc.config.zero_base = *opt.zero_base;
    }
    if (opt.flat) {
        lua_pushstring(L, opt.flat->c_str());
        lua_setfield(L, cfg, "flat");
        doc.config.flat = *opt.flat;
    }
    if (luaL_loadbufferx(L, kPreludeLua, std::strlen(kPreludeLua), "=narrative", "t") != LUA_OK)
        throw Error(lua::error_message(L));
    lua_getglobal(L, "suanpan");
    lua_getglobal(L, "__fn");
    lua_pushvalue(L, cfg);
    lua::push_workbook(L, &wb, nullptr);
    if (lua_pcall(L, 4, 1, 0) != LUA_OK) throw Error(lua::error_message(L));
    int N = lua_gettop(L);

    lua_newtable(L);
    int i = 0;
    for (const Companion& c : companions) {
        push_companion(L, *c.wb, c.file);
        lua_rawseti(L, -2, ++i);
    }
    lua_setfield(L, N, "performance");

    // files: { {name=, def=<returned table>}, … }
    lua_newtable(L);
    int files = lua_gettop(L);
    int k = 0;
    for (const auto& f : section_files(doc.config.dir)) {
        std::string display = (fs::path("narrative") / doc.config.name / f.filename()).generic_string();
        run_chunk(L, read_text(f), display);
        if (!lua_istable(L, -1)) throw Error(msg::text("narrative.bad_template_file", {display}));
        lua_getfield(L, -1, "render");
        bool ok = lua_isfunction(L, -1);
        lua_pop(L, 1);
        if (!ok) throw Error(msg::text("narrative.bad_template_file", {display}));
        lua_newtable(L);
        lua_insert(L, -2);
        lua_setfield(L, -2, "def");
        lua_pushstring(L, display.c_str());
        lua_setfield(L, -2, "name");
        lua_rawseti(L, files, ++k);
    }

    std::string year = opt.year_label;
    std::string y = name_text(wb, "年度");
    doc.year = y;
    if (year.empty()) {
        if (!y.empty()) year = y + (doc.config.year_suffix.empty() ? "年度" : doc.config.year_suffix);
    }
    std::string unit = name_text(wb, "编制单位");
    if (unit.empty()) unit = name_text(wb, "单位名称");
    doc.title = unit + (y.empty() ? "" : y + "年度") + doc.config.template_;

    lua_getfield(L, N, "run");
    lua_pushvalue(L, files);
    lua_pushstring(L, year.c_str());
    if (lua_pcall(L, 2, 3, 0) != LUA_OK)
        throw Error(msg::text("narrative.template_failed", {doc.config.name, lua::error_message(L)}));
    read_doc(L, lua_gettop(L) - 2, lua_gettop(L) - 1, doc);
    int ghosts = lua_gettop(L);
    for (lua_Integer g = 1;; ++g) {
        lua_rawgeti(L, ghosts, g);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 1);
            break;
        }
        int t = lua_gettop(L);
        Figure f;
        f.known = false;
        f.section = str_field(L, t, "section");
        f.subject = str_field(L, t, "subject");
        f.words = list_field(L, t, "words");
        if (f.words.empty()) f.words.push_back(f.subject);
        f.attr = str_field(L, t, "attr");
        f.unit = f.attr == "count" ? str_field(L, t, "unit") : "万元";  // a count's unit tells 批次 from 人次
        f.upper = num_field(L, t, "upper", &f.has_upper);
        f.upper_what = str_field(L, t, "upper_what");
        doc.figures.push_back(std::move(f));
        lua_pop(L, 1);
    }
    lua_settop(L, 0);
    return doc;
}

}  // namespace sp::narrative
