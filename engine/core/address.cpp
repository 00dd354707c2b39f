// address.cpp — A1 text for addresses.
#include "core/address.h"

#include <cctype>

namespace sp {

std::optional<int32_t> column_from_letters(std::string_view s) {
    if (s.empty() || s.size() > 3) return std::nullopt;
    int32_t col = 0;
    for (char ch : s) {
        char u = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (u < 'A' || u > 'Z') return std::nullopt;
        col = col * 26 + (u - 'A' + 1);
    }
    if (col > kMaxCols) return std::nullopt;
    return col - 1;
}

std::string column_letters(int32_t col) {
    std::string s;
    int32_t n = col + 1;
    while (n > 0) {
        int32_t rem = (n - 1) % 26;
        s.insert(s.begin(), char('A' + rem));
        n = (n - 1) / 26;
    }
    return s;
}

std::optional<CellAddr> parse_cell(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && s[i] == '$') ++i;
    size_t l0 = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    auto col = column_from_letters(s.substr(l0, i - l0));
    if (!col) return std::nullopt;
    if (i < s.size() && s[i] == '$') ++i;
    size_t d0 = i;
    int64_t row = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        row = row * 10 + (s[i] - '0');
        if (row > kMaxRows) return std::nullopt;
        ++i;
    }
    if (i != s.size() || i == d0 || row < 1) return std::nullopt;
    return CellAddr{static_cast<int32_t>(row - 1), *col};
}

static std::optional<int32_t> parse_row_only(std::string_view s) {
    if (!s.empty() && s[0] == '$') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    int64_t row = 0;
    for (char ch : s) {
        if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
        row = row * 10 + (ch - '0');
        if (row > kMaxRows) return std::nullopt;
    }
    if (row < 1) return std::nullopt;
    return static_cast<int32_t>(row - 1);
}

std::optional<RangeAddr> parse_range(std::string_view s) {
    auto colon = s.find(':');
    if (colon == std::string_view::npos) {
        auto c = parse_cell(s);
        if (!c) return std::nullopt;
        return RangeAddr{c->row, c->col, c->row, c->col};
    }
    auto a = s.substr(0, colon), b = s.substr(colon + 1);
    if (auto ca = parse_cell(a)) {
        auto cb = parse_cell(b);
        if (!cb) return std::nullopt;
        return RangeAddr{std::min(ca->row, cb->row), std::min(ca->col, cb->col),
                         std::max(ca->row, cb->row), std::max(ca->col, cb->col)};
    }
    auto strip = [](std::string_view x) { return (!x.empty() && x[0] == '$') ? x.substr(1) : x; };
    if (auto ka = column_from_letters(strip(a))) {
        auto kb = column_from_letters(strip(b));
        if (!kb) return std::nullopt;
        return RangeAddr{0, std::min(*ka, *kb), kMaxRows - 1, std::max(*ka, *kb)};
    }
    auto ra = parse_row_only(a), rb = parse_row_only(b);
    if (!ra || !rb) return std::nullopt;
    return RangeAddr{std::min(*ra, *rb), 0, std::max(*ra, *rb), kMaxCols - 1};
}

std::string cell_text(CellAddr c) { return column_letters(c.col) + std::to_string(c.row + 1); }

std::string range_text(const RangeAddr& r) {
    if (r.is_cell()) return cell_text({r.r1, r.c1});
    return cell_text({r.r1, r.c1}) + ":" + cell_text({r.r2, r.c2});
}

std::string quote_sheet_name(std::string_view name) {
    bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
    for (unsigned char ch : name)
        if (!(std::isalnum(ch) || ch == '_' || ch == '.')) plain = false;  // non-ASCII is quoted, as Excel does
    // A name that looks like a cell reference (e.g. "A1") or R1C1 must be quoted too.
    if (plain && parse_cell(name)) plain = false;
    if (plain) return std::string(name);
    std::string out = "'";
    for (char ch : name) {
        if (ch == '\'') out += '\'';
        out += ch;
    }
    return out + "'";
}

}  // namespace sp
