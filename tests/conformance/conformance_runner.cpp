// conformance_runner.cpp — measures agreement with Excel on workbooks whose cached
// values Excel computed (../shared/conformance/excel-cases). Each file is loaded,
// every formula recalculated, and each formula cell compared with the value Excel
// saved: numbers within a tolerance (5e-8 absolute or relative, or the METADATA
// sheet's A1), strings, booleans and errors exactly. Prints per-file and total
// agreement, per-function agreement and the mismatches; exits 1 when a threshold
// given on the command line is not met.
//
//   conformance DIR [--min-total F] [--min-function F] [--json FILE] [--mismatches N] [--quiet]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "calc/calculator.h"
#include "formula/parser.h"
#include "formula/program.h"
#include "xlsx/xlsx.h"

using namespace sp;
namespace fs = std::filesystem;

// The functions issue 3 lists; each that appears must agree on >= --min-function of its cells.
static const std::set<std::string> kListed = {
    "SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "SUMSQ", "PRODUCT", "ROUND", "ROUNDUP", "ROUNDDOWN", "MROUND", "INT",
    "TRUNC", "ABS", "SIGN", "MOD", "POWER", "SQRT", "EXP", "LN", "LOG", "LOG10", "CEILING", "CEILING.MATH", "FLOOR",
    "FLOOR.MATH", "PI", "RAND", "RANDBETWEEN", "QUOTIENT", "GCD", "LCM", "FACT", "EVEN", "ODD", "SUBTOTAL",
    "AGGREGATE", "SIN", "COS", "TAN", "ASIN", "ACOS", "ATAN", "ATAN2", "IF", "IFS", "IFERROR", "IFNA", "AND", "OR",
    "NOT", "XOR", "TRUE", "FALSE", "SWITCH", "CHOOSE", "AVERAGE", "AVERAGEA", "AVERAGEIF", "AVERAGEIFS", "COUNT",
    "COUNTA", "COUNTBLANK", "COUNTIF", "COUNTIFS", "MAX", "MAXA", "MAXIFS", "MIN", "MINA", "MINIFS", "MEDIAN", "MODE",
    "LARGE", "SMALL", "RANK", "RANK.EQ", "RANK.AVG", "STDEV", "STDEV.S", "STDEV.P", "VAR", "VAR.S", "VAR.P",
    "PERCENTILE", "PERCENTILE.INC", "QUARTILE", "CORREL", "VLOOKUP", "HLOOKUP", "XLOOKUP", "LOOKUP", "INDEX", "MATCH",
    "XMATCH", "OFFSET", "INDIRECT", "ROW", "ROWS", "COLUMN", "COLUMNS", "ADDRESS", "TRANSPOSE", "CONCATENATE", "CONCAT",
    "TEXTJOIN", "LEFT", "RIGHT", "MID", "LEN", "FIND", "SEARCH", "SUBSTITUTE", "REPLACE", "UPPER", "LOWER", "PROPER",
    "TRIM", "CLEAN", "TEXT", "VALUE", "NUMBERVALUE", "FIXED", "REPT", "EXACT", "CHAR", "CODE", "UNICHAR", "UNICODE",
    "T", "N", "LEFTB", "RIGHTB", "MIDB", "LENB", "DATE", "DATEVALUE", "TIME", "TIMEVALUE", "TODAY", "NOW", "YEAR",
    "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "EDATE", "EOMONTH", "WEEKDAY", "WEEKNUM", "DATEDIF", "DAYS",
    "NETWORKDAYS", "WORKDAY", "YEARFRAC", "ISBLANK", "ISNUMBER", "ISTEXT", "ISNONTEXT", "ISERROR", "ISERR", "ISNA",
    "ISLOGICAL", "ISEVEN", "ISODD", "ISREF", "ISFORMULA", "NA", "ERROR.TYPE", "TYPE", "PMT", "PV", "FV", "NPV", "XNPV",
    "IRR", "XIRR", "RATE", "NPER", "IPMT", "PPMT", "SLN", "DB", "DDB"};

