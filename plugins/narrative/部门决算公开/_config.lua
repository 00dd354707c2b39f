-- _config.lua — options of the 部门决算公开 说明 templates (the files beside this one, in name order).
-- A region changes wording in the section files and conventions here (docs/narrative.md).
return {
  template = "部门决算公开",
  detect = { "收入支出决算总表", "情况说明核对" },     -- sheets a workbook of this template has
  part = "第二部分 部门决算情况说明",                  -- heading written before section 一
  part_start = "第二部分", part_end = "第三部分",      -- where verify-text looks in a full document
  text_marker = "部门决算",                              -- a 说明 of this template says so (else: wrong workbook)
  compare_sheet = "情况说明核对",                      -- 上年数 / 年初预算数 (column 对比数)
  zero_base = "100%",   -- 上年为0 and 本年>0: "增长100.00%" (seed 000); or e.g. "上年为0"
  flat = "seed",        -- 增减 0: "增加0.00万元，增长0.00%" (seed); "持平" writes 持平
  decimals = 2,
  -- verify-text: 三公 items the 说明 must name (SG-01), in the section that holds them.
  required = { section = "九", items = { "因公出国（境）", "公务用车购置", "公务用车运行", "公务接待" } },
  -- verify-text: words right before a figure that say what it is (longest first wins).
  attr_words = {
    { "年初预算数", "budget" }, { "全年预算数", "budget" }, { "预算数", "budget" },
    { "决算数", "actual" }, { "预决算差异率", "variance" },
  },
}
