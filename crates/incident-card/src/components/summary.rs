//! The summary paragraph and the tags.

use yew::prelude::*;

use crate::i18n::{Msg, Ui};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct SummaryProps<'a> {
    /// The summary, original or translated, with the languages it is shown in.
    pub summary: (&'a str, &'a Ui),
    pub tags: &'a [String],
}

pub fn summary_block(props: &SummaryProps<'_>, ui: &Ui) -> Html {
    let mut tags = Vec::new();
    for tag in props.tags {
        let tag = clean(tag);
        if !tag.trim().is_empty() {
            tags.push(html! { <li>{ tag }</li> });
        }
    }
    html! {
        <div class="ic-summary" part="summary">
            <p class="ic-lede" lang={props.summary.1.lang.clone()}>{ clean(props.summary.0) }</p>
            if !tags.is_empty() {
                <ul class="ic-tags" aria-label={ui.t.get(Msg::SummaryTags)} lang={ui.lang.clone()}>
                    { for tags }
                </ul>
            }
        </div>
    }
}
