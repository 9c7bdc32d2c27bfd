// The registry's public pages (`incident-cards site`, issue 17), built for the test server's
// address into dist/recipes/pages/: the JSON-LD of every case page and of its pre-rendered
// snippet type-checks against schema.org's vocabulary as schema-dts declares it (tsc --strict);
// crawlers find it in the light DOM; Lighthouse scores a case page 100 for accessibility, best
// practices and SEO (performance is recorded); axe-core finds no WCAG 2.1 AA violation on the
// case page or the embed page, shadow roots included; and the link-preview metadata is there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { open, serverAndBrowser, settled, titleOf } from './harness.mjs';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../../', import.meta.url));
// This file's own folder under dist/recipes/ (other tests build theirs beside it).
const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'pages');
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const tsc = join(repo, 'www', 'node_modules', '.bin', 'tsc');
const env = serverAndBrowser();
const ID = 'ICS-0001';

/** The sample registry's documents, by id. */
const docs = readdirSync(join(repo, 'data', 'incidents'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(repo, 'data', 'incidents', f), 'utf8')));

let base;
const pageUrl = (id) => `${base}cases/${id}/`;

/**
 * The JSON-LD objects of a case page's HTML, read with a regex over our own output: the script's
 * JSON has `<` escaped, so nothing inside it can close the element.
 */
const scriptsIn = (html) => [...html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]));

/** The JSON-LD of the pre-rendered snippet a case page offers (its textarea's text, decoded). */
function snippetLd(html) {
  const text = html.match(/<textarea id="snippet-prerendered"[^>]*>([^<]*)<\/textarea>/)?.[1];
  assert.ok(text, 'the pre-rendered snippet');
  // Only what the CLI's `esc` writes; `&amp;` last, so `&amp;lt;` stays `&lt;`.
  const decoded = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return scriptsIn(decoded);
}

// schema-dts is resolved from www/node_modules by a `paths` entry, so the scratch project can
// live in a temporary folder, outside the checkout. skipLibCheck is off: the declarations
// themselves are checked too.
const schemaDts = dirname(require.resolve('schema-dts/package.json'));
const TSCONFIG = {
  compilerOptions: {
    strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler',
    types: [], skipLibCheck: false, paths: { 'schema-dts': [schemaDts] },
  },
};

/**
 * Runs tsc --strict on a TypeScript file that assigns each object to `WithContext<Report>`, one
 * object a line (so an error's line names its object). An object literal assigned to a declared
 * type gets excess-property checks, down to nested literals: a property that is not schema.org's
 * (for that type) is an error, as is a value of the wrong type.
 */
