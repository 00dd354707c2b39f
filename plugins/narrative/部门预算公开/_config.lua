-- _config.lua — options of the 部门预算公开 说明 templates (seed 002 wording: 第三部分 预算情况说明).
return {
  template = "部门预算公开",
  detect = { "表1 部门收支总体情况表", "情况说明核对" },
  part = "第三部分 部门预算情况说明",
  part_start = "第三部分", part_end = "部门整体绩效目标表",
  text_marker = "部门预算",
  compare_sheet = "情况说明核对",
  compare_label = "项目（说明中的表述）", compare_prev = "上年预算数／基数", compare_this = "本年预算数／分项",
  year_suffix = "年",  -- "2024年" (决算: "2024年度")
  zero_base = "100%",
  flat = "seed",
  shares = "sum100",   -- seed 002 forces each share group to add to 100.00 (DOMAIN §3.2); "plain" rounds each
  required = { section = "十", items = { "因公出国（境）", "公务用车购置", "公务用车运行", "公务接待" } },
  attr_words = {},
}
