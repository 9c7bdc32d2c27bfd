// The in-page probe, installed before any page script (Playwright's addInitScript), so the pages
// themselves carry no measuring code and their bytes are what a host would ship.
//
// It records, on window.__bench, in milliseconds since navigation start:
//   card     the first frame in which the first card's title is painted as part of a styled card
//            (see `cardTitle`, the frame loop at the end, and docs/performance.md)
//   seen     the first frame in which that title is rendered at all, styled or not
//   et       Element Timing entries (elementtiming="card" on the title, where the page can set it)
//   lcp      largest-contentful-paint candidates (size, and whether `element` was exposed)
//   paint    first-paint / first-contentful-paint
//   shifts   layout-shift entries without recent input, with the nodes that moved
//   longtasks  longtask entries
//   loaf     long-animation-frame entries (frames of 50 ms or more), with the scripts that ran in
//            them over 5 ms: source file, duration, what invoked them, the function and where
//   ready    incident-card:ready / :error events (composed, bubbling from every host, lists too)
export function probe() {
  const B = (window.__bench = {
    card: null, seen: null, et: [], lcp: [], paint: {}, shifts: [], longtasks: [], loaf: [], ready: [], errors: [], unsupported: [],
  });
  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
    } catch (e) {
      B.unsupported.push(type);
    }
  };
  // Chromium does not expose nodes inside shadow roots (or removed ones) in these entries.
  const describe = (node) => {
    if (!node) return '(not exposed: in a shadow root, or removed)';
    if (node.nodeType !== 1) return node.nodeName;
    const cls = node.getAttribute('class');
    const inShadow = node.getRootNode() instanceof ShadowRoot;
    return node.localName + (cls ? '.' + cls.trim().split(/\s+/).join('.') : '') + (inShadow ? ' (in shadow root)' : '');
  };
  observe('element', (e) => B.et.push({ id: e.identifier, t: e.renderTime || e.loadTime, element: describe(e.element) }));
  observe('largest-contentful-paint', (e) => B.lcp.push({ t: e.renderTime || e.startTime, size: e.size, element: describe(e.element) }));
  observe('paint', (e) => { B.paint[e.name] = e.startTime; });
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    B.shifts.push({
      t: e.startTime,
      value: e.value,
      sources: (e.sources || []).map((s) => ({
        node: describe(s.node),
        dy: Math.round(s.currentRect.y - s.previousRect.y),
        dh: Math.round(s.currentRect.height - s.previousRect.height),
      })),
    });
  });
  observe('longtask', (e) => B.longtasks.push({ t: e.startTime, d: e.duration }));
  observe('long-animation-frame', (e) => B.loaf.push({
    t: e.startTime,
    d: e.duration,
    scripts: (e.scripts || []).map((s) => ({
      file: String(s.sourceURL || '').replace(/^.*\//, ''), t: s.startTime, d: s.duration, invoker: s.invokerType,
      // What called it (`Promise.then`, `TimerHandler:setTimeout`, …) and where it starts in its
      // file: which of the widget's callbacks a long script was.
      by: s.invoker, fn: s.sourceFunctionName, at: s.sourceCharPosition,
    })),
  }));
  const onState = (list) => (e) => {
    const host = e.composedPath()[0];
    list.push({ t: performance.now(), host: host && host.localName, code: e.detail && e.detail.code });
  };
  window.addEventListener('incident-card:ready', onState(B.ready), true);
  window.addEventListener('incident-card:error', onState(B.errors), true);

  // The first card on the page (static article, blockquote or <incident-card>), and the title of
  // the card it shows: in the light DOM for the static card, else in the host's open shadow root.
  // It counts only when the title is rendered (not display:none/hidden, not transparent, a
  // non-empty box) inside an article.ic-card that has the card stylesheet applied (its 12 px
  // corner radius), so an unstyled flash or the hidden live card of an upgrade does not count.
  // On a page with an <incident-list> instead, the list counts as the card: the title of its
  // first entry (article.ic-entry) inside the list's section.ic-card.ic-list, on the same terms
  // (the skeleton has no title, so it does not count).
  function cardTitle(unstyled) {
    const host = document.querySelector('article.ic-card, incident-card, blockquote.incident-card, incident-list');
    if (!host) return null;
    const scope = host.localName === 'article' ? host.parentNode : host.shadowRoot;
    if (!scope) return null;
    for (const title of scope.querySelectorAll('article.ic-card .ic-title, section.ic-card.ic-list article.ic-entry .ic-title')) {
      const card = title.closest('article.ic-card, section.ic-card.ic-list');
      if (!title.textContent.trim()) continue;
      if (!title.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const r = title.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (!unstyled && getComputedStyle(card).borderTopLeftRadius !== '12px') continue;
      return title;
    }
    return null;
  }

  // Frame by frame: a requestAnimationFrame callback runs in the rendering update of a frame,
  // before its style, layout and paint, so what it sees in the DOM is what that frame paints.
  // The first frame whose callback sees the title records:
  //   frame      the frame's start (the callback's timestamp);
  //   painted    when a task posted from that callback runs, i.e. after the frame's main-thread
  //              rendering (style, layout, paint) is done;
  //   presented  the renderTime Element Timing reports for a one-pixel marker this callback adds
  //              to the light DOM: it is painted in the same frame as the card, and renderTime is
  //              when that frame was presented, the same clock Element Timing, LCP and FCP use.
  // `presented` is the figure reported; `painted` stands in only if the marker is not reported.
  // The first frame in which the title is rendered at all, styled or not, is kept as `seen`, to
  // show an unstyled flash if there is one.
  const channel = new MessageChannel();
  let frameStart = null;
  channel.port1.onmessage = () => {
    if (B.card && B.card.painted == null) B.card.painted = performance.now();
  };
  observe('element', (e) => {
    if (e.identifier === 'bench-frame' && B.card && B.card.presented == null) B.card.presented = e.renderTime;
  });
  const tick = (ts) => {
    let found = null;
    try {
      found = cardTitle();
      if (B.seen == null && cardTitle(true)) B.seen = ts;
    } catch (e) { /* the DOM is still being built */ }
    if (found) {
      B.card = { frame: ts, painted: null, presented: null };
      const marker = document.createElement('div');
      marker.setAttribute('elementtiming', 'bench-frame');
      marker.setAttribute('aria-hidden', 'true');
      marker.style.cssText = 'position:fixed;left:0;top:0;width:4px;height:4px;overflow:hidden;contain:strict;' +
        'font:4px/1 monospace;color:rgba(128,128,128,.02);pointer-events:none;z-index:2147483647';
      marker.textContent = '.';
      (document.body || document.documentElement).appendChild(marker);
      channel.port2.postMessage(0);
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
