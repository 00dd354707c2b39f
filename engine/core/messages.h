// messages.h — the one catalogue of the messages a user reads (CLI errors, report rows for
// unreadable files, check diagnostics, the workbench page's server messages), in English and
// Chinese. Code names a message by key; the text lives in messages.cpp, one entry per key with
// both languages side by side, so a translation can never be missing.
//
// Language: `--lang zh|en` sets it; otherwise LC_ALL / LC_MESSAGES / LANG starting with "zh"
// give Chinese, anything else English. Reports meant for Chinese reviewers (report.html) ask
// for Lang::zh explicitly whatever the process language.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sp::msg {

enum class Lang { en, zh };

Lang language();                 // the process language (set_language, else the locale)
void set_language(Lang lang);
Lang language_from_environment();
bool parse_language(std::string_view name, Lang& out);  // "zh", "zh_CN", "en", "C" …

// The message `key` with {0}, {1} … replaced by `args`. An unknown key returns the key itself
// (and a test walks the catalogue so that this never reaches a user).
std::string text(std::string_view key, std::initializer_list<std::string_view> args = {});
std::string text(Lang lang, std::string_view key, std::initializer_list<std::string_view> args = {});
bool has(std::string_view key);

// A message named but not yet rendered: kept by an exception or a finding so that each reader
// (the terminal, report.html) renders it in its own language. `key` empty: no message.
struct Message {
    std::string key;
    std::vector<std::string> args;
};
std::string text(Lang lang, const Message& m);
std::string text(const Message& m);
// Every key of the catalogue, in catalogue order (for the test that each has both texts).
std::vector<std::string_view> keys();

}  // namespace sp::msg
