// sheet_reader.cpp — worksheet XML into the model.
//
// A worksheet of 300,000 rows is hundreds of megabytes of XML, and a pugixml DOM costs
// about ten times its text. So the part is cut in three: the text before <sheetData> and
// after </sheetData> (columns, merges, panes: small) is parsed as one document, and the
// rows in between are parsed in slices of a few megabytes, each cut just before a <row>
// start tag, each parsed in place as an XML fragment and walked directly. Memory then
// stays at the inflated text plus one slice's DOM. The plain formulas of a slice (one
// <f> text per cell, as many tools write them) are parsed to their R1C1 shape key on the
// same parallel stage, so the thread that builds the model only looks the shape up.
#include "xlsx/sheet_reader.h"

#include <cstring>
#include <string_view>
#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <fast_float/fast_float.h>
#include <pugixml.hpp>
#include <tbb/parallel_pipeline.h>

#include "formula/parser.h"
#include "xlsx/cell_value.h"
#include "xlsx/error.h"
#include "xlsx/inflow.h"
#include "xlsx/rich_errors.h"
#include "xlsx/shape_text.h"
#include "xlsx/shared_strings.h"
#include "xlsx/xml_scan.h"
#include "xlsx/xml_util.h"

namespace sp::xlsx {

namespace {

constexpr size_t kSliceBytes = size_t(1) << 20;

// "B7" -> {6,1}. Returns false when malformed; sets outside when beyond XFD1048576.
bool parse_ref(const char* s, int32_t& row, int32_t& col, bool& outside) {
    int64_t c = 0, r = 0;
    const char* p = s;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        c = c * 26 + ((*p | 0x20) - 'a' + 1);
        if (c > kMaxCols * 26) c = kMaxCols * 26;  // keep growing letters from overflowing
        ++p;
    }
    if (p == s || *p < '0' || *p > '9') return false;
    while (*p >= '0' && *p <= '9') {
        r = r * 10 + (*p - '0');
        if (r > int64_t(kMaxRows) * 10) r = int64_t(kMaxRows) * 10;
        ++p;
    }
    if (*p) return false;
    outside = c > kMaxCols || r < 1 || r > kMaxRows;
    row = int32_t(r - 1);
    col = int32_t(c - 1);
    return true;
}

// The last cell reference written before `offset` (to name the cell near a syntax error).
std::string cell_near(std::string_view xml, size_t offset) {
    // The in-place parse has overwritten the '=' after attribute names with NULs: accept both.
    for (size_t p = std::min(offset, xml.size() - 1); p >= 3; --p) {
        if (xml[p] != '"' || xml[p - 2] != 'r' || (xml[p - 1] != '=' && xml[p - 1] != '\0')) continue;
        char before = xml[p - 3];
        if (before != ' ' && before != '\t' && before != '\n' && before != '\r' && before != '\0') continue;
        std::string out;
        for (size_t i = p + 1; i < xml.size() && out.size() < 12; ++i) {
            char c = xml[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) break;
            out += c;
        }
        if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') return "near " + out;
        if (offset - p > 4096) break;
    }
    return "";
}

class Reader {
public:
    Reader(Bytes& xml, const SheetInput& in, Inflow* flow)
        : xml_(xml), in_(in), wb_(in.wb), sheet_(in.wb.sheet(in.sheet)), flow_(flow) {}

