// The Hugo recipe (docs/recipes/hugo.md): the example site in examples/hugo/ is built by Debian's
// `hugo` with its `incident` shortcode, served beside the widget, and its post shows the cards in
// Chromium. The build-time fallback (title and summary from the case file) is in the page itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, serverAndBrowser, settled, titleOf } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'hugo');
const env = serverAndBrowser();

before(() => {
  // The widget is served from this server's root: the site's `params.incidentCards.base` is set
  // for this build through Hugo's environment overrides.
  execFileSync('hugo', ['--quiet', '--source', join(repo, 'examples', 'hugo'), '--destination', out, '--baseURL', '/recipes/hugo/'], {
    env: { ...process.env, HUGO_PARAMS_INCIDENTCARDS_BASE: '/' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
});
after(() => rmSync(join(out, '..'), { recursive: true, force: true }));

describe('the Hugo recipe', () => {
  test('the shortcode writes a readable blockquote at build time, and the widget upgrades it', async () => {
    const noScript = await env.browser.newContext({ javaScriptEnabled: false });
    const still = await noScript.newPage();
    await still.goto(`${env.server.url}/recipes/hugo/posts/agent-outage/`);
    const fallback = await still.evaluate(() => [...document.querySelectorAll('blockquote.incident-card')].map((q) => ({
      src: q.getAttribute('data-src'), variant: q.getAttribute('data-variant'), text: q.textContent,
    })));
    assert.equal(fallback.length, 2);
    assert.equal(fallback[0].src, '/data/incidents/ICS-0001.json');
    assert.ok(fallback[0].text.includes(titleOf('ICS-0001')), 'the title, from the case file, without JavaScript');
    assert.equal(fallback[1].variant, 'compact');
    assert.equal(await still.evaluate(() => document.querySelectorAll('script[src="/embed.js"]').length), 1, 'one script tag per page');
    await noScript.close();

    const { context, page, errors } = await open(env.browser, `${env.server.url}/recipes/hugo/posts/agent-outage/`);
    await settled(page);
    const cards = await page.evaluate(() => [...document.querySelectorAll('blockquote.incident-card')].map((q) => {
      const art = q.shadowRoot.querySelector('.ic-root:not([hidden]) article.ic-card');
      return { state: q.getAttribute('data-state'), title: art?.querySelector('.ic-title').textContent, variant: art?.getAttribute('data-variant') };
    }));
    assert.deepEqual(cards, [
      { state: 'ready', title: titleOf('ICS-0001'), variant: 'full' },
      { state: 'ready', title: titleOf('ICS-0002'), variant: 'compact' },
    ]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a case the site does not hold stops the build, and says where to put it', () => {
    // A copy of the example site (its registry mount by absolute path) with a post that names a
    // case the registry does not have.
    const site = mkdtempSync(join(tmpdir(), 'incident-cards-hugo-'));
    try {
      cpSync(join(repo, 'examples', 'hugo'), site, { recursive: true });
      const config = readFileSync(join(site, 'config.toml'), 'utf8')
        .replace('source = "../../data/incidents"', `source = ${JSON.stringify(join(repo, 'data', 'incidents'))}`);
      writeFileSync(join(site, 'config.toml'), config);
      writeFileSync(join(site, 'content', 'posts', 'missing.md'), '---\ntitle: "Missing"\n---\n\n{{< incident "ICS-9999" >}}\n');
      const r = spawnSync('hugo', ['--source', site, '--destination', join(site, 'public')], { encoding: 'utf8' });
      assert.notEqual(r.status, 0, 'the build fails');
      assert.match(`${r.stdout}${r.stderr}`, /missing\.md:\d+:\d+.*no case "ICS-9999" in the site's data; put its document at data\/incidents\/ICS-9999\.json/);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
