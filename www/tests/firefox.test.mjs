// The widget in a second engine: Debian's Firefox ESR, driven through WebDriver BiDi by
// puppeteer-core (no browser download). Every other browser test runs in Chromium; what differs
// between engines is what this file checks: declarative shadow roots, the lazy mount, shadow DOM
// and adopted stylesheets, the load failures told apart by kind (Firefox words its errors its own
// way and reports CSP blocks differently), a panic's trap told from another module's by its stack,
// and the cards the demo pages hold.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { LOAD_FAULTS, assertFaultLine, assertFellBack, assertStill, crashState, faultTitle, iframeHosts, stillState, WATCH_BELOW } from './engines.mjs';
import { startServer } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const distName = process.env.IC_DIST || 'dist';
const dist = join(repo, distName);
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const crashDist = join(repo, 'dist-test');
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');

const ours = (lines) => lines.filter((l) => l.text.startsWith('incident-cards:'));

let profile;
/** Headless Firefox with a fresh profile. */
function launch() {
  profile = mkdtempSync(join(tmpdir(), 'ic-firefox-'));
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    protocolTimeout: 60_000,
    // No update checks, telemetry or other traffic of its own.
    extraPrefsFirefox: { 'network.dns.disableIPv6': true, 'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false },
  });
}

/**
 * Opens `url` in a new page and collects what a host page would see go wrong: uncaught errors,
 * console lines, CSP violations, unhandled rejections and the cards' error events.
 */
async function open(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const errors = [];
  const consoleLines = [];
  // (Firefox hands its own report of a CSP violation to the driver as a script error; the page
  // sees no error event for it. Any other is an uncaught error of the page's.)
  page.on('pageerror', (e) => { if (!/^Error: Content-Security-Policy: /.test(String(e))) errors.push(String(e)); });
  page.on('console', (m) => consoleLines.push({ type: m.type(), text: m.text() }));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    window.__rejections = [];
    window.__codes = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason)));
    document.addEventListener('incident-card:error', (e) => window.__codes.push(e.detail.code));
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, consoleLines };
}

/** Waits until every card host of the page has left the loading state, scrolling down to each. */
async function settleAll(page, selector = 'incident-card, incident-list, blockquote.incident-card') {
  const n = await page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
  for (let i = 0; i < n; i += 1) {
    await page.evaluate((sel, i) => document.querySelectorAll(sel)[i].scrollIntoView({ block: 'center' }), selector, i);
    await page.waitForFunction((sel, i) => ['ready', 'error'].includes(document.querySelectorAll(sel)[i].getAttribute('data-state')),
      { timeout: 20_000 }, selector, i);
  }
  return n;
}

/** What each card host of the page shows: its state, and what its shadow root holds. */
const hostsOf = (page) => page.evaluate(() => [...document.querySelectorAll('incident-card, incident-list, blockquote.incident-card')].map((h) => {
  const root = h.shadowRoot;
  // (A held card's container sits in the frame that holds it: `.ic-held`.)
  const live = root && root.querySelector('.ic-root:not([hidden])');
  const card = live && live.querySelector('article.ic-card, section.ic-card');
  return {
    // (The demo's "Cards that fail on purpose" show their error cards.)
    onPurpose: !!h.closest('[aria-labelledby="s-errors"]'),
    state: h.getAttribute('data-state'),
    kind: card ? card.localName : null,
    title: card ? (card.querySelector('h1, h2, h3, h4, h5, h6')?.textContent ?? '').trim() : null,
    styled: card ? getComputedStyle(card).borderTopStyle !== 'none' && getComputedStyle(card).display !== 'inline' : false,
    height: Math.round(h.getBoundingClientRect().height),
  };
}));

