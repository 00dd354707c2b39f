// lexer.h — splits A1 formula text into tokens in one pass over the bytes.
// Tokens are spans into the text; whether a word is a cell, a column, a name or a
// function is left to the parser, which sees the neighbouring tokens.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace sp::formula {

enum class Tok : uint8_t {
    End,       // end of text
    Bad,       // lexical error; the lexer stops here (message in LexResult)
    Number,    // 12, 1.5, .5, 1E-3
    String,    // "a""b" (span includes the quotes)
    Word,      // names, functions, cells, columns: A1, $B$2, SUM, _xlfn.X, 收入, [1]Sheet1, Tax_2024
    Quoted,    // 'My Sheet' (span includes the quotes; only valid before '!')
    Error,     // #DIV/0!, #N/A …
    Bang,      // !
    Colon,     // :
    Comma,     // ,
    Semicolon, // ; (array constant rows)
    LParen, RParen, LBrace, RBrace,
    Plus, Minus, Star, Slash, Caret, Amp, Percent,
    Eq, Ne, Lt, Le, Gt, Ge,
    Hash,      // '#' right after a reference that is not an error literal: A1# (spill range)
    At,        // '@' implicit intersection: @A1:A10
};

struct Token {
    Tok kind = Tok::End;
    bool space_before = false;  // whitespace precedes the token (intersection operator)
    uint32_t pos = 0, end = 0;  // byte span [pos, end)
};

struct LexResult {
    const char* message = nullptr;  // set when the last token is Tok::Bad
};

// Appends the tokens of `text` to `out` (always ending with End or Bad).
LexResult lex(std::string_view text, std::vector<Token>& out);

}  // namespace sp::formula
