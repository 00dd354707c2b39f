// progress.h — a one-line progress bar for long batches, redrawn in place with '\r' on a
// terminal (at most ~10 times a second) and silent otherwise, so that logs and pipes
// never receive control characters.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace sp::batch {

class Progress {
public:
    // Draws on `out` only when enabled (callers pass isatty(fileno(out)) or a --progress flag).
    Progress(FILE* out, bool enabled, std::string label = "检查");
    void update(size_t done, size_t total);  // not thread-safe: callers serialise
    void finish();                           // clears the line

    // "[#########-----------]  45/100  12.3 个/秒  剩余 4 秒" for a width of `bar` characters.
    static std::string line(size_t done, size_t total, double seconds, size_t bar = 30);

private:
    FILE* out_;
    bool enabled_;
    std::string label_;
    std::chrono::steady_clock::time_point start_, last_;
    bool drawn_ = false;
};

}  // namespace sp::batch
