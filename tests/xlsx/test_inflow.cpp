// test_inflow.cpp — a large deflated worksheet is inflated as its row slices are cut
// (xlsx/inflow, read_sheet from a zip entry): it must read exactly as the same part stored
// whole, and damage in the entry (a wrong CRC, a lying size, a cut-off or garbled deflate
// stream) must be reported as that damage, naming the part, not as the bad XML it makes.
#include <catch2/catch.hpp>

#include <cstring>

#include <libdeflate.h>

#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

namespace {

// Rows 1..n: A a number, B a plain formula, C an inline string; about 150 bytes a row.
std::string rows_xml(int n) {
    std::string x;
    for (int i = 1; i <= n; ++i) {
        std::string r = std::to_string(i);
        x += "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + r + ".25</v></c><c r=\"B" + r + "\"><f>A" + r +
             "*2</f><v>0</v></c><c r=\"C" + r + "\" t=\"inlineStr\"><is><t>row " + r + "</t></is></c></row>";
    }
    return x;
}

const char* kSheet = "xl/worksheets/sheet1.xml";

// The package with the sheet part written by `put` (every other part deflated as usual).
template <class Put>
std::string package(const Parts& parts, Put put) {
    return zip_bytes_with(parts, [&](ZipWriter& w, const std::string& name, const std::string& data) {
        if (name == kSheet) put(w, name, data);
        else w.add(name, data, 1700000000);
    });
}

Document read_package(const std::string& bytes) { return read_bytes(std::make_shared<std::string>(bytes), "big.xlsx"); }

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

const int kRows = 40000;  // ~6 MiB of XML: streamed (4 MiB and more), several slices

Parts big_parts(const std::string& rows) {
    Book b;
    b.sheets = {{"Data", rows}};
    b.sheet_extra = "<mergeCells count=\"1\"><mergeCell ref=\"E1:F2\"/></mergeCells>";
    return b.parts();
}

}  // namespace

TEST_CASE("inflow: a large deflated sheet reads as the same part stored whole", "[xlsx][reader][inflow]") {
    Parts parts = big_parts(rows_xml(kRows));
    std::string sheet;
    for (const auto& [n, d] : parts)
        if (n == kSheet) sheet = d;
    REQUIRE(sheet.size() > (size_t(4) << 20));
    std::string deflated = package(parts, [](ZipWriter& w, const std::string& n, const std::string& d) { w.add(n, d, 0); });
    std::string stored = package(parts, [](ZipWriter& w, const std::string& n, const std::string& d) {
        w.add_raw(n, 0, uint32_t(libdeflate_crc32(0, d.data(), d.size())), d.size(), d, 0);
    });
    Document a = read_package(deflated), b = read_package(stored);
    CHECK(a.stats.cells == size_t(kRows) * 3);
    CHECK(a.stats.cells == b.stats.cells);
    CHECK(a.stats.formulas == b.stats.formulas);
    const Workbook &wa = *a.workbook, &wb = *b.workbook;
    size_t differ = 0;
    for (int32_t r = 0; r < kRows; ++r) {
        CellAddr at{r, 0}, f{r, 1}, s{r, 2};
        differ += wa.get(0, at).number() != wb.get(0, at).number();
        differ += wa.formula_text(0, f) != wb.formula_text(0, f);
        differ += wa.get(0, s).string() != wb.get(0, s).string();
    }
    CHECK(differ == 0);
    CHECK(wa.get(0, CellAddr{kRows - 1, 0}).number() == kRows + 0.25);
    CHECK(wa.formula_text(0, CellAddr{kRows - 1, 1}) == "=A" + std::to_string(kRows) + "*2");
    // The part after </sheetData> is read too (after the rows, now).
    REQUIRE(wa.sheet(0).layout().merges.size() == 1);
    CHECK(wb.sheet(0).layout().merges.size() == 1);
}

TEST_CASE("inflow: damage in a large sheet's entry is reported as damage", "[xlsx][reader][inflow][bad]") {
    Parts parts = big_parts(rows_xml(kRows));
    std::string sheet;
    for (const auto& [n, d] : parts)
        if (n == kSheet) sheet = d;
    Deflated good = deflate_part(sheet, 1);
    uint32_t crc = uint32_t(libdeflate_crc32(0, sheet.data(), sheet.size()));
    auto with = [&](uint32_t c, uint64_t size, const std::string& comp) {
        return package(parts, [&](ZipWriter& w, const std::string& n, const std::string&) { w.add_raw(n, 8, c, size, comp, 0); });
    };
    REQUIRE(read_package(with(crc, sheet.size(), good.bytes)).stats.cells == size_t(kRows) * 3);

    SECTION("a wrong CRC") {
        Error e = read_error([&] { read_package(with(crc ^ 1, sheet.size(), good.bytes)); });
        CHECK(e.part == kSheet);
        CHECK(contains(e.what(), "CRC mismatch"));
    }
    SECTION("a declared size smaller than the data") {
        Error e = read_error([&] { read_package(with(crc, sheet.size() - 5000, good.bytes)); });
        CHECK(e.part == kSheet);
        CHECK(contains(e.what(), "beyond its declared size"));
    }
    SECTION("a declared size larger than the data") {
        Error e = read_error([&] { read_package(with(crc, sheet.size() + 5000, good.bytes)); });
        CHECK(e.part == kSheet);
        CHECK(contains(e.what(), "bad deflate data"));
    }
    SECTION("the deflate stream cut off half way: the damage, not the unclosed XML") {
        Error e = read_error([&] { read_package(with(crc, sheet.size(), good.bytes.substr(0, good.bytes.size() / 2))); });
        CHECK(e.part == kSheet);
        CHECK(contains(e.what(), "bad deflate data"));
    }
    SECTION("bytes garbled in the middle: reported as the entry's damage, never as malformed XML") {
        std::string bad = good.bytes;
        for (size_t i = bad.size() / 2; i < bad.size() / 2 + 64; ++i) bad[i] = char(bad[i] ^ 0x5A);
        Error e = read_error([&] { read_package(with(crc, sheet.size(), bad)); });
        CHECK(e.part == kSheet);
        INFO(e.what());
        CHECK((contains(e.what(), "bad deflate data") || contains(e.what(), "CRC mismatch") ||
               contains(e.what(), "beyond its declared size")));
        CHECK(!contains(e.what(), "malformed XML"));
    }
}

TEST_CASE("inflow: bad XML late in a large sheet names the line and the cell near it", "[xlsx][reader][inflow][bad]") {
    std::string rows = rows_xml(kRows);
    std::string at = "<c r=\"A39000\"><v>39000.25</v>";
    size_t p = rows.find(at);
    REQUIRE(p != std::string::npos);
    rows.replace(p, at.size(), "<c r=\"A39000\"><v>39000.25</x>");
    Error e = read_error([&] { read_parts(big_parts(rows)); });
    CHECK(e.part == kSheet);
    CHECK(e.cell == "near A39000");
    CHECK(contains(e.what(), "malformed XML"));

    // And a sheet whose rows never close is "not closed", once all of it is inflated.
    std::string open = rows_xml(kRows);
    Book b;
    b.sheets = {{"Data", open}};
    Parts q = b.parts();
    for (auto& [n, d] : q)
        if (n == kSheet) d = d.substr(0, d.find("</sheetData>"));
    Error u = read_error([&] { read_parts(q); });
    CHECK(u.part == kSheet);
    CHECK(contains(u.what(), "<sheetData> is not closed"));
}
