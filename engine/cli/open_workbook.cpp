// open_workbook.cpp — see open_workbook.h.
#include "cli/open_workbook.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "core/messages.h"
#include "core/number_text.h"
#include "xlsx/styles.h"

namespace sp::cli {

void add_input_options(CLI::App& sub, InputOptions& o, bool writes) {
    sub.add_option("--max-inflated", o.max_inflated,
                   "Refuse a package whose parts inflate to more than BYTES (default: 1 GiB per part, 2 GiB in all)")
        ->type_name("BYTES");
    sub.add_flag("--day-first", o.day_first,
                 "Dates typed as text read day/month/year, as in en-GB Excel (default: month/day/year, en-US)");
    if (writes) {
        o.strict = true;
        sub.add_flag("--lenient", o.lenient,
                     "Write the output even when formulas do not parse (those cells keep their cached values)");
        sub.add_flag("--strict", o.strict, "Formulas that do not parse are errors (exit 3, no output; the default here)");
    } else {
        sub.add_flag("--strict", o.strict, "Treat formulas that do not parse as errors (exit 3, no output)");
    }
}

static void report(const xlsx::Document& doc, bool strict) {
    const auto& diags = doc.workbook->diagnostics();
    size_t shown = 0, errors = 0;
    for (const auto& d : diags) {
        bool error = d.level == Diagnostic::Level::Error;
        errors += error;
        if (shown++ < 20)
            std::cerr << "suanpan: "
                      << msg::text(error ? (strict ? "cli.load_error" : "cli.load_warning_kept") : "cli.load_note",
                                   {doc.where(d), d.message})
                      << "\n";
    }
    if (shown > 20) std::cerr << "suanpan: " << msg::text("cli.more", {std::to_string(shown - 20)}) << "\n";
    if (strict && errors)
        throw Exit(kBadInput, doc.path + ": " + msg::text("xlsx.formulas_kept", {std::to_string(errors)}));
}

std::shared_ptr<lua::PluginSet> cli_plugins() {
    static std::shared_ptr<lua::PluginSet> set = [] {
        const GlobalOptions& g = global_options();
        auto s = g.no_plugins ? std::make_shared<lua::PluginSet>() : lua::PluginSet::load_default(g.plugin_dirs);
        for (const auto& d : s->diagnostics()) std::cerr << "suanpan: " << msg::text("cli.plugin_error", {d.text()}) << "\n";
        return s;
    }();
    return set;
}

const FunctionRegistry* cli_registry() {
    static std::shared_ptr<FunctionRegistry> reg = cli_plugins()->registry();
    return reg.get();
}

OpenedWorkbook open_workbook(const std::string& path, const InputOptions& in, bool recalc, bool record_changes) {
    OpenedWorkbook out;
    out.plugins = cli_plugins();
    xlsx::ReadOptions ro;
    ro.registry = cli_registry();
    if (in.max_inflated) ro.limits.max_entry = ro.limits.max_total = in.max_inflated;
    try {
        out.doc = xlsx::read(path, ro);
    } catch (const xlsx::Error& e) {
        throw Exit(kBadInput, user_text(e));
    }
    report(out.doc, in.strict && !in.lenient);
    out.wb().settings().day_first = in.day_first;
    out.calc = std::make_unique<Calculator>(out.wb());
    out.runtime = std::make_unique<lua::Runtime>(out.plugins);
    out.calc->set_host(&out.runtime->host(), out.runtime.get());
    if (recalc) {
        out.calc->record_changes(record_changes);
        out.recalc = out.calc->recalc_full();
    }
    return out;
}

SheetId sheet_arg(const xlsx::Document& doc, const std::string& name) {
    auto id = doc.workbook->find_sheet(name);
    if (!id) {
        std::string have;
        for (size_t i = 0; i < doc.workbook->sheet_count() && i < 12; ++i)
            have += (i ? ", " : "") + quote_sheet_name(doc.workbook->sheet(SheetId(i)).name());
        throw Exit(kBadInput, msg::text("cli.no_sheet", {doc.path, name, have}));
    }
    return *id;
}

SheetRange range_arg(const xlsx::Document& doc, const std::string& text, SheetId default_sheet) {
    std::string ref = text;
    if (!ref.empty() && ref[0] == '=') ref.erase(0, 1);
    SheetId sheet = default_sheet;
    auto bang = ref.rfind('!');
    if (bang != std::string::npos) {
        std::string name = ref.substr(0, bang);
        if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') {
            std::string unq;
            for (size_t i = 1; i + 1 < name.size(); ++i) {
                unq += name[i];
                if (name[i] == '\'' && name[i + 1] == '\'') ++i;
            }
            name = unq;
        }
        sheet = sheet_arg(doc, name);
        ref = ref.substr(bang + 1);
    }
    auto range = parse_range(ref);
    if (!range) {
        // Distinguish "beyond XFD1048576" from plain nonsense for the message.
        bool looks_like_ref = !ref.empty();
        for (char c : ref)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '$' && c != ':') looks_like_ref = false;
        throw Exit(kBadInput, msg::text(looks_like_ref ? "cli.outside_grid" : "cli.not_ref", {doc.path, text}));
    }
    return SheetRange{sheet, *range};
}

std::string display(const Workbook& wb, const Value& v, uint16_t style) {
    if (!v.is_number() || style == 0) return to_display(v);
    auto kind = xlsx::classify_format(wb.styles().at(style).number_format);
    double d = v.number();
    char buf[64];
    if (kind == xlsx::NumberKind::Percent) return format_general(d * 100) + "%";
    if (kind != xlsx::NumberKind::Date && kind != xlsx::NumberKind::DateTime && kind != xlsx::NumberKind::Time)
        return to_display(v);
    int y, m, day;
    double whole = std::floor(d);
    long secs = std::lround((d - whole) * 86400.0);
    if (secs >= 86400) { whole += 1; secs -= 86400; }
    std::string out;
    if (kind != xlsx::NumberKind::Time) {
        if (!serial_to_date(whole, y, m, day, wb.settings().date1904)) return to_display(v);
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
        out = buf;
    }
    if (kind != xlsx::NumberKind::Date || secs) {
        std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", secs / 3600, (secs / 60) % 60, secs % 60);
        out += (out.empty() ? "" : " ") + std::string(buf);
    }
    return out;
}

}  // namespace sp::cli
