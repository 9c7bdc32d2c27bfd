//! What changed between two revisions of a case: the list an editor reads (`incident-cards diff
//! OLD NEW`) and a reader of an embedded case is told.
//!
//! Every field is compared except `revision`, `dates.modified`, `history` and `schema_version`
//! (what a new revision itself sets), by value, and named by its path in the document
//! (`tests/changes.rs` changes every value of a full document in turn and checks that each is
//! told). Claims ("facts") and sources are matched by their text and id: a claim whose text
//! changed is one removed and one added. A claim that is disputed or retracted in the newer revision, whether new or changed
//! from another status (disputed to retracted included), is its own kind of change, so that a
//! reader is told first. Claims or sources kept but in another order (which renumbers the sources
//! on the card), or given more or fewer times, are told as such (`claims (order)`,
//! `sources (repeated)`).

use crate::{Claim, ClaimStatus, Incident, Status};

/// One difference between an older and a newer revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The case was withdrawn in the newer revision (date, reason).
    Withdrawn { date: String, reason: String },
    /// The case's status changed (`published`, `updated`, `disputed`, `withdrawn`).
    Status { from: String, to: String },
    /// A claim is disputed or retracted in the newer revision (its text, its status).
    ClaimContested { text: String, status: String },
    /// A field changed; `field` is its path in the document, e.g. `severity.level`.
    Field { field: String },
    /// A claim is new.
    ClaimAdded { text: String },
    /// A claim is gone.
    ClaimRemoved { text: String },
    /// A source is new (its title).
    SourceAdded { title: String },
    /// A source is gone (its title).
    SourceRemoved { title: String },
}

impl Change {
    /// One line, in words, for an editor.
    pub fn describe(&self) -> String {
        match self {
            Change::Withdrawn { date, reason } => format!("withdrawn on {date}: {reason}"),
            Change::Status { from, to } => format!("status: {from} → {to}"),
            Change::ClaimContested { text, status } => format!("claim now {status}: {text}"),
            Change::Field { field } => format!("changed: {field}"),
            Change::ClaimAdded { text } => format!("claim added: {text}"),
            Change::ClaimRemoved { text } => format!("claim removed: {text}"),
            Change::SourceAdded { title } => format!("source added: {title}"),
            Change::SourceRemoved { title } => format!("source removed: {title}"),
        }
    }
}

/// The keys of the items both lists hold, each list's in its own order (an item given twice, twice):
/// the same when the kept items kept their order and count.
fn kept_in_order<'a, T, K: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> (Vec<K>, Vec<K>) {
    let kept = |list: &'a [T], other: &'a [T]| -> Vec<K> {
        list.iter()
            .filter(|x| other.iter().any(|o| key(o) == key(x)))
            .map(&key)
            .collect()
    };
    (kept(old, new), kept(new, old))
}

fn contested(status: ClaimStatus) -> bool {
    matches!(status, ClaimStatus::Disputed | ClaimStatus::Retracted)
}

