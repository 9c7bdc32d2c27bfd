//! What a live card does when clicked, for every card through one delegated listener: the Copy
//! button copies the citation (or selects it when the clipboard is refused) and says so in its
//! live region; a source number moves to that source inside the card.
//!
//! One `Closure` serves every card for the life of the page, so mounting and unmounting cards
//! allocates no closure and leaks none; [`detach`] removes the listener from a container.

use incident_card::browser;
use incident_card::view::CopyState;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

thread_local! {
    static ON_CLICK: Closure<dyn Fn(Event)> = Closure::new(on_click);
}

/// Listens for clicks in `container` (a card's `div.ic-root`).
pub fn attach(container: &Element) {
    ON_CLICK.with(|f| {
        let _ = container.add_event_listener_with_callback("click", f.as_ref().unchecked_ref());
    });
}

/// Stops listening in `container`.
pub fn detach(container: &Element) {
    ON_CLICK.with(|f| {
        let _ = container.remove_event_listener_with_callback("click", f.as_ref().unchecked_ref());
    });
}

fn on_click(e: Event) {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Ok(Some(link)) = target.closest("a.ic-ref") {
        let href = link.get_attribute("href").unwrap_or_default();
        if let Some(id) = href.strip_prefix('#') {
            if browser::follow_in_card(&link, id) {
                e.prevent_default();
            }
        }
        return;
    }
    if let Ok(Some(button)) = target.closest(".ic-copy .ic-btn") {
        wasm_bindgen_futures::spawn_local(copy(button));
    }
}

/// Copies the citation next to `button` and reports the outcome in the status beside it.
async fn copy(button: Element) {
    let Some(cite_box) = button.closest(".ic-cite-box").ok().flatten() else {
        return;
    };
    let text_el = cite_box.query_selector(".ic-cite-text").ok().flatten();
    let text = text_el
        .as_ref()
        .and_then(|t| crate::dom::text_prop(t, "textContent"))
        .unwrap_or_default();
    let state = if browser::write_clipboard(&text).await.is_ok() {
        CopyState::Copied
    } else if text_el.as_ref().is_some_and(browser::select_contents) {
        CopyState::Selected
    } else {
        CopyState::Failed
    };
    if let Ok(Some(status)) = cite_box.query_selector(".ic-copy-status") {
        status.set_text_content(Some(state.message()));
    }
}
