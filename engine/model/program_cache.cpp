// program_cache.cpp — see program_cache.h.
#include "model/program_cache.h"

#include <atomic>

#include "formula/program.h"

namespace sp {

namespace {
thread_local ProgramCache* current_cache = nullptr;
std::atomic<uint64_t> generations{0};
uint64_t new_generation() { return ++generations; }

void append_raw(std::string& out, const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
}  // namespace

ProgramCache::ProgramCache(size_t max_entries) : max_entries_(max_entries), generation_(new_generation()) {}
ProgramCache::~ProgramCache() = default;

ProgramCache::Use::Use(ProgramCache& cache) : previous_(current_cache) { current_cache = &cache; }
ProgramCache::Use::~Use() { current_cache = previous_; }
ProgramCache* ProgramCache::current() { return current_cache; }

void ProgramCache::clear() {  // context ids are given again: workbooks holding one must ask anew
    entries_.clear();
    contexts_.clear();
    generation_ = new_generation();
}

uint32_t ProgramCache::context(std::string_view signature) {
    if (auto it = contexts_.find(signature); it != contexts_.end()) return it->second;
    if (contexts_.size() >= kMaxContexts) clear();  // many templates: start again
    uint32_t id = uint32_t(contexts_.size());
    contexts_.emplace(std::string(signature), id);
    return id;
}

const ProgramCache::Entry* ProgramCache::find(std::string_view key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

void ProgramCache::put(std::string_view key, Entry entry) {
    if (entries_.size() >= max_entries_) entries_.clear();  // the contexts stay: their ids remain valid
    entries_.emplace(std::string(key), std::move(entry));
}

void ProgramCache::formula_key(std::string& out, uint32_t context, std::string_view text, uint32_t sheet, int32_t row,
                               int32_t col, bool array_formula) {
    out.clear();
    append_raw(out, &context, sizeof context);
    append_raw(out, &sheet, sizeof sheet);
    append_raw(out, &row, sizeof row);
    append_raw(out, &col, sizeof col);
    out += array_formula ? '{' : '=';
    out += text;
}

}  // namespace sp
