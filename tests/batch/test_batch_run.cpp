// test_batch_run.cpp — the parallel batch over the samples and deliberately broken copies:
// every input yields one row, bad files become rows with their error, results do not depend
// on the number of threads, recalculated copies are written when asked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "batch/batch.h"
#include "batch/report_stream.h"
#include <nlohmann/json.hpp>
#include "batch_test_util.h"
#include "check/report.h"
#include "xlsx/zip_reader.h"
#include "xlsx/zip_writer.h"

using namespace sp;
using namespace sp::batch;
using namespace sp::batch::test;
using check::Severity;
using check::Status;

namespace {

// Copies a package replacing one part's content (for malformed XML).
void replace_part(const fs::path& src, const fs::path& dst, const std::string& part, const std::string& text) {
    auto bytes = xlsx::read_file_bytes(src.string());
    xlsx::ZipReader zip(bytes, src.string());
    FILE* f = std::fopen(dst.string().c_str(), "wb");
    REQUIRE(f);
    {
        xlsx::ZipWriter w(f, dst.string());
        for (const auto& e : zip.entries()) {
            if (e.name == part) w.add(e.name, text, e.mtime);
            else w.add_raw(e.name, e.method, e.crc, e.size, zip.raw(e), e.mtime);
        }
        w.finish();
    }
    std::fclose(f);
}

// A batch into a scratch folder, its rows read back from workbooks.jsonl.
struct Ran {
    BatchResult res;
    std::vector<Row> rows;
    std::vector<check::WorkbookReport> reports;  // rows' reports, input order
};
Ran run(const InputList& inputs, std::shared_ptr<const lua::PluginSet> plugins,
        const std::vector<check::Rule>& rules, BatchOptions opt, const std::string& name = "run-out") {
    if (opt.out_dir.empty()) opt.out_dir = scratch(name).string();
    Ran r;
    r.res = run_batch(inputs, std::move(plugins), rules, opt);
    r.rows = read_rows(jsonl_path(opt.out_dir));
    for (const Row& x : r.rows) r.reports.push_back(x.report);
    return r;
}

const check::WorkbookReport& row(const Ran& r, const std::string& name) {
    for (const auto& w : r.reports)
        if (fs::path(w.path).filename() == name) return w;
    FAIL("no row for " << name);
    return r.reports.front();
}
const Row& full_row(const Ran& r, const std::string& name) {
    for (const auto& w : r.rows)
        if (fs::path(w.report.path).filename() == name) return w;
    FAIL("no row for " << name);
    return r.rows.front();
}

const check::Finding* finding(const check::WorkbookReport& r, const std::string& rule, Severity s) {
    for (const auto& f : r.findings)
        if (f.rule_id == rule && f.severity == s) return &f;
    return nullptr;
}

// The folder of inputs every test here uses: two samples and broken copies of the first.
struct Fixture {
    fs::path dir = scratch("run");
    InputList inputs;
    Fixture() {
        fs::path js = sample("000_部门决算公开.xlsx");
        fs::copy_file(js, dir / "a_original.xlsx");
        fs::copy_file(sample("000_项目支出绩效自评表_1.xlsx"), dir / "b_project.xlsx");
        // A wrong total: an income line raised by 100, saved consistently (cached values recomputed).
        Value c6 = xlsx::read(js.string()).workbook->get("'收入支出决算总表'!C6");
        write_variant(js, dir / "c_wrong_total.xlsx", {{"'收入支出决算总表'!C6", Value(c6.number() + 100)}}, true);
        // A stale cached value: 收入总计's <v> replaced, its formula intact.
        write_variant(js, dir / "d_stale.xlsx", {{"'收入支出决算总表'!C39", Value(12345.0)}}, false);
        // A truncated file, a text file named .xlsx, malformed XML in a worksheet, a zip bomb.
        std::string bytes = read_bytes(js);
        write_bytes(dir / "e_truncated.xlsx", bytes.substr(0, bytes.size() / 2));
        write_bytes(dir / "f_not_a_zip.xlsx", "收入支出决算总表,640.13\n");
        replace_part(js, dir / "g_bad_xml.xlsx", "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row></sheetData>");
        replace_part(js, dir / "h_bomb.xlsx", "xl/worksheets/sheet2.xml", std::string(64 << 20, ' '));
        inputs = collect_inputs({dir.string()});
    }
};

BatchOptions options(unsigned jobs) {
    BatchOptions o;
    o.jobs = jobs;
    o.limits.max_entry = 16 << 20;  // the 64 MiB part is a bomb here
    return o;
}

}  // namespace

