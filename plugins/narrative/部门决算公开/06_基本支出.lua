-- 06 六、一般公共预算财政拨款基本支出决算情况说明 (公开06): 人员经费 and 公用经费 with the non-zero
-- 款 names of each panel (TXT-06). An empty 公开06 leaves slots (the amounts are not in the tables).
local function items(N, t, code_col, name_col, value_col)
  local out = {}
  for r = 1, t.last do
    local c = N.text(t.sh:cell(code_col .. r))
    local v = N.num(t.sh:cell(value_col .. r))
    if c:match("^%d%d%d%d%d$") and v and N.round2(v) ~= 0 then table.insert(out, t:label_of(r, name_col)) end
  end
  return out
end

return {
  section = "六", title = "一般公共预算财政拨款基本支出决算情况说明",
  render = function(N)
    local base = N.named("一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出")
    local t = N.table("一般公共预算财政拨款基本支出决算表")
    local people = N.named("人员经费", "人员经费合计")
    local office = N.named("公用经费", "公用经费合计")
    local pi = items(N, t, "A", "B", "C")
    local oi = items(N, t, "D", "E", "F")
    -- All of 公开06 blank: its totals are not known (a SUM of blanks is not a published 0.00).
    if #pi == 0 and #oi == 0 then people.value, office.value = nil, nil end
    if #pi > 0 then N.expect_list("人员经费", pi) end
    if #oi > 0 then N.expect_list("公用经费", oi) end
    N.para(N.year, "一般公共预算财政拨款基本支出", N.amount(base), "万元，其中：人员经费", N.amount(people),
           "万元，包括：", #pi > 0 and table.concat(pi, "、") or N.slot("人员经费明细"), "。")
    N.para("公用经费", N.amount(office), "万元，包括：", #oi > 0 and table.concat(oi, "、") or N.slot("公用经费明细"), "。")
  end,
}
