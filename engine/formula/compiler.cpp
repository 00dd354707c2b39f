// compiler.cpp — syntax tree -> stack program.
//
// Post-order emission: operands first, then the operator or call. IF, IFERROR and
// IFNA become jumps so that only the branch taken is evaluated (Excel is lazy there,
// and IFERROR(A1/B1,0) must not pay for the division twice). Inside the arguments of
// functions flagged kArrayArgs (SUMPRODUCT…) and in array formulas, operators are
// marked array_mode so that A1:A3*B1:B3 is evaluated element by element.
// LET names become local slots; a LAMBDA's body is emitted inline after a MakeLambda
// that jumps over it, and a call of a LET name or of a LAMBDA value becomes Invoke.
#include "formula/compiler.h"

#include <algorithm>
#include <cctype>

#include "formula/function.h"
#include "formula/parser.h"
#include "model/workbook.h"

namespace sp::formula {

namespace {

struct Compiler {
    Program& p;
    const Workbook& wb;
    const FunctionRegistry& reg;
    std::vector<std::string>* unknown;
    uint32_t depth = 0;

    // LET names and LAMBDA parameters in scope, innermost last. Slots are numbered per
    // frame; a LAMBDA's frame starts with a copy of the slots below its own, so names
    // of enclosing scopes keep their slot numbers inside it.
    struct Local {
        std::string name;  // upper-case, without _xlpm. and [ ]
        uint32_t slot;
    };
    std::vector<Local> scope;
    uint32_t next_slot = 0;
    uint32_t* frame_size = nullptr;  // size of the frame being compiled (grows with next_slot)

    uint32_t here() const { return uint32_t(p.code.size()); }
    void not_evaluated(std::string what) {
        if (p.unsupported.empty()) p.unsupported = std::move(what);
    }
    void emit(OpCode op, uint32_t arg = 0, uint16_t argc = 0, bool array_mode = false, int stack_delta = 1) {
        p.code.push_back(Instr{op, uint8_t(array_mode), argc, arg, 0});
        depth = uint32_t(int(depth) + stack_delta);
        p.max_stack = std::max(p.max_stack, depth);
    }
    void push_const(Value v) {
        p.consts.push_back(std::move(v));
        emit(OpCode::PushConst, uint32_t(p.consts.size() - 1));
    }
    uint32_t name_index(const std::string& name) {
        auto it = std::find(p.names.begin(), p.names.end(), name);
        if (it != p.names.end()) return uint32_t(it - p.names.begin());
        p.names.push_back(name);
        return uint32_t(p.names.size() - 1);
    }

    static Value constant_value(const Node& n) {
        switch (n.kind) {
            case NodeKind::Number: return Value(n.num);
            case NodeKind::String: return Value::string(n.text);
            case NodeKind::Bool: return Value::boolean(n.b);
            case NodeKind::Error: return Value::error(n.err);
            case NodeKind::Unary:
                if (!n.children.empty() && n.children[0].kind == NodeKind::Number)
                    return Value(n.op == Op::Neg ? -n.children[0].num : n.children[0].num);
                break;
            default: break;
        }
        return Value::error(Err::Value);
    }

    // Sheet1:Sheet4!C1 is the same area on every sheet of the span in workbook order (either
    // end first): it compiles to one reference per sheet joined by the union operator, which
    // SUM, COUNT, AVERAGE, MAX, MIN, PRODUCT, STDEV… read area by area, as Excel does.
    bool three_d(const Node& n) {
        auto a = wb.find_sheet(n.ref.sheet), b = wb.find_sheet(n.ref.sheet2);
        if (!a || !b) return false;
        SheetId lo = std::min(*a, *b), hi = std::max(*a, *b);
        for (SheetId s = lo; s <= hi; ++s) {
            RefSpec spec;
            spec.area = n.ref;
            spec.area.sheet = wb.sheet(s).name();
            spec.area.sheet2.clear();
            spec.sheet = s;
            p.refs.push_back(std::move(spec));
            emit(OpCode::PushRef, uint32_t(p.refs.size() - 1));
            if (s > lo) emit(OpCode::Union, 0, 0, false, -1);
        }
        return true;
    }

