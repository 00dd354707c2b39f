// value.h — the cell value: empty | number | string | boolean | error | array.
// A Value is 16 bytes. Strings and arrays are immutable and reference-counted, so
// copying a Value never copies text; numbers, booleans and errors live inline.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sp {

// Excel's error values, plus Cycle for cells caught in a circular reference.
enum class Err : uint8_t { None = 0, Null, Div0, Value, Ref, Name, Num, NA, GettingData, Spill, Calc, Cycle };

std::string_view error_text(Err e);          // "#DIV/0!" …; Cycle is "#CYCLE!"
Err error_from_text(std::string_view text);  // Err::None when not an error literal

enum class Type : uint8_t { Empty = 0, Number, String, Bool, Error, Array };

struct StrRep;
struct ArrayRep;
class Array;

class Value {
public:
    Value() noexcept : type_(Type::Empty) { u_.num = 0; }
    Value(double d) noexcept : type_(Type::Number) { u_.num = d; }
    Value(int i) noexcept : type_(Type::Number) { u_.num = i; }
    static Value boolean(bool b) noexcept { Value v; v.type_ = Type::Bool; v.u_.b = b; return v; }
    static Value error(Err e) noexcept { Value v; v.type_ = Type::Error; v.u_.err = e; return v; }
    static Value string(std::string_view s);
    static Value array(Array a);

    Value(const Value& o) noexcept;
    Value(Value&& o) noexcept : type_(o.type_), u_(o.u_) { o.type_ = Type::Empty; }
    Value& operator=(const Value& o) noexcept;
    Value& operator=(Value&& o) noexcept;
    ~Value() { release(); }

    Type type() const noexcept { return type_; }
    bool is_empty() const noexcept { return type_ == Type::Empty; }
    bool is_number() const noexcept { return type_ == Type::Number; }
    bool is_string() const noexcept { return type_ == Type::String; }
    bool is_bool() const noexcept { return type_ == Type::Bool; }
    bool is_error() const noexcept { return type_ == Type::Error; }
    bool is_array() const noexcept { return type_ == Type::Array; }

    double number() const noexcept { return u_.num; }      // valid when is_number()
    bool boolean() const noexcept { return u_.b; }          // valid when is_bool()
    Err error() const noexcept { return u_.err; }           // valid when is_error()
    std::string_view string() const noexcept;               // valid when is_string()
    const Array& array() const noexcept;                    // valid when is_array()

    // Identity of the shared string payload (for the sheet's compact storage).
    StrRep* str_rep() const noexcept { return type_ == Type::String ? u_.str : nullptr; }
    static Value from_str_rep(StrRep* rep) noexcept;        // takes a new reference

    // Exact equality of type and payload (numbers bitwise-equal or ==); used for change detection.
    bool same_as(const Value& o) const noexcept;

private:
    void release() noexcept;
    Type type_;
    union U {
        double num;
        bool b;
        Err err;
        StrRep* str;
        ArrayRep* arr;
    } u_;
};

// A rows × cols matrix of values (array constants, array results of functions).
class Array {
public:
    Array() = default;
    Array(uint32_t rows, uint32_t cols) : rows_(rows), cols_(cols), cells_(size_t(rows) * cols) {}
    uint32_t rows() const { return rows_; }
    uint32_t cols() const { return cols_; }
    const Value& at(uint32_t r, uint32_t c) const { return cells_[size_t(r) * cols_ + c]; }
    Value& at(uint32_t r, uint32_t c) { return cells_[size_t(r) * cols_ + c]; }
    const std::vector<Value>& cells() const { return cells_; }
private:
    uint32_t rows_ = 0, cols_ = 0;
    std::vector<Value> cells_;
};

struct StrRep {
    std::atomic<uint32_t> refs;
    uint32_t size;
    char data[1];  // size bytes follow, NUL-terminated
};
void str_addref(StrRep* s) noexcept;
void str_release(StrRep* s) noexcept;

// Human-readable rendering (numbers in Excel's general format, up to 15 significant digits).
std::string to_display(const Value& v);
// Excel "General" rendering of a number: 15 significant digits, no trailing zeros.
std::string format_general(double d);

}  // namespace sp
