//! The card in a real browser (headless Chromium through wasm-bindgen-test-runner): mounted in a
//! shadow root, copy button, folding sections, in-card source links, and a clean teardown.
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p incident-card --features csr --target wasm32-unknown-unknown --test browser
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;
use std::time::Duration;

use incident_card::{CardOptions, CardProps, IncidentCard};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

/// Counts `addEventListener`/`removeEventListener` calls per target, installed once per page.
const HOOK: &str = r#"
if (!window.__icHook) {
  const hook = { calls: [] };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    hook.calls.push({ op: 'add', target: this, type });
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    hook.calls.push({ op: 'remove', target: this, type });
    return remove.call(this, type, fn, opts);
  };
  window.__icHook = hook;
}
"#;

fn eval(js: &str) -> wasm_bindgen::JsValue {
    js_sys::eval(js).expect("eval")
}

struct Mounted {
    host: Element,
    shadow: ShadowRoot,
    root: Element,
    handle: AppHandle<IncidentCard>,
}

fn mount(options: CardOptions) -> Mounted {
    eval(HOOK);
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let shadow = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    let root = document.create_element("div").unwrap();
    shadow.append_child(&root).unwrap();
    let props = CardProps {
        doc: Rc::new(common::full_doc()),
        options,
    };
    let handle = yew::Renderer::<IncidentCard>::with_root_and_props(root.clone(), props).render();
    Mounted {
        host,
        shadow,
        root,
        handle,
    }
}

/// Lets Yew render, run effects and render again.
async fn settle() {
    for _ in 0..4 {
        yew::platform::time::sleep(Duration::ZERO).await;
    }
}

fn q(shadow: &ShadowRoot, selector: &str) -> Option<Element> {
    shadow.query_selector(selector).unwrap()
}

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
}

