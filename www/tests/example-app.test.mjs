// The example Yew app (examples/yew-app): RemoteIncidentCard used as a Yew developer would, with
// its own requests (feature native-fetch), in headless Chromium. Two cards render, a missing
// document gets its error card, and each outcome reaches the app's callback.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, serverAndBrowser, titleOf } from './harness.mjs';

const env = serverAndBrowser();

describe('the example Yew app', () => {
  test('shows two cards and an error card, and reports each outcome', async () => {
    await env.server.reset();
    const { context, page, errors } = await open(env.browser, `${env.server.url}/examples/yew-app/index.html`);
    await page.waitForFunction(() => document.querySelectorAll('#settled li').length === 3, null, { timeout: 20_000 });
    const r = await page.evaluate(() => ({
      titles: [...document.querySelectorAll('article.ic-card:not(.ic-error) h2')].map((h) => h.textContent),
      variants: [...document.querySelectorAll('article.ic-card')].map((a) => a.dataset.variant),
      error: document.querySelector('article.ic-error')?.textContent,
      copy: document.querySelectorAll('.ic-copy button').length,
      settled: [...document.querySelectorAll('#settled li')].map((l) => l.textContent).sort(),
      border: getComputedStyle(document.querySelector('article.ic-card')).borderTopStyle,
    }));
    assert.deepEqual(r.titles, [titleOf('ICS-0001'), titleOf('ICS-0002')]);
    assert.deepEqual(r.variants, ['full', 'compact', 'full']);
    assert.match(r.error, /no document at this address \(HTTP 404\)/);
    assert.equal(r.copy, 1, 'the full card has its Copy button');
    assert.deepEqual(r.settled, ['ICS-0001: shown', 'ICS-0002: shown', 'failed: not-found']);
    assert.notEqual(r.border, 'none', 'the stylesheet from the crate applies');
    // Its own requests: no cookies, no Referer.
    const log = (await env.server.log()).filter((e) => e.path.startsWith('/data/incidents/'));
    // A 404 is not retried: three documents, three requests.
    assert.equal(log.length, 3, JSON.stringify(log));
    assert.ok(log.every((e) => e.referer === null && e.cookie === null), JSON.stringify(log));
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await context.close();
  });
});
