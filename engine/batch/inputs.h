// inputs.h — the job list of a batch: folders expanded to the workbooks inside them, sorted
// by path, with the name each gets in OUTDIR/recalculated/; and the deterministic share of
// one shard (--shard I/N) so that N independent processes cover every input exactly once.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sp::batch {

struct Input {
    std::string path;      // as found: "DIR/sub/a.xlsx" for a folder argument, the argument itself for a file
    std::string out_name;  // relative name under recalculated/: "sub/a.xlsx" (unique within the batch)
};

// Expands files and folders (recursively: *.xlsx and *.xlsm, case-insensitive, skipping
// hidden files and Excel's "~$" lock files) into a list sorted by path, without duplicates.
// A file argument is taken whatever its name (so a mis-named upload still gets a row).
// Arguments that do not exist are returned in `missing`.
std::vector<Input> collect_inputs(const std::vector<std::string>& args, std::vector<std::string>* missing = nullptr);

struct Shard {
    size_t index = 1, count = 1;  // 1-based: shard I of N
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};
// "I/N" with 1 <= I <= N; nullopt when malformed.
std::optional<Shard> parse_shard(const std::string& text);

// Inputs at sorted positions k with k % N == I-1: shards are disjoint, cover everything, and
// differ in size by at most one. Depends only on the sorted list, so every node computes the
// same split without talking to the others.
std::vector<Input> select_shard(const std::vector<Input>& all, const Shard& shard);

}  // namespace sp::batch
