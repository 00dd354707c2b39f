// workbook.h — the model: sheets, defined names, formula cells and their shared
// compiled programs, calculation settings, and the log of edits that incremental
// recalculation consumes. The model evaluates nothing; calc/ does.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/address.h"
#include "core/value.h"
#include "model/layout.h"
#include "model/sheet.h"
#include "model/table.h"

namespace sp {

class FunctionRegistry;
class ProgramCache;
namespace formula { struct Program; }

struct CalcSettings {
    bool iterate = false;        // workbook allows iterative calculation of circular references
    int iterate_count = 100;
    double iterate_delta = 0.001;
    bool date1904 = false;
    bool full_calc_on_load = false;
    bool full_precision = true;  // calcPr fullPrecision="0": precision as displayed (results rounded to their format)
    bool day_first = false;      // dates typed as text read d/m/y (the locale's order; not stored in xlsx)
};

struct Diagnostic {
    enum class Level : uint8_t { Info, Warning, Error };
    Level level = Level::Warning;
    SheetId sheet = kNoSheet;
    CellAddr cell{-1, -1};       // row -1: not about one cell
    std::string message;
};

struct DefinedName {
    std::string name;            // as written
    SheetId scope = kNoSheet;    // kNoSheet: workbook scope
    std::string text;            // formula text without '=', e.g. "Sheet1!$A$1:$B$5"
    uint32_t program = 0xFFFFFFFF;  // compiled at A1 of its scope sheet (or the first sheet)
    bool hidden = false;
    std::string unsupported;     // non-empty: its formula uses a construct not evaluated (see Program)
};

// The cache of one external workbook (xl/externalLinks/externalLinkN.xml): what Excel shows
// for [N]Sheet!A1 while the source is not open. Formulas read it; it never changes.
struct ExternalBook {
    std::string target;                          // the source file as the link records it
    std::string part;                            // the externalLink part it was read from
    std::vector<std::string> sheets;             // sheet names in the link's order
    std::vector<std::unordered_map<uint64_t, Value>> cells;  // per sheet: row * 16384 + col -> value
    std::vector<std::pair<std::string, std::string>> names;  // defined name -> refersTo text
    int find_sheet(std::string_view name) const;  // -1 when absent (case-insensitive)
};

struct FormulaCell {  // 20 bytes: there may be millions
    SheetId sheet = kNoSheet;       // kNoSheet: a free slot
    CellAddr cell;
    uint32_t program = 0xFFFFFFFF;  // 0xFFFFFFFF: the text did not parse (value #NAME?)
    bool array = false;             // array formula (t="array"): see Workbook::array_range
};

class Workbook {
public:
    explicit Workbook(const FunctionRegistry* registry = nullptr);  // nullptr: the built-ins
    ~Workbook();
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    // --- sheets --------------------------------------------------------------
    SheetId add_sheet(std::string name);
    size_t sheet_count() const { return sheets_.size(); }
    Sheet& sheet(SheetId id) { return *sheets_[id]; }
    const Sheet& sheet(SheetId id) const { return *sheets_[id]; }
    std::optional<SheetId> find_sheet(std::string_view name) const;  // case-insensitive (ASCII), like Excel

    // --- cells ---------------------------------------------------------------
    // Puts a constant in a cell, removing any formula there. Logged for incremental recalc.
    void set_value(SheetId s, CellAddr c, const Value& v);
    // Puts a formula ("=A1*2" or "A1*2"). Returns false and records a diagnostic when it
    // does not parse: the cell then holds #NAME? and keeps its text.
    bool set_formula(SheetId s, CellAddr c, std::string_view text);
    // An array formula over `range`, anchored at its top-left cell.
    bool set_array_formula(SheetId s, const RangeAddr& range, std::string_view text);
    // Shares an already compiled program (xlsx shared formulas, filled-down columns).
    void set_formula_program(SheetId s, CellAddr c, uint32_t program);
    Value get(SheetId s, CellAddr c) const { return sheets_[s]->get(c.row, c.col); }
    // "Sheet1!B7", "'收入支出决算总表'!C5" or "B7" (first sheet).
    std::optional<SheetCell> resolve_cell(std::string_view text) const;
    Value get(std::string_view ref) const;
    std::string formula_text(SheetId s, CellAddr c) const;  // "=…", "" when no formula

