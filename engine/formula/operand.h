// operand.h — what sits on the evaluator's stack and what functions receive:
// a value, a reference (one area, or several for a union), or a missing argument.
#pragma once
#include <memory>
#include <vector>

#include "core/address.h"
#include "core/value.h"

namespace sp {

class Operand {
public:
    enum class Kind : uint8_t { Value, Ref, Areas, Missing };

    Operand() : kind_(Kind::Missing) {}
    Operand(Value v) : kind_(Kind::Value), value_(std::move(v)) {}
    Operand(double d) : kind_(Kind::Value), value_(d) {}
    Operand(SheetRange r) : kind_(Kind::Ref), ref_(r) {}
    static Operand areas(std::vector<SheetRange> list) {
        Operand o;
        o.kind_ = Kind::Areas;
        o.extra_ = std::make_shared<const std::vector<SheetRange>>(std::move(list));
        return o;
    }
    // A LAMBDA value (formula/vm.h Closure). Every function but the LAMBDA helpers sees
    // it as the error #CALC!, which is also what a cell left holding a LAMBDA shows.
    static Operand lambda(std::shared_ptr<const void> closure) {
        Operand o(Value::error(Err::Calc));
        o.extra_ = std::move(closure);
        return o;
    }
    static Operand missing() { return Operand(); }

    Kind kind() const { return kind_; }
    bool is_value() const { return kind_ == Kind::Value; }
    bool is_ref() const { return kind_ == Kind::Ref || kind_ == Kind::Areas; }
    bool is_missing() const { return kind_ == Kind::Missing; }

    const Value& value() const { return value_; }   // kind Value
    Value& value() { return value_; }
    const SheetRange& ref() const { return ref_; }  // kind Ref
    // Every area of a reference (one for Ref, several for Areas).
    std::vector<SheetRange> area_list() const {
        if (kind_ == Kind::Ref) return {ref_};
        if (kind_ == Kind::Areas) return *static_cast<const std::vector<SheetRange>*>(extra_.get());
        return {};
    }
    // The closure of a LAMBDA value, nullptr for anything else.
    const void* closure() const {
        return kind_ == Kind::Value && extra_ && value_.is_error() && value_.error() == Err::Calc ? extra_.get()
                                                                                                   : nullptr;
    }

private:
    Kind kind_;
    Value value_;
    SheetRange ref_;
    std::shared_ptr<const void> extra_;  // Areas: the area list; Value: a LAMBDA's closure
};

}  // namespace sp
