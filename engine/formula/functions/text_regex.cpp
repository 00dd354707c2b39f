// text_regex.cpp — Excel's regular-expression functions REGEXTEST, REGEXEXTRACT and
// REGEXREPLACE, and the matcher XMATCH uses for match_mode 3.
//
// Excel uses PCRE2; we use std::wregex with the ECMAScript grammar, over UTF-32 text
// (wchar_t is 32 bits on Linux) so that `.` matches one character, a Chinese one included.
// Common ground: classes, \d \w \s \b, quantifiers (greedy and lazy), alternation,
// groups (?:…), lookahead (?=…) (?!…), backreferences \1. A leading (?i) is honoured
// (turned into the case-insensitive flag). PCRE2 features ECMAScript lacks, which give
// #VALUE! here: named groups (?<name>…) / (?P<name>…) and ${name}, lookbehind (?<=…) (?<!…),
// atomic groups (?>…), possessive quantifiers (a*+), inline flags other than a leading
// (?i) (e.g. (?s), (?x), (?m)), \A \z \Z \G, \p{…} Unicode properties, \K, \Q…\E,
// conditionals and recursion. Differences that do not raise an error: `.` does not match
// \r (nor \n, like PCRE2), \w and \d are ASCII-only in both.
//
// libstdc++'s matcher backtracks recursively, one or more stack frames per character:
// a long text (thousands of characters) overflows a normal thread stack. Large inputs
// therefore run on a helper thread with a big stack. An exponential pattern such as
// (a+)+b can still take very long: libstdc++ has no step limit to stop it.
#include "formula/functions/text_regex.h"

#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <locale>
#include <string>
#include <unordered_map>
#include <vector>

#include "formula/function.h"
#include "formula/functions/utf8.h"

