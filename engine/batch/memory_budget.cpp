// memory_budget.cpp — see memory_budget.h. operator new(size_t) and operator delete(void*) do the
// work; every other non-aligned form is replaced too and forwards to them. libstdc++ forwards on
// its own, but a sanitizer runtime (ASan) defines each form separately: a nothrow new from its
// allocator freed by our delete was an alloc-dealloc mismatch (std::stable_sort's temporary
// buffer). Aligned forms are left to the library. Unattached threads pay one thread_local load.
#include "batch/memory_budget.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace sp::batch {
namespace {
thread_local MemoryAccount* t_account = nullptr;
}
void attach_memory_account(MemoryAccount* a) { t_account = a; }
}  // namespace sp::batch

void* operator new(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    if (sp::batch::MemoryAccount* a = sp::batch::t_account) {
        int64_t size = int64_t(malloc_usable_size(p));
        a->live += size;
        if (a->limit && !a->tripped && a->live - a->base > a->limit) {
            a->live -= size;
            std::free(p);
            a->tripped = true;
            throw std::bad_alloc();
        }
    }
    return p;
}

void operator delete(void* p) noexcept {
    if (!p) return;
    if (sp::batch::MemoryAccount* a = sp::batch::t_account) a->live -= int64_t(malloc_usable_size(p));
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return operator new(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { operator delete(p); }
