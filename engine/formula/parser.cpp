// parser.cpp — Excel A1 formula text -> syntax tree (ast.h), by recursive descent.
//
// Precedence, lowest first: comparison, &, + -, * /, ^, unary - +, postfix %, then the
// reference operators: ',' union (only inside plain parentheses), ' ' intersection,
// ':' range. Excel binds unary minus tighter than ^ (=-2^2 is 4) and ^ is left-
// associative (=2^3^2 is 64). Finished operands live on an explicit stack (st_), so
// the C++ stack holds only small frames; nesting is capped so that hostile input
// cannot exhaust it, and tree depth is capped so that recursive walks of the tree
// (destructor, printer, compiler) stay safe.
//
// ParseError::pos is a byte offset into the formula body, i.e. the text after the
// leading '=' when there is one.
#include <algorithm>
#include <cmath>

#include <fast_float/fast_float.h>

#include "formula/lexer.h"
#include "formula/parser.h"

namespace sp::formula {
namespace {

constexpr int kMaxNest = 1000;   // nested parentheses / calls
constexpr int kMaxDepth = 5000;  // tree depth: Excel's 8192-char limit allows ~4096 chained operators
constexpr const char* kBeyond = "reference beyond XFD1048576";
constexpr const char* kTooDeep = "formula nested too deeply";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (upper(a[i]) != upper(b[i])) return false;
    return true;
}

// Column letters (1-3, case-insensitive) -> 0-based index, or -1 when beyond XFD.
int32_t column_index(std::string_view letters) {
    int32_t col = 0;
    for (char ch : letters) col = col * 26 + (upper(ch) - 'A' + 1);
    return col > kMaxCols ? -1 : col - 1;
}

// Row digits -> 0-based index, or -1 when 0 or beyond row 1048576.
int32_t row_index(std::string_view digits) {
    int64_t row = 0;
    for (char ch : digits) {
        row = row * 10 + (ch - '0');
        if (row > kMaxRows) return -1;
    }
    return row < 1 ? -1 : int32_t(row - 1);
}

enum class WordKind { NotRef, Cell, Beyond, Invalid };

// Classifies a word as a cell reference ($A$1, LOG10, XFD1048576) or not (Tax_2024, A1B, R1C1).
// Words with '$' that are not references are invalid; letters(1-3)+digits beyond the grid are errors.
WordKind classify_cell(std::string_view w, bool& col_abs, int32_t& col, bool& row_abs, int32_t& row) {
    if (w.find('[') != std::string_view::npos) return WordKind::NotRef;  // Table1[Col], [1]Name
    bool dollar = w.find('$') != std::string_view::npos;
    WordKind other = dollar ? WordKind::Invalid : WordKind::NotRef;
    size_t i = 0, n = w.size();
    col_abs = i < n && w[i] == '$';
    if (col_abs) ++i;
    size_t l0 = i;
    while (i < n && is_alpha(w[i])) ++i;
    size_t nl = i - l0;
    row_abs = i < n && w[i] == '$';
    if (row_abs) ++i;
    size_t d0 = i;
    while (i < n && is_digit(w[i])) ++i;
    size_t nd = i - d0;
    if (i != n || nl == 0 || nd == 0 || nl > 3) return other;
    std::string_view digits = w.substr(d0, nd);
    size_t nz = digits.find_first_not_of('0');
    if (nz == std::string_view::npos) return other;  // A0 is a name, not a cell
    col = column_index(w.substr(l0, nl));
    row = row_index(digits);
    if (col < 0 || row < 0) return WordKind::Beyond;
    return WordKind::Cell;
}

// [$]letters(1-3): a column of a whole-column reference. 0 = no, 1 = yes, -1 = beyond XFD.
int column_only(std::string_view w, Coord& c) {
    bool abs = !w.empty() && w[0] == '$';
    if (abs) w.remove_prefix(1);
    if (w.empty() || w.size() > 3) return 0;
    for (char ch : w)
        if (!is_alpha(ch)) return 0;
    int32_t col = column_index(w);
    if (col < 0) return -1;
    c = Coord{col, abs};
    return 1;
}

// [$]digits: a row of a whole-row reference. 0 = no, 1 = yes, -1 = beyond the grid.
int row_only(std::string_view w, Coord& c) {
    bool abs = !w.empty() && w[0] == '$';
    if (abs) w.remove_prefix(1);
    if (w.empty()) return 0;
    for (char ch : w)
        if (!is_digit(ch)) return 0;
    int32_t row = row_index(w);
    if (row < 0) return -1;
    c = Coord{row, abs};
    return 1;
}

// Splits "[1]Sheet1" into book "[1]" and sheet "Sheet1".
void split_book(std::string_view s, AreaRef& r) {
    if (!s.empty() && s[0] == '[') {
        size_t close = s.find(']');
        if (close != std::string_view::npos) {
            r.book.assign(s.substr(0, close + 1));
            s.remove_prefix(close + 1);
        }
    }
    r.sheet.assign(s);
}

struct Scratch {
    std::vector<Token> toks;
    std::vector<Node> st;
    std::vector<int> dep;
    std::vector<uint32_t> opens;
};

class Parser {
public:
    Parser(std::string_view src, CellAddr anchor, Scratch& s)
        : src_(src), anchor_(anchor), toks_(s.toks), st_(s.st), dep_(s.dep), opens_(s.opens) {}

