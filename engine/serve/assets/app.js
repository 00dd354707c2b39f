// app.js — the workbench page. Plain JavaScript over the JSON API (docs/serve.md):
// a virtualised grid (only the rows in view are in the DOM; cells are placed absolutely from
// prefix sums of row heights and column widths), editing with Excel's keys, TSV paste,
// undo/redo (each edit remembers the values it replaced), the 审核 panel, save and downloads.
'use strict';
const $ = (id) => document.getElementById(id);
const TOKEN = new URLSearchParams(location.search).get('token') || '';
const HEAD_H = 20, GUTTER = 44, BLOCK = 100, DEFAULT_W = 64, DEFAULT_H = 20;
const st = { file: null, book: null, sheet: 0, sel: { r: 0, c: 0 }, cache: new Map(), undo: [], redo: [], busy: 0 };

// ---------- API ----------------------------------------------------------------------------
async function api(method, path, body) {
  const opt = { method, headers: { 'X-Suanpan-Token': TOKEN } };
  if (body !== undefined) { opt.body = JSON.stringify(body); opt.headers['Content-Type'] = 'application/json'; }
  const res = await fetch(path, opt);
  const j = await res.json().catch(() => ({ error: { message: 'HTTP ' + res.status } }));
  if (!res.ok) { const e = new Error(j.error ? j.error.message : 'HTTP ' + res.status); e.code = j.error && j.error.code; throw e; }
  return j;
}
const q = (o) => '?' + new URLSearchParams(Object.assign(TOKEN ? { token: TOKEN } : {}, o)).toString();
function showError(e) { $('error').textContent = e.message || String(e); $('error').hidden = false; }
function status(t) { $('status').textContent = t; }
const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
function colName(c) { let s = ''; for (c++; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + (c - 1) % 26) + s; return s; }
const a1 = (r, c) => colName(c) + (r + 1);
function parseA1(t) {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(t); if (!m) return null;
  let c = 0; for (const ch of m[1].toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: +m[2] - 1, c: c - 1 };
}

// ---------- start: one workbook, or the folder's start page ---------------------------------
async function start() {
  try {
    const info = await api('GET', '/api/info' + q({}));
    const want = new URLSearchParams(location.hash.slice(1)).get('file');
    if (info.mode === 'file') return openBook(info.workbooks[0]);
    $('b-home').hidden = false;
    if (want && info.workbooks.includes(want)) return openBook(want);
    showHome(info);
  } catch (e) { showError(e); }
}

function showHome(info) {
  $('book').hidden = true; $('tools').hidden = true; $('home').hidden = false; $('fname').textContent = '';
  $('books').innerHTML = info.workbooks.map((w) => `<li><a data-f="${esc(w)}">${esc(w)}</a></li>`).join('') || '<li>（文件夹中没有 xlsx 工作簿）</li>';
  $('templates').innerHTML = info.templates.map((t) => `<li>${esc(t)} <button data-t="${esc(t)}">新建</button></li>`).join('');
  $('books').onclick = (ev) => { const f = ev.target.dataset.f; if (f) openBook(f); };
  $('templates').onclick = async (ev) => {
    const t = ev.target.dataset.t; if (!t) return;
    let name = prompt('新工作簿的文件名：', t + '.xlsx'); if (!name) return;
    if (!/\.xlsx$/i.test(name)) name += '.xlsx';
    try { await api('POST', '/api/new' + q({}), { template: t, name }); openBook(name); } catch (e) { showError(e); }
  };
  $('upload').onchange = async () => {
    const f = $('upload').files[0]; if (!f) return;
    const res = await fetch('/api/upload' + q({ name: f.name }), { method: 'POST', body: f, headers: { 'X-Suanpan-Token': TOKEN } });
    const j = await res.json();
    if (!res.ok) return showError(new Error(j.error.message));
    openBook(j.file);
  };
}

