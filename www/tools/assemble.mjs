// Assembles dist/: a self-contained static folder any static host or CDN can serve.
// Gives the wasm module's imports and exports short names (and rewrites the glue to match),
// content-hashes the module (so it can be cached for a year), builds the loader with the glue
// and the stylesheet inside it, copies the sample registry and the demo pages, and prints a size report
// (raw, gzip, brotli) that it also writes to dist/size.json.
//
// The loader (embed.js, with the glue inside) and the ES module entry are minified with terser:
// local names are mangled and the code compressed, but property names never are, so the public
// global `IncidentCards` and its members, the custom element names, `data-*` attributes, event
// names and the glue's imports object (looked up by name by the wasm module) are untouched. The
// inlined stylesheet loses its comments and line breaks. For a readable build to debug with, set
// IC_NO_MINIFY=1: `IC_NO_MINIFY=1 node www/tools/assemble.mjs`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { nameTable, namesOf, rename } from './wasm-names.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, process.env.DIST_DIR || 'dist');
// What wasm-bindgen wrote for the two modules (scripts/dev).
const bindgenOut = join(root, 'target', 'wasm-bindgen');
const minified = process.env.IC_NO_MINIFY !== '1';

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'pkg'), { recursive: true });

// The wasm features the module is built with (as for wasm-opt in scripts/dev).
const WASM_FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);

/** `wasm` with a custom section `ic-build` holding `id` appended (ids and lengths under 128). */
function withBuildId(wasm, id) {
  const name = Buffer.from('ic-build');
  const payload = Buffer.concat([Buffer.from([name.length]), name, Buffer.from(id)]);
  if (id.length > 100) throw new Error('assemble: build id too long');
  return Buffer.concat([wasm, Buffer.from([0, payload.length]), payload]);
}

/**
 * `wasm` with a name section that holds only the module's name, `incident_cards` (16 bytes more).
 * Chromium names a module compiled from its bytes (served under another type than
 * application/wasm) `wasm://wasm/incident_cards-<hash>` in stack traces, where a streamed module
 * has its address: the loader tells a trap of its own module from another's by either (`isTrap`
 * in www/loader/failure.js).
 */
function withModuleName(wasm) {
  const section = Buffer.from('name');
  const name = Buffer.from('incident_cards');
  const sub = Buffer.concat([Buffer.from([0, name.length + 1, name.length]), name]);
  const payload = Buffer.concat([Buffer.from([section.length]), section, sub]);
  return Buffer.concat([wasm, Buffer.from([0, payload.length]), payload]);
}

// Two modules from the one crate, with the same glue: `lists/` with lists, `cards/` without
// (scripts/dev). Both get short import and export names from one table (www/tools/wasm-names.mjs):
// wasm-bindgen names each import after the call and a 16-digit hash, which the module and the glue
// would both carry (about 3 KB brotli in all). The glue is rewritten to match below.
const builds = { lists: join(bindgenOut, 'lists', 'incident_cards_wasm_bg.wasm'), cards: join(bindgenOut, 'cards', 'incident_cards_wasm_bg.wasm') };
const built = Object.fromEntries(Object.entries(builds).map(([k, f]) => [k, readFileSync(f)]));
const names = nameTable([built.lists, built.cards]);
const modules = {};
for (const [kind, buf] of Object.entries(built)) {
  const wasm = withModuleName(rename(buf, names));
  const file = `pkg/${kind === 'cards' ? 'cards' : 'cards-lists'}.${hash(wasm)}.wasm`;
  writeFileSync(join(dist, file), wasm);
  modules[kind] = { file, wasm };
  // The same module at a stable address (`cards.wasm`, `cards-lists.wasm`) for pages that preload
  // it, with a custom section `ic-build` naming its build (the hash in the name above): the loader
  // uses it only when it is its own build (see `hinted` in www/loader/wasm.js).
  writeFileSync(join(dist, file.replace(/^pkg\/|\.\w+(?=\.wasm$)/g, '')), withBuildId(wasm, hash(wasm)));
}
// The module without lists must need nothing the glue (written for the one with lists) lacks.
const glueImports = new Set(namesOf(built.lists).imports.map(([m, f]) => `${m}.${f}`));
const cardNames = namesOf(built.cards);
const missing = cardNames.imports.filter(([m, f]) => !glueImports.has(`${m}.${f}`));
if (missing.length) throw new Error(`assemble: the module without lists imports what the glue lacks: ${missing.join(', ')}`);
const listExports = namesOf(built.lists).exports;
if (cardNames.exports.join() !== listExports.join()) {
  throw new Error('assemble: the two modules export different functions; one glue cannot serve both');
}
const code = (f) => readFileSync(f, 'utf8').replace(/^\s*\/\/.*\n/gm, '');
if (code(join(bindgenOut, 'lists', 'incident_cards_wasm.js')) !== code(join(bindgenOut, 'cards', 'incident_cards_wasm.js'))) {
  throw new Error('assemble: wasm-bindgen wrote different glue for the two modules');
}
const wasm = modules.lists.wasm;

