// inputs.h — the job list of a batch: folders expanded to the workbooks inside them, sorted
// by path, with the name each gets in OUTDIR/recalculated/; and the deterministic share of
// one shard (--shard I/N) so that N independent processes cover every input exactly once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::batch {

struct Input {
    std::string path;      // as found: "DIR/sub/a.xlsx" for a folder argument, the argument itself for a file
    std::string out_name;  // relative name under recalculated/: "sub/a.xlsx" (unique within the batch)
};

// The inputs of a batch, packed: every path in one buffer, the output name kept as the path's
// tail when it is one (nearly always). A province's 100,000 files then cost ~path length + 16
// bytes each instead of ~210 as two std::strings, so the list is not what grows with the count
// (issue 12: peak memory of 10,000 workbooks within 1.2x that of 100). Entries are read back
// as Input values or as views.
class InputList {
public:
    InputList() = default;
    InputList(const std::vector<Input>& inputs);  // implicit: a few inputs written out by hand
    InputList(std::initializer_list<Input> inputs) : InputList(std::vector<Input>(inputs)) {}

    void push_back(std::string_view path, std::string_view out_name);
    void push_back(const Input& in) { push_back(in.path, in.out_name); }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    std::string_view path(size_t i) const;
    std::string_view out_name(size_t i) const;
    Input operator[](size_t i) const { return Input{std::string(path(i)), std::string(out_name(i))}; }
    void shrink_to_fit();

    class iterator {
    public:
        iterator(const InputList* list, size_t i) : list_(list), i_(i) {}
        Input operator*() const { return (*list_)[i_]; }
        iterator& operator++() { return ++i_, *this; }
        bool operator!=(const iterator& o) const { return i_ != o.i_; }
    private:
        const InputList* list_;
        size_t i_;
    };
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }

private:
    struct Entry {
        uint64_t at;          // path's first byte in text_
        uint32_t path_len;
        uint32_t name_len;    // kNameAfter set: the name follows the path in text_, else it is the path's tail
    };
    static constexpr uint32_t kNameAfter = 0x80000000u;
    std::string text_;
    std::vector<Entry> entries_;
};

// Expands files and folders (recursively: *.xlsx and *.xlsm, case-insensitive, skipping
// hidden files and Excel's "~$" lock files) into a list sorted by path, without duplicates.
// A file argument is taken whatever its name (so a mis-named upload still gets a row).
// Arguments that do not exist are returned in `missing`.
InputList collect_inputs(const std::vector<std::string>& args, std::vector<std::string>* missing = nullptr);

struct Shard {
    size_t index = 1, count = 1;  // 1-based: shard I of N
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};
// "I/N" with 1 <= I <= N; nullopt when malformed.
std::optional<Shard> parse_shard(const std::string& text);

// Inputs at sorted positions k with k % N == I-1: shards are disjoint, cover everything, and
// differ in size by at most one. Depends only on the sorted list, so every node computes the
// same split without talking to the others.
InputList select_shard(const InputList& all, const Shard& shard);

}  // namespace sp::batch
