//! The components' side of [`crate::browser`]: the same calls on Yew's types. Without the
//! `browser` feature (server-side rendering, native tests) they do nothing: a static card has no script.

#[cfg(feature = "browser")]
mod imp {
    use yew::prelude::*;

    pub use crate::browser::write_clipboard;

    pub fn select_contents(node: &NodeRef) -> bool {
        node.cast::<web_sys::Element>()
            .is_some_and(|el| crate::browser::select_contents(&el))
    }

    /// For a click on a source number (`a.ic-ref` with an in-card `#id`): moves to that source
    /// inside the card instead of changing the host page's address.
    pub fn follow_ref(e: &MouseEvent) {
        use wasm_bindgen::JsCast;
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a.ic-ref").ok().flatten());
        let Some(link) = link else {
            return;
        };
        let id = link.get_attribute("href");
        let Some(id) = id.as_deref().and_then(|h| h.strip_prefix('#')) else {
            return;
        };
        if crate::browser::follow_in_card(&link, id) {
            e.prevent_default();
        }
    }

    /// Moves keyboard focus to the first link of the `n`-th entry (from 0) of the list `node`
    /// refers to, else to the entry itself: after **Show more** read the last entries, its
    /// button is gone, and focus would fall back to the top of the page.
    pub fn focus_entry(node: &NodeRef, n: usize) {
        use wasm_bindgen::JsCast;
        // Through `querySelector` alone, which the cards' module imports too: the two modules
        // share one glue (www/tools/assemble.mjs).
        let Some(list) = node.cast::<web_sys::Element>() else {
            return;
        };
        let nth = format!(":scope > li:nth-child({})", n.saturating_add(1));
        // The last **Show more** may add nothing (the rest of a shard held no match): focus goes
        // to the last entry then (regression: to no element, so to the top of the page).
        let entry = match list.query_selector(&nth) {
            Ok(Some(_)) => nth,
            _ => ":scope > li:last-child".to_owned(),
        };
        let target = match list.query_selector(&format!("{entry} a[href]")) {
            Ok(Some(link)) => Some(link),
            _ => list.query_selector(&entry).ok().flatten().inspect(|li| {
                let _ = li.set_attribute("tabindex", "-1");
            }),
        };
        if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }

    /// Whether the click was on the citation's Copy button (or inside it).
    pub fn on_copy_button(e: &MouseEvent) -> bool {
        e.target_dyn_into::<web_sys::Element>()
            .is_some_and(|t| t.closest(".ic-copy button").ok().flatten().is_some())
    }

    /// Calls the latest `on` for every click inside the element `node` refers to, through a
    /// listener of its own (gloo's), removed when the component goes. Yew's own event handling
    /// registers page-lifetime listeners for every app root (a few hundred bytes that are never
    /// freed per card mounted), which a page that mounts and unmounts cards cannot afford.
    #[hook]
    pub fn use_click(node: NodeRef, on: Callback<MouseEvent>) {
        use wasm_bindgen::JsCast;
        let latest = use_mut_ref(|| on.clone());
        *latest.borrow_mut() = on;
        use_effect_with(node, move |node| {
            let listener = node.cast::<web_sys::Element>().map(|target| {
                // Not passive (gloo's default): a source number's click is cancelled.
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(&target, "click", options, move |e| {
                    // A "click" is a MouseEvent (PointerEvent for a real one); one dispatched
                    // by a script may be a plain Event. Only Event's methods are used.
                    let on = latest.borrow().clone();
                    on.emit(e.unchecked_ref::<MouseEvent>().clone());
                })
            });
            move || drop(listener)
        });
    }
}

#[cfg(not(feature = "browser"))]
mod imp {
    use yew::prelude::*;

    pub async fn write_clipboard(_text: &str) -> Result<(), ()> {
        Err(())
    }
    pub fn select_contents(_node: &NodeRef) -> bool {
        false
    }
    pub fn follow_ref(_e: &MouseEvent) {}
    pub fn focus_entry(_node: &NodeRef, _n: usize) {}
    pub fn on_copy_button(_e: &MouseEvent) -> bool {
        false
    }
    #[hook]
    pub fn use_click(_node: NodeRef, _on: Callback<MouseEvent>) {}
}

pub use imp::*;

/// Focus after the last **Show more**: its button is gone, and focus would fall back to the top
/// of the page, so it goes to the first entry that screenful showed ([`focus_entry`]). Both lists
/// call it with their list's `NodeRef`, how many entries they show and whether the button is
/// still there; the button's click stores in the returned cell how many were shown before it.
#[yew::hook]
pub fn use_focus_after_more(
    list: yew::NodeRef,
    shown: usize,
    more_left: bool,
) -> std::rc::Rc<std::cell::RefCell<Option<usize>>> {
    let pending = yew::use_mut_ref(|| None::<usize>);
    {
        let pending = pending.clone();
        yew::use_effect_with((shown, more_left), move |(_, more_left)| {
            if let Some(n) = pending.borrow_mut().take().filter(|_| !*more_left) {
                focus_entry(&list, n);
            }
        });
    }
    pending
}
