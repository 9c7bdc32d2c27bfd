// Summaries of the benchmark's runs: medians of per-round ratios to the floor, raw medians, and
// the Markdown that goes between the markers of docs/performance.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { LABELS, SCENARIOS } from './pages.mjs';

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * runs: [{ profile, round, scenario, ok, metrics }]. Returns, per profile and scenario, the
 * medians (of raw values, and of per-round ratios to the floor of the same round and profile).
 */
export function summarise(runs, profiles) {
  const out = {};
  for (const profile of profiles) {
    out[profile] = {};
    const ok = runs.filter((r) => r.profile === profile && r.ok);
    const floorOf = (round) => ok.find((r) => r.round === round && r.scenario === 'floor');
    const embedOf = (round) => ok.find((r) => r.round === round && r.scenario === 'embed');
    for (const scenario of SCENARIOS) {
      const mine = ok.filter((r) => r.scenario === scenario);
      const pick = (f) => median(mine.map((r) => f(r.metrics)));
      const ratio = (f) => median(mine.map((r) => {
        const floor = floorOf(r.round);
        return floor ? f(r.metrics) / f(floor.metrics) : NaN;
      }));
      out[profile][scenario] = {
        n: mine.length,
        cardMs: pick((m) => m.cardMs),
        cardRatio: ratio((m) => m.cardMs),
        // Per-round ratio to the script-tag embed of the same round (the list's goal is set on it).
        cardToEmbed: median(mine.map((r) => {
          const embed = embedOf(r.round);
          return embed ? r.metrics.cardMs / embed.metrics.cardMs : NaN;
        })),
        readyMs: pick((m) => m.readyMs),
        fcpMs: pick((m) => m.fcpMs),
        bytes: pick((m) => m.bytes),
        bytesRatio: ratio((m) => m.bytes),
        requests: pick((m) => m.requests),
        cls: pick((m) => m.cls),
        longTasks: pick((m) => m.longTasks),
        longTaskMs: pick((m) => m.longTaskMs),
        widgetScriptMs: pick((m) => m.widgetScriptMs),
        widgetScriptMax: mine.reduce((a, r) => (r.metrics.widgetScriptMs == null ? a : Math.max(a ?? 0, r.metrics.widgetScriptMs)), null),
        widgetBlockingMs: pick((m) => m.widgetBlockingMs),
        widgetBlockingMax: mine.reduce((a, r) => (r.metrics.widgetBlockingMs == null ? a : Math.max(a ?? 0, r.metrics.widgetBlockingMs)), null),
        docRequests: pick((m) => m.docRequests),
        etCount: pick((m) => m.etCount),
      };
    }
  }
  return out;
}

const ms = (x) => (x == null ? '—' : `${Math.round(x)}`);
const ratio = (x) => (x == null ? '—' : `${x.toFixed(x < 10 ? 2 : 1)}×`);
const kb = (x) => (x == null ? '—' : `${(x / 1024).toFixed(1)}`);
const num = (x) => (x == null ? '—' : Number.isInteger(x) ? `${x}` : x.toFixed(1));
const cls = (x) => (x == null ? '—' : x.toFixed(3));

export const PROFILE_TEXT = {
  desktop: 'desktop: 1200×900, no throttling',
  mobile: 'mobile-like: 390×844, CPU ×4 slower, 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up',
};

/** The Markdown table (one per profile) and the lines around it. */
export function markdown(summary, meta) {
  const lines = [];
  lines.push(`Measured ${meta.date} with \`node www/bench/bench.mjs --rounds ${meta.rounds} --profile ${meta.profileArg}\`: ` +
    `${meta.rounds} interleaved rounds, Chromium ${meta.chromium} headless, ${meta.cores} CPU cores, ` +
    `run time ${meta.duration}.${meta.failed ? ` ${meta.failed} run(s) failed and are left out.` : ''}`);
  for (const profile of Object.keys(summary)) {
    lines.push('', `**${PROFILE_TEXT[profile]}** (medians over ${meta.rounds} rounds; × = median of the per-round ratios to the floor)`, '');
    lines.push('| scenario | time to card (ms) | × floor | live card ready (ms) | first contentful paint (ms) | bytes (KiB) | × floor | requests | CLS | long tasks | long-task ms | widget script, longest (ms) | widget blocking time (ms) | documents requested |');
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const scenario of SCENARIOS) {
      const s = summary[profile][scenario];
      if (!s.n) continue; // not run (bench.mjs --only)
      const isFloor = scenario === 'floor';
      lines.push(`| ${LABELS[scenario]} | ${ms(s.cardMs)} | ${isFloor ? '1' : ratio(s.cardRatio)} | ${ms(s.readyMs)} | ${ms(s.fcpMs)} | ` +
        `${kb(s.bytes)} | ${isFloor ? '1' : ratio(s.bytesRatio)} | ${num(s.requests)} | ${cls(s.cls)} | ${num(s.longTasks)} | ` +
        `${ms(s.longTaskMs)} | ${isFloor ? '—' : `${ms(s.widgetScriptMs)} (max ${ms(s.widgetScriptMax)})`} | ` +
        `${isFloor ? '—' : `${ms(s.widgetBlockingMs)} (max ${ms(s.widgetBlockingMax)})`} | ${num(s.docRequests)} |`);
    }
  }
  return lines.join('\n');
}

/** The lines on the list scenario: its time to list against one card's (script tag) and the floor's. */
export function listLines(summary) {
  const out = [];
  for (const profile of Object.keys(summary)) {
    const s = summary[profile].list;
    if (!s || !s.n) continue;
    out.push(`- ${profile}, ${LABELS.list}: time to list ${ms(s.cardMs)} ms, ${ratio(s.cardToEmbed)} the script-tag embed's ` +
      `time to card (${ms(summary[profile].embed.cardMs)} ms) and ${ratio(s.cardRatio)} the floor's ` +
      `(${ms(summary[profile].floor.cardMs)} ms), medians of the per-round ratios over ${s.n} rounds.`);
  }
  return out;
}

/** Replaces what stands between the markers of `file` (creating the file or the section if needed). */
export function writeSection(file, body) {
  const block = `${START}\n${body}\n${END}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) {
    text = text.slice(0, a) + block + text.slice(b + END.length);
  } else {
    text = `${text.trimEnd()}\n\n## Benchmark\n\n${block}\n`;
  }
  writeFileSync(file, text);
}
