// test_plain_formulas.cpp — a sheet of several MiB whose formulas are written one per cell
// (no shared formulas): read through the slice pipeline, where their shape keys are parsed
// ahead on the parallel stage, it must give what compiling each text gives — one program per
// shape, the same formula texts, the same values, and the same diagnostics for texts that do
// not parse or call unknown functions — as the same rows read as one small sheet.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

namespace {

// Rows 2..rows+1: A, B numbers; C..H formulas with stale cached values; every 997th row a
// text that does not parse in G; H calls an unknown function; row 1000 has cells without r.
std::string plain_rows(int rows) {
    std::string x;
    for (int r = 2; r <= rows + 1; ++r) {
        std::string n = std::to_string(r);
        x += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + std::to_string(r) + "</v></c><c r=\"B" + n + "\"><v>" +
             std::to_string(r % 7) + ".5</v></c>";
        if (r == 1000) {  // no r attributes: positions follow the cells before
            x += "<c><f>A" + n + "*2</f><v>-1</v></c><c><f>SUM(A" + n + ":B" + n + ")</f><v>-1</v></c></row>";
            continue;
        }
        x += "<c r=\"C" + n + "\"><f>A" + n + "*2</f><v>-1</v></c>";
        x += "<c r=\"D" + n + "\"><f>SUM(A" + n + ":B" + n + ")</f><v>-1</v></c>";
        x += "<c r=\"E" + n + "\"><f>IF(A" + n + "&gt;B" + n + ",C" + n + "-D$2,$B$2)</f><v>-1</v></c>";
        x += "<c r=\"F" + n + "\"><f>ROUND(E" + n + "/3,2)&amp;\"x\"</f><v>-1</v></c>";
        if (r % 997 == 0) x += "<c r=\"G" + n + "\"><f>A" + n + "+</f><v>42</v></c>";
        else x += "<c r=\"G" + n + "\"><f>C" + n + "+D" + n + "</f><v>-1</v></c>";
        x += "<c r=\"H" + n + "\"><f>NOSUCHFUNCTION(A" + n + ")</f><v>-1</v></c></row>";
    }
    return x;
}

Document read_sheet_data(const std::string& rows_xml) {
    Book b;
    b.sheets = {{"Data", rows_xml}};
    return read_parts(b.parts());
}

}  // namespace

TEST_CASE("reader: one formula per cell in a multi-slice sheet", "[xlsx][reader][plain]") {
    const int rows = 20000;  // about 6 MiB of XML: several 1 MiB slices
    std::string xml = plain_rows(rows);
    REQUIRE(xml.size() > (size_t(4) << 20));
    Document big = read_sheet_data(xml);
    const Workbook& wb = *big.workbook;
    CHECK(big.stats.formulas == size_t(rows) * 6 - 4);
    // Six shapes (the unparsable text has none): one program each, however many cells.
    CHECK(wb.program_count() == 6);

    // The same texts read back at their cells, relative references moved with the row.
    CHECK(wb.formula_text(0, *parse_cell("C2")) == "=A2*2");
    CHECK(wb.formula_text(0, *parse_cell("E15000")) == "=IF(A15000>B15000,C15000-D$2,$B$2)");
    CHECK(wb.formula_text(0, *parse_cell("D20001")) == "=SUM(A20001:B20001)");
    CHECK(wb.formula_text(0, *parse_cell("D1000")) == "=SUM(A1000:B1000)");  // no r: placed after C1000

    // Every unparsable text reported (and its cached value kept); the unknown function once.
    size_t bad = 0, unknown = 0;
    for (const auto& d : wb.diagnostics()) {
        if (d.message.find("does not parse") != std::string::npos) ++bad;
        if (d.message.find("unknown function NOSUCHFUNCTION") != std::string::npos) ++unknown;
    }
    size_t expect_bad = 0;
    for (int r = 2; r <= rows + 1; ++r) expect_bad += r % 997 == 0 && r != 1000;
    CHECK(bad == expect_bad);
    CHECK(unknown == 1);

    Calculator calc(*big.workbook);
    calc.recalc_full();
    CHECK(wb.get(0, *parse_cell("C12345")).number() == 24690);
    CHECK(wb.get(0, *parse_cell("D12345")).number() == 12345 + 4.5);
    CHECK(wb.get(0, *parse_cell("G1994")).number() == 42);  // 1994 = 2 * 997: kept
    CHECK(wb.get(0, *parse_cell("H3")).is_error());

    // The same rows (and row 2, which E reads), cut small enough for one slice, agree cell by cell.
    auto row_xml = [&](int r) {
        auto b = xml.find("<row r=\"" + std::to_string(r) + "\">");
        return xml.substr(b, xml.find("</row>", b) + 6 - b);
    };
    for (int first : {2, 9970, 19990}) {
        std::string part = first == 2 ? "" : row_xml(2);
        for (int r = first; r < first + 12; ++r) part += row_xml(r);
        Document small = read_sheet_data(part);
        Calculator(*small.workbook).recalc_full();
        for (int r = first; r < first + 12; ++r)
            for (char col : std::string("CDEFGH")) {
                CellAddr c = *parse_cell(std::string(1, col) + std::to_string(r));
                INFO(col << r);
                CHECK(small.workbook->formula_text(0, c) == wb.formula_text(0, c));
                CHECK(small.workbook->get(0, c).same_as(wb.get(0, c)));
            }
    }
}
