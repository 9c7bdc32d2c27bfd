//! # incident-cards-wasm: the browser glue
//!
//! This crate is what `wasm-bindgen` turns into `pkg/`. It holds no card logic: the document model
//! lives in `incident-model`, the card in `incident-card`. What is here is only what needs a
//! browser:
//!
//! - **exports** for the JavaScript loader (`www/embed.js`): [`configure`], [`mount`], [`unmount`],
//!   [`mounted_count`];
//! - the **registry** of mounted cards (handle → host element and its container), so a card can be
//!   unmounted and a host mounted twice gets the same card;
//! - **rendering**: the card's HTML from [`incident_card::html`] (no Yew in the widget: see that
//!   module for why) written into the shadow root, and one delegated click handler
//!   ([`behaviour`]) for what a live card does (copy the citation, move to a cited source);
//! - the host's **open shadow root**, with the one shared stylesheet adopted into it;
//! - **fetch** ([`fetch`]): allowed origins only, one request per address, timeouts, retries;
//!
//! There is no panic hook. The shipped module is built with panics that abort at once (see
//! `docs/performance.md`: the message and its formatting machinery cost about 7 KB brotli), so a
//! panic is a `WebAssembly.RuntimeError` trap in whichever JavaScript called into the module. The
//! loader is the one place that notices it: it catches traps from its own calls and, for work
//! the module runs later (futures, event handlers, timers), from the page's `error` and
//! `unhandledrejection` events; it then marks the instance failed, turns every card into its
//! readable fallback and never calls into the module again. The instance is never trusted after
//! a trap: its memory may hold half-updated state (a `RefCell` still borrowed, a card half built).
//!
//! One instance per page: the loader imports this module once, however many cards or loaders the
//! page has. The crate is built twice, with the `lists` feature (`<incident-list>`: the index's
//! reader, checks, filters and markup) and without it, about 4 KB brotli smaller; both builds have
//! the same exports and imports, so one glue serves both. The loader picks one per page, and when
//! a list arrives on a page running the build without lists it moves every card to the other
//! ([`unmount`] with `keep`, then [`mount`] on the new instance) and drops the first.

pub mod behaviour;
pub mod config;
pub mod dom;
pub mod fetch;
pub mod json;
pub mod url;
pub mod view;

use std::cell::{Cell, RefCell};

use incident_card::CardOptions;
#[cfg(feature = "lists")]
use incident_card::ListQuery;
use incident_model::{limits, DocumentError};
use json::parse_incident;
#[cfg(feature = "lists")]
use json::parse_index;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use config::{MountOptions, PageConfig};
use fetch::FetchError;
use view::Phase;

struct Mounted {
    id: u32,
    host: Element,
    /// The `div.ic-root` in the shadow root that holds what the card shows.
    container: Element,
    options: CardOptions,
    /// The shadow root held a pre-rendered card when this card was mounted.
    prerendered: bool,
    /// A pre-rendered card the widget can keep as the live one: its `.ic-root`, the fingerprint
    /// the snippet gave it, and the instance number in its element ids.
    adoptable: Option<(Element, String, u32)>,
}

