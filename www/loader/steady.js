  // --- keeping the page still when a card swaps in -------------------------------------------
  // A blockquote fallback is a few lines; the card that replaces it is many times taller, so the
  // swap would push the article below it down while it is read (a layout shift: 0.41 on a desktop
  // article in the benchmark). The module's swap (src/outcome.rs, `reveal`) calls `steady` twice:
  // before, to learn the height the reader sees (null when the host is off screen), and after,
  // with that height. A card that changed it is then *held* at it: clipped in a frame of that
  // height, with a "Show the whole case" button at its foot. The reader's click, or keyboard
  // focus moving into the card, releases it; a shift right after the reader's own input is not a
  // layout shift by the Web Vitals' definition. Off screen, the card takes its full height at once
  // (scroll anchoring keeps the reader's view). `fit="grow"` on a card turns holding off.

  /** Before the swap (`before` undefined): the host's height if it is on screen, else null.
   *  After: holds the card's container `box` so the host keeps height `before`. */
  function steady(host, box, before) {
    var r = host.getBoundingClientRect();
    if (before === undefined) {
      var entry = handles.get(host);
      if (String(optionsFor(host, entry && entry.options).fit).trim() === 'grow') return null;
      return r.height > 0 && r.bottom > 0 && r.top < innerHeight ? r.height : null;
    }
    var change = r.height - before;
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
    button.textContent = 'Show the whole case';
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
