//! The widget's renderer (`incident_card::html`, no Yew) and the Yew components must write the same
//! bytes for every card: every sample in every option, hostile documents, documents with parts
//! missing, generated text, error cards, skeletons and lists. A difference fails with the first
//! place the two outputs part.
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

mod common;

use std::rc::Rc;

use common::*;
use incident_card::ssr::{render_card, render_error, render_list};
use incident_card::{
    html, CardOptions, ErrorProps, ListProps, ListQuery, Section, Sections, SkeletonCard,
    SkeletonProps, SortBy, Theme, Variant,
};
use incident_model::*;
use proptest::prelude::*;
use yew::LocalServerRenderer;

/// The instance number the component drew: `aria-labelledby="ic-<slug>-<n>-title"`.
fn instance_of(yew: &str) -> u32 {
    let start = yew.find("aria-labelledby=\"").expect("a labelled card") + 17;
    let rest = &yew[start..];
    let id = &rest[..rest.find("-title\"").expect("a title id")];
    id.rsplit('-').next().unwrap().parse().unwrap()
}

fn same(what: &str, yew: &str, ours: &str) {
    if yew == ours {
        return;
    }
    let at = yew
        .bytes()
        .zip(ours.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(yew.len().min(ours.len()));
    let from = at.saturating_sub(120);
    let show = |s: &str| {
        s.get(from..(at + 120).min(s.len()))
            .unwrap_or("")
            .to_owned()
    };
    panic!(
        "{what}: the renderers part at byte {at}\n  yew:  …{}…\n  html: …{}…",
        show(yew),
        show(ours)
    );
}

async fn check_card(what: &str, doc: &Incident, options: &CardOptions) {
    let yew = render_card(Rc::new(doc.clone()), options.clone()).await;
    let ours = html::card(doc, options, instance_of(&yew), false);
    same(what, &yew, &ours);
}

fn option_sets() -> Vec<CardOptions> {
    let mut sets = Vec::new();
    for variant in [Variant::Full, Variant::Compact] {
        for theme in [Theme::Auto, Theme::Light, Theme::Dark] {
            for sections in ["all", "facts,sources", "-sources", "summary", "-citation"] {
                for heading_level in [2, 4, 6] {
                    sets.push(CardOptions {
                        variant,
                        theme,
                        sections: Sections::parse(sections),
                        heading_level,
                        ..CardOptions::default()
                    });
                }
            }
        }
    }
    let case_urls = [
        "https://registry.example/cases/ICS-0001",
        "javascript:alert(1)",
        "",
    ];
    for case_url in case_urls {
        for variant in [Variant::Full, Variant::Compact] {
            sets.push(CardOptions {
                variant,
                case_url: Some(case_url.to_owned()),
                lang: Some("de".to_owned()),
                ..CardOptions::default()
            });
        }
    }
    sets.push(CardOptions {
        lang: Some("not a tag".to_owned()),
        ..CardOptions::default()
    });
    sets
}

#[tokio::test]
async fn every_sample_in_every_option() {
    let sets = option_sets();
    for (name, doc) in samples() {
        for (i, options) in sets.iter().enumerate() {
            check_card(&format!("{name} options #{i}"), &doc, options).await;
        }
    }
}

#[tokio::test]
async fn hostile_documents() {
    for address in ADDRESSES {
        let doc = hostile(address);
        for (i, options) in option_sets().iter().enumerate() {
            check_card(&format!("hostile {address} options #{i}"), &doc, options).await;
        }
    }
}

/// Every optional part missing, each status, duplicate and unknown source ids, out-of-order
/// chain steps, sources without addresses and plain `http` with and without the opt-in.
#[tokio::test]
async fn documents_with_parts_missing_or_odd() {
    let base = full_doc();
    let mut docs: Vec<(&str, Incident)> = Vec::new();
    let mut d = base.clone();
    d.claims.clear();
    d.cause_chain.clear();
    d.impact = None;
    d.lessons.clear();
    d.sources.clear();
    d.related.clear();
    d.citation = None;
    d.tags.clear();
    d.organisations.clear();
    d.dates.occurred = None;
    d.dates.modified = None;
    d.failure_mode = None;
    d.ai_surface = None;
    d.status_reason = None;
    docs.push(("bare", d));
    for status in [
        Status::Published,
        Status::Updated,
        Status::Disputed,
        Status::Withdrawn,
    ] {
        let mut d = base.clone();
        d.status = status;
        docs.push(("status", d.clone()));
        d.status_reason = None;
        d.withdrawn = None;
        docs.push(("status without reason", d));
    }
    for ai in [
        AiInvolvement::Confirmed,
        AiInvolvement::Alleged,
        AiInvolvement::Disputed,
        AiInvolvement::None,
    ] {
        let mut d = base.clone();
        d.ai_involvement = ai;
        docs.push(("ai involvement", d));
    }
    let mut d = base.clone();
    if let Some(first) = d.sources.first().cloned() {
        let mut dup = first.clone();
        dup.title = "A second source with the same id".into();
        d.sources.push(dup);
        let mut plain = first;
        plain.id = "plain".into();
        plain.url = Some("http://plain.example/a".into());
        d.sources.push(plain);
    }
    for c in &mut d.claims {
        c.sources.push("unknown-id".into());
        c.sources.push("plain".into());
        c.sources.reverse();
    }
    d.cause_chain.reverse();
    docs.push(("duplicates, unknown ids, http, reversed chain", d.clone()));
    d.allow_http = true;
    docs.push(("same, http allowed", d));
    let mut d = base.clone();
    d.severity.value = d.severity.level.as_str().to_uppercase();
    d.severity.scheme = None;
    docs.push(("severity value equal to the level", d));
    for (what, doc) in docs {
        for (i, options) in option_sets().iter().enumerate() {
            check_card(&format!("{what} options #{i}"), &doc, options).await;
        }
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        Just(String::new()),
        Just(bad(7)),
        Just("&amp; &lt; \"quoted\" 'single' <b>x</b>".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text in the fields the card shows (and any address) renders the same through both.
    #[test]
    fn generated_text(
        title in text_strategy(),
        summary in text_strategy(),
        tag in text_strategy(),
        claim in text_strategy(),
        source_id in text_strategy(),
        source_title in text_strategy(),
        url in text_strategy(),
        lesson in text_strategy(),
        date in text_strategy(),
        value in text_strategy(),
        compact in any::<bool>(),
    ) {
        let mut doc = full_doc();
        doc.title = title;
        doc.summary = summary;
        doc.tags = vec![tag];
        if let Some(c) = doc.claims.first_mut() {
            c.text = claim;
            c.sources.push(source_id.clone());
        }
        if let Some(s) = doc.sources.first_mut() {
            s.id = source_id;
            s.title = source_title;
            s.url = Some(url.clone());
            s.date = Some(date.clone());
        }
        doc.lessons.push(lesson);
        doc.dates.occurred = Some(date);
        doc.severity.value = value;
        doc.licence.url = Some(url);
        let options = CardOptions {
            variant: if compact { Variant::Compact } else { Variant::Full },
            ..CardOptions::default()
        };
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let yew = rt.block_on(render_card(Rc::new(doc.clone()), options.clone()));
        let ours = html::card(&doc, &options, instance_of(&yew), false);
        prop_assert_eq!(yew, ours);
    }
}

#[tokio::test]
async fn error_cards() {
    let cases = [
        (
            "fetch",
            "The server answered 404.",
            Some("ICS-0001"),
            Some("https://registry.example/c/1"),
        ),
        ("", "", None, None),
        ("not-json", "  ", Some("  "), Some("javascript:alert(1)")),
        (
            "x<y>",
            "<script>alert(1)</script> & \"quotes\"",
            Some("<b>ICS</b>"),
            Some("http://plain.example/"),
        ),
    ];
    for (code, message, case_id, case_url) in cases {
        for (theme, variant) in [
            (Theme::Dark, Variant::Compact),
            (Theme::Auto, Variant::Full),
        ] {
            let info = html::ErrorInfo {
                code: code.into(),
                message: message.into(),
                case_id: case_id.map(str::to_owned),
                case_url: case_url.map(str::to_owned),
                theme,
                variant,
            };
            let yew = render_error(ErrorProps {
                code: info.code.clone(),
                message: info.message.clone(),
                case_id: info.case_id.clone(),
                case_url: info.case_url.clone(),
                theme,
                variant,
            })
            .await;
            same(
                &format!("error {code:?}"),
                &yew,
                &html::error(&info, instance_of(&yew)),
            );
        }
    }
}

#[tokio::test]
async fn skeletons() {
    for variant in [Variant::Full, Variant::Compact] {
        for theme in [Theme::Auto, Theme::Dark] {
            let yew =
                LocalServerRenderer::<SkeletonCard>::with_props(SkeletonProps { variant, theme })
                    .hydratable(false)
                    .render()
                    .await;
            same("skeleton", &yew, &html::skeleton(variant, theme));
        }
    }
}

#[tokio::test]
async fn lists() {
    let bytes = std::fs::read(root().join("data/index.json")).unwrap();
    let index = Rc::new(parse_index(&bytes).unwrap());
    let queries = [
        ListQuery::default(),
        ListQuery {
            sort: SortBy::Severity,
            limit: Some(3),
            ..ListQuery::default()
        },
        ListQuery {
            tag: Some("no-such-tag".into()),
            ..ListQuery::default()
        },
    ];
    let urls = [
        Some("https://registry.example/data/index.json"),
        None,
        Some("javascript:alert(1)"),
    ];
    for query in queries {
        for index_url in urls {
            for heading_level in [2, 5] {
                let yew = render_list(ListProps {
                    index: index.clone(),
                    query: query.clone(),
                    index_url: index_url.map(str::to_owned),
                    theme: Theme::Light,
                    heading_level,
                })
                .await;
                let ours = html::list(&index, &query, index_url, Theme::Light, heading_level);
                same(&format!("list {query:?} {index_url:?}"), &yew, &ours);
            }
        }
    }
    // A hostile index entry.
    let mut index = (*index).clone();
    if let Some(e) = index.incidents.first_mut() {
        e.title = bad(1);
        e.summary = bad(2);
        e.href = "javascript:alert(1)".into();
        e.failure_mode = Some(bad(3));
        e.lang = "x\" onload=\"y".into();
    }
    let yew = render_list(ListProps {
        index: Rc::new(index.clone()),
        query: ListQuery::default(),
        index_url: Some("https://registry.example/data/index.json".into()),
        theme: Theme::Auto,
        heading_level: 2,
    })
    .await;
    let ours = html::list(
        &index,
        &ListQuery::default(),
        Some("https://registry.example/data/index.json"),
        Theme::Auto,
        2,
    );
    same("hostile list", &yew, &ours);
}

/// Sanity of the harness: `Section` is exhaustively exercised by the option sets above.
#[test]
fn option_sets_cover_every_section_state() {
    let sets = option_sets();
    for s in Section::ALL {
        assert!(sets.iter().any(|o| o.sections.contains(s)));
        assert!(sets.iter().any(|o| !o.sections.contains(s)));
    }
}
