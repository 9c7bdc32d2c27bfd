//! The sample registry in `data/` keeps its own rules: every document is valid, named after its id,
//! and the cross-links between cases agree with the cases they point to.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;
use std::path::PathBuf;

use incident_model::{parse_incident, parse_index, Incident};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn load_all() -> HashMap<String, Incident> {
    let dir = data_dir().join("incidents");
    let mut docs = HashMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/incidents exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path).expect("readable file");
        let doc = parse_incident(&bytes)
            .unwrap_or_else(|e| panic!("{}: {:?}", path.display(), e.lines()));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        assert_eq!(
            stem,
            doc.id,
            "{} must be named after its id",
            path.display()
        );
        docs.insert(doc.id.clone(), doc);
    }
    docs
}

#[test]
fn eight_documents_all_valid() {
    let docs = load_all();
    let mut ids: Vec<_> = docs.keys().cloned().collect();
    ids.sort();
    let expected: Vec<String> = (1..=8).map(|n| format!("ICS-{n:04}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn related_summaries_match_their_targets() {
    let docs = load_all();
    for doc in docs.values() {
        for (i, r) in doc.related.iter().enumerate() {
            let target = docs
                .get(&r.id)
                .unwrap_or_else(|| panic!("{} related[{i}] names unknown {}", doc.id, r.id));
            let s = r
                .summary
                .as_ref()
                .expect("every sample link carries a summary");
            let at = format!("{} related[{i}] -> {}", doc.id, r.id);
            assert_eq!(s.title, target.title, "{at}: title");
            assert_eq!(s.severity, Some(target.severity.level), "{at}: severity");
            assert_eq!(s.date, target.dates.occurred, "{at}: date");
            assert_eq!(
                s.organisation.as_deref(),
                target.organisations.first().map(|o| o.name.as_str()),
                "{at}: organisation"
            );
        }
    }
}

#[test]
fn links_go_both_ways() {
    let docs = load_all();
    for doc in docs.values() {
        for r in &doc.related {
            let back = docs[&r.id].related.iter().any(|b| b.id == doc.id);
            assert!(back, "{} links to {} but not the other way", doc.id, r.id);
        }
    }
}

#[test]
fn registry_conventions() {
    for doc in load_all().values() {
        assert_eq!(doc.dates.filed.as_deref(), Some("2026-11-21"), "{}", doc.id);
        assert_eq!(doc.lang, "en");
        assert_eq!(doc.licence.spdx, "CC-BY-4.0");
        assert_eq!(
            doc.licence.attribution,
            "incident-cards sample registry contributors"
        );
        let citation = doc
            .citation
            .as_ref()
            .expect("every sample case has a citation");
        assert!(
            citation.permalink.is_none(),
            "{}: no permalink exists",
            doc.id
        );
        assert!(
            citation.text.contains(&doc.id),
            "{}: citation names the id",
            doc.id
        );
        assert!(
            citation.text.contains(&doc.title),
            "{}: citation names the title",
            doc.id
        );
        assert!(
            doc.links.is_empty(),
            "{}: the sample registry has no pages",
            doc.id
        );
        // The only full address the seeds give is the failure index's page for FI-0026.
        for s in &doc.sources {
            if let Some(url) = &s.url {
                assert_eq!(
                    url,
                    "https://failureindex.ai/failures/amazon-kiro-coding-agent-deleted-production",
                    "{}: source {} has an address the seeds do not give",
                    doc.id,
                    s.id
                );
            }
        }
    }
}

#[test]
fn the_dns_outage_is_marked_as_not_ai() {
    let docs = load_all();
    let dns = &docs["ICS-0008"];
    assert_eq!(dns.ai_involvement, incident_model::AiInvolvement::None);
    assert!(dns.summary.to_lowercase().contains("not an ai incident"));
}

#[test]
fn checked_in_index_parses_and_lists_every_case() {
    let bytes = std::fs::read(data_dir().join("index.json")).expect("data/index.json exists");
    let index = parse_index(&bytes).unwrap_or_else(|e| panic!("{:?}", e.lines()));
    let docs = load_all();
    assert_eq!(index.incidents.len(), docs.len());
    for entry in &index.incidents {
        assert_eq!(entry.href, format!("incidents/{}.json", entry.id));
        assert_eq!(entry.title, docs[&entry.id].title);
    }
}