thread_local! {
    static PAGE: RefCell<Option<PageConfig>> = const { RefCell::new(None) };
    static SHEET: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Sets the page-wide configuration, the shared stylesheet (in a list, `[sheet]`, as
/// `adoptedStyleSheets` takes it) and the loader's request and wait functions
/// ([`fetch::set_loader`]; without them no document can be fetched). Called once by the loader
/// before the first mount; later calls replace the configuration for new cards.
#[wasm_bindgen]
pub fn configure(
    page: JsValue,
    sheet: JsValue,
    request: js_sys::Function,
    wait: js_sys::Function,
) -> Result<(), JsValue> {
    let page = PageConfig::read(&page).map_err(|e| {
        JsValue::from_str(&("incident-cards: bad page configuration: ".to_owned() + &e))
    })?;
    // The link policy parses addresses with the browser's `URL`.
    url::install();
    PAGE.with(|p| *p.borrow_mut() = Some(page));
    SHEET.with(|s| *s.borrow_mut() = sheet);
    fetch::set_loader(request, wait);
    Ok(())
}

/// Number of cards currently mounted (for tests and diagnostics).
#[wasm_bindgen]
pub fn mounted_count() -> u32 {
    MOUNTED.with(|m| m.borrow().len() as u32)
}

fn card_options(o: &MountOptions) -> CardOptions {
    let mut options = CardOptions::from_attrs(
        o.variant.as_deref(),
        o.theme.as_deref(),
        o.sections.as_deref(),
        o.heading_level.as_deref(),
    );
    options.case_url = o.case_url.clone();
    options.lang = o.lang.clone();
    options
}

/// Mounts a card (or a list) into `host`'s shadow root and starts loading its document. Returns a
/// handle for [`unmount`]. Mounting a host that is already mounted returns its existing handle.
#[wasm_bindgen]
pub fn mount(host: Element, options: JsValue) -> Result<u32, JsValue> {
    if let Some(id) = MOUNTED.with(|m| m.borrow().iter().find(|c| c.host == host).map(|c| c.id)) {
        return Ok(id);
    }
    let page = PAGE
        .with(|p| p.borrow().clone())
        .ok_or_else(|| JsValue::from_str("incident-cards: configure() was not called"))?;
    let opts = MountOptions::read(&options)
        .map_err(|e| JsValue::from_str(&("incident-cards: bad options: ".to_owned() + &e)))?;

    let root = dom::shadow_root(&host)?;
    // A pre-rendered shadow root links the stylesheet already: adopting the same rules again would
    // only make the browser restyle the whole card.
    let linked = dom::parent(&root)
        .query_selector("link[rel=stylesheet]")
        .ok()
        .flatten()
        .is_some();
    if !linked {
        SHEET.with(|s| dom::adopt_sheet(&root, &s.borrow()));
    }
    // A card pre-rendered in a declarative shadow root stays on screen, untouched, until the live
    // card is rendered beside it (hidden); then the two swap in one step. If anything fails, the
    // pre-rendered card simply stays.
    let pre_card = dom::parent(&root)
        .query_selector("article.ic-card")
        .ok()
        .flatten();
    let prerendered = pre_card.is_some();
    let adoptable = pre_card.and_then(|article| {
        let pre_root = article.parent_element()?;
        let render = pre_root.get_attribute("data-render")?;
        let instance = article
            .get_attribute("aria-labelledby")?
            .strip_suffix("-title")?
            .rsplit('-')
            .next()?
            .parse::<u32>()
            .ok()?;
        Some((pre_root, render, instance))
    });
    let document = incident_card::browser::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("incident-cards: no document"))?;
    let card = card_options(&opts);
    let phase = if prerendered {
        Phase::Empty
    } else if opts.has_fallback {
        Phase::Fallback
    } else {
        Phase::Loading
    };
    let container = document.create_element("div")?;
    container.set_class_name("ic-root");
    if prerendered {
        container.set_attribute("hidden", "")?;
        root.append_child(&container)?;
    } else {
        dom::parent(&root).replace_children_with_node_1(&container);
    }
    view::show(&container, &phase, &card);
    behaviour::attach(&container);
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    dom::set_state(&host, "loading");
    MOUNTED.with(|m| {
        m.borrow_mut().push(Mounted {
            id,
            host: host.clone(),
            container,
            options: card,
            prerendered,
            adoptable,
        })
    });
    wasm_bindgen_futures::spawn_local(load(id, host, opts, page));
    Ok(id)
}

/// Unmounts a card: empties its shadow root and removes its click handler. With `keep`, the card
/// is only forgotten: what it shows stays on screen, live, for another instance of the module to
/// mount over (the loader moves a page's cards when it changes modules; a card shown stays until
/// its replacement is ready, as a pre-rendered one does).
#[wasm_bindgen]
pub fn unmount(handle: u32, keep: bool) {
    let mounted = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let pos = m.iter().position(|c| c.id == handle)?;
        Some(m.swap_remove(pos))
    });
    if let Some(card) = mounted {
        if keep {
            return;
        }
        behaviour::detach(&card.container);
        card.container.remove();
        if let Some(root) = card.host.shadow_root() {
            dom::parent(&root).replace_children_with_node_0();
        }
        let _ = card.host.remove_attribute("data-state");
    }
}

enum Failure {
    Fetch(FetchError),
    Document(DocumentError),
}

