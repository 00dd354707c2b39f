// lookup.cpp — lookup and reference functions: VLOOKUP, HLOOKUP, XLOOKUP, LOOKUP, MATCH,
// XMATCH, INDEX, OFFSET, INDIRECT, ROW(S), COLUMN(S), ADDRESS, AREAS, TRANSPOSE, …
//
// Exact matches compare types strictly (the number 13 never matches the text "13"), text
// case-insensitively with wildcards where Excel allows them. A vector queried a second
// time within a recalc gets a hash index (normalised key -> first/last position) in the
// CallContext's scratch storage, so 100,000 VLOOKUPs into one table cost one scan.
// Approximate matches use Excel's binary search, which on unsorted data returns what
// Excel returns rather than what a linear scan would find: cells of another type than
// the lookup value (blanks, errors, text among numbers) are stepped over.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <vector>

#include "formula/functions/criteria.h"
#include "formula/functions/text_regex.h"
#include "formula/functions/utf8.h"

namespace sp {
namespace {

using crit::Grid;

Value err(Err e) { return Value::error(e); }

// --- vectors and comparisons ------------------------------------------------------------

// One row or column of a grid, addressed 0..n-1.
struct Vec {
    Grid g;
    bool across = false;  // elements run along a row
    int64_t n = 0;
    CellView at(CallContext& ctx, int64_t k, Value& keep) const {
        return across ? crit::cell_at(ctx, g, 0, k, keep) : crit::cell_at(ctx, g, k, 0, keep);
    }
};

// Row i (across) or column j of a grid as a vector, bounded by the used part of the sheet.
Vec vec_of(const Grid& g, bool across, int64_t index = 0) {
    Vec v;
    v.across = across;
    v.g = g;
    if (g.is_ref()) {
        if (across) {
            v.g.range.r1 = v.g.range.r2 = int32_t(g.range.r1 + index);
            int64_t last = std::min<int64_t>(g.range.c2, g.sheet->column_count() - 1);
            v.n = std::max<int64_t>(0, last - g.range.c1 + 1);
        } else {
            v.g.range.c1 = v.g.range.c2 = int32_t(g.range.c1 + index);
            v.g.rows = g.rows;
            v.g.cols = 1;
            v.n = crit::used_rows(v.g);
        }
        v.g.rows = v.g.range.rows();
        v.g.cols = v.g.range.cols();
        return v;
    }
    Array a(across ? 1 : uint32_t(g.rows), across ? uint32_t(g.cols) : 1);
    for (int64_t k = 0; k < (across ? g.cols : g.rows); ++k)
        a.at(across ? 0 : uint32_t(k), across ? uint32_t(k) : 0) =
            across ? g.array.at(uint32_t(index), uint32_t(k)) : g.array.at(uint32_t(k), uint32_t(index));
    v.g.array = std::move(a);
    v.g.rows = v.g.array.rows();
    v.g.cols = v.g.array.cols();
    v.n = across ? v.g.cols : v.g.rows;
    return v;
}

// The lookup value, prepared once: its type class and folded text.
struct Key {
    Type type = Type::Empty;  // Number, String or Bool
    double num = 0;
    bool b = false;
    std::string text;          // folded
    bool wildcard = false;     // text with ? or * (when the function allows wildcards)
};

Key make_key(const Value& v, bool wildcards) {
    Key k;
    k.type = v.type();
    if (v.is_number()) k.num = v.number();
    else if (v.is_bool()) k.b = v.boolean();
    else if (v.is_string()) {
        k.text = crit::fold(v.string());
        k.wildcard = wildcards && crit::has_wildcards(k.text);
        if (wildcards && !k.wildcard) k.text = crit::unescape(k.text);
    }
    return k;
}

std::string_view str_of(const CellView& v) { return std::string_view(v.str->data, v.str->size); }

// Excel's order across types: numbers < text < booleans (blanks and errors: none).
int rank(Type t) { return t == Type::Number ? 0 : t == Type::String ? 1 : t == Type::Bool ? 2 : -1; }

// MATCH/VLOOKUP/LOOKUP compare a cell only with a key of its own type; XLOOKUP and XMATCH
// (total = true) order every number, text and boolean.
bool same_class(const Key& k, const CellView& v, bool total = false) {
    return total ? rank(v.type) >= 0 : v.type == k.type;
}

// Order of a cell against the key: <0, 0, >0.
int order(const Key& k, const CellView& v) {
    if (rank(v.type) != rank(k.type)) return rank(v.type) < rank(k.type) ? -1 : 1;
    switch (k.type) {
        case Type::Number:
            if (crit::num_eq(v.num, k.num)) return 0;
            return v.num < k.num ? -1 : 1;
        case Type::Bool: return int(v.b) - int(k.b);
        case Type::String: {
            std::string t = crit::fold(str_of(v));
            int c = std::string_view(t).compare(k.text);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        default: return 1;
    }
}

bool equals(const Key& k, const CellView& v) {
    if (!same_class(k, v)) return false;
    if (k.type == Type::String && k.wildcard) return crit::wildcard_match(k.text, crit::fold(str_of(v)));
    return order(k, v) == 0;
}

// Hash index of a vector: normalised key -> first and last position.
struct VecIndex {
    int uses = 0;
    bool built = false;
    std::unordered_map<std::string, std::pair<int64_t, int64_t>> map;
};

// Exact search: first (or last) position whose cell equals the key; -1 when none.
int64_t find_exact(CallContext& ctx, const Vec& v, const Key& k, bool from_last) {
    if (k.type != Type::Number && k.type != Type::String && k.type != Type::Bool) return -1;
    if (v.g.is_ref() && !k.wildcard) {
        auto* idx = crit::scratch_get<VecIndex>(ctx, 'L', v.g);
        if (idx->uses++ > 0) {  // a second query of this vector: index it
            if (!idx->built) {
                std::string key;
                crit::for_each_cell(ctx, v.g, [&](int64_t i, int64_t j, const CellView& c) {
                    crit::cell_key(c, key, false, false);
                    if (key.empty() || key[0] == 'e') return;
                    int64_t pos = v.across ? j : i;
                    auto [it, fresh] = idx->map.try_emplace(key, pos, pos);
                    if (!fresh) {
                        it->second.first = std::min(it->second.first, pos);
                        it->second.second = std::max(it->second.second, pos);
                    }
                });
                idx->built = true;
            }
            thread_local std::string key;
            if (k.type == Type::String) {  // the key's text is folded already
                key.assign(1, 't');
                key += k.text;
            } else {
                CellView kv;
                kv.type = k.type;
                if (k.type == Type::Number) kv.num = k.num;
                else kv.b = k.b;
                crit::cell_key(kv, key, false, false);
            }
            auto it = idx->map.find(key);
            if (it == idx->map.end()) return -1;
            return from_last ? it->second.second : it->second.first;
        }
    }
    int64_t found = -1;
    crit::for_each_cell(ctx, v.g, [&](int64_t i, int64_t j, const CellView& c) {
        int64_t pos = v.across ? j : i;
        if ((found < 0 || from_last || pos < found) && equals(k, c)) {
            if (found < 0 || (from_last ? pos > found : pos < found)) found = pos;
        }
    });
    return found;
}

// Excel's binary search: the last position whose cell is <= key (>= key when descending),
// probing only cells of the key's type — at each probe, cells of other types are stepped
// over towards the low end. -1 when none.
int64_t binary_search(CallContext& ctx, const Vec& v, const Key& k, bool descending, bool total = false) {
    int64_t lo = 0, hi = v.n - 1, result = -1;
    Value keep;
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2, m = mid;
        CellView c;
        for (; m >= lo; --m) {
            c = v.at(ctx, m, keep);
            if (same_class(k, c, total)) break;
        }
        if (m < lo) { lo = mid + 1; continue; }
        int o = order(k, c);
        if (descending) o = -o;
        if (o <= 0) {
            result = m;
            lo = mid + 1;
        } else {
            hi = m - 1;
        }
    }
    return result;
}

// The next position after p (or before, when backwards) holding a cell of the key's type.
int64_t next_comparable(CallContext& ctx, const Vec& v, const Key& k, int64_t p) {
    Value keep;
    for (int64_t q = p + 1; q < v.n; ++q)
        if (same_class(k, v.at(ctx, q, keep), true)) return q;
    return -1;
}

// Linear search for XLOOKUP/XMATCH's "exact or next smaller (-1) / larger (1)".
int64_t find_nearest(CallContext& ctx, const Vec& v, const Key& k, int mode, bool from_last) {
    int64_t exact = find_exact(ctx, v, k, from_last);
    if (exact >= 0) return exact;
    int64_t best = -1;
    Value keep, best_value;
    for (int64_t q = 0; q < v.n; ++q) {
        int64_t pos = from_last ? v.n - 1 - q : q;
        CellView c = v.at(ctx, pos, keep);
        if (!same_class(k, c, true)) continue;
        int o = order(k, c);
        if (mode < 0 ? o >= 0 : o <= 0) continue;
        if (best >= 0) {
            // Closer than the best so far: larger when looking below, smaller when above.
            Key bk = make_key(best_value, false);
            int ob = order(bk, c);
            if (mode < 0 ? ob <= 0 : ob >= 0) continue;
        }
        best = pos;
        best_value = c.value();
    }
    return best;
}

// --- argument helpers ---------------------------------------------------------------------

Err num_arg(CallContext& ctx, const Operand& a, double& out) { return CallContext::to_number(ctx.scalar(a), out); }

// A lookup table argument: a reference or an array; a scalar number or boolean is a 1×1
// table, text is #VALUE! (Excel: HLOOKUP(x,"Nothing",1)).
Err table_arg(CallContext& ctx, const Operand& a, Grid& g) {
    if (a.is_value() && a.value().is_string()) return Err::Value;
    if (a.is_value() && a.value().is_error()) return a.value().error();
    if (!crit::make_grid(ctx, a, g)) return Err::Value;
    return Err::None;
}

// The lookup value as a scalar; an error is returned as is.
Value lookup_value(CallContext& ctx, const Operand& a) { return ctx.scalar(a); }

// A result read from a cell (an empty cell reads as 0 in a scalar context; the VM does that).
Value read(CallContext& ctx, const Grid& g, int64_t i, int64_t j) {
    Value keep;
    CellView v = crit::cell_at(ctx, g, i, j, keep);
    return keep.is_empty() ? v.value() : keep;
}

// --- VLOOKUP, HLOOKUP, LOOKUP, MATCH ------------------------------------------------------

Operand vh_lookup(CallContext& ctx, Args args, bool vertical) {
    Value x = lookup_value(ctx, args[0]);
    if (x.is_error()) return x;
    Grid g;
    if (Err e = table_arg(ctx, args[1], g); e != Err::None) return err(e);
    double idx;
    if (Err e = num_arg(ctx, args[2], idx); e != Err::None) return err(e);
    bool approx = true;
    if (args.size() > 3 && !args[3].is_missing())
        if (Err e = CallContext::to_bool(ctx.scalar(args[3]), approx); e != Err::None) return err(e);
    idx = std::trunc(idx);
    if (idx < 1) return err(Err::Value);
    if (idx > double(vertical ? g.cols : g.rows)) return err(Err::Ref);
    Vec v = vec_of(g, !vertical);
    Key k = make_key(x, !approx);
    int64_t pos = approx ? binary_search(ctx, v, k, false) : find_exact(ctx, v, k, false);
    if (pos < 0) return err(Err::NA);
    return vertical ? read(ctx, g, pos, int64_t(idx) - 1) : read(ctx, g, int64_t(idx) - 1, pos);
}
Operand fn_vlookup(CallContext& ctx, Args a) { return vh_lookup(ctx, a, true); }
Operand fn_hlookup(CallContext& ctx, Args a) { return vh_lookup(ctx, a, false); }

// LOOKUP(value, vector, [result]) or LOOKUP(value, array): approximate only. The array
// form searches the first row of a wide array (else the first column) and returns the
// matching element of the last row (column).
Operand fn_lookup(CallContext& ctx, Args args) {
    Value x = lookup_value(ctx, args[0]);
    if (x.is_error()) return x;
    Grid g;
    if (Err e = table_arg(ctx, args[1], g); e != Err::None) return err(e);
    Key k = make_key(x, false);
    if (args.size() < 3 || args[2].is_missing()) {
        bool across = g.cols > g.rows;
        Vec v = vec_of(g, across);
        int64_t pos = binary_search(ctx, v, k, false);
        if (pos < 0) return err(Err::NA);
        return across ? read(ctx, g, g.rows - 1, pos) : read(ctx, g, pos, g.cols - 1);
    }
    Vec v = vec_of(g, g.rows == 1 && g.cols > 1);
    int64_t pos = binary_search(ctx, v, k, false);
    if (pos < 0) return err(Err::NA);
    Grid r;
    if (Err e = table_arg(ctx, args[2], r); e != Err::None) return err(e);
    // The result vector is read along its own orientation, from its start, even when it
    // is shorter than the position (Excel extends a reference past its end).
    bool r_across = r.rows == 1 && r.cols > 1;
    if (!r.is_ref() && pos >= (r_across ? r.cols : r.rows)) return err(Err::NA);
    if (r.is_ref()) {
        Grid big = crit::resized(r, r_across ? 1 : pos + 1, r_across ? pos + 1 : 1);
        return r_across ? read(ctx, big, 0, pos) : read(ctx, big, pos, 0);
    }
    return r_across ? read(ctx, r, 0, pos) : read(ctx, r, pos, 0);
}

// A one-row or one-column lookup array; false for a 2-D one.
bool vector_arg(CallContext& ctx, const Operand& a, Vec& v, Err& e) {
    Grid g;
    e = table_arg(ctx, a, g);
    if (e != Err::None) return false;
    if (g.rows != 1 && g.cols != 1) { e = Err::NA; return false; }
    v = vec_of(g, g.rows == 1 && g.cols > 1);
    return true;
}

Operand fn_match(CallContext& ctx, Args args) {
    Value x = lookup_value(ctx, args[0]);
    if (x.is_error()) return x;
    Vec v;
    Err e;
    if (!vector_arg(ctx, args[1], v, e)) return err(e);
    double type = 1;
    if (args.size() > 2 && !args[2].is_missing())
        if (Err e2 = num_arg(ctx, args[2], type); e2 != Err::None) return err(e2);
    int64_t pos;
    if (type == 0) pos = find_exact(ctx, v, make_key(x, true), false);
    else pos = binary_search(ctx, v, make_key(x, false), type < 0);
    if (pos < 0) return err(Err::NA);
    return Value(double(pos + 1));
}

// --- XLOOKUP, XMATCH ------------------------------------------------------------------------

// Position for XLOOKUP/XMATCH's match_mode (0 exact, -1 or next smaller, 1 or next
// larger, 2 wildcard) and search_mode (1 first, -1 last, 2 binary ascending, -2 descending).
Err x_find(CallContext& ctx, const Vec& v, const Value& x, double match, double search, int64_t& pos) {
    int m = int(match), s = int(search);
    if (match != m || m < -1 || m > 2) return Err::Value;
    if (search != s || (s != 1 && s != -1 && s != 2 && s != -2)) return Err::Value;
    Key k = make_key(x, m == 2);
    if (m == 2 && (s == 2 || s == -2)) return Err::Value;  // no wildcards in a binary search
    if (x.is_empty()) {  // an empty lookup value finds the first (last) empty cell
        pos = -1;
        Value keep;
        int64_t full = v.across ? v.g.cols : v.g.rows;
        if (s < 0 && full > v.n) { pos = full - 1; return Err::None; }
        for (int64_t q = 0; q < v.n; ++q) {
            int64_t p = s < 0 ? v.n - 1 - q : q;
            if (v.at(ctx, p, keep).type == Type::Empty) { pos = p; return Err::None; }
        }
        if (full > v.n) pos = v.n;
        return Err::None;
    }
    if (s == 2 || s == -2) {
        bool desc = s == -2;
        int64_t p = binary_search(ctx, v, k, desc, true);
        Value keep;
        bool hit = p >= 0 && order(k, v.at(ctx, p, keep)) == 0;
        // Among equal keys XLOOKUP's binary search returns the first one (ascending) or
        // the last one (descending), as Excel does.
        while (hit && !desc && p > 0 && order(k, v.at(ctx, p - 1, keep)) == 0 && same_class(k, v.at(ctx, p - 1, keep), true)) --p;
        if (m == 0 || m == 2) pos = hit ? p : -1;
        else if (hit || (m == -1) != desc) pos = p;  // ascending & smaller, descending & larger
        else pos = next_comparable(ctx, v, k, p);
        return Err::None;
    }
    pos = (m == 0 || m == 2) ? find_exact(ctx, v, k, s == -1) : find_nearest(ctx, v, k, m, s == -1);
    return Err::None;
}

// XMATCH's match_mode 3: the lookup value (as text) is a regular expression, matched
// case-sensitively anywhere in each text cell, as REGEXTEST does; other cells never match.
// Only a linear search (search_mode 1 or -1); an invalid pattern is #VALUE!.
Err regex_find(CallContext& ctx, const Vec& v, const Value& x, double search, int64_t& pos) {
    if (search != 1 && search != -1) return Err::Value;
    std::string pattern;
    if (Err e = CallContext::to_text(x, pattern); e != Err::None) return e;
    auto re = rx::compile(pattern, false);
    if (!re) return Err::Value;
    pos = -1;
    Value keep;
    for (int64_t q = 0; q < v.n; ++q) {
        int64_t p = search < 0 ? v.n - 1 - q : q;
        CellView c = v.at(ctx, p, keep);
        if (c.type != Type::String) continue;
        bool found = false;
        if (Err e = rx::search(*re, str_of(c), found); e != Err::None) return e;
        if (found) { pos = p; return Err::None; }
    }
    return Err::None;
}

Operand fn_xmatch(CallContext& ctx, Args args) {
    Value x = lookup_value(ctx, args[0]);
    if (x.is_error()) return x;
    Vec v;
    Err e;
    if (!vector_arg(ctx, args[1], v, e)) return err(e);
    double match = 0, search = 1;
    if (args.size() > 2 && !args[2].is_missing())
        if (Err e2 = num_arg(ctx, args[2], match); e2 != Err::None) return err(e2);
    if (args.size() > 3 && !args[3].is_missing())
        if (Err e2 = num_arg(ctx, args[3], search); e2 != Err::None) return err(e2);
    int64_t pos;
    if (match == 3) {
        if (Err e2 = regex_find(ctx, v, x, search, pos); e2 != Err::None) return err(e2);
    } else if (Err e2 = x_find(ctx, v, x, match, search, pos); e2 != Err::None) {
        return err(e2);
    }
    if (pos < 0) return err(Err::NA);
    return Value(double(pos + 1));
}

// XLOOKUP returns the matching row (column) of return_array: a reference when it is one.
Operand fn_xlookup(CallContext& ctx, Args args) {
    Value x = lookup_value(ctx, args[0]);
    if (x.is_error()) return x;
    Vec v;
    Err e;
    if (!vector_arg(ctx, args[1], v, e)) return err(e == Err::NA ? Err::Value : e);
    Grid r;
    if (Err e2 = table_arg(ctx, args[2], r); e2 != Err::None) return err(e2);
    int64_t len = v.across ? v.g.cols : v.g.rows;
    if ((v.across ? r.cols : r.rows) != len) return err(Err::Value);
    double match = 0, search = 1;
    if (args.size() > 4 && !args[4].is_missing())
        if (Err e2 = num_arg(ctx, args[4], match); e2 != Err::None) return err(e2);
    if (args.size() > 5 && !args[5].is_missing())
        if (Err e2 = num_arg(ctx, args[5], search); e2 != Err::None) return err(e2);
    int64_t pos;
    if (Err e2 = x_find(ctx, v, x, match, search, pos); e2 != Err::None) return err(e2);
    if (pos < 0) {
        if (args.size() > 3 && !args[3].is_missing()) return args[3].is_value() ? args[3] : Operand(ctx.scalar(args[3]));
        return err(Err::NA);
    }
    if (r.is_ref()) {
        SheetRange out{r.sheet_id, r.range};
        if (v.across) out.range.c1 = out.range.c2 = int32_t(r.range.c1 + pos);
        else out.range.r1 = out.range.r2 = int32_t(r.range.r1 + pos);
        return out;
    }
    if ((v.across ? r.rows : r.cols) == 1) return v.across ? r.array.at(0, uint32_t(pos)) : r.array.at(uint32_t(pos), 0);
    Array out(v.across ? uint32_t(r.rows) : 1, v.across ? 1 : uint32_t(r.cols));
    for (uint32_t k = 0; k < (v.across ? r.rows : r.cols); ++k)
        out.at(v.across ? k : 0, v.across ? 0 : k) = v.across ? r.array.at(k, uint32_t(pos)) : r.array.at(uint32_t(pos), k);
    return Value::array(std::move(out));
}

// --- INDEX, OFFSET, INDIRECT ---------------------------------------------------------------

// INDEX(array, row, [col], [area]): a reference into a reference (row/col 0 = the whole
// column/row), an element or slice of an array. With only a row number, a single row
// is indexed by column.
Operand fn_index(CallContext& ctx, Args args) {
    double row = 0, col = 0, area = 1;
    bool has_col = args.size() > 2 && !args[2].is_missing();
    if (args.size() > 1 && !args[1].is_missing())
        if (Err e = num_arg(ctx, args[1], row); e != Err::None) return err(e);
    if (has_col)
        if (Err e = num_arg(ctx, args[2], col); e != Err::None) return err(e);
    if (args.size() > 3 && !args[3].is_missing())
        if (Err e = num_arg(ctx, args[3], area); e != Err::None) return err(e);
    row = std::trunc(row);
    col = std::trunc(col);
    area = std::trunc(area);
    if (row < 0 || col < 0) return err(Err::Value);
    const Operand& a = args[0];
    int64_t rows, cols;
    SheetRange ref;
    Array arr;
    if (a.is_ref()) {
        auto areas = a.area_list();
        if (area < 1 || area > double(areas.size())) return err(Err::Ref);
        ref = areas[size_t(area) - 1];
        rows = ref.range.rows();
        cols = ref.range.cols();
    } else {
        if (a.is_value() && a.value().is_error()) return a.value();
        if (area != 1) return err(Err::Ref);
        arr = ctx.to_array(a);
        rows = arr.rows();
        cols = arr.cols();
    }
    if (!has_col && rows == 1 && cols > 1) std::swap(row, col);  // INDEX(A1:E1, 3) is C1
    if (row > double(rows) || col > double(cols)) return err(Err::Ref);
    int64_t r1 = row ? int64_t(row) - 1 : 0, r2 = row ? int64_t(row) - 1 : rows - 1;
    int64_t c1 = col ? int64_t(col) - 1 : 0, c2 = col ? int64_t(col) - 1 : cols - 1;
    if (a.is_ref()) {
        SheetRange out{ref.sheet, RangeAddr{int32_t(ref.range.r1 + r1), int32_t(ref.range.c1 + c1),
                                            int32_t(ref.range.r1 + r2), int32_t(ref.range.c1 + c2)}};
        return out;
    }
    if (r1 == r2 && c1 == c2) return arr.at(uint32_t(r1), uint32_t(c1));
    Array out(uint32_t(r2 - r1 + 1), uint32_t(c2 - c1 + 1));
    for (int64_t i = r1; i <= r2; ++i)
        for (int64_t j = c1; j <= c2; ++j) out.at(uint32_t(i - r1), uint32_t(j - c1)) = arr.at(uint32_t(i), uint32_t(j));
    return Value::array(std::move(out));
}

// OFFSET(ref, rows, cols, [height], [width]); a negative height or width extends up/left.
Operand fn_offset(CallContext& ctx, Args args) {
    if (args[0].kind() != Operand::Kind::Ref) return err(Err::Value);
    const SheetRange& base = args[0].ref();
    double dr, dc, h = double(base.range.rows()), w = double(base.range.cols());
    if (Err e = num_arg(ctx, args[1], dr); e != Err::None) return err(e);
    if (Err e = num_arg(ctx, args[2], dc); e != Err::None) return err(e);
    if (args.size() > 3 && !args[3].is_missing())
        if (Err e = num_arg(ctx, args[3], h); e != Err::None) return err(e);
    if (args.size() > 4 && !args[4].is_missing())
        if (Err e = num_arg(ctx, args[4], w); e != Err::None) return err(e);
    if (h == 0 || w == 0) return err(Err::Ref);
    // A fractional size is cut to whole cells, but never below one (Excel: width 0.9 is 1).
    h = std::trunc(h) != 0 ? std::trunc(h) : (h > 0 ? 1 : -1);
    w = std::trunc(w) != 0 ? std::trunc(w) : (w > 0 ? 1 : -1);
    double r1 = base.range.r1 + std::trunc(dr), c1 = base.range.c1 + std::trunc(dc);
    double r2 = r1 + h + (h > 0 ? -1 : 1), c2 = c1 + w + (w > 0 ? -1 : 1);
    if (r2 < r1) std::swap(r1, r2);
    if (c2 < c1) std::swap(c1, c2);
    if (r1 < 0 || c1 < 0 || r2 >= kMaxRows || c2 >= kMaxCols) return err(Err::Ref);
    return SheetRange{base.sheet, RangeAddr{int32_t(r1), int32_t(c1), int32_t(r2), int32_t(c2)}};
}

// R1C1 reference text for INDIRECT(text, FALSE): R2C3, R[1]C[-1], R5 / C3 (whole row/col),
// optionally with a sheet and a second corner.
bool parse_r1c1_part(std::string_view& s, char letter, int32_t base, int32_t limit, int32_t& out, bool& present) {
    present = false;
    if (s.empty() || (s[0] != letter && s[0] != letter + 32)) return true;
    s.remove_prefix(1);
    present = true;
    bool rel = !s.empty() && s[0] == '[';
    if (rel) s.remove_prefix(1);
    int64_t n = 0;
    bool neg = !s.empty() && s[0] == '-', digits = false;
    if (neg || (!s.empty() && s[0] == '+')) s.remove_prefix(1);
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') { n = n * 10 + (s[0] - '0'); s.remove_prefix(1); digits = true; if (n > 1e7) return false; }
    if (neg) n = -n;
    if (rel) {
        if (s.empty() || s[0] != ']') return false;
        s.remove_prefix(1);
        out = int32_t(base + n);
    } else {
        out = digits ? int32_t(n - 1) : base;  // "R" alone is the formula's own row
    }
    return out >= 0 && out < limit;
}

std::optional<SheetRange> resolve_r1c1(CallContext& ctx, std::string_view text) {
    SheetRange out{ctx.sheet(), {}};
    auto bang = text.rfind('!');
    if (bang != std::string_view::npos) {
        std::string_view name = text.substr(0, bang);
        if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') name = name.substr(1, name.size() - 2);
        auto id = ctx.workbook().find_sheet(std::string(name));
        if (!id) return std::nullopt;
        out.sheet = *id;
        text = text.substr(bang + 1);
    }
    CellAddr at = ctx.cell();
    auto corner = [&](std::string_view& s, int32_t& r, int32_t& c, bool& has_r, bool& has_c) {
        return parse_r1c1_part(s, 'R', at.row, kMaxRows, r, has_r) && parse_r1c1_part(s, 'C', at.col, kMaxCols, c, has_c);
    };
    int32_t r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    bool hr1, hc1, hr2, hc2;
    if (!corner(text, r1, c1, hr1, hc1) || (!hr1 && !hc1)) return std::nullopt;
    r2 = r1, c2 = c1, hr2 = hr1, hc2 = hc1;
    if (!text.empty() && text[0] == ':') {
        text.remove_prefix(1);
        if (!corner(text, r2, c2, hr2, hc2) || hr2 != hr1 || hc2 != hc1) return std::nullopt;
    }
    if (!text.empty()) return std::nullopt;
    if (!hr1) { r1 = 0; r2 = kMaxRows - 1; }
    if (!hc1) { c1 = 0; c2 = kMaxCols - 1; }
    out.range = RangeAddr{std::min(r1, r2), std::min(c1, c2), std::max(r1, r2), std::max(c1, c2)};
    return out;
}

Operand fn_indirect(CallContext& ctx, Args args) {
    Value t = ctx.scalar(args[0]);
    if (t.is_error()) return t;
    bool a1 = true;
    if (args.size() > 1 && !args[1].is_missing())
        if (Err e = CallContext::to_bool(ctx.scalar(args[1]), a1); e != Err::None) return err(e);
    std::string text;
    if (Err e = CallContext::to_text(t, text); e != Err::None) return err(e);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    auto r = a1 ? ctx.resolve_reference_text(text, true) : resolve_r1c1(ctx, text);
    if (!r) return err(Err::Ref);
    return *r;
}

// --- ROW, COLUMN, ROWS, COLUMNS, AREAS, ADDRESS ----------------------------------------------

Operand row_or_col(CallContext& ctx, Args args, bool want_row) {
    if (args.empty() || args[0].is_missing()) return Value(double((want_row ? ctx.cell().row : ctx.cell().col) + 1));
    if (args[0].is_value() && args[0].value().is_error()) return args[0].value();
    if (args[0].kind() != Operand::Kind::Ref) return err(Err::Value);
    const RangeAddr& r = args[0].ref().range;
    int64_t first = want_row ? r.r1 : r.c1, count = want_row ? r.rows() : r.cols();
    if (count == 1 || !ctx.array_mode()) return Value(double(first + 1));
    Array out(want_row ? uint32_t(count) : 1, want_row ? 1 : uint32_t(count));
    for (int64_t k = 0; k < count; ++k) out.at(want_row ? uint32_t(k) : 0, want_row ? 0 : uint32_t(k)) = Value(double(first + k + 1));
    return Value::array(std::move(out));
}
Operand fn_row(CallContext& ctx, Args a) { return row_or_col(ctx, a, true); }
Operand fn_column(CallContext& ctx, Args a) { return row_or_col(ctx, a, false); }

Operand rows_or_cols(CallContext& ctx, Args args, bool want_rows) {
    const Operand& a = args[0];
    if (a.kind() == Operand::Kind::Areas) return err(Err::Ref);
    if (a.kind() == Operand::Kind::Ref) return Value(double(want_rows ? a.ref().range.rows() : a.ref().range.cols()));
    if (a.is_value() && a.value().is_error()) return a.value();
    if (a.is_value() && a.value().is_array()) return Value(double(want_rows ? a.value().array().rows() : a.value().array().cols()));
    return Value(1.0);
}
Operand fn_rows(CallContext& ctx, Args a) { return rows_or_cols(ctx, a, true); }
Operand fn_columns(CallContext& ctx, Args a) { return rows_or_cols(ctx, a, false); }

Operand fn_areas(CallContext& ctx, Args args) {
    if (!args[0].is_ref()) return err(args[0].is_value() && args[0].value().is_error() ? args[0].value().error() : Err::Value);
    return Value(double(args[0].area_list().size()));
}

// A sheet name as Excel's ADDRESS writes it: quoted ('' for ') unless it is made of word
// characters (letters and digits of any script, _ and .), does not start with a digit or a
// dot, is not an A1 reference and does not start with an R1C1 one (R12…, C3…, RC4…, or is
// R, C, RC). These are the rules observed in Excel's own formula text (the same that
// XlsxWriter documents); an empty name gives "!" alone.
bool address_word_char(char32_t c) {
    if (c < 0x80) return std::isalnum(int(c)) || c == '_' || c == '.';
    if (c >= 0x1F000) return true;  // emoji: Excel leaves them unquoted
    locale_t loc = utf8::unicode_ctype();
    return loc ? iswalnum_l(wint_t(c), loc) != 0 : true;
}

// The number of leading ASCII digits of s from i, and their value (capped).
size_t digits_at(std::string_view s, size_t i, int64_t& value) {
    size_t j = i;
    value = 0;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
        if (value < 100000000) value = value * 10 + (s[j] - '0');
        ++j;
    }
    return j - i;
}

bool address_needs_quotes(std::string_view name) {
    for (size_t i = 0; i < name.size();)
        if (!address_word_char(utf8::next(name, i))) return true;
    if (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '.') return true;
    std::string up(name);
    for (char& ch : up) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    std::string_view u = up;
    // An A1 reference within the sheet's limits.
    size_t letters = 0;
    while (letters < u.size() && letters < 4 && u[letters] >= 'A' && u[letters] <= 'Z') ++letters;
    int64_t n;
    if (letters >= 1 && letters <= 3 && digits_at(u, letters, n) == u.size() - letters && n >= 1 && n <= kMaxRows) {
        int64_t col = 0;
        for (size_t k = 0; k < letters; ++k) col = col * 26 + (u[k] - 'A' + 1);
        if (col <= kMaxCols) return true;
    }
    // The start of an R1C1 reference: R<row>…, C<col>…, RC<col>…, or R, C, RC alone.
    if (u == "R" || u == "C" || u == "RC") return true;
    if (u[0] == 'R' && digits_at(u, 1, n) > 0 && n >= 1 && n <= kMaxRows) return true;
    size_t c = u[0] == 'C' ? 1 : u.substr(0, 2) == "RC" ? 2 : 0;
    if (c && digits_at(u, c, n) > 0 && n >= 1 && n <= kMaxCols) return true;
    return false;
}

std::string address_sheet_prefix(std::string_view name) {
    if (name.empty() || !address_needs_quotes(name)) return std::string(name) + "!";
    std::string out = "'";
    for (char ch : name) {
        if (ch == '\'') out += '\'';
        out += ch;
    }
    return out + "'!";
}

// ADDRESS(row, col, [abs 1..4], [a1], [sheet]).
Operand fn_address(CallContext& ctx, Args args) {
    double row, col, abs = 1;
    if (Err e = num_arg(ctx, args[0], row); e != Err::None) return err(e);
    if (Err e = num_arg(ctx, args[1], col); e != Err::None) return err(e);
    if (args.size() > 2 && !args[2].is_missing())
        if (Err e = num_arg(ctx, args[2], abs); e != Err::None) return err(e);
    bool a1 = true;
    if (args.size() > 3 && !args[3].is_missing())
        if (Err e = CallContext::to_bool(ctx.scalar(args[3]), a1); e != Err::None) return err(e);
    row = std::trunc(row);
    col = std::trunc(col);
    abs = std::trunc(abs);
    if (abs < 1 || abs > 4 || row < 1 || col < 1 || row > kMaxRows || col > kMaxCols) return err(Err::Value);
    bool abs_row = abs == 1 || abs == 2, abs_col = abs == 1 || abs == 3;
    std::string out;
    if (args.size() > 4 && !args[4].is_missing()) {
        std::string sheet;
        if (Err e = CallContext::to_text(ctx.scalar(args[4]), sheet); e != Err::None) return err(e);
        out = address_sheet_prefix(sheet);
    }
    std::string r = std::to_string(int64_t(row)), c = std::to_string(int64_t(col));
    auto part = [&](bool absolute, const std::string& n) {
        if (absolute) { out += n; return; }
        out += '[';
        out += n;
        out += ']';
    };
    if (a1) {
        if (abs_col) out += '$';
        out += column_letters(int32_t(col) - 1);
        if (abs_row) out += '$';
        out += r;
    } else {
        out += 'R';
        part(abs_row, r);
        out += 'C';
        part(abs_col, c);
    }
    return Value::string(out);
}

// --- arrays: TRANSPOSE, CHOOSECOLS, CHOOSEROWS ---------------------------------------------

Operand fn_transpose(CallContext& ctx, Args args) {
    Array a = ctx.to_array(args[0]);
    Array out(a.cols(), a.rows());
    for (uint32_t r = 0; r < a.rows(); ++r)
        for (uint32_t c = 0; c < a.cols(); ++c) out.at(c, r) = a.at(r, c);
    return Value::array(std::move(out));
}

Operand choose_lines(CallContext& ctx, Args args, bool cols) {
    Array a = ctx.to_array(args[0]);
    int64_t n = cols ? a.cols() : a.rows();
    std::vector<uint32_t> pick;
    for (size_t k = 1; k < args.size(); ++k) {
        Value v = args[k].is_value() ? args[k].value() : Value::array(ctx.to_array(args[k]));
        std::vector<Value> items = v.is_array() ? v.array().cells() : std::vector<Value>{v};
        for (const Value& item : items) {
            double d;
            if (Err e = CallContext::to_number(item, d); e != Err::None) return err(e);
            d = std::trunc(d);
            if (d == 0 || std::fabs(d) > double(n)) return err(Err::Value);
            pick.push_back(uint32_t(d > 0 ? d - 1 : double(n) + d));
        }
    }
    Array out(cols ? a.rows() : uint32_t(pick.size()), cols ? uint32_t(pick.size()) : a.cols());
    for (uint32_t k = 0; k < pick.size(); ++k)
        for (uint32_t m = 0; m < (cols ? a.rows() : a.cols()); ++m)
            if (cols) out.at(m, k) = a.at(m, pick[k]);
            else out.at(k, m) = a.at(pick[k], m);
    return Value::array(std::move(out));
}
Operand fn_choosecols(CallContext& ctx, Args a) { return choose_lines(ctx, a, true); }
Operand fn_chooserows(CallContext& ctx, Args a) { return choose_lines(ctx, a, false); }

// --- HYPERLINK, FORMULATEXT -----------------------------------------------------------------

Operand fn_hyperlink(CallContext& ctx, Args args) {
    if (args.size() > 1 && !args[1].is_missing()) return ctx.scalar(args[1]);
    return ctx.scalar(args[0]);
}

Operand fn_formulatext(CallContext& ctx, Args args) {
    if (args[0].kind() != Operand::Kind::Ref) return err(Err::NA);
    const SheetRange& r = args[0].ref();
    std::string text = ctx.workbook().formula_text(r.sheet, CellAddr{r.range.r1, r.range.c1});
    if (text.empty()) return err(Err::NA);
    // The stored text carries the file format's _xlfn./_xlws. prefixes; Excel shows none.
    std::string out;
    bool quoted = false;
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '"') quoted = !quoted;
        if (!quoted) {
            std::string_view rest = std::string_view(text).substr(i);
            if (rest.substr(0, 6) == "_xlfn.") { i += 6; continue; }
            if (rest.substr(0, 6) == "_xlws.") { i += 6; continue; }
        }
        out += text[i++];
    }
    return Value::string(out);
}

}  // namespace

