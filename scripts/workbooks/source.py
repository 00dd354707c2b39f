# source.py — parses a workbook text source (workbooks/templates/*.txt) into a model of
# sheets, cells, merges, defined names. The syntax is documented in docs/workbooks.md.
#
# A source is line-oriented. Directives ("sheet", "col", "pre", "head", "row", "total",
# "post", "tree", "name", "valid", "print", "freeze") build one sheet after another; grid
# lines ("pre|head|row|total|post") hold one cell spec per column separated by "|".
# Formulas carry placeholders ({col}, {col@rowkey}, {Sheet!col@rowkey}) that are expanded
# once every row number is known, so a source never mentions a row number.
import re
from dataclasses import dataclass, field

from openpyxl.utils import column_index_from_string, get_column_letter

KINDS = {  # kind -> (number format, horizontal alignment, is numeric)
    "code": ("@", "left", False),
    "text": ("General", "left", False),
    "textc": ("General", "center", False),
    "amount": ("#,##0.00", "right", True),
    "rate": ("0.00%", "right", True),
    "score": ("0.00", "right", True),
    "weight": ("0.##", "center", True),
    "int": ("0", "center", True),
    # cell-only kinds (used with ~kind)
    "title": ("General", "center", False),
    "unitname": ('"编制单位："@', "left", False),
    "year": ('0"年度"', "center", True),
    "yearp": ('"（"0"年度）"', "center", True),
    "note": ("General", "left", False),
    "bold": (None, None, None),
    "param": ("General", "center", False),
}


class SourceError(Exception):
    pass


@dataclass
class Column:
    letter: str
    key: str
    width: float
    kind: str
    default: str = ""          # cell spec used for body rows that omit the cell or write "."
    published: bool = False     # a 公布数 column (published figure kept for comparison)
    mirror: str = None          # for a 公布数 column: the column holding the computed figure


@dataclass
class Cell:
    spec: str                   # raw spec text (after suffix tokens were removed)
    role: str = "empty"         # empty | label | input | formula | number | merged
    value: object = None        # literal value or formula text (expanded later)
    kinds: list = field(default_factory=list)
    names: list = field(default_factory=list)
    mirror: str = None          # 公布数 cell: column of the computed figure on this row


@dataclass
class Line:
    section: str                # pre | head | body | post
    cells: list                 # list[Cell], index = column
    keys: list = field(default_factory=list)
    total: bool = False         # a tree total row: tree columns = sum of roots
    headstyle: bool = False     # a body row styled like a header (bold, centred)
    row: int = 0


@dataclass
class Sheet:
    name: str
    columns: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    trees: list = field(default_factory=list)      # [(code column index, [column indexes])]
    names: list = field(default_factory=list)      # (name, expr)
    valids: list = field(default_factory=list)     # (column letter, [choices])
    print_cols: str = None
    freeze: str = None
    keys: dict = field(default_factory=dict)       # row key -> row number
    merges: list = field(default_factory=list)     # (r1, c1, r2, c2) 0-based cols, 1-based rows

    def col_index(self, ref):
        """Column index for a column key or a column letter."""
        for i, c in enumerate(self.columns):
            if c.key == ref:
                return i
        if re.fullmatch(r"[A-Z]{1,3}", ref):
            return column_index_from_string(ref) - 1
        raise SourceError(f"{self.name}: unknown column {ref!r}")

    def rows_of(self, section):
        return [ln for ln in self.lines if ln.section == section]


@dataclass
class Workbook:
    name: str
    sheets: list = field(default_factory=list)
    names: list = field(default_factory=list)      # (name, sheet, expr)
    doc: list = field(default_factory=list)

    def sheet(self, name):
        for s in self.sheets:
            if s.name == name:
                return s
        raise SourceError(f"unknown sheet {name!r}")


SUFFIX = re.compile(r"\s+([@$~%][^\s|]+)$")


