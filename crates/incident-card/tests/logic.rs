//! The plain logic, without rendering: list filtering, sorting and limits; source grouping;
//! chain order; claim groups; link choice.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use incident_card::list_query::{parse_level, MAX_LIMIT};
use incident_card::view::*;
use incident_card::{ListQuery, SortBy, Texts};
use incident_model::*;

fn entry(id: &str, f: impl FnOnce(&mut Incident)) -> (String, Incident) {
    let mut doc = full_doc();
    doc.id = id.into();
    f(&mut doc);
    (format!("incidents/{id}.json"), doc)
}

fn index() -> Index {
    build_index(&[
        entry("A-1", |d| {
            d.dates.occurred = Some("2025-12-15".into());
            d.severity.level = Level::Moderate;
            d.tags = vec!["Prod-Deletion".into()];
        }),
        entry("A-2", |d| {
            d.dates.occurred = Some("2025".into());
            d.severity.level = Level::Critical;
            d.failure_mode = Some("Hallucination".into());
            d.organisations[0].name = "Cursor".into();
        }),
        entry("A-3", |d| {
            d.dates.occurred = None;
            d.dates.filed = Some("2026-01-01".into());
            d.severity.level = Level::Low;
        }),
        entry("A-4", |d| {
            d.dates.occurred = None;
            d.dates.filed = None;
            d.severity.level = Level::High;
        }),
        entry("A-5", |d| {
            d.dates.occurred = Some("2025-12".into());
            d.severity.level = Level::High;
        }),
        entry("A-6", |d| {
            d.status = Status::Withdrawn;
            d.severity.level = Level::Critical;
        }),
    ])
}

fn ids(q: &ListQuery, index: &Index) -> Vec<String> {
    q.apply(index).into_iter().map(|e| e.id.clone()).collect()
}

#[test]
fn default_is_newest_first_without_withdrawn() {
    let index = index();
    // A-3 (filed 2026-01-01) > A-1 (2025-12-15) > A-5 (2025-12) > A-2 (2025) > A-4 (undated).
    assert_eq!(
        ids(&ListQuery::default(), &index),
        ["A-3", "A-1", "A-5", "A-2", "A-4"]
    );
}

#[test]
fn sort_by_severity_then_date() {
    let index = index();
    let q = ListQuery::from_attrs(None, None, None, None, Some("Severity"), None);
    assert_eq!(q.sort, SortBy::Severity);
    assert_eq!(ids(&q, &index), ["A-2", "A-5", "A-4", "A-1", "A-3"]);
}

#[test]
fn filters() {
    let index = index();
    let q = ListQuery::from_attrs(None, None, None, Some("high"), None, None);
    assert_eq!(ids(&q, &index), ["A-5", "A-2", "A-4"]);
    let q = ListQuery::from_attrs(None, None, None, Some("4"), None, None);
    assert_eq!(q.severity, Some(Level::High));
    let q = ListQuery::from_attrs(Some(" hallucination "), None, None, None, None, None);
    assert_eq!(ids(&q, &index), ["A-2"]);
    let q = ListQuery::from_attrs(None, Some("prod-deletion"), None, None, None, None);
    assert_eq!(ids(&q, &index), ["A-1"]);
    let q = ListQuery::from_attrs(None, None, Some("cursor"), None, None, None);
    assert_eq!(ids(&q, &index), ["A-2"]);
    let q = ListQuery::from_attrs(None, None, Some("kiro labs"), Some("critical"), None, None);
    assert_eq!(ids(&q, &index), ["A-2"]);
    let q = ListQuery::from_attrs(Some("nothing"), None, None, None, None, None);
    assert!(ids(&q, &index).is_empty());
}