    ParseResult run() {
        ParseResult res;
        toks_.clear();
        st_.clear();
        dep_.clear();
        opens_.clear();
        toks_.reserve(src_.size() / 2 + 4);
        lex_msg_ = lex(src_, toks_).message;
        if (toks_[0].kind == Tok::End) {
            res.error = ParseError{0, "empty formula"};
            return res;
        }
        if (expr() && peek().kind != Tok::End) unexpected(peek());
        if (failed_) {
            res.error = std::move(err_);
            st_.clear();
            return res;
        }
        res.ast = std::move(st_.back());
        st_.clear();
        if (toks_.capacity() > 65536) std::vector<Token>().swap(toks_);  // after a huge formula
        return res;
    }

private:
    std::string_view src_;
    CellAddr anchor_;
    std::vector<Token>& toks_;
    std::vector<Node>& st_;   // finished operands
    std::vector<int>& dep_;   // their tree depths
    std::vector<uint32_t>& opens_;  // positions of the '(' not yet closed
    size_t p_ = 0;
    int nest_ = 0;
    bool union_ok_ = false;   // ',' is the union operator (inside plain parentheses)
    bool failed_ = false;
    ParseError err_;
    const char* lex_msg_ = nullptr;

    const Token& peek(size_t k = 0) const { return toks_[std::min(p_ + k, toks_.size() - 1)]; }
    std::string_view text(const Token& t) const { return src_.substr(t.pos, t.end - t.pos); }

    [[gnu::noinline]] bool fail(size_t pos, std::string msg) {
        if (!failed_) {
            failed_ = true;
            err_ = ParseError{pos, std::move(msg)};
        }
        return false;
    }

    [[gnu::noinline]] bool unexpected(const Token& t) {
        switch (t.kind) {
            case Tok::End:
                if (!opens_.empty()) return missing_paren(t);
                return fail(t.pos, "unexpected end of formula");
            case Tok::Bad: return fail(t.pos, lex_msg_ ? lex_msg_ : "unexpected character");
            case Tok::At: case Tok::Hash: return fail(t.pos, "unexpected character");  // not after/before a reference
            case Tok::RParen:
                if (opens_.empty()) return fail(t.pos, "unbalanced parentheses: unexpected ')'");
                return fail(t.pos, "unexpected ')'");
            default: {
                std::string_view s = text(t);
                if (s.size() > 24) s = s.substr(0, 24);
                return fail(t.pos, "unexpected '" + std::string(s) + "'");
            }
        }
    }

    // Operands are built in place on st_: a Node is large (five strings), so moving
    // it around is what parsing costs; each node is moved once, into its parent.
    Node& push_leaf(NodeKind k) {
        st_.emplace_back();
        dep_.push_back(1);
        st_.back().kind = k;
        return st_.back();
    }

