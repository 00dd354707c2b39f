// round.h — Excel's decimal rounding: ROUND, ROUNDUP, ROUNDDOWN and the 15-digit
// view of a double that Excel rounds from. Shared by math functions and Lua plugins.
#pragma once

namespace sp {

// x taken to 15 significant decimal digits (what Excel displays and rounds from):
// round15(1.005) is 1.005 exactly as parsed, round15(0.1+0.2) is 0.3.
double round15(double x);

// ROUND: half away from zero at `digits` decimals (negative: left of the point),
// applied to round15(x). excel_round(2.675, 2) == 2.68, excel_round(-2.5, 0) == -3.
double excel_round(double x, int digits);
// ROUNDUP: away from zero; ROUNDDOWN: toward zero. Both from round15(x).
double excel_roundup(double x, int digits);
double excel_rounddown(double x, int digits);

}  // namespace sp