    // --- formulas ------------------------------------------------------------
    const std::vector<FormulaCell>& formulas() const { return formulas_; }
    const FormulaCell& formula(uint32_t idx) const { return formulas_[idx]; }
    // The cells an array formula fills (nullptr when idx is not an array formula).
    const RangeAddr* array_range(uint32_t idx) const {
        auto it = array_ranges_.find(idx);
        return it == array_ranges_.end() ? nullptr : &it->second;
    }
    const formula::Program& program(uint32_t id) const { return *programs_[id]; }
    size_t program_count() const { return programs_.size(); }
    // Compiles text at an anchor, reusing the program of an identical shape (and, while a
    // ProgramCache::Use is alive on this thread, the program another workbook compiled from the
    // same text at the same cell in the same compile context: model/program_cache.h).
    // Returns 0xFFFFFFFF and fills error when it does not parse.
    // array_formula: compiled with every operator in array mode (a distinct shape).
    // A formula that parses but uses a construct not evaluated also returns 0xFFFFFFFF; error
    // then reads "uses …", and `unsupported` (when given) names the construct.
    uint32_t compile(std::string_view text, SheetId s, CellAddr anchor, std::string* error = nullptr,
                     bool array_formula = false, std::string* unsupported = nullptr);
    // The program already compiled for a cell formula's shape key (formula::print_r1c1 of the
    // parsed text, in a workbook without tables), or kNoFormula: a reader that parsed the text
    // on another thread attaches it with set_formula_program; when absent, set_formula compiles.
    uint32_t find_program(std::string_view key) const {
        auto it = program_by_key_.find(key);
        return it == program_by_key_.end() ? 0xFFFFFFFF : it->second;
    }

    // --- names ---------------------------------------------------------------
    void add_name(DefinedName n);
    const std::vector<DefinedName>& names() const { return names_; }
    // Sheet-scoped name first, then workbook scope. Case-insensitive.
    const DefinedName* find_name(std::string_view name, SheetId from_sheet) const;

    // --- tables (xl/tables/tableN.xml): read before names and formulas, which resolve them ---
    void add_table(Table t) { tables_.push_back(std::move(t)); }
    const std::vector<Table>& tables() const { return tables_; }
    const Table* find_table(std::string_view name) const;            // by display name, case-insensitive
    const Table* table_at(SheetId s, CellAddr c) const;              // the table whose area holds c

    // --- external workbooks ([1]Sheet1!A1): index N-1 is book [N] -------------------
    std::vector<ExternalBook>& external_books() { return external_books_; }
    const std::vector<ExternalBook>& external_books() const { return external_books_; }
    // The book a formula names: "[1]" by index, "[link.xlsx]" by file name; nullptr if none.
    const ExternalBook* find_external(std::string_view book) const;

    // --- settings, registry, diagnostics ---------------------------------------
    CalcSettings& settings() { return settings_; }
    const CalcSettings& settings() const { return settings_; }
    const FunctionRegistry& registry() const { return *registry_; }
    // Cell styles referenced by Sheet::style_at (filled by the xlsx reader, used by the fresh writer).
    StyleTable& styles() { return styles_; }
    const StyleTable& styles() const { return styles_; }
    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    std::string where(SheetId s, CellAddr c) const;  // "'收入支出决算总表'!C5"

    // --- edit log, consumed by calc::Calculator ---------------------------------
    const std::vector<SheetCell>& changed_cells() const { return changed_; }
    void clear_changes() { changed_.clear(); }
    uint64_t structure_version() const { return structure_version_; }  // bumps when formulas change
    void log_changes(bool on) { log_changes_ = on; }  // off while loading a file

private:
    struct Compiled;  // what compile_text made, for the ProgramCache
    uint32_t compile_text(std::string_view text, SheetId s, CellAddr anchor, std::string* error, bool array_formula,
                          std::string* unsupported, Compiled* made);
    uint32_t adopt_program(const std::shared_ptr<const formula::Program>& prog, const std::vector<std::string>& unknown,
                           SheetId s, CellAddr anchor);
    uint32_t cache_context(ProgramCache& cache);
    uint32_t attach_formula(SheetId s, CellAddr c, uint32_t program);
    bool set_formula_impl(SheetId s, CellAddr c, std::string_view text, bool array_formula);
    void detach_formula(SheetId s, CellAddr c);

    const FunctionRegistry* registry_;
    std::vector<std::unique_ptr<Sheet>> sheets_;
    std::vector<FormulaCell> formulas_;
    std::vector<uint32_t> free_formulas_;
    std::vector<std::shared_ptr<const formula::Program>> programs_;  // shared with other workbooks via a ProgramCache
    std::unordered_map<uint32_t, std::vector<std::string>> unknown_functions_;  // per program, when it calls any
    struct KeyHash {  // transparent: find_program looks up a string_view without a copy
        using is_transparent = void;
        size_t operator()(std::string_view k) const { return std::hash<std::string_view>{}(k); }
    };
    std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>> program_by_key_;
    std::unordered_map<uint32_t, std::string> bad_formula_text_;
    std::unordered_map<uint32_t, RangeAddr> array_ranges_;
    std::vector<DefinedName> names_;
    std::vector<ExternalBook> external_books_;
    std::vector<Table> tables_;
    bool compiling_name_ = false;  // add_name: a this-row structured reference has no row there
    // The compile context (registry, sheet names, defined names) changes with add_sheet/add_name:
    // the ProgramCache context id is asked again then. (Sheet::rename is not tracked: programs
    // already compiled keep the old name too.)
    uint64_t context_version_ = 0;
    uint64_t cache_generation_ = 0, cache_version_ = 0;  // generation: of the cache the id came from
    uint32_t cache_context_id_ = 0;
    std::string cache_key_;  // reused for every lookup
    CalcSettings settings_;
    StyleTable styles_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<SheetCell> changed_;
    uint64_t structure_version_ = 0;
    bool log_changes_ = true;
};

}  // namespace sp
