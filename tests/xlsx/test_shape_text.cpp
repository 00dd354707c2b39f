// test_shape_text.cpp — xlsx/shape_text.h: two formulas with the same shape text must have the
// same R1C1 shape key (the reader then parses only the first); a filled-down column has one
// shape text; texts whose meaning could hang on the cell in another way get none.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "formula/parser.h"
#include "xlsx/shape_text.h"

using namespace sp;

namespace {

struct Placed {
    std::string text;
    CellAddr at;
};

std::string key_of(const Placed& p) {
    auto parsed = formula::parse(p.text, p.at);
    return parsed ? formula::print_r1c1(*parsed.ast) : "(no parse)";
}

std::string shape_of(const Placed& p) {
    std::string s;
    return xlsx::shape_text(p.text, p.at.row, p.at.col, s) ? s : "(none)";
}

// "{r}" is the cell's own row (1-based) plus the offset that follows, e.g. {r+1}.
std::string fill(std::string t, CellAddr at) {
    for (size_t p; (p = t.find("{r")) != std::string::npos;) {
        size_t e = t.find('}', p);
        int off = e > p + 2 ? std::stoi(t.substr(p + 2, e - p - 2)) : 0;
        t.replace(p, e + 1 - p, std::to_string(at.row + 1 + off));
    }
    return t;
}

}  // namespace

TEST_CASE("a filled-down formula has one shape text", "[xlsx][shape]") {
    std::string a = shape_of({"A2+B2*$C$1", {1, 5}}), b = shape_of({"A3+B3*$C$1", {2, 5}});
    CHECK(a != "(none)");
    CHECK(a == b);
    CHECK(shape_of({"IF(A2>B2,A2,B2)", {1, 7}}) == shape_of({"IF(A9>B9,A9,B9)", {8, 7}}));
    CHECK(shape_of({"SUM(A2:D2)", {1, 10}}) == shape_of({"SUM(a700:d700)", {699, 10}}));
    CHECK(shape_of({"Sheet2!A2&\"x\"", {1, 0}}) == shape_of({"Sheet2!A3&\"x\"", {2, 0}}));
    // Different shapes, different texts.
    CHECK(shape_of({"A2+B2", {1, 5}}) != shape_of({"A2+B2", {2, 5}}));
    CHECK(shape_of({"$A$2", {1, 5}}) != shape_of({"$A$3", {2, 5}}));
    CHECK(shape_of({"$A2", {1, 5}}) == shape_of({"$A3", {2, 6}}));
    CHECK(shape_of({"\"A2\"", {1, 5}}) != shape_of({"\"A3\"", {2, 5}}));     // a string is not moved
    CHECK(shape_of({"'A2'!B2", {1, 5}}) != shape_of({"'A3'!B3", {2, 5}}));   // nor a quoted sheet name
    CHECK(shape_of({"S1!A2", {1, 5}}) != shape_of({"S2!A3", {2, 5}}));       // nor a sheet name
    CHECK(shape_of({"LOG10(A2)", {1, 5}}) == shape_of({"LOG10(A3)", {2, 5}}));
    CHECK(shape_of({"A2?B+A2", {1, 5}}) != shape_of({"A3?B+A3", {2, 5}}));   // a name with ? in it
}

TEST_CASE("texts that could hang on the cell otherwise have no shape text", "[xlsx][shape]") {
    for (const char* t : {"SUM(A:A)", "SUM(2:3)", "SUM($A:$B)", "A01+1", "A0", "SUM(A2:B)", "SUM(A2:)", "1A2",
                          "Table1[@x]", "A2\x01", "\"unterminated", "SUM(A2:Sheet2!B3)", "$A+1", "A2 (B2)",
                          "LOG10 (A2)", "S1 !A2"}) {
        INFO(t);
        CHECK(shape_of({t, {4, 4}}) == "(none)");
    }
}

TEST_CASE("formulas with the same shape text have the same R1C1 key", "[xlsx][shape]") {
    const std::vector<std::string> templates = {
        "A{r}+B{r}", "C{r}*D{r}", "IF(A{r}>B{r},A{r},B{r})", "ROUND(H{r}/3,2)", "SUM(A{r}:D{r})",
        "F{r}*1.1", "ABS(H{r})", "MAX(A{r},C{r})", "A{r-1}+1", "$A$1+A{r}", "$A{r}*B$1", "Sheet2!A{r}",
        "'My Sheet'!B{r+2}", "\"A{r}\"&A{r}", "LOG10(A{r})", "SUM(A1:A{r})", "A{r}:B{r+1}", "A{r} B{r}",
        "A{r}#", "-A{r}%", "1.5E3+A{r}", "TRUE+A{r}", "#REF!+A{r}", "IFERROR(1/A{r},\"\")", "XFD{r}+A{r}",
        "XFE1+A{r}", "A1048577+A{r}", "ROW1+A{r}", "_x{r}+A{r}", "Name{r}", "收入A{r}+A{r}", "R{r}C1+A{r}",
        "a{r}+b{r}", "A{r+1048570}", "SUM(A{r}:A{r+5})*2", "S{r}!A{r}", "AB{r}(A{r})", "A{r}!B{r}"};
    const std::vector<CellAddr> cells = {{0, 0}, {1, 5}, {2, 5}, {3, 5}, {77, 5}, {9, 3}, {500, 26}, {1048570, 5}, {1048575, 16383}};
    std::vector<Placed> all;
    for (const auto& t : templates)
        for (CellAddr at : cells) all.push_back({fill(t, at), at});
    size_t shaped = 0, same = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        std::string si = shape_of(all[i]);
        if (si == "(none)") continue;
        ++shaped;
        std::string ki = key_of(all[i]);
        for (size_t j = i + 1; j < all.size(); ++j) {
            if (shape_of(all[j]) != si) continue;
            ++same;
            INFO(all[i].text << " at " << all[i].at.row << "," << all[i].at.col << " and " << all[j].text << " at "
                             << all[j].at.row << "," << all[j].at.col);
            CHECK(key_of(all[j]) == ki);
        }
    }
    CHECK(shaped > all.size() / 2);
    CHECK(same > 200);
}
