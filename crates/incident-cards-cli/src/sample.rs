//! `incident-cards sample --count N DIR`: a registry of generated cases, for tests and for
//! measuring the tools at scale (issue 16).
//!
//! - **Deterministic.** Each case is drawn from its own ChaCha8 generator, seeded with the case's
//!   number, so the same count writes byte-identical files on any number of threads, and the
//!   cases are written in parallel. Only the generator's raw 64-bit words are used; every range,
//!   choice and chance is derived here, so no library's sampling helpers can change the output.
//! - **Valid by construction, and checked**: each case passes the model's own `validate` before it
//!   is written; a case that does not is a bug of this generator, reported as such.
//! - **Synthetic text only**: titles, summaries, claims and the rest are put together from the
//!   word lists below.
//! - **Varied**: every value of every enumeration, optional fields present and absent, dates at
//!   each precision, sources with and without an address, related cases (some pairs naming each
//!   other), aliases unique across the registry (`PREFIX-k`, never the `GEN` prefix of ids).
//! - **Realistic sizes**: a case is about 1 to 4 KB of pretty-printed JSON.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use incident_model::{
    AiInvolvement, AiSystem, ChainStep, Citation, Claim, ClaimStatus, Dates, Impact, Incident,
    Level, Licence, Links, Organisation, Related, RelatedSummary, Relation, Role, Severity, Source,
    SourceKind, Stage, Status, Withdrawal, SCHEMA_VERSION,
};
use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use time::{Date, Duration, Month};

/// The prefix of generated ids: `GEN-000001`.
pub(crate) const PREFIX: &str = "GEN";
/// The largest count: ids have at most 9 digits.
pub(crate) const MAX_COUNT: u32 = 999_999_999;

/// Mixed into every seed; change it and every generated file changes.
const SEED: &[u8; 23] = b"incident-cards/sample/1";

/// A seeded stream of choices.
struct Draw(ChaCha8Rng);

