// text_input.h — reading a published 说明 as lines of UTF-8: plain text (UTF-8, UTF-8/UTF-16 with a
// BOM, or GB18030 decoded with glibc iconv), Markdown, or a .docx (one line per w:p, read with the
// engine's zip reader and pugixml). Empty, binary or undecodable input is refused with a message.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace sp::narrative {

struct TextError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct TextLine {
    int number = 0;  // 1-based (docx: paragraph number)
    std::string text;
};

struct TextInput {
    std::string file;
    std::string encoding;  // UTF-8, GB18030, UTF-16LE, UTF-16BE, docx
    std::vector<TextLine> lines;
};

TextInput read_text_file(const std::string& path);
// The same from bytes already read (name is for messages; docx when it starts with PK\3\4 or
// the name ends in .docx).
TextInput read_text_bytes(const std::string& name, std::string bytes);

}  // namespace sp::narrative
