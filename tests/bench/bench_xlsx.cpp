// bench_xlsx.cpp — load, recalc and save of generated workbooks (N rows x 15 columns:
// 5 values, 10 formulas), against `unzip -p FILE > /dev/null` on the same file, with the
// peak memory of each run. Built by the `bench` target; see docs/benchmarks.md.
//
//   bench_xlsx [ROWS...]            default 10000 100000 300000
//   bench_xlsx plain [ROWS...]      only the one-formula-per-cell, all-stale case (default 100000),
//                                   in-process and as the whole `suanpan recalc` process
//
// The *plain-stale* case writes the same workbook with every formula as its own text (no shared
// formulas, as many tools write them) and every cached value wrong (-0.123456, a value no
// formula of it can give), so that recalc changes and save rewrites every formula cell.
//
// Each measurement runs in a child process (this program re-executed with "gen" or "run")
// so that its peak RSS (getrusage) is its own.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "calc/calculator.h"
#include "xlsx/xlsx.h"
#include "xlsx/zip_writer.h"

using namespace sp;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
static double cpu_self() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
static double cpu_children() {
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
static long peak_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// Writes the benchmark workbook: A..E values (four numbers and a label), F..O formulas.
static int generate(int rows, const std::string& path) {
    Workbook wb;
    SheetId s = wb.add_sheet("Data");
    Sheet& sh = wb.sheet(s);
    const char* heads[] = {"a", "b", "c", "d", "label", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"};
    for (int c = 0; c < 15; ++c) sh.set(0, c, Value::string(heads[c]));
    const char* formulas[] = {"=A2+B2", "=C2*D2", "=F2-G2", "=IF(A2>B2,A2,B2)", "=ROUND(H2/3,2)",
                              "=SUM(A2:D2)", "=F2*1.1", "=ABS(H2)", "=MAX(A2,C2)", "=I2+J2"};
    uint32_t prog[10];
    for (int k = 0; k < 10; ++k) prog[k] = wb.compile(formulas[k], s, {1, 5 + k});
    Value labels[7];
    for (int k = 0; k < 7; ++k) labels[k] = Value::string("项目" + std::to_string(k));
    for (int r = 1; r <= rows; ++r) {
        sh.set(r, 0, Value(r * 1.5));
        sh.set(r, 1, Value(double(r % 97)));
        sh.set(r, 2, Value(r * 0.25 + 3));
        sh.set(r, 3, Value(double(r % 13) - 6));
        sh.set(r, 4, labels[r % 7]);
        for (int k = 0; k < 10; ++k) wb.set_formula_program(s, {r, 5 + k}, prog[k]);
    }
    Calculator(wb).recalc_full();
    xlsx::write_fresh(wb, path);
    return 0;
}

// Writes PATH: the package at SEED_PATH (then removed) with sheet1.xml replaced by SHEET_XML, OVERRIDE
// inserted into [Content_Types].xml when not empty, and PARTS added; other entries are copied raw.
static int repackage(const std::string& seed_path, const std::string& path, const std::string& sheet_xml,
                     const std::string& override_ct, const std::map<std::string, std::string>& parts) {
    auto bytes = xlsx::read_file_bytes(seed_path);
    xlsx::ZipReader zip(bytes, seed_path);
    FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) return 1;
    {
        xlsx::ZipWriter z(out, path);
        for (const auto& e : zip.entries()) {
            if (e.name == "xl/worksheets/sheet1.xml") {
                z.add(e.name, sheet_xml, e.mtime);
            } else if (e.name == "[Content_Types].xml" && !override_ct.empty()) {
                auto b = zip.inflate(e);
                std::string ct(b.begin(), b.size);
                ct.insert(ct.rfind("</Types>"), override_ct);
                z.add(e.name, ct, e.mtime);
            } else {
                z.add_raw(e.name, e.method, e.crc, e.size, zip.raw(e), e.mtime);
            }
        }
        for (const auto& [name, text] : parts) z.add(name, text, 1700000000);
        z.finish();
    }
    std::fclose(out);
    std::filesystem::remove(seed_path);
    return 0;
}

// The plain-stale workbook: the package of write_fresh (one number in A1), with its sheet
// replaced by one written here — labels as inline strings, each formula as its own <f>
// text, every cached value -0.123456 (wrong for all of them).
static int generate_plain(int rows, const std::string& path) {
    std::string seed_path = path + ".seed.xlsx";
    {
        Workbook wb;
        SheetId s = wb.add_sheet("Data");
        wb.sheet(s).set(0, 0, Value(1.0));
        xlsx::write_fresh(wb, seed_path);
    }
    const char* heads[] = {"a", "b", "c", "d", "label", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"};
    // Formula texts by column F..O with "#" standing for the row number.
    const char* formulas[] = {"A#+B#", "C#*D#", "F#-G#", "IF(A#>B#,A#,B#)", "ROUND(H#/3,2)",
                              "SUM(A#:D#)", "F#*1.1", "ABS(H#)", "MAX(A#,C#)", "I#+J#"};
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    xml.reserve(size_t(rows) * 700);
    auto col = [](int c) { return std::string(1, char('A' + c)); };
    xml += "<row r=\"1\">";
    for (int c = 0; c < 15; ++c) xml += "<c r=\"" + col(c) + "1\" t=\"inlineStr\"><is><t>" + heads[c] + "</t></is></c>";
    xml += "</row>";
    char num[64];
    for (int r = 1; r <= rows; ++r) {
        std::string rn = std::to_string(r + 1);
        xml += "<row r=\"" + rn + "\">";
        double vals[4] = {r * 1.5, double(r % 97), r * 0.25 + 3, double(r % 13) - 6};
        for (int c = 0; c < 4; ++c) {
            std::snprintf(num, sizeof num, "%.17g", vals[c]);
            xml += "<c r=\"" + col(c) + rn + "\"><v>" + num + "</v></c>";
        }
        xml += "<c r=\"E" + rn + "\" t=\"inlineStr\"><is><t>项目" + std::to_string(r % 7) + "</t></is></c>";
        for (int k = 0; k < 10; ++k) {
            xml += "<c r=\"" + col(5 + k) + rn + "\"><f>";
            for (const char* p = formulas[k]; *p; ++p)
                if (*p == '#') xml += rn;
                else xml += *p;
            xml += "</f><v>-0.123456</v></c>";
        }
        xml += "</row>";
    }
    xml += "</sheetData></worksheet>";
    return repackage(seed_path, path, xml, {}, {});
}

// Loads, recalculates, saves; prints wall and CPU seconds of each phase, peak KiB, cells rewritten.
static int run(const std::string& path, const std::string& out, bool change_inputs) {
    double c0 = cpu_self();
    auto t = Clock::now();
    xlsx::Document doc = xlsx::read(path);
    double load = since(t), c1 = cpu_self();
    long peak_load = peak_kib();
    Workbook& wb = *doc.workbook;
    Calculator calc(wb);
    if (change_inputs) {  // every formula value changes: the save must rewrite ~all formula cells
        Sheet& sh = wb.sheet(0);
        auto used = sh.used_range();
        for (int32_t r = 1; r <= used->r2; ++r) wb.set_value(0, {r, 0}, Value(sh.get(r, 0).number() + 1));
    }
    double c2 = cpu_self();
    t = Clock::now();
    calc.recalc_full();
    double recalc = since(t), c3 = cpu_self();
    long peak_recalc = peak_kib();
    calc.release_graph();  // as `suanpan recalc` does before writing
    t = Clock::now();
    xlsx::WriteStats ws = xlsx::write_patched(doc, out);
    double save = since(t), c4 = cpu_self();
    // The peak so far after each phase says which phase sets the process's peak.
    std::printf("%.4f %.4f %.4f %.4f %.4f %.4f %ld %zu %ld %ld\n", load, recalc, save, c1 - c0, c3 - c2, c4 - c3, peak_kib(),
                ws.cells_rewritten, peak_load, peak_recalc);
    return 0;
}

static std::string self_exe() {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "bench_xlsx";
    buf[n] = 0;
    return buf;
}

static std::string capture(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
    return out;
}

// Best of three: wall seconds and CPU seconds of `unzip -p FILE > /dev/null`.
static void time_unzip(const std::string& path, double& wall, double& cpu) {
    wall = cpu = 1e9;
    for (int i = 0; i < 3; ++i) {
        double c = cpu_children();
        auto s = Clock::now();
        if (std::system(("unzip -p '" + path + "' > /dev/null").c_str()) != 0) return;
        wall = std::min(wall, since(s));
        cpu = std::min(cpu, cpu_children() - c);
    }
}

// The whole `suanpan recalc FILE -o OUT` process: wall, CPU (user+sys) and peak RSS (KiB).
static bool time_cli(const std::string& suanpan, const std::string& file, const std::string& out, double& wall,
                     double& cpu, long& peak) {
    auto s = Clock::now();
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, 1);
        execl(suanpan.c_str(), suanpan.c_str(), "recalc", file.c_str(), "-o", out.c_str(), (char*)nullptr);
        _exit(127);
    }
    int status = 0;
    rusage ru{};
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
    wall = since(s);
    cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    peak = ru.ru_maxrss;
    return true;
}

