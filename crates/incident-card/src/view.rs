//! Plain formatting and grouping for the components: no Yew here, so all of it unit-tests natively.
//!
//! Every string a document supplies passes through [`clean`] before it is shown: it removes the
//! characters the text rules refuse (control characters, bidirectional overrides), the last line of
//! defence for a document that skipped validation. Markup needs no such step: components render
//! text as text, so `<script>` is shown, never run.

use std::cell::Cell;
use std::cmp::Ordering;

use incident_model::text::sanitize;
use incident_model::{
    check_url, display_host, parse_url, AiInvolvement, Claim, ClaimStatus, Counts, Incident,
    Organisation, ParsedUrl, RelatedSummary, Severity, Source, SourceKind, Stage,
};

use crate::i18n::{Msg, Texts};

/// Text from a document, safe to show (see the module docs).
pub fn clean(s: &str) -> String {
    sanitize(s)
}

/// "Amazon (deployer, alleged)".
pub fn organisation_label(o: &Organisation, t: &Texts) -> String {
    let name = isolated(&clean(&o.name), t);
    let m = if o.alleged {
        Msg::OrgRoleAlleged
    } else {
        Msg::OrgRole
    };
    t.fmt(m, &[("name", &name), ("role", t.role(o.role))])
}

/// The badge's accessible name: "Severity: Moderate (3 of 5)" with the registry's score when it
/// has one, otherwise "Severity: Moderate".
pub fn severity_name(s: &Severity, t: &Texts) -> String {
    let level = t.level(s.level);
    match (s.score, s.scale_max) {
        (Some(score), Some(max)) if max > 0 => t.fmt(
            Msg::SeverityNameScore,
            &[
                ("level", level),
                ("score", &score.to_string()),
                ("max", &max.to_string()),
            ],
        ),
        _ => t.fmt(Msg::SeverityName, &[("level", level)]),
    }
}

/// A label for how sure the record is that an AI system took part; `None` when confirmed.
pub fn ai_involvement_label(a: AiInvolvement, t: &Texts) -> Option<&str> {
    match a {
        AiInvolvement::Confirmed => None,
        AiInvolvement::Alleged => Some(t.get(Msg::AiAlleged)),
        AiInvolvement::Disputed => Some(t.get(Msg::AiDisputed)),
        AiInvolvement::None => Some(t.get(Msg::AiNone)),
    }
}

/// Claims of one status, in document order, each with its position in `claims` (where a
/// translation's text for it stands).
pub fn claims_with(doc: &Incident, status: ClaimStatus) -> Vec<(usize, &Claim)> {
    doc.claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.status == status)
        .collect()
}

/// The heading of each claim group, in the order a card shows them.
pub const CLAIM_GROUPS: [(ClaimStatus, Msg); 4] = [
    (ClaimStatus::Verified, Msg::ClaimsVerified),
    (ClaimStatus::NotPubliclyConfirmed, Msg::ClaimsUnconfirmed),
    (ClaimStatus::Disputed, Msg::ClaimsDisputed),
    (ClaimStatus::Retracted, Msg::ClaimsRetracted),
];

/// A source as the card lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownSource<'a> {
    /// 1-based, in display order (the number claims cite).
    pub number: usize,
    pub source: &'a Source,
    /// The checked address, when there is one and it passes the link policy.
    pub url: Option<ParsedUrl>,
    /// The publisher's domain, from the checked address.
    pub host: Option<String>,
}

/// Sources grouped by kind in [`SourceKind::ALL`] order (document order within a kind), numbered
/// 1, 2, 3… in that display order.
pub fn group_sources(doc: &Incident) -> Vec<(SourceKind, Vec<ShownSource<'_>>)> {
    let mut number = 0;
    let mut groups = Vec::new();
    for kind in SourceKind::ALL {
        let mut items = Vec::new();
        for s in doc.sources.iter().filter(|s| s.kind == kind) {
            number += 1;
            let url = s
                .url
                .as_deref()
                .and_then(|u| check_url(u, doc.allow_http).ok());
            let host = url.as_ref().map(display_host).filter(|h| !h.is_empty());
            items.push(ShownSource {
                number,
                source: s,
                url,
                host,
            });
        }
        if !items.is_empty() {
            groups.push((kind, items));
        }
    }
    groups
}

