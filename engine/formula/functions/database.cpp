// database.cpp — the database functions DSUM, DAVERAGE, DCOUNT, DCOUNTA, DGET, DMAX, DMIN,
// DPRODUCT, DSTDEV, DSTDEVP, DVAR, DVARP: an aggregate of one field over the records of a
// database range (header row + records) that satisfy a criteria range.
//
// Criteria (Excel's advanced-filter rules): the first row names database fields
// (case-insensitive); each later row is an OR alternative whose non-empty cells are AND'ed;
// an all-empty row matches every record. Cells use COUNTIF syntax (criteria.h), except that
// plain text without an operator matches text that *begins* with it ("East" matches
// "Eastern"; "=East" is exact). A criteria column whose header is blank or names no field
// holds a computed criterion: its formula, written for the first record, is re-run for each
// record (relative references move down) and the record matches when it gives TRUE.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "formula/functions/criteria.h"
#include "formula/vm.h"

namespace sp {
namespace {

Value error(Err e) { return Value::error(e); }

// Runs criteria formulas for other rows; reads cells through the calling context so that
// formula cells are brought up to date first.
class RowEvaluator : public formula::Evaluator {
public:
    explicit RowEvaluator(CallContext& outer) : Evaluator(outer.workbook()), outer_(outer) {}
    Value cell_value(SheetId sheet, int32_t row, int32_t col) override { return outer_.cell_value(sheet, row, col); }
private:
    CallContext& outer_;
};

struct Condition {
    int64_t field = -1;       // database column; -1 for a computed criterion
    crit::Criterion crit;
    uint32_t program = kNoFormula;  // computed criterion: the formula's program, if any
    Value constant;           // computed criterion without a formula: TRUE matches all
    CellAddr at;              // computed criterion: the criteria cell
};
using Alternative = std::vector<Condition>;  // AND

std::string folded_text(const Value& v) {
    std::string s;
    if (v.is_error()) s = std::string(error_text(v.error()));
    else CallContext::to_text(v, s);
    return crit::fold(s);
}

// "East" (no operator, not a number, boolean or error) means "begins with East".
crit::Criterion parse_condition(const Value& v, bool date1904) {
    crit::Criterion c = crit::parse(v, date1904);
    if (v.is_string() && c.kind == crit::Criterion::Kind::Text && c.op == crit::Criterion::Op::Eq) {
        std::string_view s = v.string();
        if (!s.empty() && s[0] != '=') {
            c.wildcard = true;
            c.text = crit::fold(s) + "*";
        }
    }
    return c;
}

struct Query {
    crit::Grid db;
    int64_t field = -1;  // -1: no field (DCOUNT/DCOUNTA count records)
    std::vector<Alternative> alternatives;
    crit::Grid criteria;
};

// Reads the three arguments; Err::None on success.
Err prepare(CallContext& ctx, Args args, bool field_optional, Query& q) {
    if (!crit::make_grid(ctx, args[0], q.db) || q.db.rows < 2) return Err::Value;
    const int64_t cols = q.db.cols;
    std::vector<std::string> headers(static_cast<size_t>(cols));
    for (int64_t j = 0; j < cols; ++j) {
        Value keep;
        headers[size_t(j)] = folded_text(crit::cell_at(ctx, q.db, 0, j, keep).value());
    }
    auto find_header = [&](const std::string& name) -> int64_t {
        for (int64_t j = 0; j < cols; ++j)
            if (headers[size_t(j)] == name) return j;
        return -1;
    };

    // The field: a header name, or a 1-based column number (truncated).
    const Operand& fa = args[1];
    if (fa.is_missing()) {
        if (!field_optional) return Err::Value;
    } else {
        if (fa.kind() == Operand::Kind::Ref && !fa.ref().range.is_cell()) return Err::Value;
        if (fa.kind() == Operand::Kind::Areas) return Err::Value;
        Value f = ctx.scalar(fa);
        if (f.is_error()) return f.error();
        if (f.is_string()) {
            q.field = find_header(crit::fold(f.string()));
            if (q.field < 0) return Err::Value;
        } else if (f.is_number() || f.is_bool()) {
            double n = f.is_bool() ? (f.boolean() ? 1 : 0) : std::trunc(f.number());
            if (n < 1 || n > double(cols)) return Err::Value;
            q.field = int64_t(n) - 1;
        } else {
            return Err::Value;
        }
    }

    // The criteria.
    if (!crit::make_grid(ctx, args[2], q.criteria) || q.criteria.rows < 1) return Err::Value;
    const crit::Grid& cg = q.criteria;
    // Rows past the sheet's used extent are empty, and one empty row matches every record.
    int64_t crows = std::min<int64_t>(cg.rows, cg.is_ref() ? crit::used_rows(cg) : cg.rows);
    if (crows < cg.rows && crows > 1) q.alternatives.emplace_back();
    std::vector<int64_t> ccol(size_t(cg.cols));
    for (int64_t j = 0; j < cg.cols; ++j) {
        Value keep;
        Value h = crit::cell_at(ctx, cg, 0, j, keep).value();
        ccol[size_t(j)] = h.is_empty() ? -1 : find_header(folded_text(h));
    }
    const bool d1904 = ctx.date1904();
    const Workbook& wb = ctx.workbook();
    if (crows <= 1) q.alternatives.emplace_back();  // no condition rows: every record
    for (int64_t i = 1; i < crows; ++i) {
        Alternative alt;
        for (int64_t j = 0; j < cg.cols; ++j) {
            Value keep;
            Value v = crit::cell_at(ctx, cg, i, j, keep).value();
            if (v.is_empty() || (v.is_string() && v.string().empty())) continue;
            Condition c;
            c.field = ccol[size_t(j)];
            if (c.field >= 0) {
                c.crit = parse_condition(v, d1904);
            } else {
                if (cg.is_ref()) {
                    c.at = CellAddr{int32_t(cg.range.r1 + i), int32_t(cg.range.c1 + j)};
                    uint32_t f = cg.sheet->formula_at(c.at.row, c.at.col);
                    if (f != kNoFormula) c.program = wb.formula(f).program;
                }
                c.constant = v;
            }
            alt.push_back(std::move(c));
        }
        q.alternatives.push_back(std::move(alt));
    }
    return Err::None;
}

// A computed criterion whose formula reaches a database function again (the criteria range
// holds the calling formula: a circular reference the graph does not see) would recurse
// without end; a computed criterion inside a computed criterion matches nothing (found by fuzz_formula).
thread_local int g_criteria_depth = 0;
constexpr int kMaxCriteriaDepth = 1;  // each level multiplies the work by rows × criteria rows

// Calls fn(record) for every record (0-based, below the header) that meets the criteria.
template <class F>
void for_each_match(CallContext& ctx, const Query& q, F&& fn) {
    int64_t rows = q.db.is_ref() ? std::min<int64_t>(q.db.rows, crit::used_rows(q.db)) : q.db.rows;
    std::unique_ptr<RowEvaluator> ev;
    for (int64_t r = 1; r < rows; ++r) {
        bool any = false;
        for (const Alternative& alt : q.alternatives) {
            bool all = true;
            for (const Condition& c : alt) {
                bool ok;
                if (c.field >= 0) {
                    Value keep;
                    ok = c.crit.matches(crit::cell_at(ctx, q.db, r, c.field, keep));
                } else if (c.program != kNoFormula) {  // (an unparsed formula's program is 0xFFFFFFFF too)
                    if (g_criteria_depth >= kMaxCriteriaDepth) { all = false; break; }
                    struct Depth {
                        Depth() { ++g_criteria_depth; }
                        ~Depth() { --g_criteria_depth; }
                    } depth;
                    if (!ev) ev = std::make_unique<RowEvaluator>(ctx);
                    CellAddr at{int32_t(c.at.row + r - 1), c.at.col};
                    Value v = ev->run(ctx.workbook().program(c.program), q.criteria.sheet_id, at);
                    ok = v.is_bool() ? v.boolean() : (v.is_number() && v.number() != 0);
                } else {
                    ok = c.constant.is_bool() && c.constant.boolean();
                }
                if (!ok) { all = false; break; }
            }
            if (all) { any = true; break; }
        }
        if (any) fn(r);
    }
}

// The numbers of the field over the matching records (text, booleans, blanks skipped).
Err numbers(CallContext& ctx, Args args, std::vector<double>& out) {
    Query q;
    if (Err e = prepare(ctx, args, false, q); e != Err::None) return e;
    for_each_match(ctx, q, [&](int64_t r) {
        Value keep;
        CellView v = crit::cell_at(ctx, q.db, r, q.field, keep);
        if (v.type == Type::Number) out.push_back(v.num);
    });
    return Err::None;
}

#define DB_NUMBERS(xs)                                                                \
    std::vector<double> xs;                                                           \
    if (Err e_ = numbers(ctx, args, xs); e_ != Err::None) return error(e_)

Operand fn_dsum(CallContext& ctx, Args args) {
    DB_NUMBERS(xs);
    double s = 0;
    for (double x : xs) s += x;
    return Value(s);
}

Operand fn_daverage(CallContext& ctx, Args args) {
    DB_NUMBERS(xs);
    if (xs.empty()) return error(Err::Div0);
    double s = 0;
    for (double x : xs) s += x;
    return Value(s / double(xs.size()));
}

template <bool Max>
Operand fn_dminmax(CallContext& ctx, Args args) {
    DB_NUMBERS(xs);
    if (xs.empty()) return Value(0.0);
    double m = xs[0];
    for (double x : xs) m = Max ? std::max(m, x) : std::min(m, x);
    return Value(m);
}

Operand fn_dproduct(CallContext& ctx, Args args) {
    DB_NUMBERS(xs);
    if (xs.empty()) return Value(0.0);
    double p = 1;
    for (double x : xs) p *= x;
    return Value(p);
}

// Variance in two passes (mean first) for accuracy; Sample divides by n - 1.
template <bool Sample, bool Root>
Operand fn_dvar(CallContext& ctx, Args args) {
    DB_NUMBERS(xs);
    size_t n = xs.size();
    if (n < (Sample ? 2u : 1u)) return error(Err::Div0);
    double mean = 0;
    for (double x : xs) mean += x;
    mean /= double(n);
    double ss = 0;
    for (double x : xs) ss += (x - mean) * (x - mean);
    double var = ss / double(Sample ? n - 1 : n);
    return Value(Root ? std::sqrt(var) : var);
}

// DCOUNT counts numbers, DCOUNTA non-empty cells; without a field, matching records.
template <bool All>
Operand fn_dcount(CallContext& ctx, Args args) {
    Query q;
    if (Err e = prepare(ctx, args, true, q); e != Err::None) return error(e);
    double n = 0;
    for_each_match(ctx, q, [&](int64_t r) {
        if (q.field < 0) { ++n; return; }
        Value keep;
        CellView v = crit::cell_at(ctx, q.db, r, q.field, keep);
        if (All ? v.type != Type::Empty : v.type == Type::Number) ++n;
    });
    return Value(n);
}

// DGET: the field of the one matching record; #VALUE! for none, #NUM! for several.
Operand fn_dget(CallContext& ctx, Args args) {
    Query q;
    if (Err e = prepare(ctx, args, false, q); e != Err::None) return error(e);
    int64_t found = -1, count = 0;
    for_each_match(ctx, q, [&](int64_t r) {
        if (count++ == 0) found = r;
    });
    if (count == 0) return error(Err::Value);
    if (count > 1) return error(Err::Num);
    Value keep;
    return crit::cell_at(ctx, q.db, found, q.field, keep).value();
}

}  // namespace

void register_database_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"DSUM", fn_dsum, 3, 3, 0, "Sum of a field over the database records meeting criteria"},
        {"DAVERAGE", fn_daverage, 3, 3, 0, "Average of a field over the database records meeting criteria"},
        {"DCOUNT", fn_dcount<false>, 3, 3, 0, "Count of numbers in a field over the records meeting criteria"},
        {"DCOUNTA", fn_dcount<true>, 3, 3, 0, "Count of non-empty cells in a field over the records meeting criteria"},
        {"DGET", fn_dget, 3, 3, 0, "The field of the single record meeting criteria"},
        {"DMAX", fn_dminmax<true>, 3, 3, 0, "Largest number in a field over the records meeting criteria"},
        {"DMIN", fn_dminmax<false>, 3, 3, 0, "Smallest number in a field over the records meeting criteria"},
        {"DPRODUCT", fn_dproduct, 3, 3, 0, "Product of a field over the records meeting criteria"},
        {"DSTDEV", fn_dvar<true, true>, 3, 3, 0, "Sample standard deviation of a field over matching records"},
        {"DSTDEVP", fn_dvar<false, true>, 3, 3, 0, "Population standard deviation of a field over matching records"},
        {"DVAR", fn_dvar<true, false>, 3, 3, 0, "Sample variance of a field over matching records"},
        {"DVARP", fn_dvar<false, false>, 3, 3, 0, "Population variance of a field over matching records"},
    };
    crit::add_defs(reg, defs, "database");
}

}  // namespace sp
