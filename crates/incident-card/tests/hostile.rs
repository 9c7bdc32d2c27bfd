//! Hostile documents, built as values (bypassing validation): markup in every text field,
//! script addresses in every address field, bidirectional controls everywhere. The card must show
//! the text as text, link nothing unsafe, and run nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

mod common;

use std::rc::Rc;

use common::*;
use incident_card::ssr::{render_card, render_error, render_list};
use incident_card::{CardOptions, ErrorProps, ListProps, Sections, Theme, Variant};
use incident_model::*;

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
                    revision: Some(1),
                };
                let html = render_card(doc.clone(), options).await;
                assert_safe(&html);
                assert!(html.contains("ic-pin"), "the history's lines are shown too");
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
        // The card's own `lang` is the UI's; the document's invalid one is never written.
        if let Some(lang) = t.attr("lang") {
            assert_eq!(lang, "en", "an invalid lang was written");
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
        lang: None,
        heading_level: 2,
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
            index_url,
            theme: Theme::Dark,
            heading_level: 3,
            ..ListProps::new(index.clone())
        })
        .await;
        assert_safe(&html);
        assert_eq!(count_tags(&html, "article"), ADDRESSES.len());
    }
}
