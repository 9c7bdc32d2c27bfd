//! The index: one compact entry per case, built from the case files (never by hand), so a list or
//! a compact card needs one request for many cases.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use crate::document::*;
use crate::error::Problem;
use crate::validate::{cap, is_valid_id, validate};
use crate::{limits, ClaimStatus, SCHEMA_VERSION};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Index {
    pub schema_version: String,
    pub incidents: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct IndexEntry {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The case document, relative to the index file, e.g. `incidents/ICS-0001.json`.
    pub href: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub ai_involvement: AiInvolvement,
    #[serde(default = "en")]
    pub lang: String,
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_surface: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed: Option<String>,
    #[serde(default)]
    pub counts: Counts,
    /// The ids of the cases this case names as related.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// The case's page, when the registry has one (the document's `links.html`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

fn en() -> String {
    "en".to_owned()
}

/// How much a case holds, for compact cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Counts {
    pub verified: u32,
    pub unconfirmed: u32,
    pub sources: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Counts {
    pub fn of(doc: &Incident) -> Counts {
        let with = |s: ClaimStatus| count(doc.claims.iter().filter(|c| c.status == s).count());
        Counts {
            verified: with(ClaimStatus::Verified),
            unconfirmed: with(ClaimStatus::NotPubliclyConfirmed),
            sources: count(doc.sources.len()),
        }
    }
}

impl IndexEntry {
    pub fn of(doc: &Incident, href: String) -> IndexEntry {
        IndexEntry {
            id: doc.id.clone(),
            aliases: doc.aliases.clone(),
            href,
            title: doc.title.clone(),
            // A withdrawn case is never listed; its entry carries its withdrawal, not what it
            // withdrew.
            summary: crate::cite::public_summary(doc).into_owned(),
            status: doc.status,
            ai_involvement: doc.ai_involvement,
            lang: doc.lang.clone(),
            severity: doc.severity.clone(),
            organisations: doc.organisations.clone(),
            failure_mode: doc.failure_mode.clone(),
            ai_surface: doc.ai_surface.clone(),
            tags: doc.tags.clone(),
            occurred: doc.dates.occurred.clone(),
            filed: doc.dates.filed.clone(),
            counts: Counts::of(doc),
            related: doc.related.iter().map(|r| r.id.clone()).collect(),
            page: doc.links.html.clone(),
        }
    }

    /// The entry as a minimal document, so the entry's fields are checked by the same rules.
    fn as_document(&self) -> Incident {
        Incident {
            schema_version: SCHEMA_VERSION.to_owned(),
            id: self.id.clone(),
            aliases: self.aliases.clone(),
            status: self.status,
            withdrawn: None,
            status_reason: None,
            ai_involvement: self.ai_involvement,
            title: self.title.clone(),
            summary: self.summary.clone(),
            lang: self.lang.clone(),
            dates: Dates {
                occurred: self.occurred.clone(),
                filed: self.filed.clone(),
                ..Dates::default()
            },
            severity: self.severity.clone(),
            organisations: self.organisations.clone(),
            systems: Vec::new(),
            failure_mode: self.failure_mode.clone(),
            ai_surface: self.ai_surface.clone(),
            tags: self.tags.clone(),
            claims: Vec::new(),
            cause_chain: Vec::new(),
            impact: None,
            lessons: Vec::new(),
            sources: Vec::new(),
            related: Vec::new(),
            citation: None,
            licence: Licence {
                spdx: "CC0-1.0".to_owned(),
                attribution: "index".to_owned(),
                url: None,
            },
            revision: 1,
            links: Links::default(),
            allow_http: false,
            translations: Vec::new(),
            history: Vec::new(),
        }
    }
}

/// A relative path inside the registry: no scheme, no `..`, no leading `/`.
pub fn is_valid_href(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= limits::URL
        && !s.starts_with('/')
        && s.split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != ".")
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b))
}

/// Builds the index from `(href, document)` pairs, sorted by id.
pub fn build_index(docs: &[(String, Incident)]) -> Index {
    index_of(
        docs.iter()
            .map(|(href, doc)| IndexEntry::of(doc, href.clone()))
            .collect(),
    )
}

/// The index of these entries, sorted by id.
pub fn index_of(mut incidents: Vec<IndexEntry>) -> Index {
    incidents.sort_by(|a, b| a.id.cmp(&b.id));
    Index {
        schema_version: SCHEMA_VERSION.to_owned(),
        incidents,
    }
}

/// Every problem in an index: each entry by the document rules, plus hrefs and duplicate ids.
pub fn validate_index(index: &Index) -> Vec<Problem> {
    let mut problems = Vec::new();
    if index.incidents.len() > limits::INDEX_ENTRIES {
        problems.push(Problem {
            path: "incidents".to_owned(),
            message: format!(
                "has {} entries (at most {} allowed)",
                index.incidents.len(),
                limits::INDEX_ENTRIES
            ),
        });
        return problems;
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, entry) in index.incidents.iter().enumerate() {
        let p = format!("incidents[{i}]");
        for problem in validate(&entry.as_document()) {
            // The index does not carry `status_reason` or `withdrawn`, so the rules that require
            // them for a disputed or withdrawn case are checked on the case file, not here.
            if matches!(problem.path.as_str(), "status_reason" | "withdrawn") {
                continue;
            }
            let path = match problem.path.as_str() {
                "dates.occurred" => "occurred".to_owned(),
                "dates.filed" => "filed".to_owned(),
                other => other.to_owned(),
            };
            problems.push(Problem {
                path: format!("{p}.{path}"),
                message: problem.message,
            });
        }
        if let Some(page) = &entry.page {
            if let Err(e) = crate::check_url(page, false) {
                problems.push(Problem {
                    path: format!("{p}.page"),
                    message: e.to_string(),
                });
            }
        }
        for (j, id) in entry.related.iter().enumerate() {
            if !is_valid_id(id) {
                problems.push(Problem {
                    path: format!("{p}.related[{j}]"),
                    message: "is not a case id (PREFIX-NUMBER)".to_owned(),
                });
            }
        }
        if !is_valid_href(&entry.href) {
            problems.push(Problem {
                path: format!("{p}.href"),
                message:
                    "must be a relative path inside the registry (letters, digits, . _ - /; no ..)"
                        .to_owned(),
            });
        }
        if is_valid_id(&entry.id) && !crate::validate::insert_sorted(&mut seen, entry.id.as_str()) {
            problems.push(Problem {
                path: format!("{p}.id"),
                message: format!("\"{}\" appears twice in the index", entry.id),
            });
        }
    }
    cap(problems)
}
