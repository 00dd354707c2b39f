// test_batch_reports.cpp — report.json/html/xlsx of a batch, and merge-reports: shard runs
// merged give the report of one unsharded run; missing or repeated shards are noticed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "batch/batch.h"
#include "batch/merge.h"
#include "batch/report_batch.h"
#include "batch_test_util.h"
#include "check/report_json.h"

using namespace sp;
using namespace sp::batch;
using namespace sp::batch::test;

namespace {

// Samples plus a broken copy; small enough to run several times.
std::vector<Input> some_inputs() {
    static fs::path dir = [] {
        fs::path d = scratch("reports-in");
        for (const char* n : {"000_部门决算公开.xlsx", "000_项目支出绩效自评表_1.xlsx", "000_项目支出绩效自评表_2.xlsx",
                              "003_项目支出绩效自评表_1.xlsx", "002_部门预算公开.xlsx"})
            fs::copy_file(sample(n), d / n);
        write_bytes(d / "zz_broken.xlsx", "PK\x03\x04 broken");
        return d;
    }();
    return collect_inputs({dir.string()});
}

BatchMeta meta_for(const std::string& shard, const BatchResult& r) {
    BatchMeta m;
    m.generated = now_text();
    m.rules = 7;
    m.shards.push_back({shard, r.stats.workbooks, r.stats.jobs, r.stats.seconds, m.generated, "node"});
    return m;
}

nlohmann::json load(const fs::path& p) { return nlohmann::json::parse(read_bytes(p)); }

}  // namespace

TEST_CASE("batch reports: json, html and xlsx for every workbook") {
    auto inputs = some_inputs();
    auto plugins = shipped_plugins();
    BatchResult res = run_batch(inputs, plugins, plugins->rules(), {});
    fs::path out = scratch("reports-out") / "nested" / "dir";
    ReportPaths p = write_batch_reports(out.string(), res.reports, meta_for("1/1", res));
    REQUIRE(fs::exists(p.json));
    REQUIRE(fs::exists(p.html));
    REQUIRE(fs::exists(p.xlsx));

    nlohmann::json j = load(p.json);
    CHECK(j["schema"] == "suanpan.check/1");
    CHECK(j["summary"]["workbooks"] == inputs.size());
    CHECK(j["summary"]["unreadable"] == 1);
    CHECK(j["batch"]["shards"][0]["shard"] == "1/1");
    CHECK(j["batch"]["rules"] == 7);
    auto back = check::reports_from_json(j);
    REQUIRE(back.size() == res.reports.size());
    for (size_t i = 0; i < back.size(); ++i) {
        CHECK(back[i].path == res.reports[i].path);
        CHECK(back[i].status == res.reports[i].status);
        CHECK(back[i].findings.size() == res.reports[i].findings.size());
    }
    BatchMeta m = batch_meta_from_json(j);
    REQUIRE(m.shards.size() == 1);
    CHECK(m.shards[0].host == "node");

    std::string html = read_bytes(p.html);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("lang=\"zh-CN\"") != std::string::npos);
    CHECK(html.find("批量审核报告") != std::string::npos);
    CHECK(html.find("<link") == std::string::npos);    // self-contained
    CHECK(html.find("<script") == std::string::npos);
    for (const auto& r : res.reports) CHECK(html.find(fs::path(r.path).filename().string()) != std::string::npos);

    auto x = xlsx::read(p.xlsx);
    auto summary = x.workbook->find_sheet("汇总");
    REQUIRE(summary);
    CHECK(x.workbook->get(*summary, {int32_t(inputs.size()), 0}).is_string());  // one row per workbook after the header
}

TEST_CASE("merge-reports: shards merged equal one unsharded run") {
    auto inputs = some_inputs();
    auto plugins = shipped_plugins();
    BatchResult whole = run_batch(inputs, plugins, plugins->rules(), {});
    fs::path base = scratch("reports-shards");
    std::vector<std::string> jsons;
    for (size_t i = 1; i <= 3; ++i) {
        Shard s{i, 3};
        BatchResult part = run_batch(select_shard(inputs, s), plugins, plugins->rules(), {});
        fs::path dir = base / ("shard" + std::to_string(i));
        // Reports listed out of order on purpose.
        jsons.insert(jsons.begin(), write_batch_reports(dir.string(), part.reports, meta_for(s.text(), part)).json);
    }
    MergeResult m = merge_reports(jsons);
    CHECK(m.problems.empty());
    REQUIRE(m.reports.size() == whole.reports.size());
    for (size_t i = 0; i < m.reports.size(); ++i) {
        INFO(whole.reports[i].path);
        CHECK(m.reports[i].path == whole.reports[i].path);
        CHECK(m.reports[i].status == whole.reports[i].status);
        CHECK(m.reports[i].findings.size() == whole.reports[i].findings.size());
        CHECK(m.reports[i].stale.size() == whole.reports[i].stale.size());
    }
    REQUIRE(m.meta.shards.size() == 3);
    CHECK(m.meta.shards[0].shard == "1/3");
    CHECK(m.meta.shards[2].shard == "3/3");
    CHECK(m.meta.rules == 7);

    // One shard missing, one repeated.
    MergeResult partial = merge_reports({jsons[0], jsons[1]});
    REQUIRE(partial.problems.size() == 1);
    CHECK(partial.problems[0].find("is missing") != std::string::npos);
    MergeResult twice = merge_reports({jsons[0], jsons[1], jsons[2], jsons[2]});
    bool repeated = false, duplicate_wb = false;
    for (auto& p : twice.problems) {
        repeated |= p.find("given 2 times") != std::string::npos;
        duplicate_wb |= p.find("is in both") != std::string::npos;
    }
    CHECK(repeated);
    CHECK(duplicate_wb);
    CHECK(twice.reports.size() == whole.reports.size());  // duplicates kept once

    // Not a report: an error naming the file.
    fs::path bogus = base / "bogus.json";
    write_bytes(bogus, "{\"schema\": \"other/1\"}");
    CHECK_THROWS_WITH(merge_reports({bogus.string()}), Catch::Contains("bogus.json"));
    write_bytes(bogus, "not json");
    CHECK_THROWS_WITH(merge_reports({bogus.string()}), Catch::Contains("bogus.json"));
}