def parse_cell(text):
    """One cell spec: literal text, '?', '#num', '=formula', '<', '^', 'Σ', 'Σ*', '.', ''
    followed by optional suffix tokens '@rowkey', '$definedname', '~kind'."""
    text = text.strip()
    keys, names, kinds, mirror = [], [], [], []
    while True:
        m = SUFFIX.search(" " + text)
        if not m:
            break
        tok = m.group(1)
        text = (" " + text)[: m.start()].strip()
        {"@": keys, "$": names, "~": kinds, "%": mirror}[tok[0]].insert(0, tok[1:])
    c = Cell(spec=text, kinds=kinds, names=names, mirror=mirror[0] if mirror else None)
    if text == "":
        c.role = "empty"
    elif text in ("<", "^"):
        c.role = "merged"
    elif text.startswith("?"):  # an input cell, "?text" with a default value
        c.role, c.value = "input", (text[1:] or None)
    elif text in ("Σ", "Σ*"):
        c.role = "sum"
    elif text.startswith("="):
        c.role, c.value = "formula", text
    elif text.startswith("#"):
        num = text[1:]
        c.role, c.value = "number", float(num) if "." in num else int(num)
    else:
        c.role, c.value = "label", text.replace("\\n", "\n")
    return c, keys


def split_cells(rest):
    return [p for p in rest.split("|")]


def parse(path):
    with open(path, encoding="utf-8") as f:
        return parse_text(f.read(), path)


def parse_text(text, path="<source>"):
    wb, sh = None, None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        try:
            if word == "workbook":
                wb = Workbook(rest)
            elif word == "doc":
                wb.doc.append(rest)
            elif word == "sheet":
                sh = Sheet(rest)
                wb.sheets.append(sh)
            elif word == "col":
                p = rest.split(None, 4)
                col = Column(p[0], p[1], float(p[2]), p[3], p[4] if len(p) > 4 else "")
                if "!pub" in col.kind:
                    col.kind, _, m = col.kind.partition("!pub")
                    col.published, col.mirror = True, m.lstrip("=") or None
                if col.kind not in KINDS:
                    raise SourceError(f"unknown kind {col.kind}")
                if column_index_from_string(col.letter) - 1 != len(sh.columns):
                    raise SourceError(f"columns must be declared in order (got {col.letter})")
                sh.columns.append(col)
            elif word in ("pre", "head", "row", "hrow", "total", "post", "rows"):
                count, keypat = 1, None
                if word == "rows":  # rows N KEY{n} | cells…  — N identical body rows
                    head, _, rest = rest.partition("|")
                    count, keypat = int(head.split()[0]), head.split()[1]
                section = {"row": "body", "total": "body", "hrow": "body", "rows": "body"}.get(word, word)
                for n in range(1, count + 1):
                    ln = Line(section, [], total=(word == "total"), headstyle=(word == "hrow"))
                    for i, part in enumerate(split_cells(rest)):
                        c, keys = parse_cell(part)
                        ln.cells.append(c)
                        ln.keys.extend(keys)
                    if keypat:
                        ln.keys.append(keypat.replace("{n}", str(n)))
                    sh.lines.append(ln)
            elif word == "tree":
                code, cols = rest.split()
                a, _, b = cols.partition(":")
                ia, ib = sh.col_index(a), sh.col_index(b or a)
                sh.trees.append((sh.col_index(code), list(range(ia, ib + 1))))
            elif word == "name":
                n, _, expr = rest.partition("=")
                (sh.names if sh else wb.names).append((n.strip(), expr.strip()))
            elif word == "valid":
                col, _, choices = rest.partition(" ")
                sh.valids.append((col, [c for c in choices.split(",") if c]))
            elif word == "print":
                sh.print_cols = rest
            elif word == "freeze":
                sh.freeze = rest
            else:
                raise SourceError(f"unknown directive {word!r}")
        except SourceError as e:
            raise SourceError(f"{path}:{no}: {e}") from None
        except (IndexError, ValueError, AttributeError) as e:
            raise SourceError(f"{path}:{no}: malformed line ({e})") from None
    for s in wb.sheets:
        resolve(s)
    return wb


def parent_code(codes, i):
    """Index of the nearest preceding row whose code is a proper prefix of row i's code."""
    c = codes[i]
    for j in range(i - 1, -1, -1):
        if codes[j] and len(codes[j]) < len(c) and c.startswith(codes[j]):
            return j
    return None


