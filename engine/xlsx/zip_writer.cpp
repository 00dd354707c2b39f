// zip_writer.cpp — local headers, data, central directory, end record (PKZIP APPNOTE 4.3).
#include "xlsx/zip_writer.h"

#include <cerrno>
#include <cstring>
#include <memory>

#include <libdeflate.h>

#include "xlsx/error.h"

namespace sp::xlsx {

namespace {
void put16(std::string& s, uint16_t v) { s += char(v & 0xFF); s += char(v >> 8); }
void put32(std::string& s, uint32_t v) { put16(s, uint16_t(v & 0xFFFF)); put16(s, uint16_t(v >> 16)); }

void dos_time(time_t t, uint16_t& time, uint16_t& date) {
    struct tm tm{};
    if (t <= 0 || !localtime_r(&t, &tm) || tm.tm_year < 80) {  // DOS dates start in 1980
        time = 0;
        date = (0 << 9) | (1 << 5) | 1;
        return;
    }
    time = uint16_t((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    date = uint16_t(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

bool needs_utf8_flag(std::string_view name) {
    for (unsigned char c : name)
        if (c >= 0x80) return true;
    return false;
}
}  // namespace

ZipWriter::ZipWriter(FILE* out, std::string file) : out_(out), file_(std::move(file)) {}

ZipWriter::~ZipWriter() = default;

void ZipWriter::write(const void* p, size_t n) {
    if (n && std::fwrite(p, 1, n, out_) != n)
        throw OutputError(file_, "", "", msg::Message{"xlsx.write_failed", {std::strerror(errno)}});
    offset_ += n;
}

std::string ZipWriter::local_header(const Central& c) {
    std::string h;
    put32(h, 0x04034b50);
    put16(h, 20);                                       // version needed: 2.0 (deflate)
    put16(h, needs_utf8_flag(c.name) ? 0x0800 : 0);     // bit 11: UTF-8 name
    put16(h, c.method);
    put16(h, c.time);
    put16(h, c.date);
    put32(h, c.crc);
    put32(h, c.comp_size);
    put32(h, c.size);
    put16(h, uint16_t(c.name.size()));
    put16(h, 0);
    h += c.name;
    return h;
}

void ZipWriter::add_raw(std::string_view name, uint16_t method, uint32_t crc, uint64_t size,
                        std::string_view compressed, time_t mtime) {
    if (size > 0xFFFFFFFEu || compressed.size() > 0xFFFFFFFEu || offset_ > 0xFFFFFFFEu || central_.size() >= 0xFFFF)
        throw OutputError(file_, std::string(name), "", msg::Message{"xlsx.no_zip64", {}});
    Central c{std::string(name), method, 0, 0, crc, uint32_t(compressed.size()), uint32_t(size), uint32_t(offset_)};
    dos_time(mtime, c.time, c.date);
    std::string h = local_header(c);
    write(h.data(), h.size());
    write(compressed.data(), compressed.size());
    central_.push_back(std::move(c));
}

void ZipWriter::begin_entry(std::string_view name, time_t mtime) {
    if (open_ || offset_ > 0xFFFFFFFEu || central_.size() >= 0xFFFF)
        throw OutputError(file_, std::string(name), "", msg::Message{"xlsx.no_zip64", {}});
    Central c{std::string(name), 8, 0, 0, 0, 0, 0, uint32_t(offset_)};
    dos_time(mtime, c.time, c.date);
    header_at_ = ftello(out_);
    if (header_at_ < 0) throw OutputError(file_, c.name, "", msg::Message{"xlsx.write_failed", {std::strerror(errno)}});
    std::string h = local_header(c);
    write(h.data(), h.size());
    entry_start_ = offset_;
    central_.push_back(std::move(c));
    open_ = true;
}

void ZipWriter::write_entry_data(std::string_view compressed) { write(compressed.data(), compressed.size()); }

void ZipWriter::end_entry(uint32_t crc, uint64_t size) {
    Central& c = central_.back();
    uint64_t comp = offset_ - entry_start_;
    if (size > 0xFFFFFFFEu || comp > 0xFFFFFFFEu) throw OutputError(file_, c.name, "", msg::Message{"xlsx.no_zip64", {}});
    c.crc = crc;
    c.comp_size = uint32_t(comp);
    c.size = uint32_t(size);
    std::string fields;  // CRC, compressed and uncompressed size: bytes 14-25 of the local header
    put32(fields, c.crc);
    put32(fields, c.comp_size);
    put32(fields, c.size);
    off_t end = ftello(out_);
    if (end < 0 || fseeko(out_, header_at_ + 14, SEEK_SET) != 0 ||
        std::fwrite(fields.data(), 1, fields.size(), out_) != fields.size() || fseeko(out_, end, SEEK_SET) != 0)
        throw OutputError(file_, c.name, "", msg::Message{"xlsx.write_failed", {std::strerror(errno)}});
    open_ = false;
}

int deflate_level_for(size_t size, int level) {
    return level > 0 ? level : size < (size_t(4) << 20) ? 6 : 1;
}

Deflated deflate_part(std::string_view data, int level) {
    level = deflate_level_for(data.size(), level);
    // One compressor per thread and level: allocating one costs more than a small part. It is
    // freed when the thread exits (a raw thread_local pointer leaked it with every worker thread).
    struct Compressor {
        libdeflate_compressor* c = nullptr;
        int level = -1;
        ~Compressor() { if (c) libdeflate_free_compressor(c); }
    };
    thread_local Compressor slot;
    if (!slot.c || slot.level != level) {
        if (slot.c) libdeflate_free_compressor(slot.c);
        slot.c = libdeflate_alloc_compressor(level);
        slot.level = level;
        if (!slot.c) throw std::bad_alloc();
    }
    libdeflate_compressor* comp = slot.c;
    Deflated d;
    d.size = data.size();
    d.crc = libdeflate_crc32(0, data.data(), data.size());
    std::unique_ptr<char[]> buf(new char[libdeflate_deflate_compress_bound(comp, data.size())]);
    size_t n = libdeflate_deflate_compress(comp, data.data(), data.size(), buf.get(),
                                           libdeflate_deflate_compress_bound(comp, data.size()));
    if (n == 0 || n >= data.size()) {  // incompressible (or empty): store it
        d.method = 0;
        d.bytes.assign(data);
    } else {
        d.bytes.assign(buf.get(), n);
    }
    return d;
}

void ZipWriter::add(std::string_view name, std::string_view data, time_t mtime, int level) {
    add(name, deflate_part(data, level), mtime);
}

void ZipWriter::finish() {
    uint64_t cd_start = offset_;
    std::string cd;
    for (const auto& c : central_) {
        put32(cd, 0x02014b50);
        put16(cd, 20);                                   // made by: MS-DOS, 2.0
        put16(cd, 20);
        put16(cd, needs_utf8_flag(c.name) ? 0x0800 : 0);
        put16(cd, c.method);
        put16(cd, c.time);
        put16(cd, c.date);
        put32(cd, c.crc);
        put32(cd, c.comp_size);
        put32(cd, c.size);
        put16(cd, uint16_t(c.name.size()));
        put16(cd, 0);   // extra
        put16(cd, 0);   // comment
        put16(cd, 0);   // disk
        put16(cd, 0);   // internal attributes
        put32(cd, 0);   // external attributes
        put32(cd, c.offset);
        cd += c.name;
    }
    write(cd.data(), cd.size());
    if (cd_start > 0xFFFFFFFEu) throw OutputError(file_, "", "", msg::Message{"xlsx.no_zip64", {}});
    std::string end;
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, uint16_t(central_.size()));
    put16(end, uint16_t(central_.size()));
    put32(end, uint32_t(cd.size()));
    put32(end, uint32_t(cd_start));
    put16(end, 0);
    write(end.data(), end.size());
}

}  // namespace sp::xlsx
