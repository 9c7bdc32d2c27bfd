  // --- the reader's language -----------------------------------------------------------------
  // A card's words (labels, dates, error cards) are in its UI language: its `lang` attribute (a
  // blockquote's `data-lang` or `lang`), else the page configuration's `lang`, else the host page's
  // <html lang>, else English; the first of those that is given decides, and a language without a
  // catalogue is English. English is built into the module. For German, Spanish or Arabic the
  // loader fetches that one catalogue (built from crates/incident-card/locales/, content-hashed)
  // alongside the module and hands its table to each instance before the card mounts, so a page
  // downloads only the languages it shows. A catalogue that cannot be loaded leaves its cards in
  // English, declared as English.
  var LOCALES = { de: 'locales/de.json', es: 'locales/es.json', ar: 'locales/ar.json' };
  // The npm package's entry for bundlers names the catalogues where the bundler put them.
  if (G.locales) LOCALES = G.locales;
  var catalogues = {};              // tag -> promise of the catalogue, or of null
  var spoken = {};                  // tag -> the catalogue, once loaded

  /** The language tag a card's reader asked for: the first given of its own, the page
   *  configuration's and <html lang> (undefined when none is). */
  function askedLang(o) {
    var tag = [o.lang, config.lang, document.documentElement.lang].filter(Boolean)[0];
    return tag === undefined ? undefined : String(tag).trim();
  }

  /** The UI language of a card's merged options: `de`, `es`, `ar` or `en`. */
  function uiLang(o) {
    var primary = String(askedLang(o) || '').split(/[-_]/)[0].toLowerCase();
    return LOCALES.hasOwnProperty(primary) ? primary : 'en';
  }

  /** The catalogue of `lang` (null for English, or when it cannot be loaded). */
  function catalogue(lang) {
    return catalogues[lang] || (catalogues[lang] = !LOCALES.hasOwnProperty(lang) ? Promise.resolve(null)
      : fetch(new URL(LOCALES[lang], widgetBase)).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      }).then(function (c) {
        return (spoken[lang] = c);
      }, function (e) {
        console.warn(PREFIX + 'the messages in ' + lang + ' could not be loaded (' + e.message +
          '); its cards show in English. Deploy all of dist/ together.');
        return null;
      }));
  }

  /**
   * Before a mount: gives the instance `mod` the page's allowed origins again if they grew
   * (another copy of this script), and every catalogue loaded so far, once each. A table of
   * another build is refused by the module, and its cards stay in English.
   */
  function teach(mod) {
    if (mod.origins !== originsOf(config.origins).join(' ')) setup(mod);
    var taught = mod.langs = mod.langs || {};
    for (var lang in spoken) {
      if (!taught[lang]) taught[lang] = mod.messages(lang, spoken[lang].messages.join('\0')) || 1;
    }
  }

  /** The loader's own words (a button, a failure) in the UI language of a card's merged options
   *  (`runsWith`, so a `mount()` option counts too): [text, lang]. */
  function words(options, key, english) {
    var lang = uiLang(options);
    var text = spoken[lang] && spoken[lang].loader[key];
    return text ? [text, lang] : [english, 'en'];
  }
