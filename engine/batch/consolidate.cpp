// consolidate.cpp — 汇总 (see consolidate.h). Units are streamed one at a time: read,
// compared with the template's shape, added into per-cell accumulators, dropped; memory
// does not grow with the number of units.
#include "batch/consolidate.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "batch/append_sheet.h"
#include "batch/reason.h"
#include "batch/report_batch.h"
#include "calc/calculator.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

namespace sp::batch {

namespace {

namespace fs = std::filesystem;

uint64_t key(int32_t r, int32_t c) { return (uint64_t(uint32_t(r)) << 20) | uint32_t(c); }

struct Acc {
    double sum = 0;
    bool any_number = false;
    Value first;             // the first unit's value that is not a number
    bool conflict = false;   // a later unit had another such value
    // Summed cells: units holding text (or an error) there, noted only when other units hold numbers
    // (a summed cell where every unit has text is a text input: 项目名称, 指标 texts).
    std::vector<std::pair<size_t, Value>> odd;
};

struct SheetPlan {
    SheetId sheet = 0;
    std::string name;
    std::unordered_map<uint64_t, std::string> formulas;  // template formula cells -> text
    bool by_layout = false;                              // sum only `sum_cells`
    std::unordered_set<uint64_t> sum_cells, published;
    std::vector<RangeAddr> keep;
    std::unordered_map<uint64_t, Acc> acc;

    bool summed(int32_t r, int32_t c) const {
        for (const RangeAddr& k : keep)
            if (k.contains(r, c)) return false;
        if (published.count(key(r, c))) return false;
        return by_layout ? sum_cells.count(key(r, c)) > 0 : true;
    }
};

std::string where(const std::string& sheet, int32_t r, int32_t c) {
    return quote_sheet_name(sheet) + "!" + cell_text({r, c});
}

// At most 20 characters (UTF-8 code points, never cut inside one).
std::string short_text(const Value& v) {
    std::string s = to_display(v);
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
        if (++chars > 20) return s.substr(0, i) + "…";
    }
    return s;
}

// Applies layout.json (docs/workbooks.md): per sheet body_rows, inputs (A1 ranges), published pairs.
bool apply_layout(const std::string& path, std::vector<SheetPlan>& plans, std::vector<std::string>& notes) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    nlohmann::json doc;
    try {
        std::stringstream ss;
        ss << f.rdbuf();
        doc = nlohmann::json::parse(ss.str());
    } catch (const std::exception& e) {
        throw xlsx::Error(path, "", "", std::string("not a layout file: ") + e.what());
    }
    for (const auto& s : doc.value("sheets", nlohmann::json::array())) {
        std::string name = s.value("name", "");
        SheetPlan* plan = nullptr;
        for (auto& p : plans)
            if (p.name == name) plan = &p;
        if (!plan) continue;
        int32_t first = 0, last = kMaxRows - 1;
        if (auto b = s.find("body_rows"); b != s.end() && b->is_array() && b->size() == 2) {
            first = (*b)[0].get<int32_t>() - 1;
            last = (*b)[1].get<int32_t>() - 1;
        }
        plan->by_layout = true;
        for (const auto& in : s.value("inputs", nlohmann::json::array())) {
            auto r = in.is_string() ? parse_range(in.get<std::string>()) : std::nullopt;
            if (!r || r->rows() * r->cols() > 1000000) continue;
            for (int32_t row = std::max(r->r1, first); row <= std::min(r->r2, last); ++row)
                for (int32_t col = r->c1; col <= r->c2; ++col) plan->sum_cells.insert(key(row, col));
        }
        for (const auto& p : s.value("published", nlohmann::json::array())) {
            auto c = p.is_object() ? parse_cell(p.value("cell", "")) : std::nullopt;
            if (c) plan->published.insert(key(c->row, c->col));
        }
    }
    for (const auto& p : plans)
        if (!p.by_layout) notes.push_back("布局文件未描述工作表 " + p.name + "：其全部常量单元格按数值相加");
    return true;
}

// "Sheet!A1:B5" or "A1:B5" (every sheet).
void apply_keep(const std::vector<std::string>& keep, std::vector<SheetPlan>& plans) {
    for (const std::string& k : keep) {
        std::string sheet, ref = k;
        if (auto bang = k.rfind('!'); bang != std::string::npos) {
            sheet = k.substr(0, bang);
            ref = k.substr(bang + 1);
            if (sheet.size() >= 2 && sheet.front() == '\'' && sheet.back() == '\'') sheet = sheet.substr(1, sheet.size() - 2);
        }
        auto r = parse_range(ref);
        if (!r) throw std::invalid_argument("--keep: not a range: " + k);
        bool found = sheet.empty();
        for (auto& p : plans)
            if (sheet.empty() || p.name == sheet) {
                p.keep.push_back(*r);
                found = true;
            }
        if (!found) throw std::invalid_argument("--keep: the template has no sheet named " + sheet);
    }
}