    // Replaces the top `count` operands by one node of kind k that has them as children.
    [[gnu::noinline]] bool reduce(size_t count, NodeKind kind, Op op, size_t pos) {
        size_t k = st_.size() - count;
        int d = 0;
        for (size_t i = k; i < st_.size(); ++i) d = std::max(d, dep_[i]);
        if (++d > kMaxDepth) return fail(pos, kTooDeep);
        std::vector<Node> kids;
        kids.reserve(count);
        for (size_t i = k; i < st_.size(); ++i) kids.push_back(std::move(st_[i]));
        if (count == 0) {
            st_.emplace_back();
            dep_.push_back(d);
        } else {
            st_.resize(k + 1);
            dep_.resize(k + 1);
            dep_[k] = d;
            recycle(st_[k]);
        }
        Node& n = st_.back();
        n.kind = kind;
        n.op = op;
        n.children = std::move(kids);
        return true;
    }

    // Resets a moved-from node to the default state without constructing a new one.
    static void recycle(Node& n) {
        n.op = Op::None;
        n.b = false;
        n.err = Err::None;
        n.num = 0;
        n.rows = n.cols = 0;
        n.text.clear();
        n.prefix.clear();
        AreaRef& r = n.ref;
        r.kind = AreaRef::Cell;
        r.has_sheet = false;
        r.sheet.clear();
        r.sheet2.clear();
        r.book.clear();
        r.r1 = r.c1 = r.r2 = r.c2 = Coord{};
    }

    bool wrap1(NodeKind k, Op op, size_t pos) { return reduce(1, k, op, pos); }
    bool wrap2(Op op, size_t pos) { return reduce(2, NodeKind::Binary, op, pos); }

    // ---- expressions --------------------------------------------------------------

    bool expr() { return binary(1); }

    static int binary_prec(Tok k, Op& op) {
        switch (k) {
            case Tok::Eq: op = Op::Eq; return 1;
            case Tok::Ne: op = Op::Ne; return 1;
            case Tok::Lt: op = Op::Lt; return 1;
            case Tok::Le: op = Op::Le; return 1;
            case Tok::Gt: op = Op::Gt; return 1;
            case Tok::Ge: op = Op::Ge; return 1;
            case Tok::Amp: op = Op::Concat; return 2;
            case Tok::Plus: op = Op::Add; return 3;
            case Tok::Minus: op = Op::Sub; return 3;
            case Tok::Star: op = Op::Mul; return 4;
            case Tok::Slash: op = Op::Div; return 4;
            case Tok::Caret: op = Op::Pow; return 5;
            default: return 0;
        }
    }

    // Precedence climbing; every binary operator is left-associative, ^ included.
    bool binary(int min_prec) {
        if (!unary()) return false;
        for (;;) {
            Op op = Op::None;
            int prec = binary_prec(peek().kind, op);
            if (prec == 0 || prec < min_prec) return true;
            size_t pos = peek().pos;
            ++p_;
            if (!binary(prec + 1) || !wrap2(op, pos)) return false;
        }
    }

    // Leading signs, applied innermost-last: --A1 is Neg(Neg(A1)). Iterative, so a
    // long run of signs costs no stack.
    bool unary() {
        size_t first = p_;
        while (peek().kind == Tok::Minus || peek().kind == Tok::Plus) ++p_;
        size_t last = p_;
        if (!postfix()) return false;
        for (size_t k = last; k-- > first;)
            if (!wrap1(NodeKind::Unary, toks_[k].kind == Tok::Minus ? Op::Neg : Op::Plus, toks_[k].pos)) return false;
        return true;
    }

    bool postfix() {
        if (!ref_union()) return false;
        while (peek().kind == Tok::Percent) {
            if (!wrap1(NodeKind::Percent, Op::None, peek().pos)) return false;
            ++p_;
        }
        return true;
    }

    bool ref_union() {
        if (!ref_isect()) return false;
        while (union_ok_ && peek().kind == Tok::Comma) {
            size_t pos = peek().pos;
            ++p_;
            if (!ref_isect() || !wrap2(Op::Union, pos)) return false;
        }
        return true;
    }

