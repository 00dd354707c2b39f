-- 11 十一、上年结转结余预算情况说明 (表11): the total, 财政拨款 / 非财政拨款, and each carried-over project.
return {
  section = "十一",
  title = function(N) return "关于" .. N.unit() .. N.year .. "上年结转结余预算情况说明" end,
  render = function(N)
    local total = N.named("上年结转结余", "上年结转结余总计")
    local fiscal = N.named("财政拨款", "上年财政拨款结转合计")
    local other = N.named("非财政拨款", "上年非财政拨款结转结余合计")
    N.para(N.unit(), N.year, "上年结转结余", N.amount(total), "万元，包括：财政拨款", N.amount(fiscal), "万元，非财政拨款",
           N.amount(other), "万元，其中：")
    local t = N.table("表11 上年结转结余情况明细表")
    local unit_row = t:index("A"):row(N.unit())
    local i = 0
    for r = (unit_row or t.last) + 1, t.last do
      local name = N.text(t.sh:cell("A" .. r))
      local v, at = t:get("B", r)
      if name ~= "" and v and N.round2(v) ~= 0 then
        i = i + 1
        local s = N.subject{ key = name, words = { name }, value = v, cell = at }
        N.para(i .. "．", name, N.amount(s), "万元，主要用于", N.slot(name .. "用途"), "。")
      end
    end
  end,
}
