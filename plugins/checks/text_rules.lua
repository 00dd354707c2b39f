-- text_rules.lua — the NARRATIVE.md rules (docs/narrative.md) that can be checked on the workbook
-- alone, for 部门决算公开: what the 说明 will quote must hold in the tables it quotes from.
--  * SG-03  each 三公 item of 公开09 is at least the 公开06 基本支出 item it includes (30217 公务接待费,
--           30231 公务用车运行维护费): the 三公 table covers 基本 + 项目 spending of 财政拨款;
--  * TXT-10 机关运行经费 (情况说明核对) ≤ 公开06 公用经费合计 (equal for 行政/参公 units, DOMAIN §2.1);
--           授予小微企业 ≤ 授予中小企业 ≤ 政府采购支出总额 (nested shares, §3.2).
-- The text-side rules (the figures as written) are verify-text's (engine/narrative/verify.cpp).

local S = suanpan
local T = S.tables
local num, text, name_cell, code_rows, find_code, last_row =
  T.num, T.text, T.name_cell, T.code_rows, T.find_code, T.last_row
local check = T.check_for("部门决算公开")

local T06 = "一般公共预算财政拨款基本支出决算表"
local T09 = '财政拨款"三公"经费支出决算表'
local CMP = "情况说明核对"

-- 公开06 公用经费 panel: code column D, amounts F (located by the header 公用经费科目编码 when present).
local function office_rows(sh)
  local _, _, c = sh:find("公用经费科目编码")
  local col = c and string.char(64 + c) or "D"
  local val = string.char(string.byte(col) + 2)
  return code_rows(sh, col, 1, last_row(sh)), val
end

check{ id = "TXT-SG03", sheet = T09, severity = "warning",
       message = "“三公”经费各项决算数不应小于公开06 中对应的基本支出经济分类科目",
       fn = function(wb)
         local t6 = wb:sheet(T06)
         if not t6 then return end
         local rows, val = office_rows(t6)
         for _, l in ipairs({ { "公务接待费决算数", "30217", "公务接待费" }, { "公务用车运行费决算数", "30231", "公务用车运行维护费" } }) do
           local c, r = name_cell(wb, l[1])
           local br = find_code(rows, l[2])
           local part = br and num(t6:cell(val, br))
           local whole = num(wb:cell(l[1]))
           if c and part and whole and part > whole + 0.005 then
             S.fail{ sheet = T09, cell = c .. r, found = whole, expected = part,
                     message = l[3] .. "决算数小于公开06 " .. l[2] .. " " .. l[3] .. "（" .. val .. br .. "）" }
           end
         end
       end }

-- 情况说明核对: the 本年数 of the row whose 项目 is `label` -> value, cell.
local function cmp_value(sh, label)
  local _, r = sh:find(label)
  local _, _, c = sh:find("本年数／分项／决算数")
  if not r or not c then return nil end
  local col = string.char(64 + c)
  return num(sh:cell(col, r)), col .. r
end

check{ id = "TXT-10a", sheet = CMP, severity = "warning",
       message = "机关运行经费不应超过一般公共预算财政拨款基本支出中的公用经费",
       fn = function(wb)
         local sh = wb:sheet(CMP)
         local v, at = cmp_value(sh, "机关运行经费")
         local office = num(wb:cell("公用经费合计"))
         local t6 = wb:sheet(T06)
         local rows = t6 and office_rows(t6) or {}
         if not v or not office or #rows == 0 or office == 0 then return end  -- 公开06 not filled in
         if v > office + 0.005 then
           S.fail{ sheet = CMP, cell = at, found = v, expected = office, message = "机关运行经费超过公开06 公用经费合计" }
         end
       end }

check{ id = "TXT-10b", sheet = CMP, severity = "error",
       message = "授予小微企业合同金额 ≤ 授予中小企业合同金额 ≤ 政府采购支出总额",
       fn = function(wb)
         local sh = wb:sheet(CMP)
         local total = cmp_value(sh, "政府采购支出总额")
         local sme, sat = cmp_value(sh, "授予中小企业合同金额占政府采购支出总额")
         local micro, mat = cmp_value(sh, "授予小微企业合同金额占政府采购支出总额")
         if sme and total and sme > total + 0.005 then
           S.fail{ sheet = CMP, cell = sat, found = sme, expected = total, message = "授予中小企业合同金额超过政府采购支出总额" }
         end
         if micro and sme and micro > sme + 0.005 then
           S.fail{ sheet = CMP, cell = mat, found = micro, expected = sme, message = "授予小微企业合同金额超过授予中小企业合同金额" }
         end
       end }
