// The Ghost and plain-HTML recipe (docs/recipes/ghost.md): the blockquote snippet in Ghost's HTML
// cards, the script once where Settings → Code injection → Site footer puts it, and a plain page
// with the snippet as printed, each under the recipe's Content-Security-Policy.
//
// This test does not run Ghost: it serves a page of the markup Ghost publishes. Ghost cannot be
// installed here (its npm package needs sqlite3's native binaries and node-gyp's headers, both
// downloaded from the internet at install time). What it reproduces: Ghost stores an HTML card's
// content verbatim and publishes it between `<!--kg-card-begin: html-->` and
// `<!--kg-card-end: html-->` inside the post content (Casper's `section.gh-content.gh-canvas`),
// and Site footer code injection lands just before `</body>` on every page.
//
// The snippets come from the CLI and the policies from the recipe's code blocks, so neither can
// drift from what this test checks. The widget and its documents come from the harness server's
// second origin, as from a host of their own. The pages come from a small server of this file on
// 127.0.0.1, with their policy as a real response header: a page made up with Playwright's
// `route.fulfill` has no address Chromium can place, so its local-network checks treat it as
// public and refuse the widget's loopback script.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, scrollThrough, serverAndBrowser, settled, titleOf } from './harness.mjs';

const env = serverAndBrowser();
const repo = fileURLToPath(new URL('../../', import.meta.url));
const recipe = readFileSync(join(repo, 'docs', 'recipes', 'ghost.md'), 'utf8');
const CLI = join(repo, 'target', 'debug', 'incident-cards');
const RECIPE_ORIGIN = 'https://cards.example';
// Added to each recipe policy: everything the recipe does not name is then blocked (style-src,
// img-src, font-src …), so "no violations" means the recipe's directives are all the widget needs.
const LOCKDOWN = "default-src 'none'";

const ours = (lines) => lines.filter((l) => l.text.startsWith('incident-cards:'));

/** Waits for the cards to settle; when they never do (the script blocked), the outcome compared
 *  next fails instead, and shows why (the cards' states, the violations), not only a timeout. */
const waitForCards = (page) => settled(page, 'blockquote.incident-card').catch(() => {});

/** What `incident-cards snippet --mode blockquote` prints for a case, against the widget's origin. */
function snippet(id, variant = 'full') {
  assert.ok(existsSync(CLI), `no ${CLI}: build it with \`cargo build -p incident-cards-cli\``);
  return execFileSync(CLI, ['snippet', `data/incidents/${id}.json`, '--base', `${env.server.other}/`, '--mode', 'blockquote', '--variant', variant], {
    cwd: repo, encoding: 'utf8', timeout: 20_000,
  }).trim();
}

/** The snippet split into its blockquote (what goes in a Ghost HTML card) and its script tag. */
function parts(id, variant) {
  const text = snippet(id, variant);
  const at = text.indexOf('<script');
  assert.ok(at > 0, 'the snippet ends with the script tag');
  const script = text.slice(at).trim();
  assert.equal(script, `<script async src="${env.server.other}/embed.js"></script>`);
  return { quote: text.slice(0, at).trim(), script };
}

/** The recipe's policy for Ghost (section 3's ```http block), for the widget on `origin`. */
function ghostPolicy(origin) {
  const block = recipe.match(/```http\n([\s\S]*?)```/)?.[1];
  const value = block?.trim().match(/^Content-Security-Policy:\s*([\s\S]+)$/)?.[1];
  assert.ok(value?.includes(RECIPE_ORIGIN), 'docs/recipes/ghost.md has the header in a ```http block, naming https://cards.example');
  return value.replace(/\s+/g, ' ').replaceAll(RECIPE_ORIGIN, origin);
}

