// A small static server for dist/, bound to 127.0.0.1 only. It applies www/_headers (the same
// file static hosts read), so the demo and the tests see the production headers.
//
//   node www/serve.mjs --root dist --port 8080            the demo
//   node www/serve.mjs --root dist --port 0 --test        tests: fault routes, a request log, and
//                                                         a second origin (printed on stdout)
//
// Test routes (only with --test):
//   /__fault/<kind>/<anything>.json   kinds: 500, 404, 403, 429, hang, slow, truncated, html,
//                                     oversize, oversize-chunked, abort, flaky, bom, newer-major, nocors,
//                                     newer-minor, invalid, not-incident, ok, bomb, flaky-bomb, oversize-slow,
//                                     big-index (an index over the document limit, under its own),
//                                     404-once (404, then the document), redirect (302 to the
//                                     sample document on the second origin)
//                                     (bomb: a small gzip body that decodes to 64 MiB; oversize-slow:
//                                     1 MiB declared; both sent in slow pieces, and the log entry
//                                     says how much was sent)
//   /__log                            JSON list of requests since the last /__reset
//   /__reset                          clears the log
//   /__test/<file>                    fixture pages from www/tests/fixtures/ (csp-<policy>.html: csp.html
//                                     under the named policy)
//   /__hostile/<file>                 the hostile documents of tests/hostile-documents/
//   /__wasm/<kind>/<path>             dist/<path>, its .wasm files served with a fault; kinds: 404,
//                                     mime (as application/octet-stream), corrupt (cut to half its
//                                     length), abort (the connection closed without an answer)
//   /__test/wasm-<kind>.html          one-card.html loading /__wasm/<kind>/embed.js (so its module
//                                     comes with that fault)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`Serves a folder on 127.0.0.1 with the headers of www/_headers, compressed as a static host does.

  node www/serve.mjs [--root DIR] [--port N] [--test]

  --root DIR   the folder to serve (default: dist)
  --port N     the port (default: 8080; 0 picks a free one, printed on stdout)
  --test       the test routes too (fault routes, a request log, a second origin): see this file's header
