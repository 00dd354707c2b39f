#!/usr/bin/python3
# seed_corpus.py — builds a fuzz target's seed corpus at run time from what the repository and
# /work/shared/conformance already hold, so that only a small corpus (regressions and a few
# hand-made seeds, tests/fuzz/corpus/<target>) is committed.
#   seed_corpus.py TARGET OUT_DIR [SHARED_DIR]      TARGET: formula | xlsx | number_format | lua
# formula:       every <f> in the conformance and sample workbooks, formulas quoted in the tests;
# xlsx:          the sample/template workbooks and conformance files under 200 kB, each as the
#                zip itself and as the "parts" text (fuzz_parts.h) that the harness zips again;
# number_format: number-format codes of the workbooks' styles.xml and TEXT() codes of the tests,
#                each after one of a few values (8 bytes of a double + a flag byte);
# lua:           the shipped plugins and the Lua sources quoted in the tests, as function bodies,
#                and a few encoded values.
import glob, hashlib, html, os, re, struct, sys, warnings, zipfile

warnings.simplefilter("ignore", DeprecationWarning)  # unicode_escape on C literals such as "\8"

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX_FILES = 4000


def workbooks(shared, max_size=None):
    paths = sorted(glob.glob(os.path.join(ROOT, "workbooks", "**", "*.xlsx"), recursive=True))
    paths += sorted(glob.glob(os.path.join(shared, "conformance", "**", "*.xlsx"), recursive=True))
    return [p for p in paths if max_size is None or os.path.getsize(p) <= max_size]


def parts(path):
    try:
        with zipfile.ZipFile(path) as z:
            return [(i.filename, z.read(i)) for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, NotImplementedError):
        return []


def tests_text():
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "**", "*.cpp"), recursive=True)):
        with open(p, encoding="utf-8", errors="replace") as f:
            out.append(f.read())
    return out


def c_strings(text):
    # "…" literals (with \" escapes) and R"X(…)X" raw strings.
    for m in re.finditer(r'R"([A-Za-z]*)\((.*?)\)\1"', text, re.S):
        yield m.group(2)
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        s = m.group(1)
        try:
            yield bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            yield s.replace('\\"', '"')


def formulas(shared):
    seen = []
    for wb in workbooks(shared):
        for name, data in parts(wb):
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for m in re.finditer(rb"<f(?: [^>]*)?>([^<]+)</f>", data):
                    seen.append(html.unescape(m.group(1).decode("utf-8", "replace")))
    for text in tests_text():
        for m in re.finditer(r'(?:eval|num|text|truth|error|array|formula|parse|evaluate)\(\s*"((?:[^"\\\n]|\\.)*)"', text):
            seen.append(m.group(1).replace('\\"', '"'))
    return [s.encode("utf-8") for s in seen]


def xlsx_seeds(shared):
    out = []
    for wb in workbooks(shared, max_size=200_000):
        with open(wb, "rb") as f:
            out.append(f.read())
        text = b"".join(b"@@ " + name.encode() + b"\n" + data + b"\n" for name, data in parts(wb))
        if text:
            out.append(text)
    return out


VALUES = [0.0, 1126.72, -0.5, 45291.0, 0.8497, 1e15, 123456789.125]


def number_format_seeds(shared):
    codes = set(["General", "0.00", "#,##0.00", "0.0%", "yyyy年m月d日", "[>=100]0;0", "@", "0.00E+00",
                 "[$-804]yyyy/m/d", "# ?/?", "[h]:mm:ss", '"¥"#,##0.00;[Red]-"¥"#,##0.00'])
    for wb in workbooks(shared):
        for name, data in parts(wb):
            if name.endswith("styles.xml"):
                for m in re.finditer(rb'formatCode="([^"]*)"', data):
                    codes.add(html.unescape(m.group(1).decode("utf-8", "replace")))
    for text in tests_text():
        for m in re.finditer(r'TEXT\([^,"]*,\s*\\"((?:[^"\\]|\\.)*?)\\"\)', text):
            codes.add(m.group(1))
    out = []
    for i, code in enumerate(sorted(codes)):
        v = VALUES[i % len(VALUES)]
        out.append(struct.pack("<d", v) + bytes([i % 2]) + code.encode("utf-8"))
    return out


def lua_seeds(shared):
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "plugins", "**", "*.lua"), recursive=True)):
        with open(p, "rb") as f:
            out.append(b"\x01" + f.read())
    for text in tests_text():
        for s in c_strings(text):
            if "suanpan." in s or "return" in s or "function" in s:
                out.append(b"\x01" + s.encode("utf-8"))
    out += [b"\x01return a", b"\x01return {a, b, c}", b"\x01return suanpan.error.NA", b"\x01return a:rows()",
            b"\x01return wb:sheet('\xe8\xa1\xa8'):cell('A1')", b"\x01error(setmetatable({}, {__tostring=error}))"]
    out += [b"\x00\x01" + struct.pack("<d", 1.5), b"\x00\x02\x05hello", b"\x00\x89" + b"\x01" * 80,
            b"\x00\x04\x03", b"\x00\x03\x01"]
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__ or "usage: seed_corpus.py TARGET OUT_DIR [SHARED_DIR]", file=sys.stderr)
        return 2
    target, out_dir = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "..", "shared")
    make = {"formula": formulas, "xlsx": xlsx_seeds, "number_format": number_format_seeds, "lua": lua_seeds}
    if target not in make:
        print(f"seed_corpus.py: unknown target {target!r} (formula, xlsx, number_format, lua)", file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)
    seeds = {hashlib.sha1(s).hexdigest(): s for s in make[target](shared) if s}
    for name, data in sorted(seeds.items())[:MAX_FILES]:
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    print(f"seed_corpus.py: {target}: {min(len(seeds), MAX_FILES)} seeds in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
