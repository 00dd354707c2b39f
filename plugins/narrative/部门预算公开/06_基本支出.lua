-- 06 六、一般公共预算基本支出情况说明 (表6): 人员经费 and 公用经费 with the 款 names each holds.
return {
  section = "六",
  title = function(N) return "关于" .. N.unit() .. N.year .. "一般公共预算基本支出情况说明" end,
  render = function(N)
    local total = N.named("一般公共预算基本支出", "基本支出合计")
    local people = N.named("人员经费", "人员经费合计")
    local office = N.named("公用经费", "公用经费合计")
    local t = N.table("表6 一般公共预算基本支出情况表")
    local pi, oi = {}, {}
    for r = 1, t.last do
      local code = N.text(t.sh:cell("A" .. r))
      if code:match("^%d%d%d%d%d$") then
        local p, o = N.num(t.sh:cell("D" .. r)), N.num(t.sh:cell("E" .. r))
        if p and N.round2(p) ~= 0 then table.insert(pi, t:label_of(r, "B")) end
        if o and N.round2(o) ~= 0 then table.insert(oi, t:label_of(r, "B")) end
      end
    end
    if #pi > 0 then N.expect_list("人员经费", pi) end
    if #oi > 0 then N.expect_list("公用经费", oi) end
    N.para(N.unit(), N.year, "一般公共预算基本支出", N.amount(total), "万元，其中：")
    N.para("人员经费", N.amount(people), "万元，主要包括：", #pi > 0 and table.concat(pi, "、") or N.slot("人员经费明细"), "。")
    N.para("公用经费", N.amount(office), "万元，主要包括：", #oi > 0 and table.concat(oi, "、") or N.slot("公用经费明细"), "。")
  end,
}
