-- final_accounts.lua — checks (审核) of the 部门决算公开 nine tables (公开01–09, DOMAIN.md §2.1) and
-- the 说明 cross-check sheet: 表内 identities (JS01…JS09) and 表间 links (JSX). Cells are found by
-- defined names, labels and 功能/经济分类 codes (docs/workbooks.md), not by row numbers.
-- Sums of rounded 万元 figures are compared with the 尾差 tolerance 0.005 × (n+1) (DOMAIN §3.1):
-- the runner reports a difference within it as info.

local S = suanpan
local abs, max = math.abs, math.max

-- Helpers shared with the other table checks (plugins/checks/_tables.lua).
local T = S.tables
local blank, num, text, tol, expect, last_row, code_of, code_rows, find_code, tree, row_identity, body, bare, class_rows, class_row_by_name, label_row, name_cell =
  T.blank, T.num, T.text, T.tol, T.expect, T.last_row, T.code_of, T.code_rows, T.find_code, T.tree, T.row_identity, T.body, T.bare, T.class_rows, T.class_row_by_name, T.label_row, T.name_cell
local check = T.check_for("部门决算公开")

-- 公开01 收入支出决算总表 ----------------------------------------------------------------

local T01 = "收入支出决算总表"
check{ id = "JS01-001", sheet = T01, severity = "error", tolerance = tol(8),
       message = "本年收入合计应等于收入各项（一至八）之和",
       expr = "本年收入合计 = 一般公共预算财政拨款收入+政府性基金预算财政拨款收入+国有资本经营预算财政拨款收入" ..
              "+上级补助收入+事业收入+经营收入+附属单位上缴收入+其他收入" }
check{ id = "JS01-002", sheet = T01, severity = "error", tolerance = tol(3),
       message = "收入总计应等于本年收入合计、使用非财政拨款结余与年初结转和结余之和",
       expr = "收入总计 = 本年收入合计+使用非财政拨款结余+年初结转和结余" }
check{ id = "JS01-003", sheet = T01, severity = "error", tolerance = tol(3),
       message = "支出总计应等于本年支出合计、结余分配与年末结转和结余之和",
       expr = "支出总计 = 本年支出合计+结余分配+年末结转和结余" }
check{ id = "JS01-004", sheet = T01, severity = "error", tolerance = 0.02,
       message = "收入总计应等于支出总计", expr = "收入总计 = 支出总计" }
