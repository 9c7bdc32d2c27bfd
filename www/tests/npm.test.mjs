// The npm package (pkg/, written by the build from dist/): `npm pack` makes the tarball; a scratch
// project installs it as a user would, type-checks TypeScript against its declarations with
// `tsc --strict`, bundles it with Vite, and the bundle shows cards in Chromium, with the wasm
// module Vite copied into its own output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { open, serverAndBrowser, settled, titleOf } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkgDir = join(repo, process.env.IC_PKG || 'pkg');
const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'npm');
const tsc = join(repo, 'www', 'node_modules', '.bin', 'tsc');
const env = serverAndBrowser();
let scratch;
let tarball;

const TSCONFIG = {
  compilerOptions: {
    strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: false, types: [],
  },
};

// What a user writes: options typed by the package, the element and event maps of the DOM.
const MAIN = `import { config, mount, scan, type CardHandle, type CardOptions } from 'incident-cards';

config.base = '/data/incidents/';
const options: CardOptions = { case: 'ICS-0003', variant: 'compact', headingLevel: 3 };
const host: HTMLElement | null = document.querySelector('#api');
let handle: CardHandle | null = null;
if (host) handle = await mount(host, options);
const card = document.querySelector('incident-card');
card?.addEventListener('incident-card:error', (e) => {
  const code: string = e.detail.code;
  document.title = code + ' ' + e.detail.message;
});
document.addEventListener('incident-card:ready', (e) => { void e.detail.id; });
await scan();
(window as unknown as { __handle: CardHandle | null }).__handle = handle;
`;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'incident-cards-npm-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: pkgDir, encoding: 'utf8' }));
  tarball = packed[0];
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  // The package has no dependencies: installing it needs nothing from the network.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(scratch, tarball.filename)], { cwd: scratch, stdio: 'pipe' });
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, include: ['main.ts'] }));
  writeFileSync(join(scratch, 'main.ts'), MAIN);
  writeFileSync(join(scratch, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>npm package</title><link rel="icon" href="data:,"></head><body>
<incident-card case="ICS-0001"></incident-card>
<div id="api"></div>
<script type="module" src="./main.ts"></script>
</body></html>`);
});
after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('npm pack holds the widget, the entries and the declarations, and nothing else', () => {
    const files = tarball.files.map((f) => f.path).sort();
    const wasm = files.filter((f) => /^pkg\/cards(-lists)?\.[0-9a-f]{10}\.wasm$/.test(f));
    assert.equal(wasm.length, 2, `both content-hashed modules: ${files.join(', ')}`);
    // Regression: the catalogues were left out, and German, Spanish and Arabic cards showed in English.
    const locales = files.filter((f) => /^locales\/(de|es|ar)\.[0-9a-f]{10}\.json$/.test(f));
    assert.equal(locales.length, 3, `the three catalogues: ${files.join(', ')}`);
    assert.deepEqual(files.filter((f) => !wasm.includes(f) && !locales.includes(f)), ['README.md', 'cards-lists.wasm', 'cards.wasm', 'embed.js',
      'incident-card.css', 'incident-cards.mjs', 'index.d.ts', 'index.js', 'package.json']);
    assert.equal(tarball.name, 'incident-cards');
  });

  test('dist/ and the package hold files, not links into the build machine', () => {
    // Regression: dist/incident-card.css was a link to the card crate's stylesheet, by the
    // absolute path of the folder it was built in.
    const links = [];
    const walk = (dir) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        const st = lstatSync(p);
        if (st.isSymbolicLink()) links.push(p);
        else if (st.isDirectory()) walk(p);
      }
    };
    walk(join(repo, process.env.IC_DIST || 'dist'));
    walk(pkgDir);
    assert.deepEqual(links, []);
  });

  test('TypeScript code type-checks against the declarations with --strict, and misuse does not', () => {
    const ok = spawnSync(tsc, ['-p', scratch], { encoding: 'utf8' });
    assert.equal(ok.status, 0, `tsc --strict failed:\n${ok.stdout}${ok.stderr}`);
    // The declarations are not `any`: a wrong option value, a wrong event detail and an unknown
    // element property are errors.
    writeFileSync(join(scratch, 'wrong.ts'), `import { mount } from 'incident-cards';
const el = document.querySelector('incident-card');
if (el) void mount(el, { theme: 'blue' });
el?.addEventListener('incident-card:error', (e) => { const n: number = e.detail.message; void n; });
document.addEventListener('incident-card:ready', (e) => { void e.detail.nope; });
`);
    writeFileSync(join(scratch, 'tsconfig.wrong.json'), JSON.stringify({ ...TSCONFIG, include: ['wrong.ts'] }));
    const bad = spawnSync(tsc, ['-p', join(scratch, 'tsconfig.wrong.json')], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0, 'misuse type-checks');
    const errors = bad.stdout.split('\n').filter((l) => l.includes('error TS'));
    assert.equal(errors.length, 3, bad.stdout);
    assert.match(errors[0], /wrong\.ts\(3,.*'"blue"' is not assignable/);
    assert.match(errors[1], /wrong\.ts\(4,.*Type 'string' is not assignable to type 'number'/);
    assert.match(errors[2], /wrong\.ts\(5,.*Property 'nope' does not exist/);
  });

  test('bundled with Vite, the package shows its cards in Chromium from the bundle\'s own module', async () => {
    await build({
      root: scratch, base: '/recipes/npm/', logLevel: 'error', configFile: false,
      build: { outDir: out, emptyOutDir: true, target: 'es2022' },
    });
    const assets = readdirSync(join(out, 'assets'));
    assert.ok(assets.some((f) => /^cards\..*\.wasm$/.test(f)), `Vite copied the module: ${assets.join(', ')}`);

    await env.server.reset();
    const { context, page, errors, consoleLines } = await open(env.browser, `${env.server.url}/recipes/npm/`);
    await page.waitForFunction(() => window.__handle !== undefined, null, { timeout: 20_000 });
    await settled(page, 'incident-card, #api');
    const cards = await page.evaluate(() => [...document.querySelectorAll('incident-card, #api')].map((h) => ({
      state: h.getAttribute('data-state'),
      title: h.shadowRoot?.querySelector('.ic-root:not([hidden]) .ic-title')?.textContent,
    })));
    assert.deepEqual(cards, [
      { state: 'ready', title: titleOf('ICS-0001') },
      { state: 'ready', title: titleOf('ICS-0003') },
    ]);
    const wasm = (await env.server.log()).map((r) => r.path).filter((p) => p.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one module request: ${wasm.join(', ')}`);
    assert.match(wasm[0], /^\/recipes\/npm\/assets\/cards\./);
    assert.equal(await page.evaluate(() => { window.__handle.unmount(); return document.querySelector('#api').shadowRoot.querySelector('.ic-card'); }), null);
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleLines.filter((l) => l.type === 'error' || l.type === 'warning'), []);
    await context.close();
  });

  test('a module that imports the package can be rendered on the server; mount says why it cannot run there', async () => {
    const entry = join(scratch, 'node_modules', 'incident-cards', 'index.js');
    const api = await import(entry);
    assert.equal(typeof api.config, 'object');
    await assert.rejects(api.mount({}), /cards mount in a browser/);
  });
});
