-- 05 五、一般公共预算财政拨款支出决算情况说明 (公开05): (一) the total, its share of 本年支出合计, the
-- change vs 上年 and the 年初预算 comparison; (二) one sentence per 类 with its share; (三) one sentence
-- per non-zero 项 row with its change vs 上年 (上年数 from 情况说明核对, keyed by the 类款项 wording).
local function rows_by_code(N, t, code_col, name_col, value_col)
  local out = {}
  for r = 1, t.last do
    local c = N.text(t.sh:cell(code_col .. r))
    if c:match("^%d%d%d+$") then
      local v, at = t:get(value_col, r)
      table.insert(out, { code = c, name = t:label_of(r, name_col), value = v or 0, cell = at })
    end
  end
  return out
end

return {
  section = "五", title = "一般公共预算财政拨款支出决算情况说明",
  render = function(N)
    local Y = N.year
    N.heading(2, "（一）一般公共预算财政拨款支出决算总体情况")
    local total = N.named("一般公共预算财政拨款支出", "一般公共预算财政拨款支出")  -- 公开04 (= 公开05 合计)
    local spend = N.name("本年支出合计")
    local prev, pat = N.compare("一般公共预算财政拨款支出比上年增长")
    local budget, bat = N.compare("一般公共预算财政拨款支出与年初预算相比")
    N.para(Y, "一般公共预算财政拨款支出", N.amount(total), "万元，占本年支出合计的", N.share(total, spend),
           "%。与上年相比，", N.change(total, prev, pat), "，主要原因是：", N.reason(),
           "。与年初预算相比，年初预算数", N.amount(total, budget, bat, "budget"), "万元，决算数",
           N.amount(total, total.value, total.cell, "actual"), "万元，预决算差异率",
           N.variance(total, budget, total.value, bat), "%，主要原因是：", N.reason(), "。")

    local t = N.table("一般公共预算财政拨款支出决算表")
    local rows = rows_by_code(N, t, t:col("科目编码") or "A", "B", t:col("小计") or "C")
    local names = {}
    for _, x in ipairs(rows) do names[x.code] = x.name end

    N.heading(2, "（二）一般公共预算财政拨款支出决算结构情况")
    local i = 0
    for _, x in ipairs(rows) do
      if #x.code == 3 and N.round2(x.value) ~= 0 then
        i = i + 1
        local label = x.name .. "(类)"
        local s = N.subject{ key = label, words = { label, x.name .. "（类）" }, value = x.value, cell = x.cell,
                             group = "类结构", required = true }
        N.para(i .. "." .. label, N.amount(s), "万元,占", N.share(s, total.value), "%。")
      end
    end

    N.heading(2, "（三）一般公共预算财政拨款支出决算具体情况")
    i = 0
    for _, x in ipairs(rows) do
      if #x.code == 7 and N.round2(x.value) ~= 0 then
        i = i + 1
        local lei, kuan = names[x.code:sub(1, 3)] or "", names[x.code:sub(1, 5)] or ""
        local label = lei .. "(类)" .. kuan .. "(款)" .. x.name .. "(项)"
        local wide = lei .. "（类）" .. kuan .. "（款）" .. x.name .. "（项）"
        local s = N.subject{ key = label, words = { label, wide }, value = x.value, cell = x.cell, required = true }
        local p, at = N.compare(wide .. "比上年增长")
        N.para(i .. "." .. label, ":支出决算数为", N.amount(s), "万元，比上年决算", N.change(s, p, at),
               ",主要原因是：", N.reason(), "。")
      end
    end
  end,
}
