// bytes.h — an uninitialised, owned byte buffer (inflated parts can be hundreds of
// megabytes: std::string would zero-fill them first) that pugixml may parse in place.
// Large buffers are 2 MiB-aligned and marked for transparent huge pages: filling one
// then costs a page fault per 2 MiB instead of per 4 KiB, which matters on VMs.
#pragma once
#include <cstddef>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>

#include <sys/mman.h>

namespace sp::xlsx {

struct Bytes {
    struct Free {
        void operator()(char* p) const { std::free(p); }
    };
    std::unique_ptr<char[], Free> data;
    size_t size = 0;
    Bytes() = default;
    explicit Bytes(size_t n) : size(n) {  // +1: a NUL after the end
        constexpr size_t kHuge = size_t(2) << 20;
        void* p = nullptr;
        if (n >= kHuge) {
            size_t cap = (n + 1 + kHuge - 1) / kHuge * kHuge;
            if (posix_memalign(&p, kHuge, cap) != 0) p = nullptr;
            if (p) madvise(p, cap, MADV_HUGEPAGE);
        } else {
            p = std::malloc(n + 1);
        }
        if (!p) throw std::bad_alloc();
        data.reset(static_cast<char*>(p));
        data[n] = 0;
    }
    std::string_view view() const { return {data.get(), size}; }
    char* begin() { return data.get(); }

    // Gives the memory of the whole 2 MiB pages below byte `n` back to the kernel; those
    // bytes must not be read again (they read as zeros). Large buffers only (they are
    // 2 MiB-aligned); a no-op for small ones.
    void release_prefix(size_t n) {
        constexpr size_t kHuge = size_t(2) << 20;
        if (size < kHuge) return;
        size_t upto = std::min(n, size) / kHuge * kHuge;
        if (upto > released_) {
            madvise(data.get() + released_, upto - released_, MADV_DONTNEED);
            released_ = upto;
        }
    }

private:
    size_t released_ = 0;
};

// An append-only text buffer over Bytes (for rewritten parts: huge-page backed, and
// reserved once generously so it rarely needs to copy itself while growing).
class ByteBuilder {
public:
    explicit ByteBuilder(size_t capacity = 0) : buf_(capacity ? capacity : 64) {}
    void append(std::string_view s) {
        if (len_ + s.size() > buf_.size) grow(len_ + s.size());
        std::memcpy(buf_.begin() + len_, s.data(), s.size());
        len_ += s.size();
    }
    ByteBuilder& operator+=(std::string_view s) { append(s); return *this; }
    ByteBuilder& operator+=(char c) {
        if (len_ + 1 > buf_.size) grow(len_ + 1);
        buf_.begin()[len_++] = c;
        return *this;
    }
    std::string_view view() const { return {buf_.data.get(), len_}; }
    size_t size() const { return len_; }
    // Room for `n` bytes in all without copying later.
    void reserve(size_t n) {
        if (n > buf_.size) grow(n);
    }
    void clear() { len_ = 0; }  // keeps the memory, for the next slice
private:
    void grow(size_t need) {
        Bytes bigger(std::max(need, buf_.size * 2));
        std::memcpy(bigger.begin(), buf_.begin(), len_);
        buf_ = std::move(bigger);
    }
    Bytes buf_;
    size_t len_ = 0;
};

}  // namespace sp::xlsx
