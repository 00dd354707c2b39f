// api_lua.cpp — the parts of the `suanpan` table written in Lua: suanpan.numbers/sum
// (SUM's reading of mixed arguments) and suanpan.indicator, the parser for the
// indicator strings of performance tables (目标值/业绩值 as printed, OCR noise included).
namespace sp::lua {

extern const char* const kApiLua = R"LUA(
local suanpan = ...
local type, select, ipairs, tonumber, tostring = type, select, ipairs, tonumber, tostring
local find, match, gsub, gmatch, sub = string.find, string.match, string.gsub, string.gmatch, string.sub
local iserror, number = suanpan.iserror, suanpan.number

-- suanpan.numbers(...): the numbers among the arguments, as SUM reads them: numbers and
-- numeric text given directly count; ranges, arrays and tables give their numeric cells only.
function suanpan.numbers(...)
  local out, n = {}, 0
  local function add(x) n = n + 1; out[n] = x end
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    local tv = type(v)
    if tv == "number" then add(v)
    elseif tv == "string" then local x = number(v); if x then add(x) end
    elseif tv == "boolean" then add(v and 1 or 0)
    elseif tv == "userdata" and not iserror(v) and v.numbers then
      for _, x in ipairs(v:numbers()) do add(x) end
    elseif tv == "table" then
      for k = 1, (v.n or #v) do if type(v[k]) == "number" then add(v[k]) end end
    end
  end
  return out
end

function suanpan.sum(...)
  local s = 0
  for _, x in ipairs(suanpan.numbers(...)) do s = s + x end
  return s
end

------------------------------------------------------------------------------------
-- Indicator strings: ">=23000人", "＞=95%", "≤8万元", "〈145 人", "=2024年12月10日",
-- "2024年12月10日之前", "每月25日前", "=11月底", "1 314", "9, 33", "2, 121. 12",
-- "达到预期指标", "提高". Result fields:
--   kind  "number" | "date" | "qualitative" | "empty"
--   cmp   ">=", "<=", ">", "<", "=" or nil
--   value number (as printed: 95 for "95%"), unit ("人次", "万元", "%", …), percent, money
--   date  {year=, month=, day=} (day 99: month end), monthly, before, after, key (comparable);
--         for a period ("1-12月", "全年", "年底前"): date is its end, start its start, span true
--   word  the qualitative text; met true/false when the text says achieved / not achieved
------------------------------------------------------------------------------------
local FOLD = {
  ["＞"] = ">", ["＜"] = "<", ["＝"] = "=", ["≥"] = ">=", ["≤"] = "<=", ["≧"] = ">=", ["≦"] = "<=",
  ["〈"] = "<", ["〉"] = ">", ["﹤"] = "<", ["﹥"] = ">", ["﹦"] = "=",
  ["．"] = ".", ["，"] = ",", ["％"] = "%", ["﹪"] = "%", ["　"] = " ", ["\194\160"] = " ",
  ["－"] = "-", ["＋"] = "+", ["："] = ":", ["／"] = "/",
}
for d = 0, 9 do FOLD[utf8.char(0xFF10 + d)] = tostring(d) end

local CMP = { [">="] = ">=", ["=>"] = ">=", ["<="] = "<=", ["=<"] = "<=", [">"] = ">", ["<"] = "<",
              ["="] = "=", ["=="] = "=", ["<>"] = nil }

local MONEY = { ["元"] = true, ["万元"] = true, ["亿元"] = true, ["千元"] = true }

local ACHIEVED = { "达到预期", "达成", "完成", "达标", "合格", "实现", "满足", "按时", "有效" }
local NOT_ACHIEVED = { "未", "没有", "不达", "不合格", "不满足", "不足", "否", "部分", "基本" }

local function normalize(s)
  s = gsub(s, "[\192-\255][\128-\191]*", FOLD)
  s = gsub(s, "%s+", " ")
  s = gsub(s, "^ ", "")
  s = gsub(s, " $", "")
  return s
end

-- "1 314" -> 1314; "2, 121. 12" -> 2121.12; "9, 33" -> 9.33 (a comma not followed by
-- exactly three digits is an OCR-misread decimal point).
local function clean_number(t)
  t = gsub(t, " ", "")
  if find(t, ",", 1, true) then
    local thousands = true
    for grp in gmatch(t, ",(%d*)") do if #grp ~= 3 then thousands = false end end
    local _, commas = gsub(t, ",", "")
    if thousands then t = gsub(t, ",", "")
    elseif commas == 1 and not find(t, ".", 1, true) then t = gsub(t, ",", ".")
    else t = gsub(t, ",", "") end
  end
  return tonumber(t)
end

local function date_key(y, m, d) return (y or 0) * 10000 + (m or 0) * 100 + (d or 0) end

local function parse_date(r, rest)
  local y, m, d, tail = match(rest, "^(%d+)年(%d+)月(%d+)日?(.*)$")
  if not y then
    y, m, tail = match(rest, "^(%d+)年(%d+)月(.*)$")
    if y and (find(tail, "^底") or find(tail, "^末")) then d = 99 end
  end
  if not y then
    d, tail = match(rest, "^每月(%d+)日(.*)$")
    if d then r.monthly = true end
  end
  if not y and not d then
    m, tail = match(rest, "^(%d+)月底(.*)$")
    if not m then m, tail = match(rest, "^(%d+)月末(.*)$") end
    if m then d = 99 end
  end
  if not y and not d and not m then
    m, d, tail = match(rest, "^(%d+)月(%d+)日(.*)$")
  end
  if not y and not m and not d then return false end
  r.kind = "date"
  r.date = { year = tonumber(y), month = tonumber(m), day = tonumber(d) }
  r.key = date_key(r.date.year, r.date.month, r.date.day)
  tail = tail or ""
  if find(tail, "前") or find(rest, "底") or find(rest, "末") then r.before = true end
  if find(tail, "后") then r.after = true end
  return true
end

-- Periods: "1-12月", "2024年1-12月", "3月1日至11月30日", "2024年1月-2024年12月31日", "全年",
-- "年底前". The period's end is the deadline: r.date is the end (day 99: month end), r.start
-- the start, r.span true, r.before true.
local SPAN_SEPS = { "-", "~", "～", "至", "到", "—", "–" }
local YEAR_END = { ["全年"] = true, ["全年内"] = true, ["全年度"] = true, ["全年度内"] = true, ["年底"] = true,
                   ["年底前"] = true, ["年末"] = true, ["年末前"] = true, ["年内"] = true, ["本年底前"] = true,
                   ["本年内"] = true, ["当年底前"] = true, ["当年内"] = true, ["年度内"] = true }

local function month_ok(m) return m and m >= 1 and m <= 12 end

-- The start of a period: "2024年1月1日", "2024年1月", "1月1日", "1月", "2024年1", "1".
local function span_start(s)
  local y, m, d = match(s, "^(%d+)年(%d+)月(%d+)日$")
  if not y then y, m = match(s, "^(%d+)年(%d+)月$") end  -- (no "月?": ? would apply to 月's last byte)
  if not y then y, m = match(s, "^(%d+)年(%d+)$") end
  if not y then m, d = match(s, "^(%d+)月(%d+)日$") end
  if not m then m = match(s, "^(%d+)月$") or match(s, "^(%d+)$") end
  m = tonumber(m)
  if not month_ok(m) then return nil end
  return { year = tonumber(y), month = m, day = tonumber(d) }
end

-- The end: "2024年12月31日", "2024年12月", "12月31日", "12月", "12月底", "31日" (the start's month).
local function span_end(s, start)
  local y, m, d, tail = match(s, "^(%d+)年(%d+)月(%d+)日(.*)$")
  if not y then y, m, tail = match(s, "^(%d+)年(%d+)月(.*)$") end
  if not y then m, d, tail = match(s, "^(%d+)月(%d+)日(.*)$") end
  if not m then m, tail = match(s, "^(%d+)月(.*)$") end
  if not m and start.day then d, tail = match(s, "^(%d+)日(.*)$"); m = d and start.month end  -- "3月1日-31日"
  m = tonumber(m)
  if not month_ok(m) or find(tail, "^%d") then return nil end
  d = tonumber(d) or 99  -- a month alone ends at its last day
  if d < 1 or (d > 31 and d ~= 99) then return nil end
  return { year = tonumber(y) or start.year, month = m, day = d }
end

local function parse_span(r, rest)
  local d
  local y, tail = match(rest, "^(%d+)年(.*)$")                  -- "2024年底前", "2024年全年"
  if not (y and (YEAR_END[tail] or YEAR_END["年" .. tail])) then y = nil end
  if y or YEAR_END[rest] then
    y = tonumber(y)
    r.start = { year = y, month = 1, day = 1 }
    d = { year = y, month = 12, day = 99 }
  else
    local at, len
    for _, sep in ipairs(SPAN_SEPS) do
      local i = find(rest, sep, 2, true)
      if i and (not at or i < at) then at, len = i, #sep end
    end
    if not at then return false end
    local start = span_start(gsub(sub(rest, 1, at - 1), " $", ""))
    if not start then return false end
    d = span_end(gsub(sub(rest, at + len), "^ ", ""), start)
    if not d then return false end
    r.start = start
  end
  r.kind = "date"
  r.span = true
  r.before = true
  r.date = d
  r.key = date_key(d.year, d.month, d.day)
  return true
end

function suanpan.indicator(text)
  local r = { text = text }
  if type(text) == "number" then r.kind = "number"; r.value = text; return r end
  if text == nil or iserror(text) then r.kind = "empty"; return r end
  local s = normalize(tostring(text))
  if s == "" or s == "/" or s == "-" or s == "—" or s == "——" then r.kind = "empty"; return r end
  if #s > 300 then r.kind = "qualitative"; r.word = s; return r end
  local cmp, rest = match(s, "^([<>=]+) ?(.*)$")
  if cmp then r.cmp = CMP[cmp] else rest = s end
  if parse_span(r, rest) or parse_date(r, rest) then return r end
  local num, unit = match(rest, "^([%-+]?%d[%d ,%.]*)(.*)$")
  if num then
    local trail = match(num, "[ ,%.]*$")
    num = sub(num, 1, #num - #trail)
    local v = clean_number(num)
    if v then
      r.kind = "number"; r.value = v
      unit = gsub(unit, "^ ", "")
      r.unit = unit
      r.percent = unit == "%" or nil
      r.money = (MONEY[unit] or find(unit, "^万?元/") or find(unit, "^元")) and true or nil
      return r
    end
  end
  r.kind = "qualitative"
  r.word = rest
  for _, w in ipairs(NOT_ACHIEVED) do
    if find(rest, w, 1, true) then r.met = false; return r end
  end
  if rest == "是" then r.met = true; return r end
  for _, w in ipairs(ACHIEVED) do
    if find(rest, w, 1, true) then r.met = true; return r end
  end
  return r
end
)LUA";

}  // namespace sp::lua
