/*! incident-cards loader — https://github.com/incident-cards/incident-cards — MIT OR Apache-2.0
 *
 * One classic script for every embed mode. It finds cards (blockquote snippets, <incident-card>,
 * <incident-list>), loads the wasm module once per page when the first card nears the viewport,
 * and hands each card to it. Everything that can fail leaves the readable fallback in place.
 * Including this script twice is harmless: the second copy only rescans the page.
 */
(function () {
  'use strict';

  var G = (window.IncidentCards = window.IncidentCards || {});
  if (G.__loaded) {
    if (typeof G.scan === 'function') G.scan(document);
    return;
  }
  G.__loaded = true;

  var PREFIX = 'incident-cards: ';
  var script = document.currentScript;
  // Where the widget's files live: next to this script (or set by the ES module entry).
  var widgetBase = new URL(
    G.widgetBase || (script && script.src) || document.baseURI,
    document.baseURI
  );
  widgetBase = new URL('./', widgetBase);

  // Page-wide configuration: defaults < data-* on the script tag < window.IncidentCards.config.
  var defaults = {
    base: new URL('data/incidents/', widgetBase).href,
    origins: [],
    theme: 'auto',
    variant: 'full',
    timeoutMs: 10000,
    attempts: 3,
    lazy: true,
    rootMargin: '600px 0px'
  };
  var fromScript = {};
  if (script) {
    var ds = script.dataset;
    if (ds.base) fromScript.base = ds.base;
    if (ds.origins) fromScript.origins = ds.origins.split(/[\s,]+/).filter(Boolean);
    if (ds.theme) fromScript.theme = ds.theme;
    if (ds.variant) fromScript.variant = ds.variant;
    if (ds.lazy) fromScript.lazy = ds.lazy !== 'false';
  }
  var config = Object.assign({}, defaults, fromScript, G.config || {});
  config.base = new URL(config.base, document.baseURI).href;
  if (!/\/$/.test(config.base)) config.base += '/';
  config.origins = (config.origins || []).map(function (o) {
    try { return new URL(o).origin; } catch (e) { return null; }
  }).filter(Boolean);
  G.config = config;
  G.version = '0.1.0';

  // Element attribute name -> option name, per kind.
  var CARD_ATTRS = ['src', 'case', 'theme', 'variant', 'sections', 'heading-level', 'lang', 'case-url'];
  var LIST_ATTRS = ['src', 'theme', 'heading-level', 'lang', 'failure-mode', 'tag', 'organisation',
    'severity', 'sort', 'limit'];
  function camel(name) {
    return name.replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); });
  }

  /** The merged options of one host: defaults < page-wide < element attributes < call options. */
  function optionsFor(el, callOptions) {
    var kind = el.localName === 'incident-list' ? 'list' : 'card';
    var o = { kind: kind, theme: config.theme, variant: config.variant };
    var names = kind === 'list' ? LIST_ATTRS : CARD_ATTRS;
    var isQuote = el.localName === 'blockquote';
    names.forEach(function (name) {
      var v = isQuote ? el.getAttribute('data-' + name) : el.getAttribute(name);
      if (v !== null && v !== '') o[camel(name)] = v;
    });
    if (isQuote) {
      var cite = el.getAttribute('cite');
      var link = el.querySelector('a[href]');
      if (!o.caseUrl) o.caseUrl = cite || (link && link.href) || undefined;
      o.hasFallback = true;
    } else {
      o.hasFallback = el.childElementCount > 0 || prerendered(el);
    }
    if (o.caseUrl) {
      try { o.caseUrl = new URL(o.caseUrl, document.baseURI).href; } catch (e) { delete o.caseUrl; }
    }
    return Object.assign(o, callOptions || {});
  }

  // --- the one wasm instance ---------------------------------------------------------------
  // The build (www/tools/assemble.mjs) puts the wasm-bindgen glue and the card stylesheet into
  // this file, so a page's first card costs three requests: this script, the wasm module and the
  // document. The build makes the module twice, with the same glue: without lists (what a page of
  // cards needs, about 4 KB brotli smaller) and with them. A page loads one: the one with lists if
  // it has an <incident-list> when the first card needs the module. A list that arrives later on a
  // page running the smaller one makes the loader start the other and move every card to it (each
  // card stays on screen until its replacement is ready); the first instance is then dropped. The
  // modules' names are content-hashed by the build as well.
  var bindgen = null; /*@glue*/
  var CSS = null; /*@css*/
  var WASM = { cards: 'pkg/cards.wasm', lists: 'pkg/cards-lists.wasm' };
  var wasmPromise = null;           // the instance cards are mounted on
  var withLists = false;            // whether it is the one with lists
  var memory = null;

  function cardSheet() {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS || '');
    return sheet;
  }

  /** The instance to mount on: `lists` asks for one that shows lists. */
  function loadWasm(lists) {
    if (wasmPromise && (withLists || !lists)) return wasmPromise;
    if (!wasmPromise) {
      withLists = !!lists || !!document.querySelector('incident-list');
      wasmPromise = start(withLists).catch(failed);
      return wasmPromise;
    }
    // A list on a page running the module without lists. If the other module cannot be loaded,
    // the cards keep the instance they have, and the lists waiting for it show their fallback.
    var previous = wasmPromise;
    withLists = true;
    wasmPromise = start(true).then(moveCards, function (err) {
      withLists = false;
      wasmPromise = previous;
      console.warn(PREFIX + 'could not load the widget for lists. (' + String(err && err.message || err) + ')');
      throw err;
    });
    return wasmPromise;
  }

  /** The instance after any change of module that started (or failed) meanwhile. */
  function current() {
    var p = wasmPromise;
    return p.then(function (mod) {
      return p === wasmPromise ? mod : current();
    }, function (err) {
      if (p === wasmPromise) throw err;
      return current();
    });
  }

  /** Moves every card mounted on another instance to `mod`; what each shows stays until then. */
  function moveCards(mod) {
    handles.forEach(function (entry, el) {
      if (entry.mod === mod) return;
      guarded(function () { entry.mod.unmount(entry.id, true); });
      try {
        entry.id = guarded(function () { return mod.mount(el, optionsFor(el, entry.options)); });
        entry.mod = mod;
      } catch (e) {
        handles.delete(el);
        if (!G.failed) fallback(el, 'load-failed', String(e && e.message || e));
      }
    });
    return mod;
  }

  // A page may hint the module with `<link rel="preload" href=".../cards.wasm" as="fetch"
  // crossorigin>` so that it downloads alongside this script. That stable address (the build
  // writes `cards.wasm` and `cards-lists.wasm` beside this file) may hold another build than this
  // script's, between two deploys: its `ic-build` section names its build, and when that is not
  // this script's own, the module is fetched again by its content-hashed name.
  var traps = [WASM.cards, WASM.lists].map(function (f) { return f.slice(4); });

  /** Whether the page preloads `href` the way the loader requests it (`as="fetch" crossorigin`). */
  function preloaded(href) {
    return [].some.call(document.querySelectorAll('link[rel~=preload]'), function (l) {
      return l.href === href && l.as === 'fetch' && l.crossOrigin === 'anonymous';
    });
  }

  /** The stable address of `file` when the page preloads it, else null. */
  function hinted(file) {
    var stable = new URL(file.replace(/^pkg\/|\.\w+(?=\.wasm$)/g, ''), widgetBase).href;
    return preloaded(stable) ? stable : null;
  }

  function start(lists) {
    // The module's request goes out now; the glue (kept uncompiled until here) and the stylesheet
    // are prepared in a task of their own while it downloads, so no one task grows long.
    var file = lists ? WASM.lists : WASM.cards;
    var own = new URL(file, widgetBase).href;
    var stable = hinted(file);
    var response = fetch(stable || own);
    response.catch(function () {});
    if (stable) {
      traps.push(stable);
      // Compiled here to read its build id: as it streams in, or from its bytes when the server
      // does not send it as application/wasm. A page whose policy blocks WebAssembly gets the
      // policy's error (`failed` explains it), not a second download.
      var blocked = function (e) { if (/unsafe-eval|Content.Security/i.test(e)) throw e; };
      response = response.then(function (r) {
        return WebAssembly.compileStreaming(r).catch(function (e) {
          blocked(e);
          return r.ok && r.arrayBuffer().then(WebAssembly.compile);
        });
      }).catch(blocked).then(function (m) {
        var id = m && WebAssembly.Module.customSections(m, 'ic-build')[0];
        if (id && new TextDecoder().decode(id) === file.split('.')[1]) return m;
        console.warn(PREFIX + 'the module preloaded from ' + stable + ' did not load or is another ' +
          'build than this script; loading its own.');
        return fetch(own);
      });
    }
    return nextTask()
      .then(function () {
        if (!bindgen || CSS === null) throw new Error('embed.js was not assembled by the build');
        var mod = bindgen();
        var sheet = cardSheet();
        return mod({ module_or_path: response }).then(function (exports) {
          memory = exports.memory;
          guarded(function () {
            mod.configure({
              base: config.base,
              widgetOrigin: widgetBase.origin,
              origins: config.origins.join(' '),
              timeoutMs: config.timeoutMs,
              attempts: config.attempts
            }, [sheet], requestFor, wait);
          });
          mod.lists = lists;
          return mod;
        });
      });
  }

  /** The page's module could not be loaded: every card shows its fallback. */
  function failed(err) {
    G.failed = true;
    var text = String(err && err.message || err);
    if (/wasm|WebAssembly|unsafe-eval|Content Security Policy/i.test(text)) {
      console.warn(PREFIX + 'WebAssembly is blocked on this page; cards show their fallback. ' +
        "Add 'wasm-unsafe-eval' to the script-src directive of the Content-Security-Policy.");
    } else {
      console.warn(PREFIX + 'could not load the widget; cards show their fallback. (' + text + ')');
    }
    hosts.forEach(function (h) { fallback(h, 'load-failed', 'the widget could not be loaded'); });
    throw err;
  }

  // --- document requests -------------------------------------------------------------------
  // The wasm decides what to fetch, when, how often and how long to wait (its rules are the
  // authority); the requests themselves are made here, for two reasons. A card's document is
  // requested when the card is taken, at the same time as the wasm module rather than after it,
  // and the wasm takes that request over for its first attempt. And every body, early or not, is
  // read by one capped reader (`readCapped`). Every request is the same: no cookies, no
  // Referer, CORS (but see `requestEarly` for a document the page preloads). Only addresses on
  // an allowed origin are requested early (an address the wasm resolves differently is simply
  // fetched again).
  var early = new Map();            // url -> request, until the wasm takes it
  var requested = new Set();        // every url requested early (never twice: the wasm caches)
  var CASE_ID = /^[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}$/;
  var DOCUMENT_BYTES = 256 * 1024;  // the model's limits (limits.rs): one document,
  var INDEX_BYTES = 4 * 1024 * 1024; // one index (what a list reads)

  function documentUrl(o) {
    try {
      var src = (o.src || '').trim();
      if (src) return new URL(src, document.baseURI).href;
      var id = (o.case || '').trim();
      if (CASE_ID.test(id)) return new URL(id + '.json', config.base).href;
    } catch (e) { /* the wasm reports a bad address */ }
    return null;
  }

  /**
   * Starts a request: `{response, body, timedOut}` (`preload`: the page preloads `url`; see
   * `requestEarly`). `body` is read as it comes, so the wasm finds it ready instead of waiting
   * another task for it: an ArrayBuffer; the count of bytes read when it stopped past the limit;
   * or null for a response that is not OK or declares a length over the limit (the wasm reports
   * the status or the declared length; the body is cancelled, so it does not go on downloading).
   * A request whose body is not read within `timeoutMs` is aborted, and `timedOut` says so.
   */
  function request(url, limit, timeoutMs, preload) {
    var controller = new AbortController();
    var response = fetch(url, {
      credentials: preload ? 'same-origin' : 'omit', mode: 'cors', referrerPolicy: 'no-referrer',
      signal: controller.signal
    });
    response.catch(function () {});
    var body = response.then(function (r) {
      var n = Number(r.headers.get('content-length'));
      if (r.ok && !(n > limit)) return readCapped(r, limit);
      if (r.body) r.body.cancel().catch(function () {}); // not read: not downloaded either
      return null;
    });
    body.catch(function () {});
    var req = { response: response, controller: controller, body: body, limit: limit, timedOut: false };
    var timer = setTimeout(function () {
      req.timedOut = true;
      controller.abort();
    }, Math.min(timeoutMs, 2147483647)); // a longer delay would make the timer fire at once
    var done = function () { clearTimeout(timer); };
    body.then(done, done);
    return req;
  }

  /**
   * Reads a body to an ArrayBuffer, or stops as soon as it holds more than `limit` bytes and
   * resolves to the count read so far. The declared length counts compressed bytes; this counts
   * what the body decodes to, so a small compressed body that inflates to gigabytes is stopped
   * (and its transfer cancelled) a little past the limit.
   */
  function readCapped(r, limit) {
    if (!r.body) return r.arrayBuffer();
    var reader = r.body.getReader();
    var parts = [];
    var total = 0;
    function next() {
      return reader.read().then(function (c) {
        if (c.done) {
          var all = new Uint8Array(total);
          for (var i = 0, at = 0; i < parts.length; at += parts[i].length, i++) all.set(parts[i], at);
          return all.buffer;
        }
        total += c.value.length;
        if (total > limit) {
          reader.cancel().catch(function () {});
          return total;
        }
        parts.push(c.value);
        return next();
      });
    }
    return next();
  }

  function requestEarly(o) {
    var url = documentUrl(o);
    if (!url || requested.has(url) || typeof AbortController === 'undefined') return;
    var origin = new URL(url).origin;
    if (!/^https?:$/.test(new URL(url).protocol)) return;
    if (origin !== widgetBase.origin && config.origins.indexOf(origin) < 0) return;
    requested.add(url);
    // A document the page preloads (`<link rel="preload" as="fetch" crossorigin>`) is requested
    // the way the preload was, or the browser would not use it: with the credentials mode
    // `same-origin` (which sends no cookies to another origin either).
    early.set(url, request(url, o.kind === 'list' ? INDEX_BYTES : DOCUMENT_BYTES, config.timeoutMs, preloaded(url)));
  }

  /**
   * Called by the wasm for each attempt, with its size limit for what it reads and its timeout:
   * the early request for `url` (once, if it was made for the same limit; it runs on the page's
   * timeout, which is the one the wasm has), else a new one.
   */
  function requestFor(url, limit, timeoutMs) {
    var e = early.get(url);
    early.delete(url);
    if (e && e.limit === limit) return e;
    if (e) e.controller.abort();
    return request(url, limit, timeoutMs);
  }

  // --- hosts -------------------------------------------------------------------------------
  var hosts = new Set();            // every element we took charge of
  var handles = new Map();          // element -> {mod, id, options}: its instance, handle, call options
  var pending = new Map();          // element -> call options (waiting for the viewport)

  function fire(el, name, detail) {
    el.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: detail }));
  }

  /** Shows a host's readable fallback, built without wasm (used after a panic or a load failure). */
  function fallback(el, code, message) {
    var root = el.shadowRoot;
    if (el.childElementCount > 0 || el.localName === 'blockquote') {
      if (root) root.replaceChildren(document.createElement('slot'));
    } else {
      if (!root) root = el.attachShadow({ mode: 'open' });
      var box = document.createElement('div');
      box.className = 'ic-card ic-error';
      box.setAttribute('role', 'alert');
      var p = document.createElement('p');
      p.textContent = 'This incident card could not be shown: ' + message + '.';
      box.appendChild(p);
      var href = el.getAttribute('src');
      if (href) {
        var a = document.createElement('a');
        a.href = new URL(href, document.baseURI).href;
        a.textContent = 'Open the case data';
        a.rel = 'noopener noreferrer nofollow ugc';
        a.target = '_blank';
        box.appendChild(a);
      }
      root.replaceChildren(box);
    }
    if (el.getAttribute('data-state') !== 'error') {
      el.setAttribute('data-state', 'error');
      fire(el, 'incident-card:error', { id: el.getAttribute('case') || null, code: code, message: message, attempts: 0 });
    }
  }

  // --- internal errors ---------------------------------------------------------------------
  // The module is built so that a panic aborts at once: a WebAssembly.RuntimeError trap thrown
  // into whichever JavaScript called the module. From then on the instance is never called
  // again (its memory may be half-updated), and every card shows its readable fallback.
  var STOPPED = 'the widget stopped after an internal error';

  /** Whether `err` is a trap of this widget's module (not of some other wasm on the page). */
  function isTrap(err) {
    if (!err || typeof WebAssembly === 'undefined' || !(err instanceof WebAssembly.RuntimeError)) return false;
    var stack = String(err.stack);
    return traps.some(function (f) { return stack.indexOf(f) >= 0; });
  }

  function crash() {
    if (G.failed) return;
    G.failed = true;
    console.error(PREFIX + 'internal error; every card now shows its fallback.');
    hosts.forEach(function (el) { fallback(el, 'panic', STOPPED); });
  }

  /** Runs a call into the module; a trap stops the widget and becomes an ordinary Error. */
  function guarded(call) {
    if (G.failed) throw new Error(PREFIX + STOPPED);
    try {
      return call();
    } catch (e) {
      if (!isTrap(e)) throw e;
      crash();
      throw new Error(PREFIX + STOPPED);
    }
  }

  // Work the module runs later (a fetch's continuation, a click, a timer) traps where nobody
  // catches it: the page's error events see it. It is ours to report, not the host page's.
  function onError(e) {
    var err = e.error || e.reason;
    if (isTrap(err)) {
      crash();
      e.preventDefault();
    }
  }
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onError);

  /** Resolves after `ms` milliseconds, in a later task (the wasm's one timer, too). */
  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function nextTask() {
    return wait(0);
  }

  function doMount(el, callOptions) {
    // The module, the longer download, is requested first. A pre-rendered card is on screen
    // already, so nothing about it is urgent: its document is requested, and its upgrade starts,
    // each in a task of its own rather than lengthening the one that started the module (the
    // first fetch of a page alone costs 10-20 ms on a slow phone).
    var patient = prerendered(el);
    var list = optionsFor(el, callOptions).kind === 'list'; // the element's name and call options
    var ask = function () { if (!G.failed) requestEarly(optionsFor(el, callOptions)); };
    loadWasm(list);
    if (patient) nextTask().then(ask); else ask();
    return current().then(function (mod) {
      return patient ? nextTask().then(current) : mod;
    }).then(function (mod) {
      if (!el.isConnected && !callOptions) return null;
      if (list && !mod.lists) {
        // The module with lists could not be loaded (loadWasm said so on the console).
        fallback(el, 'load-failed', 'the widget could not be loaded');
        return null;
      }
      var entry = handles.get(el);
      if (entry && entry.mod === mod) return handleFor(el, entry);
      var id = guarded(function () { return mod.mount(el, optionsFor(el, callOptions)); });
      entry = { mod: mod, id: id, options: callOptions };
      handles.set(el, entry);
      return handleFor(el, entry);
    });
  }

  function handleFor(el, entry) {
    return {
      element: el,
      options: optionsFor(el),
      unmount: function () {
        if (handles.get(el) === entry) {
          handles.delete(el);
          hosts.delete(el);
          if (!G.failed) guarded(function () { entry.mod.unmount(entry.id, false); });
        }
      }
    };
  }

  var observer = ('IntersectionObserver' in window) ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      var opts = pending.get(entry.target);
      pending.delete(entry.target);
      doMount(entry.target, opts).catch(function () {});
    });
  }, { rootMargin: config.rootMargin }) : null;

  function take(el, callOptions) {
    if (hosts.has(el)) return;
    hosts.add(el);
    if (G.failed) { fallback(el, 'panic', STOPPED); return; }
    if (config.lazy && observer) {
      pending.set(el, callOptions);
      if (!batch) {
        batch = [];
        Promise.resolve().then(place);
      }
      batch.push(el);
    } else {
      doMount(el, callOptions).catch(function () {});
    }
  }

  // Lazy cards are placed in batches (those taken in one turn of the event loop), with a single
  // layout read for the whole batch.
  // A card already within the margin of the viewport starts at once; waiting for the observer's
  // first report would cost the first card a frame or more (over 100 ms on a slow phone). The
  // others wait for the observer.
  var batch = null;
  var margin = String(config.rootMargin).split(' ')[0];
  margin = (parseFloat(margin) || 0) * (/%$/.test(margin) ? window.innerHeight / 100 : 1);

  function prerendered(el) {
    return !!(el.shadowRoot && el.shadowRoot.querySelector('.ic-card'));
  }

  function place() {
    var els = batch.filter(function (el) { return pending.has(el); });
    batch = null;
    var near = els.map(function (el) {
      // A pre-rendered card is on screen already: it waits for the observer, and no layout is
      // forced for it before the page's first paint.
      if (!el.isConnected || prerendered(el) || el.getClientRects().length === 0) return false;
      var r = el.getBoundingClientRect();
      return r.bottom > -margin && r.top < window.innerHeight + margin;
    });
    els.forEach(function (el, i) {
      if (!near[i]) {
        observer.observe(el);
        return;
      }
      var opts = pending.get(el);
      pending.delete(el);
      doMount(el, opts).catch(function () {});
    });
  }

  function release(el) {
    if (pending.has(el)) { pending.delete(el); if (observer) observer.unobserve(el); }
    var entry = handles.get(el);
    hosts.delete(el);
    if (entry) {
      handles.delete(el);
      // After the page's own removal has run, and never throwing into it.
      Promise.resolve().then(function () {
        if (!G.failed) guarded(function () { entry.mod.unmount(entry.id, false); });
      }).catch(function () {});
    }
  }

  /** Upgrades every card below `root` not yet taken; safe to call any number of times. */
  function scan(root) {
    root = root || document;
    var found = [];
    if (root.nodeType === 1 && root.matches('blockquote.incident-card, incident-card, incident-list')) {
      found.push(root);
    }
    root.querySelectorAll('blockquote.incident-card, incident-card, incident-list').forEach(function (el) {
      found.push(el);
    });
    found.forEach(function (el) {
      if (el.localName !== 'blockquote' || el.hasAttribute('data-src') || el.hasAttribute('data-case')) {
        take(el);
      }
    });
    return found.length;
  }

  /** Mounts a card now (no lazy wait) with options that override everything else. */
  function mount(el, options) {
    if (!el || el.nodeType !== 1) return Promise.reject(new TypeError(PREFIX + 'mount() needs an element'));
    hosts.add(el);
    if (pending.has(el)) { pending.delete(el); if (observer) observer.unobserve(el); }
    return doMount(el, options || {});
  }

  /** Diagnostics: cards mounted, and the wasm instance's memory in bytes. */
  G.stats = function () {
    loadWasm();
    return current().then(function (mod) {
      return {
        mounted: G.failed ? 0 : guarded(function () { return mod.mounted_count(); }),
        wasmBytes: memory ? memory.buffer.byteLength : 0
      };
    });
  };

  G.scan = scan;
  G.mount = mount;
  G.ready = function () { loadWasm(); return current().then(function () { return G; }); };

  if (window.customElements) {
    var define = function (name) {
      if (customElements.get(name)) return;
      customElements.define(name, class extends HTMLElement {
        connectedCallback() { take(this); }
        disconnectedCallback() { release(this); }
      });
    };
    define('incident-card');
    define('incident-list');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { scan(document); });
  } else {
    scan(document);
  }
})();
