  // --- keeping the page still when a card swaps in -------------------------------------------
  // A blockquote fallback is a few lines; the card that replaces it is many times taller, so the
  // swap would push the article below it down while it is read (a layout shift: 0.41 on a desktop
  // article in the benchmark); a card replacing its skeleton moves it too. The module's swap
  // (src/outcome.rs, `reveal`) calls `steady` twice: before, to learn the height the reader sees
  // (null when the host is off screen), and after, with that height; a card that replaced its
  // skeleton calls it once (`settle`). A card that changed the height is then *held* at the old one: clipped in a frame of that
  // height, with a "Show the whole case" button at its foot. The reader's click, or keyboard
  // focus moving into the card, releases it; a shift right after the reader's own input is not a
  // layout shift by the Web Vitals' definition. Off screen, the card takes its full height at once
  // (scroll anchoring keeps the reader's view). `fit="grow"` on a card turns holding off.

  // A card without a fallback shows its skeleton, and the module's render replaces it with the
  // card in one step (no swap to measure before): the height the host was last laid out at, which
  // a ResizeObserver reports after layout and before paint, is the height the reader saw.
  var laidOut = new WeakMap();
  var sizes = 'ResizeObserver' in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var box = e.borderBoxSize && e.borderBoxSize[0];
      laidOut.set(e.target, box ? box.blockSize : e.target.getBoundingClientRect().height);
    });
  }) : null;

  /** Follows (or, `on` false, stops following) the laid-out height of a mounted host. */
  function watchSize(el, on) {
    if (sizes) { if (on) sizes.observe(el); else { sizes.unobserve(el); laidOut.delete(el); } }
  }

  /** `height` if the host, that tall, is on screen and may be held; else null. */
  function onScreen(host, height) {
    var entry = handles.get(host);
    if (String(optionsFor(host, entry && entry.options).fit).trim() === 'grow') return null;
    var top = host.getBoundingClientRect().top;
    return height > 0 && top + height > 0 && top < innerHeight ? height : null;
  }

  /** Before a swap (`before` undefined): the host's height if it is on screen, else null.
   *  After one: holds the card's container `box` so the host keeps height `before` (`true`: the
   *  height it was last laid out at, for a card that replaced its skeleton). */
  function steady(host, box, before) {
    if (before === undefined) return onScreen(host, host.getBoundingClientRect().height);
    if (before === true) before = onScreen(host, laidOut.get(host));
    if (before == null) return null;
    var change = host.getBoundingClientRect().height - before;
    if (Math.abs(change) < 1) return;
    var frame = document.createElement('div');
    frame.className = 'ic-held';
    var card = box.querySelector('.ic-card[data-theme]');
    if (card) frame.setAttribute('data-theme', card.getAttribute('data-theme'));
    // Only the card's box is held: the host's own padding and border stay as they are.
    frame.style.height = Math.max(0, box.getBoundingClientRect().height - change) + 'px';
    box.before(frame);
    frame.appendChild(box);
    if (change < 0) return; // shorter than what it replaced: the space stays below it
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'ic-expand';
    button.textContent = host.localName === 'incident-list' ? 'Show the whole list' : 'Show the whole case';
    frame.appendChild(button);
    function release(focus) {
      if (!button.isConnected) return;
      frame.removeAttribute('style');
      frame.className = '';
      button.remove();
      if (focus) {
        // The button is gone: the reader carries on from the card itself.
        box.tabIndex = -1;
        box.focus({ preventScroll: true });
      }
    }
    button.addEventListener('click', function () { release(true); });
    box.addEventListener('focusin', function () { release(false); });
  }
