// function.h — the function registry shared by built-ins and Lua plugins, and the
// context a function is called with.
//
// A function receives its arguments already evaluated (IF, IFERROR and IFNA are
// compiled to jumps, so only the taken branch is evaluated). Arguments that are
// references arrive as references: SUM iterates them, ROW reads their address,
// a scalar function asks the context for a scalar (implicit intersection).
// Functions flagged Lift are applied element by element when an argument is an array.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formula/operand.h"

namespace sp {

class Workbook;
class CallContext;

using Args = std::span<const Operand>;
using FnImpl = Operand (*)(CallContext& ctx, Args args);

enum FnFlags : uint32_t {
    kVolatile = 1u << 0,   // recomputed on every recalc (NOW, RAND, OFFSET, INDIRECT)
    kLift = 1u << 1,       // scalar function: applied element-wise over array arguments
    kArrayArgs = 1u << 2,  // its arguments are evaluated in array mode (SUMPRODUCT, MMULT…)
    kRefResult = 1u << 3,  // may return a reference (OFFSET, INDIRECT, INDEX, CHOOSE)
    kPlugin = 1u << 4,     // defined by a Lua plugin
};

struct FunctionDef {
    std::string name;         // canonical: upper-case ASCII, UTF-8 kept, no _xlfn. prefix
    FnImpl impl = nullptr;
    int min_args = 0;
    int max_args = 255;
    uint32_t flags = 0;
    std::string family;       // "math", "text", … or the plugin file
    std::string description;  // one line, for `suanpan functions`
    int plugin_index = -1;    // Lua plugins: which registered Lua function
    std::vector<std::string> params;  // parameter names, when known
    std::string excel_form;   // plugins: the Excel formula form with %1, %2… (may be empty)
};

class FunctionRegistry {
public:
    // The built-in library (created once, thread-safe).
    static const FunctionRegistry& builtins();
    // Upper-cases ASCII and strips _xlfn. / _xlws. / _xlfn._xlws. prefixes.
    static std::string canonical(std::string_view name);

    // Adds a definition; returns its id. Throws std::runtime_error on a name clash.
    uint32_t add(FunctionDef def);
    // nullptr / -1 when unknown.
    const FunctionDef* find(std::string_view name) const;
    int32_t find_id(std::string_view name) const;
    const FunctionDef& at(uint32_t id) const { return defs_[id]; }
    size_t size() const { return defs_.size(); }
    const std::vector<FunctionDef>& all() const { return defs_; }

private:
    std::vector<FunctionDef> defs_;
    std::unordered_map<std::string, uint32_t> by_name_;
};

// Called once by builtins(); each family file defines one of these.
void register_math_functions(FunctionRegistry& reg);
void register_logical_functions(FunctionRegistry& reg);
void register_stats_functions(FunctionRegistry& reg);
void register_distribution_functions(FunctionRegistry& reg);
void register_lookup_functions(FunctionRegistry& reg);
void register_reference_functions(FunctionRegistry& reg);
void register_array_functions(FunctionRegistry& reg);
void register_text_functions(FunctionRegistry& reg);
void register_date_functions(FunctionRegistry& reg);
void register_info_functions(FunctionRegistry& reg);
void register_financial_functions(FunctionRegistry& reg);
void register_engineering_functions(FunctionRegistry& reg);
void register_database_functions(FunctionRegistry& reg);
void register_regex_functions(FunctionRegistry& reg);
void register_lambda_functions(FunctionRegistry& reg);

// Calls a Lua (or other host) function; installed by the Lua layer per thread.
using HostCall = std::function<Operand(CallContext& ctx, const FunctionDef& def, Args args)>;

// What a function can see while it runs.
class CallContext {
public:
    CallContext(const Workbook& wb, SheetId sheet, CellAddr cell) : wb_(wb), sheet_(sheet), cell_(cell) {}
    virtual ~CallContext() = default;

    const Workbook& workbook() const { return wb_; }
    SheetId sheet() const { return sheet_; }   // the formula's own cell
    CellAddr cell() const { return cell_; }
    bool array_mode() const { return array_mode_; }
    void set_array_mode(bool on) { array_mode_ = on; }
    const FunctionDef* current() const { return current_; }
    void set_current(const FunctionDef* def) { current_ = def; }

    // Value of a cell. A formula cell that is not yet up to date is computed first.
    virtual Value cell_value(SheetId sheet, int32_t row, int32_t col);

    // --- helpers for function implementations -----------------------------------
    // Scalar of an argument: a value as is (an array gives its top-left element);
    // a one-cell reference gives the cell; a larger reference is implicitly
    // intersected with the formula's row or column, else #VALUE!. Missing -> Empty.
    Value scalar(const Operand& arg);
    // An argument as an array: a reference is read into a rows × cols array.
    Array to_array(const Operand& arg);

    // Visits every value an argument holds: a scalar once; every cell of a reference
    // (empty cells skipped unless include_empty); every element of an array.
    // from_ref tells whether the value came from a cell (SUM ignores text there, but
    // coerces a text argument typed directly).
    void for_each(const Operand& arg, const std::function<void(const Value& v, bool from_ref)>& fn,
                  bool include_empty = false);

    // Excel coercions. Each returns Err::None on success.
    static Err to_number(const Value& v, double& out);        // "1,126.72", " 5 ", "50%", dates "2024-1-1", TRUE -> 1, empty -> 0
    static Err to_bool(const Value& v, bool& out);            // numbers (0 = FALSE), "TRUE"/"FALSE", empty -> FALSE
    static Err to_text(const Value& v, std::string& out);     // numbers in General format, TRUE -> "TRUE", empty -> ""

    // Settings and services.
    bool date1904() const;
    bool day_first() const;   // text dates read d/m/y (CalcSettings::day_first)
    double now_serial() const { return now_serial_; }   // NOW() as a date serial, pinned per recalc
    void set_now_serial(double s) { now_serial_ = s; }
    std::mt19937_64& rng() { return rng_; }
    // Per-recalc scratch storage for functions (lookup indexes built once per range).
    // Cleared at the start of every recalc; key by function and range, e.g. "VLOOKUP|0|1,23,1000,24".
    std::unordered_map<std::string, std::shared_ptr<void>>& scratch() { return scratch_; }
    HostCall* host = nullptr;                // Lua plugin dispatch for this thread
    void* host_state = nullptr;              // the thread's Lua runtime

    // Turns a reference text ("Sheet1!A1:B2", "A1", a defined name) into a reference,
    // relative to the formula's sheet; nullopt when it is not one. (INDIRECT)
    std::optional<SheetRange> resolve_reference_text(std::string_view text, bool a1 = true) const;

private:
    const Workbook& wb_;
    SheetId sheet_;
    CellAddr cell_;
    bool array_mode_ = false;
    const FunctionDef* current_ = nullptr;
    double now_serial_ = 0;
    std::mt19937_64 rng_{std::random_device{}()};
    std::unordered_map<std::string, std::shared_ptr<void>> scratch_;

protected:
    void set_position(SheetId sheet, CellAddr cell) { sheet_ = sheet; cell_ = cell; }
};

}  // namespace sp
