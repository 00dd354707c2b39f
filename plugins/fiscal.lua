-- fiscal.lua — derived figures of 部门决算/预算公开 tables: 预决算差异率, 增长率, 占比, 执行率.
-- Rates are returned unrounded, as fractions (for cells formatted 0.00%); the zero-base
-- conventions are those observed in the published documents (DOMAIN.md §3).

local number, E = suanpan.number, suanpan.error

-- Wraps f(x, y) so that its two arguments are read as numbers the way Excel arithmetic
-- reads them (empty = 0, "1,126.72" and "84.97%" accepted); other text gives #VALUE!.
-- (Error arguments never get here: the host returns them without calling the function.)
local function numeric(f)
  return function(a, b)
    local x, y = number(a), number(b)
    if x == nil or y == nil then return E.VALUE end
    return f(x, y)
  end
end

local function sign(x) return x > 0 and 1 or (x < 0 and -1 or 0) end

suanpan.func {
  name = "预决算差异率",
  params = { "预算数", "决算数" },
  doc = "(决算数−预算数)/预算数, unrounded; 预算数 0 gives 0 (as published: 0.00%)",
  excel = "IF(%1=0,0,(%2-%1)/%1)",
  fn = numeric(function(budget, final)
    if budget == 0 then return 0 end
    return (final - budget) / budget
  end),
}

suanpan.func {
  name = "增长率",
  params = { "本年数", "上年数" },
  doc = "(本年数−上年数)/上年数, unrounded; 上年数 0: 1 when 本年数 > 0 (增长100.00%), 0 when both are 0",
  excel = "IF(%2=0,SIGN(%1),(%1-%2)/%2)",
  fn = numeric(function(current, previous)
    if previous == 0 then return sign(current) end
    return (current - previous) / previous
  end),
}

suanpan.func {
  name = "占比",
  params = { "分项", "基数" },
  doc = "分项/基数, unrounded; 0 when 分项 is 0 (even on a zero base), #DIV/0! for a part of a zero base",
  excel = "IF(%1=0,0,%1/%2)",
  fn = numeric(function(part, base)
    if part == 0 then return 0 end
    if base == 0 then return E.DIV0 end
    return part / base
  end),
}

suanpan.func {
  name = "执行率",
  params = { "全年预算数", "全年执行数" },
  doc = "全年执行数/全年预算数, unrounded; 0 when nothing was executed, #DIV/0! for spending without a budget",
  excel = "IF(%2=0,0,%2/%1)",
  fn = numeric(function(budget, executed)
    if executed == 0 then return 0 end
    if budget == 0 then return E.DIV0 end
    return executed / budget
  end),
}
