//! Reading an already-parsed JSON value into the model's types, field by field, without serde.
//!
//! Both routes read a `serde_json::Value` through [`Node`] (feature `json`): the command-line tool
//! the one serde_json parsed, the widget the one serde-wasm-bindgen made of the browser's
//! `JSON.parse` result. The tests hold this reader to the serde route ([`crate::parse_incident`]):
//! both must accept the same documents and give equal values.
//!
//! Why not serde here: in the wasm module, serde's derived visitors for every type of the document
//! plus the JavaScript-value deserializer were a fifth of the code, and their error messages pulled
//! in float formatting. This reader is one generic function per type, instantiated once, and
//! reports a wrong type at its field path (`sources[2].url`), which the serde route in the widget
//! could not.
//!
//! The rules match the types' serde attributes: a required field must be present; an optional
//! field (`Option`) may be absent or `null`; a field with a default (lists, `status`, `lang`…)
//! may be absent but not `null`; unknown fields are ignored. Reading stops at the first problem;
//! [`crate::validate()`] then reports every remaining one.

use crate::document::*;
use crate::error::Problem;
use crate::index::{Counts, Index, IndexEntry};

/// What a parsed JSON value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    Text,
    List,
    Object,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "true or false",
            Kind::Number => "a number",
            Kind::Text => "text",
            Kind::List => "a list",
            Kind::Object => "an object",
        }
    }
}

/// A parsed JSON value, as some parser holds it.
pub trait Node: Sized {
    fn kind(&self) -> Kind;
    /// The field `key` of an object; `None` when absent (or when this is not an object).
    fn field(&self, key: &str) -> Option<Self>;
    fn text(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The items of a list; `None` when this is not a list.
    fn items(&self) -> Option<Vec<Self>>;
}

/// Where a value sits in the document; turned into text (`sources[2].url`) only for an error.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'static str),
    Item(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Item(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }

    fn problem(&self, message: String) -> Problem {
        let mut path = String::new();
        self.write(&mut path);
        if path.is_empty() {
            path.push_str("(document)");
        }
        Problem { path, message }
    }
}

type Read<N, T> = fn(&N, &Path) -> Result<T, Problem>;

fn expected<N: Node, T>(node: &N, at: &Path, what: &str) -> Result<T, Problem> {
    let mut message = String::from("expected ");
    message.push_str(what);
    message.push_str(", found ");
    message.push_str(node.kind().name());
    Err(at.problem(message))
}

fn text<N: Node>(node: &N, at: &Path) -> Result<String, Problem> {
    match node.text() {
        Some(s) => Ok(s),
        None => expected(node, at, "text"),
    }
}

fn flag<N: Node>(node: &N, at: &Path) -> Result<bool, Problem> {
    match node.boolean() {
        Some(b) => Ok(b),
        None => expected(node, at, "true or false"),
    }
}

fn whole<N: Node>(node: &N, at: &Path) -> Result<u32, Problem> {
    match node.number() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        _ => expected(node, at, "a whole number from 0 to 4294967295"),
    }
}

/// One of a closed set of names (an enum in kebab-case).
fn choice<N: Node, T: Copy>(node: &N, at: &Path, names: &[(&str, T)]) -> Result<T, Problem> {
    let Some(s) = node.text() else {
        return expected(node, at, "text");
    };
    if let Some((_, value)) = names.iter().find(|(name, _)| *name == s) {
        return Ok(*value);
    }
    let mut message = String::from("\"");
    message.push_str(&crate::text::sanitize(
        &s.chars().take(40).collect::<String>(),
    ));
    message.push_str("\" is not one of: ");
    for (i, (name, _)) in names.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push_str(name);
    }
    Err(at.problem(message))
}

/// An object being read, with the path of its fields.
struct Obj<'a, N> {
    node: &'a N,
    at: &'a Path<'a>,
}

impl<'a, N: Node> Obj<'a, N> {
    fn new(node: &'a N, at: &'a Path<'a>) -> Result<Self, Problem> {
        if node.kind() == Kind::Object {
            Ok(Obj { node, at })
        } else {
            expected(node, at, "an object")
        }
    }

    /// A field that must be present.
    fn req<T>(&self, key: &'static str, read: Read<N, T>) -> Result<T, Problem> {
        let at = Path::Key(self.at, key);
        match self.node.field(key) {
            Some(value) => read(&value, &at),
            None => Err(at.problem("is required".to_owned())),
        }
    }

