// test_batch_inputs.cpp — folder expansion, output names and the shard split.
#include <catch2/catch.hpp>

#include <set>

#include "batch/inputs.h"
#include "batch_test_util.h"

using namespace sp::batch;
using namespace sp::batch::test;

TEST_CASE("collect_inputs expands folders, sorts, skips lock and hidden files") {
    fs::path d = scratch("inputs");
    fs::create_directories(d / "b" / "deep");
    fs::create_directories(d / ".git");
    for (const char* f : {"z.xlsx", "a.XLSX", "b/m.xlsm", "b/deep/a.xlsx", "~$a.xlsx", ".hidden.xlsx", "notes.txt",
                          ".git/x.xlsx"})
        write_bytes(d / f, "x");
    std::vector<std::string> missing;
    auto got = collect_inputs({d.string(), (d / "z.xlsx").string(), (d / "nope").string()}, &missing);
    std::vector<std::string> names;
    for (const auto& in : got) names.push_back(in.out_name);
    // z.xlsx named twice (inside the folder and as a file) is taken once.
    CHECK(names == std::vector<std::string>{"a.XLSX", "b/deep/a.xlsx", "b/m.xlsm", "z.xlsx"});
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].find("nope") != std::string::npos);
    for (size_t i = 1; i < got.size(); ++i) CHECK(got[i - 1].path < got[i].path);
}

TEST_CASE("collect_inputs gives files with the same name distinct output names") {
    fs::path d = scratch("inputs-names");
    fs::create_directories(d / "u1");
    fs::create_directories(d / "u2");
    write_bytes(d / "u1" / "表.xlsx", "x");
    write_bytes(d / "u2" / "表.xlsx", "x");
    auto got = collect_inputs({(d / "u1" / "表.xlsx").string(), (d / "u2" / "表.xlsx").string()});
    REQUIRE(got.size() == 2);
    CHECK(got[0].out_name == "表.xlsx");
    CHECK(got[1].out_name == "表_2.xlsx");
    // A mis-named file given explicitly still becomes a job (it gets a row saying why it failed).
    write_bytes(d / "upload.bin", "x");
    CHECK(collect_inputs({(d / "upload.bin").string()}).size() == 1);
}

TEST_CASE("collect_inputs: names differing only in case, the same file by two spellings, many files") {
    fs::path d = scratch("inputs-many");
    fs::create_directories(d / "u1");
    fs::create_directories(d / "u2");
    write_bytes(d / "u1" / "A.xlsx", "x");
    write_bytes(d / "u2" / "a.xlsx", "x");
    write_bytes(d / "u2" / "a_2.xlsx", "x");  // sorted after a.xlsx, whose rename took its name
    auto got = collect_inputs({(d / "u1" / "A.xlsx").string(), (d / "u2" / "a.xlsx").string(),
                               (d / "u2" / "a_2.xlsx").string(), (d / "u2" / "." / "a.xlsx").string()});
    REQUIRE(got.size() == 3);  // u2/./a.xlsx is u2/a.xlsx
    std::set<std::string> names;
    for (const auto& in : got) names.insert(in.out_name);
    CHECK(names == std::set<std::string>{"A.xlsx", "a_2.xlsx", "a_2_2.xlsx"});
    // Every path and name read back whole, renamed (stored beside the path) or not (its tail).
    for (size_t i = 0; i < got.size(); ++i) {
        CHECK(fs::exists(std::string(got.path(i))));
        CHECK(got[i].path == std::string(got.path(i)));
        CHECK(got[i].out_name == std::string(got.out_name(i)));
    }
    // A folder of 3,000: every file once, sorted, names unique.
    fs::path many = d / "many";
    fs::create_directories(many);
    for (int i = 0; i < 3000; ++i) write_bytes(many / ("单位" + std::to_string(i) + ".xlsx"), "x");
    auto all = collect_inputs({many.string(), (many / "单位7.xlsx").string()});
    REQUIRE(all.size() == 3000);
    std::set<std::string> seen;
    for (size_t i = 0; i < all.size(); ++i) {
        if (i) CHECK(all.path(i - 1) < all.path(i));
        CHECK(all.path(i).substr(all.path(i).size() - all.out_name(i).size()) == all.out_name(i));
        seen.insert(std::string(all.out_name(i)));
    }
    CHECK(seen.size() == 3000);
    // A shard of the packed list is the same entries.
    auto part = select_shard(all, Shard{2, 3});
    REQUIRE(part.size() == 1000);
    CHECK(part.path(0) == all.path(1));
    CHECK(part.out_name(999) == all.out_name(2998));
}

TEST_CASE("parse_shard accepts I/N with 1 <= I <= N only") {
    CHECK(parse_shard("1/1").has_value());
    auto s = parse_shard("3/8");
    REQUIRE(s);
    CHECK(s->index == 3);
    CHECK(s->count == 8);
    CHECK(s->text() == "3/8");
    for (const char* bad : {"0/4", "5/4", "1/0", "1", "/4", "1/", "a/b", "-1/4", "1/4/2", ""}) {
        INFO(bad);
        CHECK_FALSE(parse_shard(bad).has_value());
    }
}

TEST_CASE("shards are disjoint, cover every input and differ in size by at most one") {
    std::vector<Input> all;
    for (int i = 0; i < 23; ++i) all.push_back({"f" + std::to_string(100 + i) + ".xlsx", ""});
    for (size_t n : {1u, 2u, 4u, 7u, 23u, 40u}) {
        std::multiset<std::string> seen;
        size_t smallest = all.size(), largest = 0;
        for (size_t i = 1; i <= n; ++i) {
            auto part = select_shard(all, Shard{i, n});
            smallest = std::min(smallest, part.size());
            largest = std::max(largest, part.size());
            for (const auto& in : part) seen.insert(in.path);
        }
        INFO("N=" << n);
        CHECK(seen.size() == all.size());
        for (auto& in : all) CHECK(seen.count(in.path) == 1);
        CHECK(largest - smallest <= 1);
    }
    // Deterministic: the same list gives the same share.
    auto a = select_shard(all, Shard{2, 4}), b = select_shard(all, Shard{2, 4});
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].path == b[i].path);
}
