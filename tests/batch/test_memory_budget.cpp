// test_memory_budget.cpp — every non-aligned form of new/delete is charged to the attached
// account and pairs with its delete (under ASan, a nothrow new not replaced came from the
// sanitizer's allocator and our delete freed it: alloc-dealloc mismatch in std::stable_sort).
#include <catch2/catch.hpp>

#include <algorithm>
#include <new>
#include <string>
#include <vector>

#include "batch/memory_budget.h"

using sp::batch::MemoryAccount;
using sp::batch::attach_memory_account;

TEST_CASE("memory budget: new[], nothrow new and nothrow new[] are charged and given back") {
    MemoryAccount account;
    attach_memory_account(&account);
    const int64_t before = account.live;

    // Called as functions: new-expressions whose result is unused may be elided by the compiler.
    void* array = ::operator new[](4096);
    const int64_t after_array = account.live;
    void* nothrow_one = ::operator new(16, std::nothrow);
    const int64_t after_nothrow = account.live;
    void* nothrow_array = ::operator new[](2048 * sizeof(int), std::nothrow);
    const int64_t after_nothrow_array = account.live;

    ::operator delete[](nothrow_array, std::nothrow);
    ::operator delete(nothrow_one, std::nothrow);
    ::operator delete[](array);
    const int64_t after_delete = account.live;
    attach_memory_account(nullptr);

    CHECK(after_array - before >= 4096);
    CHECK(after_nothrow > after_array);
    CHECK(after_nothrow_array - after_nothrow >= 2048 * int64_t(sizeof(int)));
    CHECK(after_delete == before);
}

TEST_CASE("memory budget: a nothrow new past the limit gives nullptr and trips the account") {
    MemoryAccount account;
    attach_memory_account(&account);
    account.start(1 << 20);
    void* big = ::operator new[](4 << 20, std::nothrow);
    const bool tripped = account.tripped;
    attach_memory_account(nullptr);
    CHECK(big == nullptr);
    CHECK(tripped);
    ::operator delete[](big);
}

TEST_CASE("memory budget: std::stable_sort's temporary buffer (nothrow new) under an account") {
    MemoryAccount account;
    attach_memory_account(&account);
    const int64_t before = account.live;
    {
        std::vector<std::string> rows;
        for (int i = 0; i < 500; ++i) rows.push_back("row " + std::to_string((i * 7919) % 500));
        std::stable_sort(rows.begin(), rows.end());
        CHECK(std::is_sorted(rows.begin(), rows.end()));
    }
    const int64_t after = account.live;
    attach_memory_account(nullptr);
    CHECK(after == before);
}