void register_lookup_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"VLOOKUP", fn_vlookup, 3, 4, kArrayArgs, "Looks a value up in the first column of a table and returns a column of that row"},
        {"HLOOKUP", fn_hlookup, 3, 4, kArrayArgs, "Looks a value up in the first row of a table and returns a row of that column"},
        {"XLOOKUP", fn_xlookup, 3, 6, kRefResult | kArrayArgs, "Looks a value up in one array and returns the matching item of another"},
        {"LOOKUP", fn_lookup, 2, 3, kArrayArgs, "Approximate lookup in a sorted vector (vector and array forms)"},
        {"MATCH", fn_match, 2, 3, kArrayArgs, "Position of a value in a row or column (0 exact, 1/-1 sorted)"},
        {"XMATCH", fn_xmatch, 2, 4, kArrayArgs, "Position of a value in a row or column, with match and search modes"},
        {"INDEX", fn_index, 1, 4, kRefResult | kArrayArgs, "The cell (or row/column) at a position of a range or array"},
        {"OFFSET", fn_offset, 3, 5, kVolatile | kRefResult, "A reference shifted and resized from a base reference"},
        {"INDIRECT", fn_indirect, 1, 2, kVolatile | kRefResult, "The reference named by a text (A1 or R1C1)"},
        {"ROW", fn_row, 0, 1, 0, "Row number of a reference (or of the formula's cell)"},
        {"COLUMN", fn_column, 0, 1, 0, "Column number of a reference (or of the formula's cell)"},
        {"ROWS", fn_rows, 1, 1, 0, "Number of rows of a reference or array"},
        {"COLUMNS", fn_columns, 1, 1, 0, "Number of columns of a reference or array"},
        {"AREAS", fn_areas, 1, 1, 0, "Number of areas of a reference"},
        {"ADDRESS", fn_address, 2, 5, 0, "Cell address as text from row and column numbers"},
        {"TRANSPOSE", fn_transpose, 1, 1, kArrayArgs, "Rows and columns of an array swapped"},
        {"CHOOSECOLS", fn_choosecols, 2, 255, kArrayArgs, "The given columns of an array"},
        {"CHOOSEROWS", fn_chooserows, 2, 255, kArrayArgs, "The given rows of an array"},
        {"HYPERLINK", fn_hyperlink, 1, 2, 0, "A link; its value is the friendly name (or the address)"},
        {"FORMULATEXT", fn_formulatext, 1, 1, 0, "The formula of a cell as text"},
    };
    crit::add_defs(reg, defs, "lookup");
}

}  // namespace sp
