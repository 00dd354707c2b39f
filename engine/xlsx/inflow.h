// inflow.h — a deflated zip entry inflated into a buffer of its declared size a piece at a
// time (zlib's streaming inflater), so that a reader can parse the front of a large part
// while the rest is still compressed. The buffer never moves: bytes below ready() stay put
// while later ones are written. The declared size and CRC are checked when the last byte
// comes, under the same caps (ZipReader::admit) and with the same errors as a whole inflate.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include <zlib.h>

#include "xlsx/bytes.h"
#include "xlsx/zip_reader.h"

namespace sp::xlsx {

class Inflow {
public:
    // Allocates out (e.size bytes, not yet filled). e must be deflated (method 8).
    Inflow(const ZipReader& zip, const ZipEntry& e, Bytes& out);
    ~Inflow();
    Inflow(const Inflow&) = delete;
    Inflow& operator=(const Inflow&) = delete;

    size_t ready() const { return ready_; }  // out[0, ready()) is inflated
    bool done() const { return done_; }      // all of it, size and CRC checked
    // Inflates until at least n bytes are ready (or all are); returns ready().
    size_t fill_to(size_t n);
    // Inflates the rest: throws Error when the entry is damaged (bad deflate data, more or
    // fewer bytes than declared, CRC), again on every later call.
    void finish() { fill_to(out_.size); }

private:
    const ZipReader& zip_;
    const ZipEntry& e_;
    Bytes& out_;
    std::string comp_;
    z_stream z_{};
    size_t ready_ = 0;
    uint32_t crc_ = 0;
    bool done_ = false;
    const char* failed_ = nullptr;  // the message key of the damage found
};

}  // namespace sp::xlsx