    void ref(const Node& n) {
        RefSpec spec;
        spec.area = n.ref;
        if (n.ref.has_sheet && n.ref.book.empty() && !n.ref.sheet2.empty() && three_d(n)) return;
        if (!n.ref.book.empty() && n.ref.sheet2.empty()) {
            // [1]Sheet1!A1: the value the link's cache holds, as Excel shows it while the source is closed.
            if (const ExternalBook* b = wb.find_external(n.ref.book)) {
                int s = b->find_sheet(n.ref.sheet);
                if (s >= 0) {
                    spec.sheet = -2;
                    spec.external = int32_t(b - wb.external_books().data());
                    spec.external_sheet = s;
                    p.refs.push_back(std::move(spec));
                    emit(OpCode::PushRef, uint32_t(p.refs.size() - 1));
                    return;
                }
            }
        }
        if (n.ref.has_sheet) {
            if (!n.ref.book.empty() || !n.ref.sheet2.empty()) {
                spec.sheet = -2;  // external references, 3-D spans naming a missing sheet: #REF!
                if (!n.ref.book.empty()) not_evaluated("an external workbook reference");
            } else if (auto id = wb.find_sheet(n.ref.sheet)) {
                spec.sheet = *id;
            } else {
                spec.sheet = -2;
            }
        }
        p.refs.push_back(std::move(spec));
        emit(OpCode::PushRef, uint32_t(p.refs.size() - 1));
    }

    // Whether argument i of a call is a reference whose cells are never read, only its
    // address or formula: Excel does not count it as a precedent, so =ROW(A1) in A1 or
    // =FORMULATEXT(F1) in F1 is not circular.
    static bool reads_address_only(const Node& call, size_t i) {
        const std::string& f = call.text;
        if (f == "ROW" || f == "COLUMN" || f == "ROWS" || f == "COLUMNS" || f == "AREAS" || f == "ISREF" ||
            f == "FORMULATEXT" || f == "ISFORMULA" || f == "SHEET")
            return true;
        if (f == "CELL" && i == 1 && call.children[0].kind == NodeKind::String) {
            std::string info = call.children[0].text;
            for (char& c : info) c = char(std::tolower(uint8_t(c)));
            return info != "contents" && info != "type" && info != "format" && info != "color" &&
                   info != "parentheses" && info != "prefix" && info != "protect";
        }
        return false;
    }

    static std::string upper(std::string_view s) {
        std::string out(s);
        for (char& c : out) c = char(std::toupper(uint8_t(c)));
        return out;
    }

    // The local name of a LET/LAMBDA parameter node; optional: written [name] (_xlop.name in files).
    static bool local_name(const Node& n, std::string& out, bool& optional) {
        if (n.kind != NodeKind::Name || n.ref.has_sheet) return false;
        std::string_view t = n.text;
        bool bracketed = t.size() > 2 && t.front() == '[' && t.back() == ']';
        if (bracketed) t = t.substr(1, t.size() - 2);
        optional = bracketed || upper(n.prefix) == "_XLOP.";
        if (t.size() > 6 && upper(t.substr(0, 6)) == "_XLPM.") t.remove_prefix(6);
        if (t.empty()) return false;
        out = upper(t);
        return true;
    }

    // True when n may evaluate to an array outside array mode: it uses a LET/LAMBDA local,
    // an array constant, a named LAMBDA or one of the dynamic-array functions.
    bool may_be_array(const Node& n) const {
        static const char* const kArrayFns[] = {
            "SEQUENCE", "RANDARRAY", "FILTER", "SORT", "SORTBY", "UNIQUE", "TOCOL", "TOROW", "WRAPROWS",
            "WRAPCOLS", "HSTACK", "VSTACK", "TAKE", "DROP", "EXPAND", "CHOOSECOLS", "CHOOSEROWS", "TRANSPOSE",
            "MMULT", "MAP", "BYROW", "BYCOL", "MAKEARRAY", "SCAN", "TEXTSPLIT", "FREQUENCY", "ANCHORARRAY"};
        std::string local;
        bool optional = false;
        if (n.kind == NodeKind::Array || n.kind == NodeKind::Invoke) return true;
        if (n.kind == NodeKind::Name && !scope.empty() && local_name(n, local, optional) && find_local(local))
            return true;
        if (n.kind == NodeKind::Call) {
            if (find_local(n.text) || reg.find_id(n.text) < 0) return true;
            for (const char* f : kArrayFns)
                if (n.text == f) return true;
        }
        for (const Node& c : n.children)
            if (may_be_array(c)) return true;
        return false;
    }

    const Local* find_local(const std::string& upper_name) const {
        for (size_t i = scope.size(); i-- > 0;)
            if (scope[i].name == upper_name) return &scope[i];
        return nullptr;
    }

    uint32_t alloc_slot() {
        uint32_t s = next_slot++;
        *frame_size = std::max(*frame_size, next_slot);
        return s;
    }

