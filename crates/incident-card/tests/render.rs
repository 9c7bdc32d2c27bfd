//! Server-side renders of real and built documents: every section's content, the link policy on
//! every `<a>`, no `style` attributes, unique ids.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

mod common;

use std::collections::HashSet;
use std::rc::Rc;

use common::*;
use incident_card::ssr::{render_card, render_error, render_list};
use incident_card::view::{counts_line, severity_name};
use incident_card::{
    CardOptions, ErrorProps, ListProps, ListQuery, Sections, SkeletonCard, SkeletonProps, Theme,
    Variant,
};
use incident_card::{Msg, Texts};
use incident_model::*;

async fn card(doc: &Incident, options: CardOptions) -> String {
    render_card(Rc::new(doc.clone()), options).await
}

fn full() -> CardOptions {
    CardOptions::default()
}

fn compact() -> CardOptions {
    CardOptions {
        variant: Variant::Compact,
        ..CardOptions::default()
    }
}

/// Every `id` attribute in `html` is unique.
fn assert_unique_ids(html: &str) {
    let mut seen = HashSet::new();
    for t in tags(html) {
        if let Some(id) = t.attr("id") {
            assert!(seen.insert(id.to_owned()), "duplicate id {id}");
        }
    }
}

/// What every card of every document must show, whatever the document.
async fn check_full(name: &str, doc: &Incident) {
    let html = card(doc, full()).await;
    assert_link_policy(&html, doc.allow_http);
    assert_inert(&html);
    assert_unique_ids(&html);
    let article = tags(&html).into_iter().next().unwrap();
    assert_eq!(article.name, "article", "{name}");
    assert_eq!(article.attr("class"), Some("ic-card"), "{name}");
    assert_eq!(article.attr("part"), Some("card"));
    assert_eq!(article.attr("data-variant"), Some("full"));
    assert_eq!(article.attr("data-theme"), Some("light"));
    assert_eq!(article.attr("lang"), Some(doc.lang.as_str()));
    // The title is the heading the article is labelled by.
    let title_id = article.attr("aria-labelledby").unwrap();
    let h2 = tags(&html).into_iter().find(|t| t.name == "h2").unwrap();
    assert_eq!(h2.attr("id"), Some(title_id), "{name}");
    // Its sections are no landmarks (regression: each was a region named by its heading, so a
    // page of cards listed "Sources" as many times as it had cards); nor is its footer named.
    let named: Vec<_> = tags(&html)
        .into_iter()
        .filter(|t| ["section", "footer"].contains(&t.name.as_str()))
        .filter(|t| t.attr("aria-labelledby").is_some() || t.attr("aria-label").is_some())
        .map(|t| t.name)
        .collect();
    assert!(named.is_empty(), "{name}: named {named:?}");
    assert!(
        html.contains(&format!(">{}</h2>", esc(&doc.title))),
        "{name}: title"
    );
    // Header: id and aliases, organisations, date at its precision.
    assert!(html.contains(&esc(&doc.id)));
    for a in &doc.aliases {
        assert!(html.contains(a.as_str()), "{name}: alias {a}");
    }
    for o in &doc.organisations {
        let role = o.role.as_str();
        let label = if o.alleged {
            format!("{} ({role}, alleged)", o.name)
        } else {
            format!("{} ({role})", o.name)
        };
        assert!(html.contains(&esc(&label)), "{name}: {label}");
    }
    if let Some(d) = doc.dates.occurred.as_deref() {
        let d = PartialDate::parse(d).unwrap();
        assert!(
            html.contains(&format!("<time datetime=\"{d}\">{}</time>", d.human())),
            "{name}: date"
        );
    }
    if doc.status == Status::Withdrawn {
        assert!(html.contains("This case has been withdrawn"));
        assert!(!html.contains("part=\"facts\""));
        return;
    }
    // Badge: accessible name, level word and the registry's wording verbatim.
    let badge = element(&html, "part=\"badge\"").unwrap();
    assert!(
        badge.contains(&format!(
            "aria-label=\"{}\"",
            esc_attr(&severity_name(&doc.severity, &Texts::english()))
        )),
        "{name}: {badge}"
    );
    assert!(badge.contains(Texts::english().level(doc.severity.level)));
    assert!(
        badge.contains(&esc(&doc.severity.value)),
        "{name}: verbatim wording"
    );
    assert!(html.contains(&esc(&doc.summary)), "{name}: summary");
    if let Some(fm) = &doc.failure_mode {
        assert!(html.contains(&esc(fm)));
    }
    if doc.ai_involvement == AiInvolvement::None {
        assert!(html.contains("Not an AI incident"), "{name}");
    }
    if doc.status == Status::Disputed {
        let notice = element(&html, "ic-notice-disputed").unwrap();
        assert!(notice.contains("Disputed"));
        if let Some(r) = &doc.status_reason {
            assert!(notice.contains(&esc(r)), "{name}: status reason");
        }
    }
    // Facts: one real list per status, each with exactly its claims.
    for (status, key, heading) in [
        (ClaimStatus::Verified, "verified", "Verified facts"),
        (
            ClaimStatus::NotPubliclyConfirmed,
            "not-publicly-confirmed",
            "Not publicly confirmed",
        ),
        (ClaimStatus::Disputed, "disputed", "Disputed claims"),
        (ClaimStatus::Retracted, "retracted", "Retracted claims"),
    ] {
        let claims: Vec<&Claim> = doc.claims.iter().filter(|c| c.status == status).collect();
        let group = element(&html, &format!("data-claims=\"{key}\""));
        if claims.is_empty() {
            assert!(group.is_none(), "{name}: empty group {key} shown");
            continue;
        }
        let group = group.unwrap_or_else(|| panic!("{name}: group {key} missing"));
        assert!(group.contains(heading));
        let list = element(group, "<ul").unwrap();
        assert_eq!(count_tags(list, "li"), claims.len(), "{name}: {key}");
        for c in claims {
            assert!(list.contains(&esc(&c.text)), "{name}: claim {}", c.text);
        }
    }
    // Cause chain: an ordered list, stages in order.
    if !doc.cause_chain.is_empty() {
        let chain = element(&html, "class=\"ic-chain\"").unwrap();
        assert!(chain.starts_with("<ol"));
        let labels: Vec<String> = tags(chain)
            .into_iter()
            .filter(|t| t.name == "li")
            .map(|t| t.attr("data-stage").unwrap().to_owned())
            .collect();
        let expected: Vec<&str> = doc.cause_chain.iter().map(|s| s.stage.as_str()).collect();
        assert_eq!(labels, expected, "{name}: chain order");
        let mut at = 0;
        for step in &doc.cause_chain {
            let pos = chain[at..].find(step.stage.label()).expect("stage label") + at;
            assert!(chain[pos..].contains(&esc(&step.text)));
            at = pos;
        }
    }
    if let Some(impact) = &doc.impact {
        let block = element(&html, "part=\"impact\"").unwrap();
        assert!(block.contains(&esc(&impact.summary)));
        if let Some(d) = impact.duration.as_deref().and_then(human_duration) {
            assert!(block.contains(&d), "{name}: duration in words");
        }
    }
    if !doc.lessons.is_empty() {
        let block = element(&html, "part=\"lessons\"").unwrap();
        assert_eq!(count_tags(block, "li"), doc.lessons.len());
    }
    // Sources: grouped by kind, each with its publisher's domain when it has an address.
    if !doc.sources.is_empty() {
        let block = element(&html, "part=\"sources\"").unwrap();
        assert_eq!(count_tags(block, "li"), doc.sources.len(), "{name}");
        let mut last = 0;
        for kind in SourceKind::ALL {
            if doc.sources.iter().any(|s| s.kind == kind) {
                let pos = block
                    .find(&format!(">{}</h4>", kind.label()))
                    .unwrap_or_else(|| panic!("{name}: kind {kind:?}"));
                assert!(pos >= last, "{name}: kinds out of order");
                last = pos;
            }
        }
        for s in &doc.sources {
            let item = element(block, &format!("-src-{}\"", s.id)).unwrap();
            match s.url.as_deref().map(|u| check_url(u, doc.allow_http)) {
                Some(Ok(u)) => {
                    assert!(item.contains(&display_host(&u)), "{name}: host of {}", s.id);
                    assert_eq!(count_tags(item, "a"), 1);
                }
                _ => {
                    assert_eq!(count_tags(item, "a"), 0, "{name}: {} has no address", s.id);
                    assert!(item.contains("<cite"));
                }
            }
        }
    }
    // Citation and licence.
    let footer = element(&html, "part=\"citation\"").unwrap();
    if let Some(c) = &doc.citation {
        assert!(footer.contains(&esc(&c.text)), "{name}: citation");
    }
    assert!(footer.contains(&esc(&doc.licence.spdx)));
    assert!(footer.contains(&esc(&doc.licence.attribution)));
    assert!(footer.contains(&format!("Revision {}", doc.revision)));
    // The Copy button appears only in a browser (after an effect); a static card has none.
    assert!(!footer.contains("<button"));
    // Related: relation label, reason and summary.
    for r in &doc.related {
        let block = element(&html, "part=\"related\"").unwrap();
        assert!(block.contains(r.relation.label()));
        assert!(block.contains(&esc(&r.reason)));
        assert!(block.contains(&r.id));
        if let Some(s) = &r.summary {
            assert!(block.contains(&esc(&s.title)));
        }
    }
}

