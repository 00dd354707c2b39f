// deflate_slices.cpp — see deflate_slices.h.
#include "xlsx/deflate_slices.h"

#include <memory>
#include <new>
#include <vector>

#include <libdeflate.h>
#include <zlib.h>

namespace sp::xlsx {

namespace {
// One raw-deflate stream per thread and level, reset for each slice (its setup allocates
// about 256 KiB, more than is worth redoing per slice).
struct ThreadDeflater {
    z_stream z{};
    int level = -1;
    std::vector<unsigned char> buf;
    ~ThreadDeflater() {
        if (level >= 0) deflateEnd(&z);
    }
    z_stream& at_level(int want) {
        if (level != want) {
            if (level >= 0) deflateEnd(&z);
            z = z_stream{};
            if (deflateInit2(&z, want, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
                level = -1;
                throw std::bad_alloc();
            }
            level = want;
        } else {
            deflateReset(&z);
        }
        return z;
    }
};
}  // namespace

DeflatedSlice deflate_slice(std::string_view text, int level, bool last) {
    thread_local ThreadDeflater d;
    z_stream& z = d.at_level(level < 1 ? 1 : level > 9 ? 9 : level);
    // deflateBound covers Z_FINISH; a sync flush adds at most its 5-byte empty block, and a
    // few bytes of pending bits.
    size_t bound = deflateBound(&z, uLong(text.size())) + 16;
    if (d.buf.size() < bound) d.buf.resize(bound);
    DeflatedSlice s;
    s.size = text.size();
    s.crc = libdeflate_crc32(0, text.data(), text.size());
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = uInt(text.size());
    z.next_out = d.buf.data();
    z.avail_out = uInt(d.buf.size());
    int rc = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    if (rc == Z_STREAM_ERROR || z.avail_in != 0 || (last && rc != Z_STREAM_END)) throw std::bad_alloc();
    s.bytes.assign(reinterpret_cast<const char*>(d.buf.data()), d.buf.size() - z.avail_out);
    return s;
}

uint32_t crc32_join(uint32_t a, uint32_t b, uint64_t len_b) { return uint32_t(crc32_combine(a, b, z_off_t(len_b))); }

}  // namespace sp::xlsx
