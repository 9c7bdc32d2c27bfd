  // --- the one wasm instance ---------------------------------------------------------------
  // The build (www/tools/assemble.mjs) puts the wasm-bindgen glue and the card stylesheet into
  // this file, so a page's first card costs three requests: this script, the wasm module and the
  // document. The build makes the module twice, with the same glue: without lists (what a page of
  // cards needs, about 25 KB brotli smaller) and with them. A page loads one: the one with lists if
  // it has an <incident-list> when the first card needs the module. A list that arrives later on a
  // page running the smaller one makes the loader start the other and move every card to it (each
  // card stays on screen until its replacement is ready); the first instance is then dropped. The
  // modules' names are content-hashed by the build as well.
  var bindgen = null; /*@glue*/
  var CSS = null; /*@css*/
  var WASM = { cards: 'pkg/cards.wasm', lists: 'pkg/cards-lists.wasm' };
  // The npm package's entry for bundlers names the modules where the bundler put them.
  if (G.modules) WASM = G.modules;
  var wasmPromise = null;           // the instance cards are mounted on
  var withLists = false;            // whether it is the one with lists
  var listsFailure = null;          // why the module with lists could not be loaded, if it could not
  var memory = null;
  var offline = null;               // the download that broke off, until the browser is online
  var retryLoad = false;            // back online since: the next card downloads the module again

  function cardSheet() {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS || '');
    return sheet;
  }

  /** The instance to mount on: `lists` asks for one that shows lists. */
  function loadWasm(lists) {
    if (retryLoad) wasmPromise = retryLoad = null;
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
      if (G.failed) throw stoppedError();
      listsFailure = loadFailure(err);
      console.warn(PREFIX + 'could not load the widget for lists: ' + listsFailure.advice);
      listsFailure.reported = true;
      throw listsFailure;
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
        entry.id = guarded(function () { teach(mod); return mod.mount(el, optionsFor(el, entry.options)); });
        entry.mod = mod;
        entry.attrs = attributes(el);
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
  // A trap's stack names the module by its address, or, when it was compiled from its bytes, by
  // the name the build gives both modules (www/tools/assemble.mjs): Chromium's frames read
  // `wasm://wasm/incident_cards-…`, Firefox's `incident_cards.@:wasm-function[…]`, WebKit's
  // `(null)@incident_cards:wasm-function[…]`, and WebKit's name no address even for a module it
  // streamed (regressions: in Firefox and WebKit the trap was taken for another module's, and
  // reached the page with no card falling back).
  var traps = [WASM.cards, WASM.lists].map(function (f) { return f.split('/').pop(); })
    .concat('wasm://wasm/incident_cards-', 'incident_cards.@:wasm-function', '@incident_cards:wasm-function');

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

  /**
   * Fetches and compiles the module at `url`: as it streams in when it is served as
   * `application/wasm`, else from its bytes, with a warning (streaming needs that type). Rejects
   * with a load failure of its kind (see LOAD).
   */
  function compile(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw loadError('http', url, r.status);
      var type = r.headers.get('Content-Type');
      var streaming = String(type).trim().toLowerCase() === 'application/wasm';
      if (!streaming) {
        console.warn(PREFIX + 'streaming compilation lost: send ' + url + ' with Content-Type: application/wasm.');
      }
      return (streaming ? WebAssembly.compileStreaming(r) : r.arrayBuffer().then(WebAssembly.compile))
        .catch(function (e) { return compileFailure(url, e); });
    }, function (e) {
      throw loadError('network', url, e);
    });
  }

  function start(lists) {
    // The module's request goes out now; the glue (kept uncompiled until here) and the stylesheet
    // are prepared in a task of their own while it downloads, so no one task grows long.
    var file = lists ? WASM.lists : WASM.cards;
    var own = new URL(file, widgetBase).href;
    var stable = hinted(file);
    var module;
    if (stable) {
      traps.push(stable);
      // Compiled here to read its build id. A page whose policy blocks WebAssembly gets the
      // policy's failure, not a second download.
      module = compile(stable).then(function (m) {
        var id = WebAssembly.Module.customSections(m, 'ic-build')[0];
        if (id && new TextDecoder().decode(id) === file.split('.')[1]) return m;
        throw new Error('another build');
      }).catch(function (e) {
        if (e.code === LOAD.csp[0]) throw e;
        console.warn(PREFIX + 'the module preloaded from ' + stable + ' did not load or is another ' +
          'build than this script; loading its own. (' + e.message + ')');
        return compile(own);
      });
    } else {
      module = compile(own);
    }
    // The glue and the module are awaited together, so a failed download is handled (reported
    // by `failed`, or `loadWasm`) even when it comes before the glue is ready.
    return Promise.all([module, nextTask().then(function () {
      if (!bindgen || CSS === null) throw new Error('embed.js was not assembled by the build');
      return [bindgen(), cardSheet()];
    })]).then(function (both) {
      var mod = both[1][0];
      var sheet = both[1][1];
      // A module that compiled is refused its instance only by the page's policy: WebKit compiles
      // under a policy without 'wasm-unsafe-eval' and refuses the instance, with a CompileError
      // and no violation event (regression: taken for "load-failed", with no advice).
      return mod({ module_or_path: both[0] }).catch(function (e) {
        throw e instanceof WebAssembly.CompileError || e instanceof EvalError ? loadError('csp', stable || own, e) : e;
      }).then(function (exports) {
        memory = exports.memory;
        mod.sheet = sheet;
        try {
          setup(mod);
        } catch (e) {
          if (G.failed) throw e;
          // The module refused the page's configuration: the page's to fix, not a load failure.
          var bad = new Error(String(e && e.message || e).replace(/^incident-cards: /, ''));
          bad.code = 'bad-options';
          bad.advice = bad.message + '; cards show their fallback. Fix window.IncidentCards.config ' +
            '(or the data-* of the script tag).';
          throw bad;
        }
        mod.lists = lists;
        return mod;
      });
    });
  }

  /**
   * Gives the module the page configuration, the stylesheet (as adoptedStyleSheets takes it), the
   * function that makes its requests and the one that holds a card's height; again before a mount
   * when the allowed origins grew since (another copy of this script, of another registry).
   */
  function setup(mod) {
    var origins = originsOf(config.origins).join(' ');
    guarded(function () {
      mod.configure({
        base: config.base,
        widgetOrigin: widgetBase.origin,
        origins: origins,
        timeoutMs: config.timeoutMs,
        attempts: config.attempts
      }, [mod.sheet], requestFor, steady);
    });
    mod.origins = origins;
  }

  /** Resolves in a later task. */
  function nextTask() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }
