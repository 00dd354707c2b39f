-- 08 八、政府性基金预算拨款情况说明 (表8): the 空表 sentence when the table is empty, else its total.
return {
  section = "八",
  title = function(N) return "关于" .. N.unit() .. N.year .. "政府性基金预算拨款情况说明" end,
  render = function(N) N.budget_fund("政府性基金预算", "政府性基金预算支出情况表") end,
}
