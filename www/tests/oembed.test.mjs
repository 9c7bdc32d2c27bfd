// Pasting a case page's address into WordPress (issue 17's real consumer): Debian's WordPress
// discovers the case's oEmbed response from the `<link rel="alternate">` of the case page that
// `incident-cards site` wrote, keeps what its sanitiser keeps of the response's html (the
// blockquote and the iframe, sandboxed to `allow-scripts`, so the frame's origin is `null`), and
// its own host script (wp-embed.js) sizes the iframe from the height the embed page sends. The
// case pages are built for the test server's address, as the demo's are for the demo's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, serverAndBrowser, titleOf } from './harness.mjs';
import { startWordPress } from './wordpress.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'site');
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const env = serverAndBrowser();
const ID = 'ICS-0001';

let wp = null;
let failure = null;
let post = null;
let pageUrl = null;

/** The block the editor saves when a URL is pasted on its own line. */
const embedBlock = (url) => `<!-- wp:embed {"url":"${url}","type":"rich","providerNameSlug":"incident-cards"} -->
<figure class="wp-block-embed is-type-rich is-provider-incident-cards"><div class="wp-block-embed__wrapper">
${url}
</div></figure>
<!-- /wp:embed -->`;

describe('a case page pasted into WordPress', () => {
  before(async () => {
    const base = `${env.server.url}/recipes/site/`;
    execFileSync(cli, ['site', join(repo, 'data'), out, '--base', base, '--widget', `${env.server.url}/`], { stdio: 'pipe' });
    pageUrl = `${base}cases/${ID}/`;
    try {
      wp = await startWordPress();
      post = await wp.post('A case, pasted as a link', embedBlock(pageUrl));
    } catch (e) {
      failure = e;
    }
  }, { timeout: 120_000 });
  after(() => {
    rmSync(out, { recursive: true, force: true });
    return wp?.stop();
  }, { timeout: 30_000 });

  test('the case page announces its oEmbed response, and the response is a rich embed with an iframe', async () => {
    const html = await (await fetch(pageUrl)).text();
    const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/)?.[1];
    assert.equal(link, `${pageUrl}oembed.json`);
    const res = await fetch(link);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const o = await res.json();
    assert.equal(o.version, '1.0');
    assert.equal(o.type, 'rich');
    assert.ok(Number.isInteger(o.width) && Number.isInteger(o.height));
    assert.equal(o.provider_url, `${env.server.url}/recipes/site/`);
    assert.match(o.html, new RegExp(`<iframe src="${pageUrl}embed/" title="Case ${ID}: `));
    assert.ok(o.title.includes(titleOf(ID)));
  });

  test("WordPress embeds the card, and its host script sizes the frame to the card's height", async () => {
    if (failure) throw failure;
    const { context, page, errors } = await open(env.browser, post);
    const frame = page.locator('iframe.wp-embedded-content');
    await frame.waitFor({ timeout: 20_000 });
    const attrs = await frame.evaluate((f) => ({ sandbox: f.getAttribute('sandbox'), src: f.getAttribute('src'), title: f.getAttribute('title') }));
    assert.equal(attrs.sandbox, 'allow-scripts', "WordPress's sandbox: the frame's origin is null");
    assert.ok(attrs.src.startsWith(`${pageUrl}embed/#?secret=`), attrs.src);
    assert.ok(attrs.title.includes(titleOf(ID)), 'the iframe keeps its title');
    const inner = page.frameLocator('iframe.wp-embedded-content');
    // In the frame, the widget swaps the pre-rendered card for the live one: it fetched the
    // document and the module from the origin `null`.
    await inner.locator('incident-card[data-state="ready"]').waitFor({ timeout: 30_000 });
    const frameHeight = await inner.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
    assert.ok(frameHeight > 150 && frameHeight < 1000, `a compact card: ${frameHeight} px`);
    // wp-embed.js sets the iframe's height attribute from the frame's message.
    await page.waitForFunction((h) => Number(document.querySelector('iframe.wp-embedded-content').getAttribute('height')) === h,
      frameHeight, { timeout: 10_000 });
    const title = await inner.locator('incident-card .ic-root:not([hidden]) .ic-title').textContent();
    assert.equal(title, titleOf(ID));
    // Nothing moves once sized: no layout shift in the post after the first resize.
    const shift = await page.evaluate(() => new Promise((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) total += e.value; }).observe({ type: 'layout-shift' });
      setTimeout(() => resolve(total), 1500);
    }));
    assert.equal(shift, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the embed page alone is the compact card, not indexed, and its canonical is the case page', () => {
    const html = readFileSync(join(out, 'cases', ID, 'embed', 'index.html'), 'utf8');
    assert.match(html, /<meta name="robots" content="noindex">/);
    assert.match(html, new RegExp(`<link rel="canonical" href="${pageUrl}">`));
    assert.match(html, new RegExp(`<incident-card fit="grow" case-url="${pageUrl}" src="[^"]+" variant="compact"`));
  });
});
