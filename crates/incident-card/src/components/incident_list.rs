//! A list of incidents from an index: filtered and sorted by a [`ListQuery`], each entry a compact
//! card, a screenful at a time (`limit`, else 25): how many of how many are shown, and **Show
//! more** for the next screenful, as over a sharded index.

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
    /// The list's accessible name, in place of "Incidents".
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

impl ListProps {
    /// The props of a list of `index` with every other field at its default, for Rust callers
    /// that render a list themselves (`ssr::render_list`): `ListProps { theme: Theme::Dark,
    /// ..ListProps::new(index) }` keeps compiling when a field is added.
    pub fn new(index: Rc<Index>) -> Self {
        Self {
            index,
            query: ListQuery::default(),
            index_url: None,
            theme: Theme::default(),
            heading_level: 2,
            lang: None,
            label: None,
        }
    }
}

/// An index compared by address: an index is read once and never changed, so the same address
/// is the same index (comparing its entries would cost what the memo saves).
#[derive(Clone)]
struct IndexRef(Rc<Index>);

impl PartialEq for IndexRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component]
pub fn IncidentList(props: &ListProps) -> Html {
    // The entries that pass, in order, as positions in the index: worked out again only for
    // another index or query, not for each **Show more** (regression: over an index of
    // thousands each one re-filtered and re-sorted it, 600 ms on a slow phone).
    let entries = use_memo(
        (IndexRef(props.index.clone()), props.query.clone()),
        |(index, query)| query.positions(&index.0),
    );
    let step = props.query.step();
    // How many to show, and for which query: another query (the reader's filter bar) starts
    // again from one screenful.
    let wanted = use_state(|| (props.query.clone(), step));
    let count = if wanted.0 == props.query {
        wanted.1
    } else {
        wanted.set((props.query.clone(), step));
        step
    };
    let total = entries.len();
    let shown = count.min(total);
    let list = use_node_ref();
    let refocus = crate::dom::use_focus_after_more(list.clone(), shown, shown < total);
    let more = {
        let (wanted, refocus) = (wanted.clone(), refocus.clone());
        let query = props.query.clone();
        Callback::from(move |_: MouseEvent| {
            *refocus.borrow_mut() = Some(shown);
            wanted.set((query.clone(), count + step));
        })
    };
    let index_url = props.index_url.clone().map(AttrValue::from);
    let level = props.heading_level.clamp(2, 6);
    let t = Texts::for_tag(props.lang.as_deref());
    let num = |n: usize| t.locale().number(n as u64);
    html! {
        <section class="ic-card ic-list" part="card" data-theme={props.theme.as_str()}
            data-variant="compact" aria-label={props.label.clone().unwrap_or(AttrValue::Static(t.get(Msg::ListLabel)))}
            lang={t.locale().tag()} dir={t.dir()}>
            if total > 0 {
                <ul class="ic-list-items" ref={list}>
                    { for entries.iter().take(shown).filter_map(|&i| props.index.incidents.get(i)).map(|e| html! {
                        <li key={e.id.clone()}>
                            <ListEntry entry={e.clone()} index_url={index_url.clone()} heading_level={level} t={t} />
                        </li>
                    }) }
                </ul>
            }
            // One live region, there whatever the list holds, so that a list that comes to hold
            // nothing is announced too (regression: the "no match" line replaced it).
            <p class="ic-counts" role="status" aria-live="polite">
                if total == 0 {
                    <span class="ic-empty">{ t.get(Msg::ListNoMatch) }</span>
                } else {
                    { t.fmt(Msg::ListShowing, &[("shown", &num(shown)), ("total", &num(total))]) }
                }
            </p>
            if shown < total {
                <p class="ic-copy">
                    <button type="button" class="ic-btn" onclick={more}>{ t.get(Msg::ListMore) }</button>
                </p>
            }
        </section>
    }
}
