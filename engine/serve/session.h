// session.h — one workbook opened by the workbench: the document as read (kept for the patch
// writer), its calculator and Lua runtime, the stale cached values found at open time and the
// current 审核 findings. Every API call on a workbook goes through its Session, under its
// mutex (browser tabs on the same file share it, so each sees the others' edits on refresh).
// Answers are JSON (the shapes are documented in docs/serve.md).
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calc/calculator.h"
#include "check/report.h"
#include "lua/plugins.h"
#include "lua/runtime.h"
#include "xlsx/xlsx.h"

namespace sp::serve {

class Session {
public:
    // Reads and recalculates `file` (throws xlsx::Error with the message `suanpan recalc` gives),
    // records stale cached values, runs the checks. `name` is the path the client uses.
    Session(const std::filesystem::path& file, std::string name, std::shared_ptr<const lua::PluginSet> plugins,
            const FunctionRegistry* registry);

    std::mutex mutex;

    nlohmann::json sheets_json() const;    // sheets with layout, styles, findings, stale values, notes
    nlohmann::json cells_json(const std::string& sheet, const std::string& range) const;
    nlohmann::json precedents_json(const std::string& sheet, const std::string& cell);
    nlohmann::json findings_json() const;
    // Puts values into a block whose top-left is `cell` (rows of strings, numbers, booleans or
    // null). Strings are read as typed (input_text.h) unless raw. Recalculates the dependents,
    // runs the checks; answers the cells whose value changed and the findings. When more than
    // kMaxChangedListed cells changed, only the edited ones and those inside `view_range` of
    // `view_sheet` (what the page shows) are listed, with "truncated": true.
    static constexpr size_t kMaxChangedListed = 2000;
    nlohmann::json edit(const std::string& sheet, const std::string& cell, const nlohmann::json& rows, bool raw,
                        const std::string& view_sheet = "", const std::string& view_range = "");
    // Writes through the patch writer. Over the opened file: refused (409 changed_on_disk)
    // when it changed on disk since it was opened or saved, unless force.
    nlohmann::json save(const std::filesystem::path& out, bool over_original, bool force);
    // The current workbook as xlsx bytes (patch writer through a temporary file).
    std::string bytes();
    check::WorkbookReport report() const;

    const std::string& name() const { return name_; }
    const std::filesystem::path& file() const { return file_; }

private:
    SheetId sheet_of(const std::string& name) const;
    bool editable(SheetId s, CellAddr c) const;
    nlohmann::json cell_json(SheetId s, int32_t r, int32_t c) const;
    std::string formatted(const Value& v, uint16_t style) const;
    void run_checks();
    void remember_disk_state();

    std::filesystem::path file_;
    std::string name_;
    std::shared_ptr<const lua::PluginSet> plugins_;
    xlsx::Document doc_;
    std::unique_ptr<lua::Runtime> runtime_;
    std::unique_ptr<Calculator> calc_;
    std::vector<check::StaleValue> stale_;
    std::vector<check::Finding> findings_;
    size_t rules_applied_ = 0;
    uint64_t version_ = 0;  // edits so far
    std::filesystem::file_time_type mtime_{};
    uintmax_t size_ = 0;
};

}  // namespace sp::serve
