// The iframe snippet a case page offers (incident-cards site): pasted into a page on another
// origin, the iframe shows the case's compact card and takes the card's height from the frame's
// message, then nothing moves; messages from anything but that frame, from the site's origin, are
// ignored. The snippet is read from the built case page's textarea, as a user copies it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, serverAndBrowser, titleOf } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'iframe');
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const env = serverAndBrowser();
const ID = 'ICS-0001';

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
let snippet = null;
let hashes = null;


/** Writes a host page (an article with `body` in the middle) into the site's folder; the test
 *  opens it from the server's second origin. (A page made up by the browser's request routing
 *  counts as public to Chromium, which then refuses its frames from the loopback address.) */
function host(name, body) {
  writeFileSync(join(out, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head>
<body><article><h1>An article</h1><p>${'Text before the case. '.repeat(20)}</p>${body}<p id="after">${'Text after the case. '.repeat(40)}</p></article></body></html>`);
  return `${env.server.other}/recipes/iframe/${name}`;
}

describe('the iframe snippet', () => {
  // In the suite, so that it runs once the harness has started the server.
  before(() => {
    execFileSync(cli, ['site', join(repo, 'data'), out, '--base', `${env.server.url}/recipes/iframe/`, '--widget', `${env.server.url}/`], { stdio: 'pipe' });
    const page = readFileSync(join(out, 'cases', ID, 'index.html'), 'utf8');
    snippet = unescape(page.match(/<textarea id="snippet-iframe" readonly rows="6">([\s\S]*?)<\/textarea>/)[1]);
    const said = page.match(/the iframe needs[^.]*?<code>'(sha256-[^']+)'<\/code> in <code>script-src<\/code> and <code>'unsafe-hashes' '(sha256-[^']+)'<\/code> in <code>style-src/);
    hashes = said && { script: said[1], style: said[2] };
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  test('shows the compact card at its own height, with a title, and nothing moves afterwards', async () => {
    assert.match(snippet, new RegExp(`^<iframe src="${env.server.url}/recipes/iframe/cases/${ID}/embed/" title="Case ${ID}: `));
    const { context, page, errors, consoleLines } = await open(env.browser, host('host.html', snippet));
    const frame = page.frameLocator('iframe[data-incident-frame]');
    await frame.locator('incident-card[data-state="ready"]').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('incident-card .ic-root:not([hidden]) .ic-title').textContent(), titleOf(ID));
    const inner = await frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
    await page.waitForFunction((h) => Number(document.querySelector('iframe[data-incident-frame]').height) === h, inner, { timeout: 10_000 });
    const shift = await page.evaluate(() => new Promise((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) total += e.value; }).observe({ type: 'layout-shift' });
      setTimeout(() => resolve(total), 1500);
    }));
    assert.equal(shift, 0, 'no layout shift after the first resize');
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleLines.filter((l) => l.type === 'error'), []);
    await context.close();
  });

  test('a height message from another frame or another origin is ignored', async () => {
    // A second frame, from the host's own origin, posts the same message shape.
    const spoof = `<iframe id="spoof" srcdoc="<script>parent.postMessage({type:'incident-cards:height',height:3000},'*')</script>"></iframe>`;
    const { context, page, errors } = await open(env.browser, host('spoof.html', snippet + spoof));
    const frame = page.frameLocator('iframe[data-incident-frame]');
    await frame.locator('incident-card[data-state="ready"]').waitFor({ timeout: 30_000 });
    const inner = await frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
    await page.waitForFunction((h) => Number(document.querySelector('iframe[data-incident-frame]').height) === h, inner, { timeout: 10_000 });
    // The host posts to itself: its own origin is not the site's.
    await page.evaluate(() => window.postMessage({ type: 'incident-cards:height', height: 2500 }, '*'));
    await page.waitForTimeout(300);
    assert.equal(Number(await page.locator('iframe[data-incident-frame]').getAttribute('height')), inner);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: the README said to put the hashes of the snippet's script and style attribute in
  // the host's policy, but a hash applies to a style attribute only with 'unsafe-hashes', and
  // nothing said what the hashes were. The case page now prints them, and they are enough.
  test('under a strict policy of the host, the hashes the case page prints are enough', async () => {
    assert.ok(hashes, 'the case page prints the iframe snippet\'s hashes');
    const csp = `default-src 'none'; img-src data:; frame-src ${env.server.url}; script-src '${hashes.script}'; style-src 'unsafe-hashes' '${hashes.style}'`;
    const url = host('csp.html', `<meta http-equiv="Content-Security-Policy" content="${csp}">${snippet}`);
    const { context, page, errors } = await open(env.browser, url);
    const frame = page.frameLocator('iframe[data-incident-frame]');
    await frame.locator('incident-card[data-state="ready"]').waitFor({ timeout: 30_000 });
    const inner = await frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
    await page.waitForFunction((h) => Number(document.querySelector('iframe[data-incident-frame]').height) === h, inner, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('iframe[data-incident-frame]')).maxWidth), '100%');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
