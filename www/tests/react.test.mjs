// The React recipe (docs/recipes/docusaurus.md): the typed wrapper in examples/react/ type-checks
// under --strict; the example page is built with Vite in development mode (so React prints its
// hydration warnings), rendered on the server, and hydrated in Chromium beside embed.js, in both
// orders (the widget first, React first), with no error or warning on the console; and a prop
// React changes after hydration changes the card.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { open, serverAndBrowser, settled, titleOf } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const example = join(repo, 'examples', 'react');
const modules = join(repo, 'www', 'node_modules');
const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'react');
const env = serverAndBrowser();

// Shared by the client and the server build. The example has no node_modules of its own: React
// comes from www/node_modules. Development mode everywhere, as React's hydration warnings are
// printed only by its development build.
const common = {
  configFile: false,
  root: example,
  mode: 'development',
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': '"development"' },
  oxc: { jsx: { runtime: 'automatic', development: true } },
  resolve: { alias: [{ find: /^(react|react-dom)(\/.*)?$/, replacement: `${modules}/$1$2` }] },
};

before(async () => {
  // The client: index.html (with embed.js and the module script) and its bundle.
  await build({ ...common, base: '/recipes/react/', build: { outDir: out, emptyOutDir: true, minify: false } });
  // The server entry, bundled with React for Node, imported once to render the page.
  const ssrOut = mkdtempSync(join(tmpdir(), 'incident-cards-react-'));
  try {
    await build({
      ...common,
      ssr: { noExternal: true },
      build: {
        ssr: join(example, 'server.tsx'), outDir: ssrOut, emptyOutDir: true, minify: false,
        rolldownOptions: { output: { entryFileNames: 'server.mjs' } },
      },
    });
    const { render } = await import(pathToFileURL(join(ssrOut, 'server.mjs')).href);
    const page = join(out, 'index.html');
    const html = readFileSync(page, 'utf8');
    assert.ok(html.includes('<!--app-html-->'), 'the built template keeps its placeholder');
    writeFileSync(page, html.replace('<!--app-html-->', render()));
  } finally {
    rmSync(ssrOut, { recursive: true, force: true });
  }
});
after(() => {
  rmSync(out, { recursive: true, force: true });
  try { rmdirSync(join(out, '..')); } catch { /* not empty: another recipe's output is there */ }
});

const url = () => `${env.server.url}/recipes/react/`;
// A tall window: both cards are in view, so neither waits for lazy mounting.
const viewport = { width: 1000, height: 3000 };
// The App enables its controls once React has hydrated the page (and has printed any warning).
const hydrated = (page) => page.waitForSelector('fieldset:not([disabled])', { timeout: 20_000 });
const noise = (lines) => lines.filter((l) => l.type === 'error' || l.type === 'warning');

/** Each card's state, and the title, variant, theme and heading its shadow root shows. */
const cards = (page) => page.evaluate(() => [...document.querySelectorAll('incident-card')].map((el) => {
  const art = el.shadowRoot?.querySelector('.ic-root:not([hidden]) article.ic-card');
  const title = art?.querySelector('.ic-title');
  return {
    state: el.getAttribute('data-state'),
    title: title?.textContent,
    heading: title?.tagName.toLowerCase(),
    variant: art?.getAttribute('data-variant'),
    theme: art?.getAttribute('data-theme'),
  };
}));

const expected = (second, theme) => [
  { state: 'ready', title: titleOf('ICS-0001'), heading: 'h2', variant: 'full', theme },
  { state: 'ready', title: titleOf(second), heading: 'h3', variant: 'compact', theme },
];

describe('the React recipe', () => {
  test('the wrapper and the example type-check under --strict', () => {
    const r = spawnSync(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', example, '--strict'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `tsc:\n${r.stdout}${r.stderr}`);
  });

  test('the server-rendered page holds the elements with their attributes', async () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    assert.match(html, /<incident-card src="\/data\/incidents\/ICS-0001\.json" theme="light"><\/incident-card>/);
    assert.match(html, /<incident-card case="ICS-0002" heading-level="3" variant="compact" theme="light"><\/incident-card>/);
    assert.equal(html.match(/<script async src="\/embed\.js"\s*><\/script>/g)?.length, 1, 'the widget, once');
    assert.match(html, /<script type="module" crossorigin src="\/recipes\/react\/assets\/[^"]+\.js"><\/script>/);
  });

  // The widget usually takes the server-rendered elements (data-state, a shadow root) before the
  // bundle hydrates them; on a fast connection the bundle may come first. Each order is forced by
  // holding the other script back.
  for (const first of ['widget', 'react']) {
    test(`hydrates without warnings, the ${first} first`, async () => {
      const { context, page, errors, consoleLines } = await open(env.browser, url(), {
        viewport,
        beforeLoad: (p) => (first === 'widget'
          ? p.route('**/recipes/react/assets/*.js', async (route) => { await settled(p, 'incident-card'); await route.continue(); })
          : p.route('**/embed.js', async (route) => { await hydrated(p); await route.continue(); })),
      });
      await hydrated(page);
      await settled(page, 'incident-card');
      assert.deepEqual(await cards(page), expected('ICS-0002', 'light'));
      assert.deepEqual(errors, []);
      assert.deepEqual(noise(consoleLines), [], `console:\n${noise(consoleLines).map((l) => `${l.type}: ${l.text}`).join('\n')}`);
      await context.close();
    });
  }

  test('a prop React changes after hydration changes the card', async () => {
    const { context, page, errors, consoleLines } = await open(env.browser, url(), { viewport });
    await hydrated(page);
    await settled(page, 'incident-card');
    await page.getByLabel('Second case').selectOption('ICS-0003');
    await page.getByLabel('Dark cards').check();
    await page.waitForFunction(() => [...document.querySelectorAll('incident-card')].every((el) => el.shadowRoot
      ?.querySelector('.ic-root:not([hidden]) article.ic-card')?.getAttribute('data-theme') === 'dark'), null, { timeout: 20_000 });
    await page.waitForFunction((title) => document.querySelectorAll('incident-card')[1].shadowRoot
      ?.querySelector('.ic-root:not([hidden]) .ic-title')?.textContent === title, titleOf('ICS-0003'), { timeout: 20_000 });
    assert.deepEqual(await cards(page), expected('ICS-0003', 'dark'));
    // The onReady callback heard the new card.
    await page.getByRole('status').filter({ hasText: 'ICS-0003' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(errors, []);
    assert.deepEqual(noise(consoleLines), [], `console:\n${noise(consoleLines).map((l) => `${l.type}: ${l.text}`).join('\n')}`);
    await context.close();
  });
});
