// cmd_narrate.cpp — `suanpan narrate WORKBOOK.xlsx [自评表.xlsx …] -o 说明.md|.html|.txt|.docx
// [--template NAME] [--year-label TEXT] [--zero-base TEXT] [--flat seed|持平] [--templates DIR]`:
// writes the 情况说明 of a 部门决算/预算公开 workbook (or the summary of 绩效自评表 workbooks) from the
// Lua section templates of plugins/narrative. Output goes through a temporary file: a failed run
// leaves nothing. Exit 3 for an unreadable workbook or one no template reads.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/command.h"
#include "cli/open_workbook.h"
#include "core/messages.h"
#include "narrative/generate.h"
#include "narrative/render.h"

namespace sp::cli {
namespace {

namespace fs = std::filesystem;

struct NarrateArgs {
    std::vector<std::string> inputs;
    std::string output, template_name, year_label, templates_dir, zero_base, flat;
    InputOptions in;
};

std::string lower_ext(const std::string& path) {
    std::string e = fs::path(path).extension().string();
    for (char& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

void run(const NarrateArgs& a) {
    std::string ext = lower_ext(a.output);
    if (ext != ".md" && ext != ".html" && ext != ".htm" && ext != ".txt" && ext != ".docx")
        throw Exit(kUsage, msg::text("narrative.bad_output", {a.output}));
    std::vector<OpenedWorkbook> books;
    for (const auto& p : a.inputs) books.push_back(open_workbook(p, a.in, true));

    narrative::GenerateOptions opt;
    opt.templates_dir = a.templates_dir;
    opt.template_name = a.template_name;
    opt.year_label = a.year_label;
    if (!a.zero_base.empty()) opt.zero_base = a.zero_base;
    if (!a.flat.empty()) opt.flat = a.flat;
    std::vector<narrative::Companion> companions;
    // The first workbook is the one the 说明 is about; 自评表 workbooks (also the first one when it
    // is one) feed the 预算绩效 paragraph / the summary.
    for (size_t i = 0; i < books.size(); ++i) {
        if (books[i].wb().find_sheet("整体支出绩效自评表") || books[i].wb().find_sheet("项目支出绩效自评表"))
            companions.push_back({&books[i].wb(), a.inputs[i]});
        else if (i > 0)
            throw Exit(kBadInput, msg::text("narrative.not_companion", {a.inputs[i]}));
    }
    narrative::Document doc;
    try {
        doc = narrative::generate(books[0].wb(), *books[0].plugins, opt, companions);
    } catch (const narrative::Error& e) {
        throw Exit(kBadInput, a.inputs[0] + ": " + user_text(e));
    }

    fs::path out(a.output);
    fs::path tmp = out.parent_path() / ("." + out.filename().string() + ".tmp-" + std::to_string(::getpid()));
    try {
        if (ext == ".docx") {
            narrative::write_docx(doc, tmp.string());
        } else {
            std::string text = ext == ".md" ? narrative::render_markdown(doc)
                               : ext == ".txt" ? narrative::render_text(doc)
                                               : narrative::render_html(doc);
            std::ofstream f(tmp, std::ios::binary);
            if (!f || !(f << text) || !f.flush()) throw std::runtime_error(msg::text("cli.cannot_write", {a.output}));
        }
        std::error_code ec;
        fs::rename(tmp, out, ec);
        if (ec) throw std::runtime_error(msg::text("cli.cannot_write_why", {a.output, ec.message()}));
    } catch (const std::exception& e) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw Exit(kOutputError, user_text(e));
    }
    std::cerr << msg::text("narrative.written", {a.output, doc.config.name, std::to_string(doc.figures.size()),
                                                 std::to_string(doc.slots.size())})
              << "\n";
}

Registration reg("narrate", "Write the 情况说明 of a disclosure workbook from its tables (Lua templates)", [](CLI::App& sub) {
    auto a = std::make_shared<NarrateArgs>();
    sub.add_option("workbooks", a->inputs, "The 部门决算/预算公开 workbook, then any 绩效自评表 workbooks (.xlsx)")
        ->required();
    sub.add_option("-o,--output", a->output, "说明 to write: .md, .html, .txt or .docx")->required();
    sub.add_option("--template", a->template_name, "Template folder under plugins/narrative (default: detected)");
    sub.add_option("--templates", a->templates_dir, "Folder of template folders (default: the shipped plugins/narrative)")
        ->type_name("DIR");
    sub.add_option("--year-label", a->year_label, "Year wording at the start of sentences (default: 年度 cell + 年度)");
    sub.add_option("--zero-base", a->zero_base, "Wording when 上年 is 0 (default from the template: 100%, e.g. 上年为0)");
    sub.add_option("--flat", a->flat, "Wording of a zero change: seed (增加0.00万元，增长0.00%) or 持平");
    add_input_options(sub, a->in);
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
