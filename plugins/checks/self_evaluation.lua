-- self_evaluation.lua — checks (审核) of the 绩效自评表: 项目支出绩效自评表 (2024 variant A and the
-- 2021 variant, same sheet name) and 单位整体支出绩效自评表 (DOMAIN.md §2.3, §3.8, §4).
-- Rule ids: ZP-XM-nnn (项目), ZP-ZT-nnn (整体). Cells are found by labels and defined names
-- (docs/workbooks.md), never by row numbers, so both 项目 variants share the code.
-- A difference within the tolerance is reported by the runner as info (尾差 / rounding tie).

local S = suanpan
local abs, max, floor = math.abs, math.max, math.floor

-- Helpers (each plugin file has its own globals) ----------------------------------------

-- blank, num, text, letters, tol and expect are the table checks' (plugins/checks/_tables.lua, loaded first).
local T = S.tables
local blank, num, text, letters, tol, expect = T.blank, T.num, T.text, T.letters, T.tol, T.expect

-- Column letter and row of a defined name's first cell; nil when the name is missing.
local function named(wb, name)
  local r = wb:range(name)
  if not r then return nil end
  local c, row = r:address():match("!%$?(%a+)%$?(%d+)")
  return c, tonumber(row), r
end

local function first_name(wb, list)
  for _, n in ipairs(list) do
    local c, row, r = named(wb, n)
    if c then return n, c, row, r end
  end
end

-- The layout of a 自评表 sheet, read from its labels ---------------------------------------

local COLS = {
  ["一级指标"] = "l1", ["二级指标"] = "l2", ["三级指标"] = "l3",
  ["权重"] = "weight", ["分值"] = "weight", ["分值权重"] = "weight",
  ["目标值"] = "target", ["年度指标值"] = "target", ["预期指标值"] = "target",
  ["业绩值"] = "actual", ["实际完成值"] = "actual", ["实际完成指标值"] = "actual",
  ["完成率"] = "rate", ["完成率（计算）"] = "rate",
  ["指标得分"] = "score", ["得分"] = "score",
  ["赋分规则"] = "rule", ["指标方向"] = "direction",
  ["偏差原因分析及改进措施"] = "reason",
  ["完成率（公布数）"] = "pub_rate", ["指标得分（公布数）"] = "pub_score", ["得分（公布数）"] = "pub_score",
}

local FUND_SOURCES = { ["其中：当年财政拨款"] = true, ["当年财政拨款"] = true, ["上年结转资金"] = true,
                       ["其他资金"] = true, ["上级资金"] = true, ["本级资金"] = true }

local function layout(wb, name)
  local sh = wb:sheet(name)
  if not sh then return nil end
  local L = { sheet = sh, name = name, col = {} }
  local _, hr = sh:find("三级指标")
  local _, tr = sh:find("总分")
  if not hr or not tr or tr <= hr then return nil end
  L.header, L.first, L.last, L.total_row = hr, hr + 1, tr - 1, tr
  for c = 1, 30 do
    local key = COLS[text(sh:cell(letters(c) .. hr))]
    if key and not L.col[key] then L.col[key] = letters(c) end
  end
  -- Fund block: the three amount columns and the total row come from the defined names.
  local _, c1, row = first_name(wb, { "年初预算数", "年初预算总额" })
  local _, c2 = first_name(wb, { "全年预算数", "全年预算总额" })
  local _, c3 = first_name(wb, { "全年执行数", "实际执行总额" })
  if c1 and c2 and c3 then
    L.fund_cols, L.fund_row = { c1, c2, c3 }, row
    L.fund_sources = {}
    for r = max(1, row - 5), row + 5 do
      if r ~= row and FUND_SOURCES[text(sh:cell("B", r))] then table.insert(L.fund_sources, r) end
    end
  end
  return L
end

