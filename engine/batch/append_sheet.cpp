// append_sheet.cpp — see append_sheet.h. Three small text edits (workbook.xml <sheets>,
// the workbook's relationships, [Content_Types].xml) and one new part; the existing
// sheets keep their positions, so localSheetId of defined names and activeTab stay valid.
#include "batch/append_sheet.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/address.h"
#include "xlsx/error.h"
#include "xlsx/output_file.h"
#include "xlsx/package.h"
#include "xlsx/xml_util.h"
#include "xlsx/zip_reader.h"
#include "xlsx/zip_writer.h"

namespace sp::batch {

namespace {

constexpr const char* kWorksheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
constexpr const char* kWorksheetContent = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Position of the closing tag of `local` ("</sheets>" or "</x:sheets>") and its prefix ("" or "x:").
bool find_close(const std::string& xml, const std::string& local, size_t& pos, std::string& prefix) {
    size_t at = xml.rfind(local + ">");
    while (at != std::string::npos) {
        size_t lt = xml.rfind("</", at);
        if (lt != std::string::npos) {
            std::string between = xml.substr(lt + 2, at - lt - 2);  // "" or "x:"
            if (between.empty() || (between.back() == ':' && between.find_first_of("<> /\"") == std::string::npos)) {
                pos = lt;
                prefix = between;
                return true;
            }
        }
        if (at == 0) break;
        at = xml.rfind(local + ">", at - 1);
    }
    return false;
}

// Every value of attr="…" in the text (ids, sheetIds, part names).
std::vector<std::string> attr_values(const std::string& xml, const std::string& attr) {
    std::vector<std::string> out;
    std::string key = " " + attr + "=\"";
    for (size_t at = xml.find(key); at != std::string::npos; at = xml.find(key, at + 1)) {
        size_t start = at + key.size(), end = xml.find('"', start);
        if (end == std::string::npos) break;
        out.push_back(xml.substr(start, end - start));
    }
    return out;
}

// File names from other systems may not be UTF-8 (GBK zips, old shares): invalid bytes become
// U+FFFD so that the sheet stays well-formed XML.
std::string valid_utf8(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= s.size() && !(n == 2 && c < 0xC2);
        for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok) {
            out.append(s, i, n);
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

std::string sheet_xml(const PlainSheet& sheet) {
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    bool widths = std::any_of(sheet.column_widths.begin(), sheet.column_widths.end(), [](double w) { return w > 0; });
    if (widths) {
        x += "<cols>";
        for (size_t c = 0; c < sheet.column_widths.size(); ++c) {
            if (sheet.column_widths[c] <= 0) continue;
            std::string n = std::to_string(c + 1);
            x += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"";
            xlsx::append_number(x, sheet.column_widths[c]);
            x += "\" customWidth=\"1\"/>";
        }
        x += "</cols>";
    }
    x += "<sheetData>";
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
        std::string rn = std::to_string(r + 1);
        x += "<row r=\"" + rn + "\">";
        for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
            const SheetCellText& v = sheet.rows[r][c];
            std::string ref = column_letters(int32_t(c)) + rn;
            if (auto* d = std::get_if<double>(&v)) {
                x += "<c r=\"" + ref + "\"><v>";
                xlsx::append_number(x, *d);
                x += "</v></c>";
            } else if (auto* s = std::get_if<std::string>(&v)) {
                x += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">";
                xlsx::append_text(x, valid_utf8(*s));
                x += "</t></is></c>";
            }
        }
        x += "</row>";
    }
    x += "</sheetData></worksheet>";
    return x;
}

}  // namespace

void append_sheet(const std::string& path, const PlainSheet& sheet) {
    auto bytes = xlsx::read_file_bytes(path);
    xlsx::ZipReader zip(bytes, path);
    std::string wb_part = "xl/workbook.xml";
    for (const auto& r : xlsx::read_rels(zip, ""))
        if (xlsx::rel_type_is(r.type, "officeDocument")) wb_part = r.target;
    std::string rels_part = xlsx::rels_part_for(wb_part);
    const xlsx::ZipEntry* wb_e = zip.find(wb_part);
    const xlsx::ZipEntry* rels_e = zip.find(rels_part);
    const xlsx::ZipEntry* ct_e = zip.find("[Content_Types].xml");
    if (!wb_e || !rels_e || !ct_e) throw xlsx::Error(path, wb_e ? rels_part : wb_part, "", "part missing");
    auto text = [&](const xlsx::ZipEntry* e) { return std::string(zip.inflate(*e, false).view()); };
    std::string wb_xml = text(wb_e), rels_xml = text(rels_e), ct_xml = text(ct_e);

    // A free part name next to the other worksheets, a free relationship id and sheetId.
    std::string dir = wb_part.substr(0, wb_part.rfind('/') + 1);  // "xl/"
    std::string part;
    for (int k = 1;; ++k) {
        part = dir + "worksheets/sheet" + std::to_string(k) + ".xml";
        if (!zip.find(part)) break;
    }
    std::set<std::string> ids;
    for (auto& id : attr_values(rels_xml, "Id")) ids.insert(id);
    std::string rid;
    for (int k = 1;; ++k)
        if (!ids.count(rid = "rIdSp" + std::to_string(k))) break;
    long sheet_id = 0;
    for (auto& v : attr_values(wb_xml, "sheetId")) sheet_id = std::max(sheet_id, std::strtol(v.c_str(), nullptr, 10));

    size_t pos;
    std::string prefix;
    if (!find_close(wb_xml, "sheets", pos, prefix)) throw xlsx::Error(path, wb_part, "", "no <sheets> element");
    std::string name;
    xlsx::append_text(name, valid_utf8(sheet.name), true);
    wb_xml.insert(pos, "<" + prefix + "sheet xmlns:r=\"" + kRelNs + "\" name=\"" + name + "\" sheetId=\"" +
                           std::to_string(sheet_id + 1) + "\" r:id=\"" + rid + "\"/>");
    if (!find_close(rels_xml, "Relationships", pos, prefix)) throw xlsx::Error(path, rels_part, "", "no <Relationships>");
    rels_xml.insert(pos, "<" + prefix + "Relationship Id=\"" + rid + "\" Type=\"" + kWorksheetType + "\" Target=\"/" +
                             part + "\"/>");
    if (!find_close(ct_xml, "Types", pos, prefix)) throw xlsx::Error(path, "[Content_Types].xml", "", "no <Types>");
    ct_xml.insert(pos, "<" + prefix + "Override PartName=\"/" + part + "\" ContentType=\"" + kWorksheetContent + "\"/>");

    std::string new_sheet = sheet_xml(sheet);
    xlsx::write_atomically(path, [&](FILE* f) {
        xlsx::ZipWriter out(f, path);
        time_t mtime = 0;
        for (const auto& e : zip.entries()) {
            mtime = std::max(mtime, e.mtime);
            if (&e == wb_e) out.add(e.name, wb_xml, e.mtime);
            else if (&e == rels_e) out.add(e.name, rels_xml, e.mtime);
            else if (&e == ct_e) out.add(e.name, ct_xml, e.mtime);
            else out.add_raw(e.name, e.method, e.crc, e.size, zip.raw(e), e.mtime);
        }
        out.add(part, new_sheet, mtime);
        out.finish();
    });
}

}  // namespace sp::batch