    static bool ref_like(const Node& n) {
        switch (n.kind) {
            case NodeKind::Ref: case NodeKind::Name: case NodeKind::Call: case NodeKind::Invoke: return true;
            case NodeKind::Error: return n.err == Err::Ref;
            case NodeKind::Paren: return ref_like(n.children[0]);
            case NodeKind::Binary: return n.op == Op::Range || n.op == Op::Intersect || n.op == Op::Union;
            default: return false;
        }
    }

    // Can this token, after whitespace, begin the right side of an intersection?
    bool starts_ref_operand() const {
        const Token& t = peek();
        switch (t.kind) {
            case Tok::Word: case Tok::Quoted: case Tok::LParen: return true;
            case Tok::Error: return iequals(text(t), "#REF!");
            case Tok::Number: return peek(1).kind == Tok::Colon;  // 1:1
            default: return false;
        }
    }

    // A space between two references is the intersection operator: A1:C3 B2:D4.
    bool ref_isect() {
        if (!ref_range()) return false;
        while (peek().space_before && starts_ref_operand() && ref_like(st_.back())) {
            size_t pos = peek().pos - 1;
            if (!ref_range() || !wrap2(Op::Intersect, pos)) return false;
        }
        return true;
    }

    static bool same_sheet(const AreaRef& a, const AreaRef& b) {
        return a.sheet == b.sheet && a.sheet2 == b.sheet2 && a.book == b.book;
    }

    // Puts two coordinates in grid order (as resolved at the anchor), each keeping its $ flag.
    static void order(Coord& a, Coord& b, int32_t anchor) {
        int64_t va = a.abs ? a.v : int64_t(anchor) + a.v;
        int64_t vb = b.abs ? b.v : int64_t(anchor) + b.v;
        if (va > vb) std::swap(a, b);
    }

    // A1:B2 becomes one Area reference; anything else joined by ':' is a Range operation.
    bool ref_range() {
        if (!primary()) return false;
        while (peek().kind == Tok::Colon) {
            size_t pos = peek().pos;
            ++p_;
            if (!primary()) return false;
            Node& l = st_[st_.size() - 2];
            Node& r = st_.back();
            if (!ref_like(l) || !ref_like(r))  // 1.5:3, "a":A1 — Excel rejects these too
                return fail(pos, "':' needs a reference on both sides");
            if (l.kind == NodeKind::Ref && l.ref.kind == AreaRef::Cell && r.kind == NodeKind::Ref &&
                r.ref.kind == AreaRef::Cell && (!r.ref.has_sheet || (l.ref.has_sheet && same_sheet(l.ref, r.ref)))) {
                l.ref.kind = AreaRef::Area;
                l.ref.r2 = r.ref.r1;
                l.ref.c2 = r.ref.c1;
                order(l.ref.r1, l.ref.r2, anchor_.row);
                order(l.ref.c1, l.ref.c2, anchor_.col);
                st_.pop_back();
                dep_.pop_back();
            } else if (!wrap2(Op::Range, pos)) {
                return false;
            }
        }
        return true;
    }

    // ---- primaries ----------------------------------------------------------------

    // Only '(' and calls recurse; every other primary is built in a separate, non-inlined
    // function, so that the frames on the recursive path stay small (nesting to the cap
    // needs well under 1 MB of stack, also under the sanitizers).
    bool primary() {
        const Token& t = peek();
        bool ok;
        if (t.kind == Tok::At) return at_operator();
        if (t.kind == Tok::LParen) ok = paren() && invocations();
        else if (t.kind == Tok::Word && peek(1).kind == Tok::LParen && !peek(1).space_before) ok = call() && invocations();
        else ok = leaf_primary();
        if (ok && peek().kind == Tok::Hash && !peek().space_before) return spill_operator();
        return ok;
    }

    // A1#: the spill range of the dynamic array anchored at A1, read as ANCHORARRAY(A1).
    [[gnu::noinline]] bool spill_operator() {
        size_t pos = peek().pos;
        if (!ref_like(st_.back())) return fail(pos, "'#' needs a reference before it");
        ++p_;
        return operator_call("ANCHORARRAY", pos);
    }

