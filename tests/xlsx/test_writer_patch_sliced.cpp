// test_writer_patch_sliced.cpp — large worksheets are patched and deflated in slices
// (sheet_patch_sliced, deflate_slices): the sheet text written must be byte for byte what
// the one-piece path writes, whether the first change comes in the first slice, late, or
// never, with formula overrides, and with rows that number themselves (no r attribute).
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "xlsx/deflate_slices.h"
#include "xlsx/sheet_patch.h"
#include "xlsx/zip_reader.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

namespace {

constexpr size_t kOnePiece = size_t(1) << 40;  // slice size no sheet reaches: the one-piece path
constexpr size_t kSmallSlice = 16 << 10;       // a ~1 MiB sheet in ~60 slices

// Rows 1..n: A a number, B a plain formula, C an inline string, D a shared formula (one
// group per 100 rows); every 7th row has no r attribute (its number follows the previous
// row's), and a comment sits between some rows.
std::string rows_xml(int n) {
    std::string x;
    for (int i = 1; i <= n; ++i) {
        std::string r = std::to_string(i);
        x += i % 7 == 0 ? "<row>" : "<row r=\"" + r + "\">";
        x += "<c r=\"A" + r + "\"><v>" + r + "</v></c><c r=\"B" + r + "\"><f>A" + r + "*2+0.5</f><v>0</v></c>";
        x += "<c r=\"C" + r + "\" t=\"inlineStr\"><is><t>keep " + r + "</t></is></c>";
        if (i % 100 == 1) x += "<c r=\"D" + r + "\"><f t=\"shared\" ref=\"D" + r + ":D" + std::to_string(i + 99) +
                               "\" si=\"" + std::to_string((i - 1) / 100) + "\">A" + r + "+1</f><v>0</v></c>";
        else x += "<c r=\"D" + r + "\"><f t=\"shared\" si=\"" + std::to_string((i - 1) / 100) + "\"/><v>0</v></c>";
        x += "</row>";
        if (i % 501 == 0) x += "<!-- <row r=\"1\"> in a comment -->";
    }
    return x;
}

struct Written {
    WriteStats stats;
    std::string sheet;  // the sheet part as written, inflated
    std::string raw;    // its compressed bytes
};

Written write_with(const Document& d, const std::string& name, size_t slice, WriteOptions wo = {}) {
    std::string out = tmp_dir() + "/" + name;
    wo.slice_bytes = slice;
    Written w;
    w.stats = write_patched(d, out, wo);
    auto bytes = read_file_bytes(out);
    ZipReader z(bytes, out);
    const ZipEntry* e = z.find("xl/worksheets/sheet1.xml");
    REQUIRE(e);
    w.sheet = std::string(z.inflate(*e).view());
    w.raw = std::string(z.raw(*e));
    return w;
}

Document read_book(int n, const std::string& name) {
    Book b;
    b.sheets = {{"S", rows_xml(n)}};
    std::string in = tmp_dir() + "/" + name;
    write_file(in, zip_bytes(b.parts()));
    return read(in);
}

}  // namespace

TEST_CASE("patch sliced: every value changed gives the one-piece path's bytes", "[xlsx][patch][sliced]") {
    const int n = 12000;
    Document d = read_book(n, "sliced_in.xlsx");
    Calculator calc(*d.workbook);
    calc.recalc_full();
    Written one = write_with(d, "sliced_one.xlsx", kOnePiece);
    Written sliced = write_with(d, "sliced_many.xlsx", kSmallSlice);
    REQUIRE(one.sheet.size() > 40 * kSmallSlice);
    CHECK(one.stats.cells_rewritten == size_t(2 * n));
    CHECK(sliced.stats.cells_rewritten == one.stats.cells_rewritten);
    CHECK(sliced.stats.cells_not_written == one.stats.cells_not_written);
    CHECK(sliced.sheet == one.sheet);
    // And it reads back: the slices joined are one valid deflate stream with the right CRC.
    Document back = read(tmp_dir() + "/sliced_many.xlsx");
    size_t bad = 0;
    for (int i = 1; i <= n; ++i) {
        bad += back.workbook->get(0, {i - 1, 1}).number() != i * 2 + 0.5;
        bad += back.workbook->get(0, {i - 1, 3}).number() != i + 1;
        bad += back.workbook->get(0, {i - 1, 2}).string() != "keep " + std::to_string(i);
    }
    CHECK(bad == 0);
}