// The message catalogues (crates/incident-card/locales/) other than English, which the module
// carries: one file per language for the loader to fetch, `locales/de.<hash>.json`, holding the
// module's table (`messages`: one string per slot, in the order the crate's build.rs lays the
// keys out: sorted, six slots for a plural message) and the loader's own words (`loader`).
const localeDir = join(root, 'crates', 'incident-card', 'locales');
const english = JSON.parse(readFileSync(join(localeDir, 'en.json'), 'utf8'));
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const keys = Object.keys(english).sort();
const locales = {};
mkdirSync(join(dist, 'locales'), { recursive: true });
for (const lang of ['de', 'es', 'ar']) {
  const cat = JSON.parse(readFileSync(join(localeDir, `${lang}.json`), 'utf8'));
  const messages = [];
  const loaderWords = {};
  for (const k of keys) {
    if (k.startsWith('loader.')) {
      loaderWords[k.slice('loader.'.length)] = cat[k];
    } else if (typeof english[k] === 'object') {
      for (const c of CATEGORIES) messages.push((cat[k] && cat[k][c]) || '');
    } else {
      messages.push(typeof cat[k] === 'string' ? cat[k] : '');
    }
  }
  const body = JSON.stringify({ lang, messages, loader: loaderWords });
  const file = `locales/${lang}.${hash(Buffer.from(body))}.json`;
  writeFileSync(join(dist, file), body);
  locales[lang] = file;
}

