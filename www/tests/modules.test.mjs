// The two builds of the module (without lists, and with them) and the one instance a page runs:
// which module a page downloads, and what happens when a list arrives on a page of cards.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeClipboard, open, serverAndBrowser, settled, showWhole, titleOf } from './harness.mjs';

const env = serverAndBrowser();
const modulesIn = (log) => log.filter((r) => r.path.endsWith('.wasm')).map((r) => r.path.replace(/\.[0-9a-f]{10}\.wasm$/, ''));

describe('which module a page downloads', () => {
  test('a page of cards downloads the module without lists; a page with a list, only the one with lists', async () => {
    await env.server.reset();
    let { context, page, errors } = await open(env.browser, `${env.server.url}/__test/one-card.html`);
    await settled(page);
    assert.deepEqual(modulesIn(await env.server.log()), ['/pkg/cards']);
    assert.deepEqual(errors, []);
    await context.close();

    await env.server.reset();
    ({ context, page, errors } = await open(env.browser, `${env.server.url}/pages/docs.html`));
    await settled(page, 'incident-list');
    assert.ok(await page.evaluate(() => document.querySelector('incident-list').shadowRoot.querySelectorAll('li').length) > 0);
    assert.deepEqual(modulesIn(await env.server.log()), ['/pkg/cards-lists']);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('a list arriving on a page of cards', () => {
  test('the page changes to the module with lists, moves its card there without a blank moment, and the card stays live', async () => {
    await env.server.reset();
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/one-card.html`, { beforeLoad: fakeClipboard });
    await settled(page);
    const card = 'blockquote.incident-card';
    // From now on, note every moment the card's shadow root shows no card, and every event.
    await page.evaluate((sel) => {
      const host = document.querySelector(sel);
      const root = host.shadowRoot;
      window.__blank = 0;
      window.__events = [];
      window.__first = root.querySelector('article.ic-card');
      new MutationObserver(() => {
        if (!root.querySelector('.ic-root:not([hidden]) article.ic-card')) window.__blank++;
      }).observe(root, { childList: true, subtree: true, attributes: true });
      for (const name of ['incident-card:ready', 'incident-card:error']) {
        host.addEventListener(name, (e) => window.__events.push(`${name.slice(14)} ${e.detail.id}`));
      }
      const list = document.createElement('incident-list');
      list.setAttribute('src', '/data/index.json');
      list.setAttribute('limit', '3');
      document.querySelector('main').appendChild(list);
      list.scrollIntoView(); // lists mount lazily too
    }, card);
    await page.waitForFunction(() => document.querySelector('incident-list').getAttribute('data-state') === 'ready');
    await page.waitForFunction(() => window.__events.length > 0);
    const after = await page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot;
      return {
        blank: window.__blank,
        events: window.__events,
        replaced: root.querySelector('article.ic-card') !== window.__first,
        cards: root.querySelectorAll('article.ic-card').length,
        title: root.querySelector('article h1, article h2, article h3')?.textContent.trim(),
        state: document.querySelector(sel).getAttribute('data-state'),
        listItems: document.querySelector('incident-list').shadowRoot.querySelectorAll('li').length,
      };
    }, card);
    assert.equal(after.blank, 0, 'the card was on screen throughout');
    assert.ok(after.replaced, 'the card is now the new instance’s');
    assert.equal(after.cards, 1);
    assert.equal(after.title, titleOf('ICS-0001'));
    assert.equal(after.state, 'ready');
    assert.deepEqual(after.events, ['ready ICS-0001']);
    assert.equal(after.listItems, 3);
    // Both modules were downloaded, once each, in that order; the document is asked for again
    // (the first instance's copy went with it) and the index once.
    const log = await env.server.log();
    assert.deepEqual(modulesIn(log), ['/pkg/cards', '/pkg/cards-lists']);
    assert.equal(log.filter((r) => r.path === '/data/index.json').length, 1);
    // Every card is on the new instance, and its click handler works there.
    assert.equal((await page.evaluate(() => window.IncidentCards.stats())).mounted, 2);
    await showWhole(page, card);
    await page.click(`${card} .ic-copy .ic-btn`);
    await page.waitForFunction(() => window.__copied !== null);
    assert.match(await page.evaluate(() => window.__copied), /ICS-0001/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a card still loading when the list arrives is finished by the new instance only', async () => {
    await env.server.reset();
    const { context, page, errors } = await open(env.browser, `${env.server.url}/pages/blog.html`);
    await settled(page);
    const events = await page.evaluate(async () => {
      const seen = [];
      const q = document.createElement('incident-card');
      q.setAttribute('src', '/__fault/slow/ICS-0004.json');
      for (const name of ['incident-card:ready', 'incident-card:error']) {
        q.addEventListener(name, (e) => seen.push(`${name.slice(14)} ${e.detail.id}`));
      }
      document.querySelector('main').appendChild(q);
      await window.IncidentCards.mount(q);
      const list = document.createElement('incident-list');
      list.setAttribute('src', '../data/index.json');
      document.querySelector('main').appendChild(list);
      list.scrollIntoView();
      await new Promise((resolve) => {
        const check = () => (q.getAttribute('data-state') === 'ready' && list.getAttribute('data-state') === 'ready' ? resolve() : setTimeout(check, 50));
        check();
      });
      await new Promise((r) => setTimeout(r, 1500));
      return seen;
    });
    assert.deepEqual(events, ['ready ICS-0001'], 'one ready event, from the instance that kept the card');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the module with lists cannot be loaded', () => {
  test('on a page of cards, the list shows its error fallback and the cards keep working', async () => {
    await env.server.reset();
    const { context, page, errors, consoleLines } = await open(env.browser, `${env.server.url}/__test/one-card.html`, {
      beforeLoad: (p) => p.route(/cards-lists\.[0-9a-f]+\.wasm$/, (route) => route.abort()),
    });
    await settled(page);
    const outcome = await page.evaluate(async () => {
      const list = document.createElement('incident-list');
      list.setAttribute('src', '/data/index.json');
      const event = new Promise((resolve) => list.addEventListener('incident-card:error', (e) => resolve(e.detail.code), { once: true }));
      document.querySelector('main').appendChild(list);
      list.scrollIntoView();
      const code = await event;
      // A card mounted afterwards still gets the instance the page has.
      const late = document.createElement('incident-card');
      late.setAttribute('case', 'ICS-0002');
      document.querySelector('main').appendChild(late);
      await window.IncidentCards.mount(late);
      await new Promise((resolve) => {
        const check = () => (late.getAttribute('data-state') === 'ready' ? resolve() : setTimeout(check, 50));
        check();
      });
      return {
        code,
        listState: list.getAttribute('data-state'),
        listText: list.shadowRoot.textContent,
        cardState: document.querySelector('blockquote.incident-card').getAttribute('data-state'),
        cardArticles: document.querySelector('blockquote.incident-card').shadowRoot.querySelectorAll('article.ic-card').length,
        failed: !!window.IncidentCards.failed,
        mounted: (await window.IncidentCards.stats()).mounted,
      };
    });
    assert.equal(outcome.code, 'load-network', 'the kind of failure: the request was aborted');
    assert.equal(outcome.listState, 'error');
    assert.match(outcome.listText, /These incidents could not be listed/);
    assert.equal(outcome.cardState, 'ready');
    assert.equal(outcome.cardArticles, 1);
    assert.equal(outcome.failed, false, 'the page-wide failure flag stays down');
    assert.equal(outcome.mounted, 2, 'both cards on the instance the page had');
    assert.ok(consoleLines.some((l) => /could not load the widget for lists: the widget's module could not be downloaded/.test(l.text)), JSON.stringify(consoleLines));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
