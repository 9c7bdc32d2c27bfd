//! What a reader sees when a card cannot be shown: what failed, in words, and a way to the case
//! when it is known. Never blank.

use yew::prelude::*;

use crate::components::external_link::external_link;
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
}

/// The message shown when the caller gave none.
pub const DEFAULT_ERROR: &str = "Something went wrong while loading this incident.";

#[function_component]
pub fn ErrorCard(props: &ErrorProps) -> Html {
    let instance = use_state(next_instance);
    error_card(props, *instance)
}

/// The error card, its element ids numbered `instance` (see [`crate::view::id_prefix`]): what
/// [`ErrorCard`] renders, for a component that keeps its own instance number.
pub fn error_card(props: &ErrorProps, instance: u32) -> Html {
    let case_id = props
        .case_id
        .as_deref()
        .map(clean)
        .filter(|c| !c.trim().is_empty());
    let prefix = id_prefix(case_id.as_deref().unwrap_or("error"), instance);
    let title_id = format!("{prefix}-title");
    let message = clean(&props.message);
    let message = if message.trim().is_empty() {
        DEFAULT_ERROR.to_owned()
    } else {
        message
    };
    let code = clean(&props.code);
    let url = safe_url(props.case_url.as_deref(), false);
    html! {
        <article class="ic-card ic-error" part="card" data-theme={props.theme.as_str()}
            data-variant={props.variant.as_str()} aria-labelledby={title_id.clone()}>
            <p class="ic-error-title" id={title_id}>
                { match &case_id {
                    Some(id) => format!("Incident {id} could not be shown"),
                    None => "This incident could not be shown".to_owned(),
                } }
            </p>
            <p class="ic-error-msg">{ message }</p>
            if !code.trim().is_empty() {
                <p class="ic-quiet">{ "Error code: " }<code>{ code }</code></p>
            }
            if let Some(url) = url {
                <p class="ic-more">
                    { external_link(Some(&url), false, None,
                        html! { "Read the case on the publisher's site" }) }
                </p>
            }
        </article>
    }
}
