// Preload hints (`incident-cards snippet --mode blockquote --preload`): a page may start the
// module and the document downloading alongside the loader. The module then comes from its stable
// address (`cards.wasm`), which the loader uses only when it holds the loader's own build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeClipboard, insertBefore, open, settled, serverAndBrowser, showWhole } from './harness.mjs';

const env = serverAndBrowser();
const dist = join(new URL('../..', import.meta.url).pathname, process.env.IC_DIST || 'dist');
const wasmIn = (log) => log.filter((r) => r.path.endsWith('.wasm')).map((r) => r.path.replace(/\.[0-9a-f]{10}\.wasm$/, '.HASH.wasm'));
const docIn = (log) => log.filter((r) => r.path === '/data/incidents/ICS-0001.json');
const preloadWarnings = (lines) => lines.filter((l) => /preload/i.test(l.text));

// The one-card fixture with, before its blockquote, the hints `incident-cards snippet --mode
// blockquote --preload` prints (the CLI's tests hold it to these lines).
const HINTS = `<link rel="preload" href="/cards.wasm" as="fetch" crossorigin>
<link rel="preload" href="/data/incidents/ICS-0001.json" as="fetch" crossorigin referrerpolicy="no-referrer">
`;
const onePage = () => `${env.server.url}/__test/one-card.html`;
const ONE_CARD = /\/__test\/one-card\.html$/;
const withHints = (p, headers) => insertBefore(p, ONE_CARD, '<blockquote', HINTS, headers);

/** Opens the hinted page, with `beforeLoad(page)` run first; resolves once the card has settled. */
async function hinted(beforeLoad) {
  await env.server.reset();
  const opened = await open(env.browser, onePage(), { beforeLoad: async (p) => { await withHints(p); await beforeLoad(p); } });
  await settled(opened.page);
  return opened;
}

