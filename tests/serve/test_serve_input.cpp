// test_serve_input.cpp — typed text as Excel reads it (Chinese notation) and folder confinement.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "serve/api_error.h"
#include "serve/folder.h"
#include "serve/input_text.h"

using namespace sp;
using namespace sp::serve;
namespace fs = std::filesystem;

TEST_CASE("typed numbers in Chinese notation") {
    CalcSettings cs;
    CHECK(typed_value("1,234.50", cs).number() == 1234.5);
    CHECK(typed_value("12.5%", cs).number() == 0.125);
    CHECK(typed_value("（100.00）", cs).number() == -100.0);
    CHECK(typed_value("(100.00)", cs).number() == -100.0);
    CHECK(typed_value("１，２３４．５", cs).number() == 1234.5);
    CHECK(typed_value("－５", cs).number() == -5.0);
    CHECK(typed_value("¥1,000", cs).number() == 1000.0);
    CHECK(typed_value("'00123", cs).string() == "00123");
    CHECK(typed_value("收入", cs).string() == "收入");
    CHECK(typed_value("", cs).is_empty());
    CHECK(typed_value("TRUE", cs).is_bool());
    CHECK(typed_value("2024-1-31", cs).number() == 45322.0);
}

TEST_CASE("folder confinement") {
    fs::path d = fs::temp_directory_path() / "sp_serve_folder_test";
    fs::remove_all(d);
    fs::create_directories(d / "in" / "sub");
    fs::create_directories(d / "out");
    std::ofstream(d / "in" / "a.xlsx") << "x";
    std::ofstream(d / "out" / "b.xlsx") << "x";
    fs::create_symlink(d / "out" / "b.xlsx", d / "in" / "link.xlsx");
    Folder f(d / "in");
    CHECK(f.folder_mode());
    CHECK(f.resolve("a.xlsx") == fs::canonical(d / "in" / "a.xlsx"));
    auto refused = [&](const char* p, int status, bool write = false) {
        try {
            f.resolve(p, write);
        } catch (const ApiError& e) {
            return e.status == status;
        }
        return false;
    };
    CHECK(refused("../out/b.xlsx", 403));
    CHECK(refused("sub/../../out/b.xlsx", 403));
    CHECK(refused("/etc/passwd.xlsx", 403));
    CHECK(refused("link.xlsx", 403));
    CHECK(refused("a.txt", 400));
    CHECK(refused("a\\b.xlsx", 400));
    CHECK(refused("missing.xlsx", 404));
    CHECK(refused("a.xlsx", 409, true));  // writing over an existing file needs overwrite
    CHECK(f.resolve("sub/new.xlsx", true).filename() == "new.xlsx");
    CHECK(f.list() == std::vector<std::string>{"a.xlsx"});
    Folder one(d / "in" / "a.xlsx");
    CHECK(!one.folder_mode());
    CHECK(one.resolve("a.xlsx") == fs::canonical(d / "in" / "a.xlsx"));
    try {
        one.resolve("sub/new.xlsx", true);
        FAIL("a subfolder in single-workbook mode");
    } catch (const ApiError& e) {
        CHECK(e.status == 403);
    }
    fs::remove_all(d);
}