async function openBook(file) {
  $('error').hidden = true;
  try {
    status('正在打开…');
    const book = await api('POST', '/api/open' + q({}), { file });
    Object.assign(st, { file, book, cache: new Map(), undo: [], redo: [] });
    location.hash = 'file=' + encodeURIComponent(file);
    $('home').hidden = true; $('book').hidden = false; $('tools').hidden = false;
    $('fname').textContent = file;
    for (const [id, fmt] of [['r-html', 'html'], ['r-json', 'json'], ['r-xlsx', 'xlsx']]) $(id).href = '/api/report' + q({ file, format: fmt });
    $('a-download').href = '/api/download' + q({ file });
    makeStyles(book.styles);
    const first = book.sheets.findIndex((s) => !s.hidden);
    drawTabs(); showPanel(book); selectSheet(first < 0 ? 0 : first);
    status('已打开');
  } catch (e) { status(''); showError(e); }
}

function makeStyles(styles) {
  const h = { left: 'flex-start', center: 'center', right: 'flex-end', justify: 'flex-start', distributed: 'center' };
  const v = { top: 'flex-start', middle: 'center', bottom: 'flex-end' };
  let css = '';
  styles.forEach((s, i) => {
    let r = '';
    if (s.b) r += 'font-weight:bold;'; if (s.i) r += 'font-style:italic;';
    if (s.fill) r += `background:${s.fill};`;
    if (s.h) r += `justify-content:${h[s.h]};`;
    if (s.v) r += `align-items:${v[s.v]};`;
    if (s.wrap) r += 'white-space:pre-wrap;';
    if (r) css += `.c.s${i}{${r}}\n`;
  });
  let tag = $('sheet-styles');
  if (!tag) { tag = document.createElement('style'); tag.id = 'sheet-styles'; document.head.appendChild(tag); }
  tag.textContent = css;
}

// ---------- sheet geometry -------------------------------------------------------------------
function selectSheet(i) {
  st.sheet = i;
  const s = st.book.sheets[i];
  const hr = new Set(s.hidden_rows), hc = new Set(s.hidden_cols);
  const nrows = Math.max(s.rows + 20, 50), ncols = Math.max(s.cols + 2, 10);
  const rowY = new Float64Array(nrows + 1), colX = new Float64Array(ncols + 1);
  for (let r = 0; r < nrows; r++) rowY[r + 1] = rowY[r] + (hr.has(r) ? 0 : s.row_heights[r] ? Math.round(s.row_heights[r] * 4 / 3) : DEFAULT_H);
  for (let c = 0; c < ncols; c++) colX[c + 1] = colX[c] + (hc.has(c) ? 0 : s.col_widths[c] ? Math.round(s.col_widths[c] * 7 + 5) : DEFAULT_W);
  const merged = new Map();  // covered cell -> merge [r1,c1,r2,c2]
  for (const m of s.merges) for (let r = m[0]; r <= m[2]; r++) for (let c = m[1]; c <= m[3]; c++) merged.set(r * 16384 + c, m);
  st.geo = { s, nrows, ncols, rowY, colX, merged, frozen: Math.min(s.frozen_rows, nrows) };
  if (!st.cache.has(s.name)) st.cache.set(s.name, { rows: new Map(), blocks: new Set() });
  const canvas = $('canvas');
  canvas.style.width = GUTTER + colX[ncols] + 'px';
  canvas.style.height = HEAD_H + rowY[nrows] + 'px';
  $('head').style.height = HEAD_H + rowY[st.geo.frozen] + 'px';
  $('grid').scrollTop = 0; $('grid').scrollLeft = 0;
  st.sel = { r: st.geo.frozen, c: 0 };
  markFindings();
  drawTabs(); render(); drawSel(); showFormula();
  $('grid').focus();
}

function drawTabs() {
  $('tabs').innerHTML = st.book.sheets.map((s, i) => s.hidden ? '' :
    `<button data-i="${i}" class="${i === st.sheet ? 'on' : ''}">${esc(s.name)}</button>`).join('');
}
$('tabs').onclick = (ev) => { const i = ev.target.dataset.i; if (i !== undefined) selectSheet(+i); };

