/*! incident-cards loader — https://github.com/incident-cards/incident-cards — MIT OR Apache-2.0
 *
 * One classic script for every embed mode. It finds cards (blockquote snippets, <incident-card>,
 * <incident-list>), loads the wasm module once per page when the first card nears the viewport,
 * and hands each card to it. Everything that can fail leaves the readable fallback in place.
 * Including this script twice is harmless: a later copy only allows its own origin and rescans.
 *
 * Source: the files of www/loader/, joined by www/tools/assemble.mjs in this order into one
 * function: head.js (this file, which opens it), config.js, failure.js, wasm.js, request.js,
 * steady.js, elements.js, api.js and tail.js (which closes it). They share that function's scope.
 */
(function () {
  'use strict';

  var PREFIX = 'incident-cards: ';
  // Nothing the page's markup can set decides where code comes from. Markup can shadow
  // `document.currentScript` (an <img name="currentScript">) and make `window.IncidentCards` an
  // element or a collection of them (elements with that id), whose properties would then name
  // the widget's files: the script is read through Document's own getter, and only a plain
  // object of the page's scripts is taken as the global.
  var script = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript').get.call(document);
  // A copy already running is found on the document, under a symbol (markup names properties
  // with strings only; the page may replace window.IncidentCards): it takes this copy's script
  // into account and rescans.
  var KEY = Symbol.for('incident-cards');
  if (typeof document[KEY] == 'function') return document[KEY](script);
  var G;
  try { G = window.IncidentCards; } catch (e) { /* a getter that throws: start afresh */ }
  if (!plain(G) || !Object.isExtensible(G)) {
    if (G) console.warn(PREFIX + 'window.IncidentCards is not a plain object the loader can extend; it is not read.');
    G = plain(G) ? Object.assign({}, G) : {};
  }
  window.IncidentCards = G;

  /** Whether `o` is an object a script made (`{}`), not an element or anything else. */
  function plain(o) {
    var proto = o && typeof o == 'object' && Object.getPrototypeOf(o);
    return proto === Object.prototype || proto === null;
  }
