// lexer.cpp — one pass over the formula bytes, no allocation besides the token vector.
// UTF-8 bytes (>= 0x80) count as letters, so Chinese names and sheet names lex as words.
#include "formula/lexer.h"

namespace sp::formula {

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static bool word_start(unsigned char c) {
    return is_alpha(c) || c == '_' || c == '\\' || c == '$' || c == '[' || c >= 0x80;
}
static bool word_char(unsigned char c) { return word_start(c) || is_digit(c) || c == '.' || c == '?'; }

static constexpr std::string_view kErrorLiterals[] = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?",
                                                      "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"};

// Length of the error literal at the start of s (case-insensitive), 0 if none.
static size_t match_error(std::string_view s) {
    for (std::string_view lit : kErrorLiterals) {
        if (s.size() < lit.size()) continue;
        size_t k = 0;
        while (k < lit.size() && (s[k] == lit[k] || (is_alpha(s[k]) && (s[k] & ~0x20) == lit[k]))) ++k;
        if (k == lit.size()) return k;
    }
    return 0;
}

LexResult lex(std::string_view text, std::vector<Token>& out) {
    const char* s = text.data();
    const size_t n = text.size();
    size_t i = 0;
    bool space = false;
    auto emit = [&](Tok k, size_t from, size_t to) {
        out.push_back(Token{k, space, uint32_t(from), uint32_t(to)});
        space = false;
    };
    auto bad = [&](size_t at, const char* msg) {
        emit(Tok::Bad, at, at + 1 > n ? n : at + 1);
        return LexResult{msg};
    };
    while (i < n) {
        unsigned char c = s[i];
        size_t start = i;
        switch (c) {
            case ' ': case '\t': case '\r': case '\n':
                space = true;
                ++i;
                continue;
            case '"': {  // string literal, "" is an escaped quote
                ++i;
                for (;;) {
                    if (i >= n) return bad(start, "unterminated string");
                    if (s[i] == '"') {
                        if (i + 1 < n && s[i + 1] == '"') { i += 2; continue; }
                        ++i;
                        break;
                    }
                    ++i;
                }
                emit(Tok::String, start, i);
                continue;
            }
            case '\'': {  // quoted sheet name, '' is an escaped quote
                ++i;
                for (;;) {
                    if (i >= n) return bad(start, "unterminated quoted sheet name");
                    if (s[i] == '\'') {
                        if (i + 1 < n && s[i + 1] == '\'') { i += 2; continue; }
                        ++i;
                        break;
                    }
                    ++i;
                }
                emit(Tok::Quoted, start, i);
                continue;
            }
            case '#': {
                size_t len = match_error(text.substr(i));
                if (!len && !space && !out.empty() && (out.back().kind == Tok::Word || out.back().kind == Tok::RParen)) {
                    ++i;  // A1#, Sheet1!A1#, INDEX(…)#: the spill range of the formula there
                    emit(Tok::Hash, start, i);
                    continue;
                }
                if (!len) return bad(start, "unknown error literal");
                i += len;
                emit(Tok::Error, start, i);
                continue;
            }
            case '!': ++i; emit(Tok::Bang, start, i); continue;
            case '@': ++i; emit(Tok::At, start, i); continue;
            case ':': ++i; emit(Tok::Colon, start, i); continue;
            case ',': ++i; emit(Tok::Comma, start, i); continue;
            case ';': ++i; emit(Tok::Semicolon, start, i); continue;
            case '(': ++i; emit(Tok::LParen, start, i); continue;
            case ')': ++i; emit(Tok::RParen, start, i); continue;
            case '{': ++i; emit(Tok::LBrace, start, i); continue;
            case '}': ++i; emit(Tok::RBrace, start, i); continue;
            case '+': ++i; emit(Tok::Plus, start, i); continue;
            case '-': ++i; emit(Tok::Minus, start, i); continue;
            case '*': ++i; emit(Tok::Star, start, i); continue;
            case '/': ++i; emit(Tok::Slash, start, i); continue;
            case '^': ++i; emit(Tok::Caret, start, i); continue;
            case '&': ++i; emit(Tok::Amp, start, i); continue;
            case '%': ++i; emit(Tok::Percent, start, i); continue;
            case '=': ++i; emit(Tok::Eq, start, i); continue;
            case '<':
                ++i;
                if (i < n && s[i] == '>') { ++i; emit(Tok::Ne, start, i); }
                else if (i < n && s[i] == '=') { ++i; emit(Tok::Le, start, i); }
                else emit(Tok::Lt, start, i);
                continue;
            case '>':
                ++i;
                if (i < n && s[i] == '=') { ++i; emit(Tok::Ge, start, i); }
                else emit(Tok::Gt, start, i);
                continue;
            default: break;
        }
        if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
            while (i < n && is_digit(s[i])) ++i;
            if (i < n && s[i] == '.') {
                ++i;
                while (i < n && is_digit(s[i])) ++i;
            }
            if (i < n && (s[i] | 0x20) == 'e') {  // exponent only when digits follow
                size_t j = i + 1;
                if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
                if (j < n && is_digit(s[j])) {
                    while (j < n && is_digit(s[j])) ++j;
                    i = j;
                }
            }
            emit(Tok::Number, start, i);
            continue;
        }
        if (word_start(c)) {
            while (i < n && word_char(s[i])) {
                if (s[i] != '[') { ++i; continue; }
                // [1]Sheet1 (external book) or Table1[Column]: skip the bracketed part whole;
                // inside it, ' escapes the next character (Table1[Cost '[USD']]).
                int depth = 0;
                do {
                    if (s[i] == '\'' && i + 1 < n) ++i;
                    else if (s[i] == '[') ++depth;
                    else if (s[i] == ']') --depth;
                    ++i;
                } while (i < n && depth > 0);
                if (depth > 0) return bad(start, "unterminated '['");
            }
            emit(Tok::Word, start, i);
            continue;
        }
        return bad(start, "unexpected character");
    }
    emit(Tok::End, n, n);
    return {};
}

}  // namespace sp::formula
