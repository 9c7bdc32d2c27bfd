// Shared end-to-end harness: serves dist/ with www/serve.mjs in test mode on 127.0.0.1 (a random
// port, plus a second origin), and launches Debian's headless Chromium through playwright-core.
// Everything is bounded: the server and the browser are stopped by the test's `after` hook.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

const index = JSON.parse(readFileSync(join(repo, 'data', 'index.json'), 'utf8'));

/** The title of a sample case, as the sample registry's index gives it. */
export const titleOf = (id) => index.incidents.find((e) => e.id === id).title;

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the test server; resolves to { url, other, stop(), log(), reset() }. */
export async function startServer({ root = process.env.IC_DIST || 'dist' } = {}) {
  const child = spawn(process.execPath, [join(here, '..', 'serve.mjs'), '--root', join(repo, root), '--port', '0', '--test'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = await Promise.race([
    once(child.stdout, 'data'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('server did not start in 10 s')), 10_000)),
  ]);
  const { url, other } = JSON.parse(String(chunk).trim().split('\n')[0]);
  return {
    url,
    other,
    async log() { return (await fetch(`${url}/__log`)).json(); },
    async reset() { await fetch(`${url}/__reset`); await fetch(`${other}/__reset`); },
    async otherLog() { return (await fetch(`${other}/__log`)).json(); },
    stop() { child.kill(); },
  };
}

/** Launches headless Chromium (fresh profile each launch). */
export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens `path` in a fresh context and collects what a host page would see go wrong:
 * uncaught errors, unhandled rejections, console lines, CSP violations.
 */
export async function open(browser, url, { viewport = { width: 1200, height: 900 }, beforeLoad } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const consoleLines = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => consoleLines.push({ type: m.type(), text: m.text() }));
  await page.addInitScript(() => {
    window.__violations = [];
    window.__rejections = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason)));
  });
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, errors, consoleLines };
}

/**
 * A `beforeLoad` for `open`: the page gets a clipboard that succeeds and keeps the last text
 * written in `window.__copied` (headless Chromium refuses the real one).
 */
export function fakeClipboard(page) {
  return page.addInitScript(() => {
    window.__copied = null;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (t) => { window.__copied = t; return Promise.resolve(); } },
    });
  });
}

/**
 * A `beforeLoad` step for `open`: the page whose address matches `path` is served with `text`
 * inserted before the first `marker` in it (a test fails if the marker is missing), and with
 * `headers` added to its response.
 */
export function insertBefore(page, path, marker, text, headers = {}) {
  return page.route(path, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    if (!html.includes(marker)) throw new Error(`insertBefore: no ${marker} in ${route.request().url()}`);
    await route.fulfill({ response, body: html.replace(marker, text + marker), headers: { ...response.headers(), ...headers } });
  });
}

/** Waits until every card host matching `selector` has left the loading state. */
export async function settled(page, selector = 'incident-card, incident-list, blockquote.incident-card', timeout = 20_000) {
  await page.waitForFunction((sel) => {
    const hosts = [...document.querySelectorAll(sel)];
    return hosts.length > 0 && hosts.every((h) => ['ready', 'error'].includes(h.getAttribute('data-state')));
  }, selector, { timeout });
}

/**
 * Shows the whole of a card held at its fallback's height (www/loader/steady.js), as a reader
 * would, by pressing its "Show the whole case" button; nothing when the card is not held.
 */
export async function showWhole(page, host) {
  const button = page.locator(`${host} .ic-expand`);
  if (await button.count()) await button.click();
}

/**
 * Shows every held card of the page whole (each "Show the whole case" button pressed), so that
 * axe-core can check what a held card's fade covers: under the fade it reports the contrast of
 * the text as "incomplete", not as passed or violated. Returns how many it pressed.
 */
export async function showAllWhole(page) {
  const buttons = page.locator('.ic-expand');
  const n = await buttons.count();
  for (let i = 0; i < n; i += 1) await buttons.nth(0).click();
  return n;
}

/**
 * Records the page's layout shifts from its start (for `page.addInitScript`): their sum without
 * those after input in `window.__shift`, and in `window.__shifted` what moved, from where to
 * where and when, for a failure's message.
 */
export function recordShifts() {
  window.__shift = 0;
  window.__shifted = [];
  const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shift += e.value;
      for (const s of e.sources || []) {
        const node = s.node ? `${s.node.nodeName}.${s.node.className || ''}` : '(shadow)';
        window.__shifted.push(`${node} ${box(s.previousRect)} -> ${box(s.currentRect)} at ${Math.round(e.startTime)} ms`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Scrolls through the page so lazy cards mount. */
export async function scrollThrough(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    window.scrollTo(0, 0);
  });
}

/**
 * For a test file: starts the server and the browser before its tests and stops both after.
 * Returns an object whose `server` and `browser` are set once the `before` hook has run.
 */
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
