// What the browser suites expect alike, whatever drives the browser: Chromium through
// Playwright (`hostile.test.mjs`), Firefox through Puppeteer (`firefox.test.mjs`), WebKit through
// WebDriver (`webkit.test.mjs`). Each suite keeps only how it drives its engine; the pages, the
// functions run in them and the assertions on what they return are here, so that one expectation
// is written once. Functions marked "run in the page" are passed to the driver as source: they use
// nothing from this module.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The module's download faults `www/serve.mjs --test` serves (`/__wasm/KIND/embed.js`): the
 * error code every card reports, and what the one console line says.
 */
export const LOAD_FAULTS = [
  ['404', 'load-http-error', /answered HTTP 404/],
  ['corrupt', 'load-corrupt', /module is damaged/],
  ['abort', 'load-network', /could not be downloaded/],
];

/** A fault's test name. */
export const faultTitle = (kind, code) =>
  `the module ${kind === 'abort' ? 'cut off' : kind}: "${code}", one console line, the blockquote kept`;

/** What a fault's console line must say, and must not: a download fault is no policy's. */
export function assertFaultLine(lines, said) {
  assert.equal(lines.length, 1, JSON.stringify(lines));
  assert.match(lines[0], said);
  assert.doesNotMatch(lines[0], /Content-Security-Policy|wasm-unsafe-eval/);
}

const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * The iframe snippet of case ICS-0001, as its case page offers it, in two host pages written into
 * `out` (which `site` fills with the sample registry's public site, served at `base`, the widget
 * at `widget`): `plain.html`, and `csp.html` under a strict policy built from the hashes the
 * case page prints. Returns the two file names.
 */
export function iframeHosts({ cli, repo, out, base, widget }) {
  execFileSync(cli, ['site', join(repo, 'data'), out, '--base', base, '--widget', widget], { stdio: 'pipe' });
  const casePage = readFileSync(join(out, 'cases', 'ICS-0001', 'index.html'), 'utf8');
  const snippet = unescape(casePage.match(/<textarea id="snippet-iframe" readonly rows="6">([\s\S]*?)<\/textarea>/)[1]);
  const said = casePage.match(/the iframe needs[^.]*?<code>'(sha256-[^']+)'<\/code> in <code>script-src<\/code> and <code>'unsafe-hashes' '(sha256-[^']+)'<\/code> in <code>style-src/);
  assert.ok(said, 'the case page prints the hashes');
  const frameOrigin = new URL(widget).origin;
  const csp = `default-src 'none'; img-src data:; frame-src ${frameOrigin}; script-src '${said[1]}'; style-src 'unsafe-hashes' '${said[2]}'`;
  const pages = [['plain.html', ''], ['csp.html', `<meta http-equiv="Content-Security-Policy" content="${csp}">`]];
  for (const [name, head] of pages) {
    writeFileSync(join(out, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">${head}</head>
<body><article><h1>An article</h1><p>${'Text before the case. '.repeat(20)}</p>${snippet}<p id="after">${'Text after the case. '.repeat(40)}</p></article></body></html>`);
  }
  return pages.map(([name]) => name);
}

/**
 * Script that watches the paragraph under the card (`#below`) every frame from its parsing, and
 * keeps each new top it sees in `window.__tops` until `window.__stop`: for engines without
 * layout-shift entries. Run before the page's own scripts.
 */
export const WATCH_BELOW = `window.__tops = []; (function watch() {
  var below = document.getElementById('below');
  if (below) { var top = Math.round(below.getBoundingClientRect().top + scrollY); if (__tops[__tops.length - 1] !== top) __tops.push(top); }
  if (!window.__stop) requestAnimationFrame(watch);
})();`;

/** Run in the page: stops the watch; what it saw, and whether the card is held at its height. */
export function stillState() {
  window.__stop = true;
  const host = document.querySelector('blockquote.incident-card, incident-card, incident-list');
  return { tops: window.__tops, scrolled: window.scrollY, held: !!host.shadowRoot.querySelector('.ic-held') };
}

/** The paragraph under the card never moved, and the card is held at the height it had. */
export function assertStill(r) {
  assert.equal(r.scrolled, 0);
  assert.equal(r.tops.length, 1, `the paragraph under the card moved: ${r.tops.join(' → ')} px`);
  assert.ok(r.held, 'the card is held at the height it had');
}

/**
 * Run in the page, on `fixtures/crash.html` once the widget stopped: the two cards, and what a
 * third `mount()` gives.
 */
export async function crashState() {
  const one = document.getElementById('one');
  const two = document.getElementById('two');
  let refused = null;
  try {
    await window.IncidentCards.mount(document.getElementById('three'), { src: '/data/incidents/ICS-0003.json' });
  } catch (e) {
    refused = String(e.message || e);
  }
  return {
    one: one.getAttribute('data-state'),
    oneSlot: !!(one.shadowRoot && one.shadowRoot.querySelector('slot')),
    oneText: one.innerText,
    two: two.getAttribute('data-state'),
    twoText: two.shadowRoot.textContent,
    refused,
  };
}

/**
 * After a panic in one card: every card shows its fallback, a new mount is refused, and the
 * console has the widget's one line (`lines`: the widget's own console lines, as text), after the
 * warning of a module compiled from its bytes when `bytes`.
 */
export function assertFellBack(state, lines, bytes) {
  assert.equal(state.one, 'error');
  assert.ok(state.oneSlot, 'the rendered card went back to its readable fallback');
  assert.match(state.oneText, /Fallback one/);
  assert.equal(state.two, 'error');
  assert.match(state.twoText, /could not be shown/);
  assert.match(state.refused || '', /stopped after an internal error/);
  const rest = [...lines];
  if (bytes) assert.match(rest.shift() || '', /streaming compilation lost/);
  assert.equal(rest.length, 1, JSON.stringify(lines));
  assert.match(rest[0], /internal error/);
}
