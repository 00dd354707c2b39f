// xlsx_stream.h — a workbook of plain tables written row by row in constant memory, for
// reports of any size: each sheet's XML is deflated (zlib) into a temporary file as rows
// arrive, and the package is assembled from those files at the end. Text cells are inline
// strings (no shared-string table to grow), the header row is bold and frozen.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sp::batch {

struct XCell {
    enum Kind : uint8_t { Empty, Text, Number } kind = Empty;
    std::string text;
    double number = 0;
    XCell() = default;
    XCell(std::string_view t) : kind(t.empty() ? Empty : Text), text(t) {}
    XCell(const char* t) : XCell(std::string_view(t)) {}
    XCell(const std::string& t) : XCell(std::string_view(t)) {}
    XCell(double v) : kind(Number), number(v) {}
    XCell(size_t v) : kind(Number), number(double(v)) {}
};

class XlsxStream {
public:
    static constexpr size_t kMaxRows = 1048576;  // Excel's limit per sheet, header included

    XlsxStream();
    ~XlsxStream();
    // Sheets are declared first (header and column widths in characters), then filled in any order.
    size_t add_sheet(std::string name, const std::vector<std::string>& header, const std::vector<double>& widths);
    // False (row dropped) when the sheet is full.
    bool row(size_t sheet, const std::vector<XCell>& cells);
    size_t rows(size_t sheet) const;  // data rows written
    // Writes the package to path through a temporary file (xlsx::OutputError on failure).
    void finish(const std::string& path);

private:
    struct Sheet;
    std::vector<std::unique_ptr<Sheet>> sheets_;
};

}  // namespace sp::batch