function rowAt(y) {  // last row whose top is <= y (binary search over the prefix sums)
  const Y = st.geo.rowY; let lo = 0, hi = st.geo.nrows - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (Y[mid] <= y) lo = mid; else hi = mid - 1; }
  return lo;
}

// ---------- data ------------------------------------------------------------------------------
const sheetCache = () => st.cache.get(st.geo.s.name);
async function need(r0, r1) {
  const sc = sheetCache(), g = st.geo, want = [];
  for (let b = Math.floor(r0 / BLOCK); b <= Math.floor(r1 / BLOCK); b++) if (!sc.blocks.has(b)) { sc.blocks.add(b); want.push(b); }
  await Promise.all(want.map(async (b) => {
    const range = `A${b * BLOCK + 1}:${colName(g.ncols - 1)}${b * BLOCK + BLOCK}`;
    try { putCells(sc, (await api('GET', '/api/cells' + q({ file: st.file, sheet: g.s.name, range }))).cells); }
    catch (e) { sc.blocks.delete(b); showError(e); }
  }));
  if (want.length) render();
}
function putCells(sc, cells) {
  for (const c of cells) { let row = sc.rows.get(c.r); if (!row) sc.rows.set(c.r, row = new Map()); row.set(c.c, c); }
}
const cellAt = (r, c) => { const row = sheetCache().rows.get(r); return row ? row.get(c) : undefined; };

// ---------- drawing ---------------------------------------------------------------------------
function cellHtml(r, c, x, y, w, h) {
  const d = cellAt(r, c) || {};
  let cls = 'c';
  if (d.s) cls += ' s' + d.s;
  const style = st.book.styles[d.s || 0];
  if (style && style.border) cls += ' bd';
  if (typeof d.v === 'number' && !(style && style.h)) cls += ' n';
  if (d.err) cls += ' err';
  if (d.e && st.geo.s.protected) cls += ' in';
  const mark = st.marks.get(r * 16384 + c);
  if (mark) cls += mark === 'error' ? ' ferr' : ' fwarn';
  const color = d.fc && /^#[0-9a-f]{6}$/.test(d.fc) ? `;color:${d.fc}` : '';  // the number format's [Red] …
  return `<div class="${cls}" data-r="${r}" data-c="${c}" style="left:${x}px;top:${y}px;width:${w}px;height:${h}px${color}">${d.t === undefined ? '' : esc(d.t)}</div>`;
}

function rowsHtml(r0, r1, done) {
  const g = st.geo; let html = '';
  for (let r = r0; r <= r1; r++) {
    const h = g.rowY[r + 1] - g.rowY[r]; if (!h) continue;
    const y = HEAD_H + g.rowY[r];
    html += `<div class="c hd" style="left:0;top:${y}px;width:${GUTTER}px;height:${h}px">${r + 1}</div>`;
    for (let c = 0; c < g.ncols; c++) {
      let w = g.colX[c + 1] - g.colX[c]; if (!w) continue;
      let hh = h, rr = r, cc = c;
      const m = g.merged.get(r * 16384 + c);
      if (m) {  // drawn once, from its top-left, sized to the whole range
        const key = m[0] * 16384 + m[1]; if (done.has(key)) continue; done.add(key);
        rr = m[0]; cc = m[1];
        w = g.colX[m[3] + 1] - g.colX[m[1]]; hh = g.rowY[m[2] + 1] - g.rowY[m[0]];
      }
      html += cellHtml(rr, cc, GUTTER + g.colX[cc], HEAD_H + g.rowY[rr], w, hh);
    }
  }
  return html;
}

