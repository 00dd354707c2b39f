// check_file.cpp — read, recalculate, check one workbook (see check_file.h).
#include "check/check_file.h"

#include <chrono>
#include <cmath>
#include <exception>

#include "calc/calculator.h"
#include "check/runner.h"
#include "lua/runtime.h"
#include "xlsx/error.h"

namespace sp::check {

std::vector<StaleValue> stale_values(const Workbook& wb, const Calculator& calc, size_t max) {
    std::vector<StaleValue> out;
    for (const ValueChange& c : calc.changes()) {
        if (c.before.is_empty()) continue;  // saved without a cached value: nothing was stale
        if (c.before.is_number() && c.after.is_number() &&
            std::fabs(c.before.number() - c.after.number()) <= 1e-12 * std::max(1.0, std::fabs(c.after.number())))
            continue;  // 17-digit round trip noise
        if (out.size() >= max) break;
        out.push_back({wb.sheet(c.cell.sheet).name(), cell_text(c.cell.cell), to_display(c.before), to_display(c.after)});
    }
    return out;
}

WorkbookReport check_document(xlsx::Document& doc, const std::vector<Rule>& rules, lua::Runtime* rt,
                              const CheckFileOptions& opt) {
    WorkbookReport r;
    r.path = doc.path;
    auto t0 = std::chrono::steady_clock::now();
    try {
        Workbook& wb = *doc.workbook;
        Calculator calc(wb);
        if (rt) calc.set_host(&rt->host(), rt);
        calc.record_changes(true);
        calc.recalc_full();
        r.stale = stale_values(wb, calc, opt.max_stale);
        FnCheck fn;
        if (rt) fn = [rt](const Rule& rule, Workbook& w, Calculator& c) { return rt->run_check(rule, w, c); };
        RunStats st;
        r.findings = run_checks(rules, wb, calc, fn, &st);
        r.rules_applied = st.applied;
    } catch (const std::exception& e) {
        r.error = msg::text(msg::Lang::zh, "check.checking_failed", {e.what()});
        r.error_en = msg::text(msg::Lang::en, "check.checking_failed", {e.what()});
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() + doc.stats.seconds;
    r.finish();
    return r;
}

WorkbookReport check_file(const std::string& path, const std::vector<Rule>& rules, lua::Runtime* rt,
                          const CheckFileOptions& opt) {
    xlsx::Document doc;
    try {
        doc = xlsx::read(path, opt.read);
    } catch (const std::exception& e) {  // xlsx::Error, bad_alloc on a hostile file, …
        WorkbookReport r;
        r.path = path;
        const auto* x = dynamic_cast<const xlsx::Error*>(&e);
        r.error = x ? x->text(msg::Lang::zh) : e.what();
        r.error_en = x ? x->text(msg::Lang::en) : e.what();
        r.finish();
        return r;
    }
    WorkbookReport r = check_document(doc, rules, rt, opt);
    r.path = path;
    return r;
}

}  // namespace sp::check
