// structured_ref.cpp — see structured_ref.h. Inside brackets ' escapes the next character
// ('[ '] '# ''), so a column may be named "Totals []^&*@#$,,<>". The resolved ranges are
// absolute (the table's current area), except a this-row form, which is the cell of the
// formula's own row (a relative row offset of 0, so one program serves the whole column).
#include "formula/structured_ref.h"

#include <cctype>

#include "model/workbook.h"

namespace sp::formula {

namespace {

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::toupper(uint8_t(a[i])) != std::toupper(uint8_t(b[i]))) return false;
    return true;
}

std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\'' && i + 1 < s.size()) ++i;
        out += s[i];
    }
    return out;
}

// Reads the bracket group at s[i] == '[' up to its matching ']'; content: the raw text inside.
bool group(std::string_view s, size_t& i, std::string_view& content) {
    if (i >= s.size() || s[i] != '[') return false;
    size_t start = ++i;
    int depth = 1;
    while (i < s.size()) {
        char c = s[i];
        if (c == '\'' && i + 1 < s.size()) { i += 2; continue; }
        if (c == '[') ++depth;
        else if (c == ']' && --depth == 0) {
            content = s.substr(start, i - start);
            ++i;
            return true;
        }
        ++i;
    }
    return false;
}

void skip_spaces(std::string_view s, size_t& i) {
    while (i < s.size() && s[i] == ' ') ++i;
}

// One item's raw text: a special item (#All …) or a column name.
bool item(std::string_view raw, StructuredRef& out, std::string& column) {
    if (!raw.empty() && raw[0] == '#') {
        if (iequal(raw, "#All")) out.items |= StructuredRef::All;
        else if (iequal(raw, "#Data")) out.items |= StructuredRef::Data;
        else if (iequal(raw, "#Headers")) out.items |= StructuredRef::Headers;
        else if (iequal(raw, "#Totals")) out.items |= StructuredRef::Totals;
        else if (iequal(raw, "#This Row")) out.items |= StructuredRef::ThisRow;
        else return false;
        return true;
    }
    if (raw.empty()) return false;
    column = unescape(raw);
    return true;
}

// [a],[b]:[c] … : special items and at most one column or column range.
bool item_list(std::string_view s, StructuredRef& out) {
    size_t i = 0;
    bool have_cols = false;
    for (;;) {
        skip_spaces(s, i);
        std::string_view raw;
        if (!group(s, i, raw)) return false;
        std::string col;
        if (!item(raw, out, col)) return false;
        skip_spaces(s, i);
        if (!col.empty()) {
            if (have_cols) return false;  // two separate column lists: not a form Excel writes
            have_cols = true;
            out.col1 = std::move(col);
            if (i < s.size() && s[i] == ':') {
                ++i;
                skip_spaces(s, i);
                std::string_view raw2;
                std::string col2;
                unsigned before = out.items;
                if (!group(s, i, raw2) || !item(raw2, out, col2) || col2.empty() || out.items != before) return false;
                out.col2 = std::move(col2);
                skip_spaces(s, i);
            }
        }
        if (i == s.size()) return true;
        if (s[i] != ',') return false;
        ++i;
    }
}

}  // namespace

bool parse_structured(std::string_view text, StructuredRef& out) {
    out = StructuredRef{};
    size_t open = text.find('[');
    if (open == std::string_view::npos || text.back() != ']') return false;
    out.table.assign(text.substr(0, open));
    for (char c : out.table)
        if (c == '!' || c == '\'' || c == ' ') return false;
    size_t i = open;
    std::string_view inner;
    if (!group(text, i, inner) || i != text.size()) return false;
    if (inner.empty()) return true;  // Table1[]: the data
    if (inner[0] == '@') {           // [@Qty], [@[Unit Price]], [@] (this row, every column)
        out.items = StructuredRef::ThisRow;
        std::string_view rest = inner.substr(1);
        if (rest.empty()) return true;
        if (rest[0] == '[') return item_list(rest, out) && out.items == StructuredRef::ThisRow;
        out.col1 = unescape(rest);
        return true;
    }
    if (inner[0] == '[') return item_list(inner, out);
    std::string col;
    if (!item(inner, out, col)) return false;
    out.col1 = std::move(col);
    return true;
}

