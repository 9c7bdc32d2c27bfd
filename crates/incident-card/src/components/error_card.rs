//! What a reader sees when a card cannot be shown: what failed, in words, and a way to the case
//! when it is known. Never blank.

use yew::prelude::*;

use crate::components::collapsible::heading;
use crate::components::external_link::external_link;
use crate::i18n::{Msg, Texts};
use crate::options::{Theme, Variant};
use crate::view::{clean, id_prefix, next_instance, safe_url};

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ErrorProps {
    /// A short machine code, e.g. `fetch`, `not-json`, `version`.
    pub code: String,
    /// What failed, in words a reader understands.
    pub message: String,
    #[prop_or_default]
    pub case_id: Option<String>,
    /// Link to the case page; shown only when it passes the link policy.
    #[prop_or_default]
    pub case_url: Option<String>,
    #[prop_or_default]
    pub theme: Theme,
    #[prop_or_default]
    pub variant: Variant,
    /// The UI language asked for (a language tag; English when it has no catalogue).
    #[prop_or_default]
    pub lang: Option<String>,
    /// The level of its title's heading, as the card's would have been (2 to 6), so that a reader
    /// who moves through a page by its headings finds a failed card where the card would be.
    #[prop_or(crate::options::DEFAULT_HEADING_LEVEL)]
    pub heading_level: u8,
}

/// The error codes the catalogue words (`problem.<code>`), in the order of their keys.
pub const PROBLEMS: [&str; 15] = [
    "bad-options",
    "cors",
    "http-error",
    "invalid",
    "network",
    "not-found",
    "not-incident",
    "not-json",
    "offline",
    "origin-not-allowed",
    "rate-limited",
    "server-error",
    "timeout",
    "too-large",
    "unsupported-version",
];

/// The catalogue's sentence for an error code, or the general one. The `problem.*` keys are
/// consecutive slots, in [`PROBLEMS`] order (`tests/catalogues.rs` holds them to it).
fn code_message(t: &Texts, code: &str) -> String {
    let slot = PROBLEMS.iter().position(|p| *p == code);
    match slot.and_then(|i| t.slot_after(Msg::ProblemBadOptions, i)) {
        Some(s) => s.to_owned(),
        None => t.get(Msg::ErrorDefault).to_owned(),
    }
}

#[function_component]
pub fn ErrorCard(props: &ErrorProps) -> Html {
    let instance = use_state(next_instance);
    error_card(props, *instance)
}

/// The error card, its element ids numbered `instance` (see [`crate::view::id_prefix`]): what
/// [`ErrorCard`] renders, for a component that keeps its own instance number.
pub fn error_card(props: &ErrorProps, instance: u32) -> Html {
    error_card_titled(props, instance, Msg::ErrorTitle)
}

/// The error card with `title` as its title when it names no case ("This list could not be
/// shown" for a list).
pub(crate) fn error_card_titled(props: &ErrorProps, instance: u32, title: Msg) -> Html {
    let case_id = props
        .case_id
        .as_deref()
        .map(clean)
        .filter(|c| !c.trim().is_empty());
    let prefix = id_prefix(case_id.as_deref().unwrap_or("error"), instance);
    let title_id = format!("{prefix}-title");
    let t = Texts::for_tag(props.lang.as_deref());
    // The catalogue's sentence for the code, in the card's language; after the code, the detailed
    // message of the request or the reader (in English: it names addresses, limits, fields).
    let code = clean(&props.code);
    let message = code_message(&t, code.trim());
    let detail = clean(&props.message);
    let url = safe_url(props.case_url.as_deref(), false);
    html! {
        <article class="ic-card ic-error" part="card" data-theme={props.theme.as_str()}
            data-variant={props.variant.as_str()} aria-labelledby={title_id.clone()}
            lang={t.locale().tag()} dir={t.dir()}>
            { heading(props.heading_level, "ic-error-title", title_id.into(), None, html! {
                match &case_id {
                    Some(id) => t.fmt(Msg::ErrorTitleId, &[("id", id)]),
                    None => t.get(title).to_owned(),
                }
            }) }
            <p class="ic-error-msg">{ message }</p>
            <p class="ic-quiet">
                if !code.trim().is_empty() {
                    { t.get(Msg::ErrorCode) }{ " " }<code>{ code }</code>{ " · " }
                }
                <span lang="en">{ detail }</span>
            </p>
            if let Some(url) = url {
                <p class="ic-more">
                    { external_link(Some(&url), false, None,
                        html! { t.get(Msg::ErrorLink) }, &t) }
                </p>
            }
        </article>
    }
}
