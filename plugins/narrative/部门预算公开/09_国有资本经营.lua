-- 09 九、国有资本经营预算拨款情况说明 (表9): as 08.
return {
  section = "九",
  title = function(N) return "关于" .. N.unit() .. N.year .. "国有资本经营预算拨款情况说明" end,
  render = function(N) N.budget_fund("国有资本经营预算", "国有资本经营预算支出情况表") end,
}
