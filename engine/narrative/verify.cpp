// verify.cpp — locating and naming the figures of a 说明. The text is cut to the part the templates
// write (config part_start..part_end), joined into paragraphs (PDF text wraps mid-sentence), normalized
// (spaces and quotes dropped, full-width brackets/digits folded) with a byte -> line map, split into
// sentences at 。. A figure is a number with a unit; its attribute comes from the words right before
// it, its subject from the subject words of the section's Figures: the one ending nearest before the
// figure in the same sentence (longest on ties), else the subject last named in the paragraph.
#include "narrative/verify.h"

#include "core/messages.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace sp::narrative {
namespace {

// --- normalization -------------------------------------------------------------------------------

struct Norm {
    std::string s;
    std::vector<int> line;  // per byte of s: source line number
    std::vector<int> col;   // per byte of s: byte offset in that line
};

void append_norm(Norm& n, const std::string& text, int line) {
    const std::string& t = text;
    for (size_t i = 0; i < t.size();) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        auto put = [&](const std::string& x, size_t skip) {
            n.s += x;
            n.line.insert(n.line.end(), x.size(), line);
            n.col.insert(n.col.end(), x.size(), int(i));
            i += skip;
        };
        if (c == ' ' || c == '\t' || c == '\r' || c == '"' || c == '\f') {
            ++i;
            continue;
        }
        if (c < 0x80) {
            put(std::string(1, char(c)), 1);
            continue;
        }
        auto at = [&](const char* u) { return t.compare(i, std::strlen(u), u) == 0; };
        if (at("\u3000")) { i += 3; continue; }
        if (at("\u00A0")) { i += 2; continue; }
        if (at("\u201C") || at("\u201D") || at("\u2018") || at("\u2019") || at("\u300C") || at("\u300D") ||
            at("\uFF02")) {
            i += 3;
            continue;
        }
        if (at("\uFF08")) { put("(", 3); continue; }
        if (at("\uFF09")) { put(")", 3); continue; }
        if (at("\uFF05") || at("\uFE6A")) { put("%", 3); continue; }
        if (at("\uFF0E")) { put(".", 3); continue; }
        if (at("\uFF0D") || at("\u2212")) { put("-", 3); continue; }
        if (c == 0xEF && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBC) {
            unsigned char d = static_cast<unsigned char>(t[i + 2]);
            if (d >= 0x90 && d <= 0x99) { put(std::string(1, char('0' + (d - 0x90))), 3); continue; }
        }
        int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        put(t.substr(i, size_t(len)), size_t(len));
    }
}

std::string norm_word(const std::string& w) {
    Norm n;
    append_norm(n, w, 0);
    return n.s;
}

bool starts(const std::string& s, const char* p) { return s.compare(0, std::strlen(p), p) == 0; }
bool ends(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

const char* const kCn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// "十一、…" -> "十一"; "" when the text does not start with a top-level section marker.
std::string section_marker(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        bool hit = false;
        for (const char* c : kCn)
            if (s.compare(i, 3, c) == 0) {
                i += 3;
                hit = true;
                break;
            }
        if (!hit) break;
    }
    if (i == 0 || i > 9) return "";
    if (s.compare(i, 3, "、") == 0 || s.compare(i, 1, ".") == 0) return s.substr(0, i);
    return "";
}

