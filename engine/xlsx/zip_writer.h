// zip_writer.h — writes a zip archive entry by entry: either bytes already compressed
// (copied verbatim from the input package) or new content deflated with libdeflate.
// No data descriptors, no zip64 (packages over 4 GiB are refused with an error).
#pragma once
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace sp::xlsx {

// A part compressed ahead of writing (method 8, or 0 when deflate does not help).
struct Deflated {
    uint16_t method = 8;
    uint32_t crc = 0;
    uint64_t size = 0;
    std::string bytes;
};
// The level a part of `size` bytes is deflated at: `level` when given (> 0), else 6 below 4 MiB
// and 1 above (big sheets: speed over the last few percent of size).
int deflate_level_for(size_t size, int level);
// level 0: automatic (deflate_level_for).
Deflated deflate_part(std::string_view data, int level = 0);

class ZipWriter {
public:
    // `out` is an open binary file; `file` names it in errors. Throws OutputError.
    ZipWriter(FILE* out, std::string file);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    // An entry whose compressed bytes, CRC and sizes are known (copied from another archive).
    void add_raw(std::string_view name, uint16_t method, uint32_t crc, uint64_t size, std::string_view compressed,
                 time_t mtime);
    // New content, deflated (level 1-12; libdeflate's 6 is close to zlib's 6 in size, much faster).
    void add(std::string_view name, std::string_view data, time_t mtime, int level = 0);
    void add(std::string_view name, const Deflated& d, time_t mtime) {
        add_raw(name, d.method, d.crc, d.size, d.bytes, mtime);
    }
    // A deflated entry written as it is produced (a sheet deflated in slices, never held
    // whole): the local header goes first with CRC and sizes left zero, end_entry fills
    // them in (the file must be seekable). One such entry at a time.
    void begin_entry(std::string_view name, time_t mtime);
    void write_entry_data(std::string_view compressed);
    void end_entry(uint32_t crc, uint64_t size);
    void finish();  // writes the central directory; nothing may be added afterwards

private:
    struct Central {
        std::string name;
        uint16_t method, time, date;
        uint32_t crc, comp_size, size, offset;
    };
    static std::string local_header(const Central& c);
    void write(const void* p, size_t n);
    FILE* out_;
    std::string file_;
    uint64_t offset_ = 0;
    std::vector<Central> central_;
    bool open_ = false;        // begin_entry without end_entry yet
    off_t header_at_ = 0;      // file position of the open entry's local header
    uint64_t entry_start_ = 0; // offset_ where its data starts
};

}  // namespace sp::xlsx
