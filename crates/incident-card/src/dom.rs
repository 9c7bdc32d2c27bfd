//! The few browser calls the card makes: copy to the clipboard, select text, move to a source.
//! On the host (server-side rendering, native tests) they do nothing: a static card has no script.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;
    use yew::prelude::*;

    /// Writes `text` to the clipboard. `Err` when the API is missing (an insecure page, an old
    /// browser) or the browser refuses (no permission, the page has no focus).
    pub async fn write_clipboard(text: &str) -> Result<(), ()> {
        let window = web_sys::window().ok_or(())?;
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

    /// Selects all the text of `node` and moves focus to it, so Ctrl+C copies it.
    pub fn select_contents(node: &NodeRef) -> bool {
        let Some(el) = node.cast::<web_sys::HtmlElement>() else {
            return false;
        };
        let _ = el.focus();
        let Some(window) = web_sys::window() else {
            return false;
        };
        let (Some(document), Ok(Some(selection))) = (window.document(), window.get_selection())
        else {
            return false;
        };
        let Ok(range) = document.create_range() else {
            return false;
        };
        range.select_node_contents(&el).is_ok()
            && selection.remove_all_ranges().is_ok()
            && selection.add_range(&range).is_ok()
    }

    /// Follows an in-card link (`#id`) inside the card itself: a fragment link cannot reach into a
    /// shadow root, and it must not change the host page's address either.
    pub fn follow_in_card(e: &MouseEvent, id: &str) {
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let Some(card) = target.and_then(|t| t.closest(".ic-card").ok().flatten()) else {
            return;
        };
        // `id` holds only a-z, 0-9 and '-' (see `view::source_anchor`): a safe selector.
        if let Ok(Some(el)) = card.query_selector(&format!("#{id}")) {
            e.prevent_default();
            el.scroll_into_view();
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use yew::prelude::*;

    pub async fn write_clipboard(_text: &str) -> Result<(), ()> {
        Err(())
    }
    pub fn select_contents(_node: &NodeRef) -> bool {
        false
    }
    pub fn follow_in_card(_e: &MouseEvent, _id: &str) {}
}

pub use imp::*;
