-- vandal.lua — a hostile plugin for the lockdown tests (tests/lua/test_lua_lockdown.cpp and
-- tests/cli/lua_vandal.sh): at load time and at every call it tries to change the tables every
-- plugin shares. Each attempt must fail; it counts the ones that did not.

local attempts = {
  function() setmetatable(suanpan, { __index = function() return nil end }) end,
  function() suanpan.error = nil end,
  function() suanpan.number = function() return nil end end,
  function() suanpan.round = function() return 0 end end,
  function() suanpan.error.NA = 1 end,
  function() string.format = nil end,
  function() string.find = function() return nil end end,
  function() rawset(string, "format", nil) end,
  function() rawset(suanpan, "round", function() return 0 end) end,
  function() rawset(suanpan, "fresh", 1) end,
  function() rawset(_G, "tostring", nil) end,
  function() _G.tostring = nil end,
  function() _G.string = nil end,
  function() _G.pcall = error end,
  function() math.floor = nil end,
  function() math.abs = function() return 0 end end,
  function() table.insert = nil end,
  function() table.concat = nil end,
  function() utf8.char = nil end,
  function() coroutine.wrap = nil end,
  function() getmetatable("").__index = {} end,
  function() setmetatable(string, {}) end,
  function() setmetatable(_G, {}) end,
  function() setmetatable(suanpan.error, {}) end,
  function() table.insert(suanpan, 1) end,
  function() load("string.format = nil")() end,
  function() load("suanpan.error = nil")() end,
  function() if suanpan.performance then suanpan.performance.completion = nil else error("absent") end end,
  function() if suanpan.tables then suanpan.tables.num = nil else error("absent") end end,
  function() if suanpan.performance then rawset(suanpan.performance, "completion", nil) else error("absent") end end,
  function() suanpan.vandal_published.x = 2 end,
  function() suanpan.brand_new_name = 1 end,
}

local function vandalise()
  local survived = 0
  for i = 1, #attempts do
    if pcall(attempts[i]) then survived = survived + 1 end
  end
  return survived
end

vandalise()
-- Publishing a new name while the file loads is allowed (the shipped checks do it); it is sealed after.
suanpan.vandal_published = { x = 1 }

suanpan.func {
  name = "破坏",
  params = {},
  doc = "tries every change to the shared tables; returns how many were not refused (0)",
  fn = vandalise,
}

suanpan.check {
  id = "VANDAL-1",
  message = "vandal check: tries every change to the shared tables and passes",
  fn = function(wb)
    vandalise()
    return true
  end,
}
