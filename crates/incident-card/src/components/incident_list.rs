//! A list of incidents from an index: filtered, sorted and limited by a [`ListQuery`], each entry a
//! compact card.

use std::rc::Rc;

use incident_model::Index;
use yew::prelude::*;

use crate::components::list_entry::ListEntry;
use crate::i18n::{Msg, Texts};
use crate::list_query::ListQuery;
use crate::options::Theme;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub index: Rc<Index>,
    #[prop_or_default]
    pub query: ListQuery,
    /// Absolute address of `index.json`; entry links are its entries' `href` joined onto it.
    #[prop_or_default]
    pub index_url: Option<String>,
    #[prop_or_default]
    pub theme: Theme,
    /// Heading level of each entry's title (2..=6).
    #[prop_or(2)]
    pub heading_level: u8,
    /// The UI language asked for (a language tag; English when it has no catalogue).
    #[prop_or_default]
    pub lang: Option<String>,
}

#[function_component]
pub fn IncidentList(props: &ListProps) -> Html {
    let entries = props.query.apply(&props.index);
    let index_url = props.index_url.clone().map(AttrValue::from);
    let level = props.heading_level.clamp(2, 6);
    let t = Texts::for_tag(props.lang.as_deref());
    html! {
        <section class="ic-card ic-list" part="card" data-theme={props.theme.as_str()}
            data-variant="compact" aria-label={t.get(Msg::ListLabel)}
            lang={t.locale().tag()} dir={t.dir()}>
            if entries.is_empty() {
                <p class="ic-empty">{ t.get(Msg::ListNoMatch) }</p>
            } else {
                <ul class="ic-list-items">
                    { for entries.into_iter().map(|e| html! {
                        <li key={e.id.clone()}>
                            <ListEntry entry={e.clone()} index_url={index_url.clone()} heading_level={level} t={t} />
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
