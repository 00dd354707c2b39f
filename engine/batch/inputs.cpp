// inputs.cpp — folder expansion, output names and shard selection (see inputs.h).
#include "batch/inputs.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <unordered_map>
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

bool same_ignoring_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

uint64_t name_key(std::string_view name) { return std::hash<std::string>{}(lower_ascii(std::string(name))); }

// The output names given so far (case-insensitively, as on Windows and macOS file systems),
// held as hashes into `out` rather than as a second copy of every name.
class TakenNames {
public:
    explicit TakenNames(const InputList& out) : out_(out) {}
    bool taken(std::string_view name) const {
        auto [from, to] = index_.equal_range(name_key(name));
        for (auto it = from; it != to; ++it)
            if (same_ignoring_ascii_case(out_.out_name(it->second), name)) return true;
        return false;
    }
    void add(std::string_view name, uint32_t at) { index_.emplace(name_key(name), at); }

private:
    const InputList& out_;
    std::unordered_multimap<uint64_t, uint32_t> index_;
};

// "a.xlsx" taken: "a_2.xlsx", "a_3.xlsx", …
std::string unique_name(std::string_view name, const TakenNames& taken) {
    if (!taken.taken(name)) return std::string(name);
    fs::path p{std::string(name)};
    std::string stem = (p.parent_path() / p.stem()).generic_string(), ext = p.extension().string();
    for (int k = 2;; ++k) {
        std::string candidate = stem + "_" + std::to_string(k) + ext;
        if (!taken.taken(candidate)) return candidate;
    }
}

std::string canonical_text(std::string_view path) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(fs::path(std::string(path)), ec);
    return ec ? std::string(path) : canon.string();
}

// Positions (in `order`) of inputs that name a file met earlier in that order ("./a.xlsx" and
// "a.xlsx", a file given and inside a folder given). Canonical paths are compared through their
// hashes, exactly only where hashes meet, so no second list of every path is built.
std::vector<bool> repeated_files(const InputList& found, const std::vector<uint32_t>& order) {
    std::vector<std::pair<uint64_t, uint32_t>> keys(order.size());
    for (uint32_t pos = 0; pos < order.size(); ++pos)
        keys[pos] = {std::hash<std::string>{}(canonical_text(found.path(order[pos]))), pos};
    std::sort(keys.begin(), keys.end());
    std::vector<bool> drop(order.size());
    for (size_t a = 0, b; a < keys.size(); a = b) {
        for (b = a + 1; b < keys.size() && keys[b].first == keys[a].first;) ++b;
        if (b - a == 1) continue;
        std::vector<std::string> canon;
        for (size_t k = a; k < b; ++k) canon.push_back(canonical_text(found.path(order[keys[k].second])));
        for (size_t k = a + 1; k < b; ++k)
            for (size_t e = a; e < k; ++e)
                if (!drop[keys[e].second] && canon[e - a] == canon[k - a]) {
                    drop[keys[k].second] = true;
                    break;
                }
    }
    return drop;
}

}  // namespace

InputList::InputList(const std::vector<Input>& inputs) {
    for (const Input& in : inputs) push_back(in);
}

void InputList::push_back(std::string_view path, std::string_view out_name) {
    Entry e{text_.size(), uint32_t(path.size()), uint32_t(out_name.size())};
    text_ += path;
    bool tail = out_name.size() <= path.size() && path.substr(path.size() - out_name.size()) == out_name;
    if (!tail) {
        text_ += out_name;
        e.name_len |= kNameAfter;
    }
    entries_.push_back(e);
}

std::string_view InputList::path(size_t i) const {
    const Entry& e = entries_[i];
    return std::string_view(text_).substr(e.at, e.path_len);
}

std::string_view InputList::out_name(size_t i) const {
    const Entry& e = entries_[i];
    uint32_t len = e.name_len & ~kNameAfter;
    uint64_t at = (e.name_len & kNameAfter) ? e.at + e.path_len : e.at + e.path_len - len;
    return std::string_view(text_).substr(at, len);
}

void InputList::shrink_to_fit() {
    text_.shrink_to_fit();
    entries_.shrink_to_fit();
}

InputList collect_inputs(const std::vector<std::string>& args, std::vector<std::string>* missing) {
    InputList found;
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
                found.push_back(it->path().generic_string(), it->path().lexically_relative(root).generic_string());
            }
        } else if (fs::exists(root, ec)) {
            found.push_back(root.generic_string(), root.filename().string());
        } else if (missing) {
            missing->push_back(arg);
        }
    }
    std::vector<uint32_t> order(found.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return found.path(a) < found.path(b); });
    // The same file named twice: keep the first.
    std::vector<bool> drop = repeated_files(found, order);
    InputList out;
    TakenNames taken(out);
    for (uint32_t pos = 0; pos < order.size(); ++pos) {
        if (drop[pos]) continue;
        std::string name = unique_name(found.out_name(order[pos]), taken);
        taken.add(name, uint32_t(out.size()));
        out.push_back(found.path(order[pos]), name);
    }
    out.shrink_to_fit();
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

InputList select_shard(const InputList& all, const Shard& shard) {
    InputList out;
    for (size_t k = shard.index - 1; k < all.size(); k += shard.count) out.push_back(all.path(k), all.out_name(k));
    out.shrink_to_fit();
    return out;
}

}  // namespace sp::batch
