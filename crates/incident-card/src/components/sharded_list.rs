//! A list over a sharded index (`incident_model::shards`): it reads only the pages it shows.
//!
//! The filters pick the smallest shard among those they name (a failure mode, a tag, an
//! organisation, a minimum severity, the years of a date range; none: every case); the list reads
//! that shard's pages in order (a range's year shards one after another, the newest year first:
//! together they are in date order), applies the other filters to each entry, and stops once it
//! has a screenful (`limit`, else a page), or has read `LIST_PAGES_PER_READ` pages for it. The first screenful is read before the list is shown (a page that fails then
//! gives the list's error card); **Show more** reads on. A filter whose value the registry does
//! not have matches nothing, and costs no request; so does `related-to` an id without a
//! related-case file (HTTP 404) when the manifest says it has a file for every id that has one. A later page that fails leaves the entries shown and says so
//! beside the button, which then tries that page again.

use std::rc::Rc;

use incident_model::shards::{page_path, Manifest, Order, Shard};
use incident_model::{IndexEntry, Status};
use yew::prelude::*;

use crate::components::list_entry::ListEntry;
use crate::fetch::NetworkRules;
use crate::i18n::{Msg, Texts};
use crate::list_query::{same, ListQuery};
use crate::load::{load_index, Failure};
use crate::options::Theme;

/// What a list reads: shards, one after another, and whether their entries still need the
/// other filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    /// One shard, or the year shards of a date range, newest year first.
    pub shards: Vec<Shard>,
    pub filter: bool,
    /// The related-case file of `related-to`: one page, sorted by date.
    pub related: bool,
}

impl Picked {
    /// How many cases the shards hold.
    pub fn count(&self) -> u32 {
        self.shards
            .iter()
            .fold(0u32, |n, s| n.saturating_add(s.count))
    }

    /// How many pages the list can read.
    fn pages(&self, m: &Manifest) -> u32 {
        if self.related {
            return 1;
        }
        self.shards
            .iter()
            .fold(0u32, |n, s| n.saturating_add(s.pages(m.page_size)))
    }

    /// The address of the list's page `n` (from 1), relative to the manifest.
    fn page(&self, m: &Manifest, order: Order, n: u32) -> Option<String> {
        if self.related {
            return self.shards.first().map(|s| s.path.clone());
        }
        let (shard, n) = self.locate(m, n)?;
        Some(page_path(shard, order, n))
    }

    /// The shard that holds the list's page `n` (from 1), and the page's number in it.
    fn locate<'a>(&'a self, m: &Manifest, mut n: u32) -> Option<(&'a Shard, u32)> {
        for shard in &self.shards {
            let pages = shard.pages(m.page_size);
            if n <= pages {
                return Some((shard, n));
            }
            n -= pages;
        }
        None
    }

    /// How many entries the list's page `n` holds by its manifest: a page of entries, but for a
    /// shard's last page, which holds the rest. `None` for the related-case file (one page of
    /// any length).
    fn expected(&self, m: &Manifest, n: u32) -> Option<usize> {
        if self.related {
            return None;
        }
        let (shard, n) = self.locate(m, n)?;
        let before = n.saturating_sub(1).saturating_mul(m.page_size);
        usize::try_from(shard.count.saturating_sub(before).min(m.page_size)).ok()
    }
}

/// What to read for `query`. `None`: a filter names a value the registry does not have (or
/// `related-to` a registry without related-case files), so nothing matches.
pub fn pick(m: &Manifest, q: &ListQuery) -> Option<Picked> {
    if q.holds_nothing() {
        return None;
    }
    if let Some(id) = &q.related_to {
        let path = incident_model::shards::related_path(m, id)?;
        return Some(Picked {
            shards: vec![Shard {
                value: Some(id.clone()),
                count: 1,
                path,
            }],
            filter: true,
            related: true,
        });
    }
    let (shards, filter) = pick_shard(m, q)?;
    Some(Picked {
        shards: shards.into_iter().cloned().collect(),
        filter,
        related: false,
    })
}

/// Whether the date range is of whole years (`2024`, `2024-01` to `2025-12-31`…): every case of
/// its years' shards is in it.
fn whole_years(q: &ListQuery) -> bool {
    let starts = |d: &incident_model::PartialDate| {
        d.month.is_none() || (d.month == Some(1) && d.day.is_none_or(|x| x <= 1))
    };
    let ends = |d: &incident_model::PartialDate| {
        d.month.is_none() || (d.month == Some(12) && d.day.is_none_or(|x| x >= 31))
    };
    q.from.as_ref().is_none_or(starts) && q.to.as_ref().is_none_or(ends)
}

