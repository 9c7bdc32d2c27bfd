// Screenshots of the static card pages written by the `screens` example:
//   cargo run -p incident-card --features ssr --example screens
//   node crates/incident-card/tests/screenshots.mjs [PAGES_DIR] [OUT_DIR] [--all]
// Defaults: target/screens and docs/screenshots (relative to the repository root). Takes full and
// compact cards, light and dark, at 360 px and 720 px wide (full cards: their top MAX_HEIGHT px),
// the full card in each UI language (en, de, es, ar) the same way (lang-<lang>-<theme>-<width>),
// plus the sections option, a list and an error card; with --all, every page at 720 px too (into
// PAGES_DIR, for looking, not for committing). PNGs are re-encoded with a 256-colour palette. Chromium comes from CHROMIUM or
// /usr/bin/chromium; playwright-core from www/node_modules.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(path.join(root, 'www/package.json'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const all = process.argv.includes('--all');
const pages = path.resolve(root, args[0] ?? 'target/screens');
const out = path.resolve(root, args[1] ?? 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // Grey-scale anti-aliasing: fewer colours, much smaller PNGs.
    '--disable-lcd-text', '--force-color-profile=srgb'],
});

// --- Small PNGs: decode Chromium's screenshot, reduce it to a 256-colour palette, re-encode. ---

function decodePng(buf) {
  let pos = 8, width = 0, height = 0, type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      type = data[9];
    } else if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = { 2: 3, 6: 4 }[type];
  if (!bpp) throw new Error(`PNG colour type ${type} not handled`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = px.subarray(y * stride, (y + 1) * stride);
    const up = y ? px.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? row[x - bpp] : 0, b = up[x], c = x >= bpp ? up[x - bpp] : 0;
      let v = src[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = v & 255;
    }
  }
  return { width, height, bpp, px };
}

function chunk(kind, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(kind, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit palette PNG of the most common colours (nearest match for the rest). */
function palettePng({ width, height, bpp, px }) {
  const key = (i) => (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
  const counts = new Map();
  for (let i = 0; i < px.length; i += bpp) {
    const k = key(i) & 0xf0f0f0; // count by 4-bit buckets so shades of one colour pool together
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // The palette: the exact colour most used in each of the 256 busiest buckets.
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 256).map(([k]) => k);
  const best = new Map(top.map((k) => [k, new Map()]));
  for (let i = 0; i < px.length; i += bpp) {
    const m = best.get(key(i) & 0xf0f0f0);
    if (m) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  }
  const palette = top.map((k) => [...best.get(k)].sort((a, b) => b[1] - a[1])[0][0]);
  const cache = new Map();
  const nearest = (c) => {
    let hit = cache.get(c);
    if (hit !== undefined) return hit;
    let d = Infinity;
    palette.forEach((p, j) => {
      const dr = ((p >> 16) & 255) - ((c >> 16) & 255), dg = ((p >> 8) & 255) - ((c >> 8) & 255);
      const db = (p & 255) - (c & 255), e = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
      if (e < d) { d = e; hit = j; }
    });
    cache.set(c, hit);
    return hit;
  };
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = nearest(key((y * width + x) * bpp));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 3;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((p, j) => { plte[j * 3] = p >> 16; plte[j * 3 + 1] = (p >> 8) & 255; plte[j * 3 + 2] = p & 255; });
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr), chunk('PLTE', plte),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Full cards are long: the committed pictures show their top `MAX_HEIGHT` pixels.
const MAX_HEIGHT = Number(process.env.MAX_HEIGHT ?? 1000);

async function shoot(page, file, width, target, maxHeight = Infinity) {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(pathToFileURL(path.join(pages, `${file}.html`)).href);
  const card = page.locator('.ic-card').first();
  const box = await card.boundingBox();
  // The card plus the page's 16 px margin around it.
  const clip = { x: 0, y: 0, width, height: Math.min(Math.ceil(box.y + box.height + 16), maxHeight) };
  const png = await page.screenshot({ clip, fullPage: true, animations: 'disabled' });
  fs.writeFileSync(target, palettePng(decodePng(png)));
  return Math.round(box.height);
}

const page = await browser.newPage({ deviceScaleFactor: 1 });
const heights = {};
for (const variant of ['full', 'compact']) {
  for (const theme of ['light', 'dark']) {
    for (const width of [360, 720]) {
      const name = `${variant}-${theme}-${width}`;
      const max = variant === 'full' ? MAX_HEIGHT : Infinity;
      heights[name] = await shoot(page, `${variant}-${theme}`, width, path.join(out, `${name}.png`), max);
    }
  }
}
// The full card in each UI language, light and dark, at both widths (Arabic: right to left).
for (const lang of ['en', 'de', 'es', 'ar']) {
  for (const theme of ['light', 'dark']) {
    for (const width of [360, 720]) {
      const name = `lang-${lang}-${theme}-${width}`;
      heights[name] = await shoot(page, `lang-${lang}-${theme}`, width, path.join(out, `${name}.png`), MAX_HEIGHT);
    }
  }
}
// A few more for docs/card.md and docs/i18n.md: a translated document (German, Arabic), the
// sections option, a list, an error card.
for (const [name, width, max] of [['translated-de', 720, MAX_HEIGHT], ['translated-ar', 360, MAX_HEIGHT], ['sections-light', 720, Infinity], ['list-light', 720, 1100], ['error-light', 360, Infinity]]) {
  heights[`${name}-${width}`] = await shoot(page, name, width, path.join(out, `${name}-${width}.png`), max);
}
if (all) {
  for (const f of fs.readdirSync(pages).filter((f) => f.endsWith('.html'))) {
    const name = f.replace(/\.html$/, '');
    heights[name] = await shoot(page, name, 720, path.join(pages, `${name}-720.png`));
  }
}
await browser.close();
console.log(JSON.stringify(heights, null, 1));
