// zip_reader.cpp — libzip for the directory and raw entry bytes, libdeflate to inflate.
// Entries are inflated whole: the central directory declares each size, so the output
// buffer is allocated once (after the cap check) and libdeflate fills it in one call.
#include "xlsx/zip_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <libdeflate.h>
#include <zip.h>

#include "core/messages.h"
#include "xlsx/error.h"

namespace sp::xlsx {

static std::string human_size(uint64_t n) {
    char buf[64];
    if (n >= (uint64_t(1) << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", double(n) / double(uint64_t(1) << 30));
    else if (n >= (uint64_t(1) << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", double(n) / double(1 << 20));
    else std::snprintf(buf, sizeof buf, "%llu bytes", (unsigned long long)n);
    return buf;
}

// An OLE compound document (D0 CF 11 E0 …) holding an "EncryptedPackage" stream: what Excel
// writes for a workbook with an open password. The stream name is UTF-16 in a directory entry.
static bool is_encrypted_ole(const std::string& b) {
    static const unsigned char kOle[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (b.size() < 512 || std::memcmp(b.data(), kOle, 8) != 0) return false;
    static const char kName[] = "EncryptedPackage";
    std::string wide;
    for (const char* p = kName; *p; ++p) {
        wide += *p;
        wide += '\0';
    }
    return b.find(wide) != std::string::npos;
}

std::shared_ptr<const std::string> read_file_bytes(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw Error(path, "", "", msg::Message{"xlsx.cannot_open", {std::strerror(errno)}});
    auto out = std::make_shared<std::string>();
    if (std::fseek(f, 0, SEEK_END) == 0) {
        long n = std::ftell(f);
        if (n > 0) out->reserve(size_t(n));
        std::fseek(f, 0, SEEK_SET);
    }
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, got);
    bool bad = std::ferror(f);
    std::fclose(f);
    if (bad) throw Error(path, "", "", msg::Message{"xlsx.read_error", {}});
    return out;
}

ZipReader::ZipReader(std::shared_ptr<const std::string> bytes, std::string file, InflateLimits limits)
    : bytes_(std::move(bytes)), file_(std::move(file)), limits_(limits) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes_->data(), bytes_->size(), 0, &err);
    if (!src) {
        std::string msg = zip_error_strerror(&err);
        zip_error_fini(&err);
        throw Error(file_, "", "", msg::Message{"xlsx.cannot_open_zip", {msg}});
    }
    zip_source_keep(src);  // a second open (below) needs it after a failed first one
    za_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!za_ && zip_error_code_zip(&err) == ZIP_ER_INCONS) {
        // Local headers that disagree with the central directory, e.g. entries written with a
        // data descriptor whose local header still carries the sizes (Excel and openpyxl read
        // these). The central directory alone is consistent: every entry is still checked
        // against its declared size and CRC when inflated, under the same limits.
        zip_error_fini(&err);
        zip_error_init(&err);
        za_ = zip_open_from_source(src, ZIP_RDONLY, &err);
    }
    if (za_) zip_source_free(src);  // drops the extra reference; the archive holds its own
    if (!za_) {
        int code = zip_error_code_zip(&err);
        std::string detail = zip_error_strerror(&err);
        zip_source_free(src);  // the extra reference
        zip_source_free(src);  // ours: a failed open does not take the source
        zip_error_fini(&err);
        bool looks_zip = bytes_->size() >= 4 && std::memcmp(bytes_->data(), "PK\x03\x04", 4) == 0;
        if (code == ZIP_ER_NOZIP && !looks_zip && is_encrypted_ole(*bytes_))
            throw Error(file_, "", "", msg::Message{"xlsx.encrypted", {}});
        if (code == ZIP_ER_NOZIP && !looks_zip)
            throw Error(file_, "", "", msg::Message{"xlsx.not_zip", {}});
        throw Error(file_, "", "", msg::Message{"xlsx.truncated", {detail}});
    }
    zip_error_fini(&err);
    // A throw below leaves the constructor, and the destructor never runs: close the archive here.
    struct Discard {
        zip_t*& za;
        bool armed = true;
        ~Discard() { if (armed && za) { zip_discard(za); za = nullptr; } }
    } discard{za_};
    zip_int64_t n = zip_get_num_entries(za_, 0);
    entries_.reserve(size_t(n));
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za_, zip_uint64_t(i), ZIP_FL_ENC_RAW, &st) != 0)
            throw Error(file_, "", "", msg::Message{"xlsx.damaged_directory", {std::to_string(i)}});
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            throw Error(file_, st.name ? st.name : "", "", msg::Message{"xlsx.encrypted_entry", {}});
        ZipEntry e;
        e.name = st.name ? st.name : "";
        // xl\workbook.xml (some Windows tools): Excel reads '\\' as '/'.
        for (char& c : e.name)
            if (c == '\\') c = '/';
        e.index = zip_uint64_t(i);
        e.method = uint16_t(st.comp_method);
        e.crc = st.crc;
        e.comp_size = st.comp_size;
        e.size = st.size;
        e.mtime = st.mtime;
        entries_.push_back(std::move(e));
    }
    discard.armed = false;
}

