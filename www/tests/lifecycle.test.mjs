// The loader across a page's life, in Chromium: regressions found by a review of what news sites
// and single-page apps do to it (markup that shadows the loader's globals, a second copy of the
// script, two registries on one page, a moment offline, the back/forward cache, cards scanned
// before they are inserted, attributes written again, odd globals and odd arguments).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, open, settled, serverAndBrowser } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(repo, process.env.IC_DIST || 'dist');
const env = serverAndBrowser();

/** A page under dist/recipes/lifecycle/ made of `html` (a whole body, scripts included); its address. */
function page(name, html, head = '') {
  const dir = join(dist, 'recipes', 'lifecycle');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lifecycle</title>
<link rel="icon" href="data:,">${head}</head><body>${html}</body></html>`);
  return `${env.server.url}/recipes/lifecycle/${name}`;
}

const states = (p) => p.evaluate(() => [...document.querySelectorAll('incident-card, blockquote.incident-card')]
  .map((e) => `${e.getAttribute('case') || e.dataset.src || e.getAttribute('src')}=${e.dataset.state}`));

/**
 * Whether every host shows a card (not its fallback, not an error) that has a height (a card
 * that swapped in on screen may be held at its fallback's height: its own box is whole).
 */
const allCards = (p) => p.evaluate(() => [...document.querySelectorAll('incident-card, blockquote.incident-card')]
  .every((e) => e.dataset.state === 'ready' && e.getBoundingClientRect().height > 0 &&
    e.shadowRoot?.querySelector('.ic-root:not([hidden]) article.ic-card:not(.ic-error)')?.getBoundingClientRect().height > 100));

describe('the loader across a page\'s life', () => {
  // Regression (security): an <img name="currentScript"> shadowed document.currentScript, and
  // elements with id="IncidentCards" made the global a collection whose `widgetBase` was a link:
  // either way the page's markup chose where the widget's module came from.
  test('markup that shadows the loader\'s globals does not choose where its files come from', async () => {
    const url = page('clobber.html', `
<img name="currentScript" src="http://127.0.0.1:9/evil/embed.js" alt="">
<a id="IncidentCards"></a><a id="IncidentCards" name="widgetBase" href="http://127.0.0.1:9/evil/"></a>
<blockquote class="incident-card" data-src="/data/incidents/ICS-0001.json"><p>ICS-0001</p></blockquote>
<script src="/embed.js"></script>`);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p);
    assert.deepEqual(await states(p), ['/data/incidents/ICS-0001.json=ready']);
    assert.equal(await allCards(p), true);
    assert.equal(await p.evaluate(() => typeof window.IncidentCards.mount), 'function');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a page that replaced window.IncidentCards after the loader ran, then included the
  // script again, ran a second loader: two wasm instances, each one's card swap removing the
  // other's, and a blockquote left blank (height 0, no card, no fallback).
  test('a second copy of the script after the page replaced the global only rescans', async () => {
    // (The <img> would shadow a guard kept on the document under a name: the loader's is a symbol.)
    const url = page('twice.html', `
<img name="__incidentCards" alt="">
<script src="/embed.js"></script>
<blockquote class="incident-card" data-src="/data/incidents/ICS-0001.json"><p>ICS-0001</p></blockquote>
<incident-card case="ICS-0002" variant="compact"></incident-card>
<script>window.IncidentCards = { config: { theme: 'dark' } };</script>
<script async src="/embed.js?again"></script>`);
    await env.server.reset();
    const { context, page: p, errors, consoleLines } = await open(env.browser, url);
    await settled(p);
    await p.waitForTimeout(500);
    assert.equal(await allCards(p), true, JSON.stringify(await states(p)));
    assert.equal(await p.evaluate(() => typeof window.IncidentCards.scan), 'function', 'the API is back');
    assert.ok(consoleLines.some((l) => /window\.IncidentCards was replaced/.test(l.text)), 'the console says what happened');
    const log = await env.server.log();
    assert.equal(log.filter((r) => /\/pkg\/cards\.[0-9a-f]+\.wasm/.test(r.path)).length, 1, 'one module');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: with two registries' snippets on one page, each with its own script tag, the
  // second script only rescanned, so the documents of its origin were refused (origin not allowed).
  test('two registries\' snippets on one page: each script allows its own origin', async () => {
    const other = env.server.other;
    const url = page('two-registries.html', `
<blockquote class="incident-card" data-src="/data/incidents/ICS-0001.json" data-variant="compact"><p>A: ICS-0001</p></blockquote>
<script async src="/embed.js"></script>
<blockquote class="incident-card" data-src="${other}/data/incidents/ICS-0005.json" data-variant="compact"><p>B: ICS-0005</p></blockquote>
<script async src="${other}/embed.js"></script>`);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p);
    assert.deepEqual(await states(p), ['/data/incidents/ICS-0001.json=ready', `${other}/data/incidents/ICS-0005.json=ready`]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: one moment offline when the first card needed the module stopped the widget for
  // the page's life; and a card that failed offline stayed failed once the browser was back.
  test('cards that failed offline load once the browser is back online, and later cards load', async () => {
    const url = page('offline.html', '<div id="slot"></div><script src="/embed.js"></script>');
    const add = (p, id) => p.evaluate((id) => document.getElementById('slot')
      .insertAdjacentHTML('beforeend', `<incident-card case="${id}" variant="compact"></incident-card>`), id);
    // The module never downloaded.
    {
      const { context, page: p, errors } = await open(env.browser, url);
      await context.setOffline(true);
      await add(p, 'ICS-0003');
      await p.waitForFunction(() => document.querySelector('incident-card').dataset.state === 'error', null, { timeout: 10_000 });
      await context.setOffline(false);
      await p.evaluate(() => window.dispatchEvent(new Event('online')));
      await add(p, 'ICS-0004');
      await p.waitForFunction(() => [...document.querySelectorAll('incident-card')].every((e) => e.dataset.state === 'ready'),
        null, { timeout: 15_000 });
      assert.equal(await p.evaluate(() => window.IncidentCards.failed), undefined);
      assert.deepEqual(errors, []);
      await context.close();
    }
    // The module loaded; the document could not be.
    {
      const { context, page: p, errors } = await open(env.browser, url);
      await p.evaluate(() => window.IncidentCards.ready());
      await context.setOffline(true);
      await add(p, 'ICS-0005');
      await p.waitForFunction(() => document.querySelector('incident-card').dataset.state === 'error', null, { timeout: 15_000 });
      await context.setOffline(false);
      await p.evaluate(() => window.dispatchEvent(new Event('online')));
      await p.waitForFunction(() => document.querySelector('incident-card').dataset.state === 'ready', null, { timeout: 15_000 });
      assert.equal(await allCards(p), true);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  // Regressions (review of the fix above): a retry that failed again replaced a blockquote's
  // text with an error card; the options given to mount() were lost; cards far below the screen
  // all mounted at once; and after one failed retry, cards never tried again.
  test('retries keep what the reader sees, the page\'s options, and lazy loading', async () => {
    const url = page('offline-2.html', `<div id="slot"></div><div style="height:6000px"></div>
<blockquote id="far" class="incident-card" data-src="/data/incidents/ICS-0008.json"><p>Far below</p></blockquote>
<script src="/embed.js"></script>`);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await context.setOffline(true);
    await p.evaluate(() => {
      const slot = document.getElementById('slot');
      slot.insertAdjacentHTML('beforeend', '<blockquote id="quote" class="incident-card" data-src="/data/incidents/ICS-0001.json"><p>The readable text</p></blockquote><div id="mounted"></div>');
      window.__mount = window.IncidentCards.mount(document.getElementById('mounted'), { src: '/data/incidents/ICS-0002.json' }).catch((e) => String(e));
    });
    const shown = () => p.evaluate(() => ({
      quote: document.getElementById('quote').dataset.state,
      quoteError: !!document.getElementById('quote').shadowRoot?.querySelector('.ic-error'),
      quoteText: document.getElementById('quote').getBoundingClientRect().height > 10,
      mounted: document.getElementById('mounted').dataset.state ?? null,
      far: document.getElementById('far').dataset.state ?? null,
    }));
    await p.waitForFunction(() => document.getElementById('quote').dataset.state === 'error', null, { timeout: 10_000 });
    // The browser says "online" before the network is back: the retry fails again.
    await p.evaluate(() => window.dispatchEvent(new Event('online')));
    await p.waitForTimeout(1500);
    const again = await shown();
    assert.equal(again.quoteError, false, 'the blockquote keeps its text, not an error card');
    assert.equal(again.quoteText, true);
    await context.setOffline(false);
    await p.evaluate(() => window.dispatchEvent(new Event('online')));
    await p.waitForFunction(() => document.getElementById('quote').dataset.state === 'ready' &&
      document.getElementById('mounted').dataset.state === 'ready', null, { timeout: 15_000 });
    const log = await env.server.log();
    assert.equal((await shown()).far !== 'ready', true, 'the card far below waits for the viewport');
    assert.equal(log.filter((r) => r.path.endsWith('ICS-0008.json')).length, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a request under way when the reader left counted the time the page spent in the
  // back/forward cache, and the card came back with a timeout error for good.
  test('time in the back/forward cache does not time a request out', async () => {
    const url = page('bfcache.html', `<incident-card src="/__fault/slow/ICS-0001.json" variant="compact"></incident-card>
<script>window.IncidentCards = { config: { timeoutMs: 3000 } };</script><script src="/embed.js"></script>`);
    const away = page('away.html', '<p>Elsewhere.</p>');
    // The harness's browser runs without the cache (Playwright's default); this one with it.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    });
    try {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.addInitScript(() => addEventListener('pageshow', (e) => { window.__restored = e.persisted; }));
      await p.goto(url, { waitUntil: 'load' });
      await p.waitForFunction(() => document.querySelector('incident-card').dataset.state === 'loading');
      await p.goto(away, { waitUntil: 'load' });
      await p.waitForTimeout(4000);
      await p.goBack({ waitUntil: 'commit' });
      await p.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('incident-card')?.dataset.state),
        null, { timeout: 15_000 });
      await p.waitForTimeout(1000);
      const restored = await p.evaluate(() => window.__restored);
      const state = await p.evaluate(() => document.querySelector('incident-card').dataset.state);
      assert.equal(restored, true, 'the page came back from the back/forward cache');
      assert.equal(state, 'ready');
    } finally {
      await browser.close();
    }
  });

  // Regression: with lazy loading off, cards the page scanned before inserting them never mounted
  // (and, with the observer off, the review of the fix found the same).
  for (const config of ['{ lazy: false }', '{ observe: false }', '{ lazy: false, observe: false }']) test(`cards scanned before they are in the page mount once inserted (${config})`, async () => {
    const url = page('detached.html', `<div id="slot"></div>
<script>window.IncidentCards = { config: ${config} };</script><script src="/embed.js"></script>
<script>
  const div = document.createElement('div');
  div.innerHTML = '<blockquote class="incident-card" data-src="/data/incidents/ICS-0006.json"><p>ICS-0006</p></blockquote>' +
    '<incident-card case="ICS-0007" variant="compact"></incident-card>';
  IncidentCards.scan(div);
  setTimeout(() => document.getElementById('slot').append(div), 100);
</script>`);
    const { context, page: p, errors } = await open(env.browser, url);
    await p.waitForSelector('#slot incident-card');
    await settled(p);
    assert.equal(await allCards(p), true, JSON.stringify(await states(p)));
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a framework that writes a blockquote's attributes again with the same values
  // remounted its card: the sections the reader had opened closed, and `ready` fired again.
  test('attributes written again with the same values change nothing', async () => {
    const url = page('rewrite.html', `<blockquote class="incident-card" data-src="/data/incidents/ICS-0001.json"><p>ICS-0001</p></blockquote>
<script>window.IncidentCards = { config: { lazy: false } }; window.__ready = 0;
document.addEventListener('incident-card:ready', () => window.__ready++);</script><script src="/embed.js"></script>`);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p);
    const opened = await p.evaluate(() => {
      const root = document.querySelector('blockquote').shadowRoot;
      root.querySelectorAll('details').forEach((d) => { d.open = true; });
      return root.querySelectorAll('details[open]').length;
    });
    await p.evaluate(() => {
      const q = document.querySelector('blockquote');
      q.setAttribute('data-src', q.getAttribute('data-src'));
    });
    await p.waitForTimeout(800);
    assert.equal(await p.evaluate(() => window.__ready), 1);
    assert.equal(await p.evaluate(() => document.querySelector('blockquote').shadowRoot.querySelectorAll('details[open]').length), opened);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a global that was not an object, or a frozen one, threw in the loader: no card,
  // no fallback, no console line. scan() with a text node, a selector or the window threw too.
  test('odd globals and odd arguments to scan() break nothing', async () => {
    for (const setup of [
      'window.IncidentCards = 5;',
      "window.IncidentCards = Object.freeze({ config: Object.freeze({ theme: 'dark' }) });",
    ]) {
      const url = page('odd.html', `<incident-card case="ICS-0002" variant="compact"></incident-card>
<script>${setup}</script><script src="/embed.js"></script>`);
      const { context, page: p, errors } = await open(env.browser, url);
      await settled(p);
      assert.equal(await allCards(p), true, setup);
      const counts = await p.evaluate(() => [document.createTextNode('x'), '#nothing', window, null]
        .map((arg) => window.IncidentCards.scan(arg)));
      assert.deepEqual(counts, [1, 1, 1, 1], setup);
      if (setup.includes('dark')) {
        assert.equal(await p.evaluate(() => document.querySelector('incident-card').shadowRoot.querySelector('article').dataset.theme), 'dark');
      }
      assert.deepEqual(errors, [], setup);
      await context.close();
    }
  });

  // Regression: the ES module entry ignored a page configuration in an object without a
  // prototype, which the loader itself reads: the card came out in the default theme.
  test('the ES module entry reads the page configuration the loader reads', async () => {
    for (const setup of [
      "window.IncidentCards = Object.assign(Object.create(null), { config: { theme: 'dark' } });",
      "window.IncidentCards = Object.freeze({ config: Object.freeze({ theme: 'dark' }) });",
    ]) {
      const url = page('entry.html', `<incident-card case="ICS-0002" variant="compact"></incident-card>
<script>${setup}</script><script type="module">import { scan } from '/incident-cards.mjs'; scan();</script>`);
      const { context, page: p, errors } = await open(env.browser, url);
      await settled(p);
      assert.equal(await allCards(p), true, setup);
      assert.equal(await p.evaluate(() => document.querySelector('incident-card').shadowRoot.querySelector('article').dataset.theme), 'dark', setup);
      assert.deepEqual(errors, [], setup);
      await context.close();
    }
  });

  // Regression: scan(iframe.contentDocument) mounted the frame's card without its styles, and
  // never let it go; a frame has its own copy of the script.
  test('scan() leaves another document\'s cards to that document\'s script', async () => {
    page('inner.html', '<blockquote class="incident-card" data-src="/data/incidents/ICS-0003.json"><p>ICS-0003</p></blockquote>');
    const url = page('frame.html', `<iframe id="f" src="inner.html"></iframe>
<script>window.IncidentCards = { config: { lazy: false } };</script><script src="/embed.js"></script>`);
    const { context, page: p, errors } = await open(env.browser, url);
    const taken = await p.evaluate(async () => {
      const f = document.getElementById('f');
      if (!f.contentDocument.querySelector('blockquote')) await new Promise((r) => f.addEventListener('load', r, { once: true }));
      window.IncidentCards.scan(f.contentDocument);
      await new Promise((r) => setTimeout(r, 1000));
      return { state: f.contentDocument.querySelector('blockquote').dataset.state ?? null, shadow: !!f.contentDocument.querySelector('blockquote').shadowRoot };
    });
    assert.deepEqual(taken, { state: null, shadow: false });
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a card inside a closed <details> in the first screen loaded at once (its
  // document, and the module), though the reader could not see it; it now waits until opened.
  test('a card inside a closed <details> loads when the reader opens it', async () => {
    const url = page('details.html', `
<p>Above.</p>
<details><summary>The case</summary>
<incident-card src="/data/incidents/ICS-0002.json"></incident-card></details>
<script src="/embed.js"></script>`);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await p.waitForFunction(() => window.IncidentCards && typeof window.IncidentCards.scan === 'function');
    await p.waitForTimeout(800);
    const before = await p.evaluate(() => document.querySelector('incident-card').dataset.state || null);
    assert.equal(before, null, 'not mounted while its <details> is closed');
    assert.deepEqual((await env.server.log()).filter((l) => /ICS-0002|\.wasm/.test(l.path)).map((l) => l.path), [], 'neither its document nor the module requested');
    await p.locator('summary').click();
    await settled(p, 'incident-card');
    assert.deepEqual(await states(p), ['/data/incidents/ICS-0002.json=ready']);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

