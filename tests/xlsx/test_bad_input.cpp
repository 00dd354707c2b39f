// test_bad_input.cpp — damaged and hostile packages: each read fails with an xlsx::Error
// that names the file, the part and the cell where known; nothing crashes.
#include <catch2/catch.hpp>

#include <libdeflate.h>

#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

namespace {

Book one_sheet(const std::string& data) {
    Book b;
    b.sheets = {{"S", data}};
    return b;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("bad input: not a zip", "[xlsx][bad]") {
    Error e = read_error([] { read_bytes(std::make_shared<std::string>("this is a text file, not a workbook\n"), "notes.xlsx"); });
    CHECK(e.file == "notes.xlsx");
    CHECK(contains(e.what(), "notes.xlsx: not an xlsx file"));
}

TEST_CASE("bad input: truncated zip", "[xlsx][bad]") {
    std::string bytes = zip_bytes(one_sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").parts());
    for (size_t keep : {bytes.size() / 2, bytes.size() - 10}) {
        Error e = read_error([&] { read_bytes(std::make_shared<std::string>(bytes.substr(0, keep)), "cut.xlsx"); });
        CHECK(e.file == "cut.xlsx");
        CHECK(contains(e.what(), "truncated or damaged zip"));
    }
}

TEST_CASE("bad input: a missing file", "[xlsx][bad]") {
    Error e = read_error([] { read(tmp_dir() + "/does-not-exist.xlsx"); });
    CHECK(contains(e.what(), "does-not-exist.xlsx: cannot open"));
}

TEST_CASE("bad input: missing workbook.xml or worksheet", "[xlsx][bad]") {
    Parts p = one_sheet("").parts();
    Parts no_wb, no_sheet;
    for (auto& part : p) {
        if (part.first != "xl/workbook.xml") no_wb.push_back(part);
        if (part.first != "xl/worksheets/sheet1.xml") no_sheet.push_back(part);
    }
    Error e1 = read_error([&] { read_parts(no_wb); });
    CHECK(e1.part == "xl/workbook.xml");
    CHECK(contains(e1.what(), "test.xlsx: xl/workbook.xml: missing workbook part"));
    Error e2 = read_error([&] { read_parts(no_sheet); });
    CHECK(e2.part == "xl/worksheets/sheet1.xml");
    CHECK(contains(e2.what(), "missing worksheet part of sheet 'S'"));
}

TEST_CASE("bad input: zip bombs are refused before inflating", "[xlsx][bad]") {
    std::string rows;
    for (int r = 1; r <= 2000; ++r) rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>0</v></c></row>";
    Parts p = one_sheet(rows).parts();
    SECTION("one entry declares more than the per-entry cap") {
        ReadOptions o;
        o.limits.max_entry = 10000;
        Error e = read_error([&] { read_parts(p, o); });
        CHECK(e.part == "xl/worksheets/sheet1.xml");
        CHECK(contains(e.what(), "over the limit"));
        CHECK(contains(e.what(), "--max-inflated"));
    }
    SECTION("the package in all exceeds the total cap") {
        ReadOptions o;
        o.limits.max_total = 20000;
        Error e = read_error([&] { read_parts(p, o); });
        CHECK(contains(e.what(), "package inflates to more than the limit"));
    }
    SECTION("an entry that inflates beyond its declared size") {
        // 4 MB of zeros deflate to a few KB; the directory claims 100 bytes.
        std::string zeros(4 << 20, '0');
        Deflated d = deflate_part(zeros);
        char buf[65536];
        size_t n;
        // The shared strings part must be referenced for the reader to open it.
        Book b = one_sheet(rows);
        b.shared_strings = "<si><t>x</t></si>";
        std::string with_sst;
        {
            Parts q = b.parts();
            FILE* g = std::tmpfile();
            {
                ZipWriter w(g, "bomb");
                for (const auto& [nm, x] : q)
                    if (nm == "xl/sharedStrings.xml")
                        w.add_raw(nm, 8, libdeflate_crc32(0, zeros.data(), 100), 100, d.bytes, 0);
                    else
                        w.add(nm, x, 0);
                w.finish();
            }
            std::rewind(g);
            while ((n = std::fread(buf, 1, sizeof buf, g)) > 0) with_sst.append(buf, n);
            std::fclose(g);
        }
        Error e = read_error([&] { read_bytes(std::make_shared<std::string>(with_sst), "bomb.xlsx"); });
        CHECK(e.part == "xl/sharedStrings.xml");
        CHECK(contains(e.what(), "beyond its declared size"));
    }
}

TEST_CASE("bad input: malformed XML names the part, the line and the cell near it", "[xlsx][bad]") {
    SECTION("in a worksheet") {
        Error e = read_error([] {
            read_parts(one_sheet("<row r=\"7\">\n<c r=\"B7\"><v>1</v></c>\n<c r=\"C7\"><v>2</x></c></row>").parts());
        });
        CHECK(e.part == "xl/worksheets/sheet1.xml");
        CHECK(e.cell == "near C7");
        CHECK(contains(e.what(), "malformed XML at line 3"));
    }
    SECTION("in a worksheet written on one line") {
        Error e = read_error([] {
            read_parts(one_sheet("<row r=\"7\"><c r=\"B7\"><v>1</v></c><c r=\"C7\"><v>2</x></c></row>").parts());
        });
        CHECK(e.cell == "near C7");
        CHECK(contains(e.what(), "malformed XML at line 1"));
    }
    SECTION("in workbook.xml") {
        Parts p = with_part(one_sheet("").parts(), "xl/workbook.xml", "<workbook><sheets><sheet name=\"S\"</sheets></workbook>");
        Error e = read_error([&] { read_parts(p); });
        CHECK(e.part == "xl/workbook.xml");
        CHECK(contains(e.what(), "malformed XML"));
    }
    SECTION("outside sheetData") {
        Book b = one_sheet("");
        b.sheet_extra = "<mergeCells><mergeCell ref=\"A1:B2\"></mergeCells>";
        Error e = read_error([&] { read_parts(b.parts()); });
        CHECK(e.part == "xl/worksheets/sheet1.xml");
        CHECK(contains(e.what(), "malformed XML"));
    }
}

TEST_CASE("bad input: DOCTYPE and entity declarations are rejected", "[xlsx][bad]") {
    const std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n";
    SECTION("in a worksheet") {
        Parts p = one_sheet("").parts();
        for (auto& [n, x] : p)
            if (n == "xl/worksheets/sheet1.xml") x = bomb + x.substr(x.find("<worksheet"));
        Error e = read_error([&] { read_parts(p); });
        CHECK(e.part == "xl/worksheets/sheet1.xml");
        CHECK(contains(e.what(), "DOCTYPE"));
    }
    SECTION("in the shared strings") {
        Book b = one_sheet("");
        b.shared_strings = "<si><t>&lol2;</t></si>";
        Parts p = b.parts();
        for (auto& [n, x] : p)
            if (n == "xl/sharedStrings.xml") x = bomb + x.substr(x.find("<sst"));
        Error e = read_error([&] { read_parts(p); });
        CHECK(e.part == "xl/sharedStrings.xml");
        CHECK(contains(e.what(), "DOCTYPE"));
    }
}

TEST_CASE("bad input: cell references outside the grid", "[xlsx][bad]") {
    Error e1 = read_error([] { read_parts(one_sheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>").parts()); });
    CHECK(e1.cell == "XFE1");
    CHECK(contains(e1.what(), "test.xlsx: xl/worksheets/sheet1.xml: XFE1: cell reference outside the grid"));
    Error e2 = read_error([] { read_parts(one_sheet("<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>").parts()); });
    CHECK(contains(e2.what(), "outside the grid"));
    Error e3 = read_error([] { read_parts(one_sheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>").parts()); });
    CHECK(contains(e3.what(), "malformed cell reference"));
}

TEST_CASE("bad input: a formula referring beyond the grid is reported and keeps its value", "[xlsx][bad]") {
    Document d = read_parts(one_sheet("<row r=\"1\"><c r=\"A1\"><f>A1048577+1</f><v>7</v></c></row>").parts());
    CHECK(d.workbook->get(0, {0, 0}).number() == 7);
    bool reported = false;
    for (const auto& diag : d.workbook->diagnostics()) reported |= diag.level == Diagnostic::Level::Error && diag.cell == CellAddr{0, 0};
    CHECK(reported);
}
