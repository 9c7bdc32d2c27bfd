//! What the host page learns when a card settles: `data-state`, a bubbling, composed
//! `incident-card:ready` or `incident-card:error` event, and for a failure one console line. A card
//! rendered beside the one on screen replaces it here, in one step.

use incident_card::Outcome;
use wasm_bindgen::{JsCast, JsValue};

use crate::{dom, registry};

/// Called by a card's app once its card, list or error card is rendered.
pub fn settle(id: u32, outcome: Outcome) {
    // The crash tests' hook (a build of its own): the one deliberate panic.
    #[cfg(feature = "test-hooks")]
    #[allow(clippy::panic)]
    if registry::with(id, |c| c.test_panic) == Some(true) {
        panic!("test hook: forced panic in card {id}");
    }
    let Some((host, container, case, src, beside, replaces_card)) = registry::with(id, |c| {
        (
            c.host.clone(),
            c.container.clone(),
            c.case.clone(),
            c.src.clone(),
            c.beside,
            c.replaces_card,
        )
    }) else {
        // Unmounted meanwhile.
        return;
    };
    match outcome {
        Outcome::Ready { id: doc_id } => {
            if beside {
                reveal(id);
            } else {
                // The card replaced its skeleton in the render that settled it.
                crate::steady(&host, &container);
            }
            dom::set_state(&host, "ready");
            let doc_id = Some(doc_id).filter(|d| !d.is_empty()).or(case);
            dom::dispatch(&host, "incident-card:ready", &[("id", text(doc_id))]);
        }
        Outcome::Failed(failure) => {
            if !beside {
                // The error card replaced the skeleton (with a fallback, that stays on screen).
                crate::steady(&host, &container);
            } else if replaces_card {
                // The card on screen is for the address or options the host had before.
                reveal(id);
            }
            let known = failure.case_id().map(str::to_owned).or(case);
            let message = failure.message();
            dom::set_state(&host, "error");
            // The address too: a page whose cards share an id, or a list, tells them apart by it.
            dom::warn(&format!(
                "{} ({}) at {src}: {message}",
                known.as_deref().unwrap_or("card"),
                failure.code()
            ));
            dom::dispatch(
                &host,
                "incident-card:error",
                &[
                    ("id", text(known)),
                    ("code", JsValue::from_str(failure.code())),
                    ("message", JsValue::from_str(&message)),
                    ("attempts", JsValue::from(failure.attempts())),
                ],
            );
        }
    }
}

fn text(s: Option<String>) -> JsValue {
    s.map_or(JsValue::NULL, |s| JsValue::from_str(&s))
}

/// Shows a card rendered beside what is on screen (a card, or the host's own fallback through a
/// slot): removes everything else in the shadow root but its styles, and unhides the new card,
/// in one step (one task, so one frame); then holds the host's height if the swap would move the
/// page under the reader (`www/loader/steady.js`).
fn reveal(id: u32) {
    let Some((container, host)) = registry::with(id, |c| {
        c.beside = false;
        (c.container.clone(), c.host.clone())
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
            let name = dom::text_prop(&node, "localName");
            let keep = &node == container.unchecked_ref::<web_sys::Node>()
                || matches!(name.as_deref(), Some("link" | "style"));
            if !keep {
                stale.push(node);
            }
        }
    }
    for node in stale {
        let _ = root.remove_child(&node);
    }
    let _ = container.remove_attribute("hidden");
    // The app whose card was on screen, if it was this instance's, has had its day.
    registry::destroy_retired(&host);
    crate::steady(&host, &container);
}
