# fill.py — reads a sample source (workbooks/samples/*.txt): values to put into the input
# cells of a template, keyed by defined name or by (sheet, row key, column key). A sample
# can only fill input cells, so every sample has exactly its template's shape.
#
#   output 000_部门决算公开 部门决算公开      start an xlsx named 000_部门决算公开 from that template
#   set 编制单位 = 某单位                     a cell with a defined name
#   sheet 收入决算表                          following rows address this sheet
#   2080101 | 财政拨款收入 = 320.16           row key | column key = value …
#   cols 财政拨款收入 | 其他收入              positional columns for the rows that follow
#   2080101 | 320.16 | 0                      (until the next "cols", "cols -" or "sheet")
import copy
import os
import re

from .source import KINDS, SourceError, parse

NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def convert(text, kind):
    """Typed value for a cell of this kind: numeric kinds parse '1,126.72' and '97.07%'."""
    t = text.strip()
    if t == "":
        return None
    if t.startswith("'"):
        return t[1:]
    if KINDS[kind][2]:
        pct = t.endswith("%")
        s = t[:-1] if pct else t
        if NUMBER.match(s):
            v = float(s.replace(",", ""))
            if pct:
                v = round(v / 100, 10)
            return int(v) if v.is_integer() and not pct and "." not in s else v
        return t
    return t


def find_named(model, name):
    for sh in model.sheets:
        for ln in sh.lines:
            for ci, c in enumerate(ln.cells):
                if name in c.names:
                    return sh, ln, ci, c
    raise SourceError(f"no cell named {name!r}")


def put(sh, ln, ci, c, text, where):
    if c.role != "input":
        raise SourceError(f"{where}: {sh.name}!{sh.columns[ci].letter}{ln.row} is not an input cell ({c.role})")
    kinds = [k for k in c.kinds if k != "bold"]
    c.value = convert(text, kinds[-1] if kinds else sh.columns[ci].kind)


def load(path, templates_dir):
    """Returns [(output name, filled model)] for a sample source."""
    outputs, model, sh, cols = [], None, None, None
    cache = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for no, raw in enumerate(lines, 1):
        line = raw.strip()
        where = f"{path}:{no}"
        if not line or line.startswith("#"):
            continue
        try:
            word, _, rest = line.partition(" ")
            if word == "output":
                name, tpl = rest.split()
                if tpl not in cache:
                    cache[tpl] = parse(os.path.join(templates_dir, tpl + ".txt"))
                model = copy.deepcopy(cache[tpl])
                outputs.append((name, tpl, model))
                sh, cols = None, None
            elif word == "set":
                name, _, value = rest.partition("=")
                put(*find_named(model, name.strip()), value, where)
            elif word == "sheet":
                sh, cols = model.sheet(rest.strip()), None
            elif word == "cols":
                cols = None if rest.strip() == "-" else [sh.col_index(c.strip()) for c in rest.split("|")]
            else:
                parts = line.split("|")
                key = parts[0].strip()
                if key not in sh.keys:  # row keys never hold spaces; labels may
                    key = key.replace(" ", "")
                if key not in sh.keys:
                    raise SourceError(f"unknown row key {key!r} on sheet {sh.name}")
                ln = next(l for l in sh.lines if l.row == sh.keys[key])
                if cols is not None:
                    if len(parts) - 1 > len(cols):
                        raise SourceError(f"{len(parts) - 1} values for {len(cols)} columns")
                    for ci, text in zip(cols, parts[1:]):
                        if text.strip():
                            put(sh, ln, ci, ln.cells[ci], text, where)
                else:
                    for p in parts[1:]:
                        ck, _, value = p.partition("=")
                        ci = sh.col_index(ck.strip())
                        put(sh, ln, ci, ln.cells[ci], value, where)
        except SourceError as e:
            raise SourceError(f"{where}: {e}") from None
    return outputs