    // @A1:A10: implicit intersection, read as SINGLE(A1:A10).
    [[gnu::noinline]] bool at_operator() {
        size_t pos = peek().pos;
        if (!enter(pos)) return false;
        ++p_;
        if (!ref_range()) return false;
        --nest_;
        return operator_call("SINGLE", pos);
    }

    bool operator_call(const char* fn, size_t pos) {
        if (!reduce(1, NodeKind::Call, Op::None, pos)) return false;
        Node& n = st_.back();
        n.text = fn;
        n.prefix = "_xlfn.";
        n.b = true;
        return true;
    }

    // The arguments of a call whose '(' is at `open`, after skipping `skip` tokens (the name
    // and/or the '('): parsed up to the ')' and counted. A union is an argument only in parentheses.
    bool argument_list(size_t open, int skip, size_t& count) {
        if (!enter(open)) return false;
        p_ += skip;
        opens_.push_back(uint32_t(open));
        bool saved = union_ok_;
        union_ok_ = false;
        if (!arguments(count)) return false;
        union_ok_ = saved;
        --nest_;
        return true;
    }

    // LAMBDA(x,x+1)(2), f(1)(2): a call of the value just parsed, as long as '(' follows at once.
    bool invocations() {
        while (peek().kind == Tok::LParen && !peek().space_before) {
            size_t open = peek().pos, count = 0;
            if (!argument_list(open, 1, count)) return false;
            if (!reduce(count + 1, NodeKind::Invoke, Op::None, open)) return false;
        }
        return true;
    }

    // Do the tokens from p_ + k read Sheet1:Sheet3! (written without spaces)?
    bool three_d_at(size_t k) const {
        return peek(k).kind == Tok::Word && peek(k + 1).kind == Tok::Colon && !peek(k + 1).space_before &&
               peek(k + 2).kind == Tok::Word && !peek(k + 2).space_before && peek(k + 3).kind == Tok::Bang &&
               !peek(k + 3).space_before;
    }

    [[gnu::noinline]] bool leaf_primary() {
        const Token& t = peek();
        switch (t.kind) {
            case Tok::Number: {
                AreaRef prefix;
                if (int r = whole_rows(prefix)) return r > 0;
                return number(t);
            }
            case Tok::String: return string(t);
            case Tok::Error: {
                push_leaf(NodeKind::Error).err = error_from_text(upper_error(t));
                ++p_;
                return true;
            }
            case Tok::LBrace: return array();
            case Tok::Quoted: {
                AreaRef prefix;
                prefix.has_sheet = true;
                std::string name;
                unquote(text(t), '\'', name);
                if (name.empty()) return fail(t.pos, "empty sheet name");
                size_t colon = name.find(':');
                if (colon != std::string::npos) {  // ':' cannot occur in a sheet name, so this is 3-D
                    split_book(std::string_view(name).substr(0, colon), prefix);
                    prefix.sheet2 = name.substr(colon + 1);
                } else {
                    split_book(name, prefix);
                }
                if (peek(1).kind != Tok::Bang || peek(1).space_before)
                    return fail(peek(1).pos, "expected '!' after quoted sheet name");
                p_ += 2;
                return after_sheet(prefix);
            }
            case Tok::Word: {
                AreaRef prefix;
                const Token& t1 = peek(1);
                if (t1.kind == Tok::Bang && !t1.space_before) {  // Sheet1!…
                    prefix.has_sheet = true;
                    split_book(text(t), prefix);
                    p_ += 2;
                    return after_sheet(prefix);
                }
                if (three_d_at(0)) {  // Sheet1:Sheet3!…
                    prefix.has_sheet = true;
                    split_book(text(t), prefix);
                    prefix.sheet2 = text(peek(2));
                    p_ += 4;
                    return after_sheet(prefix);
                }
                return word(prefix);
            }
            default: return unexpected(t);
        }
    }

    std::string upper_error(const Token& t) const {
        std::string s(text(t));
        for (char& c : s) c = upper(c);
        return s;
    }

