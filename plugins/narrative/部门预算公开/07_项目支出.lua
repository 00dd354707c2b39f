-- 07 七、一般公共预算项目支出情况说明 (表7): one item per project with its 预算安排规模; the policy basis,
-- the allocation and the period are a human's words (slots).
return {
  section = "七",
  title = function(N) return "关于" .. N.unit() .. N.year .. "一般公共预算项目支出情况说明" end,
  render = function(N)
    local t = N.table("表7 一般公共预算项目支出情况表")
    local i = 0
    for r = 1, t.last do
      local code = N.text(t.sh:cell("A" .. r))
      local name = N.text(t.sh:cell("C" .. r))
      local v, at = t:get("D", r)
      if code:match("^%d%d%d%d%d%d%d$") and name ~= "" and v then
        i = i + 1
        local s = N.subject{ key = name, words = { name }, value = v, cell = at }
        N.heading(2, "（" .. N.cn(i) .. "）项目名称：" .. name)
        N.para("项目名称：", name, "，预算安排规模：", N.amount(s), "万元；项目承担单位：", N.unit(),
               "；设立的政策依据：", N.slot("政策依据"), "；资金分配情况：", N.slot("资金分配情况"),
               "；资金执行时间：", N.slot("资金执行时间"), "。")
      end
    end
  end,
}