/// The line under a source's title: its domain, its publisher when that is not just the domain
/// again, and its date, joined with " · "; `None` when it has none of them.
pub fn source_meta(s: &ShownSource<'_>, t: &Texts) -> Option<String> {
    let mut meta = None;
    if let Some(h) = &s.host {
        push_meta(&mut meta, h);
    }
    if let Some(p) = s.source.publisher.as_deref().map(clean) {
        // Host names are ASCII (the link policy refuses others), so ASCII case-folding suffices.
        if !p.is_empty()
            && !s
                .host
                .as_deref()
                .is_some_and(|h| h.eq_ignore_ascii_case(&p))
        {
            push_meta(&mut meta, &isolated(&p, t));
        }
    }
    if let Some((_, d)) = s.source.date.as_deref().and_then(|d| t.date_parts(d)) {
        push_meta(&mut meta, &anchored(&d, t));
    }
    meta
}

/// Appends `part` to a meta line, after " · " once the line has begun (with any part, even an
/// empty one): a list joined as it is made (see [`push_joined`]).
fn push_meta(line: &mut Option<String>, part: &str) {
    match line {
        Some(line) => {
            line.push_str(" · ");
            line.push_str(part);
        }
        None => *line = Some(part.to_owned()),
    }
}

/// `s` (a date in the card's language) after the card's direction mark (LRM or RLM), so that it
/// keeps its order after a name written the other way: in an Arabic card, "APM registry · 21
/// فبراير 2026" would otherwise lend the day's digits to the name's left-to-right run and show as
/// "2026 فبراير APM registry · 21".
pub fn anchored(s: &str, t: &Texts) -> String {
    let mark = if t.locale().rtl() {
        '\u{200f}'
    } else {
        '\u{200e}'
    };
    format!("{mark}{s}")
}

/// A name from the document (an organisation, a publisher) set in a line of the card's own words:
/// in a right-to-left card it is isolated (U+2068 … U+2069), so that a Latin name keeps its own
/// order ("Acme Inc.", not ".Acme Inc") and does not reorder the words around it.
pub fn isolated(s: &str, t: &Texts) -> String {
    if t.locale().rtl() {
        format!("\u{2068}{s}\u{2069}")
    } else {
        s.to_owned()
    }
}

/// The line under a related case's title: organisation, severity, date, joined with " · ";
/// `None` when it has none of them.
pub fn related_meta(summary: Option<&RelatedSummary>, t: &Texts) -> Option<String> {
    let mut meta = None;
    if let Some(s) = summary {
        if let Some(o) = s.organisation.as_deref().map(clean) {
            push_meta(&mut meta, &isolated(&o, t));
        }
        if let Some(l) = s.severity {
            push_meta(
                &mut meta,
                &t.fmt(Msg::RelatedSeverity, &[("level", t.level(l))]),
            );
        }
        if let Some((_, d)) = s.date.as_deref().and_then(|d| t.date_parts(d)) {
            push_meta(&mut meta, &anchored(&d, t));
        }
    }
    meta
}

/// The cause chain in stage order (a document that skipped validation may list it out of order;
/// steps of the same stage keep their order).
pub fn chain_in_order(doc: &Incident) -> Vec<(Stage, &str)> {
    let steps: Vec<(Stage, &str)> = doc
        .cause_chain
        .iter()
        .map(|s| (s.stage, s.text.as_str()))
        .collect();
    sorted_by(steps, |a, b| a.0.cmp(&b.0))
}

