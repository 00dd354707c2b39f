// output_file.h — writing a file safely: a temporary file in the target's folder,
// renamed over the target only when complete; removed if anything fails, so a failed
// write never leaves partial output (nor touches an existing file).
#pragma once
#include <cstdio>
#include <functional>
#include <string>

namespace sp::xlsx {

// Calls fill(FILE*) on a temporary file next to `path`, then renames it to `path`.
// Throws OutputError (or whatever fill throws) after removing the temporary file.
void write_atomically(const std::string& path, const std::function<void(FILE*)>& fill);

}  // namespace sp::xlsx
