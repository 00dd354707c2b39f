-- performance.lua — 绩效自评 scoring: 执行率得分, 完成率, 指标得分, 总分, 指标方向.
-- Rates are unrounded fractions; scores are computed from the unrounded rate and rounded
-- to 2 decimals, half away from zero (Excel ROUND). The rules are those that reproduce the
-- published self-evaluation tables (DOMAIN.md §3.5–3.8); which one applies is a per-table
-- setting (评分办法), because the published documents use different ones.
-- The functions are also published as suanpan.performance for check functions.

local number, round, indicator, E = suanpan.number, suanpan.round, suanpan.indicator, suanpan.error
local min, max = math.min, math.max

local function blank(x) return x == nil or x == "" end

-- The direction of an indicator when 指标方向 is not given:
--   定性  qualitative or date targets ("提高", "2024年12月10日之前"), or a qualitative actual ("达到预期指标")
--   成本  "<=" on an amount of money ("<=8万元"): actual/target, under-spend lowers the rate
--   限值  other "<=" / "<" ("<=2%", "<=12月") and "=0" targets: met when actual <= target
--   正向  ">=", "=", or no comparator: actual/target
local function infer(t, a)
  if t.kind ~= "number" or a.kind == "qualitative" or a.kind == "date" then return "定性" end
  if t.cmp == "<=" or t.cmp == "<" then return t.money and "成本" or "限值" end
  if t.cmp == "=" and t.value == 0 then return "限值" end
  return "正向"
end

-- Date order for deadlines: day 99 (月底) is the month's last day; when only one side
-- names the year, month and day are compared ("12月底前" against "2024年12月20日").
local function last_day(y, m)
  if m == 2 then return (y and (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0))) and 29 or 28 end
  return (m == 4 or m == 6 or m == 9 or m == 11) and 30 or 31
end

local function day_key(d, with_year)
  local day = d.day or 0
  if day == 99 and d.month then day = last_day(d.year, d.month) end
  return (with_year and d.year or 0) * 10000 + (d.month or 0) * 100 + day
end

-- An actual date (or the end of an actual period) after the target's deadline (or the
-- end of its period).
local function late(t, a)
  local td, ad = t.date, a.date
  if (td.month == nil) ~= (ad.month == nil) then return false end  -- "每月25日" against a full date
  local years = td.year ~= nil and ad.year ~= nil
  return day_key(ad, years) > day_key(td, years)
end

-- "12月" (read as the number 12 in 月) next to a date stands for the end of that month.
local function as_date(x)
  if x.kind == "number" and x.unit == "月" and x.value % 1 == 0 and x.value >= 1 and x.value <= 12 then
    return { kind = "date", date = { month = x.value, day = 99 } }
  end
  return x
end

local DIRECTIONS = { ["正向"] = true, ["反向"] = true, ["成本"] = true, ["限值"] = true, ["定性"] = true, ["时限"] = true }

local function completion(target, actual, direction)
  local t, a = indicator(target), indicator(actual)
  if t.kind == "empty" then return E.VALUE end
  if a.kind == "empty" then return E.NA end
  local dir = blank(direction) and infer(t, a) or direction
  if not DIRECTIONS[dir] then return E.VALUE end
  if dir == "定性" or t.kind ~= "number" or a.kind ~= "number" then
    if a.met == false then return 0 end
    -- A date or period against a deadline or period: met when it ends by the target's end.
    if t.kind == "date" or a.kind == "date" then
      local td, ad = as_date(t), as_date(a)
      if td.kind == "date" and ad.kind == "date" and late(td, ad) then return 0 end
    end
    return 1
  end
  local tv, av = t.value, a.value
  if dir == "正向" then
    if tv == 0 then return av >= 0 and 1 or 0 end
    return av / tv
  elseif dir == "成本" then
    if tv == 0 then return av == 0 and 1 or E.DIV0 end
    return av / tv
  elseif dir == "反向" then            -- lower is better, scored target/actual
    if av <= 0 then return 1 end
    return tv / av
  else                                 -- 限值, 时限: a ceiling that is met or not
    if av <= tv then return 1 end
    return tv > 0 and tv / av or 0
  end
end

-- 60 % floor (the 000 project tables): below 100 % the part above 60 % scales to the
-- full weight; above 100 % the excess is deducted 1:1 (2 − rate).
local function floor60(w, r)
  if r > 1 then return w * max(0, 2 - r) end
  if r == 1 then return w end
  if r < 0.6 then return 0 end
  return w * (r - 0.6) / 0.4
end

local function exec_score(rate, points, method)
  local r, p = number(rate), number(points)
  if not r or not p then return E.VALUE end
  if blank(method) or method == "比例" then return round(p * max(0, min(r, 1)), 2) end
  if method == "六十起评" then return round(floor60(p, r), 2) end
  return E.VALUE
end

local function rule_kind(rule)
  if blank(rule) then return "比例" end
  if rule:find("等级", 1, true) or rule:find("满意度", 1, true) or rule:find("直接", 1, true) then return "达成" end
  return "比例"  -- 按照完成比例赋分 and unknown wordings
end

local function indicator_score(weight, rate, rule, method, direction)
  local w, r = number(weight), number(rate)
  if not w or not r then return E.VALUE end
  r = max(r, 0)
  local s
  if rule_kind(rule) == "达成" then
    s = w * min(r, 1)                  -- full when achieved; over-completion not penalised
  elseif blank(method) or method == "封顶" then
    if direction == "成本" and r > 1 then s = 0 else s = w * min(r, 1) end  -- 超支不得分
  elseif method == "超额扣分" then
    s = r <= 1 and w * r or w * max(0, 2 - r)
  elseif method == "六十起评" then
    s = floor60(w, r)
  else
    return E.VALUE
  end
  return round(s, 2)
end

suanpan.func {
  name = "执行率得分",
  params = { "执行率", "分值", "[评分办法]" },
  doc = "执行率 score: 比例 (default) = 分值 × min(执行率, 1); 六十起评 = 60 % floor below 100 %, 2 − 执行率 above",
  fn = exec_score,
}

suanpan.func {
  name = "完成率",
  params = { "目标值", "业绩值", "[指标方向]" },
  doc = "completion rate of an indicator from its printed target and actual (\">=23000人\", \"=24159人\"); "
     .. "指标方向 正向, 反向, 成本, 限值 or 定性, inferred when omitted",
  fn = completion,
}

suanpan.func {
  name = "指标得分",
  params = { "权重", "完成率", "[赋分规则]", "[评分办法]", "[指标方向]" },
  doc = "indicator score: 评分办法 封顶 (default, 成本 over 100 % scores 0), 超额扣分 or 六十起评; "
     .. "按评判等级/满意度/直接赋分 give the full weight when achieved",
  fn = indicator_score,
}

suanpan.func {
  name = "总分",
  params = { "得分", "..." },
  doc = "总分 = 执行率得分 + Σ指标得分, rounded to 2 decimals (numbers and ranges; text skipped)",
  fn = function(...) return round(suanpan.sum(...), 2) end,
}

suanpan.func {
  name = "指标方向",
  params = { "目标值", "[业绩值]" },
  doc = "the direction 完成率 infers from a printed target (and actual): 正向, 成本, 限值 or 定性",
  fn = function(target, actual)
    local t = indicator(target)
    if t.kind == "empty" then return E.VALUE end
    return infer(t, indicator(actual))
  end,
}

suanpan.performance = {
  completion = completion,
  exec_score = exec_score,
  indicator_score = indicator_score,
  infer_direction = function(target, actual) return infer(indicator(target), indicator(actual)) end,
}