#[test]
fn limits_and_leniency() {
    let index = index();
    // A limit is how many a list shows at a time (then **Show more**), not a cut of the matches
    // (regression: a list over a single-file index showed `limit`, else 500, with no count and
    // no way to see the rest).
    let q = ListQuery::from_attrs(None, None, None, None, None, Some("2"));
    assert_eq!(q.step(), 2);
    assert_eq!(ids(&q, &index), ["A-3", "A-1", "A-5", "A-2", "A-4"]);
    assert_eq!(ListQuery::default().step(), 25);
    for bad in ["0", "-1", "many", ""] {
        let q = ListQuery::from_attrs(None, None, None, None, None, Some(bad));
        assert_eq!(q.limit, None, "{bad}");
    }
    let q = ListQuery::from_attrs(None, None, None, None, None, Some("100000"));
    assert_eq!(q.limit, Some(MAX_LIMIT));
    // Blank filters are no filters; an unknown order is the default one.
    let q = ListQuery::from_attrs(Some("  "), Some(""), None, Some(" "), Some("random"), None);
    assert_eq!(q, ListQuery::default());
    assert_eq!(parse_level("0"), None);
    assert_eq!(parse_level("6"), None);
    assert_eq!(parse_level("1"), Some(Level::Info));
    assert_eq!(parse_level(" CRITICAL "), Some(Level::Critical));
}

#[test]
fn sources_grouped_and_numbered() {
    let doc = full_doc();
    let groups = group_sources(&doc);
    let kinds: Vec<SourceKind> = groups.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [SourceKind::Primary, SourceKind::Press]);
    let numbered: Vec<(usize, &str)> = groups
        .iter()
        .flat_map(|(_, items)| items.iter().map(|s| (s.number, s.source.id.as_str())))
        .collect();
    assert_eq!(numbered, [(1, "s2"), (2, "s1"), (3, "s3")]);
    let hosts: Vec<Option<&str>> = groups
        .iter()
        .flat_map(|(_, items)| items.iter().map(|s| s.host.as_deref()))
        .collect();
    assert_eq!(hosts, [Some("aws.amazon.com"), Some("theverge.com"), None]);
}

#[test]
fn chain_is_put_in_stage_order() {
    let mut doc = full_doc();
    doc.cause_chain.reverse();
    let stages: Vec<Stage> = chain_in_order(&doc).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        stages,
        [
            Stage::Trigger,
            Stage::ModelStep,
            Stage::ControlGap,
            Stage::Failure,
            Stage::Consequence
        ]
    );
}

#[test]
fn claim_groups() {
    let doc = full_doc();
    assert_eq!(claims_with(&doc, ClaimStatus::Verified).len(), 2);
    assert_eq!(
        claims_with(&doc, ClaimStatus::NotPubliclyConfirmed).len(),
        1
    );
    assert_eq!(claims_with(&doc, ClaimStatus::Disputed).len(), 1);
    assert_eq!(claims_with(&doc, ClaimStatus::Retracted).len(), 1);
    assert_eq!(
        counts_line(&Counts::of(&doc), &Texts::english()).unwrap(),
        "2 verified facts · 1 not confirmed · 3 sources"
    );
}

#[test]
fn case_link_prefers_the_host_then_the_document() {
    let mut doc = full_doc();
    assert_eq!(
        case_link(&doc, Some("https://host.example/case")).as_deref(),
        Some("https://host.example/case")
    );
    assert_eq!(
        case_link(&doc, Some("http://host.example/case")).as_deref(),
        Some("https://cases.example/TST-0001.html")
    );
    doc.links.html = Some("javascript:alert(1)".into());
    assert_eq!(case_link(&doc, None), None);
    doc.links.html = Some("http://cases.example/x".into());
    assert_eq!(case_link(&doc, None), None);
    doc.allow_http = true;
    assert_eq!(
        case_link(&doc, None).as_deref(),
        Some("http://cases.example/x")
    );
}

#[test]
fn ai_involvement_labels() {
    assert_eq!(
        ai_involvement_label(AiInvolvement::Confirmed, &Texts::english()),
        None
    );
    assert_eq!(
        ai_involvement_label(AiInvolvement::None, &Texts::english()),
        Some("Not an AI incident")
    );
    assert!(
        ai_involvement_label(AiInvolvement::Alleged, &Texts::english())
            .unwrap()
            .contains("alleged")
    );
}

