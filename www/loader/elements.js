  // --- hosts: custom elements, blockquotes, lazy mounting -------------------------------------
  var hosts = new Set();            // every element we took charge of
  var handles = new Map();          // element -> {mod, id, options}: its instance, handle, call options
  var pending = new Map();          // element -> call options (waiting for the viewport)

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
        // The module with lists could not be loaded (loadWasm said why on the console).
        fallback(el, listsFailure.code, listsFailure.message);
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
          watchSize(el, false);
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
      doMount(entry.target, opts).catch(unreported(entry.target));
    });
  }, { rootMargin: config.rootMargin }) : null;

  function take(el, callOptions) {
    if (hosts.has(el)) return;
    hosts.add(el);
    watchSize(el, true);
    if (G.failed) { fallback(el, stopped.code, stopped.message); return; }
    if (config.lazy && observer) {
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
      doMount(el, opts).catch(unreported(el));
    });
  }

  function release(el) {
    if (pending.has(el)) { pending.delete(el); if (observer) observer.unobserve(el); }
    var entry = handles.get(el);
    hosts.delete(el);
    watchSize(el, false);
    if (entry) {
      handles.delete(el);
      // After the page's own removal has run, and never throwing into it.
      Promise.resolve().then(function () {
        if (!G.failed) guarded(function () { entry.mod.unmount(entry.id, false); });
      }).catch(unreported(el));
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

  /** Defines <incident-card> and <incident-list> (unless the page has already). */
  function defineElements() {
    if (!window.customElements) return;
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
