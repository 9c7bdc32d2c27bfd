// What one card costs on the wire: a page with one blockquote snippet is loaded in Chromium from
// the local server (which compresses as a static host does, brotli here), and every response the
// widget causes is summed at its transferred body size, the page itself and the document
// excluded. The test fails above the limit in www/size-budget.json, and checks the build's own
// size report (dist/size.json) against what was measured, so the report cannot drift.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeClipboard, open, settled, serverAndBrowser, showWhole } from './harness.mjs';

const repo = new URL('../../', import.meta.url);
const budget = JSON.parse(readFileSync(new URL('www/size-budget.json', repo), 'utf8'));
const report = JSON.parse(readFileSync(join(new URL(repo).pathname, process.env.IC_DIST || 'dist', 'size.json'), 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const env = serverAndBrowser();

describe('size', () => {
  test('the first card downloads no more than the size limit (brotli), in two requests besides its document (loader, wasm)', async () => {
    const responses = [];
    const { context, page } = await open(env.browser, `${env.server.url}/__test/one-card.html`, {
      beforeLoad: (p) => p.on('requestfinished', (r) => responses.push(r)),
    });
    await settled(page);
    const rows = [];
    for (const r of responses) {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/__test/') || path.endsWith('.json')) continue;
      const response = await r.response();
      const sizes = await r.sizes();
      rows.push({ path, bytes: sizes.responseBodySize, encoding: (await response.allHeaders())['content-encoding'] || 'identity' });
    }
    const total = rows.reduce((t, r) => t + r.bytes, 0);
    console.log(`first card: ${kb(total)} in ${rows.length} requests (limit ${kb(budget.limit)}, target ${kb(budget.target)})`);
    for (const r of rows) console.log(`  ${r.path} ${kb(r.bytes)} ${r.encoding}`);
    // The loader (with the glue and the stylesheet inside) and the wasm module, each once.
    const paths = rows.map((r) => r.path);
    assert.equal(new Set(paths).size, paths.length, `a file was downloaded twice: ${paths.join(', ')}`);
    assert.equal(rows.length, 2, `requests for the first card besides its document: ${paths.join(', ')}`);
    assert.ok(paths.includes('/embed.js') && paths.some((p) => p.endsWith('.wasm')), paths.join(', '));
    assert.ok(rows.every((r) => r.encoding === 'br'), 'every widget file is served compressed (brotli)');
    assert.ok(total <= budget.limit, `first card costs ${kb(total)}, over the ${kb(budget.limit)} limit`);
    // The build's size report names the same files, within compression-level noise.
    const reported = report.total.brotli;
    assert.ok(Math.abs(reported - total) <= 0.02 * total, `size.json says ${kb(reported)}, measured ${kb(total)}`);
    await context.close();
  });
});

describe('live card behaviour (the components\' click listeners)', () => {
  test('Copy citation copies the text and says so; without a clipboard it selects the text; a source number moves to the source', async () => {
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/one-card.html`, { beforeLoad: fakeClipboard });
    await settled(page);
    const host = 'blockquote.incident-card';
    await showWhole(page, host);
    await page.click(`${host} .ic-copy .ic-btn`);
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('.ic-copy-status').textContent !== '', host);
    const status = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.ic-copy-status').textContent, host);
    const citation = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.ic-cite-text').textContent, host);
    assert.equal(status, 'Copied');
    assert.equal(await page.evaluate(() => window.__copied), citation);
    assert.ok(citation.length > 20);

    // A refused clipboard: the citation is selected for Ctrl+C instead.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', {
      configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) },
    }));
    await page.click(`${host} .ic-copy .ic-btn`);
    await page.waitForFunction((sel) => /Ctrl\+C/.test(document.querySelector(sel).shadowRoot.querySelector('.ic-copy-status').textContent), host);
    const selected = await page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot;
      return (root.getSelection ? root.getSelection() : document.getSelection()).toString();
    }, host);
    assert.equal(selected.trim(), citation.trim());

    // A cited source: the link moves focus to the source inside the card, the address stays.
    const before = page.url();
    const ref = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('a.ic-ref[href^="#"]').getAttribute('href'), host);
    await page.click(`${host} a.ic-ref[href="${ref}"]`);
    const focused = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.activeElement?.id, host);
    assert.equal(`#${focused}`, ref);
    assert.equal(page.url(), before);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
