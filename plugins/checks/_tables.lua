-- _tables.lua — helpers shared by the checks of the standard tables (budget.lua, final_accounts.lua):
-- reading numbers and text from cells, 类/款/项 code trees, row identities, defined-name cells.
-- Loaded first (sorted file order) and published as suanpan.tables, because each plugin file
-- has its own globals.

local S = suanpan
local abs, max = math.abs, math.max
local byte = string.byte

local function blank(v) return v == nil or (type(v) == "string" and v:match("^%s*$") ~= nil) end

local function num(v)
  if v == nil then return 0 end
  local t = type(v)
  if t == "number" then return v end
  if t == "boolean" then return v and 1 or 0 end
  if t == "string" then
    if v:match("^%s*$") then return 0 end
    return S.number(v)
  end
  return nil
end

-- Trimmed text; most labels have no surrounding white space, and then no new string is made.
local function spaced(b) return b == 32 or (b ~= nil and b >= 9 and b <= 13) end  -- %s
local function text(v)
  if type(v) == "string" then
    if not spaced(byte(v, 1)) and not spaced(byte(v, -1)) then return v end
    return (v:gsub("^%s+", ""):gsub("%s+$", ""))
  end
  return ""
end

-- Column letters of a 1-based column number: 1 -> "A", 28 -> "AB".
local function letters(c)
  local s = ""
  while c > 0 do
    local m = (c - 1) % 26
    s = string.char(65 + m) .. s
    c = (c - 1 - m) // 26
  end
  return s
end

local function tol(n) return 0.005 * (n + 1) end

local function expect(sheet, cell, found, expected, tolerance, message, severity)
  if found == nil or expected == nil then return end
  if abs(found - expected) <= 1e-9 * max(1, abs(found), abs(expected)) then return end
  S.fail{ sheet = sheet, cell = cell, found = found, expected = expected, tolerance = tolerance,
          message = message, severity = severity }
end

-- expect() on the cell at (col, row): the address is only made when there is a finding.
local function expect_at(sheet, col, row, found, expected, tolerance, message, severity)
  if found == nil or expected == nil then return end
  if abs(found - expected) <= 1e-9 * max(1, abs(found), abs(expected)) then return end
  expect(sheet, col .. row, found, expected, tolerance, message, severity)
end

local function last_row(sh)
  local used = sh:used()
  return used and tonumber(used:match("(%d+)$")) or 0
end

-- The values of rows first..last of a column, v[1] being row first's (nil for empty cells): one
-- call for a scan instead of one sheet:cell (and one address string) per row.
local function column(sh, col, first, last)
  if last < first then return {} end
  return sh:range(col .. first .. ":" .. col .. last):values()
end

-- A 功能/经济分类 code in a cell: "208", 208, "2080101" ("208 社会保障…" when lead = true).
local function code_of(v, lead)
  if type(v) == "number" and v == math.floor(v) then return string.format("%d", v) end
  if type(v) ~= "string" then return nil end
  if lead then return v:match("^%s*(%d%d%d+)") end
  return v:match("^%s*(%d%d%d+)%s*$")
end

-- Rows of a code tree: list of {row, code} in sheet order.
local function code_rows(sh, col, first, last)
  local out = {}
  local v = column(sh, col, first, last)
  for r = first, last do
    local c = code_of(v[r - first + 1])
    if c then table.insert(out, { row = r, code = c }) end
  end
  return out
end

local function find_code(rows, code)
  for _, x in ipairs(rows) do if x.code == code then return x.row end end
end

local LEVEL = { [3] = "类", [5] = "款", [7] = "项" }

