// reason.cpp — see reason.h. The reader's messages are matched by their stable prefixes;
// anything unknown still gets a Chinese sentence ("无法读取") and its place.
#include "batch/reason.h"

#include <new>
#include <string_view>

#include "xlsx/error.h"

namespace sp::batch {

namespace {

struct Prefix {
    std::string_view english;
    const char* key;
};

const Prefix kPrefixes[] = {
    {"not an xlsx file", "batch.reason.not_zip"},
    {"cannot open zip", "batch.reason.not_zip"},
    {"truncated or damaged zip", "batch.reason.truncated"},
    {"damaged zip directory", "batch.reason.truncated"},
    {"damaged entry", "batch.reason.damaged"},
    {"cannot read entry", "batch.reason.damaged"},
    {"entry inflates beyond", "batch.reason.damaged"},
    {"entry inflates to", "batch.reason.too_large"},
    {"package inflates to", "batch.reason.too_large"},
    {"encrypted entry", "batch.reason.encrypted"},
    {"malformed XML", "batch.reason.malformed_xml"},
    {"XML with a DOCTYPE", "batch.reason.malformed_xml"},
    {"UTF-16 worksheet", "batch.reason.malformed_xml"},
    {"missing", "batch.reason.missing_part"},
    {"the workbook has no sheets", "batch.reason.no_sheets"},
    {"cannot open", "batch.reason.cannot_open"},
    {"read error", "batch.reason.cannot_open"},
};

}  // namespace

std::string unreadable_reason(const std::exception& e, msg::Lang lang) {
    if (dynamic_cast<const std::bad_alloc*>(&e)) return msg::text(lang, "batch.reason.out_of_memory");
    const auto* x = dynamic_cast<const xlsx::Error*>(&e);
    if (!x) return msg::text(lang, "batch.reason.checking", {e.what()});
    const char* key = "batch.reason.other";
    for (const Prefix& p : kPrefixes)
        if (std::string_view(x->message).substr(0, p.english.size()) == p.english) {
            key = p.key;
            break;
        }
    std::string where = x->file;
    if (!x->part.empty()) where += msg::text(lang, "batch.reason.part", {x->part});
    if (!x->cell.empty()) where += msg::text(lang, "batch.reason.cell", {x->cell});
    return msg::text(lang, key) + msg::text(lang, "batch.reason.where", {where});
}

}  // namespace sp::batch
