//! The sharded index: for registries too large for one index file.
//!
//! `index.json` becomes a small **manifest**: the facet values a list filters on, each with its
//! count and the folder of its **shard**, not the entries. A shard holds the index entries of
//! one facet value (every listable case; one failure mode; one tag; one organisation; a minimum
//! severity level; one year), sorted twice (newest first, most severe first) and cut into
//! **pages** of at most `page_size` entries: `{shard}/date-1.json`, `{shard}/severity-1.json`…
//! A page has the shape of the single-file index (`{"schema_version", "incidents": [...]}`), so
//! it is read and checked by the same code.
//!
//! A list with filters reads the manifest, takes the smallest shard among its filters, and reads
//! that shard's pages in order, applying the other filters to each entry, until it has enough.
//! So two filters never cost more than the smaller shard, and a first page costs the manifest
//! and one page.
//!
//! A shard's folder is named for its content (`shards/tag/privacy-3f2a9c1e`): rebuilding after
//! one case changed gives new names only to the shards that hold that case, and every other
//! file keeps its name and its bytes, so a CDN's cache keeps them. Withdrawn cases are never
//! listed, and are in no shard.
//!
//! `docs/format.md` describes the layout; `schema/index.schema.json` (from `schema --index`)
//! covers the manifest and the pages.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

#[cfg(feature = "json")]
use crate::Index;
use crate::{IndexEntry, Level, PartialDate, Status, SCHEMA_VERSION};

/// What the manifest's `layout` says.
pub const LAYOUT: &str = "sharded";

/// Entries per page the CLI writes by default: a page of entries with their summaries stays
/// under 20 KB brotli.
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// `index.json` of a sharded registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Manifest {
    pub schema_version: String,
    /// Always `sharded`: what tells a manifest from a single-file index.
    pub layout: String,
    /// Entries in each page (the last page of a shard may hold fewer).
    pub page_size: u32,
    /// Every listable case.
    pub all: Shard,
    pub facets: Facets,
    /// The folder of the related-case files: `{related}/{ID}.json` holds, for each case (withdrawn
    /// ones too) and each id a case names, the listed cases related to it both ways (those it
    /// names and those that name it), newest first, in one page. No file: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
    /// `true` when `related` holds a file for every case and for every id a case names, as
    /// [`related`] gives them: a list then reads a missing file as no related case. Without it a
    /// missing file is an error (a folder not deployed, or a manifest written before withdrawn
    /// cases had files).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub related_complete: bool,
}

/// The address of the related-case file of case `id`, relative to the manifest.
pub fn related_path(m: &Manifest, id: &str) -> Option<String> {
    let folder = m.related.as_deref()?;
    crate::validate::is_valid_id(id).then(|| format!("{folder}/{id}.json"))
}

/// For each case id a list may ask about, the listed cases related to it both ways (indexes into
/// the entries, sorted): those it names, and those that name it. The ids asked about are every
/// case of the registry, withdrawn ones included (their related cases are still listed), and
/// every id a case names, in the registry or not, as a list over a single-file index answers
/// them. An id that no case is and none names has no file: a list reads a missing file as no
/// related cases. Ids that are not case ids (`PREFIX-NUMBER`) are left out.
pub fn related(entries: &[IndexEntry]) -> Vec<(String, Vec<usize>)> {
    use std::collections::BTreeMap;
    let listed = |e: &IndexEntry| e.status != Status::Withdrawn;
    let mut out: BTreeMap<&str, Vec<usize>> = entries
        .iter()
        .map(|e| (e.id.as_str(), Vec::new()))
        .collect();
    let by_id: BTreeMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for (i, e) in entries.iter().enumerate() {
        for r in &e.related {
            if r == &e.id {
                continue;
            }
            // `e` names `r`: `e` is related to `r` (when listed), and `r` to `e`.
            if listed(e) {
                out.entry(r.as_str()).or_default().push(i);
            }
            if let Some(&j) = by_id.get(r.as_str()) {
                if entries.get(j).is_some_and(listed) {
                    out.entry(e.id.as_str()).or_default().push(j);
                }
            }
        }
    }
    out.into_iter()
        .filter(|(id, _)| crate::validate::is_valid_id(id))
        .map(|(id, mut list)| {
            list.sort_unstable();
            list.dedup();
            (id.to_owned(), list)
        })
        .collect()
}

/// The facet values of a registry, each sorted by value.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Facets {
    pub failure_mode: Vec<Shard>,
    pub tag: Vec<Shard>,
    pub organisation: Vec<Shard>,
    /// Cumulative: the shard of `high` holds the cases of level high and above.
    pub severity: Vec<Shard>,
    /// By the year the case occurred, else was filed.
    pub year: Vec<Shard>,
}

