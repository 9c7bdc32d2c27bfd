  // --- failures: loading the module, internal errors, fallbacks -----------------------------
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