    SheetCounts run() {
        std::string_view text = xml_.view();  // only [0, avail()) is inflated yet
        fill(64 << 10);
        std::string_view front = text.substr(0, avail());
        reject_doctype(front, in_.file, in_.part);
        if (front.size() >= 2 && ((uint8_t(front[0]) == 0xFF && uint8_t(front[1]) == 0xFE) ||
                                  (uint8_t(front[0]) == 0xFE && uint8_t(front[1]) == 0xFF) || front[1] == '\0'))
            throw Error(in_.file, in_.part, "", msg::Message{"xlsx.utf16", {}});
        pfx_ = root_prefix(front);
        std::string sd = pfx_ + "sheetData";
        size_t sd_begin, open_end = std::string_view::npos;
        for (size_t from = 0;;) {
            front = text.substr(0, avail());
            sd_begin = find_start_tag(front, sd, from);
            if (sd_begin != std::string_view::npos && (open_end = front.find('>', sd_begin)) != std::string_view::npos) break;
            if (all_in()) break;
            from = sd_begin != std::string_view::npos ? sd_begin : front.size() > sd.size() + 2 ? front.size() - sd.size() - 2 : 0;
            fill(avail() + kSliceBytes);
        }
        if (sd_begin == std::string_view::npos) {
            read_outer(std::string(text));
            return counts_;
        }
        if (open_end == std::string_view::npos) throw Error(in_.file, in_.part, "", msg::Message{"xlsx.unterminated_sheet_data", {}});
        // The outer document (everything but the rows) is parsed after them, but its head is
        // copied now: the rows are parsed in place and their text is given back as they go.
        std::string outer(text.substr(0, sd_begin));
        size_t content = open_end + 1, sd_end = content;
        try {
            if (text[open_end - 1] != '/') {
                close_ = "</" + sd + ">";
                close_scanned_ = content;
                read_rows(content);
                sd_end = rows_end_ + close_.size();
            }
            if (flow_) flow_->finish();
        } catch (...) {
            // A stream damaged further on makes bad XML here: the damage is the error to report.
            if (flow_) flow_->finish();
            throw;
        }
        outer.append(text.substr(sd_end));
        read_outer(std::move(outer));
        resolve_pending();
        return counts_;
    }

private:
    void read_outer(std::string outer) {
        pugi::xml_document doc;
        parse_part(doc, outer.data(), outer.size(), in_.file, in_.part);
        pugi::xml_node ws = doc.document_element();
        SheetLayout& lay = sheet_.layout();
        if (auto cols = child_local(ws, "cols"))
            for (auto c = cols.first_child(); c; c = c.next_sibling()) {
                if (local_name(c.name()) != "col") continue;
                int lo = c.attribute("min").as_int(), hi = c.attribute("max").as_int();
                if (lo < 1 || hi < lo || hi > kMaxCols) continue;
                if (c.attribute("hidden").as_bool() && hi - lo <= 16383)
                    for (int k = lo; k <= hi; ++k) lay.hidden_cols.push_back(k - 1);
                if (c.attribute("width") && hi - lo > 255)
                    lay.wide_col_spans.push_back({lo - 1, hi - 1, c.attribute("width").as_double()});
                if (!c.attribute("width") || hi - lo > 255) continue;  // whole-sheet defaults: not kept
                for (int k = lo; k <= hi; ++k) lay.column_widths[k - 1] = c.attribute("width").as_double();
            }
        if (auto fmt = child_local(ws, "sheetFormatPr")) {  // CELL("width") of columns without <col>
            lay.default_col_width = fmt.attribute("defaultColWidth").as_double();
            lay.base_col_width = fmt.attribute("baseColWidth").as_int(8);
        }
        if (auto prot = child_local(ws, "sheetProtection")) lay.protected_sheet = prot.attribute("sheet").as_bool();
        if (auto mc = child_local(ws, "mergeCells"))
            for (auto m = mc.first_child(); m; m = m.next_sibling())
                if (local_name(m.name()) == "mergeCell")
                    if (auto r = parse_range(m.attribute("ref").value())) lay.merges.push_back(*r);
        if (auto views = child_local(ws, "sheetViews"))
            if (auto view = child_local(views, "sheetView"))
                if (auto pane = child_local(view, "pane")) {
                    std::string_view state = pane.attribute("state").value();
                    if (state == "frozen" || state == "frozenSplit") {
                        lay.frozen_cols = pane.attribute("xSplit").as_int();
                        lay.frozen_rows = pane.attribute("ySplit").as_int();
                    }
                }
    }

    bool is_row_start(std::string_view text, size_t p) const {
        // text[p] == '<'
        std::string_view rest = text.substr(p + 1);
        if (rest.substr(0, pfx_.size()) != pfx_) return false;
        rest.remove_prefix(pfx_.size());
        if (rest.size() < 4 || rest.substr(0, 3) != "row") return false;
        char c = rest[3];
        return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n';
    }

    // End of a slice starting at `begin`: just before the last <row that starts in the window.
    size_t slice_end(std::string_view text, size_t begin, size_t end) const {
        if (end - begin <= kSliceBytes) return end;
        size_t p = begin + kSliceBytes;
        while (p > begin + 1) {
            size_t lt = text.rfind('<', p - 1);
            if (lt == std::string_view::npos || lt <= begin) break;
            if (is_row_start(text, lt)) return lt;
            p = lt;
        }
        // One row longer than the window: extend to the next row start.
        for (size_t q = begin + kSliceBytes; (q = text.find('<', q)) != std::string_view::npos && q < end; ++q)
            if (is_row_start(text, q)) return q;
        return end;
    }

