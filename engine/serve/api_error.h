// api_error.h — a request the server refuses: HTTP status (4xx), a stable code for programs
// ("unknown_sheet", "outside_folder", …) and a message for people (Chinese, from the catalogue).
#pragma once
#include <stdexcept>
#include <string>

namespace sp::serve {

struct ApiError : std::runtime_error {
    int status;
    std::string code;
    ApiError(int s, std::string c, const std::string& message) : std::runtime_error(message), status(s), code(std::move(c)) {}
};

}  // namespace sp::serve
