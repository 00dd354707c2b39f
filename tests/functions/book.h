// book.h — the small workbook the function tests share: one sheet "S", cells set by A1
// address, formulas evaluated at a home cell (Z1 unless a test file picks another).
#pragma once
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "calc/calculator.h"

namespace sp::test {

inline CellAddr at(const char* a1) { return *parse_cell(a1); }
inline Value S(const char* t) { return Value::string(t); }
inline Value B(bool b) { return Value::boolean(b); }

struct Book {
    Workbook wb;
    SheetId s = wb.add_sheet("S");
    CellAddr home;  // where eval() runs formulas by default

    explicit Book(const char* where = "Z1") : home(at(where)) {}

    void set(const char* a1, const Value& v) { wb.set_value(s, at(a1), v); }
    void put(const char* a1, Value v) { wb.set_value(s, at(a1), v); }
    void put(const char* a1, const char* text) { wb.set_value(s, at(a1), Value::string(text)); }
    void formula(const char* a1, const std::string& f) { wb.set_formula(s, at(a1), f); }
    // Fills column col (0-based) from row `first` (1-based) downwards; an empty Value leaves
    // the cell empty.
    void column(int col, int first, std::initializer_list<Value> vals) {
        int r = first - 1;
        for (const Value& v : vals) {
            if (!v.is_empty()) wb.set_value(s, CellAddr{r, col}, v);
            ++r;
        }
    }
    // Fills row r (1-based) from column first_col (0-based) rightwards.
    void row(int first_col, int r, std::initializer_list<Value> vals) {
        int c = first_col;
        for (const Value& v : vals) {
            if (!v.is_empty()) wb.set_value(s, CellAddr{r - 1, c}, v);
            ++c;
        }
    }

    // Evaluates a formula after a full recalc, at `where` (default: the home cell).
    Value eval(const std::string& f, const char* where = nullptr) {
        Calculator calc(wb);
        calc.recalc_full();
        return calc.evaluate(f, s, where ? at(where) : home);
    }
    double num(const std::string& f, const char* where = nullptr) {
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
    Array array(const std::string& f) {
        Value v = eval(f);
        INFO(f << " = " << to_display(v));
        REQUIRE(v.is_array());
        return v.array();
    }
    // Calls a function's implementation directly, as the VM does in array mode.
    Operand call(const char* name, std::vector<Operand> args, bool array_mode = true) {
        const FunctionDef* def = FunctionRegistry::builtins().find(name);
        REQUIRE(def);
        CallContext ctx(wb, s, home);
        ctx.set_array_mode(array_mode);
        return def->impl(ctx, Args(args.data(), args.size()));
    }
};

}  // namespace sp::test