describe('in Firefox', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ root: distName });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  for (const path of ['/index.html', '/pages/news.html', '/pages/blog.html', '/pages/docs.html', '/pages/prerendered.html']) {
    test(`${path}: every card and list renders, styled, in its shadow root, with nothing going wrong`, async () => {
      const { page, errors, consoleLines } = await open(browser, `${server.url}${path}`);
      const n = await settleAll(page);
      assert.ok(n > 0, 'the page has cards');
      const hosts = await hostsOf(page);
      const bad = hosts.filter((h) => h.state !== (h.onPurpose ? 'error' : 'ready') || !h.kind || !h.styled || h.height < 40);
      assert.deepEqual(bad, [], `${bad.length} of ${hosts.length} hosts did not render`);
      assert.ok(hosts.filter((h) => h.kind === 'article').every((h) => h.title.length > 0), 'every card has its title');
      assert.deepEqual(errors, []);
      assert.deepEqual(ours(consoleLines).filter((l) => l.type === 'error'), []);
      const [violations, rejections, codes] = await page.evaluate(() => [window.__violations, window.__rejections, window.__codes]);
      assert.deepEqual([violations, rejections], [[], []]);
      assert.equal(codes.length, hosts.filter((h) => h.onPurpose).length, JSON.stringify(codes));
      await page.close();
    });
  }

  test('a pre-rendered snippet shows its whole card from the HTML alone, without the script', async () => {
    // The snippet page without its script: what a reader sees before, or without, the widget.
    const html = readFileSync(join(dist, 'pages', 'prerendered.html'), 'utf8').replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    assert.ok(html.includes('shadowrootmode'), 'the page holds declarative shadow roots');
    const dir = join(dist, '__firefox');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'prerendered-noscript.html'), html.replace('<head>', '<head><base href="/pages/">'));
    try {
      const { page, errors } = await open(browser, `${server.url}/__firefox/prerendered-noscript.html`);
      const cards = await page.evaluate(() => [...document.querySelectorAll('incident-card, blockquote.incident-card')].filter((h) => h.shadowRoot).map((h) => {
        const card = h.shadowRoot.querySelector('article.ic-card');
        return { title: card?.querySelector('h2, h3')?.textContent.trim() ?? null, styled: card ? getComputedStyle(card).borderTopStyle : null };
      }));
      assert.ok(cards.length > 0, 'Firefox attached the declarative shadow roots');
      for (const c of cards) {
        assert.ok(c.title, 'each pre-rendered card shows its title');
        assert.notEqual(c.styled, 'none', 'and its own style');
      }
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a card inside a closed <details> waits until it is opened, then renders', async () => {
    const dir = join(dist, '__firefox');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'details.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Details</title></head><body>
<details id="more"><summary>More</summary><incident-card id="inside" src="/data/incidents/ICS-0002.json"></incident-card></details>
<incident-card id="open" src="/data/incidents/ICS-0001.json"></incident-card>
<script async src="/embed.js"></script></body></html>`);
    try {
      await server.reset();
      const { page, errors } = await open(browser, `${server.url}/__firefox/details.html`);
      await page.waitForFunction(() => document.getElementById('open').getAttribute('data-state') === 'ready', { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 500));
      const waiting = await page.evaluate(() => document.getElementById('inside').getAttribute('data-state'));
      assert.notEqual(waiting, 'ready', 'not mounted while closed');
      assert.ok(!(await server.log()).some((r) => r.path.endsWith('ICS-0002.json')), 'its document not requested');
      await page.evaluate(() => { document.getElementById('more').open = true; });
      await page.waitForFunction(() => document.getElementById('inside').getAttribute('data-state') === 'ready', { timeout: 20_000 });
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a list with its filter bar: Show more, a choice in the bar, the count line', async () => {
    const dir = join(dist, '__firefox');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'list.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>List</title></head><body>
<incident-list id="list" src="/data/index.json" controls limit="2" label="Sample cases"></incident-list>
<script>window.IncidentCards = { config: { lazy: false } };</script><script async src="/embed.js"></script></body></html>`);
    try {
      const { page, errors } = await open(browser, `${server.url}/__firefox/list.html`);
      const look = () => page.evaluate(() => {
        const root = document.getElementById('list').shadowRoot;
        const live = root.querySelector('.ic-root:not([hidden])');
        return {
          entries: live.querySelectorAll('.ic-entry').length,
          status: live.querySelector('[role=status]')?.textContent ?? null,
          label: live.querySelector('section.ic-list')?.getAttribute('aria-label') ?? null,
        };
      });
      await page.waitForFunction(() => document.getElementById('list').getAttribute('data-state') === 'ready', { timeout: 20_000 });
      // (Held at the height the reader saw: shown whole first, as a reader would.)
      await page.evaluate(() => document.getElementById('list').shadowRoot.querySelector('.ic-expand')?.click());
      assert.deepEqual(await look(), { entries: 2, status: 'Showing 2 of 8', label: 'Sample cases' });
      await page.evaluate(() => document.getElementById('list').shadowRoot.querySelector('.ic-root:not([hidden]) .ic-btn').click());
      await page.waitForFunction(() => document.getElementById('list').shadowRoot.querySelectorAll('.ic-root:not([hidden]) .ic-entry').length === 4, { timeout: 5000 });
      assert.equal((await look()).status, 'Showing 4 of 8');
      // A tag chosen in the bar, as Firefox's own <select> reports it.
      await page.evaluate(() => {
        const tag = document.getElementById('list').shadowRoot.querySelectorAll('.ic-root:not([hidden]) select')[1];
        tag.value = 'coding-agent';
        tag.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await page.waitForFunction(() => document.getElementById('list').shadowRoot.querySelector('.ic-root:not([hidden]) [role=status]').textContent === 'Showing 2 of 3', { timeout: 5000 });
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a card in German and one in Arabic: their catalogues, their direction', async () => {
    const dir = join(dist, '__firefox');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'langs.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Languages</title></head><body>
<incident-card id="de" src="/data/incidents/ICS-0001.json" lang="de"></incident-card>
<incident-card id="ar" src="/data/incidents/ICS-0001.json" lang="ar"></incident-card>
<script>window.IncidentCards = { config: { lazy: false } };</script><script async src="/embed.js"></script></body></html>`);
    try {
      const { page, errors } = await open(browser, `${server.url}/__firefox/langs.html`);
      await page.waitForFunction(() => ['de', 'ar'].every((id) => document.getElementById(id).getAttribute('data-state') === 'ready'), { timeout: 20_000 });
      const cards = await page.evaluate(() => ['de', 'ar'].map((id) => {
        const card = document.getElementById(id).shadowRoot.querySelector('.ic-root:not([hidden]) article.ic-card');
        return [card.lang, card.getAttribute('dir'), card.textContent.includes(id === 'de' ? 'Belegte Fakten' : 'وقائع مؤكدة')];
      }));
      assert.deepEqual(cards, [['de', null, true], ['ar', 'rtl', true]]);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Firefox matches a preload to a fetch by its own rules (credentials mode, referrer policy): a
  // mismatch downloads the module or the document twice.
  test('a page that preloads the module and the document downloads each once, and the card is live', async () => {
    const html = readFileSync(join(repo, 'www', 'tests', 'fixtures', 'one-card.html'), 'utf8');
    assert.ok(html.includes('<blockquote'));
    const dir = join(dist, '__firefox');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'hinted.html'), html.replace('<blockquote', `<link rel="preload" href="/cards.wasm" as="fetch" crossorigin>
<link rel="preload" href="/data/incidents/ICS-0001.json" as="fetch" crossorigin referrerpolicy="no-referrer">
<blockquote`));
    try {
      await server.reset();
      const { page, errors, consoleLines } = await open(browser, `${server.url}/__firefox/hinted.html`);
      await page.waitForFunction(() => document.querySelector('blockquote.incident-card').getAttribute('data-state') === 'ready', { timeout: 20_000 });
      const log = await server.log();
      assert.deepEqual(log.filter((r) => r.path.endsWith('.wasm')).map((r) => r.path), ['/cards.wasm'], 'the preloaded module, and no other');
      const docs = log.filter((r) => r.path === '/data/incidents/ICS-0001.json');
      assert.equal(docs.length, 1, 'the preloaded document is the one the card reads');
      assert.equal(docs[0].referer, null, 'no Referer for the document');
      assert.deepEqual(ours(consoleLines), []);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The iframe snippet a case page offers, pasted into a page of another origin, and under that
  // page's strict policy with the hashes the case page prints ('unsafe-hashes' for the style).
  test('the iframe snippet takes the card\'s height, also under the host\'s strict policy with the printed hashes', async () => {
    const out = join(dist, '__firefox-site');
    try {
      const pages = iframeHosts({ cli, repo, out, base: `${server.url}/__firefox-site/`, widget: `${server.url}/` });
      for (const name of pages) {
        const { page, errors } = await open(browser, `${server.other}/__firefox-site/${name}`);
        let frame = null;
        for (let i = 0; i < 100 && !frame; i += 1) {
          frame = page.frames().find((f) => f.url().includes('/cases/ICS-0001/embed/'));
          if (!frame) await new Promise((r) => setTimeout(r, 100));
        }
        assert.ok(frame, `${name}: the frame`);
        await frame.waitForSelector('incident-card[data-state="ready"]', { timeout: 30_000 });
        const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        await page.waitForFunction((h) => Number(document.querySelector('iframe[data-incident-frame]').height) === h, { timeout: 10_000 }, inner);
        assert.ok(inner > 200, `${name}: the card's height (${inner} px)`);
        assert.deepEqual(await page.evaluate(() => window.__violations), [], name);
        assert.deepEqual(errors, [], name);
        await page.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Firefox has no layout-shift entries: the paragraph under the card is watched every frame
  // instead, from its parsing until the card settled, with no input from the reader.
  for (const variant of ['', '?element=card', '?element=list']) {
    test(`the text under a card mid-article never moves while it loads (article.html${variant})`, async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 412, height: 823 });
      await page.evaluateOnNewDocument(WATCH_BELOW);
      await page.goto(`${server.url}/__test/article.html${variant}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('blockquote.incident-card, incident-card, incident-list')?.getAttribute('data-state') === 'ready', { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 500));
      assertStill(await page.evaluate(stillState));
      await page.close();
    });
  }

  test("strict CSP (script-src 'self' 'wasm-unsafe-eval'; style-src 'self'): cards render, zero violations", async () => {
    const { page, errors, consoleLines } = await open(browser, `${server.url}/__test/csp-strict.html`);
    await settleAll(page);
    const hosts = await hostsOf(page);
    assert.deepEqual(hosts.map((h) => [h.state, h.styled]), [['ready', true], ['ready', true], ['ready', true]]);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(ours(consoleLines), []);
    await page.close();
  });

  // Each failure told apart by what happened, as in Chromium: Firefox's words for the same errors
  // differ, and a CSP block reaches the page another way.
  for (const [kind, code, said] of LOAD_FAULTS) {
    test(faultTitle(kind, code), async () => {
      const { page, errors, consoleLines } = await open(browser, `${server.url}/__test/wasm-${kind}.html`);
      await page.waitForFunction(() => document.querySelector('blockquote.incident-card').getAttribute('data-state') === 'error', { timeout: 20_000 });
      const quote = await page.evaluate(() => {
        const q = document.querySelector('blockquote.incident-card');
        return { text: q.innerText, height: q.getBoundingClientRect().height, codes: window.__codes };
      });
      assert.match(quote.text, /Kiro/);
      assert.ok(quote.height > 20);
      assert.deepEqual(quote.codes, [code]);
      assertFaultLine(ours(consoleLines).map((l) => l.text), said);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test('the module served as application/octet-stream: compiled from its bytes, live, one warning', async () => {
    const { page, errors, consoleLines } = await open(browser, `${server.url}/__test/wasm-mime.html`);
    await settleAll(page);
    assert.deepEqual((await hostsOf(page)).map((h) => h.state), ['ready']);
    const lines = ours(consoleLines);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].text, /streaming compilation lost/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("CSP without 'wasm-unsafe-eval': \"load-blocked\", one line naming the directive, fallbacks readable", async () => {
    const { page, errors, consoleLines } = await open(browser, `${server.url}/__test/csp-nowasm.html`);
    await page.waitForFunction(() => document.querySelector('blockquote.incident-card').getAttribute('data-state') === 'error', { timeout: 20_000 });
    const lines = ours(consoleLines);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].text, /Content-Security-Policy blocks WebAssembly/);
    assert.match(lines[0].text, /Add 'wasm-unsafe-eval' to its script-src/);
    const codes = await page.evaluate(() => window.__codes);
    assert.ok(codes.length > 0 && codes.every((c) => c === 'load-blocked'), JSON.stringify(codes));
    assert.match(await page.evaluate(() => document.querySelector('blockquote.incident-card').innerText), /Kiro/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('in Firefox: panic containment (test-hooks build)', { skip: !existsSync(crashDist) && 'dist-test/ not built' }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ root: 'dist-test' });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  // Also with the module served under another type, so that it is compiled from its bytes: the
  // trap's stack then names no address, and the loader knows its own by the module's name.
  for (const bytes of [false, true]) {
  test(`a panic in one card turns every card into its fallback, with one console line and nothing uncaught${bytes ? ' (module compiled from its bytes)' : ''}`, async () => {
    let path = '/__test/crash.html';
    if (bytes) {
      const html = readFileSync(join(repo, 'www', 'tests', 'fixtures', 'crash.html'), 'utf8');
      assert.ok(html.includes('src="/embed.js"'));
      mkdirSync(join(crashDist, '__firefox'), { recursive: true });
      writeFileSync(join(crashDist, '__firefox', 'crash-bytes.html'), html.replace('src="/embed.js"', 'src="/__wasm/mime/embed.js"'));
      path = '/__firefox/crash-bytes.html';
    }
    const { page, errors, consoleLines } = await open(browser, `${server.url}${path}`);
    await page.waitForFunction(() => window.IncidentCards && window.IncidentCards.failed === true, { timeout: 20_000 });
    const state = await page.evaluate(crashState);
    assert.deepEqual(errors, [], 'the trap does not reach the host page as an uncaught error');
    assert.deepEqual(await page.evaluate(() => window.__rejections), []);
    assertFellBack(state, ours(consoleLines).map((l) => l.text), bytes);
    await page.close();
    rmSync(join(crashDist, '__firefox'), { recursive: true, force: true });
  });
  }
});
