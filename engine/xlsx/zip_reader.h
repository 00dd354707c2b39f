// zip_reader.h — a zip package held in memory: libzip reads the directory and hands
// out each entry's raw (compressed) bytes; whole entries are inflated with libdeflate
// into a buffer of exactly the declared size, under caps that stop zip bombs before
// anything is allocated.
#pragma once
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xlsx/bytes.h"

typedef struct zip zip_t;

namespace sp::xlsx {

struct ZipEntry {
    std::string name;
    uint64_t index = 0;        // libzip index
    uint16_t method = 0;       // 0 stored, 8 deflated
    uint32_t crc = 0;
    uint64_t comp_size = 0;
    uint64_t size = 0;         // declared uncompressed size
    time_t mtime = 0;
};

// Default caps: 1 GiB per entry, 2 GiB for everything inflated from one package.
struct InflateLimits {
    uint64_t max_entry = uint64_t(1) << 30;
    uint64_t max_total = uint64_t(2) << 30;
};

class ZipReader {
public:
    // Opens the archive held in `bytes` (kept alive by the reader). `file` names it in errors.
    ZipReader(std::shared_ptr<const std::string> bytes, std::string file, InflateLimits limits = {});
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    const std::vector<ZipEntry>& entries() const { return entries_; }
    // Exact name first, then ASCII case-insensitive (part names are case-insensitive in OPC).
    const ZipEntry* find(std::string_view name) const;
    // The stored bytes of an entry, as they are in the archive (for copying unchanged parts).
    std::string raw(const ZipEntry& e) const;
    // The inflated content; throws Error when a cap is exceeded or the data is damaged.
    // count_total: add to the package total (reading); writers re-inflate without counting.
    Bytes inflate(const ZipEntry& e, bool count_total = true) const;
    // The caps' check (and count) for inflating `e`, before anything is allocated: what
    // inflate does first, for callers that inflate an entry a piece at a time (inflow.h).
    void admit(const ZipEntry& e, bool count_total = true) const;
    const std::string& file() const { return file_; }
    uint64_t inflated_total() const { return inflated_total_; }

private:
    std::shared_ptr<const std::string> bytes_;
    std::string file_;
    InflateLimits limits_;
    zip_t* za_ = nullptr;
    std::vector<ZipEntry> entries_;
    mutable uint64_t inflated_total_ = 0;
};

// Reads a whole file; throws Error (naming the file) when it cannot.
std::shared_ptr<const std::string> read_file_bytes(const std::string& path);

}  // namespace sp::xlsx
