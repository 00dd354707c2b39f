// sheet_patch.cpp — see sheet_patch.h.
//
// The part is scanned, not parsed: each <c> inside <sheetData> is located as a byte
// range with its t attribute and its <f>, <v>, <is> children. Its cached value is
// decoded exactly as the reader decoded it, and compared with the model's value (as
// it would be written: see value_for_file). Only cells that differ (or whose formula
// is overridden) are re-emitted: same attributes except t, same <f> unless overridden,
// a new <v>/<is>, other children (extLst) as they were.
#include "xlsx/sheet_patch.h"

#include <algorithm>
#include <cstdlib>

#include "xlsx/cell_value.h"
#include "xlsx/rich_errors.h"
#include "xlsx/xml_scan.h"
#include "xlsx/xml_util.h"

namespace sp::xlsx {

namespace {

struct CellInfo {
    XmlTag tag;
    XmlTag f, v, is;
    bool has_f = false, has_v = false, has_is = false;
    int32_t row = 0, col = 0;
    // Children other than f, v, is (extLst), as byte ranges.
    size_t other_begin[4], other_end[4];
    int others = 0;
};

// Parses a cell reference; false when malformed (the reader rejected those already).
bool parse_ref(std::string_view s, int32_t& row, int32_t& col) {
    int64_t c = 0, r = 0;
    size_t i = 0;
    while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
        c = c * 26 + ((s[i] | 0x20) - 'a' + 1);
        if (c > kMaxCols) return false;
        ++i;
    }
    if (i == 0 || i == s.size()) return false;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        r = r * 10 + (s[i] - '0');
        if (r > kMaxRows) return false;
    }
    if (r < 1) return false;
    row = int32_t(r - 1);
    col = int32_t(c - 1);
    return true;
}

// The content of <sheetData>: [begin, end); false when the part has none.
bool sheet_data_content(std::string_view xml, size_t& begin, size_t& end) {
    std::string pfx = root_prefix(xml);
    size_t sd = find_start_tag(xml, pfx + "sheetData", 0);
    if (sd == std::string_view::npos) return false;
    XmlTag sdt;
    size_t pos = sd;
    if (!next_start_tag(xml, pos, xml.size(), sdt) || sdt.self_closing || !find_end(xml, sdt)) return false;
    begin = sdt.open_end;
    end = sdt.content_end;
    return true;
}

// Calls fn(CellInfo&) for each <c> of xml[from, limit), a range of <sheetData>'s content
// that starts at a <row> (or at the content's start), in document order.
template <class F>
void for_each_cell(std::string_view xml, size_t from, size_t limit, F&& fn) {
    size_t pos = from;
    int32_t row = -1, col = -1;
    CellInfo ci;
    XmlTag t;
    while (next_start_tag(xml, pos, limit, t)) {
        std::string_view local = t.local();
        if (local == "row") {
            std::string_view r = t.attr_value("r");
            if (!r.empty()) {
                int64_t n = 0;
                for (char ch : r) n = n * 10 + (ch - '0');
                row = int32_t(n - 1);
            } else {
                ++row;
            }
            col = -1;
            continue;
        }
        if (local != "c") continue;
        ci.tag = t;
        if (!find_end(xml, ci.tag)) return;
        std::string_view r = ci.tag.attr_value("r");
        if (r.empty() || !parse_ref(r, ci.row, ci.col)) {
            ci.row = row;
            ci.col = col + 1;
        }
        row = ci.row;
        col = ci.col;
        ci.has_f = ci.has_v = ci.has_is = false;
        ci.others = 0;
        size_t cpos = ci.tag.open_end;
        XmlTag k;
        while (next_start_tag(xml, cpos, ci.tag.content_end, k)) {
            if (!find_end(xml, k)) break;
            std::string_view kn = k.local();
            if (kn == "f") { ci.f = k; ci.has_f = true; }
            else if (kn == "v") { ci.v = k; ci.has_v = true; }
            else if (kn == "is") { ci.is = k; ci.has_is = true; }
            else if (ci.others < 4) { ci.other_begin[ci.others] = k.begin; ci.other_end[ci.others] = k.end; ++ci.others; }
            cpos = k.end;
        }
        fn(ci);
        pos = ci.tag.end;
    }
}

