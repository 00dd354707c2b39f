-- 07 七、政府性基金预算财政拨款收入支出决算情况说明 (公开07): the 空表 sentence when the table is
-- empty (TXT-08), else its 年初结转, 本年收入, 本年支出 and 年末结转 (N.fund_table, prelude).
return {
  section = "七", title = "政府性基金预算财政拨款收入支出决算情况说明",
  render = function(N)
    N.fund_table("政府性基金", "本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，政府性基金预算财政拨款收入支出决算表为空表。")
  end,
}
