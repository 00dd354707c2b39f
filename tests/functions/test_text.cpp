// test_text.cpp — the text family through real formulas: code-point slicing of Chinese
// text, SEARCH wildcards, TEXT with number formats, VALUE/NUMBERVALUE, joining, and the
// byte (B) functions with CJK characters counting 2 (cases partly from calc_tests/TEXT).
#include <catch2/catch.hpp>

#include "calc/calculator.h"

using namespace sp;

namespace {

struct TextBook {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    void put(const char* a1, Value v) { wb.set_value(s, *parse_cell(a1), v); }
    Value eval(const std::string& f) {
        Calculator calc(wb);
        calc.recalc_full();
        return calc.evaluate(f, s, CellAddr{0, 25});
    }
    std::string str(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_string());
        return std::string(v.string());
    }
    double num(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_number());
        return v.number();
    }
    Err err(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_error());
        return v.error();
    }
    bool boolean(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_bool());
        return v.boolean();
    }
};

}  // namespace

TEST_CASE("LEN LEFT RIGHT MID count code points", "[functions][text]") {
    TextBook b;
    CHECK(b.num("=LEN(\"收入合计\")") == 4);
    CHECK(b.num("=LEN(123)") == 3);
    CHECK(b.num("=LEN(\"\")") == 0);
    CHECK(b.num("=LEN(A1)") == 0);  // blank
    CHECK(b.str("=LEFT(\"收入合计\",2)") == "收入");
    CHECK(b.str("=LEFT(\"收入合计\")") == "收");
    CHECK(b.str("=RIGHT(\"收入合计\",2)") == "合计");
    CHECK(b.str("=RIGHT(\"abc\",100)") == "abc");
    CHECK(b.str("=MID(\"收入合计\",2,2)") == "入合");
    CHECK(b.str("=MID(\"A Wonderful World\",1.3,7.3)") == "A Wonde");  // truncated
    CHECK(b.str("=MID(\"abc\",10,2)") == "");
    CHECK(b.err("=LEFT(\"abc\",-1)") == Err::Value);
    CHECK(b.err("=MID(\"abc\",0,1)") == Err::Value);
    CHECK(b.err("=MID(\"abc\",1,-1)") == Err::Value);
    CHECK(b.err("=LEN(1/0)") == Err::Div0);
    CHECK(b.str("=REPLACE(\"收入合计\",3,2,\"总额\")") == "收入总额");
    CHECK(b.str("=REPLACE(\"abc\",10,1,\"x\")") == "abcx");
}

TEST_CASE("FIND is exact, SEARCH has wildcards and ignores case", "[functions][text]") {
    TextBook b;
    CHECK(b.num("=FIND(\"合\",\"收入合计\")") == 3);
    CHECK(b.num("=FIND(\"Pen\",\"Roger Penrose\",3)") == 7);
    CHECK(b.err("=FIND(\"Ana\",\"Banana\")") == Err::Value);
    CHECK(b.num("=SEARCH(\"Ana\",\"Banana\")") == 2);
    CHECK(b.num("=FIND(\"\",\"abc\",4)") == 4);
    CHECK(b.err("=FIND(\"\",\"abc\",5)") == Err::Value);
    CHECK(b.err("=FIND(\"a\",\"abc\",0)") == Err::Value);
    CHECK(b.num("=SEARCH(\"ns??i\",\"Einstein\")") == 3);
    CHECK(b.num("=SEARCH(\"ns*i\",\"Einstein\")") == 3);
    CHECK(b.err("=SEARCH(\"ns?i\",\"Einstein\")") == Err::Value);
    CHECK(b.num("=SEARCH(\"国?港\",\"中国香港\")") == 2);
    CHECK(b.num("=SEARCH(\"*~?\",\"Late?\")") == 1);
    CHECK(b.num("=SEARCH(\"~?\",\"Late?\")") == 5);
    CHECK(b.num("=SEARCH(\"~*\",\"Ho*la\")") == 3);
    CHECK(b.num("=SEARCH(\"~\",\"Hello\")") == 1);  // a trailing ~ escapes nothing
    CHECK(b.num("=FIND(\"~\",\"Hi ~Bang!\")") == 4);
    CHECK(b.err("=SEARCH(\"~~*\",\"Ho*la\")") == Err::Value);
    CHECK(b.num("=SEARCH(\"É\",\"café\")") == 4);
}

