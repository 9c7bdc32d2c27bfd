//! The incident document, version 1.
//!
//! Field names are part of the public format (`docs/format.md`); renaming one is a breaking change.
//! Every list and every optional field defaults to empty, so a document carries only what its sources
//! give. Unknown fields are ignored, so a 1.x reader accepts a 1.y document.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// Schema major version this crate reads.
pub const SCHEMA_MAJOR: u64 = 1;
/// Schema version this crate writes.
pub const SCHEMA_VERSION: &str = "1.2.0";

/// One incident: everything a card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Incident document"))]
pub struct Incident {
    /// Semantic version of the format, e.g. `1.0.0`. A reader refuses an unknown major version.
    #[cfg_attr(feature = "schema", schemars(pattern(r"^[0-9]+\.[0-9]+\.[0-9]+$")))]
    pub schema_version: String,
    /// `PREFIX-NUMBER`, e.g. `ICS-0001`.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::ID_PATTERN)))]
    pub id: String,
    /// Ids of the same incident in other registries, e.g. `FI-0026`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Lifecycle of the record.
    #[serde(default)]
    pub status: Status,
    /// Required when `status` is `withdrawn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
    /// Why the record is disputed or what an update changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// Whether an AI system was part of the failure.
    #[serde(default)]
    pub ai_involvement: AiInvolvement,

    /// Plain text, one line.
    pub title: String,
    /// Plain text, one paragraph.
    pub summary: String,
    /// BCP 47 language tag of the text, e.g. `en`.
    #[serde(default = "default_lang")]
    pub lang: String,

    #[serde(default)]
    pub dates: Dates,
    pub severity: Severity,

    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
    /// The AI systems involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<AiSystem>,
    /// e.g. "Identity & Access Drift".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_mode: Option<String>,
    /// e.g. "Agentic Workflow".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_surface: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,

    /// Statements about the incident, each with how sure we are and the sources behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Ordered: trigger, model step, control gap, failure, consequence. Stages may be left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cause_chain: Vec<ChainStep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    /// Operational lessons, one sentence or two each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Citation>,
    pub licence: Licence,
    /// Starts at 1; each published change adds one.
    #[serde(default = "default_revision")]
    pub revision: u32,
    #[serde(default, skip_serializing_if = "Links::is_empty")]
    pub links: Links,
    /// The publisher opts in to plain `http` addresses (default: `https` only).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_http: bool,
    /// The title, summary, claims and lessons in other languages (since format 1.1), one entry
    /// per language. A card shows the reader's language where the document has it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Translation>,
    /// The case's published revisions, oldest first, ending with this one (since format 1.2):
    /// when each was published, where the registry keeps it, and what it changed. A card
    /// embedded from an older revision tells its reader what changed since.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Revision>,
}

impl Incident {
    /// The translation for a reader of `lang` (a language tag), matched by primary language
    /// subtag (`de-AT` reads `de`); `None` when the document has none or is written in it.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        if same_language(lang, &self.lang) {
            return None;
        }
        self.translations
            .iter()
            .find(|t| same_language(&t.lang, lang))
    }
}

/// Whether two language tags name the same language: the same primary subtag, in any case
/// (`de-AT`, `de_CH` and `DE` do; an empty tag names none).
pub fn same_language(a: &str, b: &str) -> bool {
    fn primary(tag: &str) -> &str {
        tag.trim().split(['-', '_']).next().unwrap_or_default()
    }
    let a = primary(a);
    !a.is_empty() && a.eq_ignore_ascii_case(primary(b))
}

/// The document's own words in another language. Any of the four parts may be left out, and
/// what is left out is shown in the original; a translated list has one entry per item of the
/// original, in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Translation {
    /// Language tag (BCP 47), e.g. `de`; one translation per primary language.
    pub lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The text of each claim, in the order of `claims` (status and sources are the original's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// Each lesson, in the order of `lessons`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<String>,
}

/// One published revision of the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Revision {
    /// Its number: the document's `revision` when it was published.
    pub revision: u32,
    /// The day it was published, `YYYY-MM-DD`.
    pub date: String,
    /// Where the registry keeps this revision for readers (its page or its document); absent
    /// when the registry does not keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What it changed from the revision before, one line each, the most serious first (the
    /// lines `incident-cards diff` prints); empty for the first revision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

/// What a reader of an earlier revision is told (see [`Incident::since`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since<'a> {
    /// When the document's revision was published: its entry in the history (the last), else
    /// `modified`, else `filed` ([`crate::cite::revision_date`]).
    pub date: Option<&'a str>,
    /// What every later revision changed, newest revision first; empty when the history starts
    /// after the embedded revision (what came between is not known, and a part would read as the
    /// whole).
    pub lines: Vec<&'a str>,
    /// Where the registry keeps the embedded revision, when its history says.
    pub kept: Option<&'a str>,
}

impl Incident {
    /// What a reader of revision `embedded` is told when this document is newer; `None` when
    /// `embedded` is this revision or a later one.
    pub fn since(&self, embedded: u32) -> Option<Since<'_>> {
        if embedded >= self.revision {
            return None;
        }
        let mut lines = Vec::new();
        let mut kept = None;
        let mut reached = false;
        for entry in self.history.iter().rev() {
            if entry.revision > embedded {
                for line in &entry.changes {
                    lines.push(line.as_str());
                }
            } else {
                // The history reaches back to the embedded revision (or before it): the lines
                // after it are all there.
                reached = true;
                if entry.revision == embedded {
                    kept = entry.url.as_deref();
                }
                break;
            }
        }
        if !reached {
            lines.clear();
        }
        Some(Since {
            date: crate::cite::revision_date(self),
            lines,
            kept,
        })
    }
}

