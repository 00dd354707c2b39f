// error.h — the one exception the xlsx code throws: a message that names the file,
// the part inside the package and the cell, where known ("a.xlsx: xl/worksheets/sheet1.xml: B7: …").
// The message is a catalogue entry (core/messages, xlsx section): what() and `message` are its
// English text, text(lang) the same place in the user's language.
#pragma once
#include <stdexcept>
#include <string>

#include "core/messages.h"

namespace sp::xlsx {

struct Error : std::runtime_error {
    std::string file, part, cell, message;
    Error(std::string file_, std::string part_, std::string cell_, std::string message_)
        : std::runtime_error(compose(file_, part_, cell_, message_)),
          file(std::move(file_)), part(std::move(part_)), cell(std::move(cell_)), message(std::move(message_)) {}
    Error(std::string file_, std::string part_, std::string cell_, msg::Message m)
        : Error(std::move(file_), std::move(part_), std::move(cell_), msg::text(msg::Lang::en, m)) {
        entry = std::move(m);
    }
    msg::Message entry;  // key empty: a message without a catalogue entry (shown as it is)
    std::string text(msg::Lang lang) const {
        return entry.key.empty() ? what() : compose(file, part, cell, msg::text(lang, entry));
    }
    std::string text() const { return text(msg::language()); }
    static std::string compose(const std::string& f, const std::string& p, const std::string& c, const std::string& m) {
        std::string s;
        for (const std::string* piece : {&f, &p, &c})
            if (!piece->empty()) s += *piece + ": ";
        return s + m;
    }
};

}  // namespace sp::xlsx

namespace sp::xlsx {
// Writing the output failed (disk full, permissions): not the input's fault.
struct OutputError : Error {
    using Error::Error;
};
}  // namespace sp::xlsx
