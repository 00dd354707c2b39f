// program.h — a compiled formula: a flat stack-machine program in relative form.
// One Program serves every cell whose formula has the same R1C1 shape; the cell's
// position (the anchor) turns relative coordinates into addresses when it runs.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/address.h"
#include "core/value.h"
#include "formula/ast.h"

namespace sp::formula {

enum class OpCode : uint8_t {
    PushNum,        // arg: index into nums
    PushConst,      // arg: index into consts (strings, booleans, errors, arrays)
    PushMissing,
    PushRef,        // arg: index into refs
    PushName,       // arg: index into names (defined name, evaluated when reached)
    Neg, Plus, Percent,
    Add, Sub, Mul, Div, Pow, Concat,
    Eq, Ne, Lt, Le, Gt, Ge,
    RangeOp, Union, Intersect,
    Call,           // arg: function id, argc
    CallUnknown,    // arg: index into names (the unknown function name), argc; yields #NAME?
    JumpIfFalse,    // arg: else target, arg2: end; pops the condition (IF); an error condition
                    // is pushed as the result and jumps to the end
    Jump,           // arg: target
    JumpIfNotError, // arg: target; IFERROR: leaves the value when not an error, else pops it
    JumpIfNotNA,    // arg: target; IFNA
    Pop,
    // LET and LAMBDA. Locals are slots of the running frame (the formula's, or a LAMBDA
    // call's); a LAMBDA body sits inline after its MakeLambda and is jumped over.
    StoreLocal,     // arg: slot; pops the value into it
    LoadLocal,      // arg: slot; pushes its value
    MakeLambda,     // arg: index into lambdas, arg2: the end of its body (where to continue)
    Invoke,         // argc: arguments; calls the LAMBDA value below them
};

struct Instr {
    OpCode op;
    uint8_t array_mode = 0;  // operators and calls evaluate element-wise over ranges
    uint16_t argc = 0;
    uint32_t arg = 0;
    uint32_t arg2 = 0;       // JumpIfFalse: where an error condition jumps (the end of the IF)
};

// A static reference of the formula: coordinates relative to the anchor where not absolute.
struct RefSpec {
    AreaRef area;
    int64_t sheet = -1;  // -1: the formula's own sheet; -2: unknown sheet / external (#REF!)
    bool invalid = false; // #REF! written in the formula
    bool address_only = false;  // only its address is read (ROW(A1), FORMULATEXT(F1)): no dependency
    bool wraps = false;         // a defined name's: relative coordinates wrap around the grid
    // An external reference read from the link's cache (sheet is then -2, so it is no
    // dependency): index into Workbook::external_books() and the sheet within that book.
    int32_t external = -1;
    int32_t external_sheet = -1;
};

// A LAMBDA's body: code[start, end). Its frame holds, in order, a copy of the first
// `captured` slots of the frame that created it, its parameters, then its own LET slots.
struct LambdaInfo {
    uint32_t start = 0, end = 0;
    uint32_t captured = 0;
    uint32_t params = 0;
    uint32_t frame_size = 0;
    uint64_t optional = 0;  // bit i: parameter i was written [name] and may be left out by callers
};

struct Program {
    Node ast;                        // for printing and analysis
    std::string key;                 // R1C1 shape
    std::vector<Instr> code;
    std::vector<double> nums;
    std::vector<Value> consts;
    std::vector<RefSpec> refs;
    std::vector<std::string> names;  // defined names and unknown function names
    bool is_volatile = false;        // calls a volatile function
    bool dynamic_refs = false;       // OFFSET/INDIRECT/names: precedents not all known statically
    uint32_t max_stack = 0;
    uint32_t frame_size = 0;         // local slots of the formula itself (LET)
    std::vector<LambdaInfo> lambdas;
    // Non-empty: the formula parses but uses a construct Suanpan does not evaluate (a table
    // reference, an external reference, CELL("filename")…), named here for the diagnostic.
    // Workbook::compile then treats it as it treats text that does not parse: the cell keeps
    // its cached value and the formula is reported.
    std::string unsupported;
};

// Resolves a RefSpec at an anchor; false when it falls outside the grid or is #REF!.
bool resolve_ref(const RefSpec& spec, SheetId own_sheet, CellAddr anchor, SheetRange& out);

}  // namespace sp::formula
