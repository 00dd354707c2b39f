// sheet.cpp — chunked column storage.
#include "model/sheet.h"

#include <algorithm>
#include <cstring>

namespace sp {

Value CellView::value() const {
    switch (type) {
        case Type::Number: return Value(num);
        case Type::String: return Value::from_str_rep(str);
        case Type::Bool: return Value::boolean(b);
        case Type::Error: return Value::error(err);
        default: return Value();
    }
}

Sheet::~Sheet() {
    for (auto& col : cols_)
        for (auto& ch : col.chunks)
            if (ch)
                for (int i = 0; i < kChunkRows; ++i) release_slot(*ch, i);
}

void Sheet::release_slot(Chunk& c, int i) {
    if (c.type[i] == uint8_t(Type::String)) {
        StrRep* s;
        std::memcpy(&s, &c.slot[i], sizeof s);
        str_release(s);
    }
}

Sheet::Chunk* Sheet::chunk_for_write(int32_t row, int32_t col) {
    if (col >= int32_t(cols_.size())) cols_.resize(size_t(col) + 1);
    auto& ch = cols_[col].chunks;
    size_t k = size_t(row) / kChunkRows;
    if (k >= ch.size()) ch.resize(k + 1);
    if (!ch[k]) ch[k] = std::make_unique<Chunk>();
    return ch[k].get();
}

CellView Sheet::view(int32_t row, int32_t col) const {
    CellView v;
    const Chunk* c = chunk(row, col);
    if (!c) return v;
    int i = row % kChunkRows;
    v.type = Type(c->type[i]);
    v.num = c->slot[i];
    return v;
}

void Sheet::set(int32_t row, int32_t col, const Value& v) {
    if (v.is_empty()) {
        const Chunk* existing = chunk(row, col);
        if (!existing || existing->type[row % kChunkRows] == uint8_t(Type::Empty)) return;
    }
    Chunk* c = chunk_for_write(row, col);
    int i = row % kChunkRows;
    bool was_empty = c->type[i] == uint8_t(Type::Empty);
    release_slot(*c, i);
    const Value* src = &v;
    Value top_left;
    if (v.is_array()) {
        const Array& a = v.array();
        top_left = (a.rows() && a.cols()) ? a.at(0, 0) : Value();
        src = &top_left;
    }
    c->type[i] = uint8_t(src->type());
    switch (src->type()) {
        case Type::Number: c->slot[i] = src->number(); break;
        case Type::String: {
            StrRep* s = src->str_rep();
            str_addref(s);
            std::memcpy(&c->slot[i], &s, sizeof s);
            break;
        }
        case Type::Bool: {
            CellView packed;
            packed.b = src->boolean();
            c->slot[i] = packed.num;
            break;
        }
        case Type::Error: {
            CellView packed;
            packed.err = src->error();
            c->slot[i] = packed.num;
            break;
        }
        default: c->slot[i] = 0; break;
    }
    bool now_empty = c->type[i] == uint8_t(Type::Empty);
    if (was_empty && !now_empty) { ++c->used; ++cells_; }
    if (!was_empty && now_empty) { --c->used; --cells_; }
}

uint32_t Sheet::formula_at(int32_t row, int32_t col) const {
    const Chunk* c = chunk(row, col);
    if (!c || !c->formula) return kNoFormula;
    return c->formula[row % kChunkRows];
}

void Sheet::set_formula_index(int32_t row, int32_t col, uint32_t idx) {
    if (idx == kNoFormula) {
        const Chunk* existing = chunk(row, col);
        if (!existing || !existing->formula) return;
    }
    Chunk* c = chunk_for_write(row, col);
    if (!c->formula) {
        c->formula = std::make_unique<uint32_t[]>(kChunkRows);
        std::fill_n(c->formula.get(), kChunkRows, kNoFormula);
    }
    c->formula[row % kChunkRows] = idx;
}

uint16_t Sheet::style_at(int32_t row, int32_t col) const {
    const Chunk* c = chunk(row, col);
    if (!c || !c->style) return 0;
    return c->style[row % kChunkRows];
}

void Sheet::set_style(int32_t row, int32_t col, uint16_t style) {
    if (style == 0) {
        const Chunk* existing = chunk(row, col);
        if (!existing || !existing->style) return;
    }
    Chunk* c = chunk_for_write(row, col);
    if (!c->style) c->style = std::make_unique<uint16_t[]>(kChunkRows);  // value-initialized: zeros
    c->style[row % kChunkRows] = style;
}

int32_t Sheet::column_extent(int32_t col) const {
    if (col >= int32_t(cols_.size())) return 0;
    return int32_t(cols_[col].chunks.size()) * kChunkRows;
}

std::optional<RangeAddr> Sheet::used_range() const {
    bool any = false;
    RangeAddr r{kMaxRows, kMaxCols, -1, -1};
    for (int32_t c = 0; c < int32_t(cols_.size()); ++c) {
        const auto& chunks = cols_[c].chunks;
        for (size_t k = 0; k < chunks.size(); ++k) {
            const Chunk* ch = chunks[k].get();
            if (!ch) continue;
            for (int i = 0; i < kChunkRows; ++i) {
                bool has = ch->type[i] != uint8_t(Type::Empty) || (ch->formula && ch->formula[i] != kNoFormula);
                if (!has) continue;
                int32_t row = int32_t(k) * kChunkRows + i;
                any = true;
                r.r1 = std::min(r.r1, row);
                r.r2 = std::max(r.r2, row);
                r.c1 = std::min(r.c1, c);
                r.c2 = std::max(r.c2, c);
            }
        }
    }
    if (!any) return std::nullopt;
    return r;
}

}  // namespace sp