impl Failure {
    fn code(&self) -> &'static str {
        match self {
            Failure::Fetch(e) => e.code,
            Failure::Document(e) => e.code(),
        }
    }
    fn message(&self) -> String {
        match self {
            Failure::Fetch(e) => e.message.clone(),
            Failure::Document(DocumentError::UnsupportedVersion { found, .. }) => {
                format!("this card needs a newer widget (the document is version {found})")
            }
            Failure::Document(DocumentError::Invalid { problems, .. }) => match problems.first() {
                Some(p) => format!("the document is invalid: {p}"),
                None => "the document is invalid".to_owned(),
            },
            Failure::Document(DocumentError::NotIncident { message }) => {
                format!("not an incident document: {message}")
            }
            Failure::Document(e) => format!("the document could not be read: {e}"),
        }
    }
    fn attempts(&self) -> u32 {
        match self {
            Failure::Fetch(e) => e.attempts,
            Failure::Document(_) => 1,
        }
    }
}

/// Whether a pre-rendered card can be kept as the live one: its fingerprint matches the live
/// document rendered with the same options and instance. `false` (and the card no longer
/// adoptable) when it is not adoptable or the document changed since the snippet was made.
fn same_as_prerendered(id: u32, doc: &incident_model::Incident) -> bool {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let Some(card) = m.iter_mut().find(|c| c.id == id) else {
            return false;
        };
        let same = card
            .adoptable
            .as_ref()
            .is_some_and(|(_, render, instance)| {
                let live = incident_card::html::card(doc, &card.options, *instance, false);
                incident_card::html::fingerprint(&live) == *render
            });
        if !same {
            // The live card is built beside it instead; nothing keeps the old one.
            card.adoptable = None;
        }
        same
    })
}

/// Keeps the pre-rendered card as the live one (after [`same_as_prerendered`]; no second copy
/// built, laid out and swapped in): moves the click handler onto it and adds the Copy button.
/// `false` when the card is no longer mounted or adoptable.
fn adopt(id: u32) -> bool {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let Some(card) = m.iter_mut().find(|c| c.id == id) else {
            return false;
        };
        let Some((pre_root, _, _)) = card.adoptable.take() else {
            return false;
        };
        behaviour::detach(&card.container);
        card.container.remove();
        if let (Ok(Some(row)), Some(document)) = (
            pre_root.query_selector(".ic-copy"),
            pre_root.owner_document(),
        ) {
            let mut out = view::DomSink::new(document);
            incident_card::html::write_copy_controls(&mut out);
            out.append_to(&row);
        }
        behaviour::attach(&pre_root);
        // Adopted once: a later instance that finds it renders its own card and swaps.
        let _ = pre_root.remove_attribute("data-render");
        card.container = pre_root;
        true
    })
}

/// For a pre-rendered card: once the live card is rendered (hidden, beside the pre-rendered one),
/// removes the pre-rendered nodes and shows the live card, in one step.
fn reveal(id: u32) {
    let Some((container, host)) = MOUNTED.with(|m| {
        m.borrow()
            .iter()
            .find(|c| c.id == id && c.prerendered)
            .map(|c| (c.container.clone(), c.host.clone()))
    }) else {
        return;
    };
    let Some(root) = host.shadow_root() else {
        return;
    };
    let nodes = root.child_nodes();
    let mut stale = Vec::new();
    for i in 0..nodes.length() {
        if let Some(node) = nodes.item(i) {
            let keep = &node == container.unchecked_ref::<web_sys::Node>()
                || dom::text_prop(&node, "localName").as_deref() == Some("link");
            if !keep {
                stale.push(node);
            }
        }
    }
    for node in stale {
        let _ = root.remove_child(&node);
    }
    let _ = container.remove_attribute("hidden");
}

fn update(id: u32, phase: Phase) -> Option<Element> {
    MOUNTED.with(|m| {
        let m = m.borrow();
        let card = m.iter().find(|c| c.id == id)?;
        view::show(&card.container, &phase, &card.options);
        Some(card.host.clone())
    })
}

/// Lets the browser run other tasks (and paint) before going on.
pub(crate) async fn next_task() {
    fetch::sleep(0).await;
}

