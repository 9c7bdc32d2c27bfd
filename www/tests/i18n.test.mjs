// A card in the reader's language, end to end in headless Chromium against the built dist/: the
// UI language a card takes (its lang attribute, else the page configuration's, else <html lang>,
// else English), the one catalogue a page downloads for it, the fallback to English when that
// catalogue cannot be loaded, the document's own text marked as its language, accessibility in
// every language and theme, and the Arabic card's mirrored right-to-left layout.
//
// The host pages are written by this file: each is served at /__i18n/<name>.html on the test
// server's origin (Playwright fulfils that address), so the widget, its catalogues and the sample
// documents come from the test server as on any page of the site.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { open, serverAndBrowser, settled, showAllWhole } from './harness.mjs';

const require = createRequire(import.meta.url);
const env = serverAndBrowser();

const LANGS = ['en', 'de', 'es', 'ar'];
const catalogue = (lang) =>
  JSON.parse(readFileSync(new URL(`../../crates/incident-card/locales/${lang}.json`, import.meta.url), 'utf8'));
const CATALOGUES = Object.fromEntries(LANGS.map((l) => [l, catalogue(l)]));
const DOC = '/data/incidents/ICS-0001.json';

// What each language calls the verified facts, and how it writes the case's date (15 December 2025).
const VERIFIED = { en: 'Verified facts', de: 'Belegte Fakten', es: 'Hechos verificados', ar: 'وقائع مؤكدة' };
const DATE = { en: '15 December 2025', de: '15. Dezember 2025', es: '15 de diciembre de 2025', ar: '15 ديسمبر 2025' };

// The elements that show the document's own text (and so carry its lang in a card of another UI
// language); anything else inside the card is the card's own words.
const DOC_TEXT = [
  '.ic-title', '.ic-lede', '.ic-claims ul', '.ic-step-text', '.ic-impact-text', '.ic-lessons',
  'cite.ic-src-title', '.ic-rel-title', '.ic-rel-reason', 'pre.ic-cite-text', '.ic-attr',
  '.ic-chip > span:not(.ic-chip-k)', '.ic-badge-value', 'ul.ic-tags',
].join(', ');

/**
 * A host page: `<html lang>`, an optional page configuration (window.IncidentCards.config, set
 * before the loader runs), and the cards given as markup. Cards mount at once (data-lazy=false),
 * so a page of several full cards needs no scrolling.
 */
function hostPage({ htmlLang = null, config = null, cards }) {
  const lang = htmlLang === null ? '' : ` lang="${htmlLang}"`;
  const conf = config ? `<script>window.IncidentCards = { config: ${JSON.stringify(config)} };</script>\n` : '';
  return `<!doctype html>
<html${lang}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Incident cards in the reader's language</title>
${conf}</head>
<body>
<main>
<h1>Incident cards</h1>
${cards.join('\n')}
</main>
<script async src="/embed.js" data-lazy="false"></script>
</body>
</html>`;
}

const card = (attrs = '') => `<incident-card src="${DOC}"${attrs ? ' ' + attrs : ''}></incident-card>`;