struct Tally {
    size_t agree = 0, total = 0;
    double ratio() const { return total ? double(agree) / double(total) : 1.0; }
};

static void collect_calls(const formula::Node& n, std::set<std::string>& out) {
    if (n.kind == formula::NodeKind::Call) out.insert(n.text);
    for (const auto& c : n.children) collect_calls(c, out);
}

static bool agrees(const Value& excel, const Value& ours, double tol) {
    if (excel.is_number() && ours.is_number()) {
        double a = excel.number(), b = ours.number();
        double diff = std::fabs(a - b);
        return diff <= tol || diff <= tol * std::max(std::fabs(a), std::fabs(b));
    }
    if (excel.is_string() && ours.is_string()) return excel.string() == ours.string();
    if (excel.is_bool() && ours.is_bool()) return excel.boolean() == ours.boolean();
    if (excel.is_error() && ours.is_error()) return excel.error() == ours.error();
    // Excel saves an empty-string result as an empty string; an empty cell as nothing.
    if (excel.is_string() && excel.string().empty() && ours.is_empty()) return true;
    return false;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: conformance DIR [--min-total F] [--min-function F] [--json FILE] [--mismatches N] [--quiet]\n");
        return 2;
    }
    fs::path root = argv[1];
    double min_total = 0, min_function = 0;
    std::string json_path;
    size_t max_mismatches = 50;
    bool quiet = false;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--min-total") min_total = std::stod(next());
        else if (a == "--min-function") min_function = std::stod(next());
        else if (a == "--json") json_path = next();
        else if (a == "--mismatches") max_mismatches = std::stoul(next());
        else if (a == "--quiet") quiet = true;
    }
    std::vector<fs::path> files;
    for (auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".xlsx" && e.path().filename().string().rfind("~$", 0) != 0)
            files.push_back(e.path());
    std::sort(files.begin(), files.end());

    Tally total;
    std::map<std::string, Tally> by_function;
    nlohmann::json report = {{"files", nlohmann::json::array()}, {"mismatches", nlohmann::json::array()}};
    size_t shown = 0, failed_files = 0;
    for (const fs::path& path : files) {
        std::string rel = fs::relative(path, root).string();
        Tally file_tally;
        try {
            xlsx::Document doc = xlsx::read(path.string());
            Workbook& wb = *doc.workbook;
            double tol = 5e-8;
            std::optional<SheetId> meta = wb.find_sheet("METADATA");
            if (meta) {
                Value a1 = wb.get(*meta, {0, 0});
                if (a1.is_number()) tol = a1.number();
                // The locale Excel ran in ("Locale", "en-GB"): it decides how VALUE reads "2/3/2023".
                for (int32_t row = 0; row < 32; ++row) {
                    Value key = wb.get(*meta, {row, 0}), val = wb.get(*meta, {row, 1});
                    if (key.is_string() && key.string() == "Locale" && val.is_string())
                        wb.settings().day_first = val.string() != "en-US" && val.string().rfind("zh", 0) != 0 &&
                                                  val.string().rfind("ja", 0) != 0 && val.string().rfind("ko", 0) != 0;
                }
            }
            // Excel's cached values, before we recalculate.
            struct Expect {
                SheetId sheet;
                CellAddr cell;
                Value excel;
                uint32_t formula;
            };
            std::vector<Expect> expect;
            Calculator calc(wb);
            for (uint32_t f = 0; f < wb.formulas().size(); ++f) {
                const FormulaCell& fc = wb.formula(f);
                if (fc.sheet == kNoSheet) continue;
                if (meta && fc.sheet == *meta) {
                    Value first = wb.get(fc.sheet, {fc.cell.row, 0});
                    if (first.is_string() && first.string() == "NOW" && wb.get(fc.sheet, fc.cell).is_number())
                        calc.set_now(wb.get(fc.sheet, fc.cell).number());
                    continue;
                }
                const RangeAddr* ar = fc.array ? wb.array_range(f) : nullptr;
                RangeAddr r = ar ? *ar : RangeAddr{fc.cell.row, fc.cell.col, fc.cell.row, fc.cell.col};
                for (int32_t row = r.r1; row <= r.r2; ++row)
                    for (int32_t col = r.c1; col <= r.c2; ++col) {
                        Value v = wb.get(fc.sheet, {row, col});
                        if (v.is_empty()) continue;  // no cached value to compare with
                        expect.push_back({fc.sheet, {row, col}, v, f});
                    }
            }
            calc.recalc_full();
            for (const Expect& e : expect) {
                Value ours = wb.get(e.sheet, e.cell);
                const FormulaCell& fc = wb.formula(e.formula);
                // A formula kept at its cached value (it does not parse, or uses a construct not
                // evaluated) is not agreement: it counts as a miss, shown as "(not evaluated)".
                bool evaluated = fc.program != kNoFormula;
                bool ok = evaluated && agrees(e.excel, ours, tol);
                ++file_tally.total;
                file_tally.agree += ok;
                std::set<std::string> fns;
                if (fc.program != kNoFormula) collect_calls(wb.program(fc.program).ast, fns);
                for (const auto& fn : fns) {
                    ++by_function[fn].total;
                    by_function[fn].agree += ok;
                }
                if (!ok) {
                    std::string formula = wb.formula_text(fc.sheet, fc.cell);
                    nlohmann::json m = {{"file", rel}, {"cell", wb.where(e.sheet, e.cell)}, {"formula", formula},
                                        {"excel", to_display(e.excel)},
                                        {"ours", evaluated ? to_display(ours) : "(not evaluated)"}};
                    report["mismatches"].push_back(m);
                    if (!quiet && shown++ < max_mismatches)
                        std::printf("  MISMATCH %s %s %s excel=%s ours=%s\n", rel.c_str(), wb.where(e.sheet, e.cell).c_str(),
                                    formula.c_str(), to_display(e.excel).c_str(),
                                    evaluated ? to_display(ours).c_str() : "(not evaluated)");
                }
            }
        } catch (const std::exception& ex) {
            ++failed_files;
            std::printf("  FAILED %s: %s\n", rel.c_str(), ex.what());
            report["files"].push_back({{"file", rel}, {"error", ex.what()}});
            continue;
        }
        total.agree += file_tally.agree;
        total.total += file_tally.total;
        report["files"].push_back({{"file", rel}, {"agree", file_tally.agree}, {"total", file_tally.total}});
        if (!quiet) std::printf("%-60s %5zu / %5zu  %6.2f%%\n", rel.c_str(), file_tally.agree, file_tally.total, 100 * file_tally.ratio());
    }
    std::printf("TOTAL %zu / %zu formula cells agree with Excel (%.2f%%) in %zu files (%zu could not be read)\n",
                total.agree, total.total, 100 * total.ratio(), files.size(), failed_files);
    bool ok = total.ratio() >= min_total;
    std::vector<std::string> below;
    for (const auto& [fn, t] : by_function) {
        report["functions"][fn] = {{"agree", t.agree}, {"total", t.total}};
        if (kListed.count(fn) && t.ratio() < min_function) below.push_back(fn);
    }
    if (!below.empty()) {
        std::printf("listed functions below %.0f%%:", 100 * min_function);
        for (const auto& fn : below)
            std::printf(" %s(%zu/%zu)", fn.c_str(), by_function[fn].agree, by_function[fn].total);
        std::printf("\n");
        if (min_function > 0) ok = false;
    }
    report["total"] = {{"agree", total.agree}, {"total", total.total}};
    if (!json_path.empty()) std::ofstream(json_path) << report.dump(1);
    return ok ? 0 : 1;
}