function render() {
  if (!st.geo) return;
  const g = st.geo, grid = $('grid');
  const top = grid.scrollTop + g.rowY[g.frozen];  // first body pixel under the frozen rows
  const r0 = Math.max(g.frozen, rowAt(top) - 2), r1 = Math.min(g.nrows - 1, rowAt(grid.scrollTop + grid.clientHeight) + 3);
  let head = '';
  for (let c = 0; c < g.ncols; c++) {
    const w = g.colX[c + 1] - g.colX[c];
    if (w) head += `<div class="c hd" style="left:${GUTTER + g.colX[c]}px;top:0;width:${w}px;height:${HEAD_H}px">${colName(c)}</div>`;
  }
  head += `<div class="c hd" style="left:0;top:0;width:${GUTTER}px;height:${HEAD_H}px"></div>`;
  head += rowsHtml(0, g.frozen - 1, new Set());
  $('head').innerHTML = head;
  $('body').innerHTML = rowsHtml(r0, r1, new Set());
  if (g.frozen) need(0, g.frozen - 1);  // the frozen rows, always drawn
  need(r0, r1);
}
$('grid').addEventListener('scroll', () => { if (!st.raf) st.raf = requestAnimationFrame(() => { st.raf = 0; render(); drawSel(); }); });
window.addEventListener('resize', () => render());

function box(r, c) {
  const g = st.geo, m = g.merged.get(r * 16384 + c);
  const [r1, c1, r2, c2] = m || [r, c, r, c];
  const y = HEAD_H + g.rowY[r1] - (r1 >= g.frozen ? 0 : -$('grid').scrollTop);
  return { x: GUTTER + g.colX[c1], y, w: g.colX[c2 + 1] - g.colX[c1], h: g.rowY[r2 + 1] - g.rowY[r1], r1, c1, r2, c2 };
}
function drawSel() {
  const b = box(st.sel.r, st.sel.c), el = $('sel');
  Object.assign(el.style, { left: b.x - 1 + 'px', top: b.y - 1 + 'px', width: b.w + 1 + 'px', height: b.h + 1 + 'px' });
}
function scrollIntoView(r, c) {
  const g = st.geo, grid = $('grid'), b = box(r, c);
  if (r >= g.frozen) {
    const top = HEAD_H + g.rowY[g.frozen];
    if (b.y - grid.scrollTop < top) grid.scrollTop = b.y - top;
    else if (b.y + b.h - grid.scrollTop > grid.clientHeight) grid.scrollTop = b.y + b.h - grid.clientHeight;
  }
  if (b.x - GUTTER < grid.scrollLeft) grid.scrollLeft = b.x - GUTTER;
  else if (b.x + b.w > grid.scrollLeft + grid.clientWidth) grid.scrollLeft = b.x + b.w - grid.clientWidth;
}

// ---------- selection, formula bar, precedents --------------------------------------------------
function select(r, c) {
  const g = st.geo;
  r = Math.max(0, Math.min(g.nrows - 1, r)); c = Math.max(0, Math.min(g.ncols - 1, c));
  const m = g.merged.get(r * 16384 + c); if (m) { r = m[0]; c = m[1]; }
  st.sel = { r, c };
  scrollIntoView(r, c); render(); drawSel(); showFormula();
}
function move(dr, dc) {  // skips hidden rows/columns and the rest of a merge
  const g = st.geo; let { r, c } = st.sel;
  const m = g.merged.get(r * 16384 + c);
  if (m && dr > 0) r = m[2]; if (m && dc > 0) c = m[3];
  do { r += dr; c += dc; } while (r > 0 && r < g.nrows - 1 && dr && g.rowY[r + 1] === g.rowY[r] || c > 0 && c < g.ncols - 1 && dc && g.colX[c + 1] === g.colX[c]);
  select(r, c);
}
function showFormula() {
  const { r, c } = st.sel, d = cellAt(r, c) || {};
  $('addr').textContent = st.geo.s.name + '!' + a1(r, c);
  $('formula').textContent = d.f || (d.v === undefined || d.v === null ? '' : String(d.v));
  $('prec').innerHTML = ''; $('hl').style.display = 'none';
}
$('b-prec').onclick = async () => {
  const { r, c } = st.sel;
  try {
    const p = await api('GET', '/api/precedents' + q({ file: st.file, sheet: st.geo.s.name, cell: a1(r, c) }));
    $('prec').innerHTML = p.precedents.length ? p.precedents.map((x) => `<a data-s="${esc(x.sheet)}" data-a="${esc(x.range)}">${esc(x.sheet === st.geo.s.name ? x.range : x.sheet + '!' + x.range)}</a>`).join('') : '（无）';
  } catch (e) { showError(e); }
};
$('prec').onclick = (ev) => {
  const t = ev.target.dataset; if (!t.a) return;
  const [p1, p2] = t.a.split(':').map(parseA1);
  jump(t.s, p1.r, p1.c);
  const b1 = box(p1.r, p1.c), b2 = box((p2 || p1).r, (p2 || p1).c);
  Object.assign($('hl').style, { display: 'block', left: b1.x + 'px', top: b1.y + 'px', width: b2.x + b2.w - b1.x + 'px', height: b2.y + b2.h - b1.y + 'px' });
};
function jump(sheet, r, c) {
  const i = st.book.sheets.findIndex((s) => s.name === sheet);
  if (i >= 0 && i !== st.sheet) selectSheet(i);
  select(r, c); $('grid').focus();
}

