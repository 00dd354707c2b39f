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

// The value of a LAMBDA (carried by Operand::lambda): its body, where it was created
// (relative references in the body resolve from there) and the locals it can see.
struct Closure {
    const Program* program = nullptr;  // owned by the workbook, or by the caller of run()
    uint32_t lambda = 0;               // index into program->lambdas
    SheetId sheet = 0;
    CellAddr cell;
    std::vector<Operand> captured;
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

    // Calls a LAMBDA value with arguments (MAP, REDUCE… and name(args)). Not a LAMBDA:
    // its error, or #VALUE!; too many arguments, or too few for its required parameters:
    // #VALUE!; nested too deeply (runaway recursion): #NUM!.
    Operand invoke(const Operand& fn, Args args);
    // The number of parameters of a LAMBDA value, -1 when it is not one.
    static int lambda_params(const Operand& fn);
    void set_demand_hook(DemandHook* hook) { hook_ = hook; }

private:
    Operand execute(const Program& p, uint32_t begin, uint32_t end, Operand* locals);
    Operand make_closure(const Program& p, uint32_t lambda, const Operand* locals);
    Operand call_name(const std::string& key, Args args);
    Operand call(const FunctionDef& def, Args args, bool array_mode);
    Operand lifted_call(const FunctionDef& def, Args args, bool array_mode);
    Operand name_value(const std::string& key);
    Value external_value(const RefSpec& spec);
    Value operand_scalar(const Operand& o, bool array_mode);

    DemandHook* hook_ = nullptr;
    std::deque<std::vector<Operand>> stacks_;  // one per nesting level; a deque so that growing it never moves a stack in use
    std::deque<std::vector<Operand>> frames_;  // LET/LAMBDA locals, one per nesting level likewise
    uint32_t depth_ = 0;
};

// Excel's value comparison: -1, 0, 1; numbers < text < booleans, text case-insensitive,
// empty compares as 0, "" or FALSE depending on the other side. Err::None unless an error is compared.
int compare_values(const Value& a, const Value& b, Err& err);

}  // namespace sp::formula