bool item_marker(const std::string& s) {
    if (s.empty()) return false;
    if (s[0] == '(' || starts(s, "（")) return true;
    size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    bool dot = (s.compare(i, 1, ".") == 0 && !(i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) ||
               s.compare(i, 3, "．") == 0;
    return i > 0 && i < 4 && (s.compare(i, 3, "、") == 0 || dot);
}

struct Para {
    Norm n;
    std::string section;
};

bool ends_sentence(const std::string& s) {
    return ends(s, "。") || ends(s, "：") || ends(s, "；") || ends(s, "！") || ends(s, "？") || ends(s, ":");
}

// The narrative part of the text, as paragraphs with their sections.
std::vector<Para> paragraphs(const TextInput& in, const Config& cfg) {
    size_t first = 0, last = in.lines.size();
    if (!cfg.part_start.empty()) {
        for (size_t i = 0; i < in.lines.size(); ++i) {
            std::string s = norm_word(in.lines[i].text);
            size_t h = s.find_first_not_of('#');
            if (h != std::string::npos && s.compare(h, cfg.part_start.size(), cfg.part_start) == 0) {
                first = i + 1;
                break;
            }
        }
        if (!cfg.part_end.empty())
            for (size_t i = first; i < in.lines.size(); ++i) {
                std::string s = norm_word(in.lines[i].text);
                size_t h = s.find_first_not_of('#');
                if (h != std::string::npos &&
                    (s.compare(h, cfg.part_end.size(), cfg.part_end) == 0 || s.compare(h, 15, "待填写事项") == 0)) {
                    last = i;
                    break;
                }
            }
    }
    std::vector<Para> out;
    std::string section;
    Para cur;
    auto flush = [&] {
        if (!cur.n.s.empty()) out.push_back(std::move(cur));
        cur = Para{};
    };
    for (size_t i = first; i < last; ++i) {
        const TextLine& l = in.lines[i];
        if (!l.text.empty() && l.text[0] == '\t') {  // a table cell line (embedded 自评表): not narrative
            flush();
            continue;
        }
        std::string s = norm_word(l.text);
        while (!s.empty() && s[0] == '#') s.erase(0, 1);
        if (starts(s, "**") && ends(s, "**")) s = s.substr(2, s.size() - 4);
        if (s.empty()) continue;
        std::string m = section_marker(s);
        bool heading = !m.empty() || item_marker(s);
        if (heading) flush();
        if (!m.empty()) section = m;
        if (cur.n.s.empty()) cur.section = section;
        append_norm(cur.n, l.text, l.number);
        // Markdown emphasis and heading marks are not text.
        if ((!m.empty() || (s[0] == '(' && item_marker(s))) && s.find("。") == std::string::npos && s.size() < 150) flush();
        else if (ends_sentence(s)) flush();
    }
    flush();
    for (auto& p : out) {
        // drop markdown marks that survived (leading #, **)
        std::string& t = p.n.s;
        size_t k = 0;
        while (k < t.size() && (t[k] == '#' || t[k] == '*')) ++k;
        if (k) {
            t.erase(0, k);
            p.n.line.erase(p.n.line.begin(), p.n.line.begin() + long(k));
            p.n.col.erase(p.n.col.begin(), p.n.col.begin() + long(k));
        }
        for (size_t pos; (pos = t.find("**")) != std::string::npos;) {
            t.erase(pos, 2);
            p.n.line.erase(p.n.line.begin() + long(pos), p.n.line.begin() + long(pos) + 2);
            p.n.col.erase(p.n.col.begin() + long(pos), p.n.col.begin() + long(pos) + 2);
        }
    }
    return out;
}

// --- figures -------------------------------------------------------------------------------------

const char* const kUnits[] = {"万元", "亿元", "元", "%", "平方米", "人次", "批次", "台(套)", "个", "人", "辆", "台", "套", "项", "次", "户", "家", "分"};
const char* const kNotUnits[] = {"年", "月", "日", "号", "条", "部分", "季度", "级", "余", "周", "天", "小时", "倍", "分钟", "分之", "分配"};

struct Raw {
    size_t begin, end;  // number bytes
    size_t unit_end;
    std::string unit;
    double value;
    std::string text;
};

std::vector<Raw> scan_numbers(const std::string& s) {
    std::vector<Raw> out;
    int slot = 0;  // inside 【…】: a 待填写 slot's words, not a figure
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "【") == 0) ++slot;
        if (s.compare(i, 3, "】") == 0 && slot > 0) --slot;
        if (slot || !std::isdigit(static_cast<unsigned char>(s[i]))) continue;
        if (i > 0) {
            unsigned char p = static_cast<unsigned char>(s[i - 1]);
            if (std::isalnum(p) || p == '.' || p == ',' || p == '_' || p == '/') {
                while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
                continue;
            }
        }
        size_t b = i, j = i;
        std::string digits;
        while (j < s.size()) {
            if (std::isdigit(static_cast<unsigned char>(s[j]))) {
                digits += s[j++];
            } else if (s[j] == ',' && j + 3 < s.size() + 0 && j + 3 <= s.size() &&
                       std::isdigit(static_cast<unsigned char>(s[j + 1])) &&
                       std::isdigit(static_cast<unsigned char>(s[j + 2])) &&
                       std::isdigit(static_cast<unsigned char>(s[j + 3])) &&
                       (j + 4 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[j + 4])))) {
                ++j;
            } else {
                break;
            }
        }
        if (j + 1 < s.size() && s[j] == '.' && std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
            digits += s[j++];
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) digits += s[j++];
        }
        // 1.5.0 (malformed) and item markers "1." / "1、" are not figures.
        if (j < s.size() && s[j] == '.') {
            i = j;
            continue;
        }
        bool neg = b > 0 && s[b - 1] == '-' && (b < 2 || !std::isdigit(static_cast<unsigned char>(s[b - 2])));
        if (neg) --b;
        std::string unit;
        for (const char* u : kUnits)
            if (s.compare(j, std::strlen(u), u) == 0) {
                unit = u;
                break;
            }
        bool not_unit = false;
        for (const char* u : kNotUnits)
            if (s.compare(j, std::strlen(u), u) == 0) not_unit = true;
        if (unit == "个" && s.compare(j, 6, "个月") == 0) not_unit = true;
        // A bound, not a quantity: "单价100万元(含)以上设备", "50万元以上" (the words of a category).
        size_t after = j + unit.size();
        if (!unit.empty() && (s.compare(after, 5, "(含)") == 0 || s.compare(after, 6, "以上") == 0)) not_unit = true;
        if (!not_unit) {
            Raw r;
            r.begin = b;
            r.end = j;
            r.unit_end = j + unit.size();
            r.unit = unit;
            r.value = std::strtod(digits.c_str(), nullptr) * (neg ? -1 : 1);
            r.text = s.substr(b, j - b);
            out.push_back(r);
        }
        i = j;
    }
    return out;
}

