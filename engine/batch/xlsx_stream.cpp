// xlsx_stream.cpp — see xlsx_stream.h. Each sheet owns a zlib raw-deflate stream into an
// anonymous temporary file (tmpfile), with its CRC and sizes; finish() writes the zip (local
// headers with the sizes already known, so no data descriptors) copying those files through
// a small buffer, then the central directory.
#include "batch/xlsx_stream.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "core/value.h"
#include "xlsx/error.h"
#include "xlsx/output_file.h"

namespace sp::batch {

namespace {

void put16(std::string& s, uint16_t v) {
    s += char(v & 0xFF);
    s += char(v >> 8);
}
void put32(std::string& s, uint32_t v) {
    put16(s, uint16_t(v & 0xFFFF));
    put16(s, uint16_t(v >> 16));
}

std::string col_name(size_t c) {
    std::string s;
    for (++c; c; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
    return s;
}

// Text for XML character data: escaped, characters XML 1.0 forbids dropped.
void append_xml(std::string& out, std::string_view s) {
    for (char ch : s) {
        unsigned char c = (unsigned char)ch;
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += ch;
        }
    }
}

// A deflate stream into a temporary file.
struct Deflater {
    FILE* tmp = nullptr;
    z_stream z{};
    uLong crc = crc32(0, nullptr, 0);
    uint64_t size = 0, compressed = 0;
    bool done = false;
    unsigned char buf[1 << 16];

