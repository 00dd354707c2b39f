// fuzz_lua.cpp — libFuzzer target: the Lua value bridge and the plugin sandbox around it.
// Input byte 0 picks the mode:
//  - even: the rest encodes a cell value (a scalar or an array of scalars, fuzz_value below);
//    it goes to Lua and back through push_value/to_value and must come back the same;
//  - odd: the rest is the body of a plugin function and of a check (Lua source). The plugin
//    is loaded under small limits, called from a formula with numbers, text, an error and a
//    range, its result read back as a cell value; the check runs over the same workbook.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

extern "C" {
#include <lua.h>
}

#include "calc/calculator.h"
#include "lua/bridge.h"
#include "lua/plugins.h"
#include "lua/runtime.h"

using namespace sp;

namespace {

struct Reader {
    const uint8_t* p;
    size_t n;
    uint8_t byte() { if (!n) return 0; --n; return *p++; }
    double number() {
        double d = 0;
        if (n >= 8) { std::memcpy(&d, p, 8); p += 8; n -= 8; }
        return std::isfinite(d) ? d : 0.0;
    }
    std::string text() {
        size_t len = std::min<size_t>(byte() % 24, n);
        std::string s(reinterpret_cast<const char*>(p), len);
        p += len; n -= len;
        return s;
    }
};

Value scalar(Reader& r) {
    switch (r.byte() % 5) {
        case 0: return Value();
        case 1: return Value(r.number());
        case 2: return Value::string(r.text());
        case 3: return Value::boolean(r.byte() & 1);
        default: {
            static const Err errs[] = {Err::Null, Err::Div0, Err::Value, Err::Ref, Err::Name,
                                       Err::Num,  Err::NA,   Err::GettingData, Err::Spill, Err::Calc};
            return Value::error(errs[r.byte() % std::size(errs)]);
        }
    }
}

Value fuzz_value(Reader& r) {
    uint8_t shape = r.byte();
    if (!(shape & 0x80)) return scalar(r);
    uint32_t rows = 1 + (shape & 7), cols = 1 + ((shape >> 3) & 7);
    Array a{rows, cols};
    for (uint32_t i = 0; i < rows; ++i)
        for (uint32_t j = 0; j < cols; ++j) a.at(i, j) = scalar(r);
    return Value::array(std::move(a));
}

lua::Limits small_limits() {
    lua::Limits l;
    l.instructions = 200'000;
    l.memory = size_t(32) << 20;
    l.seconds = 2;
    return l;
}

void roundtrip(Reader& r) {
    static std::unique_ptr<lua::State> st = lua::new_plugin_state(small_limits());
    lua_State* L = st->L();
    Value v = fuzz_value(r);
    lua::push_value(L, v);
    Value back;
    bool ok = lua::to_value(L, -1, back);
    lua_settop(L, 0);
    // Empty cells inside an array come back as nil holes; a table is read by its length, so
    // only arrays without empty cells are compared.
    bool holes = false;
    if (v.is_array())
        for (uint32_t i = 0; i < v.array().rows(); ++i)
            for (uint32_t j = 0; j < v.array().cols(); ++j) holes |= v.array().at(i, j).is_empty();
    bool same = v.is_array() ? back.is_array() && back.array().rows() == v.array().rows() &&
                                   back.array().cols() == v.array().cols()
                             : v.same_as(back);
    for (uint32_t i = 0; same && v.is_array() && i < v.array().rows(); ++i)
        for (uint32_t j = 0; j < v.array().cols(); ++j) same &= v.array().at(i, j).same_as(back.array().at(i, j));
    if (!ok || (!holes && !same)) {
        std::fprintf(stderr, "fuzz_lua: %s did not come back (%s)\n", to_display(v).c_str(), to_display(back).c_str());
        std::abort();
    }
}

void plugin(std::string_view body) {
    auto set = std::make_shared<lua::PluginSet>(small_limits());
    std::string src = "suanpan.func{ name = \"FZ\", params = {\"a\", \"[b]\", \"...\"}, fn = function(a, b, c, d)\n";
    src.append(body);
    src += "\nend }\nsuanpan.check{ id = \"FZ-1\", message = \"fuzz\", fn = function(wb)\n";
    src.append(body);
    src += "\nend }\n";
    set->add_source("fuzz.lua", src);
    auto reg = set->registry();
    Workbook wb(reg.get());
    SheetId s = wb.add_sheet("表");
    wb.set_value(s, CellAddr{0, 0}, Value(1126.72));
    wb.set_value(s, CellAddr{1, 0}, Value::string("84.97%"));
    wb.set_value(s, CellAddr{0, 1}, Value::error(Err::NA));
    wb.set_value(s, CellAddr{1, 1}, Value::boolean(true));
    wb.set_formula(s, CellAddr{4, 4}, "FZ(A1:B2, A1, \"文本\", B2)");
    wb.set_formula(s, CellAddr{5, 4}, "FZ(E5)+1");
    lua::Runtime rt(set);
    Calculator calc(wb);
    calc.set_host(&rt.host(), &rt);
    calc.set_now(46000.5);
    calc.recalc_full();
    for (const auto& rule : set->rules())
        if (rule.lua_fn >= 0) (void)rt.run_check(rule, wb, calc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1 || size > 8192) return 0;
    Reader r{data + 1, size - 1};
    if (data[0] % 2 == 0)
        roundtrip(r);
    else
        plugin(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    return 0;
}