    // Slices are parsed in parallel (each in place, in its own bytes of the buffer, with its
    // own document) and walked into the model one at a time in document order: on two cores
    // pugixml's parse of the next slice overlaps the model work of this one. At most
    // kInFlight slices' DOMs exist at once.
    // A plain formula parsed ahead: its <f> text (the pointer identifies the cell in the
    // walk, which meets them in the same order) and its shape key, keys[off, off + len).
    struct PreKey {
        const char* text;
        uint32_t off, len;
    };
    struct Slice {
        size_t begin = 0, stop = 0;
        pugi::xml_document doc;
        pugi::xml_parse_result result;
        std::string keys;
        std::vector<PreKey> pre;
        size_t next_pre = 0;
    };
    static constexpr size_t kInFlight = 3;  // one cut, one parsed, one walked

    // The part is inflated (flow_) as far as the cuts need; these are no-ops for a whole buffer.
    size_t avail() const { return flow_ ? flow_->ready() : xml_.size; }
    bool all_in() const { return !flow_ || flow_->done(); }
    void fill(size_t n) {
        if (flow_) flow_->fill_to(n);
    }

    // How far a slice from `begin` may reach: </sheetData> once it is found, else the text
    // inflated so far, at least two slices on (so a cut there is the cut the whole text gives).
    size_t rows_limit(size_t begin) {
        std::string_view text = xml_.view();
        while (rows_end_ == std::string_view::npos) {
            size_t have = avail();
            size_t hit = find_bytes(text.substr(0, have), close_, std::max(close_scanned_, begin));
            if (hit != std::string_view::npos) {
                rows_end_ = hit;
                break;
            }
            close_scanned_ = have >= close_.size() ? have - close_.size() + 1 : 0;
            if (have >= begin + 2 * kSliceBytes) return have;
            if (all_in()) throw Error(in_.file, in_.part, "", msg::Message{"xlsx.unclosed_sheet_data", {}});
            fill(begin + 4 * kSliceBytes);
        }
        return rows_end_;
    }

    void read_rows(size_t begin) {
        std::string_view text = xml_.view();
        const unsigned opts = pugi::parse_fragment | pugi::parse_escapes | pugi::parse_eol | pugi::parse_cdata |
                              pugi::parse_ws_pcdata_single;
        auto cut = [&]() -> Slice* {  // nullptr at the end
            for (;;) {
                size_t lim = rows_limit(begin);
                if (begin >= lim) return nullptr;
                size_t stop = slice_end(text.substr(0, lim), begin, lim);
                if (stop == lim && rows_end_ == std::string_view::npos) {  // a row longer than the text so far
                    fill(avail() + 4 * kSliceBytes);
                    continue;
                }
                auto* slice = new Slice;
                slice->begin = begin;
                slice->stop = begin = stop;
                return slice;
            }
        };
        auto parse = [&](Slice* slice) -> Slice* {
            slice->result = slice->doc.load_buffer_inplace(xml_.begin() + slice->begin, slice->stop - slice->begin,
                                                           opts, pugi::encoding_utf8);
            return slice;
        };
        auto parse_keyed = [&](Slice* slice) -> Slice* {  // pipelined: the formulas too
            parse(slice);
            if (slice->result && prekey_ok_) prekey(*slice);
            return slice;
        };
        auto walk = [&](Slice* raw) {
            std::unique_ptr<Slice> slice(raw);
            if (!slice->result) {
                size_t at = slice->begin + size_t(slice->result.offset);
                throw Error(in_.file, in_.part, cell_near(text, at),
                            msg::Message{"xlsx.malformed_xml", {line_col(text, at), slice->result.description()}});
            }
            cur_ = slice.get();
            for (auto row = slice->doc.first_child(); row; row = row.next_sibling())
                if (row.type() == pugi::node_element && local_name(row.name()) == "row") read_row(row);
            cur_ = nullptr;
            // The slices before this one are in the model now: their text goes back to the
            // kernel, so the sheet's text and the whole model are never resident together.
            // (This slice's stays: an error in the next names the cell before it from here.)
            xml_.release_prefix(slice->begin);
        };
        if (size_t lim = rows_limit(begin); rows_end_ != std::string_view::npos && lim - begin <= kSliceBytes) {  // one slice: no pipeline
            if (Slice* s = cut()) walk(parse(s));
            return;
        }
        // Slices still in the pipeline when an error stops it are freed here. (The first
        // and last filters are each serial, but may run at the same time: hence the lock.)
        std::vector<Slice*> all;
        std::mutex all_lock;
        auto track = [&](tbb::flow_control& fc) -> Slice* {
            Slice* s = cut();
            if (!s) {
                fc.stop();
                return nullptr;
            }
            std::lock_guard lock(all_lock);
            all.push_back(s);
            return s;
        };
        try {
            tbb::parallel_pipeline(
                kInFlight,
                tbb::make_filter<void, Slice*>(tbb::filter_mode::serial_in_order, track) &
                    tbb::make_filter<Slice*, Slice*>(tbb::filter_mode::parallel, parse_keyed) &
                    tbb::make_filter<Slice*, void>(tbb::filter_mode::serial_in_order, [&](Slice* s) {
                        {
                            std::lock_guard lock(all_lock);
                            *std::find(all.begin(), all.end(), s) = nullptr;
                        }
                        walk(s);
                    }));
        } catch (...) {
            for (Slice* s : all) delete s;
            throw;
        }
    }