function typeCheck(scratch, name, objects) {
  const lines = ["import type { Report, WithContext } from 'schema-dts';"];
  for (const [label, o] of objects) lines.push(`export const ${label}: WithContext<Report> = ${JSON.stringify(o)};`);
  writeFileSync(join(scratch, `${name}.ts`), lines.join('\n') + '\n');
  writeFileSync(join(scratch, `tsconfig.${name}.json`), JSON.stringify({ ...TSCONFIG, include: [`${name}.ts`] }));
  const r = spawnSync(tsc, ['-p', join(scratch, `tsconfig.${name}.json`)], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, errors: `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes('error TS')), output: `${r.stdout}${r.stderr}` };
}

/** Runs axe-core (WCAG 2.1 A and AA) on the page, in both color schemes; returns the violations. */
async function axe(page) {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const found = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const v = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((x) => `${x.id}: ${x.nodes.length} node(s), e.g. ${x.nodes[0]?.target?.join(' > ')} ${x.nodes[0]?.failureSummary ?? ''}`);
    });
    found.push(...v.map((x) => `${scheme}: ${x}`));
  }
  return found;
}

describe('the registry pages', () => {
  let scratch;
  before(() => {
    base = `${env.server.url}/recipes/pages/`;
    execFileSync(cli, ['site', join(repo, 'data'), out, '--base', base, '--widget', `${env.server.url}/`], { stdio: 'pipe' });
    scratch = mkdtempSync(join(tmpdir(), 'incident-cards-pages-'));
  });
  after(() => {
    rmSync(out, { recursive: true, force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the JSON-LD of every case page and of its pre-rendered snippet type-checks as a schema.org Report', () => {
    const objects = [];
    for (const doc of docs) {
      const html = readFileSync(join(out, 'cases', doc.id, 'index.html'), 'utf8');
      const [ld, ...more] = scriptsIn(html);
      assert.equal(more.length, 0, `${doc.id}: one JSON-LD script in the page`);
      assert.deepEqual(snippetLd(html), [ld], `${doc.id}: the snippet carries the same JSON-LD`);
      // What the types cannot say: the data is this case's.
      assert.equal(ld['@id'], pageUrl(doc.id));
      assert.deepEqual(ld.identifier.map((i) => i.value), [doc.id, ...(doc.aliases ?? [])], 'the id, then the aliases');
      assert.equal((ld.citation ?? []).length, (doc.sources ?? []).length, 'a citation per source');
      assert.equal(ld.isBasedOn, `${env.server.url}/data/incidents/${doc.id}.json`);
      assert.ok(ld.publisher?.name && ld.license && ld.datePublished, `${doc.id}: publisher, license, datePublished`);
      objects.push([doc.id.replace('-', '_'), ld]);
      // `incident-cards snippet` (the pre-rendered snippet the README's mode 5 prints) carries
      // the case's JSON-LD too, outside the element.
      const printed = execFileSync(cli, ['snippet', join(repo, 'data', 'incidents', `${doc.id}.json`), '--base', 'https://cards.example/'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const [cliLd, ...others] = scriptsIn(printed);
      assert.equal(others.length, 0, `${doc.id}: one JSON-LD script in the printed snippet`);
      assert.ok(printed.indexOf('application/ld+json') > printed.indexOf('</incident-card>'), 'after the element, outside its shadow root');
      assert.equal(cliLd.isBasedOn, `https://cards.example/data/incidents/${doc.id}.json`);
      objects.push([`printed_${doc.id.replace('-', '_')}`, cliLd]);
    }
    assert.ok(objects.length >= 16, 'every sample case, on its page and in its printed snippet');
    const ok = typeCheck(scratch, 'cases', objects);
    assert.equal(ok.status, 0, `tsc --strict:\n${ok.output}`);

    // The check has teeth: copies with a property schema.org does not have (at the top and in a
    // citation: the model's own field names) or a date of the wrong type fail, each with its
    // error. One fault a copy: with several in one literal, tsc left the top-level unknown property
    // unreported.
    const good = objects.find(([, o]) => o.citation?.length)[1];
    const copy = (change) => { const o = structuredClone(good); change(o); return o; };
    const bad = typeCheck(scratch, 'wrong', [
      ['unknown', copy((o) => { o.aliases = ['APM-0005']; })],
      ['nested', copy((o) => { o.citation[0].kind = 'research'; })],
      ['mistyped', copy((o) => { o.dateModified = 20261121; })],
    ]);
    assert.notEqual(bad.status, 0, 'the wrong copies type-check');
    assert.equal(bad.errors.length, 3, bad.output);
    assert.match(bad.errors[0], /wrong\.ts\(2,.*'"aliases"' does not exist in type 'WithContext<ReportLeaf>'/);
    assert.match(bad.errors[1], /wrong\.ts\(3,.*'"kind"' does not exist in type 'CreativeWorkLeaf'/);
    assert.match(bad.errors[2], /wrong\.ts\(4,.*Type 'number' is not assignable to type 'SchemaValue<string, "dateModified">/);
  });

  test('crawlers find the JSON-LD in the light DOM, also once the widget has upgraded the card', async () => {
    const { context, page, errors } = await open(env.browser, pageUrl(ID));
    await settled(page, 'incident-card');
    const found = await page.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')]
      .map((s) => ({ inDocument: s.getRootNode() === document, json: JSON.parse(s.textContent) })));
    const [ld] = scriptsIn(readFileSync(join(out, 'cases', ID, 'index.html'), 'utf8'));
    assert.deepEqual(found, [{ inDocument: true, json: ld }]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Lighthouse scores a case page 100 for accessibility, best practices and SEO', async (t) => {
    // Its own Chromium (Lighthouse drives it over CDP), killed whatever happens; the run is
    // bounded by a timer as well as by the test's timeout.
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    });
    let timer;
    try {
      const run = lighthouse(pageUrl(ID), {
        port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('Lighthouse ran over 180 s')), 180_000); });
      const { lhr } = await Promise.race([run, timeout]);
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score]));
      const line = `Lighthouse ${lhr.lighthouseVersion} on ${pageUrl(ID)}: ` + Object.entries(scores).map(([k, s]) => `${k} ${Math.round(s * 100)}`).join(', ');
      t.diagnostic(line);
      console.log(line);
      // No audit is excluded. Over http from 127.0.0.1 `is-on-https` still passes (a loopback
      // address is a secure context), and `is-crawlable` reads only robots directives.
      for (const category of ['accessibility', 'best-practices', 'seo']) {
        const failing = lhr.categories[category].auditRefs
          .map((ref) => lhr.audits[ref.id])
          .filter((a) => a.score !== null && a.score < 1)
          .map((a) => `${a.id} (${a.score})`);
        assert.equal(scores[category], 1, `${category}: ${scores[category]}; audits below 1: ${failing.join(', ')}`);
      }
      assert.equal(typeof scores.performance, 'number', 'performance is measured');
    } finally {
      clearTimeout(timer);
      await chrome.kill();
    }
  }, { timeout: 240_000 });

  for (const [what, path] of [['the case page', ''], ['the embed page', 'embed/']]) {
    test(`axe-core finds no WCAG 2.1 AA violation on ${what}, inside the card's shadow root too`, async () => {
      const { context, page, errors } = await open(env.browser, `${pageUrl(ID)}${path}`);
      await settled(page, 'incident-card');
      assert.deepEqual(await axe(page), []);
      // axe reads open shadow roots: an image without a text alternative put in the card's is
      // found, so the clean run above covered the card.
      await page.evaluate(() => {
        const root = document.querySelector('incident-card').shadowRoot;
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        root.querySelector('.ic-root:not([hidden])').append(img);
      });
      assert.ok((await axe(page)).some((v) => v.startsWith('light: image-alt:')), 'axe saw inside the shadow root');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('link previews: title, description, Open Graph and Twitter card are there and of a sensible length', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const doc of docs) {
      await page.goto(pageUrl(doc.id));
      const m = await page.evaluate(() => {
        const meta = (sel) => document.querySelector(`meta[${sel}]`)?.getAttribute('content') ?? null;
        return {
          title: document.title,
          description: meta('name="description"'),
          ogTitle: meta('property="og:title"'),
          ogDescription: meta('property="og:description"'),
          ogUrl: meta('property="og:url"'),
          twitterCard: meta('name="twitter:card"'),
          canonical: document.querySelector('link[rel="canonical"]')?.href ?? null,
        };
      });
      for (const [k, v] of Object.entries(m)) assert.ok(v && v.trim(), `${doc.id}: ${k} is empty`);
      assert.equal(m.ogTitle, titleOf(doc.id));
      assert.equal(m.ogUrl, pageUrl(doc.id));
      assert.equal(m.canonical, pageUrl(doc.id));
      assert.ok(['summary', 'summary_large_image'].includes(m.twitterCard), m.twitterCard);
      // The title holds the case's id and its own title, a sentence: search results cut it near
      // 60 characters, so only an upper bound against runaway titles. The description is what
      // search results and previews show, about 160 characters at most.
      assert.ok(m.title.includes(doc.id) && m.title.includes(doc.title), m.title);
      assert.ok(m.title.length <= 130, `${doc.id}: title of ${m.title.length} characters`);
      assert.ok(m.description.length >= 50 && m.description.length <= 160, `${doc.id}: description of ${m.description.length} characters`);
      assert.equal(m.ogDescription, m.description);
    }
    await context.close();
  });

  // Regression: the site's pages named one hash of the several a strict policy needs (their own
  // styles, a data: icon), so a host serving them with a policy broke them. `site` prints the
  // policy they work under; a case page and its embed page served with it report no violation,
  // and the card upgrades.
  test('the case pages work under the policy site prints', async () => {
    const dir = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'pages-csp');
    const at = `${env.server.url}/recipes/pages-csp/`;
    const r = spawnSync(cli, ['site', join(repo, 'data'), dir, '--base', at, '--widget', `${env.server.url}/`], { encoding: 'utf8' });
    try {
      assert.equal(r.status, 0, r.stderr);
      const policy = r.stderr.match(/Content-Security-Policy: (.+)$/m)?.[1];
      assert.ok(policy, r.stderr);
      for (const path of [`cases/${ID}/`, `cases/${ID}/embed/`]) {
        const { context, page, errors } = await open(env.browser, 'about:blank');
        await page.route(`${at}${path}`, async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
        });
        await page.goto(`${at}${path}`, { waitUntil: 'load' });
        await settled(page, 'incident-card');
        assert.equal(await page.evaluate(() => document.querySelector('incident-card').dataset.state), 'ready', path);
        assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
        assert.deepEqual(errors, [], path);
        await context.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