fn default_lang() -> String {
    "en".to_owned()
}
fn default_revision() -> u32 {
    1
}
fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Published,
    Updated,
    Disputed,
    Withdrawn,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Updated => "updated",
            Status::Disputed => "disputed",
            Status::Withdrawn => "withdrawn",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Withdrawal {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AiInvolvement {
    /// Sources agree an AI system took part.
    #[default]
    Confirmed,
    /// Reported, not established.
    Alleged,
    /// Reported and denied by a party.
    Disputed,
    /// Not an AI incident; kept for context (e.g. an outage other cases compare against).
    None,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Dates {
    /// When it happened, at the precision known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred: Option<String>,
    /// When it became public, same precision rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosed: Option<String>,
    /// When this record was filed, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed: Option<String>,
    /// When this record last changed, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Severity {
    /// Whose scale this is, e.g. "APM registry (1–5)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The registry's own wording, shown verbatim, e.g. "3 / 5 · MODERATE".
    pub value: String,
    /// Normalised level used for the badge.
    pub level: Level,
    /// Numeric score on the scheme's scale, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// Top of the scale, e.g. 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_max: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Info,
    Low,
    Moderate,
    High,
    Critical,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Info,
        Level::Low,
        Level::Moderate,
        Level::High,
        Level::Critical,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Organisation {
    pub name: String,
    pub role: Role,
    /// The organisation's part is reported, not established.
    #[serde(default, skip_serializing_if = "is_false")]
    pub alleged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Deployer,
    Developer,
    Vendor,
    Operator,
    Affected,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Deployer => "deployer",
            Role::Developer => "developer",
            Role::Vendor => "vendor",
            Role::Operator => "operator",
            Role::Affected => "affected",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct AiSystem {
    pub name: String,
    /// Who built it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub developer: Option<String>,
    /// What kind of system, e.g. "coding agent", "support chatbot".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Claim {
    pub text: String,
    pub status: ClaimStatus,
    /// Ids of entries in `sources`. A verified claim names at least one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    Verified,
    NotPubliclyConfirmed,
    Disputed,
    Retracted,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Verified => "verified",
            ClaimStatus::NotPubliclyConfirmed => "not-publicly-confirmed",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::Retracted => "retracted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ChainStep {
    pub stage: Stage,
    pub text: String,
}

/// Stages of the cause chain, in their only allowed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Trigger,
    ModelStep,
    ControlGap,
    Failure,
    Consequence,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Trigger => "trigger",
            Stage::ModelStep => "model-step",
            Stage::ControlGap => "control-gap",
            Stage::Failure => "failure",
            Stage::Consequence => "consequence",
        }
    }
    /// Human label, e.g. "Model step".
    pub fn label(self) -> &'static str {
        match self {
            Stage::Trigger => "Trigger",
            Stage::ModelStep => "Model step",
            Stage::ControlGap => "Control gap",
            Stage::Failure => "Failure",
            Stage::Consequence => "Consequence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Impact {
    /// One sentence.
    pub summary: String,
    /// ISO 8601 duration, e.g. `PT13H`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Cost as the sources state it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Source {
    /// Local id that claims refer to, e.g. `s1`.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::SOURCE_ID_PATTERN)))]
    pub id: String,
    pub kind: SourceKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Optional: a source may be cited by title and publisher alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Primary,
    Regulatory,
    VendorStatement,
    Research,
    Press,
    ReaderSubmitted,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Primary,
        SourceKind::Regulatory,
        SourceKind::VendorStatement,
        SourceKind::Research,
        SourceKind::Press,
        SourceKind::ReaderSubmitted,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Primary => "primary",
            SourceKind::Regulatory => "regulatory",
            SourceKind::VendorStatement => "vendor-statement",
            SourceKind::Research => "research",
            SourceKind::Press => "press",
            SourceKind::ReaderSubmitted => "reader-submitted",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Primary => "Primary",
            SourceKind::Regulatory => "Regulatory",
            SourceKind::VendorStatement => "Vendor statement",
            SourceKind::Research => "Research",
            SourceKind::Press => "Press",
            SourceKind::ReaderSubmitted => "Reader-submitted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Related {
    #[cfg_attr(feature = "schema", schemars(pattern(crate::ID_PATTERN)))]
    pub id: String,
    pub relation: Relation,
    /// One line: why it is related.
    pub reason: String,
    /// Enough to list it without fetching it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<RelatedSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    SameFailureMode,
    SameOrganisation,
    FollowUpOf,
    DuplicateOf,
    SeeAlso,
}

impl Relation {
    pub fn label(self) -> &'static str {
        match self {
            Relation::SameFailureMode => "Same failure mode",
            Relation::SameOrganisation => "Same organisation",
            Relation::FollowUpOf => "Follow-up of",
            Relation::DuplicateOf => "Duplicate of",
            Relation::SeeAlso => "See also",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RelatedSummary {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Level>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Citation {
    /// Ready-to-paste citation text.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Licence {
    /// SPDX licence id, e.g. `CC-BY-4.0`.
    pub spdx: String,
    /// Who to credit, as they wish to be credited.
    pub attribution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Links {
    /// The canonical human-readable page of the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The canonical address of this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
}

impl Links {
    pub fn is_empty(&self) -> bool {
        self.html.is_none() && self.json.is_none()
    }
}