    /// An `Option` field: absent or `null` is `None`.
    fn opt<T>(&self, key: &'static str, read: Read<N, T>) -> Result<Option<T>, Problem> {
        let at = Path::Key(self.at, key);
        match self.node.field(key) {
            Some(value) if value.kind() != Kind::Null => read(&value, &at).map(Some),
            _ => Ok(None),
        }
    }

    /// A field with a default: absent is the default, `null` is an error.
    fn or<T>(&self, key: &'static str, read: Read<N, T>, default: T) -> Result<T, Problem> {
        let at = Path::Key(self.at, key);
        match self.node.field(key) {
            Some(value) => read(&value, &at),
            None => Ok(default),
        }
    }

    /// A list field; absent is empty.
    fn list<T>(&self, key: &'static str, read: Read<N, T>) -> Result<Vec<T>, Problem> {
        let at = Path::Key(self.at, key);
        match self.node.field(key) {
            Some(value) => items(&value, &at, read),
            None => Ok(Vec::new()),
        }
    }
}

fn items<N: Node, T>(node: &N, at: &Path, read: Read<N, T>) -> Result<Vec<T>, Problem> {
    let Some(items) = node.items() else {
        return expected(node, at, "a list");
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, &Path::Item(at, i))?);
    }
    Ok(out)
}

const STATUS: &[(&str, Status)] = &[
    ("published", Status::Published),
    ("updated", Status::Updated),
    ("disputed", Status::Disputed),
    ("withdrawn", Status::Withdrawn),
];
const INVOLVEMENT: &[(&str, AiInvolvement)] = &[
    ("confirmed", AiInvolvement::Confirmed),
    ("alleged", AiInvolvement::Alleged),
    ("disputed", AiInvolvement::Disputed),
    ("none", AiInvolvement::None),
];
const LEVEL: &[(&str, Level)] = &[
    ("info", Level::Info),
    ("low", Level::Low),
    ("moderate", Level::Moderate),
    ("high", Level::High),
    ("critical", Level::Critical),
];
const ROLE: &[(&str, Role)] = &[
    ("deployer", Role::Deployer),
    ("developer", Role::Developer),
    ("vendor", Role::Vendor),
    ("operator", Role::Operator),
    ("affected", Role::Affected),
];
const CLAIM: &[(&str, ClaimStatus)] = &[
    ("verified", ClaimStatus::Verified),
    ("not-publicly-confirmed", ClaimStatus::NotPubliclyConfirmed),
    ("disputed", ClaimStatus::Disputed),
    ("retracted", ClaimStatus::Retracted),
];
const STAGE: &[(&str, Stage)] = &[
    ("trigger", Stage::Trigger),
    ("model-step", Stage::ModelStep),
    ("control-gap", Stage::ControlGap),
    ("failure", Stage::Failure),
    ("consequence", Stage::Consequence),
];
const SOURCE_KIND: &[(&str, SourceKind)] = &[
    ("primary", SourceKind::Primary),
    ("regulatory", SourceKind::Regulatory),
    ("vendor-statement", SourceKind::VendorStatement),
    ("research", SourceKind::Research),
    ("press", SourceKind::Press),
    ("reader-submitted", SourceKind::ReaderSubmitted),
];
const RELATION: &[(&str, Relation)] = &[
    ("same-failure-mode", Relation::SameFailureMode),
    ("same-organisation", Relation::SameOrganisation),
    ("follow-up-of", Relation::FollowUpOf),
    ("duplicate-of", Relation::DuplicateOf),
    ("see-also", Relation::SeeAlso),
];

fn status<N: Node>(n: &N, at: &Path) -> Result<Status, Problem> {
    choice(n, at, STATUS)
}
fn involvement<N: Node>(n: &N, at: &Path) -> Result<AiInvolvement, Problem> {
    choice(n, at, INVOLVEMENT)
}
fn level<N: Node>(n: &N, at: &Path) -> Result<Level, Problem> {
    choice(n, at, LEVEL)
}

fn withdrawal<N: Node>(n: &N, at: &Path) -> Result<Withdrawal, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Withdrawal {
        date: o.req("date", text)?,
        reason: o.req("reason", text)?,
    })
}

fn dates<N: Node>(n: &N, at: &Path) -> Result<Dates, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Dates {
        occurred: o.opt("occurred", text)?,
        disclosed: o.opt("disclosed", text)?,
        filed: o.opt("filed", text)?,
        modified: o.opt("modified", text)?,
    })
}

fn severity<N: Node>(n: &N, at: &Path) -> Result<Severity, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Severity {
        scheme: o.opt("scheme", text)?,
        value: o.req("value", text)?,
        level: o.req("level", level)?,
        score: o.opt("score", whole)?,
        scale_max: o.opt("scale_max", whole)?,
    })
}