async fn check_compact(name: &str, doc: &Incident) {
    let options = CardOptions {
        case_url: Some(format!("https://cases.example/{}", doc.id)),
        ..compact()
    };
    let html = card(doc, options).await;
    assert_link_policy(&html, doc.allow_http);
    assert_inert(&html);
    assert!(html.contains("data-variant=\"compact\""));
    assert!(html.contains(&esc(&doc.title)), "{name}");
    for part in [
        "facts", "chain", "sources", "lessons", "related", "citation",
    ] {
        assert!(
            !html.contains(&format!("part=\"{part}\"")),
            "{name}: {part} in compact"
        );
    }
    if doc.status == Status::Withdrawn {
        return;
    }
    assert!(html.contains(&format!(
        "aria-label=\"{}\"",
        esc_attr(&severity_name(&doc.severity, &Texts::english()))
    )));
    assert!(html.contains(&esc(&doc.summary)));
    if let Some(line) = counts_line(&Counts::of(doc), &Texts::english()) {
        assert!(
            html.contains(&format!("<p class=\"ic-counts\">{line}</p>")),
            "{name}"
        );
    }
    let link = tags(&html)
        .into_iter()
        .find(|t| t.name == "a")
        .expect("case link");
    assert_eq!(
        link.attr("href"),
        Some(format!("https://cases.example/{}", doc.id).as_str())
    );
    assert!(html.contains("Read the full case"));
}

