// writer_patch.cpp — write_patched: the input package with only what changed replaced.
//
// Every worksheet is inflated and scanned (sheet_patch): if no cell value differs from the
// model, its compressed bytes are copied. Large ones are patched and deflated in slices on
// every core as the package is written (sheet_patch_sliced), the rest before. calcChain.xml goes (Excel rebuilds it), with its
// relationship and content-type Override; calcPr is set so that Excel shows the values
// written instead of recalculating on open. Everything else is copied as compressed
// bytes, in the original order, without being inflated.
#include <chrono>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "xlsx/output_file.h"
#include "xlsx/package_patch.h"
#include "xlsx/sheet_patch.h"
#include "xlsx/sheet_patch_sliced.h"
#include "xlsx/xlsx.h"
#include "xlsx/zip_writer.h"

namespace sp::xlsx {

WriteStats write_patched(const Document& doc, const std::string& out_path, const WriteOptions& opts) {
    auto t0 = std::chrono::steady_clock::now();
    WriteStats stats;
    const Package& pkg = *doc.package;
    const ZipReader& zip = *pkg.zip;
    const Workbook& wb = *doc.workbook;
    std::unordered_map<std::string, Deflated> replaced;  // part name -> new content, compressed
    size_t slice_bytes = opts.slice_bytes ? opts.slice_bytes : kPatchSliceBytes;

    auto text_of = [&](const ZipEntry& e) {
        Bytes b = zip.inflate(e, false);
        return std::string(b.view());
    };

    // --- worksheets -----------------------------------------------------------
    std::vector<std::unordered_map<uint64_t, std::optional<std::string>>> overrides(doc.sheets.size());
    for (const auto& [key, text] : opts.formula_overrides)
        if (key.first < overrides.size()) overrides[key.first][cell_key(key.second.first, key.second.second)] = text;
    auto tally = [&](SheetId s, const SheetPatchResult& r) {
        size_t in_model = wb.sheet(s).cell_count();
        if (in_model > r.cells_matched) stats.cells_not_written += in_model - r.cells_matched;
        if (r.changed) stats.cells_rewritten += r.cells_rewritten;
    };
    // Large sheets are patched while the package is written, straight into their entry.
    std::unordered_map<std::string, SheetId> sliced;
    for (SheetId s = 0; s < doc.sheets.size() && s < wb.sheet_count(); ++s) {
        const SheetPart& sp = doc.sheets[s];
        if (sp.kind != SheetKind::Worksheet) continue;
        const ZipEntry* e = zip.find(sp.part);
        if (!e) continue;
        if (e->size >= 2 * slice_bytes) {
            sliced[e->name] = s;
            continue;
        }
        ByteBuilder patched;
        SheetPatchResult r;
        {
            Bytes xml = zip.inflate(*e, false);
            r = patch_sheet(xml.view(), SheetPatchInput{wb, s, pkg.shared_strings, overrides[s], &xml, &pkg.vm_errors}, patched);
        }
        tally(s, r);
        if (r.changed) replaced[e->name] = deflate_part(patched.view(), opts.deflate_level);
    }
    // As deflate_part chooses (zlib's levels are near libdeflate's in size); 10-12 mean 9.
    auto sliced_level = [&](const ZipEntry& e) { return deflate_level_for(e.size, opts.deflate_level); };

    // --- calcChain, its relationship and content type ---------------------------
    const ZipEntry* calc_chain = pkg.calc_chain_part.empty() ? nullptr : zip.find(pkg.calc_chain_part);
    if (!pkg.calc_chain_part.empty()) {
        if (const ZipEntry* rels = zip.find(rels_part_for(pkg.workbook_part)))
            if (auto t = remove_calc_chain_rel(text_of(*rels))) replaced[rels->name] = deflate_part(*t, opts.deflate_level);
        if (const ZipEntry* ct = zip.find("[Content_Types].xml"))
            if (auto t = remove_override(text_of(*ct), pkg.calc_chain_part))
                replaced[ct->name] = deflate_part(*t, opts.deflate_level);
    }
    // --- calcPr ---------------------------------------------------------------
    if (const ZipEntry* w = zip.find(pkg.workbook_part))
        if (auto t = patch_calc_pr(text_of(*w), opts.full_calc_on_load)) replaced[w->name] = deflate_part(*t, opts.deflate_level);

    write_atomically(out_path, [&](FILE* f) {
        ZipWriter out(f, out_path);
        bool out_open = false;  // a sliced sheet's entry has begun
        for (const auto& e : zip.entries()) {
            if (calc_chain && e.name == calc_chain->name) continue;
            if (auto it = sliced.find(e.name); it != sliced.end()) {
                SheetId s = it->second;
                SlicedPatch p = patch_sheet_sliced(
                    zip, e, SheetPatchInput{wb, s, pkg.shared_strings, overrides[s], nullptr, &pkg.vm_errors}, slice_bytes,
                    sliced_level(e), [&](std::string_view bytes) {
                        if (!out_open) out.begin_entry(e.name, e.mtime);
                        out_open = true;
                        out.write_entry_data(bytes);
                    });
                tally(s, p.result);
                if (out_open) {
                    out.end_entry(p.crc, p.size);
                    out_open = false;
                    ++stats.parts_rewritten;
                    continue;
                }
            }
            if (auto it = replaced.find(e.name); it != replaced.end()) {
                out.add(e.name, it->second, e.mtime);
                ++stats.parts_rewritten;
            } else {
                out.add_raw(e.name, e.method, e.crc, e.size, zip.raw(e), e.mtime);
                ++stats.parts_copied;
            }
        }
        out.finish();
    });
    if (stats.cells_not_written)
        spdlog::warn("{}: {} cell(s) of the model have no <c> in the sheet XML and were not written (patch mode "
                     "rewrites cells, it does not add them)", out_path, stats.cells_not_written);
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return stats;
}

}  // namespace sp::xlsx
