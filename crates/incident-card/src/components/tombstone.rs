//! A withdrawn case: only what identifies it, when and why it was withdrawn. No facts.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::view::{clean, date_parts};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct TombstoneProps {
    pub doc: Rc<Incident>,
}

pub fn tombstone(props: &TombstoneProps) -> Html {
    let w = props.doc.withdrawn.as_ref();
    let date = w.and_then(|w| date_parts(&w.date));
    let reason = w.map(|w| clean(&w.reason)).filter(|r| !r.trim().is_empty());
    html! {
        <div class="ic-notice ic-tombstone" role="note">
            <p>
                <strong>{ "This case has been withdrawn" }</strong>
                if let Some((machine, words)) = date {
                    <>{ " on " }<time datetime={machine}>{ words }</time></>
                }
                { "." }
            </p>
            <p>
                { "Reason: " }
                { reason.unwrap_or_else(|| "not given.".to_owned()) }
            </p>
            <p class="ic-quiet">{ "Its facts are no longer shown." }</p>
        </div>
    }
}
