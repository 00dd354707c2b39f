// vm.h — the evaluator: runs a compiled Program for one cell on an operand stack.
#pragma once
#include <deque>
#include <vector>

#include "formula/function.h"
#include "formula/program.h"

namespace sp::formula {

// Asked before a formula cell's value is read, so that a cell not yet brought up to
// date in this recalc (reached through OFFSET, INDIRECT or a missed edge) is computed first.
struct DemandHook {
    virtual ~DemandHook() = default;
    virtual void ensure(uint32_t formula_index) = 0;
};

class Evaluator : public CallContext {
public:
    explicit Evaluator(const Workbook& wb) : CallContext(wb, 0, CellAddr{0, 0}) {}

    // Value of the program run as the formula of (sheet, cell). Array results are kept
    // when keep_array (array formulas); otherwise reduced to the top-left element.
    // A reference result is read (implicit intersection); an empty result is 0, as in Excel.
    Value run(const Program& p, SheetId sheet, CellAddr cell, bool keep_array = false);
    // The raw result (a reference stays a reference): defined names, INDIRECT.
    Operand run_operand(const Program& p, SheetId sheet, CellAddr cell);

    Value cell_value(SheetId sheet, int32_t row, int32_t col) override;
    void set_demand_hook(DemandHook* hook) { hook_ = hook; }

private:
    Operand execute(const Program& p);
    Operand call(const FunctionDef& def, Args args, bool array_mode);
    Operand lifted_call(const FunctionDef& def, Args args, bool array_mode);
    Operand name_value(const std::string& key);
    Value operand_scalar(const Operand& o, bool array_mode);

    DemandHook* hook_ = nullptr;
    std::deque<std::vector<Operand>> stacks_;  // one per nesting level; a deque so that growing it never moves a stack in use
    uint32_t depth_ = 0;
};

// Excel's value comparison: -1, 0, 1; numbers < text < booleans, text case-insensitive,
// empty compares as 0, "" or FALSE depending on the other side. Err::None unless an error is compared.
int compare_values(const Value& a, const Value& b, Err& err);

}  // namespace sp::formula
