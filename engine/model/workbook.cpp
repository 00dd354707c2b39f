// workbook.cpp — sheets, formula cells and program sharing.
#include "model/workbook.h"

#include <algorithm>
#include <cctype>

#include "formula/compiler.h"
#include "formula/function.h"
#include "formula/parser.h"
#include "formula/program.h"
#include "formula/structured_ref.h"
#include "model/program_cache.h"

namespace sp {

// Names and sheet names compare ASCII letters without case (as std::toupper did in the C and
// UTF-8 locales, where no byte of a multi-byte character changes), inline: a workbook's checks
// look names up tens of thousands of times.
static bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x == y) continue;
        if (x >= 'a' && x <= 'z') x = static_cast<unsigned char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<unsigned char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

Workbook::Workbook(const FunctionRegistry* registry)
    : registry_(registry ? registry : &FunctionRegistry::builtins()) {}
Workbook::~Workbook() = default;

SheetId Workbook::add_sheet(std::string name) {
    sheets_.push_back(std::make_unique<Sheet>(std::move(name)));
    ++structure_version_;
    ++context_version_;
    return SheetId(sheets_.size() - 1);
}

std::optional<SheetId> Workbook::find_sheet(std::string_view name) const {
    for (size_t i = 0; i < sheets_.size(); ++i)
        if (iequals(sheets_[i]->name(), name)) return SheetId(i);
    return std::nullopt;
}

void Workbook::set_value(SheetId s, CellAddr c, const Value& v) {
    if (sheets_[s]->formula_at(c.row, c.col) != kNoFormula) detach_formula(s, c);
    sheets_[s]->set(c.row, c.col, v);
    if (log_changes_) changed_.push_back({s, c});
}

