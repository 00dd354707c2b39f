// report_batch.cpp — see report_batch.h.
#include "batch/report_batch.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "check/report_html.h"
#include "check/report_json.h"
#include "check/report_xlsx.h"
#include "core/value.h"
#include "xlsx/error.h"
#include "xlsx/output_file.h"

namespace sp::batch {

std::string now_text() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

std::string host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return "";
    return buf;
}

nlohmann::json batch_report_json(const std::vector<check::WorkbookReport>& reports, const BatchMeta& meta) {
    nlohmann::json j = check::report_to_json(reports);
    nlohmann::json shards = nlohmann::json::array();
    double seconds = 0;
    for (const ShardRun& s : meta.shards) {
        shards.push_back({{"shard", s.shard}, {"workbooks", s.workbooks}, {"jobs", s.jobs}, {"seconds", s.seconds},
                          {"generated", s.generated}, {"host", s.host}});
        seconds = std::max(seconds, s.seconds);  // shards run side by side
    }
    j["batch"] = {{"generated", meta.generated}, {"rules", meta.rules}, {"shards", shards}};
    return j;
}

BatchMeta batch_meta_from_json(const nlohmann::json& doc) {
    BatchMeta m;
    auto b = doc.find("batch");
    if (b == doc.end() || !b->is_object()) return m;
    m.generated = b->value("generated", "");
    m.rules = b->value("rules", size_t(0));
    for (const auto& s : b->value("shards", nlohmann::json::array())) {
        if (!s.is_object()) continue;
        ShardRun r;
        r.shard = s.value("shard", "1/1");
        r.workbooks = s.value("workbooks", size_t(0));
        r.jobs = s.value("jobs", 0u);
        r.seconds = s.value("seconds", 0.0);
        r.generated = s.value("generated", "");
        r.host = s.value("host", "");
        m.shards.push_back(std::move(r));
    }
    return m;
}

void write_text_file(const std::string& path, const std::string& text) {
    xlsx::write_atomically(path, [&](FILE* f) {
        if (std::fwrite(text.data(), 1, text.size(), f) != text.size())
            throw xlsx::OutputError(path, "", "", "cannot write");
    });
}

static std::string rules_note(const std::vector<check::WorkbookReport>& reports, const BatchMeta& meta) {
    std::string note = "规则 " + std::to_string(meta.rules) + " 条";
    if (meta.shards.size() == 1) {
        const ShardRun& s = meta.shards[0];
        if (s.shard != "1/1") note += " · 分片 " + s.shard;
        if (s.seconds > 0)
            note += " · 用时 " + format_general(std::round(s.seconds * 100) / 100) + " 秒（" + std::to_string(s.jobs) +
                    " 线程）";
    } else if (meta.shards.size() > 1) {
        note += " · 合并自 " + std::to_string(meta.shards.size()) + " 个分片";
    }
    return note;
}

ReportPaths write_batch_reports(const std::string& dir, const std::vector<check::WorkbookReport>& reports,
                                const BatchMeta& meta) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw xlsx::OutputError(dir, "", "", "cannot create the folder: " + ec.message());
    ReportPaths p{(fs::path(dir) / "report.json").string(), (fs::path(dir) / "report.html").string(),
                  (fs::path(dir) / "report.xlsx").string()};

    write_text_file(p.json, batch_report_json(reports, meta).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");

    check::HtmlOptions ho;
    ho.title = "批量审核报告";
    ho.generated = meta.generated;
    ho.rules_note = rules_note(reports, meta);
    write_text_file(p.html, check::report_html(reports, ho));

    check::write_report_xlsx(reports, p.xlsx);
    return p;
}

}  // namespace sp::batch
