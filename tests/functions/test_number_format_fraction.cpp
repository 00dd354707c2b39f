// test_number_format_fraction.cpp — fraction formats with long denominators ("?/?????" and
// beyond) use the continued-fraction search (closest_fraction in number_format.cpp): its
// result is as close as an exhaustive search over every denominator, which took ~6 s per cell
// for 8-digit denominators (found by fuzz_number_format as a timeout). Codes are split where
// they would hold a trigraph.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

#include "formula/functions/number_format.h"

using namespace sp;

namespace {
std::string fmt(double v, const char* code) { return format_number(v, code, false); }

// Parses "p/q" (after an optional whole part and spaces) of a rendered fraction.
bool parse_fraction(const std::string& s, double& whole, long long& p, long long& q) {
    size_t slash = s.find('/');
    if (slash == std::string::npos) return false;
    size_t b = s.find_last_of(' ', slash);
    std::string num = s.substr(b == std::string::npos ? 0 : b + 1, slash - (b == std::string::npos ? 0 : b + 1));
    std::string w = b == std::string::npos ? "" : s.substr(0, b);
    whole = w.find_first_not_of(' ') == std::string::npos ? 0 : std::atof(w.c_str());
    p = std::atoll(num.c_str());
    q = std::atoll(s.c_str() + slash + 1);
    return q > 0;
}
}  // namespace

TEST_CASE("number format: long fraction denominators are as close as an exhaustive search", "[functions][number_format]") {
    const long long maxq = 99999;  // "?????": the first length that takes the new search
    uint64_t seed = 12345;
    for (int i = 0; i < 60; ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        double v = double(seed >> 11) / double(1ULL << 53) * 50;  // 0 … 50
        std::string s = fmt(v, "# ????" "?/?????");
        double whole;
        long long p, q;
        if (!parse_fraction(s, whole, p, q)) {  // a whole number: no fraction shown
            CHECK(std::fabs(v - std::round(v)) < 1.0 / maxq);
            continue;
        }
        double f = v - std::floor(v);
        double best = 2;
        for (long long qq = 1; qq <= maxq; ++qq)
            best = std::min(best, std::fabs(f - std::floor(f * qq + 0.5) / double(qq)));
        INFO(v << " -> " << s);
        CHECK(whole == std::floor(v));
        CHECK(q <= maxq);
        CHECK(std::fabs(f - double(p) / double(q)) <= best + 1e-15);
    }
}

TEST_CASE("number format: 8-digit fraction denominators", "[functions][number_format]") {
    CHECK(fmt(0.5, "# ???????" "?/????????") == "        1/2       ");
    CHECK(fmt(1.0 / 7, "?/????????") == "1/7       ");
    CHECK(fmt(0.1234567, "?/????????") == "1234567/10000000");
    CHECK(fmt(123.456, "?/????????") == "15432/125     ");
    double whole;
    long long p, q;
    std::string pi = fmt(3.14159265358979, "# ???????" "?/????????");
    REQUIRE(parse_fraction(pi, whole, p, q));
    CHECK(whole == 3);
    CHECK(q <= 99999999);
    CHECK(std::fabs(3 + double(p) / double(q) - 3.14159265358979) < 1e-15);
    // No whole part shown and a numerator beyond long long: not shown as a fraction.
    CHECK(fmt(1e300, "?/????????") == "#VALUE!");
}

// fuzz_number_format: 6.08e223 with "?/?" (no whole part) made round_as_displayed convert the
// numerator to long long (UB); a fixed denominator ("?/4") did the same in the formatter.
TEST_CASE("number format: huge values in fractions without a whole part", "[functions][number_format]") {
    const double huge = 6.08193e223;
    CHECK(round_as_displayed(huge, "?/?") == huge);
    CHECK(round_as_displayed(huge, "?/4") == huge);
    CHECK(round_as_displayed(-huge, "??/??") == -huge);
    CHECK(fmt(huge, "?/?") == "#VALUE!");
    CHECK(fmt(huge, "?/4") == "#VALUE!");
    // values that fit are still rounded to what is shown
    CHECK(round_as_displayed(0.26, "?/4") == 0.25);
    CHECK(round_as_displayed(2.5, "?/?") == 2.5);
    CHECK(fmt(2.5, "?/4") == "10/4");
}
