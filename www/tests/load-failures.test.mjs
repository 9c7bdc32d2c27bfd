// The widget's own module cannot be loaded, or loads the slow way: each kind of failure is told
// apart by what happened (the status, the type, the compile error, a policy violation), gives its
// own console line of advice and its own code on the card's `incident-card:error` event, and the
// card keeps its readable fallback. Served by www/serve.mjs (`/__test/wasm-<kind>.html` loads the
// loader from `/__wasm/<kind>/`, whose .wasm files come with that fault).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, settled, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();
const ours = (lines) => lines.filter((l) => l.text.startsWith('incident-cards: '));

/** Opens the one-card page whose module has the fault `kind`; resolves once its card settled. */
async function withFault(kind) {
  await env.server.reset();
  const opened = await open(env.browser, `${env.server.url}/__test/wasm-${kind}.html`, {
    beforeLoad: (p) => p.addInitScript(() => {
      window.__errors = [];
      document.addEventListener('incident-card:error', (e) => window.__errors.push(e.detail));
    }),
  });
  await settled(opened.page);
  const card = await opened.page.evaluate(() => {
    const q = document.querySelector('blockquote.incident-card');
    const r = q.getBoundingClientRect();
    return {
      state: q.getAttribute('data-state'),
      text: q.innerText,
      visible: r.height > 20 && r.width > 100,
      errors: window.__errors,
      failed: window.IncidentCards.failed,
    };
  });
  const wasm = (await env.server.log()).filter((r) => r.path.endsWith('.wasm')).map((r) => r.path);
  return { ...opened, card, lines: ours(opened.consoleLines), wasm };
}

/**
 * The card failed with `code`, kept its fallback, and the console has one line of ours. The
 * widget stops for the page's life, except after a download that broke off, which later cards
 * try again (`lifecycle.test.mjs`).
 */
function failedWith(r, code) {
  assert.equal(r.card.state, 'error');
  assert.equal(r.card.failed, code === 'load-network' ? undefined : true);
  assert.deepEqual(r.card.errors.map((e) => e.code), [code]);
  assert.match(r.card.text, /Kiro/, 'the blockquote still shows its own text');
  assert.ok(r.card.visible, 'the blockquote is still shown');
  assert.equal(r.lines.length, 1, JSON.stringify(r.lines));
  assert.deepEqual(r.errors, [], 'nothing reaches the page as an uncaught error');
  return r.lines[0].text;
}

describe('the module cannot be loaded', () => {
  // Regression: the glue's message for a failed download named "Wasm", which the loader took for
  // a Content-Security-Policy block, so the console gave the wrong advice.
  test('404: "load-http-error", and the console says where the files should be', async () => {
    const r = await withFault('404');
    const line = failedWith(r, 'load-http-error');
    assert.match(line, /answered HTTP 404 \(http:\/\/[^)]*\/__wasm\/404\/pkg\/cards\.[0-9a-f]{10}\.wasm\)/);
    assert.match(line, /deploy all of dist\/ together/);
    assert.doesNotMatch(line, /Content-Security-Policy|wasm-unsafe-eval/);
    assert.equal(r.wasm.length, 1, 'no second attempt');
    await r.context.close();
  });

  test('damaged bytes (a module cut short): "load-corrupt", not a policy block', async () => {
    const r = await withFault('corrupt');
    const line = failedWith(r, 'load-corrupt');
    assert.match(line, /module is damaged/);
    assert.match(line, /CompileError/);
    assert.match(line, /CDN cache/);
    assert.doesNotMatch(line, /Content-Security-Policy|wasm-unsafe-eval/);
    assert.deepEqual(await r.page.evaluate(() => window.__violations), []);
    await r.context.close();
  });

  test('the connection closed without an answer: "load-network"', async () => {
    const r = await withFault('abort');
    const line = failedWith(r, 'load-network');
    assert.match(line, /could not be downloaded/);
    assert.doesNotMatch(line, /Content-Security-Policy|HTTP \d/);
    await r.context.close();
  });
});

