// xlsx_test_util.h — building small xlsx packages in memory for the xlsx tests, and
// temporary paths under the build folder.
#pragma once
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "xlsx/xlsx.h"
#include "xlsx/zip_writer.h"

namespace sp::xlsx::test {

using Parts = std::vector<std::pair<std::string, std::string>>;

// Zips parts into archive bytes, each written by put(writer, name, data) (to store a part,
// or give it a wrong CRC or size).
template <class Put>
std::string zip_bytes_with(const Parts& parts, Put put) {
    FILE* f = std::tmpfile();
    {
        ZipWriter w(f, "test");
        for (const auto& [name, data] : parts) put(w, name, data);
        w.finish();
    }
    std::fflush(f);
    std::string out;
    std::rewind(f);
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
    return out;
}

// Zips parts (deflated) into archive bytes.
inline std::string zip_bytes(const Parts& parts) {
    return zip_bytes_with(parts, [](ZipWriter& w, const std::string& name, const std::string& data) {
        w.add(name, data, 1700000000);
    });
}

// Runs the read and returns the error it must throw.
template <class F>
Error read_error(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no xlsx::Error thrown");
    return Error("", "", "", "");
}

inline const char* kNs = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

// A workbook with the given sheets (name, sheetData inner XML), shared strings (<si> list),
// extra workbook.xml content after </sheets>, and workbookPr attributes.
struct Book {
    std::vector<std::pair<std::string, std::string>> sheets;
    std::string shared_strings;       // "<si><t>a</t></si>…" ("" = no part)
    std::string after_sheets;         // e.g. "<definedNames>…</definedNames><calcPr …/>"
    std::string workbook_pr;          // e.g. "date1904=\"1\""
    std::string styles;               // full styles.xml ("" = none)
    std::string sheet_extra;          // appended after </sheetData> in every sheet
    bool calc_chain = false;

    Parts parts() const {
        Parts p;
        std::string ct = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                         "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
        for (size_t i = 0; i < sheets.size(); ++i)
            ct += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
                  ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
        if (calc_chain) ct += "<Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/>";
        ct += "</Types>";
        p.emplace_back("[Content_Types].xml", ct);
        p.emplace_back("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        std::string wb = "<?xml version=\"1.0\"?><workbook " + std::string(kNs) + "><workbookPr " + workbook_pr + "/><sheets>";
        std::string rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
        const std::string T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        for (size_t i = 0; i < sheets.size(); ++i) {
            std::string n = std::to_string(i + 1);
            wb += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
            rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + T + "worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
        }
        wb += "</sheets>" + after_sheets + "</workbook>";
        if (!shared_strings.empty()) rels += "<Relationship Id=\"rId100\" Type=\"" + T + "sharedStrings\" Target=\"sharedStrings.xml\"/>";
        if (!styles.empty()) rels += "<Relationship Id=\"rId101\" Type=\"" + T + "styles\" Target=\"styles.xml\"/>";
        if (calc_chain) rels += "<Relationship Id=\"rId102\" Type=\"" + T + "calcChain\" Target=\"calcChain.xml\"/>";
        rels += "</Relationships>";
        p.emplace_back("xl/workbook.xml", wb);
        p.emplace_back("xl/_rels/workbook.xml.rels", rels);
        for (size_t i = 0; i < sheets.size(); ++i)
            p.emplace_back("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml",
                           "<?xml version=\"1.0\"?><worksheet " + std::string(kNs) + "><sheetData>" + sheets[i].second +
                               "</sheetData>" + sheet_extra + "</worksheet>");
        if (!shared_strings.empty())
            p.emplace_back("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst " + std::string(kNs) + ">" + shared_strings + "</sst>");
        if (!styles.empty()) p.emplace_back("xl/styles.xml", styles);
        if (calc_chain) p.emplace_back("xl/calcChain.xml", "<?xml version=\"1.0\"?><calcChain " + std::string(kNs) + "><c r=\"A1\" i=\"1\"/></calcChain>");
        return p;
    }
};

inline Document read_parts(const Parts& parts, const ReadOptions& o = {}) {
    return read_bytes(std::make_shared<std::string>(zip_bytes(parts)), "test.xlsx", o);
}

inline std::string tmp_dir() {
    std::string d = std::string(SP_BINARY_DIR) + "/xlsx-test-tmp";
    std::filesystem::create_directories(d);
    return d;
}

inline void write_file(const std::string& path, const std::string& bytes) {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
}

// Replaces one part's content in a Parts list.
inline Parts with_part(Parts p, const std::string& name, const std::string& content) {
    for (auto& [n, d] : p)
        if (n == name) d = content;
    return p;
}

}  // namespace sp::xlsx::test
