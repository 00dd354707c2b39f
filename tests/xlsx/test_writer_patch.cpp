// test_writer_patch.cpp — write_patched on small packages: only changed <c> elements are
// rewritten, other parts are copied as compressed bytes, calcChain goes, calcPr is set,
// formula overrides work, output is atomic.
#include <catch2/catch.hpp>

#include <filesystem>

#include "calc/calculator.h"
#include "xlsx/zip_reader.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

namespace {

std::string part_text(const ZipReader& z, const std::string& name) {
    const ZipEntry* e = z.find(name);
    REQUIRE(e);
    return std::string(z.inflate(*e).view());
}

struct Output {
    std::shared_ptr<const std::string> bytes;
    std::unique_ptr<ZipReader> zip;
};

Output open_output(const std::string& path) {
    Output o;
    o.bytes = read_file_bytes(path);
    o.zip = std::make_unique<ZipReader>(o.bytes, path);
    return o;
}

const std::string kSheet =
    "<row r=\"1\" spans=\"1:3\"><c r=\"A1\" s=\"0\"><v>1</v></c><c r=\"B1\"><f>A1*2</f><v>2</v></c>"
    "<c r=\"C1\" t=\"str\"><f>\"x\"&amp;A1</f><v>x1</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\"><f t=\"shared\" ref=\"B2:B3\" si=\"0\">A1+1</f><v>2</v></c></row>"
    "<row r=\"3\"><c r=\"B3\"><f t=\"shared\" si=\"0\"/><v>3</v></c><!-- a comment --></row>";

Book sample() {
    Book b;
    b.sheets = {{"Data", kSheet}, {"Other", "<row r=\"1\"><c r=\"A1\"><v>5</v></c></row>"}};
    b.shared_strings = "<si><t>label</t></si>";
    b.after_sheets = "<calcPr calcId=\"152511\" fullCalcOnLoad=\"1\"/>";
    b.calc_chain = true;
    return b;
}

std::string out_path(const std::string& name) { return tmp_dir() + "/" + name; }

}  // namespace

