// parser.h — A1 formula text -> syntax tree, and the tree back to text.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/address.h"
#include "formula/ast.h"

namespace sp::formula {

struct ParseError {
    size_t pos = 0;        // byte offset into the text given (after any leading '=')
    std::string message;   // e.g. "unexpected ')'", "unterminated string", "reference beyond XFD1048576"
};

struct ParseResult {
    std::optional<Node> ast;
    ParseError error;  // meaningful when !ast
    explicit operator bool() const { return ast.has_value(); }
};

// Parses Excel formula text ("=SUM(A1:A3)" or "SUM(A1:A3)") written in cell `anchor`.
// Relative references are stored as offsets from `anchor`.
ParseResult parse(std::string_view text, CellAddr anchor = {});

// A1 text (without '=') of the tree as it would be written in `anchor`.
// A relative reference that falls outside the grid at that anchor prints as #REF!.
std::string print_a1(const Node& n, CellAddr anchor = {});
// R1C1 text: the shape key. Identical for every cell of a filled-down formula.
std::string print_r1c1(const Node& n);

}  // namespace sp::formula