static double sheet_xml_mib(const std::string& file) {
    auto bytes = xlsx::read_file_bytes(file);
    xlsx::ZipReader zip(bytes, file);
    return double(zip.find("xl/worksheets/sheet1.xml")->size) / (1 << 20);
}

// Best of three in-process runs of one case; prints its table row. False when a run failed.
static bool run_case(const std::string& exe, const std::string& file, const std::string& dir, int rows,
                     const char* name, int change, double xml_mib, double unzip, double unzip_cpu) {
    double best[6] = {1e9, 1e9, 1e9, 1e9, 1e9, 1e9};
    long peak = 0, peak_load = 0;
    size_t rewritten = 0;
    for (int i = 0; i < 3; ++i) {
        std::string line = capture(exe + " run " + file + " " + dir + "/out.xlsx " + std::to_string(change));
        double v[6];
        long p, pl = 0, pr = 0;
        size_t w;
        if (std::sscanf(line.c_str(), "%lf %lf %lf %lf %lf %lf %ld %zu %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &p,
                        &w, &pl, &pr) < 8) {
            std::fprintf(stderr, "run failed: %s\n", line.c_str());
            return false;
        }
        for (int k = 0; k < 6; ++k) best[k] = std::min(best[k], v[k]);
        if (!peak) peak = p, peak_load = pl;
        rewritten = w;
    }
    std::printf("%-7d %-9s %7.1f %6.3f (%5.3f) | %9zu %6.3f (%5.3f) %6.3f (%5.3f) %6.3f (%5.3f) %9.1f | %5.2f (%5.2f) %5.2f (%5.2f) %6.2f\n",
                rows, name, xml_mib, unzip, unzip_cpu, rewritten, best[0], best[3], best[1], best[4], best[2], best[5],
                peak / 1024.0, best[0] / unzip, best[3] / unzip_cpu, best[2] / unzip, best[5] / unzip_cpu,
                peak / 1024.0 / xml_mib);
    std::printf("%-7d %-9s peak RSS after load %.1f MiB, after save %.1f MiB\n", rows, name, peak_load / 1024.0, peak / 1024.0);
    std::fflush(stdout);
    return true;
}

