//! Static HTML of a card, an error or a list (no hydration markers), for pages without script,
//! previews and tests. Style it with [`crate::STYLESHEET`].

use std::rc::Rc;

use incident_model::Incident;
use yew::LocalServerRenderer;

use crate::components::{CardProps, ErrorCard, ErrorProps, IncidentCard, IncidentList, ListProps};
use crate::options::CardOptions;

/// A card as HTML.
pub async fn render_card(doc: Rc<Incident>, options: CardOptions) -> String {
    LocalServerRenderer::<IncidentCard>::with_props(CardProps { doc, options })
        .hydratable(false)
        .render()
        .await
}

/// An error card as HTML.
pub async fn render_error(props: ErrorProps) -> String {
    LocalServerRenderer::<ErrorCard>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

/// A list as HTML.
pub async fn render_list(props: ListProps) -> String {
    LocalServerRenderer::<IncidentList>::with_props(props)
        .hydratable(false)
        .render()
        .await
}
