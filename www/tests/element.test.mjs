// <incident-card> behaves like a platform element: it follows changes of its attributes and keeps
// its card when moved, with no blank moment; blockquote snippets added later are found without a
// call to scan() (and let go when removed), unless the page turns that off; theme="auto" follows
// the reader's colour scheme without a reload.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, serverAndBrowser, settled, titleOf } from './harness.mjs';

const env = serverAndBrowser();

/** A one-card page with `<incident-card src>` added (see `addCard`), and how many cards are mounted. */
async function pageWithCard(src) {
  const opened = await open(env.browser, `${env.server.url}/__test/one-card.html`);
  await settled(opened.page);
  await addCard(opened.page, src);
  return { ...opened, count: await mounted(opened.page) };
}

/** Adds `<incident-card src>` to the page and waits until it is ready; watches its shadow root
 *  for any moment without a visible card, and counts its ready events. */
async function addCard(page, src) {
  await page.evaluate((src) => {
    const card = document.createElement('incident-card');
    card.id = 'live';
    card.setAttribute('src', src);
    window.__ready = 0;
    card.addEventListener('incident-card:ready', () => { window.__ready++; });
    document.querySelector('main').prepend(card);
  }, src);
  await page.waitForFunction(() => window.__ready === 1);
  await page.evaluate(() => {
    const root = document.getElementById('live').shadowRoot;
    window.__blank = 0;
    new MutationObserver(() => {
      if (!root.querySelector('.ic-root:not([hidden]) article.ic-card')) window.__blank++;
    }).observe(root, { childList: true, subtree: true, attributes: true });
  });
}

const card = (page) => page.evaluate(() => {
  const root = document.getElementById('live').shadowRoot;
  const art = root.querySelector('.ic-root:not([hidden]) article.ic-card');
  return {
    variant: art.getAttribute('data-variant'),
    theme: art.getAttribute('data-theme'),
    title: art.querySelector('.ic-title').textContent,
    articles: root.querySelectorAll('article.ic-card').length,
    ready: window.__ready,
    blank: window.__blank,
  };
});

const mounted = (page) => page.evaluate(() => window.IncidentCards.stats().then((s) => s.mounted));