// The plain-stale case at one size: in-process phases, then the whole CLI process (best of 3).
static bool plain_case(const std::string& exe, const std::string& suanpan, const std::string& dir, int rows) {
    std::string file = dir + "/plain_" + std::to_string(rows) + ".xlsx";
    if (std::system((exe + " gen-plain " + std::to_string(rows) + " " + file).c_str()) != 0) return false;
    double xml_mib = sheet_xml_mib(file);
    double unzip, unzip_cpu;
    time_unzip(file, unzip, unzip_cpu);
    if (!run_case(exe, file, dir, rows, "plain", 0, xml_mib, unzip, unzip_cpu)) return false;
    if (suanpan.empty() || !std::filesystem::exists(suanpan)) {
        std::printf("%-7d %-9s (no suanpan binary: pass --suanpan PATH)\n", rows, "plain CLI");
        return true;
    }
    double wall = 1e9, cpu = 1e9;
    long peak = 0;
    for (int i = 0; i < 3; ++i) {
        double w, c;
        long p;
        if (!time_cli(suanpan, file, dir + "/out.xlsx", w, c, p)) {
            std::fprintf(stderr, "suanpan recalc failed on %s\n", file.c_str());
            return false;
        }
        wall = std::min(wall, w);
        cpu = std::min(cpu, c);
        peak = std::max(peak, p);
    }
    std::printf("%-7d %-9s %7.1f %6.3f (%5.3f) | suanpan recalc: %6.3f s (CPU %5.3f), peak %.1f MiB | %5.2f (%5.2f) x unzip, peak/XML %.2f\n",
                rows, "plain CLI", xml_mib, unzip, unzip_cpu, wall, cpu, peak / 1024.0, wall / unzip, cpu / unzip_cpu,
                peak / 1024.0 / xml_mib);
    std::fflush(stdout);
    return true;
}

