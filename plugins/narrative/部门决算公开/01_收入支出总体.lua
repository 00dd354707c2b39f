-- 01 一、收入支出决算总体情况说明: 收入总计 and 支出总计 with their parts (公开01) and the change
-- of the whole against 上年 (上年数 from 情况说明核对). Seed 000 wording.
return {
  section = "一", title = "收入支出决算总体情况说明",
  render = function(N)
    local Y = N.year
    local total = N.named("收入总计", "收入总计")
    local income = N.named("本年收入合计", "本年收入合计")
    local surplus = N.named("使用非财政拨款结余", "使用非财政拨款结余", { "使用非财政拨款结余（含专用结余）", "使用非财政拨款结余" })
    local carry = N.named("年初结转和结余", "年初结转和结余")
    N.para(Y, "收入总计", N.amount(total), "万元，其中：本年收入合计", N.amount(income),
           "万元，使用非财政拨款结余（含专用结余）", N.amount(surplus), "万元，年初结转和结余", N.amount(carry), "万元。")
    local out = N.named("支出总计", "支出总计")
    local spend = N.named("本年支出合计", "本年支出合计")
    local dist = N.named("结余分配", "结余分配")
    local left = N.named("年末结转和结余", "年末结转和结余")
    N.para(Y, "支出总计", N.amount(out), "万元，其中：本年支出合计", N.amount(spend), "万元，结余分配",
           N.amount(dist), "万元，年末结转和结余", N.amount(left), "万元。")
    local whole = N.subject{ key = "收入支出总体", value = total.value, cell = total.cell }
    local prev, at = N.compare("收入支出总体比上年增长")
    N.para("收入支出总体与上年相比，", N.change(whole, prev, at), "，主要原因是：", N.reason(), "。")
  end,
}
