  // --- the page's global: window.IncidentCards ------------------------------------------------
  /** Mounts a card now (no lazy wait) with options that override everything else. */
  function mount(el, options) {
    if (!el || el.nodeType !== 1) return Promise.reject(new TypeError(PREFIX + 'mount() needs an element'));
    hosts.add(el);
    watchSize(el, true); // as take() does: what the reader sees of it, for steady.js
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

  defineElements();
  watchPage();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { scan(document); });
  } else {
    scan(document);
  }
