  // --- failures: loading the module, internal errors, fallbacks -----------------------------
  // A module that cannot be loaded is one of these kinds, told apart by what happened (a status,
  // a rejected fetch, the type of a compile error, a policy violation), never by an error's
  // message. Each has the code of the cards' `incident-card:error` event, the words the cards
  // and the console use, and the console's advice. `failed` reports it once for the page.
  var LOAD = {
    csp: ['load-blocked', "the page's Content-Security-Policy blocks WebAssembly",
      "Add 'wasm-unsafe-eval' to its script-src."],
    http: ['load-http-error', "the widget's module answered HTTP ",
      'The files are not where embed.js expects them: deploy all of dist/ together.'],
    compile: ['load-corrupt', "the widget's module is damaged", 'Clear the CDN cache for it.'],
    network: ['load-network', "the widget's module could not be downloaded",
      'Check the network, and CORS; cards try again when the browser is back online.']
  };

  /**
   * A load failure of `kind` (a key of LOAD) for the module at `url`; `why` is the status or the
   * error. `code` and `message` are what the cards report, `advice` the console's line.
   */
  function loadError(kind, url, why) {
    var k = LOAD[kind];
    var e = new Error(k[1] + (kind === 'http' ? why : ''));
    e.code = k[0];
    e.advice = e.message + ' (' + url + (kind === 'http' ? '' : '; ' + why) + '); cards show their fallback. ' + k[2];
    return e;
  }

  /** `err` as a load failure: any other error is one of no known kind. */
  function loadFailure(err) {
    if (err && err.advice) return err;
    var e = new Error('the widget could not be loaded');
    e.code = 'load-failed';
    e.advice = e.message + '; cards show their fallback. (' + String(err && err.message || err) + ')';
    e.reported = err && err.reported;
    return e;
  }

  // A policy that blocks WebAssembly reports each blocked compilation with a violation event
  // (`blockedURI` "wasm-eval", or "eval" before the keyword existed), which tells a compile error
  // caused by the policy from a damaged module. Report-only policies block nothing.
  var cspBlocked = false;
  document.addEventListener('securitypolicyviolation', function (e) {
    if (e.disposition !== 'report' && /^(wasm-)?eval$/.test(e.blockedURI)) cspBlocked = true;
  });

  /**
   * Rejects with the kind of failure `e`, which compiling the module at `url` (or reading its
   * bytes) rejected with: a body that broke off rejects with a TypeError (or an abort's
   * DOMException), a download's; an error with a policy violation, or an EvalError, is the
   * policy's; any other, a damaged module: a CompileError, or what else an engine throws for bytes
   * it cannot compile (regression: Firefox rejects a module cut short with "InternalError: out of
   * memory", which was taken for a download that broke off).
   */
  function compileFailure(url, e) {
    if (e instanceof TypeError || e instanceof DOMException) throw loadError('network', url, e);
    // The violation event may come a task after the error.
    return nextTask().then(function () {
      throw loadError(cspBlocked || e instanceof EvalError ? 'csp' : 'compile', url, e);
    });
  }

  /**
   * The page's module could not be loaded: one console line, and every card shows its fallback.
   * After a download that broke off (the reader offline a moment) the cards, and those taken
   * meanwhile, try again once the browser says it is back online (`again`); any other failure
   * stays for the page's life.
   */
  function failed(err) {
    // A trap while the module started stopped the widget: the console has said so, and every
    // card shows its fallback (regression: the cards' message then read "incident-cards:
    // incident-cards: …", and a later mount() was told the widget could not be loaded).
    if (G.failed) throw stoppedError();
    err = loadFailure(err);
    if (err.code === LOAD.network[0]) {
      offline = err;
    } else {
      G.failed = true;
      stopped = err;
    }
    if (!err.reported) console.warn(PREFIX + err.advice);
    err.reported = true;
    hosts.forEach(function (h) {
      fallback(h, err.code, err.message, true);
      if (offline) lost.add(h);
    });
    throw err;
  }

  function fire(el, name, detail) {
    el.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: detail }));
  }

  /**
   * The address a fallback links: an http(s) address only, as the card's link policy allows;
   * none for anything else (`javascript:`, `data:`) or for text that is no address at all.
   */
  function httpAddress(text) {
    if (!text) return null;
    try {
      var url = new URL(text, document.baseURI);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch (e) {
      return null; // not an address: the fallback shows no link, and the message says why
    }
  }

  /**
   * Shows a host's readable fallback, built without wasm (used after a panic or a load failure).
   * `loadFailed`: the module never ran, so a card on show is a pre-rendered one (a declarative
   * shadow root's), the best fallback there is: it stays. After a panic a card on show is a live
   * app's, which no longer answers, and the host's text or the error box replaces it.
   */
  function fallback(el, code, message, loadFailed, callOptions) {
    var root = el.shadowRoot;
    // (The children one by one: `:scope` matches nothing in a shadow root's querySelector.)
    var shown = loadFailed && root && [].some.call(root.children, function (c) {
      return c.classList.contains('ic-root') && !c.hidden && c.querySelector('article.ic-card, section.ic-card');
    });
    // (A pre-rendered card on show stays as it is.)
    if (!shown && (el.childElementCount > 0 || el.localName === 'blockquote')) {
      if (root) root.replaceChildren(document.createElement('slot'));
    } else if (!shown) {
      if (!root) root = el.attachShadow({ mode: 'open' });
      var box = document.createElement('div');
      box.className = 'ic-card ic-error';
      box.setAttribute('role', 'alert');
      // Its title is a heading at the card's level (as the module's error card's, read by the
      // same rule: `h3` or `3`, kept in 2-6, 2 for anything else), so heading navigation finds a
      // card that failed; the reason follows in English, as the codes are.
      var options = runsWith(el, callOptions);
      var level = /^[hH]?\+?(\d+)$/.exec(String(options.headingLevel || '').trim());
      level = level && +level[1] <= 4294967295 ? Math.min(6, Math.max(2, +level[1])) : 2;
      var title = document.createElement('h' + level);
      title.className = 'ic-error-title';
      var list = options.kind === 'list';
      var said = list ? words(options, 'failed_list', 'These incidents could not be listed')
        : words(options, 'failed', 'This incident card could not be shown');
      // Its words wait for no catalogue; one that arrives later words the box again (regression:
      // a German page whose module failed before its catalogue came had English boxes).
      var lang = uiLang(options);
      if (!spoken[lang]) catalogue(lang).then(function (c) {
        if (c && box.isConnected) fallback(el, code, message, loadFailed, callOptions);
      });
      box.lang = said[1];
      if (said[1] === 'ar') box.dir = 'rtl';
      title.textContent = said[0];
      var why = document.createElement('p');
      why.className = 'ic-error-msg';
      why.lang = 'en';
      why.textContent = message + '.';
      box.append(title, why);
      // (A list's address is its index: data, not a page for the reader.)
      var href = list ? null : httpAddress(options.src);
      if (href) {
        var a = document.createElement('a');
        a.href = href;
        a.textContent = words(options, 'open_data', 'Open the case data')[0];
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

  /**
   * The rejection handler of a mount nobody awaits (cards the page's markup holds): a failure
   * already reported for the whole page is left alone; anything else the module refused (an
   * element that cannot hold a shadow root, options it cannot read) is that card's, and said.
   */
  function unreported(el) {
    return function (e) {
      if (e && e.reported) return;
      var text = String(e && e.message || e);
      console.warn(PREFIX + 'a card could not be mounted. (' + text + ')');
      if (el.isConnected) fallback(el, 'bad-options', text);
    };
  }

  // --- internal errors ---------------------------------------------------------------------
  // The module is built so that a panic aborts at once: a WebAssembly.RuntimeError trap thrown
  // into whichever JavaScript called the module. From then on the instance is never called
  // again (its memory may be half-updated), and every card shows its readable fallback.
  var STOPPED = 'the widget stopped after an internal error';
  var stopped = { code: 'panic', message: STOPPED }; // what a card taken after the widget stopped shows

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
    if (G.failed) throw stoppedError();
    try {
      return call();
    } catch (e) {
      if (!isTrap(e)) throw e;
      crash();
      throw stoppedError();
    }
  }

  /** The error of a call after the widget stopped: why it stopped, with its code. */
  function stoppedError() {
    var e = new Error(PREFIX + stopped.message);
    e.code = stopped.code;
    e.reported = true; // the trap, or the load failure that stopped the widget, is on the console
    return e;
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