TEST_CASE("patch sliced: nothing changed copies the part; a late or middle change waits for it", "[xlsx][patch][sliced]") {
    const int n = 12000;
    Document d = read_book(n, "sliced_late_in.xlsx");
    Calculator calc(*d.workbook);
    calc.recalc_full();
    write_patched(d, tmp_dir() + "/sliced_late_base.xlsx");
    Document base = read(tmp_dir() + "/sliced_late_base.xlsx");  // cached values now right

    Written same = write_with(base, "sliced_same.xlsx", kSmallSlice);
    CHECK(same.stats.cells_rewritten == 0);
    {
        auto bytes = read_file_bytes(tmp_dir() + "/sliced_late_base.xlsx");
        ZipReader z(bytes, "base");
        CHECK(std::string(z.raw(*z.find("xl/worksheets/sheet1.xml"))) == same.raw);  // copied, not recompressed
    }
    for (int row : {n - 1, n / 2, 0}) {  // the last row, one in the middle, the first
        base.workbook->sheet(0).set(row, 1, Value(-1.0));
        Written one = write_with(base, "sliced_late_one.xlsx", kOnePiece);
        Written sliced = write_with(base, "sliced_late_many.xlsx", kSmallSlice);
        CHECK(one.stats.cells_rewritten == 1);
        CHECK(sliced.stats.cells_rewritten == 1);
        CHECK(sliced.sheet == one.sheet);
        CHECK(read(tmp_dir() + "/sliced_late_many.xlsx").workbook->get(0, {row, 1}).number() == -1.0);
        base.workbook->sheet(0).set(row, 1, Value((row + 1) * 2 + 0.5));  // as it was
    }
}

TEST_CASE("patch sliced: formula overrides un-share a group across slices as in one piece", "[xlsx][patch][sliced]") {
    const int n = 12000;
    Document d = read_book(n, "sliced_ovr_in.xlsx");
    WriteOptions wo;
    wo.formula_overrides[{0, {5000, 3}}] = std::string("A5001*3");  // inside the group of D4901:D5000…
    wo.formula_overrides[{0, {100, 1}}] = std::nullopt;             // B101: value only
    Written one = write_with(d, "sliced_ovr_one.xlsx", kOnePiece, wo);
    Written sliced = write_with(d, "sliced_ovr_many.xlsx", kSmallSlice, wo);
    CHECK(sliced.sheet == one.sheet);
    CHECK(sliced.stats.cells_rewritten == one.stats.cells_rewritten);
    CHECK(one.sheet.find("<c r=\"D5001\"><f>A5001*3</f>") != std::string::npos);
}

TEST_CASE("patch sliced: cuts fall before numbered rows only", "[xlsx][patch][sliced]") {
    std::string rows = rows_xml(3000);
    std::string xml = "<?xml version=\"1.0\"?><worksheet " + std::string(kNs) + "><sheetData>" + rows +
                      "</sheetData></worksheet>";
    Workbook wb;
    wb.add_sheet("S");
    std::vector<Value> sst;
    std::unordered_map<uint64_t, std::optional<std::string>> none;
    SheetPatcher p(xml, SheetPatchInput{wb, 0, sst, none});
    std::vector<size_t> cuts = p.cuts(4096);
    REQUIRE(cuts.size() > 10);
    CHECK(cuts.front() == 0);
    CHECK(cuts.back() == xml.size());
    for (size_t i = 1; i + 1 < cuts.size(); ++i) {
        CHECK(xml.compare(cuts[i], 8, "<row r=\"") == 0);
        CHECK(cuts[i] > cuts[i - 1]);
    }
}

TEST_CASE("deflate slices: written as they come into one entry, they inflate to the whole text", "[xlsx][deflate]") {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += std::to_string(i * 7919 % 100003) + (i % 3 ? "," : "\n");
    std::string out = tmp_dir() + "/deflate_slices.zip";
    FILE* f = std::fopen(out.c_str(), "wb");
    {
        ZipWriter w(f, out);
        w.add("before.txt", "first entry", 1700000000);
        w.begin_entry("t.txt", 1700000000);
        uint32_t crc = 0;
        size_t at = 0, step = 70001;
        while (at < text.size()) {
            size_t len = std::min(step, text.size() - at);
            DeflatedSlice s = deflate_slice(std::string_view(text).substr(at, len), 1, at + len == text.size());
            w.write_entry_data(s.bytes);
            crc = at == 0 ? s.crc : crc32_join(crc, s.crc, s.size);
            at += len;
        }
        w.end_entry(crc, text.size());
        w.add("after.txt", "last entry", 1700000000);
        w.finish();
    }
    std::fclose(f);
    auto bytes = read_file_bytes(out);
    ZipReader z(bytes, out);
    CHECK(std::string(z.inflate(*z.find("t.txt")).view()) == text);  // inflate checks the CRC too
    CHECK(std::string(z.inflate(*z.find("after.txt")).view()) == "last entry");
    CHECK(z.find("t.txt")->size == text.size());
}
