// render.cpp — Markdown, HTML and plain text of a Document. Figures are plain text in Markdown and
// text, <span class="fig"> with the source cell in HTML; slots are bold / marked. The 待填写 list
// closes every document so that nothing a human must write can be overlooked.
#include "check/report_html.h"
#include "narrative/render.h"

#include <algorithm>
#include <map>

namespace sp::narrative {
namespace {

std::string slot_title() { return "待填写事项"; }

// "一、收入… (2 处)" lines for the closing list.
std::vector<std::string> slot_lines(const Document& doc) {
    std::vector<std::string> out;
    std::vector<std::pair<std::string, int>> order;
    for (const Slot& s : doc.slots) {
        std::string key = (s.section.empty() ? "" : s.section + "、") + s.what;
        bool found = false;
        for (auto& o : order)
            if (o.first == key) {
                ++o.second;
                found = true;
            }
        if (!found) order.push_back({key, 1});
    }
    for (auto& o : order) out.push_back(o.first + (o.second > 1 ? "（" + std::to_string(o.second) + " 处）" : ""));
    return out;
}

}  // namespace

std::string render_markdown(const Document& doc) {
    std::string o = "# " + doc.title + "\n\n";
    if (!doc.config.part.empty()) o += "## " + doc.config.part + "\n\n";
    for (const Block& b : doc.blocks) {
        if (b.kind == Block::Heading) {
            o += std::string(size_t(b.level) + 2, '#') + " " + b.plain() + "\n\n";
        } else if (b.kind == Block::Para) {
            for (const Part& p : b.parts) o += p.kind == Part::Slot ? "**" + p.text + "**" : p.text;
            o += "\n\n";
        } else {
            for (size_t r = 0; r < b.rows.size(); ++r) {
                o += "|";
                for (auto& c : b.rows[r]) o += " " + c + " |";
                o += "\n";
                if (r == 0) {
                    o += "|";
                    for (size_t c = 0; c < b.rows[r].size(); ++c) o += " --- |";
                    o += "\n";
                }
            }
            o += "\n";
        }
    }
    auto slots = slot_lines(doc);
    if (!slots.empty()) {
        o += "## " + slot_title() + "\n\n";
        for (auto& s : slots) o += "- " + s + "\n";
        o += "\n";
    }
    return o;
}

std::string render_text(const Document& doc) {
    std::string o = doc.title + "\n";
    if (!doc.config.part.empty()) o += doc.config.part + "\n";
    for (const Block& b : doc.blocks) {
        if (b.kind == Block::Table) {
            for (auto& r : b.rows) {
                for (size_t c = 0; c < r.size(); ++c) o += (c ? "\t" : "") + r[c];
                o += "\n";
            }
        } else {
            o += b.plain() + "\n";
        }
    }
    auto slots = slot_lines(doc);
    if (!slots.empty()) {
        o += slot_title() + "\n";
        for (auto& s : slots) o += "- " + s + "\n";
    }
    return o;
}

std::string render_html(const Document& doc) {
    std::string o =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + check::html_escape(doc.title) +
        "</title>\n<style>body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:52em;margin:2em auto;line-height:1.8}"
        "p{text-indent:2em}.fig{border-bottom:1px dotted #888}.slot{background:#fff3b0;font-weight:bold}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style></head><body>\n";
    o += "<h1>" + check::html_escape(doc.title) + "</h1>\n";
    if (!doc.config.part.empty()) o += "<h2>" + check::html_escape(doc.config.part) + "</h2>\n";
    for (const Block& b : doc.blocks) {
        if (b.kind == Block::Heading) {
            std::string h = "h" + std::to_string(std::min(6, b.level + 2));
            o += "<" + h + ">" + check::html_escape(b.plain()) + "</" + h + ">\n";
        } else if (b.kind == Block::Para) {
            o += "<p>";
            for (const Part& p : b.parts) {
                if (p.kind == Part::Fig) {
                    const Figure& f = doc.figures[size_t(p.figure)];
                    o += "<span class=\"fig\" title=\"" + check::html_escape(f.cell) + "\">" + check::html_escape(p.text) + "</span>";
                } else if (p.kind == Part::Slot) {
                    o += "<span class=\"slot\">" + check::html_escape(p.text) + "</span>";
                } else {
                    o += check::html_escape(p.text);
                }
            }
            o += "</p>\n";
        } else {
            o += "<table>\n";
            for (size_t r = 0; r < b.rows.size(); ++r) {
                o += "<tr>";
                for (auto& c : b.rows[r]) o += (r ? "<td>" : "<th>") + check::html_escape(c) + (r ? "</td>" : "</th>");
                o += "</tr>\n";
            }
            o += "</table>\n";
        }
    }
    auto slots = slot_lines(doc);
    if (!slots.empty()) {
        o += "<h2>" + slot_title() + "</h2>\n<ul>\n";
        for (auto& s : slots) o += "<li>" + check::html_escape(s) + "</li>\n";
        o += "</ul>\n";
    }
    o += "</body></html>\n";
    return o;
}

}  // namespace sp::narrative
