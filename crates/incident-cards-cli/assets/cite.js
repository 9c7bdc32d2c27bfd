/*! incident-cards case page: citations downloaded with today's access date. */
// The citation files beside a case page (cite.bib, cite.ris, cite.json) are written when the site
// is built, with that day as the access date. A reader who downloads one today gets today's date:
// the file is fetched and its access date replaced before it is saved. Without JavaScript, or if
// anything fails, the link downloads the file as it is.
(function () {
  'use strict';
  var now = new Date();
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var y = now.getFullYear();
  var m = now.getMonth() + 1;
  var d = now.getDate();
  var today = {
    bib: function (t) { return t.replace(/(urldate = \{)\d{4}-\d{2}-\d{2}(\})/, '$1' + y + '-' + pad(m) + '-' + pad(d) + '$2'); },
    ris: function (t) { return t.replace(/^(Y2 {2}- )\d{4}\/\d{2}\/\d{2}/m, '$1' + y + '/' + pad(m) + '/' + pad(d)); },
    json: function (t) {
      var items = JSON.parse(t);
      items.forEach(function (item) { item.accessed = { 'date-parts': [[y, m, d]] }; });
      return JSON.stringify(items, null, 2) + '\n';
    }
  };
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-cite]');
    var fix = a && today[a.getAttribute('data-cite')];
    if (!fix || !window.fetch || !window.Blob || !window.URL) return;
    e.preventDefault();
    fetch(a.href).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.text();
    }).then(function (text) {
      var blob = new Blob([fix(text)], { type: a.type || 'text/plain' });
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = a.getAttribute('download') || '';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }).catch(function () {
      window.location.href = a.href;
    });
  });
})();
