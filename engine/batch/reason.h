// reason.h — why a workbook could not be read or checked, in the reviewer's language: the
// xlsx reader's refusals (xlsx::Error: file, part, cell, catalogue entry) mapped to the batch
// section's coarser reasons (core/messages) with the place kept, so report.html is Chinese throughout.
#pragma once
#include <exception>
#include <string>

#include "core/messages.h"

namespace sp::batch {

// "文件已截断或损坏（zip 压缩包不完整）：a.xlsx" …; the original English text is not included
// (callers keep it as the technical detail).
std::string unreadable_reason(const std::exception& e, msg::Lang lang = msg::Lang::zh);

}  // namespace sp::batch
