// runner.cpp — rule matching and the loop over rules; fn-rule findings are normalised here
// so that every rule, Lua or expression, reports rounding drift (尾差) the same way.
#include "check/runner.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include <spdlog/spdlog.h>

#include "check/expr_check.h"
#include "core/value.h"

namespace sp::check {

double noise_epsilon(double a, double b) {
    return 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

bool rule_applies(const Rule& rule, const Workbook& wb, const std::vector<Rule>& all) {
    if (!rule.sheet.empty()) return wb.find_sheet(rule.sheet).has_value();
    if (rule.template_.empty()) return true;
    if (wb.find_sheet(rule.template_)) return true;
    for (const Rule& other : all)
        if (other.template_ == rule.template_ && !other.sheet.empty() && wb.find_sheet(other.sheet)) return true;
    return false;
}

namespace {

// rule_applies for every rule of a run, with the family answer of each template computed once
// (per rule it scans all the rules: 114 rules made ~13,000 sheet-name comparisons per workbook).
class Applies {
public:
    Applies(const std::vector<Rule>& all, const Workbook& wb) : all_(all), wb_(wb) {}
    bool operator()(const Rule& rule) {
        if (!rule.sheet.empty()) return wb_.find_sheet(rule.sheet).has_value();
        if (rule.template_.empty()) return true;
        for (const auto& [name, yes] : family_)
            if (*name == rule.template_) return yes;
        bool yes = rule_applies(rule, wb_, all_);
        family_.emplace_back(&rule.template_, yes);
        return yes;
    }

private:
    const std::vector<Rule>& all_;
    const Workbook& wb_;
    std::vector<std::pair<const std::string*, bool>> family_;
};

}  // namespace

void normalise_finding(const Rule& rule, Finding& f) {
    if (f.rule_id.empty()) f.rule_id = rule.id;
    if (f.message.empty()) f.message = rule.message;
    if (f.sheet.empty() && !f.cell.empty()) f.sheet = rule.sheet;
    if (f.tolerance == 0) f.tolerance = rule.tolerance;
    if (f.has_difference) f.difference = std::round(f.difference * 1e10) / 1e10;  // binary noise of sums
    // Within the tolerance: rounding drift of rounded parts (DOMAIN §3.1), reported as info.
    if (f.has_difference && f.severity != Severity::Info &&
        std::fabs(f.difference) <= f.tolerance + noise_epsilon(f.difference, f.tolerance)) {
        f.severity = Severity::Info;
        if (f.message.find("尾差") == std::string::npos) remark(f, "check.within_tolerance", {format_general(f.tolerance)});
    }
}

std::vector<Finding> run_checks(const std::vector<Rule>& rules, Workbook& wb, Calculator& calc, const FnCheck& fn,
                                RunStats* stats) {
    std::vector<Finding> out;
    RunStats st;
    st.rules = rules.size();
    Applies applies(rules, wb);
    for (const Rule& rule : rules) {
        if (!applies(rule)) continue;
        ++st.applied;
        size_t first = out.size();
        if (rule.lua_fn >= 0) {
            Finding problem;
            problem.rule_id = rule.id;
            problem.severity = Severity::Warning;
            problem.sheet = rule.sheet;
            if (!fn) {
                say(problem, "check.no_lua", {rule.message});
                out.push_back(std::move(problem));
            } else {
                try {
                    std::vector<Finding> got = fn(rule, wb, calc);
                    for (Finding& f : got) {
                        normalise_finding(rule, f);
                        out.push_back(std::move(f));
                    }
                } catch (const Cancelled&) {
                    throw;  // the workbook is being stopped, not the rule failing
                } catch (const RuleBroken& e) {
                    if (stats) {
                        st.broken.emplace_back(&rule, e.what());
                    } else {
                        say(problem, "check.rule_error", {e.what()});
                        out.push_back(std::move(problem));
                    }
                } catch (const std::exception& e) {
                    say(problem, "check.rule_error", {e.what()});
                    out.push_back(std::move(problem));
                }
            }
        } else if (!rule.expr.empty()) {
            run_expr_check(rule, wb, calc, out);
        } else {
            Finding f;
            f.rule_id = rule.id;
            f.severity = Severity::Warning;
            say(f, "check.no_expr_no_fn");
            out.push_back(std::move(f));
        }
        bool failed = std::any_of(out.begin() + first, out.end(),
                                  [](const Finding& f) { return f.severity != Severity::Info; });
        st.failed += failed;
        spdlog::debug("check {}: {} finding(s)", rule.id, out.size() - first);
    }
    if (stats) *stats = st;
    return out;
}

}  // namespace sp::check
