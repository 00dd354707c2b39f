-- narrative.lua — checks of the 情况说明核对 sheet of 部门决算公开 and 部门预算公开: every figure the
-- 说明 text quotes (公布数) against the value the tables give (计算值). DOMAIN.md §3.1–3.4, §4:
--  * 金额: equal, or within 0.02 (尾差 of sums of rounded 万元: info);
--  * 占比 / 增长率 / 预决算差异率: the published rate (2 decimals of a percentage) must be the computed
--    rate rounded; a published rate that differs but lies inside the interval reachable when each
--    2-decimal input moves by ±0.005 (rates are computed from 元 amounts) is info, outside it a warning
--    (e.g. 002's shares forced to add up to 100.00 %).

local S = suanpan
local abs, max, min = math.abs, math.max, math.min
-- Helpers shared with the table checks (plugins/checks/_tables.lua, loaded first).
local blank, text, letters, column = S.tables.blank, S.tables.text, S.tables.letters, S.tables.column

local SHEET = "情况说明核对"

-- E/F with every input moved by ±d: the range of x/y (y keeps its sign).
local function ratio_interval(x, y, d)
  if abs(y) <= d then return nil end
  local lo, hi = math.huge, -math.huge
  for _, dx in ipairs({ -d, d }) do
    for _, dy in ipairs({ -d, d }) do
      local v = (x + dx) / (y + dy)
      lo, hi = min(lo, v), max(hi, v)
    end
  end
  return lo, hi
end

-- The rate a row computes, as a function of (本年/分项/决算, 上年/基数/预算): all are x/y + c.
local OFFSET = { ["占比"] = 0, ["增长率"] = -1, ["预决算差异率"] = -1 }

local function layout(sh)
  local _, hr, kc = sh:find("口径")
  if not hr then return nil end
  local L = { header = hr, kind = letters(kc), this = letters(kc + 1), base = letters(kc + 2), label = letters(kc - 1) }
  for c = 1, 20 do
    local h = text(sh:cell(letters(c) .. hr))
    if h == "计算值" then L.computed = letters(c) end
    if h == "公布数" then L.published = letters(c) end
  end
  if not L.computed or not L.published then return nil end
  local used = sh:used()
  L.last = used and tonumber(used:match("(%d+)$")) or hr
  return L
end

-- The 口径, 公布数 and 计算值 of the rows below the header, each column read in one call.
local function columns(sh, L)
  local first = L.header + 1
  return column(sh, L.kind, first, L.last), column(sh, L.published, first, L.last), column(sh, L.computed, first, L.last)
end

S.check{ id = "SM-001", template = "情况说明核对", sheet = SHEET, severity = "warning", tolerance = 0.02,
         message = "说明中公布的金额应与表中数一致",
         fn = function(wb)
           local sh = wb:sheet(SHEET)
           local L = layout(sh)
           if not L then return end
           local kinds, pub, comp = columns(sh, L)
           for r = L.header + 1, L.last do
             local i = r - L.header
             local p, v = pub[i], comp[i]
             if text(kinds[i]) == "金额" and not blank(p) and type(v) == "number" then
               local pv = S.number(p)
               if pv and abs(pv - v) > 1e-9 * max(1, abs(v)) then
                 S.fail{ sheet = SHEET, cell = L.published .. r, found = pv, expected = S.round(v, 2),
                         message = "「" .. text(sh:cell(L.label, r)) .. "」说明公布数与表中数不一致" }
               end
             end
           end
         end }

S.check{ id = "SM-002", template = "情况说明核对", sheet = SHEET, severity = "warning",
         message = "说明中公布的占比、增长率、预决算差异率应与按表中数计算的结果一致",
         fn = function(wb)
           local sh = wb:sheet(SHEET)
           local L = layout(sh)
           if not L then return end
           local kinds, pub, comp = columns(sh, L)
           for r = L.header + 1, L.last do
             local i = r - L.header
             local kind = text(kinds[i])
             local p, v = pub[i], comp[i]
             if OFFSET[kind] and not blank(p) and type(v) == "number" then
               local pv = S.number(p)
               local want = S.round(v, 4)
               if pv and abs(pv - want) > 1e-9 then
                 local label = text(sh:cell(L.label, r))
                 local x, y = S.number(sh:cell(L.this, r) or 0), S.number(sh:cell(L.base, r) or 0)
                 local lo, hi
                 if x and y then lo, hi = ratio_interval(x, y, 0.005) end
                 local inside = lo and pv >= S.round(lo + OFFSET[kind], 4) - 1e-9 and pv <= S.round(hi + OFFSET[kind], 4) + 1e-9
                 if inside then
                   S.fail{ sheet = SHEET, cell = L.published .. r, found = pv, expected = want, severity = "info",
                           message = "「" .. label .. "」" .. kind .. "公布数与计算值不同，但在输入舍入（±0.005 万元）可达的区间 " ..
                                     string.format("%.2f%%～%.2f%%", (lo + OFFSET[kind]) * 100, (hi + OFFSET[kind]) * 100) .. " 内" }
                 else
                   S.fail{ sheet = SHEET, cell = L.published .. r, found = pv, expected = want,
                           message = "「" .. label .. "」" .. kind .. "公布数与按表中数计算的结果不一致" }
                 end
               end
             end
           end
         end }
