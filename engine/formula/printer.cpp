// printer.cpp — syntax tree -> A1 text at an anchor, or -> R1C1 text (the shape key).
// The tree keeps Paren nodes, so printing is an in-order walk with no precedence logic;
// nothing is added (no spaces), so parse + print_a1 reproduces canonical text.
#include <charconv>
#include <cstring>

#include "formula/parser.h"

namespace sp::formula {
namespace {

// Excel's canonical number text: the shortest digits that round-trip, in fixed notation
// below 1E+15 and down to tiny fractions (Excel writes 0.0000000000000001 in formulas),
// scientific beyond, written as Excel does: 1E+20, 1.5E-25 (at least two exponent digits).
[[gnu::noinline]] void put_number(std::string& out, double d) {
    if (d == 0) {
        out += '0';
        return;
    }
    if (d < 0) {
        out += '-';
        d = -d;
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    // buf holds "D[.DDD]e±XX": collect the digits and the exponent.
    char digits[32];
    int nd = 0;
    const char* p = buf;
    for (; p < r.ptr && *p != 'e'; ++p)
        if (*p != '.') digits[nd++] = *p;
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+'), r.ptr, exp);
    if (exp >= -20 && exp < 15) {
        if (exp < 0) {
            out += "0.";
            out.append(size_t(-exp - 1), '0');
            out.append(digits, nd);
        } else if (nd <= exp + 1) {
            out.append(digits, nd);
            out.append(size_t(exp + 1 - nd), '0');
        } else {
            out.append(digits, exp + 1);
            out += '.';
            out.append(digits + exp + 1, nd - exp - 1);
        }
        return;
    }
    out += digits[0];
    if (nd > 1) {
        out += '.';
        out.append(digits + 1, nd - 1);
    }
    out += 'E';
    out += exp < 0 ? '-' : '+';
    if (exp < 0) exp = -exp;
    if (exp < 10) out += '0';
    out += std::to_string(exp);
}

void put_int(std::string& out, int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void put_quoted(std::string& out, std::string_view s, char q) {
    out += q;
    for (char c : s) {
        if (c == q) out += q;
        out += c;
    }
    out += q;
}

// Sheet1!  'My Sheet'!  Sheet1:Sheet3!  'Sheet 1:Sheet 3'!  [1]Sheet1!  '[1]My Sheet'!  [1]!
// force_quote: the reference follows ':' (A1:'Sheet2'!B2), where an unquoted name would
// read back as the 3-D prefix A1:Sheet2!.
void put_sheet_prefix(std::string& out, const AreaRef& r, bool force_quote = false) {
    if (!r.has_sheet) return;
    if (r.sheet.empty() && r.sheet2.empty()) {
        out += r.book;
        out += '!';
        return;
    }
    bool quote = (force_quote && r.sheet2.empty()) || quote_sheet_name(r.sheet) != r.sheet ||
                 (!r.sheet2.empty() && quote_sheet_name(r.sheet2) != r.sheet2);
    if (!quote) {
        out += r.book;
        out += r.sheet;
        if (!r.sheet2.empty()) {
            out += ':';
            out += r.sheet2;
        }
    } else {
        std::string inner = r.book + r.sheet;
        if (!r.sheet2.empty()) inner += ':' + r.sheet2;
        put_quoted(out, inner, '\'');
    }
    out += '!';
}

struct Printer {
    std::string out;
    CellAddr anchor;
    bool r1c1 = false;
    bool after_colon = false;  // the node being printed is the right operand of ':'

    // Grid index of a coordinate at the anchor; -1 when it falls outside [0, limit).
    static int32_t at(Coord c, int32_t anchor, int32_t limit) {
        int64_t v = c.abs ? c.v : int64_t(anchor) + c.v;
        return (v < 0 || v >= limit) ? -1 : int32_t(v);
    }

    void a1_col(Coord c, int32_t col) {
        if (c.abs) out += '$';
        out += column_letters(col);
    }
    void a1_row(Coord c, int32_t row) {
        if (c.abs) out += '$';
        put_int(out, int64_t(row) + 1);
    }

    [[gnu::noinline]] void ref_a1(const AreaRef& r, bool colon) {
        put_sheet_prefix(out, r, colon);
        int32_t r1 = at(r.r1, anchor.row, kMaxRows), r2 = at(r.r2, anchor.row, kMaxRows);
        int32_t c1 = at(r.c1, anchor.col, kMaxCols), c2 = at(r.c2, anchor.col, kMaxCols);
        bool rows_ok = r1 >= 0 && r2 >= 0, cols_ok = c1 >= 0 && c2 >= 0;
        switch (r.kind) {
            case AreaRef::Cell:
                if (!rows_ok || !cols_ok) break;
                a1_col(r.c1, c1), a1_row(r.r1, r1);
                return;
            case AreaRef::Area:
                if (!rows_ok || !cols_ok) break;
                a1_col(r.c1, c1), a1_row(r.r1, r1);
                out += ':';
                a1_col(r.c2, c2), a1_row(r.r2, r2);
                return;
            case AreaRef::Cols:
                if (!cols_ok) break;
                a1_col(r.c1, c1);
                out += ':';
                a1_col(r.c2, c2);
                return;
            case AreaRef::Rows:
                if (!rows_ok) break;
                a1_row(r.r1, r1);
                out += ':';
                a1_row(r.r2, r2);
                return;
        }
        out += "#REF!";  // shifted off the grid, as Excel shows a moved reference
    }

    // R5 / R[-1] / R (offset 0), and the same for C.
    void rc(char axis, Coord c) {
        out += axis;
        if (c.abs) {
            put_int(out, int64_t(c.v) + 1);
        } else if (c.v != 0) {
            out += '[';
            put_int(out, c.v);
            out += ']';
        }
    }

    [[gnu::noinline]] void ref_r1c1(const AreaRef& r, bool colon) {
        put_sheet_prefix(out, r, colon);
        switch (r.kind) {
            case AreaRef::Cell: rc('R', r.r1), rc('C', r.c1); return;
            case AreaRef::Area:
                rc('R', r.r1), rc('C', r.c1);
                out += ':';
                rc('R', r.r2), rc('C', r.c2);
                return;
            case AreaRef::Cols:
                rc('C', r.c1);
                if (!(r.c1 == r.c2)) out += ':', rc('C', r.c2);
                return;
            case AreaRef::Rows:
                rc('R', r.r1);
                if (!(r.r1 == r.r2)) out += ':', rc('R', r.r2);
                return;
        }
    }

    static const char* op_text(Op op) {
        switch (op) {
            case Op::Neg: case Op::Sub: return "-";
            case Op::Plus: case Op::Add: return "+";
            case Op::Mul: return "*";
            case Op::Div: return "/";
            case Op::Pow: return "^";
            case Op::Concat: return "&";
            case Op::Eq: return "=";
            case Op::Ne: return "<>";
            case Op::Lt: return "<";
            case Op::Le: return "<=";
            case Op::Gt: return ">";
            case Op::Ge: return ">=";
            case Op::Range: return ":";
            case Op::Union: return ",";
            case Op::Intersect: return " ";
            case Op::None: break;
        }
        return "";
    }

    // (a,b,…) from children[first] on.
    void args(const Node& n, size_t first) {
        out += '(';
        for (size_t i = first; i < n.children.size(); ++i) {
            if (i > first) out += ',';
            node(n.children[i]);
        }
        out += ')';
    }

    void node(const Node& n) {
        bool colon = after_colon;
        after_colon = false;
        switch (n.kind) {
            case NodeKind::Number: put_number(out, n.num); return;
            case NodeKind::String: put_quoted(out, n.text, '"'); return;
            case NodeKind::Bool: out += n.b ? "TRUE" : "FALSE"; return;
            case NodeKind::Error:
                put_sheet_prefix(out, n.ref, colon);
                out += error_text(n.err);
                return;
            case NodeKind::Missing: return;
            case NodeKind::Ref: r1c1 ? ref_r1c1(n.ref, colon) : ref_a1(n.ref, colon); return;
            case NodeKind::Name:
                put_sheet_prefix(out, n.ref, colon);
                out += n.prefix;  // _xlpm. of a LET/LAMBDA parameter
                // In the shape key a name such as R1C1 or RC must not read as a reference:
                // '`' never occurs in formula text outside quotes, so it keeps keys distinct.
                if (r1c1 && n.prefix.empty() && !n.text.empty() && ((n.text[0] | 0x20) == 'r' || (n.text[0] | 0x20) == 'c')) out += '`';
                out += n.text;
                return;
            case NodeKind::Unary:
                out += op_text(n.op);
                node(n.children[0]);
                return;
            case NodeKind::Percent:
                node(n.children[0]);
                out += '%';
                return;
            case NodeKind::Binary:
                node(n.children[0]);
                out += op_text(n.op);
                after_colon = n.op == Op::Range;
                node(n.children[1]);
                return;
            case NodeKind::Call:
                if (n.b && n.children.size() == 1 && (n.text == "ANCHORARRAY" || n.text == "SINGLE")) {
                    // written as the operator A1# or @A1:A9
                    if (n.text == "SINGLE") out += '@';
                    node(n.children[0]);
                    if (n.text == "ANCHORARRAY") out += '#';
                    return;
                }
                out += n.prefix;
                out += n.text;
                args(n, 0);
                return;
            case NodeKind::Invoke:
                node(n.children[0]);
                args(n, 1);
                return;
            case NodeKind::Array:
                out += '{';
                for (size_t i = 0; i < n.children.size(); ++i) {
                    if (i) out += (n.cols && i % n.cols == 0) ? ';' : ',';
                    node(n.children[i]);
                }
                out += '}';
                return;
            case NodeKind::Paren:
                out += '(';
                node(n.children[0]);
                out += ')';
                return;
        }
    }
};

}  // namespace

std::string print_a1(const Node& n, CellAddr anchor) {
    Printer p;
    p.anchor = anchor;
    p.out.reserve(32);
    p.node(n);
    return std::move(p.out);
}

std::string print_r1c1(const Node& n) {
    Printer p;
    p.r1c1 = true;
    p.out.reserve(32);
    p.node(n);
    return std::move(p.out);
}

}  // namespace sp::formula
