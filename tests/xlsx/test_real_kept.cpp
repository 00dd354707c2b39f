// test_real_kept.cpp — issue 13 item 0: a formula that parses but uses a construct Suanpan
// does not evaluate keeps the value Excel cached, is reported as an error diagnostic naming
// the construct (the mechanism unparsable formulas use), and formulas depending on it see the
// cached value. Only errors Excel itself computes are written.
#include <catch2/catch.hpp>

#include "calc/calculator.h"
#include "xlsx/zip_reader.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
using namespace sp::xlsx::test;

static Value at(const Document& d, SheetId s, const char* a1) { return d.workbook->get(s, *parse_cell(a1)); }

static bool reported(const Document& d, const char* cell, const char* what) {
    for (const auto& g : d.workbook->diagnostics())
        if (g.level == Diagnostic::Level::Error && g.cell == *parse_cell(cell) &&
            g.message.find(what) != std::string::npos && g.message.find("does not evaluate") != std::string::npos)
            return true;
    return false;
}

TEST_CASE("real: constructs not evaluated keep their cached values and are reported", "[xlsx][real]") {
    Book b;
    b.sheets = {{"S", "<row r=\"1\"><c r=\"A1\"><v>5</v></c>"
                      "<c r=\"B1\"><f>SUM(Table1[Sales])</f><v>42</v></c>"
                      "<c r=\"C1\"><f>B1*2</f><v>84</v></c>"
                      "<c r=\"D1\"><f>CELL(\"filename\",A1)</f><v>13</v></c>"
                      "<c r=\"E1\"><f>[3]!Rate*A1</f><v>0.5</v></c>"
                      "<c r=\"F1\"><f>LinkName+1</f><v>8</v></c>"
                      "<c r=\"G1\"><f>1/0</f><v>3</v></c>"
                      "<c r=\"H1\"><f>NoSuchName</f><v>3</v></c>"
                      "</row>"}};
    b.after_sheets = "<definedNames><definedName name=\"LinkName\">[9]Sheet1!$A$1</definedName></definedNames>";
    Document d = read_parts(b.parts());
    CHECK(reported(d, "B1", "table"));
    CHECK(reported(d, "D1", "CELL(\"filename\")"));
    CHECK(reported(d, "E1", "external workbook name"));
    CHECK(reported(d, "F1", "LinkName"));
    Calculator calc(*d.workbook);
    calc.recalc_full();
    CHECK(at(d, 0, "B1").number() == 42);  // not #NAME? over Excel's 42
    CHECK(at(d, 0, "C1").number() == 84);  // its dependent computes from the kept value
    CHECK(at(d, 0, "D1").number() == 13);
    CHECK(at(d, 0, "E1").number() == 0.5);
    CHECK(at(d, 0, "F1").number() == 8);
    CHECK(at(d, 0, "G1").error() == Err::Div0);  // errors Excel computes are written
    CHECK(at(d, 0, "H1").error() == Err::Name);  // an undefined name is #NAME? in Excel too
    // The formula text is kept for the writer and the reports.
    CHECK(d.workbook->formula_text(0, *parse_cell("B1")) == "SUM(Table1[Sales])");
}

TEST_CASE("real: a rewritten <v> with edge spaces or line breaks keeps xml:space", "[xlsx][real]") {
    Book b;
    b.sheets = {{"S", "<row r=\"1\"><c r=\"A1\" t=\"str\"><f>\" a\"&amp;\"b \"</f><v>old</v></c>"
                      "<c r=\"B1\" t=\"str\"><f>\"x\"&amp;CHAR(10)</f><v>old</v></c>"
                      "<c r=\"C1\" t=\"str\"><f>\"in side\"</f><v>old</v></c></row>"}};
    std::string in = tmp_dir() + "/preserve_in.xlsx", out = tmp_dir() + "/preserve_out.xlsx";
    write_file(in, zip_bytes(b.parts()));
    ReadOptions o;
    Document d = read(in, o);
    Calculator calc(*d.workbook);
    calc.recalc_full();
    write_patched(d, out);
    Document back = read(out, o);
    ZipReader z(read_file_bytes(out), out, {});
    Bytes x = z.inflate(*z.find("xl/worksheets/sheet1.xml"));
    std::string xml(x.begin(), x.size);
    CHECK(xml.find("<v xml:space=\"preserve\"> ab </v>") != std::string::npos);
    CHECK(xml.find("<v xml:space=\"preserve\">x\n</v>") != std::string::npos);
    CHECK(xml.find("<v>in side</v>") != std::string::npos);
    CHECK(at(back, 0, "A1").string() == " ab ");
}

