// make_corpus_sheetjs.js — writes the corpus workbook of make_corpus_tools.py with SheetJS
// (the npm package xlsx): cells, formulas with the cached values given in the spec (SheetJS
// does not calculate), number formats (cell.z), and defined names with workbook or sheet
// scope (Workbook.Names[].Sheet), hidden ones (.Hidden). Run by make_corpus_tools.py:
//   NODE_PATH=/tmp/sheetjs/node_modules node make_corpus_sheetjs.js spec.json out.xlsx
const fs = require('fs');
const XLSX = require('xlsx');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wb = XLSX.utils.book_new();
const sheets = {};
for (const name of spec.sheets) {
  sheets[name] = {};
  XLSX.utils.book_append_sheet(wb, sheets[name], name);
}
const cell = (v) => (typeof v === 'number' ? { t: 'n', v } : typeof v === 'boolean' ? { t: 'b', v } : { t: 's', v: String(v) });
for (const [s, cells] of Object.entries(spec.cells))
  for (const [a1, v] of Object.entries(cells)) sheets[s][a1] = cell(v);
for (const [s, cells] of Object.entries(spec.formulas))
  for (const [a1, f] of Object.entries(cells)) {
    const v = spec.values[s][a1];
    sheets[s][a1] = Object.assign(v === null ? { t: 's', v: '' } : cell(v), { f });
  }
for (const [s, a1, code] of spec.formats) if (sheets[s][a1]) sheets[s][a1].z = code;
for (const s of spec.sheets) {
  const keys = Object.keys(sheets[s]);
  let maxr = 0, maxc = 0;
  for (const k of keys) {
    const { r, c } = XLSX.utils.decode_cell(k);
    maxr = Math.max(maxr, r);
    maxc = Math.max(maxc, c);
  }
  sheets[s]['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxr, c: maxc } });
}
wb.Workbook = wb.Workbook || {};
wb.Workbook.Names = spec.names.map(([Name, Ref, scope]) => {
  const n = { Name, Ref };
  if (scope) n.Sheet = spec.sheets.indexOf(scope);
  if (spec.hidden.includes(Name)) n.Hidden = true;
  return n;
});
XLSX.writeFile(wb, process.argv[3], { bookType: 'xlsx', cellStyles: true });
