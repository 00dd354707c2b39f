// cmd_verify_text.cpp — `suanpan verify-text 说明.(txt|md|docx) --workbook WORKBOOK.xlsx [--workbook 自评表.xlsx …]
// [--json] [--html FILE] [--all] [--lenient] [--reason-threshold PCT] [--template NAME]`: every figure
// statement of the text against the tables. Exit 0 all agree, 1 a figure differs or a required item is
// missing, 3 bad input (unreadable text or workbook, no template for the workbook, no figure found).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/command.h"
#include "cli/open_workbook.h"
#include "core/messages.h"
#include "narrative/verify.h"

namespace sp::cli {
namespace {

namespace fs = std::filesystem;

struct VerifyArgs {
    std::string text, html, template_name, templates_dir;
    std::vector<std::string> workbooks;
    bool json = false, all = false, lenient = false;
    double reason_threshold = 0;
    InputOptions in;
};

void run(const VerifyArgs& a) {
    narrative::TextInput text;
    try {
        text = narrative::read_text_file(a.text);
    } catch (const narrative::TextError& e) {
        throw Exit(kBadInput, user_text(e));
    }
    std::vector<OpenedWorkbook> books;
    for (const auto& p : a.workbooks) books.push_back(open_workbook(p, a.in, true));
    std::vector<narrative::Companion> companions;
    for (size_t i = 0; i < books.size(); ++i) {
        if (books[i].wb().find_sheet("整体支出绩效自评表") || books[i].wb().find_sheet("项目支出绩效自评表"))
            companions.push_back({&books[i].wb(), a.workbooks[i]});
        else if (i > 0)
            throw Exit(kBadInput, msg::text("narrative.not_companion", {a.workbooks[i]}));
    }
    narrative::GenerateOptions gen;
    gen.template_name = a.template_name;
    gen.templates_dir = a.templates_dir;
    narrative::Document doc;
    try {
        doc = narrative::generate(books[0].wb(), *books[0].plugins, gen, companions);
    } catch (const narrative::Error& e) {
        throw Exit(kBadInput, a.workbooks[0] + ": " + user_text(e));
    }
    if (std::string why = narrative::text_misfit(text, doc.config, a.text, a.workbooks[0]); !why.empty())
        throw Exit(kBadInput, why);
    narrative::VerifyOptions opt;
    opt.lenient = a.lenient;
    opt.reason_threshold = a.reason_threshold;
    narrative::VerifyResult r = narrative::verify_text(text, doc, opt);
    r.workbook = a.workbooks[0];
    if (r.statements.empty()) throw Exit(kBadInput, msg::text("narrative.no_figures", {a.text, doc.config.template_}));

    if (!a.html.empty()) {
        fs::path out(a.html);
        fs::path tmp = out.parent_path() / ("." + out.filename().string() + ".tmp-" + std::to_string(::getpid()));
        std::ofstream f(tmp, std::ios::binary);
        bool ok = f && (f << narrative::format_html(r)) && f.flush();
        f.close();
        std::error_code ec;
        if (ok) fs::rename(tmp, out, ec);
        if (!ok || ec) {
            fs::remove(tmp, ec);
            throw Exit(kOutputError, msg::text("cli.cannot_write", {a.html}));
        }
    }
    std::cout << (a.json ? narrative::format_json(r) + "\n" : narrative::format_text(r, a.all));
    if (r.exit_code()) throw Exit(kCheckFailed, "");
}

Registration reg("verify-text", "Check the figures of a published 说明 against the workbook's tables", [](CLI::App& sub) {
    auto a = std::make_shared<VerifyArgs>();
    sub.add_option("text", a->text, "The 说明: .txt (UTF-8 or GB18030), .md or .docx")->required();
    sub.add_option("--workbook", a->workbooks, "The workbook (repeat for 绩效自评表 workbooks the 说明 quotes)")
        ->required()
        ->allow_extra_args(false);
    sub.add_flag("--json", a->json, "Print the result as JSON (schema suanpan.verify-text/1)");
    sub.add_option("--html", a->html, "Also write the 说明 as HTML with every figure coloured")->type_name("FILE");
    sub.add_flag("--all", a->all, "List agreeing statements too");
    sub.add_flag("--lenient", a->lenient, "Tolerate 0.5 万元 and 0.1 percentage point");
    sub.add_option("--reason-threshold", a->reason_threshold, "A 增减 needs a reason from this % change on (default 0)");
    sub.add_option("--template", a->template_name, "Template folder under plugins/narrative (default: detected)");
    sub.add_option("--templates", a->templates_dir, "Folder of template folders")->type_name("DIR");
    add_input_options(sub, a->in);
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
