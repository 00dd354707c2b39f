// messages.cpp — the catalogue: key, English, Chinese. Keep entries grouped by room, sorted by key
// inside a group; {0}, {1} … are the arguments, in the same order in both languages.
#include "core/messages.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

namespace sp::msg {
namespace {

struct Entry {
    const char* key;
    const char* en;
    const char* zh;
};

const Entry kCatalogue[] = {
    // --- core / cli ---
    {"cli.internal_error", "internal error: {0}", "内部错误：{0}"},
    // --- xlsx ---
    {"xlsx.not_zip", "not an xlsx file (not a zip archive)", "不是 xlsx 文件（不是 zip 压缩包）"},
    // --- check ---
    // --- batch ---
    // --- serve ---
    // --- narrative ---
};

const std::unordered_map<std::string_view, const Entry*>& index() {
    static const auto* map = [] {
        auto* m = new std::unordered_map<std::string_view, const Entry*>;
        for (const Entry& e : kCatalogue) m->emplace(e.key, &e);
        return m;
    }();
    return *map;
}

std::atomic<int> g_lang{-1};  // -1: not decided yet

std::string substitute(const char* pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    for (const char* p = pattern; *p; ++p) {
        if (*p == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            size_t i = size_t(p[1] - '0');
            if (i < args.size()) out.append(*(args.begin() + i));
            p += 2;
            continue;
        }
        out.push_back(*p);
    }
    return out;
}

}  // namespace

bool parse_language(std::string_view name, Lang& out) {
    if (name.substr(0, 2) == "zh") { out = Lang::zh; return true; }
    if (name.substr(0, 2) == "en" || name == "C" || name == "POSIX" || name.substr(0, 2) == "C.") {
        out = Lang::en;
        return true;
    }
    return false;
}

Lang language_from_environment() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::strncmp(v, "zh", 2) == 0 ? Lang::zh : Lang::en;
    }
    return Lang::en;
}

Lang language() {
    int l = g_lang.load(std::memory_order_relaxed);
    if (l < 0) {
        l = int(language_from_environment());
        g_lang.store(l, std::memory_order_relaxed);
    }
    return Lang(l);
}

void set_language(Lang lang) { g_lang.store(int(lang), std::memory_order_relaxed); }

bool has(std::string_view key) { return index().count(key) != 0; }

std::string text(Lang lang, std::string_view key, std::initializer_list<std::string_view> args) {
    auto it = index().find(key);
    if (it == index().end()) return std::string(key);
    return substitute(lang == Lang::zh ? it->second->zh : it->second->en, args);
}

std::string text(std::string_view key, std::initializer_list<std::string_view> args) {
    return text(language(), key, args);
}

}  // namespace sp::msg