let pages = 0;
/** Opens a host page (see hostPage) and waits until its cards have settled. */
async function openHost(spec, { viewport, beforeLoad, selector = 'incident-card, blockquote.incident-card' } = {}) {
  const name = `page-${++pages}`;
  const body = hostPage(spec);
  const opened = await open(env.browser, `${env.server.url}/__i18n/${name}.html`, {
    viewport,
    beforeLoad: async (p) => {
      await p.route(`**/__i18n/${name}.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
      if (beforeLoad) await beforeLoad(p);
    },
  });
  await settled(opened.page, selector);
  return opened;
}

/** lang, dir and the verified-facts heading of the card of each host matching `selector`. */
const cardsOf = (page, selector = 'incident-card') =>
  page.evaluate((sel) => [...document.querySelectorAll(sel)].map((host) => {
    const art = host.shadowRoot?.querySelector('article.ic-card');
    return art && {
      lang: art.getAttribute('lang'),
      dir: art.getAttribute('dir'),
      verified: art.querySelector('[data-claims=verified] .ic-h2')?.textContent.trim() ?? null,
    };
  }), selector);

/** Opens every fold of the cards (lessons, related incidents …) so the whole card is laid out. */
const openFolds = (page) =>
  page.evaluate(() => {
    for (const host of document.querySelectorAll('incident-card')) {
      for (const d of host.shadowRoot.querySelectorAll('details')) d.open = true;
    }
  });

// --- English words left in another language's card ----------------------------------------

const docStrings = (() => {
  const out = new Set();
  const walk = (v) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(readFileSync(new URL(`../..${DOC}`, import.meta.url), 'utf8')));
  walk(JSON.parse(readFileSync(new URL('../../data/index.json', import.meta.url), 'utf8')));
  return out;
})();

/** Every string of a catalogue, plural forms included, with its key. */
function messages(cat) {
  const out = [];
  for (const [key, v] of Object.entries(cat)) {
    if (typeof v === 'string') out.push([key, v]);
    else for (const [form, s] of Object.entries(v)) out.push([`${key}.${form}`, s]);
  }
  return out;
}

/** A message as a pattern: its placeholders match any text on one line, its words whole words. */
function pattern(message) {
  const literal = message.split(/\{[^}]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  let source = literal.join('[^\\n]+?');
  if (/^\p{L}/u.test(message)) source = `(?<![\\p{L}\\p{N}])${source}`;
  if (/\p{L}$/u.test(message)) source = `${source}(?![\\p{L}\\p{N}])`;
  return new RegExp(source, 'u');
}

/**
 * The English messages to look for in a card in `lang`: each English string (placeholders as
 * wildcards), less those with fewer than three letters of their own, and less those the target
 * catalogue itself can say (the same word in both: "Permalink", ", ", German "Tag"…).
 */
function englishToFind(lang) {
  const own = messages(CATALOGUES[lang]).map(([, s]) => s.replace(/\{[^}]*\}/g, '¤'));
  return messages(CATALOGUES.en)
    .filter(([, s]) => (s.replace(/\{[^}]*\}/g, '').match(/\p{L}/gu) || []).length >= 3)
    .map(([key, s]) => ({ key, text: s, re: pattern(s) }))
    .filter(({ re }) => !own.some((t) => re.test(t)));
}

/**
 * The card's own words as a reader (or a screen reader) meets them: the text of the shadow root
 * outside the elements marked as the document's language (each replaced by ¤), one line per
 * block, plus its aria-label, title and alt texts; hidden elements left out. Document strings
 * that stand in the card's own elements unmarked (organisation and publisher names) are replaced
 * by ¤ too, unless a document string is also an English message.
 */
async function ownWords(page, lang) {
  const { lines, attrs } = await page.evaluate((uiLang) => {
    const root = document.querySelector('incident-card').shadowRoot;
    const lines = [];
    const attrs = [];
    let line = '';
    const brk = () => { if (line.trim()) lines.push(line.replace(/\s+/g, ' ').trim()); line = ''; };
    const walk = (node) => {
      for (const n of node.childNodes) {
        if (n.nodeType === Node.TEXT_NODE) { line += n.data; continue; }
        if (n.nodeType !== Node.ELEMENT_NODE || ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(n.tagName)) continue;
        const l = n.getAttribute('lang');
        if (l !== null && l !== uiLang && n !== root.querySelector('article.ic-card')) { line += ' ¤ '; continue; }
        const display = getComputedStyle(n).display;
        if (display === 'none') continue;
        for (const a of ['aria-label', 'title', 'alt']) if (n.hasAttribute(a)) attrs.push(n.getAttribute(a));
        const inline = display === 'inline' || display === 'contents';
        if (!inline) brk();
        walk(n);
        if (!inline) brk();
      }
    };
    walk(root);
    brk();
    return { lines, attrs };
  }, lang);
  const english = new Set(messages(CATALOGUES.en).map(([, s]) => s.toLowerCase()));
  const strip = [...docStrings].filter((s) => s.length >= 4 && !english.has(s.toLowerCase())).sort((a, b) => b.length - a.length);
  const clean = (s) => strip.reduce((t, d) => t.split(d).join('¤'), s);
  return [...lines, ...attrs].map(clean);
}

describe('a card in the reader\'s language', () => {
  for (const lang of LANGS) {
    test(`<html lang="${lang}">: the card is in ${lang}${lang === 'en' ? '' : ', with no English label left'}, the document's text marked as English`, async () => {
      const { context, page, errors } = await openHost({ htmlLang: lang, cards: [card()] });
      const [c] = await cardsOf(page);
      assert.equal(c.lang, lang, 'article lang');
      assert.equal(c.dir, lang === 'ar' ? 'rtl' : null, 'article dir');
      assert.equal(c.verified, VERIFIED[lang], 'the verified facts heading');
      const marks = await page.evaluate((docText) => {
        const art = document.querySelector('incident-card').shadowRoot.querySelector('article.ic-card');
        const describe = (e) => `${e.localName}.${e.className} "${e.textContent.trim().slice(0, 40)}"`;
        return {
          date: art.querySelector('.ic-date time')?.textContent.trim(),
          docText: [...art.querySelectorAll(docText)].map((e) => ({ what: describe(e), lang: e.getAttribute('lang') })),
          // Elements inside the card marked with another language than the card's.
          marked: [...art.querySelectorAll('[lang]')].filter((e) => e.lang !== art.lang && !e.matches(docText)).map(describe),
        };
      }, DOC_TEXT);
      assert.equal(marks.date, DATE[lang], 'the date of the case');
      assert.ok(marks.docText.length >= 20, `the document's text elements are there (${marks.docText.length})`);
      // The direction follows from lang (the stylesheet's :lang() rules; the Arabic card's
      // computed directions are checked below).
      const expected = lang === 'en' ? null : 'en';
      const wrong = marks.docText.filter((e) => e.lang !== expected);
      assert.deepEqual(wrong, [], `the document's text carries lang=${expected}`);
      assert.deepEqual(marks.marked, [], 'only the document\'s text is marked as another language');
      if (lang !== 'en') {
        const words = await ownWords(page, lang);
        assert.ok(words.some((w) => w.includes(VERIFIED[lang])), 'the collected UI text holds the card\'s labels');
        const left = [];
        for (const { key, text, re } of englishToFind(lang)) {
          for (const w of words) if (re.test(w)) left.push(`${key} "${text}" in "${w.slice(0, 120)}"`);
        }
        assert.deepEqual(left, [], `English UI text left in the ${lang} card`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('which language a card takes', () => {
  test('the card\'s lang attribute beats the page configuration, which beats <html lang>', async () => {
    const { context, page, errors } = await openHost({
      htmlLang: 'es',
      config: { lang: 'de' },
      cards: [
        card('lang="ar"'),
        card(),
        card('lang="fr"'),
        card('lang="de-AT"'),
        card('lang="es"'),
      ],
    });
    const cards = await cardsOf(page);
    assert.deepEqual(cards.map((c) => c.lang), ['ar', 'de', 'en', 'de', 'es']);
    assert.deepEqual(cards.map((c) => c.verified), [VERIFIED.ar, VERIFIED.de, VERIFIED.en, VERIFIED.de, VERIFIED.es]);
    assert.deepEqual(cards.map((c) => c.dir), ['rtl', null, null, null, null]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('without a configuration, <html lang> decides; a card\'s own lang still beats it', async () => {
    const { context, page, errors } = await openHost({
      htmlLang: 'es',
      cards: [card(), card('lang="de"'), card('lang="en"')],
    });
    assert.deepEqual((await cardsOf(page)).map((c) => [c.lang, c.verified]), [['es', VERIFIED.es], ['de', VERIFIED.de], ['en', VERIFIED.en]]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a language without a catalogue is English: <html lang="fr">, and a page with no lang at all', async () => {
    for (const htmlLang of ['fr', null]) {
      const { context, page, errors } = await openHost({ htmlLang, cards: [card()] });
      assert.deepEqual(await cardsOf(page), [{ lang: 'en', dir: null, verified: VERIFIED.en }], `<html lang=${htmlLang}>`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('regional tags take their language: <html lang="de-AT">, and a card lang="ar-EG"', async () => {
    const { context, page, errors } = await openHost({ htmlLang: 'de-AT', cards: [card(), card('lang="ar-EG"')] });
    assert.deepEqual((await cardsOf(page)).map((c) => [c.lang, c.dir]), [['de', null], ['ar', 'rtl']]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a blockquote takes its data-lang, else its lang attribute, before <html lang>', async () => {
    const quote = (attrs) => `<blockquote class="incident-card" data-src="${DOC}" ${attrs}><p><a href="${DOC}">Case ICS-0001</a></p></blockquote>`;
    const { context, page, errors } = await openHost({
      htmlLang: 'es',
      cards: [quote('data-lang="de"'), quote('lang="ar"'), quote('data-lang="de" lang="ar"'), quote('')],
    }, { selector: 'blockquote.incident-card' });
    const cards = await cardsOf(page, 'blockquote.incident-card');
    assert.deepEqual(cards.map((c) => c.lang), ['de', 'ar', 'de', 'es']);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the catalogues a page downloads', () => {
  const catalogueRequests = async () => (await env.server.log()).map((r) => r.path).filter((p) => p.includes('/locales/'));
  // The page's requests, once the cards have settled and a moment has passed for late ones.
  const requestsOf = async (spec) => {
    await env.server.reset();
    const { context, page, errors } = await openHost(spec);
    await page.waitForTimeout(300);
    const cards = await cardsOf(page);
    const requests = await catalogueRequests();
    assert.deepEqual(errors, []);
    await context.close();
    return { cards, requests };
  };

  test('a German page downloads the German catalogue only, once', async () => {
    const { cards, requests } = await requestsOf({ htmlLang: 'de', cards: [card(), card()] });
    assert.deepEqual(cards.map((c) => c.lang), ['de', 'de']);
    assert.equal(requests.length, 1, `requests: ${requests.join(', ')}`);
    assert.match(requests[0], /^\/locales\/de\.[0-9a-f]+\.json$/);
  });

  test('an English page downloads no catalogue', async () => {
    const { cards, requests } = await requestsOf({ htmlLang: 'en', cards: [card()] });
    assert.deepEqual(cards.map((c) => c.lang), ['en']);
    assert.deepEqual(requests, []);
  });

  test('a page with a German card and an Arabic card downloads exactly those two catalogues', async () => {
    const { cards, requests } = await requestsOf({ htmlLang: 'en', cards: [card('lang="de"'), card('lang="ar"')] });
    assert.deepEqual(cards.map((c) => c.lang), ['de', 'ar']);
    assert.equal(requests.length, 2, `requests: ${requests.join(', ')}`);
    assert.deepEqual(requests.map((p) => p.match(/^\/locales\/([a-z]+)\.[0-9a-f]+\.json$/)?.[1]).sort(), ['ar', 'de']);
  });
});

describe('a catalogue that cannot be loaded', () => {
  for (const [lang, how, fault] of [
    ['de', 'aborted', (route) => route.abort()],
    ['ar', 'answered 404', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })],
  ]) {
    test(`(${lang}, ${how}): the card shows in English, declared as English, with one warning and no error`, async () => {
      let blocked = 0;
      const { context, page, errors, consoleLines } = await openHost({ htmlLang: lang, cards: [card()] }, {
        beforeLoad: (p) => p.route('**/locales/**', (route) => { blocked++; return fault(route); }),
      });
      await page.waitForTimeout(200);
      assert.equal(blocked, 1, 'the catalogue was asked for once');
      assert.equal(await page.evaluate(() => document.querySelector('incident-card').getAttribute('data-state')), 'ready');
      const [c] = await cardsOf(page);
      assert.deepEqual(c, { lang: 'en', dir: null, verified: VERIFIED.en });
      const date = await page.evaluate(() => document.querySelector('incident-card').shadowRoot.querySelector('.ic-date time')?.textContent.trim());
      assert.equal(date, DATE.en);
      assert.deepEqual(errors, [], 'no uncaught error');
      assert.deepEqual(await page.evaluate(() => window.__rejections), [], 'no unhandled rejection');
      const warnings = consoleLines.filter((l) => l.type === 'warning' && l.text.startsWith('incident-cards:'));
      assert.equal(warnings.length, 1, `one warning: ${warnings.map((w) => w.text).join(' | ')}`);
      assert.match(warnings[0].text, new RegExp(`messages in ${lang} could not be loaded`));
      await context.close();
    });
  }
});

describe('accessibility in every language', () => {
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const lang of LANGS) {
    test(`axe-core finds no WCAG 2.1 AA violation in a full card in ${lang}, light and dark`, async () => {
      for (const theme of ['light', 'dark']) {
        const { context, page } = await openHost({ htmlLang: lang, cards: [card(`theme="${theme}"`)] });
        assert.equal(await page.evaluate(() => document.querySelector('incident-card').shadowRoot.querySelector('article').dataset.theme), theme);
        await openFolds(page);
        await showAllWhole(page);
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          const said = (v) => `${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target?.join(' > ')} ${v.nodes[0]?.failureSummary ?? ''}`;
          // Regression: the citation's `pre` carried an aria-label, which ARIA forbids on a
          // generic element; axe reports that as needing review, not as a violation.
          const aria = r.incomplete.filter((v) => /^aria-(prohibited|allowed)-attr$/.test(v.id));
          return { passes: r.passes.length, violations: r.violations.map(said), aria: aria.map(said) };
        });
        assert.ok(result.passes > 0, 'axe ran');
        assert.deepEqual(result.violations, [], `${lang}, ${theme} theme`);
        assert.deepEqual(result.aria, [], `${lang}, ${theme} theme: ARIA attributes to review`);
        await context.close();
      }
    });
  }
});

describe('the Arabic card, right to left', () => {
  /** The card's layout at one width: its box, its blocks and headings, step markers, meter, overflow. */
  const layout = (page) =>
    page.evaluate(() => {
      const art = document.querySelector('incident-card').shadowRoot.querySelector('article.ic-card');
      const box = art.getBoundingClientRect();
      const name = (e) => `${e.localName}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`;
      const inset = (e) => {
        const r = e.getBoundingClientRect();
        return { what: name(e), left: r.left - box.left, right: box.right - r.right, width: r.width };
      };
      // Everything rendered inside the card, elements and text, must lie within its box.
      const out = [];
      const check = (what, r) => {
        if (r.width === 0 && r.height === 0) return;
        if (r.left < box.left - 1 || r.right > box.right + 1) {
          out.push(`${what}: ${Math.round(r.left)}..${Math.round(r.right)} outside ${Math.round(box.left)}..${Math.round(box.right)}`);
        }
      };
      for (const e of art.querySelectorAll('*')) {
        if (e.closest('.ic-vh') || e.getClientRects().length === 0) continue;
        check(name(e), e.getBoundingClientRect());
      }
      const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.data.trim() || t.parentElement.closest('.ic-vh')) continue;
        range.selectNodeContents(t);
        for (const r of range.getClientRects()) check(`text "${t.data.trim().slice(0, 30)}" in ${name(t.parentElement)}`, r);
      }
      const steps = [...art.querySelectorAll('.ic-step')].map((s) => {
        const cs = getComputedStyle(s);
        const before = getComputedStyle(s, '::before');
        const r = s.getBoundingClientRect();
        return {
          left: parseFloat(before.left), right: parseFloat(before.right), width: r.width,
          padLeft: parseFloat(cs.paddingLeft), padRight: parseFloat(cs.paddingRight),
        };
      });
      const bars = [...art.querySelectorAll('.ic-meter i')].map((i) => i.getBoundingClientRect().left);
      return {
        width: box.width,
        blocks: [...art.children].filter((e) => !e.matches('.ic-vh')).map(inset),
        headings: [...art.querySelectorAll('.ic-sec .ic-h, .ic-title, .ic-kicker > *')].map(inset),
        steps,
        bars,
        overflow: out,
        scroll: { card: art.scrollWidth - art.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth },
      };
    });

  for (const width of [720, 360]) {
    test(`at ${width} px: nothing overflows the card, and the layout mirrors the English card`, async () => {
      const viewport = { width, height: 900 };
      const at = {};
      for (const lang of ['en', 'ar']) {
        const { context, page, errors } = await openHost({ htmlLang: lang, cards: [card()] }, { viewport });
        await openFolds(page);
        at[lang] = await layout(page);
        assert.deepEqual(errors, []);
        await context.close();
      }
      const { en, ar } = at;
      for (const lang of ['en', 'ar']) {
        assert.deepEqual(at[lang].overflow, [], `${lang}: everything within the card`);
        assert.deepEqual(at[lang].scroll, { card: 0, page: 0 }, `${lang}: no horizontal scrolling`);
      }
      assert.ok(Math.abs(en.width - ar.width) <= 1, `the same width (${en.width}, ${ar.width})`);

      // Each block of the card (header, facets, summary, sections, footer), and each heading,
      // stands as far from the Arabic card's right edge as from the English card's left edge.
      assert.deepEqual(ar.blocks.map((b) => b.what), en.blocks.map((b) => b.what));
      assert.ok(ar.blocks.length >= 8, `the card's blocks (${ar.blocks.length})`);
      const mirrored = (a, e) => Math.abs(a.right - e.left) <= 2;
      const unmirrored = ar.blocks.filter((b, i) => !mirrored(b, en.blocks[i]))
        .map((b, i) => `${b.what}: ${b.right.toFixed(1)} px from the right in Arabic, ${en.blocks[i].left.toFixed(1)} from the left in English`);
      assert.deepEqual(unmirrored, []);
      assert.equal(ar.headings.length, en.headings.length);
      const headings = ar.headings.map((h, i) => [h, en.headings[i]]).filter(([a, e]) => !mirrored(a, e))
        .map(([a, e]) => `${a.what}: ${a.right.toFixed(1)} px from the right in Arabic, ${e.left.toFixed(1)} from the left in English`);
      assert.deepEqual(headings, [], 'headings start on the right');

      // The cause chain's dots and line are on the right in Arabic, on the left in English.
      assert.ok(ar.steps.length >= 3);
      for (const [i, s] of ar.steps.entries()) {
        assert.ok(s.right <= 1 && s.left > s.width / 2, `Arabic step ${i + 1}: its marker on the right (left ${s.left}, right ${s.right})`);
        assert.ok(s.padRight >= 15 && s.padLeft === 0, `Arabic step ${i + 1}: its room for the marker on the right (${s.padLeft} / ${s.padRight})`);
      }
      for (const [i, s] of en.steps.entries()) {
        assert.ok(s.left <= 1 && s.right > s.width / 2, `English step ${i + 1}: its marker on the left (left ${s.left}, right ${s.right})`);
        assert.ok(s.padLeft >= 15 && s.padRight === 0, `English step ${i + 1}: its room for the marker on the left`);
      }

      // The severity meter fills from the right in Arabic: its first bar right of its last.
      assert.equal(ar.bars.length, 5);
      assert.ok(ar.bars[0] > ar.bars[4], `Arabic meter: first bar at ${ar.bars[0]}, last at ${ar.bars[4]}`);
      assert.ok(en.bars[0] < en.bars[4], `English meter: first bar at ${en.bars[0]}, last at ${en.bars[4]}`);
    });
  }

  test('English content inside the Arabic card runs left to right', async () => {
    const { context, page, errors } = await openHost({ htmlLang: 'ar', cards: [card()] });
    const r = await page.evaluate((docText) => {
      const art = document.querySelector('incident-card').shadowRoot.querySelector('article.ic-card');
      const title = art.querySelector('.ic-title');
      return {
        article: getComputedStyle(art).direction,
        title: { lang: title.getAttribute('lang'), direction: getComputedStyle(title).direction },
        rtlDocText: [...art.querySelectorAll(docText)].filter((e) => getComputedStyle(e).direction !== 'ltr').map((e) => e.className),
        heading: getComputedStyle(art.querySelector('.ic-sec .ic-h')).direction,
      };
    }, DOC_TEXT);
    assert.equal(r.article, 'rtl');
    assert.deepEqual(r.title, { lang: 'en', direction: 'ltr' });
    assert.deepEqual(r.rtlDocText, [], 'every element of the document\'s text runs left to right');
    assert.equal(r.heading, 'rtl', 'the card\'s own headings run right to left');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a source's publisher (Latin) and its date shared one run of text in .ic-src-meta,
  // so the bidi algorithm gave the day's digits to the publisher's left-to-right run: "APM
  // registry · 21 فبراير 2026" showed as "2026 فبراير APM registry · 21". Each part is now a <bdi>.
  test('each source\'s date reads as one: the day stands just right of its month', async () => {
    const { context, page } = await openHost({ htmlLang: 'ar', cards: [card()] });
    const months = Array.from({ length: 12 }, (_, i) => CATALOGUES.ar[`month.${String(i + 1).padStart(2, '0')}`]);
    const dates = await page.evaluate((months) => {
      const art = document.querySelector('incident-card').shadowRoot.querySelector('article.ic-card');
      const out = [];
      for (const el of art.querySelectorAll('.ic-src-meta')) {
        // The element's text, and where each character is (its text node and offset).
        const at = [];
        let text = '';
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.data.length; i++) at.push([n, i]);
          text += n.data;
        }
        const m = text.match(new RegExp(`(\\d{1,2}) (${months.join('|')}) \\d{4}`));
        if (!m) continue;
        const rect = (from, length) => {
          const range = document.createRange();
          range.setStart(...at[from]);
          range.setEnd(at[from + length - 1][0], at[from + length - 1][1] + 1);
          return range.getBoundingClientRect();
        };
        const day = rect(m.index, m[1].length);
        const month = rect(m.index + m[1].length + 1, m[2].length);
        out.push({ text, gap: Math.round(day.left - month.right), line: Math.abs(day.top - month.top) < 4 });
      }
      return out;
    }, months);
    assert.ok(dates.length >= 2, 'sources with a date');
    const torn = dates.filter((d) => !(d.line && d.gap >= -2 && d.gap <= 12)).map((d) => `"${d.text}": the day ${d.gap} px from its month`);
    assert.deepEqual(torn, []);
    await context.close();
  });
});

describe('a document that carries translations (ICS-0003: German and Arabic in full, Spanish title and summary)', () => {
  const TRANSLATED = '/data/incidents/ICS-0003.json';
  const doc = JSON.parse(readFileSync(new URL(`../..${TRANSLATED}`, import.meta.url), 'utf8'));
  const tr = Object.fromEntries(doc.translations.map((t) => [t.lang, t]));
  const fill = (msg, parts) => msg.replace('{parts}', parts);
  const note = (lang, keys) => fill(CATALOGUES[lang]['header.translated'], keys.map((k) => CATALOGUES[lang][`part.${k}`]).join(CATALOGUES[lang]['list.sep']));
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  /** What each card shows: its title, summary, first claim and lesson, with their lang, and its note. */
  const shown = (page) =>
    page.evaluate(() => [...document.querySelectorAll('incident-card')].map((host) => {
      const art = host.shadowRoot.querySelector('article.ic-card');
      const part = (sel) => {
        const e = art.querySelector(sel);
        return e && { text: e.textContent.trim(), lang: e.closest('[lang]') === art ? null : e.closest('[lang]').getAttribute('lang') };
      };
      return {
        lang: art.getAttribute('lang'),
        title: part('.ic-title'),
        summary: part('.ic-lede'),
        claim: part('.ic-claim-text'),
        lesson: part('.ic-lessons li'),
        step: part('.ic-step-text'),
        note: art.querySelector('.ic-langs')?.textContent.trim() ?? null,
      };
    }));

  test('each card shows the reader\'s language where the document has it, the original elsewhere, and says which is which', async () => {
    const { context, page, errors } = await openHost({
      htmlLang: 'en',
      cards: ['de', 'es', 'ar', 'en', 'fr'].map((l) => `<incident-card src="${TRANSLATED}" lang="${l}"></incident-card>`),
    });
    await openFolds(page);
    const [de, es, ar, en, fr] = await shown(page);
    const own = (text) => ({ text, lang: null });
    const english = (text) => ({ text, lang: 'en' });
    // German and Arabic: all four parts translated, none marked; the cause chain stays English.
    for (const [card, lang] of [[de, 'de'], [ar, 'ar']]) {
      assert.equal(card.lang, lang);
      assert.deepEqual(card.title, own(tr[lang].title), `${lang} title`);
      assert.deepEqual(card.summary, own(tr[lang].summary), `${lang} summary`);
      assert.deepEqual(card.claim, own(tr[lang].claims[0]), `${lang} claim`);
      assert.deepEqual(card.lesson, own(tr[lang].lessons[0]), `${lang} lesson`);
      assert.deepEqual(card.step, english(doc.cause_chain[0].text), `${lang}: the cause chain is the original`);
      assert.equal(card.note, note(lang, ['title', 'summary', 'claims', 'lessons']));
    }
    // Spanish: title and summary translated; claims and lessons shown in English, marked so.
    assert.deepEqual(es.title, own(tr.es.title));
    assert.deepEqual(es.summary, own(tr.es.summary));
    assert.deepEqual(es.claim, english(doc.claims[0].text));
    assert.deepEqual(es.lesson, english(doc.lessons[0]));
    assert.equal(es.note, note('es', ['title', 'summary']));
    // English (the document's own) and French (no translation, no catalogue): the original, no note.
    for (const card of [en, fr]) {
      assert.equal(card.lang, 'en');
      assert.deepEqual(card.title, own(doc.title));
      assert.equal(card.note, null);
    }
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () =>
      (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
        .violations.map((v) => `${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target?.join(' > ')}`));
    assert.deepEqual(violations, [], 'axe-core: no WCAG 2.1 AA violation in the translated cards');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a reader whose language has no catalogue still gets the document\'s translation into it: English labels, the French title marked fr', async () => {
    const withFrench = JSON.stringify({ ...doc, translations: [...doc.translations, { lang: 'fr', title: 'McDonald\'s met fin au test avec IBM' }] });
    const { context, page, errors } = await openHost({
      htmlLang: 'fr-CA',
      cards: ['<incident-card src="/data/incidents/ICS-0003-fr.json"></incident-card>'],
    }, {
      beforeLoad: (p) => p.route(/ICS-0003-fr\.json/, (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: withFrench })),
    });
    const [fr] = await shown(page);
    assert.equal(fr.lang, 'en', 'no French catalogue: English labels');
    assert.deepEqual(fr.title, { text: 'McDonald\'s met fin au test avec IBM', lang: 'fr' });
    assert.deepEqual(fr.summary, { text: doc.summary, lang: null }, 'the English summary in the English card');
    assert.equal(fr.note, fill(CATALOGUES.en['header.translated'], CATALOGUES.en['part.title']));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a translated Arabic title runs right to left; the English parts inside the card left to right', async () => {
    const { context, page } = await openHost({ htmlLang: 'ar', cards: [`<incident-card src="${TRANSLATED}"></incident-card>`] });
    const dirs = await page.evaluate(() => {
      const art = document.querySelector('incident-card').shadowRoot.querySelector('article.ic-card');
      const dir = (sel) => getComputedStyle(art.querySelector(sel)).direction;
      return { title: dir('.ic-title'), claim: dir('.ic-claim-text'), step: dir('.ic-step-text') };
    });
    assert.deepEqual(dirs, { title: 'rtl', claim: 'rtl', step: 'ltr' });
    await context.close();
  });
});