/// The smallest shard (or years of shards) the filters name, and whether its entries still need
/// the filters: when another filter is set, or a date range that is not its years' whole.
/// `None`: a filter names a value the registry does not have, or the range holds nothing.
fn pick_shard<'a>(m: &'a Manifest, q: &ListQuery) -> Option<(Vec<&'a Shard>, bool)> {
    let is = |s: &Shard, v: &str| s.value.as_deref().is_some_and(|x| same(x, v));
    let one = |s: Option<&'a Shard>| s.map(|s| vec![s]);
    let mut named: Vec<Option<Vec<&Shard>>> = Vec::new();
    if let Some(v) = &q.failure_mode {
        named.push(one(m.facets.failure_mode.iter().find(|s| is(s, v))));
    }
    if let Some(v) = &q.tag {
        named.push(one(m.facets.tag.iter().find(|s| is(s, v))));
    }
    if let Some(v) = &q.organisation {
        named.push(one(m.facets.organisation.iter().find(|s| is(s, v))));
    }
    if let Some(level) = q.severity {
        named.push(one(m
            .facets
            .severity
            .iter()
            .find(|s| is(s, level.as_str()))));
    }
    // A date range reads the shards of its years, newest first: in date order their pages are the
    // range's cases in order (a case's year shard is that of its date). Sorted by severity, only
    // a range within one year does (one shard). A range no year shard falls in holds nothing,
    // whatever the order (regression: sorted by severity, it read every page of another shard).
    let (from, to) = (q.from.map(|d| d.year), q.to.map(|d| d.year));
    let mut ranged = false;
    if from.is_some() || to.is_some() {
        let mut years: Vec<(u16, &Shard)> = m
            .facets
            .year
            .iter()
            .filter_map(|s| Some((s.value.as_deref()?.parse::<u16>().ok()?, s)))
            .filter(|(y, _)| from.is_none_or(|f| *y >= f) && to.is_none_or(|t| *y <= t))
            .collect();
        if years.is_empty() {
            return None;
        }
        if q.sort.order() == Order::Date || from == to {
            years.sort_by_key(|y| std::cmp::Reverse(y.0));
            named.push(Some(years.into_iter().map(|(_, s)| s).collect()));
        } else {
            ranged = true; // read from another shard, the range applied to each entry
        }
    }
    if named.is_empty() {
        return Some((vec![&m.all], ranged));
    }
    // (The years' choice, when there is one, is the last.)
    let years_at = (from.is_some() || to.is_some()) && !ranged;
    let filters = named.len();
    let total = |shards: &Vec<&Shard>| shards.iter().fold(0u32, |n, s| n.saturating_add(s.count));
    let choices: Option<Vec<Vec<&Shard>>> = named.into_iter().collect();
    let (at, smallest) = choices?
        .into_iter()
        .enumerate()
        .min_by_key(|(_, shards)| total(shards))?;
    // Regression: a range of whole years read from its years' shards counted "up to" N cases
    // although every case of those shards is in it.
    let range_applies = (from.is_some() || to.is_some())
        && (ranged || !years_at || at + 1 != filters || !whole_years(q));
    Some((smallest, filters > 1 || range_applies))
}

/// What a list has read of its shard.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    pub entries: Vec<IndexEntry>,
    /// The next page to read, from 1.
    pub next: u32,
}

impl Progress {
    /// Whether the last read stopped at its bound of pages short of `wanted` entries, with pages
    /// left to read: the list then shows what it has, and reads on when the reader asks.
    pub fn short(&self, wanted: usize, pages: u32) -> bool {
        self.entries.len() < wanted && self.next <= pages
    }

    /// How many entries a list given this progress wants at first: a screenful (`step`), or what
    /// it holds when the read that gave it stopped at its bound (it reads on when asked).
    pub fn wanted(&self, step: usize, pages: u32) -> usize {
        if self.next > 1 && self.short(step, pages) {
            self.entries.len()
        } else {
            step
        }
    }
}

/// How many entries a screenful holds: the list's `limit`, else a page.
pub fn step(m: &Manifest, q: &ListQuery) -> usize {
    q.limit.unwrap_or(
        usize::try_from(m.page_size)
            .unwrap_or(25)
            .min(crate::list_query::MAX_LIMIT),
    )
}

