// test_info.cpp — information functions through real formulas: the IS… tests over
// every kind of value, ISEVEN/ISODD, ISREF/ISFORMULA (which look at the reference, not
// its value), NA, ERROR.TYPE, TYPE, CELL, SHEET, SHEETS. Expected values are Excel's
// (many from calc_tests/INFORMATION).
#include <catch2/catch.hpp>

#include <string>

#include "calc/calculator.h"
#include "model/workbook.h"

using namespace sp;

namespace {

CellAddr at(const char* a1) { return *parse_cell(a1); }
Value S(const char* t) { return Value::string(t); }
Value B(bool b) { return Value::boolean(b); }

struct Book {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    void set(const char* a1, const Value& v) { wb.set_value(s, at(a1), v); }
    Value eval(const std::string& f, const char* where = "Z1") {
        Calculator calc(wb);
        calc.recalc_full();
        return calc.evaluate(f, s, at(where));
    }
    double num(const std::string& f, const char* where = "Z1") {
        Value v = eval(f, where);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_number());
        return v.number();
    }
    bool truth(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_bool());
        return v.boolean();
    }
    Err error(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_error());
        return v.error();
    }
    std::string text(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_string());
        return std::string(v.string());
    }
};

// A1 1, A2 "Hello", A3 #N/A, A4 "12" (text), A5 TRUE, A6 #DIV/0!, A7 blank, A8 ="" (formula)
void fill_kinds(Book& b) {
    b.set("A1", Value(1.0));
    b.set("A2", S("Hello"));
    b.set("A3", Value::error(Err::NA));
    b.set("A4", S("12"));
    b.set("A5", B(true));
    b.set("A6", Value::error(Err::Div0));
    b.wb.set_formula(b.s, at("A8"), "=\"\"");
}

}  // namespace

TEST_CASE("IS functions over every kind of value", "[info]") {
    Book b;
    fill_kinds(b);
    struct Row {
        const char* cell;
        bool number, text, logical, blank, err, error, nontext, na;
    };
    const Row rows[] = {
        {"A1", true, false, false, false, false, false, true, false},
        {"A2", false, true, false, false, false, false, false, false},
        {"A3", false, false, false, false, false, true, true, true},
        {"A4", false, true, false, false, false, false, false, false},
        {"A5", false, false, true, false, false, false, true, false},
        {"A6", false, false, false, false, true, true, true, false},
        {"A7", false, false, false, true, false, false, true, false},
        {"A8", false, true, false, false, false, false, false, false},  // "" from a formula is text, not blank
    };
    for (const Row& r : rows) {
        std::string c = r.cell;
        INFO("cell " << c);
        CHECK(b.truth("=ISNUMBER(" + c + ")") == r.number);
        CHECK(b.truth("=ISTEXT(" + c + ")") == r.text);
        CHECK(b.truth("=ISLOGICAL(" + c + ")") == r.logical);
        CHECK(b.truth("=ISBLANK(" + c + ")") == r.blank);
        CHECK(b.truth("=ISERR(" + c + ")") == r.err);
        CHECK(b.truth("=ISERROR(" + c + ")") == r.error);
        CHECK(b.truth("=ISNONTEXT(" + c + ")") == r.nontext);
        CHECK(b.truth("=ISNA(" + c + ")") == r.na);
    }
    CHECK(b.truth("=ISNUMBER(\"12\"+0)"));
    CHECK(b.truth("=ISERROR(1/0)"));
    CHECK_FALSE(b.truth("=ISBLANK(\"\")"));
}

TEST_CASE("ISEVEN and ISODD", "[info]") {
    Book b;
    b.set("A1", B(true));
    CHECK(b.truth("=ISODD(3.4)"));
    CHECK(b.truth("=ISEVEN(2.3)"));
    CHECK(b.truth("=ISODD(-5.5)"));   // truncated toward zero
    CHECK(b.truth("=ISEVEN(-4.5)"));
    CHECK(b.truth("=ISODD(\"11\")"));
    CHECK(b.truth("=ISEVEN(A9)"));    // blank is 0
    CHECK(b.error("=ISODD(A1)") == Err::Value);  // booleans are rejected
    CHECK(b.error("=ISEVEN(\"Hey\")") == Err::Value);
    CHECK(b.error("=ISEVEN(NA())") == Err::NA);
}