TEST_CASE("SUBSTITUTE, case, TRIM, CLEAN, EXACT, REPT", "[functions][text]") {
    TextBook b;
    CHECK(b.str("=SUBSTITUTE(\"a-b-c\",\"-\",\"+\")") == "a+b+c");
    CHECK(b.str("=SUBSTITUTE(\"a-b-c\",\"-\",\"+\",2)") == "a-b+c");
    CHECK(b.str("=SUBSTITUTE(\"a-b-c\",\"-\",\"+\",3)") == "a-b-c");
    CHECK(b.str("=SUBSTITUTE(\"a-b\",\"\",\"+\")") == "a-b");
    CHECK(b.err("=SUBSTITUTE(\"a-b\",\"-\",\"+\",0)") == Err::Value);
    CHECK(b.str("=SUBSTITUTE(\"收入合计\",\"合计\",\"总计\")") == "收入总计");
    CHECK(b.str("=UPPER(\"abc ä 中\")") == "ABC Ä 中");
    CHECK(b.str("=LOWER(\"ABC Ä\")") == "abc ä");
    CHECK(b.str("=PROPER(\"it's 76budGET\")") == "It'S 76Budget");
    CHECK(b.str("=PROPER(\"democracy dies in the shadows\")") == "Democracy Dies In The Shadows");
    CHECK(b.str("=TRIM(\"  a   b  \")") == "a b");
    CHECK(b.str("=TRIM(\"園田 直子  \")") == "園田 直子");
    CHECK(b.str("=CLEAN(CHAR(9)&\"a\"&CHAR(10)&\"b\")") == "ab");
    CHECK_FALSE(b.boolean("=EXACT(\"a\",\"A\")"));
    CHECK(b.boolean("=EXACT(1,\"1\")"));
    CHECK(b.str("=REPT(\"ab\",3)") == "ababab");
    CHECK(b.str("=REPT(\"ab\",0)") == "");
    CHECK(b.err("=REPT(\"a\",-1)") == Err::Value);
    CHECK(b.err("=REPT(\"a\",40000)") == Err::Value);
}

TEST_CASE("TEXT with number formats", "[functions][text]") {
    TextBook b;
    CHECK(b.str("=TEXT(1126.72,\"#,##0.00\")") == "1,126.72");
    CHECK(b.str("=TEXT(0.8497,\"0.00%\")") == "84.97%");
    CHECK(b.str("=TEXT(2.675,\"0.00\")") == "2.68");
    CHECK(b.str("=TEXT(11267200/10000,\"0.00\")&\"万元\"") == "1126.72万元");
    CHECK(b.str("=TEXT(DATE(2024,12,31),\"yyyy年m月d日\")") == "2024年12月31日");
    CHECK(b.str("=TEXT(\"2024-1-5\",\"yyyy-mm-dd\")") == "2024-01-05");  // numeric text is read first
    CHECK(b.str("=TEXT(\"12\",\"0.00\")") == "12.00");
    CHECK(b.str("=TEXT(\"abc\",\"0.00\")") == "abc");
    CHECK(b.str("=TEXT(\"abc\",\"\"\"<\"\"@\"\">\"\"\")") == "<abc>");
    CHECK(b.str("=TEXT(TRUE,\"0\")") == "TRUE");
    CHECK(b.str("=TEXT(A1,\"0.0\")") == "0.0");
    CHECK(b.str("=TEXT(-5,\"0;(0)\")") == "(5)");
    CHECK(b.str("=TEXT(150,\"[>=100]0;\"\"small\"\"\")") == "150");
    CHECK(b.str("=TEXT(12,\"\")") == "");
    CHECK(b.err("=TEXT(-1,\"yyyy\")") == Err::Value);
    CHECK(b.err("=TEXT(1/0,\"0\")") == Err::Div0);
}

TEST_CASE("VALUE and NUMBERVALUE", "[functions][text]") {
    TextBook b;
    CHECK(b.num("=VALUE(\" 1,126.72 \")") == Approx(1126.72));
    CHECK(b.num("=VALUE(\"84.97%\")") == Approx(0.8497));
    CHECK(b.num("=VALUE(\"¥100\")") == 100);
    CHECK(b.num("=VALUE(\"(12)\")") == -12);
    CHECK(b.num("=VALUE(\"1e-5\")") == Approx(1e-5));
    CHECK(b.num("=VALUE(\"2024年3月5日\")") == 45356);
    CHECK(b.num("=VALUE(\"2-Feb-2026\")") == 46055);
    CHECK(b.num("=VALUE(\"12:00 PM\")") == 0.5);
    CHECK(b.num("=VALUE(A1)") == 0);  // blank
    CHECK(b.err("=VALUE(\"abc\")") == Err::Value);
    CHECK(b.err("=VALUE(\"\")") == Err::Value);
    CHECK(b.err("=VALUE(TRUE)") == Err::Value);
    CHECK(b.err("=VALUE(\"12,34\")") == Err::Value);
    CHECK(b.num("=NUMBERVALUE(\"1.234,5\",\",\",\".\")") == Approx(1234.5));
    CHECK(b.num("=NUMBERVALUE(\" 1 234.5 \")") == Approx(1234.5));
    CHECK(b.num("=NUMBERVALUE(\"2.5%%\")") == Approx(0.00025));
    CHECK(b.num("=NUMBERVALUE(\"\")") == 0);
    CHECK(b.err("=NUMBERVALUE(\"1.2.3\")") == Err::Value);
    CHECK(b.err("=NUMBERVALUE(\"1.2,3\")") == Err::Value);  // group separator after the decimal one
    CHECK(b.err("=NUMBERVALUE(\"1\",\".\",\".\")") == Err::Value);
}

