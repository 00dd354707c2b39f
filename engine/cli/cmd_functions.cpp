// cmd_functions.cpp — `suanpan functions [--json] [--family F]`: every function a formula
// can call (built-ins and loaded plugins): name, family, volatility, one-line description.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/open_workbook.h"

namespace sp::cli {
namespace {

struct FunctionsArgs {
    bool json = false;
    std::string family;
};

void run(const FunctionsArgs& a) {
    const FunctionRegistry& reg = *cli_registry();
    std::vector<const FunctionDef*> defs;
    for (const FunctionDef& d : reg.all())
        if (a.family.empty() || d.family == a.family) defs.push_back(&d);
    std::sort(defs.begin(), defs.end(), [](const FunctionDef* x, const FunctionDef* y) {
        return x->family != y->family ? x->family < y->family : x->name < y->name;
    });
    if (a.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const FunctionDef* d : defs)
            out.push_back({{"name", d->name}, {"family", d->family}, {"description", d->description},
                           {"volatile", bool(d->flags & kVolatile)}, {"plugin", bool(d->flags & kPlugin)},
                           {"min_args", d->min_args}, {"max_args", d->max_args}, {"params", d->params}});
        std::cout << out.dump(1) << "\n";
        return;
    }
    for (const FunctionDef* d : defs)
        std::cout << d->name << "\t" << d->family << "\t" << ((d->flags & kVolatile) ? "volatile" : "-") << "\t"
                  << d->description << "\n";
    std::cerr << defs.size() << " functions\n";
}

Registration reg("functions", "List every function formulas can call (built-ins and plugins)", [](CLI::App& sub) {
    auto a = std::make_shared<FunctionsArgs>();
    sub.add_flag("--json", a->json, "Print JSON");
    sub.add_option("--family", a->family, "Only this family (math, text, … or a plugin file)");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
