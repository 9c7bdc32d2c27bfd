/*! incident-cards loader — https://github.com/incident-cards/incident-cards — MIT OR Apache-2.0
 *
 * One classic script for every embed mode. It finds cards (blockquote snippets, <incident-card>,
 * <incident-list>), loads the wasm module once per page when the first card nears the viewport,
 * and hands each card to it. Everything that can fail leaves the readable fallback in place.
 * Including this script twice is harmless: the second copy only rescans the page.
 *
 * Source: the files of www/loader/, joined by www/tools/assemble.mjs in this order into one
 * function: head.js (this file, which opens it), config.js, failure.js, wasm.js, request.js,
 * steady.js, elements.js, api.js and tail.js (which closes it). They share that function's scope.
 */
(function () {
  'use strict';

  var G = (window.IncidentCards = window.IncidentCards || {});
  if (G.__loaded) {
    if (typeof G.scan === 'function') G.scan(document);
    return;
  }
  G.__loaded = true;

  var PREFIX = 'incident-cards: ';
  var script = document.currentScript;
