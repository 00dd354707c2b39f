// vm.cpp — the interpreter loop and the operators.
//
// Each nesting level (a defined name, a cell computed on demand) gets its own stack
// from a pool, so that a function's argument span never moves under it.
// Operators follow Excel: operands that are references are implicitly intersected
// with the formula's row/column, unless the instruction is in array mode, where
// references become arrays and the operator is applied element by element with
// broadcasting of single rows/columns (#N/A outside the smaller array).
// LET values live in a frame of local slots per nesting level; a LAMBDA call runs its
// body (a range of the same program's code) one level deeper with a fresh frame.
#include "formula/vm.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include <spdlog/spdlog.h>

#include "model/workbook.h"

namespace sp::formula {

namespace {

bool is_multi(const Operand& o) {
    if (o.kind() == Operand::Kind::Ref) return !o.ref().range.is_cell();
    return o.kind() == Operand::Kind::Value && o.value().is_array();
}

Value number_result(double d) {
    if (!std::isfinite(d)) return Value::error(Err::Num);
    return Value(d);
}

int compare_text(std::string_view a, std::string_view b) {
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x < 0x80) x = static_cast<unsigned char>(std::toupper(x));
        if (y < 0x80) y = static_cast<unsigned char>(std::toupper(y));
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

Value binary_scalar(OpCode op, const Value& a, const Value& b) {
    if (op == OpCode::Concat) {
        std::string x, y;
        if (Err e = CallContext::to_text(a, x); e != Err::None) return Value::error(e);
        if (Err e = CallContext::to_text(b, y); e != Err::None) return Value::error(e);
        return Value::string(x + y);
    }
    if (op >= OpCode::Eq && op <= OpCode::Ge) {
        Err err = Err::None;
        int c = compare_values(a, b, err);
        if (err != Err::None) return Value::error(err);
        bool r = false;
        switch (op) {
            case OpCode::Eq: r = c == 0; break;
            case OpCode::Ne: r = c != 0; break;
            case OpCode::Lt: r = c < 0; break;
            case OpCode::Le: r = c <= 0; break;
            case OpCode::Gt: r = c > 0; break;
            default: r = c >= 0; break;
        }
        return Value::boolean(r);
    }
    double x, y;
    if (a.is_number()) x = a.number();
    else if (Err e = CallContext::to_number(a, x); e != Err::None) return Value::error(e);
    if (b.is_number()) y = b.number();
    else if (Err e = CallContext::to_number(b, y); e != Err::None) return Value::error(e);
    switch (op) {
        case OpCode::Add: return number_result(x + y);
        case OpCode::Sub: return number_result(x - y);
        case OpCode::Mul: return number_result(x * y);
        case OpCode::Div:
            if (y == 0) return Value::error(Err::Div0);
            return number_result(x / y);
        case OpCode::Pow:
            if (x == 0 && y == 0) return Value::error(Err::Num);
            if (x == 0 && y < 0) return Value::error(Err::Div0);
            return number_result(std::pow(x, y));
        default: return Value::error(Err::Value);
    }
}

}  // namespace

// [1]Sheet1!A1:B2 from the link's cache: one value, or an array (cells the cache lacks are
// empty, as Excel stores only non-empty ones). Areas beyond a million cells are #REF!.
Value Evaluator::external_value(const RefSpec& spec) {
    RefSpec local = spec;
    local.sheet = -1;
    SheetRange r;
    if (!resolve_ref(local, sheet(), cell(), r)) return Value::error(Err::Ref);
    const auto& books = workbook().external_books();
    if (size_t(spec.external) >= books.size()) return Value::error(Err::Ref);
    const auto& cells = books[size_t(spec.external)].cells[size_t(spec.external_sheet)];
    auto get = [&](int32_t row, int32_t col) {
        auto it = cells.find(uint64_t(row) * 16384 + uint64_t(col));
        return it == cells.end() ? Value() : it->second;
    };
    const RangeAddr& a = r.range;
    if (a.r1 == a.r2 && a.c1 == a.c2) return get(a.r1, a.c1);
    int32_t r2 = a.r2, c2 = a.c2;
    if (int64_t(r2 - a.r1 + 1) * (c2 - a.c1 + 1) > 1000000) {  // whole columns: up to the cached extent
        int32_t mr = a.r1, mc = a.c1;
        for (const auto& [k, v] : cells) {
            int32_t row = int32_t(k / 16384), col = int32_t(k % 16384);
            if (row >= a.r1 && row <= a.r2 && col >= a.c1 && col <= a.c2) mr = std::max(mr, row), mc = std::max(mc, col);
        }
        r2 = mr;
        c2 = mc;
        if (int64_t(r2 - a.r1 + 1) * (c2 - a.c1 + 1) > 1000000) return Value::error(Err::Ref);
    }
    Array out(uint32_t(r2 - a.r1 + 1), uint32_t(c2 - a.c1 + 1));
    for (int32_t row = a.r1; row <= r2; ++row)
        for (int32_t col = a.c1; col <= c2; ++col) out.at(uint32_t(row - a.r1), uint32_t(col - a.c1)) = get(row, col);
    return Value::array(std::move(out));
}

namespace {

Value unary_scalar(OpCode op, const Value& a) {
    // Unary plus changes nothing in Excel: =+E7 with E7 holding "" or text gives that text.
    if (op == OpCode::Plus && (a.is_string() || a.is_bool() || a.is_error())) return a;
    double x;
    if (a.is_number()) x = a.number();
    else if (Err e = CallContext::to_number(a, x); e != Err::None) return Value::error(e);
    switch (op) {
        case OpCode::Neg: return Value(-x);
        case OpCode::Percent: return Value(x / 100);
        default: return Value(x);
    }
}

// Element of an array argument under broadcasting (a single row/column repeats).
const Value& broadcast_at(const Array& a, uint32_t r, uint32_t c, const Value& na) {
    uint32_t rr = a.rows() == 1 ? 0 : r, cc = a.cols() == 1 ? 0 : c;
    if (rr >= a.rows() || cc >= a.cols()) return na;
    return a.at(rr, cc);
}

}  // namespace

int compare_values(const Value& a, const Value& b, Err& err) {
    if (a.is_error()) { err = a.error(); return 0; }
    if (b.is_error()) { err = b.error(); return 0; }
    auto rank = [](const Value& v) {
        switch (v.type()) {
            case Type::Number: return 1;
            case Type::String: return 2;
            case Type::Bool: return 3;
            default: return 0;
        }
    };
    int ra = rank(a), rb = rank(b);
    if (ra == 0 && rb == 0) return 0;
    // An empty cell takes the other side's type: 0, "" or FALSE.
    if (ra == 0) ra = rb;
    if (rb == 0) rb = ra;
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (ra) {
        case 1: {
            double x = a.is_number() ? a.number() : 0, y = b.is_number() ? b.number() : 0;
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        case 2: return compare_text(a.is_string() ? a.string() : "", b.is_string() ? b.string() : "");
        default: {
            int x = a.is_bool() && a.boolean(), y = b.is_bool() && b.boolean();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
    }
}

Value Evaluator::cell_value(SheetId sheet, int32_t row, int32_t col) {
    const Sheet& sh = workbook().sheet(sheet);
    if (hook_) {
        uint32_t f = sh.formula_at(row, col);
        if (f != kNoFormula) hook_->ensure(f);
    }
    return sh.get(row, col);
}

Value Evaluator::operand_scalar(const Operand& o, bool array_mode) {
    if (o.kind() == Operand::Kind::Value) return o.value();
    if (array_mode && is_multi(o)) return Value::array(to_array(o));
    return scalar(o);
}

Value Evaluator::run(const Program& p, SheetId sheet, CellAddr cell, bool keep_array) {
    Operand out = run_operand(p, sheet, cell);
    Value v;
    if (out.is_ref()) {
        if (keep_array && is_multi(out)) {
            set_position(sheet, cell);
            v = Value::array(to_array(out));
        } else {
            set_position(sheet, cell);
            v = scalar(out);
        }
    } else if (out.is_missing()) {
        v = Value(0.0);
    } else {
        v = std::move(out.value());
    }
    if (v.is_array() && !keep_array) {
        const Array& a = v.array();
        v = (a.rows() && a.cols()) ? Value(a.at(0, 0)) : Value::error(Err::Value);
    }
    if (v.is_empty()) return Value(0.0);
    return v;
}

Operand Evaluator::run_operand(const Program& p, SheetId sheet, CellAddr cell) {
    SheetId saved_sheet = this->sheet();
    CellAddr saved_cell = this->cell();
    set_position(sheet, cell);
    if (depth_ >= 256) {
        set_position(saved_sheet, saved_cell);
        return Operand(Value::error(Err::Cycle));
    }
    if (stacks_.size() <= depth_) stacks_.resize(depth_ + 1);
    if (frames_.size() <= depth_) frames_.resize(depth_ + 1);
    ++depth_;
    std::vector<Operand>& frame = frames_[depth_ - 1];
    if (p.frame_size) frame.assign(p.frame_size, Operand());
    Operand out;
    try {
        out = execute(p, 0, uint32_t(p.code.size()), frame.data());
    } catch (const std::exception& e) {
        spdlog::debug("evaluation failed at {}: {}", workbook().where(sheet, cell), e.what());
        out = Operand(Value::error(Err::Value));
    }
    stacks_[depth_ - 1].clear();
    if (p.frame_size) frame.clear();
    --depth_;
    set_position(saved_sheet, saved_cell);
    return out;
}

Operand Evaluator::execute(const Program& p, uint32_t begin, uint32_t end, Operand* locals) {
    std::vector<Operand>& st = stacks_[depth_ - 1];
    st.clear();
    const Instr* code = p.code.data();
    const uint32_t n = end;
    for (uint32_t pc = begin; pc < n; ++pc) {
        const Instr& in = code[pc];
        switch (in.op) {
            case OpCode::PushNum: st.emplace_back(p.nums[in.arg]); break;
            case OpCode::PushConst: st.emplace_back(p.consts[in.arg]); break;
            case OpCode::PushMissing: st.emplace_back(); break;
            case OpCode::PushRef: {
                SheetRange r;
                if (p.refs[in.arg].external >= 0) st.emplace_back(external_value(p.refs[in.arg]));
                else if (resolve_ref(p.refs[in.arg], sheet(), cell(), r)) st.emplace_back(r);
                else st.emplace_back(Value::error(Err::Ref));
                break;
            }
            case OpCode::PushName: st.push_back(name_value(p.names[in.arg])); break;
            case OpCode::Neg:
            case OpCode::Plus:
            case OpCode::Percent: {
                Operand& top = st.back();
                Value a = operand_scalar(top, in.array_mode);
                if (a.is_array()) {
                    const Array& arr = a.array();
                    Array out(arr.rows(), arr.cols());
                    for (size_t i = 0; i < arr.cells().size(); ++i)
                        out.at(uint32_t(i / arr.cols()), uint32_t(i % arr.cols())) = unary_scalar(in.op, arr.cells()[i]);
                    top = Operand(Value::array(std::move(out)));
                } else {
                    top = Operand(unary_scalar(in.op, a));
                }
                break;
            }
            case OpCode::Add: case OpCode::Sub: case OpCode::Mul: case OpCode::Div: case OpCode::Pow:
            case OpCode::Concat: case OpCode::Eq: case OpCode::Ne: case OpCode::Lt: case OpCode::Le:
            case OpCode::Gt: case OpCode::Ge: {
                Operand rhs = std::move(st.back());
                st.pop_back();
                Operand& lhs = st.back();
                // Fast path: two plain numbers.
                if (lhs.is_value() && rhs.is_value() && lhs.value().is_number() && rhs.value().is_number() &&
                    in.op <= OpCode::Pow) {
                    lhs.value() = binary_scalar(in.op, lhs.value(), rhs.value());
                    break;
                }
                Value a = operand_scalar(lhs, in.array_mode), b = operand_scalar(rhs, in.array_mode);
                if (a.is_array() || b.is_array()) {
                    Array one_a(1, 1), one_b(1, 1);
                    if (!a.is_array()) one_a.at(0, 0) = a;
                    if (!b.is_array()) one_b.at(0, 0) = b;
                    const Array& x = a.is_array() ? a.array() : one_a;
                    const Array& y = b.is_array() ? b.array() : one_b;
                    uint32_t rows = std::max(x.rows(), y.rows()), cols = std::max(x.cols(), y.cols());
                    Array out(rows, cols);
                    Value na = Value::error(Err::NA);
                    for (uint32_t r = 0; r < rows; ++r)
                        for (uint32_t c = 0; c < cols; ++c) {
                            const Value& ea = broadcast_at(x, r, c, na);
                            const Value& eb = broadcast_at(y, r, c, na);
                            out.at(r, c) = (ea.is_error() && &ea == &na) || (eb.is_error() && &eb == &na)
                                               ? na
                                               : binary_scalar(in.op, ea, eb);
                        }
                    lhs = Operand(Value::array(std::move(out)));
                } else {
                    lhs = Operand(binary_scalar(in.op, a, b));
                }
                break;
            }
            case OpCode::RangeOp: {
                Operand rhs = std::move(st.back());
                st.pop_back();
                Operand& lhs = st.back();
                if (lhs.kind() == Operand::Kind::Ref && rhs.kind() == Operand::Kind::Ref &&
                    lhs.ref().sheet == rhs.ref().sheet) {
                    const RangeAddr &x = lhs.ref().range, &y = rhs.ref().range;
                    lhs = Operand(SheetRange{lhs.ref().sheet, RangeAddr{std::min(x.r1, y.r1), std::min(x.c1, y.c1),
                                                                         std::max(x.r2, y.r2), std::max(x.c2, y.c2)}});
                } else if (lhs.is_value() && lhs.value().is_error()) {
                    // keep the left error
                } else if (rhs.is_value() && rhs.value().is_error()) {
                    lhs = std::move(rhs);
                } else {
                    lhs = Operand(Value::error(Err::Value));
                }
                break;
            }
            case OpCode::Union: {
                Operand rhs = std::move(st.back());
                st.pop_back();
                Operand& lhs = st.back();
                if (lhs.is_ref() && rhs.is_ref()) {
                    auto list = lhs.area_list();
                    for (auto& r : rhs.area_list()) list.push_back(r);
                    lhs = Operand::areas(std::move(list));
                } else {
                    lhs = Operand(Value::error(Err::Value));
                }
                break;
            }
            case OpCode::Intersect: {
                Operand rhs = std::move(st.back());
                st.pop_back();
                Operand& lhs = st.back();
                if (lhs.kind() == Operand::Kind::Ref && rhs.kind() == Operand::Kind::Ref &&
                    lhs.ref().sheet == rhs.ref().sheet) {
                    const RangeAddr &x = lhs.ref().range, &y = rhs.ref().range;
                    RangeAddr r{std::max(x.r1, y.r1), std::max(x.c1, y.c1), std::min(x.r2, y.r2), std::min(x.c2, y.c2)};
                    if (r.r1 > r.r2 || r.c1 > r.c2) lhs = Operand(Value::error(Err::Null));
                    else lhs = Operand(SheetRange{lhs.ref().sheet, r});
                } else {
                    lhs = Operand(Value::error(Err::Value));
                }
                break;
            }
            case OpCode::Call: {
                const FunctionDef& def = workbook().registry().at(in.arg);
                size_t argc = in.argc;
                Args args(st.data() + (st.size() - argc), argc);
                Operand result = call(def, args, in.array_mode);
                st.resize(st.size() - argc);
                st.push_back(std::move(result));
                break;
            }
            case OpCode::CallUnknown: {
                // Not a function: perhaps a defined name holding a LAMBDA (=TEMPERATURE(A5)).
                size_t argc = in.argc;
                Operand result = call_name(p.names[in.arg], Args(st.data() + (st.size() - argc), argc));
                st.resize(st.size() - argc);
                st.push_back(std::move(result));
                break;
            }
            case OpCode::JumpIfFalse: {
                Value c = operand_scalar(st.back(), false);
                st.pop_back();
                bool b = false;
                Err e = c.is_array() ? Err::Value : to_bool(c, b);
                if (e != Err::None) {
                    st.emplace_back(Value::error(e));
                    pc = in.arg2 - 1;
                } else if (!b) {
                    pc = in.arg - 1;
                }
                break;
            }
            case OpCode::Jump: pc = in.arg - 1; break;
            case OpCode::JumpIfNotError:
            case OpCode::JumpIfNotNA: {
                Operand& top = st.back();
                Value v = top.is_ref() ? operand_scalar(top, false) : (top.is_missing() ? Value(0.0) : top.value());
                bool hit = v.is_error() && (in.op == OpCode::JumpIfNotError || v.error() == Err::NA);
                if (!hit) {
                    top = Operand(v.is_empty() ? Value(0.0) : std::move(v));
                    pc = in.arg - 1;
                } else {
                    st.pop_back();
                }
                break;
            }
            case OpCode::Pop: st.pop_back(); break;
            case OpCode::StoreLocal:
                locals[in.arg] = std::move(st.back());
                st.pop_back();
                break;
            case OpCode::LoadLocal: st.push_back(locals[in.arg]); break;
            case OpCode::MakeLambda:
                st.push_back(make_closure(p, in.arg, locals));
                pc = in.arg2 - 1;  // over the body
                break;
            case OpCode::Invoke: {
                size_t argc = in.argc;
                size_t base = st.size() - argc;
                Operand result = invoke(st[base - 1], Args(st.data() + base, argc));
                st.resize(base - 1);
                st.push_back(std::move(result));
                break;
            }
        }
    }
    if (st.empty()) return Operand(Value::error(Err::Value));
    return std::move(st.back());
}

Operand Evaluator::call(const FunctionDef& def, Args args, bool array_mode) {
    if (int(args.size()) < def.min_args || int(args.size()) > def.max_args) return Operand(Value::error(Err::Value));
    if (def.flags & kLift) {
        for (const Operand& a : args)
            if ((a.kind() == Operand::Kind::Value && a.value().is_array()) || (array_mode && is_multi(a)))
                return lifted_call(def, args, array_mode);
    }
    set_array_mode(array_mode || (def.flags & kArrayArgs));
    set_current(&def);
    // A pure function whose arguments are all large ranges (SUM($F$2:$F$100001) in every
    // row of a share column) gives the same answer for every caller within one recalc:
    // the graph guarantees the ranges are final before the first caller runs. Remember it.
    bool memo = def.impl && !args.empty() && !(def.flags & (kVolatile | kLift | kRefResult | kPlugin));
    for (const Operand& a : args)
        if (a.kind() != Operand::Kind::Ref || a.ref().range.rows() * a.ref().range.cols() < 256) { memo = false; break; }
    if (memo) {
        std::string key(sizeof(void*) + args.size() * sizeof(SheetRange), '\0');
        const FunctionDef* d = &def;
        std::memcpy(key.data(), &d, sizeof d);
        for (size_t i = 0; i < args.size(); ++i)
            std::memcpy(key.data() + sizeof(void*) + i * sizeof(SheetRange), &args[i].ref(), sizeof(SheetRange));
        auto& slot = scratch()[key];
        if (slot) return Operand(*static_cast<const Value*>(slot.get()));
        Operand out = def.impl(*this, args);
        if (out.is_value()) slot = std::make_shared<Value>(out.value());
        return out;
    }
    if (def.impl) return def.impl(*this, args);
    if ((def.flags & kPlugin) && host && *host) return (*host)(*this, def, args);
    return Operand(Value::error(Err::Name));
}

// Applies a scalar function to each element of its array arguments.
Operand Evaluator::lifted_call(const FunctionDef& def, Args args, bool array_mode) {
    std::vector<Value> arrays(args.size());
    uint32_t rows = 1, cols = 1;
    for (size_t i = 0; i < args.size(); ++i) {
        const Operand& a = args[i];
        if (a.kind() == Operand::Kind::Value && a.value().is_array()) arrays[i] = a.value();
        else if (array_mode && is_multi(a)) arrays[i] = Value::array(to_array(a));
        if (arrays[i].is_array()) {
            rows = std::max(rows, arrays[i].array().rows());
            cols = std::max(cols, arrays[i].array().cols());
        }
    }
    Array out(rows, cols);
    std::vector<Operand> scalar_args(args.begin(), args.end());
    Value na = Value::error(Err::NA);
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t c = 0; c < cols; ++c) {
            for (size_t i = 0; i < args.size(); ++i)
                if (arrays[i].is_array()) scalar_args[i] = Operand(broadcast_at(arrays[i].array(), r, c, na));
            set_array_mode(false);
            set_current(&def);
            Operand res = def.impl ? def.impl(*this, Args(scalar_args.data(), scalar_args.size()))
                                   : ((def.flags & kPlugin) && host && *host
                                          ? (*host)(*this, def, Args(scalar_args.data(), scalar_args.size()))
                                          : Operand(Value::error(Err::Name)));
            out.at(r, c) = operand_scalar(res, false);
        }
    return Operand(Value::array(std::move(out)));
}

Operand Evaluator::name_value(const std::string& key) {
    const Workbook& wb = workbook();
    SheetId from = sheet();
    std::string_view name = key;
    auto bang = key.rfind('!');
    if (bang != std::string::npos) {
        auto id = wb.find_sheet(key.substr(0, bang));
        if (!id) return Operand(Value::error(Err::Ref));
        from = *id;
        name = std::string_view(key).substr(bang + 1);
    }
    const DefinedName* dn = wb.find_name(name, from);
    if (!dn || dn->program == kNoFormula) return Operand(Value::error(Err::Name));
    Operand o = run_operand(wb.program(dn->program), dn->scope == kNoSheet ? sheet() : dn->scope, cell());
    return o;
}

// ---- LET / LAMBDA ------------------------------------------------------------------

Operand Evaluator::make_closure(const Program& p, uint32_t lambda, const Operand* locals) {
    auto c = std::make_shared<Closure>();
    c->program = &p;
    c->lambda = lambda;
    c->sheet = sheet();
    c->cell = cell();
    const LambdaInfo& info = p.lambdas[lambda];
    c->captured.assign(locals, locals + info.captured);
    return Operand::lambda(std::move(c));
}

int Evaluator::lambda_params(const Operand& fn) {
    auto* c = static_cast<const Closure*>(fn.closure());
    return c ? int(c->program->lambdas[c->lambda].params) : -1;
}

Operand Evaluator::invoke(const Operand& fn, Args args) {
    auto* c = static_cast<const Closure*>(fn.closure());
    if (!c) {
        if (fn.is_value() && fn.value().is_error()) return Operand(fn.value());
        return Operand(Value::error(Err::Value));
    }
    const LambdaInfo& info = c->program->lambdas[c->lambda];
    if (args.size() > info.params) return Operand(Value::error(Err::Value));
    for (size_t i = args.size(); i < info.params; ++i)
        if (i >= 64 || !(info.optional >> i & 1)) return Operand(Value::error(Err::Value));
    // Each call takes one nesting level, so runaway recursion ends here, not in a stack
    // overflow; below run_operand's limit (256), so that it is reported as #NUM!.
    if (depth_ >= 240) return Operand(Value::error(Err::Num));
    if (stacks_.size() <= depth_) stacks_.resize(depth_ + 1);
    if (frames_.size() <= depth_) frames_.resize(depth_ + 1);
    SheetId saved_sheet = sheet();
    CellAddr saved_cell = cell();
    set_position(c->sheet, c->cell);
    ++depth_;
    std::vector<Operand>& frame = frames_[depth_ - 1];
    frame.assign(info.frame_size, Operand());
    std::copy(c->captured.begin(), c->captured.end(), frame.begin());
    std::copy(args.begin(), args.end(), frame.begin() + info.captured);
    Operand out;
    try {
        out = execute(*c->program, info.start, info.end, frame.data());
    } catch (const std::exception& e) {
        spdlog::debug("LAMBDA evaluation failed: {}", e.what());
        out = Operand(Value::error(Err::Value));
    }
    stacks_[depth_ - 1].clear();
    frame.clear();
    --depth_;
    set_position(saved_sheet, saved_cell);
    return out;
}

Operand Evaluator::call_name(const std::string& key, Args args) {
    Operand fn = name_value(key);
    if (!fn.closure()) return Operand(Value::error(Err::Name));
    return invoke(fn, args);
}

}  // namespace sp::formula
