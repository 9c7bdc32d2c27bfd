//! Mounting a card: the host's open shadow root, the shared stylesheet, and a Yew app of the
//! card's remote component in a container inside it.
//!
//! A shadow root that already shows a card (pre-rendered in a declarative shadow root by
//! `incident-cards snippet`, or left on screen by the other module's instance when the loader
//! moved the page's cards), or a host with a readable fallback (a blockquote), keeps what it
//! shows on screen: the app renders hidden beside it, and when it is ready the two swap in one
//! step ([`crate::outcome`]), holding the host's height if the page would move
//! (`www/loader/steady.js`). If loading fails, what is on screen stays.

use std::rc::Rc;

use incident_card::{CardOptions, RemoteCardProps, RemoteIncidentCard};
#[cfg(feature = "lists")]
use incident_card::{ListQuery, RemoteIncidentList, RemoteListProps};
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::{AttrValue, Callback};

use crate::config::{MountOptions, PageConfig};
use crate::registry::{self, App, Mounted};
use crate::{dom, outcome};

/// Mounts a card (or a list) on `host`; see [`crate::mount`].
pub fn mount(
    host: Element,
    page: &PageConfig,
    sheet: &JsValue,
    opts: MountOptions,
) -> Result<u32, JsValue> {
    let root = dom::shadow_root(&host)?;
    let shown = dom::parent(&root);
    // A pre-rendered shadow root carries the card's styles already: adopting the same rules again
    // would only make the browser restyle the whole card.
    let styled = shown
        .query_selector("style, link[rel=stylesheet]")
        .ok()
        .flatten()
        .is_some();
    if !styled {
        dom::adopt_sheet(&root, sheet);
    }
    let card_shown = shown
        .query_selector("article.ic-card, section.ic-card")
        .ok()
        .flatten()
        .is_some();
    // The host's readable fallback (a blockquote's text) shows through a slot until the card is
    // ready, so the swap is one step the glue controls (`outcome::reveal`), as for a card.
    let beside = card_shown || opts.has_fallback;
    let container = dom::create(&root, "div")?;
    container.set_class_name("ic-root");
    if beside {
        if !card_shown {
            shown.replace_children_with_node_1(&dom::create(&root, "slot")?.into());
        }
        container.set_attribute("hidden", "")?;
        root.append_child(&container)?;
    } else {
        shown.replace_children_with_node_1(&container);
    }
    let src = AttrValue::from(src(&opts, page));
    let id = registry::next_id();
    let replaces_card = registry::has_retired(&host);
    dom::set_state(&host, "loading");
    registry::insert(Mounted {
        id,
        host,
        container: container.clone(),
        app: None,
        beside,
        case: opts.case.clone().filter(|c| !c.trim().is_empty()),
        src: src.clone(),
        replaces_card,
        #[cfg(feature = "test-hooks")]
        test_panic: opts.test_panic,
    });
    let rules = Rc::new(page.rules());
    let onsettle = Callback::from(move |o| outcome::settle(id, o));
    // The host's own content stays while loading and on failure: a blockquote's text, or a card
    // already on screen (the app's container is hidden then); not the card of an app this one
    // replaces, which a failure replaces with its error card (`outcome::settle`).
    let fallback = !replaces_card && (opts.has_fallback || beside);
    let options = card_options(&opts);
    #[cfg(feature = "lists")]
    let list = opts.kind.as_deref() == Some("list");
    #[cfg(not(feature = "lists"))]
    let list = false;
    if !beside {
        // Until it settles, the box keeps its skeleton's height (the stylesheet's
        // `.ic-root[data-loading]`; a list's skeleton is the compact card's): Yew may let the
        // browser paint the card or list before it reports it rendered, and the page must not
        // move before `steady` has held it.
        let skeleton = if list {
            "compact"
        } else {
            options.variant.as_str()
        };
        container.set_attribute("data-loading", skeleton)?;
    }
    #[cfg(feature = "lists")]
    if list {
        let query = ListQuery::from_attrs(
            opts.failure_mode.as_deref(),
            opts.tag.as_deref(),
            opts.organisation.as_deref(),
            opts.severity.as_deref(),
            opts.sort.as_deref(),
            opts.limit.as_deref(),
        )
        .with_range(opts.from.as_deref(), opts.to.as_deref())
        .with_related_to(opts.related_to.as_deref());
        if let Some(why) = &query.unreadable {
            dom::warn(&format!(
                "a list ({src}): {why}, so it lists nothing; fix the attribute (or the mount() option)."
            ));
        }
        let app = yew::Renderer::<RemoteIncidentList>::with_root_and_props(
            container,
            RemoteListProps {
                src,
                query,
                controls: opts.controls.as_deref().is_some_and(|c| c != "false"),
                label: opts
                    .label
                    .as_deref()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| AttrValue::from(l.to_owned())),
                lang: options.lang.clone(),
                theme: options.theme,
                heading_level: options.heading_level,
                rules,
                fallback,
                onsettle,
            },
        )
        .render();
        registry::set_app(id, App::List(app));
        return Ok(id);
    }
    let app = App::Card(
        yew::Renderer::<RemoteIncidentCard>::with_root_and_props(
            container,
            RemoteCardProps {
                src,
                options,
                rules,
                fallback,
                onsettle,
            },
        )
        .render(),
    );
    registry::set_app(id, app);
    Ok(id)
}

/// The document's address: `src`, else `case` resolved against the page's base (`{base}{id}.json`).
/// Empty when the card names no usable document; the card then reports it.
fn src(opts: &MountOptions, page: &PageConfig) -> String {
    match (
        opts.src.as_deref().map(str::trim),
        opts.case.as_deref().map(str::trim),
    ) {
        (Some(src), _) if !src.is_empty() => src.to_owned(),
        (_, Some(case)) if incident_model::validate::is_valid_id(case) => {
            format!("{}{case}.json", page.base)
        }
        _ => String::new(),
    }
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
    options.revision = o
        .revision
        .as_deref()
        .and_then(incident_card::options::parse_revision);
    options
}

/// Unmounts a card; see [`crate::unmount`].
pub fn unmount(handle: u32, keep: bool) {
    let Some(card) = registry::remove(handle) else {
        return;
    };
    if keep {
        // What it shows stays on screen, for a new mount on this host (with new options, or the
        // other module's instance) to swap its own card in over it; the app lives until then.
        if let Some(app) = card.app {
            registry::retire(card.host, app);
        }
        return;
    }
    registry::destroy_retired(&card.host);
    if let Some(app) = card.app {
        app.destroy();
    }
    card.container.remove();
    if let Some(root) = card.host.shadow_root() {
        let shown = dom::parent(&root);
        shown.replace_children_with_node_0();
        // The host's own content (a blockquote's text, a snippet's readable fallback) shows again.
        if card.host.child_element_count() > 0 {
            if let Ok(slot) = dom::create(&root, "slot") {
                let _ = shown.append_child(&slot);
            }
        }
    }
    let _ = card.host.remove_attribute("data-state");
}