TEST_CASE("real: external references read the link's cached values", "[xlsx][real]") {
    Book b;
    b.sheets = {{"S", "<row r=\"1\"><c r=\"A1\"><f>[1]Sheet1!A1*2</f><v>10</v></c>"
                      "<c r=\"B1\"><f>SUM([1]Sheet1!A1:B2)</f><v>11.5</v></c>"
                      "<c r=\"C1\" t=\"str\"><f>'[1]收入 表'!C3</f><v>乙</v></c>"
                      "<c r=\"D1\"><f>[1]!Rate*100</f><v>5</v></c>"
                      "<c r=\"E1\"><f>[2]Sheet1!A1</f><v>7</v></c>"
                      "<c r=\"F1\"><f>[0]!Local+1</f><v>4</v></c>"
                      "<c r=\"G1\"><f>'[Source.xlsx]Sheet1'!B2</f><v>1.5</v></c>"
                      "</row>"}};
    b.after_sheets = "<externalReferences><externalReference r:id=\"rId200\"/></externalReferences>"
                     "<definedNames><definedName name=\"Local\">3</definedName></definedNames>";
    Parts p = b.parts();
    for (auto& [n, d] : p)
        if (n == "xl/_rels/workbook.xml.rels")
            d.insert(d.find("</Relationships>"),
                     "<Relationship Id=\"rId200\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                     "relationships/externalLink\" Target=\"externalLinks/externalLink1.xml\"/>");
    p.emplace_back("xl/externalLinks/externalLink1.xml",
                   "<?xml version=\"1.0\"?><externalLink " + std::string(kNs) +
                       "><externalBook r:id=\"rId1\"><sheetNames><sheetName val=\"Sheet1\"/><sheetName val=\"收入 表\"/>"
                       "</sheetNames><definedNames><definedName name=\"Rate\" refersTo=\"=Sheet1!$A$2\"/></definedNames>"
                       "<sheetDataSet><sheetData sheetId=\"0\"><row r=\"1\"><cell r=\"A1\"><v>5</v></cell></row>"
                       "<row r=\"2\"><cell r=\"A2\"><v>0.05</v></cell><cell r=\"B2\"><v>1.5</v></cell></row></sheetData>"
                       "<sheetData sheetId=\"1\"><row r=\"3\"><cell r=\"C3\" t=\"str\"><v>乙</v></cell></row></sheetData>"
                       "</sheetDataSet></externalBook></externalLink>");
    p.emplace_back("xl/externalLinks/_rels/externalLink1.xml.rels",
                   "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "externalLinkPath\" Target=\"file:///C:/data/Source.xlsx\" TargetMode=\"External\"/></Relationships>");
    Document d = read_parts(p);
    // the cached values are overwritten with what the link's cache gives (distinct from <v>)
    for (const char* c : {"A1", "B1", "C1", "D1", "G1"}) d.workbook->sheet(0).set(0, parse_cell(c)->col, Value(-1.0));
    Calculator calc(*d.workbook);
    calc.recalc_full();
    CHECK(at(d, 0, "A1").number() == 10);
    CHECK(at(d, 0, "B1").number() == Approx(6.55));  // 5 + 0.05 + 1.5 (empty cells are empty)
    CHECK(at(d, 0, "C1").string() == "乙");
    CHECK(at(d, 0, "D1").number() == Approx(5));     // [1]!Rate -> Sheet1!$A$2 of the cache
    CHECK(at(d, 0, "E1").number() == 7);             // no book [2]: kept and reported
    CHECK(reported(d, "E1", "external workbook reference"));
    CHECK(at(d, 0, "F1").number() == 4);             // [0]!Local is this workbook's name
    CHECK(at(d, 0, "G1").number() == 1.5);           // [Source.xlsx] by file name
    bool noted = false;
    for (const auto& g : d.workbook->diagnostics())
        noted |= g.level == Diagnostic::Level::Info && g.message.find("xl/externalLinks/externalLink1.xml") != std::string::npos;
    CHECK(noted);
}
