-- 10 十、其他重要事项的情况说明: 机关运行经费 vs 上年, 政府采购 (货物/工程/服务 and the 中小企业 /
-- 小微企业 shares of the total, TXT-10), 国有资产占用 (房屋, 车辆 by kind, 单价100万元以上设备). Figures
-- from 情况说明核对; an empty row is a slot.
return {
  section = "十", title = "其他重要事项的情况说明",
  render = function(N)
    local Y = N.year
    local unit = N.text(N.cell("编制单位"))
    N.heading(2, "（一）机关运行经费及公用经费支出情况")
    local v, at = N.compare("机关运行经费", true)
    local run = N.subject{ key = "机关运行经费", value = v, cell = at }
    local p, pat = N.compare("机关运行经费比上年增长")
    N.para(Y, unit, "（行政单位和参照公务员法管理事业单位）机关运行经费支出", N.amount(run), "万元，比上年",
           N.change(run, p, pat), "，主要原因是：", N.reason(), "。")
    N.heading(2, "（二）政府采购情况")
    local function row(key, label, words)
      local x, xat = N.compare(label, true)
      return N.subject{ key = key, value = x, cell = xat, words = words }
    end
    local total = row("政府采购支出总额", "政府采购支出总额")
    local goods = row("政府采购货物支出", "政府采购货物支出")
    local works = row("政府采购工程支出", "政府采购工程支出")
    local service = row("政府采购服务支出", "政府采购服务支出")
    N.para(Y, "政府采购支出总额", N.amount(total), "万元，其中：政府采购货物支出", N.amount(goods), "万元、政府采购工程支出",
           N.amount(works), "万元、政府采购服务支出", N.amount(service), "万元。")
    local sme = row("授予中小企业合同金额", "授予中小企业合同金额占政府采购支出总额")
    local micro = row("授予小微企业合同金额", "授予小微企业合同金额占政府采购支出总额")
    N.para("授予中小企业合同金额", N.amount(sme), "万元，占政府采购支出总额的", N.share(sme, total.value),
           "%，其中：授予小微企业合同金额", N.amount(micro), "万元，占政府采购支出总额的", N.share(micro, total.value), "%。")
    N.heading(2, "（三）国有资产占用情况说明")
    local function count(key, label, words, unit)
      local x, xat = N.compare(label, true)
      return N.count(N.subject{ key = key, words = words }, x, xat, unit)
    end
    local house, car = row("房屋价值", "国有资产房屋价值", { "房屋" }), row("车辆价值", "国有资产车辆价值", { "车辆" })
    local kinds = { "副部（省）级及以上领导用车", "主要负责人用车", "机要通信用车", "应急保障用车", "执法执勤用车",
                    "特种专业技术用车", "离退休干部服务用车", "其他用车" }
    local parts = {}
    for i, k in ipairs(kinds) do
      table.insert(parts, { i > 1 and "、" or "", k, count(k, "车辆中：" .. k, { k }, "辆"), "辆" })
    end
    local yn = N.num((N.cell("年度")))
    local y = yn and tostring(math.floor(yn)) or N.slot("年度")
    N.para("截至", y, "年12月31日，房屋", count("房屋面积", "国有资产房屋面积（平方米）", { "房屋" }, "平方米"),
           "平方米，价值", N.amount(house), "万元。车辆", count("车辆数", "国有资产车辆数", { "车辆" }, "辆"),
           "辆，价值", N.amount(car), "万元，其中：", parts, "，其他用车主要是：", N.slot("其他用车用途"),
           "。单价100万元（含）以上设备（不含车辆）",
           count("大型设备", "单价100万元（含）以上设备（不含车辆）", { "以上设备" }, "台(套)"), "台（套）。")
  end,
}
