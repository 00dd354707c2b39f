// error.h — the one exception the xlsx code throws: a message that names the file,
// the part inside the package and the cell, where known ("a.xlsx: xl/worksheets/sheet1.xml: B7: …").
#pragma once
#include <stdexcept>
#include <string>

namespace sp::xlsx {

struct Error : std::runtime_error {
    std::string file, part, cell, message;
    Error(std::string file_, std::string part_, std::string cell_, std::string message_)
        : std::runtime_error(compose(file_, part_, cell_, message_)),
          file(std::move(file_)), part(std::move(part_)), cell(std::move(cell_)), message(std::move(message_)) {}
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
