// text_regex.h — the regular-expression engine behind REGEXTEST/REGEXEXTRACT/REGEXREPLACE,
// shared with XMATCH's match_mode 3 (regex match).
#pragma once
#include <memory>
#include <regex>
#include <string_view>

#include "core/value.h"

namespace sp::rx {

struct Regex {
    std::wregex re;
    size_t length = 0;  // pattern length (a long pattern also means a deep match)
};

// A compiled pattern (cached per thread by pattern and case flag); nullptr when the
// pattern is invalid or uses a PCRE2 feature std::regex lacks (the caller gives #VALUE!).
std::shared_ptr<const Regex> compile(std::string_view pattern, bool ignore_case);

// Whether the pattern matches somewhere in text (REGEXTEST's partial match). Err::Value
// when the matcher gives up (std::regex_error: complexity or stack).
Err search(const Regex& re, std::string_view text, bool& found);

}  // namespace sp::rx