// The loader carries the wasm-bindgen glue (`--target no-modules`, its doc comments dropped) and
// the card stylesheet, so the first card costs three requests: embed.js, the wasm, the document.
// The glue starts up as wasm-bindgen writes it; the loader calls it once per instance with
// `{ module_or_path }` holding the module it compiled itself (www/loader/wasm.js), which the
// glue's start-up instantiates. The build stops if the glue no longer takes that form.
const glueFile = readFileSync(join(bindgenOut, 'lists', 'incident_cards_wasm.js'), 'utf8');
if (!/async function __wbg_init_once\(module_or_path\)[\s\S]*\(\{module_or_path\} = module_or_path\)/.test(glueFile)) {
  throw new Error('assemble: the glue no longer starts up with wasm_bindgen({ module_or_path })');
}
const glueSource = shortenNames(glueFile.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, ''), names, wasm);
if (!/^let wasm_bindgen = \(function\(exports\) \{/.test(glueSource)) {
  throw new Error('assemble: target/wasm-bindgen/lists/incident_cards_wasm.js is not wasm-bindgen --target no-modules output');
}
const cssSource = readFileSync(join(root, 'www', 'incident-card.css'), 'utf8');
const css = minified ? minifyCss(cssSource) : cssSource;
// The loader's source is the files of www/loader/, joined in this order: head.js opens the one
// function they share (and carries the licence banner), tail.js closes it.
const LOADER_PARTS = ['head', 'config', 'locale', 'failure', 'wasm', 'request', 'steady', 'elements', 'api', 'tail'];
const loaderDir = join(root, 'www', 'loader');
const strays = readdirSync(loaderDir).filter((f) => !LOADER_PARTS.includes(f.replace(/\.js$/, '')));
if (strays.length) throw new Error(`assemble: www/loader/ has files the build does not join: ${strays.join(', ')}`);
const loaderSource = LOADER_PARTS.map((part) => readFileSync(join(loaderDir, `${part}.js`), 'utf8')).join('\n');
const markers = ['var bindgen = null; /*@glue*/', 'var CSS = null; /*@css*/', "var WASM = { cards: 'pkg/cards.wasm', lists: 'pkg/cards-lists.wasm' };",
  'memory = exports.memory;', "var LOCALES = { de: 'locales/de.json', es: 'locales/es.json', ar: 'locales/ar.json' };"];
for (const m of markers) {
  if (loaderSource.split(m).length !== 2) throw new Error(`assemble: www/loader/ does not hold the build marker ${m} once`);
}
const loader = loaderSource
  .replace(markers[0], () => `var bindgen = function () {\n${glueSource}\nreturn wasm_bindgen;\n};`)
  .replace(markers[1], () => `var CSS = ${JSON.stringify(css)};`)
  .replace(markers[2], () => `var WASM = ${JSON.stringify({ cards: modules.cards.file, lists: modules.lists.file })};`)
  .replace(markers[3], () => `memory = exports[${JSON.stringify(exportName(names, 'memory'))}];`)
  .replace(markers[4], () => `var LOCALES = ${JSON.stringify(locales)};`);
writeFileSync(join(dist, 'embed.js'), minified ? await minifyJs(loader, { module: false }) : loader);
const entry = readFileSync(join(root, 'www', 'incident-cards.mjs'), 'utf8');
writeFileSync(join(dist, 'incident-cards.mjs'), minified ? await minifyJs(entry, { module: true }) : entry);

// The stylesheet on its own (for pages and apps that link it) stays as written.
for (const f of ['incident-card.css', '_headers']) {
  cpSync(join(root, 'www', f), join(dist, f), { dereference: true }); // the stylesheet is a link to the card crate's
}
// Demo pages: `<!--ic:quote ID-->` markers become blockquote snippets whose readable fallback
// (title, summary, link) comes from the index, so the pages never drift from the data.
const index = JSON.parse(readFileSync(join(root, 'data', 'index.json'), 'utf8'));
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
// `<!--ic:snippet ID-->` markers become the CLI's pre-rendered snippet (declarative shadow DOM);
// `revision=N` makes it from the earlier revision the registry keeps (data/revisions/ID/N.json),
// as a page that embedded the case then would hold it.
const cli = process.env.IC_CLI || join(root, 'target', 'debug', 'incident-cards');
function snippets(html, prefix) {
  return html.replace(/<!--ic:snippet ([A-Z0-9-]+)((?: [a-z-]+=[a-z0-9-]+)*)-->/g, (_, id, attrs) => {
    let file = join(root, 'data', 'incidents', `${id}.json`);
    const args = ['--base', prefix || './'];
    for (const a of attrs.trim().split(' ').filter(Boolean)) {
      const [k, v] = a.split('=');
      if (k === 'revision') file = join(root, 'data', 'revisions', id, `${v}.json`);
      else args.push(`--${k}`, v);
    }
    args.unshift('snippet', file);
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
// The registry's public pages (case pages, embed pages, oEmbed, feed, sitemap), by the CLI's
// `site`. Their addresses are absolute, so they are built for the address the demo is served
// from (IC_SITE_BASE; scripts/dev sets it from PORT).
execFileSync(cli, ['site', join(root, 'data'), dist, '--base', process.env.IC_SITE_BASE || 'http://127.0.0.1:8080/'], { stdio: ['ignore', 'ignore', 'inherit'] });

// Size report: what a page downloads for one card, excluding the document: the loader, which
// carries the glue and the stylesheet, and the module without lists. (Pre-rendered snippets also
// link the stylesheet; a page with a list downloads the module with lists instead.)
const files = [
  ['wasm', modules.cards.file],
  ['loader', 'embed.js'],
];
const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length,
});
const rows = files.map(([what, file]) => ({ what, file, ...sizes(readFileSync(join(dist, file))) }));
// What the loader carries, each part compressed on its own (so the parts add up to a little more
// than the loader), and the stylesheet file, for pages that link it.
const loaderOnly = loaderSource.replace(markers[0], 'var bindgen = null;').replace(markers[1], 'var CSS = "";');
const glueAlone = `/*! glue */\nvar bindgen = function () {\n${glueSource}\nreturn wasm_bindgen;\n};`;
const parts = [
  ['loader code', minified ? await minifyJs(loaderOnly, { module: false }) : loaderOnly],
  ['glue', minified ? await minifyJs(glueAlone, { module: false }) : glueAlone],
  ['stylesheet', css],
].map(([what, text]) => ({ what, ...sizes(Buffer.from(text)) }));
const listsModule = { what: 'wasm with lists', file: modules.lists.file, ...sizes(modules.lists.wasm) };
const sheetFile = { what: 'stylesheet file', file: 'incident-card.css', ...sizes(readFileSync(join(dist, 'incident-card.css'))) };
const total = rows.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
writeFileSync(join(dist, 'size.json'), JSON.stringify({ files: rows, total, loaderParts: parts, linkedBySnippets: sheetFile, listsModule }, null, 2) + '\n');
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
console.log('size report (what one card costs, document excluded)');
console.log('  what         raw        gzip      brotli');
for (const r of rows) console.log(`  ${r.what.padEnd(10)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`  ${'total'.padEnd(10)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
console.log('  in the loader, each compressed alone:');
for (const r of parts) console.log(`    ${r.what.padEnd(13)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
console.log('  instead of the module above, on a page with a list (not in the total):');
console.log(`    ${'module'.padEnd(13)}${kb(listsModule.raw)}${kb(listsModule.gzip)}${kb(listsModule.brotli)}`);
console.log(`  and the stylesheet file, for pages that link it (not in the total):`);
console.log(`    ${'stylesheet'.padEnd(13)}${kb(sheetFile.raw)}${kb(sheetFile.gzip)}${kb(sheetFile.brotli)}`);
console.log(minified ? 'loader and module entry minified (IC_NO_MINIFY=1 for a readable build)' : 'not minified (IC_NO_MINIFY=1)');
console.log(`dist/ ready: ${readdirSync(dist).join(', ')}`);

/** Minifies one script with terser: compress and mangle local names, never property names, and
 * no syntax newer than ES2017 introduced (what the source already uses is kept as it is). The
 * first line of the source's licence comment (`/*! …`) is kept as a one-line banner. */
async function minifyJs(source, { module }) {
  const banner = /^\/\*![^\n]*/.exec(source);
  if (!banner) throw new Error('assemble: a script lost its licence banner (/*! …)');
  const out = await minify(source, {
    ecma: 2017,
    module,
    compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true },
    mangle: true,
    format: { comments: false, preamble: banner[0].replace(/\s*\*\/\s*$/, '') + ' */' },
  });
  return out.code + '\n';
}

/**
 * Rewrites the glue for the module's short names: the keys of its imports object, the import
 * module's name, and its `wasm.NAME` uses of the exports. Every import must be found exactly once,
 * so a glue the build does not understand stops the build rather than failing in a browser.
 */
function shortenNames(glue, names, wasm) {
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.module));
  if (modules.size !== 1) throw new Error(`assemble: expected one import module, found ${modules.size}`);
  const [shortModule] = modules;
  const oldModules = new Set(names.imports.map(([module]) => module));
  for (const module of oldModules) {
    const key = `${JSON.stringify(module)}: import`;
    if (glue.split(key).length !== 2) throw new Error(`assemble: the glue does not name import module ${module} once`);
    glue = glue.replace(key, () => `${JSON.stringify(shortModule)}: import`);
  }
  for (const [, base, short] of names.imports) {
    const key = new RegExp(`(?<=[\\s{,])${base.replace(/\$/g, '\\$')}(?=: )`, 'g');
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`assemble: import ${base} is in the glue ${found} times, not once`);
    glue = glue.replace(key, () => JSON.stringify(short));
  }
  for (const [name, short] of names.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${name.replace(/\$/g, '\\$')}\\b`, 'g'), () => `wasm[${JSON.stringify(short)}]`);
  }
  const left = glue.match(/\bwasm\.[A-Za-z_$][\w$]*/g);
  if (left) throw new Error(`assemble: the glue uses exports the module does not have: ${[...new Set(left)].join(', ')}`);
  return glue;
}

function exportName(names, name) {
  const found = names.exports.find(([old]) => old === name);
  if (!found) throw new Error(`assemble: the module does not export ${name}`);
  return found[1];
}

/** Drops the stylesheet's comments and collapses its whitespace, strings left as written: runs of
 * whitespace become one space, and none is kept next to `{`, `}` or `;` or at either end. Spaces
 * elsewhere are kept (they can be significant: descendant combinators, `a :hover`, `calc()`). */
function minifyCss(text) {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error('assemble: unterminated comment in incident-card.css');
      i = end + 2;
      space = true;
    } else if (/\s/.test(c)) {
      i++;
      space = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new Error('assemble: unterminated string in incident-card.css');
      if (space && out && !/[{};]$/.test(out)) out += ' ';
      out += text.slice(i, j + 1);
      i = j + 1;
      space = false;
    } else {
      if (space && out && !/[{};]$/.test(out) && !'{};'.includes(c)) out += ' ';
      out += c;
      i++;
      space = false;
    }
  }
  return out;
}