// ---------- editing -------------------------------------------------------------------------------
const editable = (r, c) => { const d = cellAt(r, c); return d ? !!d.e : !st.geo.s.protected; };
function startEdit(text, enterMode) {
  const { r, c } = st.sel;
  if (!editable(r, c)) { status(a1(r, c) + (cellAt(r, c) && cellAt(r, c).f ? ' 含公式，不能输入' : ' 已锁定')); return; }
  const b = box(r, c), ed = $('editor'), d = cellAt(r, c) || {};
  Object.assign(ed.style, { left: b.x + 'px', top: b.y + 'px', width: Math.max(b.w, 80) + 'px', height: b.h + 'px' });
  ed.value = text !== undefined ? text : d.v === undefined || d.v === null ? '' : String(d.v);
  ed.hidden = false; ed.dataset.enter = enterMode ? '1' : ''; ed.focus();
  ed.setSelectionRange(ed.value.length, ed.value.length);
}
function stopEdit() { $('editor').hidden = true; $('grid').focus(); }
$('editor').addEventListener('keydown', (ev) => {
  const ed = $('editor'), k = ev.key;
  const go = { Enter: [ev.shiftKey ? -1 : 1, 0], Tab: [0, ev.shiftKey ? -1 : 1] };
  if (ed.dataset.enter) Object.assign(go, { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] });
  if (k === 'Escape') { ev.preventDefault(); stopEdit(); return; }
  if (go[k]) {
    ev.preventDefault();
    const { r, c } = st.sel, text = ed.value;
    stopEdit(); move(...go[k]);
    edit(r, c, [[text]], false);
  }
});
$('editor').addEventListener('blur', () => { if (!$('editor').hidden) { const { r, c } = st.sel; const t = $('editor').value; stopEdit(); edit(r, c, [[t]], false); } });

