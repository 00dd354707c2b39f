-- budget.lua — checks (审核) of the 部门预算公开 tables 表1–表11 (DOMAIN.md §2.2, verified on seed 002):
-- 表内 identities (YS01…YS11) and 表间 links (YSX). Cells are found by defined names, labels and
-- 功能/经济分类 codes (docs/workbooks.md). Sums of rounded 万元 use the 尾差 tolerance 0.005 × (n+1).
-- Helpers shared with final_accounts.lua live in _tables.lua.

local S = suanpan
local abs, max = math.abs, math.max

-- Helpers shared with the other table checks (plugins/checks/_tables.lua).
local T = S.tables
local blank, num, text, tol, expect, last_row, code_of, code_rows, find_code, tree, row_identity, body, bare, class_rows, class_row_by_name, label_row, name_cell =
  T.blank, T.num, T.text, T.tol, T.expect, T.last_row, T.code_of, T.code_rows, T.find_code, T.tree, T.row_identity, T.body, T.bare, T.class_rows, T.class_row_by_name, T.label_row, T.name_cell
local check = T.check_for("部门预算公开")

local T1, T2, T3, T4 = "表1 部门收支总体情况表", "表2 部门收入总体情况表", "表3 部门支出总体情况表", "表4 财政拨款收支预算总体情况表"
local T5, T6, T7 = "表5 一般公共预算支出情况表", "表6 一般公共预算基本支出情况表", "表7 一般公共预算项目支出情况表"
local T8, T9, T10, T11 = "表8 政府性基金预算支出情况表", "表9 国有资本经营预算支出情况表", '表10 财政拨款"三公"经费支出情况表', "表11 上年结转结余情况明细表"

-- Rows of a panel whose labels start with a 类 code ("208 社会保障和就业支出"): {row, code}.
local function lead_code_rows(sh, col)
  local out = {}
  for r = 1, last_row(sh) do
    local c = code_of(sh:cell(col, r), true)
    if c and #c == 3 then table.insert(out, { row = r, code = c }) end
  end
  return out
end

-- 表1 ---------------------------------------------------------------------------------
check{ id = "YS01-001", sheet = T1, severity = "error", tolerance = tol(5),
       message = "本年收入应等于一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、财政专户核拨与单位资金之和",
       expr = "本年收入 = 一般公共预算拨款+政府性基金预算拨款+国有资本经营预算拨款+财政专户核拨+单位资金" }
check{ id = "YS01-002", sheet = T1, severity = "error", tolerance = tol(2),
       message = "一般公共预算拨款应等于一般财力与上级一般公共预算安排转移支付之和",
       expr = "一般公共预算拨款 = 一般财力+上级一般公共预算转移支付" }
check{ id = "YS01-003", sheet = T1, severity = "error", tolerance = tol(2),
       message = "上年结转结余应等于财政拨款结转与非财政拨款结转结余之和",
       expr = "上年结转结余 = 财政拨款结转+非财政拨款结转结余" }
check{ id = "YS01-004", sheet = T1, severity = "error", tolerance = tol(2),
       message = "收入总计应等于本年收入与上年结转结余之和", expr = "收入总计 = 本年收入+上年结转结余" }
check{ id = "YS01-005", sheet = T1, severity = "error", tolerance = 0.02,
       message = "收入总计应等于支出总计", expr = "收入总计 = 支出总计" }
