# gen.py — regenerates workbooks/templates/*.xlsx (+ .layout.json) from their text sources and
# workbooks/samples/*.xlsx from the sample sources; runs `suanpan recalc --in-place` (--suanpan,
# $SUANPAN or build/suanpan) on every generated file so that the committed files carry their cached
# values (issue 14: a viewer that does not recalculate shows the figures; tests/cli/samples_cached.sh).
# A recalc that fails is an error (exit 1). Usage: scripts/gen-workbooks [-h].
import argparse
import glob
import os
import sys

from . import fill, layout, package, render, source, verify


def main(argv=None):
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    ap = argparse.ArgumentParser(prog="gen-workbooks", description=__doc__)
    ap.add_argument("--root", default=root, help="repository root (default: this checkout)")
    ap.add_argument("--out", help="write xlsx/json here instead of workbooks/… (for comparisons)")
    ap.add_argument("--suanpan", help="engine binary for the recalc step (default: $SUANPAN, else ROOT/build/suanpan)")
    ap.add_argument("--no-recalc", action="store_true", help="skip the recalc step")
    ap.add_argument("--check", action="store_true",
                    help="evaluate the formulas in Python and print computed vs 公布数 for the samples")
    args = ap.parse_args(argv)
    tdir = os.path.join(args.root, "workbooks", "templates")
    sdir = os.path.join(args.root, "workbooks", "samples")
    suanpan = None if args.no_recalc else (args.suanpan or os.environ.get("SUANPAN") or os.path.join(args.root, "build", "suanpan"))
    written = []
    try:
        for src in sorted(glob.glob(os.path.join(tdir, "*.txt"))):
            name = os.path.basename(src)[:-4]
            model = source.parse(src)
            out = os.path.join(args.out or tdir, name + ".xlsx")
            package.save(render.render(model), out, title=model.name)
            layout.write(layout.describe(model, name, os.path.relpath(src, args.root)),
                         os.path.join(args.out or tdir, name + ".layout.json"))
            written.append(out)
        reports = []
        for src in sorted(glob.glob(os.path.join(sdir, "*.txt"))):
            for name, tpl, model in fill.load(src, tdir):
                out = os.path.join(args.out or sdir, name + ".xlsx")
                package.save(render.render(model), out, title=f"{model.name} — {name}")
                written.append(out)
                if args.check:
                    reports.append((name, verify.compare(model)))
    except source.SourceError as e:
        print(f"gen-workbooks: {e}", file=sys.stderr)
        return 1
    failed = skipped = 0
    for path in written:
        status = package.recalc(path, suanpan) if suanpan else "recalc skipped"
        failed += status.startswith("recalc failed")
        skipped += status.startswith("skipped")
        print(f"{os.path.relpath(path, args.root)}: {os.path.getsize(path)} bytes, {status}")
    if skipped and not args.out:
        print(f"gen-workbooks: {suanpan} is not built: the workbooks have no cached values "
              "(build the engine or pass --suanpan BIN, then regenerate)", file=sys.stderr)
    for name, rows in reports:
        print(f"\n== {name}")
        for r in rows:
            print("  " + r)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