TEST_CASE("ISREF and ISFORMULA look at the reference", "[info]") {
    Book b;
    b.wb.set_formula(b.s, at("A3"), "=1+1");
    b.set("A4", Value(5.0));
    CHECK(b.truth("=ISREF(A2)"));
    CHECK(b.truth("=ISREF(A2:A3)"));
    CHECK_FALSE(b.truth("=ISREF(12)"));
    CHECK_FALSE(b.truth("=ISREF(1+2)"));
    CHECK(b.truth("=ISREF(INDIRECT(\"A1\"))"));
    CHECK(b.truth("=ISFORMULA(A3)"));
    CHECK_FALSE(b.truth("=ISFORMULA(A4)"));
    CHECK_FALSE(b.truth("=ISFORMULA(A5)"));
    CHECK(b.error("=ISFORMULA(5)") == Err::Value);
}

TEST_CASE("NA, ERROR.TYPE, TYPE", "[info]") {
    Book b;
    fill_kinds(b);
    CHECK(b.error("=NA()") == Err::NA);
    CHECK(b.num("=ERROR.TYPE(#NULL!)") == 1);
    CHECK(b.num("=ERROR.TYPE(A6)") == 2);
    CHECK(b.num("=ERROR.TYPE(\"a\"+1)") == 3);
    CHECK(b.num("=ERROR.TYPE(#REF!)") == 4);
    CHECK(b.num("=ERROR.TYPE(nonexistent)") == 5);
    CHECK(b.num("=ERROR.TYPE(SQRT(-1))") == 6);
    CHECK(b.num("=ERROR.TYPE(A3)") == 7);
    CHECK(b.error("=ERROR.TYPE(A1)") == Err::NA);
    CHECK(b.error("=ERROR.TYPE(A7)") == Err::NA);
    CHECK(b.num("=TYPE(A1)") == 1);
    CHECK(b.num("=TYPE(A7)") == 1);  // blank counts as a number
    CHECK(b.num("=TYPE(A2)") == 2);
    CHECK(b.num("=TYPE(A5)") == 4);
    CHECK(b.num("=TYPE(A6)") == 16);
    CHECK(b.num("=TYPE({1,2})") == 64);
    CHECK(b.num("=TYPE(A1:A3)") == 64);
}

TEST_CASE("CELL: address, col, row, contents, type", "[info]") {
    Book b;
    fill_kinds(b);
    SheetId other = b.wb.add_sheet("收入支出决算总表");
    b.wb.set_value(other, at("C5"), Value(3.0));
    CHECK(b.text("=CELL(\"address\",A2)") == "$A$2");
    CHECK(b.text("=CELL(\"address\",B4:C9)") == "$B$4");
    CHECK(b.text("=CELL(\"address\",'收入支出决算总表'!C5)") == "'收入支出决算总表'!$C$5");
    CHECK(b.num("=CELL(\"col\",C8:E8)") == 3);
    CHECK(b.num("=CELL(\"row\",A11:A21)") == 11);
    CHECK(b.num("=CELL(\"ROW\",A20)") == 20);  // info type is case-insensitive
    CHECK(b.num("=CELL(\"contents\",A1)") == 1);
    CHECK(b.error("=CELL(\"contents\",A6)") == Err::Div0);
    CHECK(b.text("=CELL(\"type\",A1)") == "v");
    CHECK(b.text("=CELL(\"type\",A2)") == "l");
    CHECK(b.text("=CELL(\"type\",A7)") == "b");
    CHECK(b.text("=CELL(\"type\",A6)") == "v");
    CHECK(b.num("=CELL(\"row\")", "Q7") == 7);  // no reference: the formula's own cell
    CHECK(b.error("=CELL(\"hello\",A1)") == Err::Value);
    CHECK(b.error("=CELL(TRUE,A1)") == Err::Value);
    CHECK(b.error("=CELL(2,A1)") == Err::Value);
}