struct AttrWord {
    std::string word, attr;
};

// What the words right before a figure say it is; sign -1 for 减少/下降.
std::string classify(const std::string& pre, const std::string& unit, const std::vector<AttrWord>& words, int& sign) {
    sign = 1;
    static const std::vector<std::pair<std::string, int>> diff = {{"增加", 1}, {"减少", -1}, {"增加了", 1}, {"减少了", -1}};
    static const std::vector<std::pair<std::string, int>> growth = {
        {"增长", 1}, {"下降", -1}, {"增长了", 1}, {"下降了", -1}, {"增幅", 1}, {"降幅", -1}};
    for (auto& [w, s] : growth)
        if (ends(pre, w)) {
            sign = s;
            return "growth";
        }
    for (auto& [w, s] : diff)
        if (ends(pre, w)) {
            sign = s;
            return "diff";
        }
    if (ends(pre, "差异率") || ends(pre, "差异率为")) return "variance";
    size_t z = pre.rfind("占");
    if (z != std::string::npos) {
        std::string mid = pre.substr(z + 3);
        bool clean = mid.size() <= 45 && mid.find("，") == std::string::npos && mid.find("；") == std::string::npos &&
                     mid.find(",") == std::string::npos && mid.find_first_of("0123456789") == std::string::npos;
        if (clean && (mid.empty() || ends(mid, "的") || ends(mid, "为"))) return "share";
    }
    for (const AttrWord& a : words)
        if (ends(pre, a.word) || ends(pre, a.word + "为")) return a.attr;
    if (unit == "万元" || unit == "亿元" || unit == "元") return "amount";
    if (unit == "%") return "rate";
    if (unit == "分") return "score";
    return unit.empty() ? "" : "count";
}

bool attr_fits(const std::string& want, const std::string& have) {
    return want == have || (want == "actual" && have == "amount");
}

double round2(double x) { return std::round(x * 100 + (x >= 0 ? 1e-9 : -1e-9)) / 100; }

// The [lo, hi] of a rate (percent, 2 dp) when each input moves by ±d.
bool rate_interval(const Figure& f, double d, double& lo, double& hi) {
    if (!f.has_inputs) return false;
    lo = 1e300, hi = -1e300;
    // An input of exactly 0 is none at all (nothing spent / budgeted): it does not move.
    double ddx = f.x == 0 ? 0 : d, ddy = f.y == 0 ? 0 : d;
    for (double dx : {-ddx, ddx})
        for (double dy : {-ddy, ddy}) {
            double x = f.x + dx, y = f.y + dy;
            if (std::fabs(y) < 1e-12) return false;
            double r = f.kind == "share" ? x / y : x / y - 1;
            lo = std::min(lo, r * 100);
            hi = std::max(hi, r * 100);
        }
    if (std::fabs(f.y) <= d) return false;  // zero base: the convention decides, compare exactly
    lo = round2(lo), hi = round2(hi);
    return true;
}

std::string fmt2(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

}  // namespace

int VerifyResult::count(Statement::Status s) const {
    int n = 0;
    for (auto& x : statements)
        if (x.status == s) ++n;
    return n;
}

int VerifyResult::exit_code() const {
    for (auto& s : statements)
        if (s.status == Statement::Differs && s.severity == "error") return 1;
    for (auto& f : findings)
        if (f.severity == "error") return 1;
    return 0;
}

