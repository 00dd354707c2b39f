// test_roundtrip.cpp — every workbook of the conformance corpus (233 files saved by Excel):
// load, recalculate, write patched; then every part except the patched worksheets,
// workbook.xml's calcPr, the calcChain relationship/content type and calcChain itself
// must be byte-identical (compressed bytes copied, not re-deflated); in patched
// worksheets everything but the rewritten <c> values must be identical; reading the
// output gives the values written; and openpyxl (one python run over all outputs)
// still reads the same styles, merges and comments, and our values.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "calc/calculator.h"
#include "xlsx/cell_value.h"
#include "xlsx/xml_scan.h"
#include "xlsx/zip_reader.h"
#include "xlsx_test_util.h"

using namespace sp;
using namespace sp::xlsx;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> corpus() {
    std::vector<std::string> out;
    fs::path root = fs::path(SP_SHARED_DIR) / "conformance" / "excel-cases";
    if (!fs::exists(root)) return out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".xlsx") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string text(const ZipReader& z, const ZipEntry& e) { return std::string(z.inflate(e, false).view()); }

// The XML with every element named `local` for which drop() holds cut out.
template <class Pred>
std::string without(std::string_view xml, std::string_view local, Pred drop) {
    std::string out;
    size_t last = 0, pos = 0;
    XmlTag t;
    while (next_start_tag(xml, pos, xml.size(), t)) {
        if (t.local() != local || !drop(t)) continue;
        REQUIRE(find_end(xml, t));
        out.append(xml.substr(last, t.begin - last));
        last = pos = t.end;
    }
    out.append(xml.substr(last));
    return out;
}

// A worksheet with each <c>'s value (t attribute, <v>, <is>) removed: what must not change.
std::string cells_without_values(std::string_view xml) {
    std::string out;
    size_t last = 0, pos = 0;
    XmlTag t;
    while (next_start_tag(xml, pos, xml.size(), t)) {
        if (t.local() != "c") continue;
        REQUIRE(find_end(xml, t));
        out.append(xml.substr(last, t.begin - last));
        out += "<c";
        for (int i = 0; i < t.nattrs; ++i)
            if (t.attrs[i].name != "t") out.append(xml.substr(t.attrs[i].begin, t.attrs[i].end - t.attrs[i].begin));
        out += ">";
        size_t cp = t.open_end;
        XmlTag k;
        while (next_start_tag(xml, cp, t.content_end, k)) {
            REQUIRE(find_end(xml, k));
            if (k.local() != "v" && k.local() != "is") out.append(xml.substr(k.begin, k.end - k.begin));
            cp = k.end;
        }
        out += "</c>";
        last = pos = t.end;
    }
    out.append(xml.substr(last));
    return out;
}

nlohmann::json json_value(const Value& v) {
    switch (v.type()) {
        case Type::Number: return v.number();
        case Type::String: return std::string(v.string());
        case Type::Bool: return v.boolean();
        case Type::Error: return std::string(file_error_text(v.error()));  // what <v> holds (#CALC! -> #VALUE! + vm)
        default: return nullptr;
    }
}

