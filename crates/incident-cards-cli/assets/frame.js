/*! incident-cards embed frame: sends its height to the page that frames it. */
(function () {
  'use strict';
  if (window.parent === window) return;
  var m = /[#&?]secret=([A-Za-z0-9]+)/.exec(location.hash);
  var secret = m ? m[1] : null;
  var last = -1;
  function send(force) {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last && !force) return;
    last = h;
    if (secret) window.parent.postMessage({ message: 'height', value: h, secret: secret }, '*');
    window.parent.postMessage({ type: 'incident-cards:height', height: h }, '*');
  }
  if (window.ResizeObserver) new ResizeObserver(function () { send(false); }).observe(document.documentElement);
  window.addEventListener('load', function () { send(true); });
  // WordPress's host script asks again with {message: 'ready'}: it may have missed the first.
  window.addEventListener('message', function (e) {
    if (e.source === window.parent && e.data && e.data.message === 'ready' && e.data.secret === secret) send(true);
  });
  send(true);
})();