#[test]
fn date_range_keeps_what_overlaps_it_at_its_precision() {
    let index = index();
    // A-1 2025-12-15 and A-5 2025-12 fall in it; A-2, dated only "2025", overlaps it; A-3
    // (filed 2026-01-01) is after it; A-4 has no date.
    let q = ListQuery::default().with_range(Some("2025-06"), Some("2025-12-31"));
    assert_eq!(ids(&q, &index), ["A-1", "A-5", "A-2"]);
    let q = ListQuery::default().with_range(Some("2026"), None);
    assert_eq!(ids(&q, &index), ["A-3"]);
    // Regression: a range that ends before it starts held every case dated only to a year or
    // month around it (A-2, "2025", and A-5, "2025-12"); it holds nothing.
    let q = ListQuery::default().with_range(Some("2025-12-20"), Some("2025-12-01"));
    assert!(ids(&q, &index).is_empty());
    let q = ListQuery::default().with_range(Some("2025-06"), Some("2025-01"));
    assert!(ids(&q, &index).is_empty());
    // A date that is not one is ignored.
    assert_eq!(
        ListQuery::default().with_range(Some("June"), None).from,
        None
    );
}

#[test]
fn related_to_goes_both_ways() {
    let mut index = index();
    // Ids of the form PREFIX-NUMBER with a prefix of two letters or more (`related-to` takes
    // only an id).
    for e in &mut index.incidents {
        e.id = format!("T{}", e.id);
        e.related.clear();
    }
    index.incidents[0].related = vec!["TA-3".into()]; // TA-1 names TA-3
    index.incidents[4].related = vec!["TA-1".into()]; // TA-5 names TA-1
    let q = ListQuery::default().with_related_to(Some("TA-1"));
    assert_eq!(ids(&q, &index), ["TA-3", "TA-5"]);
    let q = ListQuery::default().with_related_to(Some("TA-3"));
    assert_eq!(ids(&q, &index), ["TA-1"]);
    assert_eq!(
        ListQuery::default()
            .with_related_to(Some("not an id"))
            .related_to,
        None
    );
}

// Regression: a filter the page set but that could not be read (a lower-case id, a date in
// another form, a severity that is no level) was dropped, so the list showed every case.
#[test]
fn unreadable_filters_match_nothing() {
    let index = index();
    let cases = [
        (
            ListQuery::default().with_related_to(Some("a-1")),
            "related-to \"a-1\" is not a case id",
        ),
        (
            ListQuery::default().with_range(Some("2025-1"), None),
            "from \"2025-1\" is not a date",
        ),
        (
            ListQuery::default().with_range(None, Some("2024/01/01")),
            "to \"2024/01/01\" is not a date",
        ),
        (
            ListQuery::from_attrs(None, None, None, Some("severe"), None, None),
            "severity \"severe\" is not a level",
        ),
        (
            ListQuery::from_attrs(None, None, None, Some("0"), None, None),
            "severity \"0\" is not a level",
        ),
    ];
    for (q, said) in cases {
        let why = q.unreadable.clone().unwrap_or_default();
        assert!(why.starts_with(said), "{why}");
        assert!(ids(&q, &index).is_empty(), "{said}");
        assert!(q.holds_nothing());
    }
    // The first unreadable filter is the one named.
    let q = ListQuery::default().with_range(Some("x"), Some("y"));
    assert!(q
        .unreadable
        .as_deref()
        .is_some_and(|w| w.starts_with("from \"x\"")));
    // Read, and blank, filters are not unreadable.
    let q = ListQuery::from_attrs(None, None, None, Some("4"), None, None)
        .with_range(Some(" 2024 "), Some(""))
        .with_related_to(Some(" "));
    assert_eq!(q.unreadable, None);
}
