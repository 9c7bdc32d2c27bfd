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

  /** Resolves after `ms` milliseconds, in a later task (the wasm's one timer, too). */
  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function nextTask() {
    return wait(0);
  }
