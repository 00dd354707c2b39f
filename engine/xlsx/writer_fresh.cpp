// writer_fresh.cpp — write_fresh: a new package from a Workbook alone.
//
// Parts: [Content_Types].xml, _rels/.rels, xl/workbook.xml (+ rels), xl/styles.xml from
// the StyleTable (style id n is cellXfs index n), xl/sharedStrings.xml, one worksheet
// per sheet with frozen panes, column widths, row heights, cells and merges. Formulas
// filled down a column (same compiled program in consecutive rows) are written as one
// shared formula, as Excel does: the master carries the text, the others only "si".
#include <chrono>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "xlsx/cell_value.h"
#include "xlsx/output_file.h"
#include "xlsx/package_patch.h"
#include "xlsx/styles.h"
#include "xlsx/xlsx.h"
#include "xlsx/xml_util.h"
#include "xlsx/zip_writer.h"

namespace sp::xlsx {

namespace {

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

class SharedStrings {
public:
    uint32_t index(std::string_view s) {
        auto it = index_.find(s);
        if (it != index_.end()) return it->second;
        uint32_t id = uint32_t(order_.size());
        order_.push_back(s);
        index_.emplace(s, id);
        return id;
    }
    size_t refs = 0;
    std::string xml() const {
        std::string out = kXmlDecl;
        out += "<sst xmlns=\"" + std::string(kMainNs) + "\" count=\"" + std::to_string(refs) + "\" uniqueCount=\"" +
               std::to_string(order_.size()) + "\">";
        for (auto s : order_) {
            bool edge_space = !s.empty() && (s.front() == ' ' || s.back() == ' ' || s.front() == '\n' || s.back() == '\n');
            out += edge_space ? "<si><t xml:space=\"preserve\">" : "<si><t>";
            append_text(out, s);
            out += "</t></si>";
        }
        out += "</sst>";
        return out;
    }
    bool empty() const { return order_.empty(); }
private:
    std::vector<std::string_view> order_;  // views into the workbook's strings (alive while writing)
    std::unordered_map<std::string_view, uint32_t> index_;
};

void append_uint(std::string& out, uint64_t v) {
    char buf[24];
    char* p = buf + sizeof buf;
    do { *--p = char('0' + v % 10); v /= 10; } while (v);
    out.append(p, size_t(buf + sizeof buf - p));
}

std::string styles_xml(const StyleTable& table) {
    std::vector<std::pair<int, std::string>> custom;  // numFmtId, code
    std::vector<int> fmt_id(table.size());
    std::vector<uint32_t> fills{0};                   // fill ids from 2 on: solid colors
    std::vector<int> fill_id(table.size(), 0);
    for (size_t i = 0; i < table.size(); ++i) {
        const CellStyle& s = table.at(uint16_t(i));
        int id = builtin_number_format_id(s.number_format);
        if (id < 0) {
            for (const auto& [cid, code] : custom)
                if (code == s.number_format) id = cid;
            if (id < 0) {
                id = 164 + int(custom.size());
                custom.emplace_back(id, s.number_format);
            }
        }
        fmt_id[i] = id;
        if (s.fill_rgb) {
            size_t k = 1;
            while (k < fills.size() && fills[k] != s.fill_rgb) ++k;
            if (k == fills.size()) fills.push_back(s.fill_rgb);
            fill_id[i] = int(k) + 1;  // +1: fill 1 is the required gray125
        }
    }
    std::string out = kXmlDecl;
    out += "<styleSheet xmlns=\"" + std::string(kMainNs) + "\">";
    if (!custom.empty()) {
        out += "<numFmts count=\"" + std::to_string(custom.size()) + "\">";
        for (const auto& [id, code] : custom) {
            out += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"";
            append_text(out, code, true);
            out += "\"/>";
        }
        out += "</numFmts>";
    }
    // Fonts: 0 regular, 1 bold, 2 italic, 3 bold italic.
    out += "<fonts count=\"4\">";
    for (int f = 0; f < 4; ++f) {
        out += "<font>";
        if (f & 1) out += "<b/>";
        if (f & 2) out += "<i/>";
        out += "<sz val=\"11\"/><name val=\"宋体\"/><family val=\"2\"/><charset val=\"134\"/></font>";
    }
    out += "</fonts>";
    out += "<fills count=\"" + std::to_string(fills.size() + 1) + "\"><fill><patternFill patternType=\"none\"/></fill>"
           "<fill><patternFill patternType=\"gray125\"/></fill>";
    char rgb[16];
    for (size_t k = 1; k < fills.size(); ++k) {
        std::snprintf(rgb, sizeof rgb, "FF%06X", fills[k] & 0xFFFFFF);
        out += std::string("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"") + rgb +
               "\"/><bgColor indexed=\"64\"/></patternFill></fill>";
    }
    out += "</fills>";
    out += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
           "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
           "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>"
           "</borders>";
    out += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
    out += "<cellXfs count=\"" + std::to_string(table.size()) + "\">";
    static const char* hnames[] = {"general", "left", "center", "right", "fill", "justify", "centerContinuous", "distributed"};
    static const char* vnames[] = {"bottom", "top", "center", "justify", "distributed"};
    for (size_t i = 0; i < table.size(); ++i) {
        const CellStyle& s = table.at(uint16_t(i));
        int font = (s.bold ? 1 : 0) | (s.italic ? 2 : 0);
        out += "<xf numFmtId=\"" + std::to_string(fmt_id[i]) + "\" fontId=\"" + std::to_string(font) + "\" fillId=\"" +
               std::to_string(fill_id[i]) + "\" borderId=\"" + (s.border ? "1" : "0") + "\" xfId=\"0\"";
        if (fmt_id[i]) out += " applyNumberFormat=\"1\"";
        if (font) out += " applyFont=\"1\"";
        if (fill_id[i]) out += " applyFill=\"1\"";
        if (s.border) out += " applyBorder=\"1\"";
        bool align = s.halign != HAlign::General || s.valign != VAlign::Bottom || s.wrap;
        if (!align) { out += "/>"; continue; }
        out += " applyAlignment=\"1\"><alignment";
        if (s.halign != HAlign::General) out += std::string(" horizontal=\"") + hnames[int(s.halign)] + "\"";
        if (s.valign != VAlign::Bottom) out += std::string(" vertical=\"") + vnames[int(s.valign)] + "\"";
        if (s.wrap) out += " wrapText=\"1\"";
        out += "/></xf>";
    }
    out += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
           "<dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";
    return out;
}

class SheetWriter {
public:
    SheetWriter(const Workbook& wb, SheetId s, SharedStrings& sst, bool first)
        : wb_(wb), s_(s), sheet_(wb.sheet(s)), sst_(sst), first_(first) {}

    std::string xml() {
        const SheetLayout& lay = sheet_.layout();
        int32_t ncols = sheet_.column_count(), nrows = 0;
        for (int32_t c = 0; c < ncols; ++c) nrows = std::max(nrows, sheet_.column_extent(c));
        for (const auto& [r, h] : lay.row_heights) nrows = std::max(nrows, r + 1);
        letters_.resize(size_t(ncols));
        for (int32_t c = 0; c < ncols; ++c) letters_[size_t(c)] = column_letters(c);
        run_end_.assign(size_t(ncols), -1);
        run_si_.assign(size_t(ncols), 0);

        out_ = kXmlDecl;
        out_ += "<worksheet xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + kRelNs + "\">";
        if (auto used = sheet_.used_range()) out_ += "<dimension ref=\"" + range_text(*used) + "\"/>";
        out_ += "<sheetViews><sheetView workbookViewId=\"0\"";
        if (first_) out_ += " tabSelected=\"1\"";
        if (lay.frozen_rows > 0 || lay.frozen_cols > 0) {
            const char* pane = lay.frozen_rows > 0 && lay.frozen_cols > 0 ? "bottomRight" : lay.frozen_rows > 0 ? "bottomLeft" : "topRight";
            out_ += "><pane";
            if (lay.frozen_cols > 0) out_ += " xSplit=\"" + std::to_string(lay.frozen_cols) + "\"";
            if (lay.frozen_rows > 0) out_ += " ySplit=\"" + std::to_string(lay.frozen_rows) + "\"";
            out_ += " topLeftCell=\"" + cell_text({lay.frozen_rows, lay.frozen_cols}) + "\" activePane=\"" + pane +
                    "\" state=\"frozen\"/><selection pane=\"" + pane + "\"/></sheetView>";
        } else {
            out_ += "/>";
        }
        out_ += "</sheetViews><sheetFormatPr defaultRowHeight=\"13.5\"/>";
        if (!lay.column_widths.empty()) {
            out_ += "<cols>";
            for (const auto& [c, w] : lay.column_widths) {
                out_ += "<col min=\"" + std::to_string(c + 1) + "\" max=\"" + std::to_string(c + 1) + "\" width=\"";
                append_number(out_, w);
                out_ += "\" customWidth=\"1\"/>";
            }
            out_ += "</cols>";
        }
        out_ += "<sheetData>";
        std::vector<int32_t> cols;  // columns with storage in the current 256-row block
        for (int32_t block = 0; block < nrows; block += Sheet::kChunkRows) {
            cols.clear();
            for (int32_t c = 0; c < ncols; ++c)
                if (sheet_.has_chunk(block, c)) cols.push_back(c);
            int32_t stop = std::min(nrows, block + Sheet::kChunkRows);
            for (int32_t r = block; r < stop; ++r) write_row(r, cols);
        }
        out_ += "</sheetData>";
        if (!lay.merges.empty()) {
            out_ += "<mergeCells count=\"" + std::to_string(lay.merges.size()) + "\">";
            for (const auto& m : lay.merges) out_ += "<mergeCell ref=\"" + range_text(m) + "\"/>";
            out_ += "</mergeCells>";
        }
        out_ += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";
        return std::move(out_);
    }

private:
    void write_row(int32_t r, const std::vector<int32_t>& cols) {
        size_t row_start = out_.size();
        bool any = false;
        auto height = sheet_.layout().row_heights.find(r);
        out_ += "<row r=\"";
        append_uint(out_, uint64_t(r) + 1);
        out_ += '"';
        if (height != sheet_.layout().row_heights.end()) {
            out_ += " ht=\"";
            append_number(out_, height->second);
            out_ += "\" customHeight=\"1\"";
            any = true;
        }
        out_ += '>';
        for (int32_t c : cols) any |= write_cell(r, c);
        if (!any) { out_.resize(row_start); return; }
        out_ += "</row>";
    }

    // Returns false when the cell has nothing to write.
    bool write_cell(int32_t r, int32_t c) {
        CellView v = sheet_.view(r, c);
        uint32_t fidx = sheet_.formula_at(r, c);
        uint16_t style = sheet_.style_at(r, c);
        if (v.type == Type::Empty && fidx == kNoFormula && style == 0) return false;
        Value value = value_for_file(v.value());
        formula_.clear();
        if (fidx != kNoFormula) formula_part(r, c, fidx);
        bool formula = !formula_.empty();
        out_ += "<c r=\"";
        out_ += letters_[size_t(c)];
        append_uint(out_, uint64_t(r) + 1);
        out_ += '"';
        if (style) {
            out_ += " s=\"";
            append_uint(out_, style);
            out_ += '"';
        }
        const char* t = nullptr;
        switch (value.type()) {
            case Type::String: t = formula ? "str" : "s"; break;
            case Type::Bool: t = "b"; break;
            case Type::Error: t = "e"; break;
            default: break;
        }
        if (t) {
            out_ += " t=\"";
            out_ += t;
            out_ += '"';
        }
        if (!formula && value.is_empty()) {
            out_ += "/>";
            return true;
        }
        out_ += '>';
        out_ += formula_;
        switch (value.type()) {
            case Type::Number: out_ += "<v>"; append_number(out_, value.number()); out_ += "</v>"; break;
            case Type::String:
                if (formula) {
                    std::string_view s = value.string();
                    auto edge = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
                    out_ += !s.empty() && (edge(s.front()) || edge(s.back())) ? "<v xml:space=\"preserve\">" : "<v>";
                } else {
                    out_ += "<v>";
                }
                if (formula) append_text(out_, value.string());
                else {  // a view into the sheet's own string, alive while the workbook is
                    append_uint(out_, sst_.index(std::string_view(v.str->data, v.str->size)));
                    ++sst_.refs;
                }
                out_ += "</v>";
                break;
            case Type::Bool: out_ += value.boolean() ? "<v>1</v>" : "<v>0</v>"; break;
            case Type::Error: out_ += "<v>"; out_ += file_error_text(value.error()); out_ += "</v>"; break;
            default: break;
        }
        out_ += "</c>";
        return true;
    }

    void formula_part(int32_t r, int32_t c, uint32_t fidx) {
        const FormulaCell& fc = wb_.formula(fidx);
        if (fc.program == kNoFormula) {
            // Text we could not parse may not parse in Excel either: keep the value only.
            spdlog::warn("{}: formula that does not parse written as its value", wb_.where(s_, {r, c}));
            return;
        }
        if (fc.array) {
            const RangeAddr* ar = wb_.array_range(fidx);
            RangeAddr range = ar ? *ar : RangeAddr{r, c, r, c};
            formula_ += "<f t=\"array\" ref=\"" + range_text(range) + "\">";
            append_text(formula_, text(r, c));
            formula_ += "</f>";
            return;
        }
        size_t k = size_t(c);
        if (run_end_[k] >= r) {  // inside a run found above: same program by construction
            formula_ += "<f t=\"shared\" si=\"";
            append_uint(formula_, run_si_[k]);
            formula_ += "\"/>";
            return;
        }
        // Look down the column: a run of the same program becomes one shared formula.
        int32_t end = r;
        while (end + 1 < kMaxRows) {
            uint32_t next = sheet_.formula_at(end + 1, c);
            if (next == kNoFormula) break;
            const FormulaCell& nf = wb_.formula(next);
            if (nf.program != fc.program || nf.array) break;
            ++end;
        }
        if (end == r) {
            formula_ += "<f>";
            append_text(formula_, text(r, c));
            formula_ += "</f>";
            return;
        }
        run_end_[k] = end;
        run_si_[k] = next_si_++;
        formula_ += "<f t=\"shared\" ref=\"" + range_text({r, c, end, c}) + "\" si=\"";
        append_uint(formula_, run_si_[k]);
        formula_ += "\">";
        append_text(formula_, text(r, c));
        formula_ += "</f>";
    }

    std::string text(int32_t r, int32_t c) const {
        std::string t = wb_.formula_text(s_, {r, c});
        if (!t.empty() && t[0] == '=') t.erase(0, 1);
        return t;
    }

    const Workbook& wb_;
    SheetId s_;
    const Sheet& sheet_;
    SharedStrings& sst_;
    bool first_;
    std::string out_, formula_;
    std::vector<std::string> letters_;
    std::vector<int32_t> run_end_;   // per column: last row of the shared formula being written
    std::vector<uint32_t> run_si_;
    uint32_t next_si_ = 0;
};

}  // namespace

WriteStats write_fresh(const Workbook& wb, const std::string& out_path, const WriteOptions& opts) {
    auto t0 = std::chrono::steady_clock::now();
    WriteStats stats;
    time_t now = std::time(nullptr);
    SharedStrings sst;
    std::vector<Deflated> sheets;
    for (SheetId s = 0; s < wb.sheet_count(); ++s)
        sheets.push_back(deflate_part(SheetWriter(wb, s, sst, s == 0).xml(), opts.deflate_level));

    std::string ct = kXmlDecl;
    ct += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
    for (size_t i = 0; i < sheets.size(); ++i)
        ct += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
              ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
    ct += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
    if (!sst.empty())
        ct += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
    ct += "</Types>";

    std::string root_rels = std::string(kXmlDecl) +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" + kRelType + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

    std::string wb_rels = std::string(kXmlDecl) + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (size_t i = 0; i < sheets.size(); ++i)
        wb_rels += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" + kRelType +
                   "worksheet\" Target=\"worksheets/sheet" + std::to_string(i + 1) + ".xml\"/>";
    size_t next_rel = sheets.size() + 1;
    wb_rels += "<Relationship Id=\"rId" + std::to_string(next_rel++) + "\" Type=\"" + kRelType + "styles\" Target=\"styles.xml\"/>";
    if (!sst.empty())
        wb_rels += "<Relationship Id=\"rId" + std::to_string(next_rel++) + "\" Type=\"" + kRelType +
                   "sharedStrings\" Target=\"sharedStrings.xml\"/>";
    wb_rels += "</Relationships>";

    const CalcSettings& cs = wb.settings();
    std::string wbx = kXmlDecl;
    wbx += "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + kRelNs + "\">";
    wbx += cs.date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>";
    wbx += "<bookViews><workbookView/></bookViews><sheets>";
    for (SheetId s = 0; s < wb.sheet_count(); ++s) {
        wbx += "<sheet name=\"";
        append_text(wbx, wb.sheet(s).name(), true);
        wbx += "\" sheetId=\"" + std::to_string(s + 1) + "\"";
        if (wb.sheet(s).layout().hidden) wbx += " state=\"hidden\"";
        wbx += " r:id=\"rId" + std::to_string(s + 1) + "\"/>";
    }
    wbx += "</sheets>";
    if (!wb.names().empty()) {
        wbx += "<definedNames>";
        for (const auto& n : wb.names()) {
            wbx += "<definedName name=\"";
            append_text(wbx, n.name, true);
            wbx += '"';
            if (n.scope != kNoSheet) wbx += " localSheetId=\"" + std::to_string(n.scope) + "\"";
            if (n.hidden) wbx += " hidden=\"1\"";
            wbx += '>';
            append_text(wbx, n.text);
            wbx += "</definedName>";
        }
        wbx += "</definedNames>";
    }
    wbx += "<calcPr calcId=\"" + std::to_string(kExcelCalcId) + "\"";
    if (cs.iterate) {
        wbx += " iterate=\"1\" iterateCount=\"" + std::to_string(cs.iterate_count) + "\" iterateDelta=\"";
        append_number(wbx, cs.iterate_delta);
        wbx += '"';
    }
    if (opts.full_calc_on_load) wbx += " fullCalcOnLoad=\"1\"";
    if (!cs.full_precision) wbx += " fullPrecision=\"0\"";  // precision as displayed
    wbx += "/></workbook>";

    write_atomically(out_path, [&](FILE* f) {
        ZipWriter z(f, out_path);
        z.add("[Content_Types].xml", ct, now);
        z.add("_rels/.rels", root_rels, now);
        z.add("xl/workbook.xml", wbx, now);
        z.add("xl/_rels/workbook.xml.rels", wb_rels, now);
        z.add("xl/styles.xml", styles_xml(wb.styles()), now);
        if (!sst.empty()) z.add("xl/sharedStrings.xml", sst.xml(), now);
        for (size_t i = 0; i < sheets.size(); ++i) z.add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheets[i], now);
        z.finish();
    });
    stats.parts_rewritten = 6 + sheets.size();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return stats;
}

}  // namespace sp::xlsx
