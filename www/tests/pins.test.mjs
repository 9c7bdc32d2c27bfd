// Revision pins, end to end in headless Chromium against the built dist/: a snippet remembers the
// revision of the case it was made from (`revision="1"` on <incident-card>, `data-revision="1"` on
// a blockquote), and when the live document is newer the card says so above its facts: when it
// changed, every change line of the revisions since (newest first), and a link to the embedded
// revision where the registry keeps it, or that it does not. A snippet of the live revision shows
// no notice; a withdrawn case shows its tombstone with only the link.
//
// The page is the demo dist/pages/corrected.html (a pre-rendered snippet of ICS-0002 revision 1,
// whose src is the live revision 2). Variants of the live document are served in place of
// /data/incidents/ICS-0002.json by Playwright (`route.fulfill`), and other snippets, printed by the
// CLI (`incident-cards snippet`), are served as pages at /pages/pins-*.html on the test server's
// origin, so that their `../embed.js` and `../data/…` resolve as on the demo pages.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, recordShifts, serverAndBrowser, settled, showWhole } from './harness.mjs';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const env = serverAndBrowser();

const DOC = '**/data/incidents/ICS-0002.json';
const CORRECTED = '/pages/corrected.html';
const LIVE = JSON.parse(readFileSync(join(repo, 'data', 'incidents', 'ICS-0002.json'), 'utf8'));
const REGISTER = "Amazon insists AI coding isn't source of outages";
const DISPUTED_CLAIM = 'One of the two AI-linked outages involved Amazon Q Developer under conditions like those of the Kiro case; Amazon says a misconfigured role, not AI, was to blame.';
// Revision 2's change lines, as the sample document gives them (newest revision first; here one).
const LINES = [
  'status: published → disputed',
  `claim now disputed: ${DISPUTED_CLAIM}`,
  'changed: status_reason',
  'changed: citation',
  `source added: ${REGISTER}`,
];
const R1_URL = 'https://registry.example/cases/ICS-0002/r1/';
const KEPT = 'The version this page embedded: revision 1';
const LOST = 'This page embedded revision 1, which the registry does not keep.';
const UPDATED_ON = 'Updated since this page embedded it, on 2 December 2026.';
const REL = 'noopener noreferrer nofollow ugc';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The live document changed by `edit` (a fresh copy each time). */
function docWith(edit) {
  const doc = structuredClone(LIVE);
  edit(doc);
  return doc;
}

