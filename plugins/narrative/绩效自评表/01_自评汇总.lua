-- 01 绩效自评汇总: one sentence per 自评表 (全年预算数, 全年执行数, 预算执行率 by plugin 执行率, 得分 as the
-- workbook computes it), then the totals the 决算 说明 quotes in 十一 (项目 count, Σ预算, Σ执行).
return {
  section = "", title = nil,
  render = function(N)
    local n, budget, exec = 0, 0, 0
    for _, p in ipairs(N.performance or {}) do
      local key = p.name ~= "" and p.name or p.file
      local s = N.subject{ key = key, words = { key }, value = p.executed }
      local whole = p.kind == "整体支出绩效自评表"
      local r = (p.budget and p.executed) and N.fn("执行率", p.budget, p.executed) or nil
      local rt = { fig = true }
      N.para(whole and "单位整体支出绩效自评（" or ("项目“"), key, whole and "）" or "”", "：全年预算数",
             N.amount(s, p.budget, p.file .. "!" .. (whole and "全年预算总额" or "全年预算数"), "budget"), "万元，全年执行数",
             N.amount(s, p.executed, p.file .. "!" .. (whole and "实际执行总额" or "全年执行数"), "actual"), "万元，预算执行率",
             N.rate(s, "rate", r, p.file .. "!预算执行率", "share", p.executed, p.budget), "%，自评得分",
             N.score(s, p.score, p.file .. "!总分"), "分。")
      if not whole then
        n = n + 1
        budget = budget + (p.budget or 0)
        exec = exec + (p.executed or 0)
      end
    end
    if n > 0 then
      local all = N.subject{ key = "预算绩效评价项目", words = { "预算绩效评价项目" }, value = exec, cell = "Σ全年执行数" }
      N.para("预算绩效评价项目", N.count(all, n, "项目支出绩效自评表", "个"), "个，全年预算数",
             N.amount(all, budget, "Σ全年预算数", "budget"), "万元，全年执行数", N.amount(all, exec, "Σ全年执行数", "actual"), "万元。")
    end
  end,
}
