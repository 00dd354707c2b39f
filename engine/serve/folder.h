// folder.h — what the workbench may open and write: the one named workbook, or the .xlsx
// files inside the named folder. Client paths are relative, '/'-separated, end in .xlsx,
// hold no '..' and no absolute part; after resolving symlinks they must stay inside.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sp::serve {

class Folder {
public:
    // `target`: a workbook (file mode) or a folder (folder mode). Throws ApiError when neither.
    explicit Folder(const std::filesystem::path& target);

    bool folder_mode() const { return only_.empty(); }
    const std::filesystem::path& dir() const { return dir_; }
    // The file a client path names, for reading (must exist) or writing (a new file, or an
    // existing one when overwrite). Throws ApiError 400/403/404.
    std::filesystem::path resolve(std::string_view rel, bool write = false, bool overwrite = false) const;
    // Workbooks the client may open (relative paths, sorted): the named one, or every .xlsx
    // below the folder (at most `max`, skipping hidden entries and lock files).
    std::vector<std::string> list(size_t max = 2000) const;

private:
    std::filesystem::path dir_;  // canonical
    std::string only_;           // file mode: the workbook's file name
};

// Shipped templates (workbooks/templates/*.xlsx): names without .xlsx, sorted.
std::vector<std::string> template_names();
std::filesystem::path template_path(const std::string& name);  // throws ApiError 404

}  // namespace sp::serve
