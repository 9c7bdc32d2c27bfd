// Scenario pages of the benchmark. Every page is the same host article (same inline styles, same
// text above and below); only what stands where the card goes differs. The card HTML comes from
// the command-line tool, i.e. from the widget's own components rendered natively.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const SCENARIOS = ['floor', 'embed', 'hinted', 'snippet', 'cards20', 'list'];
export const LABELS = {
  floor: 'floor: static HTML card',
  embed: 'script-tag embed',
  hinted: 'script-tag embed + preload hint',
  snippet: 'pre-rendered snippet',
  cards20: '20 cards (script tags)',
  list: 'list of 10 000 cases (sharded index)',
};

// The list scenario: a registry of generated cases with a sharded index, served from
// /bench/registry/ (under the folder the benchmark writes its pages into), and a list filtered as
// a host page would filter it: one failure mode, a minimum severity, a first screenful of five.
// IC_BENCH_CASES runs the list scenario over another size of registry (1000, 100000).
export const REGISTRY_COUNT = Number(process.env.IC_BENCH_CASES || 10000);
LABELS.list = `list of ${String(REGISTRY_COUNT).replace(/\B(?=(\d{3})+$)/g, ' ')} cases (sharded index)`;
export const REGISTRY_PATH = '/bench/registry/';
export const LIST_QUERY = { 'failure-mode': 'Tool Misuse', severity: 'high', limit: '5' };

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Runs the command-line tool: `IC_CLI` if set, else `cargo run -q --release -p incident-cards-cli`. */
function cli(repo, args) {
  const [cmd, argv] = process.env.IC_CLI
    ? [process.env.IC_CLI, args]
    : ['cargo', ['run', '-q', '--release', '-p', 'incident-cards-cli', '--', ...args]];
  // Bounded: a cold release build of the tool takes a few minutes on a small machine.
  return execFileSync(cmd, argv, { cwd: repo, encoding: 'utf8', timeout: 15 * 60_000, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** True when the tool has the `snippet` command (another change may still be adding it). */
export function hasSnippetCommand(repo) {
  try {
    return /^\s+snippet\s/m.test(cli(repo, ['--help']));
  } catch {
    return false;
  }
}

/**
 * Writes the list scenario's registry into `dir` (emptied first): `incident-cards sample --count
 * REGISTRY_COUNT dir`, then `incident-cards index dir --sharded`. Checks that the manifest is
 * sharded and names the failure mode and severity the list filters on; returns the manifest.
 */
export function buildRegistry(repo, dir) {
  rmSync(dir, { recursive: true, force: true });
  cli(repo, ['sample', '--count', String(REGISTRY_COUNT), dir]);
  cli(repo, ['index', dir, '--sharded']);
  const manifest = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  if (manifest.layout !== 'sharded') throw new Error('bench: `incident-cards index --sharded` did not write a sharded manifest');
  for (const [facet, value] of [['failure_mode', LIST_QUERY['failure-mode']], ['severity', LIST_QUERY.severity]]) {
    const shard = (manifest.facets?.[facet] || []).find((s) => s.value === value);
    if (!shard || !shard.count) throw new Error(`bench: the generated registry has no ${facet} "${value}"`);
  }
  return manifest;
}

// The card title carries elementtiming="card" wherever the page author can put it: on the static
// card, and inside the pre-rendered snippet's declarative shadow root (where Chromium ignores it:
// the benchmark records that). The live card of the script-tag embed is built by the widget.
const markTitle = (html) => {
  const out = html.replace(/<h([2-6]) ([^>]*class="ic-title")/, '<h$1 elementtiming="card" $2');
  if (out === html) throw new Error('bench: no card title (class="ic-title") in the CLI output');
  return out;
};

const HOST_CSS = `
body { margin: 0; font: 18px/1.6 Georgia, "Times New Roman", serif; color: #1d232b; background: #fbfbf8; }
.post { max-width: 760px; margin: 0 auto; padding: 24px 20px 48px; }
.post > .kicker { font: 600 13px/1 system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; color: #4d5866; }
.post > h1 { font-size: 36px; line-height: 1.15; margin: 8px 0 12px; }
.post > .byline { font: 14px system-ui, sans-serif; color: #4d5866; }
.post > p { margin: 0 0 1em; }
.post > .ic-card, .post > incident-card, .post > blockquote.incident-card { display: block; margin: 28px 0; }
.post > blockquote.incident-card { padding: 12px 16px; border-left: 4px solid #8a94a3; font-size: 16px; }
`.trim();

const ABOVE = `<p>Agents that act on real systems fail in ways their designers did not rehearse. The case
below is one of several the registry documents in detail: what happened, what is confirmed and what
is only claimed, the chain of causes, and what operators changed afterwards.</p>`;

const BELOW = [
  `<p>Two things stand out in the record. The safeguard that should have stopped the deletion existed
  on paper, and the permissions the agent actually held made it irrelevant. Neither is specific to
  one vendor.</p>`,
  `<p>Operators reviewing their own agents can start with the same questions: which identity does the
  agent act as, which actions are reversible, and who is told when an irreversible one starts.</p>`,
  `<p>The registry keeps each case as one document, so the card above stays in step with corrections
  and new sources without anyone editing this article.</p>`,
];

const BETWEEN = [
  'Each of the following cases is summarised from public reporting and the registries that track it.',
  'The pattern repeats with a different organisation and a different failure mode.',
  'Here the safeguards were in place but the surrounding process did not use them.',
  'Some cases are still developing; the cards say what is confirmed and what is not.',
];

function page(title, head, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
${HOST_CSS}
</style>
${head}</head>
<body>
<main class="post">
<p class="kicker">incident-cards benchmark · host article</p>
<h1>When the agent held more access than anyone meant it to</h1>
<p class="byline">A host article: the same text and layout on every scenario page.</p>
${body}
</main>
</body>
</html>
`;
}

/** A blockquote snippet with the readable fallback (title, summary, link) from the index. */
function quote(entry) {
  const href = `/data/${entry.href}`;
  return `<blockquote class="incident-card" data-src="${esc(href)}" data-theme="light" cite="${esc(href)}">
  <p><strong>${esc(entry.title)}</strong></p>
  <p>${esc(entry.summary)}</p>
  <p><a href="${esc(href)}">Case ${esc(entry.id)}</a> · incident-cards sample registry</p>
</blockquote>`;
}

/**
 * Builds the HTML of every scenario page: { floor, embed, hinted, snippet, cards20, list } (strings),
 * served from /bench/<name>.html. `repo` is the repository root. The list page needs the registry
 * `buildRegistry` writes.
 */
export function buildPages(repo) {
  const doc = join('data', 'incidents', 'ICS-0001.json');
  const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8'));
  const entry = (id) => {
    const e = index.incidents.find((x) => x.id === id);
    if (!e) throw new Error(`bench: no ${id} in data/index.json`);
    return e;
  };
  const script = '<script async src="/embed.js"></script>';

  const card = markTitle(cli(repo, ['render', doc, '--variant', 'full', '--theme', 'light']).trim());
  const floor = page('floor', '<link rel="stylesheet" href="/incident-card.css">\n',
    [ABOVE, card, ...BELOW].join('\n'));

  const embed = page('script-tag embed', '', [ABOVE, quote(entry('ICS-0001')), ...BELOW, script].join('\n'));
  // The same, with the hints `incident-cards snippet --mode blockquote --preload` prints before the
  // blockquote: the module and the document download alongside the loader instead of after it.
  const hint = cli(repo, ['snippet', doc, '--base', '/', '--src', '/data/incidents/ICS-0001.json', '--mode', 'blockquote', '--preload'])
    .split('\n').filter((l) => l.startsWith('<link rel="preload"')).join('\n');
  if (!hint.includes('/cards.wasm') || !hint.includes('/data/incidents/ICS-0001.json')) {
    throw new Error('bench: the snippet command did not print the preload hints');
  }
  const hinted = page('script-tag embed + preload hint', '', [ABOVE, hint, quote(entry('ICS-0001')), ...BELOW, script].join('\n'));

  // --theme light: the same card as the other scenarios (the default, auto, follows the reader).
  const snippetHtml = cli(repo, ['snippet', doc, '--base', '/', '--theme', 'light']).trim();
  if (!snippetHtml.includes('shadowrootmode="open"') || !snippetHtml.includes('embed.js')) {
    throw new Error('bench: the snippet command did not print a declarative shadow root and the script tag');
  }
  const snippet = page('pre-rendered snippet', '', [ABOVE, markTitle(snippetHtml), ...BELOW].join('\n'));

  const ids = index.incidents.map((e) => e.id).filter((id) => /^ICS-000[1-8]$/.test(id)).sort();
  if (ids.length !== 8) throw new Error(`bench: expected ICS-0001..0008 in data/index.json, found ${ids.length}`);
  const parts = [ABOVE];
  for (let i = 0; i < 20; i++) {
    if (i > 0) parts.push(`<p>${esc(BETWEEN[i % BETWEEN.length])}</p>`);
    parts.push(quote(entry(ids[i % ids.length])));
  }
  parts.push(...BELOW, script);
  const cards20 = page('20 cards', '', parts.join('\n'));

  // The list where the card goes, with the same script tag. The host gives it the card's block
  // and margins (an <incident-list> is inline until its shadow root's :host rule applies) and,
  // as the README advises for a list in the first screen, the height of the list's skeleton
  // (400 px), so nothing moves when it arrives; the rule is in this page's head only, so the
  // other pages keep their bytes.
  const listAttrs = Object.entries(LIST_QUERY).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  const list = page('list', '<style>\n.post > incident-list { display: block; margin: 28px 0; min-height: 400px; }\n</style>\n',
    [ABOVE, `<incident-list src="${REGISTRY_PATH}index.json" theme="light"${listAttrs}></incident-list>`, ...BELOW, script].join('\n'));

  return { floor, embed, hinted, snippet, cards20, list };
}
