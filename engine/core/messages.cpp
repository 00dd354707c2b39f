// messages.cpp — the catalogue: key, English, Chinese. Keep entries grouped by room, sorted by key
// inside a group; {0}, {1} … are the arguments, in the same order in both languages.
#include "core/messages.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

namespace sp::msg {
namespace {

struct Entry {
    const char* key;
    const char* en;
    const char* zh;
};

const Entry kCatalogue[] = {
    // --- core / cli ---
    {"cli.bad_lang", "--lang must be zh or en (got '{0}')", "--lang 只能是 zh 或 en（收到“{0}”）"},
    {"cli.bad_shard", "--shard: expected I/N with 1 <= I <= N, got {0}", "--shard 应为 I/N，且 1 <= I <= N（收到 {0}）"},
    {"cli.batch_more", "… and {0} more, see the report", "… 另有 {0} 个，见报告"},
    {"cli.batch_rate", " ({0} s, {1} workbooks/s, -j {2})", "（{0} 秒，每秒 {1} 个工作簿，-j {2}）"},
    {"cli.batch_recalculated", "recalculated workbooks: {0}", "重算后的工作簿：{0}"},
    {"cli.batch_reports", "report: {0}\n        {1}\n        {2}", "报告：{0}\n      {1}\n      {2}"},
    {"cli.batch_resumed", "; resumed after {0}", "；接续第 {0} 个之后"},
    {"cli.batch_shard", " (shard {0})", "（分片 {0}）"},
    {"cli.batch_stopped", " ({0} stopped by --timeout-per-workbook, {1} by --memory-per-workbook)",
     "（{0} 个因 --timeout-per-workbook 停止，{1} 个因 --memory-per-workbook 停止）"},
    {"cli.batch_summary", "{0} workbooks{1}: {2} passed, {3} with warnings, {4} failed, {5} unreadable",
     "工作簿 {0} 个{1}：通过 {2}，有警告 {3}，未通过 {4}，无法读取 {5}"},
    {"cli.bad_udf", "--udf must be keep, excel or freeze (got '{0}')", "--udf 只能是 keep、excel 或 freeze（收到“{0}”）"},
    {"cli.cannot_run_dot", "cannot run dot", "无法运行 dot 程序"},
    {"cli.cannot_write", "cannot write {0}", "无法写入 {0}"},
    {"cli.cannot_write_why", "cannot write {0}: {1}", "无法写入 {0}：{1}"},
    {"cli.cannot_listen", "cannot listen on {0}", "无法在 {0} 上监听"},
    {"cli.check_needs_input", "check needs an input workbook (or --list)", "check 需要一个输入工作簿（或 --list）"},
    {"cli.consolidate_conflicts", "note: {0} constant cell(s) differ between units and were left empty (listed in 汇总说明), e.g. {1}",
     "提示：{0} 个常量单元格各单位不一致，已留空（列于汇总说明），例如 {1}"},
    {"cli.consolidate_unwritten", "warning: {0} summed cell(s) have no <c> element in the template and could not be written",
     "警告：{0} 个汇总单元格在模板中没有 <c> 元素，无法写入"},
    {"cli.consolidated", "{0} of {1} units consolidated into {2} ({3} cells summed; {4})",
     "{1} 个单位中 {0} 个已汇总到 {2}（汇总单元格 {3} 个；{4}）"},
    {"cli.consolidated_layout", "layout {0}", "布局 {0}"},
    {"cli.consolidated_no_layout", "no layout: every constant cell summed", "无布局：所有常量单元格均汇总"},
    {"cli.dot_failed", "dot failed to write {0}", "dot 未能写出 {0}"},
    {"cli.files_from", "--files-from: cannot open {0}", "--files-from：无法打开 {0}"},
    {"cli.formula_parse", "formula does not parse at {0}: {1}", "公式无法解析（第 {0} 字节处）：{1}"},
    {"cli.internal_error", "internal error: {0}", "内部错误：{0}"},
    {"cli.load_error", "error: {0}: {1}", "错误：{0}：{1}"},
    {"cli.load_note", "note: {0}: {1}", "提示：{0}：{1}"},
    {"cli.load_warning_kept", "warning: {0}: {1} (cached value kept)", "警告：{0}：{1}（保留原缓存值）"},
    {"cli.more", "… and {0} more", "… 另有 {0} 条"},
    {"cli.merged", "{0} workbooks from {1} reports ({2} shards)", "工作簿 {0} 个，来自 {1} 份报告（{2} 个分片）"},
    {"cli.needs_dot", "--svg needs the Graphviz `dot` program (Debian package graphviz)",
     "--svg 需要 Graphviz 的 dot 程序（Debian 软件包 graphviz）"},
    {"cli.no_inputs", "no inputs: give workbooks or folders, or --files-from FILE", "没有输入：请给出工作簿或文件夹，或用 --files-from 文件"},
    {"cli.no_rules", "--rules: no such folder or file: {0}", "--rules：没有这个文件夹或文件：{0}"},
    {"cli.no_sheet", "{0}: no sheet named '{1}' (sheets: {2})", "{0}：没有名为“{1}”的工作表（现有工作表：{2}）"},
    {"cli.no_such_cell", "{0}: no such cell: {1}", "{0}：没有这个单元格：{1}"},
    {"cli.no_such_path", "no such file or folder: {0}", "没有这个文件或文件夹：{0}"},
    {"cli.no_texts_dir", "--texts: no such folder: {0}", "--texts：没有这个文件夹：{0}"},
    {"cli.no_workbooks", "no workbooks (*.xlsx, *.xlsm) found in the inputs", "输入中没有找到工作簿（*.xlsx、*.xlsm）"},
    {"cli.note", "note: {0}", "提示：{0}"},
    {"cli.not_ref", "{0}: not a cell reference: {1}", "{0}：不是单元格引用：{1}"},
    {"cli.out_is_input", "-o names one of the inputs: {0}", "-o 指向了一个输入文件：{0}"},
    {"cli.out_is_template", "-o names the template: {0}", "-o 指向了模板文件：{0}"},
    {"cli.outside_grid", "{0}: reference outside the grid (A1:XFD1048576): {1}", "{0}：引用超出表格范围（A1:XFD1048576）：{1}"},
    {"cli.plugin_error", "plugin error: {0}", "插件错误：{0}"},
    {"cli.recalc_cycles", ", {0} circular groups", "，循环引用 {0} 组"},
    {"cli.recalc_summary", "{0}: {1} sheets, {2} cells, {3} formulas, {4} values rewritten{5}; load {6} s, recalc {7} s, save {8} s -> {9}",
     "{0}：工作表 {1} 个，单元格 {2} 个，公式 {3} 个，改写值 {4} 个{5}；读取 {6} 秒，重算 {7} 秒，保存 {8} 秒 -> {9}"},
    {"cli.recalculated_unwritten", "{0} recalculated workbook(s) could not be written", "{0} 个重算后的工作簿无法写出"},
    {"cli.recalc_out", "recalc needs exactly one of -o OUT.xlsx and --in-place", "recalc 需要 -o 输出.xlsx 与 --in-place 二者之一"},
    {"cli.refuse_overwrite", "refusing to overwrite the input {0} (use --in-place)", "不覆盖输入文件 {0}（确需覆盖请用 --in-place）"},
    {"cli.resume", "--resume: {0}", "--resume：{0}"},
    {"cli.shard_auto_count", "--shard auto: give the number of shards, auto/N", "--shard auto：请给出分片数，如 auto/N"},
    {"cli.shard_no_index", "--shard {0}: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set",
     "--shard {0}：既没有设置 JOB_COMPLETION_INDEX，也没有设置 SLURM_ARRAY_TASK_ID"},
    {"cli.shard_not_number", "--shard auto: {0} is not a number: {1}", "--shard auto：{0} 不是数字：{1}"},
    {"cli.shards_incomplete", "the shard reports do not add up to one batch (--allow-partial to merge anyway)",
     "各分片报告合不成一个完整批次（加 --allow-partial 仍可合并）"},
    {"cli.wrote", "wrote {0}", "已写出 {0}"},
    // --- xlsx (the reader's and writer's refusals: xlsx::Error) ---
    {"xlsx.bad_cell_ref", "malformed cell reference", "单元格引用格式错误"},
    {"xlsx.bad_deflate", "damaged entry: bad deflate data", "部件已损坏：压缩数据无效"},
    {"xlsx.bad_row_number", "malformed row number", "行号格式错误"},
    {"xlsx.cannot_create_in", "cannot create a file in {0}: {1}", "无法在 {0} 中创建文件：{1}"},
    {"xlsx.cannot_open", "cannot open: {0}", "无法打开：{0}"},
    {"xlsx.cannot_open_zip", "cannot open zip: {0}", "无法打开 zip 压缩包：{0}"},
    {"xlsx.cannot_read_entry", "cannot read entry: {0}", "无法读取部件：{0}"},
    {"xlsx.cannot_rename", "cannot rename into place: {0}", "无法改名为目标文件：{0}"},
    {"xlsx.cannot_write", "cannot write: {0}", "无法写入：{0}"},
    {"xlsx.cell_outside_grid", "cell outside the grid (A1:XFD1048576)", "单元格超出表格范围（A1:XFD1048576）"},
    {"xlsx.crc_mismatch", "damaged entry: CRC mismatch", "部件已损坏：CRC 校验不符"},
    {"xlsx.data_table_kept", "data table (TABLE()) formulas are not recalculated; values kept",
     "模拟运算表（TABLE()）公式不重算；保留原值"},
    {"xlsx.damaged_directory", "damaged zip directory entry {0}", "zip 目录第 {0} 项已损坏"},
    {"xlsx.damaged_entry", "damaged entry: {0}", "部件已损坏：{0}"},
    {"xlsx.doctype", "XML with a DOCTYPE or entity declarations is rejected (not valid OOXML; entity expansion is unsafe)",
     "拒绝含 DOCTYPE 或实体声明的 XML（不是合规的 OOXML；实体展开不安全）"},
    {"xlsx.encrypted", "this workbook is password-protected; save it without a password",
     "此工作簿设有打开密码；请取消密码后另存再试"},
    {"xlsx.encrypted_entry", "encrypted entry (password-protected workbooks are not supported)",
     "部件已加密（不支持设有密码的工作簿）"},
    {"xlsx.entry_too_large", "entry inflates to {0}, over the limit of {1} (zip bomb? raise with --max-inflated)",
     "部件解压后为 {0}，超过上限 {1}（可能是压缩炸弹；可用 --max-inflated 提高上限）"},
    {"xlsx.external_cached", "external workbook [{0}] {1}: formulas read the values cached in {2}, as Excel does while the source is closed",
     "外部工作簿 [{0}] {1}：公式读取 {2} 中缓存的值（与 Excel 在源文件未打开时相同）"},
    {"xlsx.external_part_missing", "external link part {0} is missing", "缺少外部链接部件 {0}"},
    {"xlsx.inflates_beyond", "entry inflates beyond its declared size (zip bomb or damaged)",
     "部件解压后超过其声明的大小（压缩炸弹或文件已损坏）"},
    {"xlsx.malformed_xml", "malformed XML at {0}: {1}", "XML 格式错误（{0}）：{1}"},
    {"xlsx.missing_shared_strings", "missing shared strings part", "缺少共享字符串部件（sharedStrings）"},
    {"xlsx.missing_sheet_part", "missing worksheet part of sheet '{0}'", "缺少工作表“{0}”的部件"},
    {"xlsx.missing_workbook", "missing workbook part (is this an xlsx file?)", "缺少 workbook 部件（这是 xlsx 文件吗？）"},
    {"xlsx.no_sheets", "the workbook has no sheets", "工作簿中没有工作表"},
    {"xlsx.no_zip64", "package too large for a zip without zip64", "文件过大，无法写成不带 zip64 的 zip 压缩包"},
    {"xlsx.not_zip", "not an xlsx file (not a zip archive)", "不是 xlsx 文件（不是 zip 压缩包）"},
    {"xlsx.package_too_large", "package inflates to more than the limit of {0} (zip bomb? raise with --max-inflated)",
     "整个文件解压后超过上限 {0}（可能是压缩炸弹；可用 --max-inflated 提高上限）"},
    {"xlsx.read_error", "read error", "读取出错"},
    {"xlsx.ref_outside_grid", "cell reference outside the grid (A1:XFD1048576)", "单元格引用超出表格范围（A1:XFD1048576）"},
    {"xlsx.row_outside_grid", "row outside the grid (1..1048576)", "行号超出表格范围（1..1048576）"},
    {"xlsx.sheet_without_part", "sheet '{0}' has no part (relationship {1} missing)", "工作表“{0}”没有部件（缺少关系 {1}）"},
    {"xlsx.shared_without_master", "shared formula {0} has no master cell; value kept", "共享公式 {0} 没有主单元格；保留原值"},
    {"xlsx.sheet_empty_rid", "sheet '{0}' has an empty r:id: skipped (kept as it is)", "工作表“{0}”的 r:id 为空：跳过（原样保留）"},
    {"xlsx.stored_size_mismatch", "damaged entry: stored size mismatch", "部件已损坏：存储大小不符"},
    {"xlsx.table_columns", "table {0} ({1}) has {2} columns for a ref {3} wide; skipped", "表 {0}（{1}）有 {2} 列，而其范围宽 {3} 列；跳过"},
    {"xlsx.table_name_twice", "table name {0} used twice ({1}); the second is skipped", "表名 {0} 用了两次（{1}）；跳过后一个"},
    {"xlsx.table_part_empty", "table part {0} holds no <table>; skipped", "表部件 {0} 中没有 <table>；跳过"},
    {"xlsx.table_part_missing", "table part {0} is missing; formulas naming it are not evaluated", "缺少表部件 {0}；引用它的公式不计算"},
    {"xlsx.table_part_skipped", "table part skipped: {0}", "跳过表部件：{0}"},
    {"xlsx.table_part_unnamed", "table part {0} has no valid name or ref; skipped", "表部件 {0} 没有有效的名称或范围；跳过"},
    {"xlsx.truncated", "truncated or damaged zip archive ({0})", "zip 压缩包不完整或已损坏（{0}）"},
    {"xlsx.unclosed_sheet_data", "malformed XML: <sheetData> is not closed", "XML 格式错误：<sheetData> 未闭合"},
    {"xlsx.unterminated_sheet_data", "malformed XML: unterminated <sheetData>", "XML 格式错误：<sheetData> 不完整"},
    {"xlsx.utf16", "UTF-16 worksheet XML is not supported", "不支持 UTF-16 编码的工作表 XML"},
    {"xlsx.write_failed", "write failed: {0}", "写入失败：{0}"},
    {"xlsx.formulas_kept",
     "{0} formula(s) do not parse or use what Suanpan does not evaluate (--lenient writes the output anyway, "
     "keeping their cached values)",
     "{0} 个公式无法解析或用到算盘不计算的写法（加 --lenient 仍输出，这些单元格保留原缓存值）"},
    // --- check (the engine's words in findings and in the terminal table; rules' messages are data) ---
    {"check.bad_rows", "rows must be a row range such as \"7:31\", not '{0}'", "rows 应写作行范围，如 \"7:31\"，而不是「{0}」"},
    {"check.cannot_run", "the rule cannot run: {0} ({1})", "规则无法执行：{0}（{1}）"},
    {"check.checking_failed", "error while checking: {0}", "检查时出错：{0}"},
    {"check.error_value", " (the result is the error value {0})", "（计算结果为错误值 {0}）"},
    {"check.expr_parse", "the expression '{0}' does not parse: {1} (byte {2})", "表达式「{0}」无法解析：{1}（第 {2} 个字节）"},
    {"check.external_book", "a reference to another workbook {0}", "外部工作簿引用 {0}"},
    {"check.missing_name", "no name '{0}'", "缺少名称「{0}」"},
    {"check.missing_sheet", "no sheet '{0}'", "缺少工作表「{0}」"},
    {"check.no_expr_no_fn", "the rule cannot run: it has neither expr nor fn", "规则无法执行：既没有 expr 也没有 fn"},
    {"check.no_lua", "the rule cannot run: no Lua runtime available ({0})", "规则无法执行：没有可用的 Lua 运行环境（{0}）"},
    {"check.no_sheets", "the workbook has no sheets", "工作簿没有工作表"},
    {"check.not_single_value", "the expression's result is not a single value", "表达式结果不是单个值"},
    {"check.rule_error", "the rule raised an error: {0}", "规则执行出错：{0}"},
    {"check.side_not_single", "a side of the comparison is not a single value", "比较的一侧不是单个值"},
    {"check.text.difference", "difference", "差额"},
    {"check.text.expected", "expected", "期望值"},
    {"check.text.found", "found", "实际值"},
    {"check.text.message", "message", "说明"},
    {"check.text.rule", "rule", "规则"},
    {"check.text.severity", "severity", "级别"},
    {"check.text.stale", "{0} cached value(s) differ from the recalculation:", "缓存值与重算结果不一致 {0} 处："},
    {"check.text.stale_cell", "{0}  cached {1} → recalculated {2}", "{0}  缓存 {1} → 重算 {2}"},
    {"check.text.stale_more", "… and {0} more", "…另有 {0} 处"},
    {"check.text.summary", "{0} rules applied; {1} errors, {2} warnings, {3} notes. Result: {4}",
     "适用规则 {0} 条；错误 {1}，警告 {2}，提示 {3}。结果：{4}"},
    {"check.text.unreadable", "unreadable: {0}", "无法读取：{0}"},
    {"check.text.where", "where", "位置"},
    {"check.text_order", " (text cannot be compared with {0})", "（无法按 {0} 比较文本）"},
    {"check.unknown_function", "unknown function {0}", "未知函数 {0}"},
    {"check.within_tolerance", " (rounding drift, within the tolerance {0})", "（尾差，在容差 {0} 内）"},
    // --- batch ---
    {"batch.broken_rule", "check {0} ({1}) raised an error in {2} workbook(s): {3}", "规则 {0}（{1}）在 {2} 个工作簿中执行出错：{3}"},
    {"batch.interrupted", "interrupted after {0} of {1} workbooks; run the same command with --resume to continue",
     "已中断：完成 {0} / {1} 个工作簿；用同一命令加 --resume 继续"},
    {"batch.reason.cannot_open", "the file cannot be opened", "无法打开文件"},
    {"batch.reason.cell", ", cell {0}", "，单元格 {0}"},
    {"batch.reason.checking", "error while checking: {0}", "检查时出错：{0}"},
    {"batch.reason.damaged", "the file is damaged (a part cannot be decompressed)", "文件已损坏（部件无法解压）"},
    {"batch.reason.encrypted", "the workbook is password-protected", "工作簿设有密码保护，无法读取"},
    {"batch.reason.malformed_xml", "the file's XML is malformed", "文件内容格式错误（XML 不完整或不合规范）"},
    {"batch.reason.missing_part", "a required part of the workbook is missing", "工作簿缺少必要的组成部分"},
    {"batch.reason.no_sheets", "the workbook has no sheets", "工作簿中没有工作表"},
    {"batch.reason.not_zip", "not an xlsx file (not a zip archive)", "不是 xlsx 文件（不是 zip 压缩包）"},
    {"batch.reason.other", "the file cannot be read", "文件无法读取"},
    {"batch.reason.out_of_memory", "stopped: the workbook needs more memory than its budget (--memory-per-workbook)",
     "已停止：工作簿所需内存超过上限（--memory-per-workbook）"},
    {"batch.reason.part", ", part {0}", "，部件 {0}"},
    {"batch.reason.too_large", "the file inflates beyond the size limit (a zip bomb?)", "解压后超过大小上限（可能是压缩炸弹）"},
    {"batch.reason.truncated", "the file is truncated or damaged (incomplete zip archive)", "文件不完整或已损坏（zip 压缩包不完整）"},
    {"batch.reason.where", " ({0})", "（{0}）"},
    {"batch.stopped_memory", "stopped: the workbook needs more memory than its budget (--memory-per-workbook)",
     "已停止：工作簿所需内存超过上限（--memory-per-workbook）"},
    {"batch.stopped_timeout", "stopped: the workbook took longer than allowed (--timeout-per-workbook {0} s)",
     "已停止：工作簿处理时间超过上限（--timeout-per-workbook {0} 秒）"},
    // --- lua (plugin files that do not load, shown on stderr as plugin errors) ---
    {"lua.cannot_load", "cannot load plugin: {0}", "无法加载插件：{0}"},
    {"lua.cannot_read", "cannot read the file", "无法读取该文件"},
    {"lua.check_declared_twice", "check {0} ({1}) is already declared ({2}); the later one is ignored",
     "规则 {0}（{1}）已声明过（{2}）；后一个不予采用"},
    {"lua.clashes", "function {0} ({1}) clashes with {2} ({3})", "函数 {0}（{1}）与 {2}（{3}）重名"},
    {"lua.clashes_builtin", "function {0} ({1}) clashes with the built-in {2} ({3})", "函数 {0}（{1}）与内置函数 {2}（{3}）重名"},
    {"lua.no_plugin_dir", "plugin directory not found", "找不到插件文件夹"},
    // --- serve ---
    {"serve.bad_format", "unknown report format: {0} (html, json, xlsx)", "未知的报告格式：{0}（html、json、xlsx）"},
    {"serve.bad_json", "request body is not JSON: {0}", "请求内容不是 JSON：{0}"},
    {"serve.bad_path", "not a workbook path (relative, ending in .xlsx): {0}", "不是工作簿路径（应为相对路径，以 .xlsx 结尾）：{0}"},
    {"serve.bad_value", "{0}: a value must be text, a number, true/false or null", "{0}：值只能是文字、数字、true/false 或 null"},
    {"serve.changed_on_disk", "{0} changed on disk since it was opened; save with force to overwrite it", "{0} 在打开后已在磁盘上被修改；确认覆盖后再保存"},
    {"serve.exists", "{0} already exists", "{0} 已存在"},
    {"serve.folder_only", "uploads and new workbooks need a folder (suanpan serve FOLDER)", "上传和新建需要以文件夹方式启动（suanpan serve 文件夹）"},
    {"serve.formula_typed", "{0}: formulas cannot be typed here, only values", "{0}：此处只能输入数值或文字，不能输入公式"},
    {"serve.host_needs_token", "--host {0} listens beyond this machine: every request needs the token {1}", "--host {0} 对本机以外开放：每个请求都须带令牌 {1}"},
    {"serve.internal", "internal error: {0}", "内部错误：{0}"},
    {"serve.listening", "Suanpan workbench: {0}  (Ctrl+C stops it)", "算盘工作台：{0}（按 Ctrl+C 停止）"},
    {"serve.locked", "{0} is locked (the sheet is protected)", "{0} 已锁定（工作表受保护）"},
    {"serve.missing_field", "missing field: {0}", "缺少字段：{0}"},
    {"serve.no_template", "no such template: {0}", "没有这个模板：{0}"},
    {"serve.no_workbook", "no such workbook: {0}", "没有这个工作簿：{0}"},
    {"serve.not_found", "no such API: {0}", "没有这个接口：{0}"},
    {"serve.not_input", "{0} holds a formula: it is not an input cell", "{0} 含公式，不是输入单元格"},
    {"serve.not_ref", "not a cell reference: {0}", "不是单元格引用：{0}"},
    {"serve.only_named", "this server opens only {0}", "此服务器只能打开 {0}"},
    {"serve.outside", "path leaves the folder: {0}", "路径超出了文件夹：{0}"},
    {"serve.outside_grid", "reference outside the grid (A1:XFD1048576): {0}", "引用超出表格范围（A1:XFD1048576）：{0}"},
    {"serve.range_too_large", "range too large: {0} cells (at most {1})", "范围过大：{0} 个单元格（最多 {1} 个）"},
    {"serve.refused_host", "request for another host refused (Host {0})", "拒绝发往其他主机的请求（Host {0}）"},
    {"serve.refused_origin", "request from another site refused (Origin {0})", "拒绝来自其他网站的请求（Origin {0}）"},
    {"serve.token", "missing or wrong token", "缺少令牌或令牌错误"},
    {"serve.too_large", "request body too large (at most {0} bytes)", "请求内容过大（最多 {0} 字节）"},
    {"serve.unknown_sheet", "no sheet named '{0}'", "没有名为“{0}”的工作表"},
    {"serve.write_failed", "cannot write {0}: {1}", "无法写入 {0}：{1}"},
    // --- narrative ---
    {"narrative.batch_differs", "line {0}: {1} — the text says {2}, the tables {3} ({4})", "第 {0} 行：{1}——文中 {2}，表中 {3}（{4}）"},
    {"narrative.batch_finding", "line {0}: {1}", "第 {0} 行：{1}"},
    {"narrative.batch_missing", "no 说明 for this workbook in {0} (looked for {1}.txt, .md, .docx)", "{0} 中没有该工作簿的说明（查找 {1}.txt、.md、.docx）"},
    {"narrative.batch_unmatched", "line {0}: {1} names nothing the tables hold ({2})", "第 {0} 行：{1} 在表中无对应数据（{2}）"},
    {"narrative.batch_unreadable", "说明 {0}: {1}", "说明 {0}：{1}"},
    {"narrative.bad_docx", "{0}: not a .docx file ({1})", "{0}：不是 .docx 文件（{1}）"},
    {"narrative.bad_encoding", "{0}: neither UTF-8 nor GB18030 text (line {1})", "{0}：既不是 UTF-8 也不是 GB18030 文本（第 {1} 行）"},
    {"narrative.bad_output", "{0}: the 说明 is written as .md, .html, .txt or .docx", "{0}：说明只能写为 .md、.html、.txt 或 .docx"},
    {"narrative.bad_template_file", "{0}: a 说明 template file must return {section=, title=, render=function(N) … end} (a _config.lua: a table)", "{0}：说明模板文件应返回 {section=, title=, render=function(N) … end}（_config.lua 应返回表）"},
    {"narrative.binary_text", "{0}: not a text file (binary content at byte {1})", "{0}：不是文本文件（第 {1} 字节处为二进制内容）"},
    {"narrative.cannot_read", "cannot read {0}", "无法读取 {0}"},
    {"narrative.empty_text", "{0}: the text is empty", "{0}：文本为空"},
    {"narrative.no_figures", "{0}: no figure statement found (is this a 说明 of a {1} workbook?)", "{0}：未找到任何数字表述（这是 {1} 工作簿的说明吗？）"},
    {"narrative.no_template", "the workbook is not one the 说明 templates read (they need the sheets {0})", "该工作簿不是说明模板能读取的（需要工作表：{0}）"},
    {"narrative.not_companion", "{0}: only 绩效自评表 workbooks may follow the first workbook", "{0}：第一个工作簿之后只能是绩效自评表工作簿"},
    {"narrative.summary", "{0} figure statements: {1} agree, {2} differ, {3} unmatched; {4} other findings", "数字表述 {0} 处：一致 {1}，不一致 {2}，未匹配 {3}；其他问题 {4} 项"},
    {"narrative.text_differs", ": the text says {0}, the tables {1} ({2}), difference {3}", ": 文中 {0}，表中 {1}（{2}），差 {3}"},
    {"narrative.template_failed", "说明 template {0}: {1}", "说明模板 {0}：{1}"},
    {"narrative.unknown_template", "no 说明 template named {0} in {1} (there are: {2})", "{1} 中没有名为 {0} 的说明模板（现有：{2}）"},
    {"narrative.written", "{0}: 说明 written with template {1} ({2} figures, {3} 待填写 slots)", "{0}：已按模板 {1} 写出说明（数字 {2} 处，待填写 {3} 处）"},
    {"narrative.wrong_template", "{0} is not a 说明 of a {2} workbook such as {1} (the text never says {3})", "{0} 不是 {2} 工作簿（如 {1}）的说明（文中没有“{3}”）"},
    {"narrative.foreign_template", "{0} is not a 说明 of a {2} workbook such as {1}: it says {3}; give the {3} workbook as the first --workbook and the {2} workbooks after it", "{0} 不是 {2} 工作簿（如 {1}）的说明：文中有“{3}”；请把{3}工作簿作为第一个 --workbook，{2}工作簿放在其后"},
};

const std::unordered_map<std::string_view, const Entry*>& index() {
    static const auto* map = [] {
        auto* m = new std::unordered_map<std::string_view, const Entry*>;
        for (const Entry& e : kCatalogue) m->emplace(e.key, &e);
        return m;
    }();
    return *map;
}

std::atomic<int> g_lang{-1};  // -1: not decided yet

template <class Args>
std::string substitute(const char* pattern, const Args& args) {
    std::string out;
    for (const char* p = pattern; *p; ++p) {
        if (*p == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            size_t i = size_t(p[1] - '0');
            if (i < args.size()) out.append(*(args.begin() + i));
            p += 2;
            continue;
        }
        out.push_back(*p);
    }
    return out;
}

}  // namespace

bool parse_language(std::string_view name, Lang& out) {
    if (name.substr(0, 2) == "zh") { out = Lang::zh; return true; }
    if (name.substr(0, 2) == "en" || name == "C" || name == "POSIX" || name.substr(0, 2) == "C.") {
        out = Lang::en;
        return true;
    }
    return false;
}

Lang language_from_environment() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::strncmp(v, "zh", 2) == 0 ? Lang::zh : Lang::en;
    }
    return Lang::en;
}

Lang language() {
    int l = g_lang.load(std::memory_order_relaxed);
    if (l < 0) {
        l = int(language_from_environment());
        g_lang.store(l, std::memory_order_relaxed);
    }
    return Lang(l);
}

void set_language(Lang lang) { g_lang.store(int(lang), std::memory_order_relaxed); }

bool has(std::string_view key) { return index().count(key) != 0; }

std::vector<std::string_view> keys() {
    std::vector<std::string_view> out;
    for (const Entry& e : kCatalogue) out.push_back(e.key);
    return out;
}

std::string text(Lang lang, std::string_view key, std::initializer_list<std::string_view> args) {
    auto it = index().find(key);
    if (it == index().end()) return std::string(key);
    return substitute(lang == Lang::zh ? it->second->zh : it->second->en, args);
}

std::string text(std::string_view key, std::initializer_list<std::string_view> args) {
    return text(language(), key, args);
}

std::string text(Lang lang, const Message& m) {
    auto it = index().find(m.key);
    if (it == index().end()) return m.key;
    return substitute(lang == Lang::zh ? it->second->zh : it->second->en, m.args);
}

std::string text(const Message& m) { return text(language(), m); }

}  // namespace sp::msg
