// session.cpp — see session.h.
#include "serve/session.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "check/check_file.h"
#include "check/report_json.h"
#include "check/runner.h"
#include "core/messages.h"
#include "formula/functions/cell_display.h"
#include "serve/api_error.h"
#include "serve/input_text.h"

namespace sp::serve {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr size_t kMaxCellsPerRequest = 200000;

std::string zh(std::string_view key, std::initializer_list<std::string_view> args = {}) {
    return msg::text(msg::Lang::zh, key, args);
}

const char* halign_name(HAlign h) {
    static const char* names[] = {"", "left", "center", "right", "left", "justify", "center", "distributed"};
    return names[int(h)];
}
const char* valign_name(VAlign v) {
    static const char* names[] = {"bottom", "top", "middle", "middle", "middle"};
    return names[int(v)];
}

json style_json(const CellStyle& s) {
    json j = {{"fmt", s.number_format}};
    if (s.bold) j["b"] = 1;
    if (s.italic) j["i"] = 1;
    if (s.border) j["border"] = 1;
    if (s.wrap) j["wrap"] = 1;
    if (!s.locked) j["unlocked"] = 1;
    if (s.fill_rgb & CellStyle::kFillSet) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "#%06x", unsigned(s.fill_rgb & 0xFFFFFF));
        j["fill"] = buf;
    }
    if (s.halign != HAlign::General) j["h"] = halign_name(s.halign);
    j["v"] = valign_name(s.valign);
    return j;
}

json value_json(const Value& v) {
    switch (v.type()) {
        case Type::Number: return v.number();
        case Type::String: return std::string(v.string());
        case Type::Bool: return v.boolean();
        case Type::Error: return std::string(error_text(v.error()));
        default: return nullptr;
    }
}

}  // namespace

Session::Session(const fs::path& file, std::string name, std::shared_ptr<const lua::PluginSet> plugins,
                 const FunctionRegistry* registry)
    : file_(file), name_(std::move(name)), plugins_(std::move(plugins)) {
    xlsx::ReadOptions ro;
    ro.registry = registry;
    doc_ = xlsx::read(file_.string(), ro);
    remember_disk_state();
    runtime_ = std::make_unique<lua::Runtime>(plugins_);
    calc_ = std::make_unique<Calculator>(*doc_.workbook);
    calc_->set_host(&runtime_->host(), runtime_.get());
    calc_->record_changes(true);
    calc_->recalc_full();
    stale_ = check::stale_values(*doc_.workbook, *calc_);
    run_checks();
}

void Session::remember_disk_state() {
    std::error_code ec;
    mtime_ = fs::last_write_time(file_, ec);
    size_ = fs::file_size(file_, ec);
}

void Session::run_checks() {
    check::FnCheck fn = [this](const check::Rule& r, Workbook& w, Calculator& c) { return runtime_->run_check(r, w, c); };
    check::RunStats st;
    findings_ = check::run_checks(plugins_->rules(), *doc_.workbook, *calc_, fn, &st);
    rules_applied_ = st.applied;
}

SheetId Session::sheet_of(const std::string& name) const {
    auto id = doc_.workbook->find_sheet(name);
    if (!id) throw ApiError(404, "unknown_sheet", zh("serve.unknown_sheet", {name}));
    return *id;
}

static RangeAddr range_of(const std::string& text) {
    auto r = parse_range(text);
    if (r) return *r;
    bool ref_like = !text.empty();
    for (char c : text)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '$' && c != ':') ref_like = false;
    if (ref_like) throw ApiError(400, "outside_grid", zh("serve.outside_grid", {text}));
    throw ApiError(400, "not_a_reference", zh("serve.not_ref", {text}));
}

bool Session::editable(SheetId s, CellAddr c) const {
    const Sheet& sh = doc_.workbook->sheet(s);
    if (sh.formula_at(c.row, c.col) != kNoFormula) return false;
    return !sh.layout().protected_sheet || !doc_.workbook->styles().at(sh.style_at(c.row, c.col)).locked;
}

std::string Session::formatted(const Value& v, uint16_t style) const {
    return display_text(v, doc_.workbook->styles().at(style).number_format, doc_.workbook->settings().date1904);
}

json Session::cell_json(SheetId s, int32_t r, int32_t c) const {
    const Sheet& sh = doc_.workbook->sheet(s);
    Value v = sh.get(r, c);
    uint16_t style = sh.style_at(r, c);
    json j = {{"r", r}, {"c", c}};
    if (!v.is_empty()) {
        j["v"] = value_json(v);
        j["t"] = formatted(v, style);
        if (auto rgb = display_color(v, doc_.workbook->styles().at(style).number_format)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "#%06x", unsigned(*rgb));
            j["fc"] = buf;  // the number format's colour: [Red] negatives
        }
        if (v.is_error()) j["err"] = 1;
    }
    if (style) j["s"] = style;
    std::string f = doc_.workbook->formula_text(s, {r, c});
    if (!f.empty()) j["f"] = f;
    if (editable(s, {r, c})) j["e"] = 1;
    return j;
}

