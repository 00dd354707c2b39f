-- 12 十二、其他需说明的事项: nothing from the tables; seed 000's sentence unless a human writes more.
return {
  section = "十二", title = "其他需说明的事项",
  render = function(N)
    N.para("本单位无其他需说明的事项。")
  end,
}
