#!/usr/bin/env node
// The benchmark: how much an incident card costs a host page, compared with the same card as
// static HTML (the floor). Not a test: it never fails on slow numbers, only when the harness
// itself cannot do its job (exit 1).
//
//   node www/bench/bench.mjs [--rounds N] [--profile desktop|mobile|both] [--write]
//                            [--timeout SECONDS] [--json FILE] [--keep] [--only S,S…]
//
//   --rounds N      interleaved rounds; each runs every scenario once per profile (default 7)
//   --profile P     desktop, mobile or both (default both)
//   --write         replace the generated part of docs/performance.md (between the markers)
//   --timeout S     per page load (default 30)
//   --json FILE     also write every run's raw measurements to FILE
//   --keep          keep the generated pages (and the list's registry) in dist/bench/ afterwards
//   --only S,S…     run only these scenarios (and the floor, which the ratios need), for a closer
//                   look at one with more rounds; the table is then not written to the docs
//
// Needs dist/ (scripts/dev build; or the build $IC_DIST names) and Chromium at /usr/bin/chromium
// (or $CHROMIUM). The card HTML comes from the command-line tool (cargo run --release -p
// incident-cards-cli, or $IC_CLI), and so does the list scenario's registry (10 000 generated
// cases, sharded index, in dist/bench/registry/; IC_BENCH_CASES=N for another count).
// IC_BENCH_FLAGS adds Chromium flags, e.g. "--js-flags=--no-wasm-lazy-compilation" to compile
// the module's functions up front instead of on their first call (docs/performance.md).
// See docs/performance.md for what each scenario and metric is.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/harness.mjs';
import { buildPages, buildRegistry, hasSnippetCommand, LABELS, REGISTRY_PATH, SCENARIOS } from './pages.mjs';
import { probe } from './probe.mjs';
import { listLines, markdown, median, summarise, writeSection } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
// The build to serve: dist/, or the folder $IC_DIST names (relative to the repository, as in the
// tests), e.g. a copy of a newer build.
const dist = resolve(repo, process.env.IC_DIST || 'dist');
const benchDir = join(dist, 'bench');
const registryDir = join(dist, ...REGISTRY_PATH.split('/').filter(Boolean));

// --- arguments ---------------------------------------------------------------------------------
const args = process.argv.slice(2);
function opt(name, dflt) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  if (i + 1 >= args.length) usage(`--${name} needs a value`);
  return args[i + 1];
}
function usage(message) {
  console.error(`bench: ${message}\nusage: node www/bench/bench.mjs [--rounds N] [--profile desktop|mobile|both] [--write] [--timeout SECONDS] [--json FILE] [--keep] [--only S,S…]`);
  process.exit(2);
}
const known = new Set(['--rounds', '--profile', '--write', '--timeout', '--json', '--keep', '--only']);
for (let i = 0; i < args.length; i++) {
  if (!known.has(args[i])) usage(`unknown argument ${args[i]}`);
  if (['--rounds', '--profile', '--timeout', '--json', '--only'].includes(args[i])) i++;
}
const rounds = Number(opt('rounds', '7'));
const profileArg = opt('profile', 'both');
const timeoutMs = Number(opt('timeout', '30')) * 1000;
const jsonFile = opt('json', null);
const write = args.includes('--write');
const keep = args.includes('--keep');
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) usage('--rounds must be 1..100');
if (!['desktop', 'mobile', 'both'].includes(profileArg)) usage('--profile must be desktop, mobile or both');
if (!(timeoutMs >= 5000 && timeoutMs <= 300_000)) usage('--timeout must be 5..300 seconds');
const profiles = profileArg === 'both' ? ['desktop', 'mobile'] : [profileArg];
const only = opt('only', null);
if (only !== null) {
  const unknown = only.split(',').filter((x) => !SCENARIOS.includes(x));
  if (unknown.length) usage(`--only: no scenario ${unknown.join(', ')} (there are ${SCENARIOS.join(', ')})`);
  if (write) usage('--only runs part of the table; it cannot --write it');
}
const scenarios = only === null ? SCENARIOS : SCENARIOS.filter((x) => x === 'floor' || only.split(',').includes(x));

const PROFILES = {
  desktop: { context: { viewport: { width: 1200, height: 900 } } },
  mobile: {
    context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
    cpu: 4,
    network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  },
};

