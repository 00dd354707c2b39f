// cmd_graph.cpp — `suanpan graph IN.xlsx --cell REF [--depth N] [--dot] [--svg FILE]`:
// the precedents and dependents of one cell as a Graphviz graph (Boost's write_graphviz).
#include <cstdio>
#include <deque>
#include <iostream>
#include <map>
#include <sstream>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#include "calc/calculator.h"
#include "cli/command.h"
#include "core/messages.h"
#include "cli/open_workbook.h"

namespace sp::cli {
namespace {

struct GraphOptions {
    std::string input, cell, svg;
    InputOptions in;
    int depth = 2;
    bool dot = false;
};

std::string label(const Workbook& wb, const SheetRange& r) {
    return quote_sheet_name(wb.sheet(r.sheet).name()) + "!" + range_text(r.range);
}

void run(const GraphOptions& o) {
    OpenedWorkbook opened = open_workbook(o.input, o.in, /*recalc=*/true);
    Workbook& wb = opened.wb();
    Calculator& calc = *opened.calc;
    auto target = wb.resolve_cell(o.cell);
    if (!target) throw Exit(kBadInput, msg::text("cli.no_such_cell", {o.input, o.cell}));

    using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    G g;
    std::vector<std::string> names;
    std::vector<std::string> roles;
    std::map<std::string, size_t> ids;
    auto vertex = [&](const std::string& name, const char* role) {
        auto [it, fresh] = ids.try_emplace(name, names.size());
        if (fresh) {
            names.push_back(name);
            roles.push_back(role);
            boost::add_vertex(g);
        }
        return it->second;
    };
    SheetRange self{target->sheet, RangeAddr{target->cell.row, target->cell.col, target->cell.row, target->cell.col}};
    size_t root = vertex(label(wb, self), "target");
    // Precedents, upwards: a range is one node; its cells are expanded only when they are formulas.
    std::deque<std::pair<SheetCell, int>> up{{*target, 0}};
    while (!up.empty()) {
        // Plain variables, not a structured binding: the lambdas below capture d, which
        // clang 14 refuses for a binding (C++20 allows it).
        SheetCell cell = up.front().first;
        int d = up.front().second;
        up.pop_front();
        if (d >= o.depth) continue;
        SheetRange cr{cell.sheet, RangeAddr{cell.cell.row, cell.cell.col, cell.cell.row, cell.cell.col}};
        size_t to = vertex(label(wb, cr), "precedent");
        for (const SheetRange& p : calc.precedents(cell)) {
            bool fresh = !ids.count(label(wb, p));
            size_t from = vertex(label(wb, p), "precedent");
            boost::add_edge(from, to, g);
            if (!fresh) continue;
            wb.sheet(p.sheet).for_each_formula(p.range, [&](int32_t r, int32_t c, uint32_t) {
                if (p.range.is_cell()) up.push_back({SheetCell{p.sheet, {r, c}}, d + 1});
            });
            if (!p.range.is_cell()) {
                size_t n = 0;
                wb.sheet(p.sheet).for_each_formula(p.range, [&](int32_t r, int32_t c, uint32_t) {
                    if (n++ < 20) {
                        SheetRange inner{p.sheet, RangeAddr{r, c, r, c}};
                        boost::add_edge(vertex(label(wb, inner), "precedent"), from, g);
                        up.push_back({SheetCell{p.sheet, {r, c}}, d + 1});
                    }
                });
            }
        }
    }
    // Dependents, downwards.
    std::deque<std::pair<SheetCell, int>> down{{*target, 0}};
    std::map<std::string, bool> seen;
    while (!down.empty()) {
        auto [cell, d] = down.front();
        down.pop_front();
        if (d >= o.depth) continue;
        SheetRange cr{cell.sheet, RangeAddr{cell.cell.row, cell.cell.col, cell.cell.row, cell.cell.col}};
        size_t from = vertex(label(wb, cr), d == 0 ? "target" : "dependent");
        for (const SheetCell& dep : calc.dependents(cell)) {
            SheetRange dr{dep.sheet, RangeAddr{dep.cell.row, dep.cell.col, dep.cell.row, dep.cell.col}};
            std::string name = label(wb, dr);
            size_t to = vertex(name, "dependent");
            boost::add_edge(from, to, g);
            if (!seen[name]) {
                seen[name] = true;
                down.push_back({dep, d + 1});
            }
        }
    }
    roles[root] = "target";
    std::ostringstream dot;
    boost::write_graphviz(
        dot, g,
        [&](std::ostream& os, size_t v) {
            std::string text = names[v];
            Value val;
            if (auto sc = wb.resolve_cell(text)) {
                val = wb.get(sc->sheet, sc->cell);
                text += "\\n" + to_display(val);
            }
            std::string esc;
            for (char ch : text) {
                if (ch == '"') esc += "\\\"";
                else esc += ch;
            }
            const char* color = roles[v] == "target" ? "gold" : roles[v] == "precedent" ? "lightblue" : "palegreen";
            os << "[label=\"" << esc << "\", style=filled, fillcolor=" << color << ", shape=box]";
        },
        boost::default_writer(), [](std::ostream& os) { os << "rankdir=LR;\n"; });
    std::string text = dot.str();
    if (!o.svg.empty()) {
        if (std::system("command -v dot >/dev/null 2>&1") != 0)
            throw Exit(kUsage, msg::text("cli.needs_dot"));
        std::string cmd = "dot -Tsvg -o '" + o.svg + "'";
        FILE* p = popen(cmd.c_str(), "w");
        if (!p) throw Exit(kOutputError, msg::text("cli.cannot_run_dot"));
        std::fwrite(text.data(), 1, text.size(), p);
        if (pclose(p) != 0) throw Exit(kOutputError, msg::text("cli.dot_failed", {o.svg}));
        std::cerr << msg::text("cli.wrote", {o.svg}) << "\n";
    }
    if (o.dot || o.svg.empty()) std::cout << text;
}

Registration reg("graph", "Print the precedents and dependents of a cell as a Graphviz graph", [](CLI::App& sub) {
    auto o = std::make_shared<GraphOptions>();
    sub.add_option("input", o->input, "Workbook (xlsx)")->required();
    add_input_options(sub, o->in);
    sub.add_option("--cell", o->cell, "The cell, e.g. \"'收入支出决算总表'!C40\"")->required();
    sub.add_option("--depth", o->depth, "Levels of precedents and dependents (default 2)");
    sub.add_flag("--dot", o->dot, "Print the DOT text (the default when --svg is not given)");
    sub.add_option("--svg", o->svg, "Also render to an SVG file with Graphviz dot");
    sub.callback([o] { run(*o); });
});

}  // namespace
}  // namespace sp::cli
