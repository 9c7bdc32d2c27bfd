//! What a reader must know before the facts: the record is disputed or was updated. (A withdrawn
//! record is shown by the tombstone instead.)

use std::rc::Rc;

use incident_model::{Incident, Status};
use yew::prelude::*;

use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct StatusNoticeProps {
    pub doc: Rc<Incident>,
}

pub fn status_notice(props: &StatusNoticeProps) -> Html {
    let doc = &props.doc;
    let reason = doc
        .status_reason
        .as_deref()
        .map(clean)
        .filter(|r| !r.trim().is_empty());
    match doc.status {
        Status::Disputed => html! {
            <p class="ic-notice ic-notice-disputed" role="note">
                <strong>{ "Disputed record." }</strong>
                { " " }
                { reason.unwrap_or_else(|| "Parts of this record are contested.".to_owned()) }
            </p>
        },
        Status::Updated => match reason {
            Some(r) => html! {
                <p class="ic-notice" role="note"><strong>{ "Updated." }</strong>{ " " }{ r }</p>
            },
            None => html! {},
        },
        _ => html! {},
    }
}
