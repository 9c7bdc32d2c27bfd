// Screenshots of the static card pages written by the `screens` example:
//   cargo run -p incident-card --features ssr --example screens
//   node crates/incident-card/tests/screenshots.mjs [PAGES_DIR] [OUT_DIR] [--all]
// Defaults: target/screens and docs/screenshots (relative to the repository root). Takes full and
// compact cards, light and dark, at 360 px and 720 px wide; with --all, every page at 720 px too
// (into PAGES_DIR, for looking, not for committing). Chromium comes from CHROMIUM or
// /usr/bin/chromium; playwright-core from www/node_modules.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

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
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(page, file, width, target) {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(pathToFileURL(path.join(pages, `${page_name(file)}.html`)).href);
  const card = page.locator('.ic-card').first();
  await card.screenshot({ path: target, animations: 'disabled' });
  const box = await card.boundingBox();
  return Math.round(box.height);
}
const page_name = (f) => f;

const page = await browser.newPage({ deviceScaleFactor: 1 });
const heights = {};
for (const variant of ['full', 'compact']) {
  for (const theme of ['light', 'dark']) {
    for (const width of [360, 720]) {
      const name = `${variant}-${theme}-${width}`;
      heights[name] = await shoot(page, `${variant}-${theme}`, width, path.join(out, `${name}.png`));
    }
  }
}
if (all) {
  for (const f of fs.readdirSync(pages).filter((f) => f.endsWith('.html'))) {
    const name = f.replace(/\.html$/, '');
    heights[name] = await shoot(page, name, 720, path.join(pages, `${name}-720.png`));
  }
}
await browser.close();
console.log(JSON.stringify(heights, null, 1));
