//! Small DOM helpers: the host's shadow root, `data-state`, and the events a host page listens to.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The host's open shadow root: the existing one (declarative or from an earlier mount) or a new one.
pub fn shadow_root(host: &Element) -> Result<ShadowRoot, JsValue> {
    if let Some(root) = host.shadow_root() {
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
}

/// A new element of the document `root` is in.
pub fn create(root: &ShadowRoot, name: &str) -> Result<Element, JsValue> {
    root.owner_document()
        .ok_or_else(|| JsValue::from_str("incident-cards: the card is not in a document"))?
        .create_element(name)
}

/// A shadow root seen through `Element`'s bindings, for the methods both have (`querySelector`,
/// `replaceChildren`): the calls are the same in JavaScript, and each binding is one more import
/// and glue function in the module.
pub fn parent(root: &ShadowRoot) -> &Element {
    root.unchecked_ref()
}

/// Adopts the card stylesheet into `root`: `sheets` is the loader's list holding the one
/// `CSSStyleSheet` every card shares (the setter copies the list).
pub fn adopt_sheet(root: &ShadowRoot, sheets: &JsValue) {
    if sheets.is_object() {
        let _ = Reflect::set(root, &JsValue::from_str("adoptedStyleSheets"), sheets);
    }
}

pub fn set_state(host: &Element, state: &str) {
    let _ = host.set_attribute("data-state", state);
}

/// Dispatches a bubbling, composed `CustomEvent` with a plain-object `detail`.
pub fn dispatch(host: &Element, name: &str, fields: &[(&str, JsValue)]) {
    let detail = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&detail, &JsValue::from_str(k), v);
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(event.unchecked_ref());
    }
}

/// A string property of a browser object, read through `Reflect.get`: one shared import, where
/// each typed getter of web-sys is an import and a shim of its own.
pub fn text_prop(target: &JsValue, name: &str) -> Option<String> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// One console line, prefixed with the product name.
pub fn warn(message: &str) {
    gloo::console::warn!(format!("incident-cards: {message}"));
}
