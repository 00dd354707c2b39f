// test_batch_reports.cpp — report.json/html/xlsx of a batch, and merge-reports: shard runs
// merged give the report of one unsharded run; missing or repeated shards are noticed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "batch/batch.h"
#include "batch/merge.h"
#include "batch/report_batch.h"
#include "batch/report_stream.h"
#include "batch/detail_html.h"
#include "batch/row.h"
#include "batch_test_util.h"
#include "check/report_json.h"
#include "xlsx/xlsx.h"

using namespace sp;
using namespace sp::batch;
using namespace sp::batch::test;

namespace {

// Samples plus a broken copy; small enough to run several times.
InputList some_inputs() {
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

BatchResult run_into(const InputList& inputs, const fs::path& out) {
    auto plugins = shipped_plugins();
    BatchOptions o;
    o.out_dir = out.string();
    return run_batch(inputs, plugins, plugins->rules(), o);
}

}  // namespace

TEST_CASE("batch reports: json, html and xlsx for every workbook, built from workbooks.jsonl") {
    auto inputs = some_inputs();
    fs::path out = scratch("reports-out") / "nested" / "dir";
    BatchResult res = run_into(inputs, out);
    ReportPaths p = build_reports(out.string(), meta_for("1/1", res));
    REQUIRE(fs::exists(p.json));
    REQUIRE(fs::exists(p.html));
    REQUIRE(fs::exists(p.xlsx));
    auto rows = read_rows(jsonl_path(out.string()));
    REQUIRE(rows.size() == inputs.size());

    nlohmann::json j = load(p.json);
    CHECK(j["schema"] == "suanpan.check/1");
    CHECK(j["summary"]["workbooks"] == inputs.size());
    CHECK(j["summary"]["unreadable"] == 1);
    CHECK(j["batch"]["shards"][0]["shard"] == "1/1");
    CHECK(j["batch"]["rules"] == 7);
    CHECK(j["workbooks_file"] == "workbooks.jsonl");
    auto back = check::reports_from_json(j);  // a small batch keeps its workbooks inline
    REQUIRE(back.size() == rows.size());
    for (size_t i = 0; i < back.size(); ++i) {
        CHECK(back[i].path == inputs[i].path);
        CHECK(back[i].status == rows[i].report.status);
        CHECK(back[i].findings.size() == rows[i].report.findings.size());
        // every workbook has its detail page
        CHECK(fs::exists(out / fs::u8path(rows[i].detail)));
    }
    BatchMeta m = batch_meta_from_json(j);
    REQUIRE(m.shards.size() == 1);
    CHECK(m.shards[0].host == "node");

    std::string html = read_bytes(p.html);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("lang=\"zh-CN\"") != std::string::npos);
    CHECK(html.find("批量审核报告") != std::string::npos);
    CHECK(html.find("<link") == std::string::npos);  // self-contained
    CHECK(html.find("report-data.js") == std::string::npos);  // small: data inline
    CHECK(html.find("not a zip") == std::string::npos);  // Chinese throughout
    for (const auto& r : rows) CHECK(html.find(fs::path(r.report.path).filename().string()) != std::string::npos);

    auto x = xlsx::read(p.xlsx);
    auto summary = x.workbook->find_sheet("汇总");
    REQUIRE(summary);
    CHECK(x.workbook->get(*summary, {int32_t(inputs.size()), 1}).is_string());  // one row per workbook after the header
    CHECK(x.workbook->get(*summary, {int32_t(inputs.size()) + 1, 1}).is_empty());
    CHECK(x.workbook->find_sheet("审核结果"));
    CHECK(x.workbook->find_sheet("说明"));
}

TEST_CASE("batch rows: a rule failing on many rows is cut to its first findings, with totals kept") {
    check::WorkbookReport full;
    full.path = "a.xlsx";
    for (int i = 0; i < 100; ++i) {
        check::Finding f;
        f.rule_id = i < 90 ? "JS02-001" : "JS01-004";
        f.cell = "C" + std::to_string(i + 7);
        full.findings.push_back(f);
    }
    for (int i = 0; i < 860; ++i) full.stale.push_back({"收入决算表", "C" + std::to_string(i + 7), "1", "2"});
    full.finish();
    Row r = make_row(3, full, "detail/a.xlsx.html");
    CHECK(r.count(check::Severity::Error) == 100);
    CHECK(r.report.findings.size() == kKeepPerRule + 10);
    CHECK(r.findings_omitted == 90 - kKeepPerRule);
    CHECK(r.stale_total == 860);
    CHECK(r.report.stale.size() == kKeepStale);
    Row back = row_from_line(row_to_line(r));
    CHECK(back.index == 3);
    CHECK(back.stale_total == 860);
    CHECK(back.count(check::Severity::Error) == 100);
    CHECK(back.report.findings.size() == r.report.findings.size());
    CHECK(path_of_line(row_to_line(r)) == "a.xlsx");
    std::string page = detail_html(full, {}, "", "../report.html");
    CHECK(page.find("860 个单元格缓存值过期") != std::string::npos);
    CHECK(page.find("其余 840 个") != std::string::npos);
    CHECK(page.find("JS02-001 · 90 项") != std::string::npos);
    CHECK(page.find("C862") != std::string::npos);  // the full list is in the page
}