    // After "Sheet1!": a cell, an area (via ref_range), whole rows/columns, a name or #REF!.
    bool after_sheet(AreaRef& prefix) {
        const Token& t = peek();
        switch (t.kind) {
            case Tok::Word:
                if (peek(1).kind == Tok::LParen && !peek(1).space_before)
                    return fail(t.pos, "a function name cannot be sheet-qualified");
                return word(prefix);
            case Tok::Number:
                if (int r = whole_rows(prefix)) return r > 0;
                return fail(t.pos, "expected a reference after '!'");
            case Tok::Error: {
                if (upper_error(t) != "#REF!") return fail(t.pos, "expected a reference after '!'");
                Node& n = push_leaf(NodeKind::Error);
                n.err = Err::Ref;
                n.ref = std::move(prefix);
                ++p_;
                return true;
            }
            default: return fail(t.pos, "expected a reference after '!'");
        }
    }

    // A word that is not a call: whole columns/rows, a cell, TRUE/FALSE or a name.
    bool word(AreaRef& prefix) {
        const Token& t = peek();
        if (int r = whole_cols(prefix)) return r > 0;
        if (int r = whole_rows(prefix)) return r > 0;
        std::string_view w = text(t);
        if (!prefix.has_sheet && (iequals(w, "TRUE") || iequals(w, "FALSE"))) {
            push_leaf(NodeKind::Bool).b = upper(w[0]) == 'T';
            ++p_;
            return true;
        }
        bool ca, ra;
        int32_t col = 0, row = 0;
        switch (classify_cell(w, ca, col, ra, row)) {
            case WordKind::Beyond: return fail(t.pos, kBeyond);
            case WordKind::Invalid: return fail(t.pos, "invalid reference '" + std::string(w) + "'");
            case WordKind::Cell: {
                Node& n = push_leaf(NodeKind::Ref);
                n.ref = std::move(prefix);
                n.ref.kind = AreaRef::Cell;
                n.ref.r1 = n.ref.r2 = Coord{ra ? row : row - anchor_.row, ra};
                n.ref.c1 = n.ref.c2 = Coord{ca ? col : col - anchor_.col, ca};
                ++p_;
                return true;
            }
            case WordKind::NotRef: break;
        }
        Node& n = push_leaf(NodeKind::Name);
        // A LET/LAMBDA parameter: _xlpm.x, or _xlop.x for an optional one (written [x] in Excel).
        if (!prefix.has_sheet && w.size() > 6 && (iequals(w.substr(0, 6), "_xlpm.") || iequals(w.substr(0, 6), "_xlop."))) {
            n.prefix.assign(w.substr(0, 6));
            w.remove_prefix(6);
        }
        n.text.assign(w);
        n.ref = std::move(prefix);
        ++p_;
        return true;
    }

    // A:C, $A:$C. Returns 1 when parsed, 0 when the tokens are not whole columns, -1 on error.
    int whole_cols(AreaRef& prefix) {
        if (peek().kind != Tok::Word || peek(1).kind != Tok::Colon || peek(2).kind != Tok::Word) return 0;
        Coord a, b;
        int ka = column_only(text(peek()), a), kb = column_only(text(peek(2)), b);
        if (ka == 0 || kb == 0) return 0;
        if (peek(3).kind == Tok::LParen || peek(3).kind == Tok::Bang) return 0;  // A:B( or A:B!C1
        if (peek(3).kind == Tok::Colon && three_d_at(2)) return 0;  // Tax:a:b!C1 is Tax : (a:b!C1)
        if (ka < 0 || kb < 0) return fail(peek(ka < 0 ? 0 : 2).pos, kBeyond), -1;
        p_ += 3;
        Node& n = push_leaf(NodeKind::Ref);
        n.ref = std::move(prefix);
        n.ref.kind = AreaRef::Cols;
        if (!a.abs) a.v -= anchor_.col;
        if (!b.abs) b.v -= anchor_.col;
        order(a, b, anchor_.col);
        n.ref.c1 = a;
        n.ref.c2 = b;
        return 1;
    }