namespace {
std::string unsupported_error(const std::string& construct) { return "uses " + construct + ", which Suanpan does not evaluate"; }

void append_sized(std::string& out, std::string_view text) {
    uint32_t n = uint32_t(text.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out += text;
}
}  // namespace

struct Workbook::Compiled {
    std::shared_ptr<const formula::Program> program;  // null: parses, but unsupported (see unsupported)
    std::string unsupported;
    bool parsed = false;  // false: the text did not parse (not cached)
};

uint32_t Workbook::compile(std::string_view text, SheetId s, CellAddr anchor, std::string* error, bool array_formula,
                           std::string* unsupported) {
    // Names compile per workbook (their refs wrap); tables and external links resolve per workbook.
    ProgramCache* cache = compiling_name_ || !tables_.empty() || !external_books_.empty() ? nullptr : ProgramCache::current();
    if (!cache) return compile_text(text, s, anchor, error, array_formula, unsupported, nullptr);
    ProgramCache::formula_key(cache_key_, cache_context(*cache), text, s, anchor.row, anchor.col, array_formula);
    if (const ProgramCache::Entry* e = cache->find(cache_key_)) {
        if (e->program) return adopt_program(e->program, e->unknown, s, anchor);
        if (error) *error = unsupported_error(e->unsupported);
        if (unsupported) *unsupported = e->unsupported;
        return kNoFormula;
    }
    Compiled made;
    uint32_t id = compile_text(text, s, anchor, error, array_formula, unsupported, &made);
    if (made.parsed) {
        ProgramCache::Entry e{made.program, std::move(made.unsupported), {}};
        if (id != kNoFormula)
            if (auto it = unknown_functions_.find(id); it != unknown_functions_.end()) e.unknown = it->second;
        cache->put(cache_key_, std::move(e));
    }
    return id;
}

// What a program compiled from this text depends on besides the text and the cell: the
// registry, the sheets in order (sheet references compile to ids) and the defined names
// (a name that is not evaluated makes the formula unsupported; a name shadows an unknown function).
uint32_t Workbook::cache_context(ProgramCache& cache) {
    if (cache_generation_ == cache.generation() && cache_version_ == context_version_)
        return cache_context_id_;
    std::string sig;
    sig.append(reinterpret_cast<const char*>(&registry_), sizeof registry_);
    for (const auto& sh : sheets_) append_sized(sig, sh->name());
    for (const DefinedName& n : names_) {
        append_sized(sig, n.name);
        sig.append(reinterpret_cast<const char*>(&n.scope), sizeof n.scope);
        append_sized(sig, n.unsupported);
    }
    cache_context_id_ = cache.context(sig);
    cache_generation_ = cache.generation();
    cache_version_ = context_version_;
    return cache_context_id_;
}

uint32_t Workbook::adopt_program(const std::shared_ptr<const formula::Program>& prog,
                                 const std::vector<std::string>& unknown, SheetId s, CellAddr anchor) {
    if (auto it = program_by_key_.find(prog->key); it != program_by_key_.end()) return it->second;
    for (const auto& name : unknown)
        diagnostics_.push_back({Diagnostic::Level::Warning, s, anchor, "unknown function " + name + " (#NAME?)"});
    uint32_t id = uint32_t(programs_.size());
    programs_.push_back(prog);
    program_by_key_.emplace(prog->key, id);
    if (!unknown.empty()) unknown_functions_.emplace(id, unknown);
    return id;
}

uint32_t Workbook::compile_text(std::string_view text, SheetId s, CellAddr anchor, std::string* error,
                                bool array_formula, std::string* unsupported, Compiled* made) {
    auto parsed = formula::parse(text, anchor);
    if (!parsed) {
        if (error) *error = "does not parse at " + std::to_string(parsed.error.pos) + ": " + parsed.error.message;
        return kNoFormula;
    }
    if (made) made->parsed = true;
    std::string key = formula::print_r1c1(*parsed.ast);
    key += formula::resolve_structured(*parsed.ast, *this, s, anchor, compiling_name_);  // Table1[Sales] → a range
    if (array_formula) key.insert(0, "{}");
    if (compiling_name_) key.insert(0, "N:");  // a name's program is not shared with cells (its refs wrap)
    if (auto it = program_by_key_.find(key); it != program_by_key_.end()) {
        if (made) made->program = programs_[it->second];
        return it->second;
    }
    std::vector<std::string> unknown;
    auto prog = formula::compile(std::move(*parsed.ast), *this, *registry_, &unknown, array_formula);
    if (!prog->unsupported.empty()) {  // parses, but is not evaluated: the caller keeps the cached value
        if (error) *error = unsupported_error(prog->unsupported);
        if (unsupported) *unsupported = prog->unsupported;
        if (made) made->unsupported = prog->unsupported;
        return kNoFormula;
    }
    prog->key = key;
    if (compiling_name_)
        for (auto& spec : prog->refs) spec.wraps = true;
    std::shared_ptr<const formula::Program> shared = std::move(prog);
    if (made) made->program = shared;
    return adopt_program(shared, unknown, s, anchor);
}

uint32_t Workbook::attach_formula(SheetId s, CellAddr c, uint32_t program) {
    uint32_t idx = sheets_[s]->formula_at(c.row, c.col);
    if (idx == kNoFormula) {
        if (!free_formulas_.empty()) {
            idx = free_formulas_.back();
            free_formulas_.pop_back();
        } else {
            idx = uint32_t(formulas_.size());
            formulas_.emplace_back();
        }
        sheets_[s]->set_formula_index(c.row, c.col, idx);
    }
    bad_formula_text_.erase(idx);
    array_ranges_.erase(idx);
    formulas_[idx] = FormulaCell{s, c, program, false};
    ++structure_version_;
    if (log_changes_) changed_.push_back({s, c});
    return idx;
}

void Workbook::detach_formula(SheetId s, CellAddr c) {
    uint32_t idx = sheets_[s]->formula_at(c.row, c.col);
    if (idx == kNoFormula) return;
    sheets_[s]->set_formula_index(c.row, c.col, kNoFormula);
    formulas_[idx] = FormulaCell{};
    bad_formula_text_.erase(idx);
    array_ranges_.erase(idx);
    free_formulas_.push_back(idx);
    ++structure_version_;
}

bool Workbook::set_formula(SheetId s, CellAddr c, std::string_view text) { return set_formula_impl(s, c, text, false); }

bool Workbook::set_formula_impl(SheetId s, CellAddr c, std::string_view text, bool array_formula) {
    std::string error;
    uint32_t prog = compile(text, s, c, &error, array_formula);
    uint32_t idx = attach_formula(s, c, prog);
    if (prog == kNoFormula) {
        bad_formula_text_[idx] = std::string(text);
        sheets_[s]->set(c.row, c.col, Value::error(Err::Name));
        diagnostics_.push_back({Diagnostic::Level::Error, s, c, "formula " + error + ": " + std::string(text)});
        return false;
    }
    return true;
}

bool Workbook::set_array_formula(SheetId s, const RangeAddr& range, std::string_view text) {
    CellAddr anchor{range.r1, range.c1};
    bool ok = set_formula_impl(s, anchor, text, true);
    uint32_t idx = sheets_[s]->formula_at(anchor.row, anchor.col);
    formulas_[idx].array = true;
    array_ranges_[idx] = range;
    return ok;
}

void Workbook::set_formula_program(SheetId s, CellAddr c, uint32_t program) { attach_formula(s, c, program); }

std::optional<SheetCell> Workbook::resolve_cell(std::string_view text) const {
    if (!text.empty() && text[0] == '=') text.remove_prefix(1);
    SheetId sheet = 0;
    auto bang = text.rfind('!');
    if (bang != std::string_view::npos) {
        std::string name(text.substr(0, bang));
        if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') {
            std::string unq;
            for (size_t i = 1; i + 1 < name.size(); ++i) {
                unq += name[i];
                if (name[i] == '\'' && i + 2 < name.size() && name[i + 1] == '\'') ++i;
            }
            name = unq;
        }
        auto id = find_sheet(name);
        if (!id) return std::nullopt;
        sheet = *id;
        text = text.substr(bang + 1);
    }
    if (sheets_.empty()) return std::nullopt;
    auto cell = parse_cell(text);
    if (!cell) return std::nullopt;
    return SheetCell{sheet, *cell};
}

