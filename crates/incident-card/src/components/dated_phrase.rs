//! A catalogue phrase with a date inside it ("last changed {date}", "withdrawn on {date}"): the
//! date is a `<time>` element, so the message is split at its placeholder.

use yew::prelude::*;

/// `template` with `{date}` as `<time datetime={machine}>{words}</time>`; a template without the
/// placeholder shows as written, followed by the date.
///
/// A function rather than a component: it has no state (see `external_link`).
pub fn dated_phrase(template: &'static str, machine: String, words: String) -> Html {
    let (before, after) = template.split_once("{date}").unwrap_or((template, ""));
    html! {
        <>{ before }<time datetime={machine}>{ words }</time>{ after }</>
    }
}