// CELL("width"): Excel's stored widths (characters plus padding, as openpyxl and Excel
// write them) to the integer part of the shown width: 9.140625 shows 8.43 -> 8 (the
// default); 11.52 shows 10.86 (76 px) -> 10; 12.7 shows 12 (89 px); 30.5 shows 29.71 -> 29;
// 3 shows 2.29 -> 2. The second element is TRUE for a column without a width of its own.
TEST_CASE("CELL(\"width\") from the sheet's columns", "[info][cell]") {
    Book b;
    SheetLayout& lay = b.wb.sheet(b.s).layout();
    lay.column_widths[1] = 11.52;     // B
    lay.column_widths[2] = 12.7;      // C
    lay.column_widths[3] = 30.5;      // D
    lay.column_widths[4] = 3;         // E
    lay.column_widths[5] = 9.140625;  // F: Excel's default written out
    lay.column_widths[6] = 20;        // G, hidden
    lay.hidden_cols = {6};
    lay.wide_col_spans.push_back({10, 16383, 15.7109375});  // K:XFD, as LibreOffice writes the rest
    CHECK(b.num("=INDEX(CELL(\"width\",B1),1,1)") == 10);
    CHECK(b.num("=INDEX(CELL(\"width\",C7:C9),1,1)") == 12);
    CHECK(b.num("=INDEX(CELL(\"width\",D1),1,1)") == 29);
    CHECK(b.num("=INDEX(CELL(\"width\",E1),1,1)") == 2);
    CHECK(b.num("=INDEX(CELL(\"width\",F1),1,1)") == 8);
    CHECK(b.num("=INDEX(CELL(\"width\",G1),1,1)") == 0);    // hidden
    CHECK(b.num("=INDEX(CELL(\"width\",M1),1,1)") == 15);   // 15.71 -> 15
    CHECK(b.num("=INDEX(CELL(\"width\",A1),1,1)") == 8);    // no <col>, no sheetFormatPr: 8.43
    CHECK_FALSE(b.truth("=INDEX(CELL(\"width\",B1),1,2)"));
    CHECK(b.truth("=INDEX(CELL(\"width\",A1),1,2)"));       // default width
    Value v = b.eval("=CELL(\"width\",B1)");
    REQUIRE(v.is_array());  // {10, FALSE}: a plain formula keeps 10, as older Excel caches it
    CHECK(v.array().cols() == 2);
    b.wb.set_formula(b.s, at("Y1"), "=CELL(\"width\",B1)*1");  // a cell keeps the top-left value
    {
        Calculator calc(b.wb);
        calc.recalc_full();
        Value y1 = b.wb.get(b.s, at("Y1"));
        REQUIRE(y1.is_number());
        CHECK(y1.number() == 10);
    }
    lay.default_col_width = 13.7109375;  // <sheetFormatPr defaultColWidth=…>: 13 characters
    CHECK(b.num("=INDEX(CELL(\"width\",A1),1,1)") == 13);
    lay.default_col_width = 0;
    lay.base_col_width = 10;             // <sheetFormatPr baseColWidth="10">
    CHECK(b.num("=INDEX(CELL(\"width\",A1),1,1)") == 10);
}

