// main.cpp — the `suanpan` program: builds the subcommands that cmd_*.cpp register.
#include <cstdio>
#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"
#include "core/messages.h"

namespace sp::cli {
std::vector<Command>& commands() {
    static std::vector<Command> list;
    return list;
}
GlobalOptions& global_options() {
    static GlobalOptions g;
    return g;
}
}  // namespace sp::cli

int main(int argc, char** argv) {
    using namespace sp::cli;
    // Logs go to stderr so that stdout stays clean for data (CSV, JSON, DOT).
    auto logger = spdlog::stderr_color_mt("suanpan");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);
    spdlog::set_pattern("%^%l%$: %v");

    CLI::App app{"suanpan — recalculate, check and consolidate disclosure workbooks (xlsx)"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "suanpan 0.1");
    auto& g = global_options();
    app.add_flag("-v,--verbose", g.verbosity, "More log output (-vv for debug)");
    app.add_option("--plugins", g.plugin_dirs, "Extra Lua plugin folder (repeatable; also SUANPAN_PLUGIN_PATH)");
    app.add_flag("--no-plugins", g.no_plugins, "Do not load any Lua plugin, not even the shipped ones");
    // Messages in the user's language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG; zh* is Chinese).
    app.add_option_function<std::string>("--lang", [](const std::string& l) {
        sp::msg::Lang lang;
        if (!sp::msg::parse_language(l, lang)) throw Exit(kUsage, sp::msg::text("cli.bad_lang", {l}));
        sp::msg::set_language(lang);
    }, "Language of messages: zh or en (default: from the locale, zh_* is Chinese)")->type_name("zh|en");
    app.fallthrough();
    for (auto& cmd : commands()) {
        CLI::App* sub = app.add_subcommand(cmd.name, cmd.help);
        cmd.setup(*sub);
    }
    app.parse_complete_callback([&] {
        if (g.verbosity >= 2) spdlog::set_level(spdlog::level::debug);
        else if (g.verbosity == 1) spdlog::set_level(spdlog::level::info);
    });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : kUsage;
    } catch (const Exit& e) {
        if (e.what()[0]) std::cerr << "suanpan: " << e.what() << "\n";
        return e.code;
    } catch (const std::exception& e) {
        std::cerr << "suanpan: " << sp::msg::text("cli.internal_error", {e.what()}) << "\n";
        return kInternal;
    }
    return kOk;
}
