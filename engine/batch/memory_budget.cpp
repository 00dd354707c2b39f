// memory_budget.cpp — see memory_budget.h. The replacements are the two operators every other
// form forwards to in libstdc++ (new[], nothrow and sized delete call these); aligned forms are
// left to the library. Unattached threads pay one thread_local load per call.
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
