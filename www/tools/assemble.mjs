// Assembles dist/: a self-contained static folder any static host or CDN can serve.
// Content-hashes the wasm module and its glue (so they can be cached for a year), rewrites the
// loader to point at them, copies the sample registry and the demo pages, and prints a size report
// (raw, gzip, brotli) that it also writes to dist/size.json.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, process.env.DIST_DIR || 'dist');
const pkg = join(root, 'pkg');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'pkg'), { recursive: true });

const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);

const wasm = readFileSync(join(pkg, 'incident_cards_wasm_bg.wasm'));
const wasmName = `incident_cards_wasm_bg.${hash(wasm)}.wasm`;
writeFileSync(join(dist, 'pkg', wasmName), wasm);

const glue = readFileSync(join(pkg, 'incident_cards_wasm.js'), 'utf8')
  .replaceAll('incident_cards_wasm_bg.wasm', wasmName);
const glueName = `incident_cards_wasm.${hash(glue)}.js`;
writeFileSync(join(dist, 'pkg', glueName), glue);

const loader = readFileSync(join(root, 'www', 'embed.js'), 'utf8')
  .replace("'pkg/incident_cards_wasm.js'", `'pkg/${glueName}'`)
  .replace("'pkg/incident_cards_wasm_bg.wasm'", `'pkg/${wasmName}'`);
if (!loader.includes(glueName) || !loader.includes(wasmName)) {
  throw new Error('assemble: embed.js no longer names pkg/incident_cards_wasm*.js/wasm as expected');
}
writeFileSync(join(dist, 'embed.js'), loader);

for (const f of ['incident-cards.mjs', 'incident-card.css', '_headers']) {
  cpSync(join(root, 'www', f), join(dist, f));
}
// Demo pages: `<!--ic:quote ID-->` markers become blockquote snippets whose readable fallback
// (title, summary, link) comes from the index, so the pages never drift from the data.
const index = JSON.parse(readFileSync(join(root, 'data', 'index.json'), 'utf8'));
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
// `<!--ic:snippet ID-->` markers become the CLI's pre-rendered snippet (declarative shadow DOM).
const cli = process.env.IC_CLI || join(root, 'target', 'debug', 'incident-cards');
function snippets(html, prefix) {
  return html.replace(/<!--ic:snippet ([A-Z0-9-]+)((?: [a-z-]+=[a-z0-9-]+)*)-->/g, (_, id, attrs) => {
    const args = ['snippet', join(root, 'data', 'incidents', `${id}.json`), '--base', prefix || './'];
    for (const a of attrs.trim().split(' ').filter(Boolean)) {
      const [k, v] = a.split('=');
      args.push(`--${k}`, v);
    }
    return execFileSync(cli, args, { encoding: 'utf8' }).trim();
  });
}
function quotes(html, prefix) {
  html = snippets(html, prefix);
  return html.replace(/<!--ic:quote ([A-Z0-9-]+)((?: [a-z-]+=[a-z0-9-]+)*)-->/g, (_, id, attrs) => {
    const entry = index.incidents.find((e) => e.id === id);
    if (!entry) throw new Error(`assemble: no incident ${id} in data/index.json`);
    const href = `${prefix}data/${entry.href}`;
    const extra = attrs.trim() ? ' ' + attrs.trim().split(' ').map((a) => {
      const [k, v] = a.split('=');
      return `data-${k}="${esc(v)}"`;
    }).join(' ') : '';
    return `<blockquote class="incident-card" data-src="${esc(href)}"${extra} cite="${esc(href)}">
  <p><strong>${esc(entry.title)}</strong></p>
  <p>${esc(entry.summary)}</p>
  <p><a href="${esc(href)}">Case ${esc(entry.id)}</a> · incident-cards sample registry</p>
</blockquote>`;
  });
}
writeFileSync(join(dist, 'index.html'), quotes(readFileSync(join(root, 'index.html'), 'utf8'), ''));
mkdirSync(join(dist, 'pages'), { recursive: true });
for (const f of readdirSync(join(root, 'www', 'pages'))) {
  const src = join(root, 'www', 'pages', f);
  if (f.endsWith('.html')) writeFileSync(join(dist, 'pages', f), quotes(readFileSync(src, 'utf8'), '../'));
  else cpSync(src, join(dist, 'pages', f));
}
cpSync(join(root, 'data'), join(dist, 'data'), { recursive: true });
if (existsSync(join(root, 'schema'))) cpSync(join(root, 'schema'), join(dist, 'schema'), { recursive: true });

// Size report: what a page downloads for one card, excluding the document.
const files = [
  ['wasm', join('pkg', wasmName)],
  ['glue', join('pkg', glueName)],
  ['loader', 'embed.js'],
  ['stylesheet', 'incident-card.css'],
];
const rows = files.map(([what, file]) => {
  const buf = readFileSync(join(dist, file));
  return {
    what,
    file,
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
});
const total = rows.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
writeFileSync(join(dist, 'size.json'), JSON.stringify({ files: rows, total }, null, 2) + '\n');
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
console.log('size report (what one card costs, document excluded)');
console.log('  what         raw        gzip      brotli');
for (const r of rows) console.log(`  ${r.what.padEnd(10)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`  ${'total'.padEnd(10)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
console.log(`dist/ ready: ${readdirSync(dist).join(', ')}`);
