// runner.h — runs check rules against a recalculated workbook. Expression rules are
// evaluated here (expr_check); rules with a Lua function go through a callback, so that
// this runner does not depend on Lua (cmd_check and batch wire it to the Lua runtime).
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "calc/calculator.h"
#include "check/rule.h"
#include "model/workbook.h"

namespace sp::check {

// Runs one fn-rule (rule.lua_fn >= 0) and returns its findings. May throw: the runner turns
// an exception into a warning finding of that rule.
using FnCheck = std::function<std::vector<Finding>(const Rule&, Workbook&, Calculator&)>;

// Which rules apply to a workbook:
// - a rule with a sheet applies when the workbook has that sheet (case-insensitive, as Excel);
// - a rule without a sheet applies when the workbook has a sheet named like its template, or
//   any sheet named by another rule of the same template in `all` (the template's family);
// - a rule with neither sheet nor template applies to every workbook.
bool rule_applies(const Rule& rule, const Workbook& wb, const std::vector<Rule>& all);

// Thrown by an FnCheck when the rule itself is broken (its Lua function raised an error),
// as opposed to the workbook failing it. With RunStats given, the runner records it in
// RunStats::broken (the batch reports a broken rule once) instead of adding a finding.
struct RuleBroken : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct RunStats {
    size_t rules = 0;    // rules given
    size_t applied = 0;  // rules that matched and ran
    size_t failed = 0;   // rules with at least one finding above info
    std::vector<std::pair<const Rule*, std::string>> broken;  // rules that raised RuleBroken, with the message
};

// Runs every applicable rule; findings in rule order. Never throws for a bad rule or workbook:
// problems become findings (see docs/checks.md).
std::vector<Finding> run_checks(const std::vector<Rule>& rules, Workbook& wb, Calculator& calc,
                                const FnCheck& fn = nullptr, RunStats* stats = nullptr);

// Normalises a finding returned by a fn-rule: fills rule id, message, sheet, severity
// defaults from the rule, and turns a numeric difference within the tolerance into info (尾差).
void normalise_finding(const Rule& rule, Finding& f);

// |difference| that counts as exactly equal for doubles of this size (binary noise).
double noise_epsilon(double a, double b);

}  // namespace sp::check