TEST_CASE("batch: every input gets a row; bad files are rows with their error") {
    Fixture fx;
    REQUIRE(fx.inputs.size() == 8);
    auto plugins = shipped_plugins();
    size_t progress_calls = 0, last_done = 0;
    BatchOptions opt = options(2);
    opt.on_progress = [&](size_t done, size_t total) {
        ++progress_calls;
        CHECK(done == last_done + 1);  // serialised, in order
        CHECK(total == 8);
        last_done = done;
    };
    Ran res = run(fx.inputs, plugins, plugins->rules(), opt);
    REQUIRE(res.reports.size() == 8);
    CHECK(progress_calls == 8);
    for (size_t i = 0; i < 8; ++i) CHECK(res.reports[i].path == fx.inputs[i].path);  // input order

    const auto& orig = row(res, "a_original.xlsx");
    CHECK(orig.status != Status::Unreadable);
    CHECK(orig.rules_applied > 10);
    CHECK(row(res, "b_project.xlsx").status != Status::Unreadable);

    // The wrong total breaks 收入总计 = 支出总计 by the 100 added (the original passes it).
    const auto& wrong = row(res, "c_wrong_total.xlsx");
    CHECK(wrong.status == Status::Failed);
    CHECK(finding(orig, "JS01-004", Severity::Error) == nullptr);
    const check::Finding* f = finding(wrong, "JS01-004", Severity::Error);
    REQUIRE(f);
    CHECK(std::fabs(std::fabs(f->difference) - 100) < 0.05);
    CHECK(wrong.stale.empty());  // saved with the values recomputed

    // The stale copy: same findings as the original, and the stale cell reported.
    const auto& stale = row(res, "d_stale.xlsx");
    CHECK(stale.status == orig.status);
    CHECK(stale.count(Severity::Error) == orig.count(Severity::Error));
    CHECK(full_row(res, "d_stale.xlsx").stale_total == full_row(res, "a_original.xlsx").stale_total + 1);
    REQUIRE(stale.stale.size() <= kKeepStale);
    auto it = std::find_if(stale.stale.begin(), stale.stale.end(),
                           [](const check::StaleValue& v) { return v.sheet == "收入支出决算总表" && v.cell == "C39"; });
    REQUIRE(it != stale.stale.end());
    CHECK(it->cached == "12345");
    CHECK(it->recalculated != "12345");

    for (const char* bad : {"e_truncated.xlsx", "f_not_a_zip.xlsx", "g_bad_xml.xlsx", "h_bomb.xlsx"}) {
        INFO(bad);
        const auto& r = row(res, bad);
        CHECK(r.status == Status::Unreadable);
        CHECK(r.error.find(bad) != std::string::npos);  // the message names the file
        CHECK(r.findings.empty());
        // In Chinese for report.html; the reader's own words kept as the technical detail.
        CHECK(r.error.find("（") != std::string::npos);
        CHECK_FALSE(full_row(res, bad).error_detail.empty());
    }
    CHECK(row(res, "f_not_a_zip.xlsx").error.find("不是 xlsx 文件") != std::string::npos);
    CHECK(row(res, "e_truncated.xlsx").error.find("不完整") != std::string::npos);
    CHECK(row(res, "h_bomb.xlsx").error.find("压缩炸弹") != std::string::npos);
    CHECK(row(res, "g_bad_xml.xlsx").error.find("sheet1.xml") != std::string::npos);
    CHECK(res.res.stats.workbooks == 8);
    CHECK(res.res.stats.written == 8);
    CHECK(res.res.stats.jobs == 2);
    for (size_t i = 0; i < 8; ++i) CHECK(res.rows[i].index == i);
}

TEST_CASE("batch: results do not depend on the number of threads") {
    Fixture fx;
    auto plugins = shipped_plugins();
    Ran one = run(fx.inputs, plugins, plugins->rules(), options(1), "one");
    Ran three = run(fx.inputs, plugins, plugins->rules(), options(3), "three");
    REQUIRE(one.reports.size() == three.reports.size());
    for (size_t i = 0; i < one.reports.size(); ++i) {
        const auto &a = one.reports[i], &b = three.reports[i];
        INFO(a.path);
        CHECK(a.status == b.status);
        CHECK(a.error == b.error);
        REQUIRE(a.findings.size() == b.findings.size());
        for (size_t k = 0; k < a.findings.size(); ++k) {
            CHECK(a.findings[k].rule_id == b.findings[k].rule_id);
            CHECK(a.findings[k].found == b.findings[k].found);
        }
        CHECK(a.stale.size() == b.stale.size());
    }
}

