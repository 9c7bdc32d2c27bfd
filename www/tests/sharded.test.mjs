// Lists over a sharded index (`incident-cards index --sharded`, issue 16): a list reads the
// manifest and only the pages it shows; "Show more" reads on, from the keyboard too, and says how
// many are shown; two filters read only the smaller shard; a value the registry does not have
// costs no request; a missing or damaged page gives the list's error card and leaves the page
// working. The sample registry is indexed with two entries a page, so paging shows at eight cases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, serverAndBrowser, settled, showWhole } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(repo, process.env.IC_DIST || 'dist');
const out = join(dist, 'recipes', 'sharded');
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const env = serverAndBrowser();
const run = promisify(execFile);

/** A registry folder under `out` with the sample cases, indexed with `pageSize` entries a page. */
function registry(name, pageSize = 2) {
  const dir = join(out, name);
  cpSync(join(repo, 'data', 'incidents'), join(dir, 'incidents'), { recursive: true });
  execFileSync(cli, ['index', dir, '--sharded', '--page-size', String(pageSize)], { stdio: 'pipe' });
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) };
}

/** A page of lists (each `[id, attributes]`) in `dir`, with the widget; its address. */
function page(dir, name, lists) {
  const body = lists.map(([id, attrs]) => `<h2>${id}</h2><incident-list id="${id}" src="index.json" ${attrs}></incident-list>`).join('\n');
  writeFileSync(join(dir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lists</title>
<link rel="icon" href="data:,"><script>window.IncidentCards = { config: { lazy: false } };</script></head>
<body><main>${body}</main><script src="/embed.js"></script></body></html>`);
  return `${env.server.url}/recipes/sharded/${dir.split('/').pop()}/${name}`;
}

/** What a list shows: its state, the ids of its entries, its status line and its button. */
const listOf = (p, id) => p.evaluate((id) => {
  const host = document.getElementById(id);
  const root = host.shadowRoot;
  return {
    state: host.getAttribute('data-state'),
    ids: [...(root?.querySelectorAll('.ic-root:not([hidden]) .ic-entry .ic-id') ?? [])].map((e) => e.textContent.split(' ')[0]),
    status: root?.querySelector('.ic-root:not([hidden]) [role=status]')?.textContent ?? null,
    button: root?.querySelector('.ic-root:not([hidden]) .ic-btn')?.textContent ?? null,
    empty: root?.querySelector('.ic-root:not([hidden]) .ic-empty')?.textContent ?? null,
    error: root?.querySelector('.ic-root:not([hidden]) .ic-error, .ic-root:not([hidden]) [data-code]')?.getAttribute('data-code') ?? null,
  };
}, id);

const shardRequests = (log, dir) => log.map((r) => r.path).filter((p) => p.startsWith(`/recipes/sharded/${dir}/`)).map((p) => p.replace(`/recipes/sharded/${dir}/`, ''));

describe('lists over a sharded index', () => {
  let reg;
  before(() => { reg = registry('sample'); });
  after(() => rmSync(out, { recursive: true, force: true }));

  test('a list reads the manifest and one page, and "Show more" reads on, from the keyboard too', async () => {
    const url = page(reg.dir, 'all.html', [['all', 'limit="2"']]);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    let list = await listOf(p, 'all');
    assert.equal(list.state, 'ready');
    assert.equal(list.ids.length, 2);
    assert.equal(list.status, 'Showing 2 of 8');
    const all = reg.manifest.all.path;
    assert.deepEqual(shardRequests(await env.server.log(), 'sample'), ['all.html', 'index.json', `${all}/date-1.json`]);

    // A list that arrives on screen is held at its skeleton's height (www/loader/steady.js).
    await showWhole(p, '#all');
    const button = p.locator('#all .ic-btn');
    await button.click();
    await p.waitForFunction(() => document.getElementById('all').shadowRoot.querySelectorAll('.ic-entry').length === 4);
    list = await listOf(p, 'all');
    assert.equal(list.status, 'Showing 4 of 8');
    await button.focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.getElementById('all').shadowRoot.querySelectorAll('.ic-entry').length === 6);
    await button.click();
    await p.waitForFunction(() => document.getElementById('all').shadowRoot.querySelectorAll('.ic-entry').length === 8);
    list = await listOf(p, 'all');
    assert.equal(list.status, 'Showing 8 of 8');
    assert.equal(list.button, null, 'no button once every case is shown');
    assert.equal(new Set(list.ids).size, 8, 'each case once');
    assert.deepEqual(shardRequests(await env.server.log(), 'sample').filter((r) => r.startsWith('shards/')),
      [1, 2, 3, 4].map((n) => `${all}/date-${n}.json`), 'each page once, in order');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regressions (a review of lists): the button was `disabled` while a page was read, which
  // dropped the keyboard's focus to the top of the page; and after a last "Show more" that added
  // nothing, focus went to an entry that was not there, so to no element.
  test('"Show more" keeps the keyboard\'s focus while it reads, and one that adds nothing gives it to the last entry', async () => {
    const url = page(reg.dir, 'keys.html', [['kb', 'limit="2"'], ['tail', 'tag="cloud-outage" severity="moderate" limit="1"']]);
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: (q) => q.route('**/date-2.json', async (route) => {
        await new Promise((r) => setTimeout(r, 600));
        await route.continue();
      }),
    });
    await settled(p, 'incident-list');
    const focused = (id) => p.evaluate((id) => {
      const a = document.getElementById(id).shadowRoot.activeElement;
      return a ? { tag: a.localName, text: a.textContent, disabled: a.getAttribute('aria-disabled'), entry: a.closest('li')?.querySelector('.ic-id')?.textContent.split(' ')[0] ?? null } : null;
    }, id);
    await showWhole(p, '#kb');
    await p.locator('#kb .ic-btn').focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.getElementById('kb').shadowRoot.querySelector('.ic-btn[aria-disabled=true]'));
    assert.deepEqual(await focused('kb'), { tag: 'button', text: 'Show more', disabled: 'true', entry: null }, 'focus stays while the page is read');
    await p.waitForFunction(() => document.getElementById('kb').shadowRoot.querySelectorAll('.ic-entry').length === 4);
    assert.deepEqual(await focused('kb'), { tag: 'button', text: 'Show more', disabled: 'false', entry: null });

    await showWhole(p, '#tail');
    assert.equal((await listOf(p, 'tail')).status, 'Showing 1 of up to 3');
    await p.locator('#tail .ic-btn').focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.getElementById('tail').shadowRoot.querySelectorAll('.ic-entry').length === 2);
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => !document.getElementById('tail').shadowRoot.querySelector('.ic-btn'));
    const tail = await listOf(p, 'tail');
    assert.deepEqual(tail.ids, ['ICS-0001', 'ICS-0008']);
    assert.equal(tail.status, 'Showing 2 of 2');
    const last = await focused('tail');
    assert.equal(last && last.entry, 'ICS-0008', 'focus on the last entry (its link, or the entry itself)');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regressions: when the reader's filters matched nothing, the "no match" line replaced the
  // live region, so a screen reader heard nothing of it; and a second choice made before the
  // list rendered the first was built on the query before the first, which it lost.
  test('the count line stays the live region when the reader\'s filters match nothing; quick choices add up', async () => {
    const url = page(reg.dir, 'none.html', [['bar', 'controls']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    await showWhole(p, '#bar');
    await p.evaluate(() => { document.getElementById('bar').shadowRoot.querySelector('[role=status]').dataset.mark = 'first'; });
    // Two choices in one task: no render comes between them.
    await p.evaluate(() => {
      const [mode, tag] = document.getElementById('bar').shadowRoot.querySelectorAll('select');
      tag.value = 'dns';
      tag.dispatchEvent(new Event('change', { bubbles: true }));
      mode.value = 'Identity & Access Drift';
      mode.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await p.waitForFunction(() => document.getElementById('bar').shadowRoot.querySelector('.ic-empty'));
    const live = await p.evaluate(() => {
      const s = document.getElementById('bar').shadowRoot.querySelectorAll('[role=status]');
      return [...s].map((e) => ({ mark: e.dataset.mark ?? null, live: e.getAttribute('aria-live'), text: e.textContent }));
    });
    assert.deepEqual(live, [{ mark: 'first', live: 'polite', text: 'No incidents match these filters.' }]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regressions: a filter that could not be read was dropped, so the list showed every case; a
  // range no year shard falls in, sorted by severity, read every page of the registry.
  test('an unreadable filter, or a range with no year in the registry, lists nothing and costs no page', async () => {
    const url = page(reg.dir, 'unreadable.html', [
      ['rel', 'related-to="ics-0005"'], ['sev', 'severity="severe"'], ['date', 'from="2025/01"'],
      ['far', 'from="2030" to="2031" sort="severity"'], ['ctl', 'controls related-to="x"'],
    ]);
    await env.server.reset();
    const { context, page: p, errors, consoleLines } = await open(env.browser, url);
    await settled(p, 'incident-list');
    for (const id of ['rel', 'sev', 'date', 'far', 'ctl']) {
      const list = await listOf(p, id);
      assert.deepEqual([list.state, list.ids, list.empty], ['ready', [], 'No incidents match these filters.'], id);
    }
    assert.deepEqual(shardRequests(await env.server.log(), 'sample'), ['unreadable.html', 'index.json']);
    const said = consoleLines.map((l) => l.text).filter((t) => t.startsWith('incident-cards: a list'));
    assert.deepEqual(said, [
      'incident-cards: a list (index.json): related-to "ics-0005" is not a case id (such as ICS-0001), so it lists nothing; fix the attribute (or the mount() option).',
      'incident-cards: a list (index.json): severity "severe" is not a level (info to critical, or 1 to 5), so it lists nothing; fix the attribute (or the mount() option).',
      'incident-cards: a list (index.json): from "2025/01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD), so it lists nothing; fix the attribute (or the mount() option).',
      'incident-cards: a list (index.json): related-to "x" is not a case id (such as ICS-0001), so it lists nothing; fix the attribute (or the mount() option).',
    ]);
    // No filter bar over a query the page set wrong: any choice would still list nothing.
    assert.equal(await p.evaluate(() => !!document.getElementById('ctl').shadowRoot.querySelector('form')), false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression (a hostile or damaged registry): a manifest counting a million cases over empty
  // pages made the list read page after page without end, and never settle.
  test('pages that hold fewer entries than the manifest counts give the list\'s error card after one page', async () => {
    const url = page(reg.dir, 'damaged.html', [['bad', '']]);
    let pages = 0;
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: async (q) => {
        await q.route('**/recipes/sharded/sample/index.json', async (route) => {
          const m = { ...reg.manifest, all: { ...reg.manifest.all, count: 1000000 } };
          await route.fulfill({ contentType: 'application/json', body: JSON.stringify(m) });
        });
        await q.route('**/date-*.json', async (route) => {
          pages += 1;
          await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ schema_version: reg.manifest.schema_version, incidents: [] }) });
        });
      },
    });
    await settled(p, 'incident-list');
    const r = await p.evaluate(() => {
      const host = document.getElementById('bad');
      return { state: host.dataset.state, text: host.shadowRoot.querySelector('.ic-root:not([hidden]) .ic-error')?.textContent ?? '' };
    });
    assert.equal(r.state, 'error');
    assert.match(r.text, /its page shards\/all\/[0-9a-f]+\/date-1\.json holds 0 entries where its manifest counts 2/);
    assert.equal(pages, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression (a hostile or damaged registry): whole pages of cases listed before, which a
  // manifest may count by the million, were read one after another for nothing.
  test('an unfiltered page that adds no case gives the list\'s error card', async () => {
    const url = page(reg.dir, 'repeated.html', [['again', 'limit="4"']]);
    let pages = 0;
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: (q) => q.route(/\/all\/[^/]+\/date-\d+\.json$/, async (route) => {
        pages += 1;
        const first = await (await route.fetch({ url: route.request().url().replace(/date-\d+/, 'date-1') })).json();
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify(first) });
      }),
    });
    await settled(p, 'incident-list');
    const r = await p.evaluate(() => {
      const host = document.getElementById('again');
      return { state: host.dataset.state, text: host.shadowRoot.querySelector('.ic-root:not([hidden]) .ic-error')?.textContent ?? '' };
    });
    assert.equal(r.state, 'error');
    assert.match(r.text, /its page shards\/all\/[0-9a-f]+\/date-2\.json holds only cases listed before or withdrawn \(2\)/);
    assert.equal(pages, 2);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression (a hostile registry, or a rare combination of filters over a large shard): a
  // filter that few entries of a shard match read every page of that shard, one after another,
  // unasked. A screenful now reads at most LIST_PAGES_PER_READ (12) pages; Show more reads on.
  test('a filter the pages do not match reads twelve pages, shows what it found, and reads on only when asked', async () => {
    const url = page(reg.dir, 'sparse.html', [['sparse', 'from="2025-06" to="2025-07"']]);
    const year = reg.manifest.facets.year.find((s) => s.value === '2025');
    const base = JSON.parse(readFileSync(join(reg.dir, year.path, 'date-1.json'), 'utf8'));
    const pages = [];
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: async (q) => {
        await q.route('**/recipes/sharded/sample/index.json', async (route) => {
          const facets = { ...reg.manifest.facets, year: reg.manifest.facets.year.map((s) => (s === year ? { ...s, count: 80 } : s)) };
          const all = { ...reg.manifest.all, count: reg.manifest.all.count + 80 };
          await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...reg.manifest, all, facets }) });
        });
        // Forty pages of two cases each, every one dated January 2025: outside the range.
        await q.route(`**/${year.path}/date-*.json`, async (route) => {
          const n = Number(route.request().url().match(/date-(\d+)\.json$/)[1]);
          pages.push(n);
          const incidents = [0, 1].map((i) => ({ ...base.incidents[0], id: `TST-${n * 2 + i}`, aliases: [], occurred: '2025-01-15', related: [] }));
          await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ schema_version: base.schema_version, incidents }) });
        });
      },
    });
    await settled(p, 'incident-list');
    await p.waitForTimeout(500);
    let list = await listOf(p, 'sparse');
    assert.deepEqual(pages, Array.from({ length: 12 }, (_, i) => i + 1));
    assert.deepEqual(list.ids, []);
    assert.equal(list.empty, null, 'not "no match": the shard is not read to its end');
    assert.equal(list.status, 'Showing 0 of up to 80');
    assert.equal(list.button, 'Show more');
    await p.evaluate(() => document.getElementById('sparse').shadowRoot.querySelector('.ic-root:not([hidden]) .ic-btn').click());
    for (let i = 0; i < 100 && pages.length < 24; i += 1) await p.waitForTimeout(100);
    await settled(p, 'incident-list');
    await p.waitForTimeout(500);
    assert.equal(pages.length, 24, pages.join(', '));
    list = await listOf(p, 'sparse');
    assert.equal(list.button, 'Show more');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: over a sharded index, a choice in the filter bar emptied the list until the
  // new query's first page arrived: "Showing 0 of N" was announced, and the page under the
  // list moved up, then down.
  test('a choice in the filter bar keeps the entries on show until the new ones are read', async () => {
    const url = page(reg.dir, 'choose.html', [['pick', 'controls limit="4"']]);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: (q) => q.route('**/shards/tag/**', async (route) => { await held; await route.continue(); }),
    });
    await settled(p, 'incident-list');
    await showWhole(p, '#pick');
    const look = () => p.evaluate(() => {
      const host = document.getElementById('pick');
      const root = host.shadowRoot;
      return {
        entries: root.querySelectorAll('.ic-entry').length,
        status: root.querySelector('[role=status]').textContent,
        busy: root.querySelector('section.ic-list').getAttribute('aria-busy'),
        height: Math.round(host.getBoundingClientRect().height),
      };
    });
    const before = await look();
    assert.deepEqual([before.entries, before.status], [4, 'Showing 4 of 8']);
    await p.locator('#pick select').nth(1).selectOption('cloud-outage');
    await p.waitForTimeout(400);
    const during = await look();
    assert.deepEqual(during, { ...before, busy: 'true' }, 'while the page is read');
    release();
    await p.waitForFunction(() => document.getElementById('pick').shadowRoot.querySelector('[role=status]').textContent === 'Showing 3 of 3');
    const after = await look();
    assert.deepEqual([after.entries, after.busy], [3, 'false']);
    assert.deepEqual((await listOf(p, 'pick')).ids, ['ICS-0001', 'ICS-0008', 'ICS-0002']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a second choice made before the first one's page came was never read (the read's
  // effect saw the same dependencies for both), and the list stayed busy for good.
  test('a second choice before the first one\'s page came is read, and the entries before both stay until then', async () => {
    const url = page(reg.dir, 'twice.html', [['twice', 'controls limit="4"']]);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: (q) => q.route('**/shards/tag/**', async (route) => { await held; await route.continue(); }),
    });
    await settled(p, 'incident-list');
    await showWhole(p, '#twice');
    const look = () => p.evaluate(() => {
      const root = document.getElementById('twice').shadowRoot;
      return {
        entries: root.querySelectorAll('.ic-entry').length,
        status: root.querySelector('[role=status]').textContent,
        busy: root.querySelector('section.ic-list').getAttribute('aria-busy'),
      };
    });
    const before = await look();
    assert.deepEqual(before, { entries: 4, status: 'Showing 4 of 8', busy: 'false' });
    const tags = p.locator('#twice select').nth(1);
    await tags.selectOption('cloud-outage');
    await p.waitForTimeout(300);
    await tags.selectOption('dns');
    await p.waitForTimeout(300);
    assert.deepEqual(await look(), { ...before, busy: 'true' }, 'while the second choice\'s page is read');
    release();
    const dns = reg.manifest.facets.tag.find((s) => s.value === 'dns').count;
    const want = `Showing ${Math.min(4, dns)} of ${dns}`;
    await p.waitForFunction((want) => document.getElementById('twice').shadowRoot.querySelector('[role=status]').textContent === want, want, { timeout: 5000 });
    assert.deepEqual(await look(), { entries: Math.min(4, dns), status: want, busy: 'false' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regressions: a shard page's withdrawn case was listed when one shard answered the query, and
  // a case on two pages was listed twice.
  test('withdrawn cases and cases repeated across pages are never listed', async () => {
    const url = page(reg.dir, 'repeats.html', [['rep', 'limit="8"']]);
    const { context, page: p, errors } = await open(env.browser, url, {
      // Page 2 of every case: its first case withdrawn; page 3: its second the first of page 1.
      beforeLoad: (q) => q.route(/\/all\/[^/]+\/date-[23]\.json$/, async (route) => {
        const real = await (await route.fetch()).json();
        const first = await (await route.fetch({ url: route.request().url().replace(/date-\d/, 'date-1') })).json();
        const incidents = route.request().url().endsWith('date-2.json')
          ? [{ ...real.incidents[0], status: 'withdrawn' }, real.incidents[1]]
          : [real.incidents[0], first.incidents[0]];
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...real, incidents }) });
      }),
    });
    await settled(p, 'incident-list');
    await showWhole(p, '#rep');
    const list = await listOf(p, 'rep');
    assert.equal(list.state, 'ready');
    assert.deepEqual(list.ids, ['ICS-0003', 'ICS-0004', 'ICS-0006', 'ICS-0007', 'ICS-0008', 'ICS-0002']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: the filter bar had no language or direction of its own: in an Arabic list on an
  // English page it was read with an English voice and laid out left to right.
  test('the filter bar speaks the list\'s language, in its direction', async () => {
    const url = page(reg.dir, 'bar-ar.html', [['ar', 'lang="ar" controls']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    const form = await p.evaluate(() => {
      const f = document.getElementById('ar').shadowRoot.querySelector('form.ic-controls');
      return { lang: f.lang, dir: f.dir, direction: getComputedStyle(f).direction };
    });
    assert.deepEqual(form, { lang: 'ar', dir: 'rtl', direction: 'rtl' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('two filters read only the smaller shard, and a value the registry lacks costs no request', async () => {
    const tag = reg.manifest.facets.tag.find((s) => s.value === 'coding-agent');
    const severity = reg.manifest.facets.severity.find((s) => s.value === 'moderate');
    assert.ok(tag.count < severity.count, 'the tag is the smaller shard');
    const url = page(reg.dir, 'filters.html', [
      ['two', 'tag="Coding-Agent" severity="moderate" sort="severity" limit="10"'],
      ['none', 'tag="no-such-tag"'],
    ]);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    const two = await listOf(p, 'two');
    const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents;
    const levels = ['info', 'low', 'moderate', 'high', 'critical'];
    const expected = index.filter((e) => e.tags?.includes('coding-agent') && levels.indexOf(e.severity.level) >= 2);
    assert.deepEqual([...two.ids].sort(), expected.map((e) => e.id).sort());
    assert.match(two.status, new RegExp(`^Showing ${expected.length} of ${expected.length}$`));
    const none = await listOf(p, 'none');
    assert.equal(none.empty, 'No incidents match these filters.');
    const shards = shardRequests(await env.server.log(), 'sample').filter((r) => r.startsWith('shards/'));
    assert.ok(shards.length > 0 && shards.every((r) => r.startsWith(`${tag.path}/severity-`)), shards.join(', '));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('related-to lists the cases a case names and those that name it, from one file', async () => {
    // ICS-0005 names ICS-0003; ICS-0004 names none and none names it.
    const url = page(reg.dir, 'related.html', [['five', 'related-to="ICS-0005"'], ['one', 'related-to="ICS-0001" sort="severity" limit="10"'], ['four', 'related-to="ICS-0004"']]);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    assert.deepEqual((await listOf(p, 'five')).ids, ['ICS-0003']);
    const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents;
    const byId = Object.fromEntries(index.map((e) => [e.id, e]));
    const named = new Set([...byId['ICS-0001'].related, ...index.filter((e) => e.related?.includes('ICS-0001')).map((e) => e.id)]);
    const one = await listOf(p, 'one');
    assert.deepEqual([...one.ids].sort(), [...named].sort());
    const levels = ['info', 'low', 'moderate', 'high', 'critical'];
    const ranks = one.ids.map((id) => levels.indexOf(byId[id].severity.level));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), 'most severe first');
    assert.equal((await listOf(p, 'four')).empty, 'No incidents match these filters.');
    const files = shardRequests(await env.server.log(), 'sample').filter((r) => r.startsWith('shards/'));
    assert.deepEqual(files.sort(), ['shards/related/ICS-0001.json', 'shards/related/ICS-0004.json', 'shards/related/ICS-0005.json']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: the sharded index had related-case files only for listed cases, so a list
  // related to a withdrawn case (or to an id no case is) showed an error card where a list over
  // the single-file index shows the related cases (or none).
  test('related-to a withdrawn case or an unknown id lists what the single-file index lists', async () => {
    const dir = join(out, 'withdrawn');
    cpSync(join(repo, 'data', 'incidents'), join(dir, 'incidents'), { recursive: true });
    const file = join(dir, 'incidents', 'ICS-0006.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.status = 'withdrawn';
    doc.withdrawn = { date: '2026-12-05', reason: 'Filed twice.' };
    doc.dates.modified = '2026-12-05';
    writeFileSync(file, JSON.stringify(doc));
    const single = JSON.parse(execFileSync(cli, ['index', dir, '--stdout'], { encoding: 'utf8' })).incidents;
    writeFileSync(join(dir, 'single.json'), JSON.stringify({ schema_version: '1.2.0', incidents: single }));
    execFileSync(cli, ['index', dir, '--sharded', '--page-size', '2'], { stdio: 'pipe' });
    writeFileSync(join(dir, 'lists.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lists</title>
<link rel="icon" href="data:,"><script>window.IncidentCards = { config: { lazy: false } };</script></head><body><main>
<incident-list id="sharded" src="index.json" related-to="ICS-0006"></incident-list>
<incident-list id="single" src="single.json" related-to="ICS-0006"></incident-list>
<incident-list id="unknown" src="index.json" related-to="ICS-0999"></incident-list>
</main><script src="/embed.js"></script></body></html>`);
    const { context, page: p, errors } = await open(env.browser, `${env.server.url}/recipes/sharded/withdrawn/lists.html`);
    await settled(p, 'incident-list');
    const sharded = await listOf(p, 'sharded');
    const expected = (await listOf(p, 'single')).ids;
    assert.ok(expected.length > 0, 'ICS-0006 has related cases');
    assert.equal(sharded.state, 'ready');
    assert.deepEqual([...sharded.ids].sort(), [...expected].sort());
    const unknown = await listOf(p, 'unknown');
    assert.equal(unknown.state, 'ready');
    assert.equal(unknown.empty, 'No incidents match these filters.');
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a rebuild removed the shard folders of the build before it at once, and a page
  // that had the list open failed on its next "Show more", for good.
  test('a list open across a rebuild reads on from the build it started with', async () => {
    const live = registry('live');
    const url = page(live.dir, 'live.html', [['all', 'limit="2"']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    await showWhole(p, '#all');
    const file = join(live.dir, 'incidents', 'ICS-0001.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.title = 'A title changed while the list was open';
    writeFileSync(file, JSON.stringify(doc));
    execFileSync(cli, ['index', live.dir, '--sharded', '--page-size', '2'], { stdio: 'pipe' });
    await p.locator('#all .ic-btn').click();
    await p.waitForFunction(() => document.getElementById('all').shadowRoot.querySelectorAll('.ic-entry').length === 4);
    const list = await listOf(p, 'all');
    assert.equal(list.status, 'Showing 4 of 8');
    assert.equal(list.error, null);
    // Two builds later its pages are gone: the list says so, and that reloading reads the new index.
    for (const title of ['Changed once more', 'And once again']) {
      doc.title = title;
      writeFileSync(file, JSON.stringify(doc));
      execFileSync(cli, ['index', live.dir, '--sharded', '--page-size', '2'], { stdio: 'pipe' });
    }
    await p.locator('#all .ic-btn').click();
    await p.waitForFunction(() => /could not be loaded/.test(document.getElementById('all').shadowRoot.querySelector('[role=status]').textContent));
    const stale = await listOf(p, 'all');
    assert.match(stale.status, /HTTP 404\); the registry's index may have changed since this page read it: reloading the page reads it anew\.$/);
    assert.equal(stale.ids.length, 4, 'the entries shown stay');
    // Regression: the reason, a request's message in English, was not marked as English inside
    // the reader's language.
    assert.match(await p.evaluate(() => document.getElementById('all').shadowRoot.querySelector('[role=status] span[lang=en]')?.textContent ?? ''),
      /^no document at this address \(HTTP 404\); the registry's index may have changed/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a date range keeps the cases dated in it, and a range within one year reads that year only', async () => {
    const url = page(reg.dir, 'range.html', [['y2025', 'from="2025" to="2025-12" limit="10"'], ['since', 'from="2026-01-01" limit="10"'],
      ['first', 'from="2025" to="2025" limit="1"']]);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents.filter((e) => e.status !== 'withdrawn');
    const dated = (e) => e.occurred ?? e.filed;
    assert.deepEqual([...(await listOf(p, 'y2025')).ids].sort(), index.filter((e) => dated(e)?.startsWith('2025')).map((e) => e.id).sort());
    assert.deepEqual([...(await listOf(p, 'since')).ids].sort(), index.filter((e) => dated(e) >= '2026').map((e) => e.id).sort());
    // Whole years: every case of their shards is in the range, so the count is exact
    // (regression: "of up to N").
    const n2025 = index.filter((e) => dated(e)?.startsWith('2025')).length;
    assert.equal((await listOf(p, 'y2025')).status, `Showing ${n2025} of ${n2025}`);
    assert.equal((await listOf(p, 'first')).status, `Showing 1 of ${n2025}`);
    // The range within 2025 reads that year's shard; the open range from 2026 reads 2026's.
    const year = (y) => reg.manifest.facets.year.find((s) => s.value === y).path;
    const files = shardRequests(await env.server.log(), 'sample').filter((r) => r.startsWith('shards/'));
    assert.ok(files.some((r) => r.startsWith(year('2025'))) && files.some((r) => r.startsWith(year('2026'))), files.join(', '));
    assert.ok(files.every((r) => r.startsWith(year('2025')) || r.startsWith(year('2026'))), files.join(', '));
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a range over more than one year read the shard of every case from the newest
  // page on, until it reached the range (at 100 000 cases, thousands of requests for an old range).
  test('a range over several years reads the shards of its years only, newest first, in date order', async () => {
    const dir = join(out, 'years');
    await run(cli, ['sample', '--count', '300', dir]);
    await run(cli, ['index', dir, '--sharded', '--page-size', '10']);
    const manifest = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    const years = manifest.facets.year.map((s) => Number(s.value)).sort((a, b) => a - b);
    assert.ok(years.length >= 4, years.join());
    const [from, to] = [years[1], years[2]];
    const single = JSON.parse((await run(cli, ['index', dir, '--stdout'])).stdout).incidents;
    const dated = (e) => e.occurred ?? e.filed;
    const expected = single.filter((e) => e.status !== 'withdrawn' && dated(e) && Number(dated(e).slice(0, 4)) >= from && Number(dated(e).slice(0, 4)) <= to);
    const url = page(dir, 'years.html', [['range', `from="${from}" to="${to}" limit="500"`]]);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    const list = await listOf(p, 'range');
    assert.deepEqual([...list.ids].sort(), expected.map((e) => e.id).sort());
    const when = Object.fromEntries(single.map((e) => [e.id, dated(e)]));
    const dates = list.ids.map((id) => when[id]);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    const paths = [to, from].map((y) => manifest.facets.year.find((s) => s.value === String(y)).path);
    const files = shardRequests(await env.server.log(), 'years').filter((r) => r.startsWith('shards/'));
    assert.ok(files.length > 0 && files.every((r) => paths.some((path) => r.startsWith(`${path}/date-`))), files.join(', '));
    assert.ok(files.indexOf(`${paths[0]}/date-1.json`) < files.indexOf(`${paths[1]}/date-1.json`), files.join(', '));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('with controls, readers filter the list themselves: each value with its count', async () => {
    const url = page(reg.dir, 'controls.html', [['bar', 'controls limit="20"']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    await showWhole(p, '#bar');
    const select = p.locator('#bar select').first();
    const options = await select.locator('option').allTextContents();
    assert.equal(options[0], 'Any (8)');
    const fm = reg.manifest.facets.failure_mode[0];
    assert.ok(options.includes(`${fm.value} (${fm.count})`), options.join(' | '));
    await select.selectOption(fm.value);
    await p.waitForFunction((n) => document.getElementById('bar').shadowRoot.querySelectorAll('.ic-entry').length === n, fm.count);
    // From the keyboard: the second chooser (tag), one value down.
    const tag = p.locator('#bar select').nth(1);
    await tag.focus();
    await p.keyboard.press('ArrowDown');
    const chosen = await tag.evaluate((s) => s.value);
    assert.notEqual(chosen, '');
    const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents;
    const expected = index.filter((e) => e.failure_mode === fm.value && e.tags?.includes(chosen)).map((e) => e.id).sort();
    await p.waitForFunction((n) => {
      const root = document.getElementById('bar').shadowRoot;
      return root.querySelectorAll('.ic-entry').length === n || (n === 0 && root.querySelector('.ic-empty'));
    }, expected.length);
    assert.deepEqual([...(await listOf(p, 'bar')).ids].sort(), expected);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a single-file index (the old form) is still read, with related-to, a date range and controls', async () => {
    writeFileSync(join(out, 'single.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lists</title>
<link rel="icon" href="data:,"><script>window.IncidentCards = { config: { lazy: false } };</script></head><body><main>
<incident-list id="rel" src="/data/index.json" related-to="ICS-0005"></incident-list>
<incident-list id="range" src="/data/index.json" from="2025" to="2025"></incident-list>
<incident-list id="bar" src="/data/index.json" controls></incident-list>
</main><script src="/embed.js"></script></body></html>`);
    const { context, page: p, errors } = await open(env.browser, `${env.server.url}/recipes/sharded/single.html`);
    await settled(p, 'incident-list');
    assert.deepEqual((await listOf(p, 'rel')).ids, ['ICS-0003']);
    const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents.filter((e) => e.status !== 'withdrawn');
    assert.deepEqual([...(await listOf(p, 'range')).ids].sort(), index.filter((e) => (e.occurred ?? e.filed).startsWith('2025')).map((e) => e.id).sort());
    assert.equal(await p.locator('#bar select').first().locator('option').first().textContent(), `Any (${index.length})`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a list over a single-file index showed `limit` entries (else up to 500) with no
  // count and no way to see the rest; and a filter bar whose page filters by a value the
  // registry lacks showed another value as chosen.
  test('over a single-file index too, a list says how many of how many and reads on; an absent filter value shows as chosen', async () => {
    writeFileSync(join(out, 'single-more.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lists</title>
<link rel="icon" href="data:,"><script>window.IncidentCards = { config: { lazy: false } };</script></head><body><main>
<incident-list id="few" src="/data/index.json" limit="3"></incident-list>
<incident-list id="nope" src="/data/index.json" controls tag="Nope"></incident-list>
</main><script src="/embed.js"></script></body></html>`);
    const { context, page: p, errors } = await open(env.browser, `${env.server.url}/recipes/sharded/single-more.html`);
    await settled(p, 'incident-list');
    const listed = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8')).incidents.filter((e) => e.status !== 'withdrawn');
    let few = await listOf(p, 'few');
    assert.equal(few.ids.length, 3);
    assert.equal(few.status, `Showing 3 of ${listed.length}`);
    assert.equal(few.button, 'Show more');
    await showWhole(p, '#few');
    await p.locator('#few .ic-btn').click();
    await p.waitForFunction(() => document.getElementById('few').shadowRoot.querySelectorAll('.ic-entry').length === 6);
    few = await listOf(p, 'few');
    assert.equal(few.status, `Showing 6 of ${listed.length}`);
    const nope = await listOf(p, 'nope');
    assert.equal(nope.empty, 'No incidents match these filters.');
    const tag = await p.evaluate(() => {
      const select = document.getElementById('nope').shadowRoot.querySelectorAll('select')[1];
      return { value: select.value, text: select.selectedOptions[0].textContent };
    });
    assert.deepEqual(tag, { value: 'Nope', text: 'Nope (0)' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a list over a generated registry of 10 000 cases shows its first screen from the manifest and one page', async () => {
    const big = join(out, 'big');
    // Asynchronously: a blocked event loop for the seconds this takes would leave a kept-alive
    // connection to the test server that the server has since closed.
    await run(cli, ['sample', '--count', '10000', big]);
    await run(cli, ['index', big, '--sharded']);
    const manifest = JSON.parse(readFileSync(join(big, 'index.json'), 'utf8'));
    const fm = manifest.facets.failure_mode[0];
    const url = page(big, 'list.html', [['big', `failure-mode="${fm.value}" limit="5"`]]);
    await env.server.reset();
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    const list = await listOf(p, 'big');
    assert.equal(list.state, 'ready');
    assert.equal(list.ids.length, 5);
    assert.equal(list.status, `Showing 5 of ${fm.count}`);
    assert.deepEqual(shardRequests(await env.server.log(), 'big').filter((r) => r !== 'list.html'),
      ['index.json', `${fm.path}/date-1.json`]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: the bound of pages a screenful reads cut lists that need more pages than it:
  // unfiltered, limit="30" over pages of two showed 24 entries, and each Show more 24.
  test('a screenful that needs more pages than the bound still shows its limit', async () => {
    const many = join(out, 'many');
    await run(cli, ['sample', '--count', '80', many]);
    await run(cli, ['index', many, '--sharded', '--page-size', '2']);
    const manifest = JSON.parse(readFileSync(join(many, 'index.json'), 'utf8'));
    const url = page(many, 'list.html', [['all', 'limit="30"']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    let list = await listOf(p, 'all');
    assert.equal(list.ids.length, 30);
    assert.equal(list.status, `Showing 30 of ${manifest.all.count}`);
    await p.evaluate(() => document.getElementById('all').shadowRoot.querySelector('.ic-root:not([hidden]) .ic-btn').click());
    await p.waitForFunction(() => document.getElementById('all').shadowRoot.querySelectorAll('.ic-root:not([hidden]) .ic-entry').length >= 60);
    await p.waitForTimeout(300);
    list = await listOf(p, 'all');
    assert.equal(list.ids.length, 60);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // Regression: a loading list told a screen reader "Loading incident…".
  test('a list that loads says "Loading incidents…" to a screen reader', async () => {
    const url = page(reg.dir, 'slow.html', [['slow', '']]);
    let release;
    const held = new Promise((r) => { release = r; });
    const { context, page: p, errors } = await open(env.browser, url, {
      beforeLoad: (q) => q.route('**/recipes/sharded/sample/index.json', async (route) => {
        await held;
        await route.continue();
      }),
    });
    await p.waitForFunction(() => document.getElementById('slow').shadowRoot?.querySelector('.ic-skeleton [role=status]'));
    assert.equal(await p.evaluate(() => document.getElementById('slow').shadowRoot.querySelector('.ic-skeleton [role=status]').textContent), 'Loading incidents…');
    release();
    await settled(p, 'incident-list');
    assert.equal((await listOf(p, 'slow')).state, 'ready');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a missing or damaged page gives the list's error card, and the rest of the page works", async () => {
    const bad = registry('bad');
    const all = bad.manifest.all.path;
    rmSync(join(bad.dir, all, 'date-1.json'));
    const tag = bad.manifest.facets.tag.find((s) => s.value === 'cloud-outage');
    const text = readFileSync(join(bad.dir, tag.path, 'date-1.json'), 'utf8');
    writeFileSync(join(bad.dir, tag.path, 'date-1.json'), text.slice(0, text.length / 2));
    // Too large: a page over the index limit (4 MiB), refused before it is parsed.
    const org = bad.manifest.facets.organisation[0];
    writeFileSync(join(bad.dir, org.path, 'date-1.json'), `{"schema_version":"1.0.0","incidents":[],"pad":"${'x'.repeat(4.2 * 1024 * 1024)}"}`);
    // From another build: the manifest names a shard folder a newer build removed.
    const year = bad.manifest.facets.year[0];
    rmSync(join(bad.dir, year.path), { recursive: true });
    const url = page(bad.dir, 'bad.html', [['missing', ''], ['truncated', 'tag="cloud-outage"'], ['large', `organisation="${org.value}"`],
      ['stale', `from="${year.value}" to="${year.value}"`], ['fine', 'tag="coding-agent"']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    const shown = await p.evaluate(() => Object.fromEntries([...document.querySelectorAll('incident-list')].map((h) => [h.id, h.shadowRoot.textContent])));
    for (const id of ['missing', 'truncated', 'large', 'stale']) assert.equal((await listOf(p, id)).state, 'error', id);
    assert.match(shown.missing, /not found|404/i);
    assert.match(shown.truncated, /could not be read|JSON/i);
    assert.match(shown.large, /over the \d+-byte limit|too-large/);
    assert.match(shown.stale, /not found|404/i);
    // Worded for a list (regression: "This incident could not be shown", "The incident
    // document does not pass validation").
    for (const id of ['missing', 'truncated', 'large', 'stale']) {
      assert.match(shown[id], /^This list could not be shown/, id);
      assert.doesNotMatch(shown[id], /incident could not|incident document|incident's/i, id);
    }
    assert.equal((await listOf(p, 'fine')).state, 'ready');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