// The unit's name: a defined name 编制单位/单位名称/实施单位/填报单位, else such a label in the
// first rows of the first sheet with the name beside it (or after "："), else "".
std::string unit_name(const Workbook& wb) {
    static const char* labels[] = {"编制单位", "单位名称", "实施单位", "填报单位"};
    for (const char* l : labels) {
        const DefinedName* n = wb.find_name(l, 0);
        if (!n) continue;
        std::string t;
        for (char ch : n->text)
            if (ch != '$') t += ch;
        if (auto c = wb.resolve_cell(t)) {
            Value v = wb.get(c->sheet, c->cell);
            if (v.is_string() && !v.string().empty()) return std::string(v.string());
        }
    }
    if (wb.sheet_count() == 0) return "";
    const Sheet& sh = wb.sheet(0);
    for (int32_t r = 0; r < 8; ++r)
        for (int32_t c = 0; c < 20; ++c) {
            Value v = sh.get(r, c);
            if (!v.is_string()) continue;
            std::string s(v.string());
            for (const char* l : labels) {
                std::string label(l);
                if (s.rfind(label, 0) != 0) continue;
                std::string rest = s.substr(label.size());
                for (const char* colon : {"：", ":"})
                    if (rest.rfind(colon, 0) == 0) rest = rest.substr(std::string(colon).size());
                if (!rest.empty()) return rest;
                for (int32_t k = c + 1; k < c + 12; ++k)
                    if (Value n = sh.get(r, k); n.is_string() && !n.string().empty()) return std::string(n.string());
            }
        }
    return "";
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

// Checks the unit against the template: every sheet present, every template formula there
// with the same text. Returns the reason it does not match ("" when it does); sets
// has_own_formulas when the unit has formulas where the template has constants.
std::string shape_mismatch(const Workbook& u, const std::vector<SheetPlan>& plans, std::vector<SheetId>& ids,
                           bool& has_own_formulas) {
    ids.clear();
    for (const SheetPlan& p : plans) {
        auto s = u.find_sheet(p.name);
        if (!s) return "缺少工作表“" + p.name + "”";
        ids.push_back(*s);
        for (const auto& [k, text] : p.formulas) {
            int32_t r = int32_t(k >> 20), c = int32_t(k & 0xFFFFF);
            std::string got = u.formula_text(*s, {r, c});
            if (got == text) continue;
            if (got.empty()) return where(p.name, r, c) + "：模板为公式 " + text + "，本文件为数值";
            return where(p.name, r, c) + "：公式与模板不同（模板 " + text + "，本文件 " + got + "）";
        }
        const Sheet& sh = u.sheet(*s);
        if (auto used = sh.used_range())
            sh.for_each_formula(*used, [&](int32_t r, int32_t c, uint32_t) {
                if (!p.formulas.count(key(r, c))) has_own_formulas = true;
            });
    }
    return "";
}

}  // namespace