/** What `incident-cards snippet` prints for `file` (repo-relative), against the demo pages' base. */
function snippet(file, ...args) {
  assert.ok(existsSync(CLI), `no ${CLI}: build it with \`cargo build -p incident-cards-cli\``);
  return execFileSync(CLI, ['snippet', file, '--base', '../', ...args], {
    cwd: repo, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A host page around a snippet (which ends with its own script tag), with text after the card. */
const hostPage = (markup) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A pinned snippet</title>
<link rel="stylesheet" href="demo.css">
</head>
<body>
<main class="article">
<h1>A pinned snippet</h1>
${markup}
<p>Text after the card.</p>
</main>
</body>
</html>`;

/**
 * For `openPinned`'s `html`: the served page with the attribute `name` of its <incident-card> set
 * to `value` (an error, and so a failed test, when the element has no such attribute).
 */
const withHostAttr = (name, value) => (text) => {
  const at = new RegExp(`(<incident-card [^>]*\\b${name}=)"[^"]*"`);
  if (!at.test(text)) throw new Error(`no ${name} attribute on the page's <incident-card>`);
  return text.replace(at, `$1"${value}"`);
};

/**
 * Opens `path` with the live document served as `doc` (when given), the page at `path` served as
 * `html` (a string, or a function of the served page's text), dialogs recorded and dismissed, and
 * `init` (a function or a list of them) run before the page's scripts. Waits until the cards matching `selector` have settled.
 */
async function openPinned(path, { doc, html, init, selector = 'incident-card, blockquote.incident-card', viewport } = {}) {
  const dialogs = [];
  const routeErrors = [];
  const opened = await open(env.browser, `${env.server.url}${path}`, {
    viewport,
    beforeLoad: async (p) => {
      p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
      if (doc) {
        await p.route(DOC, (route) => route.fulfill({
          status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: JSON.stringify(doc),
        }));
      }
      if (typeof html === 'string') {
        await p.route(`**${path}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
      } else if (typeof html === 'function') {
        await p.route(`**${path}`, async (route) => {
          const response = await route.fetch();
          let body;
          try {
            body = html(await response.text());
          } catch (e) {
            // Told after the page has loaded (a throw here would leave the request hanging).
            routeErrors.push(e);
            body = String(e);
          }
          await route.fulfill({ response, body });
        });
      }
      for (const script of [].concat(init || [])) await p.addInitScript(script);
    },
  });
  if (routeErrors.length) {
    await opened.context.close();
    throw routeErrors[0];
  }
  await settled(opened.page, selector);
  return { ...opened, dialogs };
}

/** Everything the notice inside `host`'s shadow root says and links to; null without a notice. */
const pinOf = (page, host = 'incident-card') =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const pins = root.querySelectorAll('.ic-pin');
    if (pins.length === 0) return null;
    const pin = pins[0];
    const time = pin.querySelector('time');
    const anchors = [...pin.querySelectorAll('a')];
    const a = anchors[0];
    // The link's own words: its text without the visually hidden "(opens in a new tab)".
    const words = a && [...a.childNodes].filter((n) => !(n.nodeType === 1 && n.classList.contains('ic-vh'))).map((n) => n.textContent).join('');
    return {
      count: pins.length,
      tag: pin.localName,
      className: pin.className,
      role: pin.getAttribute('role'),
      children: [...pin.children].map((c) => c.localName),
      updated: pin.querySelector(':scope > p > strong')?.textContent ?? null,
      time: time && { datetime: time.getAttribute('datetime'), text: time.textContent },
      lines: [...pin.querySelectorAll(':scope > ul > li')].map((li) => li.textContent),
      // The first paragraph after its "Updated since …" part: the line about the embedded revision.
      last: [...pin.querySelector(':scope > p').childNodes]
        .filter((n) => !(n.nodeType === 1 && n.localName === 'strong')).map((n) => n.textContent).join('').trim(),
      anchors: anchors.length,
      link: a ? {
        href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'), words,
        hidden: a.querySelector('.ic-vh')?.textContent ?? null,
      } : null,
      elements: [...pin.querySelectorAll('*')].map((e) => e.localName),
    };
  }, host);

/** Asserts the notice that a page pinned to revision 1 gets from the sample revision 2. */
function assertChangedNotice(pin) {
  assert.ok(pin, 'the card shows the notice');
  assert.equal(pin.count, 1, 'one notice');
  assert.deepEqual([pin.tag, pin.className, pin.role], ['div', 'ic-notice ic-pin', 'note']);
  assert.deepEqual(pin.children, ['p', 'ul'], 'when it changed and the embedded revision first, then what changed');
  assert.equal(pin.updated, UPDATED_ON);
  assert.deepEqual(pin.time, { datetime: '2026-12-02', text: '2 December 2026' });
  assert.deepEqual(pin.lines, LINES);
  assert.equal(pin.anchors, 1);
  assert.deepEqual(pin.link, { href: R1_URL, target: '_blank', rel: REL, words: KEPT, hidden: ' (opens in a new tab)' });
}

/** The card's structure inside `host`: its children, and where the notice is against the facts. */
const cardOf = (page, host = 'incident-card') =>
  page.evaluate(([sel, register]) => {
    const root = document.querySelector(sel).shadowRoot;
    const arts = root.querySelectorAll('article.ic-card');
    const art = arts[0];
    const pin = art.querySelector('.ic-pin');
    const facts = art.querySelector('[data-claims]')?.closest('section');
    const disputed = art.querySelector('[data-claims="disputed"]');
    return {
      articles: arts.length,
      status: art.dataset.status,
      theme: art.dataset.theme,
      children: [...art.children].map((c) => `${c.localName}.${c.className}`),
      pinBeforeFacts: !!(pin && facts && (pin.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING)),
      pinParent: pin ? pin.parentElement === art : null,
      claims: art.querySelectorAll('[data-claims]').length,
      disputed: disputed && [...disputed.querySelectorAll('.ic-claim-text')].map((s) => s.textContent),
      register: art.textContent.includes(register),
    };
  }, [host, REGISTER]);

describe('a page pinned to an older revision (corrected.html)', () => {
  test('the live card says it changed since, what changed and where the embedded revision is, before the facts', async () => {
    const { context, page, errors, dialogs } = await openPinned(CORRECTED, { selector: 'incident-card' });
    assert.equal(await page.getAttribute('incident-card', 'revision'), '1', 'the demo snippet pins revision 1');
    assert.equal(await page.getAttribute('incident-card', 'data-state'), 'ready');
    assertChangedNotice(await pinOf(page));
    const card = await cardOf(page);
    assert.equal(card.articles, 1);
    assert.equal(card.status, 'disputed', 'the live revision 2 is shown');
    assert.deepEqual(card.children.slice(0, 2), ['header.ic-header', 'div.ic-notice ic-pin'], 'the notice comes right after the header');
    assert.ok(card.pinParent && card.pinBeforeFacts, 'the notice comes before the facts');
    assert.deepEqual(card.disputed, [DISPUTED_CLAIM], "revision 2's disputed claim is in the disputed group");
    assert.ok(card.register, "revision 2's new source is shown");
    // The card, taller than the snippet by the notice, is held at the snippet's height (steady.js)
    // with a "Show the whole case" button; the notice, at its top, is seen whole above the fade.
    const seen = await page.evaluate(() => {
      const root = document.querySelector('incident-card').shadowRoot;
      const frame = root.querySelector('.ic-held');
      const pin = root.querySelector('.ic-pin').getBoundingClientRect();
      const box = frame ? frame.getBoundingClientRect() : null;
      return { held: !!frame, pinInside: !box || (pin.top >= box.top && pin.bottom <= box.bottom - 72), height: pin.height };
    });
    assert.ok(seen.height > 0 && seen.pinInside, JSON.stringify(seen));
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.__rejections), []);
    assert.deepEqual(dialogs, []);
    await context.close();
  });

  test('the lines of every revision after the pinned one are listed, newest revision first', async () => {
    const LATER = 'source added: A later report';
    const doc = docWith((d) => {
      d.revision = 3;
      d.dates.modified = '2026-12-09';
      d.history.push({ revision: 3, date: '2026-12-09', changes: [LATER] });
    });
    for (const [pinned, lines, last] of [
      ['1', [LATER, ...LINES], KEPT],
      // Revision 2's entry has no url: the page pinned to it is told the registry does not keep it.
      ['2', [LATER], 'This page embedded revision 2, which the registry does not keep.'],
    ]) {
      const { context, page, errors } = await openPinned(CORRECTED, {
        doc,
        selector: 'incident-card',
        html: withHostAttr('revision', pinned),
      });
      assert.equal(await page.getAttribute('incident-card', 'revision'), pinned);
      const pin = await pinOf(page);
      assert.equal(pin.updated, 'Updated since this page embedded it, on 9 December 2026.', `pinned ${pinned}`);
      assert.deepEqual(pin.time, { datetime: '2026-12-09', text: '9 December 2026' });
      assert.deepEqual(pin.lines, lines, `pinned ${pinned}`);
      assert.equal(pin.last.replace(' (opens in a new tab)', ''), last, `pinned ${pinned}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('without JavaScript the page shows revision 1 as embedded, with no notice', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.server.url}${CORRECTED}`, { waitUntil: 'load' });
    const r = await page.evaluate(() => {
      const host = document.querySelector('incident-card');
      const art = host.shadowRoot && host.shadowRoot.querySelector('article.ic-card');
      return art && {
        state: host.getAttribute('data-state'),
        status: art.dataset.status,
        title: art.querySelector('h2').textContent,
        pin: art.querySelectorAll('.ic-pin').length,
        disputed: art.querySelectorAll('[data-claims="disputed"]').length,
        verified: art.querySelectorAll('[data-claims="verified"]').length,
        register: art.textContent.includes("Amazon insists AI coding isn't source of outages"),
      };
    });
    assert.deepEqual(r, {
      state: null, status: 'published', title: LIVE.title, pin: 0, disputed: 0, verified: 1, register: false,
    });
    await context.close();
  });
});

describe('a page pinned to the live revision', () => {
  // The snippet is printed from the live document (revision 2) and served as a page: the live
  // card swaps in for the pre-rendered one with no notice, no layout shift and the same text.
  test('shows no notice, and the live card reads as the snippet did with no layout shift', async () => {
    const markup = snippet('data/incidents/ICS-0002.json', '--theme', 'light');
    assert.match(markup, /^<incident-card src="\.\.\/data\/incidents\/ICS-0002\.json"[^>]* revision="2"/);
    const { context, page, errors } = await openPinned('/pages/pins-live.html', {
      html: hostPage(markup),
      selector: 'incident-card',
      init: [recordShifts, () => {
        // Before the loader runs: mark the pre-rendered nodes and keep what they say.
        document.addEventListener('DOMContentLoaded', () => {
          const root = document.querySelector('incident-card').shadowRoot;
          root.querySelector('.ic-root').__pre = true;
          window.__prePins = root.querySelectorAll('.ic-pin').length;
          window.__preText = root.querySelector('article').textContent;
        });
      }],
    });
    await page.waitForTimeout(300);
    const r = await page.evaluate(() => {
      const root = document.querySelector('incident-card').shadowRoot;
      const roots = root.querySelectorAll('.ic-root');
      return {
        state: document.querySelector('incident-card').getAttribute('data-state'),
        roots: roots.length,
        replaced: roots[0].__pre !== true,
        copy: root.querySelectorAll('.ic-copy button').length,
        // Of the snippet's height exactly: not held, no "Show the whole case" button.
        expand: root.querySelectorAll('.ic-expand').length,
        prePins: window.__prePins,
        pins: root.querySelectorAll('.ic-pin').length,
        sameText: root.querySelector('article').textContent.replace('Copy citation', '') === window.__preText,
        shift: window.__shift,
        shifted: window.__shifted,
      };
    });
    assert.equal(r.state, 'ready');
    assert.equal(r.roots, 1);
    assert.ok(r.replaced, 'the live card took the place of the pre-rendered one');
    assert.equal(r.copy, 1, 'the live card is interactive');
    assert.equal(r.expand, 0, 'the live card is as tall as the snippet');
    assert.equal(r.prePins, 0);
    assert.equal(r.pins, 0, 'no notice for the live revision');
    assert.ok(r.sameText, 'the live card reads as the snippet did, Copy button aside');
    assert.equal(r.shift, 0, `layout shifts: ${r.shifted.join('; ')}`);
    const card = await cardOf(page);
    assert.equal(card.status, 'disputed');
    assert.deepEqual(card.disputed, [DISPUTED_CLAIM]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a pin later than the live revision shows no notice either', async () => {
    const { context, page, errors } = await openPinned(CORRECTED, {
      selector: 'incident-card',
      html: withHostAttr('revision', '3'),
    });
    assert.equal(await page.getAttribute('incident-card', 'revision'), '3');
    assert.equal(await page.getAttribute('incident-card', 'data-state'), 'ready');
    assert.equal(await pinOf(page), null);
    assert.equal((await cardOf(page)).status, 'disputed', 'the live card is shown');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a withdrawn case', () => {
  test('shows the tombstone with its reason and, under it, only the link to the embedded revision', async () => {
    const REASON = 'Merged into ICS-0001: both reports describe the same outage.';
    const doc = docWith((d) => {
      d.status = 'withdrawn';
      d.withdrawn = { date: '2026-12-05', reason: REASON };
      d.revision = 3;
      d.dates.modified = '2026-12-05';
      d.history.push({ revision: 3, date: '2026-12-05', changes: ['status: disputed → withdrawn'] });
    });
    const { context, page, errors } = await openPinned(CORRECTED, { doc, selector: 'incident-card' });
    assert.equal(await page.getAttribute('incident-card', 'data-state'), 'ready');
    const card = await cardOf(page);
    assert.equal(card.status, 'withdrawn');
    assert.deepEqual(card.children, ['header.ic-header', 'div.ic-notice ic-tombstone', 'div.ic-notice ic-pin'],
      'the tombstone, then the notice; nothing else');
    assert.equal(card.claims, 0, 'no facts');
    assert.equal(card.register, false, 'no sources');
    const tomb = await page.evaluate(() => {
      const t = document.querySelector('incident-card').shadowRoot.querySelector('.ic-tombstone');
      return { text: t.textContent, time: t.querySelector('time')?.getAttribute('datetime') };
    });
    assert.match(tomb.text, /^This case has been withdrawn on 5 December 2026\./);
    assert.ok(tomb.text.includes(`Reason: ${REASON}`), tomb.text);
    assert.equal(tomb.time, '2026-12-05');
    const pin = await pinOf(page);
    assert.deepEqual(pin.children, ['p'], 'only the line about the embedded revision');
    assert.equal(pin.updated, null, 'no "Updated since" line');
    assert.deepEqual(pin.lines, [], 'no list of changes');
    assert.doesNotMatch(pin.last, /Updated since|withdrawn/);
    assert.equal(pin.anchors, 1);
    assert.deepEqual(pin.link, { href: R1_URL, target: '_blank', rel: REL, words: KEPT, hidden: ' (opens in a new tab)' });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a pinned revision the registry does not keep', () => {
  test('says so in words, with no link, and still lists what changed', async () => {
    const doc = docWith((d) => { delete d.history[0].url; });
    const { context, page, errors } = await openPinned(CORRECTED, { doc, selector: 'incident-card' });
    const pin = await pinOf(page);
    assert.deepEqual(pin.children, ['p', 'ul']);
    assert.equal(pin.updated, UPDATED_ON);
    assert.deepEqual(pin.lines, LINES);
    assert.equal(pin.anchors, 0, 'no link inside the notice');
    assert.equal(pin.link, null);
    assert.equal(pin.last, LOST);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the date is the history's last, else the modified date, else the filing date, else none", async () => {
    for (const [edit, updated, time, lines] of [
      // The history's date wins over a `modified` that says otherwise.
      [(d) => { d.dates.modified = '2026-12-03'; }, 'Updated since this page embedded it, on 2 December 2026.', { datetime: '2026-12-02', text: '2 December 2026' }, LINES],
      // Without a history there are no lines to show, and no kept revision.
      [(d) => { delete d.history; }, 'Updated since this page embedded it, on 2 December 2026.', { datetime: '2026-12-02', text: '2 December 2026' }, []],
      [(d) => { delete d.history; delete d.dates.modified; }, 'Updated since this page embedded it, on 21 November 2026.', { datetime: '2026-11-21', text: '21 November 2026' }, []],
      [(d) => { delete d.history; delete d.dates.modified; delete d.dates.filed; }, 'Updated since this page embedded it.', null, []],
    ]) {
      const { context, page, errors } = await openPinned(CORRECTED, { doc: docWith(edit), selector: 'incident-card' });
      assert.equal(await page.getAttribute('incident-card', 'data-state'), 'ready');
      const pin = await pinOf(page);
      assert.equal(pin.updated, updated);
      assert.deepEqual(pin.time, time);
      assert.deepEqual(pin.lines, lines);
      if (!lines.length) assert.equal(pin.last, LOST);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});

describe('a blockquote snippet', () => {
  test('pinned with data-revision gets the same notice', async () => {
    const markup = snippet('data/revisions/ICS-0002/1.json', '--mode', 'blockquote');
    assert.match(markup, /^<blockquote class="incident-card" data-src="\.\.\/data\/incidents\/ICS-0002\.json"[^>]* data-revision="1"/);
    const { context, page, errors, dialogs } = await openPinned('/pages/pins-quote.html', {
      html: hostPage(markup), selector: 'blockquote.incident-card',
    });
    assert.equal(await page.getAttribute('blockquote.incident-card', 'data-state'), 'ready');
    assertChangedNotice(await pinOf(page, 'blockquote.incident-card'));
    const card = await cardOf(page, 'blockquote.incident-card');
    assert.equal(card.status, 'disputed');
    assert.ok(card.pinParent && card.pinBeforeFacts, 'the notice comes before the facts');
    assert.deepEqual(card.disputed, [DISPUTED_CLAIM]);
    // Held at the blockquote's height (steady.js), the card still shows the way to the embedded
    // revision whole, above the fade and clear of the "Show the whole case" button. (Regression:
    // that link came last in the notice, under the fade and the button.)
    const seen = await page.evaluate(() => {
      const root = document.querySelector('blockquote.incident-card').shadowRoot;
      const frame = root.querySelector('.ic-held');
      const first = root.querySelector('.ic-pin a').getBoundingClientRect();
      const button = root.querySelector('.ic-expand');
      const box = frame && frame.getBoundingClientRect();
      const b = button && button.getBoundingClientRect();
      return {
        held: !!frame,
        inside: !box || (first.top >= box.top && first.bottom <= box.bottom - 72),
        clear: !b || first.bottom <= b.top,
      };
    });
    assert.deepEqual(seen, { held: true, inside: true, clear: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});

describe('accessibility of the notice', () => {
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const theme of ['light', 'dark']) {
    test(`axe-core finds no WCAG 2.1 AA violation on the changed card, ${theme} theme`, async () => {
      const { context, page } = await openPinned(CORRECTED, {
        selector: 'incident-card',
        // The demo snippet is light; the dark card is the same snippet with theme="dark".
        html: theme === 'light' ? undefined : withHostAttr('theme', theme),
      });
      const card = await cardOf(page);
      assert.equal(card.theme, theme);
      assert.ok(card.children.includes('div.ic-notice ic-pin'), 'the notice is there to be checked');
      // The card is held at the snippet's height (www/loader/steady.js): the frame's fade, a
      // pseudo-element, leaves axe unable to tell the background of the text inside it, so its
      // contrast would go unchecked ("incomplete"). Shown whole, as a reader would, it is checked.
      await showWhole(page, 'incident-card');
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(async (values) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values } });
        const checked = (rule) => (r.passes.find((p) => p.id === rule)?.nodes ?? []).map((n) => n.html);
        return {
          violations: r.violations.map((v) => `${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target?.join(' > ')} ${v.nodes[0]?.failureSummary ?? ''}`),
          // The notice's text was among what the contrast rule checked (and passed).
          pinContrast: ['Updated since this page embedded it', 'The version this page embedded', 'status: published']
            .filter((words) => checked('color-contrast').some((html) => html.includes(words))),
        };
      }, AXE_TAGS);
      assert.deepEqual(result.violations, [], `${theme} theme`);
      assert.deepEqual(result.pinContrast, ['Updated since this page embedded it', 'The version this page embedded', 'status: published'],
        "axe checked the contrast of the notice's heading, link and lines");
      await context.close();
    });
  }
});

describe('a hostile history', () => {
  // Change lines are the registry's words, shown as text: markup in them stays text.
  test('markup in change lines is shown as text, and nothing runs', async () => {
    const HOSTILE = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(2)</script> added',
      '"><a href="javascript:alert(3)">click</a>',
    ];
    const doc = docWith((d) => { d.history[1].changes = HOSTILE; });
    const { context, page, errors, dialogs } = await openPinned(CORRECTED, { doc, selector: 'incident-card' });
    assert.equal(await page.getAttribute('incident-card', 'data-state'), 'ready');
    const pin = await pinOf(page);
    assert.deepEqual(pin.lines, HOSTILE, 'each line shown verbatim, as text');
    assert.deepEqual(pin.elements, ['p', 'strong', 'time', 'a', 'span', 'ul', 'li', 'li', 'li'], 'no element made from the lines');
    assert.deepEqual(pin.link, { href: R1_URL, target: '_blank', rel: REL, words: KEPT, hidden: ' (opens in a new tab)' });
    const r = await page.evaluate(() => {
      const root = document.querySelector('incident-card').shadowRoot;
      return {
        imgs: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
        scripts: root.querySelectorAll('script').length,
        hrefs: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      };
    });
    assert.equal(r.imgs, 0);
    assert.equal(r.scripts, 0);
    const bad = r.hrefs.filter((h) => !h.startsWith('https://') && !h.startsWith('#'));
    assert.deepEqual(bad, [], 'every link in the card is https or within the card');
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // The link policy is checked when the document is validated: a history url that is not https
  // makes the whole document invalid (`history[0].url: scheme "javascript" is not allowed`). The
  // card then fails with code "invalid" and, having a pre-rendered snippet, keeps showing it:
  // revision 1 as embedded, with no notice (nothing of the invalid document is shown).
  test('a javascript: url for the embedded revision makes the document invalid: the snippet stays as embedded', async () => {
    const doc = docWith((d) => { d.history[0].url = 'javascript:alert(1)'; });
    const { context, page, errors, dialogs, consoleLines } = await openPinned(CORRECTED, {
      doc,
      selector: 'incident-card',
      init: () => {
        window.__failures = [];
        document.addEventListener('incident-card:error', (e) => window.__failures.push({ code: e.detail.code, message: e.detail.message }));
      },
    });
    await page.waitForTimeout(200);
    const r = await page.evaluate(() => {
      const host = document.querySelector('incident-card');
      const root = host.shadowRoot;
      const shown = [...root.querySelectorAll('.ic-root')].filter((x) => !x.hidden && getComputedStyle(x).display !== 'none');
      return {
        state: host.getAttribute('data-state'),
        failures: window.__failures,
        shown: shown.length,
        status: shown[0]?.querySelector('article.ic-card')?.dataset.status ?? null,
        pins: root.querySelectorAll('.ic-pin').length,
        register: shown[0]?.textContent.includes("Amazon insists AI coding isn't source of outages") ?? null,
        hrefs: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      };
    });
    assert.equal(r.state, 'error');
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0].code, 'invalid');
    assert.match(r.failures[0].message, /history\[0\]\.url: scheme "javascript" is not allowed/);
    assert.equal(r.shown, 1, 'one card shown');
    assert.equal(r.status, 'published', 'the pre-rendered revision 1 stays');
    assert.equal(r.register, false);
    assert.equal(r.pins, 0, 'no notice from an invalid document');
    assert.deepEqual(r.hrefs.filter((h) => !h.startsWith('https://') && !h.startsWith('#')), [], 'no javascript: (or other non-https) link');
    const warnings = consoleLines.filter((l) => l.text.startsWith('incident-cards:'));
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0].text, /ICS-0002 \(invalid\).*history\[0\]\.url/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