-- 类 = Σ款, 款 = Σ项 in every column of cols, and the total row = Σ类 (DOMAIN §2.1 公开02/03/05/06).
local function tree(sh, name, code_col, cols, first, last, total_row)
  local rows = code_rows(sh, code_col, first, last)
  for i, p in ipairs(rows) do
    local kids = {}
    for j = i + 1, #rows do
      local c = rows[j].code
      if c:sub(1, #p.code) ~= p.code or #c <= #p.code then break end
      if #c == #p.code + 2 then table.insert(kids, rows[j].row) end
    end
    if #kids > 0 then
      local child = LEVEL[#p.code + 2] or "下级"
      for _, col in ipairs(cols) do
        local sum = 0
        for _, k in ipairs(kids) do sum = sum + (num(sh:cell(col, k)) or 0) end
        expect_at(name, col, p.row, num(sh:cell(col, p.row)), sum, tol(#kids),
               (LEVEL[#p.code] or "") .. " " .. p.code .. " 应等于其下各" .. child .. "之和")
      end
    end
  end
  if total_row then
    local roots = {}
    for _, x in ipairs(rows) do if #x.code == 3 then table.insert(roots, x.row) end end
    for _, col in ipairs(cols) do
      local sum = 0
      for _, k in ipairs(roots) do sum = sum + (num(sh:cell(col, k)) or 0) end
      expect_at(name, col, total_row, num(sh:cell(col, total_row)), sum, tol(#roots), "合计应等于各类之和")
    end
  end
end

-- Per row: target = Σplus − Σminus, on the given rows.
local function row_identity(sh, name, rows, target, plus, minus, message)
  for _, r in ipairs(rows) do
    local sum, n = 0, 0
    for _, c in ipairs(plus) do sum = sum + (num(sh:cell(c, r)) or 0); n = n + 1 end
    for _, c in ipairs(minus or {}) do sum = sum - (num(sh:cell(c, r)) or 0); n = n + 1 end
    expect_at(name, target, r, num(sh:cell(target, r)), sum, tol(n), message)
  end
end

-- The 合计 row and the code rows below it (tables 公开02/03/05).
local function body(sh, code_col, total_label)
  local _, top = sh:find(total_label or "合计")
  if not top then return nil end
  local rows = { top }
  for _, x in ipairs(code_rows(sh, code_col, top + 1, last_row(sh))) do table.insert(rows, x.row) end
  return top, rows
end

-- A label without its numbering: "八、社会保障和就业支出" -> "社会保障和就业支出".
-- (Byte-wise patterns cannot exclude a multi-byte character: find it as plain text.)
local function bare(label)
  local t = text(label)
  local _, e = t:find("、", 1, true)
  return e and t:sub(e + 1) or t
end

-- Rows of the 支出 panel of 公开01/04 (labels in column D, "一、…" to the row before 本年支出合计).
local function class_rows(sh)
  local _, stop = sh:find("本年支出合计")
  local out = {}
  if not stop then return out end
  local d = column(sh, "D", 1, stop - 1)
  for r = 1, stop - 1 do
    local l = text(d[r])
    if l:find("、", 1, true) and l:find("支出", 1, true) or l:match("预备费$") then
      table.insert(out, { row = r, name = bare(l) })
    end
  end
  return out
end

-- The rows of the 类 of a code table by their names in column B: name -> first row. One scan
-- for all the names a check looks up (class_row_by_name scans the table for each).
local function class_index(sh)
  local rows = {}
  local last = last_row(sh)
  local a, b = column(sh, "A", 1, last), column(sh, "B", 1, last)
  for r = 1, last do
    local c = code_of(a[r])
    if c and #c == 3 then
      local name = text(b[r])
      if rows[name] == nil then rows[name] = r end
    end
  end
  return rows
end

-- The row of a 类 in a code table by its name in column B.
local function class_row_by_name(sh, name)
  return class_index(sh)[name]
end

-- The first row of each trimmed text of a column, kept per sheet view: a check function looks up
-- several labels in the same columns, and a view does not outlive its call (cells do not change).
local label_index = setmetatable({}, { __mode = "k" })

local function label_row(sh, col, label)
  local cols = label_index[sh]
  if not cols then
    cols = {}
    label_index[sh] = cols
  end
  local rows = cols[col]
  if not rows then
    rows = {}
    local last = last_row(sh)
    local v = column(sh, col, 1, last)
    for r = 1, last do
      local t = text(v[r])
      if rows[t] == nil then rows[t] = r end
    end
    cols[col] = rows
  end
  return rows[label]
end

-- Column letter and row of a defined name's first cell.
local function name_cell(wb, name)
  local r = wb:range(name)
  if not r then return nil end
  local c, row = r:address():match("!%$?(%a+)%$?(%d+)")
  return c, tonumber(row), r
end

-- check_for(template) gives a suanpan.check that fills in the template family.
local function check_for(template)
  return function(t)
    t.template = template
    S.check(t)
  end
end

suanpan.tables = {
  blank = blank,
  num = num,
  text = text,
  tol = tol,
  letters = letters,
  column = column,
  expect = expect,
  expect_at = expect_at,
  last_row = last_row,
  code_of = code_of,
  code_rows = code_rows,
  find_code = find_code,
  tree = tree,
  row_identity = row_identity,
  body = body,
  bare = bare,
  class_rows = class_rows,
  class_index = class_index,
  class_row_by_name = class_row_by_name,
  label_row = label_row,
  name_cell = name_cell,
  check_for = check_for,
}
