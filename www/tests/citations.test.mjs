// Citations for reference managers (`incident-cards cite`, incident_model::cite): what the CLI
// writes in BibTeX, RIS and CSL-JSON is read back with citation-js, a maintained citation library,
// and must give the same title, id, revision, dates (of the revision and of access) and address.
// A title full of each format's special characters comes back intact, and a publisher that
// tries to end a RIS record early does not.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { open, serverAndBrowser } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const env = serverAndBrowser();
const cli = process.env.IC_CLI || join(repo, 'target', 'debug', 'incident-cards');
const FORMATS = ['bibtex', 'ris', 'csl-json'];
const URL_CITED = 'https://cards.example/cases/ICS-0001/';

const cite = (file, format) => execFileSync(cli, ['cite', file, '--format', format, '--url', URL_CITED,
  '--accessed', '2026-12-03', '--publisher', 'Example Registry'], { encoding: 'utf8' });

/** The one item citation-js reads from `text`. */
async function read(text) {
  const items = (await Cite.async(text)).data;
  assert.equal(items.length, 1, `one item: ${JSON.stringify(items)}`);
  return items[0];
}

/** The revision: CSL's `version`, which RIS carries as the edition (its `ET` field). */
const revisionOf = (item) => item.version ?? item.edition;

describe('citations', () => {
  for (const format of FORMATS) {
    test(`${format} round-trips through citation-js`, async () => {
      const file = join(repo, 'data', 'incidents', 'ICS-0001.json');
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      const item = await read(cite(file, format));
      assert.equal(item.title, doc.title);
      assert.equal(item.id, 'ICS-0001');
      assert.equal(item.URL, URL_CITED);
      assert.equal(String(revisionOf(item)), String(doc.revision ?? 1));
      const revised = (doc.dates.modified ?? doc.dates.filed).split('-').map(Number);
      assert.deepEqual(item.issued['date-parts'], [revised], 'the date of the revision cited');
      assert.deepEqual(item.accessed['date-parts'], [[2026, 12, 3]], 'the access date');
      assert.equal(item.publisher, 'Example Registry');
      assert.match(item.note, /Case ICS-0001, revision 1 of 2026-11-21/);
    });
  }

  test("each format's special characters come back intact, and nothing ends a RIS record early", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-cards-cite-'));
    try {
      const doc = JSON.parse(readFileSync(join(repo, 'data', 'incidents', 'ICS-0001.json'), 'utf8'));
      doc.title = '50% of {agents} & co_op: $5 #1 ~ ^ back\\slash, "quoted", Ünïcödé';
      const file = join(dir, 'ICS-0001.json');
      writeFileSync(file, JSON.stringify(doc));
      for (const format of FORMATS) {
        const item = await read(cite(file, format));
        assert.equal(item.title, doc.title, format);
      }
      // A newline cannot reach a RIS line (documents refuse control characters; the publisher
      // comes from the command line): the record stays one record.
      const publisher = 'Registry\nER  - \nTY  - JOUR\nTI  - Injected';
      const ris = execFileSync(cli, ['cite', file, '--format', 'ris', '--url', URL_CITED, '--accessed', '2026-12-03',
        '--publisher', publisher], { encoding: 'utf8' });
      assert.equal(ris.match(/^ER {2}- /gm).length, 1, ris);
      const item = await read(ris);
      assert.equal(item.title, doc.title);
      assert.equal(item.publisher, 'Registry ER - TY - JOUR TI - Injected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Regression: BibTeX's url was escaped like text (`a\_b`), so citation-js read back a dead
  // address; a brace without its pair in a title was written `\}`, which BibTeX counts, and the
  // entry lost every field after it. An organisation with a comma came back from RIS as a person.
  test('an address with _ ~ % # &, an unmatched brace and a comma in the publisher come back as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-cards-cite-'));
    try {
      const doc = JSON.parse(readFileSync(join(repo, 'data', 'incidents', 'ICS-0001.json'), 'utf8'));
      doc.title = 'Only a closing brace } here';
      const file = join(dir, 'ICS-0001.json');
      writeFileSync(file, JSON.stringify(doc));
      const url = 'https://ex.org/~u/reg_1/c%20d/#x&y';
      for (const format of FORMATS) {
        const text = execFileSync(cli, ['cite', file, '--format', format, '--url', url, '--accessed', '2026-12-03',
          '--publisher', 'Reg, Inc.'], { encoding: 'utf8' });
        const item = await read(text);
        assert.equal(item.title, doc.title, format);
        assert.equal(item.URL, url, format);
        assert.deepEqual(item.accessed['date-parts'], [[2026, 12, 3]], format);
        assert.equal(item.author.length, 1, format);
        assert.ok(!item.author[0].given, `${format}: the organisation read as a person: ${JSON.stringify(item.author)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad access date and a document with no address of its own are refused with advice', () => {
    const file = join(repo, 'data', 'incidents', 'ICS-0001.json');
    const bad = (args) => {
      try {
        execFileSync(cli, ['cite', file, ...args], { encoding: 'utf8', stdio: 'pipe' });
        return null;
      } catch (e) {
        return { status: e.status, stderr: String(e.stderr) };
      }
    };
    assert.deepEqual(bad(['--url', URL_CITED, '--accessed', '3 Dec 2026']),
      { status: 2, stderr: 'incident-cards: --accessed "3 Dec 2026" is not a date; give it as YYYY-MM-DD\n' });
    const r = bad([]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /names no address of its own \(links\.html or links\.json\); give the address to cite with --url/);
  });
});

// The case page (incident-cards site) offers the three files; its script gives the one a reader
// downloads today's access date.
describe("a case page's citations", () => {
  const out = join(repo, process.env.IC_DIST || 'dist', 'recipes', 'cite');
  before(() => {
    execFileSync(cli, ['site', join(repo, 'data'), out, '--base', `${env.server.url}/recipes/cite/`, '--widget', `${env.server.url}/`], { stdio: 'pipe' });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  test('each downloads with the revision, the case page as its address and today as the access date', async () => {
    const page = `${env.server.url}/recipes/cite/cases/ICS-0001/`;
    // A day the site was not built on: the files carry the build day, the download the reader's.
    const { context, page: tab, errors } = await open(env.browser, page, {
      beforeLoad: (p) => p.clock.setFixedTime(new Date('2031-05-06T12:00:00')),
    });
    for (const [label, file] of [['BibTeX', 'ICS-0001.bib'], ['RIS', 'ICS-0001.ris'], ['CSL-JSON', 'ICS-0001.json']]) {
      const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('link', { name: label, exact: true }).click()]);
      assert.equal(download.suggestedFilename(), file);
      const text = readFileSync(await download.path(), 'utf8');
      const item = await read(text);
      assert.equal(item.URL, page, label);
      assert.equal(String(revisionOf(item)), '1', label);
      assert.deepEqual(item.accessed['date-parts'], [[2031, 5, 6]], `${label}: today's access date`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});
