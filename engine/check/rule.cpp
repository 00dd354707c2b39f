// rule.cpp — names of severities and statuses, and the per-workbook report helpers.
#include "check/report.h"
#include "check/rule.h"

namespace sp::check {

std::string_view severity_name(Severity s) {
    switch (s) {
        case Severity::Info: return "info";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "error";
}

std::string_view severity_label(Severity s) {
    switch (s) {
        case Severity::Info: return "提示";
        case Severity::Warning: return "警告";
        case Severity::Error: return "错误";
    }
    return "错误";
}

std::string severity_label(Severity s, msg::Lang lang) {
    if (lang == msg::Lang::zh) return std::string(severity_label(s));
    return std::string(severity_name(s));
}

void say(Finding& f, std::string_view key, std::initializer_list<std::string_view> args) {
    f.message = msg::text(msg::Lang::zh, key, args);
    f.message_en = msg::text(msg::Lang::en, key, args);
}

void remark(Finding& f, std::string_view key, std::initializer_list<std::string_view> args) {
    if (f.message_en.empty()) f.message_en = f.message;
    f.message += msg::text(msg::Lang::zh, key, args);
    f.message_en += msg::text(msg::Lang::en, key, args);
}

const std::string& message_in(const Finding& f, msg::Lang lang) {
    return lang == msg::Lang::en && !f.message_en.empty() ? f.message_en : f.message;
}

std::string_view status_name(Status s) {
    switch (s) {
        case Status::Passed: return "passed";
        case Status::Info: return "info";
        case Status::Warnings: return "warnings";
        case Status::Failed: return "failed";
        case Status::Unreadable: return "unreadable";
    }
    return "failed";
}

std::string_view status_label(Status s) {
    switch (s) {
        case Status::Passed: return "通过";
        case Status::Info: return "通过（有提示）";
        case Status::Warnings: return "警告";
        case Status::Failed: return "未通过";
        case Status::Unreadable: return "无法读取";
    }
    return "未通过";
}

std::string status_label(Status s, msg::Lang lang) {
    if (lang == msg::Lang::zh) return std::string(status_label(s));
    return s == Status::Info ? "passed (with notes)" : s == Status::Warnings ? "warnings" : std::string(status_name(s));
}

const std::string& WorkbookReport::error_in(msg::Lang lang) const {
    return lang == msg::Lang::en && !error_en.empty() ? error_en : error;
}

size_t WorkbookReport::count(Severity s) const {
    size_t n = 0;
    for (const Finding& f : findings) n += f.severity == s;
    return n;
}

void WorkbookReport::finish() {
    if (!error.empty()) status = Status::Unreadable;
    else if (count(Severity::Error)) status = Status::Failed;
    else if (count(Severity::Warning)) status = Status::Warnings;
    else if (count(Severity::Info)) status = Status::Info;
    else status = Status::Passed;
}

}  // namespace sp::check
