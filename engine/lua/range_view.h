// range_view.h — ranges, arrays, sheets and workbooks as Lua userdata views.
// A view holds an address and a way to read cells, never a copy of them. Views live
// for one call: when the call that made them returns, they refuse further use
// (they point into the calculator's state).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/address.h"
#include "core/value.h"

struct lua_State;

namespace sp {
class CallContext;
class Calculator;
class Workbook;
}  // namespace sp

namespace sp::lua {

// Registers the metatables (once per state).
void open_views(lua_State* L);

// A reference argument of a plugin function: reads go through ctx (which computes
// pending formula cells first). Whole columns/rows are clipped to the used extent.
void push_range(lua_State* L, CallContext* ctx, const SheetRange& r);
// An array argument (constant or computed): reads the Array in place.
void push_array(lua_State* L, const Array* a);
// A range of a workbook after recalculation (check functions).
void push_workbook_range(lua_State* L, const Workbook* wb, const SheetRange& r);
// The workbook handed to a check function: wb:sheet(name), wb:range(text), wb:cell(text),
// wb:names(), wb:sheets(), wb:eval(formula [, sheet]).
void push_workbook(lua_State* L, Workbook* wb, Calculator* calc);

// sheet:used() and sheet:find(text) answers for the workbook `wb`, kept while its checks run
// (State::scans; its cells do not change meanwhile): the shipped checks ask the same sheet for
// its used range and for the row of "合计" dozens of times per workbook, each a scan of the sheet.
struct SheetScans {
    const Workbook* wb = nullptr;
    std::vector<std::pair<SheetId, std::optional<RangeAddr>>> used;
    struct Found {
        SheetId sheet;
        std::string text;
        std::optional<CellAddr> at;
    };
    std::vector<Found> found;
    void clear() {
        wb = nullptr;
        used.clear();
        found.clear();
    }
};

// The reference a live range view stands for (nullptr for arrays, rows of views, other values).
const SheetRange* to_range(lua_State* L, int idx);

}  // namespace sp::lua
