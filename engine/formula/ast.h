// ast.h — the syntax tree of one formula, in relative (R1C1-like) form.
// The parser builds it from A1 text and an anchor cell; the printer turns it back
// into A1 text at any anchor, or into R1C1 text, which is the key under which
// cells of the same shape (a filled-down column) share one compiled program.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/value.h"

namespace sp::formula {

// One coordinate of a reference: an offset from the anchor when relative, an index when absolute.
struct Coord {
    int32_t v = 0;
    bool abs = false;
    bool operator==(const Coord&) const = default;
};

// A reference as written: A1, $A$1, A1:B5, A:C (whole columns), 3:5 (whole rows),
// optionally sheet-qualified ('收入支出决算总表'!C5, Sheet1:Sheet3!A1 keeps sheet2).
struct AreaRef {
    enum Kind : uint8_t { Cell, Area, Cols, Rows };
    Kind kind = Cell;
    bool has_sheet = false;
    std::string sheet;   // as written, unquoted
    std::string sheet2;  // 3-D reference end sheet, empty otherwise
    std::string book;    // external workbook index "[1]", empty otherwise
    Coord r1, c1, r2, c2;  // for Cell, r2/c2 equal r1/c1; for Cols rows are unused; for Rows cols unused
    bool operator==(const AreaRef&) const = default;
};

enum class NodeKind : uint8_t {
    Number,   // num
    String,   // text
    Bool,     // b
    Error,    // err (#REF! in a formula also appears here)
    Missing,  // an omitted argument: IF(A1,,2)
    Ref,      // ref
    Name,     // text = defined name as written; ref.sheet set when sheet-qualified (Sheet1!Tax);
              // a LET/LAMBDA parameter written _xlpm.x (_xlop.x: optional) has text "x", prefix "_xlpm."
    Unary,    // op = Neg | Plus, children[0]
    Percent,  // children[0] followed by %
    Binary,   // op, children[0], children[1]
    Call,     // text = canonical upper-case name (no _xlfn./_xlpm.), prefix = as written before it, children = args;
              // b: written as an operator, A1# (ANCHORARRAY) or @A1:A9 (SINGLE)
    Array,    // rows × cols constants, children row-major
    Paren,    // ( children[0] ) kept so that the printer reproduces the text
    Invoke,   // children[0] called with children[1..]: LAMBDA(x,x+1)(2), f(1)(2)
};

enum class Op : uint8_t {
    None,
    Neg, Plus,                     // unary
    Add, Sub, Mul, Div, Pow, Concat,
    Eq, Ne, Lt, Le, Gt, Ge,
    Range,      // ':' between two reference expressions
    Union,      // ',' inside parentheses: (A1:B2,C3)
    Intersect,  // ' ' between references
};

struct Node {
    NodeKind kind = NodeKind::Missing;
    Op op = Op::None;
    bool b = false;
    Err err = Err::None;
    double num = 0;
    uint32_t rows = 0, cols = 0;  // Array
    std::string text;             // String literal / Name / Call canonical name
    std::string prefix;           // Call: "_xlfn." etc. as written
    AreaRef ref;                  // Ref / Name (sheet qualifier)
    std::vector<Node> children;
    bool resolved = false;        // Name: a structured reference resolved (structured_ref.h), children[0]
};

}  // namespace sp::formula