    // The shape keys of the slice's plain formulas whose cell names itself (r="B7"): the
    // same parse and key as Workbook::compile, run on the parallel stage. Texts with '['
    // (structured and external references) are left to compile. Touches nothing but the
    // slice: it runs beside the walk.
    static void prekey(Slice& s) {
        std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> known;  // shape text -> key in s.keys
        std::string shape;
        for (auto row = s.doc.first_child(); row; row = row.next_sibling()) {
            if (row.type() != pugi::node_element || local_name(row.name()) != "row") continue;
            for (auto c = row.first_child(); c; c = c.next_sibling()) {
                if (c.type() != pugi::node_element || local_name(c.name()) != "c") continue;
                const char* ref = nullptr;
                for (auto a = c.first_attribute(); a; a = a.next_attribute())
                    if (a.name()[0] == 'r' && !a.name()[1]) ref = a.value();  // as read_cell: the last r
                pugi::xml_node f;
                for (auto k = c.first_child(); k; k = k.next_sibling())
                    if (k.type() == pugi::node_element && local_name(k.name()) == "f") f = k;  // the last, as read_cell
                if (!f || !ref || !*ref) continue;
                std::string_view ft = f.attribute("t").value();
                if (ft == "shared" || ft == "array" || ft == "dataTable") continue;
                const char* text = f.child_value();
                if (!*text || std::strchr(text, '[')) continue;
                int32_t row_i, col_i;
                bool outside = false;
                if (!parse_ref(ref, row_i, col_i, outside) || outside) continue;
                // The same shape text has the same key: parsed once per slice (shape_text.h).
                shape.clear();
                bool shaped = shape_text(text, row_i, col_i, shape);
                if (shaped)
                    if (auto it = known.find(shape); it != known.end()) {
                        s.pre.push_back({text, it->second.first, it->second.second});
                        continue;
                    }
                auto parsed = formula::parse(text, CellAddr{row_i, col_i});
                if (!parsed) continue;
                size_t off = s.keys.size();
                s.keys += formula::print_r1c1(*parsed.ast);
                s.pre.push_back({text, uint32_t(off), uint32_t(s.keys.size() - off)});
                if (shaped) known.emplace(shape, std::pair{s.pre.back().off, s.pre.back().len});
            }
        }
    }

    // The program of a plain formula's text parsed ahead, or kNoFormula (then compile it).
    uint32_t preparsed_program(const char* text) {
        if (!cur_) return kNoFormula;
        auto& pre = cur_->pre;
        size_t& i = cur_->next_pre;
        while (i < pre.size() && pre[i].text < text) ++i;  // cells the walk did not take as formulas
        if (i == pre.size() || pre[i].text != text) return kNoFormula;
        const PreKey& k = pre[i++];
        return wb_.find_program(std::string_view(cur_->keys).substr(k.off, k.len));
    }

