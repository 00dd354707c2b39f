// arrays_sort.cpp — Excel 365's sorting and selecting array functions: SORT, SORTBY,
// UNIQUE, FILTER.
//
// Excel sorts numbers before text before logicals before errors (errors by their code,
// #NULL! … #N/A), text case-insensitively; a descending sort reverses that order, but
// blank cells go last either way. Sorts are stable: equal keys keep their order.
#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "formula/functions/arrays.h"
#include "formula/functions/criteria.h"

namespace sp {
namespace {

Value err(Err e) { return Value::error(e); }

// --- ordering -------------------------------------------------------------------------------

// A value prepared for comparison: its type rank and a number or folded text.
struct SortKey {
    uint8_t rank = 4;  // 0 number, 1 text, 2 logical, 3 error, 4 blank
    double num = 0;    // number, logical 0/1, error code
    std::string text;
};

SortKey key_of(const Value& v) {
    SortKey k;
    switch (v.type()) {
        case Type::Number: k.rank = 0; k.num = v.number(); break;
        case Type::String: k.rank = 1; k.text = crit::fold(v.string()); break;
        case Type::Bool: k.rank = 2; k.num = v.boolean() ? 1 : 0; break;
        case Type::Error: k.rank = 3; k.num = double(int(v.error())); break;
        default: break;
    }
    return k;
}

// <0, 0, >0 in ascending order, blanks not handled here.
int compare(const SortKey& a, const SortKey& b) {
    if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
    if (a.rank == 1) return a.text.compare(b.text) < 0 ? -1 : (a.text == b.text ? 0 : 1);
    return a.num < b.num ? -1 : (a.num > b.num ? 1 : 0);
}

// Sorts the lines of `a` (rows, or columns when by_col) by keys[k][line], each key with
// its order (1 ascending, -1 descending).
Array sort_lines(const Array& a, bool by_col, const std::vector<std::vector<SortKey>>& keys,
                 const std::vector<int>& orders) {
    uint32_t n = by_col ? a.cols() : a.rows();
    std::vector<uint32_t> idx(n);
    for (uint32_t i = 0; i < n; ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](uint32_t x, uint32_t y) {
        for (size_t k = 0; k < keys.size(); ++k) {
            const SortKey &kx = keys[k][x], &ky = keys[k][y];
            bool bx = kx.rank == 4, by = ky.rank == 4;
            if (bx || by) {
                if (bx != by) return by;  // blanks last in either order
                continue;
            }
            int c = compare(kx, ky);
            if (c != 0) return orders[k] > 0 ? c < 0 : c > 0;
        }
        return false;
    });
    Array out(a.rows(), a.cols());
    for (uint32_t i = 0; i < n; ++i)
        for (uint32_t m = 0; m < (by_col ? a.rows() : a.cols()); ++m)
            if (by_col) out.at(m, i) = a.at(m, idx[i]);
            else out.at(i, m) = a.at(idx[i], m);
    return out;
}

// The numbers of a scalar-or-array argument (SORT's sort_index {1,2}), truncated.
Err number_list(CallContext& ctx, Args args, size_t i, double dflt, std::vector<double>& out) {
    out.clear();
    if (!present(args, i)) { out.push_back(dflt); return Err::None; }
    Value v = arr::value_arg(ctx, args[i]);
    std::vector<Value> items = v.is_array() ? v.array().cells() : std::vector<Value>{v};
    for (const Value& item : items) {
        if (item.is_error()) return item.error();
        double d;
        if (item.is_string()) {
            auto n = coerce_text_to_number(item.string(), ctx.date1904());
            if (!n) return Err::Value;
            d = *n;
        } else if (Err e = CallContext::to_number(item, d); e != Err::None) {
            return e;
        }
        out.push_back(std::trunc(d));
    }
    return Err::None;
}

// SORT(array, [sort_index=1], [sort_order=1], [by_col=FALSE])
Operand fn_sort(CallContext& ctx, Args args) {
    std::vector<double> index, order;
    if (Err e = number_list(ctx, args, 1, 1, index); e != Err::None) return err(e);
    if (Err e = number_list(ctx, args, 2, 1, order); e != Err::None) return err(e);
    bool by_col;
    if (Err e = arr::bool_arg(ctx, args, 3, by_col, false); e != Err::None) return err(e);
    Array a = ctx.to_array(args[0]);
    if (order.size() != 1 && order.size() != index.size()) return err(Err::Value);
    uint32_t n = by_col ? a.cols() : a.rows(), width = by_col ? a.rows() : a.cols();
    std::vector<std::vector<SortKey>> keys;
    std::vector<int> orders;
    for (size_t k = 0; k < index.size(); ++k) {
        double o = order.size() == 1 ? order[0] : order[k];
        if (index[k] < 1 || index[k] > width || (o != 1 && o != -1)) return err(Err::Value);
        uint32_t at = uint32_t(index[k]) - 1;
        std::vector<SortKey> col(n);
        for (uint32_t i = 0; i < n; ++i) col[i] = key_of(by_col ? a.at(at, i) : a.at(i, at));
        keys.push_back(std::move(col));
        orders.push_back(int(o));
    }
    return Value::array(sort_lines(a, by_col, keys, orders));
}

// SORTBY(array, by_array1, [sort_order1], by_array2, [sort_order2], …): each by_array is one
// column as tall as the array (sorting rows) or one row as wide (sorting columns).
Operand fn_sortby(CallContext& ctx, Args args) {
    Array a = ctx.to_array(args[0]);
    std::vector<std::vector<SortKey>> keys;
    std::vector<int> orders;
    int by_col = -1;
    for (size_t i = 1; i < args.size(); i += 2) {
        Array by = ctx.to_array(args[i]);
        int cols;
        if (by.cols() == 1 && by.rows() == a.rows()) cols = 0;
        else if (by.rows() == 1 && by.cols() == a.cols()) cols = 1;
        else return err(Err::Value);
        if (by_col >= 0 && cols != by_col) {
            // A one-cell array fits either way; otherwise all by_arrays must agree.
            if (a.rows() == 1 && a.cols() == 1) cols = by_col;
            else return err(Err::Value);
        }
        by_col = cols;
        std::vector<double> order;
        if (Err e = number_list(ctx, args, i + 1, 1, order); e != Err::None) return err(e);
        if (order.size() != 1 || (order[0] != 1 && order[0] != -1)) return err(Err::Value);
        std::vector<SortKey> col(by.cells().size());
        for (size_t k = 0; k < col.size(); ++k) col[k] = key_of(by.cells()[k]);
        keys.push_back(std::move(col));
        orders.push_back(int(order[0]));
    }
    return Value::array(sort_lines(a, by_col == 1, keys, orders));
}

// --- UNIQUE ---------------------------------------------------------------------------------

// Appends a hashable identity of a value: text compares case-insensitively, an empty
// cell only equals an empty cell.
void append_identity(const Value& v, std::string& out) {
    switch (v.type()) {
        case Type::Number: {
            double d = v.number() == 0 ? 0.0 : v.number();  // -0 == 0
            out += 'N';
            out.append(reinterpret_cast<const char*>(&d), sizeof d);
            break;
        }
        case Type::String: {
            std::string f = crit::fold(v.string());
            uint32_t len = uint32_t(f.size());
            out += 'S';
            out.append(reinterpret_cast<const char*>(&len), sizeof len);
            out += f;
            break;
        }
        case Type::Bool: out += v.boolean() ? "B1" : "B0"; break;
        case Type::Error: out += 'X'; out += char('0' + int(v.error())); break;
        default: out += 'E'; break;
    }
}

// UNIQUE(array, [by_col=FALSE], [exactly_once=FALSE])
Operand fn_unique(CallContext& ctx, Args args) {
    bool by_col, once;
    if (Err e = arr::bool_arg(ctx, args, 1, by_col, false); e != Err::None) return err(e);
    if (Err e = arr::bool_arg(ctx, args, 2, once, false); e != Err::None) return err(e);
    Array a = ctx.to_array(args[0]);
    uint32_t n = by_col ? a.cols() : a.rows(), width = by_col ? a.rows() : a.cols();
    std::unordered_map<std::string, uint32_t> seen;  // identity -> index into firsts
    std::vector<uint32_t> firsts, counts;
    std::string id;
    for (uint32_t i = 0; i < n; ++i) {
        id.clear();
        for (uint32_t m = 0; m < width; ++m) append_identity(by_col ? a.at(m, i) : a.at(i, m), id);
        auto [it, fresh] = seen.emplace(id, uint32_t(firsts.size()));
        if (fresh) {
            firsts.push_back(i);
            counts.push_back(1);
        } else {
            ++counts[it->second];
        }
    }
    std::vector<uint32_t> keep;
    for (size_t k = 0; k < firsts.size(); ++k)
        if (!once || counts[k] == 1) keep.push_back(firsts[k]);
    if (keep.empty()) return err(arr::kEmptyResult);
    uint32_t kn = uint32_t(keep.size());
    Array out(by_col ? width : kn, by_col ? kn : width);
    for (uint32_t k = 0; k < kn; ++k)
        for (uint32_t m = 0; m < width; ++m)
            if (by_col) out.at(m, k) = a.at(m, keep[k]);
            else out.at(k, m) = a.at(keep[k], m);
    return Value::array(std::move(out));
}

// --- FILTER ---------------------------------------------------------------------------------

// FILTER(array, include, [if_empty]): include is a column as tall as the array (keeps rows)
// or a row as wide (keeps columns). An error in include is the result; text is #VALUE!.
Operand fn_filter(CallContext& ctx, Args args) {
    Array a = ctx.to_array(args[0]);
    Array inc = ctx.to_array(args[1]);
    bool rows;
    if (inc.cols() == 1 && inc.rows() == a.rows()) rows = true;
    else if (inc.rows() == 1 && inc.cols() == a.cols()) rows = false;
    else return err(Err::Value);
    std::vector<uint32_t> keep;
    const std::vector<Value>& flags = inc.cells();
    for (uint32_t i = 0; i < flags.size(); ++i) {
        const Value& f = flags[i];
        bool on = false;
        if (f.is_error()) return err(f.error());
        if (f.is_string()) return err(Err::Value);
        if (f.is_number()) on = f.number() != 0;
        else if (f.is_bool()) on = f.boolean();
        if (on) keep.push_back(i);
    }
    if (keep.empty()) return present(args, 2) ? arr::value_arg(ctx, args[2]) : err(arr::kEmptyResult);
    uint32_t kn = uint32_t(keep.size());
    Array out(rows ? kn : a.rows(), rows ? a.cols() : kn);
    for (uint32_t k = 0; k < kn; ++k)
        for (uint32_t m = 0; m < (rows ? a.cols() : a.rows()); ++m)
            if (rows) out.at(k, m) = a.at(keep[k], m);
            else out.at(m, k) = a.at(m, keep[k]);
    return Value::array(std::move(out));
}

}  // namespace

void register_array_sort_functions(FunctionRegistry& reg) {
    static const crit::Def defs[] = {
        {"SORT", fn_sort, 1, 4, kArrayArgs, "An array sorted by one or more of its columns (or rows)"},
        {"SORTBY", fn_sortby, 2, 253, kArrayArgs, "An array sorted by other arrays"},
        {"UNIQUE", fn_unique, 1, 3, kArrayArgs, "The distinct rows (or columns) of an array"},
        {"FILTER", fn_filter, 2, 3, kArrayArgs, "The rows (or columns) of an array where include is true"},
    };
    crit::add_defs(reg, defs, "lookup");
}

}  // namespace sp
