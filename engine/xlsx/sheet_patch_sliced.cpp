// sheet_patch_sliced.cpp — see sheet_patch_sliced.h.
//
// A TBB pipeline: cut (serial) -> patch and deflate a slice (parallel) -> emit (serial,
// in order). A slice in which no cell changed is deflated only once something before or
// beside it has changed: a sheet with nothing to rewrite is scanned, never compressed,
// and its compressed bytes are copied by the caller. Unchanged slices met before the first
// change wait (as offsets into the original, still resident) and are deflated when it
// comes. The original is released only behind the last slice emitted.
#include "xlsx/sheet_patch_sliced.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include "xlsx/deflate_slices.h"

namespace sp::xlsx {

namespace {

struct Slice {
    size_t begin = 0, end = 0;
    SheetPatchResult result;
    std::unique_ptr<ByteBuilder> text;  // the patched text (when result.changed)
    DeflatedSlice deflated;
    bool is_deflated = false;
};

// Patched-text buffers, reused from slice to slice (a fresh one costs page faults).
class BufferPool {
public:
    std::unique_ptr<ByteBuilder> take() {
        std::lock_guard lock(m_);
        if (free_.empty()) return std::make_unique<ByteBuilder>();
        auto b = std::move(free_.back());
        free_.pop_back();
        b->clear();
        return b;
    }
    void give(std::unique_ptr<ByteBuilder> b) {
        if (!b) return;
        std::lock_guard lock(m_);
        free_.push_back(std::move(b));
    }

private:
    std::mutex m_;
    std::vector<std::unique_ptr<ByteBuilder>> free_;
};

}  // namespace

SlicedPatch patch_sheet_sliced(Bytes& xml, const SheetPatchInput& in_given, size_t slice_bytes, int level,
                               const std::function<void(std::string_view)>& emit) {
    SheetPatchInput in = in_given;
    in.release = nullptr;
    std::string_view text = xml.view();
    SheetPatcher patcher(text, in);
    std::vector<size_t> cuts = patcher.cuts(slice_bytes);
    size_t n = cuts.size() - 1, next = 0;
    std::atomic<bool> any_changed{false};
    BufferPool pool;

    auto deflate_original = [&](Slice& s) {
        s.deflated = deflate_slice(text.substr(s.begin, s.end - s.begin), level, s.end == text.size());
        s.is_deflated = true;
    };
    SlicedPatch res;
    bool changed = false;
    std::vector<std::unique_ptr<Slice>> waiting;  // unchanged slices before the first change
    auto join = [&](Slice& s) {
        emit(s.deflated.bytes);
        res.crc = res.size == 0 ? s.deflated.crc : crc32_join(res.crc, s.deflated.crc, s.deflated.size);
        res.size += s.deflated.size;
        xml.release_prefix(s.end);
    };

    // Slices still in the pipeline when an error stops it are freed here.
    std::vector<Slice*> all;
    std::mutex all_lock;
    auto forget = [&](Slice* s) {
        std::lock_guard lock(all_lock);
        *std::find(all.begin(), all.end(), s) = nullptr;
    };
    try {
        tbb::parallel_pipeline(
            4,
            tbb::make_filter<void, Slice*>(tbb::filter_mode::serial_in_order,
                                           [&](tbb::flow_control& fc) -> Slice* {
                                               if (next == n) {
                                                   fc.stop();
                                                   return nullptr;
                                               }
                                               auto* s = new Slice;
                                               s->begin = cuts[next];
                                               s->end = cuts[++next];
                                               std::lock_guard lock(all_lock);
                                               all.push_back(s);
                                               return s;
                                           }) &
                tbb::make_filter<Slice*, Slice*>(tbb::filter_mode::parallel,
                                                 [&](Slice* s) {
                                                     s->text = pool.take();
                                                     s->result = patcher.patch(s->begin, s->end, *s->text);
                                                     if (s->result.changed) {
                                                         any_changed.store(true, std::memory_order_relaxed);
                                                         s->deflated = deflate_slice(s->text->view(), level, s->end == text.size());
                                                         s->is_deflated = true;
                                                     } else if (any_changed.load(std::memory_order_relaxed)) {
                                                         deflate_original(*s);
                                                     }
                                                     pool.give(std::move(s->text));
                                                     return s;
                                                 }) &
                tbb::make_filter<Slice*, void>(tbb::filter_mode::serial_in_order, [&](Slice* raw) {
                    forget(raw);
                    std::unique_ptr<Slice> s(raw);
                    res.result.cells_rewritten += s->result.cells_rewritten;
                    res.result.cells_matched += s->result.cells_matched;
                    if (!changed && !s->result.changed) {
                        waiting.push_back(std::move(s));
                        return;
                    }
                    if (!changed) {  // the first change: what waited before it goes in first
                        changed = true;
                        tbb::parallel_for(size_t(0), waiting.size(), [&](size_t i) {
                            if (!waiting[i]->is_deflated) deflate_original(*waiting[i]);
                        });
                        for (auto& w : waiting) join(*w);
                        waiting.clear();
                    }
                    if (!s->is_deflated) deflate_original(*s);
                    join(*s);
                }));
    } catch (...) {
        for (Slice* s : all) delete s;
        throw;
    }
    res.result.changed = changed;
    return res;
}

}  // namespace sp::xlsx