Value Workbook::get(std::string_view ref) const {
    auto sc = resolve_cell(ref);
    if (!sc) return Value::error(Err::Ref);
    return get(sc->sheet, sc->cell);
}

std::string Workbook::formula_text(SheetId s, CellAddr c) const {
    uint32_t idx = sheets_[s]->formula_at(c.row, c.col);
    if (idx == kNoFormula) return "";
    const FormulaCell& f = formulas_[idx];
    if (f.program == kNoFormula) {
        auto it = bad_formula_text_.find(idx);
        return it == bad_formula_text_.end() ? "" : it->second;
    }
    return "=" + formula::print_a1(programs_[f.program]->ast, c);
}

void Workbook::add_name(DefinedName n) {
    SheetId anchor_sheet = n.scope == kNoSheet ? 0 : n.scope;
    compiling_name_ = true;
    n.program = compile(n.text, anchor_sheet, CellAddr{0, 0}, nullptr, false, &n.unsupported);
    compiling_name_ = false;
    names_.push_back(std::move(n));
    ++structure_version_;
    ++context_version_;
}

const DefinedName* Workbook::find_name(std::string_view name, SheetId from_sheet) const {
    const DefinedName* global = nullptr;
    for (const auto& n : names_) {
        if (!iequals(n.name, name)) continue;
        if (n.scope == from_sheet) return &n;
        if (n.scope == kNoSheet) global = &n;
    }
    return global;
}

int ExternalBook::find_sheet(std::string_view name) const {
    for (size_t i = 0; i < sheets.size(); ++i)
        if (iequals(sheets[i], name)) return int(i);
    return -1;
}

const ExternalBook* Workbook::find_external(std::string_view book) const {
    if (book.size() < 3 || book.front() != '[' || book.back() != ']') return nullptr;
    std::string_view inner = book.substr(1, book.size() - 2);
    bool digits = !inner.empty();
    size_t n = 0;
    for (char c : inner) {
        if (c < '0' || c > '9') digits = false;
        else n = n * 10 + size_t(c - '0');
    }
    if (digits) return n >= 1 && n <= external_books_.size() ? &external_books_[n - 1] : nullptr;
    for (const auto& b : external_books_) {  // [link.xlsx]: by the file name of the target
        std::string_view t = b.target;
        auto slash = t.find_last_of("/\\");
        if (slash != std::string_view::npos) t.remove_prefix(slash + 1);
        if (iequals(t, inner)) return &b;
    }
    return nullptr;
}

std::string Workbook::where(SheetId s, CellAddr c) const {
    std::string out = s < sheets_.size() ? quote_sheet_name(sheets_[s]->name()) + "!" : "";
    if (c.row >= 0) out += cell_text(c);
    return out;
}

}  // namespace sp