/// Reads pages of the query's shard, from `progress.next`, until it holds `wanted` entries, the
/// shard is read to its end, or it has read `LIST_PAGES_PER_READ` pages (`Progress::short`).
pub async fn read_on(
    m: &Manifest,
    manifest_url: &str,
    q: &ListQuery,
    rules: &NetworkRules,
    mut progress: Progress,
    wanted: usize,
) -> Result<Progress, Failure> {
    let Some(picked) = pick(m, q) else {
        return Ok(progress);
    };
    let order = q.sort.order();
    let pages = picked.pages(m);
    // At most LIST_PAGES_PER_READ pages, or the pages the entries still wanted fill when each
    // adds a whole page (a list with no other filter asks for up to `MAX_LIMIT`).
    let missing = wanted.saturating_sub(progress.entries.len());
    let pages_needed = missing.div_ceil(usize::try_from(m.page_size.max(1)).unwrap_or(1));
    let bound = progress.next.saturating_add(
        u32::try_from(incident_model::limits::LIST_PAGES_PER_READ.max(pages_needed))
            .unwrap_or(u32::MAX),
    );
    while progress.entries.len() < wanted && progress.next <= pages && progress.next < bound {
        // The page's address, relative to the manifest (the path was checked to stay inside the
        // registry; the fetch checks the origin again).
        let Some(path) = picked.page(m, order, progress.next) else {
            break;
        };
        let url = incident_model::parse_url(&path, Some(manifest_url)).map_err(|_| {
            Failure::Fetch(crate::fetch::FetchError::new(
                "bad-options",
                "the index names a shard at an address that is not valid",
            ))
        })?;
        let page = match load_index(url.as_str(), rules).await {
            Ok(page) => page,
            // No related-case file, in a manifest that says it has one for every id a list can
            // ask about: no case is that id or names it, so nothing is related to it, as over a
            // single-file index.
            Err(f) if picked.related && m.related_complete && f.code() == "not-found" => {
                progress.next += 1;
                continue;
            }
            // A page the manifest names is gone: most likely the registry was rebuilt twice since
            // this page read the manifest (a rebuild keeps the build before it). Reading the
            // manifest anew is what helps.
            Err(Failure::Fetch(mut e)) if !picked.related && e.code == "not-found" => {
                e.message.push_str(
                    "; the registry's index may have changed since this page read it: reloading the page reads it anew",
                );
                return Err(Failure::Fetch(e));
            }
            Err(f) => return Err(f),
        };
        // Every page but a shard's last holds a whole page of entries (`index --sharded` writes
        // them so): a shorter one means the manifest and its pages disagree, and reading on
        // could fetch page after page for nothing (regression: a manifest counting a million
        // cases over empty pages made the list read without end).
        let held = page.incidents.len();
        let damaged = |what: String| {
            Err(Failure::Fetch(crate::fetch::FetchError::new(
                "invalid",
                format!(
                    "the registry's index is damaged: its page {path} {what}; rebuilding the index (incident-cards index --sharded) mends it"
                ),
            )))
        };
        if let Some(short) = picked.expected(m, progress.next).filter(|n| held < *n) {
            return damaged(format!(
                "holds {held} entries where its manifest counts {short}"
            ));
        }
        // Withdrawn cases are never listed, and a case is listed once, whatever the pages hold
        // (a page repeats none of its own: it is read as an index, which refuses that).
        // (A scan of what was read: a screenful at a time, a hash set would cost the module 1 KB.)
        let mut entries: Vec<IndexEntry> = page
            .incidents
            .into_iter()
            .filter(|e| {
                e.status != Status::Withdrawn
                    && (!picked.filter || q.matches(e))
                    && !progress.entries.iter().any(|x| x.id == e.id)
            })
            .collect();
        // Unfiltered, every entry of a shard's page is listed: a whole page that adds none holds
        // only cases listed before or withdrawn ones, which `index --sharded` never writes, and
        // reading on could go through every page the manifest counts for nothing.
        if !picked.filter && !picked.related && held > 0 && entries.is_empty() {
            return damaged(format!(
                "holds only cases listed before or withdrawn ({held})"
            ));
        }
        if picked.related && order == Order::Severity {
            entries.sort_by(|a, b| incident_model::shards::compare(a, b, order));
        }
        progress.entries.extend(entries);
        progress.next += 1;
    }
    Ok(progress)
}