describe('a page that preloads the module and the document', () => {
  test('downloads each once, alongside the loader, and the card is live', async () => {
    await env.server.reset();
    // Latency makes the order visible: without the hint the module could not be requested
    // before the loader had arrived.
    const { context, page, errors, consoleLines } = await open(env.browser, onePage(), {
      beforeLoad: async (p) => {
        await withHints(p);
        await fakeClipboard(p);
        const cdp = await p.context().newCDPSession(p);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: -1, uploadThroughput: -1 });
      },
    });
    await settled(page);
    const timing = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
      .map((e) => [e.name.replace(/^.*\//, ''), { start: e.startTime, end: e.responseEnd }])));
    assert.ok(timing['cards.wasm'].start < timing['embed.js'].end, `module requested before the loader arrived: ${JSON.stringify(timing)}`);
    assert.ok(timing['ICS-0001.json'].start < timing['embed.js'].end, `document requested before the loader arrived: ${JSON.stringify(timing)}`);
    const log = await env.server.log();
    assert.deepEqual(wasmIn(log), ['/cards.wasm'], 'the preloaded module, and no other');
    assert.equal(docIn(log).length, 1, 'the preloaded document is the one the card reads');
    assert.equal(docIn(log)[0].referer, null, 'no Referer for the document (the hint says so too)');
    assert.equal(await page.evaluate(() => document.querySelector('blockquote').getAttribute('data-state')), 'ready');
    // The card swapped in on screen, held at the blockquote's height: the reader opens it first.
    await showWhole(page, 'blockquote.incident-card');
    await page.click('blockquote.incident-card .ic-copy .ic-btn');
    await page.waitForFunction(() => window.__copied !== null);
    // Chromium warns about a preload that is not used, or not matched by the request that
    // follows it, a few seconds after the load event.
    await page.waitForTimeout(3500);
    assert.deepEqual(preloadWarnings(consoleLines), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the stable address does not hold this loader\'s build', () => {
  const other = readFileSync(join(dist, 'cards-lists.wasm'));
  const ownHashed = readdirSync(join(dist, 'pkg')).find((f) => /^cards\.[0-9a-f]{10}\.wasm$/.test(f));
  const cases = {
    // After a deploy, a cached loader meets a newer module at the stable address.
    'another build': (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: other }),
    // A module without the build section (copied by hand, or built by an older version).
    'no build section': (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: readFileSync(join(dist, 'pkg', ownHashed)) }),
    // A host that serves dist/ without the stable copies.
    'nothing (404)': (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
  };
  for (const [name, answer] of Object.entries(cases)) {
    test(`${name}: the loader fetches its own build by its hashed name, and says why`, async () => {
      const { context, page, errors, consoleLines } = await hinted((p) => p.route(/\/cards\.wasm$/, answer));
      assert.equal(await page.evaluate(() => document.querySelector('blockquote').getAttribute('data-state')), 'ready');
      assert.equal(await page.evaluate(() => window.IncidentCards.failed), undefined);
      assert.deepEqual(wasmIn(await env.server.log()), ['/pkg/cards.HASH.wasm']);
      assert.ok(consoleLines.some((l) => l.type === 'warning' && /module preloaded from .*\/cards\.wasm did not load or is another build than this script/.test(l.text)), JSON.stringify(consoleLines));
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('the stable address, served or used in other ways', () => {
  test('served without the wasm content type: compiled from its bytes, downloaded once, with one warning', async () => {
    const body = readFileSync(join(dist, 'cards.wasm'));
    let served = 0;
    const { context, page, errors, consoleLines } = await hinted((p) => p.route(/\/cards\.wasm$/, (route) => {
      served++;
      return route.fulfill({ status: 200, contentType: 'application/octet-stream', body });
    }));
    assert.equal(await page.evaluate(() => document.querySelector('blockquote').getAttribute('data-state')), 'ready');
    assert.equal(served, 1);
    assert.deepEqual(wasmIn(await env.server.log()), [], 'no second download of the hashed module');
    const lines = consoleLines.filter((l) => /incident-cards:/.test(l.text));
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].text, /streaming compilation lost: send .*\/cards\.wasm with Content-Type: application\/wasm/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("under a policy without 'wasm-unsafe-eval': one download, and the console names the directive", async () => {
    const policy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'";
    const { context, page, errors, consoleLines } = await open(env.browser, onePage(), {
      beforeLoad: async (p) => {
        await env.server.reset();
        await withHints(p, { 'content-security-policy': policy });
      },
    });
    await page.waitForFunction(() => document.querySelector('blockquote').getAttribute('data-state') === 'error');
    const lines = consoleLines.filter((l) => /incident-cards:/.test(l.text));
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].text, /Content-Security-Policy blocks WebAssembly.*'wasm-unsafe-eval'/);
    assert.deepEqual(wasmIn(await env.server.log()), ['/cards.wasm'], 'the hashed module is not fetched as well');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a hint without crossorigin is not the loader\'s: it loads its own module', async () => {
    await env.server.reset();
    const { context, page, errors } = await open(env.browser, onePage(), {
      beforeLoad: (p) => insertBefore(p, ONE_CARD, '<blockquote', '<link rel="preload" href="/cards.wasm" as="fetch">\n'),
    });
    await settled(page);
    assert.equal(await page.evaluate(() => document.querySelector('blockquote').getAttribute('data-state')), 'ready');
    assert.deepEqual(wasmIn(await env.server.log()), ['/cards.wasm', '/pkg/cards.HASH.wasm']);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a page with a list that preloads the module with lists', () => {
  test('downloads that module once, from its stable address, and shows the list and the cards', async () => {
    await env.server.reset();
    const { context, page, errors, consoleLines } = await open(env.browser, `${env.server.url}/pages/docs.html`, {
      beforeLoad: (p) => insertBefore(p, /\/pages\/docs\.html$/, '<incident-list',
        '<link rel="preload" href="/cards-lists.wasm" as="fetch" crossorigin>\n'),
    });
    await settled(page, 'incident-list');
    assert.ok(await page.evaluate(() => document.querySelector('incident-list').shadowRoot.querySelectorAll('li').length) > 0);
    assert.deepEqual(wasmIn(await env.server.log()), ['/cards-lists.wasm']);
    await page.waitForTimeout(3500); // Chromium's warning about an unused preload comes after load
    assert.deepEqual(preloadWarnings(consoleLines), []);
    assert.deepEqual(consoleLines.filter((l) => /incident-cards:/.test(l.text)), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
