// reason.cpp — see reason.h. The reader's refusals are matched by their catalogue key;
// anything else (an error without one) still gets a sentence ("文件无法读取") and its place.
#include "batch/reason.h"

#include <new>
#include <string_view>

#include "xlsx/error.h"

namespace sp::batch {

namespace {

struct Reason {
    std::string_view error_key;  // xlsx::Error::entry.key
    const char* reason_key;
};

const Reason kReasons[] = {
    {"xlsx.not_zip", "batch.reason.not_zip"},
    {"xlsx.cannot_open_zip", "batch.reason.not_zip"},
    {"xlsx.truncated", "batch.reason.truncated"},
    {"xlsx.damaged_directory", "batch.reason.truncated"},
    {"xlsx.damaged_entry", "batch.reason.damaged"},
    {"xlsx.cannot_read_entry", "batch.reason.damaged"},
    {"xlsx.inflates_beyond", "batch.reason.damaged"},
    {"xlsx.bad_deflate", "batch.reason.damaged"},
    {"xlsx.crc_mismatch", "batch.reason.damaged"},
    {"xlsx.stored_size_mismatch", "batch.reason.damaged"},
    {"xlsx.entry_too_large", "batch.reason.too_large"},
    {"xlsx.package_too_large", "batch.reason.too_large"},
    {"xlsx.encrypted", "batch.reason.encrypted"},
    {"xlsx.encrypted_entry", "batch.reason.encrypted"},
    {"xlsx.malformed_xml", "batch.reason.malformed_xml"},
    {"xlsx.doctype", "batch.reason.malformed_xml"},
    {"xlsx.utf16", "batch.reason.malformed_xml"},
    {"xlsx.unterminated_sheet_data", "batch.reason.malformed_xml"},
    {"xlsx.unclosed_sheet_data", "batch.reason.malformed_xml"},
    {"xlsx.bad_cell_ref", "batch.reason.malformed_xml"},
    {"xlsx.bad_row_number", "batch.reason.malformed_xml"},
    {"xlsx.ref_outside_grid", "batch.reason.malformed_xml"},
    {"xlsx.row_outside_grid", "batch.reason.malformed_xml"},
    {"xlsx.cell_outside_grid", "batch.reason.malformed_xml"},
    {"xlsx.missing_workbook", "batch.reason.missing_part"},
    {"xlsx.missing_shared_strings", "batch.reason.missing_part"},
    {"xlsx.missing_sheet_part", "batch.reason.missing_part"},
    {"xlsx.sheet_without_part", "batch.reason.missing_part"},
    {"xlsx.no_sheets", "batch.reason.no_sheets"},
    {"xlsx.cannot_open", "batch.reason.cannot_open"},
    {"xlsx.read_error", "batch.reason.cannot_open"},
};

}  // namespace

std::string unreadable_reason(const std::exception& e, msg::Lang lang) {
    if (dynamic_cast<const std::bad_alloc*>(&e)) return msg::text(lang, "batch.reason.out_of_memory");
    const auto* x = dynamic_cast<const xlsx::Error*>(&e);
    if (!x) return msg::text(lang, "batch.reason.checking", {e.what()});
    const char* key = "batch.reason.other";
    for (const Reason& r : kReasons)
        if (x->entry.key == r.error_key) {
            key = r.reason_key;
            break;
        }
    std::string where = x->file;
    if (!x->part.empty()) where += msg::text(lang, "batch.reason.part", {x->part});
    if (!x->cell.empty()) where += msg::text(lang, "batch.reason.cell", {x->cell});
    return msg::text(lang, key) + msg::text(lang, "batch.reason.where", {where});
}

}  // namespace sp::batch