const char* kOpenpyxlCheck = R"PY(
import datetime, json, re, sys, warnings
warnings.filterwarnings("ignore")
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel
jobs = json.load(open(sys.argv[1]))
bad = []
for job in jobs:
    try:
        a = load_workbook(job["in"])
        b = load_workbook(job["out"])
        v = load_workbook(job["out"], data_only=True)
    except Exception as e:
        bad.append("%s: openpyxl cannot read the output: %r" % (job["out"], e)); continue
    for wa in a.worksheets:
        wb = b[wa.title]
        if sorted(map(str, wa.merged_cells.ranges)) != sorted(map(str, wb.merged_cells.ranges)):
            bad.append("%s!%s: merges differ" % (job["in"], wa.title))
        for row in wa.iter_rows():
            for ca in row:
                cb = wb[ca.coordinate]
                if (ca.number_format, ca.font.b, ca.font.i, ca.fill.fgColor.rgb, ca.border.left.style, ca.alignment.horizontal) != \
                   (cb.number_format, cb.font.b, cb.font.i, cb.fill.fgColor.rgb, cb.border.left.style, cb.alignment.horizontal):
                    bad.append("%s!%s!%s: style differs" % (job["in"], wa.title, ca.coordinate))
                ta = ca.comment.text if ca.comment else None
                tb = cb.comment.text if cb.comment else None
                if ta != tb:
                    bad.append("%s!%s!%s: comment differs" % (job["in"], wa.title, ca.coordinate))
                if ca.data_type == "f" and cb.data_type != "f":
                    bad.append("%s!%s!%s: formula lost" % (job["in"], wa.title, ca.coordinate))
    for sheet, cell, want in job["values"]:
        got = v[sheet][cell].value
        tol = 0
        if isinstance(got, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
            got = to_excel(got, epoch=v.epoch)   # openpyxl turns date-formatted numbers into dates
            tol = 1e-8                           # ... rounded to the microsecond
        if got == "#VALUE!" and isinstance(want, (int, float)) and want > 2958465:
            continue                             # beyond 9999-12-31: openpyxl cannot make it a date
        if isinstance(got, str):                 # openpyxl leaves OOXML _xHHHH_ escapes in values
            got = re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), got)
        if want == "" and got is None:
            continue                             # openpyxl reads an empty string result as None
        if isinstance(want, bool) or isinstance(got, bool):
            ok = got == want
        elif isinstance(want, (int, float)) and isinstance(got, (int, float)):
            ok = abs(float(got) - float(want)) <= tol * max(1.0, abs(float(want)))
        else:
            ok = got == want
        if not ok:
            bad.append("%s!%s!%s: openpyxl reads %r, Suanpan wrote %r" % (job["out"], sheet, cell, got, want))
for line in bad[:50]:
    print(line)
print("checked %d workbooks, %d problems" % (len(jobs), len(bad)))
sys.exit(1 if bad else 0)
)PY";

}  // namespace