    // 3:5, $3:$5 (Number or $-Word tokens). Returns 1 when parsed, 0 when not rows, -1 on error.
    int whole_rows(AreaRef& prefix) {
        auto rowish = [&](const Token& t) { return t.kind == Tok::Number || t.kind == Tok::Word; };
        if (!rowish(peek()) || peek(1).kind != Tok::Colon || !rowish(peek(2))) return 0;
        Coord a, b;
        int ka = row_only(text(peek()), a), kb = row_only(text(peek(2)), b);
        if (ka == 0 || kb == 0) return 0;
        if (ka < 0 || kb < 0) return fail(peek(ka < 0 ? 0 : 2).pos, kBeyond), -1;
        p_ += 3;
        Node& n = push_leaf(NodeKind::Ref);
        n.ref = std::move(prefix);
        n.ref.kind = AreaRef::Rows;
        if (!a.abs) a.v -= anchor_.row;
        if (!b.abs) b.v -= anchor_.row;
        order(a, b, anchor_.row);
        n.ref.r1 = a;
        n.ref.r2 = b;
        return 1;
    }

    bool number(const Token& t) {
        std::string_view s = text(t);
        double d = 0;
        auto r = fast_float::from_chars(s.data(), s.data() + s.size(), d);
        if (r.ptr != s.data() + s.size()) return fail(t.pos, "malformed number");
        if (!std::isfinite(d)) return fail(t.pos, "number out of range");
        push_leaf(NodeKind::Number).num = d;
        ++p_;
        return true;
    }

    // Text between the quotes of a "…" or '…' token, with doubled quotes undone.
    static void unquote(std::string_view s, char q, std::string& out) {
        s = s.substr(1, s.size() - 2);
        if (s.find(q) == std::string_view::npos) {
            out.assign(s);
            return;
        }
        out.reserve(s.size());
        for (size_t i = 0; i < s.size(); ++i) {
            out += s[i];
            if (s[i] == q) ++i;  // the lexer guarantees quotes come in pairs here
        }
    }

    bool string(const Token& t) {
        unquote(text(t), '"', push_leaf(NodeKind::String).text);
        ++p_;
        return true;
    }

    bool enter(size_t pos) {
        if (++nest_ > kMaxNest) return fail(pos, kTooDeep);
        return true;
    }

    [[gnu::noinline]] bool missing_paren(const Token& t) {
        return fail(t.pos, "unbalanced parentheses: missing ')' for '(' at " + std::to_string(opens_.back()));
    }

    bool close_paren() {
        const Token& t = peek();
        if (t.kind != Tok::RParen) return unexpected(t);
        ++p_;
        opens_.pop_back();
        return true;
    }

    // ( expr ) — ',' inside is the union operator: (A1:B2,C3).
    bool paren() {
        size_t open = peek().pos;
        if (!enter(open)) return false;
        ++p_;
        opens_.push_back(uint32_t(open));
        bool saved = union_ok_;
        union_ok_ = true;
        if (!expr()) return false;
        // A ',' left over after a complete operand, as in (A1%,B1), is a union too.
        while (peek().kind == Tok::Comma) {
            size_t pos = peek().pos;
            ++p_;
            if (!expr() || !wrap2(Op::Union, pos)) return false;
        }
        if (!close_paren()) return false;
        union_ok_ = saved;
        --nest_;
        return wrap1(NodeKind::Paren, Op::None, open);
    }

    // NAME( args ) — ',' separates arguments; an empty argument is a Missing node.
    bool call() {
        const Token& name_tok = peek();
        std::string_view w = text(name_tok);
        if (w.find('$') != std::string_view::npos || w.find('[') != std::string_view::npos)
            return bad_function_name(name_tok);
        size_t open = peek(1).pos, count = 0;
        if (!argument_list(open, 2, count)) return false;
        return finish_call(w, count, name_tok.pos);
    }

    // The arguments after '(' up to and including ')'; an empty argument is a Missing node.
    bool arguments(size_t& count) {
        if (peek().kind == Tok::RParen) {
            ++p_;
            opens_.pop_back();
            return true;
        }
        for (;;) {
            Tok k = peek().kind;
            if (k == Tok::Comma || k == Tok::RParen) push_missing();
            else if (!expr()) return false;
            ++count;
            if (peek().kind == Tok::Comma) {
                ++p_;
                continue;
            }
            return close_paren();
        }
    }

