// styles.cpp — styles.xml into StyleTable, and number-format classification.
#include "xlsx/styles.h"

#include <cstdlib>
#include <unordered_map>

#include "formula/functions/number_format.h"
#include "xlsx/xml_util.h"

namespace sp::xlsx {

std::string builtin_number_format(int id) {
    switch (id) {
        case 0: return "General";
        case 1: return "0";
        case 2: return "0.00";
        case 3: return "#,##0";
        case 4: return "#,##0.00";
        case 5: return "\"$\"#,##0_);(\"$\"#,##0)";
        case 6: return "\"$\"#,##0_);[Red](\"$\"#,##0)";
        case 7: return "\"$\"#,##0.00_);(\"$\"#,##0.00)";
        case 8: return "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)";
        case 9: return "0%";
        case 10: return "0.00%";
        case 11: return "0.00E+00";
        case 12: return "# ?/?";
        case 13: return "# ?\?/?\?";
        case 14: return "yyyy/m/d";  // the short date of the zh-CN locale
        case 15: return "d-mmm-yy";
        case 16: return "d-mmm";
        case 17: return "mmm-yy";
        case 18: return "h:mm AM/PM";
        case 19: return "h:mm:ss AM/PM";
        case 20: return "h:mm";
        case 21: return "h:mm:ss";
        case 22: return "yyyy/m/d h:mm";
        case 27: case 36: case 50: case 57: return "yyyy\"年\"m\"月\"";
        case 28: case 29: case 54: case 56: return "m\"月\"d\"日\"";
        case 30: return "m-d-yy";
        case 31: case 58: return "yyyy\"年\"m\"月\"d\"日\"";
        case 32: return "h\"时\"mm\"分\"";
        case 33: return "h\"时\"mm\"分\"ss\"秒\"";
        case 34: case 51: return "上午/下午h\"时\"mm\"分\"";
        case 35: case 52: case 53: case 55: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
        case 37: return "#,##0_);(#,##0)";
        case 38: return "#,##0_);[Red](#,##0)";
        case 39: return "#,##0.00_);(#,##0.00)";
        case 40: return "#,##0.00_);[Red](#,##0.00)";
        case 45: return "mm:ss";
        case 46: return "[h]:mm:ss";
        case 47: return "mm:ss.0";
        case 48: return "##0.0E+0";
        case 49: return "@";
        default: return "General";
    }
}

int builtin_number_format_id(std::string_view code) {
    // Only the locale-independent ones: a writer must not depend on the reader's locale.
    static const int ids[] = {0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 20, 21, 37, 38, 39, 40, 45, 46, 47, 48, 49};
    for (int id : ids)
        if (builtin_number_format(id) == code) return id;
    return -1;
}

NumberKind classify_format(std::string_view code) {
    // The one number-format parser decides (formula/functions/number_format.h).
    switch (sp::classify_format(code)) {
        case FormatKind::General: return NumberKind::General;
        case FormatKind::Number: return NumberKind::Number;
        case FormatKind::Percent: return NumberKind::Percent;
        case FormatKind::Date: return NumberKind::Date;
        case FormatKind::Time: return NumberKind::Time;
        case FormatKind::DateTime: return NumberKind::DateTime;
        case FormatKind::Text: return NumberKind::Text;
    }
    return NumberKind::General;
}

static uint32_t parse_rgb(const char* argb) {
    if (!argb || !*argb) return 0;
    unsigned long v = std::strtoul(argb, nullptr, 16);
    return uint32_t(v & 0xFFFFFF) | CellStyle::kFillSet;
}

static HAlign parse_halign(std::string_view s) {
    if (s == "left") return HAlign::Left;
    if (s == "center") return HAlign::Center;
    if (s == "right") return HAlign::Right;
    if (s == "fill") return HAlign::Fill;
    if (s == "justify") return HAlign::Justify;
    if (s == "centerContinuous") return HAlign::CenterContinuous;
    if (s == "distributed") return HAlign::Distributed;
    return HAlign::General;
}

static VAlign parse_valign(std::string_view s) {
    if (s == "top") return VAlign::Top;
    if (s == "center") return VAlign::Center;
    if (s == "justify") return VAlign::Justify;
    if (s == "distributed") return VAlign::Distributed;
    return VAlign::Bottom;
}

static bool truthy(const char* v, bool dflt) {
    if (!v || !*v) return dflt;
    return std::string_view(v) == "1" || std::string_view(v) == "true";
}

std::vector<uint16_t> read_styles(pugi::xml_node ss, StyleTable& table) {
    std::unordered_map<int, std::string> custom;
    if (auto nf = child_local(ss, "numFmts"))
        for (auto n = nf.first_child(); n; n = n.next_sibling())
            if (local_name(n.name()) == "numFmt") custom[n.attribute("numFmtId").as_int()] = n.attribute("formatCode").value();

    std::vector<std::pair<bool, bool>> fonts;  // bold, italic
    if (auto fs = child_local(ss, "fonts"))
        for (auto f = fs.first_child(); f; f = f.next_sibling()) {
            if (local_name(f.name()) != "font") continue;
            auto b = child_local(f, "b"), i = child_local(f, "i");
            fonts.emplace_back(b && truthy(b.attribute("val").value(), true), i && truthy(i.attribute("val").value(), true));
        }
    std::vector<uint32_t> fills;
    if (auto fs = child_local(ss, "fills"))
        for (auto f = fs.first_child(); f; f = f.next_sibling()) {
            if (local_name(f.name()) != "fill") continue;
            uint32_t rgb = 0;
            if (auto p = child_local(f, "patternFill"); p && std::string_view(p.attribute("patternType").value()) == "solid")
                if (auto fg = child_local(p, "fgColor")) rgb = parse_rgb(fg.attribute("rgb").value());
            fills.push_back(rgb);
        }
    std::vector<bool> borders;
    if (auto bs = child_local(ss, "borders"))
        for (auto b = bs.first_child(); b; b = b.next_sibling()) {
            if (local_name(b.name()) != "border") continue;
            bool any = false;
            for (auto side = b.first_child(); side; side = side.next_sibling())
                if (*side.attribute("style").value() && std::string_view(side.attribute("style").value()) != "none") any = true;
            borders.push_back(any);
        }

    std::vector<uint16_t> map;
    if (auto xfs = child_local(ss, "cellXfs"))
        for (auto xf = xfs.first_child(); xf; xf = xf.next_sibling()) {
            if (local_name(xf.name()) != "xf") continue;
            CellStyle s;
            int nf = xf.attribute("numFmtId").as_int();
            auto it = custom.find(nf);
            s.number_format = it != custom.end() ? it->second : builtin_number_format(nf);
            size_t font = xf.attribute("fontId").as_uint(), fill = xf.attribute("fillId").as_uint(),
                   border = xf.attribute("borderId").as_uint();
            if (font < fonts.size()) { s.bold = fonts[font].first; s.italic = fonts[font].second; }
            if (fill < fills.size()) s.fill_rgb = fills[fill];
            if (border < borders.size()) s.border = borders[border];
            if (auto al = child_local(xf, "alignment")) {
                s.halign = parse_halign(al.attribute("horizontal").value());
                s.valign = parse_valign(al.attribute("vertical").value());
                s.wrap = truthy(al.attribute("wrapText").value(), false);
            }
            if (auto pr = child_local(xf, "protection")) s.locked = truthy(pr.attribute("locked").value(), true);
            map.push_back(table.add(s));
        }
    return map;
}

}  // namespace sp::xlsx
