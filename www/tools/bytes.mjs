#!/usr/bin/env node
// Where a module's bytes go, by crate: reads `twiggy top -f json` of a module built with its
// functions' names (scripts/dev bytes) on stdin and prints a Markdown table for
// docs/performance.md, then the largest single items.
//
// Each function counts for the first crate its name mentions: `<yew::…::CompStateInner<
// incident_card::…::RemoteIncidentCard> as …>::run` is Yew's, with whatever of the card's code
// was inlined into it, and generic code counts for the crate that defines it (a `Vec` of the
// card's for `alloc`). The names section itself is not counted: the shipped module has none.
import { readFileSync } from 'node:fs';

let items = null;
try {
  items = JSON.parse(readFileSync(0, 'utf8'));
} catch (e) {
  items = null;
}
if (!Array.isArray(items) || !items.every((i) => typeof i.name === 'string' && Number.isFinite(i.shallow_size))) {
  console.error('bytes: expected the JSON of `twiggy top -f json` on stdin; run scripts/dev bytes, which builds the module and pipes it here');
  process.exit(1);
}

const OWN = {
  incident_card: 'incident-card (components, fetch, load)',
  incident_model: 'incident-model (reader, validation, link policy)',
  incident_cards_wasm: 'incident-cards-wasm (the glue crate)',
};

/** The group an item of twiggy's list belongs to. */
function group(name) {
  if (name.startsWith('data segment')) return 'data segments (strings, tables)';
  if (/^(elem|table|type|global|memory|import|export)\b|^"?[a-z ]*" ?(sub)?section|custom section/i.test(name)) {
    return 'wasm tables, types, imports and exports';
  }
  if (/^code\[\d+\]$/.test(name)) return 'unnamed (exports with their code inlined, wasm-bindgen helpers)';
  if (/ shim\b/.test(name)) return 'export and closure shims (wasm-bindgen), code inlined into them';
  const crate = /([A-Za-z_][A-Za-z0-9_]*)\[[0-9a-f]+\]/.exec(name);
  // `__rustc::__rust_alloc` and the like: the allocator's entry points.
  if (crate) return OWN[crate[1]] || (crate[1] === '__rustc' ? 'alloc' : crate[1].replace(/_/g, '-'));
  return 'unnamed (exports with their code inlined, wasm-bindgen helpers)';
}

const names = items.filter((i) => /^"[a-z ]*names" subsection$/.test(i.name) || i.name.startsWith('"name"'));
const counted = items.filter((i) => !names.includes(i));
const total = counted.reduce((a, i) => a + i.shallow_size, 0);
const sums = new Map();
for (const i of counted) {
  const g = group(i.name);
  sums.set(g, (sums.get(g) || 0) + i.shallow_size);
}
const kb = (n) => (n / 1000).toFixed(1);
const rows = [...sums.entries()].sort((a, b) => b[1] - a[1]);
const out = ['| group | KB | share |', '|---|---:|---:|'];
for (const [g, n] of rows) out.push(`| ${g} | ${kb(n)} | ${((100 * n) / total).toFixed(1)}% |`);
out.push(`| **total** (uncompressed; the names section not counted) | **${kb(total)}** | |`);
out.push('', 'Largest items:', '');
for (const i of [...counted].sort((a, b) => b.shallow_size - a.shallow_size).slice(0, 12)) {
  const short = i.name.replace(/\[[0-9a-f]+\]/g, '').replace(/\s+/g, ' ');
  out.push(`- ${kb(i.shallow_size)} KB \`${short.length > 150 ? short.slice(0, 147) + '…' : short}\``);
}
console.log(out.join('\n'));
