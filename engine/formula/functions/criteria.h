// criteria.h — Excel's criteria ("<>0", "201??", ">=2024-1-1") used by SUMIF, COUNTIF and
// friends, case folding and wildcard matching (shared with MATCH/VLOOKUP/XLOOKUP), and
// a fast, copy-free walk over the cells of a range argument (shared with stats/lookup).
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "formula/function.h"
#include "model/sheet.h"
#include "model/workbook.h"

namespace sp::crit {

// --- text ------------------------------------------------------------------------------
// Case folding for Excel's case-insensitive comparisons: ASCII, Latin-1, Greek, Cyrillic
// and full-width Latin letters; everything else (Chinese) unchanged.
std::string fold(std::string_view s);
// Does folded text match a folded pattern? '?' is exactly one character (one UTF-8 code
// point, so 一 counts as one), '*' any run (also empty), '~' escapes ?, * and ~.
bool wildcard_match(std::string_view pattern, std::string_view text);
// True when the pattern holds an unescaped ? or *.
bool has_wildcards(std::string_view pattern);
// Removes the '~' escapes of a pattern without wildcards.
std::string unescape(std::string_view pattern);

// Numbers are equal for criteria and lookups when they agree to 15 significant digits,
// as Excel's "=" does (so =0.1+0.2 matches 0.3).
double round15(double x);
inline bool num_eq(double a, double b) { return a == b || round15(a) == round15(b); }

// --- cells ------------------------------------------------------------------------------
// A CellView borrowed from a Value (the Value must outlive it).
CellView view_of(const Value& v);

// A rectangular argument: a reference (read from the sheet) or an array.
struct Grid {
    const Sheet* sheet = nullptr;  // set for a reference
    SheetId sheet_id = kNoSheet;
    RangeAddr range;               // the reference (may be whole columns)
    Array array;                   // otherwise
    int64_t rows = 0, cols = 0;
    bool is_ref() const { return sheet != nullptr; }
};
// A reference or array argument as a Grid; false for a multi-area reference or missing.
bool make_grid(CallContext& ctx, const Operand& arg, Grid& out);
// The grid of `base`'s top-left cell resized to rows × cols (SUMIF's sum_range rule).
Grid resized(const Grid& base, int64_t rows, int64_t cols);

// The cell at offset (i, j). Formula cells are read through ctx.cell_value (so a stale
// one is computed first); `keep` holds that value while the view is in use.
CellView cell_at(CallContext& ctx, const Grid& g, int64_t i, int64_t j, Value& keep);

// Visits the non-empty cells of a grid: fn(int64_t i, int64_t j, const CellView&).
// References go through Sheet::for_each (no Value copies for constants).
template <class F>
void for_each_cell(CallContext& ctx, const Grid& g, F&& fn) {
    if (g.is_ref()) {
        const Sheet& sh = *g.sheet;
        sh.for_each(g.range, [&](int32_t row, int32_t col, const CellView& v) {
            if (sh.formula_at(row, col) != kNoFormula) {
                Value keep = ctx.cell_value(g.sheet_id, row, col);
                fn(int64_t(row - g.range.r1), int64_t(col - g.range.c1), view_of(keep));
            } else {
                fn(int64_t(row - g.range.r1), int64_t(col - g.range.c1), v);
            }
        });
        return;
    }
    for (int64_t i = 0; i < g.rows; ++i)
        for (int64_t j = 0; j < g.cols; ++j) {
            const Value& v = g.array.at(uint32_t(i), uint32_t(j));
            if (!v.is_empty()) fn(i, j, view_of(v));
        }
}

// Rows of the grid beyond which every cell is empty (bounded by the sheet's extent).
int64_t used_rows(const Grid& g);

// --- per-recalc indexes ----------------------------------------------------------------
// The CallContext's scratch entry for (tag, range a[, range b]), created by make() when
// missing. A small per-thread cache keyed by the binary ranges sits in front of the
// string-keyed scratch map, so that 100,000 SUMIFs over one table do not each build and
// hash a key string; it holds weak pointers, so clearing the scratch expires it.
void* scratch_lookup(CallContext& ctx, char tag, const Grid& a, const Grid* b, std::shared_ptr<void> (*make)());
template <class T>
T* scratch_get(CallContext& ctx, char tag, const Grid& a, const Grid* b = nullptr) {
    return static_cast<T*>(scratch_lookup(ctx, tag, a, b, [] { return std::shared_ptr<void>(std::make_shared<T>()); }));
}

// --- criteria ---------------------------------------------------------------------------
struct Criterion {
    enum class Op : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
    enum class Kind : uint8_t {
        Number, Text, Bool, Error,
        Blank,    // "" : empty cells and empty strings
        Empty,    // "=" : truly empty cells ("<>" is Ne Empty: any non-empty cell)
        Nothing,  // "<" with no operand and the like: matches nothing
    };
    Op op = Op::Eq;
    Kind kind = Kind::Number;
    bool wildcard = false;  // Text Eq/Ne with ? or *
    bool date1904 = false;  // how text cells read as dates for a numeric criterion
    double num = 0;         // Number; Bool as 0/1
    Err err = Err::None;
    std::string text;       // Text: folded literal, or folded pattern when wildcard

    bool matches(const CellView& v) const;
    bool matches_empty() const { return matches(CellView()); }
    // An equality that a hash index can answer (Number, Bool, Error, Text without wildcards).
    bool indexable() const {
        return op == Op::Eq && (kind == Kind::Number || kind == Kind::Bool || kind == Kind::Error ||
                                (kind == Kind::Text && !wildcard));
    }
};

// Excel's reading of a criterion value: a number, boolean or error means "equal to";
// an empty cell means = 0; text may start with = <> < <= > >= and its operand is read
// as a number (also dates), TRUE/FALSE, an error literal, or text.
Criterion parse(const Value& v, bool date1904 = false);

// Normalised equality key of a cell for hash indexes (empty string when not indexable:
// empty cells). A text cell that reads as a number gets the number's key, because a
// numeric criterion matches it (COUNTIF(A:A,23) counts the text "23").
void cell_key(const CellView& v, std::string& out, bool numeric_text, bool date1904);
// The key an indexable criterion looks for.
void criterion_key(const Criterion& c, std::string& out);

}  // namespace sp::crit

namespace sp::crit {
// One row of a family's function table (name, implementation, arity, flags, description).
struct Def {
    const char* name;
    FnImpl impl;
    int min_args, max_args;
    uint32_t flags;
    const char* description;
};
void add_defs(FunctionRegistry& reg, std::span<const Def> defs, const char* family);
}  // namespace sp::crit

namespace sp {
// The *IF family and SUMPRODUCT; called from register_stats_functions.
void register_criteria_functions(FunctionRegistry& reg);
}  // namespace sp
