-- 09 九、财政拨款"三公"经费支出决算情况说明 (公开09; 143号, 中办发〔2016〕13号): the total and each of
-- the four items against 上年 with shares of the 三公 total, the counts (团组/人次, 购置数/保有量,
-- 批次/人次, and the 固定资产车辆 of 国有资产: rows of 情况说明核对, a slot when empty), and each item
-- against its 全年预算 (预决算差异率).
return {
  section = "九", title = "财政拨款“三公”经费支出决算情况说明",
  render = function(N)
    local Y = N.year
    local function item(key, name, budget_name, words, label)
      local s = N.named(key, name, words)
      s.budget, s.budget_cell = N.name(budget_name)
      s.label = label
      return s
    end
    local total = item("三公经费", "三公经费决算数", "三公经费预算数", { "三公经费支出", "三公经费" })
    local abroad = item("因公出国（境）费", "因公出国费决算数", "因公出国费预算数", { "因公出国（境）费", "因公出国(境)费", "因公出国费" }, "因公出国（境）费比上年增长")
    local car = item("公务用车购置及运行维护费", "公务用车购置及运行费决算数", "公务用车购置及运行费预算数",
                     { "公务用车购置及运行维护费", "公务用车购置及运行费" }, "公务用车购置及运行维护费比上年增长")
    local buy = item("公务用车购置费", "公务用车购置费决算数", "公务用车购置费预算数")
    local run = item("公务用车运行维护费", "公务用车运行费决算数", "公务用车运行费预算数", { "公务用车运行维护费", "公务用车运行费" })
    local host = item("公务接待费", "公务接待费决算数", "公务接待费预算数", nil, "公务接待费比上年增长")
    for _, s in ipairs({ abroad, car, host }) do s.group = "三公构成" end

    local p, at = N.compare("财政拨款\"三公\"经费支出比上年增长")
    local parts = { Y, "财政拨款“三公”经费支出", N.amount(total), "万元，比上年", N.change(total, p, at),
                    "，主要原因是：", N.reason(), "。其中：" }
    for i, s in ipairs({ abroad, car, host }) do
      local q, qat = N.compare(s.label)
      table.insert(parts, { s.key, "支出", N.amount(s), "万元，占", N.share(s, total.value), "%，比上年",
                            N.change(s, q, qat), "，主要原因是：", N.reason(), "。" })
    end
    N.para(parts)
    -- A count from its 情况说明核对 row (label), named by words and told apart by unit.
    local function count(key, label, words, unit)
      local v, vat = N.compare(label, true)
      return N.count(N.subject{ key = key, words = words }, v, vat, unit)
    end
    N.para("具体情况如下：")
    N.para("因公出国（境）费支出", N.amount(abroad), "万元，开支内容包括", N.slot("因公出国（境）开支内容"),
           "。单位全年安排的因公出国（境）团组", count("团组数", "因公出国（境）团组数", { "团组" }, "个"),
           "个，因公出国（境）", count("出国人次", "因公出国（境）人次", { "因公出国（境）", "因公出国" }, "人次"), "人次。")
    N.para("公务用车购置及运行维护费", N.amount(car), "万元，其中：公务用车购置费", N.amount(buy),
           "万元，公务用车运行维护费", N.amount(run), "万元。公务用车运行维护费开支内容包括", N.slot("运行维护开支内容"),
           "。公务用车购置数", count("购置数", "公务用车购置数", { "购置数" }, "辆"), "辆，公务用车保有量",
           count("保有量", "公务用车保有量", { "保有量" }, "辆"), "辆。国有资产占用情况中固定资产车辆",
           count("固定资产车辆", "国有资产车辆数", { "固定资产车辆" }, "辆"), "辆，与公务用车保有量差异原因是：",
           N.slot("固定资产车辆与公务用车保有量差异原因"), "。")
    N.para("公务接待费", N.amount(host), "万元，开支内容包括", N.slot("公务接待开支内容"),
           "。单位全年安排的国内公务接待", count("接待批次", "国内公务接待批次", { "国内公务接待", "公务接待" }, "批次"),
           "批次，", count("接待人次", "国内公务接待人次", { "国内公务接待", "公务接待" }, "人次"), "人次。")
    local function vs(s, name)
      return { name, "全年预算数", N.amount(s, s.budget, s.budget_cell, "budget"), "万元，决算数",
               N.amount(s, s.value, s.cell, "actual"), "万元，预决算差异率",
               N.variance(s, s.budget, s.value, s.budget_cell), "%，主要原因是：", N.reason(), "。" }
    end
    N.para("与全年预算相比，", vs(total, "财政拨款“三公”经费支出"), "其中：", vs(abroad, "因公出国（境）费"),
           vs(buy, "公务用车购置费"), vs(run, "公务用车运行维护费"), vs(host, "公务接待费"))
  end,
}