json Session::sheets_json() const {
    const Workbook& wb = *doc_.workbook;
    json sheets = json::array();
    for (size_t i = 0; i < wb.sheet_count(); ++i) {
        const Sheet& sh = wb.sheet(SheetId(i));
        const SheetLayout& lay = sh.layout();
        int32_t rows = 0, cols = 0;
        if (auto u = sh.used_range()) { rows = u->r2 + 1; cols = u->c2 + 1; }
        json merges = json::array();
        for (const auto& m : lay.merges) {
            merges.push_back({m.r1, m.c1, m.r2, m.c2});
            rows = std::max(rows, m.r2 + 1);
            cols = std::max(cols, m.c2 + 1);
        }
        json widths = json::object(), heights = json::object();
        for (auto [c, w] : lay.column_widths) widths[std::to_string(c)] = w;
        for (auto [r, h] : lay.row_heights) heights[std::to_string(r)] = h;
        sheets.push_back({{"name", sh.name()}, {"rows", rows}, {"cols", cols}, {"hidden", lay.hidden},
                          {"frozen_rows", lay.frozen_rows}, {"frozen_cols", lay.frozen_cols}, {"merges", merges},
                          {"col_widths", widths}, {"row_heights", heights}, {"hidden_rows", lay.hidden_rows},
                          {"hidden_cols", lay.hidden_cols}, {"protected", lay.protected_sheet}});
    }
    json styles = json::array();
    for (const CellStyle& s : wb.styles().all()) styles.push_back(style_json(s));
    json stale = json::array();
    for (const auto& s : stale_)
        stale.push_back({{"sheet", s.sheet}, {"cell", s.cell}, {"cached", s.cached}, {"recalculated", s.recalculated}});
    json notes = json::array();
    for (const auto& d : wb.diagnostics()) notes.push_back(doc_.where(d) + ": " + d.message);
    json out = {{"file", name_}, {"sheets", sheets}, {"styles", styles}, {"stale", stale}, {"notes", notes},
                {"version", version_}};
    out.update(findings_json());
    return out;
}

json Session::cells_json(const std::string& sheet, const std::string& range) const {
    SheetId s = sheet_of(sheet);
    RangeAddr r = range_of(range);
    size_t area = size_t(r.r2 - r.r1 + 1) * size_t(r.c2 - r.c1 + 1);
    if (area > kMaxCellsPerRequest)
        throw ApiError(400, "range_too_large",
                       zh("serve.range_too_large", {std::to_string(area), std::to_string(kMaxCellsPerRequest)}));
    const Sheet& sh = doc_.workbook->sheet(s);
    json cells = json::array();
    for (int32_t row = r.r1; row <= r.r2; ++row)
        for (int32_t col = r.c1; col <= r.c2; ++col) {
            if (col >= sh.column_count()) break;
            if (sh.view(row, col).type == Type::Empty && !sh.style_at(row, col) &&
                sh.formula_at(row, col) == kNoFormula)
                continue;
            cells.push_back(cell_json(s, row, col));
        }
    return {{"sheet", sh.name()}, {"range", range_text(r)}, {"cells", cells}, {"version", version_}};
}

json Session::precedents_json(const std::string& sheet, const std::string& cell) {
    SheetId s = sheet_of(sheet);
    RangeAddr r = range_of(cell);
    json list = json::array();
    for (const SheetRange& p : calc_->precedents({s, {r.r1, r.c1}}))
        list.push_back({{"sheet", doc_.workbook->sheet(p.sheet).name()}, {"range", range_text(p.range)}});
    return {{"sheet", doc_.workbook->sheet(s).name()}, {"cell", cell_text({r.r1, r.c1})},
            {"formula", doc_.workbook->formula_text(s, {r.r1, r.c1})}, {"precedents", list}};
}

json Session::findings_json() const {
    json list = json::array();
    for (const auto& f : findings_) list.push_back(check::finding_to_json(f));
    return {{"findings", list}, {"rules_applied", rules_applied_}};
}

