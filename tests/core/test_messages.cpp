// test_messages.cpp — the message catalogue (core/messages.h): every key has an English and a
// Chinese text with the same arguments, keys are unique, and the language follows --lang / the locale.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <string>

#include "core/messages.h"

using namespace sp;

namespace {

std::set<std::string> placeholders(const std::string& s) {
    std::set<std::string> out;
    for (size_t i = 0; i + 2 < s.size(); ++i)
        if (s[i] == '{' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] == '}') out.insert(s.substr(i, 3));
    return out;
}

bool has_cjk(const std::string& s) {
    for (size_t i = 0; i + 2 < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE3 && c <= 0xEF) return true;  // U+3000–U+FFFF: CJK, fullwidth punctuation
    }
    return false;
}

}  // namespace

TEST_CASE("messages: every key has both texts with the same arguments", "[messages]") {
    auto keys = msg::keys();
    REQUIRE(keys.size() > 20);
    std::set<std::string_view> seen;
    for (std::string_view k : keys) {
        INFO(k);
        CHECK(seen.insert(k).second);  // unique
        std::string en = msg::text(msg::Lang::en, k), zh = msg::text(msg::Lang::zh, k);
        CHECK_FALSE(en.empty());
        CHECK_FALSE(zh.empty());
        CHECK(en != std::string(k));
        CHECK(has_cjk(zh));
        CHECK(placeholders(en) == placeholders(zh));
    }
}

TEST_CASE("messages: arguments, unknown keys, languages", "[messages]") {
    CHECK(msg::text(msg::Lang::en, "cli.no_such_path", {"a.xlsx"}) == "no such file or folder: a.xlsx");
    CHECK(msg::text(msg::Lang::zh, "cli.no_such_path", {"a.xlsx"}) == "没有这个文件或文件夹：a.xlsx");
    CHECK(msg::text(msg::Lang::en, "no.such.key") == "no.such.key");
    msg::Lang l;
    CHECK((msg::parse_language("zh_CN.UTF-8", l) && l == msg::Lang::zh));
    CHECK((msg::parse_language("en", l) && l == msg::Lang::en));
    CHECK((msg::parse_language("C", l) && l == msg::Lang::en));
    CHECK_FALSE(msg::parse_language("fr", l));
    msg::set_language(msg::Lang::zh);
    CHECK(msg::text("cli.plugin_error", {"x"}) == "插件错误：x");
    msg::set_language(msg::Lang::en);
    CHECK(msg::text("cli.plugin_error", {"x"}) == "plugin error: x");
}