    // LET(name1, value1, …, body): each value is stored in a slot, then the body runs.
    void let(const Node& n, bool array_mode) {
        size_t argc = n.children.size();
        std::string name;
        bool optional = false;
        bool ok = argc >= 3 && argc % 2 == 1;
        for (size_t i = 0; ok && i + 1 < argc; i += 2) ok = local_name(n.children[i], name, optional) && !optional;
        if (!ok) return push_const(Value::error(Err::Value));  // Excel refuses such a formula
        size_t scope_mark = scope.size();
        uint32_t slot_mark = next_slot;
        for (size_t i = 0; i + 1 < argc; i += 2) {
            node(n.children[i + 1], array_mode);
            local_name(n.children[i], name, optional);
            uint32_t slot = alloc_slot();
            emit(OpCode::StoreLocal, slot, 0, false, -1);
            scope.push_back(Local{name, slot});
        }
        node(n.children[argc - 1], array_mode);
        scope.resize(scope_mark);
        next_slot = slot_mark;  // later siblings may reuse the slots
    }

    // LAMBDA(param…, body): MakeLambda, then the body inline with a frame of its own.
    void lambda(const Node& n) {
        size_t argc = n.children.size();
        std::string name;
        bool optional = false;
        bool ok = argc >= 1 && argc <= 254;
        for (size_t i = 0; ok && i + 1 < argc; ++i) ok = local_name(n.children[i], name, optional);
        if (!ok) return push_const(Value::error(Err::Value));
        uint32_t index = uint32_t(p.lambdas.size());
        p.lambdas.emplace_back();
        uint32_t make = here();
        emit(OpCode::MakeLambda, index);
        LambdaInfo info;
        info.start = here();
        info.captured = next_slot;
        info.params = uint32_t(argc - 1);
        size_t scope_mark = scope.size();
        uint32_t slot_mark = next_slot, saved_depth = depth;
        uint32_t* saved_frame = frame_size;
        uint32_t body_frame = next_slot;
        frame_size = &body_frame;
        for (size_t i = 0; i + 1 < argc; ++i) {
            local_name(n.children[i], name, optional);
            if (optional && i < 64) info.optional |= uint64_t(1) << i;
            scope.push_back(Local{name, alloc_slot()});
        }
        depth = 0;
        node(n.children[argc - 1], false);
        info.end = here();
        info.frame_size = body_frame;
        depth = saved_depth;
        frame_size = saved_frame;
        next_slot = slot_mark;
        scope.resize(scope_mark);
        p.lambdas[index] = info;
        p.code[make].arg2 = here();
    }

    // A name that is a structured (table) reference, an external name ([0]!Name), or a
    // defined name whose own formula is not evaluated.
    // Returns true when it compiled the name itself (an external name from the link's cache).
    bool check_name(const Node& n) {
        if (!n.ref.book.empty()) {
            if (const ExternalBook* b = wb.find_external(n.ref.book))
                for (const auto& [name, refers] : b->names) {
                    if (!iequal_ascii(name, n.text)) continue;
                    auto parsed = parse(refers);
                    if (!parsed || parsed.ast->kind != NodeKind::Ref || !parsed.ast->ref.has_sheet) break;
                    Node r = *parsed.ast;
                    r.ref.book = n.ref.book;
                    ref(r);
                    if (p.refs.back().external >= 0) return true;
                    break;
                }
            not_evaluated("an external workbook name (" + n.ref.book + "!" + n.text + ")");
            return false;
        }
        check_local_name(n);
        return false;
    }
    void check_local_name(const Node& n) {
        if (n.text.find('[') != std::string::npos) return not_evaluated("a table (structured) reference");
        for (const DefinedName& d : wb.names())
            if (!d.unsupported.empty() && iequal_ascii(d.name, n.text))
                return not_evaluated("the name " + d.name + ", which uses " + d.unsupported);
    }
    static bool iequal_ascii(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (std::toupper(uint8_t(a[i])) != std::toupper(uint8_t(b[i]))) return false;
        return true;
    }

    // Calls the LAMBDA value already pushed with the arguments of n from children[first].
    void invoke(const Node& n, size_t first, bool array_mode) {
        for (size_t i = first; i < n.children.size(); ++i) node(n.children[i], array_mode);
        size_t argc = n.children.size() - first;
        emit(OpCode::Invoke, 0, uint16_t(argc), false, -int(argc));
    }