/** The recipe's policy for plain pages (section 4's <meta> tag), for the widget on `origin`. */
function plainPolicy(origin) {
  const value = recipe.match(/```html\n<meta http-equiv="Content-Security-Policy" content="([^"]+)">\n```/)?.[1];
  assert.ok(value?.includes(RECIPE_ORIGIN), 'docs/recipes/ghost.md has the <meta> policy in an ```html block, naming https://cards.example');
  return value.replaceAll(RECIPE_ORIGIN, origin);
}

/** An HTML card as Ghost's renderer publishes it. */
const htmlCard = (html) => `\n<!--kg-card-begin: html-->\n${html}\n<!--kg-card-end: html-->\n`;

/** A published Ghost post in Casper's shape: two HTML cards, the script from code injection. */
function ghostPost() {
  const one = parts('ICS-0001');
  const two = parts('ICS-0002', 'compact');
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Two outages, one pattern</title>
    <meta name="generator" content="Ghost 5.0">
</head>
<body class="post-template">
<div class="viewport">
<div class="site-content">
<main id="site-main" class="site-main">
<article class="gh-article post">
    <header class="gh-article-header gh-canvas">
        <h1 class="gh-article-title">Two outages, one pattern</h1>
    </header>
    <section class="gh-content gh-canvas">
        <p>Two coding agents, two production outages, and the same missing safeguard.</p>${htmlCard(one.quote)}<p>A few months earlier, a similar event:</p>${htmlCard(two.quote)}
    </section>
</article>
</main>
</div>
</div>
${one.script}
</body>
</html>
`;
}

/** A plain page (no CMS): the snippet exactly as printed, the policy in a <meta> tag. */
function plainPage(policy) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>Incident notes</title>
</head>
<body>
<main>
<h1>Incident notes</h1>
<p>The case we discussed on Monday:</p>
${snippet('ICS-0001')}
</main>
</body>
</html>
`;
}

// The site's pages: path → { body, headers }, set by each test before it opens the page.
const pages = new Map();
const site = createServer((req, res) => {
  const p = pages.get(new URL(req.url, 'http://site').pathname);
  if (!p) return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...p.headers }).end(p.body);
});
before(() => new Promise((resolve) => site.listen(0, '127.0.0.1', resolve)));
after(() => { site.closeAllConnections(); site.close(); });

/** Puts `body` at `path` on the site, with `headers`; resolves to its address. */
function serve(path, body, headers = {}) {
  pages.set(path, { body, headers });
  return `http://127.0.0.1:${site.address().port}${path}`;
}

/** What a reader sees of the page's incident blockquotes. */
const quotes = (page) => page.evaluate(() => [...document.querySelectorAll('blockquote.incident-card')].map((q) => {
  const art = q.shadowRoot?.querySelector('.ic-root:not([hidden]) article.ic-card');
  return {
    state: q.getAttribute('data-state'),
    title: art?.querySelector('.ic-title')?.textContent ?? null,
    variant: art?.getAttribute('data-variant') ?? null,
    // The card's own stylesheet applies (it draws a border): checked under style-src 'none'.
    styled: art ? getComputedStyle(art).borderTopStyle !== 'none' : null,
  };
}));

/** Whether the blockquotes' own text (title, link) is shown, as a reader sees the fallback. */
async function readable(page, ids) {
  const out = [];
  for (const [i, id] of ids.entries()) {
    // isVisible: laid out with a size and not visibility:hidden, wherever it is on the page.
    const q = page.locator('blockquote.incident-card').nth(i);
    const doc = `${env.server.other}/data/incidents/${id}.json`;
    out.push({
      title: await q.locator('strong').innerText(),
      titleShown: await q.locator('strong').isVisible(),
      link: await q.locator('a').getAttribute('href'),
      linkShown: await q.locator(`a[href="${doc}"]`).isVisible(),
    });
  }
  return out;
}
const readableAs = (ids) => ids.map((id) => ({
  title: titleOf(id), titleShown: true, link: `${env.server.other}/data/incidents/${id}.json`, linkShown: true,
}));

const GHOST_PATH = '/2026/03/two-outages-one-pattern/';

