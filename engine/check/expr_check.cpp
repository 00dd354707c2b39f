// expr_check.cpp — expression rules. The expression is parsed once (formula::parse), split
// at its top-level comparison, and each side is printed back to A1 text at the row being
// checked and evaluated with Calculator::evaluate on the rule's sheet.
#include "check/expr_check.h"

#include <cctype>
#include <cmath>
#include <optional>
#include <string>

#include "check/runner.h"
#include "core/number_text.h"
#include "formula/function.h"
#include "formula/parser.h"

namespace sp::check {

namespace {

using formula::Node;
using formula::NodeKind;
using formula::Op;

Finding base(const Rule& rule, Severity sev, std::string message) {
    Finding f;
    f.rule_id = rule.id;
    f.severity = sev;
    f.message = std::move(message);
    f.sheet = rule.sheet;
    f.tolerance = rule.tolerance;
    return f;
}

// A rule that cannot run is reported once as a warning: it says nothing about the numbers.
// `why` is a catalogue entry (check section).
Finding problem(const Rule& rule, const msg::Message& why) {
    Finding f = base(rule, Severity::Warning, "");
    f.message = msg::text(msg::Lang::zh, "check.cannot_run", {msg::text(msg::Lang::zh, why), rule.message});
    f.message_en = msg::text(msg::Lang::en, "check.cannot_run", {msg::text(msg::Lang::en, why), rule.message});
    return f;
}

bool is_comparison(Op op) {
    return op == Op::Eq || op == Op::Ne || op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
}

const Node& unparen(const Node& n) { return n.kind == NodeKind::Paren && !n.children.empty() ? unparen(n.children[0]) : n; }

// The first missing sheet, name or function the expression refers to (no key when all exist).
msg::Message missing_reference(const Node& n, const Workbook& wb, SheetId sheet) {
    if (n.kind == NodeKind::Ref || n.kind == NodeKind::Name) {
        if (!n.ref.book.empty()) return {"check.external_book", {n.ref.book}};
        SheetId s = sheet;
        if (n.ref.has_sheet) {
            auto id = wb.find_sheet(n.ref.sheet);
            if (!id) return {"check.missing_sheet", {n.ref.sheet}};
            s = *id;
            if (!n.ref.sheet2.empty() && !wb.find_sheet(n.ref.sheet2)) return {"check.missing_sheet", {n.ref.sheet2}};
        }
        if (n.kind == NodeKind::Name && !wb.find_name(n.text, s)) return {"check.missing_name", {n.text}};
    }
    if (n.kind == NodeKind::Call && !wb.registry().find(n.text)) return {"check.unknown_function", {n.text}};
    for (const Node& c : n.children)
        if (auto m = missing_reference(c, wb, sheet); !m.key.empty()) return m;
    return {};
}

const Node* first_reference(const Node& n) {
    if (n.kind == NodeKind::Ref || n.kind == NodeKind::Name) return &n;
    for (const Node& c : n.children)
        if (const Node* r = first_reference(c)) return r;
    return nullptr;
}

std::string unquote(std::string_view s) {
    if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
        std::string out;
        for (size_t i = 1; i + 1 < s.size(); ++i) {
            out += s[i];
            if (s[i] == '\'' && s[i + 1] == '\'') ++i;
        }
        return out;
    }
    return std::string(s);
}

// Where a finding points: the sheet and A1 text of a reference node (a name: its target).
void locate(const Node& ref, const Workbook& wb, SheetId sheet, CellAddr at, Finding& f) {
    f.sheet = wb.sheet(sheet).name();
    if (ref.kind == NodeKind::Name) {
        SheetId s = sheet;
        if (ref.ref.has_sheet)
            if (auto id = wb.find_sheet(ref.ref.sheet)) s = *id;
        const DefinedName* dn = wb.find_name(ref.text, s);
        if (!dn) return;
        std::string_view t = dn->text;
        auto bang = t.rfind('!');
        if (bang != std::string_view::npos) {
            f.sheet = unquote(t.substr(0, bang));
            t = t.substr(bang + 1);
        }
        std::string cell;
        for (char c : t)
            if (c != '$') cell += c;
        if (parse_range(cell)) f.cell = cell;
        return;
    }
    Node bare = ref;
    if (bare.ref.has_sheet) f.sheet = bare.ref.sheet;
    bare.ref.has_sheet = false;
    bare.ref.sheet.clear();
    bare.ref.sheet2.clear();
    f.cell = formula::print_a1(bare, at);
}

// A side's value as a number when it reads as one (blank 0, TRUE 1, "1,126.72" 1126.72).
std::optional<double> as_number(const Value& v) {
    switch (v.type()) {
        case Type::Number: return v.number();
        case Type::Empty: return 0.0;
        case Type::Bool: return v.boolean() ? 1.0 : 0.0;
        case Type::String: return parse_number_text(v.string());
        default: return std::nullopt;
    }
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string render(const Value& v) { return v.is_empty() ? "（空）" : to_display(v); }

double clean(double d) { return std::round(d * 1e10) / 1e10; }  // drops binary noise for display

Value evaluate(Calculator& calc, const Node& side, SheetId sheet, CellAddr at) {
    Value v = calc.evaluate("=" + formula::print_a1(side, at), sheet, at);
    if (v.is_array()) {
        const Array& a = v.array();
        if (a.rows() == 1 && a.cols() == 1) return a.at(0, 0);
    }
    return v;
}

const char* op_text(Op op) {
    switch (op) {
        case Op::Eq: return "=";
        case Op::Ne: return "<>";
        case Op::Lt: return "<";
        case Op::Le: return "<=";
        case Op::Gt: return ">";
        case Op::Ge: return ">=";
        default: return "?";
    }
}

// Checks one row (anchor `at`) and appends a finding when it fails.
void check_at(const Rule& rule, const Node& expr, Workbook& wb, Calculator& calc, SheetId sheet, CellAddr at,
              std::vector<Finding>& out) {
    const Node& top = unparen(expr);
    bool compare = top.kind == NodeKind::Binary && is_comparison(top.op) && top.children.size() == 2;
    const Node& left = compare ? top.children[0] : top;
    Finding f = base(rule, rule.severity, rule.message);
    const Node* ref = first_reference(left);
    if (!ref && compare) ref = first_reference(top.children[1]);
    if (ref) locate(*ref, wb, sheet, at, f);
    else f.sheet = wb.sheet(sheet).name();

    if (!compare) {  // a condition: must be TRUE
        Value v = evaluate(calc, top, sheet, at);
        f.found = render(v);
        f.expected = "TRUE";
        if (v.is_array()) return out.push_back(problem(rule, {"check.not_single_value", {}}));
        bool ok = v.is_bool() ? v.boolean() : v.is_number() && v.number() != 0;
        if (v.is_error()) remark(f, "check.error_value", {to_display(v)});
        if (!ok) out.push_back(std::move(f));
        return;
    }

    Value lv = evaluate(calc, top.children[0], sheet, at);
    Value rv = evaluate(calc, top.children[1], sheet, at);
    f.found = render(lv);
    f.expected = render(rv);
    if (lv.is_array() || rv.is_array()) return out.push_back(problem(rule, {"check.side_not_single", {}}));
    if (lv.is_error() || rv.is_error()) {
        remark(f, "check.error_value", {to_display(lv.is_error() ? lv : rv)});
        return out.push_back(std::move(f));
    }
    Op op = top.op;
    auto ln = as_number(lv), rn = as_number(rv);
    if (!ln || !rn) {  // text on a side: Excel compares text case-insensitively
        if (op != Op::Eq && op != Op::Ne) {
            remark(f, "check.text_order", {op_text(op)});
            return out.push_back(std::move(f));
        }
        bool eq = (lv.is_string() && rv.is_string()) ? lower_ascii(lv.string()) == lower_ascii(rv.string()) : false;
        if (eq != (op == Op::Eq)) out.push_back(std::move(f));
        return;
    }
    double l = *ln, r = *rn, d = l - r;
    double eps = noise_epsilon(l, r), tol = rule.tolerance;
    f.difference = clean(d);
    f.has_difference = true;
    // excess: how far the comparison misses (<= 0: holds).
    double excess = 0;
    switch (op) {
        case Op::Eq: excess = std::fabs(d); break;
        case Op::Ne: excess = std::fabs(d) > tol + eps ? 0 : tol + 2 * eps + 1; break;  // equal within tolerance fails
        case Op::Le: excess = d; break;
        case Op::Lt: excess = d >= 0 ? std::max(d, eps * 2) : 0; break;
        case Op::Ge: excess = -d; break;
        case Op::Gt: excess = d <= 0 ? std::max(-d, eps * 2) : 0; break;
        default: break;
    }
    if (excess <= eps) return;
    if (excess <= tol + eps) {  // rounding drift of rounded parts (尾差), DOMAIN §3.1
        f.severity = Severity::Info;
        remark(f, "check.within_tolerance", {format_general(tol)});
    }
    out.push_back(std::move(f));
}

}  // namespace

void run_expr_check(const Rule& rule, Workbook& wb, Calculator& calc, std::vector<Finding>& out) {
    if (wb.sheet_count() == 0) return out.push_back(problem(rule, {"check.no_sheets", {}}));
    SheetId sheet = 0;
    if (!rule.sheet.empty()) {
        auto id = wb.find_sheet(rule.sheet);
        if (!id) return out.push_back(problem(rule, {"check.missing_sheet", {rule.sheet}}));
        sheet = *id;
    }
    int32_t r1 = 0, r2 = 0;
    if (!rule.rows.empty()) {
        auto rr = parse_range(rule.rows);
        if (!rr || rr->c1 != 0 || rr->c2 < kMaxCols - 1) return out.push_back(problem(rule, {"check.bad_rows", {rule.rows}}));
        r1 = rr->r1;
        r2 = rr->r2;
    }
    CellAddr anchor{r1, 0};
    auto parsed = formula::parse(rule.expr, anchor);
    if (!parsed) {
        return out.push_back(problem(
            rule, {"check.expr_parse", {rule.expr, parsed.error.message, std::to_string(parsed.error.pos + 1)}}));
    }
    if (auto m = missing_reference(*parsed.ast, wb, sheet); !m.key.empty()) return out.push_back(problem(rule, m));
    for (int32_t r = r1; r <= r2; ++r) check_at(rule, *parsed.ast, wb, calc, sheet, CellAddr{r, 0}, out);
}

}  // namespace sp::check