ConsolidateResult consolidate(const std::vector<std::string>& inputs, const std::string& template_path,
                              const std::string& out_path, std::shared_ptr<const lua::PluginSet> plugins,
                              const ConsolidateOptions& opt) {
    ConsolidateResult res;
    std::shared_ptr<FunctionRegistry> registry = plugins ? plugins->registry() : nullptr;
    std::unique_ptr<lua::Runtime> rt = plugins ? std::make_unique<lua::Runtime>(plugins) : nullptr;
    xlsx::ReadOptions ro;
    ro.limits = opt.limits;
    ro.registry = registry.get();

    xlsx::Document tdoc = xlsx::read(template_path, ro);
    Workbook& twb = *tdoc.workbook;
    std::vector<SheetPlan> plans;
    for (SheetId s = 0; s < twb.sheet_count(); ++s) {
        if (s < tdoc.sheets.size() && tdoc.sheets[s].kind != xlsx::SheetKind::Worksheet) continue;
        SheetPlan p;
        p.sheet = s;
        p.name = twb.sheet(s).name();
        const Sheet& sh = twb.sheet(s);
        if (auto used = sh.used_range())
            sh.for_each_formula(*used, [&](int32_t r, int32_t c, uint32_t) { p.formulas[key(r, c)] = twb.formula_text(s, {r, c}); });
        plans.push_back(std::move(p));
    }
    if (opt.use_layout) {
        std::string layout = opt.layout;
        if (layout.empty()) {
            fs::path t(template_path);
            fs::path guess = t.parent_path() / (t.stem().string() + ".layout.json");
            if (fs::exists(guess)) layout = guess.string();
        }
        if (!layout.empty()) {
            if (!apply_layout(layout, plans, res.notes)) throw xlsx::Error(layout, "", "", "cannot open the layout file");
            res.layout_used = layout;
        }
    }
    apply_keep(opt.keep, plans);

    std::vector<SheetId> ids;
    for (const std::string& path : inputs) {
        UnitResult unit;
        unit.path = path;
        if (same_file(path, template_path)) {  // a folder holding the template too
            res.notes.push_back(path + " 是模板本身，未计入");
            continue;
        }
        try {
            xlsx::Document udoc = xlsx::read(path, ro);
            Workbook& u = *udoc.workbook;
            unit.unit = unit_name(u);
            bool own_formulas = false;
            unit.reason = shape_mismatch(u, plans, ids, own_formulas);
            if (unit.reason.empty()) {
                if (own_formulas) {  // a unit's =100+20 in an input cell counts with its value, recomputed
                    Calculator calc(u);
                    if (rt) calc.set_host(&rt->host(), rt.get());
                    calc.recalc_full();
                }
                for (size_t i = 0; i < plans.size(); ++i) {
                    SheetPlan& p = plans[i];
                    const Sheet& sh = u.sheet(ids[i]);
                    auto used = sh.used_range();
                    if (!used) continue;
                    sh.for_each(*used, [&](int32_t r, int32_t c, const CellView& view) {
                        uint64_t k = key(r, c);
                        if (p.formulas.count(k)) return;
                        Value v = view.value();
                        Acc& a = p.acc[k];
                        if (p.published.count(k)) return;
                        bool summed = p.summed(r, c);
                        if (summed && v.is_number()) {
                            a.sum += v.number();
                            a.any_number = true;
                            ++unit.numbers;
                            return;
                        }
                        if (summed && a.odd.size() < 50) a.odd.push_back({res.units.size(), v});
                        if (a.first.is_empty()) a.first = v;
                        else if (!a.first.same_as(v)) a.conflict = true;
                    });
                }
                unit.included = true;
                ++res.included;
            }
        } catch (const std::exception& e) {
            // The reviewer's sentence (Chinese, with the place), then the reader's own words.
            unit.reason = "无法读取：" + unreadable_reason(e) + "（" + e.what() + "）";
        }
        res.units.push_back(std::move(unit));
    }
    if (res.included == 0) throw std::runtime_error("no input matches the template " + template_path);
    if (opt.require_all && res.included < res.units.size()) {
        for (const UnitResult& u : res.units)
            if (!u.included) throw std::runtime_error(u.path + ": " + u.reason);
    }

    std::vector<std::tuple<SheetId, uint64_t>> conflicts;  // sorted by sheet, row, column below
    for (SheetPlan& p : plans) {
        const Sheet& sh = twb.sheet(p.sheet);
        for (auto& [k, a] : p.acc) {
            int32_t r = int32_t(k >> 20), c = int32_t(k & 0xFFFFF);
            if (a.any_number) {
                twb.set_value(p.sheet, {r, c}, Value(a.sum));
                ++res.cells_summed;
                for (const auto& [u, v] : a.odd) {
                    auto& notes = res.units[u].notes;
                    if (notes.size() < 20)
                        notes.push_back(where(p.name, r, c) + " 为" + (v.is_string() ? "文本" : "非数值") + "“" +
                                        short_text(v) + "”，未计入");
                }
            } else if (sh.get(r, c).is_empty() && !a.first.is_empty()) {
                if (a.conflict) conflicts.emplace_back(p.sheet, (uint64_t(uint32_t(c)) << 32) | uint32_t(r));
                else twb.set_value(p.sheet, {r, c}, a.first);
            }
        }
    }
    std::sort(conflicts.begin(), conflicts.end());
    for (auto& [sheet, rc] : conflicts)
        res.conflicts.push_back(where(twb.sheet(sheet).name(), int32_t(rc & 0xFFFFFFFF), int32_t(rc >> 32)));

    Calculator calc(twb);
    if (rt) calc.set_host(&rt->host(), rt.get());
    calc.recalc_full();
    xlsx::WriteStats ws = xlsx::write_patched(tdoc, out_path);
    res.cells_not_written = ws.cells_not_written;

    if (!opt.summary_sheet.empty()) {
        PlainSheet s;
        s.name = opt.summary_sheet;
        s.column_widths = {6, 44, 40, 10, 14, 60};
        s.rows.push_back({std::string("汇总说明")});
        s.rows.push_back({std::string("模板"), fs::path(template_path).filename().string()});
        s.rows.push_back({std::string("生成时间"), now_text()});
        s.rows.push_back({std::string("已汇总单位"), double(res.included), std::string("未汇总"),
                          double(res.units.size() - res.included)});
        s.rows.push_back({});
        s.rows.push_back({std::string("序号"), std::string("文件"), std::string("编制单位"), std::string("状态"),
                          std::string("计入数值单元格"), std::string("说明")});
        for (size_t i = 0; i < res.units.size(); ++i) {
            const UnitResult& u = res.units[i];
            std::string note = u.reason;
            for (const auto& n : u.notes) note += (note.empty() ? "" : "；") + n;
            s.rows.push_back({double(i + 1), u.path, u.unit, std::string(u.included ? "已汇总" : "未汇总"),
                              u.included ? SheetCellText(double(u.numbers)) : SheetCellText(), note});
        }
        if (!res.conflicts.empty()) {
            s.rows.push_back({});
            std::string list;
            for (size_t i = 0; i < res.conflicts.size() && i < 50; ++i) list += (i ? "、" : "") + res.conflicts[i];
            if (res.conflicts.size() > 50) list += " 等";
            s.rows.push_back({std::string("各单位填写不一致、留空的单元格"), list});
        }
        append_sheet(out_path, s);
    }
    return res;
}

}  // namespace sp::batch