#[tokio::test]
async fn every_sample_in_both_variants() {
    let samples = samples();
    for (name, doc) in &samples {
        check_full(name, doc).await;
        check_compact(name, doc).await;
    }
    for (name, doc) in [("built", full_doc())] {
        check_full(name, &doc).await;
        check_compact(name, &doc).await;
    }
}

#[tokio::test]
async fn kiro_case() {
    let Some((_, doc)) = samples().into_iter().find(|(n, _)| n == "ICS-0001.json") else {
        eprintln!("ICS-0001.json not there yet; skipped");
        return;
    };
    assert_eq!(doc.aliases, ["APM-0005", "FI-0026"]);
    let html = card(&doc, full()).await;
    assert!(html.contains("ICS-0001 · also APM-0005, FI-0026"));
    assert!(html.contains("Kiro"));
    let compact = card(&doc, compact()).await;
    let c = Counts::of(&doc);
    assert!(compact.contains(&format!("{} verified facts", c.verified)));
}

#[tokio::test]
async fn built_document_details() {
    let doc = full_doc();
    let html = card(&doc, full()).await;
    assert!(html.contains("Amazon (deployer, alleged), Kiro Labs (developer)"));
    assert!(html.contains("<time datetime=\"2025-12\">December 2025</time>"));
    assert!(html.contains("aria-label=\"Severity: Moderate (3 of 5)\""));
    assert!(html.contains("3 / 5 · MODERATE"));
    // Sources: primary before press, numbered in display order; claims cite those numbers.
    let sources = element(&html, "part=\"sources\"").unwrap();
    let primary = sources.find(">Primary</h4>").unwrap();
    let press = sources.find(">Press</h4>").unwrap();
    assert!(primary < press);
    assert!(sources.contains("start=\"1\"") && sources.contains("start=\"2\""));
    assert!(sources.contains("aws.amazon.com") && sources.contains("theverge.com"));
    assert!(
        !sources.contains("www.theverge.com<"),
        "display host drops www."
    );
    assert!(sources.contains("<cite class=\"ic-src-title\">Source s3</cite>"));
    let verified = element(&html, "data-claims=\"verified\"").unwrap();
    let anchors: Vec<String> = tags(verified)
        .into_iter()
        .filter(|t| t.name == "a")
        .map(|t| t.attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(anchors.len(), 3);
    assert!(anchors[0].ends_with("-src-s2"), "{anchors:?}"); // number 1 first
    assert!(anchors[1].ends_with("-src-s1"));
    assert!(anchors[2].ends_with("-src-s3"));
    for a in &anchors {
        assert!(
            html.contains(&format!("id=\"{}\"", &a[1..])),
            "anchor target {a}"
        );
    }
    assert!(verified.contains(">[1]</a>") && verified.contains(">[2]</a>"));
    // Retracted claims are struck and in their own group.
    let retracted = element(&html, "data-claims=\"retracted\"").unwrap();
    assert!(retracted.contains("<s class=\"ic-claim-text\">Retracted one.</s>"));
    // Impact, lessons, related.
    assert!(html.contains("<dd>13 hours</dd>") && html.contains("<dd>Not disclosed</dd>"));
    let related = element(&html, "part=\"related\"").unwrap();
    assert!(related.contains("Same failure mode"));
    // The date follows the card's direction mark, so that it keeps its order after a name written
    // the other way.
    assert!(related.contains("Replit · High severity · \u{200e}July 2025"));
    // Footer: citation, licence link, permalink, revision, last change, case link.
    let footer = element(&html, "part=\"citation\"").unwrap();
    assert!(footer.contains("Registry. \"Agent deletes production\" (TST-0001)."));
    assert!(footer.contains("href=\"https://creativecommons.org/licenses/by/4.0/\""));
    assert!(footer.contains("href=\"https://cases.example/TST-0001\""));
    assert!(footer.contains("href=\"https://cases.example/TST-0001.html\""));
    assert!(footer.contains("Revision 2"));
    assert!(footer.contains("<time datetime=\"2026-01-05\">5 January 2026</time>"));
    // Collapsible sections: facts and sources open, lessons and related closed.
    for (part, open) in [
        ("facts", true),
        ("sources", true),
        ("lessons", false),
        ("related", false),
    ] {
        let sec = element(&html, &format!("part=\"{part}\"")).unwrap();
        let details = tags(sec).into_iter().find(|t| t.name == "details").unwrap();
        assert_eq!(details.attr("open").is_some(), open, "{part}");
        assert!(sec.contains("<summary"));
    }
    for part in [
        "card", "header", "badge", "summary", "facts", "chain", "impact", "lessons", "sources",
        "citation", "related",
    ] {
        assert!(html.contains(&format!("part=\"{part}\"")), "part {part}");
    }
    assert_link_policy(&html, false);
}

#[tokio::test]
async fn heading_levels_follow_the_option() {
    let doc = full_doc();
    let html = card(
        &doc,
        CardOptions {
            heading_level: 4,
            ..full()
        },
    )
    .await;
    assert!(
        html.contains("<h4 id=")
            && html.contains("class=\"ic-title\">Agent deletes production</h4>")
    );
    assert!(html.contains(">Facts</h5>"));
    assert!(html.contains(">Verified facts</h6>"));
    let html = card(
        &doc,
        CardOptions {
            heading_level: 6,
            ..full()
        },
    )
    .await;
    assert!(html.contains(">Facts</h6>") && html.contains(">Verified facts</h6>"));
    assert!(!html.contains("<h7"));
}

#[tokio::test]
async fn sections_option_hides_and_shows() {
    let doc = full_doc();
    let only = card(
        &doc,
        CardOptions {
            sections: Sections::parse("facts"),
            ..full()
        },
    )
    .await;
    assert!(only.contains("part=\"facts\""));
    for part in [
        "chain", "impact", "lessons", "sources", "citation", "related", "summary",
    ] {
        assert!(!only.contains(&format!("part=\"{part}\"")), "{part}");
    }
    // Without the sources list, citations link straight to the source (or are plain text).
    let verified = element(&only, "data-claims=\"verified\"").unwrap();
    assert!(verified.contains("href=\"https://aws.amazon.com/b\""));
    assert!(verified.contains("href=\"https://www.theverge.com/a\""));
    assert!(verified.contains("<span class=\"ic-ref\">[3]</span>"));
    assert_link_policy(&only, false);
    // Without the citation footer, the case link still shows.
    assert!(only.contains("href=\"https://cases.example/TST-0001.html\""));

    let minus = card(
        &doc,
        CardOptions {
            sections: Sections::parse("-lessons,-related"),
            ..full()
        },
    )
    .await;
    assert!(!minus.contains("part=\"lessons\"") && !minus.contains("part=\"related\""));
    assert!(minus.contains("part=\"facts\"") && minus.contains("part=\"citation\""));
}

#[tokio::test]
async fn honest_labels() {
    let mut doc = full_doc();
    doc.ai_involvement = AiInvolvement::None;
    let html = card(&doc, full()).await;
    assert!(html.contains("Not an AI incident"));
    doc.ai_involvement = AiInvolvement::Alleged;
    assert!(card(&doc, compact())
        .await
        .contains("AI involvement alleged"));

    doc.status = Status::Disputed;
    doc.status_reason = Some("Amazon denies the agent was at fault.".into());
    let html = card(&doc, full()).await;
    let notice = element(&html, "ic-notice-disputed").unwrap();
    assert!(
        notice.contains("Disputed record.")
            && notice.contains("Amazon denies the agent was at fault.")
    );
    assert!(card(&doc, compact())
        .await
        .contains("Amazon denies the agent was at fault."));

    doc.status = Status::Withdrawn;
    doc.withdrawn = Some(Withdrawal {
        date: "2026-02-01".into(),
        reason: "Duplicate of TST-0009.".into(),
    });
    for options in [full(), compact()] {
        let html = card(&doc, options).await;
        assert!(html.contains("This case has been withdrawn"));
        assert!(html.contains("<time datetime=\"2026-02-01\">1 February 2026</time>"));
        assert!(html.contains("Duplicate of TST-0009."));
        assert!(html.contains("data-status=\"withdrawn\""));
        for gone in [
            "Verified one.",
            "part=\"facts\"",
            "part=\"badge\"",
            "Down for a while.",
            "An agent deleted",
        ] {
            assert!(!html.contains(gone), "tombstone shows {gone}");
        }
        assert_link_policy(&html, false);
    }
}

#[tokio::test]
async fn ids_are_unique_per_card_instance() {
    let doc = full_doc();
    let a = card(&doc, full()).await;
    let b = card(&doc, full()).await;
    assert_unique_ids(&a);
    assert_unique_ids(&format!("{a}{b}"));
}

#[tokio::test]
async fn compact_link_choice_and_http_opt_in() {
    let mut doc = full_doc();
    // No case_url: the document's own page.
    let html = card(&doc, compact()).await;
    assert!(html.contains("href=\"https://cases.example/TST-0001.html\""));
    // A case_url that fails the policy is not used.
    let html = card(
        &doc,
        CardOptions {
            case_url: Some("javascript:alert(1)".into()),
            ..compact()
        },
    )
    .await;
    assert!(html.contains("href=\"https://cases.example/TST-0001.html\""));
    assert!(!html.contains("javascript"));
    // http only with the document's opt-in.
    doc.sources[0].url = Some("http://plain.example/x".into());
    let html = card(&doc, full()).await;
    assert!(!html.contains("http://plain.example"));
    doc.allow_http = true;
    let html = card(&doc, full()).await;
    assert!(html.contains("href=\"http://plain.example/x\""));
    assert_link_policy(&html, true);
}

#[tokio::test]
async fn themes_and_variants_are_marked() {
    let doc = full_doc();
    for theme in [Theme::Light, Theme::Dark, Theme::Auto] {
        let html = card(&doc, CardOptions { theme, ..compact() }).await;
        assert!(html.contains(&format!("data-theme=\"{}\"", theme.as_str())));
    }
}

#[tokio::test]
async fn error_card_is_never_blank() {
    let html = render_error(ErrorProps {
        code: "fetch".into(),
        message: "The document could not be downloaded (HTTP 404).".into(),
        case_id: Some("ICS-0001".into()),
        case_url: Some("https://cases.example/ICS-0001".into()),
        theme: Theme::Dark,
        variant: Variant::Compact,
        lang: None,
        heading_level: 2,
    })
    .await;
    assert!(html.contains("Incident ICS-0001 could not be shown"));
    assert!(html.contains("The document could not be downloaded (HTTP 404)."));
    assert!(html.contains("<code>fetch</code>"));
    assert!(html.contains("href=\"https://cases.example/ICS-0001\""));
    assert!(html.contains("data-theme=\"dark\""));
    assert_link_policy(&html, false);
    assert_inert(&html);

    let html = render_error(ErrorProps {
        code: String::new(),
        message: "  ".into(),
        case_id: None,
        case_url: Some("javascript:alert(1)".into()),
        theme: Theme::Light,
        variant: Variant::Full,
        lang: None,
        heading_level: 2,
    })
    .await;
    assert!(html.contains("This incident could not be shown"));
    assert!(html.contains(Texts::english().get(Msg::ErrorDefault)));
    assert_eq!(count_tags(&html, "a"), 0);
    assert!(!html.contains("javascript"));
}

// Regression: the error card's title was a `<p>`; it is a heading at the card's level.
#[tokio::test]
async fn error_card_title_is_a_heading_at_the_cards_level() {
    for (level, tag) in [(2, "h2"), (4, "h4"), (9, "h6")] {
        let html = render_error(ErrorProps {
            code: "not-found".into(),
            message: "HTTP 404".into(),
            case_id: Some("ICS-0001".into()),
            case_url: None,
            theme: Theme::Light,
            variant: Variant::Full,
            lang: None,
            heading_level: level,
        })
        .await;
        assert!(
            html.contains(&format!("<{tag} id=\""))
                && html.contains(&format!(
                    "class=\"ic-error-title\">Incident ICS-0001 could not be shown</{tag}>"
                )),
            "{html}"
        );
        assert!(!html.contains("<p class=\"ic-error-title\""), "{html}");
    }
}

#[tokio::test]
async fn skeleton_is_busy_and_sized() {
    for variant in [Variant::Full, Variant::Compact] {
        let html = yew::LocalServerRenderer::<SkeletonCard>::with_props(SkeletonProps {
            variant,
            theme: Theme::Auto,
            lang: None,
        })
        .hydratable(false)
        .render()
        .await;
        assert!(html.contains("aria-busy=\"true\""));
        assert!(html.contains(&format!("data-variant=\"{}\"", variant.as_str())));
        assert!(html.contains("Loading incident"));
        assert_inert(&html);
    }
}

#[tokio::test]
async fn list_from_the_samples() {
    let mut docs: Vec<(String, Incident)> = samples()
        .into_iter()
        .map(|(n, d)| (format!("incidents/{n}"), d))
        .collect();
    docs.push(("incidents/TST-0001.json".into(), full_doc()));
    let index = Rc::new(build_index(&docs));
    let html = render_list(ListProps {
        index_url: Some("https://cases.example/data/index.json".into()),
        theme: Theme::Light,
        heading_level: 3,
        ..ListProps::new(index.clone())
    })
    .await;
    assert_link_policy(&html, false);
    assert_inert(&html);
    let shown = ListQuery::default().apply(&index);
    assert_eq!(count_tags(&html, "article"), shown.len());
    // An entry links to its case page when the registry has one (TST-0001's `links.html`), else
    // to its document.
    assert!(html.contains("href=\"https://cases.example/TST-0001.html\""));
    assert!(!html.contains("href=\"https://cases.example/data/incidents/TST-0001.json\""));
    assert!(html.contains(">Case page<"));
    assert!(html.contains(">Case document<"));
    assert!(html.contains("class=\"ic-title\">Agent deletes production</h3>"));
    // Newest first: the order of the entries is the query's order.
    let mut at = 0;
    for e in &shown {
        let pos = html[at..]
            .find(&format!(">{}</h3>", esc(&e.title)))
            .expect("entry")
            + at;
        at = pos;
    }
    // No base address: entries show without links to their documents; a case page, an
    // absolute address, is still linked.
    let html = render_list(ListProps {
        theme: Theme::Light,
        ..ListProps::new(index.clone())
    })
    .await;
    assert_eq!(count_tags(&html, "a"), 1);
    assert!(html.contains("href=\"https://cases.example/TST-0001.html\""));
    // Nothing matches.
    let html = render_list(ListProps {
        query: ListQuery::from_attrs(None, Some("no-such-tag"), None, None, None, None),
        theme: Theme::Dark,
        ..ListProps::new(index)
    })
    .await;
    assert!(html.contains("No incidents match"));
    assert!(html.contains("data-theme=\"dark\""));
}

// Regression: two lists of one page were two landmarks of one name ("Incidents"); a list's
// `label` names it, as text (never markup).
#[tokio::test]
async fn a_label_names_the_list_region_as_text() {
    let docs: Vec<(String, Incident)> = samples()
        .into_iter()
        .map(|(n, d)| (format!("incidents/{n}"), d))
        .collect();
    let index = Rc::new(build_index(&docs));
    let list = |label: Option<&str>| {
        render_list(ListProps {
            theme: Theme::Light,
            label: label.map(|l| l.to_owned().into()),
            ..ListProps::new(index.clone())
        })
    };
    let html = list(None).await;
    assert!(html.contains("aria-label=\"Incidents\""), "{html}");
    let html = list(Some("DNS outages \"<b>&</b>\"")).await;
    assert!(
        html.contains("aria-label=\"DNS outages &quot;&lt;b&gt;&amp;&lt;/b&gt;&quot;\""),
        "{html}"
    );
    assert!(!html.contains("aria-label=\"Incidents\""));
    assert!(!html.contains("<b>"));
}

// Regression: an entry with a filing date and no date of occurrence showed no date, though the
// list is in date order by it; it shows the filing date, labelled as such.
#[tokio::test]
async fn an_entry_without_a_date_of_occurrence_shows_when_it_was_filed() {
    let mut docs: Vec<(String, Incident)> = samples()
        .into_iter()
        .map(|(n, d)| (format!("incidents/{n}"), d))
        .collect();
    let doc = &mut docs.first_mut().expect("a sample").1;
    let (title, filed) = (doc.title.clone(), doc.dates.filed.clone().expect("filed"));
    doc.dates.occurred = None;
    let html = render_list(ListProps {
        theme: Theme::Light,
        ..ListProps::new(Rc::new(build_index(&docs)))
    })
    .await;
    let entry = html
        .split("<article class=\"ic-entry\"")
        .find(|e| e.contains(&esc(&title)))
        .expect("the entry");
    assert!(entry.contains("Filed: "), "{entry}");
    assert!(
        entry.contains(&format!("<time datetime=\"{filed}\">")),
        "{entry}"
    );
    // Those with a date of occurrence show it without a label.
    let filed_only = docs
        .iter()
        .filter(|(_, d)| d.dates.occurred.is_none())
        .count();
    assert!(filed_only < docs.len());
    assert_eq!(html.matches("Filed: ").count(), filed_only, "{html}");
    assert_eq!(
        html.matches("<time datetime=").count(),
        docs.len(),
        "every entry shows a date"
    );
}

#[tokio::test]
async fn lang_option_picks_the_ui_language_and_bad_tags_are_ignored() {
    let doc = samples().into_iter().next().expect("a sample").1;
    assert_eq!(doc.lang, "en");
    let html = card(
        &doc,
        CardOptions {
            lang: Some("de-CH".into()),
            ..full()
        },
    )
    .await;
    // German labels on a German card; the document's English text declared as English.
    assert!(html.contains(" lang=\"de\""), "UI language on the card");
    assert!(html.contains("Belegte Fakten"), "German labels");
    assert!(!html.contains("Verified facts"), "no English label left");
    assert!(html.contains("class=\"ic-title\""));
    assert!(
        html.contains(" lang=\"en\""),
        "the document's text keeps its language"
    );
    let html = card(
        &doc,
        CardOptions {
            lang: Some("\" onload=\"x".into()),
            ..full()
        },
    )
    .await;
    assert!(html.contains(" lang=\"en\""), "bad tag: English");
    assert!(html.contains("Verified facts"));
    assert!(!html.contains("onload"));
}

/// ICS-0003 carries German (all four parts), Spanish (title and summary) and Arabic translations.
fn translated_sample() -> Incident {
    let (_, doc) = samples()
        .into_iter()
        .find(|(n, _)| n == "ICS-0003.json")
        .expect("data/incidents/ICS-0003.json");
    assert_eq!(doc.translations.len(), 3);
    doc
}

async fn in_lang(doc: &Incident, lang: &str) -> String {
    card(
        doc,
        CardOptions {
            lang: Some(lang.into()),
            ..full()
        },
    )
    .await
}

/// The `lang` attribute of the first element whose start tag contains `marker`.
fn lang_of(html: &str, marker: &str) -> Option<String> {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in the card"));
    let tag = tags(html).into_iter().rev().find(|t| t.at <= at)?;
    tag.attr("lang").map(str::to_owned)
}

#[tokio::test]
async fn a_complete_translation_shows_every_translated_part_in_the_readers_language() {
    let doc = translated_sample();
    let de = doc.translation("de").unwrap();
    let html = in_lang(&doc, "de-AT").await;
    for text in [de.title.as_deref().unwrap(), de.summary.as_deref().unwrap()]
        .into_iter()
        .chain(de.claims.iter().map(String::as_str))
        .chain(de.lessons.iter().map(String::as_str))
    {
        assert!(html.contains(&esc(text)), "German text shown: {text}");
    }
    // The citation quotes the original title, as the registry wrote it; nothing else may.
    let before_citation = &html[..html.find("class=\"ic-sec ic-cite\"").unwrap()];
    for text in [doc.title.as_str(), doc.summary.as_str()]
        .into_iter()
        .chain(doc.claims.iter().map(|c| c.text.as_str()))
        .chain(doc.lessons.iter().map(String::as_str))
    {
        assert!(
            !before_citation.contains(&esc(text)),
            "no English left for: {text}"
        );
    }
    // German text in a German card: no `lang` of its own. The parts never translated (cause
    // chain, impact, sources) keep the document's.
    assert_eq!(lang_of(&html, "class=\"ic-title\"").as_deref(), None);
    assert_eq!(lang_of(&html, "class=\"ic-lede\"").as_deref(), None);
    assert_eq!(lang_of(&html, "class=\"ic-lessons\"").as_deref(), None);
    // The claims' language is on their list.
    let facts = element(&html, "data-claims=\"verified\"").unwrap();
    let list = tags(facts).into_iter().find(|t| t.name == "ul").unwrap();
    assert_eq!(list.attr("lang"), None, "German claims in a German card");
    assert_eq!(
        lang_of(&html, "class=\"ic-step-text\"").as_deref(),
        Some("en")
    );
    assert_eq!(
        lang_of(&html, "class=\"ic-impact-text\"").as_deref(),
        Some("en")
    );
    let note = text(element(&html, "class=\"ic-quiet ic-langs\"").unwrap());
    assert_eq!(
        note,
        "Übersetzt: Titel, Zusammenfassung, Fakten, Lehren. Alles Übrige steht in der Originalsprache."
    );
}

#[tokio::test]
async fn a_partial_translation_says_which_parts_are_translated_and_marks_the_rest() {
    let doc = translated_sample();
    let es = doc.translation("es").unwrap();
    let html = in_lang(&doc, "es").await;
    assert!(html.contains(&esc(es.title.as_deref().unwrap())));
    assert!(html.contains(&esc(es.summary.as_deref().unwrap())));
    assert_eq!(lang_of(&html, "class=\"ic-title\"").as_deref(), None);
    // Claims and lessons are not in the Spanish translation: shown in English, declared English.
    assert!(html.contains(&esc(&doc.claims[0].text)));
    assert!(html.contains(&esc(&doc.lessons[0])));
    assert_eq!(
        lang_of(&html, "class=\"ic-lessons\"").as_deref(),
        Some("en")
    );
    let facts = element(&html, "data-claims=\"verified\"").unwrap();
    assert!(facts.contains("<ul aria-labelledby=") && facts.contains(" lang=\"en\""));
    let note = text(element(&html, "class=\"ic-quiet ic-langs\"").unwrap());
    assert_eq!(
        note,
        "Traducido: título, resumen. Todo lo demás se muestra en su idioma original."
    );
}

#[tokio::test]
async fn a_translation_without_a_catalogue_is_shown_with_english_labels_and_its_own_lang() {
    // A French reader: no French catalogue (English labels), but a French translation would be
    // shown; ICS-0003 has none, so the English original, with no note (English card).
    let doc = translated_sample();
    let html = in_lang(&doc, "fr").await;
    assert!(html.contains(&esc(&doc.title)));
    assert!(!html.contains("ic-langs"));
    // With a French translation, the French title declared as French inside the English card.
    let mut doc = doc;
    doc.translations.push(Translation {
        lang: "fr".into(),
        title: Some("Titre en français".into()),
        summary: None,
        claims: Vec::new(),
        lessons: Vec::new(),
    });
    let html = in_lang(&doc, "fr-CA").await;
    assert!(html.contains("Titre en français"));
    assert_eq!(lang_of(&html, "class=\"ic-title\"").as_deref(), Some("fr"));
    assert_eq!(
        lang_of(&html, "class=\"ic-lede\""),
        None,
        "English summary in an English card"
    );
    assert_eq!(
        text(element(&html, "class=\"ic-quiet ic-langs\"").unwrap()),
        "Translated: title. Everything else is shown in its original language."
    );
}

#[tokio::test]
async fn an_untranslated_document_in_another_language_says_so() {
    let doc = translated_sample();
    let mut untranslated = doc.clone();
    untranslated.translations.clear();
    let html = in_lang(&untranslated, "ar").await;
    assert_eq!(
        text(element(&html, "class=\"ic-quiet ic-langs\"").unwrap()),
        "يُعرض النص بلغته الأصلية."
    );
    assert_eq!(lang_of(&html, "class=\"ic-title\"").as_deref(), Some("en"));
    // In the document's own language: no note.
    let html = in_lang(&doc, "en").await;
    assert!(!html.contains("ic-langs"));
    assert!(html.contains(&esc(&doc.title)));
}

#[tokio::test]
async fn a_translated_list_of_the_wrong_length_is_not_shown() {
    // The validator refuses it; a card given one anyway shows the original, declared as such.
    let mut doc = translated_sample();
    doc.translations[0].lessons.push("Noch eine".into());
    let html = in_lang(&doc, "de").await;
    assert!(html.contains(&esc(&doc.lessons[0])));
    assert_eq!(
        lang_of(&html, "class=\"ic-lessons\"").as_deref(),
        Some("en")
    );
    let note = text(element(&html, "class=\"ic-quiet ic-langs\"").unwrap());
    assert!(
        note.starts_with("Übersetzt: Titel, Zusammenfassung, Fakten."),
        "{note}"
    );
}

#[tokio::test]
async fn the_note_names_only_the_translated_parts_the_card_shows() {
    let doc = translated_sample();
    let note = |html: &str| text(element(html, "class=\"ic-quiet ic-langs\"").unwrap());
    // Compact: the title and the summary, no facts or lessons on show.
    let html = card(
        &doc,
        CardOptions {
            lang: Some("de".into()),
            ..compact()
        },
    )
    .await;
    assert!(
        note(&html).starts_with("Übersetzt: Titel, Zusammenfassung."),
        "{}",
        note(&html)
    );
    // Only the chain, the impact and the citation: of the translated parts, only the title.
    let html = card(
        &doc,
        CardOptions {
            lang: Some("de".into()),
            sections: Sections::parse("chain,impact,citation"),
            ..full()
        },
    )
    .await;
    assert!(
        note(&html).starts_with("Übersetzt: Titel."),
        "{}",
        note(&html)
    );
    // Withdrawn: the tombstone shows the title alone.
    let mut withdrawn = doc.clone();
    withdrawn.status = Status::Withdrawn;
    withdrawn.withdrawn = Some(Withdrawal {
        date: "2026-12-01".into(),
        reason: "Merged into another case.".into(),
    });
    let html = in_lang(&withdrawn, "de").await;
    assert!(
        note(&html).starts_with("Übersetzt: Titel."),
        "{}",
        note(&html)
    );
    // A Spanish compact card whose translation has lessons only: nothing translated on show.
    let mut lessons_only = doc.clone();
    lessons_only.translations = vec![Translation {
        lang: "es".into(),
        title: None,
        summary: None,
        claims: Vec::new(),
        lessons: doc.lessons.clone(),
    }];
    let html = card(
        &lessons_only,
        CardOptions {
            lang: Some("es".into()),
            ..compact()
        },
    )
    .await;
    assert_eq!(note(&html), "Se muestra en su idioma original.");
}

// ---------------------------------------------------------------- revision pins

/// The full sample at revision 3, with a history; revision 1 is kept at an address, revision 2
/// nowhere.
fn revised() -> Incident {
    let mut doc = full_doc();
    doc.revision = 3;
    doc.dates.modified = Some("2026-03-04".into());
    doc.history = vec![
        Revision {
            revision: 1,
            date: "2026-01-10".into(),
            url: Some("https://registry.example/cases/X/r1/".into()),
            changes: vec![],
        },
        Revision {
            revision: 2,
            date: "2026-02-01".into(),
            url: None,
            changes: vec!["changed: summary".into()],
        },
        Revision {
            revision: 3,
            date: "2026-03-04".into(),
            url: None,
            changes: vec![
                "claim now disputed: <b>x</b>".into(),
                "source added: y".into(),
            ],
        },
    ];
    doc
}

async fn pinned(doc: &Incident, revision: Option<u32>, lang: Option<&str>) -> String {
    card(
        doc,
        CardOptions {
            revision,
            lang: lang.map(Into::into),
            ..full()
        },
    )
    .await
}

#[tokio::test]
async fn a_card_pinned_to_an_older_revision_says_what_changed_since() {
    let doc = revised();
    let html = pinned(&doc, Some(1), None).await;
    let notice = element(&html, "class=\"ic-notice ic-pin\"").expect("the notice");
    assert!(notice.contains("role=\"note\""));
    assert!(
        text(notice).contains("Updated since this page embedded it, on 4 March 2026."),
        "{notice}"
    );
    assert!(notice.contains("<time datetime=\"2026-03-04\">"));
    // Every line since revision 1, newest revision first, as text.
    let list = element(notice, "<ul").unwrap();
    assert_eq!(
        text(list),
        "claim now disputed: &lt;b&gt;x&lt;/b&gt;source added: ychanged: summary"
    );
    // One click from the revision the page embedded, by the link policy.
    assert!(notice.contains("href=\"https://registry.example/cases/X/r1/\""));
    assert!(text(notice).contains("The version this page embedded: revision 1"));
    assert_link_policy(&html, false);
    // Before the facts: a reader is told first.
    assert!(html.find("ic-pin").unwrap() < html.find("data-claims").unwrap());
}

#[tokio::test]
async fn an_embedded_revision_the_registry_does_not_keep_is_named_without_a_link() {
    let doc = revised();
    let html = pinned(&doc, Some(2), None).await;
    let notice = element(&html, "class=\"ic-notice ic-pin\"").unwrap();
    assert!(
        text(notice).contains("This page embedded revision 2, which the registry does not keep.")
    );
    assert!(!notice.contains("<a "));
    assert!(
        !text(notice).contains("changed: summary"),
        "only what came after 2"
    );
    // A document without history still says it is newer, with its date (`filed`, without
    // `modified`), and that the registry does not keep the embedded revision.
    let mut plain = full_doc();
    plain.revision = 2;
    plain.dates.modified = None;
    let html = pinned(&plain, Some(1), None).await;
    let notice = element(&html, "class=\"ic-notice ic-pin\"").unwrap();
    assert!(!notice.contains("<ul"));
    assert_eq!(
        text(notice),
        "Updated since this page embedded it, on 2 January 2026. This page embedded revision 1, which the registry does not keep."
    );
}

#[tokio::test]
async fn a_history_that_starts_after_the_embedded_revision_lists_no_part_as_the_whole() {
    let mut doc = revised();
    doc.history.remove(0);
    let html = pinned(&doc, Some(1), None).await;
    let notice = element(&html, "class=\"ic-notice ic-pin\"").unwrap();
    assert!(!notice.contains("<ul"), "{notice}");
    assert!(text(notice).contains("on 4 March 2026"));
}

#[tokio::test]
async fn an_unchanged_or_unpinned_card_has_no_notice() {
    let doc = revised();
    assert!(!pinned(&doc, None, None).await.contains("ic-pin"));
    assert!(
        !pinned(&doc, Some(3), None).await.contains("ic-pin"),
        "the live revision"
    );
    assert!(
        !pinned(&doc, Some(9), None).await.contains("ic-pin"),
        "a pin newer than the document (a stale cache) says nothing"
    );
}

#[tokio::test]
async fn a_withdrawn_case_shows_the_tombstone_and_the_way_to_what_was_embedded() {
    let mut doc = revised();
    doc.status = Status::Withdrawn;
    doc.withdrawn = Some(Withdrawal {
        date: "2026-03-04".into(),
        reason: "Duplicate of another case.".into(),
    });
    let html = pinned(&doc, Some(1), None).await;
    let tomb = html.find("ic-tombstone").expect("the tombstone");
    let pin = html.find("ic-pin").expect("the link under it");
    assert!(tomb < pin);
    let notice = element(&html, "class=\"ic-notice ic-pin\"").unwrap();
    assert!(notice.contains("href=\"https://registry.example/cases/X/r1/\""));
    assert!(
        !text(notice).contains("source added"),
        "the tombstone says why"
    );
    assert!(
        !html.contains("data-claims"),
        "no facts of a withdrawn case"
    );
}

#[tokio::test]
async fn the_notice_speaks_the_readers_language() {
    let doc = revised();
    let html = pinned(&doc, Some(1), Some("de")).await;
    let notice = element(&html, "class=\"ic-notice ic-pin\"").unwrap();
    assert!(
        text(notice).contains("Am 4. März 2026 aktualisiert"),
        "{}",
        text(notice)
    );
    assert!(text(notice).contains("Revision 1"));
    // The registry's lines stay in the document's language, marked so.
    assert!(element(notice, "<ul")
        .unwrap()
        .starts_with("<ul lang=\"en\">"));
}