// The text of an <is> (or <si>): its <t>, or the <t> of each run; phonetic <rPh> left out.
std::string inline_text(std::string_view xml, const XmlTag& is) {
    std::string raw;
    size_t pos = is.open_end;
    XmlTag k;
    while (next_start_tag(xml, pos, is.content_end, k)) {
        if (!find_end(xml, k)) break;
        std::string_view n = k.local();
        if (n == "t") {
            raw += decode_entities(xml.substr(k.open_end, k.content_end - k.open_end));
            pos = k.end;
        } else if (n == "rPh") {
            pos = k.end;
        }  // "r": step inside to its <t>
    }
    return decode_x_escapes(raw);
}

}  // namespace

SheetPatcher::SheetPatcher(std::string_view xml, const SheetPatchInput& in) : xml_(xml), in_(in) {
    if (!sheet_data_content(xml, rows_begin_, rows_end_)) rows_begin_ = rows_end_ = 0;
    row_tag_ = "<" + root_prefix(xml) + "row";
    // Shared-formula groups touched by an override are un-shared: every member then gets
    // its own formula text, since the master may lose or change its formula.
    if (!in.overrides.empty())
        for_each_cell(xml, rows_begin_, rows_end_, [&](CellInfo& c) {
            if (c.has_f && c.f.attr_value("t") == "shared" && in.overrides.count(cell_key(c.row, c.col)))
                unshare_.insert(std::string(c.f.attr_value("si")));
        });
}

std::vector<size_t> SheetPatcher::cuts(size_t slice_bytes) const {
    std::vector<size_t> out{0};
    size_t at = rows_begin_ + std::max<size_t>(slice_bytes, 1);
    while (at < rows_end_) {
        size_t p = xml_.find(row_tag_, at);
        if (p == std::string_view::npos || p >= rows_end_) break;
        XmlTag t;
        size_t pos = p;
        char after = p + row_tag_.size() < xml_.size() ? xml_[p + row_tag_.size()] : '\0';
        bool is_row = after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\r' || after == '\n';
        if (is_row && next_start_tag(xml_, pos, rows_end_, t) && t.begin == p && !t.attr_value("r").empty()) {
            out.push_back(p);
            at = p + slice_bytes;
        } else {
            at = p + 1;  // "<rowBreaks", or a row that numbers itself from the one before
        }
    }
    out.push_back(xml_.size());
    return out;
}

SheetPatcher::SheetPatcher(const SheetPatchInput& in) : in_(in) {}

SheetPatchResult SheetPatcher::patch(size_t begin, size_t end, ByteBuilder& out) const {
    size_t from = std::max(begin, rows_begin_), limit = std::min(end, rows_end_);
    if (from >= limit) return {};  // the text before or after <sheetData>'s content
    return patch_cells(xml_, begin, from, limit, end, out);
}

SheetPatchResult SheetPatcher::patch_slice(std::string_view text, size_t from, size_t limit, ByteBuilder& out) const {
    if (from >= limit) return {};
    return patch_cells(text, 0, from, limit, text.size(), out);
}