describe('<incident-card> attributes', () => {
  test('a changed attribute shows the card it now asks for, in place, with no blank moment', async () => {
    const { context, page, errors, count } = await pageWithCard('/data/incidents/ICS-0002.json');
    assert.deepEqual(await card(page), { variant: 'full', theme: 'auto', title: titleOf('ICS-0002'), articles: 1, ready: 1, blank: 0 });

    // Two attributes changed together: one new card.
    await page.evaluate(() => {
      const el = document.getElementById('live');
      el.setAttribute('variant', 'compact');
      el.setAttribute('theme', 'dark');
    });
    await page.waitForFunction(() => window.__ready === 2);
    await page.waitForTimeout(200);
    assert.deepEqual(await card(page), { variant: 'compact', theme: 'dark', title: titleOf('ICS-0002'), articles: 1, ready: 2, blank: 0 });

    // Another document.
    await page.evaluate(() => document.getElementById('live').setAttribute('src', '/data/incidents/ICS-0003.json'));
    await page.waitForFunction(() => window.__ready === 3);
    const third = await card(page);
    assert.equal(third.title, titleOf('ICS-0003'));
    assert.equal(third.blank, 0);
    assert.equal(await mounted(page), count, 'one mount per card, the replaced ones destroyed');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: the new card renders hidden beside the one on screen, and on a failure it left
  // that card there: the page showed case ICS-0002 while the element asked for a missing
  // document (and said `data-state="error"`), with no error card.
  test('a changed address that fails shows the error card in place of the old card', async () => {
    const { context, page, errors, count } = await pageWithCard('/data/incidents/ICS-0002.json');
    await page.evaluate(() => {
      const el = document.getElementById('live');
      window.__failed = null;
      el.addEventListener('incident-card:error', (e) => { window.__failed = e.detail.code; });
      el.setAttribute('src', '/__fault/404/gone.json');
    });
    await page.waitForFunction(() => window.__failed !== null);
    const shown = await page.evaluate(() => {
      const el = document.getElementById('live');
      const root = el.shadowRoot;
      const visible = root.querySelector('.ic-root:not([hidden])');
      return {
        code: window.__failed,
        state: el.getAttribute('data-state'),
        cards: root.querySelectorAll('article.ic-card:not(.ic-error)').length,
        errorCards: root.querySelectorAll('.ic-root:not([hidden]) article.ic-error').length,
        text: visible ? visible.textContent : '',
        containers: root.querySelectorAll('.ic-root').length,
      };
    });
    assert.equal(shown.code, 'not-found');
    assert.equal(shown.state, 'error');
    assert.equal(shown.cards, 0, 'the card of ICS-0002 is gone');
    assert.equal(shown.errorCards, 1);
    assert.match(shown.text, /no document at this address/, 'the error card is shown');
    assert.equal(shown.containers, 1);
    assert.equal(await mounted(page), count, 'the replaced app destroyed');
    // And back to a document that exists: the card again, in place of the error card.
    await page.evaluate(() => document.getElementById('live').setAttribute('src', '/data/incidents/ICS-0003.json'));
    await page.waitForFunction(() => window.__ready === 2);
    assert.equal((await card(page)).title, titleOf('ICS-0003'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: mount() on an element already mounted returned its handle and ignored the
  // options (README: mount() options come last in the precedence).
  test('mount() again with other options shows the card they ask for, in place', async () => {
    const { context, page, errors, count } = await pageWithCard('/data/incidents/ICS-0002.json');
    const options = await page.evaluate(async () => {
      const handle = await window.IncidentCards.mount(document.getElementById('live'), { variant: 'compact', theme: 'dark' });
      return { variant: handle.options.variant, theme: handle.options.theme };
    });
    assert.deepEqual(options, { variant: 'compact', theme: 'dark' });
    await page.waitForFunction(() => window.__ready === 2);
    await page.waitForTimeout(200);
    assert.deepEqual(await card(page), { variant: 'compact', theme: 'dark', title: titleOf('ICS-0002'), articles: 1, ready: 2, blank: 0 });
    // The same options again (in another order) change nothing; two calls in a row show the last.
    const overtaken = await page.evaluate(async () => {
      const el = document.getElementById('live');
      await window.IncidentCards.mount(el, { theme: 'dark', variant: 'compact' });
      const first = window.IncidentCards.mount(el, { variant: 'full', theme: 'light' });
      await window.IncidentCards.mount(el, { variant: 'full', theme: 'dark' });
      // The overtaken call resolves as the one that won: a handle of the card on screen.
      return (await first).options.theme;
    });
    assert.equal(overtaken, 'dark');
    await page.waitForFunction(() => window.__ready === 3);
    await page.waitForTimeout(300);
    assert.deepEqual(await card(page), { variant: 'full', theme: 'dark', title: titleOf('ICS-0002'), articles: 1, ready: 3, blank: 0 });
    // A call and a change of attributes in one turn: the card shows both.
    const handle = await page.evaluate(async () => {
      const el = document.getElementById('live');
      const call = window.IncidentCards.mount(el, { variant: 'compact' });
      el.setAttribute('theme', 'light');
      const h = await call;
      return { variant: h.options.variant, theme: h.options.theme };
    });
    assert.deepEqual(handle, { variant: 'compact', theme: 'light' });
    await page.waitForFunction(() => window.__ready === 4);
    await page.waitForTimeout(300);
    assert.deepEqual(await card(page), { variant: 'compact', theme: 'light', title: titleOf('ICS-0002'), articles: 1, ready: 4, blank: 0 });
    assert.equal(await mounted(page), count, 'one mount per card, the replaced ones destroyed');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('twenty theme changes leave one mounted card and its memory flat', async () => {
    const { context, page, errors } = await pageWithCard('/data/incidents/ICS-0002.json');
    const before = await page.evaluate(() => window.IncidentCards.stats());
    for (let i = 0; i < 20; i++) {
      await page.evaluate((i) => document.getElementById('live').setAttribute('theme', i % 2 ? 'light' : 'dark'), i);
      await page.waitForFunction((n) => window.__ready === n, i + 2);
    }
    const after = await page.evaluate(() => window.IncidentCards.stats());
    assert.equal(after.mounted, before.mounted);
    assert.ok(after.wasmBytes <= before.wasmBytes + 1024 * 1024, `wasm memory ${before.wasmBytes} -> ${after.wasmBytes}`);
    assert.equal((await card(page)).blank, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('moved in the page, it keeps its card (no new mount, no blank moment)', async () => {
    const { context, page, errors, count } = await pageWithCard('/data/incidents/ICS-0002.json');
    await page.evaluate(() => {
      window.__article = document.getElementById('live').shadowRoot.querySelector('article.ic-card');
      const aside = document.createElement('aside');
      document.body.appendChild(aside);
      aside.appendChild(document.getElementById('live'));
    });
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => {
      const el = document.getElementById('live');
      return {
        parent: el.parentElement.localName,
        same: el.shadowRoot.querySelector('article.ic-card') === window.__article,
        state: el.getAttribute('data-state'),
      };
    });
    assert.deepEqual(r, { parent: 'aside', same: true, state: 'ready' });
    assert.equal((await card(page)).ready, 1, 'no new mount');
    assert.equal((await card(page)).blank, 0);
    assert.equal(await mounted(page), count);
    // Removed for good: let go.
    await page.evaluate(() => document.getElementById('live').remove());
    await page.waitForTimeout(100);
    assert.equal(await mounted(page), count - 1);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('blockquotes added later', () => {
  const add = (page) => page.evaluate(() => {
    const q = document.createElement('blockquote');
    q.className = 'incident-card';
    q.id = 'later';
    q.setAttribute('data-src', '/data/incidents/ICS-0004.json');
    q.innerHTML = '<p>Case ICS-0004</p>';
    document.querySelector('main').prepend(q);
  });

  test('are upgraded without a call to scan(), and let go when removed', async () => {
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/one-card.html`);
    await settled(page);
    const count = await mounted(page);
    await add(page);
    await page.waitForFunction(() => document.getElementById('later').getAttribute('data-state') === 'ready');
    assert.equal(await mounted(page), count + 1);
    // A data-* attribute changed: the card it now asks for.
    await page.evaluate(() => document.getElementById('later').setAttribute('data-variant', 'compact'));
    await page.waitForFunction(() => document.getElementById('later').shadowRoot.querySelector('.ic-root:not([hidden]) article[data-variant=compact]'));
    await page.evaluate(() => document.getElementById('later').remove());
    await page.waitForTimeout(100);
    assert.equal(await mounted(page), count);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('wait for scan() when the page sets observe: false', async () => {
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/one-card.html`, {
      beforeLoad: (p) => p.addInitScript(() => { window.IncidentCards = { config: { observe: false } }; }),
    });
    await settled(page);
    await add(page);
    await page.waitForTimeout(800);
    assert.equal(await page.evaluate(() => document.getElementById('later').getAttribute('data-state')), null);
    await page.evaluate(() => window.IncidentCards.scan(document));
    await page.waitForFunction(() => document.getElementById('later').getAttribute('data-state') === 'ready');
    const count = await mounted(page);
    // Regression: with no observer, a changed or removed blockquote was never looked at again: the
    // old card stayed, and a removed one stayed mounted (its app and memory) for good. scan()
    // does what the observer would.
    await page.evaluate(() => document.getElementById('later').setAttribute('data-variant', 'compact'));
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => !!document.getElementById('later').shadowRoot.querySelector('article[data-variant=compact]')), false,
      'nothing changes before scan()');
    await page.evaluate(() => window.IncidentCards.scan(document));
    await page.waitForFunction(() => document.getElementById('later').shadowRoot.querySelector('.ic-root:not([hidden]) article[data-variant=compact]'));
    assert.equal(await mounted(page), count);
    await page.evaluate(() => { document.getElementById('later').remove(); window.IncidentCards.scan(document); });
    await page.waitForTimeout(100);
    assert.equal(await mounted(page), count - 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: unmounting a blockquote's card emptied its shadow root, and with no slot left
  // the blockquote's own text no longer showed (README: "the blockquote stays as it is").
  test('unmounted by its handle, a blockquote shows its own text again', async () => {
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/one-card.html`);
    await settled(page);
    await add(page);
    await page.waitForFunction(() => document.getElementById('later').getAttribute('data-state') === 'ready');
    const after = await page.evaluate(async () => {
      const q = document.getElementById('later');
      (await window.IncidentCards.mount(q)).unmount();
      const p = q.querySelector('p');
      return {
        state: q.getAttribute('data-state'),
        cards: q.shadowRoot.querySelectorAll('.ic-card').length,
        text: p.checkVisibility() && p.getBoundingClientRect().height > 0,
      };
    });
    assert.deepEqual(after, { state: null, cards: 0, text: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('theme="auto"', () => {
  test('follows the reader\'s colour scheme without a reload', async () => {
    const { context, page } = await pageWithCard('/data/incidents/ICS-0002.json');
    const background = () => page.evaluate(() => getComputedStyle(document.getElementById('live').shadowRoot.querySelector('article.ic-card')).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    assert.notEqual(light, dark);
    assert.equal(dark, 'rgb(23, 25, 29)');
    assert.equal((await card(page)).ready, 1, 'no new mount');
    await context.close();
  });
});
