// bytes.h — an uninitialised, owned byte buffer (inflated parts can be hundreds of
// megabytes: std::string would zero-fill them first) that pugixml may parse in place.
#pragma once
#include <cstddef>
#include <memory>
#include <string_view>

namespace sp::xlsx {

struct Bytes {
    std::unique_ptr<char[]> data;
    size_t size = 0;
    Bytes() = default;
    explicit Bytes(size_t n) : data(new char[n + 1]), size(n) { data[n] = 0; }  // +1: a NUL after the end
    std::string_view view() const { return {data.get(), size}; }
    char* begin() { return data.get(); }
};

}  // namespace sp::xlsx
