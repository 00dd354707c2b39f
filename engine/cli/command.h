// command.h — how a subcommand of the `suanpan` program registers itself.
// Each cmd_*.cpp file defines one static Registration; main.cpp builds the CLI11
// app from the list. Commands report failure by throwing cli::Exit.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "xlsx/error.h"

namespace sp::cli {

// Exit codes (docs/cli.md).
enum ExitCode : int {
    kOk = 0,
    kCheckFailed = 1,   // an error-severity check failed (check, batch)
    kUsage = 2,         // bad command line
    kBadInput = 3,      // input unreadable or invalid (not a zip, malformed XML, missing sheet, …)
    kOutputError = 4,   // could not write the output
    kInternal = 5,      // a bug: unexpected exception
};

struct Exit : std::runtime_error {
    int code;
    Exit(int c, const std::string& message) : std::runtime_error(message), code(c) {}
};

// An exception's message as the user reads it: the reader's refusals (xlsx::Error) in the
// user's language, anything else as it is.
inline std::string user_text(const std::exception& e) {
    if (const auto* x = dynamic_cast<const xlsx::Error*>(&e)) return x->text();
    return e.what();
}

struct Command {
    std::string name;
    std::string help;
    std::function<void(CLI::App& sub)> setup;  // adds options and sets sub.callback
};

std::vector<Command>& commands();

struct Registration {
    Registration(std::string name, std::string help, std::function<void(CLI::App&)> setup) {
        commands().push_back({std::move(name), std::move(help), std::move(setup)});
    }
};

// Options every command understands (set by main before the callback runs).
struct GlobalOptions {
    int verbosity = 0;                      // -v, -vv
    std::vector<std::string> plugin_dirs;   // --plugins DIR (repeatable)
    bool no_plugins = false;                // --no-plugins: built-ins only
};
GlobalOptions& global_options();

}  // namespace sp::cli
