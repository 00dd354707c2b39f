// assets.cpp — looking up the embedded page files (the arrays come from embed.cmake).
#include "serve/assets.h"

namespace sp::serve {

const Asset* find_asset(std::string_view name) {
    for (const Asset& a : assets())
        if (name == a.name) return &a;
    return nullptr;
}

std::string_view mime_type(std::string_view name) {
    auto ends = [&](std::string_view s) { return name.size() >= s.size() && name.substr(name.size() - s.size()) == s; };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

}  // namespace sp::serve
