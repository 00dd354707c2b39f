# layout.py — the machine-readable description of a template (<name>.layout.json) that the
# checks and `suanpan consolidate` read: sheets, header rows, code/key columns, row keys,
# which cells are inputs, formulas or published figures (公布数), and the defined names.
import json

from openpyxl.utils import get_column_letter

from .source import expand, quote_sheet


def runs(cells):
    """[(row, col)] -> compact A1 ranges per row: ['D7:I7', 'C9']."""
    out, by_row = [], {}
    for r, c in cells:
        by_row.setdefault(r, []).append(c)
    for r in sorted(by_row):
        cols = sorted(by_row[r])
        start = prev = cols[0]
        for c in cols[1:] + [None]:
            if c is not None and c == prev + 1:
                prev = c
                continue
            a, b = get_column_letter(start + 1), get_column_letter(prev + 1)
            out.append(f"{a}{r}" if a == b else f"{a}{r}:{b}{r}")
            if c is not None:
                start = prev = c
    return out


def describe(wbm, template_name, source_path):
    sheets = []
    names = {}
    for sh in wbm.sheets:
        inputs, formulas, published = [], [], []
        rows = []
        code_cols = [t[0] for t in sh.trees]
        code_col = code_cols[0] if code_cols else None
        for ln in sh.lines:
            for ci, c in enumerate(ln.cells):
                if ln.section != "body" and c.role != "input" and c.role != "formula":
                    continue
                if c.role == "input" and sh.columns[ci].published and "param" not in c.kinds:
                    mirror = c.mirror or sh.columns[ci].mirror
                    published.append({"cell": f"{get_column_letter(ci + 1)}{ln.row}",
                                      "computed": f"{get_column_letter(sh.col_index(mirror) + 1)}{ln.row}" if mirror else None})
                elif c.role == "input":
                    inputs.append((ln.row, ci))
                elif c.role == "formula":
                    formulas.append((ln.row, ci))
                for n in c.names:
                    names[n] = f"{quote_sheet(sh.name)}!${get_column_letter(ci + 1)}${ln.row}"
            if ln.section == "body":
                labels = [c.value for c in ln.cells if c.role == "label" and isinstance(c.value, str)]
                keys = [k for k, r in sh.keys.items() if r == ln.row]
                kind = "total" if ln.total else ("formula" if any(c.role == "formula" for c in ln.cells) else "input")
                row = {"row": ln.row, "keys": keys, "label": labels[0] if labels else "", "kind": kind}
                codes = [str(ln.cells[cc].value) for cc in code_cols if ln.cells[cc].role == "label"]
                if codes:
                    row["codes"] = codes
                rows.append(row)
        for n, expr in sh.names:
            ref = expand(wbm, sh, 0, expr)
            names[n] = ref if ref.startswith("'") else f"{quote_sheet(sh.name)}!{ref}"
        head = [ln.row for ln in sh.lines if ln.section == "head"]
        body = [ln.row for ln in sh.lines if ln.section == "body"]
        sheets.append({
            "name": sh.name,
            "header_rows": [head[0], head[-1]] if head else [],
            "body_rows": [body[0], body[-1]] if body else [],
            "trees": [{"code_column": get_column_letter(cc + 1), "columns": [get_column_letter(i + 1) for i in cols]}
                      for cc, cols in sh.trees],
            "columns": [{"letter": c.letter, "key": c.key, "kind": c.kind, "published": c.published}
                        for c in sh.columns],
            "rows": rows,
            "inputs": runs(inputs),
            "formulas": runs(formulas),
            "published": published,
        })
    return {
        "template": template_name,
        "source": source_path,
        "description": " ".join(wbm.doc),
        "sheets": sheets,
        "names": dict(sorted(names.items())),
    }


def write(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")
