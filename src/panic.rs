//! Panic containment. A panic anywhere in the wasm marks the whole instance as failed: the hook
//! calls the loader's JavaScript handler, which turns every card back into its readable fallback
//! *without re-entering wasm*, and [`crate::mount`] refuses new cards from then on. The instance
//! is never trusted again after a panic: its memory may hold half-updated state.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsValue;

static FAILED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static HANDLER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Whether a panic has happened in this instance.
pub fn failed() -> bool {
    FAILED.load(Ordering::SeqCst)
}

/// Sets the JavaScript function called (once) with the panic message.
pub fn set_handler(f: js_sys::Function) {
    HANDLER.with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            *h = Some(f);
        }
    });
}

/// Installs the hook; safe to call more than once.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        if FAILED.swap(true, Ordering::SeqCst) {
            return;
        }
        let message = info.to_string();
        let handler = HANDLER
            .try_with(|h| h.try_borrow().ok().and_then(|h| h.clone()))
            .ok()
            .flatten();
        match handler {
            Some(f) => {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
            }
            None => web_sys::console::error_1(&JsValue::from_str(&format!(
                "incident-cards: internal error, cards disabled: {message}"
            ))),
        }
    }));
}
