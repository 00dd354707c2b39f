-- 02 二、收入预算情况说明 (表1): each source with its share of 收入预算 (sum100, seed 002) and its change
-- against 上年预算 (上年数 from 情况说明核对 "收入预算 X 比上年增长").
return {
  section = "二",
  title = function(N) return "关于" .. N.unit() .. N.year .. "收入预算情况说明" end,
  render = function(N)
    local total = N.named("收入预算", "收入总计", { "部门收入预算", "收入预算" })
    N.para(N.unit(), "部门收入预算", N.amount(total), "万元，其中：")
    local items = {
      { "一般公共预算", "一般财力" }, { "上级一般公共预算安排的转移支付资金", "上级一般公共预算转移支付" },
      { "政府性基金预算", "政府性基金预算拨款" }, { "国有资本经营预算", "国有资本经营预算拨款" },
      { "单位资金", "单位资金" }, { "财政拨款结转", "财政拨款结转" }, { "非财政拨款结转结余", "非财政拨款结转结余" },
    }
    local subjects = {}
    for i, it in ipairs(items) do subjects[i] = N.named(it[1], it[2], nil, "收入构成") end
    local shares = N.shares(subjects, total.value)
    for i, s in ipairs(subjects) do
      local p, at = N.compare("收入预算 " .. s.key .. " 比上年增长")
      N.para(s.key, N.amount(s), "万元，占", shares[i], "%，比上年预算", N.change(s, p, at), "，主要原因是", N.reason(), "。")
      if s.key == "政府性基金预算" then N.para("上级政府性基金安排的转移支付资金未安排。") end
      if s.key == "国有资本经营预算" then N.para("上级国有资本经营预算安排的转移支付资金未安排。") end
    end
  end,
}
