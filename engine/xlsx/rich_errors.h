// rich_errors.h — Excel 365's newer errors (#SPILL!, #CALC!, …) as files store them: the
// cell holds t="e" <v>#VALUE!</v> and a vm="N" attribute that leads, through
// xl/metadata.xml and xl/richData/rdrichvalue.xml, to an "_error" rich value whose
// errorType names the real error.
#pragma once
#include <string>
#include <vector>

#include "core/value.h"
#include "xlsx/package.h"

namespace sp::xlsx {

// Index vm-1 -> the error that value metadata stands for (Err::None when it is not an
// error we know). Empty when the package has no value metadata.
std::vector<Err> read_value_metadata_errors(const ZipReader& zip, const std::vector<Relationship>& workbook_rels,
                                            const std::string& file);

// The error a cell's cached value really is: its vm attribute looked up, else `cached`.
inline Err rich_error(const std::vector<Err>* vm_errors, unsigned long vm, Err cached) {
    if (!vm_errors || vm == 0 || vm > vm_errors->size()) return cached;
    Err e = (*vm_errors)[vm - 1];
    return e == Err::None ? cached : e;
}

}  // namespace sp::xlsx
