-- 04 四、财政拨款收支预算情况的总体说明 (表4/表5): 财政拨款收支总预算, its funds, and the 一般公共预算
-- spending by 类 (the uses are a human's words: slots).
return {
  section = "四",
  title = function(N) return "关于" .. N.unit() .. N.year .. "财政拨款收支预算情况的总体说明" end,
  render = function(N)
    local total = N.named("财政拨款收支总预算", "财政拨款收入总计", { "财政拨款收支总预算" })
    N.para(N.unit(), N.year, "财政拨款收支总预算", N.amount(total), "万元。")
    local gen = N.named("一般公共预算拨款", "一般公共预算拨款")
    local fund = N.name("政府性基金预算拨款") or 0
    local soe = N.name("国有资本经营预算拨款") or 0
    if N.round2(fund) == 0 and N.round2(soe) == 0 then
      N.para("收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。")
    end
    N.para("收入预算包括：一般公共预算拨款", N.amount(gen), "万元。")
    local t = N.table("表5 一般公共预算支出情况表")
    local parts = { "一般公共预算支出包括：" }
    local first = true
    for r = 1, t.last do
      local code = N.text(t.sh:cell("A" .. r))
      local v, at = t:get("C", r)
      if code:match("^%d%d%d$") and v and N.round2(v) ~= 0 then
        local name = t:label_of(r, "B")
        local s = N.subject{ key = name, words = { name }, value = v, cell = at }
        table.insert(parts, { first and "" or "；", name, N.amount(s), "万元，主要用于", N.slot(name .. "用途") })
        first = false
      end
    end
    table.insert(parts, "。")
    N.para(parts)
  end,
}
