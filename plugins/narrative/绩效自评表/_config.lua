-- _config.lua — the 自评表 summary paragraph: written from 绩效自评表 workbooks alone (the 十一 paragraph
-- of the 决算 说明 is in 部门决算公开/11_预算绩效.lua).
return {
  template = "绩效自评表",
  detect_any = { "整体支出绩效自评表", "项目支出绩效自评表" },
  part = "绩效自评情况",
  text_marker = "自评",
  text_foreign = { "部门决算", "部门预算" },  -- a 公开 说明: its 自评 paragraph is checked with the 公开 workbook first
  attr_words = {
    { "全年预算数", "budget" }, { "全年预算总额", "budget" }, { "全年执行数", "actual" }, { "实际执行总额", "actual" },
    { "预算执行率", "rate" }, { "得分", "score" },
  },
}
