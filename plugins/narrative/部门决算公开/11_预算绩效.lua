-- 11 十一、预算绩效的情况说明 (TXT-11): the 整体支出绩效自评表 (全年预算总额 = 收入总计, 实际执行总额 =
-- 本年支出合计) and the 项目支出绩效自评表 given with the workbook (count, Σ全年预算数, Σ全年执行数).
return {
  section = "十一", title = "预算绩效的情况说明",
  render = function(N)
    local Y = N.year
    local total = N.named("全年预算总额", "收入总计")
    local spent = N.named("实际执行总额", "本年支出合计")
    local whole = N.subject{ key = "整体支出绩效自评表" }
    local proj = N.subject{ key = "预算绩效评价项目" }
    local nwhole, nproj, budget, exec = 0, 0, 0, 0
    for _, p in ipairs(N.performance or {}) do
      if p.kind == "整体支出绩效自评表" then nwhole = nwhole + 1 end
      if p.kind == "项目支出绩效自评表" then
        nproj = nproj + 1
        budget = budget + (p.budget or 0)
        exec = exec + (p.executed or 0)
      end
    end
    local pb = N.subject{ key = "全年预算数", words = { "全年预算数" }, value = nproj > 0 and budget or nil, cell = "Σ项目支出绩效自评表!全年预算数" }
    local pe = N.subject{ key = "全年执行数", words = { "全年执行数" }, value = nproj > 0 and exec or nil, cell = "Σ项目支出绩效自评表!全年执行数" }
    -- The projects' spending cannot exceed the 项目支出 of the tables (DOMAIN §3.8, §4 #11).
    pe.upper, pe.upper_at = N.name("支出决算_项目支出")
    pe.upper_what = "支出决算表 项目支出"
    N.para("根据预算绩效管理要求，本单位", Y, "预算绩效管理形成整体支出绩效自评表",
           nwhole > 0 and N.count(whole, nwhole, "整体支出绩效自评表", "个") or N.slot("整体支出绩效自评表个数"), "个，全年预算总额",
           N.amount(total), "万元，实际执行总额", N.amount(spent), "万元；预算绩效评价项目",
           nproj > 0 and N.count(proj, nproj, "项目支出绩效自评表", "个") or N.slot("项目个数"), "个，全年预算数", N.amount(pb, pb.value, pb.cell, "budget"),
           "万元，全年执行数", N.amount(pe), "万元。", N.slot("预算绩效管理取得的成效、发现的问题及原因、下一步改进措施"))
  end,
}
