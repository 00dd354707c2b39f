// test_messages.cpp — the message catalogue (core/messages.h): every key has an English and a
// Chinese text with the same arguments, keys are unique, every key the engine's code names is in the
// catalogue, and the language follows --lang / the locale.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
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

TEST_CASE("messages: every key named in the engine's code is in the catalogue", "[messages]") {
    // A literal such as "xlsx.not_zip" or "check.rule_error" in engine/ is a catalogue key
    // (msg::text, msg::Message, the batch's reason table): a missing one would reach the user as
    // its bare key.
    const std::regex key_literal("\"((?:cli|xlsx|check|batch|serve|narrative|lua)\\.[a-z0-9_.]+)\"");
    size_t named = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(SP_SOURCE_DIR) + "/engine")) {
        auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".h") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        std::string src = text.str();
        for (std::sregex_iterator it(src.begin(), src.end(), key_literal), end; it != end; ++it) {
            std::string key = (*it)[1];
            if (key.size() > 2 && key.compare(key.size() - 2, 2, ".h") == 0) continue;  // a header's name
            INFO(entry.path().string() << ": " << key);
            CHECK(msg::has(key));
            ++named;
        }
    }
    CHECK(named > 100);
}

TEST_CASE("messages: a Message keeps its key and arguments for each reader's language", "[messages]") {
    msg::Message m{"cli.no_sheet", {"a.xlsx", "收入", "Sheet1"}};
    CHECK(msg::text(msg::Lang::en, m) == "a.xlsx: no sheet named '收入' (sheets: Sheet1)");
    CHECK(msg::text(msg::Lang::zh, m) == "a.xlsx：没有名为“收入”的工作表（现有工作表：Sheet1）");
    CHECK(msg::text(msg::Lang::en, msg::Message{"no.such.key", {}}) == "no.such.key");
}
