// Lays out the npm package `incident-cards` in pkg/ from a built dist/ (scripts/dev build runs it):
// the widget's files as dist/ serves them (loader, modules, stylesheet, the ES module entry for
// pages that import it by URL), and `index.js`, the entry for bundlers. pkg/package.json,
// pkg/index.d.ts and pkg/README.md are sources kept in the repository; `npm pack` in pkg/ makes
// the tarball (www/tests/npm.test.mjs installs it into a scratch project).
//
//   DIST_DIR (default dist)   the build to package
//   PKG_DIR  (default pkg)    where the package is laid out
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, process.env.DIST_DIR || 'dist');
const out = join(root, process.env.PKG_DIR || 'pkg');
const SOURCES = ['package.json', 'index.d.ts', 'README.md'];
const WIDGET = ['embed.js', 'incident-cards.mjs', 'incident-card.css', 'cards.wasm', 'cards-lists.wasm', 'pkg', 'locales'];

if (!existsSync(join(dist, 'embed.js'))) {
  throw new Error(`package: ${dist} holds no build; run scripts/dev build first`);
}
mkdirSync(out, { recursive: true });
if (out !== join(root, 'pkg')) {
  for (const f of SOURCES) cpSync(join(root, 'pkg', f), join(out, f));
}
// What an earlier build wrote goes; the sources stay.
for (const f of readdirSync(out)) {
  if (!SOURCES.includes(f)) rmSync(join(out, f), { recursive: true, force: true });
}
for (const f of WIDGET) cpSync(join(dist, f), join(out, f), { recursive: true, dereference: true });

// The entry for bundlers. `new URL('./file', import.meta.url)` is the form bundlers (Vite,
// webpack, Parcel, Rollup plugins) recognise: each copies the module it names into its output and
// writes its address there, and the loader takes those addresses from `IncidentCards.modules`.
// The loader itself is imported only in a browser, so server-side rendering can import this file.
const modules = Object.fromEntries(readdirSync(join(dist, 'pkg')).filter((f) => f.endsWith('.wasm'))
  .map((f) => [f.startsWith('cards-lists.') ? 'lists' : 'cards', f]));
if (!modules.cards || !modules.lists) throw new Error(`package: ${dist}/pkg/ lacks a module`);
// The message catalogues (German, Spanish, Arabic), named for the bundler the same way.
const locales = Object.fromEntries(readdirSync(join(dist, 'locales')).filter((f) => f.endsWith('.json'))
  .map((f) => [f.split('.')[0], f]));
if (Object.keys(locales).length === 0) throw new Error(`package: ${dist}/locales/ holds no catalogue`);
const version = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8')).version;
writeFileSync(join(out, 'index.js'), `/*! incident-cards ${version}: the package's entry for bundlers. MIT OR Apache-2.0 */
const browser = typeof window !== 'undefined' && typeof document !== 'undefined';
// Only a plain object of the page's scripts (markup can make \`window.IncidentCards\` an
// element); the loader's rule (www/loader/head.js), which also takes one without a prototype.
let G = browser ? window.IncidentCards : {};
const proto = G && typeof G == 'object' && Object.getPrototypeOf(G);
const plain = proto === Object.prototype || proto === null;
if (!plain || !Object.isExtensible(G)) G = Object.assign({}, plain ? G : null);
if (browser) window.IncidentCards = G;
if (browser && !G.modules) {
  G.modules = {
    cards: new URL('./pkg/${modules.cards}', import.meta.url).href,
    lists: new URL('./pkg/${modules.lists}', import.meta.url).href,
  };
}
if (browser && !G.locales) {
  G.locales = {
${Object.entries(locales).map(([lang, f]) => `    ${lang}: new URL('./locales/${f}', import.meta.url).href,`).join('\n')}
  };
}
// (The loader takes the folder of this address; \`new URL('./', import.meta.url)\` would be rewritten.)
if (browser && !G.widgetBase) G.widgetBase = import.meta.url;
G.config = G.config || {};
const loaded = browser
  ? import('./embed.js').then(() => G)
  : Promise.reject(new Error('incident-cards: cards mount in a browser. On the server, write the elements (or the pre-rendered snippet) into the page; the browser upgrades them.'));
loaded.catch(() => {});

/** The page-wide configuration: the object the loader reads (window.IncidentCards.config). */
export const config = G.config;
/** Mounts a card or list into \`element\` now; resolves to a handle with \`unmount()\`. */
export function mount(element, options) { return loaded.then((g) => g.mount(element, options)); }
/** Upgrades every card below \`root\` (default: the document) that is not yet upgraded. */
export function scan(root) { return loaded.then((g) => g.scan(root || document)); }
/** Resolves once the wasm module is running. */
export function ready() { return loaded.then((g) => g.ready()); }
`);
console.log(`package: wrote ${out} (npm pack there makes the tarball)`);
