// reference.cpp — the functions behind Excel 365's reference operators, as files store
// them: ANCHORARRAY (the spill operator, `A1#`) and SINGLE (implicit intersection, `@A1:A9`);
// and GETPIVOTDATA, which needs a pivot table (#REF!: pivot caches are not read).
#include "formula/function.h"
#include "model/workbook.h"

namespace sp {
namespace {

// The cells a formula anchored at the reference's top-left cell fills: the whole range of
// an array (spilled) formula, the cell itself for an ordinary formula; #REF! when the cell
// holds no formula, or lies inside another formula's range without being its anchor.
Operand fn_anchorarray(CallContext& ctx, Args args) {
    if (args[0].kind() != Operand::Kind::Ref) return Value::error(Err::Ref);
    const SheetRange& r = args[0].ref();
    const Workbook& wb = ctx.workbook();
    uint32_t f = wb.sheet(r.sheet).formula_at(r.range.r1, r.range.c1);
    if (f == kNoFormula) return Value::error(Err::Ref);
    const FormulaCell& fc = wb.formula(f);
    if (fc.cell.row != r.range.r1 || fc.cell.col != r.range.c1) return Value::error(Err::Ref);
    if (const RangeAddr* spill = wb.array_range(f)) return SheetRange{r.sheet, *spill};
    return SheetRange{r.sheet, RangeAddr{r.range.r1, r.range.c1, r.range.r1, r.range.c1}};
}

// One value: a range is intersected with the formula's row or column, an array gives its
// top-left element.
Operand fn_single(CallContext& ctx, Args args) { return ctx.scalar(args[0]); }

// GETPIVOTDATA(data_field, pivot_table, [field, item]…): pivot caches are not read, so it
// is #REF! (what Excel gives when the reference is not in a pivot table). In a workbook
// the compiler reports it instead and the cell keeps the value Excel cached.
Operand fn_getpivotdata(CallContext&, Args) { return Value::error(Err::Ref); }

}  // namespace

void register_reference_functions(FunctionRegistry& reg) {
    for (FunctionDef d : std::initializer_list<FunctionDef>{
             {"ANCHORARRAY", fn_anchorarray, 1, 1, kRefResult, "The range a spilled (dynamic-array) formula fills: A1#"},
             {"SINGLE", fn_single, 1, 1, 0, "One value of a range by implicit intersection: @A1:A9"},
             {"GETPIVOTDATA", fn_getpivotdata, 2, 254, 0, "A value of a pivot table (pivot caches are not read: #REF!, the cached value is kept)"},
         }) {
        d.family = "lookup";
        reg.add(std::move(d));
    }
}

}  // namespace sp
