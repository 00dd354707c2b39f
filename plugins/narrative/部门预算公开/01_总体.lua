-- 01 一、收支预算情况总体说明 (表1): 收支总预算 and the kinds of income and spending that are non-zero.
return {
  section = "一",
  title = function(N) return "关于" .. N.unit() .. N.year .. "收支预算情况总体说明" end,
  render = function(N)
    local total = N.named("收支总预算", "收入总计", { "收支总预算" })
    N.para("按照全口径预算的原则，", N.unit(), N.year, "所有收入和支出均纳入部门预算管理。收支总预算", N.amount(total), "万元。")
    local kinds = {}
    for _, k in ipairs({ { "一般公共预算拨款", "一般公共预算" }, { "政府性基金预算拨款", "政府性基金预算" },
                         { "国有资本经营预算拨款", "国有资本经营预算" }, { "财政专户核拨", "财政专户核拨" },
                         { "单位资金", "单位资金" }, { "财政拨款结转", "财政拨款结转结余" },
                         { "非财政拨款结转结余", "非财政拨款结转结余" } }) do
      local v = N.name(k[1])
      if v and N.round2(v) ~= 0 then table.insert(kinds, k[2]) end
    end
    N.para("收入预算包括：", table.concat(kinds, "、"), "。")
    local t = N.table("表1 部门收支总体情况表")
    local spend = {}
    for r = 1, t.last do
      local label = N.text(t.sh:cell("C" .. r))
      local code, name = label:match("^(%d%d%d)%s*(.+)$")
      local v = N.num(t.sh:cell("D" .. r))
      if code and v and N.round2(v) ~= 0 then table.insert(spend, name) end
    end
    N.para("支出预算包括：", table.concat(spend, "、"), "。")
  end,
}