SheetPatchResult SheetPatcher::patch_cells(std::string_view xml, size_t begin, size_t from, size_t limit, size_t end,
                                           ByteBuilder& out) const {
    const SheetPatchInput& in = in_;
    const auto& unshare = unshare_;
    SheetPatchResult res;
    const Sheet& sheet = in.wb.sheet(in.sheet);
    bool date1904 = in.wb.settings().date1904;

    bool patched = false;
    size_t last = begin, released = 0;
    constexpr size_t kReleaseStep = size_t(8) << 20;
    std::string t_new, value_xml, formula_xml;
    for_each_cell(xml, from, limit, [&](CellInfo& c) {
        CellType type = cell_type(c.tag.attr_value("t"));
        Value cached;
        if (type == CellType::Inline) {
            if (c.has_is) cached = Value::string(inline_text(xml, c.is));
            else if (c.has_v) cached = Value::string(decode_x_escapes(decode_entities(xml.substr(c.v.open_end, c.v.content_end - c.v.open_end))));
        } else if (c.has_v) {
            std::string_view raw = xml.substr(c.v.open_end, c.v.content_end - c.v.open_end);
            if (raw.find('&') == std::string_view::npos) cached = decode_value(type, raw, in.shared_strings, date1904, nullptr);
            else cached = decode_value(type, decode_entities(raw), in.shared_strings, date1904, nullptr);
        }
        if (cached.is_error())  // (vm is looked up for error cells only: this loop runs for every cell)
            if (std::string_view vm = c.tag.attr_value("vm"); !vm.empty())
                cached = Value::error(rich_error(in.vm_errors, std::strtoul(std::string(vm).c_str(), nullptr, 10), cached.error()));
        Value model = value_for_file(sheet.get(c.row, c.col));
        if (!model.is_empty()) ++res.cells_matched;

        const std::optional<std::string>* ovr = nullptr;
        if (!in.overrides.empty())
            if (auto it = in.overrides.find(cell_key(c.row, c.col)); it != in.overrides.end()) ovr = &it->second;
        bool unshared = c.has_f && !unshare.empty() && c.f.attr_value("t") == "shared" &&
                        unshare.count(std::string(c.f.attr_value("si")));
        if (model.same_as(cached) && !ovr && !unshared) return;

        std::string_view qn = c.tag.qname;
        std::string_view pfx = qn.substr(0, qn.size() - 1);  // "x:" of "x:c"
        // The formula part.
        formula_xml.clear();
        bool has_formula = c.has_f;
        auto explicit_formula = [&](std::string_view text, bool keep_attrs) {
            formula_xml += '<';
            formula_xml += pfx;
            formula_xml += 'f';
            if (keep_attrs)
                for (int i = 0; i < c.f.nattrs; ++i) formula_xml.append(xml.substr(c.f.attrs[i].begin, c.f.attrs[i].end - c.f.attrs[i].begin));
            formula_xml += '>';
            append_text(formula_xml, text);
            formula_xml += "</";
            formula_xml += pfx;
            formula_xml += "f>";
        };
        if (ovr) {
            if (!ovr->has_value()) {
                has_formula = false;
            } else {
                has_formula = true;
                bool is_array = c.has_f && c.f.attr_value("t") == "array";
                explicit_formula(**ovr, is_array);
            }
        } else if (unshared) {
            std::string text = in.wb.formula_text(in.sheet, CellAddr{c.row, c.col});
            if (!text.empty() && text[0] == '=') text.erase(0, 1);
            if (text.empty()) has_formula = false;
            else explicit_formula(text, false);
        } else if (c.has_f) {
            formula_xml.append(xml.substr(c.f.begin, c.f.end - c.f.begin));
        }
        value_xml.clear();
        encode_value(model, has_formula, pfx, t_new, value_xml);

        // Reserve generously once: untouched pages of a large allocation cost no memory, while
        // growing by reallocation would briefly hold two copies of a big part.
        if (!patched) out.reserve(out.size() + (end - begin) * 2 + 4096);
        patched = true;
        ByteBuilder& o = out;
        o.append(xml.substr(last, c.tag.begin - last));
        o += '<';
        o += qn;
        // t and vm describe the old value; a #SPILL!/#CALC! gets the package's rich-value
        // link for that error when there is one (else it shows as the #VALUE! written).
        for (int i = 0; i < c.tag.nattrs; ++i)
            if (c.tag.attrs[i].name != "t" && c.tag.attrs[i].name != "vm")
                o.append(xml.substr(c.tag.attrs[i].begin, c.tag.attrs[i].end - c.tag.attrs[i].begin));
        if (!t_new.empty()) {
            o += " t=\"";
            o += t_new;
            o += '"';
        }
        if (model.is_error() && in.vm_errors)
            for (size_t k = 0; k < in.vm_errors->size(); ++k)
                if ((*in.vm_errors)[k] == model.error() && model.error() != Err::Value) {
                    o += " vm=\"";
                    o += std::to_string(k + 1);
                    o += '"';
                    break;
                }
        if (formula_xml.empty() && value_xml.empty() && c.others == 0) {
            o += "/>";
        } else {
            o += '>';
            o += formula_xml;
            o += value_xml;
            for (int i = 0; i < c.others; ++i) o.append(xml.substr(c.other_begin[i], c.other_end[i] - c.other_begin[i]));
            o += "</";
            o += qn;
            o += '>';
        }
        last = c.tag.end;
        ++res.cells_rewritten;
        // Everything before `last` is in the output now (the unshare pass is over, and the
        // scan only moves forward).
        if (in.release && last - released >= kReleaseStep) {
            in.release->release_prefix(last);
            released = last;
        }
    });
    if (res.cells_rewritten == 0) return res;
    out.append(xml.substr(last, end - last));
    res.changed = true;
    return res;
}

SheetPatchResult patch_sheet(std::string_view xml, const SheetPatchInput& in, ByteBuilder& out) {
    return SheetPatcher(xml, in).patch(0, xml.size(), out);
}

}  // namespace sp::xlsx