    void call(const Node& n, bool array_mode) {
        const std::string& fname = n.text;
        size_t argc = n.children.size();
        bool lazy_ok = !array_mode;
        if (fname == "LET") return let(n, array_mode);
        if (fname == "LAMBDA") return lambda(n);
        // A LET name or parameter called like a function: _xlpm.f(2) in files; typed f(2)
        // when no function has that name.
        if (const Local* l = find_local(fname)) {
            bool param_prefix = n.prefix.size() == 6 && upper(n.prefix) == "_XLPM.";
            if (param_prefix || reg.find_id(fname) < 0) {
                emit(OpCode::LoadLocal, l->slot);
                return invoke(n, 0, array_mode);
            }
        }
        // An IF whose condition may be an array (a LET/LAMBDA local, SEQUENCE…) is applied
        // element-wise by fn_if, so it is not compiled into jumps.
        if (lazy_ok && fname == "IF" && (argc == 2 || argc == 3) && !may_be_array(n.children[0])) {
            node(n.children[0], false);
            uint32_t jf = here();
            emit(OpCode::JumpIfFalse, 0, 0, false, -1);
            branch(n.children[1]);
            uint32_t jend = here();
            emit(OpCode::Jump, 0, 0, false, -1);
            p.code[jf].arg = here();
            if (argc == 3) branch(n.children[2]);
            else push_const(Value::boolean(false));
            p.code[jend].arg = here();
            p.code[jf].arg2 = here();
            return;
        }
        if (lazy_ok && (fname == "IFERROR" || fname == "IFNA") && argc == 2) {
            branch(n.children[0]);
            uint32_t j = here();
            emit(fname == "IFERROR" ? OpCode::JumpIfNotError : OpCode::JumpIfNotNA, 0, 0, false, -1);
            branch(n.children[1]);
            p.code[j].arg = here();
            return;
        }
        if (fname == "CELL" && argc >= 1 && n.children[0].kind == NodeKind::String &&
            iequal_ascii(n.children[0].text, "filename"))
            not_evaluated("CELL(\"filename\") (the workbook's path)");
        if (fname == "GETPIVOTDATA") not_evaluated("GETPIVOTDATA (pivot tables)");
        int32_t id = reg.find_id(fname);
        bool args_array = array_mode;
        if (id >= 0) {
            const FunctionDef& def = reg.at(uint32_t(id));
            if (def.flags & kArrayArgs) args_array = true;
            if (def.flags & kVolatile) p.is_volatile = true;
            if (def.flags & kRefResult && (def.flags & kVolatile)) p.dynamic_refs = true;
        }
        for (size_t i = 0; i < argc; ++i) {
            const Node& a = n.children[i];
            size_t ref_index = p.refs.size();
            node(a, args_array);
            bool is_ref = a.kind == NodeKind::Ref || (a.resolved && a.children[0].kind == NodeKind::Ref);
            if (is_ref && reads_address_only(n, i)) p.refs[ref_index].address_only = true;
        }
        int delta = 1 - int(argc);
        if (id < 0) {
            // Possibly a defined name holding a LAMBDA: resolved when it runs.
            if (unknown && !wb.find_name(fname, kNoSheet)) unknown->push_back(fname);
            emit(OpCode::CallUnknown, name_index(fname), uint16_t(argc), array_mode, delta);
        } else {
            emit(OpCode::Call, uint32_t(id), uint16_t(argc), array_mode, delta);
        }
    }

    // A branch of IF/IFERROR: an omitted value counts as 0, as in Excel (=IF(TRUE,,1) is 0).
    void branch(const Node& n) {
        if (n.kind == NodeKind::Missing) emit(OpCode::PushNum, num_index(0));
        else node(n, false);
    }
    uint32_t num_index(double d) {
        p.nums.push_back(d);
        return uint32_t(p.nums.size() - 1);
    }

