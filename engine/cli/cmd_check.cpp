// cmd_check.cpp — `suanpan check IN.xlsx [--rules DIR]… [--json] [--html FILE] [--xlsx FILE]`:
// recalculate, run every matching check (shipped plugins/checks, --plugins, --rules), print
// the findings; exit 1 when an error-severity check fails, 3 when the input cannot be read.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "check/check_file.h"
#include "check/report_html.h"
#include "check/report_json.h"
#include "check/report_text.h"
#include "check/report_xlsx.h"
#include "cli/command.h"
#include "core/messages.h"
#include "lua/plugins.h"
#include "lua/runtime.h"

namespace sp::cli {
namespace {

struct CheckArgs {
    std::string input;
    std::vector<std::string> rules_dirs;
    bool json = false, list = false;
    std::string html, xlsx_out, color = "auto";
    uint64_t max_inflated = 0;
};

// Writes through a temporary file renamed into place, so that a failed run leaves nothing.
void write_file(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    fs::path p(path);
    fs::path tmp = p.parent_path() / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()));
    {
        std::ofstream f(tmp, std::ios::binary);
        if (!f || !(f << text) || !f.flush()) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw Exit(kOutputError, msg::text("cli.cannot_write", {path}));
        }
    }
    std::error_code ec;
    fs::rename(tmp, p, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Exit(kOutputError, msg::text("cli.cannot_write_why", {path, ec.message()}));
    }
}

std::shared_ptr<lua::PluginSet> load_rules(const CheckArgs& a) {
    const GlobalOptions& g = global_options();
    std::shared_ptr<lua::PluginSet> set =
        g.no_plugins ? std::make_shared<lua::PluginSet>() : lua::PluginSet::load_default(g.plugin_dirs);
    for (const auto& d : a.rules_dirs) {
        std::error_code ec;
        if (std::filesystem::is_directory(d, ec)) set->add_dir(d);
        else if (std::filesystem::is_regular_file(d, ec)) set->add_file(d);
        else throw Exit(kBadInput, msg::text("cli.no_rules", {d}));
    }
    for (const auto& d : set->diagnostics()) std::cerr << "suanpan: " << msg::text("cli.plugin_error", {d.text()}) << "\n";
    return set;
}

void list_rules(const lua::PluginSet& set) {
    for (const check::Rule& r : set.rules()) {
        std::cout << r.id << "\t" << check::severity_name(r.severity) << "\t"
                  << (r.sheet.empty() ? "(" + r.template_ + ")" : r.sheet) << "\t" << r.message << "\t"
                  << (r.lua_fn >= 0 ? "fn" : r.expr) << "\n";
    }
}

void run(const CheckArgs& a) {
    auto plugins = load_rules(a);
    if (a.list) return list_rules(*plugins);
    if (a.input.empty()) throw Exit(kUsage, msg::text("cli.check_needs_input"));
    auto registry = plugins->registry();
    lua::Runtime rt(plugins);
    check::CheckFileOptions opt;
    opt.read.registry = registry.get();
    if (a.max_inflated) opt.read.limits.max_entry = opt.read.limits.max_total = a.max_inflated;
    check::WorkbookReport report = check::check_file(a.input, plugins->rules(), &rt, opt);
    if (report.status == check::Status::Unreadable) throw Exit(kBadInput, report.error_in(msg::language()));

    std::vector<check::WorkbookReport> all{report};
    if (a.json) {
        std::cout << check::format_json(all) << "\n";
    } else {
        check::TextOptions to;
        to.color = a.color == "always" || (a.color == "auto" && ::isatty(1));
        to.lang = msg::language();
        std::cout << check::format_text(report, to);
    }
    if (!a.html.empty()) {
        check::HtmlOptions ho;
        ho.rules_note = "规则 " + std::to_string(plugins->rules().size()) + " 条";
        write_file(a.html, check::report_html(all, ho));
    }
    if (!a.xlsx_out.empty()) {
        try {
            check::write_report_xlsx(all, a.xlsx_out);
        } catch (const std::exception& e) {
            throw Exit(kOutputError, user_text(e));
        }
    }
    if (report.count(check::Severity::Error)) throw Exit(kCheckFailed, "");
}

Registration reg("check", "Recalculate a workbook and run the checks (审核) that match it", [](CLI::App& sub) {
    auto a = std::make_shared<CheckArgs>();
    sub.add_option("input", a->input, "Workbook to check (.xlsx)");
    sub.add_option("--rules", a->rules_dirs, "Extra folder (or file) of Lua checks (repeatable)")
        ->type_name("DIR")
        ->allow_extra_args(false);  // one folder per --rules, so that IN.xlsx may follow
    sub.add_flag("--json", a->json, "Print the report as JSON (schema suanpan.check/1, docs/checks.md)");
    sub.add_option("--html", a->html, "Also write a self-contained HTML report")->type_name("FILE");
    sub.add_option("--xlsx", a->xlsx_out, "Also write the findings as a workbook")->type_name("FILE");
    sub.add_option("--color", a->color, "Colour severities: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub.add_flag("--list", a->list, "List the loaded checks (id, severity, sheet, message, expression) and exit");
    sub.add_option("--max-inflated", a->max_inflated, "Refuse a package whose parts inflate to more than BYTES")
        ->type_name("BYTES");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
