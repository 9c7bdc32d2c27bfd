//! The one component that renders an external `<a>`. Every address is checked by the link policy at
//! render time, so even a document that skipped validation cannot produce a `javascript:` link;
//! an address that fails is not linked, and its text still shows.

use incident_model::check_url;
use yew::prelude::*;

/// The `rel` of every external link.
pub const REL: &str = "noopener noreferrer nofollow ugc";

#[derive(Properties, PartialEq)]
pub struct ExternalLinkProps {
    /// The address as the document (or host) gives it.
    pub href: Option<AttrValue>,
    /// The document opted in to plain `http` addresses.
    #[prop_or_default]
    pub allow_http: bool,
    #[prop_or_default]
    pub class: Classes,
    /// Accessible name when the visible text is not enough (e.g. a bare source number).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The link text. Rendered as text (or as the given markup from this crate), never as HTML
    /// from a document.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn ExternalLink(props: &ExternalLinkProps) -> Html {
    let checked = props
        .href
        .as_deref()
        .and_then(|h| check_url(h.trim(), props.allow_http).ok());
    match checked {
        Some(url) => html! {
            <a class={props.class.clone()} href={String::from(url)} target="_blank" rel={REL}
                aria-label={props.label.clone()}>
                { props.children.clone() }
                <span class="ic-vh">{ " (opens in a new tab)" }</span>
            </a>
        },
        None => html! {
            <span class={props.class.clone()}>{ props.children.clone() }</span>
        },
    }
}
