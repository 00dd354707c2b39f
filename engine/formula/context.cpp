// context.cpp — what a function sees: cell reads, scalars, iteration, Excel coercions.
#include <cmath>

#include "core/number_text.h"
#include "formula/function.h"
#include "formula/parser.h"
#include "formula/program.h"
#include "model/workbook.h"

namespace sp {

Value CallContext::cell_value(SheetId sheet, int32_t row, int32_t col) {
    return wb_.sheet(sheet).get(row, col);
}

bool CallContext::date1904() const { return wb_.settings().date1904; }
bool CallContext::day_first() const { return wb_.settings().day_first; }

Value CallContext::scalar(const Operand& arg) {
    switch (arg.kind()) {
        case Operand::Kind::Missing: return Value();
        case Operand::Kind::Value: {
            const Value& v = arg.value();
            if (v.is_array()) {
                const Array& a = v.array();
                return (a.rows() && a.cols()) ? a.at(0, 0) : Value::error(Err::Value);
            }
            return v;
        }
        case Operand::Kind::Areas: return Value::error(Err::Value);
        case Operand::Kind::Ref: {
            const SheetRange& r = arg.ref();
            const RangeAddr& a = r.range;
            if (a.is_cell()) return cell_value(r.sheet, a.r1, a.c1);
            // Implicit intersection with the formula's row (a column range) or column (a row range).
            if (a.c1 == a.c2 && cell_.row >= a.r1 && cell_.row <= a.r2) return cell_value(r.sheet, cell_.row, a.c1);
            if (a.r1 == a.r2 && cell_.col >= a.c1 && cell_.col <= a.c2) return cell_value(r.sheet, a.r1, cell_.col);
            return Value::error(Err::Value);
        }
    }
    return Value();
}

Array CallContext::to_array(const Operand& arg) {
    if (arg.kind() == Operand::Kind::Ref) {
        const SheetRange& r = arg.ref();
        const RangeAddr& a = r.range;
        // Whole columns/rows: clip to the sheet's used extent to keep arrays finite.
        RangeAddr clip = a;
        const Sheet& sh = wb_.sheet(r.sheet);
        if (a.rows() > 65536) {
            int32_t ext = 0;
            for (int32_t c = a.c1; c <= std::min(a.c2, sh.column_count() - 1); ++c) ext = std::max(ext, sh.column_extent(c));
            clip.r2 = std::max(a.r1, std::min(a.r2, ext - 1));
        }
        if (a.cols() > 1024) clip.c2 = std::max(a.c1, std::min(a.c2, sh.column_count() - 1));
        Array out(uint32_t(clip.rows()), uint32_t(clip.cols()));
        for (int32_t row = clip.r1; row <= clip.r2; ++row)
            for (int32_t c = clip.c1; c <= clip.c2; ++c) out.at(row - clip.r1, c - clip.c1) = cell_value(r.sheet, row, c);
        return out;
    }
    if (arg.kind() == Operand::Kind::Value && arg.value().is_array()) return arg.value().array();
    Array one(1, 1);
    one.at(0, 0) = arg.kind() == Operand::Kind::Value ? arg.value() : Value::error(Err::Value);
    return one;
}

void CallContext::for_each(const Operand& arg, const std::function<void(const Value&, bool)>& fn, bool include_empty) {
    switch (arg.kind()) {
        case Operand::Kind::Missing: return;
        case Operand::Kind::Value: {
            const Value& v = arg.value();
            if (v.is_array()) {
                for (const Value& e : v.array().cells()) fn(e, false);
            } else {
                fn(v, false);
            }
            return;
        }
        case Operand::Kind::Ref:
        case Operand::Kind::Areas:
            for (const SheetRange& r : arg.area_list()) {
                const Sheet& sh = wb_.sheet(r.sheet);
                if (include_empty) {
                    RangeAddr a = r.range;
                    for (int32_t c = a.c1; c <= a.c2; ++c) {
                        int32_t r2 = std::min(a.r2, std::max(a.r1 - 1, sh.column_extent(c) - 1));
                        for (int32_t row = a.r1; row <= r2; ++row) fn(cell_value(r.sheet, row, c), true);
                        if (a.r2 > r2) {
                            Value empty;
                            for (int64_t n = int64_t(a.r2) - std::max(r2, a.r1 - 1); n > 0; --n) fn(empty, true);
                        }
                    }
                    continue;
                }
                // Formula cells not yet computed in this recalc hold no value: bring them up
                // to date first (cell_value does), then read the stored values.
                sh.for_each_formula(r.range, [&](int32_t row, int32_t col, uint32_t) { cell_value(r.sheet, row, col); });
                sh.for_each(r.range, [&](int32_t, int32_t, const CellView& view) { fn(view.value(), true); });
            }
            return;
    }
}

Err CallContext::to_number(const Value& v, double& out) {
    switch (v.type()) {
        case Type::Number: out = v.number(); return Err::None;
        case Type::Empty: out = 0; return Err::None;
        case Type::Bool: out = v.boolean() ? 1 : 0; return Err::None;
        case Type::Error: return v.error();
        case Type::String: {
            auto n = coerce_text_to_number(v.string());
            if (!n) return Err::Value;
            out = *n;
            return Err::None;
        }
        case Type::Array: {
            const Array& a = v.array();
            if (!a.rows() || !a.cols()) return Err::Value;
            return to_number(a.at(0, 0), out);
        }
    }
    return Err::Value;
}

Err CallContext::to_bool(const Value& v, bool& out) {
    switch (v.type()) {
        case Type::Number: out = v.number() != 0; return Err::None;
        case Type::Empty: out = false; return Err::None;
        case Type::Bool: out = v.boolean(); return Err::None;
        case Type::Error: return v.error();
        case Type::String: {
            std::string up(v.string());
            for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (up == "TRUE") { out = true; return Err::None; }
            if (up == "FALSE") { out = false; return Err::None; }
            return Err::Value;
        }
        case Type::Array: {
            const Array& a = v.array();
            if (!a.rows() || !a.cols()) return Err::Value;
            return to_bool(a.at(0, 0), out);
        }
    }
    return Err::Value;
}

Err CallContext::to_text(const Value& v, std::string& out) {
    switch (v.type()) {
        case Type::Number: out = format_general(v.number()); return Err::None;
        case Type::Empty: out.clear(); return Err::None;
        case Type::Bool: out = v.boolean() ? "TRUE" : "FALSE"; return Err::None;
        case Type::Error: return v.error();
        case Type::String: out = v.string(); return Err::None;
        case Type::Array: {
            const Array& a = v.array();
            if (!a.rows() || !a.cols()) return Err::Value;
            return to_text(a.at(0, 0), out);
        }
    }
    return Err::Value;
}

std::optional<SheetRange> CallContext::resolve_reference_text(std::string_view text, bool a1) const {
    if (!a1) return std::nullopt;  // R1C1 text: not supported yet
    auto parsed = formula::parse(text, cell_);
    if (!parsed) return std::nullopt;
    const formula::Node* n = &*parsed.ast;
    while (n->kind == formula::NodeKind::Paren) n = &n->children[0];
    formula::RefSpec spec;
    if (n->kind == formula::NodeKind::Name) {
        const DefinedName* dn = wb_.find_name(n->text, sheet_);
        if (!dn || dn->program == kNoFormula) return std::nullopt;
        const formula::Program& p = wb_.program(dn->program);
        if (p.refs.size() != 1 || p.code.size() != 1) return std::nullopt;
        SheetRange out;
        if (!formula::resolve_ref(p.refs[0], dn->scope == kNoSheet ? 0 : dn->scope, CellAddr{0, 0}, out)) return std::nullopt;
        return out;
    }
    bool range_op = n->kind == formula::NodeKind::Binary && n->op == formula::Op::Range &&
                    n->children[0].kind == formula::NodeKind::Ref && n->children[1].kind == formula::NodeKind::Ref;
    if (n->kind != formula::NodeKind::Ref && !range_op) return std::nullopt;
    auto resolve_area = [&](const formula::AreaRef& area, SheetRange& out) {
        spec = formula::RefSpec{};
        spec.area = area;
        if (area.has_sheet) {
            if (!area.book.empty() || !area.sheet2.empty()) return false;
            auto id = wb_.find_sheet(area.sheet);
            if (!id) return false;
            spec.sheet = *id;
        }
        return formula::resolve_ref(spec, sheet_, cell_, out);
    };
    SheetRange out;
    if (n->kind == formula::NodeKind::Ref) {
        if (!resolve_area(n->ref, out)) return std::nullopt;
        return out;
    }
    SheetRange a, b;
    if (!resolve_area(n->children[0].ref, a) || !resolve_area(n->children[1].ref, b)) return std::nullopt;
    if (n->children[1].ref.has_sheet == false) b.sheet = a.sheet;
    if (a.sheet != b.sheet) return std::nullopt;
    out.sheet = a.sheet;
    out.range = RangeAddr{std::min(a.range.r1, b.range.r1), std::min(a.range.c1, b.range.c1),
                          std::max(a.range.r2, b.range.r2), std::max(a.range.c2, b.range.c2)};
    return out;
}

}  // namespace sp
