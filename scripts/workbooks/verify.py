# verify.py — a small evaluator for the formulas this generator writes (SUM, ROUND, IF, N,
# arithmetic, references, defined names and the domain functions), used to check the samples
# against their 公布数 before the engine exists. The domain functions follow DOMAIN.md §3;
# the engine's Lua versions are the reference — this is only a cross-check.
import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils import column_index_from_string, get_column_letter

from .source import expand, quote_sheet

TOKEN = re.compile(r"""\s*(?:
    (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | "(?P<str>(?:[^"]|"")*)"
  | (?P<ref>(?:'(?:[^']|'')+'!|[^\W\d][\w.]*!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![\w(])
  | (?P<name>[^\W\d][\w.]*)
  | (?P<op><>|<=|>=|[-+*/&=<>(),%^])
)""", re.X)


def round2(x, nd=2):
    if not isinstance(x, (int, float)):
        return x
    return float(Decimal(repr(float(f"{x:.15g}"))).quantize(Decimal(1).scaleb(-nd), ROUND_HALF_UP))


class Err(Exception):
    pass


class Evaluator:
    def __init__(self, model):
        self.m = model
        self.cells = {}     # (sheet, row, col) -> cell model
        self.names = {}
        for sh in model.sheets:
            for ln in sh.lines:
                for ci, c in enumerate(ln.cells):
                    self.cells[(sh.name, ln.row, ci)] = (sh, c)
                    for n in c.names:
                        self.names[n] = (sh.name, ln.row, ci)
        self.memo = {}

    def value(self, sheet, row, col):
        key = (sheet, row, col)
        if key in self.memo:
            return self.memo[key]
        sh, c = self.cells.get(key, (None, None))
        if c is None or c.role in ("empty", "merged"):
            v = None
        elif c.role == "formula":
            self.memo[key] = Err("#CYCLE")
            saved = (getattr(self, "toks", None), getattr(self, "i", 0), getattr(self, "sheet", None))
            try:
                v = self.formula(sh, expand(self.m, sh, row, c.value)[1:])
            except Err as e:
                v = e
            self.toks, self.i, self.sheet = saved
        else:
            v = c.value
        self.memo[key] = v
        return v

    # --- parsing: precedence climbing over a token list --------------------------------
    def formula(self, sh, text):
        self.sheet = sh.name
        self.toks = [m for m in TOKEN.finditer(text) if m.group(0).strip()]
        self.i = 0
        v = self.expr(0)
        if self.i != len(self.toks):
            raise Err(f"#PARSE {text}")
        return v

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    BIN = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4}

    def expr(self, prec):
        left = self.unary()
        while True:
            t = self.peek()
            if not t or t.group("op") not in self.BIN or self.BIN[t.group("op")] < prec + 1:
                return left
            op = t.group("op")
            self.i += 1
            right = self.expr(self.BIN[op])
            left = self.binop(op, left, right)

    def unary(self):
        t = self.peek()
        if t and t.group("op") == "-":
            self.i += 1
            return -num(self.scalar(self.unary()))
        if t and t.group("op") == "+":
            self.i += 1
        return self.primary()

    def primary(self):
        t = self.toks[self.i]
        self.i += 1
        if t.group("num"):
            return float(t.group("num"))
        if t.group("str") is not None:
            return t.group("str").replace('""', '"')
        if t.group("ref"):
            return self.ref(t.group("ref"))
        if t.group("op") == "(":
            v = self.expr(0)
            self.i += 1
            return v
        name = t.group("name")
        nt = self.peek()
        if nt and nt.group("op") == "(":
            self.i += 1
            args = []
            while True:
                nt = self.peek()
                if nt.group("op") == ")":
                    self.i += 1
                    break
                if nt.group("op") == ",":
                    args.append(None)
                    self.i += 1
                    continue
                args.append(self.expr(0))
                if self.peek().group("op") == ",":
                    self.i += 1
                    if self.peek().group("op") == ")":
                        args.append(None)
            return self.call(name.upper() if name.isascii() else name, args)
        if name in self.names:
            s, r, c = self.names[name]
            return self.value(s, r, c)
        if name.upper() in ("TRUE", "FALSE"):
            return name.upper() == "TRUE"
        raise Err(f"#NAME? {name}")

    def ref(self, text):
        sheet = self.sheet
        if "!" in text:
            s, _, text = text.rpartition("!")
            sheet = s[1:-1].replace("''", "'") if s.startswith("'") else s
        a, _, b = text.replace("$", "").partition(":")
        r1, c1 = split(a)
        r2, c2 = split(b) if b else (r1, c1)
        if (r1, c1) == (r2, c2):
            return self.value(sheet, r1, c1)
        return [self.value(sheet, r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

    def scalar(self, v):
        if isinstance(v, Err):
            raise v
        return v

    def binop(self, op, a, b):
        a, b = self.scalar(a), self.scalar(b)
        if op == "&":
            return text(a) + text(b)
        if op in ("=", "<>", "<", ">", "<=", ">="):
            x, y = (a if a is not None else ("" if isinstance(b, str) else 0.0)), (b if b is not None else ("" if isinstance(a, str) else 0.0))
            if isinstance(x, str) != isinstance(y, str):
                res = False if op == "=" else True if op == "<>" else isinstance(x, str) > isinstance(y, str)
                return res
            return {"=": x == y, "<>": x != y, "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]
        x, y = num(a), num(b)
        if op == "/" and y == 0:
            raise Err("#DIV/0!")
        return {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else 0}[op]

    def call(self, name, args):
        if name == "IF":
            return args[1] if truthy(self.scalar(args[0])) else (args[2] if len(args) > 2 else False)
        if name == "SUM":
            total = 0.0
            for a in args:
                if isinstance(a, list):
                    for v in a:
                        if isinstance(v, Err):
                            raise v
                        if isinstance(v, (int, float)) and not isinstance(v, bool):
                            total += v
                elif a is not None:
                    total += num(self.scalar(a))
            return total
        if name == "N":
            v = self.scalar(args[0])
            return float(v) if isinstance(v, (int, float)) else 0.0
        if name == "ROUND":
            return round2(num(self.scalar(args[0])), int(num(args[1])))
        if name == "ABS":
            return abs(num(self.scalar(args[0])))
        fn = DOMAIN.get(name)
        if not fn:
            raise Err(f"#NAME? {name}")
        return fn(*[self.scalar(a) for a in args])


def split(a1):
    m = re.fullmatch(r"([A-Z]+)(\d+)", a1)
    return int(m.group(2)), column_index_from_string(m.group(1)) - 1


def num(v):
    if v is None or v == "":
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(",", ""))
    except ValueError:
        raise Err("#VALUE!")


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def truthy(v):
    return bool(v) if not isinstance(v, str) else v.upper() == "TRUE"


# --- domain functions (DOMAIN.md §3) -----------------------------------------------------
def variance_rate(budget, final):
    b, f = num(budget), num(final)
    if b == 0:
        return 0.0 if f == 0 else 1.0
    return (f - b) / b


def growth_rate(cur, prev):
    c, p = num(cur), num(prev)
    if p == 0:
        return 0.0 if c == 0 else 1.0
    return (c - p) / p


def share(part, base):
    b = num(base)
    return 0.0 if b == 0 else num(part) / b


def exec_rate(budget, executed):
    b = num(budget)
    if b == 0:
        raise Err("#DIV/0!")
    return num(executed) / b


def exec_score(rate, weight, method=None):
    r, w = num(rate), num(weight)
    if method == "六十起评":
        s = w if r >= 1 else (0.0 if r < 0.6 else w * (r - 0.6) / 0.4)
    else:
        s = w * min(r, 1.0)
    return round2(s)


IND = re.compile(r"^\s*(>=|<=|＞=|＜=|〈|〉|>|<|=)?\s*([-+]?\d[\d ,]*(?:\.\d+)?)\s*(.*)$")


def parse_indicator(s):
    if isinstance(s, (int, float)) and not isinstance(s, bool):
        return None, float(s), ""
    m = IND.match(str(s or ""))
    if not m:
        return None, None, str(s or "")
    unit = m.group(3).strip()
    if re.match(r"^(年|月\d|日)", unit) or "年" in unit and "月" in unit:   # a date, not a quantity
        return m.group(1), None, str(s)
    return m.group(1), float(m.group(2).replace(" ", "").replace(",", "")), unit


def completion_rate(target, actual, direction=None):
    cmp_, t, unit = parse_indicator(target)
    _, a, _ = parse_indicator(actual)
    if direction == "定性" or t is None or a is None:
        return 1.0
    if not direction:
        direction = "正向" if cmp_ in (None, ">=", "＞=", "=", ">") else ("成本" if "元" in unit else "限值")
    if direction in ("正向", "成本"):
        return 0.0 if t == 0 else a / t
    if direction in ("限值", "反向"):
        return 1.0 if a <= t else (t / a if a else 0.0)
    return 1.0


def indicator_score(weight, rate, rule=None, method=None, direction=None):
    w, r = num(weight), num(rate)
    if rule in ("按评判等级赋分", "满意度赋分", "直接赋分"):
        return round2(w if r >= 1 else w * r)
    if method == "六十起评":
        s = w * max(0.0, 2 - r) if r >= 1 else (0.0 if r < 0.6 else w * (r - 0.6) / 0.4)
    elif method == "超额扣分":
        s = w * max(0.0, 2 - r) if r > 1 else w * r
    else:
        s = w * min(r, 1.0)
    return round2(s)


DOMAIN = {
    "预决算差异率": variance_rate, "增长率": growth_rate, "占比": share, "执行率": exec_rate,
    "执行率得分": exec_score, "完成率": completion_rate, "指标得分": indicator_score,
}


def compare(model):
    """Lines 'sheet!cell published computed [DIFF]' for every filled 公布数 cell."""
    ev = Evaluator(model)
    out = []
    for sh in model.sheets:
        for ln in sh.lines:
            for ci, c in enumerate(ln.cells):
                if not (sh.columns[ci].published and c.role == "input" and c.value is not None and "param" not in c.kinds):
                    continue
                mirror = getattr(c, "mirror", None) or sh.columns[ci].mirror
                if not mirror:
                    continue
                mc = sh.col_index(mirror)
                got = ev.value(sh.name, ln.row, mc)
                pub = c.value
                kind = ([k for k in c.kinds if k != "bold"] or [sh.columns[ci].kind])[-1]
                nd = 4 if kind == "rate" else 2
                if isinstance(got, Err):
                    shown, ok = str(got), False
                elif isinstance(got, (int, float)) and isinstance(pub, (int, float)):
                    g = round2(got, nd)
                    shown, ok = (f"{g:.2%}" if kind == "rate" else f"{g:.2f}"), abs(g - pub) < 1e-9
                else:
                    shown, ok = repr(got), got == pub
                pshown = f"{pub:.2%}" if kind == "rate" and isinstance(pub, float) else str(pub)
                cell = f"{get_column_letter(mc + 1)}{ln.row}"
                out.append(f"{'  ' if ok else '≠ '}{quote_sheet(sh.name)}!{cell} 公布 {pshown} 计算 {shown}"
                           f"  ({get_column_letter(ci + 1)}{ln.row})")
    return out
