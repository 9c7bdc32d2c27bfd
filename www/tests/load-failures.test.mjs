// The widget's own module cannot be loaded, or loads the slow way: each kind of failure is told
// apart by what happened (the status, the type, the compile error, a policy violation), gives its
// own console line of advice and its own code on the card's `incident-card:error` event, and the
// card keeps its readable fallback. Served by www/serve.mjs (`/__test/wasm-<kind>.html` loads the
// loader from `/__wasm/<kind>/`, whose .wasm files come with that fault).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
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

/** The card failed with `code`, kept its fallback, and the console has one line of ours. */
function failedWith(r, code) {
  assert.equal(r.card.state, 'error');
  assert.equal(r.card.failed, true);
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