impl Draw {
    /// The generator of case `case`; `stream` separates independent uses for one case.
    fn new(case: u32, stream: u8) -> Draw {
        let mut seed = [0u8; 32];
        let bytes = SEED
            .iter()
            .copied()
            .chain([stream])
            .chain(case.to_le_bytes());
        for (slot, byte) in seed.iter_mut().zip(bytes) {
            *slot = byte;
        }
        Draw(ChaCha8Rng::from_seed(seed))
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-and-shift: no rejection, a bias far
    /// below anything a test could see for the small `n` used here.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.0.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True `p` times in a hundred.
    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick(&mut self, list: &[&'static str]) -> &'static str {
        list.get(self.below(list.len()))
            .copied()
            .unwrap_or_default()
    }

    /// One of `weights.len()` outcomes, each as likely as its weight.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        0
    }
}

// Word lists. Every sentence of a generated case is put together from these.

const ORG_FIRST: &[&str] = &[
    "Northwind",
    "Bluefin",
    "Quartzline",
    "Helio",
    "Copperleaf",
    "Marlow",
    "Tidewater",
    "Kestrel",
    "Orchard",
    "Vantage",
    "Lumen",
    "Granite",
    "Solace",
    "Pinecrest",
    "Meridian",
    "Brightwater",
];
const ORG_SECOND: &[&str] = &[
    "Labs",
    "Health",
    "Bank",
    "Logistics",
    "Insurance",
    "Systems",
    "Retail",
    "Energy",
    "Analytics",
    "Transit",
    "Media",
    "Council",
];
const SYSTEM_NAMES: &[&str] = &[
    "Atlas", "Scout", "Ember", "Relay", "Sage", "Pilot", "Wren", "Nimbus", "Forge", "Echo",
    "Quill", "Beacon",
];
const SYSTEM_KINDS: &[&str] = &[
    "coding agent",
    "support chatbot",
    "recommendation model",
    "document summariser",
    "fraud classifier",
    "voice assistant",
    "image generator",
    "triage model",
    "scheduling agent",
    "search assistant",
];
/// Failure modes: every one appears in a few hundred cases.
const FAILURE_MODES: &[&str] = &[
    "Identity & Access Drift",
    "Hallucinated Output",
    "Prompt Injection",
    "Data Leakage",
    "Unsafe Autonomous Action",
    "Biased Decision",
    "Tool Misuse",
    "Specification Gaming",
    "Silent Degradation",
    "Over-reliance on Automation",
    "Unvetted Training Data",
    "Escalation Failure",
];
const AI_SURFACES: &[&str] = &[
    "Agentic Workflow",
    "Customer Chat",
    "Decision Support",
    "Content Generation",
    "Code Assistant",
    "Search & Retrieval",
    "Voice Interface",
    "Back-office Automation",
];
const TAGS: &[&str] = &[
    "coding-agent",
    "permissions",
    "outage",
    "privacy",
    "finance",
    "healthcare",
    "hiring",
    "moderation",
    "deletion",
    "chatbot",
    "refunds",
    "legal",
    "translation",
    "education",
    "transport",
    "elections",
    "synthetic-media",
    "pricing",
    "scheduling",
    "insurance",
    "benefits",
    "retail",
    "security",
    "logging",
];
const ACTORS: &[&str] = &[
    "the agent",
    "the assistant",
    "the model",
    "the chatbot",
    "the classifier",
    "the pipeline",
    "an operator",
    "the vendor",
    "a reviewer",
    "the on-call engineer",
];
const VERBS: &[&str] = &[
    "deleted",
    "approved",
    "rewrote",
    "exposed",
    "misrouted",
    "suspended",
    "overwrote",
    "published",
    "refunded",
    "flagged",
    "ignored",
    "escalated",
    "cancelled",
    "duplicated",
];
const OBJECTS: &[&str] = &[
    "customer records",
    "a production database",
    "pending refunds",
    "support tickets",
    "payroll entries",
    "access tokens",
    "clinical notes",
    "shipping orders",
    "loan applications",
    "billing accounts",
    "a backup volume",
    "user messages",
];
const CIRCUMSTANCES: &[&str] = &[
    "during a routine update",
    "after a vague instruction",
    "without a second review",
    "while running with broad permissions",
    "over a holiday weekend",
    "in a single region",
    "across several regions",
    "under heavy load",
    "after a configuration change",
    "in a test that reached production",
];
const OUTCOMES: &[&str] = &[
    "for several hours",
    "for about a day",
    "before anyone noticed",
    "until a manual rollback",
    "affecting thousands of users",
    "affecting a small group of customers",
    "with no lasting harm reported",
    "at a cost that was not disclosed",
];
const IMPERATIVES: &[&str] = &[
    "Limit",
    "Review",
    "Log",
    "Test",
    "Gate",
    "Audit",
    "Rate-limit",
    "Sandbox",
    "Monitor",
];
const QUALIFIERS: &[&str] = &[
    "before the agent can act on them",
    "with a second person",
    "on every release",
    "in a staging copy first",
    "whenever permissions change",
    "and alert a human on anything unusual",
];
const PARTIES: &[&str] = &[
    "deployer",
    "vendor",
    "regulator",
    "affected group",
    "operator",
];
const PUBLISHERS: &[&str] = &[
    "The Daily Ledger",
    "Signal Review",
    "Open Systems Journal",
    "Civic Data Office",
    "Consumer Safety Board",
    "Tech Weekly",
    "Northern Gazette",
    "AI Policy Lab",
    "Reader report",
    "Harbour Times",
];
const REPORT_KINDS: &[&str] = &[
    "Post-incident review",
    "Notice",
    "Statement",
    "Analysis",
    "Report",
    "Inquiry findings",
    "Field note",
];
const SCHEMES: &[&str] = &["GEN registry (1–5)", "Impact tiers", "GEN registry (0–10)"];
const ALIAS_PREFIXES: &[&str] = &["XRA", "ALT", "OBS", "REG", "ARC", "LAB"];
const LICENCES: &[(&str, Option<&str>)] = &[
    (
        "CC-BY-4.0",
        Some("https://creativecommons.org/licenses/by/4.0/"),
    ),
    ("CC-BY-4.0", None),
    ("CC0-1.0", None),
    (
        "CC-BY-SA-4.0",
        Some("https://creativecommons.org/licenses/by-sa/4.0/"),
    ),
    ("ODC-By-1.0", None),
];
const REGISTRY: &str = "https://registry.example/";

/// "the agent deleted …" → "The agent deleted …".
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `The Daily Ledger` → `the-daily-ledger`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn sentence(d: &mut Draw) -> String {
    let text = format!(
        "{} {} {} {}, {}.",
        d.pick(ACTORS),
        d.pick(VERBS),
        d.pick(OBJECTS),
        d.pick(CIRCUMSTANCES),
        d.pick(OUTCOMES)
    );
    capitalised(&text)
}

fn lesson(d: &mut Draw) -> String {
    let first = format!(
        "{} changes to {} {}.",
        d.pick(IMPERATIVES),
        d.pick(OBJECTS),
        d.pick(QUALIFIERS)
    );
    if d.percent(25) {
        format!(
            "{first} {} {} {} {}.",
            capitalised(d.pick(ACTORS)),
            d.pick(VERBS),
            d.pick(OBJECTS),
            d.pick(CIRCUMSTANCES)
        )
    } else {
        first
    }
}

fn org_name(d: &mut Draw) -> String {
    format!("{} {}", d.pick(ORG_FIRST), d.pick(ORG_SECOND))
}

fn day(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `date` at a drawn precision: a day, a month or a year, each as likely as its weight.
fn partial(d: &mut Draw, date: Date, weights: &[usize; 3]) -> String {
    match d.weighted(weights) {
        0 => day(date),
        1 => format!("{:04}-{:02}", date.year(), u8::from(date.month())),
        _ => format!("{:04}", date.year()),
    }
}

fn later(date: Date, days: usize) -> Date {
    date.saturating_add(Duration::days(days as i64))
}

fn level(i: usize) -> Level {
    Level::ALL.get(i).copied().unwrap_or(Level::Moderate)
}

/// What other cases show of case k (a related entry's summary), drawn from the case's number
/// alone so that every case that names it sees the same.
struct Header {
    title: String,
    organisation: String,
    kind: &'static str,
    level: Level,
    /// The day it happened; `occurred_text` is what the document says (its precision, or nothing).
    occurred: Date,
    occurred_text: Option<String>,
}

fn header(k: u32) -> Header {
    let mut d = Draw::new(k, 0);
    let organisation = org_name(&mut d);
    let kind = d.pick(SYSTEM_KINDS);
    let level = level(d.below(Level::ALL.len()));
    let start = Date::from_calendar_date(2015, Month::January, 1).unwrap_or(Date::MIN);
    let occurred = later(start, d.below(12 * 365));
    let occurred_text = if d.percent(92) {
        Some(partial(&mut d, occurred, &[5, 3, 2]))
    } else {
        None
    };
    let title = capitalised(&format!(
        "{kind} at {organisation} {} {} {}",
        d.pick(VERBS),
        d.pick(OBJECTS),
        d.pick(CIRCUMSTANCES)
    ));
    Header {
        title,
        organisation,
        kind,
        level,
        occurred,
        occurred_text,
    }
}

/// The id of case `k` of a registry of `count` cases: `GEN-` and at least 6 digits.
pub(crate) fn case_id(k: u32, count: u32) -> String {
    let width = count.to_string().len().max(6);
    format!("{PREFIX}-{k:0width$}")
}

/// Cases 1 and 2, 7 and 8, 13 and 14, …: pairs that name each other as related.
fn partner(k: u32, count: u32) -> Option<u32> {
    let pair = k.saturating_sub(1) / 2;
    if !pair.is_multiple_of(3) {
        return None;
    }
    let other = if k % 2 == 1 { k + 1 } else { k - 1 };
    (other >= 1 && other <= count).then_some(other)
}

fn relation(i: usize) -> Relation {
    match i {
        0 => Relation::SameFailureMode,
        1 => Relation::SameOrganisation,
        2 => Relation::FollowUpOf,
        3 => Relation::DuplicateOf,
        _ => Relation::SeeAlso,
    }
}

fn related(d: &mut Draw, k: u32, count: u32, target: u32) -> Related {
    let h = header(target);
    let summary = if d.percent(50) {
        Some(RelatedSummary {
            title: h.title,
            organisation: d.percent(80).then_some(h.organisation),
            severity: d.percent(80).then_some(h.level),
            date: h.occurred_text,
        })
    } else {
        None
    };
    let reason = if partner(k, count) == Some(target) {
        format!(
            "The two records describe how {} {} {} at the same deployer.",
            d.pick(ACTORS),
            d.pick(VERBS),
            d.pick(OBJECTS)
        )
    } else {
        format!(
            "Another case where {} {} {} {}.",
            d.pick(ACTORS),
            d.pick(VERBS),
            d.pick(OBJECTS),
            d.pick(CIRCUMSTANCES)
        )
    };
    Related {
        id: case_id(target, count),
        relation: relation(d.below(5)),
        reason,
        summary,
    }
}

fn severity(d: &mut Draw, level: Level) -> Severity {
    let rank = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
    let word = level.as_str().to_uppercase();
    match d.below(4) {
        0 => {
            let score = rank as u32 + 1;
            Severity {
                scheme: SCHEMES.first().map(|s| (*s).to_owned()),
                value: format!("{score} / 5 · {word}"),
                level,
                score: Some(score),
                scale_max: Some(5),
            }
        }
        1 => Severity {
            scheme: SCHEMES.get(1).map(|s| (*s).to_owned()),
            value: format!("Tier {}", 5 - rank),
            level,
            score: None,
            scale_max: None,
        },
        2 => {
            let score = (rank as u32 * 2 + d.below(3) as u32).min(10);
            Severity {
                scheme: SCHEMES.get(2).map(|s| (*s).to_owned()),
                value: format!("{score}/10"),
                level,
                score: Some(score),
                scale_max: Some(10),
            }
        }
        _ => Severity {
            scheme: None,
            value: capitalised(level.as_str()),
            level,
            score: None,
            scale_max: None,
        },
    }
}

fn role(i: usize) -> Role {
    match i {
        0 => Role::Deployer,
        1 => Role::Developer,
        2 => Role::Vendor,
        3 => Role::Operator,
        _ => Role::Affected,
    }
}

fn source_kind(i: usize) -> SourceKind {
    SourceKind::ALL.get(i).copied().unwrap_or(SourceKind::Press)
}

fn sources(d: &mut Draw, id: &str, h: &Header, allow_http: bool) -> Vec<Source> {
    let n = d.between(1, 4);
    let mut out = Vec::with_capacity(n);
    let mut http_used = false;
    for j in 1..=n {
        let publisher = d.pick(PUBLISHERS);
        let date = later(h.occurred, d.below(500));
        let with_url = d.percent(65);
        let url = with_url.then(|| {
            let scheme = if allow_http && !http_used {
                http_used = true;
                "http"
            } else {
                "https"
            };
            format!(
                "{scheme}://{}.example/reports/{}-{j}",
                slug(publisher),
                id.to_lowercase()
            )
        });
        out.push(Source {
            id: if d.percent(50) {
                format!("s{j}")
            } else {
                format!("{}-{j}", slug(publisher))
            },
            kind: source_kind(d.below(SourceKind::ALL.len())),
            title: format!(
                "{}: {} {} {} {}",
                d.pick(REPORT_KINDS),
                h.organisation,
                d.pick(VERBS),
                d.pick(OBJECTS),
                d.pick(CIRCUMSTANCES)
            ),
            publisher: (!with_url || d.percent(80)).then(|| publisher.to_owned()),
            url,
            date: d.percent(75).then(|| partial(d, date, &[6, 3, 1])),
        });
    }
    out
}

fn claims(d: &mut Draw, sources: &[Source]) -> Vec<Claim> {
    let n = d.between(1, 4);
    (0..n)
        .map(|_| {
            let status = match d.weighted(&[50, 25, 15, 10]) {
                0 => ClaimStatus::Verified,
                1 => ClaimStatus::NotPubliclyConfirmed,
                2 => ClaimStatus::Disputed,
                _ => ClaimStatus::Retracted,
            };
            let lo = usize::from(status == ClaimStatus::Verified);
            let wanted = d.between(lo, 3.min(sources.len()).max(lo));
            let mut ids: Vec<String> = Vec::new();
            while ids.len() < wanted {
                if let Some(src) = sources.get(d.below(sources.len())) {
                    if !ids.contains(&src.id) {
                        ids.push(src.id.clone());
                    }
                }
            }
            Claim {
                text: sentence(d),
                status,
                sources: ids,
            }
        })
        .collect()
}

fn cause_chain(d: &mut Draw) -> Vec<ChainStep> {
    let mut steps = Vec::new();
    for stage in [
        Stage::Trigger,
        Stage::ModelStep,
        Stage::ControlGap,
        Stage::Failure,
        Stage::Consequence,
    ] {
        if d.percent(45) {
            steps.push(ChainStep {
                stage,
                text: sentence(d),
            });
        }
    }
    steps
}

/// Case `k` of a registry of `count` cases.
pub(crate) fn case(k: u32, count: u32) -> Incident {
    let h = header(k);
    let mut d = Draw::new(k, 1);
    let id = case_id(k, count);

    let mut aliases = Vec::new();
    for prefix in ALIAS_PREFIXES {
        if d.percent(12) {
            aliases.push(format!("{prefix}-{k}"));
        }
    }

    let status = match d.weighted(&[70, 12, 10, 8]) {
        0 => Status::Published,
        1 => Status::Updated,
        2 => Status::Disputed,
        _ => Status::Withdrawn,
    };
    let ai_involvement = match d.weighted(&[55, 20, 15, 10]) {
        0 => AiInvolvement::Confirmed,
        1 => AiInvolvement::Alleged,
        2 => AiInvolvement::Disputed,
        _ => AiInvolvement::None,
    };

    let disclosed = later(h.occurred, d.below(240));
    let filed = later(disclosed, d.below(500));
    let modified = later(filed, d.below(400));
    let dates = Dates {
        occurred: h.occurred_text.clone(),
        disclosed: d
            .percent(85)
            .then(|| partial(&mut d, disclosed, &[7, 2, 1])),
        filed: Some(day(filed)),
        modified: (status != Status::Published || d.percent(30)).then(|| day(modified)),
    };

    let party = d.pick(PARTIES);
    let status_reason = match status {
        Status::Disputed => Some(format!(
            "The {party} disputes that {} {} {}.",
            d.pick(ACTORS),
            d.pick(VERBS),
            d.pick(OBJECTS)
        )),
        Status::Updated if d.percent(70) => Some(format!(
            "Updated after the {party} published new details about {}.",
            d.pick(OBJECTS)
        )),
        Status::Withdrawn if d.percent(50) => {
            Some(format!("Withdrawn at the request of the {party}."))
        }
        _ => None,
    };
    let withdrawn = (status == Status::Withdrawn).then(|| Withdrawal {
        date: day(later(filed, d.below(300))),
        reason: if d.percent(50) {
            "The record turned out to repeat another case of this registry.".to_owned()
        } else {
            format!(
                "A later source showed that {} had not {} {}.",
                d.pick(ACTORS),
                d.pick(VERBS),
                d.pick(OBJECTS)
            )
        },
    });

    let summary = (0..d.between(1, 3))
        .map(|_| sentence(&mut d))
        .collect::<Vec<_>>()
        .join(" ");

    let mut organisations = vec![Organisation {
        name: h.organisation.clone(),
        role: if d.percent(75) {
            Role::Deployer
        } else {
            Role::Operator
        },
        alleged: false,
    }];
    for _ in 0..d.below(3) {
        let name = org_name(&mut d);
        if organisations.iter().all(|o| o.name != name) {
            organisations.push(Organisation {
                name,
                role: role(d.below(5)),
                alleged: d.percent(15),
            });
        }
    }

    let n_systems = if ai_involvement == AiInvolvement::None {
        d.below(2)
    } else {
        d.between(1, 2)
    };
    let systems = (0..n_systems)
        .map(|i| AiSystem {
            name: format!("{} {}", d.pick(SYSTEM_NAMES), d.between(1, 9)),
            developer: d.percent(70).then(|| {
                organisations
                    .get(i)
                    .map_or_else(|| h.organisation.clone(), |o| o.name.clone())
            }),
            kind: d.percent(85).then(|| h.kind.to_owned()),
        })
        .collect();

    let mut tags: Vec<String> = Vec::new();
    for _ in 0..d.below(6) {
        let tag = d.pick(TAGS).to_owned();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let allow_http = d.percent(3);
    let sources = sources(&mut d, &id, &h, allow_http);
    let claims = claims(&mut d, &sources);
    let cause_chain = cause_chain(&mut d);

    let impact = d.percent(80).then(|| Impact {
        summary: sentence(&mut d),
        duration: d.percent(60).then(|| match d.below(3) {
            0 => format!("PT{}H", d.between(1, 72)),
            1 => format!("P{}D", d.between(1, 30)),
            _ => format!("PT{}H{}M", d.between(1, 23), d.between(1, 59)),
        }),
        cost: d.percent(35).then(|| {
            format!(
                "An estimated {} {} in {}",
                d.pick(&["USD", "EUR", "GBP"]),
                d.between(1, 900) * 1000,
                d.pick(&["refunds", "fines", "lost revenue", "repairs"])
            )
        }),
    });

    let lessons = (0..d.below(3)).map(|_| lesson(&mut d)).collect();

    let mut related_ids: Vec<u32> = partner(k, count).into_iter().collect();
    for _ in 0..d.below(3) {
        let target = d.below(count as usize) as u32 + 1;
        if target != k && !related_ids.contains(&target) {
            related_ids.push(target);
        }
    }
    let related = related_ids
        .into_iter()
        .map(|target| related(&mut d, k, count, target))
        .collect();

    let revision = if status == Status::Published {
        1
    } else {
        d.between(2, 5) as u32
    };
    let (spdx, licence_url) = LICENCES
        .get(d.below(LICENCES.len()))
        .copied()
        .unwrap_or(("CC0-1.0", None));
    let page = format!("{REGISTRY}cases/{id}/");
    let citation = d.percent(60).then(|| Citation {
        text: format!(
            "incident-cards generated registry. \"{}\" ({id}). Filed {}, revision {revision}. {spdx}.",
            h.title,
            day(filed)
        ),
        permalink: d.percent(50).then(|| page.clone()),
    });
    let links = if d.percent(50) {
        Links {
            html: Some(page),
            json: d
                .percent(70)
                .then(|| format!("{REGISTRY}data/incidents/{id}.json")),
        }
    } else {
        Links::default()
    };

    Incident {
        schema_version: SCHEMA_VERSION.to_owned(),
        id,
        aliases,
        status,
        withdrawn,
        status_reason,
        ai_involvement,
        title: h.title.clone(),
        summary,
        lang: d
            .pick(&["en", "en", "en", "en", "en-GB", "en-US"])
            .to_owned(),
        dates,
        severity: severity(&mut d, h.level),
        organisations,
        systems,
        failure_mode: d.percent(95).then(|| d.pick(FAILURE_MODES).to_owned()),
        ai_surface: d.percent(80).then(|| d.pick(AI_SURFACES).to_owned()),
        tags,
        claims,
        cause_chain,
        impact,
        lessons,
        sources,
        related,
        citation,
        licence: Licence {
            spdx: spdx.to_owned(),
            attribution: "incident-cards generated registry (synthetic cases)".to_owned(),
            url: licence_url.map(str::to_owned),
        },
        revision,
        links,
        allow_http,
        translations: Vec::new(),
        history: Vec::new(),
    }
}

/// The file of case `k`: pretty-printed JSON and a newline, as the registry's own files are.
pub(crate) fn case_json(k: u32, count: u32) -> Result<(String, String), String> {
    let doc = case(k, count);
    let problems = incident_model::validate(&doc);
    if let Some(first) = problems.first() {
        return Err(format!(
            "generated case {} is not valid ({first}); this is a bug of `sample`, please report it",
            doc.id
        ));
    }
    let json = serde_json::to_string_pretty(&doc)
        .map_err(|e| format!("cannot serialise case {}: {e}", doc.id))?;
    Ok((doc.id, json + "\n"))
}

/// A progress bar on stderr when it is a terminal, else one that draws nothing.
pub(crate) fn progress(len: usize, what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let template = format!("{what} {{pos}}/{{len}} [{{bar:40}}] {{per_sec}}, {{eta}} left");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

pub(crate) fn sample(count: u32, dir: &Path, force: bool) -> ExitCode {
    let folder = dir.join("incidents");
    match std::fs::read_dir(&folder) {
        Ok(mut entries) => {
            if entries.next().is_some() && !force {
                eprintln!(
                    "incident-cards: {} is not empty; give an empty or new DIR, or add --force to \
                     write over the files of the same names (other files stay, and become part of \
                     the registry)",
                    folder.display()
                );
                return ExitCode::from(2);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            eprintln!("{}: cannot read: {e}", folder.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = std::fs::create_dir_all(&folder) {
        eprintln!("{}: cannot create: {e}", folder.display());
        return ExitCode::FAILURE;
    }

    let bar = progress(count as usize, "writing cases");
    let bytes = AtomicU64::new(0);
    let written = (1..=count).into_par_iter().try_for_each(|k| {
        let (id, json) = case_json(k, count)?;
        let file = folder.join(format!("{id}.json"));
        std::fs::write(&file, &json)
            .map_err(|e| format!("{}: cannot write: {e}", file.display()))?;
        bytes.fetch_add(json.len() as u64, Ordering::Relaxed);
        bar.inc(1);
        Ok::<(), String>(())
    });
    bar.finish_and_clear();
    if let Err(e) = written {
        eprintln!("incident-cards: {e}");
        return ExitCode::FAILURE;
    }

    let total = std::fs::read_dir(&folder).map_or(0, Iterator::count);
    let others = total.saturating_sub(count as usize);
    eprintln!(
        "{}: {count} case(s) written, {} bytes; check them with `incident-cards validate {}`",
        folder.display(),
        bytes.load(Ordering::Relaxed),
        dir.display()
    );
    if others > 0 {
        eprintln!(
            "incident-cards: {} also holds {others} other file(s) from before; they are part of \
             the registry too",
            folder.display()
        );
    }
    ExitCode::SUCCESS
}
