//! The filter bar of a list with `controls`: a chooser for each facet, each value with how many
//! cases it holds, and the order. Choosing changes the list's query; the list reads anew.

use incident_model::shards::Manifest;
use incident_model::Index;
use yew::prelude::*;

use crate::i18n::{Msg, Texts};
use crate::list_query::{parse_level, ListQuery, SortBy};

/// The values a list can be filtered by, each with its count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choices {
    pub failure_mode: Vec<(String, u32)>,
    pub tag: Vec<(String, u32)>,
    pub organisation: Vec<(String, u32)>,
    /// Cumulative: the cases of this level and above.
    pub severity: Vec<(String, u32)>,
    pub total: u32,
}

impl Choices {
    /// From a sharded index's manifest: its facets as they are.
    pub fn of_manifest(m: &Manifest) -> Choices {
        let values = |shards: &[incident_model::shards::Shard]| {
            shards
                .iter()
                .filter_map(|s| Some((s.value.clone()?, s.count)))
                .collect()
        };
        Choices {
            failure_mode: values(&m.facets.failure_mode),
            tag: values(&m.facets.tag),
            organisation: values(&m.facets.organisation),
            severity: values(&m.facets.severity),
            total: m.all.count,
        }
    }

    /// From a single index file: counted over its listed cases, grouped as the sharded index
    /// groups them (`incident_model::shards::plan`), so both forms offer the same values.
    pub fn of_index(index: &Index) -> Choices {
        let mut c = Choices::default();
        for plan in incident_model::shards::plan(&index.incidents) {
            let n = u32::try_from(plan.members.len()).unwrap_or(u32::MAX);
            let Some(value) = plan.value else {
                c.total = n;
                continue;
            };
            match plan.facet {
                "failure-mode" => c.failure_mode.push((value, n)),
                "tag" => c.tag.push((value, n)),
                "organisation" => c.organisation.push((value, n)),
                "severity" => c.severity.push((value, n)),
                _ => {}
            }
        }
        c
    }
}

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub choices: Choices,
    pub query: ListQuery,
    pub onchange: Callback<ListQuery>,
    /// The UI language asked for (a language tag; English when it has no catalogue).
    #[prop_or_default]
    pub lang: Option<String>,
    /// The list's own name: the bar's is its own words, then this one's (two lists' bars would
    /// otherwise be two search landmarks of one name).
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// The value of the `<select>` an event came from. Read through `Reflect`, which the widget's
/// glue already imports: a binding of its own for `<select>` would make the module with lists
/// need a glue of its own (the build gives both modules one).
fn chosen(e: &Event) -> Option<String> {
    let target = js_sys::Reflect::get(e, &"target".into()).ok()?;
    js_sys::Reflect::get(&target, &"value".into())
        .ok()?
        .as_string()
}

#[function_component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let q = &props.query;
    let t = Texts::for_tag(props.lang.as_deref());
    // The query the reader's last choice made: a second choice before the list has rendered the
    // first builds on it (regression: on the query of the last render, so the first was lost).
    let latest = use_mut_ref(ListQuery::default);
    *latest.borrow_mut() = q.clone();
    let field = |label: &str,
                 key: &'static str,
                 values: &[(String, u32)],
                 current: Option<String>| {
        let onchange = {
            let (latest, onchange) = (latest.clone(), props.onchange.clone());
            Callback::from(move |e: Event| {
                let v = chosen(&e).filter(|v| !v.is_empty());
                let mut next = latest.borrow().clone();
                match key {
                    "failure-mode" => next.failure_mode = v,
                    "tag" => next.tag = v,
                    "organisation" => next.organisation = v,
                    _ => next.severity = v.as_deref().and_then(parse_level),
                }
                *latest.borrow_mut() = next.clone();
                onchange.emit(next);
            })
        };
        let given = current.unwrap_or_default();
        let current = given.to_ascii_lowercase();
        // A value the page filters by that the registry does not have is shown as chosen, with
        // its count (0), rather than leaving the chooser on another value (regression: it showed
        // the last value, which the reader then could not choose).
        let absent = !current.is_empty()
            && !values
                .iter()
                .any(|(v, _)| v.to_ascii_lowercase() == current);
        html! {
            <label>{ label }{ " " }
                <select {onchange}>
                    <option value="" selected={current.is_empty()}>{ t.fmt(Msg::FilterAny, &[("n", &t.locale().number(u64::from(props.choices.total)))]) }</option>
                    { for values.iter().map(|(v, n)| {
                        // A severity level shows in the reader's language, as on the badges.
                        let shown = match key {
                            "severity" => parse_level(v).map_or(v.as_str(), |l| t.level(l)),
                            _ => v.as_str(),
                        };
                        html! {
                            <option value={v.clone()} selected={v.to_ascii_lowercase() == current}>{ format!("{shown} ({})", t.locale().number(u64::from(*n))) }</option>
                        }
                    }) }
                    if absent {
                        <option value={given.clone()} selected=true>{ format!("{given} ({})", t.locale().number(0)) }</option>
                    }
                </select>
            </label>
        }
    };
    let sort = {
        let (latest, onchange) = (latest.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let mut next = latest.borrow().clone();
            next.sort = chosen(&e)
                .as_deref()
                .and_then(SortBy::parse)
                .unwrap_or_default();
            *latest.borrow_mut() = next.clone();
            onchange.emit(next);
        })
    };
    let name = match &props.label {
        Some(list) => AttrValue::from(format!("{}: {list}", t.get(Msg::FilterLabel))),
        None => AttrValue::Static(t.get(Msg::FilterLabel)),
    };
    html! {
        <form class="ic-controls" role="search" aria-label={name} lang={t.locale().tag()} dir={t.dir()} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { field(t.get(Msg::FilterFailureMode), "failure-mode", &props.choices.failure_mode, q.failure_mode.clone()) }
            { field(t.get(Msg::FilterTag), "tag", &props.choices.tag, q.tag.clone()) }
            { field(t.get(Msg::FilterOrganisation), "organisation", &props.choices.organisation, q.organisation.clone()) }
            { field(t.get(Msg::FilterSeverity), "severity", &props.choices.severity, q.severity.map(|l| l.as_str().to_owned())) }
            <label>{ t.get(Msg::FilterOrder) }{ " " }
                <select onchange={sort}>
                    <option value="date" selected={q.sort == SortBy::Date}>{ t.get(Msg::FilterNewest) }</option>
                    <option value="severity" selected={q.sort == SortBy::Severity}>{ t.get(Msg::FilterMostSevere) }</option>
                </select>
            </label>
        </form>
    }
}
