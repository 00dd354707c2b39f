// report_text.cpp — terminal table of findings. Widths follow Unicode East Asian Width
// (wide W and full-width F count 2), so Chinese sheet names and messages line up.
#include "check/report_text.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/value.h"

namespace sp::check {

namespace {

// Decodes one UTF-8 code point at s[i] (advancing i); invalid bytes count as one column each.
uint32_t next_code_point(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n <= 0 || i + n >= s.size()) {  // ASCII, or a stray or truncated byte
        ++i;
        return c;
    }
    uint32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return c;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += n + 1;
    return cp;
}

bool is_wide(uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(uint32_t cp) { return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0xFE0F; }

void pad_to(std::string& out, std::string_view cell, size_t width, bool right) {
    size_t w = display_width(cell);
    std::string pad(width > w ? width - w : 0, ' ');
    if (right) out += pad;
    out += cell;
    if (!right) out += pad;
}

const char* color_of(Severity s) {
    switch (s) {
        case Severity::Error: return "\x1b[31m";
        case Severity::Warning: return "\x1b[33m";
        default: return "\x1b[36m";
    }
}

}  // namespace

size_t display_width(std::string_view s) {
    size_t w = 0;
    for (size_t i = 0; i < s.size();) {
        uint32_t cp = next_code_point(s, i);
        if (cp < 0x20 || is_zero_width(cp)) continue;
        w += is_wide(cp) ? 2 : 1;
    }
    return w;
}

std::string location(const Finding& f) {
    if (f.cell.empty()) return f.sheet;
    if (f.sheet.empty()) return f.cell;
    return f.sheet + "!" + f.cell;
}

std::string format_text(const WorkbookReport& r, const TextOptions& opt) {
    std::string out;
    if (!r.path.empty()) out += r.path + "\n";
    if (r.status == Status::Unreadable) {
        out += msg::text(opt.lang, "check.text.unreadable", {r.error_in(opt.lang)}) + "\n";
        return out;
    }
    constexpr size_t kCols = 7;
    const std::array<std::string, kCols> head{msg::text(opt.lang, "check.text.rule"),     msg::text(opt.lang, "check.text.severity"),
                                              msg::text(opt.lang, "check.text.where"),    msg::text(opt.lang, "check.text.expected"),
                                              msg::text(opt.lang, "check.text.found"),    msg::text(opt.lang, "check.text.difference"),
                                              msg::text(opt.lang, "check.text.message")};
    const std::array<bool, kCols> right{false, false, false, true, true, true, false};
    std::vector<std::array<std::string, kCols>> rows;
    for (const Finding& f : r.findings)
        rows.push_back({f.rule_id, severity_label(f.severity, opt.lang), location(f), f.expected, f.found,
                        f.has_difference ? format_general(f.difference) : "", message_in(f, opt.lang)});
    std::array<size_t, kCols> width{};
    for (size_t c = 0; c < kCols; ++c) {
        width[c] = display_width(head[c]);
        for (auto& row : rows) width[c] = std::max(width[c], display_width(row[c]));
    }
    auto line = [&](const std::array<std::string, kCols>& row, const char* color) {
        std::string l;
        for (size_t c = 0; c < kCols; ++c) {
            if (c) l += "  ";
            if (c == kCols - 1) l += row[c];  // the message is last: no padding
            else if (c == 1 && color) l += color, pad_to(l, row[c], width[c], false), l += "\x1b[0m";
            else pad_to(l, row[c], width[c], right[c]);
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        out += l + "\n";
    };
    if (!rows.empty()) {
        line(head, nullptr);
        std::array<std::string, kCols> rule;
        for (size_t c = 0; c < kCols; ++c) rule[c] = std::string(c == kCols - 1 ? display_width(head[c]) : width[c], '-');
        line(rule, nullptr);
        for (size_t i = 0; i < rows.size(); ++i) line(rows[i], opt.color ? color_of(r.findings[i].severity) : nullptr);
    }
    if (!r.stale.empty()) {
        out += "\n" + msg::text(opt.lang, "check.text.stale", {std::to_string(r.stale.size())}) + "\n";
        size_t shown = std::min(r.stale.size(), opt.max_stale);
        for (size_t i = 0; i < shown; ++i) {
            const StaleValue& s = r.stale[i];
            out += "  " + msg::text(opt.lang, "check.text.stale_cell", {s.sheet + "!" + s.cell, s.cached, s.recalculated}) + "\n";
        }
        if (shown < r.stale.size())
            out += "  " + msg::text(opt.lang, "check.text.stale_more", {std::to_string(r.stale.size() - shown)}) + "\n";
    }
    if (!rows.empty() || !r.stale.empty()) out += "\n";
    out += msg::text(opt.lang, "check.text.summary",
                     {std::to_string(r.rules_applied), std::to_string(r.count(Severity::Error)),
                      std::to_string(r.count(Severity::Warning)), std::to_string(r.count(Severity::Info)),
                      status_label(r.status, opt.lang)}) +
           "\n";
    return out;
}

}  // namespace sp::check
