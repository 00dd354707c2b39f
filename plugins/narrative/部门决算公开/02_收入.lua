-- 02 二、收入决算情况说明: 本年收入 and each source with its share of 本年收入合计 (公开01/02).
return {
  section = "二", title = "收入决算情况说明",
  render = function(N)
    local total = N.named("本年收入合计", "本年收入合计", { "本年收入合计", "本年收入" })
    local fiscal_v, fiscal_at = N.compare("财政拨款收入", true)
    local items = {
      N.subject{ key = "财政拨款收入", value = fiscal_v, cell = fiscal_at, group = "收入构成" },
      N.named("上级补助收入", "上级补助收入", nil, "收入构成"),
      N.named("事业收入", "事业收入", nil, "收入构成"),
      N.named("经营收入", "经营收入", nil, "收入构成"),
      N.named("附属单位上缴收入", "附属单位上缴收入", nil, "收入构成"),
      N.named("其他收入", "其他收入", nil, "收入构成"),
    }
    local parts = { "本年收入", N.amount(total), "万元，其中：" }
    for i, s in ipairs(items) do
      table.insert(parts, { s.key, N.amount(s), "万元，占", N.share(s, total.value), "%", i < #items and "；" or "。" })
    end
    N.para(parts)
  end,
}