/// Every change from `old` to `new`, the most serious first: withdrawal, status, contested
/// claims, fields (in document order), then claims and sources added and removed.
pub fn changes(old: &Incident, new: &Incident) -> Vec<Change> {
    let mut out = Vec::new();
    if new.status == Status::Withdrawn && old.status != Status::Withdrawn {
        if let Some(w) = &new.withdrawn {
            out.push(Change::Withdrawn {
                date: w.date.clone(),
                reason: w.reason.clone(),
            });
        }
    }
    if old.status != new.status {
        out.push(Change::Status {
            from: old.status.as_str().to_owned(),
            to: new.status.as_str().to_owned(),
        });
    }
    for claim in &new.claims {
        let before = old.claims.iter().find(|c| c.text == claim.text);
        // Newly contested, or contested in another way (disputed, then retracted).
        if contested(claim.status) && before.map(|c| c.status) != Some(claim.status) {
            out.push(Change::ClaimContested {
                text: claim.text.clone(),
                status: claim.status.as_str().to_owned(),
            });
        }
    }

    let mut field = |name: &str, same: bool| {
        if !same {
            out.push(Change::Field {
                field: name.to_owned(),
            });
        }
    };
    field("status_reason", old.status_reason == new.status_reason);
    // A withdrawal is told above when it is new; here when an earlier one was reworded.
    field(
        "withdrawn",
        old.withdrawn == new.withdrawn || old.status != Status::Withdrawn,
    );
    field("title", old.title == new.title);
    field("aliases", old.aliases == new.aliases);
    field("ai_involvement", old.ai_involvement == new.ai_involvement);
    field("summary", old.summary == new.summary);
    field("lang", old.lang == new.lang);
    field("dates.occurred", old.dates.occurred == new.dates.occurred);
    field(
        "dates.disclosed",
        old.dates.disclosed == new.dates.disclosed,
    );
    field("dates.filed", old.dates.filed == new.dates.filed);
    field("severity.level", old.severity.level == new.severity.level);
    field(
        "severity.value",
        old.severity.value == new.severity.value && old.severity.score == new.severity.score,
    );
    field(
        "severity.scheme",
        old.severity.scheme == new.severity.scheme
            && old.severity.scale_max == new.severity.scale_max,
    );
    field("organisations", old.organisations == new.organisations);
    field("systems", old.systems == new.systems);
    field("failure_mode", old.failure_mode == new.failure_mode);
    field("ai_surface", old.ai_surface == new.ai_surface);
    field("tags", old.tags == new.tags);
    // A claim that only changed status is told above (contested) or here.
    // Whether a claim kept word for word differs as `differs` says.
    let kept_claim = |differs: fn(&Claim, &Claim) -> bool| {
        new.claims
            .iter()
            .any(|c| old.claims.iter().any(|o| o.text == c.text && differs(o, c)))
    };
    field(
        "claims (status)",
        !kept_claim(|o, c| o.status != c.status && !contested(c.status)),
    );
    field(
        "claims (sources)",
        !kept_claim(|o, c| o.sources != c.sources),
    );
    // Claims are matched by text below, so their order and a claim given twice are told here.
    let (was, is) = kept_in_order(&old.claims, &new.claims, |c| c.text.as_str());
    field("claims (repeated)", was.len() == is.len());
    field("claims (order)", was.len() != is.len() || was == is);
    field("cause_chain", old.cause_chain == new.cause_chain);
    field("impact", old.impact == new.impact);
    field("lessons", old.lessons == new.lessons);
    field("related", old.related == new.related);
    field("licence", old.licence == new.licence);
    field("translations", old.translations == new.translations);
    field("citation", old.citation == new.citation);
    field("links", old.links == new.links);
    field("allow_http", old.allow_http == new.allow_http);
    // A source kept (same id and address) whose title, publisher, kind or date changed.
    let details_changed = new.sources.iter().any(|s| {
        old.sources
            .iter()
            .any(|o| o.id == s.id && o.url == s.url && o != s)
    });
    field("sources (details)", !details_changed);
    // The order of the sources kept numbers them on the card.
    let (was, is) = kept_in_order(&old.sources, &new.sources, |s| {
        (s.id.as_str(), s.url.as_deref())
    });
    field("sources (repeated)", was.len() == is.len());
    field("sources (order)", was.len() != is.len() || was == is);

    // A new claim that is disputed or retracted was told above, once.
    for claim in &new.claims {
        if !contested(claim.status) && !old.claims.iter().any(|c| c.text == claim.text) {
            out.push(Change::ClaimAdded {
                text: claim.text.clone(),
            });
        }
    }
    for claim in &old.claims {
        if !new.claims.iter().any(|c| c.text == claim.text) {
            out.push(Change::ClaimRemoved {
                text: claim.text.clone(),
            });
        }
    }
    let same_source = |a: &crate::Source, b: &crate::Source| a.id == b.id && a.url == b.url;
    for source in &new.sources {
        if !old.sources.iter().any(|s| same_source(s, source)) {
            out.push(Change::SourceAdded {
                title: source.title.clone(),
            });
        }
    }
    for source in &old.sources {
        if !new.sources.iter().any(|s| same_source(s, source)) {
            out.push(Change::SourceRemoved {
                title: source.title.clone(),
            });
        }
    }
    out
}
