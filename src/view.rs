//! What a mounted card shows, and writing it into the card's container.

use incident_card::html::{self, ErrorInfo};
use incident_card::view::next_instance;
use incident_card::{CardOptions, ListQuery};
use incident_model::{Incident, Index};
use web_sys::Element;

pub enum Phase {
    Loading,
    Card(Box<Incident>),
    List {
        index: Index,
        query: ListQuery,
        index_url: String,
    },
    Error {
        code: String,
        message: String,
        case_id: Option<String>,
        case_url: Option<String>,
    },
    /// Show the host's own readable content (a blockquote or a pre-rendered card).
    Fallback,
    /// Nothing.
    Empty,
}

/// Replaces what `container` shows with `phase`. The HTML comes from [`incident_card::html`],
/// which escapes every text and checks every address (see there).
pub fn show(container: &Element, phase: &Phase, o: &CardOptions) {
    let markup = match phase {
        Phase::Loading => html::skeleton(o.variant, o.theme),
        Phase::Card(doc) => html::card(doc, o, next_instance(), true),
        Phase::List {
            index,
            query,
            index_url,
        } => html::list(index, query, Some(index_url), o.theme, o.heading_level),
        Phase::Error {
            code,
            message,
            case_id,
            case_url,
        } => html::error(
            &ErrorInfo {
                code: code.clone(),
                message: message.clone(),
                case_id: case_id.clone(),
                case_url: case_url.clone(),
                theme: o.theme,
                variant: o.variant,
            },
            next_instance(),
        ),
        Phase::Fallback => "<slot></slot>".to_owned(),
        Phase::Empty => String::new(),
    };
    container.set_inner_html(&markup);
}