VerifyResult verify_text(const TextInput& text, const Document& doc, const VerifyOptions& opt0) {
    VerifyOptions opt = opt0;
    if (opt.lenient) {
        opt.amount_tolerance = std::max(opt.amount_tolerance, 0.5);
        opt.rate_tolerance = std::max(opt.rate_tolerance, 0.1);
    }
    VerifyResult res;
    res.file = text.file;
    res.template_name = doc.config.name;
    res.encoding = text.encoding;

    std::vector<AttrWord> attr_words;
    for (auto& [w, a] : doc.config.attr_words) attr_words.push_back({norm_word(w), a});
    std::sort(attr_words.begin(), attr_words.end(), [](auto& a, auto& b) { return a.word.size() > b.word.size(); });

    // Figures by section, with normalized words.
    std::map<std::string, std::vector<int>> by_section;
    std::vector<std::vector<std::string>> words(doc.figures.size());
    for (size_t i = 0; i < doc.figures.size(); ++i) {
        by_section[doc.figures[i].section].push_back(int(i));
        for (auto& w : doc.figures[i].words) words[i].push_back(norm_word(w));
    }

    auto paras = paragraphs(text, doc.config);
    std::map<std::string, std::string> section_text;
    struct Sent {
        std::string s;
        std::vector<int> line, col;
        std::string section;
        int para;
        std::vector<int> stmts;
    };
    std::vector<Sent> sents;
    for (size_t p = 0; p < paras.size(); ++p) {
        const std::string& t = paras[p].n.s;
        section_text[paras[p].section] += t;
        size_t start = 0;
        while (start < t.size()) {
            size_t e = t.find("。", start);
            size_t stop = e == std::string::npos ? t.size() : e + 3;
            Sent s;
            s.s = t.substr(start, stop - start);
            s.line.assign(paras[p].n.line.begin() + long(start), paras[p].n.line.begin() + long(stop));
            s.col.assign(paras[p].n.col.begin() + long(start), paras[p].n.col.begin() + long(stop));
            s.section = paras[p].section;
            s.para = int(p);
            sents.push_back(std::move(s));
            start = stop;
        }
    }

    std::string carried;  // subject last named in the paragraph
    int carried_para = -1;
    for (size_t si = 0; si < sents.size(); ++si) {
        Sent& sent = sents[si];
        if (sent.para != carried_para) {
            carried.clear();
            carried_para = sent.para;
        }
        auto raws = scan_numbers(sent.s);
        const auto& pool = by_section[sent.section];
        for (const Raw& r : raws) {
            std::string pre = sent.s.substr(0, r.begin);
            int sign = 1;
            std::string attr = classify(pre, r.unit, attr_words, sign);
            if (attr.empty()) {
                if (attr != "share") continue;  // a bare number is no figure statement
            }
            Statement st;
            st.line = sent.line.empty() ? 0 : sent.line[std::min(r.begin, sent.line.size() - 1)];
            st.column = sent.col.empty() ? 0 : sent.col[std::min(r.begin, sent.col.size() - 1)];
            st.section = sent.section;
            st.sentence = sent.s;
            st.begin = r.begin;
            st.end = r.unit_end;
            st.text = r.text;
            st.unit = r.unit;
            st.attr = attr;
            st.value = (attr == "diff" || attr == "growth") ? sign * std::fabs(r.value) : r.value;
            // subject: the nearest subject word before the figure in this sentence; inside a reason
            // (after 原因) only words of the reason itself count, and nothing is carried over.
            size_t why = pre.rfind("原因");
            if (why != std::string::npos && pre.find("；", why) != std::string::npos) why = std::string::npos;  // it ended
            std::string scope = why == std::string::npos ? pre : pre.substr(why);
            int best = -1;
            size_t best_end = 0, best_len = 0;
            // A count names its subject by its unit too (0批次，0人次 after the same words).
            auto unit_fits = [&](const Figure& f) { return attr != "count" || f.unit.empty() || norm_word(f.unit) == r.unit; };
            for (int fi : pool) {
                if (!attr_fits(attr, doc.figures[size_t(fi)].attr) || !unit_fits(doc.figures[size_t(fi)])) continue;
                for (const std::string& w : words[size_t(fi)]) {
                    size_t pos = scope.rfind(w);
                    if (pos == std::string::npos) continue;
                    size_t e = pos + w.size();
                    if (e > best_end || (e == best_end && w.size() > best_len)) {
                        best = fi;
                        best_end = e;
                        best_len = w.size();
                    }
                }
            }
            if (why != std::string::npos) best = -1;  // a figure in a reason is listed, not guessed
            if (best < 0 && !carried.empty() && why == std::string::npos)
                for (int fi : pool)
                    if (doc.figures[size_t(fi)].subject == carried && attr_fits(attr, doc.figures[size_t(fi)].attr) &&
                        unit_fits(doc.figures[size_t(fi)])) {
                        best = fi;
                        break;
                    }
            if (best < 0 && attr == "actual")  // "决算数X" of a subject that has no separate actual figure
                for (int fi : pool)
                    if (doc.figures[size_t(fi)].subject == carried && doc.figures[size_t(fi)].attr == "amount") best = fi;
            if (best < 0 && why != std::string::npos) st.note = "in a reason";
            if (best >= 0 && !doc.figures[size_t(best)].known) {
                carried = doc.figures[size_t(best)].subject;
                st.subject = carried;
                st.status = Statement::Unmatched;
                st.note = "not in the tables (a 待填写 slot of the template)";
            } else if (best >= 0) {
                const Figure& f = doc.figures[size_t(best)];
                carried = f.subject;
                st.figure = best;
                st.subject = f.subject;
                st.cell = f.cell;
                st.table_value = f.value;
                st.difference = round2(st.value - f.value);
                bool rate = f.unit == "%";
                if (rate != (r.unit == "%") && !(attr == "share" && r.unit.empty())) {
                    st.status = Statement::Unmatched;
                    st.figure = -1;
                    st.note = "unit does not fit the subject";
                } else if (rate) {
                    double lo, hi;
                    if (std::fabs(st.difference) <= opt.rate_tolerance + 1e-9) {
                        st.status = Statement::Agrees;
                    } else if (rate_interval(f, opt.input_delta, lo, hi) && st.value >= lo - 1e-9 && st.value <= hi + 1e-9) {
                        st.status = Statement::Agrees;
                        st.note = "within input rounding [" + fmt2(lo) + ", " + fmt2(hi) + "]";
                    } else {
                        st.status = Statement::Differs;
                        st.severity = "error";
                    }
                } else if (r.unit == "元" && f.unit == "万元") {
                    // NAR-05: an amount in 元 where the tables are in 万元.
                    double as_wan = st.value / 10000;
                    if (std::fabs(as_wan - f.value) <= opt.amount_tolerance + 1e-9) {
                        st.status = Statement::Agrees;
                        st.note = "NAR-05: in 元 (" + fmt2(as_wan) + " 万元)";
                    } else {
                        st.status = Statement::Differs;
                        st.severity = "error";
                        st.note = std::fabs(st.difference) <= opt.amount_tolerance + 1e-9 ? "NAR-05: 元 where the table is in 万元" : "";
                    }
                } else {
                    if (std::fabs(st.difference) <= opt.amount_tolerance + 1e-9) {
                        st.status = Statement::Agrees;
                    } else {
                        st.status = Statement::Differs;
                        st.severity = std::fabs(st.difference) <= opt.rounding_tolerance + 1e-9 ? "info" : "error";
                        if (st.severity == "info") st.note = "尾差";
                    }
                }
            } else {
                st.status = Statement::Unmatched;
            }
            sent.stmts.push_back(int(res.statements.size()));
            res.statements.push_back(std::move(st));
        }
    }

    // --- within-text checks ---------------------------------------------------------------------
    std::map<std::string, int> section_line;  // first line of each section, for section-level findings
    for (auto& p : paras)
        if (!p.n.line.empty() && !section_line.count(p.section)) section_line[p.section] = p.n.line[0];
    auto add = [&](std::string rule, std::string sev, int line, std::string m, std::vector<int> st = {}) {
        st.erase(std::remove(st.begin(), st.end(), -1), st.end());
        res.findings.push_back({std::move(rule), std::move(sev), line, std::move(m), std::move(st)});
    };
    auto& S = res.statements;
    std::string last_why;  // WRD-01: the reason of the previous 增减
    int last_why_line = 0;
    for (size_t si = 0; si < sents.size(); ++si) {
        Sent& sent = sents[si];
        for (int k : sent.stmts) {
            Statement& d = S[size_t(k)];
            if (d.note.rfind("NAR-05", 0) == 0) add("NAR-05", "warning", d.line, "金额单位应为万元：" + d.text + "元", {k});
            if (d.attr == "share" && d.unit.empty())
                add("NAR-03", "warning", d.line, "「占" + d.text + "」缺少 %", {k});
            if (d.attr != "diff" || d.note == "in a reason") continue;
            // NAR-02: the rate that follows a 增减额 must follow from it and the amount it sits after.
            const Statement* amount = nullptr;
            const Statement* growth = nullptr;
            int gk = -1, ak = -1;
            for (int j : sent.stmts) {
                const Statement& x = S[size_t(j)];
                if (j < k && (x.attr == "amount" || x.attr == "actual") && x.subject == d.subject && !x.subject.empty()) {
                    amount = &x;
                    ak = j;
                }
                if (j > k && x.attr == "growth" && !growth) {
                    growth = &x;
                    gk = j;
                }
            }
            double cur = amount ? amount->value : (d.figure >= 0 ? NAN : NAN);
            if (!amount && d.figure >= 0) {
                // the amount is not in this sentence: use the table's
                for (auto& f : doc.figures)
                    if (f.known && f.section == d.section && f.subject == d.subject && f.attr == "amount") cur = f.value;
            }
            if (growth && !std::isnan(cur)) {
                double prev = cur - d.value;
                if ((d.value > 0 && growth->value < 0) || (d.value < 0 && growth->value > 0))
                    add("NAR-02", "warning", growth->line, "增减额与增长率的方向不一致（" + d.text + " / " + growth->text + "%）", {k, gk, ak});
                else if (std::fabs(prev) > 0.005) {
                    double lo = 1e300, hi = -1e300;
                    for (double dc : {-0.005, 0.005})
                        for (double dd : {-0.005, 0.005}) {
                            double p = (cur + dc) - (d.value + dd);
                            if (std::fabs(p) < 1e-9) continue;
                            double r = (d.value + dd) / p * 100;
                            lo = std::min(lo, r), hi = std::max(hi, r);
                        }
                    lo = round2(lo), hi = round2(hi);
                    if (growth->value < lo - 1e-9 - opt.rate_tolerance || growth->value > hi + 1e-9 + opt.rate_tolerance)
                        add("NAR-02", "warning", growth->line,
                            "增长率 " + fmt2(growth->value) + "% 不能由 本年数 " + fmt2(cur) + " 与 增减额 " + fmt2(d.value) +
                                " 得出（应为 " + fmt2(lo) + (lo == hi ? "" : "～" + fmt2(hi)) + "%）",
                            {k, gk, ak});
                } else if (std::fabs(cur) > 0.005 && std::fabs(std::fabs(growth->value) - 100) > 0.005 &&
                           doc.config.zero_base == "100%") {
                    add("NAR-02", "warning", growth->line, "上年为0时本文约定写“增长100.00%”", {k, gk, ak});
                }
            }
            // WRD-01: a 增减 needs a reason (from the configured share of change on).
            double pct = growth ? std::fabs(growth->value) : 100;
            if (std::fabs(d.value) > 0.005 && pct + 1e-9 >= opt.reason_threshold) {
                std::string rest = sent.s.substr(d.end);
                if (si + 1 < sents.size() && rest.find("原因") == std::string::npos &&
                    (sents[si + 1].para == sent.para || starts(sents[si + 1].s, "主要原因") || starts(sents[si + 1].s, "原因")))
                    rest += sents[si + 1].s.substr(0, std::min<size_t>(sents[si + 1].s.size(), 60));
                size_t rp = rest.find("原因");
                std::string why;
                if (rp != std::string::npos) {
                    why = rest.substr(rp + 6);
                    for (const char* lead : {"是：", "是:", "是", "：", ":", "为"})
                        if (starts(why, lead)) {
                            why = why.substr(std::strlen(lead));
                            break;
                        }
                    size_t e = why.find("。");
                    if (e != std::string::npos) why = why.substr(0, e);
                }
                if (rp == std::string::npos)
                    add("WRD-01", "warning", d.line, "增减" + d.text + "万元 没有说明原因", {k});
                else if (why.empty() || why == "无" || why.find("【待填写") != std::string::npos)
                    add("WRD-01", "warning", d.line, "增减" + d.text + "万元 的原因未填写", {k});
                else if (why == last_why && why.size() > 6)
                    add("WRD-01", "info", d.line,
                        "增减" + d.text + "万元 的原因与上一处（第 " + std::to_string(last_why_line) + " 行）相同", {k});
                if (rp != std::string::npos && !why.empty()) {
                    last_why = why;
                    last_why_line = d.line;
                }
            }
        }
    }
    // Bounds a figure must respect (TXT-11: Σ项目全年执行数 ≤ 项目支出, DOMAIN §4 #11).
    for (size_t k = 0; k < S.size(); ++k) {
        const Statement& s = S[k];
        const Figure* f = nullptr;
        for (auto& g : doc.figures)
            if (g.has_upper && g.section == s.section && g.subject == s.subject && (s.attr == "amount" || s.attr == "actual"))
                f = &g;
        if (f && s.value > f->upper + opt.amount_tolerance)
            add("TXT-11", "warning", s.line,
                "「" + s.subject + "」" + s.text + " 超过 " + f->upper_what + " " + fmt2(f->upper), {int(k)});
    }
    // NAR-01: the same quantity quoted twice with different values.
    std::map<std::string, int> first_by;
    for (size_t k = 0; k < S.size(); ++k) {
        const Statement& s = S[k];
        if (s.figure < 0) continue;
        const Figure& f = doc.figures[size_t(s.figure)];
        std::string key = f.cell.empty() ? f.section + "|" + f.subject : f.cell;
        key += "|" + (f.attr == "actual" ? std::string("amount") : f.attr);
        auto it = first_by.find(key);
        if (it == first_by.end()) {
            first_by[key] = int(k);
        } else if (std::fabs(S[size_t(it->second)].value - s.value) > 0.005) {
            add("NAR-01", "warning", s.line,
                "「" + s.subject + "」前后两处数字不同：" + S[size_t(it->second)].text + "（第 " +
                    std::to_string(S[size_t(it->second)].line) + " 行）与 " + s.text,
                {it->second, int(k)});
        }
    }
    // Shares of one whole must add up to 100 (when every part is quoted).
    std::map<std::string, std::vector<int>> groups;
    for (size_t k = 0; k < S.size(); ++k)
        if (S[k].figure >= 0 && S[k].attr == "share" && !doc.figures[size_t(S[k].figure)].group.empty())
            groups[S[k].section + "|" + doc.figures[size_t(S[k].figure)].group].push_back(int(k));
    for (auto& [g, ks] : groups) {
        std::set<std::string> subjects;
        double sum = 0;
        for (int k : ks) {
            subjects.insert(S[size_t(k)].subject);
            sum += S[size_t(k)].value;
        }
        size_t members = 0;
        std::string gname = g.substr(g.find('|') + 1);
        double table_sum = 0;
        for (auto& f : doc.figures)
            if (f.attr == "share" && f.group == gname && f.section == S[size_t(ks[0])].section) {
                ++members;
                table_sum += f.value;
            }
        if (subjects.size() == members && members >= 2 && std::fabs(table_sum) > 0.005 &&
            std::fabs(sum - 100) > 0.005 * double(members) + 0.011)
            add("NAR-SUM", "warning", S[size_t(ks[0])].line, "各项占比合计为 " + fmt2(sum) + "%，不等于 100%", ks);
    }
    // SG-01 / SG-02: the 三公 items and counts.
    if (!doc.config.required_section.empty()) {
        const std::string& t = section_text[doc.config.required_section];
        int line = 0;
        for (auto& p : paras)
            if (p.section == doc.config.required_section && !p.n.line.empty()) {
                line = p.n.line[0];
                break;
            }
        if (t.empty()) {
            add("STR-01", "error", 0, "缺少第" + doc.config.required_section + "部分（三公经费）");
        } else {
            for (auto& item : doc.config.required_items)
                if (t.find(norm_word(item)) == std::string::npos)
                    add("SG-01", "error", line, "三公经费说明未提及「" + item + "」");
            if (doc.config.template_ == "部门决算公开")
                for (const char* c : {"团组", "人次", "购置数", "保有量", "批次"})
                    if (t.find(c) == std::string::npos) add("SG-02", "warning", line, std::string("三公经费说明缺少「") + c + "」");
        }
    }
    // WRD-03 (the year part): a "YYYY年度" of the 说明 is the workbook's 年度 or the one before (上年度).
    if (doc.year.size() == 4 && std::all_of(doc.year.begin(), doc.year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        int want = std::stoi(doc.year);
        for (auto& p : paras)
            for (size_t at = p.n.s.find("年度"); at != std::string::npos; at = p.n.s.find("年度", at + 1)) {
                if (at < 4 || (at > 4 && std::isdigit(static_cast<unsigned char>(p.n.s[at - 5])))) continue;
                std::string y = p.n.s.substr(at - 4, 4);
                if (!std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
                int got = std::stoi(y);
                if (got != want && got != want - 1)
                    add("WRD-03", "warning", p.n.line.empty() ? 0 : p.n.line[at - 4],
                        "文中「" + y + "年度」与工作簿年度 " + doc.year + " 不一致");
            }
    }
    // STR-01: every section the templates write; TXT-08 / STR-02: words a section must contain.
    std::set<std::string> sections;
    for (auto& b : doc.blocks)
        if (!b.section.empty()) sections.insert(b.section);
    for (auto& sec : sections)
        if (!section_text.count(sec)) add("STR-01", "warning", section_line.empty() ? 0 : section_line.begin()->second, "缺少第" + sec + "部分（" + doc.config.template_ + "说明）");
    for (auto& e : doc.expects) {
        auto it = section_text.find(e.section);
        if (!e.names.empty()) {  // TXT-06
            if (it == section_text.end()) continue;
            const std::string& t = it->second;
            size_t w = t.find(norm_word(e.words));
            size_t inc = w == std::string::npos ? w : t.find("包括", w);
            if (inc == std::string::npos) continue;
            size_t colon = t.find("：", inc);
            size_t stop = t.find("。", inc);
            if (colon == std::string::npos || stop == std::string::npos || colon > stop) continue;
            std::string list = t.substr(colon + 3, stop - colon - 3);
            std::set<std::string> said, want;
            for (size_t a = 0; a <= list.size();) {
                size_t b = list.find("、", a);
                if (b == std::string::npos) b = list.size();
                if (b > a) said.insert(list.substr(a, b - a));
                a = b + 3;
            }
            for (auto& n : e.names) want.insert(norm_word(n));
            std::string missing, extra;
            for (auto& n : want)
                if (!said.count(n)) missing += (missing.empty() ? "" : "、") + n;
            for (auto& n : said)
                if (!want.count(n)) extra += (extra.empty() ? "" : "、") + n;
            if (!missing.empty() || !extra.empty())
                add("TXT-06", "warning", section_line[e.section],
                    "第" + e.section + "部分「" + e.words + "」所列科目与表中非零科目不一致" +
                        (missing.empty() ? "" : "；未列出：" + missing) + (extra.empty() ? "" : "；表中为零或没有：" + extra));
            continue;
        }
        if (it != section_text.end() && it->second.find(norm_word(e.words)) == std::string::npos)
            add(e.rule, "warning", section_line[e.section], "第" + e.section + "部分应写明“" + e.words + "”（表中无数据）");
    }
    // TXT-05c and the like: quantities every 说明 must quote.
    {
        std::set<std::string> quoted;
        for (auto& s : S)
            if (!s.subject.empty()) quoted.insert(s.section + "|" + s.subject);
        std::set<std::string> told;
        for (auto& f : doc.figures)
            if (f.required && f.known && section_text.count(f.section) && !quoted.count(f.section + "|" + f.subject) &&
                told.insert(f.section + "|" + f.subject).second)
                add("TXT-05c", "warning", section_line[f.section], "第" + f.section + "部分未说明「" + f.subject + "」（表中 " + f.text + "）");
    }
    // NAR-03: 3-decimal shares ("占0.000%").
    for (size_t k = 0; k < S.size(); ++k) {
        auto dot = S[k].text.find('.');
        if (S[k].unit == "%" && dot != std::string::npos && S[k].text.size() - dot - 1 > 2)
            add("NAR-03", "warning", S[k].line, "百分比应保留两位小数：" + S[k].text + "%", {int(k)});
    }
    // WRD-02: template residue.
    for (auto& p : paras)
        for (const char* r : {"XX", "××", "某某", "增加(减少)", "增长(下降)", "{单位}", "增加增加", "减少减少"})
            if (p.n.s.find(r) != std::string::npos)
                add("WRD-02", "warning", p.n.line.empty() ? 0 : p.n.line[0], std::string("模板残留「") + r + "」");
    std::stable_sort(res.findings.begin(), res.findings.end(), [](auto& a, auto& b) { return a.line < b.line; });
    return res;
}

std::string text_misfit(const TextInput& text, const Config& cfg, const std::string& text_path,
                        const std::string& workbook_path) {
    auto says = [&](const std::string& word) {
        for (const TextLine& l : text.lines)
            if (l.text.find(word) != std::string::npos) return true;
        return false;
    };
    if (!cfg.text_marker.empty() && !says(cfg.text_marker))
        return msg::text("narrative.wrong_template", {text_path, workbook_path, cfg.template_, cfg.text_marker});
    for (const std::string& word : cfg.text_foreign)
        if (says(word)) return msg::text("narrative.foreign_template", {text_path, workbook_path, cfg.template_, word});
    return "";
}

VerifyResult verify_file(const std::string& text_path, Workbook& wb, const lua::PluginSet& plugins,
                         const VerifyOptions& opt, const GenerateOptions& gen, const std::vector<Companion>& companions) {
    TextInput in = read_text_file(text_path);
    Document doc = generate(wb, plugins, gen, companions);
    if (std::string why = text_misfit(in, doc.config, text_path, ""); !why.empty()) throw Error(why);
    return verify_text(in, doc, opt);
}

}  // namespace sp::narrative