/// One shard: a facet value, how many cases it holds, and its folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Shard {
    /// The facet value (absent for `all`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub count: u32,
    /// The shard's folder, relative to the manifest, e.g. `shards/tag/privacy-3f2a9c1e`.
    pub path: String,
}

impl Shard {
    /// Pages in each order.
    pub fn pages(&self, page_size: u32) -> u32 {
        self.count.div_ceil(page_size.max(1))
    }
}

/// Sort order of a shard's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest first (by when it occurred, else when it was filed); undated last; then by id.
    Date,
    /// Most severe first, then as `Date`.
    Severity,
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Date => "date",
            Order::Severity => "severity",
        }
    }
}

/// The address of page `n` (from 1) of `shard` in `order`, relative to the manifest.
pub fn page_path(shard: &Shard, order: Order, n: u32) -> String {
    format!("{}/{}-{n}.json", shard.path, order.as_str())
}

fn entry_date(e: &IndexEntry) -> Option<(u16, u8, u8)> {
    e.occurred
        .as_deref()
        .or(e.filed.as_deref())
        .and_then(|d| PartialDate::parse(d).ok())
        .map(|d| d.sort_key())
}

/// The order lists show entries in (the widget's `ListQuery` sorts the same way).
pub fn compare(a: &IndexEntry, b: &IndexEntry, order: Order) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let level = match order {
        Order::Severity => b.severity.level.cmp(&a.severity.level),
        Order::Date => Ordering::Equal,
    };
    let date = match (entry_date(a), entry_date(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    level.then(date).then_with(|| a.id.cmp(&b.id))
}

/// The year a case is listed under: when it occurred, else when it was filed.
pub fn year_of(e: &IndexEntry) -> Option<u16> {
    entry_date(e).map(|(y, _, _)| y)
}

/// A folder name for a facet value: lowercase ASCII letters and digits joined by `-`, at most 40
/// characters (`x` when nothing is left); the content hash after it keeps names unique.
pub fn slug(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "x".to_owned()
    } else {
        out
    }
}

/// The most facet values a manifest may list, in all.
pub const MAX_SHARDS: usize = 20_000;

/// Every problem in a manifest: its layout, page size, shard paths (relative, inside the
/// registry) and counts.
pub fn validate_manifest(m: &Manifest) -> Vec<crate::Problem> {
    let mut problems = Vec::new();
    let mut problem = |path: String, message: &str| {
        problems.push(crate::Problem {
            path,
            message: message.to_owned(),
        });
    };
    if m.layout != LAYOUT {
        problem(
            "layout".to_owned(),
            "is not \"sharded\" (this widget reads single-file and sharded indexes)",
        );
    }
    if !(1..=1000).contains(&m.page_size) {
        problem("page_size".to_owned(), "must be from 1 to 1000");
    }
    let groups = [
        ("failure_mode", &m.facets.failure_mode),
        ("tag", &m.facets.tag),
        ("organisation", &m.facets.organisation),
        ("severity", &m.facets.severity),
        ("year", &m.facets.year),
    ];
    if groups.iter().map(|(_, g)| g.len()).sum::<usize>() > MAX_SHARDS {
        problem(
            "facets".to_owned(),
            "lists more facet values than a manifest may hold",
        );
        return problems;
    }
    let shards =
        std::iter::once(("all".to_owned(), &m.all)).chain(groups.iter().flat_map(|(name, g)| {
            g.iter()
                .enumerate()
                .map(move |(i, s)| (format!("facets.{name}[{i}]"), s))
        }));
    if let Some(r) = &m.related {
        if !crate::index::is_valid_href(r) {
            problem(
                "related".to_owned(),
                "must be a relative path inside the registry (letters, digits, . _ - /; no ..)",
            );
        }
    }
    for (at, s) in shards {
        if !crate::index::is_valid_href(&s.path) {
            problem(
                format!("{at}.path"),
                "must be a relative path inside the registry (letters, digits, . _ - /; no ..)",
            );
        }
        if s.count > m.all.count {
            problem(format!("{at}.count"), "is more than the registry's count");
        }
    }
    problems
}

/// A shard to write: its facet (the folder under `shards/`), its value, and its members (indexes
/// into the entries, in no order).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub facet: &'static str,
    pub value: Option<String>,
    pub members: Vec<usize>,
}

