-- 12 十二、其他重要事项的情况说明: (一) 机关运行经费 (= 表6 公用经费, TXT-10) vs 上年预算; (二) 政府采购,
-- (三) 国有资产, (四) 预算绩效: not in the 预算 tables (slots).
return {
  section = "十二", title = "其他重要事项的情况说明",
  render = function(N)
    N.heading(2, "（一）单位运行经费情况")
    local v, at = N.compare("机关运行经费（＝表6 公用经费）", true)
    local run = N.subject{ key = "机关运行经费", words = { "机关运行经费财政拨款预算", "机关运行经费" }, value = v, cell = at }
    local p, pat = N.compare("机关运行经费财政拨款预算 比上年增长")
    N.para(N.unit(), N.year, "的机关运行经费财政拨款预算", N.amount(run), "万元，比上年预算", N.change(run, p, pat),
           "。主要原因是", N.reason(), "。")
    N.heading(2, "（二）政府采购情况")
    N.para(N.slot("政府采购预算（货物、工程、服务，面向中小企业预留）"))
    N.heading(2, "（三）国有资产占用使用情况")
    N.para(N.slot("国有资产占用使用情况"))
    N.heading(2, "（四）预算绩效情况")
    N.para(N.slot("预算绩效目标情况"))
  end,
}
