// financial_bonds.h — registration of the securities functions (ACCRINT, COUP*, PRICE,
// YIELD, DURATION, TBILL*, ODD*…), called from register_financial_functions().
#pragma once

namespace sp {
class FunctionRegistry;
void register_financial_bond_functions(FunctionRegistry& reg);
}  // namespace sp