ZipReader::~ZipReader() {
    if (za_) zip_discard(za_);
}

const ZipEntry* ZipReader::find(std::string_view name) const {
    for (const auto& e : entries_)
        if (e.name == name) return &e;
    for (const auto& e : entries_) {
        if (e.name.size() != name.size()) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i) {
            char a = e.name[i], b = name[i];
            if (a >= 'A' && a <= 'Z') a = char(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z') b = char(b - 'A' + 'a');
            same = a == b;
        }
        if (same) return &e;
    }
    return nullptr;
}

static void read_all(zip_file_t* zf, char* out, uint64_t n, const std::string& file, const std::string& part) {
    uint64_t done = 0;
    while (done < n) {
        zip_int64_t got = zip_fread(zf, out + done, n - done);
        if (got <= 0) {
            std::string msg = got < 0 ? zip_error_strerror(zip_file_get_error(zf)) : "unexpected end of data";
            zip_fclose(zf);
            throw Error(file, part, "", msg::Message{"xlsx.damaged_entry", {msg}});
        }
        done += uint64_t(got);
    }
    zip_fclose(zf);
}

std::string ZipReader::raw(const ZipEntry& e) const {
    std::string out;
    if (e.comp_size == 0) return out;
    zip_file_t* zf = zip_fopen_index(za_, e.index, ZIP_FL_COMPRESSED);
    if (!zf) throw Error(file_, e.name, "", msg::Message{"xlsx.cannot_read_entry", {zip_strerror(za_)}});
    out.resize(e.comp_size);
    read_all(zf, out.data(), e.comp_size, file_, e.name);
    return out;
}

void ZipReader::admit(const ZipEntry& e, bool count_total) const {
    // Refuse before allocating: the declared size is what we would allocate.
    if (e.size > limits_.max_entry)
        throw Error(file_, e.name, "", msg::Message{"xlsx.entry_too_large", {human_size(e.size), human_size(limits_.max_entry)}});
    if (count_total && inflated_total_ + e.size > limits_.max_total)
        throw Error(file_, e.name, "", msg::Message{"xlsx.package_too_large", {human_size(limits_.max_total)}});
    if (count_total) inflated_total_ += e.size;
}

Bytes ZipReader::inflate(const ZipEntry& e, bool count_total) const {
    admit(e, count_total);
    Bytes out(size_t(e.size));
    if (e.method == ZIP_CM_STORE || e.method == ZIP_CM_DEFLATE) {
        std::string comp = raw(e);
        if (e.method == ZIP_CM_STORE) {
            if (comp.size() != e.size) throw Error(file_, e.name, "", msg::Message{"xlsx.stored_size_mismatch", {}});
            std::memcpy(out.begin(), comp.data(), comp.size());
        } else {
            libdeflate_decompressor* d = libdeflate_alloc_decompressor();
            if (!d) throw std::bad_alloc();
            // With no actual_out pointer, libdeflate demands exactly e.size bytes: an entry
            // that inflates to more (a lying header) fails with INSUFFICIENT_SPACE.
            libdeflate_result r = libdeflate_deflate_decompress(d, comp.data(), comp.size(), out.begin(), out.size, nullptr);
            libdeflate_free_decompressor(d);
            if (r == LIBDEFLATE_INSUFFICIENT_SPACE)
                throw Error(file_, e.name, "", msg::Message{"xlsx.inflates_beyond", {}});
            if (r != LIBDEFLATE_SUCCESS) throw Error(file_, e.name, "", msg::Message{"xlsx.bad_deflate", {}});
        }
    } else {
        // Rare methods (bzip2, xz…): let libzip decompress them.
        zip_file_t* zf = zip_fopen_index(za_, e.index, 0);
        if (!zf) throw Error(file_, e.name, "", msg::Message{"xlsx.cannot_read_entry", {zip_strerror(za_)}});
        read_all(zf, out.begin(), e.size, file_, e.name);
    }
    if (libdeflate_crc32(0, out.begin(), out.size) != e.crc) throw Error(file_, e.name, "", msg::Message{"xlsx.crc_mismatch", {}});
    return out;
}

}  // namespace sp::xlsx
