//! # incident-cards-wasm: the browser glue
//!
//! This crate is what `wasm-bindgen` turns into the widget's wasm module (in `dist/`, and in the npm
//! package the build lays out in `pkg/`). It holds no card logic: the document model
//! lives in `incident-model`, the card and the component that fetches it in `incident-card`. Each
//! mounted card is a Yew app of [`incident_card::RemoteIncidentCard`] (or
//! [`incident_card::RemoteIncidentList`]) in a container inside its host's open shadow root: the
//! same components the command-line tool renders on the server. What is here is only what needs
//! the page:
//!
//! - **exports** for the JavaScript loader (`www/embed.js`): [`configure`], [`mount`], [`unmount`],
//!   [`mounted_count`], [`messages`];
//! - the **registry** of mounted apps ([`registry`]): a host mounted twice gets the same card, and
//!   unmounting destroys the app;
//! - **mounting** ([`mounting`]): the shadow root, the one shared stylesheet adopted into it, a
//!   card already on screen kept until the new one is ready;
//! - **outcomes** ([`outcome`]): `data-state`, the `incident-card:ready` and `incident-card:error`
//!   events, one console line per failed card;
//! - the page's **configuration** ([`config`], serde through serde-wasm-bindgen), and the
//!   browser's URL parser installed for the link policy (`incident_card::browser_url`).
//!
//! The loader makes every request for the cards (`incident_card::fetch::use_loader`): it starts a
//! card's first request while the module downloads, and reads every body with a size cap.
//!
//! ## Panics
//! The shipped module is built with panics that abort at once (see `docs/performance.md`), so a
//! panic is a `WebAssembly.RuntimeError` trap in whichever JavaScript called into the module:
//! there is no panic hook to run, and Yew is told not to install its own. The loader is the one
//! place that notices a trap: it catches traps from its own calls and, for work the module runs
//! later (a fetch's continuation, a Yew render, a click, a timer), from the page's `error` and
//! `unhandledrejection` events; it then marks the instance failed, turns every card into its
//! readable fallback and never calls into the module again. The instance is never trusted after
//! a trap: its memory may hold half-updated state.
//!
//! ## One instance per page, two builds
//! The loader imports this module once, however many cards or loaders the page has. The crate is
//! built with the `lists` feature (`<incident-list>`) and without it; the loader picks one per
//! page, and when a list arrives on a page running the build without lists it moves every card to
//! the other ([`unmount`] with `keep`, then [`mount`] on the new instance) and drops the first.

/// The module's allocator: lol_alloc's free list (first fit in a list ordered by address,
/// neighbours merged on release) in place of the standard library's dlmalloc. It is 2.0 KB brotli
/// smaller, which is what lets the first card carry its four languages under the 120 KB limit; on
/// the benchmark's mobile-like profile the widget's script times stay within the run-to-run spread
/// of dlmalloc's (docs/performance.md). The module runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: the module is built without threads (wasm32-unknown-unknown, no atomics), so no two
    // threads ever allocate at once, which is all `AssumeSingleThreaded` asks.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

pub mod config;
pub mod dom;
pub mod mounting;
pub mod outcome;
pub mod registry;

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use config::{MountOptions, PageConfig};

thread_local! {
    static PAGE: RefCell<Option<PageConfig>> = const { RefCell::new(None) };
    static SHEET: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
    static STEADY: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

/// Sets the page-wide configuration, the shared stylesheet (in a list, `[sheet]`, as
/// `adoptedStyleSheets` takes it), the loader's request function (see
/// `incident_card::fetch::use_loader`; without it no document can be fetched) and its function
/// that holds a card's height when it swaps in on screen (`www/loader/steady.js`). Called once by
/// the loader before the first mount; later calls replace the configuration for new cards.
#[wasm_bindgen]
pub fn configure(
    page: JsValue,
    sheet: JsValue,
    request: js_sys::Function,
    steady: JsValue,
) -> Result<(), JsValue> {
    let page: PageConfig = config::read(page)
        .map_err(|e| JsValue::from_str(&format!("incident-cards: bad page configuration: {e}")))?;
    // The crash tests' hook for a trap while the widget starts (a build of its own): a page whose
    // `base` asks for it.
    #[cfg(feature = "test-hooks")]
    #[allow(clippy::panic)]
    if page.base.contains("__test_panic_on_start") {
        panic!("test hook: forced panic while starting");
    }
    // The link policy parses addresses with the browser's `URL`.
    incident_card::browser_url::install();
    // Panics abort at once in the shipped module; Yew's hook (a console logger) would never run.
    yew::set_custom_panic_hook(Box::new(|_| {}));
    PAGE.with(|p| *p.borrow_mut() = Some(page));
    SHEET.with(|s| *s.borrow_mut() = sheet);
    STEADY.with(|s| *s.borrow_mut() = steady);
    incident_card::fetch::use_loader(request);
    Ok(())
}

/// Hands over the message table of one UI language (`locales/{lang}.json`'s `messages`, joined
/// with NUL characters by the loader: one string crosses into the module, not an array to
/// deserialise) before the cards of that language mount. `false` when the language has no
/// catalogue or the table does not fit this module (another build's): its cards then show in
/// English, and say so with their `lang`.
#[wasm_bindgen]
pub fn messages(lang: &str, table: &str) -> bool {
    match incident_card::Locale::from_tag(lang) {
        Some(locale) => incident_card::i18n::register(locale, table),
        None => false,
    }
}

/// Number of cards currently mounted (for tests and diagnostics).
#[wasm_bindgen]
pub fn mounted_count() -> u32 {
    registry::count()
}

/// Mounts a card (or a list, `kind: "list"`) into `host`'s shadow root and starts loading its
/// document. Returns a handle for [`unmount`]. Mounting a host that is already mounted returns
/// its existing handle.
#[wasm_bindgen]
pub fn mount(host: Element, options: JsValue) -> Result<u32, JsValue> {
    if let Some(id) = registry::find_host(&host) {
        return Ok(id);
    }
    let page = PAGE
        .with(|p| p.borrow().clone())
        .ok_or_else(|| JsValue::from_str("incident-cards: configure() was not called"))?;
    let opts: MountOptions = config::read(options)
        .map_err(|e| JsValue::from_str(&format!("incident-cards: bad options: {e}")))?;
    #[cfg(not(feature = "lists"))]
    if opts.kind.as_deref() == Some("list") {
        // The loader gives lists to the module built with them.
        return Err(JsValue::from_str(
            "incident-cards: this build of the widget shows cards only, not lists",
        ));
    }
    let sheet = SHEET.with(|s| s.borrow().clone());
    mounting::mount(host, &page, &sheet, opts)
}

/// Unmounts a card: destroys its app and empties its shadow root. With `keep`, the card is only
/// forgotten: what it shows stays on screen (its app alive) for a new mount over it, which swaps
/// its own card in when ready, as over a pre-rendered one: the loader does this when a card's
/// attributes change, and when it moves a page's cards to the other module's instance.
#[wasm_bindgen]
pub fn unmount(handle: u32, keep: bool) {
    mounting::unmount(handle, keep);
}

/// Calls the loader's `steady(host, container)` after a card took the place of what its host
/// showed (see `www/loader/steady.js`): if the reader could see the host, the card is held at the
/// height they saw. Nothing without the function.
pub(crate) fn steady(host: &JsValue, container: &JsValue) {
    STEADY.with(|f| {
        if let Some(f) = f.borrow().dyn_ref::<js_sys::Function>() {
            let _ = f.call2(&JsValue::NULL, host, container);
        }
    });
}