/// Waits (up to about a second) for the copy status to say something.
async fn status_text(shadow: &ShadowRoot) -> String {
    for _ in 0..100 {
        let text = q(shadow, ".ic-copy-status")
            .and_then(|s| s.text_content())
            .unwrap_or_default();
        if !text.is_empty() {
            return text;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    String::new()
}

fn selection_text() -> String {
    web_sys::window()
        .unwrap()
        .get_selection()
        .unwrap()
        .map(|s| String::from(s.to_string()))
        .unwrap_or_default()
}

fn citation_text(shadow: &ShadowRoot) -> String {
    q(shadow, ".ic-cite-text").unwrap().text_content().unwrap()
}

#[wasm_bindgen_test]
async fn renders_in_a_shadow_root() {
    let m = mount(CardOptions::default());
    settle().await;
    let article = q(&m.shadow, "article.ic-card").expect("article");
    assert_eq!(
        article.get_attribute("data-variant").as_deref(),
        Some("full")
    );
    let title = q(&m.shadow, "h2.ic-title").unwrap();
    assert_eq!(
        title.text_content().as_deref(),
        Some("Agent deletes production")
    );
    assert_eq!(
        article.get_attribute("aria-labelledby"),
        title.get_attribute("id")
    );
    let badge = q(&m.shadow, "[part=badge] [role=img]").unwrap();
    assert_eq!(
        badge.get_attribute("aria-label").as_deref(),
        Some("Severity: Moderate (3 of 5)")
    );
    // After mount an effect adds the Copy button (a static render has none).
    assert!(q(&m.shadow, ".ic-copy button").is_some());
    m.handle.destroy();
    m.host.remove();
}

#[wasm_bindgen_test]
async fn copy_shows_a_message_either_way() {
    // The real clipboard: headless Chromium may refuse it. Either outcome must be said.
    let m = mount(CardOptions::default());
    settle().await;
    click(&q(&m.shadow, ".ic-copy button").unwrap());
    let status = status_text(&m.shadow).await;
    assert!(
        status == "Copied" || status.contains("Press Ctrl+C to copy"),
        "status: {status:?}"
    );
    if status != "Copied" {
        assert_eq!(selection_text(), citation_text(&m.shadow));
    }
    m.handle.destroy();
    m.host.remove();
}

#[wasm_bindgen_test]
async fn copy_falls_back_to_selecting_the_text() {
    let m = mount(CardOptions::default());
    settle().await;
    // A clipboard that refuses, as on a page without permission.
    eval(
        "window.__icClip = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');\
         Object.defineProperty(navigator, 'clipboard', { configurable: true,\
           value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });",
    );
    click(&q(&m.shadow, ".ic-copy button").unwrap());
    let status = status_text(&m.shadow).await;
    eval("delete navigator.clipboard;");
    assert!(
        status.contains("Press Ctrl+C to copy"),
        "status: {status:?}"
    );
    let status_el = q(&m.shadow, ".ic-copy-status").unwrap();
    assert_eq!(
        status_el.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    assert_eq!(selection_text(), citation_text(&m.shadow));
    // The text has focus, so Ctrl+C copies it.
    let active = m.shadow.active_element().unwrap();
    assert!(active.class_list().contains("ic-cite-text"));
    m.handle.destroy();
    m.host.remove();
}

#[wasm_bindgen_test]
async fn copy_success_is_announced() {
    let m = mount(CardOptions::default());
    settle().await;
    eval(
        "window.__icCopied = null;\
         Object.defineProperty(navigator, 'clipboard', { configurable: true,\
           value: { writeText: (t) => { window.__icCopied = t; return Promise.resolve(); } } });",
    );
    click(&q(&m.shadow, ".ic-copy button").unwrap());
    let status = status_text(&m.shadow).await;
    let copied = eval("window.__icCopied").as_string();
    eval("delete navigator.clipboard;");
    assert_eq!(status, "Copied");
    assert_eq!(copied.as_deref(), Some(citation_text(&m.shadow).as_str()));
    m.handle.destroy();
    m.host.remove();
}

#[wasm_bindgen_test]
async fn sections_fold_and_unfold() {
    let m = mount(CardOptions::default());
    settle().await;
    let open = |part: &str| {
        q(&m.shadow, &format!("[part={part}] details"))
            .unwrap()
            .has_attribute("open")
    };
    assert!(open("facts") && open("sources"));
    assert!(!open("lessons") && !open("related"));
    let summary = q(&m.shadow, "[part=lessons] summary").unwrap();
    click(&summary);
    settle().await;
    assert!(open("lessons"));
    click(&summary);
    settle().await;
    assert!(!open("lessons"));
    click(&q(&m.shadow, "[part=facts] summary").unwrap());
    settle().await;
    assert!(!open("facts"));
    m.handle.destroy();
    m.host.remove();
}

#[wasm_bindgen_test]
async fn source_links_stay_inside_the_card() {
    let m = mount(CardOptions::default());
    settle().await;
    let before = web_sys::window().unwrap().location().hash().unwrap();
    let link = q(&m.shadow, "[data-claims=verified] a.ic-ref").unwrap();
    let target = link.get_attribute("href").unwrap()[1..].to_owned();
    click(&link);
    settle().await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        before
    );
    let active = m
        .shadow
        .active_element()
        .expect("focus moved to the source");
    assert_eq!(active.id(), target);
    m.handle.destroy();
    m.host.remove();
}

#[wasm_bindgen_test]
async fn destroy_leaves_nothing_behind() {
    eval(HOOK);
    eval("window.__icHook.calls.length = 0;");
    let m = mount(CardOptions::default());
    settle().await;
    let button = q(&m.shadow, ".ic-copy button").unwrap();
    let status = q(&m.shadow, ".ic-copy-status").unwrap();
    m.handle.destroy();
    settle().await;
    assert_eq!(
        m.root.child_nodes().length(),
        0,
        "destroy empties the mount point"
    );
    m.root.remove();
    assert_eq!(
        m.shadow.child_nodes().length(),
        0,
        "the shadow root is empty"
    );
    // A click on the detached button reaches no listener and changes nothing.
    assert!(button.parent_node().is_none() || !m.shadow.contains(Some(&button)));
    click(&button);
    settle().await;
    assert_eq!(status.text_content().unwrap_or_default(), "");
    // Listeners: Yew delegates events to the mount point; the card's own click listeners (gloo's,
    // on the card and the citation's button row) are removed when it goes. Counted per event
    // type outside the mount point: nothing may be left added. (gloo's bindings may reach
    // addEventListener before this hook was installed, so a type can come out below zero.)
    let root: wasm_bindgen::JsValue = m.root.clone().into();
    js_sys::Reflect::set(&js_sys::global(), &"__icRoot".into(), &root).unwrap();
    let summary = eval(
        "(() => { const n = new Map(); for (const c of window.__icHook.calls) {\
           if (c.target === window.__icRoot) continue;\
           const k = c.type; n.set(k, (n.get(k) || 0) + (c.op === 'add' ? 1 : -1)); }\
           return JSON.stringify([...n].filter(([, v]) => v > 0)); })()",
    )
    .as_string()
    .unwrap();
    assert_eq!(
        summary, "[]",
        "listeners left behind outside the mount point"
    );
    let removed = eval(
        "window.__icHook.calls.filter(c => c.op === 'remove' && c.type === 'click'\
           && c.target !== window.__icRoot).length",
    );
    assert!(
        removed.as_f64().unwrap_or(0.0) >= 2.0,
        "the card's click listeners were removed"
    );
    m.host.remove();
}
