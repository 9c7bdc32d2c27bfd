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

    pub fn follow_in_card(e: &MouseEvent, id: &str) {
        use wasm_bindgen::JsCast;
        let from = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if from.is_some_and(|from| crate::browser::follow_in_card(&from, id)) {
            e.prevent_default();
        }
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
    pub fn follow_in_card(_e: &MouseEvent, _id: &str) {}
}

pub use imp::*;