    Deflater() {
        tmp = std::tmpfile();
        if (!tmp) throw xlsx::OutputError("", "", "", std::string("cannot create a temporary file: ") + std::strerror(errno));
        // Level 1: a report is written once and read a few times; level 6 took ~3x the time.
        if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::bad_alloc();
    }
    ~Deflater() {
        deflateEnd(&z);
        if (tmp) std::fclose(tmp);
    }
    void drain(int flush) {
        do {
            z.next_out = buf;
            z.avail_out = sizeof buf;
            deflate(&z, flush);
            size_t n = sizeof buf - z.avail_out;
            if (n && std::fwrite(buf, 1, n, tmp) != n)
                throw xlsx::OutputError("", "", "", std::string("cannot write a temporary file: ") + std::strerror(errno));
            compressed += n;
        } while (z.avail_out == 0);
    }
    void write(std::string_view s) {
        if (s.empty()) return;
        crc = crc32(crc, reinterpret_cast<const Bytef*>(s.data()), uInt(s.size()));
        size += s.size();
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
        z.avail_in = uInt(s.size());
        drain(Z_NO_FLUSH);
    }
    void finish() {
        if (done) return;
        z.next_in = nullptr;
        z.avail_in = 0;
        drain(Z_FINISH);
        done = true;
        std::rewind(tmp);
    }
};

}  // namespace

struct XlsxStream::Sheet {
    std::string name;
    size_t columns = 0, data_rows = 0;
    Deflater out;
    std::string pending;  // XML not yet handed to the deflater (flushed every 64 KiB)
    void flush(bool all) {
        if (pending.size() >= (64 << 10) || all) {
            out.write(pending);
            pending.clear();
        }
    }
};

XlsxStream::XlsxStream() = default;
XlsxStream::~XlsxStream() = default;

size_t XlsxStream::add_sheet(std::string name, const std::vector<std::string>& header, const std::vector<double>& widths) {
    auto s = std::make_unique<Sheet>();
    s->name = std::move(name);
    s->columns = header.size();
    std::string& x = s->pending;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
         "state=\"frozen\"/></sheetView></sheetViews><cols>";
    for (size_t c = 0; c < widths.size(); ++c)
        x += "<col min=\"" + std::to_string(c + 1) + "\" max=\"" + std::to_string(c + 1) + "\" width=\"" +
             format_general(widths[c]) + "\" customWidth=\"1\"/>";
    x += "</cols><sheetData><row r=\"1\">";
    for (size_t c = 0; c < header.size(); ++c) {
        x += "<c r=\"" + col_name(c) + "1\" s=\"1\" t=\"inlineStr\"><is><t>";
        append_xml(x, header[c]);
        x += "</t></is></c>";
    }
    x += "</row>";
    sheets_.push_back(std::move(s));
    return sheets_.size() - 1;
}

bool XlsxStream::row(size_t sheet, const std::vector<XCell>& cells) {
    Sheet& s = *sheets_.at(sheet);
    if (s.data_rows + 1 >= kMaxRows) return false;
    std::string r = std::to_string(s.data_rows + 2);
    std::string& x = s.pending;
    x += "<row r=\"" + r + "\">";
    for (size_t c = 0; c < cells.size(); ++c) {
        const XCell& v = cells[c];
        if (v.kind == XCell::Empty) continue;
        x += "<c r=\"" + col_name(c) + r + "\"";
        if (v.kind == XCell::Number) {
            x += "><v>" + format_general(v.number) + "</v></c>";
        } else {
            x += " t=\"inlineStr\"><is><t xml:space=\"preserve\">";
            append_xml(x, v.text);
            x += "</t></is></c>";
        }
    }
    x += "</row>";
    ++s.data_rows;
    s.flush(false);
    return true;
}

size_t XlsxStream::rows(size_t sheet) const { return sheets_.at(sheet)->data_rows; }

void XlsxStream::finish(const std::string& path) {
    for (auto& s : sheets_) {
        s->pending += "</sheetData></worksheet>";
        s->flush(true);
        s->out.finish();
    }
    // The small parts.
    std::string ct =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
        "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
        "PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
    std::string wb =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
    std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (size_t i = 0; i < sheets_.size(); ++i) {
        std::string n = std::to_string(i + 1);
        ct += "<Override PartName=\"/xl/worksheets/sheet" + n +
              ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
        wb += "<sheet name=\"";
        append_xml(wb, sheets_[i]->name);
        wb += "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
        rels += "<Relationship Id=\"rId" + n +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                "Target=\"worksheets/sheet" + n + ".xml\"/>";
    }
    ct += "</Types>";
    wb += "</sheets></workbook>";
    rels += "<Relationship Id=\"rId" + std::to_string(sheets_.size() + 1) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
            "Target=\"styles.xml\"/></Relationships>";
    const std::string root_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"xl/workbook.xml\"/></Relationships>";
    const std::string styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/>"
        "<name val=\"等线\"/></font><font><b/><sz val=\"11\"/><name val=\"等线\"/></font></fonts><fills count=\"2\">"
        "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs "
        "count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\">"
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" "
        "fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle "
        "name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

    xlsx::write_atomically(path, [&](FILE* f) {
        struct Entry {
            std::string name;
            uint32_t crc, csize, size, offset;
        };
        std::vector<Entry> central;
        uint64_t offset = 0;
        auto out = [&](const void* p, size_t n) {
            if (n && std::fwrite(p, 1, n, f) != n) throw xlsx::OutputError(path, "", "", std::strerror(errno));
            offset += n;
        };
        auto header = [&](const std::string& name, uint32_t crc, uint64_t csize, uint64_t size) {
            if (csize > 0xFFFFFFFEu || size > 0xFFFFFFFEu || offset > 0xFFFFFFFEu)
                throw xlsx::OutputError(path, name, "", "report too large for a zip without zip64");
            central.push_back({name, crc, uint32_t(csize), uint32_t(size), uint32_t(offset)});
            std::string h;
            put32(h, 0x04034b50);
            put16(h, 20);
            put16(h, 0);
            put16(h, 8);
            put16(h, 0);
            put16(h, (0 << 9) | (1 << 5) | 1);  // 1980-01-01: reports are reproducible
            put32(h, crc);
            put32(h, uint32_t(csize));
            put32(h, uint32_t(size));
            put16(h, uint16_t(name.size()));
            put16(h, 0);
            h += name;
            out(h.data(), h.size());
        };
        auto small = [&](const std::string& name, const std::string& data) {
            Deflater d;
            d.write(data);
            d.finish();
            header(name, uint32_t(d.crc), d.compressed, d.size);
            size_t n;
            while ((n = std::fread(d.buf, 1, sizeof d.buf, d.tmp)) > 0) out(d.buf, n);
        };
        small("[Content_Types].xml", ct);
        small("_rels/.rels", root_rels);
        small("xl/workbook.xml", wb);
        small("xl/_rels/workbook.xml.rels", rels);
        small("xl/styles.xml", styles);
        for (size_t i = 0; i < sheets_.size(); ++i) {
            Deflater& d = sheets_[i]->out;
            header("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", uint32_t(d.crc), d.compressed, d.size);
            size_t n;
            while ((n = std::fread(d.buf, 1, sizeof d.buf, d.tmp)) > 0) out(d.buf, n);
        }
        uint64_t cd_start = offset;
        for (const Entry& e : central) {
            std::string h;
            put32(h, 0x02014b50);
            put16(h, 20);
            put16(h, 20);
            put16(h, 0);
            put16(h, 8);
            put16(h, 0);
            put16(h, (0 << 9) | (1 << 5) | 1);
            put32(h, e.crc);
            put32(h, e.csize);
            put32(h, e.size);
            put16(h, uint16_t(e.name.size()));
            put16(h, 0);
            put16(h, 0);
            put16(h, 0);
            put16(h, 0);
            put32(h, 0);
            put32(h, e.offset);
            h += e.name;
            out(h.data(), h.size());
        }
        std::string end;
        put32(end, 0x06054b50);
        put16(end, 0);
        put16(end, 0);
        put16(end, uint16_t(central.size()));
        put16(end, uint16_t(central.size()));
        put32(end, uint32_t(offset - cd_start));
        put32(end, uint32_t(cd_start));
        put16(end, 0);
        out(end.data(), end.size());
    });
}

}  // namespace sp::batch
