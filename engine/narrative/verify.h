// verify.h — checking a published 说明 against the tables. Every figure statement of the text (an
// amount, a percentage, a 增减额, a count) is located with the words before it, named (section +
// subject words + what the words right before it say: 占/增加/增长/年初预算数/决算数/差异率) against
// the Figures the section templates produce from the workbook, and classified agrees / differs /
// unmatched; then the within-text checks (NARRATIVE.md B–D) run over the located statements.
//
// For other rooms (batch): verify_file(text, workbook, plugins) returns a VerifyResult whose
// statements and findings can go into any report; exit_code() is what verify-text exits with.
#pragma once
#include <string>
#include <vector>

#include "narrative/document.h"
#include "narrative/generate.h"
#include "narrative/text_input.h"

namespace sp::narrative {

struct VerifyOptions {
    double amount_tolerance = 0.005;  // 万元: a quote equals the cell at 2 dp
    double rounding_tolerance = 0.02;  // differences up to this are 尾差 (info), DOMAIN §3.1
    double input_delta = 0.005;        // rates: each input may move this much (interval test)
    double rate_tolerance = 0;         // percentage points on top (lenient: 0.1)
    double reason_threshold = 0;       // % change from which a 增减 needs a reason (WRD-01)
    bool lenient = false;              // 0.5 万元 / 0.1 pp
};

struct Statement {
    enum Status { Agrees, Differs, Unmatched } status = Unmatched;
    int line = 0;
    int column = 0;           // byte offset of the figure in the source line (UTF-8)
    std::string section;
    std::string sentence;     // normalized sentence (spaces removed)
    size_t begin = 0, end = 0;  // the figure's bytes in `sentence`
    std::string text;         // the figure as written (normalized)
    double value = 0;         // signed by its words (减少/下降 negative)
    std::string unit, attr;
    int figure = -1;          // Document::figures index when matched
    std::string subject, cell;
    double table_value = 0, difference = 0;
    std::string severity;     // differs: error, or info for 尾差
    std::string note;
};

struct TextFinding {
    std::string rule;      // NAR-01 … SG-01 (NARRATIVE.md)
    std::string severity;  // error | warning | info
    int line = 0;
    std::string message;
    std::vector<int> statements;  // indices in VerifyResult::statements
};

struct VerifyResult {
    std::string file, workbook, template_name, encoding;
    std::vector<Statement> statements;
    std::vector<TextFinding> findings;
    int count(Statement::Status s) const;
    // 0 every statement agrees (尾差 allowed); 1 a statement differs or a required item is missing.
    int exit_code() const;
};

VerifyResult verify_text(const TextInput& text, const Document& doc, const VerifyOptions& opt = {});
// Why the text is not a 说明 of this template's workbook ("" when it is): it never says the template's
// text_marker (a 预算 说明 against a 决算 workbook), or it says a text_foreign word (a 决算 说明
// against a 自评表 workbook alone). The message names the text, the workbook and the word.
std::string text_misfit(const TextInput& text, const Config& cfg, const std::string& text_path,
                        const std::string& workbook_path);
inline bool text_fits(const TextInput& text, const Config& cfg) { return text_misfit(text, cfg, "", "").empty(); }

// Reads `text_path`, generates the Document of `wb` and verifies (throws TextError / Error).
VerifyResult verify_file(const std::string& text_path, Workbook& wb, const lua::PluginSet& plugins,
                         const VerifyOptions& opt = {}, const GenerateOptions& gen = {},
                         const std::vector<Companion>& companions = {});

std::string format_text(const VerifyResult& r, bool all = false);
std::string format_json(const VerifyResult& r);
std::string format_html(const VerifyResult& r);

}  // namespace sp::narrative
