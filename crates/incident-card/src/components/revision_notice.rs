//! What changed since a page embedded the case. A snippet pins the revision it was made from
//! (`revision="2"`); when the live document is newer, the card says so and when, lists what
//! changed (the document's `history`), and links to the embedded revision where the registry
//! keeps it, or says that it does not. A withdrawn case shows the tombstone with the same link.

use incident_model::Incident;
use yew::prelude::*;

use crate::components::dated_phrase::dated_phrase;
use crate::components::external_link::external_link;
use crate::i18n::{Msg, Ui};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct RevisionNoticeProps<'a> {
    pub doc: &'a Incident,
    /// The revision the page embedded.
    pub embedded: u32,
    /// Only the link to the embedded revision (under a tombstone), not what changed.
    pub link_only: bool,
}

pub fn revision_notice(props: &RevisionNoticeProps<'_>, ui: &Ui) -> Html {
    let doc = props.doc;
    let Some(since) = doc.since(props.embedded) else {
        return html! {};
    };
    let t = &ui.t;
    let n = props.embedded.to_string();
    let link = match since.kept {
        Some(url) => external_link(
            Some(url),
            doc.allow_http,
            None,
            html! { t.fmt(Msg::PinKept, &[("n", &n)]) },
            t,
        ),
        None => html! { t.fmt(Msg::PinLost, &[("n", &n)]) },
    };
    let date = since.date.and_then(|d| t.date_parts(d));
    let lines = since.lines;
    html! {
        // What a reader must not miss comes first, the date and the way to the embedded
        // revision, so that it shows even in a card held at the height of what it replaced
        // (`www/loader/steady.js`); the lines follow.
        <div class="ic-notice ic-pin" role="note">
            <p>
                if !props.link_only {
                    <strong>
                        if let Some((machine, words)) = date {
                            { dated_phrase(t.get(Msg::PinUpdatedOn), machine, words) }
                        } else {
                            { t.get(Msg::PinUpdated) }
                        }
                    </strong>
                    { " " }
                }
                { link }
            </p>
            if !props.link_only && !lines.is_empty() {
                // The registry's own words, in the document's language.
                <ul lang={ui.lang.clone()}>
                    { for lines.into_iter().map(|line| html! { <li>{ clean(line) }</li> }) }
                </ul>
            }
        </div>
    }
}
