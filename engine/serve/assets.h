// assets.h — the workbench page's files (serve/assets/*), embedded in the binary at build
// time by embed.cmake: no file is read from the source tree or fetched at run time.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace sp::serve {

struct Asset {
    const char* name;  // "index.html"
    const char* data;
    size_t size;
};

const std::vector<Asset>& assets();
const Asset* find_asset(std::string_view name);  // nullptr when there is none
std::string_view mime_type(std::string_view name);

}  // namespace sp::serve
