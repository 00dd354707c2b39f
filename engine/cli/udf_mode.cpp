// udf_mode.cpp — rewriting plugin calls for the output file.
#include "cli/udf_mode.h"
#include "core/messages.h"

#include <cctype>

#include "cli/command.h"
#include "formula/function.h"
#include "formula/parser.h"
#include "formula/program.h"

namespace sp::cli {

UdfMode parse_udf_mode(const std::string& text) {
    if (text == "keep") return UdfMode::Keep;
    if (text == "excel") return UdfMode::Excel;
    if (text == "freeze") return UdfMode::Freeze;
    throw Exit(kUsage, msg::text("cli.bad_udf", {text}));
}

static bool calls_plugin(const formula::Node& n, const FunctionRegistry& reg) {
    if (n.kind == formula::NodeKind::Call) {
        const FunctionDef* def = reg.find(n.text);
        if (def && (def->flags & kPlugin)) return true;
    }
    for (const auto& c : n.children)
        if (calls_plugin(c, reg)) return true;
    return false;
}

// Replaces plugin calls bottom-up; each expansion is parsed back into the tree.
static bool expand(formula::Node& n, const FunctionRegistry& reg, CellAddr at) {
    for (auto& c : n.children)
        if (!expand(c, reg, at)) return false;
    if (n.kind != formula::NodeKind::Call) return true;
    const FunctionDef* def = reg.find(n.text);
    if (!def || !(def->flags & kPlugin)) return true;
    if (def->excel_form.empty()) return false;
    std::string text;
    const std::string& form = def->excel_form;
    for (size_t i = 0; i < form.size(); ++i) {
        if (form[i] == '%' && i + 1 < form.size() && std::isdigit(static_cast<unsigned char>(form[i + 1]))) {
            size_t k = 0;
            while (i + 1 < form.size() && std::isdigit(static_cast<unsigned char>(form[i + 1]))) k = k * 10 + (form[++i] - '0');
            if (k == 0 || k > n.children.size() || n.children[k - 1].kind == formula::NodeKind::Missing) return false;
            text += "(" + formula::print_a1(n.children[k - 1], at) + ")";
        } else {
            text += form[i];
        }
    }
    auto parsed = formula::parse(text, at);
    if (!parsed) return false;
    formula::Node paren;
    paren.kind = formula::NodeKind::Paren;
    paren.children.push_back(std::move(*parsed.ast));
    n = std::move(paren);
    return true;
}

bool expand_excel_forms(const Workbook& wb, const std::string& formula, CellAddr at, std::string& out) {
    auto parsed = formula::parse(formula, at);
    if (!parsed) return false;
    if (!expand(*parsed.ast, wb.registry(), at)) return false;
    out = formula::print_a1(*parsed.ast, at);
    return true;
}

void add_udf_overrides(const Workbook& wb, UdfMode mode, xlsx::WriteOptions& wo) {
    if (mode == UdfMode::Keep) return;
    const FunctionRegistry& reg = wb.registry();
    for (uint32_t f = 0; f < wb.formulas().size(); ++f) {
        const FormulaCell& fc = wb.formula(f);
        if (fc.sheet == kNoSheet || fc.program == kNoFormula || fc.array) continue;
        if (!calls_plugin(wb.program(fc.program).ast, reg)) continue;
        auto key = std::make_pair(fc.sheet, std::make_pair(fc.cell.row, fc.cell.col));
        if (mode == UdfMode::Freeze) {
            wo.formula_overrides[key] = std::nullopt;
            continue;
        }
        std::string text;
        if (expand_excel_forms(wb, wb.formula_text(fc.sheet, fc.cell), fc.cell, text)) wo.formula_overrides[key] = text;
    }
}

}  // namespace sp::cli