TEST_CASE("patch: only changed cells are rewritten; other parts are copied compressed", "[xlsx][patch]") {
    Book b = sample();
    std::string in = out_path("patch_in.xlsx"), out = out_path("patch_out.xlsx");
    write_file(in, zip_bytes(b.parts()));
    Document d = read(in);
    Workbook& wb = *d.workbook;
    wb.sheet(0).set(0, 1, Value(0.1 + 0.2));            // B1: a formula's new value
    wb.sheet(0).set(0, 2, Value::string("a<b>&\x01_x0041_"));  // C1: string result with escapes
    WriteStats st = write_patched(d, out);
    CHECK(st.cells_rewritten == 2);

    Output o = open_output(out);
    Output i = open_output(in);
    // Untouched parts: same compressed bytes, same CRC.
    for (const char* name : {"xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "_rels/.rels"}) {
        const ZipEntry* a = i.zip->find(name);
        const ZipEntry* c = o.zip->find(name);
        REQUIRE(a);
        REQUIRE(c);
        CHECK(i.zip->raw(*a) == o.zip->raw(*c));
        CHECK(a->crc == c->crc);
    }
    // The sheet: every byte as before except the two cells.
    std::string expect = part_text(*i.zip, "xl/worksheets/sheet1.xml");
    auto replace = [&](const std::string& from, const std::string& to) {
        auto p = expect.find(from);
        REQUIRE(p != std::string::npos);
        expect.replace(p, from.size(), to);
    };
    replace("<c r=\"B1\"><f>A1*2</f><v>2</v></c>", "<c r=\"B1\"><f>A1*2</f><v>0.30000000000000004</v></c>");
    replace("<c r=\"C1\" t=\"str\"><f>\"x\"&amp;A1</f><v>x1</v></c>",
            "<c r=\"C1\" t=\"str\"><f>\"x\"&amp;A1</f><v>a&lt;b&gt;&amp;_x0001__x005F_x0041_</v></c>");
    CHECK(part_text(*o.zip, "xl/worksheets/sheet1.xml") == expect);
    // calcChain removed with its relationship and content type; calcPr no longer forces a recalc.
    CHECK(o.zip->find("xl/calcChain.xml") == nullptr);
    CHECK(part_text(*o.zip, "xl/_rels/workbook.xml.rels").find("calcChain") == std::string::npos);
    CHECK(part_text(*o.zip, "[Content_Types].xml").find("calcChain") == std::string::npos);
    std::string wbx = part_text(*o.zip, "xl/workbook.xml");
    CHECK(wbx.find("<calcPr calcId=\"191029\"/>") != std::string::npos);
    CHECK(wbx.find("fullCalcOnLoad") == std::string::npos);
    // Entry order is kept (minus calcChain).
    std::vector<std::string> names_in, names_out;
    for (const auto& e : i.zip->entries())
        if (e.name != "xl/calcChain.xml") names_in.push_back(e.name);
    for (const auto& e : o.zip->entries()) names_out.push_back(e.name);
    CHECK(names_in == names_out);

    // Reading the output gives the values written.
    Document back = read(out);
    CHECK(back.workbook->get(0, {0, 1}).number() == 0.1 + 0.2);
    CHECK(back.workbook->get(0, {0, 2}).string() == "a<b>&\x01_x0041_");
    CHECK(back.workbook->get(0, {1, 0}).string() == "label");
    CHECK(back.workbook->formula_text(0, {2, 1}) == "=A2+1");
}

TEST_CASE("patch: an unchanged workbook is copied part for part", "[xlsx][patch]") {
    Book b = sample();
    b.after_sheets = "<calcPr calcId=\"191029\"/>";
    b.calc_chain = false;
    std::string in = out_path("same_in.xlsx"), out = out_path("same_out.xlsx");
    write_file(in, zip_bytes(b.parts()));
    Document d = read(in);
    WriteStats st = write_patched(d, out);
    CHECK(st.cells_rewritten == 0);
    CHECK(st.parts_rewritten == 0);
    Output i = open_output(in), o = open_output(out);
    REQUIRE(i.zip->entries().size() == o.zip->entries().size());
    for (size_t k = 0; k < i.zip->entries().size(); ++k) {
        const ZipEntry& a = i.zip->entries()[k];
        const ZipEntry& c = o.zip->entries()[k];
        CHECK(a.name == c.name);
        CHECK(i.zip->raw(a) == o.zip->raw(c));
    }
}

TEST_CASE("patch: value types, cycles and the full-calc option", "[xlsx][patch]") {
    Book b = sample();
    std::string in = out_path("types_in.xlsx"), out = out_path("types_out.xlsx");
    write_file(in, zip_bytes(b.parts()));
    Document d = read(in);
    Workbook& wb = *d.workbook;
    wb.sheet(0).set(0, 1, Value::boolean(true));        // B1 formula -> TRUE
    wb.sheet(0).set(1, 1, Value::error(Err::Div0));     // B2 -> #DIV/0!
    wb.sheet(0).set(2, 1, Value::error(Err::Cycle));    // B3 -> circular: written as 0
    wb.set_value(0, {0, 0}, Value::string("typed"));    // A1 constant -> inline string
    wb.set_value(1, {0, 0}, Value(-0.0));               // Other!A1 -> 0
    WriteOptions wo;
    wo.full_calc_on_load = true;
    write_patched(d, out, wo);
    Output o = open_output(out);
    std::string x = part_text(*o.zip, "xl/worksheets/sheet1.xml");
    CHECK(x.find("<c r=\"B1\" t=\"b\"><f>A1*2</f><v>1</v></c>") != std::string::npos);
    CHECK(x.find("<c r=\"B2\" t=\"e\"><f t=\"shared\" ref=\"B2:B3\" si=\"0\">A1+1</f><v>#DIV/0!</v></c>") != std::string::npos);
    CHECK(x.find("<c r=\"B3\"><f t=\"shared\" si=\"0\"/><v>0</v></c>") != std::string::npos);
    CHECK(x.find("<c r=\"A1\" s=\"0\" t=\"inlineStr\"><is><t xml:space=\"preserve\">typed</t></is></c>") != std::string::npos);
    CHECK(part_text(*o.zip, "xl/worksheets/sheet2.xml").find("<c r=\"A1\"><v>0</v></c>") != std::string::npos);
    CHECK(part_text(*o.zip, "xl/workbook.xml").find("<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/>") != std::string::npos);
    Document back = read(out);
    CHECK(back.workbook->get(0, {0, 1}).boolean());
    CHECK(back.workbook->get(0, {1, 1}).error() == Err::Div0);
    CHECK(back.workbook->get(0, {2, 1}).number() == 0);
    CHECK(back.workbook->get(0, {0, 0}).string() == "typed");
}

TEST_CASE("patch: formula overrides rewrite or drop <f>, un-sharing touched groups", "[xlsx][patch]") {
    Book b = sample();
    std::string in = out_path("ovr_in.xlsx"), out = out_path("ovr_out.xlsx");
    write_file(in, zip_bytes(b.parts()));
    Document d = read(in);
    WriteOptions wo;
    wo.formula_overrides[{0, {0, 1}}] = std::string("A1*3");  // B1: new text
    wo.formula_overrides[{0, {1, 1}}] = std::nullopt;         // B2 (shared master): value only
    write_patched(d, out, wo);
    Output o = open_output(out);
    std::string x = part_text(*o.zip, "xl/worksheets/sheet1.xml");
    CHECK(x.find("<c r=\"B1\"><f>A1*3</f><v>2</v></c>") != std::string::npos);
    CHECK(x.find("<c r=\"B2\"><v>2</v></c>") != std::string::npos);
    CHECK(x.find("<c r=\"B3\"><f>A2+1</f><v>3</v></c>") != std::string::npos);  // the group's other member, explicit now
    CHECK(x.find("t=\"shared\"") == std::string::npos);
    Document back = read(out);
    CHECK(back.workbook->formula_text(0, {2, 1}) == "=A2+1");
    CHECK(back.workbook->formula_text(0, {1, 1}).empty());
}

TEST_CASE("patch: in place, and failures leave no output", "[xlsx][patch]") {
    Book b = sample();
    std::string path = out_path("inplace.xlsx");
    write_file(path, zip_bytes(b.parts()));
    {
        Document d = read(path);
        d.workbook->sheet(0).set(0, 1, Value(99.0));
        write_patched(d, path);
    }
    CHECK(read(path).workbook->get(0, {0, 1}).number() == 99);
    std::string missing_dir = out_path("no-such-dir/out.xlsx");
    Document d = read(path);
    CHECK_THROWS_AS(write_patched(d, missing_dir), OutputError);
    CHECK_FALSE(std::filesystem::exists(missing_dir));
    // No temporary file is left behind next to a target either.
    for (const auto& e : std::filesystem::directory_iterator(tmp_dir()))
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("patch: #SPILL! and #CALC! behind rich-value metadata (vm) read and write back", "[xlsx][patch][rich]") {
    // Excel stores them as t="e" <v>#VALUE!</v> vm="N" (metadata.xml -> richData).
    std::string in = std::string(SP_SHARED_DIR) + "/conformance/excel-cases/calc_tests/INFORMATION/ERROR.TYPE.xlsx";
    if (!std::filesystem::exists(in)) {
        WARN("no conformance corpus at " SP_SHARED_DIR);
        return;
    }
    Document d = read(in);
    Workbook& wb = *d.workbook;
    CHECK(wb.get(0, {7, 0}).error() == Err::Calc);   // A8: errorType 13
    CHECK(wb.get(0, {13, 0}).error() == Err::Spill); // A14: errorType 8
    wb.sheet(0).set(7, 0, Value::error(Err::Value)); // A8 becomes a plain #VALUE!: the vm goes
    wb.sheet(0).set(13, 0, Value::error(Err::Calc)); // A14 #SPILL! -> #CALC!: the package's #CALC! link (vm 1)
    std::string out = out_path("rich_errors_out.xlsx");
    write_patched(d, out, WriteOptions{});
    Output o = open_output(out);
    std::string x = part_text(*o.zip, "xl/worksheets/sheet1.xml");
    CHECK(x.find("<c r=\"A8\" t=\"e\"><v>#VALUE!</v></c>") != std::string::npos);
    CHECK(x.find("<c r=\"A14\" t=\"e\" vm=\"1\"><v>#VALUE!</v></c>") != std::string::npos);
    CHECK(x.find("#CALC!") == std::string::npos);
    Document back = read(out);
    CHECK(back.workbook->get(0, {7, 0}).error() == Err::Value);
    CHECK(back.workbook->get(0, {13, 0}).error() == Err::Calc);
}

TEST_CASE("patch: a sheet of several MiB, every formula value rewritten, reads back whole", "[xlsx][patch]") {
    // Large parts are rewritten while the pages of the original already copied are given
    // back to the kernel (Bytes::release_prefix): nothing still needed may be lost.
    Book b;
    std::string rows;
    const int n = 80000;
    for (int i = 1; i <= n; ++i) {
        std::string r = std::to_string(i);
        rows += "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + r + "</v></c><c r=\"B" + r + "\"><f>A" + r +
                "*2+0.5</f><v>0</v></c><c r=\"C" + r + "\" t=\"inlineStr\"><is><t>keep " + r + "</t></is></c></row>";
    }
    b.sheets = {{"S", rows}};
    std::string in = out_path("big_in.xlsx"), out = out_path("big_out.xlsx");
    write_file(in, zip_bytes(b.parts()));
    Document d = read(in);
    REQUIRE(rows.size() > (size_t(4) << 20));
    Calculator calc(*d.workbook);
    calc.recalc_full();
    calc.release_graph();
    WriteStats ws = write_patched(d, out, WriteOptions{});
    CHECK(ws.cells_rewritten == size_t(n));
    Document back = read(out);
    size_t bad = 0;
    for (int i = 1; i <= n; ++i) {
        bad += back.workbook->get(0, {i - 1, 1}).number() != i * 2 + 0.5;
        bad += back.workbook->get(0, {i - 1, 2}).string() != "keep " + std::to_string(i);
    }
    CHECK(bad == 0);
    CHECK(back.workbook->formula_text(0, {n - 1, 1}) == "=A" + std::to_string(n) + "*2+0.5");
}
