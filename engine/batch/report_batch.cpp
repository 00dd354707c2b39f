// report_batch.cpp — see report_batch.h.
#include "batch/report_batch.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>

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

}  // namespace sp::batch
