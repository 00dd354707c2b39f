# package.py — saves an openpyxl workbook so that regenerating gives the same bytes: fixed
# document dates, fixed zip entry timestamps and order; then (optionally) lets
# `suanpan recalc --in-place` fill the cached values of the formulas.
import datetime
import io
import os
import subprocess
import zipfile

FIXED = datetime.datetime(2025, 1, 1, 0, 0, 0)


def save(xb, path, title=None):
    p = xb.properties
    p.created = p.modified = FIXED
    p.creator = p.lastModifiedBy = "Suanpan scripts/gen-workbooks"
    if title:
        p.title = title
    buf = io.BytesIO()
    xb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            out.writestr(zi, src.read(info.filename))
    os.replace(tmp, path)


def recalc(path, suanpan):
    """Fills cached values with the engine when it has been built; returns a status word."""
    if not suanpan or not os.access(suanpan, os.X_OK):
        return "skipped (no build/suanpan)"
    r = subprocess.run([suanpan, "recalc", "--in-place", path], capture_output=True, text=True)
    if r.returncode != 0:
        return "recalc failed: " + (r.stderr.strip().splitlines() or ["?"])[-1]
    return "recalculated"