#[derive(Properties, PartialEq)]
pub struct ShardedListProps {
    pub manifest: Rc<Manifest>,
    /// Absolute address of the manifest: shard paths and entry links are relative to it.
    pub manifest_url: AttrValue,
    pub query: ListQuery,
    /// The first screenful, read with the manifest.
    pub first: Progress,
    pub theme: Theme,
    pub heading_level: u8,
    pub rules: Rc<NetworkRules>,
    /// The UI language asked for (a language tag; English when it has no catalogue).
    #[prop_or_default]
    pub lang: Option<String>,
    /// The list's accessible name, in place of "Incidents".
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

#[function_component]
pub fn ShardedList(props: &ShardedListProps) -> Html {
    let step = step(&props.manifest, &props.query);
    // What has been read, and for which query: a new query (the reader's filter bar) starts
    // again from the entries the list was given (none, unless they were read for it).
    let picked = pick(&props.manifest, &props.query);
    let pages = picked.as_ref().map_or(0, |p| p.pages(&props.manifest));
    let progress = use_state(|| (props.query.clone(), props.first.clone()));
    // How many entries the reader asked for: a screenful at first, another with each Show more;
    // fewer when a read stopped at its bound of pages (regression: a filter that few entries of
    // a large shard match read every page of it, one after another, unasked).
    let wanted = use_state(|| props.first.wanted(step, pages));
    // Why the last page could not be read.
    let failed = use_state(|| None::<String>);
    let loading = use_state(|| false);
    // Counts queries, so a page that arrives for an earlier one is dropped.
    let generation = use_mut_ref(|| 0u32);
    let current = progress.0 == props.query;
    // What the list showed, and said, before the reader changed the query: it stays, busy, until
    // the new query's first page is read (regression: the list emptied and said "Showing 0 of
    // N", and what followed it on the page moved up, then down again).
    // (The status and whether the button showed, as last rendered.)
    let before = use_mut_ref(|| None::<(Vec<IndexEntry>, (String, bool))>);
    let said = use_mut_ref(|| (String::new(), false));
    if !current {
        // A second choice before the first one's page came keeps what the reader saw before both
        // (regression: it kept the first choice's list, which held nothing yet).
        let mut kept = before.borrow_mut();
        if kept.is_none() {
            let shown = progress.1.entries.iter().take(*wanted).cloned().collect();
            *kept = Some((shown, said.borrow().clone()));
        }
        drop(kept);
        *generation.borrow_mut() += 1;
        progress.set((props.query.clone(), props.first.clone()));
        // (Back to the query the list was given, whose first read stopped at its bound: what it
        // read, and no more unasked.)
        wanted.set(props.first.wanted(step, pages));
        failed.set(None);
        loading.set(false);
    }

    // Reads on when the reader asks for more than has been read.
    {
        let (progress, failed, loading) = (progress.clone(), failed.clone(), loading.clone());
        let asked = wanted.clone();
        let (manifest, url, query, rules) = (
            props.manifest.clone(),
            props.manifest_url.clone(),
            props.query.clone(),
            props.rules.clone(),
        );
        let read = progress.1.clone();
        let generation = generation.clone();
        // The query's generation too: Yew may render a second new query before the effects of
        // the first run, and its deps would otherwise equal the first's (regression: a second
        // choice before the first one's page came was never read, and the list stayed busy).
        let deps = (
            *wanted,
            failed.is_some(),
            current,
            read.next,
            *generation.borrow(),
        );
        use_effect_with(deps, move |(wanted, has_failed, current, _, _)| {
            if !*current
                || *has_failed
                || *loading
                || read.entries.len() >= *wanted
                || read.next > pages
            {
                return;
            }
            loading.set(true);
            let wanted = *wanted;
            let mine = *generation.borrow();
            yew::platform::spawn_local(async move {
                let result = read_on(&manifest, &url, &query, &rules, read, wanted).await;
                if *generation.borrow() != mine {
                    return;
                }
                match result {
                    Ok(next) => {
                        if next.short(wanted, pages) {
                            asked.set(next.entries.len());
                        }
                        progress.set((query, next));
                    }
                    Err(failure) => failed.set(Some(failure.message())),
                }
                loading.set(false);
            });
        });
    }

    let fresh = Progress::default();
    let p = if current { &progress.1 } else { &fresh };
    let shown = p.entries.len().min(*wanted);
    let exhausted = p.next > pages;
    let nothing = p.entries.is_empty() && exhausted;
    // The total is the shard's count unless other filters thin it out; then it is known once
    // the shard is read to its end.
    let t = Texts::for_tag(props.lang.as_deref());
    let showing = |m: Msg, total: usize| {
        let num = |n: usize| t.locale().number(n as u64);
        t.fmt(m, &[("shown", &num(shown)), ("total", &num(total))])
    };
    let status = match &picked {
        _ if nothing => String::new(),
        Some(picked) if !picked.filter => showing(Msg::ListShowing, picked.count() as usize),
        Some(_) if exhausted => showing(Msg::ListShowing, p.entries.len()),
        Some(picked) => showing(Msg::ListShowingUpTo, picked.count() as usize),
        None => String::new(),
    };
    // The new query's first page is on its way: the entries before it stay.
    let waiting =
        p.entries.is_empty() && p.next <= 1 && !exhausted && (!current || failed.is_none());
    let held = if waiting {
        before.borrow().clone()
    } else {
        before.borrow_mut().take();
        None
    };
    let busy = *loading || held.is_some();
    let (rows, status, can_more) = match &held {
        Some((rows, (before_said, button))) => (
            rows.iter().collect::<Vec<_>>(),
            before_said.clone(),
            *button,
        ),
        None => {
            let can_more = failed.is_some() || !exhausted || p.entries.len() > shown;
            *said.borrow_mut() = (status.clone(), can_more);
            (p.entries.iter().take(shown).collect(), status, can_more)
        }
    };
    let list = use_node_ref();
    let refocus = crate::dom::use_focus_after_more(list.clone(), shown, can_more);
    let more = {
        let (wanted, failed, refocus) = (wanted.clone(), failed.clone(), refocus.clone());
        Callback::from(move |_: MouseEvent| {
            if busy {
                // (The button stays focusable while a page is read: `disabled` would drop the
                // keyboard's focus to the top of the page.)
            } else if failed.is_some() {
                failed.set(None);
            } else {
                *refocus.borrow_mut() = Some(shown);
                wanted.set(*wanted + step);
            }
        })
    };
    let level = props.heading_level.clamp(2, 6);
    let index_url = Some(props.manifest_url.clone());
    html! {
        <section class="ic-card ic-list" part="card" data-theme={props.theme.as_str()}
            data-variant="compact" aria-label={props.label.clone().unwrap_or(AttrValue::Static(t.get(Msg::ListLabel)))} aria-busy={busy.to_string()}
            lang={t.locale().tag()} dir={t.dir()}>
            if !nothing {
                <ul class="ic-list-items" ref={list}>
                    { for rows.into_iter().map(|e| html! {
                        <li key={e.id.clone()}>
                            <ListEntry entry={e.clone()} index_url={index_url.clone()} heading_level={level} t={t} />
                        </li>
                    }) }
                </ul>
            }
            // One live region, there whatever the list holds, so that a list that comes to hold
            // nothing is announced too (regression: the "no match" line replaced it).
            <p class="ic-counts" role="status" aria-live="polite">
                if nothing {
                    <span class="ic-empty">{ t.get(Msg::ListNoMatch) }</span>
                }
                { status }
                if let Some(why) = &*failed {
                    { " · " }{ more_failed(t, why) }
                }
            </p>
            if can_more && !nothing {
                <p class="ic-copy">
                    <button type="button" class="ic-btn" onclick={more} aria-disabled={busy.to_string()}>
                        { t.get(if failed.is_some() { Msg::ListRetry } else { Msg::ListMore }) }
                    </button>
                </p>
            }
        </section>
    }
}

/// "The next entries could not be loaded: {why}." in the reader's language, with the reason (a
/// request's message, in English) marked as English, as an error card marks its detail
/// (regression: a German voice read it).
fn more_failed(t: Texts, why: &str) -> Html {
    let sentence = t.fmt(Msg::ListMoreFailed, &[("why", "\u{0}")]);
    let (before, after) = sentence.split_once('\u{0}').unwrap_or((&sentence, ""));
    html! { <>{ before.to_owned() }<span lang="en">{ why.to_owned() }</span>{ after.to_owned() }</> }
}

#[cfg(test)]
mod tests {
    use incident_model::shards::{Facets, Manifest, Shard};

