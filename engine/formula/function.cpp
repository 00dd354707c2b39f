// function.cpp — the registry of functions, shared by built-ins and plugins.
#include "formula/function.h"

#include <cctype>
#include <stdexcept>

namespace sp {

std::string FunctionRegistry::canonical(std::string_view name) {
    for (std::string_view prefix : {"_xlfn._xlws.", "_xlfn.", "_xlws."}) {
        if (name.size() > prefix.size()) {
            bool match = true;
            for (size_t i = 0; i < prefix.size(); ++i)
                if (std::tolower(static_cast<unsigned char>(name[i])) != prefix[i]) { match = false; break; }
            if (match) { name.remove_prefix(prefix.size()); break; }
        }
    }
    std::string out(name);
    for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
}

uint32_t FunctionRegistry::add(FunctionDef def) {
    def.name = canonical(def.name);
    if (auto it = by_name_.find(def.name); it != by_name_.end()) {
        const FunctionDef& old = defs_[it->second];
        throw std::runtime_error("function " + def.name + " (" + def.family + ") clashes with " + old.name + " (" +
                                 old.family + ")");
    }
    uint32_t id = uint32_t(defs_.size());
    by_name_.emplace(def.name, id);
    defs_.push_back(std::move(def));
    return id;
}

const FunctionDef* FunctionRegistry::find(std::string_view name) const {
    int32_t id = find_id(name);
    return id < 0 ? nullptr : &defs_[id];
}

int32_t FunctionRegistry::find_id(std::string_view name) const {
    auto it = by_name_.find(canonical(name));
    return it == by_name_.end() ? -1 : int32_t(it->second);
}

const FunctionRegistry& FunctionRegistry::builtins() {
    static const FunctionRegistry reg = [] {
        FunctionRegistry r;
        register_math_functions(r);
        register_logical_functions(r);
        register_stats_functions(r);
        register_distribution_functions(r);
        register_lookup_functions(r);
        register_reference_functions(r);
        register_array_functions(r);
        register_text_functions(r);
        register_date_functions(r);
        register_info_functions(r);
        register_financial_functions(r);
        register_engineering_functions(r);
        register_database_functions(r);
        register_regex_functions(r);
        register_lambda_functions(r);
        return r;
    }();
    return reg;
}

}  // namespace sp
