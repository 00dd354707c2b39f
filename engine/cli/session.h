// session.h — what every command needs to work on one workbook: the Lua plugins
// (shipped, --plugins, SUANPAN_PLUGIN_PATH) loaded into a function registry, the
// xlsx document read against that registry, a Calculator, and the thread's Lua
// runtime wired in as the calculator's host for plugin functions.
#pragma once
#include <memory>
#include <string>

#include "calc/calculator.h"
#include "xlsx/xlsx.h"

namespace sp::cli {

struct Plugins;  // the loaded plugin set (opaque here; see session.cpp)

// Loads the plugins named by the global options once per process.
std::shared_ptr<Plugins> load_plugins();
const FunctionRegistry& registry_of(const Plugins& p);

class Session {
public:
    // Reads `path` (xlsx::Error on bad input, turned into Exit(kBadInput) by open()).
    static Session open(const std::string& path, uint64_t max_inflated = 0);
    Session(Session&&) noexcept;
    ~Session();

    xlsx::Document& document() { return doc_; }
    Workbook& workbook() { return *doc_.workbook; }
    Calculator& calculator() { return *calc_; }
    const std::shared_ptr<Plugins>& plugins() const { return plugins_; }
    // The Lua runtime of this thread (nullptr with --no-plugins); for fn-checks.
    void* runtime();

private:
    Session() = default;
    std::shared_ptr<Plugins> plugins_;
    xlsx::Document doc_;
    std::unique_ptr<Calculator> calc_;
    struct Host;
    std::unique_ptr<Host> host_;
};

}  // namespace sp::cli