check{ id = "JS01-005", sheet = T01, severity = "error", message = "本年支出合计应等于各功能分类（类）支出之和",
       fn = function(wb)
         local sh = wb:sheet(T01)
         local rows = class_rows(sh)
         local _, r = sh:find("本年支出合计")
         if not r or #rows == 0 then return end
         local sum = 0
         for _, x in ipairs(rows) do sum = sum + (num(sh:cell("F", x.row)) or 0) end
         T.expect_at(T01, "F", r, num(sh:cell("F", r)), sum, tol(#rows))
       end }

-- 公开02 收入决算表, 公开03 支出决算表, 公开05 一般公共预算财政拨款支出决算表 -----------------

local CODE_TABLES = {
  { id = "JS02", sheet = "收入决算表", total = "C", parts = { "D", "E", "F", "G", "H", "I" },
    what = "本年收入合计应等于财政拨款收入至其他收入（2–7 栏）之和" },
  { id = "JS03", sheet = "支出决算表", total = "C", parts = { "D", "E", "F", "G", "H" },
    what = "本年支出合计应等于基本支出至对附属单位补助支出（2–6 栏）之和" },
  { id = "JS05", sheet = "一般公共预算财政拨款支出决算表", total = "C", parts = { "D", "E" },
    what = "小计应等于基本支出与项目支出之和" },
}
for _, T in ipairs(CODE_TABLES) do
  check{ id = T.id .. "-001", sheet = T.sheet, severity = "error", message = T.what,
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local _, rows = body(sh, "A")
           if rows then row_identity(sh, T.sheet, rows, T.total, T.parts) end
         end }
  check{ id = T.id .. "-002", sheet = T.sheet, severity = "error", message = "合计 = Σ类，类 = Σ款，款 = Σ项（各栏）",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local top = body(sh, "A")
           if not top then return end
           local cols = { T.total }
           for _, c in ipairs(T.parts) do table.insert(cols, c) end
           tree(sh, T.sheet, "A", cols, top + 1, last_row(sh), top)
         end }
end

-- 公开04 财政拨款收入支出决算总表 --------------------------------------------------------

local T04 = "财政拨款收入支出决算总表"
check{ id = "JS04-001", sheet = T04, severity = "error",
       message = "支出各行合计应等于一般公共预算、政府性基金预算与国有资本经营预算财政拨款之和",
       fn = function(wb)
         local sh = wb:sheet(T04)
         local rows = {}
         for _, x in ipairs(class_rows(sh)) do table.insert(rows, x.row) end
         for _, l in ipairs({ "本年支出合计", "年末财政拨款结转和结余", "总计" }) do
           local r = label_row(sh, "D", l)
           if r then table.insert(rows, r) end
         end
         row_identity(sh, T04, rows, "F", { "G", "H", "I" })
       end }
check{ id = "JS04-002", sheet = T04, severity = "error",
       message = "本年支出合计应等于各功能分类（类）支出之和（各栏）",
       fn = function(wb)
         local sh = wb:sheet(T04)
         local rows = class_rows(sh)
         local r = label_row(sh, "D", "本年支出合计")
         if not r or #rows == 0 then return end
         for _, c in ipairs({ "F", "G", "H", "I" }) do
           local sum = 0
           for _, x in ipairs(rows) do sum = sum + (num(sh:cell(c, x.row)) or 0) end
           T.expect_at(T04, c, r, num(sh:cell(c, r)), sum, tol(#rows))
         end
       end }
check{ id = "JS04-003", sheet = T04, severity = "error", tolerance = tol(2),
       message = "财政拨款收入总计应等于本年财政拨款收入与年初财政拨款结转和结余之和",
       expr = "财政拨款收入总计 = 本年财政拨款收入+年初财政拨款结转和结余" }
check{ id = "JS04-004", sheet = T04, severity = "error", tolerance = tol(2),
       message = "财政拨款支出总计应等于本年财政拨款支出与年末财政拨款结转和结余之和",
       expr = "财政拨款支出总计 = 本年财政拨款支出+年末财政拨款结转和结余" }
check{ id = "JS04-005", sheet = T04, severity = "error", tolerance = 0.02,
       message = "财政拨款收入总计应等于财政拨款支出总计", expr = "财政拨款收入总计 = 财政拨款支出总计" }
check{ id = "JS04-006", sheet = T04, severity = "error",
       message = "各类财政拨款：年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余",
       fn = function(wb)
         local sh = wb:sheet(T04)
         local funds = {
           { col = "G", income = "一、一般公共预算财政拨款", opening = "一般公共预算财政拨款" },
           { col = "H", income = "二、政府性基金预算财政拨款", opening = "政府性基金预算财政拨款" },
           { col = "I", income = "三、国有资本经营预算财政拨款", opening = "国有资本经营预算财政拨款" },
         }
         local spent = label_row(sh, "D", "本年支出合计")
         local closing = label_row(sh, "D", "年末财政拨款结转和结余")
         if not spent or not closing then return end
         for _, f in ipairs(funds) do
           local ir, orow = label_row(sh, "A", f.income), label_row(sh, "A", f.opening)
           if ir and orow then
             local v = (num(sh:cell("C", orow)) or 0) + (num(sh:cell("C", ir)) or 0) -
                       (num(sh:cell(f.col, spent)) or 0)
             T.expect_at(T04, f.col, closing, num(sh:cell(f.col, closing)), v, tol(3),
                    f.opening .. "：年末结转和结余应等于年初 + 本年收入 − 本年支出")
           end
         end
       end }

-- 公开06 一般公共预算财政拨款基本支出决算表 ----------------------------------------------

local T06 = "一般公共预算财政拨款基本支出决算表"
check{ id = "JS06-001", sheet = T06, severity = "error", message = "经济分类：类应等于其下各款之和",
       fn = function(wb)
         local sh = wb:sheet(T06)
         local last = last_row(sh)
         tree(sh, T06, "A", { "C" }, 1, last)
         tree(sh, T06, "D", { "F" }, 1, last)
       end }
check{ id = "JS06-002", sheet = T06, severity = "error",
       message = "人员经费合计应等于工资福利支出与对个人和家庭的补助之和，公用经费合计应等于其余各类之和",
       fn = function(wb)
         local sh = wb:sheet(T06)
         local last = last_row(sh)
         local function classes(code_col, val_col)
           local sum, n, any = 0, 0, false
           for _, x in ipairs(code_rows(sh, code_col, 1, last)) do
             if #x.code == 3 then
               local v = sh:cell(val_col, x.row)
               any = any or not blank(v)
               sum, n = sum + (num(v) or 0), n + 1
             end
           end
           return sum, n, any
         end
         local c1, row1, r1 = name_cell(wb, "人员经费合计")
         local c2, row2, r2 = name_cell(wb, "公用经费合计")
         local ps, pn, pany = classes("A", "C")
         local gs, gn, gany = classes("D", "F")
         -- Only when the breakdown is filled in: totals alone are not a contradiction here
         -- (JSX-005 compares them with 公开05).
         if pany and r1 then
           T.expect_at(T06, c1, row1, num(r1:get(1, 1)), ps, tol(pn), "人员经费合计应等于 301 与 303 类之和")
         end
         if gany and r2 then
           T.expect_at(T06, c2, row2, num(r2:get(1, 1)), gs, tol(gn), "公用经费合计应等于公用经费各类之和")
         end
       end }

-- 公开07 政府性基金, 公开08 国有资本经营 -------------------------------------------------

for _, T in ipairs({
  { id = "JS07", sheet = "政府性基金预算财政拨款收入支出决算表", note = "政府性基金空表说明", what = "政府性基金" },
  { id = "JS08", sheet = "国有资本经营预算财政拨款收入支出决算表", note = "国有资本经营空表说明", what = "国有资本经营" },
}) do
  check{ id = T.id .. "-001", sheet = T.sheet, severity = "error",
         message = "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出；本年支出 = 基本支出 + 项目支出",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local _, top = sh:find("合计")
           if not top then return end
           local _, note_row = name_cell(wb, T.note)
           local rows = { top }
           for r = top + 1, last_row(sh) do
             local filled = false
             for _, c in ipairs({ "A", "B", "C", "D", "E", "F", "G", "H" }) do
               if not blank(sh:cell(c, r)) then filled = true end
             end
             if filled and r ~= note_row then table.insert(rows, r) end
           end
           row_identity(sh, T.sheet, rows, "E", { "F", "G" }, nil, "本年支出小计应等于基本支出与项目支出之和")
           row_identity(sh, T.sheet, rows, "H", { "C", "D" }, { "E" }, "年末结转和结余应等于年初结转和结余 + 本年收入 − 本年支出")
         end }
  check{ id = T.id .. "-002", sheet = T.sheet, severity = "warning",
         message = T.what .. "表无数据时应注明“为空表”，有数据时不应注明为空表",
         fn = function(wb)
           local sh = wb:sheet(T.sheet)
           local _, top = sh:find("合计")
           if not top then return end
           local empty = true
           for _, c in ipairs({ "C", "D", "E", "H" }) do
             local v = num(sh:cell(c, top))
             if v and abs(v) > 1e-9 then empty = false end
           end
           local note = text(wb:cell(T.note))
           local says_empty = note:find("空表", 1, true) ~= nil
           local nc, nr = name_cell(wb, T.note)
           local cell = nc and (nc .. nr) or nil
           if empty and not says_empty then
             S.fail{ sheet = T.sheet, cell = cell, expected = "本单位本年度无…为空表", found = note ~= "" and note or "（空）",
                     message = T.what .. "表为空，应注明“为空表”" }
           elseif not empty and says_empty then
             S.fail{ sheet = T.sheet, cell = cell, expected = "（有数据，不是空表）", found = note,
                     message = T.what .. "表有数据，却注明为空表" }
           end
         end }
end

-- 公开09 "三公"经费 --------------------------------------------------------------------

local T09 = '财政拨款"三公"经费支出决算表'
check{ id = "JS09-001", sheet = T09, severity = "error", tolerance = tol(3),
       message = "“三公”经费预算数合计应等于因公出国（境）费、公务用车购置及运行费与公务接待费之和",
       expr = "三公经费预算数 = 因公出国费预算数+公务用车购置及运行费预算数+公务接待费预算数" }
check{ id = "JS09-002", sheet = T09, severity = "error", tolerance = tol(2),
       message = "公务用车购置及运行费（预算数）应等于购置费与运行费之和",
       expr = "公务用车购置及运行费预算数 = 公务用车购置费预算数+公务用车运行费预算数" }
check{ id = "JS09-003", sheet = T09, severity = "error", tolerance = tol(3),
       message = "“三公”经费决算数合计应等于因公出国（境）费、公务用车购置及运行费与公务接待费之和",
       expr = "三公经费决算数 = 因公出国费决算数+公务用车购置及运行费决算数+公务接待费决算数" }
check{ id = "JS09-004", sheet = T09, severity = "error", tolerance = tol(2),
       message = "公务用车购置及运行费（决算数）应等于购置费与运行费之和",
       expr = "公务用车购置及运行费决算数 = 公务用车购置费决算数+公务用车运行费决算数" }

-- 表间 (cross-table) --------------------------------------------------------------------

check{ id = "JSX-001", sheet = "收入决算表", severity = "error", tolerance = 0.02,
       message = "收入决算表本年收入合计应等于收入支出决算总表本年收入合计",
       expr = "收入决算_本年收入合计 = 本年收入合计" }
check{ id = "JSX-002", sheet = "收入决算表", severity = "error", tolerance = 0.02,
       message = "收入决算表财政拨款收入应等于财政拨款收入支出决算总表本年财政拨款收入",
       expr = "收入决算_财政拨款收入 = 本年财政拨款收入" }
check{ id = "JSX-003", sheet = "收入决算表", severity = "error",
       message = "收入决算表合计行各栏应等于收入支出决算总表对应收入项",
       fn = function(wb)
         local sh = wb:sheet("收入决算表")
         local top = body(sh, "A")
         if not top or not wb:sheet(T01) then return end
         local links = {
           { "D", "一般公共预算财政拨款收入+政府性基金预算财政拨款收入+国有资本经营预算财政拨款收入" },
           { "E", "上级补助收入" }, { "F", "事业收入" }, { "G", "经营收入" },
           { "H", "附属单位上缴收入" }, { "I", "其他收入" },
         }
         for _, l in ipairs(links) do
           local v = wb:eval("=" .. l[2])
           expect("收入决算表", l[1] .. top, num(sh:cell(l[1], top)), num(v), 0.02,
                  "收入决算表合计行应等于收入支出决算总表「" .. l[2]:gsub("%+.*", "…") .. "」")
         end
       end }
check{ id = "JSX-004", sheet = "支出决算表", severity = "error", tolerance = 0.02,
       message = "支出决算表本年支出合计应等于收入支出决算总表本年支出合计",
       expr = "支出决算_本年支出合计 = 本年支出合计" }
check{ id = "JSX-005", sheet = T06, severity = "error", tolerance = 0.02,
       message = "一般公共预算财政拨款基本支出应等于人员经费合计与公用经费合计之和（公开05 与公开06）",
       expr = "一般公共预算财政拨款基本支出 = 人员经费合计+公用经费合计" }
check{ id = "JSX-006", sheet = "一般公共预算财政拨款支出决算表", severity = "error", tolerance = 0.02,
       message = "一般公共预算财政拨款支出决算表合计应等于财政拨款收入支出决算总表一般公共预算财政拨款本年支出",
       expr = "一般公共预算财政拨款支出合计 = 一般公共预算财政拨款支出" }

-- 类 rows across tables, matched by name: (公开01 F ↔ 公开03 C) and (公开04 G ↔ 公开05 C).
local function class_links(wb, panel_sheet, panel_col, code_sheet, code_col)
  local p, t = wb:sheet(panel_sheet), wb:sheet(code_sheet)
  if not p or not t then return end
  local by_name = T.class_index(t)
  for _, x in ipairs(class_rows(p)) do
    local r = by_name[x.name]
    local pv = num(p:cell(panel_col, x.row))
    if r then
      T.expect_at(code_sheet, code_col, r, num(t:cell(code_col, r)), pv, 0.02,
             x.name .. "（类）应与" .. panel_sheet .. "一致")
    elseif pv and abs(pv) > 1e-9 then
      S.fail{ sheet = panel_sheet, cell = panel_col .. x.row, found = pv, expected = "（" .. code_sheet .. "中无此类）",
              message = x.name .. "在" .. code_sheet .. "中没有对应的类" }
    end
  end
end
check{ id = "JSX-007", sheet = "支出决算表", severity = "error",
       message = "支出决算表各类支出应与收入支出决算总表一致",
       fn = function(wb) class_links(wb, T01, "F", "支出决算表", "C") end }
check{ id = "JSX-008", sheet = "一般公共预算财政拨款支出决算表", severity = "error",
       message = "一般公共预算财政拨款支出决算表各类支出应与财政拨款收入支出决算总表一般公共预算栏一致",
       fn = function(wb) class_links(wb, T04, "G", "一般公共预算财政拨款支出决算表", "C") end }
check{ id = "JSX-009", sheet = T04, severity = "error", tolerance = 0.02,
       message = "财政拨款收入支出决算总表本年财政拨款收入应等于收入支出决算总表三项财政拨款收入之和",
       expr = "本年财政拨款收入 = 一般公共预算财政拨款收入+政府性基金预算财政拨款收入+国有资本经营预算财政拨款收入" }
check{ id = "JSX-010", sheet = "政府性基金预算财政拨款收入支出决算表", severity = "error", tolerance = 0.02,
       message = "政府性基金表本年支出应等于财政拨款收入支出决算总表政府性基金预算财政拨款支出",
       expr = "政府性基金本年支出 = 政府性基金预算财政拨款支出" }
check{ id = "JSX-011", sheet = "国有资本经营预算财政拨款收入支出决算表", severity = "error", tolerance = 0.02,
       message = "国有资本经营表本年支出应等于财政拨款收入支出决算总表国有资本经营预算财政拨款支出",
       expr = "国有资本经营本年支出 = 国有资本经营预算财政拨款支出" }
check{ id = "JSX-012", sheet = "政府性基金预算财政拨款收入支出决算表", severity = "error", tolerance = 0.02,
       message = "政府性基金表本年收入应等于收入支出决算总表政府性基金预算财政拨款收入",
       expr = "政府性基金本年收入 = 政府性基金预算财政拨款收入" }
check{ id = "JSX-013", sheet = "国有资本经营预算财政拨款收入支出决算表", severity = "error", tolerance = 0.02,
       message = "国有资本经营表本年收入应等于收入支出决算总表国有资本经营预算财政拨款收入",
       expr = "国有资本经营本年收入 = 国有资本经营预算财政拨款收入" }
