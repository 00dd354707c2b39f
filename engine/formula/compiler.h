// compiler.h — syntax tree -> Program.
#pragma once
#include <memory>
#include <string>

#include "formula/program.h"

namespace sp {
class Workbook;
class FunctionRegistry;
}

namespace sp::formula {

// Compiles a parsed tree (array_formula: every operator in array mode, as {=…} in Excel). Sheet names are resolved against wb; unknown functions
// compile to CallUnknown (#NAME? at run time) and are listed in unknown_functions.
std::unique_ptr<Program> compile(Node ast, const Workbook& wb, const FunctionRegistry& reg,
                                 std::vector<std::string>* unknown_functions = nullptr, bool array_formula = false);

}  // namespace sp::formula
