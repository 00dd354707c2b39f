-- 03 三、支出决算情况说明: 本年支出 by 基本/项目/上缴上级/经营/对附属单位补助 with shares (公开03 合计 row).
return {
  section = "三", title = "支出决算情况说明",
  render = function(N)
    local total = N.named("本年支出合计", "支出决算_本年支出合计", { "本年支出合计", "本年支出" })
    local t = N.table("支出决算表")
    local row = tonumber((total.cell or ""):match("(%d+)$"))
    local items = {}
    for _, key in ipairs({ "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出" }) do
      local v, at = t:get(t:col(key), row)
      table.insert(items, N.subject{ key = key, value = v or 0, cell = at, group = "支出构成" })
    end
    local parts = { "本年支出", N.amount(total), "万元，其中：" }
    for i, s in ipairs(items) do
      table.insert(parts, { s.key, N.amount(s), "万元，占", N.share(s, total.value), "%", i < #items and "；" or "。" })
    end
    N.para(parts)
  end,
}