check{ id = "YS01-006", sheet = T1, severity = "error", message = "支出总计应等于各功能分类（类）支出之和",
       fn = function(wb)
         local sh = wb:sheet(T1)
         local rows = lead_code_rows(sh, "C")
         local c, r = name_cell(wb, "支出总计")
         if not c or #rows == 0 then return end
         local sum = 0
         for _, x in ipairs(rows) do sum = sum + (num(sh:cell("D", x.row)) or 0) end
         T.expect_at(T1, c, r, num(sh:cell(c, r)), sum, tol(#rows))
       end }

-- 表2, 表3, 表5, 表6: code tables with a 总计 row ---------------------------------------------
local CODE_TABLES = {
  { id = "YS02", sheet = T2, cols = { "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N" },
    rows = { { "D", { "E", "F", "G", "H", "I", "J" }, "财政拨款（补助）小计应等于 3–8 栏之和" },
             { "C", { "D", "K", "L", "M", "N" }, "总计应等于财政拨款小计、财政专户、单位资金、财政拨款结转与非财政拨款结转结余之和" } } },
  { id = "YS03", sheet = T3, cols = { "C", "D", "E" }, rows = { { "C", { "D", "E" }, "合计应等于基本支出与项目支出之和" } } },
  { id = "YS05", sheet = T5, cols = { "C", "D", "E" }, rows = { { "C", { "D", "E" }, "合计应等于基本支出与项目支出之和" } } },
  { id = "YS06", sheet = T6, cols = { "C", "D", "E" }, rows = { { "C", { "D", "E" }, "合计应等于人员经费与公用经费之和" } } },
}
for _, T in ipairs(CODE_TABLES) do
  check{ id = T.id .. "-001", sheet = T.sheet, severity = "error", message = "各行栏次间关系（合计 = 各组成栏之和）",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local _, rows = body(sh, "A", "总计")
           if not rows then return end
           for _, rule in ipairs(T.rows) do row_identity(sh, T.sheet, rows, rule[1], rule[2], nil, rule[3]) end
         end }
  check{ id = T.id .. "-002", sheet = T.sheet, severity = "error", message = "总计 = Σ类，类 = Σ款，款 = Σ项（各栏）",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local top = body(sh, "A", "总计")
           if top then tree(sh, T.sheet, "A", T.cols, top + 1, last_row(sh), top) end
         end }
end

-- 表4 ---------------------------------------------------------------------------------
check{ id = "YS04-001", sheet = T4, severity = "error",
       message = "支出各行合计应等于一般公共预算、政府性基金预算与国有资本经营预算之和",
       fn = function(wb)
         local sh = wb:sheet(T4)
         local rows = {}
         for _, x in ipairs(lead_code_rows(sh, "C")) do table.insert(rows, x.row) end
         local _, r = name_cell(wb, "财政拨款支出总计")
         if r then table.insert(rows, r) end
         row_identity(sh, T4, rows, "D", { "E", "F", "G" })
       end }
check{ id = "YS04-002", sheet = T4, severity = "error", message = "支出总计应等于各功能分类（类）支出之和（各栏）",
       fn = function(wb)
         local sh = wb:sheet(T4)
         local rows = lead_code_rows(sh, "C")
         local _, r = name_cell(wb, "财政拨款支出总计")
         if not r or #rows == 0 then return end
         for _, c in ipairs({ "D", "E", "F", "G" }) do
           local sum = 0
           for _, x in ipairs(rows) do sum = sum + (num(sh:cell(c, x.row)) or 0) end
           T.expect_at(T4, c, r, num(sh:cell(c, r)), sum, tol(#rows))
         end
       end }
check{ id = "YS04-003", sheet = T4, severity = "error", tolerance = 0.02,
       message = "财政拨款收入总计应等于财政拨款支出总计", expr = "财政拨款收入总计 = 财政拨款支出总计" }
check{ id = "YS04-004", sheet = T4, severity = "error", tolerance = tol(3),
       message = "财政拨款（补助）应等于一般公共预算、政府性基金预算与国有资本经营预算收入之和",
       fn = function(wb)
         local sh = wb:sheet(T4)
         local c, r = name_cell(wb, "财政拨款收入合计")
         if not c then return end
         local sum = 0
         for _, l in ipairs({ "一般公共预算", "政府性基金预算", "国有资本经营预算" }) do
           local lr = label_row(sh, "A", l)
           if lr then sum = sum + (num(sh:cell("B", lr)) or 0) end
         end
         T.expect_at(T4, c, r, num(sh:cell(c, r)), sum, tol(3))
       end }

-- 表7 ---------------------------------------------------------------------------------
check{ id = "YS07-001", sheet = T7, severity = "error", message = "项目支出合计应等于各经济分类栏（2–11 栏）之和；总计应等于各项目之和",
       fn = function(wb)
         local sh = wb:sheet(T7)
         local c, top = name_cell(wb, "一般公共预算项目支出总计")
         if not top then return end
         local parts = { "E", "F", "G", "H", "I", "J", "K", "L", "M", "N" }
         local rows, projects = { top }, {}
         for r = top + 1, last_row(sh) do
           if not blank(sh:cell("C", r)) then table.insert(rows, r); table.insert(projects, r) end
         end
         row_identity(sh, T7, rows, "D", parts, nil, "项目支出合计应等于 2–11 栏之和")
         for _, col in ipairs({ "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N" }) do
           local sum = 0
           for _, r in ipairs(projects) do sum = sum + (num(sh:cell(col, r)) or 0) end
           T.expect_at(T7, col, top, num(sh:cell(col, top)), sum, tol(#projects), "总计应等于各项目之和")
         end
       end }

-- 表8, 表9 ----------------------------------------------------------------------------
for _, T in ipairs({ { id = "YS08", sheet = T8, note = "政府性基金预算空表说明", what = "政府性基金预算支出" },
                     { id = "YS09", sheet = T9, note = "国有资本经营预算空表说明", what = "国有资本经营预算支出" } }) do
  check{ id = T.id .. "-001", sheet = T.sheet, severity = "error", message = "合计应等于人员经费、公用经费与项目支出之和",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local _, top = sh:find("合计")
           if not top then return end
           local _, note_row = name_cell(wb, T.note)
           local rows = { top }
           for r = top + 1, last_row(sh) do
             if r ~= note_row and (not blank(sh:cell("A", r)) or not blank(sh:cell("D", r)) or
                                   not blank(sh:cell("E", r)) or not blank(sh:cell("F", r))) then
               table.insert(rows, r)
             end
           end
           row_identity(sh, T.sheet, rows, "C", { "D", "E", "F" })
         end }
  check{ id = T.id .. "-002", sheet = T.sheet, severity = "warning",
         message = T.what .. "表无数据时应注明“为空表”，有数据时不应注明为空表",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local _, top = sh:find("合计")
           if not top then return end
           local v = num(sh:cell("C", top)) or 0
           local note = text(wb:cell(T.note))
           local nc, nr = name_cell(wb, T.note)
           local says_empty = note:find("空表", 1, true) ~= nil
           if abs(v) <= 1e-9 and not says_empty then
             S.fail{ sheet = T.sheet, cell = nc and nc .. nr, expected = "本单位无…为空表", found = note ~= "" and note or "（空）",
                     message = T.what .. "表为空，应注明“为空表”" }
           elseif abs(v) > 1e-9 and says_empty then
             S.fail{ sheet = T.sheet, cell = nc and nc .. nr, expected = "（有数据，不是空表）", found = note,
                     message = T.what .. "表有数据，却注明为空表" }
           end
         end }
end

-- 表10 --------------------------------------------------------------------------------
check{ id = "YS10-001", sheet = T10, severity = "error", tolerance = tol(3),
       message = "“三公”经费合计应等于因公出国（境）费、公务接待费与公务用车购置及运行费之和",
       expr = "三公经费合计 = 因公出国费+公务接待费+公务用车购置及运行费" }
check{ id = "YS10-002", sheet = T10, severity = "error", tolerance = tol(2),
       message = "公务用车购置及运行费应等于公务用车购置费与公务用车运行费之和",
       expr = "公务用车购置及运行费 = 公务用车购置费+公务用车运行费" }
check{ id = "YS10-003", sheet = T10, severity = "error", message = "各行合计应等于各资金来源之和",
       fn = function(wb)
         local sh = wb:sheet(T10)
         local _, top = sh:find("合计")
         if not top then return end
         local rows = {}
         for r = top, last_row(sh) do if not blank(sh:cell("A", r)) then table.insert(rows, r) end end
         row_identity(sh, T10, rows, "B", { "C", "D", "E" })
       end }

-- 表11 --------------------------------------------------------------------------------
check{ id = "YS11-001", sheet = T11, severity = "error", message = "总计 = 财政拨款合计 + 非财政拨款合计；各合计 = 人员经费 + 公用经费 + 项目支出；总计行 = 各项目之和",
       fn = function(wb)
         local sh = wb:sheet(T11)
         local _, top = name_cell(wb, "上年结转结余总计")
         if not top then return end
         local rows, projects = { top }, {}
         for r = top + 2, last_row(sh) do
           if not blank(sh:cell("A", r)) then table.insert(rows, r); table.insert(projects, r) end
         end
         row_identity(sh, T11, rows, "B", { "C", "G" }, nil, "总计应等于财政拨款合计与非财政拨款合计之和")
         row_identity(sh, T11, rows, "C", { "D", "E", "F" }, nil, "财政拨款合计应等于人员经费、公用经费与项目支出之和")
         row_identity(sh, T11, rows, "G", { "H", "I", "J" }, nil, "非财政拨款合计应等于人员经费、公用经费与项目支出之和")
         for _, col in ipairs({ "B", "C", "D", "E", "F", "G", "H", "I", "J" }) do
           local sum = 0
           for _, r in ipairs(projects) do sum = sum + (num(sh:cell(col, r)) or 0) end
           T.expect_at(T11, col, top, num(sh:cell(col, top)), sum, tol(#projects), "总计行应等于各项目之和")
         end
       end }

-- 表间 (cross-table) ------------------------------------------------------------------
local function link(id, sheet, expr, message, severity)
  check{ id = id, sheet = sheet, severity = severity or "error", tolerance = 0.02, message = message, expr = expr }
end
link("YSX-001", T2, "收入预算总计 = 收入总计", "表2 收入总计应等于表1 收入总计")
link("YSX-002", T3, "部门支出合计 = 支出总计", "表3 支出合计应等于表1 支出总计")
link("YSX-003", T5, "一般公共预算支出合计 = 一般公共预算拨款", "表5 一般公共预算支出合计应等于表1 一般公共预算拨款")
link("YSX-004", T6, "基本支出合计 = 一般公共预算基本支出", "表6 基本支出合计应等于表5 基本支出")
link("YSX-005", T7, "一般公共预算项目支出总计 = 一般公共预算项目支出", "表7 项目支出总计应等于表5 项目支出")
link("YSX-006", T11, "上年结转结余总计 = 上年结转结余", "表11 上年结转结余总计应等于表1 上年结转结余")
link("YSX-007", T11, "上年财政拨款结转合计 = 财政拨款结转总计", "表11 财政拨款合计应等于表2 财政拨款结转总计")
link("YSX-008", T11, "上年非财政拨款结转结余合计 = 非财政拨款结转结余总计", "表11 非财政拨款合计应等于表2 非财政拨款结转结余总计")
link("YSX-009", T2, "财政拨款结转总计 = 财政拨款结转", "表2 财政拨款结转应等于表1 财政拨款结转")
link("YSX-010", T4, "财政拨款收入总计 = 一般公共预算拨款+政府性基金预算拨款+国有资本经营预算拨款", "表4 财政拨款收入总计应等于表1 三项财政拨款之和")

-- Per code row across tables: 表3 合计 = 表2 总计; 表5 合计 = 表2 一般公共预算 + 上级一般公共预算转移支付.
local function by_code(wb, a_sheet, a_col, b_sheet, b_cols, message)
  local a, b = wb:sheet(a_sheet), wb:sheet(b_sheet)
  if not a or not b then return end
  local arows = code_rows(a, "A", 1, last_row(a))
  local brows = code_rows(b, "A", 1, last_row(b))
  for _, x in ipairs(arows) do
    local br = find_code(brows, x.code)
    local want = 0
    if br then for _, c in ipairs(b_cols) do want = want + (num(b:cell(c, br)) or 0) end end
    T.expect_at(a_sheet, a_col, x.row, num(a:cell(a_col, x.row)), want, 0.02, x.code .. " " .. message)
  end
end
check{ id = "YSX-011", sheet = T3, severity = "error", message = "表3 各科目合计应等于表2 同科目总计",
       fn = function(wb) by_code(wb, T3, "C", T2, { "C" }, "表3 合计应等于表2 总计") end }
check{ id = "YSX-012", sheet = T5, severity = "error", message = "表5 各科目合计应等于表2 同科目一般公共预算（含上级转移支付）",
       fn = function(wb) by_code(wb, T5, "C", T2, { "E", "F" }, "表5 合计应等于表2 一般公共预算 3、4 栏之和") end }
check{ id = "YSX-013", sheet = T4, severity = "error", message = "表4 一般公共预算各类支出应等于表5 同类合计",
       fn = function(wb)
         local a, b = wb:sheet(T4), wb:sheet(T5)
         if not b then return end
         local brows = code_rows(b, "A", 1, last_row(b))
         for _, x in ipairs(lead_code_rows(a, "C")) do
           local br = find_code(brows, x.code)
           T.expect_at(T4, "E", x.row, num(a:cell("E", x.row)), br and num(b:cell("C", br)) or 0, 0.02,
                  x.code .. " 表4 一般公共预算应等于表5 合计")
         end
       end }
check{ id = "YSX-014", sheet = T1, severity = "error", message = "表1 各类支出应等于表3 同类合计",
       fn = function(wb)
         local a, b = wb:sheet(T1), wb:sheet(T3)
         if not b then return end
         local brows = code_rows(b, "A", 1, last_row(b))
         for _, x in ipairs(lead_code_rows(a, "C")) do
           local br = find_code(brows, x.code)
           T.expect_at(T1, "D", x.row, num(a:cell("D", x.row)), br and num(b:cell("C", br)) or 0, 0.02,
                  x.code .. " 表1 支出应等于表3 合计")
         end
       end }
-- 表10 ↔ 表6: 公务接待费 = 30217, 公务用车运行费 = 30231 (basic-expenditure 三公; a project may add to 表10).
check{ id = "YSX-015", sheet = T10, severity = "warning", message = "“三公”经费应与表6 对应经济分类科目一致",
       fn = function(wb)
         local t6 = wb:sheet(T6)
         if not t6 then return end
         local rows = code_rows(t6, "A", 1, last_row(t6))
         for _, l in ipairs({ { "公务接待费", "30217" }, { "公务用车运行费", "30231" } }) do
           local c, r = name_cell(wb, l[1])
           local br = find_code(rows, l[2])
           if c and br then
             T.expect_at(T10, c, r, num(wb:cell(l[1])), num(t6:cell("C", br)), 0.02, l[1] .. "应等于表6 " .. l[2] .. " 科目")
           end
         end
       end }