TEST_CASE("FIXED and DOLLAR", "[functions][text]") {
    TextBook b;
    CHECK(b.str("=FIXED(1234.567)") == "1,234.57");
    CHECK(b.str("=FIXED(1234.567,1)") == "1,234.6");
    CHECK(b.str("=FIXED(1234.567,-2)") == "1,200");
    CHECK(b.str("=FIXED(-1234.567,1,TRUE)") == "-1234.6");
    CHECK(b.str("=FIXED(2.675,2)") == "2.68");
    CHECK(b.str("=DOLLAR(1234.567)") == "$1,234.57");
    CHECK(b.str("=DOLLAR(-1234.567,1)") == "($1,234.6)");
    CHECK(b.err("=FIXED(1,128)") == Err::Value);
}

TEST_CASE("CHAR CODE UNICHAR UNICODE T N ASC DBCS", "[functions][text]") {
    TextBook b;
    CHECK(b.str("=CHAR(65)") == "A");
    CHECK(b.str("=CHAR(128)") == "€");   // Windows-1252
    CHECK(b.str("=CHAR(233)") == "é");
    CHECK(b.err("=CHAR(0)") == Err::Value);
    CHECK(b.err("=CHAR(256)") == Err::Value);
    CHECK(b.num("=CODE(\"A\")") == 65);
    CHECK(b.num("=CODE(\"€uro\")") == 128);
    CHECK(b.err("=CODE(\"\")") == Err::Value);
    CHECK(b.str("=UNICHAR(20013)") == "中");
    CHECK(b.num("=UNICODE(\"中国\")") == 20013);
    CHECK(b.num("=UNICODE(160)") == 49);
    CHECK(b.err("=UNICHAR(55296)") == Err::NA);
    CHECK(b.err("=UNICHAR(0)") == Err::Value);
    CHECK(b.err("=UNICODE(\"\")") == Err::Value);
    CHECK(b.str("=T(\"a\")") == "a");
    CHECK(b.str("=T(1)") == "");
    CHECK(b.num("=N(TRUE)") == 1);
    CHECK(b.num("=N(\"7\")") == 0);
    CHECK(b.str("=ASC(\"ＡＢＣ１　\")") == "ABC1 ");
    CHECK(b.str("=DBCS(\"AB 1\")") == "ＡＢ　１");
}

TEST_CASE("byte functions count CJK characters as two bytes", "[functions][text]") {
    TextBook b;
    CHECK(b.num("=LENB(\"收入ab\")") == 6);
    CHECK(b.num("=LENB(\"ａ，。\")") == 6);  // full-width forms and CJK punctuation
    CHECK(b.str("=LEFTB(\"收入合计\",4)") == "收入");
    CHECK(b.str("=LEFTB(\"收入\",3)") == "收 ");   // half a character becomes a space
    CHECK(b.str("=RIGHTB(\"中国\",1)") == " ");
    CHECK(b.str("=RIGHTB(\"ab中国\",4)") == "中国");
    CHECK(b.str("=MIDB(\"中国\",1,2)") == "中");
    CHECK(b.str("=MIDB(\"中国\",2,3)") == " 国");
    CHECK(b.str("=MIDB(\"中国\",1,0)") == "");
    CHECK(b.str("=MIDB(\"office\",2,3)") == "ffi");
    CHECK(b.num("=FINDB(\"国\",\"中国\")") == 3);
    CHECK(b.num("=SEARCHB(\"B\",\"a中b\")") == 4);
    CHECK(b.str("=REPLACEB(\"中国人\",3,2,\"华\")") == "中华人");
    CHECK(b.err("=MIDB(\"中国\",0,1)") == Err::Value);
}

