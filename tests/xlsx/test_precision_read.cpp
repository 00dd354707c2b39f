// test_precision_read.cpp — calcPr fullPrecision="0" read from workbook.xml (precision as
// displayed: results rounded to their cells' formats), and kept by the fresh writer.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

namespace {
// B1:B3 = A/10000 in 0.00 (style 1), B4 their sum in 0.00.
Book book(const std::string& calc_pr) {
    Book b;
    std::string rows;
    for (int r = 1; r <= 3; ++r) {
        std::string n = std::to_string(r);
        rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>14949</v></c><c r=\"B" + n + "\" s=\"1\"><f>A" + n +
                "/10000</f><v>1.4949</v></c></row>";
    }
    rows += "<row r=\"4\"><c r=\"B4\" s=\"1\"><f>SUM(B1:B3)</f><v>4.4847</v></c></row>";
    b.sheets = {{"S", rows}};
    b.after_sheets = calc_pr;
    b.styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
               "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"2\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";
    return b;
}
double b4(Document& d) {
    Calculator(*d.workbook).recalc_full();
    Value v = d.workbook->get(0, {3, 1});
    REQUIRE(v.is_number());
    return v.number();
}
}  // namespace

TEST_CASE("calcPr fullPrecision=\"0\": precision as displayed", "[xlsx][precision]") {
    Document shown = read_parts(book("<calcPr calcId=\"191029\" fullPrecision=\"0\"/>").parts());
    CHECK_FALSE(shown.workbook->settings().full_precision);
    CHECK(b4(shown) == 4.47);

    Document full = read_parts(book("<calcPr calcId=\"191029\"/>").parts());
    CHECK(full.workbook->settings().full_precision);
    CHECK(b4(full) == Approx(4.4847).epsilon(1e-12));
    Document explicit_full = read_parts(book("<calcPr fullPrecision=\"1\"/>").parts());
    CHECK(explicit_full.workbook->settings().full_precision);

    // The fresh writer keeps the flag.
    std::string path = tmp_dir() + "/precision_fresh.xlsx";
    write_fresh(*shown.workbook, path);
    Document again = read(path);
    CHECK_FALSE(again.workbook->settings().full_precision);
    CHECK(b4(again) == 4.47);
}