    use super::pick;
    use crate::list_query::ListQuery;

    fn shard(value: Option<&str>, count: u32, path: &str) -> Shard {
        Shard {
            value: value.map(str::to_owned),
            count,
            path: path.to_owned(),
        }
    }

    /// Five cases, two a page: three in 2025 and two in 2024.
    fn manifest() -> Manifest {
        Manifest {
            schema_version: "1.2.0".to_owned(),
            layout: "sharded".to_owned(),
            page_size: 2,
            all: shard(None, 5, "shards/all/a"),
            facets: Facets {
                failure_mode: Vec::new(),
                tag: vec![shard(Some("dns"), 4, "shards/tag/dns-b")],
                organisation: Vec::new(),
                severity: Vec::new(),
                year: vec![
                    shard(Some("2024"), 2, "shards/year/2024-c"),
                    shard(Some("2025"), 3, "shards/year/2025-d"),
                ],
            },
            related: None,
            related_complete: false,
        }
    }

    #[test]
    fn a_page_holds_a_pages_worth_and_a_shards_last_the_rest() {
        let m = manifest();
        let expected = |q: &ListQuery| {
            let picked = pick(&m, q).expect("a pick");
            (1..=4)
                .map(|n| {
                    let at = picked.page(&m, q.sort.order(), n);
                    (at, picked.expected(&m, n))
                })
                .collect::<Vec<_>>()
        };
        let page = |p: &str, n: usize| (Some(p.to_owned()), Some(n));
        assert_eq!(
            expected(&ListQuery::default()),
            [
                page("shards/all/a/date-1.json", 2),
                page("shards/all/a/date-2.json", 2),
                page("shards/all/a/date-3.json", 1),
                (None, None),
            ]
        );
        // A whole last page (4 of 2 a page) holds a page's worth.
        let q = ListQuery::from_attrs(None, Some("dns"), None, None, None, None);
        assert_eq!(expected(&q)[1], page("shards/tag/dns-b/date-2.json", 2));
        // Two years, newest first: each shard's pages, each shard's last holding its rest.
        let q = ListQuery::default().with_range(Some("2024"), Some("2025"));
        assert_eq!(
            expected(&q),
            [
                page("shards/year/2025-d/date-1.json", 2),
                page("shards/year/2025-d/date-2.json", 1),
                page("shards/year/2024-c/date-1.json", 2),
                (None, None),
            ]
        );
    }

