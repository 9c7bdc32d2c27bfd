//! Rules beyond types. [`validate`] reports every problem it finds, each with the field path, so a
//! publisher can fix a file in one pass.

use crate::date::PartialDate;
use crate::document::*;
use crate::error::Problem;
use crate::link::check_url;
use crate::{limits, text};

/// `PREFIX-NUMBER`: 2–10 upper-case letters or digits starting with a letter, a dash, 1–9 digits.
pub fn is_valid_id(s: &str) -> bool {
    let Some((prefix, number)) = s.split_once('-') else {
        return false;
    };
    let prefix_ok = (2..=10).contains(&prefix.len())
        && prefix
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_uppercase())
        && prefix
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let number_ok = (1..=9).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    prefix_ok && number_ok
}

/// Source ids: 1–32 of `a-z`, `0-9` and `-`, starting with a letter or digit.
pub fn is_valid_source_id(s: &str) -> bool {
    (1..=limits::ID).contains(&s.len())
        && s.bytes().next().is_some_and(|b| b != b'-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A BCP 47 tag in its common shape: `en`, `en-GB`, `zh-Hant-TW`.
pub fn is_valid_lang(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        && s.len() <= 35
}

/// Where a field sits: at the top of the document ([`TOP`]), or in item `i` of the list `name`.
#[derive(Clone, Copy)]
struct In(&'static str, usize);

const TOP: In = In("", 0);

struct Checker {
    problems: Vec<Problem>,
    allow_http: bool,
}

impl Checker {
    /// A problem at `field` of `at` (`url` of item 2 of `sources`; an empty field is the item
    /// itself). The path is written only here, for a problem: the fields of a valid document
    /// build none (only the items of lists inside list items format their index).
    fn push(&mut self, at: In, field: &str, message: impl Into<String>) {
        let path = match (at, field) {
            (In("", _), f) => f.to_owned(),
            (In(list, i), "") => format!("{list}[{i}]"),
            (In(list, i), f) => format!("{list}[{i}].{f}"),
        };
        self.problems.push(Problem {
            path,
            message: message.into(),
        });
    }

    /// Length and character rules for one text field.
    fn text(&mut self, at: In, field: &str, value: &str, max: usize, required: bool) {
        if required && value.trim().is_empty() {
            self.push(at, field, "must not be empty");
            return;
        }
        let len = text::char_len_capped(value, max);
        if len > max {
            self.push(
                at,
                field,
                format!("is longer than {max} characters; shorten it"),
            );
        }
        if let Some((pos, c, why)) = text::first_forbidden(value) {
            self.push(
                at,
                field,
                format!(
                    "contains a {why} (U+{:04X}) at character {}; remove it",
                    c as u32,
                    pos + 1
                ),
            );
        }
    }

    /// A language tag (see [`is_valid_lang`]); whether it is one.
    fn lang(&mut self, at: In, field: &str, value: &str) -> bool {
        let ok = is_valid_lang(value);
        if !ok {
            self.push(
                at,
                field,
                format!(
                    "\"{}\" is not a language tag (e.g. en, en-GB)",
                    text::sanitize(short(value))
                ),
            );
        }
        ok
    }

    fn opt_text(&mut self, at: In, field: &str, value: &Option<String>, max: usize) {
        if let Some(v) = value {
            self.text(at, field, v, max, true);
        }
    }

    fn list_len<T>(&mut self, at: In, field: &str, list: &[T], max: usize) {
        if list.len() > max {
            self.push(
                at,
                field,
                format!("has {} entries (at most {max} allowed)", list.len()),
            );
        }
    }

    fn url(&mut self, at: In, field: &str, value: &str) {
        if let Err(e) = check_url(value, self.allow_http) {
            self.push(at, field, e.to_string());
        }
    }

    fn opt_url(&mut self, at: In, field: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.url(at, field, v);
        }
    }

    fn partial_date(&mut self, at: In, field: &str, value: &Option<String>) -> Option<PartialDate> {
        let v = value.as_ref()?;
        match PartialDate::parse(v) {
            Ok(d) => Some(d),
            Err(e) => {
                self.push(at, field, format!("\"{}\": {e}", text::sanitize(short(v))));
                None
            }
        }
    }

    fn day(&mut self, at: In, field: &str, value: Option<&str>) -> Option<PartialDate> {
        let v = value?;
        match PartialDate::parse_day(v) {
            Ok(d) => Some(d),
            Err(_) => {
                self.push(
                    at,
                    field,
                    format!(
                        "\"{}\": expected a full date, YYYY-MM-DD",
                        text::sanitize(short(v))
                    ),
                );
                None
            }
        }
    }

    fn id(&mut self, at: In, field: &str, value: &str) {
        if !is_valid_id(value) {
            self.push(
                at,
                field,
                format!(
                    "\"{}\" is not an id of the form PREFIX-NUMBER (e.g. APM-0005)",
                    text::sanitize(short(value))
                ),
            );
        }
    }
}

/// At most 40 characters of a value, for quoting it in a message.
fn short(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// Checks every rule; returns all problems found (empty when the document is valid).
pub fn validate(doc: &Incident) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        allow_http: doc.allow_http,
    };

    c.id(TOP, "id", &doc.id);
    c.list_len(TOP, "aliases", &doc.aliases, limits::ALIASES);
    for (i, alias) in doc.aliases.iter().enumerate() {
        c.id(In("aliases", i), "", alias);
        if alias == &doc.id {
            c.push(In("aliases", i), "", "repeats the document's own id");
        }
    }

    match (&doc.status, &doc.withdrawn) {
        (Status::Withdrawn, None) => c.push(
            TOP,
            "withdrawn",
            "is required when status is \"withdrawn\" (give a date and a reason)",
        ),
        (Status::Withdrawn, Some(w)) => {
            c.day(TOP, "withdrawn.date", Some(&w.date));
            c.text(TOP, "withdrawn.reason", &w.reason, limits::REASON, true);
        }
        (_, Some(_)) => c.push(
            TOP,
            "withdrawn",
            "is only allowed when status is \"withdrawn\"",
        ),
        _ => {}
    }
    if doc.status == Status::Disputed && doc.status_reason.is_none() {
        c.push(
            TOP,
            "status_reason",
            "is required when status is \"disputed\" (say what is disputed)",
        );
    }
    c.opt_text(TOP, "status_reason", &doc.status_reason, limits::REASON);

    c.text(TOP, "title", &doc.title, limits::TITLE, true);
    c.text(TOP, "summary", &doc.summary, limits::SUMMARY, true);
    c.lang(TOP, "lang", &doc.lang);

    translations(&mut c, doc);

    let occurred = c.partial_date(TOP, "dates.occurred", &doc.dates.occurred);
    let disclosed = c.partial_date(TOP, "dates.disclosed", &doc.dates.disclosed);
    let filed = c.day(TOP, "dates.filed", doc.dates.filed.as_deref());
    let modified = c.day(TOP, "dates.modified", doc.dates.modified.as_deref());
    if let (Some(o), Some(f)) = (occurred, filed) {
        if f.certainly_before(&o) {
            c.push(
                TOP,
                "dates.filed",
                format!("{f} is before the incident ({o}); a case is filed after it happens"),
            );
        }
    }
    if let (Some(o), Some(d)) = (occurred, disclosed) {
        if d.certainly_before(&o) {
            c.push(
                TOP,
                "dates.disclosed",
                format!("{d} is before the incident ({o})"),
            );
        }
    }
    if let (Some(f), Some(m)) = (filed, modified) {
        if m.certainly_before(&f) {
            c.push(
                TOP,
                "dates.modified",
                format!("{m} is before the filing date ({f})"),
            );
        }
    }

    let s = &doc.severity;
    c.opt_text(TOP, "severity.scheme", &s.scheme, limits::LABEL);
    c.text(TOP, "severity.value", &s.value, limits::LABEL, true);
    match (s.score, s.scale_max) {
        (Some(score), Some(max)) if max == 0 || score > max => c.push(
            TOP,
            "severity.score",
            format!("{score} is outside the scale 0–{max}"),
        ),
        (Some(_), None) => c.push(
            TOP,
            "severity.scale_max",
            "is required with a score (e.g. 5 for \"3 / 5\")",
        ),
        (None, Some(_)) => c.push(TOP, "severity.score", "is required with scale_max"),
        _ => {}
    }

    c.list_len(
        TOP,
        "organisations",
        &doc.organisations,
        limits::ORGANISATIONS,
    );
    for (i, o) in doc.organisations.iter().enumerate() {
        c.text(In("organisations", i), "name", &o.name, limits::LABEL, true);
    }
    c.list_len(TOP, "systems", &doc.systems, limits::SYSTEMS);
    for (i, sys) in doc.systems.iter().enumerate() {
        c.text(In("systems", i), "name", &sys.name, limits::LABEL, true);
        c.opt_text(In("systems", i), "developer", &sys.developer, limits::LABEL);
        c.opt_text(In("systems", i), "kind", &sys.kind, limits::LABEL);
    }
    c.opt_text(TOP, "failure_mode", &doc.failure_mode, limits::LABEL);
    c.opt_text(TOP, "ai_surface", &doc.ai_surface, limits::LABEL);
    c.list_len(TOP, "tags", &doc.tags, limits::TAGS);
    for (i, t) in doc.tags.iter().enumerate() {
        c.text(In("tags", i), "", t, limits::LABEL, true);
    }

    // Sources first, so claims can be checked against their ids.
    c.list_len(TOP, "sources", &doc.sources, limits::SOURCES);
    // A sorted list, not a hash set: it serves as well at these sizes and costs the widget less.
    let mut source_ids: Vec<&str> = Vec::new();
    for (i, src) in doc.sources.iter().enumerate() {
        let p = In("sources", i);
        if !is_valid_source_id(&src.id) {
            c.push(
                p,
                "id",
                format!(
                    "\"{}\" is not a source id (1–32 of a-z, 0-9 and -)",
                    text::sanitize(short(&src.id))
                ),
            );
        } else if !insert_sorted(&mut source_ids, src.id.as_str()) {
            c.push(
                p,
                "id",
                format!("\"{}\" is used by an earlier source", src.id),
            );
        }
        c.text(p, "title", &src.title, limits::SOURCE_TITLE, true);
        c.opt_text(p, "publisher", &src.publisher, limits::LABEL);
        c.opt_url(p, "url", &src.url);
        c.partial_date(p, "date", &src.date);
        if src.url.is_none() && src.publisher.is_none() {
            c.push(
                p,
                "publisher",
                "is required when a source has no url (cite it by title and publisher)",
            );
        }
    }

    c.list_len(TOP, "claims", &doc.claims, limits::CLAIMS);
    for (i, claim) in doc.claims.iter().enumerate() {
        let p = In("claims", i);
        c.text(p, "text", &claim.text, limits::SENTENCE, true);
        c.list_len(p, "sources", &claim.sources, limits::CLAIM_SOURCES);
        if claim.status == ClaimStatus::Verified && claim.sources.is_empty() {
            c.push(p, "sources", "a verified claim names at least one source");
        }
        for (j, sid) in claim.sources.iter().enumerate() {
            if source_ids.binary_search(&sid.as_str()).is_err() {
                c.push(
                    p,
                    &format!("sources[{j}]"),
                    format!(
                        "\"{}\" is not the id of any entry in sources",
                        text::sanitize(short(sid))
                    ),
                );
            }
        }
    }

    c.list_len(TOP, "cause_chain", &doc.cause_chain, limits::CHAIN);
    let mut last: Option<Stage> = None;
    for (i, step) in doc.cause_chain.iter().enumerate() {
        let p = In("cause_chain", i);
        if let Some(prev) = last {
            if step.stage <= prev {
                c.push(p, "stage",
                    format!(
                        "\"{}\" comes after \"{}\"; stages go trigger, model-step, control-gap, failure, consequence, each once",
                        step.stage.as_str(),
                        prev.as_str()
                    ),
                );
            }
        }
        last = Some(step.stage);
        c.text(p, "text", &step.text, limits::SENTENCE, true);
    }

    if let Some(impact) = &doc.impact {
        c.text(
            TOP,
            "impact.summary",
            &impact.summary,
            limits::SENTENCE,
            true,
        );
        if let Some(d) = &impact.duration {
            if crate::date::duration_parts(d).is_none() {
                c.push(TOP, "impact.duration",
                    format!(
                        "\"{}\" is not an ISO 8601 duration of days, hours and minutes (e.g. PT13H, P2D)",
                        text::sanitize(short(d))
                    ),
                );
            }
        }
        c.opt_text(TOP, "impact.cost", &impact.cost, limits::SENTENCE);
    }

    c.list_len(TOP, "lessons", &doc.lessons, limits::LESSONS);
    for (i, l) in doc.lessons.iter().enumerate() {
        c.text(In("lessons", i), "", l, limits::SENTENCE, true);
    }

    c.list_len(TOP, "related", &doc.related, limits::RELATED);
    for (i, r) in doc.related.iter().enumerate() {
        let p = In("related", i);
        c.id(p, "id", &r.id);
        if r.id == doc.id {
            c.push(p, "id", "an incident cannot be related to itself");
        }
        c.text(p, "reason", &r.reason, limits::REASON, true);
        if let Some(sum) = &r.summary {
            c.text(p, "summary.title", &sum.title, limits::TITLE, true);
            c.opt_text(p, "summary.organisation", &sum.organisation, limits::LABEL);
            c.partial_date(p, "summary.date", &sum.date);
        }
    }

    if let Some(cit) = &doc.citation {
        c.text(TOP, "citation.text", &cit.text, limits::CITATION, true);
        c.opt_url(TOP, "citation.permalink", &cit.permalink);
    }
    c.text(TOP, "licence.spdx", &doc.licence.spdx, limits::ID, true);
    if !doc
        .licence
        .spdx
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-.+".contains(&b))
    {
        c.push(
            TOP,
            "licence.spdx",
            "is not an SPDX licence id (e.g. CC-BY-4.0)",
        );
    }
    c.text(
        TOP,
        "licence.attribution",
        &doc.licence.attribution,
        limits::CITATION,
        true,
    );
    c.opt_url(TOP, "licence.url", &doc.licence.url);
    if doc.revision == 0 {
        c.push(TOP, "revision", "starts at 1");
    }
    c.opt_url(TOP, "links.html", &doc.links.html);
    c.opt_url(TOP, "links.json", &doc.links.json);
    history(&mut c, doc, filed, modified);

    cap(c.problems)
}

/// The history: revisions in order, each published no earlier than the one before and within
/// the document's own dates (not before it was filed, not after it was last modified), ending
/// with this one; each address by the link policy and each line by the text rules.
fn history(
    c: &mut Checker,
    doc: &Incident,
    filed: Option<PartialDate>,
    modified: Option<PartialDate>,
) {
    c.list_len(TOP, "history", &doc.history, limits::HISTORY);
    let mut before: Option<(u32, Option<PartialDate>)> = None;
    for (i, entry) in doc.history.iter().enumerate().take(limits::HISTORY) {
        let p = In("history", i);
        let date = c.day(p, "date", Some(&entry.date));
        if entry.revision == 0 || before.is_some_and(|(r, _)| entry.revision <= r) {
            c.push(p, "revision",
                "is not after the revision before it: revisions start at 1, oldest first, each once",
            );
        }
        if let Some((_, earlier)) = before {
            if let (Some(a), Some(b)) = (earlier, date) {
                if b.certainly_before(&a) {
                    c.push(p, "date", "is before the date of the revision before it");
                }
            }
        }
        c.opt_url(p, "url", &entry.url);
        c.list_len(p, "changes", &entry.changes, limits::CHANGES);
        for (j, line) in entry.changes.iter().enumerate().take(limits::CHANGES) {
            c.text(p, &format!("changes[{j}]"), line, limits::CHANGE, true);
        }
        if let (0, Some(d), Some(f)) = (i, date, filed) {
            if d.certainly_before(&f) {
                c.push(
                    p,
                    "date",
                    format!("{d} is before the case was filed (`dates.filed`, {f}); correct this date or `dates.filed`"),
                );
            }
        }
        before = Some((entry.revision, date));
    }
    if let (Some((_, Some(last))), Some(m)) = (before, modified) {
        if m.certainly_before(&last) {
            c.push(
                TOP,
                "dates.modified",
                format!("{m} is before the newest revision's date ({last}); it is the day the document last changed: set it to {last} or later"),
            );
        }
    }
    if let Some(last) = doc.history.last() {
        if last.revision != doc.revision {
            c.push(
                TOP,
                "history",
                "does not end with this revision (`revision`): add its entry, with what it changed",
            );
        }
    }
}

/// Each translation's fields by the rules of the originals; one translation per language, none
/// in the document's own, and every item of a translated list (in the original's order).
fn translations(c: &mut Checker, doc: &Incident) {
    c.list_len(TOP, "translations", &doc.translations, limits::TRANSLATIONS);
    // Past the limit (reported above), nothing more: a hostile list stays cheap to check.
    for (i, tr) in doc
        .translations
        .iter()
        .enumerate()
        .take(limits::TRANSLATIONS)
    {
        let p = In("translations", i);
        if c.lang(p, "lang", &tr.lang) {
            let earlier = doc.translations.iter().take(i);
            if same_language(&tr.lang, &doc.lang) {
                c.push(p, "lang", "is the document's own language: its text belongs in title, summary, claims and lessons; remove this translation");
            } else if earlier
                .into_iter()
                .any(|o| same_language(&o.lang, &tr.lang))
            {
                c.push(p, "lang", "repeats the language of an earlier translation: one translation per language; merge the two");
            }
        }
        c.opt_text(p, "title", &tr.title, limits::TITLE);
        c.opt_text(p, "summary", &tr.summary, limits::SUMMARY);
        for (key, items, original) in [
            ("claims", &tr.claims, doc.claims.len()),
            ("lessons", &tr.lessons, doc.lessons.len()),
        ] {
            if !items.is_empty() && items.len() != original {
                c.push(
                    p,
                    key,
                    "needs one entry for each of the document's, in the same order, or none",
                );
            }
            for (j, item) in items.iter().enumerate() {
                c.text(p, &format!("{key}[{j}]"), item, limits::SENTENCE, true);
            }
        }
        if tr.title.is_none()
            && tr.summary.is_none()
            && tr.claims.is_empty()
            && tr.lessons.is_empty()
        {
            c.push(
                p,
                "",
                "translates nothing (give a title, summary, claims or lessons)",
            );
        }
    }
}

/// Keeps the first [`limits::PROBLEMS`] problems and says how many more there were, so a hostile
/// document cannot turn into tens of thousands of lines.
pub(crate) fn cap(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > limits::PROBLEMS {
        let more = problems.len() - limits::PROBLEMS;
        problems.truncate(limits::PROBLEMS);
        problems.push(Problem {
            path: "(document)".to_owned(),
            message: format!("{more} more problem(s) not shown; fix the ones above first"),
        });
    }
    problems
}

/// Inserts `item` into the sorted `list`; `false` when it was already there.
pub(crate) fn insert_sorted<T: Ord>(list: &mut Vec<T>, item: T) -> bool {
    match list.binary_search(&item) {
        Ok(_) => false,
        Err(at) => {
            list.insert(at, item);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("APM-0005"));
        assert!(is_valid_id("FI-26"));
        assert!(!is_valid_id("apm-0005"));
        assert!(!is_valid_id("APM0005"));
        assert!(!is_valid_id("A-1"));
        assert!(!is_valid_id("APM-"));
        assert!(!is_valid_id("APM-12a"));
        assert!(!is_valid_id("1PM-12"));
        assert!(is_valid_source_id("s1"));
        assert!(!is_valid_source_id("-s"));
        assert!(!is_valid_source_id("S1"));
        assert!(is_valid_lang("en"));
        assert!(is_valid_lang("zh-Hant-TW"));
        assert!(!is_valid_lang("english"));
        assert!(!is_valid_lang("e"));
    }
}
