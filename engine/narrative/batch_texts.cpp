// batch_texts.cpp — see batch_texts.h. Runs on the batch's worker threads: verify_file builds its
// own Lua state per call and only reads the shared PluginSet, so workers need no lock.
#include "narrative/batch_texts.h"

#include <cctype>
#include <filesystem>

#include "batch/inputs.h"
#include "check/report.h"
#include "core/messages.h"
#include "xlsx/xlsx.h"

namespace sp::narrative {
namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string fmt2(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

check::Severity severity_of(const std::string& s) {
    if (s == "error") return check::Severity::Error;
    if (s == "warning") return check::Severity::Warning;
    return check::Severity::Info;
}

}  // namespace

std::string find_text(const std::string& dir, const std::string& workbook_path) {
    std::string stem = fs::path(workbook_path).stem().string();
    std::error_code ec;
    for (const char* ext : {".txt", ".md", ".docx"}) {
        fs::path p = fs::path(dir) / (stem + ext);
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    // Other spellings of the extension (.TXT, .Docx …).
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().stem().string() != stem) continue;
        std::string e = lower(it->path().extension().string());
        if (e == ".txt" || e == ".md" || e == ".docx") return it->path().string();
    }
    return "";
}

std::vector<check::Finding> text_findings(const VerifyResult& r, const std::string& text_name) {
    std::vector<check::Finding> out;
    for (const Statement& s : r.statements) {
        if (s.status == Statement::Agrees) continue;
        check::Finding f;
        f.sheet = text_name;
        std::string what = s.subject.empty() ? s.text + s.unit : s.subject + " " + s.text + s.unit;
        if (s.status == Statement::Differs) {
            f.rule_id = "说明/differs";
            f.severity = severity_of(s.severity);
            f.found = s.text;
            f.expected = fmt2(s.table_value);
            f.difference = s.difference;
            f.has_difference = true;
            f.message = msg::text("narrative.batch_differs",
                                  {std::to_string(s.line), s.subject, s.text, fmt2(s.table_value), s.cell});
        } else {
            f.rule_id = "说明/unmatched";
            f.severity = check::Severity::Info;
            f.found = s.text;
            f.message = msg::text("narrative.batch_unmatched", {std::to_string(s.line), what, s.note.empty() ? "—" : s.note});
        }
        out.push_back(std::move(f));
    }
    for (const TextFinding& t : r.findings) {
        check::Finding f;
        f.rule_id = "说明/" + t.rule;
        f.severity = severity_of(t.severity);
        f.sheet = text_name;
        f.message = msg::text("narrative.batch_finding", {std::to_string(t.line), t.message});
        out.push_back(std::move(f));
    }
    return out;
}

std::function<void(const batch::Input&, xlsx::Document&, Calculator&, check::WorkbookReport&)>
texts_hook(const std::string& dir, std::shared_ptr<const lua::PluginSet> plugins, VerifyOptions opt) {
    return [dir, plugins, opt](const batch::Input& in, xlsx::Document& doc, Calculator&, check::WorkbookReport& report) {
        Workbook& wb = *doc.workbook;
        std::string text = find_text(dir, in.path);
        if (text.empty()) {
            try {
                Config cfg = pick_template(wb, {});
                if (cfg.name == "绩效自评表") return;  // a companion: no 说明 of its own
            } catch (const Error&) {
                return;  // no 说明 template reads it: nothing to verify
            }
            check::Finding f;
            f.rule_id = "说明/missing";
            f.severity = check::Severity::Info;
            f.message = msg::text("narrative.batch_missing", {dir, fs::path(in.path).stem().string()});
            report.findings.push_back(std::move(f));
            return;
        }
        std::string name = fs::path(text).filename().string();
        try {
            VerifyResult r = verify_file(text, wb, *plugins, opt);
            for (auto& f : text_findings(r, name)) report.findings.push_back(std::move(f));
        } catch (const std::runtime_error& e) {  // TextError (unreadable text), Error (another template)
            check::Finding f;
            f.rule_id = "说明/unreadable";
            f.severity = check::Severity::Error;
            f.sheet = name;
            f.message = msg::text("narrative.batch_unreadable", {name, e.what()});
            report.findings.push_back(std::move(f));
        }
    };
}

}  // namespace sp::narrative
