-- 04 四、财政拨款收入支出决算总体情况说明 (公开04): totals, 年初/年末结转, change vs 上年 and the
-- 年初预算 comparison (预决算差异率 with 决算数 = 本年财政拨款支出, DOMAIN §3.4).
return {
  section = "四", title = "财政拨款收入支出决算总体情况说明",
  render = function(N)
    local Y = N.year
    local tin = N.named("财政拨款收入总计", "财政拨款收入总计")
    local cin = N.named("年初财政拨款结转和结余", "年初财政拨款结转和结余")
    local yin = N.named("本年财政拨款收入", "本年财政拨款收入")
    local tout = N.named("财政拨款支出总计", "财政拨款支出总计")
    local cout = N.named("年末财政拨款结转和结余", "年末财政拨款结转和结余")
    local yout = N.named("本年财政拨款支出", "本年财政拨款支出")
    N.para(Y, "财政拨款收入总计", N.amount(tin), "万元，其中：年初财政拨款结转和结余", N.amount(cin),
           "万元，本年财政拨款收入", N.amount(yin), "万元。财政拨款支出总计", N.amount(tout),
           "万元，其中：年末财政拨款结转和结余", N.amount(cout), "万元，本年财政拨款支出", N.amount(yout), "万元。")
    local whole = N.subject{ key = "财政拨款收入支出总体", value = tin.value, cell = tin.cell }
    local prev, pat = N.compare("财政拨款收入支出总体比上年增长")
    local budget, bat = N.compare("财政拨款与年初预算相比（决算数＝本年财政拨款支出）")
    whole.budget = budget
    N.para("财政拨款收入支出总体与上年相比，", N.change(whole, prev, pat), "，主要原因是：", N.reason(),
           "。与年初预算相比，年初预算数", N.amount(whole, budget, bat, "budget"), "万元，决算数",
           N.amount(whole, yout.value, yout.cell, "actual"), "万元，预决算差异率",
           N.variance(whole, budget, yout.value, bat), "%，主要原因是：", N.reason(), "。")
  end,
}