TEST_CASE("roundtrip: every conformance workbook survives load, recalc and patched write", "[xlsx][roundtrip]") {
    auto files = corpus();
    if (files.empty()) {
        WARN("no conformance corpus at " SP_SHARED_DIR);
        return;
    }
    CHECK(files.size() >= 233);
    std::string dir = test::tmp_dir() + "/roundtrip";
    fs::create_directories(dir);
    nlohmann::json jobs = nlohmann::json::array();
    size_t rewritten_files = 0, rewritten_cells = 0;
    for (size_t n = 0; n < files.size(); ++n) {
        const std::string& in = files[n];
        INFO(in);
        std::string out = dir + "/" + std::to_string(n) + "_" + fs::path(in).filename().string();
        Document d = read(in);
        if (!std::getenv("SP_ROUNDTRIP_NO_RECALC")) {
            Calculator calc(*d.workbook);
            calc.recalc_full();
        } else {
            // Diagnosis aid for when the calculator is broken: change every numeric formula
            // value instead, which exercises the patch path as hard.
            for (const auto& f : d.workbook->formulas()) {
                if (f.sheet == kNoSheet) continue;
                Sheet& sh = d.workbook->sheet(f.sheet);
                Value v = sh.get(f.cell.row, f.cell.col);
                if (v.is_number()) sh.set(f.cell.row, f.cell.col, Value(v.number() * 3 + 0.1));
            }
        }
        WriteStats st = write_patched(d, out);
        rewritten_files += st.cells_rewritten > 0;
        rewritten_cells += st.cells_rewritten;

        auto ib = read_file_bytes(in), ob = read_file_bytes(out);
        ZipReader zi(ib, in), zo(ob, out);
        const Package& pkg = *d.package;
        std::string rels = rels_part_for(pkg.workbook_part);
        size_t matched = 0;
        for (const auto& e : zi.entries()) {
            INFO(e.name);
            if (e.name == pkg.calc_chain_part) {
                CHECK(zo.find(e.name) == nullptr);
                continue;
            }
            const ZipEntry* o = zo.find(e.name);
            REQUIRE(o);
            ++matched;
            std::string raw_in = zi.raw(e), raw_out = zo.raw(*o);
            if (raw_in == raw_out && e.crc == o->crc) continue;  // copied verbatim
            // Only these parts may change, and only in these ways.
            std::string a = text(zi, e), b = text(zo, *o);
            if (e.name == pkg.workbook_part) {
                auto calc_pr = [](const XmlTag& t) { return t.local() == "calcPr"; };
                CHECK(without(a, "calcPr", calc_pr) == without(b, "calcPr", calc_pr));
                CHECK(b.find("calcId=\"191029\"") != std::string::npos);
                CHECK(b.find("fullCalcOnLoad") == std::string::npos);
            } else if (e.name == rels) {
                CHECK(without(a, "Relationship", [](const XmlTag& t) { return rel_type_is(t.attr_value("Type"), "calcChain"); }) == b);
            } else if (e.name == "[Content_Types].xml") {
                CHECK(without(a, "Override", [](const XmlTag& t) { return t.attr_value("PartName").find("calcChain") != std::string_view::npos; }) == b);
            } else {
                bool is_sheet = false;
                for (const auto& s : d.sheets) is_sheet |= s.part == e.name && s.kind == SheetKind::Worksheet;
                CHECK(is_sheet);
                CHECK(cells_without_values(a) == cells_without_values(b));
            }
        }
        CHECK(matched == zo.entries().size());

        // The output reads back to the values the model holds, cell for cell.
        Document back = read(out);
        nlohmann::json values = nlohmann::json::array();
        for (SheetId s = 0; s < d.workbook->sheet_count(); ++s) {
            if (d.sheets[s].kind != SheetKind::Worksheet) continue;
            const Sheet& ms = d.workbook->sheet(s);
            const Sheet& bs = back.workbook->sheet(s);
            auto used = ms.used_range();
            if (!used) continue;
            size_t diffs = 0;
            for (int32_t r = used->r1; r <= used->r2; ++r)
                for (int32_t c = used->c1; c <= used->c2; ++c) {
                    Value want = value_for_file(ms.get(r, c));
                    if (!want.same_as(bs.get(r, c))) ++diffs;
                    if (ms.formula_at(r, c) != kNoFormula && values.size() < 300)
                        values.push_back({ms.name(), cell_text({r, c}), json_value(want)});
                }
            CHECK(diffs == 0);
        }
        jobs.push_back({{"in", in}, {"out", out}, {"values", values}});
    }
    INFO("files with rewritten cells: " << rewritten_files << ", cells rewritten: " << rewritten_cells);
    // The corpus has volatile formulas (NOW, RAND…) whose values must change: the patch path ran.
    CHECK(rewritten_files > 0);

    // One python run over all outputs: openpyxl reads styles, merges, comments, formulas, values.
    if (!fs::exists("/usr/bin/python3")) {
        WARN("no /usr/bin/python3: openpyxl check skipped");
        return;
    }
    std::string jobs_path = dir + "/jobs.json", script = dir + "/check.py", log = dir + "/openpyxl.log";
    std::ofstream(jobs_path) << jobs.dump();
    std::ofstream(script) << kOpenpyxlCheck;
    int rc = std::system(("/usr/bin/python3 " + script + " " + jobs_path + " > " + log + " 2>&1").c_str());
    std::ifstream lf(log);
    std::string report((std::istreambuf_iterator<char>(lf)), std::istreambuf_iterator<char>());
    INFO(report);
    CHECK(rc == 0);
}
