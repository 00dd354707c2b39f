// inputs.cpp — folder expansion, output names and shard selection (see inputs.h).
#include "batch/inputs.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace sp::batch {

namespace fs = std::filesystem;

namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

bool is_workbook_name(const fs::path& p) {
    std::string name = p.filename().string();
    if (name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0) return false;  // hidden, Excel lock files
    std::string ext = lower_ascii(p.extension().string());
    return ext == ".xlsx" || ext == ".xlsm";
}

// "a.xlsx" taken: "a_2.xlsx", "a_3.xlsx", …
std::string unique_name(const std::string& name, std::set<std::string>& taken) {
    if (taken.insert(lower_ascii(name)).second) return name;
    fs::path p(name);
    std::string stem = (p.parent_path() / p.stem()).generic_string(), ext = p.extension().string();
    for (int k = 2;; ++k) {
        std::string candidate = stem + "_" + std::to_string(k) + ext;
        if (taken.insert(lower_ascii(candidate)).second) return candidate;
    }
}

}  // namespace

std::vector<Input> collect_inputs(const std::vector<std::string>& args, std::vector<std::string>* missing) {
    std::vector<Input> found;
    for (const std::string& arg : args) {
        std::error_code ec;
        fs::path root(arg);
        if (fs::is_directory(root, ec)) {
            fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                // Hidden folders (.git, .cache) are not submissions.
                std::string name = it->path().filename().string();
                if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
                    it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file(ec) || !is_workbook_name(it->path())) continue;
                found.push_back({it->path().generic_string(), it->path().lexically_relative(root).generic_string()});
            }
        } else if (fs::exists(root, ec)) {
            found.push_back({root.generic_string(), root.filename().string()});
        } else if (missing) {
            missing->push_back(arg);
        }
    }
    std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    // The same file named twice (as a file and inside a folder, or via "./"): keep the first.
    std::vector<Input> out;
    std::set<std::string> seen, taken;
    for (Input& in : found) {
        std::error_code ec;
        fs::path canon = fs::weakly_canonical(in.path, ec);
        if (!seen.insert(ec ? in.path : canon.string()).second) continue;
        in.out_name = unique_name(in.out_name, taken);
        out.push_back(std::move(in));
    }
    return out;
}

std::optional<Shard> parse_shard(const std::string& text) {
    auto slash = text.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 >= text.size()) return std::nullopt;
    auto number = [](const std::string& s) -> std::optional<size_t> {
        if (s.empty() || s.size() > 9) return std::nullopt;
        size_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + size_t(c - '0');
        }
        return v;
    };
    auto i = number(text.substr(0, slash)), n = number(text.substr(slash + 1));
    if (!i || !n || *n == 0 || *i == 0 || *i > *n) return std::nullopt;
    return Shard{*i, *n};
}

std::vector<Input> select_shard(const std::vector<Input>& all, const Shard& shard) {
    std::vector<Input> out;
    for (size_t k = shard.index - 1; k < all.size(); k += shard.count) out.push_back(all[k]);
    return out;
}

}  // namespace sp::batch