describe('the module served without its type', () => {
  test('as application/octet-stream: the card is live, compiled from the bytes, and one warning names the header', async () => {
    const r = await withFault('mime');
    assert.equal(r.card.state, 'ready');
    assert.equal(r.card.failed, undefined);
    assert.deepEqual(r.card.errors, []);
    assert.equal(r.wasm.length, 1, 'downloaded once');
    assert.equal(r.lines.length, 1, JSON.stringify(r.lines));
    assert.equal(r.lines[0].type, 'warning');
    assert.match(r.lines[0].text, /streaming compilation lost/);
    assert.match(r.lines[0].text, /Content-Type: application\/wasm/);
    assert.match(r.lines[0].text, /\/__wasm\/mime\/pkg\/cards\.[0-9a-f]{10}\.wasm/);
    assert.deepEqual(r.errors, []);
    await r.context.close();
  });

  test('as application/wasm (the control): no line at all', async () => {
    await env.server.reset();
    const { context, page, errors, consoleLines } = await open(env.browser, `${env.server.url}/__test/one-card.html`);
    await settled(page);
    assert.equal(await page.evaluate(() => document.querySelector('blockquote').getAttribute('data-state')), 'ready');
    assert.deepEqual(ours(consoleLines), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

// Regressions found by a review of the loader: what a card shows when the module cannot load.
describe('the fallback when the module cannot be loaded', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const CLI = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');

  /** Opens `html` served at `path` on the test server's origin; resolves once its cards settled. */
  async function openPage(path, html) {
    await env.server.reset();
    const opened = await open(env.browser, `${env.server.url}${path}`, {
      beforeLoad: (p) => p.route(`**${path}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })),
    });
    await settled(opened.page);
    return opened;
  }

  // Regression: the loader's fallback replaced every card host's shadow root with a slot, so a
  // pre-rendered card (its light DOM holds the readable text) became three unstyled paragraphs.
  test('a pre-rendered card stays as it was', async () => {
    const snippet = execFileSync(CLI, ['snippet', 'data/incidents/ICS-0001.json', '--base', '../'], {
      cwd: repo, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.ok(snippet.includes('src="../embed.js"'), 'the snippet loads ../embed.js');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pre-rendered</title></head>
<body>${snippet.replace('src="../embed.js"', 'src="/__wasm/404/embed.js"')}<p>After the card.</p></body></html>`;
    const { context, page, errors } = await openPage('/pages/prerendered-404.html', html);
    const card = await page.evaluate(() => {
      const host = document.querySelector('incident-card');
      const article = host.shadowRoot.querySelector('.ic-root > article.ic-card');
      return {
        state: host.getAttribute('data-state'),
        failed: window.IncidentCards.failed,
        title: article && article.querySelector('.ic-title')?.textContent,
        shown: !!article && article.checkVisibility() && article.getBoundingClientRect().height > 300,
        slots: host.shadowRoot.querySelectorAll('slot').length,
        containers: host.shadowRoot.querySelectorAll('.ic-root').length,
        hidden: host.shadowRoot.querySelectorAll('.ic-root[hidden]').length,
        children: [...host.shadowRoot.children].map((c) => c.localName + (c.className ? '.' + c.className : '')).join(' '),
      };
    });
    assert.equal(card.failed, true);
    assert.equal(card.state, 'error', 'the page is told');
    assert.match(card.title || '', /Kiro/, `the pre-rendered card is still there (shadow root: ${card.children})`);
    assert.ok(card.shown, 'and shown, whole');
    assert.equal(card.slots, 0, 'not swapped for the light DOM text');
    assert.equal(card.containers, 1, 'the pre-rendered card\'s own container, and no other');
    assert.equal(card.hidden, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: the fallback linked a card's raw `src`, so `javascript:` became a link, and an
  // address the URL parser refuses threw inside the loop that gives every card its fallback: the
  // cards after it got none, and the page saw an uncaught error.
  test('links only an http(s) address, and every card gets its fallback', async () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad addresses</title></head><body>
<incident-card id="js" src="javascript:alert(1)"></incident-card>
<incident-card id="port" src="https://x.example:99999/a.json"></incident-card>
<incident-card id="ok" src="/data/incidents/ICS-0001.json" heading-level="h4"></incident-card>
<incident-list id="list" src="/data/index.json" heading-level="3"></incident-list>
<div id="called"></div>
<script async src="/__wasm/404/embed.js"></script></body></html>`;
    const { context, page, errors } = await openPage('/pages/bad-src-404.html', html);
    // A card the page mounts itself, with its own options, after the module failed.
    await page.evaluate(() => window.IncidentCards.mount(document.getElementById('called'),
      { src: '/data/incidents/ICS-0002.json', headingLevel: '+5' }).catch(() => null));
    const cards = await page.evaluate(() => [...document.querySelectorAll('incident-card, incident-list, #called')].map((el) => ({
      id: el.id,
      state: el.getAttribute('data-state'),
      alert: !!el.shadowRoot?.querySelector('[role="alert"]'),
      links: [...(el.shadowRoot?.querySelectorAll('a') || [])].map((a) => a.getAttribute('href')),
      heading: [...(el.shadowRoot?.querySelectorAll('h1, h2, h3, h4, h5, h6') || [])].map((h) => `${h.localName} ${h.textContent}`),
    })));
    assert.deepEqual(cards.map((c) => [c.id, c.state, c.alert]), [['js', 'error', true], ['port', 'error', true], ['ok', 'error', true],
      ['list', 'error', true], ['called', 'error', true]]);
    assert.deepEqual(cards[0].links, [], 'no javascript: link');
    assert.deepEqual(cards[1].links, [], 'no link to an address that is none');
    assert.deepEqual(cards[2].links, [`${env.server.url}/data/incidents/ICS-0001.json`]);
    // Regression: the fallback's title was a <p>, so heading navigation skipped a failed card.
    assert.deepEqual(cards.map((c) => c.heading), [
      ['h2 This incident card could not be shown'],
      ['h2 This incident card could not be shown'],
      ['h4 This incident card could not be shown'],
      ['h3 These incidents could not be listed'],
      ['h5 This incident card could not be shown'],
    ]);
    // A list's address is its index, data rather than a page: no link to it.
    assert.deepEqual(cards[3].links, []);
    assert.deepEqual(cards[4].links, [`${env.server.url}/data/incidents/ICS-0002.json`]);
    assert.deepEqual(errors, [], 'nothing reaches the page as an uncaught error');
    await context.close();
  });

  // Regressions: the fallback box's words ignored a `mount()` call's `lang`, and a page whose
  // module failed before its catalogue came had boxes in English for good.
  test('the fallback box speaks the card\'s language: the page\'s, or a mount() call\'s', async () => {
    const html = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Sprache</title></head><body>
<incident-card id="page" src="/data/incidents/ICS-0001.json"></incident-card>
<incident-list id="list" src="/data/index.json"></incident-list>
<div id="called"></div>
<script async src="/__wasm/404/embed.js"></script></body></html>`;
    const boxes = (page) => page.evaluate(() => [...document.querySelectorAll('incident-card, incident-list, #called')].map((el) => {
      const box = el.shadowRoot?.querySelector('[role="alert"]');
      return box && [el.id, box.lang, box.querySelector('h2')?.textContent, box.querySelector('a')?.textContent ?? null];
    }));
    const { context, page, errors } = await openPage('/pages/fallback-de.html', html('de'));
    await page.waitForFunction(() => document.getElementById('page').shadowRoot?.querySelector('[role="alert"]')?.lang === 'de', null, { timeout: 5000 });
    await page.evaluate(() => window.IncidentCards.mount(document.getElementById('called'), { src: '/data/incidents/ICS-0002.json', lang: 'es' }).catch(() => null));
    await page.waitForFunction(() => document.getElementById('called').shadowRoot?.querySelector('[role="alert"]')?.lang === 'es', null, { timeout: 5000 });
    assert.deepEqual(await boxes(page), [
      ['page', 'de', 'Diese Vorfallskarte konnte nicht angezeigt werden', 'Die Falldaten öffnen'],
      ['list', 'de', 'Diese Vorfälle konnten nicht aufgelistet werden', null],
      ['called', 'es', 'No se pudo mostrar esta tarjeta de incidente', 'Abrir los datos del caso'],
    ]);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
