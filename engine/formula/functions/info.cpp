// info.cpp — the information family: the IS… tests, NA, ERROR.TYPE, TYPE, CELL (row, col,
// address, contents, type, width, format, color, parentheses, prefix, protect), SHEET, SHEETS.
//
// The IS… tests never fail: they look at the value an argument has (a reference is
// read by implicit intersection) and answer TRUE or FALSE. ISREF and ISFORMULA look at
// the argument itself, so they must see the reference, not its value.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "formula/function.h"
#include "model/workbook.h"

namespace sp {
namespace {

Value error(Err e) { return Value::error(e); }
Value boolean(bool b) { return Value::boolean(b); }

Value arg_value(CallContext& ctx, const Operand& a) { return a.is_missing() ? Value() : ctx.scalar(a); }

Operand fn_isblank(CallContext& ctx, Args args) { return boolean(arg_value(ctx, args[0]).is_empty()); }
Operand fn_isnumber(CallContext& ctx, Args args) { return boolean(arg_value(ctx, args[0]).is_number()); }
Operand fn_istext(CallContext& ctx, Args args) { return boolean(arg_value(ctx, args[0]).is_string()); }
Operand fn_isnontext(CallContext& ctx, Args args) { return boolean(!arg_value(ctx, args[0]).is_string()); }
Operand fn_islogical(CallContext& ctx, Args args) { return boolean(arg_value(ctx, args[0]).is_bool()); }
Operand fn_iserror(CallContext& ctx, Args args) { return boolean(arg_value(ctx, args[0]).is_error()); }

Operand fn_iserr(CallContext& ctx, Args args) {
    Value v = arg_value(ctx, args[0]);
    return boolean(v.is_error() && v.error() != Err::NA);
}

Operand fn_isna(CallContext& ctx, Args args) {
    Value v = arg_value(ctx, args[0]);
    return boolean(v.is_error() && v.error() == Err::NA);
}

// ISEVEN/ISODD: the number truncated; booleans are #VALUE! (unlike most numeric
// functions), numeric text is read, blank is 0 (even).
Operand parity(CallContext& ctx, Args args, bool want_odd) {
    Value v = arg_value(ctx, args[0]);
    if (v.is_bool()) return error(Err::Value);
    double d = 0;
    if (Err e = CallContext::to_number(v, d); e != Err::None) return error(e);
    if (!std::isfinite(d)) return error(Err::Num);
    bool odd = std::fmod(std::trunc(std::fabs(d)), 2.0) == 1.0;
    return boolean(odd == want_odd);
}
Operand fn_iseven(CallContext& ctx, Args args) { return parity(ctx, args, false); }
Operand fn_isodd(CallContext& ctx, Args args) { return parity(ctx, args, true); }

Operand fn_isref(CallContext&, Args args) { return boolean(args[0].is_ref()); }

// ISFORMULA(ref): whether the top-left cell of the reference holds a formula.
Operand fn_isformula(CallContext& ctx, Args args) {
    if (!args[0].is_ref()) return error(Err::Value);
    SheetRange r = args[0].area_list().front();
    return boolean(ctx.workbook().sheet(r.sheet).formula_at(r.range.r1, r.range.c1) != kNoFormula);
}

Operand fn_na(CallContext&, Args) { return error(Err::NA); }

// ERROR.TYPE: Excel's codes; 8 is #GETTING_DATA, 9 #SPILL!, 14 #CALC!; #N/A when not an error.
Operand fn_error_type(CallContext& ctx, Args args) {
    Value v = arg_value(ctx, args[0]);
    if (!v.is_error()) return error(Err::NA);
    switch (v.error()) {
        case Err::Null: return Value(1.0);
        case Err::Div0: return Value(2.0);
        case Err::Value: return Value(3.0);
        case Err::Ref: return Value(4.0);
        case Err::Name: return Value(5.0);
        case Err::Num: return Value(6.0);
        case Err::NA: return Value(7.0);
        case Err::GettingData: return Value(8.0);
        case Err::Spill: return Value(9.0);
        case Err::Calc: return Value(14.0);
        default: return error(Err::NA);  // #CYCLE! is not an Excel error
    }
}

// TYPE: 1 number (and blank), 2 text, 4 logical, 16 error, 64 array. A reference to
// more than one cell counts as an array.
Operand fn_type(CallContext& ctx, Args args) {
    const Operand& a = args[0];
    if (a.kind() == Operand::Kind::Areas) return error(Err::Value);
    if (a.kind() == Operand::Kind::Ref && !a.ref().range.is_cell()) return Value(64.0);
    Value v = a.is_missing() ? Value() : (a.is_ref() ? ctx.scalar(a) : a.value());
    switch (v.type()) {
        case Type::Empty:
        case Type::Number: return Value(1.0);
        case Type::String: return Value(2.0);
        case Type::Bool: return Value(4.0);
        case Type::Error: return Value(16.0);
        case Type::Array: return Value(64.0);
    }
    return Value(1.0);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// CELL("width"): Excel stores a column's width w in characters of the maximum digit width
// with the padding included; it shows trunc(((256w + trunc(128/7)) / 256) * 7) pixels,
// that is (pixels - 5) / 7 characters for the default font (Calibri 11, 7-pixel digits),
// and CELL gives the integer part: 8 for the default 8.43. The second element is TRUE when
// the column has no width of its own. A hidden column is 0 wide.
Value width_pair(double width, bool is_default) {
    Array out(1, 2);
    out.at(0, 0) = Value(width);
    out.at(0, 1) = Value::boolean(is_default);
    return Value::array(std::move(out));
}

Value cell_width(const Workbook& wb, SheetId sheet, int32_t col) {
    const SheetLayout& lay = wb.sheet(sheet).layout();
    if (std::binary_search(lay.hidden_cols.begin(), lay.hidden_cols.end(), col)) return width_pair(0, false);
    double w = -1;
    if (auto it = lay.column_widths.find(col); it != lay.column_widths.end()) w = it->second;
    for (const auto& span : lay.wide_col_spans)
        if (w < 0 && col >= span.first && col <= span.last) w = span.width;
    bool is_default = w < 0;
    if (is_default && lay.default_col_width > 0) w = lay.default_col_width;
    double chars;
    if (w < 0) {
        chars = lay.base_col_width;  // baseColWidth digits plus the padding Excel adds
    } else {
        double px = std::trunc((256 * w + std::trunc(128.0 / 7)) / 256 * 7);
        chars = std::max(0.0, (px - 5) / 7);
    }
    return width_pair(std::trunc(chars + 1e-9), is_default);
}

// The sections of a number format code, split at unquoted, unescaped semicolons.
std::vector<std::string> format_sections(std::string_view code) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') quoted = !quoted;
        if (!quoted && c == '\\' && i + 1 < code.size()) {
            out.back() += c;
            out.back() += code[++i];
            continue;
        }
        if (!quoted && c == ';') { out.emplace_back(); continue; }
        out.back() += c;
    }
    return out;
}

// A section with its quoted text, escapes and bracketed parts ([Red], [$-804]) removed,
// lower-cased; `colour` says whether it had a colour in brackets, `currency` a [$…] symbol.
std::string format_skeleton(std::string_view sec, bool& colour, bool& currency) {
    std::string out;
    colour = currency = false;
    for (size_t i = 0; i < sec.size(); ++i) {
        char c = sec[i];
        if (c == '"') {
            size_t j = sec.find('"', i + 1);
            i = j == std::string_view::npos ? sec.size() : j;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }
        if (c == '[') {
            size_t j = sec.find(']', i);
            std::string in = lower(sec.substr(i + 1, j == std::string_view::npos ? std::string_view::npos : j - i - 1));
            if (!in.empty() && in[0] == '$') currency = currency || in.size() > 1 && in[1] != '-';
            else if (in.rfind("color", 0) == 0 || in == "red" || in == "black" || in == "blue" || in == "cyan" ||
                     in == "green" || in == "magenta" || in == "white" || in == "yellow")
                colour = true;
            else if (!in.empty() && (in[0] == 'h' || in[0] == 'm' || in[0] == 's')) out += in[0];  // elapsed time
            i = j == std::string_view::npos ? sec.size() : j;
            continue;
        }
        out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// CELL("format"): Excel's code for the cell's number format — G, F0…, ,0…, C0…, P0…, S0…,
// D1…D9 — with "-" when negative numbers are in colour and "()" when positive (or all)
// numbers are in parentheses. Date and time formats outside Excel's table of built-in
// ones take the code of the closest entry (by which of day, month, year, time they show).
std::string cell_format(std::string_view code) {
    std::vector<std::string> secs = format_sections(code);
    bool colour, currency;
    std::string s = format_skeleton(secs[0], colour, currency);
    bool neg_colour = false;
    if (secs.size() > 1) {
        bool c2, cur2;
        format_skeleton(secs[1], c2, cur2);
        neg_colour = c2;
    }
    std::string out;
    if (s == "@") return "@";  // Text format (=CELL("format",A1)="@" detects text cells)
    if (s == "general" || s.empty()) out = "G";
    else if (s.find('?') != std::string::npos && s.find('/') != std::string::npos) out = "G";  // fractions
    else if (s.find_first_of("ydhs") != std::string::npos || (s.find('m') != std::string::npos && s.find('0') == std::string::npos)) {
        bool y = s.find('y') != std::string::npos, d = s.find('d') != std::string::npos;
        bool h = s.find('h') != std::string::npos, sec = s.find('s') != std::string::npos;
        bool ampm = s.find("am/pm") != std::string::npos || s.find("a/p") != std::string::npos;
        bool mmm = s.find("mmm") != std::string::npos;
        bool m = s.find('m') != std::string::npos;
        if (d || y) {
            if (!y) out = mmm ? "D2" : "D5";
            else if (!d) out = mmm ? "D3" : "D4";
            else out = mmm ? "D1" : "D4";
        } else if (h || (m && sec)) {
            out = ampm ? (sec ? "D6" : "D7") : (sec ? "D8" : "D9");
        } else {
            out = "D3";
        }
    } else {
        size_t dot = s.find('.');
        int decimals = 0;
        if (dot != std::string::npos)
            for (size_t i = dot + 1; i < s.size() && (s[i] == '0' || s[i] == '#' || s[i] == '?'); ++i) ++decimals;
        std::string d = std::to_string(decimals);
        bool money = currency || s.find_first_of("$") != std::string::npos || s.find("\xC2\xA5") != std::string::npos ||
                     s.find("\xEF\xBF\xA5") != std::string::npos || s.find("\xE2\x82\xAC") != std::string::npos;
        if (s.find('%') != std::string::npos) out = "P" + d;
        else if (s.find("e+") != std::string::npos || s.find("e-") != std::string::npos) out = "S" + d;
        else if (money) out = "C" + d;
        else if (s.find(',') != std::string::npos) out = "," + d;
        else out = "F" + d;
    }
    if (neg_colour) out += "-";
    if (s.find('(') != std::string::npos) out += "()";
    return out;
}

// CELL(info, [reference]): address, col, row, contents, type, width, format, color,
// parentheses, prefix and protect. Without a reference it describes the formula's own cell
// (Excel uses the cell last changed, which a batch engine does not have). "filename" is
// not computed (the compiler reports it and the cell keeps its cached value); other info
// types are #VALUE!, as in Excel.
Operand fn_cell(CallContext& ctx, Args args) {
    Value info = ctx.scalar(args[0]);
    if (info.is_error()) return info;
    if (!info.is_string()) return error(Err::Value);
    std::string what = lower(info.string());
    SheetRange target{ctx.sheet(), RangeAddr{ctx.cell().row, ctx.cell().col, ctx.cell().row, ctx.cell().col}};
    if (args.size() > 1 && !args[1].is_missing()) {
        if (!args[1].is_ref()) return args[1].is_value() && args[1].value().is_error() ? args[1] : error(Err::Value);
        target = args[1].area_list().front();
    }
    int32_t row = target.range.r1, col = target.range.c1;
    const Workbook& wb = ctx.workbook();
    const Sheet& sheet = wb.sheet(target.sheet);
    if (what == "row") return Value(double(row + 1));
    if (what == "col") return Value(double(col + 1));
    if (what == "address") {
        std::string a = "$" + column_letters(col) + "$" + std::to_string(row + 1);
        if (target.sheet != ctx.sheet()) a = quote_sheet_name(wb.sheet(target.sheet).name()) + "!" + a;
        return Value::string(a);
    }
    if (what == "contents") return ctx.cell_value(target.sheet, row, col);
    if (what == "type") {
        Value v = ctx.cell_value(target.sheet, row, col);
        return Value::string(v.is_empty() ? "b" : (v.is_string() ? "l" : "v"));
    }
    if (what == "width") return cell_width(wb, target.sheet, col);
    const CellStyle& st = wb.styles().at(sheet.style_at(row, col));
    if (what == "protect") return Value(st.locked ? 1.0 : 0.0);
    if (what == "format") return Value::string(cell_format(st.number_format));
    if (what == "color" || what == "parentheses") {
        std::string f = cell_format(st.number_format);
        if (what == "color") return Value(f.find('-') != std::string::npos ? 1.0 : 0.0);
        return Value(f.find("()") != std::string::npos ? 1.0 : 0.0);
    }
    if (what == "prefix") {  // the alignment of a text constant: ' left, " right, ^ centred, \ fill
        Value v = ctx.cell_value(target.sheet, row, col);
        if (!v.is_string() || sheet.formula_at(row, col) != kNoFormula) return Value::string("");
        switch (st.halign) {
            case HAlign::Right: return Value::string("\"");
            case HAlign::Center: return Value::string("^");
            case HAlign::Fill: return Value::string("\\");
            default: return Value::string("'");
        }
    }
    return error(Err::Value);
}

// SHEET([value]): the 1-based index of a reference's sheet, of a sheet named by text,
// or of the formula's own sheet; #N/A for anything else.
Operand fn_sheet(CallContext& ctx, Args args) {
    if (args.empty() || args[0].is_missing()) return Value(double(ctx.sheet() + 1));
    const Operand& a = args[0];
    if (a.is_ref()) return Value(double(a.area_list().front().sheet + 1));
    const Value& v = a.value();
    if (v.is_error()) return v;
    if (v.is_string())
        if (auto id = ctx.workbook().find_sheet(v.string())) return Value(double(*id + 1));
    return error(Err::NA);
}

// SHEETS([reference]): sheets in the workbook (hidden ones too), or in the reference (1).
Operand fn_sheets(CallContext& ctx, Args args) {
    if (args.empty() || args[0].is_missing()) return Value(double(ctx.workbook().sheet_count()));
    const Operand& a = args[0];
    if (a.is_ref()) return Value(1.0);
    if (a.value().is_error()) return a.value();
    return error(Err::NA);
}

}  // namespace

void register_info_functions(FunctionRegistry& reg) {
    struct Row {
        const char* name;
        FnImpl impl;
        int min, max;
        uint32_t flags;
        const char* desc;
    };
    const Row rows[] = {
        {"ISBLANK", fn_isblank, 1, 1, kLift, "TRUE for an empty cell"},
        {"ISNUMBER", fn_isnumber, 1, 1, kLift, "TRUE for a number"},
        {"ISTEXT", fn_istext, 1, 1, kLift, "TRUE for text"},
        {"ISNONTEXT", fn_isnontext, 1, 1, kLift, "TRUE for anything but text"},
        {"ISLOGICAL", fn_islogical, 1, 1, kLift, "TRUE for a logical value"},
        {"ISERROR", fn_iserror, 1, 1, kLift, "TRUE for any error"},
        {"ISERR", fn_iserr, 1, 1, kLift, "TRUE for any error but #N/A"},
        {"ISNA", fn_isna, 1, 1, kLift, "TRUE for #N/A"},
        {"ISEVEN", fn_iseven, 1, 1, kLift, "TRUE for an even number (truncated)"},
        {"ISODD", fn_isodd, 1, 1, kLift, "TRUE for an odd number (truncated)"},
        {"ISREF", fn_isref, 1, 1, 0, "TRUE for a reference"},
        {"ISFORMULA", fn_isformula, 1, 1, 0, "TRUE when the referenced cell holds a formula"},
        {"NA", fn_na, 0, 0, 0, "The error #N/A"},
        {"ERROR.TYPE", fn_error_type, 1, 1, kLift, "The number of an error value"},
        {"TYPE", fn_type, 1, 1, 0, "The type of a value: 1, 2, 4, 16 or 64"},
        {"CELL", fn_cell, 1, 2, 0, "Information about a cell: address, row, col, contents, type, width, format, prefix, protect…"},
        {"SHEET", fn_sheet, 0, 1, 0, "The index of a sheet"},
        {"SHEETS", fn_sheets, 0, 1, 0, "The number of sheets"},
    };
    for (const Row& r : rows) {
        FunctionDef d;
        d.name = r.name;
        d.impl = r.impl;
        d.min_args = r.min;
        d.max_args = r.max;
        d.flags = r.flags;
        d.family = "info";
        d.description = r.desc;
        reg.add(std::move(d));
    }
}

}  // namespace sp
