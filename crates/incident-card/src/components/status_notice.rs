//! What a reader must know before the facts: the record is disputed or was updated. (A withdrawn
//! record is shown by the tombstone instead.)

use incident_model::{Incident, Status};
use yew::prelude::*;

use crate::i18n::{Msg, Ui};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct StatusNoticeProps<'a> {
    pub doc: &'a Incident,
}

pub fn status_notice(props: &StatusNoticeProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let doc = props.doc;
    let reason = doc
        .status_reason
        .as_deref()
        .map(clean)
        .filter(|r| !r.trim().is_empty());
    match doc.status {
        Status::Disputed => html! {
            <p class="ic-notice ic-notice-disputed" role="note">
                <strong>{ t.get(Msg::NoticeDisputed) }</strong>
                { " " }
                // The document's reason, in its language, else the card's own words.
                <span lang={reason.as_ref().and(ui.lang.clone())}>
                    { reason.unwrap_or_else(|| t.get(Msg::NoticeDisputedDefault).to_owned()) }
                </span>
            </p>
        },
        Status::Updated => match reason {
            Some(r) => html! {
                <p class="ic-notice" role="note"><strong>{ t.get(Msg::NoticeUpdated) }</strong>{ " " }
                    <span lang={ui.lang.clone()}>{ r }</span></p>
            },
            None => html! {},
        },
        _ => html! {},
    }
}
