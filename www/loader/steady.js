  // --- keeping the page still when a card swaps in -------------------------------------------
  // A blockquote fallback is a few lines; the card that replaces it is many times taller, so the
  // swap would push the article below it down while it is read (a layout shift: 0.41 on a desktop
  // article in the benchmark); a card replacing its skeleton moves it too. After every swap (a
  // card revealed beside its fallback, or rendered over its skeleton) the module calls `steady`.
  // If the host was on screen, the card is *held* at the height the reader saw: clipped in a
  // frame of that height, with a "Show the whole case" button at its foot. The reader's click, or
  // keyboard focus moving into the card, releases it; a shift right after the reader's own input
  // is not a layout shift by the Web Vitals' definition. Off screen, the card takes its full
  // height at once (scroll anchoring keeps the reader's view). `fit="grow"` turns holding off.
  //
  // Yew's scheduler may let the browser paint a card it has just rendered before the card
  // reports it (it yields every 16 ms): a card rendered over its skeleton is therefore kept in a
  // box of the skeleton's height until then (`.ic-root[data-loading]`), and a card rendered beside
  // a fallback stays hidden until the module swaps it in.
  //
  // What the reader saw comes from observers, which report after each layout and before its
  // frame is painted: the height of each host's content, and whether it is in the viewport. So
  // nothing here forces a layout in the middle of the module's work (measuring on the spot cost
  // the swap 50 ms of script on the benchmark's slow phone).
  var laidOut = new WeakMap();    // host -> the height of its content box, as last laid out
  var inView = new WeakMap();     // host -> whether it was in the viewport, as last laid out
  var sizes = 'ResizeObserver' in window && 'IntersectionObserver' in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var box = e.contentBoxSize && e.contentBoxSize[0];
      laidOut.set(e.target, box ? box.blockSize : e.contentRect.height);
    });
  }) : null;
  var views = sizes && new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { inView.set(e.target, e.isIntersecting); });
  });

  /** Follows (or, `on` false, stops following) what the reader sees of a host. */
  function watchSize(el, on) {
    if (!sizes) return;
    if (on) { sizes.observe(el); views.observe(el); return; }
    sizes.unobserve(el);
    views.unobserve(el);
    laidOut.delete(el);
    inView.delete(el);
  }

  var asked = new WeakSet();      // hosts whose new card the page asked for (elements.js)

  /** Called by the module right after a card took the place of what `host` showed, with the
   *  card's container `box`: holds the card at the height the reader saw, when there is one. */
  function steady(host, box) {
    // The box kept the skeleton's height while the card loaded (src/mounting.rs); from here it
    // is held, or free.
    box.removeAttribute('data-loading');
    if (asked.delete(host)) return;
    var entry = handles.get(host);
    if (String(optionsFor(host, entry && entry.options).fit).trim() === 'grow') return;
    var height = laidOut.get(host);
    if (!inView.get(host) || !(height > 0)) return;
    // The card is held at once; whether it needs holding is known after the next layout, which
    // an observer reports before that frame is painted.
    var frame = document.createElement('div');
    frame.className = 'ic-held';
    var card = box.querySelector('.ic-card[data-theme]');
    if (card) frame.setAttribute('data-theme', card.getAttribute('data-theme'));
    frame.style.height = height + 'px';
    box.before(frame);
    frame.appendChild(box);
    var button = null;
    function showWhole(focus) {
      if (!frame.hasAttribute('style')) return;
      frame.removeAttribute('style');
      frame.className = '';
      if (button) button.remove();
      if (focus) {
        // The button is gone: the reader carries on from the card itself.
        box.tabIndex = -1;
        box.focus({ preventScroll: true });
      }
    }
    var check = new ResizeObserver(function (entries) {
      check.disconnect();
      var size = entries[0].borderBoxSize && entries[0].borderBoxSize[0];
      var natural = size ? size.blockSize : entries[0].contentRect.height;
      if (Math.abs(natural - height) < 1) return showWhole(false); // the same height: nothing moved
      if (natural < height) {
        // Shorter than what it replaced (an error card in place of a skeleton): the space stays
        // below it while the reader sees it, and goes once the card is out of view, where the
        // page closing up moves nothing the reader sees (scroll anchoring keeps their place).
        frame.className = 'ic-held ic-short';
        var away = new IntersectionObserver(function (seen) {
          if (seen[seen.length - 1].isIntersecting) return;
          away.disconnect();
          showWhole(false);
        });
        away.observe(frame);
        return;
      }
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'ic-expand';
      var said = host.localName === 'incident-list' ? words(runsWith(host), 'expand_list', 'Show the whole list')
        : words(runsWith(host), 'expand', 'Show the whole case');
      button.textContent = said[0];
      button.lang = said[1];
      button.addEventListener('click', function () { showWhole(true); });
      frame.appendChild(button);
    });
    check.observe(box);
    // Keyboard focus moving into the clipped card (a link in it) shows it all, and brings what
    // has the focus into view: it may lie below the frame's old foot.
    box.addEventListener('focusin', function (e) {
      var held = frame.hasAttribute('style') && frame.className === 'ic-held';
      showWhole(false);
      var target = e.composedPath()[0];
      if (held && target && target.scrollIntoView) target.scrollIntoView({ block: 'nearest' });
    });
  }
