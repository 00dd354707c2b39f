-- 10 十、财政拨款"三公"经费预算情况说明 (表10): the total and the four items, then each against 上年预算.
return {
  section = "十",
  title = function(N) return "关于" .. N.unit() .. N.year .. "财政拨款“三公”经费预算情况说明" end,
  render = function(N)
    local total = N.named("三公经费预算", "三公经费合计", { "三公经费预算数", "三公经费预算" })
    local items = {
      N.named("因公出国（境）费", "因公出国费", { "因公出国（境）费", "因公出国(境)费" }),
      N.named("公务用车购置费", "公务用车购置费"),
      N.named("公务用车运行费", "公务用车运行费", { "公务用车运行费", "公务用车运行维护费" }),
      N.named("公务接待费", "公务接待费"),
    }
    local parts = { N.unit(), N.year, "财政拨款“三公”经费预算数为", N.amount(total), "万元，其中：" }
    for i, s in ipairs(items) do table.insert(parts, { s.key, N.amount(s), "万元", i < #items and "，" or "。" }) end
    N.para(parts)
    local p, at = N.compare("财政拨款\"三公\"经费预算合计 比上年增长")
    parts = { N.year, "财政拨款“三公”经费预算比上年预算", N.change(total, p, at), "，其中：" }
    for i, s in ipairs(items) do
      local q, qat = N.compare("三公经费预算 " .. s.key .. " 比上年增长")
      table.insert(parts, { s.key, N.change(s, q, qat), "，主要原因是", N.reason(), i < #items and "；" or "。" })
    end
    N.para(parts)
  end,
}
