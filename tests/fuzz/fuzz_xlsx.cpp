// fuzz_xlsx.cpp — libFuzzer target: the xlsx reader (zip container, [Content_Types].xml,
// relationships, workbook.xml, worksheets, shared strings, styles, value metadata), then a
// recalculation of what was read. Two input forms:
//  - a zip archive as is (starts with "PK"): mutations hit the container, inflate and CRCs;
//  - a "parts" text (fuzz_parts.h): the harness zips the parts (stored, correct CRCs), so
//    mutations reach the XML parsers instead of dying in a checksum.
// The reader may throw xlsx::Error (the clear message a user gets); anything else is a bug.
#include <cstdint>
#include <memory>
#include <string>

#include "calc/calculator.h"
#include "fuzz_parts.h"
#include "xlsx/xlsx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > (1u << 20)) return 0;
    std::string in(reinterpret_cast<const char*>(data), size);
    auto bytes = std::make_shared<const std::string>(in.rfind("PK", 0) == 0 ? in : sp::fuzz::zip_parts(in));
    sp::xlsx::ReadOptions opt;
    opt.limits.max_entry = 64u << 20;  // keep zip bombs within the fuzzer's memory
    opt.limits.max_total = 128u << 20;
    try {
        sp::xlsx::Document doc = sp::xlsx::read_bytes(bytes, "fuzz.xlsx", opt);
        for (const auto& d : doc.workbook->diagnostics()) (void)doc.where(d);
        if (doc.stats.formulas < 2000) {
            sp::Calculator calc(*doc.workbook);
            calc.set_now(46000.5);
            calc.recalc_full();
        }
    } catch (const sp::xlsx::Error&) {
    }
    return 0;
}
