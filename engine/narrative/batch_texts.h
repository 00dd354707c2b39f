// batch_texts.h — `suanpan batch --texts DIR`: during a batch each workbook's 说明 (the file in DIR
// with the workbook's stem: .txt, .md or .docx) is verified against the recalculated workbook
// (verify_file) and its statements and findings become rows of the workbook's report, rule ids
// "说明/…" (their own family beside the table checks). The hook plugs into BatchOptions::extra.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "check/rule.h"
#include "narrative/verify.h"

namespace sp {
class Calculator;
}
namespace sp::xlsx {
struct Document;
}
namespace sp::batch {
struct Input;
}
namespace sp::check {
struct WorkbookReport;
}

namespace sp::narrative {

// DIR/<stem>.txt, .md, .docx (first that exists; also .TXT …); "" when none.
std::string find_text(const std::string& dir, const std::string& workbook_path);

// The report rows of one verification: differs (error, or info for 尾差), unmatched (info) and the
// within-text findings, each with the text file as its "sheet" and the line in the message.
std::vector<check::Finding> text_findings(const VerifyResult& r, const std::string& text_name);

// The BatchOptions::extra hook. A workbook with no 说明 in DIR gets one info row (说明/missing) when a
// 说明 template reads it (自评表 workbooks have none of their own); an unreadable text or one of another
// template is one error row (说明/unreadable) — the workbook's table checks stand.
std::function<void(const batch::Input&, xlsx::Document&, Calculator&, check::WorkbookReport&)>
texts_hook(const std::string& dir, std::shared_ptr<const lua::PluginSet> plugins, VerifyOptions opt = {});

}  // namespace sp::narrative
