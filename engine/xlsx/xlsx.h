// xlsx.h — reading an xlsx package into a Workbook, and writing it back.
//
// read() keeps the package (the archive bytes, its parts, the workbook's relationships)
// next to the Workbook in a Document, so that write_patched() can produce the same
// package with only the changed cell values replaced: unchanged parts are copied as
// compressed bytes, and in a changed worksheet only the <c> elements whose value changed
// are rewritten. write_fresh() writes a new package from a Workbook alone (values,
// formulas, number formats, column widths, merges, bold headers).
//
// Errors are thrown as xlsx::Error (input) or xlsx::OutputError (writing), naming the file,
// the part and the cell where known. Formulas that do not parse are not errors: the cell
// keeps its cached value and the Workbook gets a diagnostic.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/workbook.h"
#include "xlsx/error.h"
#include "xlsx/package.h"
#include "xlsx/zip_reader.h"

namespace sp::xlsx {

struct ReadOptions {
    InflateLimits limits;                        // zip-bomb caps (1 GiB per part, 2 GiB in all)
    const FunctionRegistry* registry = nullptr;  // nullptr: the built-in functions
};

enum class SheetKind : uint8_t { Worksheet, Chartsheet, Dialogsheet, Macrosheet, Other };

struct SheetPart {
    std::string name;      // as in workbook.xml
    std::string part;      // "xl/worksheets/sheet1.xml" ("" when the relationship is missing)
    std::string rel_id;
    SheetKind kind = SheetKind::Worksheet;
};

// The input package as read: what the patch writer needs besides the Workbook.
struct Package {
    std::unique_ptr<ZipReader> zip;              // over the archive bytes held in memory
    std::string workbook_part = "xl/workbook.xml";
    std::vector<Relationship> workbook_rels;
    std::string calc_chain_part;                 // "" when there is none
    std::string shared_strings_part;
    ContentTypes content_types;
    std::vector<Value> shared_strings;           // index -> string, for comparing cached values
    std::vector<Err> vm_errors;                  // value metadata vm-1 -> #SPILL!/#CALC!… (rich_errors.h)
};

struct ReadStats {
    size_t cells = 0;       // <c> elements with a value or formula
    size_t formulas = 0;    // formula cells (shared-formula children included)
    double seconds = 0;
};

struct Document {
    std::string path;                    // the file read ("" when read from memory)
    std::unique_ptr<Workbook> workbook;  // sheet ids follow workbook.xml order (chart sheets included, empty)
    std::vector<SheetPart> sheets;       // by SheetId
    std::shared_ptr<Package> package;
    ReadStats stats;
    // "file: part: cell" prefix of a diagnostic, for messages.
    std::string where(const Diagnostic& d) const;
};

Document read(const std::string& path, const ReadOptions& = {});
// Reads a package held in memory; `name` labels it in messages.
Document read_bytes(std::shared_ptr<const std::string> bytes, const std::string& name, const ReadOptions& = {});

struct WriteOptions {
    bool full_calc_on_load = false;  // ask Excel to recalculate everything when it opens the file
    // Formula rewrites per cell (for plugin-call modes): the new formula text without '=',
    // or nullopt to drop the <f> and keep only the value. Cells of a shared-formula group
    // touched by an override get explicit formulas (the group is un-shared).
    std::map<std::pair<SheetId, std::pair<int32_t, int32_t>>, std::optional<std::string>> formula_overrides;
    // Deflate level (1-12) for rewritten parts; 0: 6 for parts under 4 MiB, 1 above (a big
    // sheet then saves about 2x faster for a few percent of size).
    int deflate_level = 0;
    // Worksheets of at least twice this many bytes of XML are patched and deflated in slices
    // of about this size on every core (zlib, not libdeflate: see deflate_slices.h); smaller
    // ones in one piece. 0: kPatchSliceBytes (1 MiB).
    size_t slice_bytes = 0;
};

struct WriteStats {
    size_t parts_copied = 0;      // copied as compressed bytes
    size_t parts_rewritten = 0;   // worksheets, workbook.xml, rels, content types
    size_t cells_rewritten = 0;
    size_t cells_not_written = 0; // model cells with no <c> in the sheet XML (patch mode does not add cells)
    double seconds = 0;
};

// Writes `doc` (its Workbook's current values) to out_path through a temporary file in the
// same folder, renamed into place; on error the temporary file is removed.
WriteStats write_patched(const Document& doc, const std::string& out_path, const WriteOptions& = {});
WriteStats write_fresh(const Workbook& wb, const std::string& out_path, const WriteOptions& = {});

}  // namespace sp::xlsx
