// memory_budget.h — a per-workbook memory budget for batch workers. The program's global
// operator new/delete (replaced in memory_budget.cpp) charge every allocation made on a thread
// attached to an Account; past the account's limit the allocation throws std::bad_alloc, once,
// and the account is marked tripped, so the worker reports the workbook as stopped and goes on.
// Allocations of other threads (the xlsx reader's helpers, Lua's own allocator) are not
// counted: the budget is a guard against one runaway workbook, not an exact meter.
#pragma once
#include <cstddef>
#include <cstdint>

namespace sp::batch {

struct MemoryAccount {
    int64_t live = 0;      // bytes allocated and not freed by the attached thread
    int64_t base = 0;      // live when the current workbook started
    int64_t limit = 0;     // bytes a workbook may hold above base; 0: no limit
    bool tripped = false;  // the limit was hit (further allocations are allowed, to unwind)

    void start(int64_t budget) {
        base = live;
        limit = budget;
        tripped = false;
    }
};

// Charges the calling thread's allocations to `a` (nullptr: stop charging).
void attach_memory_account(MemoryAccount* a);

}  // namespace sp::batch
