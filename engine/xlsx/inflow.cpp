// inflow.cpp — see inflow.h.
#include "xlsx/inflow.h"

#include <algorithm>
#include <new>

#include <libdeflate.h>

#include "xlsx/error.h"

namespace sp::xlsx {

namespace {
constexpr size_t kStep = size_t(1) << 20;  // inflated per zlib call: a slice's worth
}

Inflow::Inflow(const ZipReader& zip, const ZipEntry& e, Bytes& out) : zip_(zip), e_(e), out_(out) {
    zip.admit(e);
    out_ = Bytes(size_t(e.size));
    comp_ = zip.raw(e);
    if (inflateInit2(&z_, -15) != Z_OK) throw std::bad_alloc();
    z_.next_in = reinterpret_cast<Bytef*>(comp_.data());
    z_.avail_in = uInt(comp_.size());
}

Inflow::~Inflow() { inflateEnd(&z_); }

size_t Inflow::fill_to(size_t n) {
    auto fail = [&](const char* key) {
        failed_ = key;
        throw Error(zip_.file(), e_.name, "", msg::Message{key, {}});
    };
    if (failed_) fail(failed_);
    n = std::min(n, out_.size);
    while (!done_ && (ready_ < n || ready_ == out_.size)) {
        if (ready_ == out_.size) {
            // All declared bytes are in: the stream must end here, not produce more.
            unsigned char extra;
            z_.next_out = &extra;
            z_.avail_out = 1;
            int rc = inflate(&z_, Z_FINISH);
            if (z_.avail_out == 0) fail("xlsx.inflates_beyond");
            if (rc != Z_STREAM_END) fail("xlsx.bad_deflate");
            if (crc_ != e_.crc) fail("xlsx.crc_mismatch");
            done_ = true;
            break;
        }
        size_t want = std::min(std::max(kStep, n - ready_), out_.size - ready_);
        z_.next_out = reinterpret_cast<Bytef*>(out_.begin() + ready_);
        z_.avail_out = uInt(want);
        int rc = inflate(&z_, Z_NO_FLUSH);
        size_t got = want - z_.avail_out;
        crc_ = uint32_t(libdeflate_crc32(crc_, out_.begin() + ready_, got));
        ready_ += got;
        if (rc == Z_STREAM_END) {
            if (ready_ < out_.size) fail("xlsx.bad_deflate");  // ended short of the declared size
            if (crc_ != e_.crc) fail("xlsx.crc_mismatch");
            done_ = true;
            break;
        }
        if (rc != Z_OK || got == 0) fail("xlsx.bad_deflate");  // damaged, or truncated (no input left)
    }
    return ready_;
}

}  // namespace sp::xlsx