// --- tables: the same three formulas per row as calculated columns of a table ([@col]) and
// in A1 form (issue 13: the table form must recalculate within 1.2x of the A1 form).
//   bench_xlsx tables [ROWS]   (default 100000)
static int generate_table(int rows, const std::string& path, bool structured) {
    std::string seed_path = path + ".seed.xlsx";
    {
        Workbook wb;
        SheetId s = wb.add_sheet("Data");
        wb.sheet(s).set(0, 0, Value(1.0));
        xlsx::write_fresh(wb, seed_path);
    }
    const char* heads[] = {"a", "b", "x", "y", "z"};
    const char* table_f[] = {"[@a]*[@b]", "[@x]+[@a]", "IF([@y]&gt;100,[@y]-[@b],[@a])"};
    const char* a1_f[] = {"A#*B#", "C#+A#", "IF(D#&gt;100,D#-B#,A#)"};
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData><row r=\"1\">";
    for (int c = 0; c < 5; ++c)
        xml += std::string("<c r=\"") + char('A' + c) + "1\" t=\"inlineStr\"><is><t>" + heads[c] + "</t></is></c>";
    xml += "</row>";
    char num[64];
    for (int r = 1; r <= rows; ++r) {
        std::string rn = std::to_string(r + 1);
        xml += "<row r=\"" + rn + "\">";
        std::snprintf(num, sizeof num, "%.17g", r * 1.5);
        xml += "<c r=\"A" + rn + "\"><v>" + num + "</v></c><c r=\"B" + rn + "\"><v>" + std::to_string(r % 97) + "</v></c>";
        for (int k = 0; k < 3; ++k) {
            xml += std::string("<c r=\"") + char('C' + k) + rn + "\"><f>";
            for (const char* p = structured ? table_f[k] : a1_f[k]; *p; ++p)
                if (*p == '#') xml += rn;
                else xml += *p;
            xml += "</f><v>-0.123456</v></c>";
        }
        xml += "</row>";
    }
    xml += "</sheetData>";
    if (structured) xml += "<tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>";
    xml += "</worksheet>";
    std::string table = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<table xmlns=\"http://"
                        "schemas.openxmlformats.org/spreadsheetml/2006/main\" id=\"1\" name=\"T\" displayName=\"T\" ref=\"A1:E" +
                        std::to_string(rows + 1) + "\"><tableColumns count=\"5\">";
    for (int c = 0; c < 5; ++c) {
        table += "<tableColumn id=\"" + std::to_string(c + 1) + "\" name=\"" + heads[c] + "\"";
        table += c < 2 ? "/>" : std::string("><calculatedColumnFormula>") + table_f[c - 2] + "</calculatedColumnFormula></tableColumn>";
    }
    table += "</tableColumns></table>";
    if (!structured) return repackage(seed_path, path, xml, {}, {});
    std::map<std::string, std::string> parts = {
        {"xl/worksheets/_rels/sheet1.xml.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas."
         "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
         "openxmlformats.org/officeDocument/2006/relationships/table\" Target=\"../tables/table1.xml\"/></Relationships>"},
        {"xl/tables/table1.xml", table}};
    return repackage(seed_path, path, xml, "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"application/"
                                           "vnd.openxmlformats-officedocument.spreadsheetml.table+xml\"/>", parts);
}

