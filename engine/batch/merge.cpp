// merge.cpp — see merge.h.
#include "batch/merge.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "batch/inputs.h"
#include "check/report_json.h"

namespace sp::batch {

namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    std::stringstream ss;
    ss << f.rdbuf();
    try {
        return nlohmann::json::parse(ss.str());
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": not JSON: " + e.what());
    }
}

// Shards "I/N" given must be exactly 1..N once each, for one N.
void check_shards(const std::vector<ShardRun>& shards, std::vector<std::string>& problems) {
    std::map<size_t, std::map<size_t, int>> seen;  // N -> I -> times
    for (const ShardRun& s : shards) {
        auto sh = parse_shard(s.shard);
        if (!sh) {
            problems.push_back("unrecognised shard \"" + s.shard + "\"");
            continue;
        }
        ++seen[sh->count][sh->index];
    }
    if (seen.size() > 1) problems.push_back("the reports come from runs split into different numbers of shards");
    for (const auto& [n, got] : seen) {
        for (size_t i = 1; i <= n; ++i) {
            auto it = got.find(i);
            std::string name = std::to_string(i) + "/" + std::to_string(n);
            if (it == got.end()) problems.push_back("shard " + name + " is missing");
            else if (it->second > 1) problems.push_back("shard " + name + " is given " + std::to_string(it->second) + " times");
        }
    }
}

}  // namespace

MergeResult merge_reports(const std::vector<std::string>& json_paths) {
    MergeResult out;
    std::map<std::string, std::string> owner;  // workbook path -> report it came from
    for (const std::string& path : json_paths) {
        nlohmann::json doc = read_json(path);
        std::vector<check::WorkbookReport> reports;
        try {
            reports = check::reports_from_json(doc);
        } catch (const std::exception& e) {
            throw std::runtime_error(path + ": " + e.what());
        }
        BatchMeta m = batch_meta_from_json(doc);
        out.meta.rules = std::max(out.meta.rules, m.rules);
        // A `suanpan check --json` report has no batch object: its workbooks join, no shard is verified.
        for (ShardRun& s : m.shards) out.meta.shards.push_back(std::move(s));
        for (check::WorkbookReport& r : reports) {
            auto [it, fresh] = owner.emplace(r.path, path);
            if (!fresh) {
                out.problems.push_back(r.path + " is in both " + it->second + " and " + path + " (the first is kept)");
                continue;
            }
            out.reports.push_back(std::move(r));
        }
    }
    check_shards(out.meta.shards, out.problems);
    std::stable_sort(out.reports.begin(), out.reports.end(),
                     [](const check::WorkbookReport& a, const check::WorkbookReport& b) { return a.path < b.path; });
    std::stable_sort(out.meta.shards.begin(), out.meta.shards.end(), [](const ShardRun& a, const ShardRun& b) {
        auto x = parse_shard(a.shard), y = parse_shard(b.shard);
        if (x && y) return std::pair(x->count, x->index) < std::pair(y->count, y->index);
        return bool(x) > bool(y);
    });
    return out;
}

}  // namespace sp::batch