def resolve(sh):
    """Assigns row numbers, row keys and merges; fills body defaults; expands tree sums."""
    ncols = len(sh.columns)
    for r, ln in enumerate(sh.lines, 1):
        ln.row = r
        if ln.section == "body":  # defaults for omitted or "." cells
            for i in range(ncols):
                if i >= len(ln.cells) or ln.cells[i].spec == ".":
                    c, keys = parse_cell(sh.columns[i].default)
                    if i < len(ln.cells):
                        c.names, c.kinds = ln.cells[i].names, ln.cells[i].kinds or c.kinds
                    if i >= len(ln.cells):
                        ln.cells.append(c)
                    else:
                        ln.cells[i] = c
        ln.cells += [Cell("")] * (ncols - len(ln.cells))
        if len(ln.cells) > ncols:
            raise SourceError(f"{sh.name} row {r}: {len(ln.cells)} cells for {ncols} columns")
        for k in ln.keys:
            if k in sh.keys:
                raise SourceError(f"{sh.name}: duplicate row key {k!r}")
            sh.keys[k] = r
    body = sh.rows_of("body")
    for code_col, tcols in sh.trees:  # a sheet may hold side-by-side panels, one tree each
        codes = [str(ln.cells[code_col].value) if ln.cells[code_col].role == "label"
                 and str(ln.cells[code_col].value).isdigit() else "" for ln in body]
        for ln, code in zip(body, codes):
            if code and code not in sh.keys:
                sh.keys[code] = ln.row
        parents = [parent_code(codes, i) if codes[i] else None for i in range(len(body))]
        children = {i: [j for j in range(len(body)) if parents[j] == i] for i in range(len(body))}
        roots = [i for i in range(len(body)) if codes[i] and parents[i] is None]
        for i, ln in enumerate(body):
            for ci in tcols:
                c = ln.cells[ci]
                if ln.total and c.role in ("input", "sum"):
                    c.role, c.value = "formula", sum_formula([body[j].row for j in roots], ci)
                elif children[i] and c.role in ("input", "sum"):
                    c.role, c.value = "formula", sum_formula([body[j].row for j in children[i]], ci)
                elif c.role == "sum":
                    raise SourceError(f"{sh.name} row {ln.row}: Σ without children")
    # merges: '<' joins the cell to its left, '^' the cell above; anchors grow a rectangle
    anchor = {}
    for ln in sh.lines:
        for i, c in enumerate(ln.cells):
            if c.spec == "<":
                anchor[(ln.row, i)] = anchor.get((ln.row, i - 1), (ln.row, i - 1))
            elif c.spec == "^":
                anchor[(ln.row, i)] = anchor.get((ln.row - 1, i), (ln.row - 1, i))
    rects = {}
    for (r, i), (ar, ai) in anchor.items():
        r1, c1, r2, c2 = rects.get((ar, ai), (ar, ai, ar, ai))
        rects[(ar, ai)] = (min(r1, r), min(c1, i), max(r2, r), max(c2, i))
    sh.merges = sorted(rects.values())


def sum_formula(rows, ci):
    col = get_column_letter(ci + 1)
    if not rows:
        return "=0"
    if rows == list(range(rows[0], rows[0] + len(rows))):
        return f"=SUM({col}{rows[0]}:{col}{rows[-1]})" if len(rows) > 1 else f"={col}{rows[0]}"
    return "=SUM(" + ",".join(f"{col}{r}" for r in rows) + ")"


PLACEHOLDER = re.compile(r"\{(?:(?:'([^']+)'|([^{}!@]+))!)?(\$?)([^{}@!]+?)(?:@([^{}]+))?\}")


def expand(wb, sh, row, text):
    """Replaces {col}, {col@key}, {$col@key}, {Sheet!col@key} with A1 references."""
    def sub(m):
        other = m.group(1) or m.group(2)
        absolute, colref, key = m.group(3), m.group(4).strip(), m.group(5)
        target = wb.sheet(other.strip()) if other else sh
        ci = target.col_index(colref)
        if key is None:
            if other:
                raise SourceError(f"{sh.name}: cross-sheet placeholder needs @rowkey: {m.group(0)}")
            r = row
        elif key.strip() in target.keys:
            r = target.keys[key.strip()]
        else:
            raise SourceError(f"{sh.name}: unknown row key {key!r} on sheet {target.name}")
        col = get_column_letter(ci + 1)
        ref = f"${col}${r}" if absolute else f"{col}{r}"
        return (quote_sheet(target.name) + "!" + ref) if other else ref
    return PLACEHOLDER.sub(sub, text)


def quote_sheet(name):
    return "'" + name.replace("'", "''") + "'"