static int tables_bench(int argc, char** argv) {
    int rows = argc >= 3 ? std::atoi(argv[2]) : 100000;
    std::string exe = self_exe();
    std::string dir = std::filesystem::temp_directory_path().string() + "/suanpan-bench-xlsx";
    std::filesystem::create_directories(dir);
    std::printf("%d rows x 3 formulas, best of 3 in-process runs: wall seconds (CPU seconds)\n", rows);
    double recalc[2], load[2];
    for (int structured = 1; structured >= 0; --structured) {
        std::string file = dir + (structured ? "/table_" : "/a1_") + std::to_string(rows) + ".xlsx";
        if (std::system((exe + " gen-table " + std::to_string(rows) + " " + file + " " + std::to_string(structured)).c_str()) != 0)
            return 1;
        double best[6] = {1e9, 1e9, 1e9, 1e9, 1e9, 1e9};
        for (int i = 0; i < 3; ++i) {
            std::string line = capture(exe + " run " + file + " " + dir + "/out.xlsx 0");
            double v[6];
            long p;
            size_t w;
            if (std::sscanf(line.c_str(), "%lf %lf %lf %lf %lf %lf %ld %zu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &p,
                            &w) != 8 || w < size_t(rows) * 3) {
                std::fprintf(stderr, "run failed on %s: %s\n", file.c_str(), line.c_str());
                return 1;
            }
            for (int k = 0; k < 6; ++k) best[k] = std::min(best[k], v[k]);
        }
        load[structured] = best[0];
        recalc[structured] = best[1];
        std::printf("%-12s load %6.3f (%6.3f)  recalc %6.3f (%6.3f)  save %6.3f (%6.3f)\n",
                    structured ? "table [@col]" : "A1", best[0], best[3], best[1], best[4], best[2], best[5]);
    }
    std::printf("table / A1: recalc %.2fx, load %.2fx\n", recalc[1] / recalc[0], load[1] / load[0]);
    return 0;
}

int main(int argc, char** argv) {
    if (argc >= 4 && std::strcmp(argv[1], "gen") == 0) return generate(std::atoi(argv[2]), argv[3]);
    if (argc >= 5 && std::strcmp(argv[1], "run") == 0) return run(argv[2], argv[3], std::strcmp(argv[4], "1") == 0);
    if (argc >= 5 && std::strcmp(argv[1], "gen-table") == 0) return generate_table(std::atoi(argv[2]), argv[3], std::strcmp(argv[4], "1") == 0);
    if (argc >= 2 && std::strcmp(argv[1], "tables") == 0) return tables_bench(argc, argv);
    if (argc >= 4 && std::strcmp(argv[1], "gen-plain") == 0) return generate_plain(std::atoi(argv[2]), argv[3]);
    std::vector<int> sizes;
    bool plain_only = false;
    std::string exe = self_exe();
    // suanpan sits two folders up from build/tests/bench/bench_xlsx.
    std::string suanpan = (std::filesystem::path(exe).parent_path() / "../../suanpan").lexically_normal().string();
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "plain") == 0) plain_only = true;
        else if (std::strcmp(argv[i], "--suanpan") == 0 && i + 1 < argc) suanpan = argv[++i];
        else sizes.push_back(std::atoi(argv[i]));
    }
    if (sizes.empty()) sizes = plain_only ? std::vector<int>{100000} : std::vector<int>{10000, 100000, 300000};
    std::string dir = std::filesystem::temp_directory_path().string() + "/suanpan-bench-xlsx";
    std::filesystem::create_directories(dir);
    std::printf("wall seconds (CPU seconds in parentheses); ratios to unzip -p on wall time (CPU time)\n");
    std::printf("%-7s %-9s %7s %14s | %9s %14s %14s %14s %9s | %13s %13s %6s\n", "rows", "case", "xml MiB", "unzip",
                "rewritten", "load", "recalc", "save", "peak MiB", "load/u", "save/u", "mem/x");
    for (int rows : sizes) {
        if (plain_only) {
            if (!plain_case(exe, suanpan, dir, rows)) return 1;
            continue;
        }
        std::string file = dir + "/bench_" + std::to_string(rows) + ".xlsx";
        std::system((exe + " gen " + std::to_string(rows) + " " + file).c_str());
        double xml_mib = sheet_xml_mib(file);
        double unzip, unzip_cpu;
        time_unzip(file, unzip, unzip_cpu);
        for (int change = 0; change <= 1; ++change)
            if (!run_case(exe, file, dir, rows, change ? "changed" : "unchanged", change, xml_mib, unzip, unzip_cpu))
                return 1;
        if (!plain_case(exe, suanpan, dir, rows)) return 1;
    }
    return 0;
}