async fn load(id: u32, host: Element, opts: MountOptions, page: PageConfig) {
    let is_list = opts.kind.as_deref() == Some("list");
    let case_id = opts.case.clone();
    // The case link an error card keeps: the host's own (a blockquote's cite, `case-url`), else
    // the document's address when it is on an allowed origin.
    let resolved = fetch::resolve(opts.src.as_deref(), opts.case.as_deref(), &page);
    let case_url = opts.case_url.clone().or_else(|| {
        let url = resolved.as_ref().ok()?;
        fetch::check_origin(url, &page).ok()?;
        Some(url.to_string())
    });
    // A pre-rendered card is on screen already, so no one waits for its upgrade: the work is
    // spread over tasks of its own (take over the request; parse the document; read it; check
    // it; render it and compare; adopt or swap), each short enough not to hold up the page.
    let patient = MOUNTED.with(|m| {
        m.borrow()
            .iter()
            .any(|c| c.id == id && c.adoptable.is_some())
    });
    if patient {
        next_task().await;
    }
    let result = async {
        // The loader gives lists to the module built with them; this one never fetches an index.
        #[cfg(not(feature = "lists"))]
        if is_list {
            return Err(Failure::Fetch(FetchError {
                code: "unsupported",
                message: "this build of the widget shows cards only, not lists".to_owned(),
                attempts: 0,
            }));
        }
        let url = resolved.map_err(Failure::Fetch)?;
        fetch::check_origin(&url, &page).map_err(Failure::Fetch)?;
        let limit = if is_list {
            limits::INDEX_BYTES
        } else {
            limits::DOCUMENT_BYTES
        };
        let body = fetch::fetch_cached(&url, &page, limit)
            .await
            .map_err(Failure::Fetch)?;
        if patient {
            next_task().await;
        }
        #[cfg(feature = "test-hooks")]
        if opts.test_panic {
            panic!("test hook: forced panic while rendering {url}");
        }
        #[cfg(feature = "lists")]
        if is_list {
            let index = parse_index(&body).map_err(Failure::Document)?;
            let query = ListQuery::from_attrs(
                opts.failure_mode.as_deref(),
                opts.tag.as_deref(),
                opts.organisation.as_deref(),
                opts.severity.as_deref(),
                opts.sort.as_deref(),
                opts.limit.as_deref(),
            );
            return Ok((
                None,
                Phase::List {
                    index,
                    query,
                    index_url: url.to_string(),
                },
            ));
        }
        let doc = parse_incident(&body, patient)
            .await
            .map_err(Failure::Document)?;
        Ok((Some(doc.id.clone()), Phase::Card(Box::new(doc))))
    }
    .await;

    match result {
        Ok((doc_id, phase)) => {
            if patient {
                next_task().await;
            }
            let unchanged = match &phase {
                Phase::Card(doc) => same_as_prerendered(id, doc),
                _ => false,
            };
            if unchanged {
                next_task().await;
            }
            let shown = if unchanged && adopt(id) {
                Some(())
            } else {
                update(id, phase).map(|_| reveal(id))
            };
            if shown.is_some() {
                dom::set_state(&host, "ready");
                let id_value = doc_id
                    .or(case_id)
                    .map_or(JsValue::NULL, |s| JsValue::from_str(&s));
                dom::dispatch(&host, "incident-card:ready", &[("id", id_value)]);
            }
        }
        Err(failure) => {
            let known_id = match &failure {
                Failure::Document(e) => e.id().map(str::to_owned),
                Failure::Fetch(_) => None,
            }
            .or(case_id);
            let prerendered =
                MOUNTED.with(|m| m.borrow().iter().any(|c| c.id == id && c.prerendered));
            let phase = if prerendered {
                Phase::Empty
            } else if opts.has_fallback {
                Phase::Fallback
            } else {
                Phase::Error {
                    code: failure.code().to_owned(),
                    message: failure.message(),
                    case_id: known_id.clone(),
                    case_url: case_url.clone(),
                }
            };
            if update(id, phase).is_none() {
                return;
            }
            dom::set_state(&host, "error");
            let message = failure.message();
            dom::warn(&format!(
                "{} ({}): {message}",
                known_id.as_deref().unwrap_or("card"),
                failure.code()
            ));
            dom::dispatch(
                &host,
                "incident-card:error",
                &[
                    (
                        "id",
                        known_id.map_or(JsValue::NULL, |s| JsValue::from_str(&s)),
                    ),
                    ("code", JsValue::from_str(failure.code())),
                    ("message", JsValue::from_str(&message)),
                    ("attempts", JsValue::from(failure.attempts())),
                ],
            );
        }
    }
}

/// The allocator: talc in place of the standard library's dlmalloc, about 3 KB smaller in the
/// module (measured: 1.5 KB brotli). A card allocates little and briefly; speed is not the concern.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