// --- cleanup, whatever happens -----------------------------------------------------------------
let server = null;
let browser = null;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (browser) await within(browser.close(), 10_000, 'closing the browser').catch(() => {});
  if (server) server.kill();
  if (!keep) rmSync(benchDir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`bench: ${sig}, stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- the server --------------------------------------------------------------------------------
async function startServer() {
  const child = spawn(process.execPath, [join(repo, 'www', 'serve.mjs'), '--root', dist, '--port', '0', '--test'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  const line = await within(new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
  }), 10_000, 'starting www/serve.mjs');
  child.stdout.resume();
  return JSON.parse(line).url;
}

// --- one run: one scenario, one profile, a fresh browser context --------------------------------
async function runOnce(base, pages, profile, scenario) {
  const p = PROFILES[profile];
  // A build by someone else empties dist/; put the page back if it went.
  const file = join(benchDir, `${scenario}.html`);
  if (!existsSync(file)) {
    mkdirSync(benchDir, { recursive: true });
    writeFileSync(file, pages[scenario]);
  }
  if (scenario === 'list' && !existsSync(join(registryDir, 'index.json'))) buildRegistry(repo, registryDir);
  await within(fetch(`${base}/__reset`), 5000, 'resetting the request log');

  const context = await within(browser.newContext(p.context), 15_000, 'opening a browser context');
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Every http(s) request of the page; the browser's own /favicon.ico probe is not the page's.
    const requests = new Map(); // requestId -> { url, bytes, done, cached, failed }
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!/^https?:/.test(e.request.url) || new URL(e.request.url).pathname === '/favicon.ico') return;
      if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url, bytes: 0, done: false, cached: false });
    });
    cdp.on('Network.requestServedFromCache', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.cached = true;
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r && (e.response.fromDiskCache || e.response.fromPrefetchCache)) r.cached = true;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) { r.bytes = e.encodedDataLength; r.done = true; }
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = requests.get(e.requestId);
      if (r) { r.done = true; r.failed = e.errorText; }
    });
    await cdp.send('Network.enable');
    if (p.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
    if (p.network) await cdp.send('Network.emulateNetworkConditions', p.network);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.addInitScript(probe);

    const deadline = Date.now() + timeoutMs;
    await page.goto(`${base}/bench/${scenario}.html`, { waitUntil: 'commit', timeout: timeoutMs });

    // Settled: the first card's title is painted; for pages with hosts, at least one card is
    // ready and none is still loading; no request in flight for 500 ms; and 500 ms have passed
    // since the card was painted and since the last card became ready (the window of CLS and
    // long tasks).
    let quietSince = null;
    let state;
    for (;;) {
      if (Date.now() > deadline) {
        throw new Error(`not settled in ${timeoutMs / 1000} s (card ${state?.card ? 'painted' : 'not painted'}, ` +
          `${state?.ready ?? 0} ready, ${state?.loading ?? '?'} loading, ${[...requests.values()].filter((r) => !r.done).length} requests in flight)`);
      }
      state = await within(page.evaluate(() => {
        const B = window.__bench;
        return B && {
          now: performance.now(),
          card: B.card,
          ready: B.ready.length,
          lastReady: B.ready.length ? Math.max(...B.ready.map((r) => r.t)) : null,
          errors: B.errors,
          loading: document.querySelectorAll('[data-state="loading"]').length,
        };
      }), 10_000, 'reading the page state');
      if (state?.errors?.length) {
        // A build from before lists read sharded indexes takes the manifest for a damaged index.
        const hint = state.errors[0].host === 'incident-list' ? ' (does the served build read sharded indexes? IC_DIST names another build)' : '';
        throw new Error(`a card failed: ${JSON.stringify(state.errors[0])}${hint}`);
      }
      const inflight = [...requests.values()].some((r) => !r.done);
      quietSince = inflight ? null : quietSince ?? Date.now();
      if (state?.card && (scenario === 'floor' || state.ready > 0) && state.loading === 0 &&
          quietSince !== null && Date.now() - quietSince >= 500 &&
          state.card.painted != null && state.now >= Math.max(state.card.painted, state.lastReady ?? 0) + 500) break;
      await sleep(100);
    }

    const B = await within(page.evaluate(() => window.__bench), 10_000, 'reading the measurements');
    // When each file was requested and arrived (page clock), to place the long tasks.
    const resources = await within(page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
      name: e.name.replace(/^.*\//, ''), start: Math.round(e.startTime), end: Math.round(e.responseEnd),
    }))), 10_000, 'reading resource timing');
    const log = await within(fetch(`${base}/__log`).then((r) => r.json()), 5000, 'reading the request log');
    const served = log.filter((e) => !e.path.startsWith('/__') && e.path !== '/favicon.ico');
    const readyAt = B.ready.length ? Math.max(...B.ready.map((r) => r.t)) : null;
    const cardMs = B.card.presented ?? B.card.painted;
    const windowEnd = Math.max(cardMs, readyAt ?? 0) + 500;
    const shifts = B.shifts.filter((s) => s.t <= windowEnd);
    const longtasks = B.longtasks.filter((t) => t.t <= windowEnd);
    // The widget's own share of long frames: its scripts (the loader, with the glue and so every
    // call into the module, is one file) as Long Animation Frames attributes them.
    const loaf = B.loaf.filter((f) => f.t <= windowEnd);
    const widgetScripts = loaf.flatMap((f) => f.scripts.filter((x) => x.file === 'embed.js'));
    const all = [...requests.values()];
    const reqs = all.filter((r) => !r.cached);
    const et = B.et.find((e) => e.id === 'card');
    const lcp = B.lcp.filter((e) => e.t <= windowEnd).at(-1) || null;
    return {
      cardMs,
      cardFrameMs: B.card.frame,
      cardPaintedMs: B.card.painted,
      cardPresented: B.card.presented != null,
      titleSeenMs: B.seen,
      readyMs: readyAt,
      fcpMs: B.paint['first-contentful-paint'] ?? null,
      etMs: et ? et.t : null,
      etCount: B.et.filter((e) => e.id === 'card').length,
      lcp,
      bytes: reqs.reduce((a, r) => a + r.bytes, 0),
      requests: reqs.length,
      cachedRequests: all.length - reqs.length,
      requestList: all.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes, cached: r.cached, failed: r.failed })),
      servedRequests: served.length,
      docRequests: served.filter((e) => e.path.startsWith('/data/incidents/')).length,
      indexRequests: served.filter((e) => e.path.startsWith(REGISTRY_PATH)).map((e) => e.path.slice(REGISTRY_PATH.length)),
      cls: shifts.reduce((a, s) => a + s.value, 0),
      shifts,
      longTasks: longtasks.length,
      longTaskMs: longtasks.reduce((a, t) => a + t.d, 0),
      longTaskList: longtasks.map((t) => ({ t: Math.round(t.t), d: Math.round(t.d) })),
      resources,
      blockingMs: longtasks.reduce((a, t) => a + Math.max(0, t.d - 50), 0),
      widgetScriptMs: B.unsupported.includes('long-animation-frame') ? null
        : widgetScripts.reduce((a, x) => Math.max(a, x.d), 0),
      widgetBlockingMs: B.unsupported.includes('long-animation-frame') || B.unsupported.includes('longtask') ? null
        : widgetBlocking(longtasks, widgetScripts),
      longFrames: loaf.map((f) => ({ t: Math.round(f.t), d: Math.round(f.d), scripts: f.scripts })),
      readyCount: B.ready.length,
      unsupported: B.unsupported,
      pageErrors,
    };
  } finally {
    await within(context.close(), 10_000, 'closing the context').catch(() => {});
  }
}

// --- main --------------------------------------------------------------------------------------
const started = Date.now();
let exitCode = 0;
try {
  if (!existsSync(join(dist, 'embed.js'))) throw new Error('dist/ is missing: run scripts/dev build first');
  console.error('bench: rendering the scenario pages with the command-line tool');
  if (!hasSnippetCommand(repo)) throw new Error('the command-line tool has no `snippet` command yet');
  const pages = buildPages(repo);
  rmSync(benchDir, { recursive: true, force: true });
  mkdirSync(benchDir, { recursive: true });
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(benchDir, `${name}.html`), html);
  console.error(`bench: generating the list's registry in ${REGISTRY_PATH} with the command-line tool`);
  buildRegistry(repo, registryDir);

  const base = await startServer();
  browser = await within(chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...(process.env.IC_BENCH_FLAGS || '').split(' ').filter(Boolean)], headless: true,
  }), 30_000, 'launching Chromium');
  const version = browser.version();
  console.error(`bench: ${rounds} rounds × ${profiles.join(' + ')} × ${scenarios.length} scenarios, Chromium ${version}, server ${base}`);

  const runs = [];
  let failed = 0;
  for (let round = 0; round < rounds; round++) {
    // Rotate the order of the scenarios each round (and alternate the profiles), so no scenario
    // always runs first, or always right after another.
    const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]);
    const profileOrder = round % 2 ? [...profiles].reverse() : profiles;
    for (const profile of profileOrder) {
      for (const scenario of order) {
        let metrics = null;
        let error = null;
        for (let attempt = 1; attempt <= 2 && !metrics; attempt++) {
          try {
            metrics = await within(runOnce(base, pages, profile, scenario), timeoutMs + 30_000, `${profile}/${scenario}`);
          } catch (e) {
            error = String(e && e.message || e);
            console.error(`bench: ${profile}/${scenario} round ${round + 1}, attempt ${attempt}: ${error}`);
          }
        }
        runs.push({ profile, round, scenario, ok: !!metrics, error: metrics ? null : error, metrics });
        if (!metrics) failed++;
        else {
          console.error(`  round ${round + 1} ${profile.padEnd(7)} ${scenario.padEnd(8)} card ${Math.round(metrics.cardMs)} ms, ` +
            `${(metrics.bytes / 1024).toFixed(1)} KiB, ${metrics.requests} req, CLS ${metrics.cls.toFixed(3)}, ` +
            `${metrics.longTasks} long tasks (${Math.round(metrics.longTaskMs)} ms), ${metrics.docRequests} documents` +
            (metrics.indexRequests.length ? `, index files ${metrics.indexRequests.join(' ')}` : ''));
        }
      }
    }
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const meta = {
    date: new Date().toISOString().slice(0, 10),
    rounds, profileArg, chromium: version, cores: cpus().length,
    duration: `${Math.floor(seconds / 60)} min ${seconds % 60} s`, failed,
  };
  const summary = summarise(runs, profiles);
  const checks = [...listLines(summary), ...crossChecks(runs, profiles)];
  const body = `${markdown(summary, meta)}\n\n${checks.join('\n')}`;
  console.log(body);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ meta, summary, runs }, null, 1));
  if (failed) {
    exitCode = 1;
    console.error(`bench: ${failed} run(s) failed twice; ${write ? 'docs/performance.md left as it was' : 'see above'}`);
  } else if (write) {
    writeSection(join(repo, 'docs', 'performance.md'), body);
    console.error('bench: wrote the table to docs/performance.md');
  }
} catch (e) {
  console.error(`bench: ${e && e.stack || e}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);

/**
 * The blocking time the widget adds to the page: for each long task, the part of its blocking time
 * (its time over 50 ms, as Total Blocking Time counts it) that the task would not have without
 * the widget's scripts in it, that is max(0, d - 50) - max(0, d - w - 50) for a task of d ms of
 * which w ms are the widget's. Scripts are placed in a task by their start and end.
 */
function widgetBlocking(longtasks, scripts) {
  let sum = 0;
  for (const task of longtasks) {
    const end = task.t + task.d + 1;
    const w = Math.min(task.d, scripts
      .filter((x) => x.t != null && x.t >= task.t - 1 && x.t + x.d <= end)
      .reduce((a, x) => a + x.d, 0));
    sum += Math.max(0, task.d - 50) - Math.max(0, task.d - w - 50);
  }
  return sum;
}

/** Lines under the table: how the frame-based time compares with Element Timing, and what moved. */
function crossChecks(runs, profiles) {
  const out = [];
  for (const profile of profiles) {
    const ok = runs.filter((r) => r.ok && r.profile === profile);
    const of = (s) => ok.filter((r) => r.scenario === s);
    const floor = of('floor');
    const both = floor.filter((r) => r.metrics.etMs != null && r.metrics.cardPresented);
    const same = both.filter((r) => Math.abs(r.metrics.cardMs - r.metrics.etMs) < 0.5).length;
    const et = SCENARIOS.map((s) => `${s} ${median(of(s).map((r) => r.metrics.etCount)) ?? '—'}`).join(', ');
    const marker = ok.filter((r) => r.metrics.cardPresented).length;
    out.push(`- ${profile}: Element Timing entries for the title (elementtiming="card") per run, median: ${et}. ` +
      `The frame marker was reported in ${marker} of ${ok.length} runs; on the floor its renderTime equals the ` +
      `title's Element Timing renderTime in ${same} of ${both.length} runs.`);
    for (const s of SCENARIOS) {
      const moved = new Map();
      for (const r of of(s)) {
        for (const shift of r.metrics.shifts) {
          for (const src of shift.sources) moved.set(src.node, (moved.get(src.node) || 0) + 1);
        }
      }
      if (moved.size) {
        const top = [...moved.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4)
          .map(([node, n]) => `\`${node}\` (${n})`).join(', ');
        out.push(`- ${profile}, ${LABELS[s]}: layout-shift sources (times seen over all rounds): ${top}.`);
      }
    }
  }
  return out;
}