TEST_CASE("CONCATENATE CONCAT TEXTJOIN", "[functions][text]") {
    TextBook b;
    b.put("A1", Value::string("a"));
    b.put("B1", Value::string("b"));
    b.put("A2", Value::string("c"));
    b.put("B2", Value(4.0));
    b.put("A4", Value::string(""));
    CHECK(b.str("=CONCATENATE(\"a\",1,TRUE)") == "a1TRUE");
    CHECK(b.str("=CONCAT(A1:B2)") == "abc4");          // row by row
    CHECK(b.str("=CONCAT(A1:B2,\"!\",{1,2})") == "abc4!12");
    CHECK(b.str("=TEXTJOIN(\"-\",TRUE,A1:B3)") == "a-b-c-4");
    CHECK(b.str("=TEXTJOIN(\"-\",FALSE,A1:B2,A4)") == "a-b-c-4-");
    CHECK(b.str("=TEXTJOIN({\"+\",\"*\"},TRUE,1,2,3,4)") == "1+2*3+4");
    CHECK(b.err("=TEXTJOIN(\",\",TRUE,1,1/0)") == Err::Div0);
    CHECK(b.err("=CONCAT(A1,NA())") == Err::NA);
}

TEST_CASE("TEXTBEFORE TEXTAFTER VALUETOTEXT ARRAYTOTEXT", "[functions][text]") {
    TextBook b;
    CHECK(b.str("=TEXTBEFORE(\"a-b-c\",\"-\")") == "a");
    CHECK(b.str("=TEXTAFTER(\"a-b-c\",\"-\")") == "b-c");
    CHECK(b.str("=TEXTAFTER(\"a-b-c\",\"-\",-1)") == "c");
    CHECK(b.str("=TEXTBEFORE(\"a-b-c\",\"-\",-1)") == "a-b");
    CHECK(b.str("=TEXTAFTER(\"123 the 456 the 891\",\"the\",-1.2)") == " 456 the 891");  // floored to -2
    CHECK(b.str("=TEXTAFTER(\"aXbxc\",\"x\",1,1)") == "bxc");
    CHECK(b.str("=TEXTAFTER(\"a;b,c\",{\",\",\";\"})") == "b,c");
    CHECK(b.err("=TEXTBEFORE(\"abc\",\"x\")") == Err::NA);
    CHECK(b.str("=TEXTBEFORE(\"abc\",\"x\",1,0,0,\"none\")") == "none");
    CHECK(b.str("=TEXTAFTER(\"abc\",\"x\",1,0,1)") == "");          // match_end: the end is a delimiter
    CHECK(b.str("=TEXTBEFORE(\"收入:合计\",\":\")") == "收入");
    CHECK(b.err("=TEXTAFTER(\"abc\",\"b\",0)") == Err::Value);
    CHECK(b.err("=TEXTAFTER(\"del\",\"deli\",1)") == Err::Value);
    CHECK(b.err("=TEXTAFTER(\"del\",\"deli\")") == Err::NA);
    CHECK(b.str("=VALUETOTEXT(\"a\",1)") == "\"a\"");
    CHECK(b.str("=VALUETOTEXT(1/0)") == "#DIV/0!");
    CHECK(b.str("=VALUETOTEXT(TRUE)") == "TRUE");
    CHECK(b.str("=ARRAYTOTEXT({1,\"a\";TRUE,2})") == "1, a, TRUE, 2");
    CHECK(b.str("=ARRAYTOTEXT({1,\"a\";TRUE,2},1)") == "{1,\"a\";TRUE,2}");
}

TEST_CASE("TEXTSPLIT", "[functions][text]") {
    TextBook b;
    Value v = b.eval("=TEXTSPLIT(\"a,b;c\",\",\",\";\")");
    REQUIRE(v.is_array());
    REQUIRE(v.array().rows() == 2);
    REQUIRE(v.array().cols() == 2);
    CHECK(v.array().at(0, 1).string() == "b");
    CHECK(v.array().at(1, 0).string() == "c");
    CHECK(v.array().at(1, 1).error() == Err::NA);  // short rows are padded with #N/A
    Value w = b.eval("=TEXTSPLIT(\"1,,2\",\",\",,TRUE)");
    REQUIRE(w.is_array());
    CHECK(w.array().cols() == 2);
    CHECK(w.array().at(0, 1).string() == "2");     // pieces stay text
    Value x = b.eval("=TEXTSPLIT(\"收入、支出\",\"、\")");
    REQUIRE(x.is_array());
    CHECK(x.array().at(0, 1).string() == "支出");
    CHECK(b.err("=TEXTSPLIT(\"a\",\"\")") == Err::Value);
    CHECK(b.err("=TEXTSPLIT(\"a\",)") == Err::Value);
}

TEST_CASE("text functions apply element-wise over arrays", "[functions][text]") {
    TextBook b;
    Value v = b.eval("=LEN({\"ab\",\"收入合计\"})");
    REQUIRE(v.is_array());
    CHECK(v.array().at(0, 0).number() == 2);
    CHECK(v.array().at(0, 1).number() == 4);
    Value u = b.eval("=UPPER({\"a\";\"b\"})");
    REQUIRE(u.is_array());
    CHECK(u.array().at(1, 0).string() == "B");
}