// Sends a block edit; remembers what it replaced for undo. `raw`: values are exact (undo/redo).
async function edit(r, c, rows, raw, fromHistory) {
  const g = st.geo, sheet = g.s.name;
  try {
    const h = rows.length, w = Math.max(...rows.map((x) => x.length));
    const end = a1(r + h - 1, c + w - 1);
    const old = await api('GET', '/api/cells' + q({ file: st.file, sheet, range: a1(r, c) + ':' + end }));
    const before = rows.map((row, i) => row.map((_, k) => { const d = old.cells.find((x) => x.r === r + i && x.c === c + k); return d && d.v !== undefined ? d.v : null; }));
    const grid = $('grid'), v0 = rowAt(grid.scrollTop), v1 = rowAt(grid.scrollTop + grid.clientHeight) + 3;
    const view = { sheet, range: `A${v0 + 1}:${colName(g.ncols - 1)}${v1 + 1}` };
    const ans = await api('POST', '/api/edit' + q({}), { file: st.file, sheet, cell: a1(r, c), values: rows, raw, view });
    const after = rows.map((row, i) => row.map((_, k) => { const d = ans.changed.find((x) => x.sheet === sheet && x.r === r + i && x.c === c + k); return d && d.v !== undefined ? d.v : null; }));
    if (!fromHistory) { st.undo.push({ sheet, r, c, before, after }); st.redo = []; }
    apply(ans);
    status(`已更新 ${ans.changed.length} 个单元格（服务器 ${ans.ms.toFixed(1)} ms）`);
    return true;
  } catch (e) { status(''); showError(e); return false; }
}
function apply(ans) {
  if (ans.truncated) {  // too many changes to list: forget what is cached, the view is re-read
    for (const sc of st.cache.values()) { sc.rows.clear(); sc.blocks.clear(); }
  }
  for (const d of ans.changed) {
    const sc = st.cache.get(d.sheet); if (!sc) continue;
    let row = sc.rows.get(d.r); if (!row) sc.rows.set(d.r, row = new Map());
    row.set(d.c, d);
  }
  st.book.findings = ans.findings;
  showPanel(st.book); markFindings(); render(); drawSel(); showFormula();
}
async function history(from, to, key) {
  const e = from.pop(); if (!e) return;
  const i = st.book.sheets.findIndex((s) => s.name === e.sheet);
  if (i !== st.sheet) selectSheet(i);
  if (await edit(e.r, e.c, e[key], true, true)) { to.push(e); select(e.r, e.c); } else from.push(e);
}
const undo = () => history(st.undo, st.redo, 'before'), redo = () => history(st.redo, st.undo, 'after');
$('b-undo').onclick = undo; $('b-redo').onclick = redo;

$('grid').addEventListener('keydown', (ev) => {
  if (ev.target !== $('grid')) return;
  const k = ev.key, ctrl = ev.ctrlKey || ev.metaKey;
  const go = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [ev.shiftKey ? -1 : 1, 0], Tab: [0, ev.shiftKey ? -1 : 1] };
  if (ctrl && (k === 'z' || k === 'Z')) { ev.preventDefault(); (ev.shiftKey ? redo : undo)(); }
  else if (ctrl && (k === 'y' || k === 'Y')) { ev.preventDefault(); redo(); }
  else if (ctrl && (k === 's' || k === 'S')) { ev.preventDefault(); save(); }
  else if (go[k]) { ev.preventDefault(); move(...go[k]); }
  else if (k === 'F2') { ev.preventDefault(); startEdit(undefined, false); }
  else if (k === 'Delete' || k === 'Backspace') { ev.preventDefault(); if (editable(st.sel.r, st.sel.c)) edit(st.sel.r, st.sel.c, [['']], false); }
  else if (k.length === 1 && !ctrl && !ev.altKey) { ev.preventDefault(); startEdit(k, true); }
});
$('grid').addEventListener('compositionstart', () => { if ($('editor').hidden) startEdit('', true); });  // Chinese IME
$('grid').addEventListener('mousedown', (ev) => {
  const t = ev.target.closest('.c'); if (!t || t.dataset.r === undefined) return;
  select(+t.dataset.r, +t.dataset.c);
});
$('grid').addEventListener('dblclick', (ev) => { if (ev.target.closest('.c')) startEdit(undefined, false); });
document.addEventListener('paste', (ev) => {  // a rectangular block from Excel/WPS: tab-separated lines
  if (!st.geo || !$('editor').hidden || $('book').hidden) return;
  const text = (ev.clipboardData || window.clipboardData).getData('text/plain'); if (!text) return;
  ev.preventDefault();
  const rows = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
  edit(st.sel.r, st.sel.c, rows, false);
});

