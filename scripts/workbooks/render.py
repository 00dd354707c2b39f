# render.py — turns a parsed workbook model (source.py, optionally filled by fill.py) into a
# styled openpyxl workbook: merged bold headers, thin borders, number formats by column kind,
# column widths, print setup (A4 landscape, fit to width, print titles), frozen header rows.
import math

from openpyxl import Workbook as XWorkbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from .source import KINDS, expand, quote_sheet

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PUBLISHED_FILL = PatternFill("solid", fgColor="FFF2CC")   # 公布数 columns: published figures
PARAM_FILL = PatternFill("solid", fgColor="DDEBF7")       # rule parameters (评分办法 …)


def cell_kind(sh, ci, cell):
    kinds = [k for k in cell.kinds if k != "bold"]
    return kinds[-1] if kinds else sh.columns[ci].kind


def text_width(s):
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def render(wb_model):
    xb = XWorkbook()
    xb.remove(xb.active)
    for sh in wb_model.sheets:
        ws = xb.create_sheet(sh.name)
        render_sheet(wb_model, sh, ws)
    add_names(wb_model, xb)
    return xb


def render_sheet(wbm, sh, ws):
    head_rows = [ln.row for ln in sh.lines if ln.section == "head"]
    body_rows = [ln.row for ln in sh.lines if ln.section == "body"]
    for i, col in enumerate(sh.columns):
        ws.column_dimensions[col.letter].width = col.width
    merged_at = {}
    for (r1, c1, r2, c2) in sh.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                merged_at[(r, c)] = (r1, c1, r2, c2)
    for ln in sh.lines:
        bold_row = ln.total or any(
            c.role == "label" and isinstance(c.value, str) and c.value.replace(" ", "") in ("合计", "总计", "本年收入合计", "本年支出合计", "收入总计", "支出总计")
            for c in ln.cells)
        max_lines = 1
        for ci, c in enumerate(ln.cells):
            x = ws.cell(row=ln.row, column=ci + 1)
            col = sh.columns[ci]
            kind = cell_kind(sh, ci, c)
            fmt, halign, numeric = KINDS[kind]
            if c.role == "formula":
                x.value = expand(wbm, sh, ln.row, c.value)
            elif c.role in ("label", "number"):
                x.value = c.value
            elif c.role == "input" and c.value is not None:
                x.value = c.value
            if isinstance(x.value, str) and c.role != "formula":
                x.data_type = "s"   # texts such as "=2次" must stay text, never formulas
            boxed = ln.section in ("head", "body")
            headlike = ln.section == "head" or ln.headstyle
            bold = headlike or bold_row or "bold" in c.kinds or kind == "title"
            size = 16 if kind == "title" else 10
            x.font = Font(name=FONT, size=size, bold=bold)
            if headlike:
                x.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            else:
                x.alignment = Alignment(horizontal=halign if c.role != "label" or numeric is False else "left",
                                        vertical="center", wrap_text=kind in ("text", "textc", "note", "code"))
                if c.role == "label" and kind not in ("title", "textc", "param", "year", "yearp") and ln.section == "body" and not numeric:
                    x.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
                if fmt and (c.role in ("input", "formula", "number") or kind in ("unitname", "year", "yearp")):
                    x.number_format = fmt
                elif fmt == "@":
                    x.number_format = "@"
            if boxed:
                x.border = BORDER
            if col.published and "param" not in c.kinds and (c.role == "input" or (headlike and c.role == "label")):
                x.fill = PUBLISHED_FILL
            if x.value == "—":
                x.alignment = Alignment(horizontal="center", vertical="center")
            if kind == "param" and c.role == "input":
                x.fill = PARAM_FILL
            if isinstance(x.value, str) and c.role != "formula":
                rect = merged_at.get((ln.row, ci))
                width = sum(sh.columns[k].width for k in range(rect[1], rect[3] + 1)) if rect else col.width
                rows_spanned = (rect[2] - rect[0] + 1) if rect else 1
                need = sum(math.ceil(max(1, text_width(part)) / max(1.0, width - 1)) for part in x.value.split("\n"))
                max_lines = max(max_lines, math.ceil(need / rows_spanned))
        if ln.section == "pre" and any(cell_kind(sh, i, c) == "title" for i, c in enumerate(ln.cells)):
            ws.row_dimensions[ln.row].height = 28
        elif max_lines > 1:
            ws.row_dimensions[ln.row].height = min(409, 13.5 * max_lines + 2)
    for (r1, c1, r2, c2) in sh.merges:
        ws.merge_cells(start_row=r1, start_column=c1 + 1, end_row=r2, end_column=c2 + 1)
    for col, choices in sh.valids:
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        if any(ch.isdigit() for ch in col):  # a single cell such as P1
            dv.add(col)
        else:
            ci = sh.col_index(col)
            letter = get_column_letter(ci + 1)
            rows = [ln.row for ln in sh.lines if ln.section == "body" and ln.cells[ci].role == "input"]
            if not rows:
                continue
            dv.add(f"{letter}{rows[0]}:{letter}{rows[-1]}")
        ws.add_data_validation(dv)
    # print setup: A4 landscape, one page wide, header rows repeated, printed columns only
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    last_col = sh.print_cols.split(":")[-1] if sh.print_cols else sh.columns[-1].letter
    last_row = sh.lines[-1].row
    ws.print_area = f"A1:{last_col}{last_row}"
    if head_rows:
        ws.print_title_rows = f"{head_rows[0]}:{head_rows[-1]}"
    if sh.freeze:
        ws.freeze_panes = sh.freeze
    elif body_rows:
        ws.freeze_panes = f"A{body_rows[0]}"
    ws.sheet_view.zoomScale = 100


def add_names(wbm, xb):
    for sh in wbm.sheets:
        for ln in sh.lines:
            for ci, c in enumerate(ln.cells):
                for n in c.names:
                    ref = f"{quote_sheet(sh.name)}!${get_column_letter(ci + 1)}${ln.row}"
                    xb.defined_names.append(DefinedName(n, attr_text=ref))
        for n, expr in sh.names:
            ref = expand(wbm, sh, 0, expr)
            if not ref.startswith("'"):
                ref = f"{quote_sheet(sh.name)}!{ref}"
            xb.defined_names.append(DefinedName(n, attr_text=ref))
