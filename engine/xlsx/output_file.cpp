// output_file.cpp — see output_file.h.
#include "xlsx/output_file.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "xlsx/error.h"

namespace sp::xlsx {

void write_atomically(const std::string& path, const std::function<void(FILE*)>& fill) {
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    if (fd < 0) throw OutputError(path, "", "", msg::Message{"xlsx.cannot_create_in", {dir, std::strerror(errno)}});
    std::string tmp(name.data());
    FILE* f = fdopen(fd, "wb");
    if (!f) {
        int e = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        throw OutputError(path, "", "", msg::Message{"xlsx.cannot_write", {std::strerror(e)}});
    }
    std::vector<char> buffer(size_t(1) << 20);
    std::setvbuf(f, buffer.data(), _IOFBF, buffer.size());
    try {
        fill(f);
        if (std::fflush(f) != 0 || fsync(fileno(f)) != 0)
            throw OutputError(path, "", "", msg::Message{"xlsx.write_failed", {std::strerror(errno)}});
        // mkstemp creates 0600; give the file the usual permissions (0666 less the umask),
        // or those of the file it replaces.
        struct stat st;
        mode_t mode;
        if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
        else {
            mode_t mask = ::umask(0);
            ::umask(mask);
            mode = 0666 & ~mask;
        }
        fchmod(fileno(f), mode);
        if (std::fclose(f) != 0) {
            f = nullptr;
            throw OutputError(path, "", "", msg::Message{"xlsx.write_failed", {std::strerror(errno)}});
        }
        f = nullptr;
        if (std::rename(tmp.c_str(), path.c_str()) != 0)
            throw OutputError(path, "", "", msg::Message{"xlsx.cannot_rename", {std::strerror(errno)}});
    } catch (...) {
        if (f) std::fclose(f);
        ::unlink(tmp.c_str());
        throw;
    }
}

}  // namespace sp::xlsx
