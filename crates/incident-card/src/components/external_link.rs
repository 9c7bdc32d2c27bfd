//! The one place that renders an external `<a>`. Every address is checked by the link policy at
//! render time, so even a document that skipped validation cannot produce a `javascript:` link;
//! an address that fails is not linked, and its text still shows.

use incident_model::check_url;

use crate::i18n::{Msg, Texts};
use yew::prelude::*;

/// The `rel` of every external link.
pub const REL: &str = "noopener noreferrer nofollow ugc";

/// An external link: `href` as the document (or host) gives it, checked by the link policy here
/// (`allow_http` when the document opted in to plain `http`); `label` is the accessible name when
/// the visible text is not enough (a bare source number). The text is rendered as text, never as
/// HTML from a document. An address that fails the policy is not linked; its text still shows.
///
/// A function rather than a component: it has no state, and it is used at a dozen places, each of
/// which would instantiate a component's machinery and props builder (docs/performance.md).
///
/// It takes no class: a caller that styles a link puts the class on an element around it. A
/// computed `class` in `html!` goes through `yew::html::Classes` (an ordered set of strings), and
/// the card has none, which keeps that machinery out of the module (docs/performance.md).
pub fn external_link(
    href: Option<&str>,
    allow_http: bool,
    label: Option<String>,
    children: Html,
    t: &Texts,
) -> Html {
    match href.and_then(|h| check_url(h.trim(), allow_http).ok()) {
        Some(url) => html! {
            <a href={String::from(url)} target="_blank" rel={REL} aria-label={label}>
                { children }
                <span class="ic-vh">{ " " }{ t.get(Msg::LinkNewTab) }</span>
            </a>
        },
        None => children,
    }
}