TEST_CASE("merge-reports: shards merged equal one unsharded run") {
    auto inputs = some_inputs();
    fs::path base = scratch("reports-shards");
    run_into(inputs, base / "whole");
    auto whole = read_rows(jsonl_path((base / "whole").string()));
    std::vector<std::string> jsons;
    for (size_t i = 1; i <= 3; ++i) {
        Shard s{i, 3};
        fs::path dir = base / ("shard" + std::to_string(i));
        BatchResult part = run_into(select_shard(inputs, s), dir);
        // Reports listed out of order on purpose.
        jsons.insert(jsons.begin(), build_reports(dir.string(), meta_for(s.text(), part)).json);
    }
    MergeResult m = merge_reports(jsons, (base / "merged").string(), false);
    CHECK(m.problems.empty());
    REQUIRE(m.written);
    auto merged = read_rows(jsonl_path((base / "merged").string()));
    REQUIRE(merged.size() == whole.size());
    for (size_t i = 0; i < merged.size(); ++i) {
        INFO(whole[i].report.path);
        CHECK(merged[i].report.path == whole[i].report.path);
        CHECK(merged[i].index == i);
        CHECK(merged[i].report.status == whole[i].report.status);
        CHECK(merged[i].report.findings.size() == whole[i].report.findings.size());
        CHECK(merged[i].stale_total == whole[i].stale_total);
        CHECK(fs::exists(base / "merged" / fs::u8path(merged[i].detail)));
    }
    REQUIRE(m.meta.shards.size() == 3);
    CHECK(m.meta.shards[0].shard == "1/3");
    CHECK(m.meta.shards[2].shard == "3/3");
    CHECK(m.meta.rules == 7);

    // One shard missing: nothing written; one repeated: noticed.
    MergeResult partial = merge_reports({jsons[0], jsons[1]}, (base / "partial").string(), false);
    REQUIRE(partial.problems.size() == 1);
    CHECK(partial.problems[0].find("is missing") != std::string::npos);
    CHECK_FALSE(partial.written);
    CHECK_FALSE(fs::exists(base / "partial" / "report.json"));
    MergeResult twice = merge_reports({jsons[0], jsons[1], jsons[2], jsons[2]}, (base / "twice").string(), true);
    bool repeated = false, duplicate_wb = false;
    for (auto& p : twice.problems) {
        repeated |= p.find("given 2 times") != std::string::npos;
        duplicate_wb |= p.find("is in both") != std::string::npos;
    }
    CHECK(repeated);
    CHECK(duplicate_wb);
    CHECK(twice.workbooks == whole.size());  // duplicates kept once

    // Not a report: an error naming the file.
    fs::path bogus = base / "bogus.json";
    write_bytes(bogus, "{\"schema\": \"other/1\"}");
    CHECK_THROWS_WITH(merge_reports({bogus.string()}, (base / "b").string(), false), Catch::Contains("bogus.json"));
    write_bytes(bogus, "not json");
    CHECK_THROWS_WITH(merge_reports({bogus.string()}, (base / "b").string(), false), Catch::Contains("bogus.json"));
}

TEST_CASE("report.html stays small at 100,000 workbooks: the table data goes to report-data.js") {
    fs::path out = scratch("reports-100k");
    const size_t n = 100000;
    {
        ReportBuilder b(out.string());
        for (size_t i = 0; i < n; ++i) {
            check::WorkbookReport r;
            r.path = "2024决算/单位" + std::to_string(i) + "/部门决算公开.xlsx";
            r.rules_applied = 42;
            if (i % 7 == 0) {
                check::Finding f;
                f.rule_id = i % 14 == 0 ? "JS01-004" : "JSX-005";
                f.message = "收入总计应等于支出总计";
                f.cell = "C39";
                r.findings.push_back(f);
            }
            if (i % 1000 == 999) r.error = "不是 xlsx 文件（不是 zip 压缩包）";
            r.finish();
            Row row = make_row(i, r, detail_name("单位" + std::to_string(i) + "/部门决算公开.xlsx"));
            b.add(row, row_to_line(row));
        }
        BatchMeta meta;
        StreamSummary sum;
        ReportPaths p = b.finish(meta, &sum);
        CHECK(sum.workbooks == n);
        CHECK(sum.by_status[size_t(check::Status::Unreadable)] == 100);
    }
    CHECK(fs::file_size(out / "report.html") < 5'000'000);
    CHECK(fs::file_size(out / "report.html") < 200'000);  // summary, first page, script
    std::string html = read_bytes(out / "report.html");
    CHECK(html.find("<script src=\"report-data.js\"></script>") != std::string::npos);
    CHECK(html.find("JS01-004") != std::string::npos);  // among the rules that fail most
    // Every workbook is in the data file, in order.
    std::ifstream data(out / "report-data.js");
    std::string line;
    std::getline(data, line);
    CHECK(line == "window.SP_ROWS=[");
    size_t rows = 0;
    bool in_order = true;
    while (std::getline(data, line) && line != "];") {
        in_order &= line.find("\"2024决算/单位" + std::to_string(rows) + "/") == 1;
        ++rows;
    }
    CHECK(rows == n);
    CHECK(in_order);
    nlohmann::json j = load(out / "report.json");
    CHECK(j["summary"]["workbooks"] == n);
    CHECK_FALSE(j.contains("workbooks"));
    CHECK(j["workbooks_inline"] == false);
}