    [[noreturn]] void bad_ref(const char* ref, const char* key) {  // key: a catalogue entry
        throw Error(in_.file, in_.part, ref, msg::Message{key, {}});
    }

    void read_row(pugi::xml_node row) {
        if (const char* r = row.attribute("r").value(); *r) {
            int64_t n = 0;
            for (const char* p = r; *p; ++p) {
                if (*p < '0' || *p > '9') bad_ref(r, "xlsx.bad_row_number");
                n = n * 10 + (*p - '0');
                if (n > kMaxRows) break;
            }
            if (n < 1 || n > kMaxRows) bad_ref((std::string("row ") + r).c_str(), "xlsx.row_outside_grid");
            row_ = int32_t(n - 1);
        } else {
            ++row_;
        }
        col_ = -1;
        if (row.attribute("customHeight").as_bool() && row.attribute("ht"))
            sheet_.layout().row_heights[row_] = row.attribute("ht").as_double();
        if (row.attribute("hidden").as_bool()) sheet_.layout().hidden_rows.push_back(row_);
        for (auto c = row.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_element && local_name(c.name()) == "c") read_cell(c);
    }

    void read_cell(pugi::xml_node c) {
        const char* ref = nullptr;
        std::string_view t;
        const char* s = nullptr;
        const char* vm = nullptr;
        for (auto a = c.first_attribute(); a; a = a.next_attribute()) {
            const char* n = a.name();
            if (n[0] && !n[1]) {
                if (n[0] == 'r') ref = a.value();
                else if (n[0] == 't') t = a.value();
                else if (n[0] == 's') s = a.value();
            } else if (n[0] == 'v' && n[1] == 'm' && !n[2]) {
                vm = a.value();
            }
        }
        int32_t row = row_, col = col_ + 1;
        if (ref && *ref) {
            bool outside = false;
            if (!parse_ref(ref, row, col, outside)) bad_ref(ref, "xlsx.bad_cell_ref");
            if (outside) bad_ref(ref, "xlsx.ref_outside_grid");
        } else if (col >= kMaxCols || row < 0) {
            bad_ref("", "xlsx.cell_outside_grid");
        }
        col_ = col;
        if (s && *s) {
            unsigned long xf = std::strtoul(s, nullptr, 10);
            if (xf < in_.xf_map.size() && in_.xf_map[xf]) sheet_.set_style(row, col, in_.xf_map[xf]);
        }
        pugi::xml_node f, v, is;
        for (auto k = c.first_child(); k; k = k.next_sibling()) {
            if (k.type() != pugi::node_element) continue;
            auto name = local_name(k.name());
            if (name == "v") v = k;
            else if (name == "f") f = k;
            else if (name == "is") is = k;
        }
        CellType type = cell_type(t);
        Value value;
        std::string problem;
        if (type == CellType::Inline) {
            value = is ? Value::string(rich_text(is)) : v ? Value::string(decode_x_escapes(v.child_value())) : Value();
        } else if (v) {
            value = decode_value(type, v.child_value(), in_.shared_strings, wb_.settings().date1904, &problem);
        }
        if (!problem.empty()) warn(row, col, problem);
        if (vm && value.is_error())
            value = Value::error(rich_error(in_.vm_errors, std::strtoul(vm, nullptr, 10), value.error()));
        bool failed = false;
        if (f) {
            failed = !read_formula(f, row, col);
            ++counts_.formulas;
        }
        if (!value.is_empty() || f) ++counts_.cells;
        // The cached value goes in after the formula (attaching a formula may reset the cell).
        // A formula that did not parse keeps its cached value, so that the rest recalculates.
        if (!(failed && value.is_empty())) sheet_.set(row, col, value);
    }