-- Indicator rows that are filled in (a weight or a 三级指标 name).
local function indicators(L)
  local out = {}
  local sh, col = L.sheet, L.col
  for r = L.first, L.last do
    local w = col.weight and sh:cell(col.weight, r)
    if not blank(w) or (col.l3 and not blank(sh:cell(col.l3, r))) then table.insert(out, r) end
  end
  return out
end

-- The checks -------------------------------------------------------------------------------

local function fund_total(L)
  if not L.fund_cols or #L.fund_sources == 0 then return end
  local sh = L.sheet
  for _, c in ipairs(L.fund_cols) do
    local sum = 0
    for _, r in ipairs(L.fund_sources) do sum = sum + (num(sh:cell(c, r)) or 0) end
    local total = num(sh:cell(c, L.fund_row))
    expect(L.name, c .. L.fund_row, total, sum, tol(#L.fund_sources))
  end
end

local function fund_blank(L)
  if not L.fund_cols then return end
  local sh = L.sheet
  for _, r in ipairs(L.fund_sources) do
    for _, c in ipairs(L.fund_cols) do
      if blank(sh:cell(c, r)) then
        S.fail{ sheet = L.name, cell = c .. r, expected = "0.00 或金额", found = "（空）",
                message = "资金来源「" .. text(sh:cell("B", r)) .. "」的金额单元格为空，应填写（无则填 0.00）" }
      end
    end
  end
end

local function weight_sum(wb, L)
  if not L.col.weight then return end
  local sh, sum = L.sheet, 0
  for r = L.first, L.last do sum = sum + (num(sh:cell(L.col.weight, r)) or 0) end
  expect(L.name, L.col.weight .. L.first .. ":" .. L.col.weight .. L.last, sum, 90, 0)
  local c, row = named(wb, "执行率分值")
  if c then
    expect(L.name, c .. row, num(sh:cell(c, row)), 10, 0, "执行率分值应为 10（指标权重 90，合计 100）")
  end
end

local function total_score(wb, L)
  local c, row = named(wb, "总分")
  local _, ec, er = first_name(wb, { "预算执行率得分" })
  if not c or not L.col.score then return end
  local sh = L.sheet
  local sum = ec and (num(sh:cell(ec, er)) or 0) or 0
  for r = L.first, L.last do sum = sum + (num(sh:cell(L.col.score, r)) or 0) end
  expect(L.name, c .. row, num(sh:cell(c, row)), S.round(sum, 2), 0.01)
end

local function score_range(L)
  local sh, col = L.sheet, L.col
  if not col.weight or not col.score then return end
  for _, r in ipairs(indicators(L)) do
    local w, s = num(sh:cell(col.weight, r)), sh:cell(col.score, r)
    local sv = num(s)
    if w and sv and not blank(s) then
      if sv > w + 1e-9 then
        S.fail{ sheet = L.name, cell = col.score .. r, expected = w, found = sv,
                message = "指标得分不应超过其权重（" .. text(col.l3 and sh:cell(col.l3, r)) .. "）" }
      elseif sv < -1e-9 then
        S.fail{ sheet = L.name, cell = col.score .. r, expected = 0, found = sv, message = "指标得分不应为负数" }
      end
    end
  end
end

-- 成本指标 amounts itemise the budget: Σ目标值 = 全年预算数, Σ业绩值 = 全年执行数 (DOMAIN §3.8).
-- Only when every cost indicator is a plain amount in 万元/元 (unit costs such as 元/人 are skipped).
local function cost_items(wb, L)
  local sh, col = L.sheet, L.col
  if not col.target or not col.actual then return end
  local targets, actuals, n = 0, 0, 0
  for _, r in ipairs(indicators(L)) do
    local l1, l2 = text(col.l1 and sh:cell(col.l1, r)), text(col.l2 and sh:cell(col.l2, r))
    if l1 == "成本指标" or l2:find("成本", 1, true) then
      local t, a = S.indicator(sh:cell(col.target, r)), S.indicator(sh:cell(col.actual, r))
      -- 2021 tables often print the actual without its unit ("63.49"): it takes the target's.
      local function wan(x, other)
        if x.kind ~= "number" then return nil end
        local unit = (x.unit ~= "" and x.unit) or other.unit
        if unit == "万元" then return x.value end
        if unit == "元" then return x.value / 10000 end
        return nil
      end
      local tv, av = wan(t, a), wan(a, t)
      if not tv or not av then return end
      targets, actuals, n = targets + tv, actuals + av, n + 1
    end
  end
  if n == 0 then return end
  local bc, brow = named(wb, "全年预算数")
  if not bc then bc, brow = named(wb, "全年预算总额") end
  local ec, erow = named(wb, "全年执行数")
  if not ec then ec, erow = named(wb, "实际执行总额") end
  if bc then
    expect(L.name, bc .. brow, S.round(targets, 2), num(sh:cell(bc, brow)), tol(n),
           "成本指标目标值合计应等于全年预算数")
  end
  if ec then
    expect(L.name, ec .. erow, S.round(actuals, 2), num(sh:cell(ec, erow)), tol(n),
           "成本指标业绩值合计应等于全年执行数")
  end
end

-- 公布数 (published) vs the formula: rates compared at 2 decimals of a percentage.
local function published(wb, L, computed_name, published_name, digits, message)
  local c, row = named(wb, computed_name)
  local pc, prow = named(wb, published_name)
  if not c or not pc then return end
  local sh = L.sheet
  local p = sh:cell(pc, prow)
  if blank(p) then return end
  local v = num(sh:cell(c, row))
  if v == nil then return end
  expect(L.name, pc .. prow, num(p), S.round(v, digits), digits == 4 and 0.0001 or 0.01, message)
end

local function published_rows(L, col, pub, digits, what)
  local sh = L.sheet
  if not col or not pub then return end
  for _, r in ipairs(indicators(L)) do
    local p = sh:cell(pub, r)
    local v = sh:cell(col, r)
    if not blank(p) and type(v) == "number" then
      expect(L.name, pub .. r, num(p), S.round(v, digits), digits == 4 and 0.0001 or 0.01,
             what .. "公布数与按规则计算的结果不一致（" .. text(L.col.l3 and sh:cell(L.col.l3, r)) .. "）")
    end
  end
end

-- 偏差原因 that is no text at all ("11111", DOMAIN §4 #17).
local function junk_reason(L)
  local sh, c = L.sheet, L.col.reason
  if not c then return end
  for r = L.first, L.last do
    local t = text(sh:cell(c, r))
    if (t:match("^%d+$") and #t >= 3) or (#t >= 4 and t:match("^(.)%1+$")) then
      S.fail{ sheet = L.name, cell = c .. r, found = t, expected = "文字说明",
              message = "偏差原因分析不是有效的文字说明" }
    end
  end
end

-- 偏差原因 quoting an actual amount other than 业绩值 ("实际支付了19.98万元" vs "=20万元", #16).
local function reason_amount(L)
  local sh, col = L.sheet, L.col
  if not col.reason or not col.actual then return end
  for _, r in ipairs(indicators(L)) do
    local a = S.indicator(sh:cell(col.actual, r))
    local t = text(sh:cell(col.reason, r))
    if a.kind == "number" and (a.unit == "万元" or a.unit == "元") and t ~= "" then
      local av = a.unit == "元" and a.value / 10000 or a.value
      -- Clauses: split at full-width punctuation as plain text (a byte-wise [^，] would cut characters).
      local split = t
      for _, mark in ipairs({ "，", "。", "；", ",", ";" }) do split = split:gsub(mark, "\n") end
      for clause in split:gmatch("[^\n]+") do
        local pos = clause:find("实际", 1, true)
        local amount = pos and clause:sub(pos):match("([%d%.]+)%s*万元")
        local x = amount and tonumber(amount)
        if x and abs(x - av) > 0.005 then
          S.fail{ sheet = L.name, cell = col.actual .. r, found = av, expected = x, tolerance = 0,
                  message = "业绩值与偏差原因中所述实际金额不一致（" .. text(col.l3 and sh:cell(col.l3, r)) .. "）" }
          break
        end
      end
    end
  end
end

-- The same indicator printed twice (DOMAIN §4 #26).
local function duplicates(L)
  local sh, col = L.sheet, L.col
  if not col.l3 then return end
  local seen = {}
  for _, r in ipairs(indicators(L)) do
    local key = text(col.l1 and sh:cell(col.l1, r)) .. "|" .. text(col.l2 and sh:cell(col.l2, r)) .. "|" ..
                text(sh:cell(col.l3, r))
    if text(sh:cell(col.l3, r)) ~= "" then
      if seen[key] then
        S.fail{ sheet = L.name, cell = col.l3 .. r, found = text(sh:cell(col.l3, r)),
                expected = "不重复（已在第 " .. seen[key] .. " 行）", message = "指标行重复" }
      else
        seen[key] = r
      end
    end
  end
end

-- Declarations ---------------------------------------------------------------------------

local TABLES = {
  { prefix = "ZP-XM", sheet = "项目支出绩效自评表", template = "项目支出绩效自评表", what = "项目",
    total_label = "年度资金总额", sources = "当年财政拨款（上年结转资金）与其他资金" },
  { prefix = "ZP-ZT", sheet = "整体支出绩效自评表", template = "整体支出绩效自评表", what = "整体",
    total_label = "合计", sources = "上级资金、本级资金与其他资金" },
}

for _, T in ipairs(TABLES) do
  local function decl(n, severity, message, body, tolerance)
    S.check{ id = T.prefix .. "-" .. n, template = T.template, sheet = T.sheet, severity = severity,
             message = message, tolerance = tolerance,
             fn = function(wb)
               local L = layout(wb, T.sheet)
               if L then body(wb, L) end
             end }
  end
  decl("001", "error", "资金" .. T.total_label .. "应等于" .. T.sources .. "之和（各列）", function(_, L) fund_total(L) end)
  decl("002", "warning", "资金来源金额不应为空", function(_, L) fund_blank(L) end)
  decl("003", "error", "指标权重合计应为 90（另有执行率分值 10，合计 100）", weight_sum, 0)
  decl("004", "error", "总分应等于执行率得分加各指标得分之和", total_score, 0.01)
  decl("006", "error", "指标得分应在 0 与权重之间", function(_, L) score_range(L) end, 0)
  decl("007", "warning", "成本指标金额合计应与全年预算数、全年执行数一致", cost_items)
  decl("101", "error", "执行率公布数与按全年执行数/全年预算数计算的结果不一致",
       function(wb, L) published(wb, L, "预算执行率", "预算执行率公布数", 4) end, 0.0001)
  decl("102", "error", "执行率得分公布数与按评分办法计算的结果不一致",
       function(wb, L) published(wb, L, "预算执行率得分", "预算执行率得分公布数", 2) end, 0.01)
  decl("103", "error", "完成率公布数与按指标方向计算的结果不一致",
       function(_, L) published_rows(L, L.col.rate, L.col.pub_rate, 4, "完成率") end, 0.0001)
  decl("104", "error", "指标得分公布数与按赋分规则计算的结果不一致",
       function(_, L) published_rows(L, L.col.score, L.col.pub_score, 2, "指标得分") end, 0.01)
  decl("105", "error", "总分公布数与计算的总分不一致",
       function(wb, L) published(wb, L, "总分", "总分公布数", 2) end, 0.01)
  decl("201", "warning", "偏差原因分析应为文字说明", function(_, L) junk_reason(L) end)
  decl("202", "warning", "业绩值应与偏差原因中所述的实际金额一致", function(_, L) reason_amount(L) end)
  decl("203", "warning", "指标行不应重复", function(_, L) duplicates(L) end)
  S.check{ id = T.prefix .. "-005", template = T.template, sheet = T.sheet, severity = "error",
           message = "总分不应超过 100", expr = "总分 <= 100" }
end
