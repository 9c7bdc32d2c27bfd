// Lists over a sharded index (`incident-cards index --sharded`, issue 16): a list reads the
// manifest and only the pages it shows; "Show more" reads on, from the keyboard too, and says how
// many are shown; two filters read only the smaller shard; a value the registry does not have
// costs no request; a missing or damaged page gives the list's error card and leaves the page
// working. The sample registry is indexed with two entries a page, so paging shows at eight cases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, serverAndBrowser, settled, showWhole } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(repo, process.env.IC_DIST || 'dist');
const out = join(dist, 'recipes', 'sharded');
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const env = serverAndBrowser();

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

  test("a missing or damaged page gives the list's error card, and the rest of the page works", async () => {
    const bad = registry('bad');
    const all = bad.manifest.all.path;
    rmSync(join(bad.dir, all, 'date-1.json'));
    const tag = bad.manifest.facets.tag.find((s) => s.value === 'cloud-outage');
    const text = readFileSync(join(bad.dir, tag.path, 'date-1.json'), 'utf8');
    writeFileSync(join(bad.dir, tag.path, 'date-1.json'), text.slice(0, text.length / 2));
    const url = page(bad.dir, 'bad.html', [['missing', ''], ['truncated', 'tag="cloud-outage"'], ['fine', 'tag="coding-agent"']]);
    const { context, page: p, errors } = await open(env.browser, url);
    await settled(p, 'incident-list');
    assert.equal((await listOf(p, 'missing')).state, 'error');
    assert.equal((await listOf(p, 'truncated')).state, 'error');
    const codes = await p.evaluate(() => [...document.querySelectorAll('incident-list')].map((h) => h.shadowRoot.textContent));
    assert.match(codes[0], /not found|404/i);
    assert.match(codes[1], /could not be read|JSON/i);
    assert.equal((await listOf(p, 'fine')).state, 'ready');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
