//! The one component of the glue: chooses between loading, card, list, error and fallback.

use std::rc::Rc;

use incident_card::{
    CardOptions, ErrorCard, IncidentCard, IncidentList, ListQuery, SkeletonCard, Theme, Variant,
};
use incident_model::{Incident, Index};
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Phase {
    Loading,
    Card(Rc<Incident>),
    List {
        index: Rc<Index>,
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
    /// Nothing: an app parked in the pool between two cards.
    Empty,
}

#[derive(Properties, Clone, PartialEq)]
pub struct EmbedProps {
    pub phase: Phase,
    pub options: CardOptions,
}

#[function_component]
pub fn Embed(props: &EmbedProps) -> Html {
    let theme: Theme = props.options.theme;
    let variant: Variant = props.options.variant;
    match &props.phase {
        Phase::Loading => html! { <SkeletonCard {variant} {theme} /> },
        Phase::Card(doc) => html! {
            <IncidentCard doc={doc.clone()} options={props.options.clone()} />
        },
        Phase::List {
            index,
            query,
            index_url,
        } => html! {
            <IncidentList index={index.clone()} query={query.clone()}
                index_url={Some(index_url.clone())} {theme}
                heading_level={props.options.heading_level} />
        },
        Phase::Error {
            code,
            message,
            case_id,
            case_url,
        } => html! {
            <ErrorCard code={code.clone()} message={message.clone()} case_id={case_id.clone()}
                case_url={case_url.clone()} {theme} {variant} />
        },
        Phase::Fallback => html! { <slot></slot> },
        Phase::Empty => html! {},
    }
}
