// progress.cpp — see progress.h.
#include "batch/progress.h"

#include <cstdio>

namespace sp::batch {

Progress::Progress(FILE* out, bool enabled, std::string label)
    : out_(out), enabled_(enabled && out), label_(std::move(label)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

std::string Progress::line(size_t done, size_t total, double seconds, size_t bar) {
    size_t fill = total ? done * bar / total : bar;
    std::string s = "[";
    for (size_t i = 0; i < bar; ++i) s += i < fill ? '#' : '-';
    char buf[96];
    std::snprintf(buf, sizeof buf, "] %zu/%zu", done, total);
    s += buf;
    if (seconds > 0 && done) {
        double rate = double(done) / seconds;
        std::snprintf(buf, sizeof buf, "  %.1f 个/秒", rate);
        s += buf;
        if (done < total) {
            std::snprintf(buf, sizeof buf, "  剩余 %.0f 秒", double(total - done) / rate);
            s += buf;
        }
    }
    return s;
}

void Progress::update(size_t done, size_t total) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::string l = line(done, total, std::chrono::duration<double>(now - start_).count());
    // \r then the line, then erase to the end of the line (a shorter line leaves no tail).
    std::fprintf(out_, "\r%s %s\x1b[K", label_.c_str(), l.c_str());
    std::fflush(out_);
    drawn_ = true;
}

void Progress::finish() {
    if (!enabled_ || !drawn_) return;
    std::fputs("\r\x1b[K", out_);
    std::fflush(out_);
    drawn_ = false;
}

}  // namespace sp::batch
