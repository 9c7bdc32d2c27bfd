  // --- the page's global: window.IncidentCards ------------------------------------------------
  /** Mounts a card now (no lazy wait) with options that override everything else. */
  function mount(el, options) {
    if (!el || el.nodeType !== 1) return Promise.reject(new TypeError(PREFIX + 'mount() needs an element'));
    hosts.add(el);
    watchSize(el, true); // as take() does: what the reader sees of it, for steady.js
    // After the widget stopped (its module could not be loaded, or trapped), the element gets its
    // readable fallback, as a card taken then does (regression: it stayed blank).
    if (G.failed) {
      fallback(el, stopped.code, stopped.message, false, options);
      return Promise.reject(stoppedError());
    }
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

  G.scan = function (root) {
    if (config.observe === false) sweep();
    return scan(root);
  };
  G.mount = mount;
  G.ready = function () { loadWasm(); return current().then(function () { return G; }); };

  // Another copy of this script (another registry's snippet, or the same one twice) runs this:
  // documents from its origin, and from those its data-origins names, are allowed too (for the
  // cards mounted from now on); a page that replaced window.IncidentCards gets it back; then a
  // rescan.
  document[KEY] = function (other) {
    if (window.IncidentCards !== G) {
      console.warn(PREFIX + 'window.IncidentCards was replaced after embed.js ran; set its config before the script tag.');
      window.IncidentCards = G;
    }
    if (other) {
      config.origins = originsOf(config.origins).concat(originsOf([other.src]), originsOf(other.dataset.origins))
        .filter(function (o, i, all) { return all.indexOf(o) === i; });
    }
    G.scan(document);
  };

  defineElements();
  watchPage();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { scan(document); });
  } else {
    scan(document);
  }