describe('the Ghost recipe (a page of the markup Ghost publishes)', () => {
  test("HTML cards and the Site footer script, under the recipe's policy: both cards ready, nothing blocked", async () => {
    const policy = `${LOCKDOWN}; ${ghostPolicy(env.server.other)}`;
    const url = serve(GHOST_PATH, ghostPost(), { 'Content-Security-Policy': policy });
    const { context, page, errors, consoleLines } = await open(env.browser, url);
    assert.equal(await page.locator('section.gh-content script').count(), 0, 'no script in the post content');
    assert.equal(await page.locator(`script[src="${env.server.other}/embed.js"]`).count(), 1, 'one script tag, from code injection');
    await scrollThrough(page);
    await waitForCards(page);
    const outcome = {
      cards: await quotes(page),
      violations: await page.evaluate(() => window.__violations),
      errors,
      ours: ours(consoleLines),
    };
    assert.deepEqual(outcome, {
      cards: [
        { state: 'ready', title: titleOf('ICS-0001'), variant: 'full', styled: true },
        { state: 'ready', title: titleOf('ICS-0002'), variant: 'compact', styled: true },
      ],
      violations: [],
      errors: [],
      ours: [],
    });
    await context.close();
  });

  test("without 'wasm-unsafe-eval': the blockquotes stay readable, one console line names it", async () => {
    const full = ghostPolicy(env.server.other);
    const policy = `${LOCKDOWN}; ${full.replace(" 'wasm-unsafe-eval'", '')}`;
    assert.notEqual(policy, `${LOCKDOWN}; ${full}`, "the recipe's policy has 'wasm-unsafe-eval'");
    const url = serve(GHOST_PATH, ghostPost(), { 'Content-Security-Policy': policy });
    const { context, page, errors, consoleLines } = await open(env.browser, url);
    await settled(page, 'blockquote.incident-card');
    const lines = ours(consoleLines);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].text, /Add 'wasm-unsafe-eval' to its script-src/);
    assert.deepEqual((await quotes(page)).map((q) => q.state), ['error', 'error'], 'the widget gave up on both');
    assert.deepEqual(await readable(page, ['ICS-0001', 'ICS-0002']), readableAs(['ICS-0001', 'ICS-0002']));
    // Only WebAssembly compilation was refused: the script and the fetches were allowed.
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(violations.length > 0 && violations.every((v) => /^script-src wasm-eval$/.test(v)), JSON.stringify(violations));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('with JavaScript turned off, the quotations are readable', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const policy = `${LOCKDOWN}; ${ghostPolicy(env.server.other)}`;
    await page.goto(serve(GHOST_PATH, ghostPost(), { 'Content-Security-Policy': policy }), { waitUntil: 'load' });
    assert.deepEqual(await quotes(page), [
      { state: null, title: null, variant: null, styled: null },
      { state: null, title: null, variant: null, styled: null },
    ], 'not upgraded');
    assert.deepEqual(await readable(page, ['ICS-0001', 'ICS-0002']), readableAs(['ICS-0001', 'ICS-0002']));
    await context.close();
  });
});

describe('the plain HTML recipe', () => {
  test("the snippet as printed, under the recipe's <meta> policy: the card is ready, nothing blocked", async () => {
    const policy = `${LOCKDOWN}; ${plainPolicy(env.server.other)}`;
    const { context, page, errors, consoleLines } = await open(env.browser, serve('/notes/incident.html', plainPage(policy)));
    await waitForCards(page);
    const outcome = {
      cards: await quotes(page),
      violations: await page.evaluate(() => window.__violations),
      errors,
      ours: ours(consoleLines),
    };
    assert.deepEqual(outcome, {
      cards: [{ state: 'ready', title: titleOf('ICS-0001'), variant: 'full', styled: true }],
      violations: [],
      errors: [],
      ours: [],
    });
    await context.close();
  });
});
