-- 03 三、支出预算情况说明 (表3): 基本支出 and 项目支出 with their shares and change vs 上年预算.
return {
  section = "三",
  title = function(N) return "关于" .. N.unit() .. N.year .. "支出预算情况说明" end,
  render = function(N)
    local total = N.named("支出预算", "部门支出合计", { "支出预算" })
    N.para(N.unit(), N.year, "支出预算", N.amount(total), "万元，其中：")
    local items = { N.named("基本支出", "部门基本支出", nil, "支出构成"), N.named("项目支出", "部门项目支出", nil, "支出构成") }
    local shares = N.shares(items, total.value)
    for i, s in ipairs(items) do
      local p, at = N.compare("支出预算 " .. s.key .. " 比上年增长")
      N.para(s.key, N.amount(s), "万元，占", shares[i], "%，比上年预算", N.change(s, p, at), "，主要原因是", N.reason(), "。")
    end
  end,
}