    // Regression: a range of whole years counted "up to" N although every case of its years'
    // shards is in it.
    #[test]
    fn a_range_of_whole_years_needs_no_filter() {
        let m = manifest();
        let filter = |q: ListQuery| pick(&m, &q).map(|p| (p.filter, p.count()));
        let range = |from: &str, to: &str| ListQuery::default().with_range(Some(from), Some(to));
        assert_eq!(filter(range("2024", "2025")), Some((false, 5)));
        assert_eq!(filter(range("2024-01", "2025-12-31")), Some((false, 5)));
        assert_eq!(
            filter(ListQuery::default().with_range(Some("2025"), None)),
            Some((false, 3))
        );
        assert_eq!(filter(range("2024-03", "2025")), Some((true, 5)));
        assert_eq!(filter(range("2024", "2025-06")), Some((true, 5)));
        // Another filter, or the range read from another shard (by severity, over two years).
        let tagged = ListQuery::from_attrs(None, Some("dns"), None, None, None, None)
            .with_range(Some("2025"), Some("2025"));
        assert_eq!(filter(tagged), Some((true, 3)));
        let by_severity = ListQuery::from_attrs(None, None, None, None, Some("severity"), None)
            .with_range(Some("2024"), Some("2025"));
        assert_eq!(filter(by_severity), Some((true, 5)));
    }

    // Regression: a range no year shard falls in, sorted by severity, read every page of `all`.
    #[test]
    fn a_range_without_a_year_shard_picks_nothing_whatever_the_order() {
        let m = manifest();
        for sort in [None, Some("severity")] {
            let q = ListQuery::from_attrs(None, None, None, None, sort, None)
                .with_range(Some("2030"), Some("2031"));
            assert_eq!(pick(&m, &q), None, "{sort:?}");
        }
        // With years in it, sorted by severity over several years: another shard, filtered.
        let q = ListQuery::from_attrs(None, None, None, None, Some("severity"), None)
            .with_range(Some("2024"), Some("2025"));
        let picked = pick(&m, &q).expect("a pick");
        assert!(picked.filter);
        assert_eq!(picked.shards, [shard(None, 5, "shards/all/a")]);
        // A filter that could not be read picks nothing.
        let q = ListQuery::default().with_related_to(Some("x"));
        assert_eq!(pick(&m, &q), None);
    }
}