fn organisation<N: Node>(n: &N, at: &Path) -> Result<Organisation, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Organisation {
        name: o.req("name", text)?,
        role: o.req("role", |n, at| choice(n, at, ROLE))?,
        alleged: o.or("alleged", flag, false)?,
    })
}

fn system<N: Node>(n: &N, at: &Path) -> Result<AiSystem, Problem> {
    let o = Obj::new(n, at)?;
    Ok(AiSystem {
        name: o.req("name", text)?,
        developer: o.opt("developer", text)?,
        kind: o.opt("kind", text)?,
    })
}

fn claim<N: Node>(n: &N, at: &Path) -> Result<Claim, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Claim {
        text: o.req("text", text)?,
        status: o.req("status", |n, at| choice(n, at, CLAIM))?,
        sources: o.list("sources", text)?,
    })
}

fn step<N: Node>(n: &N, at: &Path) -> Result<ChainStep, Problem> {
    let o = Obj::new(n, at)?;
    Ok(ChainStep {
        stage: o.req("stage", |n, at| choice(n, at, STAGE))?,
        text: o.req("text", text)?,
    })
}

fn impact<N: Node>(n: &N, at: &Path) -> Result<Impact, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Impact {
        summary: o.req("summary", text)?,
        duration: o.opt("duration", text)?,
        cost: o.opt("cost", text)?,
    })
}

fn source<N: Node>(n: &N, at: &Path) -> Result<Source, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Source {
        id: o.req("id", text)?,
        kind: o.req("kind", |n, at| choice(n, at, SOURCE_KIND))?,
        title: o.req("title", text)?,
        publisher: o.opt("publisher", text)?,
        url: o.opt("url", text)?,
        date: o.opt("date", text)?,
    })
}

fn related<N: Node>(n: &N, at: &Path) -> Result<Related, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Related {
        id: o.req("id", text)?,
        relation: o.req("relation", |n, at| choice(n, at, RELATION))?,
        reason: o.req("reason", text)?,
        summary: o.opt("summary", related_summary)?,
    })
}

fn related_summary<N: Node>(n: &N, at: &Path) -> Result<RelatedSummary, Problem> {
    let o = Obj::new(n, at)?;
    Ok(RelatedSummary {
        title: o.req("title", text)?,
        organisation: o.opt("organisation", text)?,
        severity: o.opt("severity", level)?,
        date: o.opt("date", text)?,
    })
}

fn citation<N: Node>(n: &N, at: &Path) -> Result<Citation, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Citation {
        text: o.req("text", text)?,
        permalink: o.opt("permalink", text)?,
    })
}

fn licence<N: Node>(n: &N, at: &Path) -> Result<Licence, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Licence {
        spdx: o.req("spdx", text)?,
        attribution: o.req("attribution", text)?,
        url: o.opt("url", text)?,
    })
}

fn links<N: Node>(n: &N, at: &Path) -> Result<Links, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Links {
        html: o.opt("html", text)?,
        json: o.opt("json", text)?,
    })
}

/// Reads an incident document (not yet validated: see [`crate::validate()`]).
pub fn incident<N: Node>(root: &N) -> Result<Incident, Problem> {
    let o = Obj::new(root, &Path::Root)?;
    Ok(Incident {
        schema_version: o.req("schema_version", text)?,
        id: o.req("id", text)?,
        aliases: o.list("aliases", text)?,
        status: o.or("status", status, Status::default())?,
        withdrawn: o.opt("withdrawn", withdrawal)?,
        status_reason: o.opt("status_reason", text)?,
        ai_involvement: o.or("ai_involvement", involvement, AiInvolvement::default())?,
        title: o.req("title", text)?,
        summary: o.req("summary", text)?,
        lang: o.or("lang", text, "en".to_owned())?,
        dates: o.or("dates", dates, Dates::default())?,
        severity: o.req("severity", severity)?,
        organisations: o.list("organisations", organisation)?,
        systems: o.list("systems", system)?,
        failure_mode: o.opt("failure_mode", text)?,
        ai_surface: o.opt("ai_surface", text)?,
        tags: o.list("tags", text)?,
        claims: o.list("claims", claim)?,
        cause_chain: o.list("cause_chain", step)?,
        impact: o.opt("impact", impact)?,
        lessons: o.list("lessons", text)?,
        sources: o.list("sources", source)?,
        related: o.list("related", related)?,
        citation: o.opt("citation", citation)?,
        licence: o.req("licence", licence)?,
        revision: o.or("revision", whole, 1)?,
        links: o.or("links", links, Links::default())?,
        allow_http: o.or("allow_http", flag, false)?,
        translations: o.list("translations", translation)?,
        history: o.list("history", revision)?,
    })
}

