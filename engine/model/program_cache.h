// program_cache.h — compiled cell formulas kept across the workbooks one thread reads.
// A batch reads thousands of submissions of one template: the same formula texts in the same
// cells of the same sheets, with the same defined names. While a ProgramCache::Use is alive on a
// thread, Workbook::compile looks a cell formula up by (text, sheet, cell) within its compile
// context — everything a compiled program depends on: the function registry, the sheet names in
// order and the defined names (see Workbook::compile_context) — and shares the program instead of
// parsing and compiling the text again. Workbooks with tables or external links are not cached.
// Opt-in: one large workbook (a million distinct formulas) would only fill it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sp {

namespace formula { struct Program; }

class ProgramCache {
public:
    // Past max_entries (or kMaxContexts contexts) the cache starts again empty.
    explicit ProgramCache(size_t max_entries = 8192);
    ~ProgramCache();
    ProgramCache(const ProgramCache&) = delete;
    ProgramCache& operator=(const ProgramCache&) = delete;

    // Makes `cache` the current thread's cache while alive (nests: restores the previous one).
    class Use {
    public:
        explicit Use(ProgramCache& cache);
        ~Use();
        Use(const Use&) = delete;
        Use& operator=(const Use&) = delete;

    private:
        ProgramCache* previous_;
    };
    static ProgramCache* current();  // nullptr: no cache on this thread

    // What compiling one formula text gave: the program, or (null) the construct it uses that
    // is not evaluated; and the unknown function names it calls (each a diagnostic).
    struct Entry {
        std::shared_ptr<const formula::Program> program;
        std::string unsupported;
        std::vector<std::string> unknown;
    };

    // The id of a compile context (its signature, exact), valid while generation() is unchanged.
    // Generations are unique across every cache of the process (a workbook compares only them).
    uint32_t context(std::string_view signature);
    uint64_t generation() const { return generation_; }
    // The entry of a formula in a context; key is formula_key's.
    const Entry* find(std::string_view key) const;
    void put(std::string_view key, Entry entry);
    // Key of (context, text, sheet, cell, array formula) in `out` (reused: no allocation per formula).
    static void formula_key(std::string& out, uint32_t context, std::string_view text, uint32_t sheet, int32_t row,
                            int32_t col, bool array_formula);

    size_t size() const { return entries_.size(); }
    static constexpr size_t kMaxContexts = 16;

private:
    void clear();
    struct Hash {  // transparent: lookups by string_view without a copy
        using is_transparent = void;
        size_t operator()(std::string_view k) const { return std::hash<std::string_view>{}(k); }
    };
    size_t max_entries_;
    uint64_t generation_;
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> contexts_;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

}  // namespace sp
