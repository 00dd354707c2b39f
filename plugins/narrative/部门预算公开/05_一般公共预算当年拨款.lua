-- 05 五、一般公共预算当年拨款情况说明 (表5): (一) 规模变化: 基本/项目支出 vs 上年预算; (二) 结构: 类 shares
-- (sum100); (三) 具体使用: one sentence per 项 row that is non-zero this year or last year.
return {
  section = "五",
  title = function(N) return "关于" .. N.unit() .. N.year .. "一般公共预算当年拨款情况说明" end,
  render = function(N)
    N.heading(2, "（一）一般公共预算当年拨款规模变化情况")
    local total = N.named("一般公共预算拨款合计", "一般公共预算支出合计", { "一般公共预算拨款合计" })
    N.para(N.unit(), N.year, "一般公共预算拨款合计", N.amount(total), "万元，其中：")
    for _, it in ipairs({ { "基本支出", "一般公共预算基本支出" }, { "项目支出", "一般公共预算项目支出" } }) do
      local s = N.named(it[1], it[2])
      local p, at = N.compare("一般公共预算当年拨款 " .. it[1] .. " 比上年增长")
      N.para(s.key, N.amount(s), "万元，比上年预算", N.change(s, p, at), "。主要原因是", N.reason(), "。")
    end
    local t = N.table("表5 一般公共预算支出情况表")
    local rows, names = {}, {}
    for r = 1, t.last do
      local code = N.text(t.sh:cell("A" .. r))
      if code:match("^%d%d%d+$") then
        local v, at = t:get("C", r)
        table.insert(rows, { code = code, name = t:label_of(r, "B"), value = v or 0, cell = at })
        names[code] = t:label_of(r, "B")
      end
    end
    N.heading(2, "（二）一般公共预算当年拨款结构情况")
    local cls = {}
    for _, x in ipairs(rows) do
      if #x.code == 3 and N.round2(x.value) ~= 0 then
        local label = x.name .. "（类）"
        table.insert(cls, N.subject{ key = label, words = { label }, value = x.value, cell = x.cell, group = "类结构" })
      end
    end
    local shares = N.shares(cls, total.value)
    for i, s in ipairs(cls) do N.para(i .. "、", s.key, N.amount(s), "万元，占", shares[i], "%。") end
    N.heading(2, "（三）一般公共预算当年拨款具体使用情况")
    local i = 0
    for _, x in ipairs(rows) do
      if #x.code == 7 then
        local label = (names[x.code:sub(1, 3)] or "") .. "（类）" .. (names[x.code:sub(1, 5)] or "") .. "（款）" .. x.name .. "（项）"
        local p, at = N.compare(label .. "比上年增长")
        if N.round2(x.value) ~= 0 or (p and N.round2(p) ~= 0) then
          i = i + 1
          local s = N.subject{ key = label, words = { label }, value = x.value, cell = x.cell, required = true }
          N.para(i .. "、", label, "：", N.year, "预算数为", N.amount(s), "万元，比上年预算",
                 N.change(s, p, at), "。主要原因是", N.reason(), "。")
        end
      end
    end
  end,
}
