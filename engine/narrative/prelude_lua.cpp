// prelude_lua.cpp — the Lua side of the 说明 generator: the context `N` every section template
// (plugins/narrative/<template>/*.lua) writes through. A template reads label-keyed cells,
// makes subjects, and emits paragraphs whose figures are tokens carrying their subject, kind,
// cell and inputs: the same tokens are the text (narrate) and the grammar (verify-text).
namespace sp::narrative {

extern const char* const kPreludeLua = R"LUA(
local S, FN, CONFIG, wb = ...
local N = { config = CONFIG, doc = {}, section = "", file = "" }
local floor, abs = math.floor, math.abs
local fmt = string.format

-- Numbers -----------------------------------------------------------------------------
local function round2(x) return S.round(x, 2) end
N.round2 = round2

-- 1126.72 -> "1,126.72"; always two decimals, half away from zero: the cells' own formatter
-- (suanpan.text is TEXT()), so a figure reads in the 说明 as it shows in the table.
function N.money(x)
  return S.text(abs(x), "#,##0.00")
end

function N.num(v)
  if v == nil then return nil end
  if type(v) == "number" then return v end
  if type(v) == "string" then
    if v:match("^%s*$") then return nil end
    return S.number(v)
  end
  return nil
end

-- A shipped plugin function by name (plugins/fiscal.lua): the rates of the text are theirs.
function N.fn(name, ...)
  local f = FN[name]
  if not f then error("plugin function " .. name .. " is not loaded", 2) end
  local r = f(...)
  if type(r) ~= "number" then return nil end
  return r
end

-- Cells --------------------------------------------------------------------------------
-- N.cell("收入总计") or N.cell("'表'!C5") -> value, "'表'!C5"
local NAMES = wb:names()
function N.cell(ref)
  local v = wb:cell(ref)
  local at = NAMES[ref] or ref
  at = at:gsub("^=", ""):gsub("%$", "")
  return v, at
end

function N.name(ref)
  local v, at = N.cell(ref)
  return N.num(v), at
end

local function letters(c)
  local s = ""
  while c > 0 do
    local m = (c - 1) % 26
    s = string.char(65 + m) .. s
    c = (c - 1 - m) // 26
  end
  return s
end
N.letters = letters

local function text(v)
  if type(v) == "string" then return (v:gsub("^%s+", ""):gsub("%s+$", "")) end
  if type(v) == "number" and v == floor(v) then return fmt("%d", v) end
  return ""
end
N.text = text

-- A table on a sheet located by labels: t:col("公布数") finds a header; t:row("收入总计")
-- finds the first row whose cell in the label column equals the text.
local Table = {}
Table.__index = Table
function N.table(sheet, label_col)
  local sh = wb:sheet(sheet)
  if not sh then return nil end
  local used = sh:used()
  local last = used and tonumber(used:match("(%d+)$")) or 0
  local t = setmetatable({ sheet = sheet, sh = sh, last = last, rows = nil, label = label_col }, Table)
  return t
end
function Table:index(col)
  self.rows = {}
  for r = 1, self.last do
    local k = text(self.sh:cell(col .. r))
    if k ~= "" and not self.rows[k] then self.rows[k] = r end
  end
  self.label = col
  return self
end
function Table:row(key) if not self.rows then self:index(self.label or "A") end return self.rows[key] end
function Table:col(header)
  for r = 1, math.min(self.last, 12) do
    for c = 1, 30 do
      if text(self.sh:cell(letters(c) .. r)) == header then return letters(c), r end
    end
  end
end
function Table:get(col, row)
  if not row or not col then return nil, nil end
  local at = "'" .. self.sheet .. "'!" .. col .. row
  return N.num(self.sh:cell(col .. row)), at
end
function Table:value(key, col) return self:get(col, self:row(key)) end
function Table:label_of(row, col) return text(self.sh:cell(col .. row)) end

-- Subjects and figure tokens ------------------------------------------------------------
-- N.subject{key=, words={…}} : what a figure is about; key is unique per section.
function N.subject(t)
  t.words = t.words or { t.key }
  return t
end

local function token(s, attr, value, at, extra)
  local tk = { fig = true, subject = s.key, words = s.words, attr = attr, value = value, cell = at or "",
               section = N.section, group = s.group }
  if attr == "amount" then tk.upper, tk.upper_what = s.upper, s.upper_what end
  if s.required then tk.required = true end
  if extra then for k, v in pairs(extra) do tk[k] = v end end
  return tk
end

-- An amount of 万元 (value rounded to 2 dp as printed), e.g. N.amount(s) .. "万元".
-- N.amount(s, value, at, attr) quotes another figure of s (年初预算数 …): value nil -> a slot.
function N.amount(s, ...)
  local value, at, attr = s.value, s.cell, nil
  if select("#", ...) > 0 then value, at, attr = ... end
  if value == nil then return N.slot(s.key .. ((attr == "budget" and "预算数") or "金额"), s, attr or "amount") end
  local tk = token(s, attr or "amount", round2(value), at, { unit = "万元", raw = value })
  tk.text = N.money(value)
  return tk
end

-- A count (个, 人次, 辆, 批次 …) as an integer; an area (平方米) with two decimals.
function N.count(s, value, at, unit)
  if value == nil then return N.slot(s.key, s, "count", unit) end
  if unit == "平方米" then value = round2(value) end
  local tk = token(s, "count", value, at, { unit = unit })
  tk.text = unit == "平方米" and N.money(value) or fmt("%d", floor(value + 0.5))
  return tk
end

-- A rate token: r is a fraction from a plugin function; printed as a percentage, 2 dp.
-- kind/x/y let verify-text recompute it over input intervals (share x/y, growth x/y-1, variance x/y-1).
local function rate(s, attr, r, at, kind, x, y, signed)
  if r == nil then return N.slot(s.key .. attr) end
  local pct = round2(r * 100)
  local shown = signed and pct or abs(pct)
  local tk = token(s, attr, pct, at, { unit = "%", kind = kind, x = x, y = y })
  tk.text = S.text(shown, "0.00")
  if signed and tk.text == "-0.00" then tk.text = "0.00" end
  return tk
end

-- Shares of one whole, in order: plain (each 占比 rounded) or, with config.shares = "sum100" (seed
-- 002), rounded so that they add to 100.00 with the largest part taking the residue (DOMAIN §3.2).
function N.shares(items, base)
  local out, sum, parts, big = {}, 0, 0, nil
  for i, s in ipairs(items) do
    out[i] = N.share(s, base)
    if out[i].fig then
      sum = sum + out[i].value
      parts = parts + round2(s.value or 0)
      if not big or (s.value or 0) > (items[big].value or 0) then big = i end
    end
  end
  local residue = round2(100 - sum)
  if CONFIG.shares == "sum100" and big and abs(round2(parts) - round2(base or 0)) < 0.005 and residue ~= 0 and abs(residue) < 0.05 then
    local t = out[big]
    t.value = round2(t.value + residue)
    t.text = S.text(t.value, "0.00")
    t.has_sum100 = true
    t.x, t.y = nil, nil  -- forced: no interval, the printed value is the template's own
  end
  return out
end

-- Any rate token (e.g. 执行率 of a 自评表): N.rate(s, attr, fraction, cell, kind, x, y).
function N.rate(s, attr, r, at, kind, x, y) return rate(s, attr, r, at, kind, x, y) end

-- A score (分), two decimals as the 自评表 prints it.
function N.score(s, v, at)
  if v == nil then return N.slot(s.key .. "得分", s, "score") end
  local tk = token(s, "score", round2(v), at, { unit = "分" })
  tk.text = S.text(v, "0.00")
  return tk
end

-- "占s%" of base (plugin 占比).
function N.share(s, base, value)
  value = value or s.value
  local r = N.fn("占比", value, base)
  return rate(s, "share", r, s.cell, "share", value, base)
end

-- Reason slot: a sentence a human writes; listed at the end of the document.
-- With a subject, the slot also records a "ghost" figure: verify-text then knows the words name a
-- quantity the tables do not hold (unmatched), instead of taking the figure for another subject.
N.slots, N.ghosts = {}, {}
function N.slot(what, s, attr, unit)
  local t = { slot = true, what = what, text = "【待填写：" .. what .. "】" }
  table.insert(N.slots, { section = N.section, what = what })
  if s then
    table.insert(N.ghosts, { section = N.section, subject = s.key, words = s.words, attr = attr, unit = unit,
                             upper = s.upper, upper_what = s.upper_what })
  end
  return t
end
function N.reason() return N.slot("原因") end

-- 增减 vs 上年: returns the parts "增加D万元，增长R%" (or the template's zero-base / flat wording).
-- s.value is 本年, prev is 上年 (nil: unknown -> slots).
function N.change(s, prev, prev_at, opts)
  opts = opts or {}
  local cur = s.value or 0
  if prev == nil then return { N.slot(s.key .. "上年数"), "万元" } end
  local d = round2(cur) - round2(prev)
  d = round2(d)
  local up = opts.up or "增加"
  local down = opts.down or "减少"
  local grow = opts.grow or "增长"
  local fall = opts.fall or "下降"
  local unit = opts.unit or "万元"
  local dtok = token(s, "diff", d, prev_at, { unit = unit, prev = prev, cur = cur })
  dtok.text = N.money(d)
  if d == 0 and CONFIG.flat == "持平" then return { "持平" } end
  local parts = { d < 0 and down or up, dtok, unit .. "，" }
  local r = N.fn("增长率", cur, prev)
  if round2(prev) == 0 and round2(cur) ~= 0 and CONFIG.zero_base and CONFIG.zero_base ~= "100%" then
    table.insert(parts, CONFIG.zero_base)  -- e.g. "上年为0"
    return parts
  end
  local pct = r and round2(r * 100) or 0
  table.insert(parts, pct < 0 and fall or grow)
  table.insert(parts, rate(s, "growth", r, prev_at, "growth", cur, prev))
  table.insert(parts, "%")
  return parts
end

-- 预决算差异率 (plugin 预决算差异率(预算数, 决算数)), signed.
function N.variance(s, budget, actual, at)
  local r = N.fn("预决算差异率", budget, actual)
  return rate(s, "variance", r, at, "variance", actual, budget, true)
end

-- Words the section must contain in any 说明 (e.g. "空表" for an empty 公开07): verify-text checks.
N.expects = {}
function N.expect(words, rule) table.insert(N.expects, { section = N.section, words = words, rule = rule or "STR-02" }) end
-- The names a list after "<lead>…包括：" must give exactly (TXT-06: the non-zero 款 of a panel).
function N.expect_list(lead, names)
  table.insert(N.expects, { section = N.section, words = lead, rule = "TXT-06", names = names })
end

-- Blocks ---------------------------------------------------------------------------------
local function flatten(out, x)
  if type(x) == "table" and not x.fig and not x.slot then
    for _, y in ipairs(x) do flatten(out, y) end
  elseif x ~= nil then
    table.insert(out, x)
  end
end

function N.para(...)
  local parts = {}
  flatten(parts, { ... })
  table.insert(N.doc, { kind = "para", parts = parts, section = N.section })
end
function N.heading(level, ...)
  local parts = {}
  flatten(parts, { ... })
  table.insert(N.doc, { kind = "heading", level = level, parts = parts, section = N.section })
end
-- A table of strings (first row the header).
function N.grid(rows) table.insert(N.doc, { kind = "table", rows = rows, section = N.section }) end

-- Shortcuts the templates share ------------------------------------------------------------
-- A subject whose value is a defined-name cell.
function N.named(key, name, words, group)
  local v, at = N.name(name)
  return N.subject{ key = key, words = words or { key }, value = v, cell = at, group = group }
end

-- The 说明 cross-check sheet (config.compare_sheet): its rows are keyed by the 说明 wording;
-- N.compare(label) -> 对比数 (上年数 / 预算数), cell; N.compare(label, true) -> 本年数, cell.
local CMP
function N.compare(label, this)
  if not CONFIG.compare_sheet then return nil end
  if not CMP then
    CMP = N.table(CONFIG.compare_sheet)
    if not CMP then CMP = false return nil end
    local c = CMP:col(CONFIG.compare_label or "项目（说明中的表述）")
    CMP:index(c or "C")
    CMP.prev_col = CMP:col(CONFIG.compare_prev or "上年数／基数／预算数")
    CMP.this_col = CMP:col(CONFIG.compare_this or "本年数／分项／决算数")
  end
  if CMP == false then return nil end
  return CMP:value(label, this and CMP.this_col or CMP.prev_col)
end

-- 公开07/08: the 空表 sentence (the workbook's own, else `empty`) or the four amounts. Names are
-- <fund>年初结转和结余, <fund>本年收入, <fund>本年支出, <fund>年末结转和结余, <fund>空表说明.
function N.fund_table(fund, empty)
  local keys = { "年初结转和结余", "本年收入", "本年支出", "年末结转和结余" }
  local s, blank = {}, true
  for _, k in ipairs(keys) do
    s[k] = N.named(fund .. k, fund .. k, { k })
    if s[k].value and round2(s[k].value) ~= 0 then blank = false end
  end
  if blank then
    local note = text(N.cell(fund .. "空表说明"))
    N.para(note ~= "" and note or empty)
    N.expect("空表", "TXT-08")
  else
    N.para(N.year, fund, "预算财政拨款年初结转和结余", N.amount(s[keys[1]]), "万元，本年收入", N.amount(s[keys[2]]),
           "万元，本年支出", N.amount(s[keys[3]]), "万元，年末结转和结余", N.amount(s[keys[4]]), "万元。")
  end
end

-- 预算 表8/表9: "<单位><年>没有使用<fund>拨款安排的支出，<table>为空表。" when its 合计 is 0.
function N.budget_fund(fund, table_name)
  local v, at = N.name(fund .. "支出合计")
  local note = text(N.cell(fund .. "空表说明"))
  if v == nil or round2(v) == 0 then
    N.para(note ~= "" and note or (N.unit() .. N.year .. "没有使用" .. fund .. "拨款安排的支出，" .. table_name .. "为空表。"))
    N.expect("空表", "TXT-08")
  else
    local s = N.subject{ key = fund .. "支出", words = { fund .. "支出" }, value = v, cell = at }
    N.para(N.unit(), N.year, fund, "支出", N.amount(s), "万元。")
  end
end

function N.unit()
  local u = text(N.cell("编制单位"))
  if u == "" then u = text(N.cell("单位名称")) end
  return u
end

-- Chinese ordinals for numbered items: 1 -> "一".
local CN = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" }
function N.cn(i)
  if i <= 10 then return CN[i] end
  if i < 20 then return "十" .. CN[i - 10] end
  return CN[i // 10] .. "十" .. (i % 10 > 0 and CN[i % 10] or "")
end

-- Runs the section files in order (each {section=, title=, render=function(N)}).
function N.run(files, year_label)
  N.year = year_label
  for _, f in ipairs(files) do
    N.section = f.def.section or ""
    N.file = f.name
    local title = f.def.title
    if type(title) == "function" then title = title(N) end
    if title then N.heading(1, (f.def.section or "") .. (f.def.section and "、" or "") .. title) end
    f.def.render(N)
  end
  N.doc.expects = N.expects
  return N.doc, N.slots, N.ghosts
end

return N
)LUA";

}  // namespace sp::narrative
