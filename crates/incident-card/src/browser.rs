//! The few browser calls a live card makes, shared by the Yew components and the widget's
//! delegated click handler: copy to the clipboard, select text, move to a source inside the card.
//! Feature `browser`: a card rendered anywhere else has no script.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The page's window: the global object, without web-sys's check that it is a `Window` (an
/// import and a shim, for a widget that only ever runs on a page's main thread).
pub fn window() -> Option<web_sys::Window> {
    let global = js_sys::global();
    global.is_object().then(|| global.unchecked_into())
}

/// Writes `text` to the clipboard. `Err` when the API is missing (an insecure page, an old
/// browser) or the browser refuses (no permission, the page has no focus).
pub async fn write_clipboard(text: &str) -> Result<(), ()> {
    let window = window().ok_or(())?;
    let navigator = window.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(drop)?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(());
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(drop)
        .map_err(drop)
}

/// Selects all the text of `el` and moves focus to it, so Ctrl+C copies it.
pub fn select_contents(el: &Element) -> bool {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
    let Some(window) = window() else {
        return false;
    };
    let (Some(document), Ok(Some(selection))) = (window.document(), window.get_selection()) else {
        return false;
    };
    let Ok(range) = document.create_range() else {
        return false;
    };
    range.select_node_contents(el).is_ok()
        && selection.remove_all_ranges().is_ok()
        && selection.add_range(&range).is_ok()
}

/// Moves to the element `#id` inside the card that holds `from`: a fragment link cannot reach into
/// a shadow root, and it must not change the host page's address either. Returns whether it moved
/// (then the caller cancels the link's default action).
pub fn follow_in_card(from: &Element, id: &str) -> bool {
    let Some(card) = from.closest(".ic-card").ok().flatten() else {
        return false;
    };
    // `id` comes from `view::source_anchor` (only a-z, 0-9 and '-'): a safe selector. Anything
    // else is refused rather than quoted.
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    let mut selector = String::with_capacity(id.len() + 1);
    selector.push('#');
    selector.push_str(id);
    let Ok(Some(el)) = card.query_selector(&selector) else {
        return false;
    };
    // A source in a section the reader folded: it opens first, so the link leads somewhere.
    if let Ok(Some(fold)) = el.closest("details") {
        let _ = fold.set_attribute("open", "");
    }
    el.scroll_into_view();
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
    true
}
