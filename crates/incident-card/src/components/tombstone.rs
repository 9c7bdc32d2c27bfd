//! A withdrawn case: only what identifies it, when and why it was withdrawn. No facts.

use incident_model::Incident;
use yew::prelude::*;

use crate::components::dated_phrase::dated_phrase;
use crate::i18n::{Msg, Ui};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct TombstoneProps<'a> {
    pub doc: &'a Incident,
}

pub fn tombstone(props: &TombstoneProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let w = props.doc.withdrawn.as_ref();
    let date = w.and_then(|w| t.date_parts(&w.date));
    let reason = w.map(|w| clean(&w.reason)).filter(|r| !r.trim().is_empty());
    html! {
        <div class="ic-notice ic-tombstone" role="note">
            <p>
                <strong>
                    if let Some((machine, words)) = date {
                        { dated_phrase(t.get(Msg::WithdrawnTitleOn), machine, words) }
                    } else {
                        { t.get(Msg::WithdrawnTitle) }
                    }
                </strong>
                { "." }
            </p>
            <p>
                { t.get(Msg::WithdrawnReason) }{ " " }
                <span lang={reason.as_ref().and(ui.lang.clone())}>
                    { reason.unwrap_or_else(|| t.get(Msg::WithdrawnNoReason).to_owned()) }
                </span>
            </p>
            <p class="ic-quiet">{ t.get(Msg::WithdrawnHidden) }</p>
        </div>
    }
}