json Session::edit(const std::string& sheet, const std::string& cell, const json& rows, bool raw,
                   const std::string& view_sheet, const std::string& view_range) {
    auto t0 = std::chrono::steady_clock::now();
    SheetId s = sheet_of(sheet);
    RangeAddr at = range_of(cell);
    Workbook& wb = *doc_.workbook;
    // Validate the whole block before changing anything.
    std::vector<std::pair<CellAddr, Value>> puts;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].is_array()) throw ApiError(400, "bad_value", zh("serve.bad_value", {"values"}));
        for (size_t k = 0; k < rows[i].size(); ++k) {
            CellAddr c{at.r1 + int32_t(i), at.c1 + int32_t(k)};
            std::string where = wb.where(s, c);
            if (c.row >= kMaxRows || c.col >= kMaxCols)
                throw ApiError(400, "outside_grid", zh("serve.outside_grid", {cell_text({std::min(c.row, kMaxRows - 1), std::min(c.col, kMaxCols - 1)})}));
            const json& x = rows[i][k];
            Value v;
            if (x.is_null()) v = Value();
            else if (x.is_boolean()) v = Value::boolean(x.get<bool>());
            else if (x.is_number()) v = Value(x.get<double>());
            else if (x.is_string()) {
                std::string t = x.get<std::string>();
                if (!raw && !t.empty() && t[0] == '=') throw ApiError(400, "formula_typed", zh("serve.formula_typed", {where}));
                v = raw ? (t.empty() ? Value() : Value::string(t)) : typed_value(t, wb.settings());
            } else throw ApiError(400, "bad_value", zh("serve.bad_value", {where}));
            if (!editable(s, c)) {
                bool formula = wb.sheet(s).formula_at(c.row, c.col) != kNoFormula;
                throw ApiError(409, formula ? "not_input" : "locked", zh(formula ? "serve.not_input" : "serve.locked", {where}));
            }
            puts.emplace_back(c, std::move(v));
        }
    }
    for (auto& [c, v] : puts) wb.set_value(s, c, v);
    RecalcStats rs = calc_->recalc();
    auto t1 = std::chrono::steady_clock::now();
    json changed = json::array();
    for (auto& [c, v] : puts) {
        json j = cell_json(s, c.row, c.col);
        j["sheet"] = wb.sheet(s).name();
        changed.push_back(std::move(j));
    }
    const auto& changes = calc_->changes();
    bool truncated = changes.size() > kMaxChangedListed;
    std::optional<SheetId> vs;
    RangeAddr vr{0, 0, -1, -1};
    if (truncated && !view_sheet.empty() && !view_range.empty()) {
        vs = sheet_of(view_sheet);
        vr = range_of(view_range);
    }
    for (const ValueChange& ch : changes) {
        if (truncated && !(vs && ch.cell.sheet == *vs && vr.contains(ch.cell.cell.row, ch.cell.cell.col))) continue;
        json j = cell_json(ch.cell.sheet, ch.cell.cell.row, ch.cell.cell.col);
        j["sheet"] = wb.sheet(ch.cell.sheet).name();
        changed.push_back(std::move(j));
    }
    auto t2 = std::chrono::steady_clock::now();
    run_checks();
    ++version_;
    json out = {{"changed", changed}, {"changed_total", changes.size() + puts.size()}, {"truncated", truncated},
                {"version", version_}};
    out.update(findings_json());
    using ms = std::chrono::duration<double, std::milli>;
    out["ms"] = ms(std::chrono::steady_clock::now() - t0).count();  // everything: validate, recalc, answer, checks
    out["recalc_ms"] = rs.seconds * 1000;
    out["answer_ms"] = ms(t2 - t1).count();
    out["checks_ms"] = ms(std::chrono::steady_clock::now() - t2).count();
    out["evaluated"] = rs.evaluated;
    return out;
}

json Session::save(const fs::path& out, bool over_original, bool force) {
    std::error_code ec;
    if (over_original && !force) {
        auto mt = fs::last_write_time(file_, ec);
        auto sz = fs::file_size(file_, ec);
        if (ec || mt != mtime_ || sz != size_)
            throw ApiError(409, "changed_on_disk", zh("serve.changed_on_disk", {name_}));
    }
    xlsx::WriteStats st;
    try {
        st = xlsx::write_patched(doc_, out.string());
    } catch (const std::exception& e) {
        throw ApiError(500, "write_failed", zh("serve.write_failed", {out.filename().string(), e.what()}));
    }
    if (over_original) remember_disk_state();
    return {{"saved", out.filename().string()}, {"cells_rewritten", st.cells_rewritten},
            {"cells_not_written", st.cells_not_written}, {"seconds", st.seconds}};
}

std::string Session::bytes() {
    fs::path tmp = fs::temp_directory_path() / ("suanpan-serve-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".xlsx");
    try {
        xlsx::write_patched(doc_, tmp.string());
    } catch (const std::exception& e) {
        throw ApiError(500, "write_failed", zh("serve.write_failed", {name_, e.what()}));
    }
    std::ifstream f(tmp, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    std::error_code ec;
    fs::remove(tmp, ec);
    return ss.str();
}

check::WorkbookReport Session::report() const {
    check::WorkbookReport r;
    r.path = name_;
    r.findings = findings_;
    r.stale = stale_;
    r.rules_applied = rules_applied_;
    r.finish();
    return r;
}

}  // namespace sp::serve