// ---------- 审核 panel ------------------------------------------------------------------------------
const SEV = { error: '错误', warning: '警告', info: '提示' };
function showPanel(book) {
  const f = book.findings;
  $('fcount').textContent = `（${f.length} 项，规则 ${book.rules_applied} 条）`;
  $('findings').innerHTML = f.length ? f.map((x, i) => `<li class="${x.severity}" data-i="${i}" data-rule="${esc(x.rule)}">
    <div><b>${SEV[x.severity] || x.severity}</b> ${esc(x.rule)} <span class="w">${esc(x.sheet)}${x.cell ? '!' + esc(x.cell) : ''}</span></div>
    <div class="m">${esc(x.message)}</div>
    <div>应为 ${esc(x.expected)}，实为 ${esc(x.found)}${x.difference !== null ? '，差额 ' + esc(+x.difference.toFixed(6)) : ''}</div></li>`).join('')
    : '<li class="none">全部通过</li>';
  $('scount').textContent = `（${book.stale.length}）`;
  $('stale').innerHTML = book.stale.map((s) => `<li data-s="${esc(s.sheet)}" data-a="${esc(s.cell)}"><span class="w">${esc(s.sheet)}!${esc(s.cell)}</span> 文件中为 ${esc(s.cached)}，重算为 ${esc(s.recalculated)}</li>`).join('') || '<li class="none">无</li>';
  $('ncount').textContent = `（${book.notes.length}）`;
  $('notes').innerHTML = book.notes.map((n) => `<li class="warning">${esc(n)}</li>`).join('') || '<li class="none">无</li>';
}
function markFindings() {  // cell -> worst severity on this sheet
  st.marks = new Map();
  if (!st.geo) return;
  for (const f of st.book.findings) {
    if (f.sheet !== st.geo.s.name || !f.cell || f.severity === 'info') continue;
    const [p1, p2] = f.cell.split(':').map(parseA1); if (!p1) continue;
    const e = p2 || p1;
    for (let r = p1.r; r <= e.r && r - p1.r < 1000; r++) for (let c = p1.c; c <= e.c; c++) {
      const k = r * 16384 + c; if (st.marks.get(k) !== 'error') st.marks.set(k, f.severity);
    }
  }
}
$('findings').onclick = (ev) => {
  const li = ev.target.closest('li'); if (!li || li.dataset.i === undefined) return;
  const f = st.book.findings[+li.dataset.i]; const p = f.cell && parseA1(f.cell.split(':')[0]);
  if (p) jump(f.sheet, p.r, p.c);
};
$('stale').onclick = (ev) => { const li = ev.target.closest('li'); const p = li && li.dataset.a && parseA1(li.dataset.a); if (p) jump(li.dataset.s, p.r, p.c); };

// ---------- save -------------------------------------------------------------------------------------
async function save(as) {
  const body = { file: st.file };
  if (as) body.as = as;
  try {
    let ans;
    try { ans = await api('POST', '/api/save' + q({}), body); }
    catch (e) {
      const ask = e.code === 'changed_on_disk' ? `${st.file} 在打开后已在磁盘上被修改。仍要覆盖吗？` : e.code === 'exists' ? `${as} 已存在。要覆盖吗？` : null;
      if (!ask || !confirm(ask)) throw e;
      ans = await api('POST', '/api/save' + q({}), Object.assign(body, { force: true }));
    }
    status(`已保存 ${ans.file}（改写 ${ans.cells_rewritten} 个单元格）` + (ans.cells_not_written ? `；${ans.cells_not_written} 个单元格在原文件中不存在，未写入` : ''));
  } catch (e) { showError(e); }
}
$('b-save').onclick = () => save();
$('b-saveas').onclick = () => {
  let name = prompt('另存为（文件夹内的文件名）：', st.file.replace(/\.xlsx$/i, '_副本.xlsx')); if (!name) return;
  if (!/\.xlsx$/i.test(name)) name += '.xlsx';
  save(name);
};
$('b-home').onclick = async () => { location.hash = ''; showHome(await api('GET', '/api/info' + q({}))); };

start();