fn revision<N: Node>(n: &N, at: &Path) -> Result<Revision, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Revision {
        revision: o.req("revision", whole)?,
        date: o.req("date", text)?,
        url: o.opt("url", text)?,
        changes: o.list("changes", text)?,
    })
}

fn translation<N: Node>(n: &N, at: &Path) -> Result<Translation, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Translation {
        lang: o.req("lang", text)?,
        title: o.opt("title", text)?,
        summary: o.opt("summary", text)?,
        claims: o.list("claims", text)?,
        lessons: o.list("lessons", text)?,
    })
}

fn counts<N: Node>(n: &N, at: &Path) -> Result<Counts, Problem> {
    let o = Obj::new(n, at)?;
    Ok(Counts {
        verified: o.req("verified", whole)?,
        unconfirmed: o.req("unconfirmed", whole)?,
        sources: o.req("sources", whole)?,
    })
}

fn entry<N: Node>(n: &N, at: &Path) -> Result<IndexEntry, Problem> {
    let o = Obj::new(n, at)?;
    Ok(IndexEntry {
        id: o.req("id", text)?,
        aliases: o.list("aliases", text)?,
        href: o.req("href", text)?,
        title: o.req("title", text)?,
        summary: o.req("summary", text)?,
        status: o.or("status", status, Status::default())?,
        ai_involvement: o.or("ai_involvement", involvement, AiInvolvement::default())?,
        lang: o.or("lang", text, "en".to_owned())?,
        severity: o.req("severity", severity)?,
        organisations: o.list("organisations", organisation)?,
        failure_mode: o.opt("failure_mode", text)?,
        ai_surface: o.opt("ai_surface", text)?,
        tags: o.list("tags", text)?,
        occurred: o.opt("occurred", text)?,
        filed: o.opt("filed", text)?,
        counts: o.or("counts", counts, Counts::default())?,
        related: o.list("related", text)?,
        page: o.opt("page", text)?,
    })
}

/// Reads an index file (not yet validated: see [`crate::validate_index`]).
pub fn index<N: Node>(root: &N) -> Result<Index, Problem> {
    let o = Obj::new(root, &Path::Root)?;
    Ok(Index {
        schema_version: o.req("schema_version", text)?,
        incidents: o.req("incidents", |n, at| items(n, at, entry))?,
    })
}

fn shard<N: Node>(n: &N, at: &Path) -> Result<crate::shards::Shard, Problem> {
    let o = Obj::new(n, at)?;
    Ok(crate::shards::Shard {
        value: o.opt("value", text)?,
        count: o.req("count", whole)?,
        path: o.req("path", text)?,
    })
}

fn facets<N: Node>(n: &N, at: &Path) -> Result<crate::shards::Facets, Problem> {
    let o = Obj::new(n, at)?;
    Ok(crate::shards::Facets {
        failure_mode: o.list("failure_mode", shard)?,
        tag: o.list("tag", shard)?,
        organisation: o.list("organisation", shard)?,
        severity: o.list("severity", shard)?,
        year: o.list("year", shard)?,
    })
}

/// Reads the manifest of a sharded index (not yet validated: see
/// [`crate::shards::validate_manifest`]).
pub fn manifest<N: Node>(root: &N) -> Result<crate::shards::Manifest, Problem> {
    let o = Obj::new(root, &Path::Root)?;
    Ok(crate::shards::Manifest {
        schema_version: o.req("schema_version", text)?,
        layout: o.req("layout", text)?,
        page_size: o.req("page_size", whole)?,
        all: o.req("all", shard)?,
        facets: o.or("facets", facets, crate::shards::Facets::default())?,
        related: o.opt("related", text)?,
        related_complete: o.or("related_complete", flag, false)?,
    })
}

/// Whether `root` is the manifest of a sharded index rather than a single-file index.
pub fn is_manifest<N: Node>(root: &N) -> bool {
    root.field("layout").is_some()
}

#[cfg(feature = "json")]
impl Node for &serde_json::Value {
    fn kind(&self) -> Kind {
        use serde_json::Value;
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::Text,
            Value::Array(_) => Kind::List,
            Value::Object(_) => Kind::Object,
        }
    }
    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.as_array()?.iter().collect())
    }
}
