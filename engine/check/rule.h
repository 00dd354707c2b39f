// rule.h — a check (审核 rule) and what it finds. Rules come from Lua plugins
// (suanpan.check{…}); the runner (check/runner) evaluates them against a workbook.
#pragma once
#include <string>
#include <vector>

#include "core/address.h"
#include "core/messages.h"

namespace sp::check {

enum class Severity : uint8_t { Info, Warning, Error };
std::string_view severity_name(Severity s);  // "info" | "warning" | "error"
std::string_view severity_label(Severity s); // 提示 | 警告 | 错误
std::string severity_label(Severity s, msg::Lang lang);  // … or info | warning | error

struct Rule {
    std::string id;          // "JS01-001"
    std::string template_;   // "部门决算公开" (matches a workbook that has any of the rule's sheets)
    std::string sheet;       // sheet the expression is evaluated on; empty: any / workbook-level
    Severity severity = Severity::Error;
    std::string message;     // "收入总计应等于支出总计"
    std::string expr;        // "C40 = F40" — an Excel comparison; empty when fn is used
    double tolerance = 0;    // |left - right| <= tolerance counts as equal
    int lua_fn = -1;         // index of the Lua function (fn = function(wb) … end) in the plugin runtime
    std::string origin;      // plugin file:line where it was declared
    std::string rows;        // "7:31": expr is written for the first row and checked on each row
                             // (relative references move down, as when filling a formula down)
};

struct Finding {
    std::string rule_id;
    Severity severity = Severity::Error;
    std::string message;     // Chinese, as the reports for reviewers show it
    std::string message_en;  // the same in English when the engine wrote (part of) it; empty: as message
    std::string sheet;       // sheet name
    std::string cell;        // "C40" (or a range "C5:C9"); empty when not about one place
    std::string expected;    // rendered values (numbers in General format)
    std::string found;
    double difference = 0;   // found - expected when both are numbers
    bool has_difference = false;
    double tolerance = 0;
};

// The engine's own words in a finding, from the catalogue (core/messages, check section), kept in
// both languages; the rule's own message (data) stays as its author wrote it.
// say: the message is the entry; remark: the entry is appended to the message so far.
void say(Finding& f, std::string_view key, std::initializer_list<std::string_view> args = {});
void remark(Finding& f, std::string_view key, std::initializer_list<std::string_view> args = {});
// The message in `lang` (message_en under English when there is one).
const std::string& message_in(const Finding& f, msg::Lang lang);

}  // namespace sp::check
