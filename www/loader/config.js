  // --- page configuration and per-card options ----------------------------------------------
  // Where the widget's files live: next to this script (or set by the ES module entry).
  if (!script && !G.widgetBase) {
    console.warn(PREFIX + 'load embed.js with a classic <script> tag (in a module, import incident-cards.mjs): ' +
      'without it the widget looks for its files beside the page.');
  }
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
    observe: true,
    rootMargin: '600px 0px'
  };
  var fromScript = {};
  if (script) {
    var ds = script.dataset;
    if (ds.base) fromScript.base = ds.base;
    if (ds.origins) fromScript.origins = ds.origins; // a string: read as a list below
    if (ds.theme) fromScript.theme = ds.theme;
    if (ds.variant) fromScript.variant = ds.variant;
    if (ds.lang) fromScript.lang = ds.lang;
    if (ds.lazy) fromScript.lazy = ds.lazy !== 'false';
    if (ds.observe) fromScript.observe = ds.observe !== 'false';
  }
  // The page's own object stays the configuration (the ES module entries export it).
  var config = plain(G.config) ? G.config : {};
  if (!Object.isExtensible(config)) config = Object.assign({}, config);
  Object.assign(config, Object.assign({}, defaults, fromScript, config));
  config.base = new URL(config.base, document.baseURI).href;
  if (!/\/$/.test(config.base)) config.base += '/';
  config.origins = originsOf(config.origins);

  /** Origins given as a list, or as one string (as `data-origins` takes them, spaces or commas between). */
  function originsOf(list) {
    if (typeof list === 'string') list = list.split(/[\s,]+/).filter(Boolean);
    return (Array.isArray(list) ? list : []).map(function (o) {
      try { return new URL(o).origin; } catch (e) { return null; }
    }).filter(Boolean);
  }
  G.config = config;
  G.version = '0.1.0';

  // Element attribute name -> option name, per kind.
  var CARD_ATTRS = ['src', 'case', 'theme', 'variant', 'sections', 'heading-level', 'lang', 'case-url', 'fit',
    'revision'];
  var LIST_ATTRS = ['src', 'theme', 'heading-level', 'lang', 'failure-mode', 'tag', 'organisation',
    'severity', 'sort', 'limit', 'fit', 'related-to', 'from', 'to', 'controls', 'label'];
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
      // `controls` is a boolean attribute: present (even empty) means on.
      if (v !== null && (v !== '' || name === 'controls')) o[camel(name)] = v;
    });
    if (isQuote) {
      if (!o.lang) o.lang = el.getAttribute('lang') || undefined;
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
    o = Object.assign(o, callOptions || {});
    // The language the reader asked for, as given (`fr-CA`): the module takes its words from
    // the catalogue of its primary subtag (English when there is none) and the document's
    // translation into it when the document has one.
    o.lang = askedLang(o);
    return o;
  }
