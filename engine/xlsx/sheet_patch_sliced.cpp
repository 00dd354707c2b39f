// sheet_patch_sliced.cpp — see sheet_patch_sliced.h.
//
// A TBB pipeline: cut (serial) -> patch and deflate a slice (parallel) -> emit (serial,
// in order). The cut stage inflates the part as far as the next slice needs (zlib, a
// streaming inflater), so the sheet's text is never whole in memory; a part with formula
// overrides is inflated whole first instead (un-sharing a group reads every cell first).
// A slice in which no cell changed is deflated only once something before or beside it
// has changed: a sheet with nothing to rewrite is scanned, never compressed, and its
// compressed bytes are copied by the caller. Unchanged slices met before the first change
// wait, with their text, and are deflated when it comes.
#include "xlsx/sheet_patch_sliced.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include <libdeflate.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <zlib.h>

#include "xlsx/deflate_slices.h"
#include "xlsx/error.h"
#include "xlsx/xml_scan.h"

namespace sp::xlsx {

namespace {

struct Slice {
    std::string own;         // the slice's text when inflated apart (else a view of the whole part)
    std::string_view text;
    size_t from = 0, limit = 0;  // its share of <sheetData>'s content, in `text`
    size_t begin = 0, end = 0;   // whole part: the slice's bytes in it
    bool last = false;
    SheetPatchResult result;
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
        std::lock_guard lock(m_);
        free_.push_back(std::move(b));
    }

private:
    std::mutex m_;
    std::vector<std::unique_ptr<ByteBuilder>> free_;
};

bool is_tag_end(char c) { return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n'; }

// The part inflated a piece at a time, cut into slices just before numbered <row>s.
class StreamCutter {
public:
    StreamCutter(const ZipReader& zip, const ZipEntry& e, size_t slice_bytes)
        : zip_(zip), e_(e), comp_(zip.raw(e)), slice_(std::max<size_t>(slice_bytes, 1)) {
        if (inflateInit2(&z_, -15) != Z_OK) throw std::bad_alloc();
        z_.next_in = reinterpret_cast<Bytef*>(comp_.data());
        z_.avail_in = uInt(comp_.size());
    }
    ~StreamCutter() { inflateEnd(&z_); }

    // The next slice, or nullptr after the last.
    std::unique_ptr<Slice> next() {
        if (done_) return nullptr;
        auto s = std::make_unique<Slice>();
        size_t from = 0;
        if (first_) {  // find <sheetData ...> and the root's prefix
            first_ = false;
            size_t sd = std::string::npos;
            while ((sd = buf_.find('<' + prefix() + "sheetData")) == std::string::npos && more()) {}
            size_t gt = sd == std::string::npos ? sd : buf_.find('>', sd);
            while (sd != std::string::npos && gt == std::string::npos && more()) gt = buf_.find('>', sd);
            if (gt == std::string::npos || buf_[gt - 1] == '/') {  // no rows: one slice, nothing to patch
                while (more()) {}
                return take(std::move(s), buf_.size(), 0, 0, true);
            }
            from = gt + 1;
            row_tag_ = '<' + prefix() + "row";
            close_tag_ = "</" + prefix() + "sheetData>";
        }
        // The cut: the first numbered <row> at least a slice's length on, unless </sheetData> comes first.
        size_t at = from + slice_;
        for (;;) {
            size_t close = find_close(from);
            size_t p = buf_.find(row_tag_, std::max(at, from));
            if (close != std::string::npos && (p == std::string::npos || close < p)) {
                while (more()) {}  // the rest of the part is this last slice
                return take(std::move(s), buf_.size(), from, close, true);
            }
            if (p == std::string::npos || p + row_tag_.size() + 1 >= buf_.size()) {
                if (!more()) return take(std::move(s), buf_.size(), from, buf_.size(), true);
                continue;
            }
            if (!is_tag_end(buf_[p + row_tag_.size()])) {
                at = p + 1;
                continue;
            }
            size_t gt = buf_.find('>', p);
            if (gt == std::string::npos) {
                if (!more()) return take(std::move(s), buf_.size(), from, buf_.size(), true);
                continue;
            }
            XmlTag t;
            size_t pos = p;
            if (next_start_tag(std::string_view(buf_).substr(0, gt + 1), pos, gt + 1, t) && t.begin == p &&
                !t.attr_value("r").empty())
                return take(std::move(s), p, from, p, false);
            at = p + 1;  // a row that numbers itself from the one before
        }
    }

private:
    std::string prefix() {  // the root element's, from the part's first 64 KiB
        if (!prefix_known_) {
            while (buf_.size() < (64 << 10) && more()) {}
            prefix_ = root_prefix(buf_);
            prefix_known_ = true;
        }
        return prefix_;
    }

    // Where </sheetData> starts in buf_ (npos: not inflated yet). Each byte is searched once
    // (memmem: '<' is too frequent a first byte for std::string::find).
    size_t find_close(size_t from) {
        size_t start = std::max(from, close_scanned_);
        if (start < buf_.size()) {
            const void* hit = memmem(buf_.data() + start, buf_.size() - start, close_tag_.data(), close_tag_.size());
            if (hit) return size_t(static_cast<const char*>(hit) - buf_.data());
        }
        // Not found: a later search starts where a tag cut at the end may begin.
        close_scanned_ = buf_.size() >= close_tag_.size() ? buf_.size() - close_tag_.size() + 1 : 0;
        return std::string::npos;
    }

    // Moves buf_[0, n) into the slice; what follows stays for the next one.
    std::unique_ptr<Slice> take(std::unique_ptr<Slice> s, size_t n, size_t from, size_t limit, bool last) {
        s->own.assign(buf_, 0, n);
        buf_.erase(0, n);
        close_scanned_ = close_scanned_ > n ? close_scanned_ - n : 0;
        s->text = s->own;
        s->from = from;
        s->limit = limit;
        s->last = last;
        done_ = last;
        if (last && (produced_ != e_.size || crc_ != e_.crc))
            throw Error(zip_.file(), e_.name, "", msg::Message{"xlsx.crc_mismatch", {}});
        return s;
    }

    // Inflates up to one more slice's worth; false at the end of the stream.
    bool more() {
        if (ended_) return false;
        size_t old = buf_.size(), want = std::max<size_t>(slice_, 64 << 10);
        buf_.resize(old + want);
        z_.next_out = reinterpret_cast<Bytef*>(buf_.data() + old);
        z_.avail_out = uInt(want);
        int rc = inflate(&z_, Z_NO_FLUSH);
        size_t got = want - z_.avail_out;
        buf_.resize(old + got);
        crc_ = uint32_t(libdeflate_crc32(crc_, buf_.data() + old, got));
        produced_ += got;
        if (produced_ > e_.size) throw Error(zip_.file(), e_.name, "", msg::Message{"xlsx.inflates_beyond", {}});
        if (rc == Z_STREAM_END) ended_ = true;
        else if (rc != Z_OK && !(rc == Z_BUF_ERROR && got > 0))
            throw Error(zip_.file(), e_.name, "", msg::Message{"xlsx.bad_deflate", {}});
        return true;
    }

    const ZipReader& zip_;
    const ZipEntry& e_;
    std::string comp_;
    size_t slice_;
    z_stream z_{};
    std::string buf_;  // inflated, not yet cut
    bool first_ = true, done_ = false, ended_ = false, prefix_known_ = false;
    std::string prefix_, row_tag_, close_tag_;
    size_t close_scanned_ = 0;  // buf_ before this holds no </sheetData>
    uint64_t produced_ = 0;
    uint32_t crc_ = 0;
};

}  // namespace

SlicedPatch patch_sheet_sliced(const ZipReader& zip, const ZipEntry& e, const SheetPatchInput& in_given,
                               size_t slice_bytes, int level, const std::function<void(std::string_view)>& emit) {
    SheetPatchInput in = in_given;
    in.release = nullptr;
    // Overrides (un-sharing reads the whole part first) and stored entries: inflated whole.
    bool whole = !in.overrides.empty() || e.method != 8;
    Bytes xml;
    std::unique_ptr<SheetPatcher> patcher;
    std::vector<size_t> cuts;
    std::unique_ptr<StreamCutter> stream;
    if (whole) {
        xml = zip.inflate(e, false);
        patcher = std::make_unique<SheetPatcher>(xml.view(), in);
        cuts = patcher->cuts(slice_bytes);
    } else {
        patcher = std::make_unique<SheetPatcher>(in);
        stream = std::make_unique<StreamCutter>(zip, e, slice_bytes);
    }
    size_t next = 0;
    std::atomic<bool> any_changed{false};
    BufferPool pool;

    auto deflate_original = [&](Slice& s) {
        s.deflated = deflate_slice(s.text, level, s.last);
        s.is_deflated = true;
    };
    SlicedPatch res;
    bool changed = false;
    std::vector<std::unique_ptr<Slice>> waiting;  // unchanged slices before the first change
    auto put = [&](Slice& s) {
        emit(s.deflated.bytes);
        res.crc = res.size == 0 ? s.deflated.crc : crc32_join(res.crc, s.deflated.crc, s.deflated.size);
        res.size += s.deflated.size;
        if (whole) xml.release_prefix(s.end);
    };

    // Slices still in the pipeline when an error stops it are freed here.
    std::vector<Slice*> all;
    std::mutex all_lock;
    auto forget = [&](Slice* s) {
        std::lock_guard lock(all_lock);
        *std::find(all.begin(), all.end(), s) = nullptr;
    };
    auto cut = [&](tbb::flow_control& fc) -> Slice* {
        std::unique_ptr<Slice> s;
        if (whole && next + 1 < cuts.size()) {
            s = std::make_unique<Slice>();
            s->begin = cuts[next];
            s->end = cuts[++next];
            s->text = xml.view().substr(s->begin, s->end - s->begin);
            s->last = s->end == xml.size;
        } else if (!whole) {
            s = stream->next();
        }
        if (!s) {
            fc.stop();
            return nullptr;
        }
        std::lock_guard lock(all_lock);
        all.push_back(s.get());
        return s.release();
    };
    auto patch = [&](Slice* s) -> Slice* {
        auto text = pool.take();
        s->result = whole ? patcher->patch(s->begin, s->end, *text) : patcher->patch_slice(s->text, s->from, s->limit, *text);
        if (s->result.changed) {
            any_changed.store(true, std::memory_order_relaxed);
            s->deflated = deflate_slice(text->view(), level, s->last);
            s->is_deflated = true;
        } else if (any_changed.load(std::memory_order_relaxed)) {
            deflate_original(*s);
        }
        pool.give(std::move(text));
        if (s->is_deflated) std::string().swap(s->own);
        return s;
    };
    auto join = [&](Slice* raw) {
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
            for (auto& w : waiting) put(*w);
            waiting.clear();
        }
        if (!s->is_deflated) deflate_original(*s);
        put(*s);
    };
    try {
        tbb::parallel_pipeline(4, tbb::make_filter<void, Slice*>(tbb::filter_mode::serial_in_order, cut) &
                                      tbb::make_filter<Slice*, Slice*>(tbb::filter_mode::parallel, patch) &
                                      tbb::make_filter<Slice*, void>(tbb::filter_mode::serial_in_order, join));
    } catch (...) {
        for (Slice* s : all) delete s;
        throw;
    }
    res.result.changed = changed;
    return res;
}

}  // namespace sp::xlsx