    void node(const Node& n, bool array_mode) {
        switch (n.kind) {
            case NodeKind::Number: emit(OpCode::PushNum, num_index(n.num)); return;
            case NodeKind::String:
            case NodeKind::Bool:
            case NodeKind::Error: push_const(constant_value(n)); return;
            case NodeKind::Missing: emit(OpCode::PushMissing); return;
            case NodeKind::Ref: ref(n); return;
            case NodeKind::Name: {
                if (n.resolved) return node(n.children[0], array_mode);  // a structured reference's range
                std::string local;
                bool optional = false;
                if (!scope.empty() && local_name(n, local, optional))
                    if (const Local* l = find_local(local)) return emit(OpCode::LoadLocal, l->slot);
                std::string key = n.ref.has_sheet ? n.ref.sheet + "!" + n.text : n.text;
                if (n.ref.book == "[0]") {  // [0]!Name: this workbook's own name
                    key = n.text;
                    check_local_name(n);
                } else if (check_name(n)) {
                    return;
                }
                emit(OpCode::PushName, name_index(key));
                return;
            }
            case NodeKind::Array: {
                Array a(n.rows, n.cols);
                for (uint32_t i = 0; i < n.children.size() && i < size_t(n.rows) * n.cols; ++i)
                    a.at(i / n.cols, i % n.cols) = constant_value(n.children[i]);
                push_const(Value::array(std::move(a)));
                return;
            }
            case NodeKind::Paren: node(n.children[0], array_mode); return;
            case NodeKind::Unary:
                node(n.children[0], array_mode);
                emit(n.op == Op::Neg ? OpCode::Neg : OpCode::Plus, 0, 0, array_mode, 0);
                return;
            case NodeKind::Percent:
                node(n.children[0], array_mode);
                emit(OpCode::Percent, 0, 0, array_mode, 0);
                return;
            case NodeKind::Binary: {
                node(n.children[0], array_mode);
                node(n.children[1], array_mode);
                OpCode op = OpCode::Add;
                switch (n.op) {
                    case Op::Add: op = OpCode::Add; break;
                    case Op::Sub: op = OpCode::Sub; break;
                    case Op::Mul: op = OpCode::Mul; break;
                    case Op::Div: op = OpCode::Div; break;
                    case Op::Pow: op = OpCode::Pow; break;
                    case Op::Concat: op = OpCode::Concat; break;
                    case Op::Eq: op = OpCode::Eq; break;
                    case Op::Ne: op = OpCode::Ne; break;
                    case Op::Lt: op = OpCode::Lt; break;
                    case Op::Le: op = OpCode::Le; break;
                    case Op::Gt: op = OpCode::Gt; break;
                    case Op::Ge: op = OpCode::Ge; break;
                    case Op::Range: op = OpCode::RangeOp; break;
                    case Op::Union: op = OpCode::Union; break;
                    case Op::Intersect: op = OpCode::Intersect; break;
                    default: break;
                }
                emit(op, 0, 0, array_mode, -1);
                return;
            }
            case NodeKind::Call: call(n, array_mode); return;
            case NodeKind::Invoke:
                node(n.children[0], false);
                invoke(n, 1, array_mode);
                return;
        }
    }
};

}  // namespace

std::unique_ptr<Program> compile(Node ast, const Workbook& wb, const FunctionRegistry& reg,
                                 std::vector<std::string>* unknown_functions, bool array_formula) {
    auto p = std::make_unique<Program>();
    Compiler c{*p, wb, reg, unknown_functions, 0, {}, 0, &p->frame_size};
    c.node(ast, array_formula);
    p->ast = std::move(ast);
    p->code.shrink_to_fit();
    return p;
}

bool resolve_ref(const RefSpec& spec, SheetId own_sheet, CellAddr anchor, SheetRange& out) {
    if (spec.sheet == -2 || spec.invalid) return false;
    out.sheet = spec.sheet < 0 ? own_sheet : SheetId(spec.sheet);
    const AreaRef& a = spec.area;
    // A defined name's relative coordinates wrap around the grid, as Excel's do (a name
    // stored relative to A1 as Sheet1!XFD1 is the cell to the left of wherever it is used);
    // a cell formula's shifted beyond the grid are #REF!.
    auto wrap = [&](int64_t v, int64_t n) { return spec.wraps ? ((v % n) + n) % n : v; };
    auto row = [&](const Coord& c) { return c.abs ? int64_t(c.v) : wrap(int64_t(anchor.row) + c.v, kMaxRows); };
    auto col = [&](const Coord& c) { return c.abs ? int64_t(c.v) : wrap(int64_t(anchor.col) + c.v, kMaxCols); };
    int64_t r1, c1, r2, c2;
    switch (a.kind) {
        case AreaRef::Cols:
            r1 = 0; r2 = kMaxRows - 1; c1 = col(a.c1); c2 = col(a.c2);
            break;
        case AreaRef::Rows:
            c1 = 0; c2 = kMaxCols - 1; r1 = row(a.r1); r2 = row(a.r2);
            break;
        case AreaRef::Cell:
            r1 = r2 = row(a.r1); c1 = c2 = col(a.c1);
            break;
        default:
            r1 = row(a.r1); c1 = col(a.c1); r2 = row(a.r2); c2 = col(a.c2);
            break;
    }
    if (r1 < 0 || c1 < 0 || r2 >= kMaxRows || c2 >= kMaxCols || r1 >= kMaxRows || c1 >= kMaxCols || r2 < 0 || c2 < 0)
        return false;
    out.range = RangeAddr{int32_t(std::min(r1, r2)), int32_t(std::min(c1, c2)), int32_t(std::max(r1, r2)),
                          int32_t(std::max(c1, c2))};
    return true;
}

}  // namespace sp::formula
