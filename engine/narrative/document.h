// document.h — a 说明 as the Lua section templates produce it: headings, paragraphs and tables
// whose parts are text, figures and 【待填写】 slots. A Figure knows what it states (section,
// subject words, attribute), its value as printed, the cell it comes from and, for rates, the
// inputs a checker recomputes it from. narrate renders a Document; verify-text matches a
// published text's figures against the Figures of the Document generated from the workbook.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace sp::narrative {

struct Figure {
    std::string section;             // "一" … "十二": the top-level section of the 说明
    std::string subject;             // key, unique per section (e.g. 收入总计)
    std::vector<std::string> words;  // how the text names the subject
    std::string attr;                // amount actual budget share growth variance diff count
    double value = 0;                // as printed (万元 / percentage points), signed
    std::string text;                // as printed
    std::string unit;                // 万元, %, 个 …
    std::string cell;                // where the value comes from ('表'!C5, or a description)
    std::string group;               // parts of one whole (shares must add up to 100)
    std::string kind;                // rates: share | growth | variance
    double x = 0, y = 0;             // rates: the inputs (share x/y, growth x/y−1, variance x/y−1)
    bool has_inputs = false;
    double upper = 0;                // an upper bound the stated figure must respect (has_upper)
    bool has_upper = false;
    std::string upper_what;          // what the bound is (e.g. 支出决算表 项目支出 '支出决算表'!E7)
    bool required = false;           // the 说明 must quote it (TXT-05c: every non-zero 项 …)
    bool known = true;               // false: a quantity the template names but the tables do not hold
};

struct Part {
    enum Kind { Text, Fig, Slot } kind = Text;
    std::string text;  // Text: the text; Fig: the printed figure; Slot: 【待填写：…】
    int figure = -1;   // Fig: index in Document::figures
};

struct Block {
    enum Kind { Heading, Para, Table } kind = Para;
    int level = 1;
    std::string section;
    std::vector<Part> parts;                    // Heading, Para
    std::vector<std::vector<std::string>> rows;  // Table (first row = header)
    std::string plain() const;                  // the text of the parts
};

struct Slot {
    std::string section, what;
};

// A template folder's _config.lua.
struct Config {
    std::string name;       // folder name (= --template NAME)
    std::string dir;
    std::string template_;  // workbook template it reads (部门决算公开 …)
    std::vector<std::string> detect;      // all of these sheets …
    std::vector<std::string> detect_any;  // … or any of these
    std::string part, part_start, part_end;
    std::string text_marker;  // a word every 说明 of this template contains (决算, 部门预算 …)
    std::vector<std::string> text_foreign;  // words only another template's 说明 contains (部门决算 for 自评表)
    std::string zero_base = "100%", flat = "seed", year_suffix = "年度";
    std::string required_section;
    std::vector<std::string> required_items;
    std::vector<std::pair<std::string, std::string>> attr_words;  // text before a figure -> attr
};

// Words a section must contain (TXT-08: the 空表 statement of an empty table).
struct Expect {
    std::string section, words, rule;
    std::vector<std::string> names;  // TXT-06: the list after "<words>…包括：" names exactly these
};

struct Document {
    Config config;
    std::string title;  // 单位 + 年度 + 说明 title
    std::string year;   // the workbook's 年度 ("2024"; "" when not given): WRD-03
    std::vector<Block> blocks;
    std::vector<Figure> figures;
    std::vector<Slot> slots;
    std::vector<Expect> expects;
};

}  // namespace sp::narrative
