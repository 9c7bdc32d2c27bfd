//! Renders sample cards to static HTML pages for screenshots and for looking at:
//! `cargo run -p incident-card --features ssr --example screens [OUT_DIR]` (default
//! `target/screens`). Each page inlines the card's stylesheet and holds one card; the
//! `lang-<lang>-<theme>` pages hold the full card in each UI language, on a page in that language.
//! `crates/incident-card/tests/screenshots.mjs` turns the pages into PNGs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::rc::Rc;

use incident_card::ssr::{render_card, render_error, render_list};
use incident_card::{CardOptions, ErrorProps, ListProps, ListQuery, Sections, Theme, Variant};
use incident_model::{build_index, parse_incident, Incident};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A page in `lang` (the UI language of the card on it) holding `body`.
fn page(css: &str, lang: &str, theme: Theme, body: &str) -> String {
    let bg = match theme {
        Theme::Dark => "#0b0d10",
        _ => "#f4f4f1",
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>incident card</title>\
         <style>{css}</style><style>body{{margin:0;padding:16px;background:{bg}}}</style>\
         </head><body>{body}</body></html>"
    )
}

fn load(id: &str) -> Option<Incident> {
    let bytes = std::fs::read(root().join(format!("data/incidents/{id}.json"))).ok()?;
    match parse_incident(&bytes) {
        Ok(doc) => Some(doc),
        Err(e) => {
            eprintln!("{id}: {e}");
            None
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/screens"));
    std::fs::create_dir_all(&out).expect("create the output folder");
    let css = incident_card::STYLESHEET;
    let write_in = |name: &str, lang: &str, theme: Theme, body: &str| {
        std::fs::write(
            out.join(format!("{name}.html")),
            page(css, lang, theme, body),
        )
        .expect("write a page");
    };
    let write = |name: &str, theme: Theme, body: &str| write_in(name, "en", theme, body);
    let Some(main) = load("ICS-0001") else {
        eprintln!("data/incidents/ICS-0001.json is missing or invalid");
        std::process::exit(1);
    };
    let main = Rc::new(main);
    for (variant, vname) in [(Variant::Full, "full"), (Variant::Compact, "compact")] {
        for (theme, tname) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
            let options = CardOptions {
                variant,
                theme,
                case_url: Some("https://cases.example/ICS-0001".into()),
                ..CardOptions::default()
            };
            let html = render_card(main.clone(), options).await;
            write(&format!("{vname}-{tname}"), theme, &html);
        }
    }
    // The full card in each UI language, on a page in that language: lang-<lang>-<theme>.
    for lang in ["en", "de", "es", "ar"] {
        for (theme, tname) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
            let options = CardOptions {
                theme,
                case_url: Some("https://cases.example/ICS-0001".into()),
                lang: Some(lang.into()),
                ..CardOptions::default()
            };
            let html = render_card(main.clone(), options).await;
            write_in(&format!("lang-{lang}-{tname}"), lang, theme, &html);
        }
    }
    // A document with translations (ICS-0003), in German and Arabic: translated-<lang>.
    if let Some(translated) = load("ICS-0003") {
        let translated = Rc::new(translated);
        for lang in ["de", "ar"] {
            let options = CardOptions {
                case_url: Some("https://cases.example/ICS-0003".into()),
                lang: Some(lang.into()),
                ..CardOptions::default()
            };
            let html = render_card(translated.clone(), options).await;
            write_in(&format!("translated-{lang}"), lang, Theme::Light, &html);
        }
    }
    // The sections option: only the cause chain, the impact and the citation.
    let options = CardOptions {
        sections: Sections::parse("chain,impact,citation"),
        case_url: Some("https://cases.example/ICS-0001".into()),
        ..CardOptions::default()
    };
    write(
        "sections-light",
        Theme::Light,
        &render_card(main.clone(), options).await,
    );
    // Every sample, full and light, for a look at each.
    let mut docs = Vec::new();
    for n in 1..=99 {
        let id = format!("ICS-{n:04}");
        if !root().join(format!("data/incidents/{id}.json")).exists() {
            continue;
        }
        if let Some(doc) = load(&id) {
            let html = render_card(Rc::new(doc.clone()), CardOptions::default()).await;
            write(&format!("sample-{id}"), Theme::Light, &html);
            docs.push((format!("incidents/{id}.json"), doc));
        }
    }
    let error = render_error(ErrorProps {
        code: "fetch".into(),
        message: "The incident document could not be downloaded (HTTP 404).".into(),
        case_id: Some("ICS-0001".into()),
        case_url: Some("https://cases.example/ICS-0001".into()),
        theme: Theme::Light,
        variant: Variant::Compact,
        lang: None,
        heading_level: 2,
    })
    .await;
    write("error-light", Theme::Light, &error);
    let list = render_list(ListProps {
        query: ListQuery::from_attrs(None, None, None, None, Some("severity"), Some("4")),
        index_url: Some("https://cases.example/data/index.json".into()),
        theme: Theme::Light,
        heading_level: 3,
        ..ListProps::new(Rc::new(build_index(&docs)))
    })
    .await;
    write("list-light", Theme::Light, &list);
    println!("wrote pages to {}", out.display());
}
