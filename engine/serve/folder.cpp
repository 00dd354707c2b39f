// folder.cpp — see folder.h.
#include "serve/folder.h"

#include <algorithm>

#include "core/messages.h"
#include "serve/api_error.h"

#ifndef SUANPAN_TEMPLATE_DIR
#define SUANPAN_TEMPLATE_DIR "workbooks/templates"
#endif

namespace sp::serve {
namespace fs = std::filesystem;

static std::string zh(std::string_view key, std::initializer_list<std::string_view> args) {
    return msg::text(msg::Lang::zh, key, args);
}

static bool ends_with_xlsx(std::string_view s) {
    if (s.size() < 6) return false;
    std::string tail(s.substr(s.size() - 5));
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return tail == ".xlsx";
}

// True when p (canonical) is dir or below it.
static bool inside(const fs::path& p, const fs::path& dir) {
    auto [a, b] = std::mismatch(dir.begin(), dir.end(), p.begin(), p.end());
    return a == dir.end();
}

Folder::Folder(const fs::path& target) {
    std::error_code ec;
    fs::path t = fs::canonical(target, ec);
    if (ec) throw ApiError(404, "no_workbook", zh("serve.no_workbook", {target.string()}));
    if (fs::is_directory(t)) {
        dir_ = t;
    } else {
        dir_ = t.parent_path();
        only_ = t.filename().string();
    }
}

fs::path Folder::resolve(std::string_view rel, bool write, bool overwrite) const {
    std::string r(rel);
    if (r.empty() || r.find('\0') != std::string::npos || r.find('\\') != std::string::npos || !ends_with_xlsx(r))
        throw ApiError(400, "bad_path", zh("serve.bad_path", {r}));
    fs::path p(r);
    if (p.is_absolute() || p.has_root_name() || r[0] == '/') throw ApiError(403, "outside_folder", zh("serve.outside", {r}));
    for (const auto& part : p)
        if (part == ".." || part == ".") throw ApiError(403, "outside_folder", zh("serve.outside", {r}));
    if (!folder_mode() && !write && r != only_) throw ApiError(403, "not_this_workbook", zh("serve.only_named", {only_}));
    if (!folder_mode() && r.find('/') != std::string::npos) throw ApiError(403, "outside_folder", zh("serve.outside", {r}));
    fs::path full = dir_ / p;
    std::error_code ec;
    bool exists = fs::exists(fs::symlink_status(full, ec));
    if (exists) {
        fs::path c = fs::canonical(full, ec);
        if (ec || !inside(c, dir_)) throw ApiError(403, "outside_folder", zh("serve.outside", {r}));
        if (!fs::is_regular_file(c)) throw ApiError(400, "bad_path", zh("serve.bad_path", {r}));
        if (write && r != only_ && (!overwrite || !folder_mode())) throw ApiError(409, "exists", zh("serve.exists", {r}));
        return c;
    }
    if (!write) throw ApiError(404, "no_workbook", zh("serve.no_workbook", {r}));
    fs::path parent = fs::canonical(full.parent_path(), ec);
    if (ec) throw ApiError(404, "no_workbook", zh("serve.no_workbook", {r}));
    if (!inside(parent, dir_)) throw ApiError(403, "outside_folder", zh("serve.outside", {r}));
    return parent / full.filename();
}

std::vector<std::string> Folder::list(size_t max) const {
    std::vector<std::string> out;
    if (!folder_mode()) return {only_};
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator() && out.size() < max; it.increment(ec)) {
        if (ec) break;
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(ec)) continue;  // never followed out of the folder
        if (it->is_regular_file(ec) && ends_with_xlsx(name))
            out.push_back(fs::relative(it->path(), dir_, ec).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> template_names() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(SUANPAN_TEMPLATE_DIR, ec))
        if (e.is_regular_file() && ends_with_xlsx(e.path().filename().string())) out.push_back(e.path().stem().string());
    std::sort(out.begin(), out.end());
    return out;
}

fs::path template_path(const std::string& name) {
    auto names = template_names();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw ApiError(404, "no_template", zh("serve.no_template", {name}));
    return fs::path(SUANPAN_TEMPLATE_DIR) / (name + ".xlsx");
}

}  // namespace sp::serve
