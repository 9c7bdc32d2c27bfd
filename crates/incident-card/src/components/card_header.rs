//! The card's header: case id and aliases, title, organisations, date, and the honest labels
//! (AI involvement not confirmed, disputed, updated).

use incident_model::{Incident, Status};
use yew::prelude::*;

use crate::components::collapsible::heading;
use crate::i18n::{Msg, Ui};
use crate::shown::Shown;
use crate::view::{ai_involvement_label, clean, id_line, organisation_label, push_joined};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct CardHeaderProps<'a> {
    pub doc: &'a Incident,
    pub heading_level: u8,
    pub title_id: AttrValue,
    /// The words shown: the title (original or translated).
    pub shown: &'a Shown<'a>,
    /// The line about the languages (see [`Shown::note`]).
    pub note: Option<String>,
}

pub fn card_header(props: &CardHeaderProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let doc = props.doc;
    let (title, title_ui) = props.shown.title();
    let mut orgs = String::new();
    for o in &doc.organisations {
        push_joined(&mut orgs, t.get(Msg::ListSep), &organisation_label(o, t));
    }
    let occurred = doc.dates.occurred.as_deref().and_then(|d| t.date_parts(d));
    let ai_label = ai_involvement_label(doc.ai_involvement, t);
    let withdrawn = doc.status == Status::Withdrawn;
    html! {
        <header class="ic-header" part="header">
            <p class="ic-kicker">
                <span class="ic-id">{ id_line(&doc.id, &doc.aliases, t) }</span>
                if let Some(label) = ai_label.filter(|_| !withdrawn) {
                    <span class="ic-flag"
                        data-ai={(doc.ai_involvement == incident_model::AiInvolvement::None).then_some("none")}>
                        { label }
                    </span>
                }
            </p>
            { heading(props.heading_level, "ic-title", props.title_id.clone(), title_ui.lang.clone(),
                html! { clean(title) }) }
            if !withdrawn && (!orgs.is_empty() || occurred.is_some()) {
                <p class="ic-meta">
                    if !orgs.is_empty() {
                        <span class="ic-orgs">{ orgs }</span>
                    }
                    if let Some((machine, words)) = occurred {
                        <span class="ic-date">
                            <span class="ic-vh">{ t.get(Msg::HeaderOccurred) }{ " " }</span>
                            <time datetime={machine}>{ words }</time>
                        </span>
                    }
                </p>
            }
            if let Some(note) = props.note.clone() {
                <p class="ic-quiet ic-langs">{ note }</p>
            }
        </header>
    }
}
