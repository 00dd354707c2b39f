// report_xlsx.cpp — findings as a spreadsheet for reviewers who filter and annotate in Excel.
// Bold header row (frozen), column widths sized for Chinese text, numbers stored as numbers.
#include "check/report_xlsx.h"

#include <algorithm>

#include "check/report_text.h"
#include "core/number_text.h"
#include "model/workbook.h"
#include "xlsx/xlsx.h"

namespace sp::check {

namespace {

struct SheetWriter {
    Workbook& wb;
    SheetId id;
    uint16_t bold;
    int32_t row = 0;
    std::vector<double> widths;

    void header(const std::vector<std::string>& names) {
        for (size_t c = 0; c < names.size(); ++c) {
            wb.set_value(id, {0, int32_t(c)}, Value::string(names[c]));
            wb.sheet(id).set_style(0, int32_t(c), bold);
            widths.push_back(double(display_width(names[c])) + 2);
        }
        row = 1;
        wb.sheet(id).layout().frozen_rows = 1;
    }
    void text(int32_t c, std::string_view s) {
        if (s.empty()) return;
        wb.set_value(id, {row, c}, Value::string(s));
        grow(c, display_width(s));
    }
    // Rendered values that are numbers go in as numbers, so that Excel can sort and sum them.
    void value(int32_t c, std::string_view s) {
        if (auto d = parse_number_text(s); d && s.find('%') == std::string_view::npos) number(c, *d);
        else text(c, s);
    }
    void number(int32_t c, double d) {
        wb.set_value(id, {row, c}, Value(d));
        grow(c, format_general(d).size());
    }
    void grow(int32_t c, size_t w) { widths[c] = std::min(60.0, std::max(widths[c], double(w) + 2)); }
    void finish() {
        for (size_t c = 0; c < widths.size(); ++c) wb.sheet(id).layout().column_widths[int32_t(c)] = widths[c];
    }
};

}  // namespace

void write_report_xlsx(const std::vector<WorkbookReport>& reports, const std::string& path) {
    Workbook wb;
    wb.log_changes(false);
    CellStyle b;
    b.bold = true;
    uint16_t bold = wb.styles().add(b);

    SheetWriter f{wb, wb.add_sheet("审核结果"), bold};
    f.header({"工作簿", "规则", "级别", "工作表", "单元格", "期望值", "实际值", "差额", "容差", "说明"});
    for (const WorkbookReport& r : reports) {
        for (const Finding& x : r.findings) {
            f.text(0, r.path);
            f.text(1, x.rule_id);
            f.text(2, severity_label(x.severity));
            f.text(3, x.sheet);
            f.text(4, x.cell);
            f.value(5, x.expected);
            f.value(6, x.found);
            if (x.has_difference) f.number(7, x.difference);
            if (x.tolerance) f.number(8, x.tolerance);
            f.text(9, x.message);
            ++f.row;
        }
    }
    f.finish();

    SheetWriter s{wb, wb.add_sheet("汇总"), bold};
    s.header({"工作簿", "状态", "错误", "警告", "提示", "缓存值不一致", "适用规则", "无法读取的原因"});
    for (const WorkbookReport& r : reports) {
        s.text(0, r.path);
        s.text(1, status_label(r.status));
        if (r.status != Status::Unreadable) {
            s.number(2, double(r.count(Severity::Error)));
            s.number(3, double(r.count(Severity::Warning)));
            s.number(4, double(r.count(Severity::Info)));
            s.number(5, double(r.stale.size()));
            s.number(6, double(r.rules_applied));
        }
        s.text(7, r.error);
        ++s.row;
    }
    s.finish();

    bool any_stale = std::any_of(reports.begin(), reports.end(), [](const WorkbookReport& r) { return !r.stale.empty(); });
    if (any_stale) {
        SheetWriter t{wb, wb.add_sheet("缓存值不一致"), bold};
        t.header({"工作簿", "工作表", "单元格", "缓存值", "重算值"});
        for (const WorkbookReport& r : reports)
            for (const StaleValue& v : r.stale) {
                t.text(0, r.path);
                t.text(1, v.sheet);
                t.text(2, v.cell);
                t.value(3, v.cached);
                t.value(4, v.recalculated);
                ++t.row;
            }
        t.finish();
    }
    xlsx::write_fresh(wb, path);
}

}  // namespace sp::check