namespace sp::rx {
namespace {

static_assert(sizeof(wchar_t) == 4, "UTF-32 wchar_t expected");

constexpr size_t kMaxText = 32767;
constexpr size_t kInlineText = 512;        // code points matched on the caller's stack
constexpr size_t kInlinePattern = 256;     // pattern bytes compiled on the caller's stack
constexpr size_t kDeepStack = 512u << 20;  // helper thread stack (reserved, touched lazily)

std::wstring widen(std::string_view s) {
    std::wstring w;
    w.reserve(s.size());
    for (size_t i = 0; i < s.size();) w.push_back(wchar_t(utf8::next(s, i)));
    return w;
}

void narrow_append(std::string& out, std::wstring::const_iterator b, std::wstring::const_iterator e) {
    for (; b != e; ++b) utf8::append(out, char32_t(*b));
}

// Case-insensitive matching needs Unicode case tables: the C.UTF-8 locale when present.
const std::locale& unicode_locale() {
    static const std::locale loc = [] {
        try {
            return std::locale("C.UTF-8");
        } catch (...) {
            return std::locale::classic();
        }
    }();
    return loc;
}

// Runs fn on this thread, or (deep) on a helper thread with a big stack; exceptions
// thrown by fn are rethrown here. Err::Value when the thread cannot be created.
struct Job {
    const std::function<void()>* fn;
    std::exception_ptr ex;
};
void* trampoline(void* p) {
    auto* job = static_cast<Job*>(p);
    try {
        (*job->fn)();
    } catch (...) {
        job->ex = std::current_exception();
    }
    return nullptr;
}
Err run(bool deep, const std::function<void()>& fn) {
    if (!deep) { fn(); return Err::None; }
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return Err::Value;
    pthread_attr_setstacksize(&attr, kDeepStack);
    Job job{&fn, nullptr};
    pthread_t th;
    int rc = pthread_create(&th, &attr, trampoline, &job);
    pthread_attr_destroy(&attr);
    if (rc != 0) return Err::Value;
    pthread_join(th, nullptr);
    if (job.ex) std::rethrow_exception(job.ex);
    return Err::None;
}

// Runs a matching step, turning every failure of the matcher into #VALUE!.
Err guarded(const Regex& re, size_t text_len, const std::function<void()>& fn) {
    try {
        return run(text_len > kInlineText || re.length > kInlinePattern, fn);
    } catch (const std::regex_error&) {  // error_complexity, error_stack…
        return Err::Value;
    } catch (const std::exception&) {  // bad_alloc, length_error…
        return Err::Value;
    }
}

}  // namespace

std::shared_ptr<const Regex> compile(std::string_view pattern, bool ignore_case) {
    // The same pattern usually runs down a whole column: keep compiled ones (and failures).
    thread_local std::unordered_map<std::string, std::shared_ptr<const Regex>> cache;
    std::string key(1, ignore_case ? 'i' : 'c');
    key += pattern;
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    std::string_view body = pattern;
    bool icase = ignore_case;
    if (body.substr(0, 4) == "(?i)") { body.remove_prefix(4); icase = true; }
    std::shared_ptr<const Regex> re;
    try {
        run(body.size() > kInlinePattern, [&] {
            auto r = std::make_shared<Regex>();
            r->length = body.size();
            if (icase) r->re.imbue(unicode_locale());
            auto flags = std::regex_constants::ECMAScript;
            if (icase) flags |= std::regex_constants::icase;
            r->re.assign(widen(body), flags);
            re = std::move(r);
        });
    } catch (const std::regex_error&) {
        re = nullptr;
    } catch (const std::exception&) {  // bad_alloc, length_error…
        re = nullptr;
    }
    if (cache.size() >= 256) cache.clear();
    cache.emplace(std::move(key), re);
    return re;
}

Err search(const Regex& re, std::string_view text, bool& found) {
    std::wstring w = widen(text);
    return guarded(re, w.size(), [&] { found = std::regex_search(w, re.re); });
}

namespace {

using Match = std::match_results<std::wstring::const_iterator>;
using MatchIter = std::regex_iterator<std::wstring::const_iterator>;

Value error(Err e) { return Value::error(e); }
bool present(Args args, size_t i) { return i < args.size() && !args[i].is_missing(); }

// The scalar arguments of a call, read in order so that the first error wins.
struct Inputs {
    std::string text, pattern, replacement;
    int mode = 0;          // REGEXEXTRACT's return_mode / REGEXREPLACE's occurrence
    bool icase = false;
};

Err text_arg(CallContext& ctx, Args args, size_t i, std::string& out) {
    if (!present(args, i)) { out.clear(); return Err::None; }
    return CallContext::to_text(ctx.scalar(args[i]), out);
}

Err int_arg(CallContext& ctx, Args args, size_t i, int& out, int dflt) {
    if (!present(args, i)) { out = dflt; return Err::None; }
    double d;
    if (Err e = CallContext::to_number(ctx.scalar(args[i]), d); e != Err::None) return e;
    d = std::trunc(d);
    if (!(std::fabs(d) < 2e9)) return Err::Value;
    out = int(d);
    return Err::None;
}

// case_sensitivity: 0 (default) case-sensitive, 1 case-insensitive, anything else #VALUE!.
Err case_arg(CallContext& ctx, Args args, size_t i, bool& icase) {
    int c;
    if (Err e = int_arg(ctx, args, i, c, 0); e != Err::None) return e;
    if (c != 0 && c != 1) return Err::Value;
    icase = c == 1;
    return Err::None;
}

#define TRY(expr) \
    if (Err e_ = (expr); e_ != Err::None) return error(e_)

// Compiles the pattern or gives #VALUE!.
#define COMPILE(re, in)                                         \
    auto re = compile((in).pattern, (in).icase);                \
    if (!re) return error(Err::Value)

Value text_result(const std::string& s) { return s.size() > kMaxText ? error(Err::Value) : Value::string(s); }

// REGEXTEST(text, pattern, [case_sensitivity]) -> TRUE when the pattern matches anywhere.
Operand fn_regextest(CallContext& ctx, Args args) {
    Inputs in;
    TRY(text_arg(ctx, args, 0, in.text));
    TRY(text_arg(ctx, args, 1, in.pattern));
    TRY(case_arg(ctx, args, 2, in.icase));
    COMPILE(re, in);
    bool found = false;
    TRY(search(*re, in.text, found));
    return Value::boolean(found);
}

// REGEXEXTRACT(text, pattern, [return_mode], [case_sensitivity]) on scalars: 0 the first
// match, 1 every match (a row), 2 the capture groups of the first match (a row). #N/A
// when nothing matches.
Value extract(CallContext& ctx, Args args) {
    Inputs in;
    TRY(text_arg(ctx, args, 0, in.text));
    TRY(text_arg(ctx, args, 1, in.pattern));
    TRY(int_arg(ctx, args, 2, in.mode, 0));
    TRY(case_arg(ctx, args, 3, in.icase));
    if (in.mode < 0 || in.mode > 2) return error(Err::Value);
    COMPILE(re, in);
    std::wstring w = widen(in.text);
    std::vector<std::string> parts;
    bool matched = false;
    TRY(guarded(*re, w.size(), [&] {
        if (in.mode == 1) {
            for (MatchIter it(w.begin(), w.end(), re->re), end; it != end; ++it) {
                std::string s;
                narrow_append(s, (*it)[0].first, (*it)[0].second);
                parts.push_back(std::move(s));
            }
            matched = !parts.empty();
            return;
        }
        Match m;
        matched = std::regex_search(w.cbegin(), w.cend(), m, re->re);
        if (!matched) return;
        if (in.mode == 0) {
            parts.emplace_back();
            narrow_append(parts.back(), m[0].first, m[0].second);
            return;
        }
        for (size_t g = 1; g < m.size(); ++g) {  // an unset group is ""
            parts.emplace_back();
            if (m[g].matched) narrow_append(parts.back(), m[g].first, m[g].second);
        }
    }));
    // No match, or capture groups asked of a pattern without any.
    if (!matched || parts.empty()) return error(Err::NA);
    if (in.mode == 0) return text_result(parts[0]);
    Array out(1, uint32_t(parts.size()));
    for (size_t k = 0; k < parts.size(); ++k) {
        if (parts[k].size() > kMaxText) return error(Err::Value);
        out.at(0, uint32_t(k)) = Value::string(parts[k]);
    }
    return Value::array(std::move(out));
}

bool is_multi_ref(const Operand& a) {
    if (a.kind() == Operand::Kind::Areas) return true;
    if (a.kind() != Operand::Kind::Ref) return false;
    const RangeAddr& r = a.ref().range;
    return r.r1 != r.r2 || r.c1 != r.c2;
}

// REGEXEXTRACT returns an array by itself, so it is not lifted by the evaluator: over
// array arguments it is applied element by element here, each element keeping the first
// value of its result (Excel does not nest arrays).
Operand fn_regexextract(CallContext& ctx, Args args) {
    std::vector<Value> arrays(args.size());
    uint32_t rows = 1, cols = 1;
    bool any = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const Operand& a = args[i];
        if (a.is_value() && a.value().is_array()) arrays[i] = a.value();
        else if (ctx.array_mode() && is_multi_ref(a)) arrays[i] = Value::array(ctx.to_array(a));
        if (!arrays[i].is_array()) continue;
        any = true;
        rows = std::max(rows, arrays[i].array().rows());
        cols = std::max(cols, arrays[i].array().cols());
    }
    if (!any) return extract(ctx, args);
    Array out(rows, cols);
    std::vector<Operand> elems(args.begin(), args.end());
    bool mode = ctx.array_mode();
    ctx.set_array_mode(false);
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t c = 0; c < cols; ++c) {
            for (size_t i = 0; i < args.size(); ++i) {
                if (!arrays[i].is_array()) continue;
                const Array& a = arrays[i].array();
                // A single row or column repeats; past the end of a smaller array is #N/A.
                uint32_t rr = a.rows() == 1 ? 0 : r, cc = a.cols() == 1 ? 0 : c;
                elems[i] = Operand(rr < a.rows() && cc < a.cols() ? a.at(rr, cc) : error(Err::NA));
            }
            Value v = extract(ctx, Args(elems.data(), elems.size()));
            out.at(r, c) = v.is_array() ? v.array().at(0, 0) : v;
        }
    ctx.set_array_mode(mode);
    return Value::array(std::move(out));
}