    [[gnu::noinline]] bool bad_function_name(const Token& t) {
        return fail(t.pos, "invalid function name '" + std::string(text(t)) + "'");
    }

    void push_missing() { push_leaf(NodeKind::Missing); }

    [[gnu::noinline]] bool finish_call(std::string_view name, size_t count, size_t pos) {
        if (!reduce(count, NodeKind::Call, Op::None, pos)) return false;
        canonical_name(name, st_.back());
        return true;
    }

    // Canonical upper-case name in text, "_xlfn." etc. as written in prefix
    // (same rule as FunctionRegistry::canonical).
    static void canonical_name(std::string_view w, Node& n) {
        static constexpr std::string_view kPrefixes[] = {"_xlfn._xlws.", "_xlfn.", "_xlws.", "_xlpm."};
        for (std::string_view pre : kPrefixes) {
            if (w[0] != '_') break;
            if (w.size() > pre.size() && iequals(w.substr(0, pre.size()), pre)) {
                n.prefix.assign(w.substr(0, pre.size()));
                w.remove_prefix(pre.size());
                break;
            }
        }
        n.text.resize(w.size());
        for (size_t i = 0; i < w.size(); ++i) n.text[i] = upper(w[i]);
    }

    // {1,2;3,4}: numbers (with a sign), strings, booleans and errors; rows must be equally long.
    bool array() {
        size_t open = peek().pos;
        ++p_;
        size_t base = st_.size();
        uint32_t rows = 0, cols = 0, in_row = 0;
        for (;;) {
            const Token& t = peek();
            switch (t.kind) {
                case Tok::Minus: case Tok::Plus: {
                    const Token& t1 = peek(1);
                    if (t1.kind != Tok::Number) return fail(t.pos, "bad array constant: expected a number after sign");
                    if (!number(t1)) return false;  // consumed the number; the sign is folded in
                    if (t.kind == Tok::Minus) st_.back().num = -st_.back().num;
                    ++p_;
                    break;
                }
                case Tok::Number:
                    if (!number(t)) return false;
                    break;
                case Tok::String:
                    string(t);
                    break;
                case Tok::Error:
                    push_leaf(NodeKind::Error).err = error_from_text(upper_error(t));
                    ++p_;
                    break;
                case Tok::Word:
                    if (iequals(text(t), "TRUE") || iequals(text(t), "FALSE")) {
                        push_leaf(NodeKind::Bool).b = upper(src_[t.pos]) == 'T';
                        ++p_;
                        break;
                    }
                    [[fallthrough]];
                default:
                    if (t.kind == Tok::End) return fail(t.pos, "bad array constant: missing '}'");
                    if (t.kind == Tok::Bad) return unexpected(t);
                    return fail(t.pos, "bad array constant: expected a number, string, boolean or error");
            }
            ++in_row;
            const Token& sep = peek();
            if (sep.kind == Tok::Comma) {
                ++p_;
                continue;
            }
            if (sep.kind == Tok::Semicolon || sep.kind == Tok::RBrace) {
                if (rows == 0) cols = in_row;
                else if (in_row != cols) return fail(sep.pos, "bad array constant: rows differ in length");
                ++rows;
                in_row = 0;
                ++p_;
                if (sep.kind == Tok::RBrace) break;
                continue;
            }
            if (sep.kind == Tok::End) return fail(sep.pos, "bad array constant: missing '}'");
            return fail(sep.pos, "bad array constant: expected ',', ';' or '}'");
        }
        if (!reduce(st_.size() - base, NodeKind::Array, Op::None, open)) return false;
        st_.back().rows = rows;
        st_.back().cols = cols;
        return true;
    }
};

}  // namespace

ParseResult parse(std::string_view text, CellAddr anchor) {
    if (!text.empty() && text[0] == '=') text.remove_prefix(1);
    thread_local Scratch scratch;  // token and operand buffers reused across calls
    return Parser(text, anchor, scratch).run();
}

}  // namespace sp::formula
