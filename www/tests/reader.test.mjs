// What a reader sees and does with a card, in Chromium: regressions found by a review of the card
// itself (a held error card, long words at 320 px, print of a dark card, a source number whose
// section is folded, focus after the last "Show more", focus moving into a held card, the filter
// bar's levels in the reader's language, Latin names in an Arabic card).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, settled, serverAndBrowser } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(repo, process.env.IC_DIST || 'dist');
const env = serverAndBrowser();
const sample = (id) => JSON.parse(readFileSync(join(repo, 'data', 'incidents', `${id}.json`), 'utf8'));

/** A page of ours under dist/recipes/reader/ with `body` and the widget; its address. */
function page(name, body, head = '') {
  const dir = join(dist, 'recipes', 'reader');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reader</title>
<link rel="icon" href="data:,">${head}</head><body style="margin:0">${body}<script src="/embed.js"></script></body></html>`);
  return `${env.server.url}/recipes/reader/${name}`;
}

/** The element that has the focus, inside shadow roots. */
const focused = (p) => p.evaluate(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const r = el.getBoundingClientRect();
  return { tag: el.localName, cls: el.className, top: r.top, bottom: r.bottom, inner: innerHeight };
});

describe('what a reader sees', () => {
  // Regression: an error card that took its skeleton's place in view stayed held at the
  // skeleton's 1 200 px for good: a blank hole in the page under a short card.
  test('an error card in place of a skeleton gives back the space once out of view', async () => {
    const url = page('error.html', `<p style="height:60px">Above.</p>
<incident-card id="bad" src="/__fault/404/gone.json"></incident-card>
<p id="below">Below.</p><div style="height:4000px"></div>`, '<script>window.IncidentCards = { config: { lazy: false } };</script>');
    const { context, page: p, errors } = await open(env.browser, url, { viewport: { width: 600, height: 800 } });
    await settled(p, '#bad');
    await p.waitForTimeout(300);
    const card = await p.evaluate(() => document.getElementById('bad').shadowRoot.querySelector('.ic-error').getBoundingClientRect().height);
    assert.ok(card < 400, `the error card is short (${card} px)`);
    await p.evaluate(() => window.scrollTo(0, 3000));
    await p.waitForFunction((card) => document.getElementById('bad').getBoundingClientRect().height < card + 60, card, { timeout: 5000 });
    assert.equal(await p.evaluate(() => !!document.getElementById('bad').shadowRoot.querySelector('.ic-held')), false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a failed card's title was a paragraph, so a reader moving through the page by
  // its headings skipped the card the page meant to show.
  test('an error card is titled by a heading at the card\'s level', async () => {
    const url = page('error-heading.html', `<h2>Article</h2>
<incident-card id="bad" src="/__fault/404/gone.json" heading-level="3"></incident-card>`, '<script>window.IncidentCards = { config: { lazy: false } };</script>');
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, '#bad');
    const title = await p.evaluate(() => {
      const h = document.getElementById('bad').shadowRoot.querySelector('.ic-error h3.ic-error-title');
      const card = h?.closest('article');
      return h && { text: h.textContent, labels: card.getAttribute('aria-labelledby') === h.id };
    });
    assert.ok(title, 'an h3 titles the error card');
    assert.match(title.text, /could not be shown/);
    assert.equal(title.labels, true, 'the heading names the card');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a long unbroken failure mode, surface or tag ran out of the card and made the
  // host page scroll sideways at 320 px.
  test('long unbroken words wrap inside a 320 px column; the host page does not scroll sideways', async () => {
    const doc = sample('ICS-0001');
    doc.failure_mode = 'Identity&AccessDriftWithoutAnyBreakInItAtAllAcrossTheWholeLine';
    doc.tags = ['averyveryverylongtagwithoutanybreakinitanywhereatallforthetest', ...doc.tags.slice(1)];
    const url = page('long.html', '<div style="width:320px"><incident-card id="long" src="/recipes/reader/long.json" fit="grow"></incident-card></div>');
    writeFileSync(join(dist, 'recipes', 'reader', 'long.json'), JSON.stringify(doc));
    const { context, page: p, errors } = await open(env.browser, url, { viewport: { width: 360, height: 800 } });
    await settled(p, '#long');
    assert.equal(await p.evaluate(() => document.getElementById('long').getAttribute('data-state')), 'ready');
    const widths = await p.evaluate(() => {
      const card = document.getElementById('long').shadowRoot.querySelector('article.ic-card');
      return { page: document.documentElement.scrollWidth, card: card.scrollWidth, box: card.clientWidth };
    });
    assert.ok(widths.page <= 360, JSON.stringify(widths));
    assert.ok(widths.card <= widths.box, JSON.stringify(widths));
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a dark card printed light text on white (the print colours lost to the theme's).
  test('a dark card prints black on white, its folded sections too', async () => {
    const url = page('print.html', '<incident-card id="dark" src="/data/incidents/ICS-0001.json" theme="dark" fit="grow"></incident-card>');
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, '#dark');
    await p.emulateMedia({ media: 'print' });
    const printed = await p.evaluate(() => {
      const root = document.getElementById('dark').shadowRoot;
      const card = root.querySelector('article.ic-card');
      const lesson = root.querySelector('[part=lessons] li');
      return { bg: getComputedStyle(card).backgroundColor, fg: getComputedStyle(card).color, lesson: !!lesson && lesson.getBoundingClientRect().height > 0 };
    });
    assert.deepEqual(printed, { bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)', lesson: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('what a reader sees in forced colours', () => {
  // Regression: under forced colours (Windows High Contrast) the severity meter's bars, drawn as
  // backgrounds, vanished, and the badge lost its outline.
  test('the severity meter and the badge stay visible', async () => {
    const url = page('forced.html', '<incident-card id="hc" src="/data/incidents/ICS-0001.json" fit="grow"></incident-card>');
    const { context, page: p, errors } = await open(env.browser, url);
    await p.emulateMedia({ forcedColors: 'active' });
    await settled(p, '#hc');
    const seen = await p.evaluate(() => {
      const root = document.getElementById('hc').shadowRoot;
      const bar = getComputedStyle(root.querySelector('.ic-meter i'));
      const badge = getComputedStyle(root.querySelector('.ic-badge'));
      const card = getComputedStyle(root.querySelector('article.ic-card'));
      return { bar: bar.backgroundColor, card: card.backgroundColor, border: badge.borderTopStyle };
    });
    assert.ok(seen.bar !== 'rgba(0, 0, 0, 0)' && seen.bar !== seen.card, JSON.stringify(seen));
    assert.equal(seen.border, 'solid');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('what a reader does', () => {
  // Regression: with the Sources section folded, a claim's source number did nothing.
  test("a source number opens the folded Sources and moves to the source", async () => {
    const url = page('refs.html', '<incident-card id="refs" src="/data/incidents/ICS-0001.json" fit="grow"></incident-card>');
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, '#refs');
    await p.evaluate(() => { document.getElementById('refs').shadowRoot.querySelector('[part=sources] details').open = false; });
    await p.locator('#refs a.ic-ref').first().click();
    const after = await p.evaluate(() => {
      const root = document.getElementById('refs').shadowRoot;
      return { open: root.querySelector('[part=sources] details').open, focus: root.activeElement && root.activeElement.localName };
    });
    assert.deepEqual(after, { open: true, focus: 'li' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: after the last "Show more" its button was removed with the focus on it, and
  // the focus fell back to the top of the page.
  test('after the last "Show more" the focus goes to the first entry it showed', async () => {
    const url = page('more.html', '<incident-list id="few" src="/data/index.json" limit="3" fit="grow"></incident-list>',
      '<script>window.IncidentCards = { config: { lazy: false } };</script>');
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, '#few');
    const listed = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents.filter((e) => e.status !== 'withdrawn').length;
    await p.locator('#few .ic-btn').focus();
    for (let shown = 3; shown < listed; shown += 3) {
      await p.keyboard.press('Enter');
      await p.waitForFunction((n) => document.getElementById('few').shadowRoot.querySelectorAll('.ic-entry').length === n, Math.min(shown + 3, listed));
    }
    await p.waitForTimeout(100);
    // (Its link, where the link policy allows one: not on this http:// test server.)
    const f = await focused(p);
    assert.ok(f.tag === 'a' || f.tag === 'li', JSON.stringify(f));
    const index = await p.evaluate(() => {
      const root = document.getElementById('few').shadowRoot;
      return [...root.querySelectorAll('.ic-list-items > li')].findIndex((li) => li.contains(root.activeElement));
    });
    assert.equal(index, Math.floor((listed - 1) / 3) * 3, 'the first entry of the last screenful');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: Tab into a card held at its fallback's height released it, but left the focused
  // element below the screen.
  test('keyboard focus moving into a held card brings the focused element into view', async () => {
    const { context, page: p, errors } = await open(env.browser, `${env.server.url}/__test/article.html`, { viewport: { width: 800, height: 700 } });
    await settled(p);
    await p.waitForTimeout(300);
    const held = await p.evaluate(() => !!document.querySelector('blockquote.incident-card').shadowRoot.querySelector('.ic-held'));
    assert.ok(held, 'the card is held at its fallback height');
    let f = null;
    for (let i = 0; i < 8; i++) {
      await p.keyboard.press('Tab');
      const inCard = await p.evaluate(() => document.activeElement === document.querySelector('blockquote.incident-card'));
      if (!inCard) continue;
      await p.waitForTimeout(100);
      f = await focused(p);
      if (f.tag !== 'a' || f.top > 0) break;
    }
    assert.ok(f, 'the focus reached the card');
    assert.ok(f.bottom <= f.inner + 1 && f.top >= 0, JSON.stringify(f));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the reader\'s language', () => {
  test('the filter bar names severity levels in the reader\'s language', async () => {
    const url = page('levels.html', '<incident-list id="de" src="/data/index.json" controls lang="de" fit="grow"></incident-list>',
      '<script>window.IncidentCards = { config: { lazy: false } };</script>');
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, '#de');
    const de = JSON.parse(readFileSync(join(repo, 'crates', 'incident-card', 'locales', 'de.json'), 'utf8'));
    const options = await p.evaluate(() => [...document.getElementById('de').shadowRoot.querySelectorAll('select')[3].options].map((o) => o.textContent));
    assert.ok(options.some((o) => o.startsWith(`${de['level.moderate']} (`)), options.join(' | '));
    assert.ok(!options.some((o) => /^moderate /.test(o)), options.join(' | '));
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: in an Arabic card "Acme Inc." read ".Acme Inc": a Latin name with its own
  // punctuation was not isolated from the Arabic words around it.
  test('an organisation\'s Latin name keeps its order in an Arabic card', async () => {
    const doc = sample('ICS-0001');
    doc.organisations[0].name = 'Acme Inc.';
    writeFileSync(join(dist, 'recipes', 'reader', 'acme.json'), JSON.stringify(doc));
    const url = page('ar.html', '<incident-card id="ar" src="/recipes/reader/acme.json" lang="ar" fit="grow"></incident-card>');
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, '#ar');
    const orgs = await p.evaluate(() => document.getElementById('ar').shadowRoot.querySelector('.ic-orgs').textContent);
    assert.ok(orgs.includes('\u2068Acme Inc.\u2069'), JSON.stringify(orgs));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the page\'s configuration', () => {
  // Regression: `origins` given as one string (as `data-origins` takes it) threw inside the
  // loader, and no card was upgraded; a value the module refused (`timeoutMs: '5000'`) was told
  // as "the widget could not be loaded" (load-failed) rather than as the page's options.
  test('one origin as a string is read as a list; a refused value is the page\'s bad-options', async () => {
    const one = page('origins.html', '<incident-card id="one" src="/data/incidents/ICS-0002.json"></incident-card>',
      `<script>window.IncidentCards = { config: { origins: '${env.server.other}' } };</script>`);
    let opened = await open(env.browser, one);
    await settled(opened.page, '#one');
    assert.equal(await opened.page.evaluate(() => document.getElementById('one').getAttribute('data-state')), 'ready');
    assert.deepEqual(opened.errors, []);
    await opened.context.close();

    const bad = page('timeout.html', '<incident-card id="bad" src="/data/incidents/ICS-0002.json"></incident-card>',
      `<script>window.IncidentCards = { config: { timeoutMs: '5000' } };
document.addEventListener('incident-card:error', (e) => { window.__error = e.detail; });</script>`);
    opened = await open(env.browser, bad);
    await settled(opened.page, '#bad');
    const detail = await opened.page.evaluate(() => window.__error);
    assert.equal(detail.code, 'bad-options');
    assert.match(detail.message, /page configuration.*timeoutMs/);
    const lines = opened.consoleLines.filter((l) => l.text.startsWith('incident-cards: '));
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].text, /Fix window\.IncidentCards\.config/);
    assert.deepEqual(opened.errors, []);
    await opened.context.close();
  });
});
