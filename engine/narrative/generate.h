// generate.h — runs the Lua section templates of plugins/narrative/<template>/ against an opened,
// recalculated workbook and returns the Document (narrate writes it; verify-text matches against it).
// The templates compute rates with the shipped plugin functions (plugins/fiscal.lua), loaded into
// the templates' own sandboxed state.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "narrative/document.h"

namespace sp {
class Workbook;
}
namespace sp::lua {
class PluginSet;
}

namespace sp::narrative {

// Bad input (no template fits the workbook, a template file fails): the message names the file.
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct GenerateOptions {
    std::string templates_dir;            // default: <shipped plugins>/narrative
    std::string template_name;            // default: the one whose `detect` sheets the workbook has
    std::string year_label;               // default: 年度 cell + "年度" ("2024年度")
    std::optional<std::string> zero_base;  // overrides the template's option
    std::optional<std::string> flat;
};

// One workbook given with the main one (绩效自评表: their figures feed 十一 / the summary).
struct Companion {
    const Workbook* wb = nullptr;
    std::string file;
};

std::string default_templates_dir();
std::vector<Config> list_templates(const std::string& dir);
// The template for `wb` (by name, or detected); throws Error naming the sheets it looked for.
Config pick_template(const Workbook& wb, const GenerateOptions& opt);

Document generate(Workbook& wb, const lua::PluginSet& plugins, const GenerateOptions& opt,
                  const std::vector<Companion>& companions = {});

}  // namespace sp::narrative
