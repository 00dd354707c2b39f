// merge.cpp — see merge.h. Two passes over the sources: the first compares paths only (to
// find a workbook given twice before anything is written), the second writes.
#include "batch/merge.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <sstream>
#include <stdexcept>

#include "batch/batch.h"
#include "batch/inputs.h"
#include "batch/report_stream.h"
#include "batch/row.h"
#include "xlsx/error.h"

namespace sp::batch {

namespace fs = std::filesystem;

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

// One report's rows, in path order, one at a time.
struct Source {
    std::string report, dir;              // report.json and its folder
    std::unique_ptr<std::ifstream> file;  // workbooks.jsonl, or
    std::vector<std::string> lines;       // inline workbooks, sorted by path
    size_t next_line = 0;
    std::string line, path;

    bool advance() {
        if (file) {
            while (std::getline(*file, line))
                if (!line.empty()) {
                    path = path_of_line(line);
                    if (path.empty()) path = row_from_line(line).report.path;
                    return true;
                }
            return false;
        }
        if (next_line >= lines.size()) return false;
        line = lines[next_line++];
        path = row_from_line(line).report.path;
        return true;
    }
    void rewind() {
        if (file) {
            file->clear();
            file->seekg(0);
        }
        next_line = 0;
    }
};

std::vector<std::unique_ptr<Source>> open_sources(const std::vector<std::string>& json_paths, BatchMeta& meta) {
    std::vector<std::unique_ptr<Source>> out;
    for (const std::string& path : json_paths) {
        nlohmann::json doc = read_json(path);
        if (!doc.is_object() || doc.value("schema", "") != "suanpan.check/1")
            throw std::runtime_error(path + ": not a check report (expected schema suanpan.check/1)");
        auto s = std::make_unique<Source>();
        s->report = path;
        s->dir = fs::path(path).parent_path().string();
        if (s->dir.empty()) s->dir = ".";
        BatchMeta m = batch_meta_from_json(doc);
        meta.rules = std::max(meta.rules, m.rules);
        for (ShardRun& r : m.shards) meta.shards.push_back(std::move(r));
        std::string jl = jsonl_path(s->dir);
        if (doc.contains("workbooks_file") && fs::exists(jl)) {
            s->file = std::make_unique<std::ifstream>(jl, std::ios::binary);
            if (!*s->file) throw std::runtime_error(jl + ": cannot open");
        } else if (doc.contains("workbooks") && doc["workbooks"].is_array()) {
            std::vector<std::pair<std::string, std::string>> rows;
            for (const auto& w : doc["workbooks"]) {
                if (!w.is_object()) continue;
                rows.push_back({w.value("path", ""), w.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
            }
            std::stable_sort(rows.begin(), rows.end());
            for (auto& r : rows) s->lines.push_back(std::move(r.second));
        } else {
            throw std::runtime_error(path + ": has neither workbooks nor " + jl);
        }
        out.push_back(std::move(s));
    }
    return out;
}

// k-way merge by path; calls f(source index, source) for every row in order.
template <class F>
void merge_walk(std::vector<std::unique_ptr<Source>>& src, F&& f) {
    using Item = std::pair<std::string, size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> q;
    for (size_t i = 0; i < src.size(); ++i) {
        src[i]->rewind();
        if (src[i]->advance()) q.push({src[i]->path, i});
    }
    while (!q.empty()) {
        size_t i = q.top().second;
        q.pop();
        f(i, *src[i]);
        if (src[i]->advance()) q.push({src[i]->path, i});
    }
}

void copy_detail(const std::string& from_dir, const std::string& to_dir, const std::string& detail) {
    if (detail.empty()) return;
    fs::path a = fs::path(from_dir) / fs::u8path(detail), b = fs::path(to_dir) / fs::u8path(detail);
    std::error_code ec;
    if (!fs::exists(a, ec) || fs::equivalent(a, b, ec)) return;
    fs::create_directories(b.parent_path(), ec);
    fs::remove(b, ec);
    fs::create_hard_link(a, b, ec);
    if (ec) fs::copy_file(a, b, fs::copy_options::overwrite_existing, ec);
}

}  // namespace

MergeResult merge_reports(const std::vector<std::string>& json_paths, const std::string& out_dir, bool allow_partial) {
    MergeResult out;
    auto src = open_sources(json_paths, out.meta);
    check_shards(out.meta.shards, out.problems);

    // Pass 1: a workbook in two reports.
    std::string last;
    size_t last_src = 0;
    bool any = false;
    merge_walk(src, [&](size_t i, Source& s) {
        if (any && s.path == last)
            out.problems.push_back(s.path + " is in both " + src[last_src]->report + " and " + s.report +
                                   " (the first is kept)");
        else {
            last = s.path;
            last_src = i;
        }
        any = true;
    });
    if (!out.problems.empty() && !allow_partial) return out;

    // Pass 2: the merged workbooks.jsonl, renumbered, with the detail pages beside it.
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) throw xlsx::OutputError(out_dir, "", "", "cannot create the folder: " + ec.message());
    std::string jl = jsonl_path(out_dir), tmp = jl + ".merging";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw xlsx::OutputError(tmp, "", "", "cannot open");
        any = false;
        merge_walk(src, [&](size_t, Source& s) {
            if (any && s.path == last) return;
            last = s.path;
            any = true;
            Row row = row_from_line(s.line);
            row.index = out.workbooks++;
            copy_detail(s.dir, out_dir, row.detail);
            f << row_to_line(row) << '\n';
        });
        if (!f.flush()) throw xlsx::OutputError(tmp, "", "", "cannot write");
    }
    fs::rename(tmp, jl, ec);
    if (ec) throw xlsx::OutputError(jl, "", "", "cannot rename into place: " + ec.message());

    std::stable_sort(out.meta.shards.begin(), out.meta.shards.end(), [](const ShardRun& a, const ShardRun& b) {
        auto x = parse_shard(a.shard), y = parse_shard(b.shard);
        if (x && y) return std::pair(x->count, x->index) < std::pair(y->count, y->index);
        return bool(x) > bool(y);
    });
    out.meta.generated = now_text();
    out.paths = build_reports(out_dir, out.meta);
    out.written = true;
    return out;
}

}  // namespace sp::batch
