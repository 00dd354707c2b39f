// render.h — a Document as Markdown, HTML, plain text or a WordprocessingML (.docx) package.
// Every format ends with the list of 【待填写】 slots a human must fill. The .docx is written with
// the engine's own zip writer (xlsx/zip_writer.h): headings, paragraphs, tables.
#pragma once
#include <string>

#include "narrative/document.h"

namespace sp::narrative {

std::string render_markdown(const Document& doc);
std::string render_html(const Document& doc);
std::string render_text(const Document& doc);
// Writes `path` (throws std::runtime_error when it cannot).
void write_docx(const Document& doc, const std::string& path);
// The docx parts (file name -> content), for tests and write_docx.
std::string docx_document_xml(const Document& doc);

}  // namespace sp::narrative