TEST_CASE("batch: a Lua check that raises an error is one broken rule, not a failure of every workbook") {
    Fixture fx;
    auto set = std::make_shared<lua::PluginSet>();
    set->add_dir(lua::PluginSet::shipped_dir());
    set->add_source("boom.lua", R"(suanpan.check{ id = "BOOM", severity = "error", message = "炸",
        fn = function(wb) error("boom") end })");
    std::vector<check::Rule> rules = set->rules();
    BatchOptions opt = options(2);
    opt.out_dir = scratch("boom").string();
    Ran res = run(fx.inputs, set, rules, opt);
    Ran plain = run(fx.inputs, shipped_plugins(), shipped_plugins()->rules(), options(2), "boom-plain");
    for (size_t i = 0; i < res.rows.size(); ++i) {
        INFO(res.rows[i].report.path);
        const Row& r = res.rows[i];
        CHECK(r.report.status == plain.rows[i].report.status);  // BOOM does not fail anything
        for (const auto& f : r.report.findings) CHECK(f.rule_id != "BOOM");
        if (r.report.status != Status::Unreadable) {
            REQUIRE(r.broken.size() == 1);
            CHECK(r.broken[0].rule_id == "BOOM");
            CHECK(r.broken[0].origin.find("boom.lua:1") != std::string::npos);
            CHECK(r.broken[0].message.find("boom") != std::string::npos);
        }
    }
    // The reports name it once, with the number of workbooks where it broke.
    BatchMeta meta;
    StreamSummary sum;
    ReportPaths p = build_reports(opt.out_dir, meta, &sum);
    REQUIRE(sum.broken.size() == 1);
    auto j = nlohmann::json::parse(read_bytes(p.json));
    REQUIRE(j["broken_rules"].size() == 1);
    CHECK(j["broken_rules"][0]["rule"] == "BOOM");
    CHECK(j["broken_rules"][0]["workbooks"] == 4);  // the four readable inputs
    std::string html = read_bytes(p.html);
    CHECK(html.find("未能执行的规则") != std::string::npos);
    size_t mentions = 0;
    for (size_t k = 0; (k = html.find("boom.lua:1", k)) != std::string::npos; ++k) ++mentions;
    CHECK(mentions == 1);

    // No plugins at all: plugin functions are #NAME?, fn-checks report that they could not run.
    Ran bare = run(fx.inputs, nullptr, rules, options(2), "bare");
    REQUIRE(bare.reports.size() == fx.inputs.size());
    CHECK(row(bare, "a_original.xlsx").status != Status::Unreadable);
}

TEST_CASE("batch: --write-recalculated writes readable workbooks, recalculated") {
    Fixture fx;
    auto plugins = shipped_plugins();
    BatchOptions opt = options(2);
    fs::path out = fx.dir / "out" / "recalculated";
    opt.recalculated_dir = out.string();
    // Only the inputs of the run folder itself (out/ is created inside it).
    Ran res = run(fx.inputs, plugins, plugins->rules(), opt);
    CHECK(res.res.write_errors.empty());
    CHECK(fs::exists(out / "a_original.xlsx"));
    CHECK(fs::exists(out / "d_stale.xlsx"));
    CHECK_FALSE(fs::exists(out / "e_truncated.xlsx"));
    CHECK_FALSE(fs::exists(out / "h_bomb.xlsx"));
    // The recalculated copy of the stale file has the recomputed 收入总计 cached (the samples are
    // saved without cached values: the recalculated original has it too).
    Value expected = xlsx::read((out / "a_original.xlsx").string()).workbook->get("'收入支出决算总表'!C39");
    Value got = xlsx::read((out / "d_stale.xlsx").string()).workbook->get("'收入支出决算总表'!C39");
    REQUIRE(expected.is_number());
    REQUIRE(got.is_number());
    CHECK(got.number() == expected.number());
    CHECK(got.number() > 1000);
    CHECK(got.number() != 12345);
    // An output folder that cannot be created is reported per workbook, not thrown.
    opt.recalculated_dir = (fx.dir / "a_original.xlsx" / "sub").string();  // under a file
    Ran bad = run({fx.inputs[0]}, plugins, plugins->rules(), opt, "bad-write");
    CHECK(bad.res.write_errors.size() == 1);
    CHECK(bad.reports[0].status != Status::Unreadable);
}
