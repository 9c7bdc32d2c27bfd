  // --- hosts: custom elements, blockquotes, lazy mounting -------------------------------------
  var hosts = new Set();            // every element we took charge of
  var handles = new Map();          // element -> {mod, id, options, attrs}: its instance, handle,
                                    // call options, and the attributes it was mounted with
  var pending = new Map();          // element -> call options (waiting for the viewport)
  var latest = new WeakMap();       // element -> the newest mount asked for it, while it runs:
                                    // {options: its call options, done: what it resolves to}
  var scanned = new WeakSet();      // blockquotes scan() took (not the page's own mount() calls)

  /** The merged options `el` runs with: `callOptions`, else its newest mount's (a `mount()`
   *  call's options count as the card's own attributes do). */
  function runsWith(el, callOptions) {
    var running = latest.get(el);
    var entry = handles.get(el);
    return optionsFor(el, callOptions || (running ? running.options : entry && entry.options));
  }

  function doMount(el, callOptions) {
    // The module, the longer download, is requested first. A pre-rendered card is on screen
    // already, so nothing about it is urgent: its document is requested, and its upgrade starts,
    // each in a task of its own rather than lengthening the one that started the module (the
    // first fetch of a page alone costs 10-20 ms on a slow phone).
    var patient = prerendered(el);
    var token = { options: callOptions, done: null };
    latest.set(el, token);
    var options = optionsFor(el, callOptions);
    var list = options.kind === 'list'; // the element's name and call options
    var ask = function () { if (!G.failed) requestEarly(optionsFor(el, callOptions)); };
    var messages = catalogue(uiLang(options)); // alongside the module
    loadWasm(list);
    if (patient) nextTask().then(ask); else ask();
    token.done = current().then(function (mod) {
      return patient ? nextTask().then(current) : mod;
    }).then(function (mod) {
      return messages.then(function () { return current(); });
    }).then(function (mod) {
      if (!el.isConnected && !callOptions) return null;
      // A later mount of this element (another call, or a change of its attributes) decides what
      // it shows, and this one resolves as that one does; none, when the element was let go
      // (unmounted) meanwhile.
      var now = latest.get(el);
      if (now !== token) return now ? now.done : handles.has(el) ? handleFor(el) : null;
      latest.delete(el);
      if (list && !mod.lists) {
        // The module with lists could not be loaded (loadWasm said why on the console).
        fallback(el, listsFailure.code, listsFailure.message);
        return null;
      }
      var entry = handles.get(el);
      if (entry && entry.mod === mod) {
        if (sameOptions(entry.options, callOptions)) return handleFor(el);
        // mount() again with other options: the card they ask for takes the place of the one on
        // screen, which stays until it is ready, as when attributes change.
        handles.delete(el);
        guarded(function () { mod.unmount(entry.id, true); });
        asked.add(el);
      }
      var id = guarded(function () { teach(mod); return mod.mount(el, optionsFor(el, callOptions)); });
      entry = { mod: mod, id: id, options: callOptions, attrs: attributes(el) };
      handles.set(el, entry);
      return handleFor(el);
    });
    return token.done;
  }

  /** Whether two calls' options are the same (no options and `{}` are). */
  function sameOptions(a, b) {
    var key = function (o) {
      o = o || {};
      return JSON.stringify(Object.keys(o).sort().map(function (k) { return [k, o[k]]; }));
    };
    return key(a) === key(b);
  }

  /** The attributes that choose what `el` shows (data-* on a blockquote), as one string. */
  function attributes(el) {
    var names = el.localName === 'incident-list' ? LIST_ATTRS : CARD_ATTRS;
    var prefix = el.localName === 'blockquote' ? 'data-' : '';
    return JSON.stringify(names.map(function (n) { return el.getAttribute(prefix + n); }));
  }

  function handleFor(el) {
    var entry = handles.get(el);
    return {
      element: el,
      options: optionsFor(el, entry && entry.options),
      // Unmounts the element's card, whichever mount shows it now (a change of attributes, or
      // of module, mounts it anew).
      unmount: function () {
        if (handles.has(el) || latest.has(el)) letGo(el);
      }
    };
  }

  var observer = ('IntersectionObserver' in window) ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      var opts = pending.get(entry.target);
      pending.delete(entry.target);
      doMount(entry.target, opts).catch(unreported(entry.target));
    });
  }, { rootMargin: config.rootMargin }) : null;

  function take(el, callOptions) {
    // (Another document's cards are that document's script's: a frame has its own.)
    if (hosts.has(el) || el.ownerDocument !== document) return;
    hosts.add(el);
    if (el.localName === 'blockquote') scanned.add(el);
    watchSize(el, true);
    if (G.failed || offline) {
      fallback(el, (offline || stopped).code, (offline || stopped).message, false, callOptions);
      if (offline) lost.add(el);
      return;
    }
    // A card not in the page yet (scanned before it is inserted) waits for the observer, which
    // reports it once it is inserted near the viewport, as lazy cards do.
    if ((config.lazy || !el.isConnected) && observer) {
      pending.set(el, callOptions);
      if (!batch) {
        batch = [];
        Promise.resolve().then(place);
      }
      batch.push(el);
    } else {
      doMount(el, callOptions).catch(unreported(el));
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
      // forced for it before the page's first paint. One the reader cannot see (inside a closed
      // <details>, which keeps its box) waits too, until the observer sees it.
      if (!el.isConnected || prerendered(el) || el.getClientRects().length === 0 ||
        (el.checkVisibility && !el.checkVisibility())) return false;
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
      doMount(el, opts).catch(unreported(el));
    });
  }

  // A host taken out of the page is let go a moment later (after the page's own removal has run,
  // and never throwing into it), unless it is back by then: a card moved in the DOM (removed and
  // inserted in one task) keeps its card, with no new mount.
  function release(el) {
    if (!hosts.has(el)) return;
    Promise.resolve().then(function () {
      if (!el.isConnected || el.ownerDocument !== document) letGo(el);
    }).catch(unreported(el));
  }

  function letGo(el) {
    lost.delete(el);
    if (pending.has(el)) { pending.delete(el); if (observer) observer.unobserve(el); }
    latest.delete(el);
    var entry = handles.get(el);
    hosts.delete(el);
    watchSize(el, false);
    if (entry) {
      handles.delete(el);
      if (!G.failed) guarded(function () { entry.mod.unmount(entry.id, false); });
    }
  }

  // A card whose attributes change shows the card they now ask for: a new mount over the card on
  // screen, which stays (and works) until the new one swaps in, so there is no blank moment.
  // Changes made together (in one task) make one new mount. A card not mounted yet reads its
  // attributes when it is.
  var changing = new Set();
  function changed(el) {
    if (changing.has(el) || !handles.has(el)) return;
    changing.add(el);
    Promise.resolve().then(function () {
      changing.delete(el);
      var entry = handles.get(el);
      // (A page that writes its attributes again with the same values changes nothing.)
      if (!entry || G.failed || !el.isConnected || entry.attrs === attributes(el)) return;
      handles.delete(el);
      guarded(function () { entry.mod.unmount(entry.id, true); });
      asked.add(el); // the page asked for the change: the card shows whole (steady.js)
      // The options of a mount() still under way, if any: the page's newest call.
      var running = latest.get(el);
      return doMount(el, running ? running.options : entry.options);
    }).catch(unreported(el));
  }

  // Cards that failed for want of a network (offline, a download or a request that broke off, a
  // timeout; `cors` is how a broken request to another origin shows) load again when the browser
  // says it is back online, or the page is back from the back/forward cache. What the reader
  // sees stays until then: an error card until the new card replaces it; a host's own text (a
  // blockquote's) through a new mount that shows it while it loads, and keeps it if it fails
  // again. A card on screen (a pre-rendered one whose upgrade failed) is not tried again, and
  // lazy cards still waiting for the viewport mount when they reach it.
  var lost = new Set();
  document.addEventListener('incident-card:error', function (e) {
    var el = e.composedPath()[0];
    if (hosts.has(el) && /^(offline|network|timeout|cors|load-network)$/.test(e.detail && e.detail.code)) lost.add(el);
  });
  function again() {
    if (offline) {
      offline = null;
      retryLoad = true;
    }
    lost.forEach(function (el) {
      lost.delete(el);
      if (G.failed || !hosts.has(el) || !el.isConnected || pending.has(el) ||
        (el.shadowRoot && el.shadowRoot.querySelector('.ic-card:not(.ic-error)'))) return;
      var entry = handles.get(el);
      var running = latest.get(el);
      if (entry) {
        handles.delete(el);
        var keep = !el.childElementCount && el.localName !== 'blockquote';
        guarded(function () { entry.mod.unmount(entry.id, keep); });
      }
      doMount(el, running ? running.options : entry && entry.options).catch(unreported(el));
    });
  }
  window.addEventListener('online', again);
  window.addEventListener('pageshow', function (e) { if (e.persisted) again(); });

  /**
   * When the page turned its observer off (`observe: false`), what the observer would have done,
   * across the page: a blockquote scan() took that is out of the page now is let go, and one
   * whose data-* attributes changed shows the card they now ask for. (Elements the page gave
   * to mount() are the page's to unmount.)
   */
  function sweep() {
    hosts.forEach(function (el) {
      if (!scanned.has(el)) return;
      if (!el.isConnected) release(el);
      else changed(el); // (which leaves a card whose attributes are unchanged as it is)
    });
  }

  /** Upgrades every card below `root` not yet taken; safe to call any number of times. */
  function scan(root) {
    root = root && root.querySelectorAll ? root : document;
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

  /** Defines <incident-card> and <incident-list> (unless the page has already). */
  function defineElements() {
    if (!window.customElements) return;
    var define = function (name) {
      if (customElements.get(name)) return;
      customElements.define(name, class extends HTMLElement {
        static get observedAttributes() { return name === 'incident-list' ? LIST_ATTRS : CARD_ATTRS; }
        connectedCallback() { take(this); }
        disconnectedCallback() { release(this); }
        attributeChangedCallback(attr, was, now) { if (was !== now) changed(this); }
      });
    };
    define('incident-card');
    define('incident-list');
  }

  // Blockquote snippets added to the page later (single-page apps, infinite scroll) are found
  // without a call to scan(), those removed are let go, and a change of their data-* attributes
  // shows the card they now ask for. `observe: false` in the page configuration (or
  // data-observe="false" on the script tag) turns this off; <incident-card> and <incident-list>
  // need none of it (the browser tells the elements themselves).
  function watchPage() {
    if (config.observe === false || !window.MutationObserver) return;
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === 'attributes') {
          if (r.target.localName === 'blockquote') changed(r.target);
          return;
        }
        r.addedNodes.forEach(function (n) { if (n.nodeType === 1) scan(n); });
        r.removedNodes.forEach(function (n) {
          if (n.nodeType !== 1) return;
          if (n.matches('blockquote.incident-card')) release(n);
          n.querySelectorAll('blockquote.incident-card').forEach(release);
        });
      });
    }).observe(document.documentElement, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: CARD_ATTRS.map(function (a) { return 'data-' + a; })
    });
  }
