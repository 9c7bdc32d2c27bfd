// A card that upgrades a blockquote on screen keeps the page still (www/loader/steady.js): the
// live card is held at the blockquote's height, clipped, with a "Show the whole case" button,
// until the reader asks for the rest. No layout shift without the reader's input; off screen,
// or with fit="grow", the card takes its full height at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, settled, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

/** Records layout shifts with and without recent input, and the first paragraph's moves. */
function watchShifts(page) {
  return page.addInitScript(() => {
    window.__shift = { quiet: 0, input: 0, moves: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) window.__shift.input += e.value;
        else {
          window.__shift.quiet += e.value;
          for (const s of e.sources || []) {
            window.__shift.moves.push(`${s.node ? s.node.nodeName : '(shadow)'} ${Math.round(s.previousRect.y)} -> ${Math.round(s.currentRect.y)}`);
          }
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function state(page, selector = 'blockquote.incident-card') {
  return page.evaluate((selector) => {
    const host = document.querySelector(selector);
    const root = host.shadowRoot;
    const held = root.querySelector('.ic-held');
    const button = root.querySelector('button.ic-expand');
    return {
      state: host.getAttribute('data-state'),
      hostHeight: host.getBoundingClientRect().height,
      held: !!held,
      heldHeight: held ? held.getBoundingClientRect().height : null,
      cardHeight: root.querySelector('article.ic-card').getBoundingClientRect().height,
      button: button ? { text: button.textContent, visible: button.checkVisibility() } : null,
      below: document.getElementById('below').getBoundingClientRect().top,
      shift: window.__shift,
    };
  }, selector);
}

for (const viewport of [{ width: 1200, height: 900 }, { width: 390, height: 844 }]) {
  describe(`a blockquote upgraded on screen (${viewport.width}×${viewport.height})`, () => {
    test('the card takes the blockquote\'s height: no layout shift, and a button shows the rest', async () => {
      let before = null;
      const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/article.html`, {
        viewport,
        beforeLoad: async (p) => {
          await watchShifts(p);
          // The blockquote's height as first laid out, before the widget runs.
          await p.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
            window.__before = document.querySelector('blockquote.incident-card').getBoundingClientRect().height;
          }));
        },
      });
      await settled(page);
      await page.waitForTimeout(300);
      before = await page.evaluate(() => window.__before);
      const r = await state(page);
      assert.equal(r.state, 'ready');
      assert.ok(r.held, 'the card is held');
      assert.ok(Math.abs(r.hostHeight - before) < 1, `host ${r.hostHeight} px, blockquote was ${before} px`);
      assert.ok(r.cardHeight > r.heldHeight + 100, `the card (${r.cardHeight} px) is taller than its frame (${r.heldHeight} px)`);
      assert.deepEqual(r.button, { text: 'Show the whole case', visible: true });
      assert.equal(r.shift.quiet, 0, `layout shifts without input: ${r.shift.moves.join('; ')}`);

      // The reader asks for the rest: the card grows, and the shift follows the reader's input.
      const belowBefore = r.below;
      await page.locator('blockquote.incident-card').locator('button.ic-expand').click();
      await page.waitForTimeout(300);
      const after = await state(page);
      assert.equal(after.held, false);
      assert.equal(after.button, null);
      assert.ok(after.hostHeight > before + 100, 'the whole card shows');
      assert.ok(after.below > belowBefore + 100, 'the text below moved down, at the reader\'s request');
      assert.equal(after.shift.quiet, 0, 'no shift without input');
      const focused = await page.evaluate(() => document.querySelector('blockquote.incident-card').shadowRoot.activeElement?.className);
      assert.equal(focused, 'ic-root', 'focus goes to the card in place of the button');
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

describe('a held card', () => {
  test('keyboard focus moving into the card shows it whole', async () => {
    const { context, page } = await open(env.browser, `${env.server.url}/__test/article.html`, { beforeLoad: watchShifts });
    await settled(page);
    assert.ok((await state(page)).held);
    // The first link inside the card, reached with Tab from the page.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const inCard = await page.evaluate(() => document.activeElement?.matches('blockquote.incident-card'));
      if (inCard) break;
    }
    const r = await state(page);
    assert.equal(r.held, false, 'released by focus');
    assert.equal(r.shift.quiet, 0);
    await context.close();
  });

  test('fit="grow" takes the whole height at once', async () => {
    const { context, page } = await open(env.browser, `${env.server.url}/__test/article.html?fit=grow`, { beforeLoad: watchShifts });
    await settled(page);
    await page.waitForTimeout(300);
    const r = await state(page);
    assert.equal(r.held, false);
    assert.equal(r.button, null);
    assert.ok(r.hostHeight >= r.cardHeight, 'the whole card shows');
    assert.ok(r.shift.quiet > 0, 'and the page moved (what fit="grow" accepts)');
    await context.close();
  });

  test('a card that swaps in below the first screen takes its whole height (nothing on screen moves)', async () => {
    const { context, page } = await open(env.browser, `${env.server.url}/__test/article.html?above=1100`, { beforeLoad: watchShifts });
    await settled(page);
    await page.waitForTimeout(300);
    const r = await state(page);
    assert.equal(r.state, 'ready');
    assert.equal(r.held, false, 'not held off screen');
    assert.ok(r.hostHeight >= r.cardHeight);
    assert.equal(r.shift.quiet, 0, `layout shifts: ${r.shift.moves.join('; ')}`);
    await context.close();
  });
});

describe('an <incident-card> on screen, its space reserved (its skeleton shows while it loads)', () => {
  test('the card takes the skeleton\'s height: no layout shift; the button shows the rest', async () => {
    // The document is held back until the skeleton has been painted.
    let release;
    const painted = new Promise((resolve) => { release = resolve; });
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/article.html?element=card`, {
      beforeLoad: async (p) => {
        await watchShifts(p);
        await p.route('**/data/incidents/ICS-0001.json', async (route) => {
          await painted;
          await route.continue();
        });
      },
    });
    await page.waitForFunction(() => document.querySelector('incident-card').shadowRoot?.querySelector('.ic-skeleton'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    release();
    await settled(page, 'incident-card');
    await page.waitForTimeout(300);
    const r = await state(page, 'incident-card');
    assert.equal(r.state, 'ready');
    assert.ok(r.held, 'the card is held at the skeleton\'s height');
    assert.deepEqual(r.button, { text: 'Show the whole case', visible: true });
    assert.equal(r.shift.quiet, 0, `layout shifts without input: ${r.shift.moves.join('; ')}`);
    await page.locator('incident-card .ic-expand').click();
    await page.waitForTimeout(300);
    const after = await state(page, 'incident-card');
    assert.equal(after.held, false);
    assert.ok(after.hostHeight >= after.cardHeight, 'the whole card shows');
    assert.equal(after.shift.quiet, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

// Regression: a list rendered over its skeleton was painted at its full height before the module
// held it (the benchmark's desktop list moved the text below it: CLS 0.091).
describe('an <incident-list> on screen, its space reserved (its skeleton shows while it loads)', () => {
  test('the list takes the reserved height: no layout shift; the button shows the rest', async () => {
    let release;
    const painted = new Promise((resolve) => { release = resolve; });
    const { context, page, errors } = await open(env.browser, `${env.server.url}/__test/article.html?element=list`, {
      viewport: { width: 1200, height: 900 },
      beforeLoad: async (p) => {
        await watchShifts(p);
        // A slow phone's CPU: the list's render takes longer than one of Yew's slices (16 ms), so
        // the browser may paint it before the module reports it.
        const cdp = await p.context().newCDPSession(p);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
        await p.route('**/data/index.json', async (route) => {
          await painted;
          await route.continue();
        });
      },
    });
    await page.waitForFunction(() => document.querySelector('incident-list').shadowRoot?.querySelector('.ic-skeleton'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const reserved = await page.evaluate(() => document.querySelector('incident-list').getBoundingClientRect().height);
    release();
    await settled(page, 'incident-list');
    await page.waitForTimeout(300);
    const r = await page.evaluate(() => {
      const host = document.querySelector('incident-list');
      const root = host.shadowRoot;
      const button = root.querySelector('button.ic-expand');
      return {
        state: host.getAttribute('data-state'),
        hostHeight: host.getBoundingClientRect().height,
        held: !!root.querySelector('.ic-held'),
        listHeight: root.querySelector('.ic-root').getBoundingClientRect().height,
        button: button ? { text: button.textContent, visible: button.checkVisibility() } : null,
        shift: window.__shift,
      };
    });
    assert.equal(r.state, 'ready');
    assert.ok(r.held, 'the list is held at the height the reader saw');
    assert.ok(Math.abs(r.hostHeight - reserved) < 1, `host ${r.hostHeight} px, ${reserved} px before`);
    assert.ok(r.listHeight > r.hostHeight + 100, `the list (${r.listHeight} px) is taller than its frame`);
    assert.deepEqual(r.button, { text: 'Show the whole list', visible: true });
    assert.equal(r.shift.quiet, 0, `layout shifts without input: ${r.shift.moves.join('; ')}`);
    await page.locator('incident-list .ic-expand').click();
    await page.waitForTimeout(300);
    const grown = await page.evaluate(() => document.querySelector('incident-list').getBoundingClientRect().height);
    assert.ok(grown > reserved + 100, 'the whole list shows');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