// Expands a replacement for one match: $n and ${n} insert group n ($0 the whole match),
// $$ a dollar; a $ followed by anything else stays as is. false when a group is missing.
bool expand(const std::wstring& repl, const Match& m, std::wstring& out) {
    for (size_t i = 0; i < repl.size(); ++i) {
        wchar_t c = repl[i];
        if (c != L'$' || i + 1 >= repl.size()) { out.push_back(c); continue; }
        wchar_t d = repl[i + 1];
        if (d == L'$') { out.push_back(L'$'); ++i; continue; }
        size_t j = i + 1;
        bool braced = d == L'{';
        if (braced) ++j;
        size_t start = j;
        size_t g = 0;
        while (j < repl.size() && repl[j] >= L'0' && repl[j] <= L'9' && j - start < 6) g = g * 10 + size_t(repl[j++] - L'0');
        if (j == start || (braced && (j >= repl.size() || repl[j] != L'}'))) { out.push_back(c); continue; }
        if (g >= m.size()) return false;
        if (m[g].matched) out.append(m[g].first, m[g].second);
        i = braced ? j : j - 1;
    }
    return true;
}

// REGEXREPLACE(text, pattern, replacement, [occurrence], [case_sensitivity]): occurrence 0
// (default) replaces every match, n the n-th, -n the n-th from the end; text unchanged
// when there are fewer matches.
Operand fn_regexreplace(CallContext& ctx, Args args) {
    Inputs in;
    TRY(text_arg(ctx, args, 0, in.text));
    TRY(text_arg(ctx, args, 1, in.pattern));
    TRY(text_arg(ctx, args, 2, in.replacement));
    TRY(int_arg(ctx, args, 3, in.mode, 0));
    TRY(case_arg(ctx, args, 4, in.icase));
    COMPILE(re, in);
    std::wstring w = widen(in.text), repl = widen(in.replacement), out;
    bool bad_group = false;
    TRY(guarded(*re, w.size(), [&] {
        std::vector<Match> matches;
        for (MatchIter it(w.begin(), w.end(), re->re), end; it != end; ++it) matches.push_back(*it);
        long n = long(matches.size());
        long only = in.mode > 0 ? in.mode - 1 : in.mode < 0 ? n + in.mode : -1;
        if (in.mode != 0 && (only < 0 || only >= n)) { out = w; return; }
        auto pos = w.cbegin();
        for (long k = 0; k < n; ++k) {
            if (only >= 0 && k != only) continue;
            const Match& m = matches[size_t(k)];
            out.append(pos, m[0].first);
            if (!expand(repl, m, out)) { bad_group = true; return; }
            pos = m[0].second;
        }
        out.append(pos, w.cend());
    }));
    if (bad_group) return error(Err::Value);
    std::string s;
    narrow_append(s, out.cbegin(), out.cend());
    return text_result(s);
}

}  // namespace
}  // namespace sp::rx

namespace sp {

void register_regex_functions(FunctionRegistry& reg) {
    auto add = [&](const char* name, FnImpl fn, int lo, int hi, uint32_t flags, const char* desc) {
        FunctionDef d;
        d.name = name;
        d.impl = fn;
        d.min_args = lo;
        d.max_args = hi;
        d.flags = flags;
        d.family = "text";
        d.description = desc;
        reg.add(std::move(d));
    };
    add("REGEXTEST", rx::fn_regextest, 2, 3, kLift, "Whether a text matches a regular expression");
    add("REGEXEXTRACT", rx::fn_regexextract, 2, 4, 0, "Text matching a regular expression: first match, all matches or groups");
    add("REGEXREPLACE", rx::fn_regexreplace, 3, 5, kLift, "Replaces the matches of a regular expression, with $1…$n groups");
}

}  // namespace sp