// CELL("format"), "color", "parentheses", "prefix", "protect": the codes of Excel's table
// (General G, 0 F0, #,##0 ,0, 0.00 F2, #,##0.00 ,2, $#,##0_);($#,##0) C0, with [Red] C0-,
// 0% P0, 0.00% P2, 0.00E+00 S2, # ?/? G, m/d/yy D4, d-mmm-yy D1, d-mmm D2, mmm-yy D3, mm/dd
// D5, h:mm AM/PM D7, h:mm:ss AM/PM D6, h:mm D9, h:mm:ss D8).
TEST_CASE("CELL: format, color, parentheses, prefix, protect", "[info][cell]") {
    Book b;
    auto styled = [&](const char* a1, const char* code, Value v = Value(1.5)) {
        CellStyle st;
        st.number_format = code;
        b.set(a1, v);
        b.wb.sheet(b.s).set_style(at(a1).row, at(a1).col, b.wb.styles().add(st));
    };
    const std::pair<const char*, const char*> table[] = {
        {"General", "G"}, {"0", "F0"}, {"#,##0", ",0"}, {"0.00", "F2"}, {"#,##0.00", ",2"},
        {"$#,##0_);($#,##0)", "C0"}, {"$#,##0_);[Red]($#,##0)", "C0-"}, {"$#,##0.00_);($#,##0.00)", "C2"},
        {"$#,##0.00_);[Red]($#,##0.00)", "C2-"}, {"0%", "P0"}, {"0.00%", "P2"}, {"0.00E+00", "S2"},
        {"# ?/?", "G"}, {"# ??/??", "G"}, {"m/d/yy", "D4"}, {"m/d/yy h:mm", "D4"}, {"mm/dd/yy", "D4"},
        {"d-mmm-yy", "D1"}, {"dd-mmm-yy", "D1"}, {"d-mmm", "D2"}, {"dd-mmm", "D2"}, {"mmm-yy", "D3"},
        {"mm/dd", "D5"}, {"h:mm AM/PM", "D7"}, {"h:mm:ss AM/PM", "D6"}, {"h:mm", "D9"}, {"h:mm:ss", "D8"},
        {"#,##0;[Red]-#,##0", ",0-"}, {"(#,##0)", ",0()"}, {"[$\xC2\xA5-804]#,##0.00", "C2"}, {"@", "@"},
    };
    int row = 1;
    for (auto [code, want] : table) {
        std::string a1 = "B" + std::to_string(row++);
        styled(a1.c_str(), code);
        INFO(code);
        CHECK(b.text("=CELL(\"format\"," + a1 + ")") == want);
    }
    styled("C1", "#,##0;[Red]-#,##0");
    styled("C2", "(#,##0)");
    CHECK(b.num("=CELL(\"color\",C1)") == 1);
    CHECK(b.num("=CELL(\"color\",C2)") == 0);
    CHECK(b.num("=CELL(\"parentheses\",C2)") == 1);
    CHECK(b.num("=CELL(\"parentheses\",C1)") == 0);
    CHECK(b.num("=CELL(\"parentheses\",B6)") == 0);  // ($#,##0) only for negatives
    // prefix: the alignment of a text constant; "" for numbers and blanks.
    b.set("D1", S("left"));
    CellStyle right, centre;
    right.halign = HAlign::Right;
    centre.halign = HAlign::Center;
    b.set("D2", S("right"));
    b.wb.sheet(b.s).set_style(1, 3, b.wb.styles().add(right));
    b.set("D3", S("centre"));
    b.wb.sheet(b.s).set_style(2, 3, b.wb.styles().add(centre));
    b.set("D4", Value(4.0));
    CHECK(b.text("=CELL(\"prefix\",D1)") == "'");
    CHECK(b.text("=CELL(\"prefix\",D2)") == "\"");
    CHECK(b.text("=CELL(\"prefix\",D3)") == "^");
    CHECK(b.text("=CELL(\"prefix\",D4)") == "");
    CHECK(b.text("=CELL(\"prefix\",D9)") == "");
    // protect: 1 for a locked cell (the default), 0 with <protection locked="0"/>.
    CellStyle open;
    open.locked = false;
    b.set("E1", Value(1.0));
    b.wb.sheet(b.s).set_style(0, 4, b.wb.styles().add(open));
    CHECK(b.num("=CELL(\"protect\",E1)") == 0);
    CHECK(b.num("=CELL(\"protect\",E2)") == 1);
}

TEST_CASE("SHEET and SHEETS", "[info]") {
    Book b;
    SheetId second = b.wb.add_sheet("Second");
    b.wb.add_sheet("Hidden");
    (void)second;
    CHECK(b.num("=SHEET()") == 1);
    CHECK(b.num("=SHEET(Second!A1)") == 2);
    CHECK(b.num("=SHEET(\"Hidden\")") == 3);
    CHECK(b.error("=SHEET(\"nope\")") == Err::NA);
    CHECK(b.error("=SHEET(0)") == Err::NA);
    CHECK(b.error("=SHEET(1/0)") == Err::Div0);
    CHECK(b.num("=SHEETS()") == 3);
    CHECK(b.num("=SHEETS(Second!A1:B2)") == 1);
}
