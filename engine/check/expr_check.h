// expr_check.h — expression rules: "C40 = F40", "收入总计 = 支出总计", "SUM(C5:C9) <= C10".
// Each side of the top-level comparison is printed back to A1 text and evaluated on the
// rule's sheet, so that a finding carries found (left), expected (right) and the difference.
// An expression without a comparison must evaluate to TRUE.
#pragma once
#include <vector>

#include "calc/calculator.h"
#include "check/rule.h"
#include "model/workbook.h"

namespace sp::check {

// Evaluates rule.expr (for every row of rule.rows when set) and appends findings to out.
// A rule that does not parse or names a missing sheet/name yields one warning finding.
void run_expr_check(const Rule& rule, Workbook& wb, Calculator& calc, std::vector<Finding>& out);

}  // namespace sp::check