`);
  process.exit(0);
}
const known = new Set(['--root', '--port', '--test']);
const unknown = args.filter((a, i) => a.startsWith('-') && !known.has(a) && !(i > 0 && ['--root', '--port'].includes(args[i - 1])));
if (unknown.length) {
  process.stderr.write(`serve.mjs: unknown option ${unknown.join(' ')}; node www/serve.mjs --help lists the options.\n`);
  process.exit(2);
}
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(opt('root', 'dist'));
const port = Number(opt('port', '8080'));
const testMode = args.includes('--test');
const fixtures = join(here, 'tests', 'fixtures');
const hostileDocs = join(here, '..', 'tests', 'hostile-documents');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8',
};

/** Parses the _headers format: a path pattern line, then indented "Name: value" lines. */
function loadHeaders(file) {
  if (!existsSync(file)) return [];
  const rules = [];
  let current = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = { pattern: line.trim(), headers: [] };
      rules.push(current);
    } else if (current) {
      const i = line.indexOf(':');
      if (i > 0) current.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}
const headerRules = loadHeaders(join(root, '_headers'));
const matches = (pattern, path) =>
  pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;

const CSP = {
  strict: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; report-uri /__csp",
  nowasm: "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; report-uri /__csp",
  tt: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; require-trusted-types-for 'script'; report-uri /__csp",
};

let log = [];
const counters = new Map();

function sampleDocument() {
  const file = join(root, 'data', 'incidents', 'ICS-0001.json');
  return existsSync(file) ? readFileSync(file) : Buffer.from('{}');
}

let bombBody = null;
function bomb() {
  if (!bombBody) bombBody = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
  return bombBody;
}

let otherOrigin = ''; // the second origin, once it listens (test mode)

function fault(kind, req, res, url) {
  const key = url.pathname;
  const n = (counters.get(key) || 0) + 1;
  counters.set(key, n);
  const json = { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' };
  const doc = sampleDocument();
  switch (kind) {
    case 'ok': return res.writeHead(200, json).end(doc);
    case 'nocors': return res.writeHead(200, { 'Content-Type': 'application/json' }).end(doc);
    case '500': return res.writeHead(500, json).end('{"error":"boom"}');
    case '404': return res.writeHead(404, json).end('{"error":"not found"}');
    case '403': return res.writeHead(403, json).end('{"error":"forbidden"}');
    case '429': return res.writeHead(429, { ...json, 'Retry-After': '1' }).end('{}');
    case 'flaky': return n === 1 ? res.writeHead(503, json).end('{}') : res.writeHead(200, json).end(doc);
    case '404-once': return n === 1 ? res.writeHead(404, json).end('{"error":"not found"}') : res.writeHead(200, json).end(doc);
    case 'redirect': return res.writeHead(302, { ...json, Location: `${otherOrigin}/data/incidents/ICS-0001.json` }).end();
    case 'hang': {
      // Never answers; the widget's timeout aborts. Bounded: the socket closes after 60 s.
      const t = setTimeout(() => res.destroy(), 60_000);
      req.on('close', () => clearTimeout(t));
      return;
    }
    case 'slow': return setTimeout(() => res.writeHead(200, json).end(doc), 1500);
    case 'truncated': return res.writeHead(200, json).end(doc.subarray(0, Math.floor(doc.length / 2)));
    case 'html': return res.writeHead(200, { ...json, 'Content-Type': 'text/html' }).end('<!doctype html><title>Oops</title><h1>Not here</h1>');
    case 'oversize': {
      const body = Buffer.alloc(600 * 1024, 0x20);
      return res.writeHead(200, { ...json, 'Content-Length': String(body.length) }).end(body);
    }
    case 'oversize-chunked': {
      res.writeHead(200, json);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 10; i++) res.write(chunk);
      return res.end();
    }
    case 'abort': return res.destroy();
    case 'bom': return res.writeHead(200, json).end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), doc]));
    case 'newer-major': {
      const d = JSON.parse(doc.toString()); d.schema_version = '2.0.0';
      return res.writeHead(200, json).end(JSON.stringify(d));
    }
    case 'newer-minor': {
      const d = JSON.parse(doc.toString()); d.schema_version = '1.7.0'; d.future_field = { x: [1, 2] };
      return res.writeHead(200, json).end(JSON.stringify(d));
    }
    case 'invalid': {
      const d = JSON.parse(doc.toString());
      if (Array.isArray(d.sources) && d.sources[0]) d.sources[0].url = 'javascript:alert(1)';
      return res.writeHead(200, json).end(JSON.stringify(d));
    }
    case 'not-incident': return res.writeHead(200, json).end('{"hello":"world"}');
    case 'big-index': {
      // The sample index, padded with whitespace past the 256 KiB document limit (an index may
      // have up to 4 MiB).
      const file = join(root, 'data', 'index.json');
      const index = existsSync(file) ? readFileSync(file) : Buffer.from('{}');
      const body = Buffer.concat([index, Buffer.alloc(300 * 1024, 0x20)]);
      return res.writeHead(200, { ...json, 'Content-Length': String(body.length) }).end(body);
    }
    case 'flaky-bomb': if (n === 1) return res.writeHead(503, json).end('{}');
    // falls through
    case 'bomb':
      // A compressed body whose declared length is well under the document limit but which
      // decodes to 64 MiB, sent in pieces: a client that stops reading once it has more than the
      // limit ends the transfer early.
      return trickle(res, bomb(), { ...json, 'Content-Encoding': 'gzip' });
    case 'oversize-slow':
      // A body that declares a length over the limit, sent in pieces: a client that does not
      // read it should cancel it rather than let it download.
      return trickle(res, Buffer.alloc(1024 * 1024, 0x20), json);
    default: return res.writeHead(400).end('unknown fault');
  }
}

// Sends `body` with its length declared, in 2 KiB pieces 20 ms apart; the request's log entry
// records how many pieces went out (`trickle: {pieces, sent, finished}`).
function trickle(res, body, headers) {
  const entry = log[log.length - 1];
  const piece = 2048;
  const pieces = Math.ceil(body.length / piece);
  entry.trickle = { pieces, sent: 0, finished: false };
  res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= pieces) {
      clearInterval(timer);
      if (i >= pieces) { entry.trickle.finished = true; res.end(); }
      return;
    }
    res.write(body.subarray(i * piece, (i + 1) * piece));
    entry.trickle.sent = ++i;
  }, 20);
  res.on('close', () => clearInterval(timer));
}

// A file of dist/ under /__wasm/<kind>/ (see the list at the top): served as usual, except a
// .wasm file, which is served with the fault.
function wasmFault(kind, path, req, res) {
  const file = normalize(join(root, decodeURIComponent(path)));
  if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end('not found');
  const headers = {};
  for (const rule of headerRules) if (matches(rule.pattern, path)) for (const [k, v] of rule.headers) headers[k] = v;
  if (!file.endsWith('.wasm')) return serveFile(file, res, headers, req);
  switch (kind) {
    case '404': return res.writeHead(404, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' }).end('not found');
    case 'mime': return serveFile(file, res, { ...headers, 'Content-Type': 'application/octet-stream' }, req);
    case 'corrupt': {
      const body = readFileSync(file);
      return res.writeHead(200, { ...headers, 'Content-Type': 'application/wasm' }).end(body.subarray(0, body.length >> 1));
    }
    case 'abort': return res.destroy();
    default: return res.writeHead(400).end('unknown fault');
  }
}

// Compression as a static host or CDN does it: brotli when the browser offers it, else gzip, for
// text and wasm; each file compressed once (at the highest level, as for precompressed assets).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.xml', '.bib', '.ris']);
const packed = new Map();
function encodingFor(req) {
  const offered = String(req?.headers['accept-encoding'] || '');
  if (/\bbr\b/.test(offered)) return 'br';
  if (/\bgzip\b/.test(offered)) return 'gzip';
  return null;
}
function compressed(path, body, encoding) {
  const key = `${encoding}:${path}:${statSync(path).mtimeMs}`;
  if (!packed.has(key)) {
    packed.set(key, encoding === 'br'
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 9 }));
  }
  return packed.get(key);
}

function serveFile(path, res, extraHeaders, req) {
  const ext = extname(path);
  const type = TYPES[ext] || 'application/octet-stream';
  let body = readFileSync(path);
  const headers = { 'Content-Type': type };
  if (COMPRESSIBLE.has(ext)) {
    headers.Vary = 'Accept-Encoding';
    const encoding = body.length > 256 ? encodingFor(req) : null;
    if (encoding) {
      body = compressed(path, body, encoding);
      headers['Content-Encoding'] = encoding;
    }
  }
  res.writeHead(200, { ...headers, 'Content-Length': body.length, ...extraHeaders });
  res.end(body);
}

function handler(origin) {
  return (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (testMode) {
      log.push({ origin, path: url.pathname + url.search, method: req.method, referer: req.headers.referer || null, cookie: req.headers.cookie || null });
      if (url.pathname === '/__log') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(log));
      if (url.pathname === '/__reset') { log = []; counters.clear(); return res.writeHead(204).end(); }
      if (url.pathname === '/__csp') return res.writeHead(204).end();
      const m = url.pathname.match(/^\/__fault\/([a-z0-9-]+)\//);
      if (m) return fault(m[1], req, res, url);
      if (url.pathname.startsWith('/__hostile/')) {
        const file = normalize(join(hostileDocs, url.pathname.slice('/__hostile/'.length)));
        if (!file.startsWith(hostileDocs + sep) || !existsSync(file)) return res.writeHead(404).end('not found');
        return serveFile(file, res, { 'Content-Type': 'application/json' });
      }
      const w = url.pathname.match(/^\/__wasm\/([a-z0-9-]+)(\/.*)$/);
      if (w) return wasmFault(w[1], w[2], req, res);
      if (url.pathname.startsWith('/__test/')) {
        const name = url.pathname.slice('/__test/'.length);
        const kind = name.match(/^wasm-([a-z0-9-]+)\.html$/);
        if (kind) {
          const page = readFileSync(join(fixtures, 'one-card.html'), 'utf8');
          if (!page.includes('src="/embed.js"')) return res.writeHead(500).end('one-card.html lost its script tag');
          return res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(page.replace('src="/embed.js"', `src="/__wasm/${kind[1]}/embed.js"`));
        }
        // csp-strict.html, csp-nowasm.html, csp-tt.html: one page, served under each policy.
        const file = normalize(join(fixtures, /^csp-[a-z]+\.html$/.test(name) ? 'csp.html' : name));
        if (!file.startsWith(fixtures + sep) || !existsSync(file)) return res.writeHead(404).end('not found');
        const csp = Object.keys(CSP).find((k) => name.startsWith(`csp-${k}`));
        return serveFile(file, res, csp ? { 'Content-Security-Policy': CSP[csp] } : {});
      }
    }
    let path = decodeURIComponent(url.pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return res.writeHead(403).end('forbidden');
    let target = file;
    if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
    if (!existsSync(target)) {
      return res.writeHead(404, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' }).end('not found');
    }
    const headers = {};
    for (const rule of headerRules) if (matches(rule.pattern, path)) for (const [k, v] of rule.headers) headers[k] = v;
    serveFile(target, res, headers, req);
  };
}

const server = createServer(handler('main'));
server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address();
  if (testMode) {
    // A second origin on another port, for "disallowed origin" tests.
    const other = createServer(handler('other'));
    other.listen(0, '127.0.0.1', () => {
      otherOrigin = `http://127.0.0.1:${other.address().port}`;
      console.log(JSON.stringify({ url: `http://127.0.0.1:${actual}`, other: `http://127.0.0.1:${other.address().port}` }));
    });
  } else {
    console.log(`incident-cards demo: http://127.0.0.1:${actual}/`);
  }
});
