  // --- document requests -------------------------------------------------------------------
  // The wasm decides what to fetch, when, how often and how long to wait (its rules are the
  // authority); the requests themselves are made here, for two reasons. A card's document is
  // requested when the card is taken, at the same time as the wasm module rather than after it,
  // and the wasm takes that request over for its first attempt. And every body, early or not, is
  // read by one capped reader (`readCapped`). Every request is the same: no cookies, no
  // Referer, CORS, redirects not followed (one could lead to any origin; the wasm reports the
  // answer, status 0, as a redirect); but see `requestEarly` for a document the page preloads.
  // Only addresses on an allowed origin are requested early (an address the wasm resolves
  // differently is simply fetched again).
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
  var away = 0; // when the page was last put away
  var putAway = function () { away = Date.now(); };
  window.addEventListener('pagehide', putAway);
  document.addEventListener('freeze', putAway);

  function request(url, limit, timeoutMs, preload) {
    var controller = new AbortController();
    var response = fetch(url, {
      credentials: preload ? 'same-origin' : 'omit', mode: 'cors', referrerPolicy: 'no-referrer',
      redirect: preload ? 'follow' : 'manual', signal: controller.signal
    });
    var body = response.then(function (r) {
      var n = Number(r.headers.get('content-length'));
      if (r.ok && !(n > limit)) return readCapped(r, limit);
      if (r.body) cancel(r.body); // not read: not downloaded either
      return null;
    });
    // Both promises go to the wasm, which awaits them in a later task (or never, for an early
    // request no card takes) and reports a failed request as the card's error (network, offline,
    // cors, timeout). Neither is an unhandled rejection meanwhile: a failed `response` rejects
    // `body`, and `body` has the timer's handler, below.
    var req = { response: response, controller: controller, body: body, limit: limit, timedOut: false };
    // The time the page spent put away (in the back/forward cache, or frozen in a background
    // tab) is not the server's: the timer starts again when it fires after that.
    var since = Date.now();
    var timer;
    var arm = function () {
      timer = setTimeout(function () {
        if (away > since) {
          since = Date.now();
          return arm();
        }
        req.timedOut = true;
        controller.abort();
      }, Math.min(timeoutMs, 2147483647)); // a longer delay would make the timer fire at once
    };
    arm();
    var done = function () { clearTimeout(timer); };
    body.then(done, done);
    return req;
  }

  /**
   * Cancels a body (a stream or its reader) nobody will read, so it stops downloading. That
   * rejects only when the body has failed already (an aborted request, a dropped connection):
   * then there is nothing left to stop, and the wasm reports the request's failure itself.
   */
  function cancel(body) {
    body.cancel().catch(function () { /* failed already; see above */ });
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
          cancel(reader); // the count is the answer; the rest is not wanted
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
    // `same-origin` (which sends no cookies to another origin either), redirects followed (the
    // page's own preload made that request; the wasm refuses a redirected answer all the same).
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