namespace {

struct Resolver {
    const Workbook& wb;
    SheetId sheet;
    CellAddr anchor;
    bool in_name;
    std::string sig;

    void walk(Node& n) {
        if (n.kind == NodeKind::Call && n.text == "LAMBDA") {  // [x] there is an optional parameter
            if (!n.children.empty()) walk(n.children.back());
            return;
        }
        if (n.kind == NodeKind::Name && n.ref.book.empty() && n.prefix.empty()) return resolve(n);
        for (Node& c : n.children) walk(c);
    }

    void set(Node& n, Node resolved) {
        n.children.clear();
        n.children.push_back(std::move(resolved));
        n.resolved = true;
    }
    void error(Node& n, Err e) {
        Node r;
        r.kind = NodeKind::Error;
        r.err = e;
        set(n, std::move(r));
        sig += "|E" + std::to_string(int(e));
    }

    void resolve(Node& n) {
        StructuredRef sr;
        const Table* t = nullptr;
        if (n.text.find('[') == std::string::npos) {  // a bare table name: its data
            t = wb.find_table(n.text);
            if (!t || wb.find_name(n.text, sheet)) return;
        } else {
            if (!parse_structured(n.text, sr)) return;
            t = sr.table.empty() ? wb.table_at(sheet, anchor) : wb.find_table(sr.table);
            if (!t) return;
        }
        int32_t c1 = t->ref.c1, c2 = t->ref.c2;
        if (!sr.col1.empty()) {
            int a = t->find_column(sr.col1), b = sr.col2.empty() ? a : t->find_column(sr.col2);
            if (a < 0 || b < 0) return;  // a column this table does not have: reported, value kept
            c1 = t->ref.c1 + std::min(a, b);
            c2 = t->ref.c1 + std::max(a, b);
        }
        Node r;
        r.kind = NodeKind::Ref;
        r.ref.has_sheet = true;
        r.ref.sheet = wb.sheet(t->sheet).name();
        r.ref.c1 = Coord{c1, true};
        r.ref.c2 = Coord{c2, true};
        const int32_t df = t->data_first_row(), dl = t->data_last_row();
        if (sr.items & StructuredRef::ThisRow) {
            if (sr.items != StructuredRef::ThisRow || in_name) return;  // no row of its own in a name
            if (anchor.row < df || anchor.row > dl) return error(n, Err::Value);  // as Excel: no such row
            r.ref.r1 = r.ref.r2 = Coord{0, false};
        } else {
            unsigned items = sr.items ? sr.items : unsigned(StructuredRef::Data);
            if (items & StructuredRef::All) items = StructuredRef::Headers | StructuredRef::Data | StructuredRef::Totals;
            int32_t lo = INT32_MAX, hi = -1;
            auto span = [&](int32_t a, int32_t b) {
                if (a > b) return;
                lo = std::min(lo, a);
                hi = std::max(hi, b);
            };
            if (items & StructuredRef::Headers) span(t->ref.r1, t->ref.r1 + t->header_rows - 1);
            if (items & StructuredRef::Data) span(df, dl);
            if (items & StructuredRef::Totals) span(t->ref.r2 - t->totals_rows + 1, t->ref.r2);
            if (hi < 0) return error(n, Err::Ref);  // #Totals of a table without a totals row …
            r.ref.r1 = Coord{lo, true};
            r.ref.r2 = Coord{hi, true};
        }
        r.ref.kind = r.ref.r1 == r.ref.r2 && c1 == c2 ? AreaRef::Cell : AreaRef::Area;
        sig += "|" + std::to_string(t->sheet) + ":" + (r.ref.r1.abs ? "" : "@") + std::to_string(r.ref.r1.v) + ":" +
               std::to_string(r.ref.r2.v) + ":" + std::to_string(c1) + ":" + std::to_string(c2);
        set(n, std::move(r));
    }
};

}  // namespace

std::string resolve_structured(Node& ast, const Workbook& wb, SheetId sheet, CellAddr anchor, bool in_name) {
    if (wb.tables().empty()) return {};
    Resolver r{wb, sheet, anchor, in_name, {}};
    r.walk(ast);
    return std::move(r.sig);
}

}  // namespace sp::formula
