//! The list that fetches its index: a skeleton while it loads, then the entries that match the
//! query, or an error card. The widget mounts this component in every `<incident-list>`.

use std::rc::Rc;

use incident_model::parse::IndexFile;
use incident_model::shards::Manifest;
use incident_model::Index;
use yew::prelude::*;

use crate::components::error_card::{error_card_titled, ErrorProps};
use crate::components::filter_bar::{Choices, FilterBar};
use crate::components::incident_list::IncidentList;
use crate::components::remote_incident_card::{use_remote, Outcome, Remote};
use crate::components::sharded_list::{read_on, step, Progress, ShardedList};
use crate::components::skeleton_card::{skeleton_saying, SkeletonProps};
use crate::fetch::NetworkRules;
use crate::i18n::Msg;
use crate::list_query::ListQuery;
use crate::load::{load_index_file, Failure};
use crate::options::{Theme, Variant};
use crate::view::next_instance;

#[derive(Properties, PartialEq, Clone)]
pub struct RemoteListProps {
    /// Address of the index (`index.json`), absolute or relative to the page.
    pub src: AttrValue,
    #[prop_or_default]
    pub query: ListQuery,
    #[prop_or_default]
    pub theme: Theme,
    /// Heading level of each entry's title (2..=6).
    #[prop_or(2)]
    pub heading_level: u8,
    #[prop_or_default]
    pub rules: Rc<NetworkRules>,
    /// Show the host's own content (a `<slot>`) while loading and on failure.
    #[prop_or_default]
    pub fallback: bool,
    /// Called once the list or its error card is on screen.
    #[prop_or_default]
    pub onsettle: Callback<Outcome>,
    /// A filter bar above the entries, for readers to filter the list themselves.
    #[prop_or_default]
    pub controls: bool,
    /// The UI language asked for (a language tag; English when it has no catalogue).
    #[prop_or_default]
    pub lang: Option<String>,
    /// The list's accessible name (its region's, and its filter bar's after the bar's own), in
    /// place of "Incidents": each list of a page with several needs its own.
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// What a list loaded: a single-file index, or a sharded index's manifest with the first
/// screenful of entries for the query it was loaded for.
pub(crate) enum Listing {
    Single(Rc<Index>),
    Sharded {
        manifest: Rc<Manifest>,
        query: ListQuery,
        first: Progress,
    },
}

async fn load_listing(
    src: &str,
    rules: &NetworkRules,
    query: &ListQuery,
) -> Result<Listing, Failure> {
    match load_index_file(src, rules).await? {
        IndexFile::Single(index) => Ok(Listing::Single(Rc::new(index))),
        IndexFile::Sharded(manifest) => {
            let url = crate::fetch::resolve(src).map_err(Failure::Fetch)?;
            let start = Progress {
                next: 1,
                ..Progress::default()
            };
            let first = read_on(
                &manifest,
                url.as_str(),
                query,
                rules,
                start,
                step(&manifest, query),
            )
            .await?;
            Ok(Listing::Sharded {
                manifest: Rc::new(*manifest),
                query: query.clone(),
                first,
            })
        }
    }
}

#[function_component]
pub fn RemoteIncidentList(props: &RemoteListProps) -> Html {
    let src = props.src.clone();
    let query = props.query.clone();
    let state = use_remote(
        src.clone(),
        props.rules.clone(),
        props.onsettle.clone(),
        |_: &Listing| String::new(),
        move |src, rules| async move { load_listing(&src, &rules, &query).await },
    );
    let instance = use_state(next_instance);
    // The query in force: the host's, until the reader changes it in the filter bar.
    let chosen = use_state(|| None::<ListQuery>);
    let current = (*chosen).clone().unwrap_or_else(|| props.query.clone());
    let bar = |choices: Choices| {
        let chosen = chosen.clone();
        // (Not for a query the page set wrong: every choice would still list nothing, and the
        // console says what to fix.)
        html! {
            if props.controls && props.query.unreadable.is_none() {
                <FilterBar {choices} query={current.clone()} lang={props.lang.clone()} label={props.label.clone()}
                    onchange={Callback::from(move |q: ListQuery| chosen.set(Some(q)))} />
            }
        }
    };
    match &*state {
        Remote::Loading | Remote::Failed(_) if props.fallback => html! { <slot /> },
        Remote::Loading => skeleton_saying(
            &SkeletonProps {
                variant: Variant::Compact,
                theme: props.theme,
                lang: props.lang.clone(),
            },
            Msg::ListLoading,
        ),
        Remote::Shown(file) => {
            let index_url = crate::fetch::resolve(&src)
                .ok()
                .map(|u| u.as_str().to_owned());
            match &**file {
                Listing::Single(index) => html! {
                    <>
                    { bar(if props.controls { Choices::of_index(index) } else { Choices::default() }) }
                    <IncidentList index={index.clone()} query={current.clone()} {index_url}
                        theme={props.theme} heading_level={props.heading_level} lang={props.lang.clone()}
                        label={props.label.clone()} />
                    </>
                },
                // A list given another query than its first entries were read for starts again.
                Listing::Sharded {
                    manifest,
                    query,
                    first,
                } => {
                    let first = if *query == current {
                        first.clone()
                    } else {
                        Progress {
                            next: 1,
                            ..Progress::default()
                        }
                    };
                    html! {
                        <>
                        { bar(Choices::of_manifest(manifest)) }
                        <ShardedList manifest={manifest.clone()}
                            manifest_url={index_url.unwrap_or_default()} query={current.clone()} {first}
                            theme={props.theme} heading_level={props.heading_level} rules={props.rules.clone()}
                            lang={props.lang.clone()} label={props.label.clone()} />
                        </>
                    }
                }
            }
        }
        Remote::Failed(failure) => error_card_titled(
            &ErrorProps {
                code: failure.code().to_owned(),
                message: failure.message(),
                case_id: None,
                // No link: the index is data, not a page for the reader (regression: "Read the case
                // on the publisher's site" linked the raw index).
                case_url: None,
                theme: props.theme,
                variant: Variant::Compact,
                lang: props.lang.clone(),
                heading_level: props.heading_level,
            },
            *instance,
            Msg::ListErrorTitle,
        ),
    }
}