/// `items` in a stable order under `cmp`. Every list the card orders goes through the one sort
/// below (of positions), so the module holds one copy of the standard library's sort rather than
/// one per item type (about 3 KB each).
pub fn sorted_by<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = positions(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// A duration in words when it is one the card can read (`PT13H` → "13 hours"), else as written.
pub fn duration_text(s: &str, t: &Texts) -> String {
    t.duration(s).unwrap_or_else(|| clean(s))
}

/// "8 verified facts · 4 not confirmed · 7 sources"; parts that are zero are left out, and
/// `None` when everything is zero.
pub fn counts_line(c: &Counts, t: &Texts) -> Option<String> {
    let mut line = String::new();
    for (n, m) in [
        (c.verified, Msg::CountsVerified),
        (c.unconfirmed, Msg::CountsUnconfirmed),
        (c.sources, Msg::CountsSources),
    ] {
        if n > 0 {
            push_joined(&mut line, " · ", &t.count(m, u64::from(n)));
        }
    }
    (!line.is_empty()).then_some(line)
}

/// Appends `item` to `out`, after `sep` unless `out` is empty: a list joined as it is made (a
/// chain of iterators collected and joined costs the module several times the code).
pub fn push_joined(out: &mut String, sep: &str, item: &str) {
    if !out.is_empty() {
        out.push_str(sep);
    }
    out.push_str(item);
}

/// "ICS-0001 · also APM-0005, FI-0026".
pub fn id_line(id: &str, aliases: &[String], t: &Texts) -> String {
    let id = clean(id);
    if aliases.is_empty() {
        id
    } else {
        let mut list = String::new();
        for a in aliases {
            push_joined(&mut list, t.get(Msg::ListSep), &clean(a));
        }
        t.fmt(Msg::HeaderAlso, &[("id", &id), ("aliases", &list)])
    }
}

/// An address that passes the link policy, normalised; `None` otherwise.
pub fn safe_url(s: Option<&str>, allow_http: bool) -> Option<String> {
    check_url(s?.trim(), allow_http).ok().map(String::from)
}

/// Where a card's "open the case" link goes: the host's `case_url`, else the document's
/// `links.html`; only what passes the link policy (`https`, or `http` when the document opts in).
pub fn case_link(doc: &Incident, case_url: Option<&str>) -> Option<String> {
    safe_url(case_url, false).or_else(|| safe_url(doc.links.html.as_deref(), doc.allow_http))
}

/// An index entry's document address: `href` joined onto the index's absolute address, then
/// checked by the link policy. The href is relative to the index, so a result on another origin
/// (`//elsewhere.example/x`, an absolute address) is refused.
pub fn entry_url(index_url: Option<&str>, href: &str) -> Option<String> {
    let base = check_url(index_url?.trim(), false).ok()?;
    let joined = parse_url(href.trim(), Some(base.as_str())).ok()?;
    if joined.origin != base.origin {
        return None;
    }
    check_url(joined.as_str(), false).ok().map(String::from)
}

thread_local! {
    static INSTANCES: Cell<u32> = const { Cell::new(0) };
}

/// A new number for each card mounted on this thread, so two cards of the same case on one page
/// never share an element id.
pub fn next_instance() -> u32 {
    INSTANCES.with(|n| {
        let v = n.get().wrapping_add(1);
        n.set(v);
        v
    })
}

/// The prefix of every element id inside one card: `ic-ics-0001-3`. Only `a-z`, `0-9` and `-`
/// survive from the case id, so the prefix is a valid id and a safe CSS selector whatever the
/// document says.
pub fn id_prefix(case_id: &str, instance: u32) -> String {
    let mut slug: String = case_id
        .chars()
        .filter_map(|c| {
            let c = c.to_ascii_lowercase();
            (c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-').then_some(c)
        })
        .take(40)
        .collect();
    if slug.is_empty() {
        slug.push_str("case");
    }
    format!("ic-{slug}-{instance}")
}

/// The element id of a source entry inside a card, e.g. `ic-ics-0001-3-src-s1`.
pub fn source_anchor(prefix: &str, source_id: &str) -> String {
    let slug: String = source_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{prefix}-src-{slug}")
}

/// The next heading level down, for section headings (at most 6).
pub fn sub_level(level: u8) -> u8 {
    (level.clamp(2, 6) + 1).min(6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use incident_model::{Level, Role};

    fn en() -> Texts {
        Texts::english()
    }

    #[test]
    fn sorted_by_is_stable() {
        let items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let out = sorted_by(items, |a, b| a.0.cmp(&b.0));
        assert_eq!(out, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        assert!(sorted_by(Vec::<u8>::new(), |a, b| a.cmp(b)).is_empty());
    }

    #[test]
    fn organisations() {
        let o = Organisation {
            name: "Amazon".into(),
            role: Role::Deployer,
            alleged: true,
        };
        assert_eq!(organisation_label(&o, &en()), "Amazon (deployer, alleged)");
        let o = Organisation {
            alleged: false,
            role: Role::Vendor,
            ..o
        };
        assert_eq!(organisation_label(&o, &en()), "Amazon (vendor)");
    }

    #[test]
    fn severity_names() {
        let mut s = Severity {
            scheme: None,
            value: "3 / 5 · MODERATE".into(),
            level: Level::Moderate,
            score: Some(3),
            scale_max: Some(5),
        };
        assert_eq!(severity_name(&s, &en()), "Severity: Moderate (3 of 5)");
        s.scale_max = None;
        assert_eq!(severity_name(&s, &en()), "Severity: Moderate");
    }

    #[test]
    fn dates_keep_precision() {
        let t = en();
        assert_eq!(
            t.date_parts("2025-12"),
            Some(("2025-12".into(), "December 2025".into()))
        );
        assert_eq!(
            t.date_parts("2025-12-15"),
            Some(("2025-12-15".into(), "15 December 2025".into()))
        );
        assert_eq!(t.date_parts("2025"), Some(("2025".into(), "2025".into())));
        assert_eq!(t.date_parts("December"), None);
        assert_eq!(t.date_parts("2025-13"), None);
    }

    #[test]
    fn counts() {
        let c = Counts {
            verified: 8,
            unconfirmed: 4,
            sources: 7,
        };
        assert_eq!(
            counts_line(&c, &en()).unwrap(),
            "8 verified facts · 4 not confirmed · 7 sources"
        );
        let c = Counts {
            verified: 1,
            unconfirmed: 0,
            sources: 1,
        };
        assert_eq!(
            counts_line(&c, &en()).unwrap(),
            "1 verified fact · 1 source"
        );
        assert_eq!(counts_line(&Counts::default(), &en()), None);
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(id_prefix("ICS-0001", 3), "ic-ics-0001-3");
        assert_eq!(id_prefix("<script>\"", 1), "ic-script-1");
        assert_eq!(id_prefix("", 1), "ic-case-1");
        assert_eq!(source_anchor("ic-x-1", "s1"), "ic-x-1-src-s1");
        assert_eq!(source_anchor("ic-x-1", "a\"b c"), "ic-x-1-src-abc");
        let a = next_instance();
        assert!(next_instance() > a);
        assert_eq!(id_line("ICS-0001", &[], &en()), "ICS-0001");
        assert_eq!(
            id_line("ICS-0001", &["APM-0005".into(), "FI-0026".into()], &en()),
            "ICS-0001 · also APM-0005, FI-0026"
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            entry_url(
                Some("https://cases.example/data/index.json"),
                "incidents/ICS-0001.json"
            )
            .as_deref(),
            Some("https://cases.example/data/incidents/ICS-0001.json")
        );
        assert_eq!(entry_url(None, "incidents/ICS-0001.json"), None);
        assert_eq!(
            entry_url(Some("https://cases.example/index.json"), "//evil.example/x"),
            None
        );
        assert_eq!(
            entry_url(
                Some("https://cases.example/index.json"),
                "https://evil.example/"
            ),
            None
        );
        assert_eq!(
            entry_url(Some("http://cases.example/index.json"), "a.json"),
            None
        );
        assert_eq!(
            entry_url(
                Some("https://cases.example/index.json"),
                "javascript:alert(1)"
            ),
            None
        );
        assert_eq!(safe_url(Some("javascript:alert(1)"), true), None);
        assert_eq!(safe_url(Some("http://a.example/"), false), None);
        assert_eq!(
            safe_url(Some("http://a.example/"), true).as_deref(),
            Some("http://a.example/")
        );
    }

    #[test]
    fn text_is_cleaned() {
        assert_eq!(clean("a\u{202e}b\u{2066}c"), "abc");
        assert_eq!(clean("<b>"), "<b>");
        assert_eq!(duration_text("PT13H", &en()), "13 hours");
        assert_eq!(duration_text("about a day", &en()), "about a day");
        assert_eq!(sub_level(2), 3);
        assert_eq!(sub_level(6), 6);
    }
}

/// The outcome of the last press of Copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyState {
    Idle,
    Copied,
    /// The clipboard was unavailable; the text is selected for Ctrl+C.
    Selected,
    /// Neither worked.
    Failed,
}

impl CopyState {
    pub fn message(self, t: &Texts) -> &str {
        match self {
            CopyState::Idle => "",
            CopyState::Copied => t.get(Msg::CiteCopied),
            CopyState::Selected => t.get(Msg::CiteSelected),
            CopyState::Failed => t.get(Msg::CiteFailed),
        }
    }
}
