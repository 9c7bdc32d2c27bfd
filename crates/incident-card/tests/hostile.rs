//! Hostile documents, built as values (bypassing validation): markup in every text field,
//! script addresses in every address field, bidirectional controls everywhere. The card must show
//! the text as text, link nothing unsafe, and run nothing.
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

mod common;

use std::rc::Rc;

use common::*;
use incident_card::ssr::{render_card, render_error, render_list};
use incident_card::{CardOptions, ErrorProps, ListProps, ListQuery, Sections, Theme, Variant};
use incident_model::*;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const BIDI: &str = "\u{202e}evil\u{202c}\u{2066}x\u{2069}\u{200f}";
const ADDRESSES: [&str; 6] = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://user:pass@example.org/",
    "//evil.example/x",
];

fn bad(n: usize) -> String {
    format!("{SCRIPT}{IMG}\"'>{BIDI}{n}")
}

fn hostile(address: &str) -> Incident {
    let mut doc = full_doc();
    let mut n = 0;
    let mut t = || {
        n += 1;
        bad(n)
    };
    doc.id = t();
    doc.aliases = vec![t(), t()];
    doc.status_reason = Some(t());
    doc.title = t();
    doc.summary = t();
    doc.lang = "en\" onload=\"alert(1)".into();
    doc.dates.occurred = Some(t());
    doc.dates.modified = Some(t());
    doc.severity.scheme = Some(t());
    doc.severity.value = t();
    for o in &mut doc.organisations {
        o.name = t();
    }
    doc.failure_mode = Some(t());
    doc.ai_surface = Some(t());
    doc.tags = vec![t(), t()];
    for c in &mut doc.claims {
        c.text = t();
        c.sources.push(t());
    }
    for s in &mut doc.cause_chain {
        s.text = t();
    }
    doc.impact = Some(Impact {
        summary: t(),
        duration: Some(t()),
        cost: Some(t()),
    });
    doc.lessons = vec![t(), t()];
    for s in &mut doc.sources {
        s.id = t();
        s.title = t();
        s.publisher = Some(t());
        s.url = Some(address.into());
        s.date = Some(t());
    }
    // Claims cite the (hostile) source ids, so in-card anchors are built from them.
    let ids: Vec<String> = doc.sources.iter().map(|s| s.id.clone()).collect();
    for c in &mut doc.claims {
        c.sources.extend(ids.iter().cloned());
    }
    for r in &mut doc.related {
        r.id = t();
        r.reason = t();
        r.summary = Some(RelatedSummary {
            title: t(),
            organisation: Some(t()),
            severity: Some(Level::Critical),
            date: Some(t()),
        });
    }
    doc.citation = Some(Citation {
        text: t(),
        permalink: Some(address.into()),
    });
    doc.licence = Licence {
        spdx: t(),
        attribution: t(),
        url: Some(address.into()),
    };
    doc.links = Links {
        html: Some(address.into()),
        json: Some(address.into()),
    };
    doc
}

fn assert_safe(html: &str) {
    assert_inert(html);
    assert!(!html.contains("<script"), "raw <script");
    assert!(!html.contains("<img"), "raw <img");
    assert!(
        !html.to_ascii_lowercase().contains("javascript:"),
        "javascript: address"
    );
    assert!(!html.contains("vbscript:"));
    assert!(!html.contains("data:text"));
    assert!(!html.contains("user:pass"));
    assert!(!html.contains("evil.example"));
    for c in ['\u{202e}', '\u{202c}', '\u{2066}', '\u{2069}', '\u{200f}'] {
        assert!(
            !html.contains(c),
            "bidi control U+{:04X} in output",
            c as u32
        );
    }
    // No element carries an event handler, whatever the text says.
    for t in tags(html) {
        assert!(t.attrs.iter().all(|(n, _)| !n.starts_with("on")), "{t:?}");
    }
    assert_link_policy(html, false);
}

#[tokio::test]
async fn hostile_text_and_addresses() {
    for address in ADDRESSES {
        let doc = Rc::new(hostile(address));
        for variant in [Variant::Full, Variant::Compact] {
            for sections in ["all", "facts", "-sources"] {
                let options = CardOptions {
                    variant,
                    theme: Theme::Auto,
                    sections: Sections::parse(sections),
                    heading_level: 2,
                    case_url: Some(address.into()),
                    lang: Some(address.into()),
                };
                let html = render_card(doc.clone(), options).await;
                assert_safe(&html);
                // The text is there, escaped.
                assert!(
                    html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                    "{variant:?}"
                );
                assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
                // No link at all: every address in the document fails the policy.
                let anchors: Vec<_> = tags(&html)
                    .into_iter()
                    .filter(|t| t.name == "a" && !t.attr("href").unwrap().starts_with('#'))
                    .collect();
                assert!(anchors.is_empty(), "{address}: {anchors:?}");
            }
        }
    }
}

#[tokio::test]
async fn hostile_ids_make_safe_anchors() {
    let doc = Rc::new(hostile("javascript:alert(1)"));
    let html = render_card(doc, CardOptions::default()).await;
    for t in tags(&html) {
        if let Some(id) = t.attr("id") {
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "id {id:?}"
            );
        }
        if let Some(lang) = t.attr("lang") {
            panic!("an invalid lang was written: {lang:?}");
        }
    }
}

#[tokio::test]
async fn hostile_withdrawn_and_disputed() {
    let mut doc = hostile("javascript:alert(1)");
    doc.status = Status::Disputed;
    assert_safe(&render_card(Rc::new(doc.clone()), CardOptions::default()).await);
    doc.status = Status::Withdrawn;
    doc.withdrawn = Some(Withdrawal {
        date: bad(0),
        reason: bad(1),
    });
    let html = render_card(Rc::new(doc), CardOptions::default()).await;
    assert_safe(&html);
    assert!(html.contains("This case has been withdrawn"));
}

#[tokio::test]
async fn hostile_error_and_list() {
    let html = render_error(ErrorProps {
        code: bad(1),
        message: bad(2),
        case_id: Some(bad(3)),
        case_url: Some("javascript:alert(1)".into()),
        theme: Theme::Light,
        variant: Variant::Full,
    })
    .await;
    assert_safe(&html);
    assert!(html.contains("&lt;script&gt;"));

    let docs: Vec<(String, Incident)> = ADDRESSES
        .iter()
        .map(|a| (a.to_string(), hostile(a)))
        .collect();
    let index = Rc::new(build_index(&docs));
    for index_url in [
        Some("https://cases.example/index.json".to_owned()),
        Some("javascript:alert(1)".to_owned()),
        None,
    ] {
        let html = render_list(ListProps {
            index: index.clone(),
            query: ListQuery::default(),
            index_url,
            theme: Theme::Dark,
            heading_level: 3,
        })
        .await;
        assert_safe(&html);
        assert_eq!(count_tags(&html, "article"), ADDRESSES.len());
    }
}