/// Every shard of a registry: `all`, then each facet's values (sorted by value, compared as lists
/// compare them: ASCII case folded, space trimmed; the first spelling met names the value).
/// Withdrawn cases are in none.
pub fn plan(entries: &[IndexEntry]) -> Vec<Plan> {
    use std::collections::BTreeMap;
    let listed: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status != Status::Withdrawn)
        .map(|(i, _)| i)
        .collect();
    let by_value = |facet: &'static str, key: &dyn Fn(&IndexEntry) -> Vec<String>| {
        let mut groups: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for &i in &listed {
            let Some(e) = entries.get(i) else { continue };
            let mut seen: Vec<String> = Vec::new();
            for v in key(e) {
                let folded = v.trim().to_ascii_lowercase();
                if folded.is_empty() || seen.contains(&folded) {
                    continue;
                }
                seen.push(folded.clone());
                groups
                    .entry(folded)
                    .or_insert_with(|| (v.trim().to_owned(), Vec::new()))
                    .1
                    .push(i);
            }
        }
        groups
            .into_values()
            .map(|(value, members)| Plan {
                facet,
                value: Some(value),
                members,
            })
            .collect::<Vec<_>>()
    };
    let mut plans = vec![Plan {
        facet: "all",
        value: None,
        members: listed.clone(),
    }];
    plans.extend(by_value("failure-mode", &|e| {
        e.failure_mode.iter().cloned().collect()
    }));
    plans.extend(by_value("tag", &|e| e.tags.clone()));
    plans.extend(by_value("organisation", &|e| {
        e.organisations.iter().map(|o| o.name.clone()).collect()
    }));
    for level in Level::ALL {
        let members: Vec<usize> = listed
            .iter()
            .copied()
            .filter(|&i| entries.get(i).is_some_and(|e| e.severity.level >= level))
            .collect();
        if !members.is_empty() {
            plans.push(Plan {
                facet: "severity",
                value: Some(level.as_str().to_owned()),
                members,
            });
        }
    }
    plans.extend(by_value("year", &|e| {
        year_of(e).map(|y| y.to_string()).into_iter().collect()
    }));
    plans
}

/// The pages of a shard in one order, each serialised when it is asked for (a shard of 100 000
/// cases is never held as text at once).
#[cfg(feature = "json")]
pub fn pages<'a>(
    entries: &'a [IndexEntry],
    members: &[usize],
    order: Order,
    page_size: u32,
) -> impl Iterator<Item = String> + 'a {
    let mut sorted: Vec<&IndexEntry> = members.iter().filter_map(|&i| entries.get(i)).collect();
    sorted.sort_by(|a, b| compare(a, b, order));
    let size = usize::try_from(page_size.max(1)).unwrap_or(usize::MAX);
    let chunks: Vec<Vec<&IndexEntry>> = sorted.chunks(size).map(<[_]>::to_vec).collect();
    chunks.into_iter().map(|chunk| {
        let page = Index {
            schema_version: SCHEMA_VERSION.to_owned(),
            incidents: chunk.into_iter().cloned().collect(),
        };
        serde_json::to_string(&page).unwrap_or_default() + "\n"
    })
}

/// The folder of a planned shard named by `hash`, its content's hash.
pub fn folder(plan: &Plan, hash: &str) -> String {
    match &plan.value {
        Some(v) => format!("shards/{}/{}-{hash}", plan.facet, slug(v)),
        None => format!("shards/{}/{hash}", plan.facet),
    }
}

/// The manifest of the shards, given in the order [`plan`] gave them.
pub fn manifest(
    page_size: u32,
    shards: Vec<(&'static str, Shard)>,
    related: Option<String>,
) -> Manifest {
    let mut all = Shard {
        value: None,
        count: 0,
        path: String::new(),
    };
    let mut facets = Facets::default();
    for (facet, shard) in shards {
        match facet {
            "all" => all = shard,
            "failure-mode" => facets.failure_mode.push(shard),
            "tag" => facets.tag.push(shard),
            "organisation" => facets.organisation.push(shard),
            "severity" => facets.severity.push(shard),
            _ => facets.year.push(shard),
        }
    }
    Manifest {
        schema_version: SCHEMA_VERSION.to_owned(),
        layout: LAYOUT.to_owned(),
        page_size: page_size.max(1),
        all,
        related_complete: related.is_some(),
        facets,
        related,
    }
}

/// The related-case file's text: the related entries, newest first.
#[cfg(feature = "json")]
pub fn related_page(entries: &[IndexEntry], members: &[usize]) -> String {
    let mut sorted: Vec<&IndexEntry> = members.iter().filter_map(|&i| entries.get(i)).collect();
    sorted.sort_by(|a, b| compare(a, b, Order::Date));
    let page = Index {
        schema_version: SCHEMA_VERSION.to_owned(),
        incidents: sorted.into_iter().cloned().collect(),
    };
    serde_json::to_string(&page).unwrap_or_default() + "\n"
}