    // Returns false when the formula does not parse.
    bool read_formula(pugi::xml_node f, int32_t row, int32_t col) {
        std::string_view ft = f.attribute("t").value();
        const char* text = f.child_value();
        CellAddr at{row, col};
        if (ft == "shared") {
            uint32_t si = f.attribute("si").as_uint();
            if (*text) {  // the group's master: compiled once here, shared by every member
                uint32_t prog = wb_.compile(text, in_.sheet, at);
                if (prog == kNoFormula) {
                    wb_.set_formula(in_.sheet, at, text);  // records the text and the diagnostic
                    set_shared(si, kNoFormula);
                    return false;
                }
                set_shared(si, prog);
                wb_.set_formula_program(in_.sheet, at, prog);
                return true;
            }
            uint32_t prog = shared_program(si);
            if (prog == kUnknown) {
                pending_.push_back({si, at});
                return true;
            }
            if (prog == kNoFormula) return false;  // the master did not parse: keep the value
            wb_.set_formula_program(in_.sheet, at, prog);
            return true;
        }
        if (ft == "array") {
            RangeAddr range{row, col, row, col};
            if (auto r = parse_range(f.attribute("ref").value())) range = *r;
            return wb_.set_array_formula(in_.sheet, range, text);
        }
        if (ft == "dataTable") {  // what-if data tables: Excel's own machinery; the values are kept
            if (!data_table_noted_) warn(row, col, msg::text("xlsx.data_table_kept"));
            data_table_noted_ = true;
            return true;
        }
        if (!*text) return true;
        if (uint32_t prog = preparsed_program(text); prog != kNoFormula) {  // a shape already compiled
            wb_.set_formula_program(in_.sheet, at, prog);
            return true;
        }
        return wb_.set_formula(in_.sheet, at, text);
    }

    void resolve_pending() {
        for (const auto& [si, at] : pending_) {
            uint32_t prog = shared_program(si);
            if (prog == kUnknown) {
                warn(at.row, at.col, msg::text("xlsx.shared_without_master", {std::to_string(si)}));
            } else if (prog != kNoFormula) {
                Value cached = sheet_.get(at.row, at.col);
                wb_.set_formula_program(in_.sheet, at, prog);
                sheet_.set(at.row, at.col, cached);
            }
        }
    }

    // Shared-formula groups by si: a vector (si are small and dense in practice), a map beyond.
    static constexpr uint32_t kUnknown = 0xFFFFFFFE;
    uint32_t shared_program(uint32_t si) const {
        if (si < shared_small_.size()) return shared_small_[si];
        auto it = shared_.find(si);
        return it == shared_.end() ? kUnknown : it->second;
    }
    void set_shared(uint32_t si, uint32_t prog) {
        if (si < (1u << 20)) {
            if (si >= shared_small_.size()) shared_small_.resize(size_t(si) + 1, kUnknown);
            shared_small_[si] = prog;
        } else {
            shared_[si] = prog;
        }
    }

    void warn(int32_t row, int32_t col, std::string message) {
        wb_.diagnostics().push_back({Diagnostic::Level::Warning, in_.sheet, CellAddr{row, col}, std::move(message)});
    }

    Bytes& xml_;
    const SheetInput& in_;
    Workbook& wb_;
    Sheet& sheet_;
    std::string pfx_;
    Slice* cur_ = nullptr;  // the slice being walked
    Inflow* flow_;          // the part still being inflated, or nullptr (xml_ is whole)
    std::string close_;     // </sheetData>, with the root's prefix
    size_t rows_end_ = std::string_view::npos;  // where close_ starts, once found
    size_t close_scanned_ = 0;                  // the text before holds no close_
    // Shape keys are computed ahead only in a workbook without tables: with tables, compile's
    // key also carries how structured references (even a bare Table1) resolve.
    bool prekey_ok_ = wb_.tables().empty();
    int32_t row_ = -1, col_ = -1;
    SheetCounts counts_;
    std::vector<uint32_t> shared_small_;             // si -> program (kNoFormula: master did not parse)
    std::unordered_map<uint32_t, uint32_t> shared_;
    struct Pending { uint32_t si; CellAddr at; };
    std::vector<Pending> pending_;
    bool data_table_noted_ = false;
};

}  // namespace

SheetCounts read_sheet(Bytes& xml, const SheetInput& in) { return Reader(xml, in, nullptr).run(); }

SheetCounts read_sheet(const ZipReader& zip, const ZipEntry& e, const SheetInput& in) {
    // A large deflated part is inflated as the slices need it, on the pipeline's cut stage,
    // beside the parse and the walk: not whole, on one core, before them.
    constexpr uint64_t kStreamFrom = uint64_t(4) << 20;
    if (e.method != 8 /* deflated */ || e.size < kStreamFrom) {
        Bytes xml = zip.inflate(e);
        return read_sheet(xml, in);
    }
    Bytes xml;
    Inflow flow(zip, e, xml);
    return Reader(xml, in, &flow).run();
}

}  // namespace sp::xlsx
