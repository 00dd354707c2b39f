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
    for (auto& in : got) names.push_back(in.out_name);
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
            for (auto& in : part) seen.insert(in.path);
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
