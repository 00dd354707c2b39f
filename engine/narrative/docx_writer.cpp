// docx_writer.cpp — a minimal WordprocessingML package: [Content_Types].xml, the package and document
// relationships, styles (Title, Heading1–3 with outline levels, a CJK font) and document.xml with one
// w:p per heading/paragraph and w:tbl for tables. Slots are bold and highlighted. Written with the
// engine's zip writer at a fixed timestamp, so the same Document gives the same bytes.
#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "check/report_html.h"
#include "narrative/render.h"
#include "xlsx/zip_writer.h"

namespace sp::narrative {
namespace {

std::string run(const std::string& text, bool bold = false, bool mark = false) {
    std::string r = "<w:r>";
    if (bold || mark) r += std::string("<w:rPr>") + (bold ? "<w:b/>" : "") + (mark ? "<w:highlight w:val=\"yellow\"/>" : "") + "</w:rPr>";
    return r + "<w:t xml:space=\"preserve\">" + check::html_escape(text) + "</w:t></w:r>";
}

std::string para(const std::string& style, const std::string& runs) {
    std::string p = "<w:p>";
    if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
    return p + runs + "</w:p>";
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(</Types>)";

const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

const char* kDocRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

std::string style(const char* id, const char* name, int outline, int size, bool bold) {
    std::string s = std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + id + "\"><w:name w:val=\"" + name +
                    "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>";
    if (outline >= 0) s += "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"" + std::to_string(outline) + "\"/>";
    if (outline == -2) s += "<w:jc w:val=\"center\"/>";
    s += "</w:pPr><w:rPr>" + std::string(bold ? "<w:b/>" : "") + "<w:sz w:val=\"" + std::to_string(size) + "\"/></w:rPr></w:style>";
    return s;
}

std::string styles_xml() {
    std::string s =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        "\n"
        R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
        R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/>)"
        R"(<w:sz w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
        R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
        R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>)"
        R"(<w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr></w:style>)";
    s += style("Title", "Title", -2, 36, true);
    s += style("Heading1", "heading 1", 0, 32, true);
    s += style("Heading2", "heading 2", 1, 28, true);
    s += style("Heading3", "heading 3", 2, 24, true);
    s += R"(<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>)"
         R"(<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
         R"(<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
         R"(<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
         R"(</w:tblBorders></w:tblPr></w:style></w:styles>)";
    return s;
}

}  // namespace

std::string docx_document_xml(const Document& doc) {
    std::string b =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        "\n"
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)";
    b += para("Title", run(doc.title));
    if (!doc.config.part.empty()) b += para("Heading1", run(doc.config.part));
    for (const Block& blk : doc.blocks) {
        if (blk.kind == Block::Heading) {
            b += para("Heading" + std::to_string(std::min(3, blk.level + 1)), run(blk.plain()));
        } else if (blk.kind == Block::Para) {
            std::string runs;
            for (const Part& p : blk.parts) runs += run(p.text, p.kind == Part::Slot, p.kind == Part::Slot);
            b += para("", runs);
        } else {
            b += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>";
            for (const auto& row : blk.rows) {
                b += "<w:tr>";
                for (const auto& c : row) b += "<w:tc><w:p>" + run(c) + "</w:p></w:tc>";
                b += "</w:tr>";
            }
            b += "</w:tbl>";
        }
    }
    if (!doc.slots.empty()) {
        b += para("Heading1", run("待填写事项"));
        for (const Slot& s : doc.slots) b += para("", run((s.section.empty() ? "" : s.section + "、") + s.what, true));
    }
    b += R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>)";
    b += "</w:body></w:document>";
    return b;
}

void write_docx(const Document& doc, const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + path);
    const time_t when = 1704067200;  // 2024-01-01: fixed, so output is reproducible
    try {
        xlsx::ZipWriter z(f, path);
        z.add("[Content_Types].xml", kContentTypes, when);
        z.add("_rels/.rels", kRels, when);
        z.add("word/document.xml", docx_document_xml(doc), when);
        z.add("word/styles.xml", styles_xml(), when);
        z.add("word/_rels/document.xml.rels", kDocRels, when);
        z.finish();
    } catch (...) {
        std::fclose(f);
        std::remove(path.c_str());
        throw;
    }
    if (std::fclose(f) != 0) {
        std::remove(path.c_str());
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace sp::narrative
