// deflate_slices.h — one deflate stream made of slices compressed independently (on
// several threads), as pigz does: every slice but the last ends with a sync flush (an
// empty stored block, byte-aligned, not final), so the compressed slices joined in order
// are one valid stream (ZipWriter::begin_entry writes them as they come). zlib, since libdeflate can only write a final block.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sp::xlsx {

struct DeflatedSlice {
    std::string bytes;  // raw deflate, sync-flushed unless it was the last slice
    uint32_t crc = 0;   // CRC-32 of the slice's text
    uint64_t size = 0;  // the slice's text length
};

// Compresses one slice (level 1-9, zlib's scale); `last`: the stream's final slice.
DeflatedSlice deflate_slice(std::string_view text, int level, bool last);

// The CRC-32 of a text whose first part has CRC `a` and whose next `len_b` bytes have CRC `b`.
uint32_t crc32_join(uint32_t a, uint32_t b, uint64_t len_b);

}  // namespace sp::xlsx
