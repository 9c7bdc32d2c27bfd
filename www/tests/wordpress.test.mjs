// The WordPress recipe (docs/recipes/wordpress.md): the blockquote snippet in a Custom HTML block,
// in a real WordPress (Debian's package, www/tests/wordpress.mjs) on its own port, with the widget
// and its documents on the test server's, as a registry on its own host serves them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, serverAndBrowser, settled, titleOf } from './harness.mjs';
import { startWordPress } from './wordpress.mjs';

const env = serverAndBrowser();
const index = JSON.parse(readFileSync(new URL('../../data/index.json', import.meta.url), 'utf8'));
const recipe = readFileSync(new URL('../../docs/recipes/wordpress.md', import.meta.url), 'utf8');

const ID = 'ICS-0001';
// The query parameter under which the test site loads the widget site-wide (test 3): one
// WordPress serves every test, and the author's post is also seen without it (test 2).
const SITEWIDE = 'incident-cards-sitewide';

const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The Custom HTML block as the editor saves it, holding what `incident-cards snippet
 *  --mode blockquote` prints for the case (same attributes), against the test server. */
function block(base, id) {
  const { title, summary } = index.incidents.find((e) => e.id === id);
  const doc = `${base}/data/incidents/${id}.json`;
  return `<!-- wp:html -->
<blockquote class="incident-card" data-src="${doc}" data-variant="full" data-theme="auto" cite="${doc}">
  <p><strong>${escape(title)}</strong></p>
  <p>${escape(summary)}</p>
  <p><a href="${doc}">Case ${id}</a></p>
</blockquote>
<script async src="${base}/embed.js"></script>
<!-- /wp:html -->`;
}

/** The recipe's site-wide plugin (its ```php block), pointed at the test server, and active
 *  only on requests that ask for it. */
function sitewidePlugin(base) {
  const code = recipe.match(/```php\n([\s\S]*?)```/)?.[1];
  assert.ok(code?.includes('https://cards.example/embed.js'), 'docs/recipes/wordpress.md has the plugin in a ```php block');
  return code
    .replaceAll('https://cards.example/embed.js', `${base}/embed.js`)
    .replace('<?php\n', `<?php\nif (!isset($_GET['${SITEWIDE}'])) return;\n`);
}

let wp = null;
let failure = null;
const posts = {};

function site() {
  if (failure) throw failure;
  return wp;
}

/** What a reader sees of the page's incident blockquotes. */
const quotes = (page) => page.evaluate(() => [...document.querySelectorAll('blockquote.incident-card')].map((q) => {
  const art = q.shadowRoot?.querySelector('.ic-root:not([hidden]) article.ic-card');
  const r = q.getBoundingClientRect();
  return {
    state: q.getAttribute('data-state'),
    title: art?.querySelector('.ic-title')?.textContent ?? null,
    src: q.getAttribute('data-src'),
    cite: q.getAttribute('cite'),
    className: q.className,
    text: q.innerText,
    link: q.querySelector('a')?.getAttribute('href') ?? null,
    shown: r.width > 100 && r.height > 20 && getComputedStyle(q).visibility !== 'hidden',
  };
}));

const embedScripts = (page) => page.evaluate(() => [...document.querySelectorAll('script[src$="/embed.js"]')]
  .map((s) => ({ src: s.getAttribute('src'), async: s.async })));

describe('the WordPress recipe', () => {
  // In the suite, so that it runs after the harness has started the widget's server.
  // Bounded: every step inside startWordPress has its own 20 s limit. A failure is kept and
  // reported by each test (with the install hint), so a machine without WordPress fails loudly.
  before(async () => {
    try {
      wp = await startWordPress({ plugins: { 'incident-cards-sitewide': sitewidePlugin(env.server.url) } });
      posts.admin = await wp.post('A case, by an administrator', block(env.server.url, ID));
      posts.author = await wp.post('A case, by an author', block(env.server.url, ID), { role: 'author' });
    } catch (e) {
      failure = e;
    }
  }, { timeout: 120_000 });
  after(() => wp?.stop(), { timeout: 30_000 });

  test("an administrator's Custom HTML block shows the card", async () => {
    site();
    const doc = `${env.server.url}/data/incidents/${ID}.json`;
    const { context, page, errors, consoleLines } = await open(env.browser, posts.admin);
    assert.deepEqual(await embedScripts(page), [{ src: `${env.server.url}/embed.js`, async: true }], 'the script tag is kept');
    await page.locator('blockquote.incident-card').scrollIntoViewIfNeeded();
    await settled(page, 'blockquote.incident-card');
    const [q] = await quotes(page);
    assert.equal(q.state, 'ready');
    assert.equal(q.title, titleOf(ID));
    assert.equal(q.src, doc);
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleLines.filter((l) => l.text.startsWith('incident-cards:')), []);
    await context.close();
  });

  test("an author's post loses the script tag and keeps the readable blockquote", async () => {
    site();
    const doc = `${env.server.url}/data/incidents/${ID}.json`;
    const html = await (await fetch(posts.author)).text();
    assert.doesNotMatch(html, /embed\.js/, 'no script tag in the served post');
    assert.match(html, /<blockquote class="incident-card" data-src="[^"]+" data-variant="full" data-theme="auto" cite="[^"]+">/,
      'kses keeps the class, the data-* attributes and cite');

    const { context, page, errors } = await open(env.browser, posts.author);
    assert.deepEqual(await embedScripts(page), []);
    const all = await quotes(page);
    assert.equal(all.length, 1);
    const [q] = all;
    assert.equal(q.state, null, 'not upgraded: no widget on the page');
    assert.equal(q.className, 'incident-card');
    assert.equal(q.src, doc);
    assert.equal(q.cite, doc);
    assert.ok(q.text.includes(titleOf(ID)), 'the title is readable');
    assert.equal(q.link, doc);
    assert.ok(q.shown, 'the blockquote is shown');
    assert.ok(await page.isVisible(`blockquote.incident-card a[href="${doc}"]`));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("with the recipe's site-wide script, the author's blockquote becomes the card", async () => {
    site();
    const url = new URL(posts.author);
    url.searchParams.set(SITEWIDE, '1');
    const { context, page, errors, consoleLines } = await open(env.browser, url.href);
    assert.deepEqual(await embedScripts(page), [{ src: `${env.server.url}/embed.js`, async: true }], 'one script tag, from the plugin');
    await page.locator('blockquote.incident-card').scrollIntoViewIfNeeded();
    await settled(page, 'blockquote.incident-card');
    const [q] = await quotes(page);
    assert.equal(q.state, 'ready');
    assert.equal(q.title, titleOf(ID));
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleLines.filter((l) => l.text.startsWith('incident-cards:')), []);
    await context.close();
  });
});
