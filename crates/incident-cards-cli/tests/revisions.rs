//! Revisions as a registry publishes them: `revise` makes an edited document the next revision
//! with its history; snippets pin the revision they were made from; `site` publishes the
//! earlier revisions it keeps; `validate` checks where they are kept.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use base64::Engine;
use common::*;
use serde_json::{json, Value};
use sha2::Digest;

/// ICS-0001 at revision 1 and an edit of it: a source removed, a claim newly disputed, a new
/// claim that is disputed, the severity raised.
fn edited(dir: &TempDir) -> (std::path::PathBuf, std::path::PathBuf, Value) {
    let old = sample();
    let mut new = old.clone();
    new["claims"][0]["status"] = json!("disputed");
    new["claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({"text": "A new claim, already contested.", "status": "disputed"}));
    new["severity"]["level"] = json!("critical");
    let removed = new["sources"].as_array_mut().unwrap().pop().unwrap();
    (
        dir.write("old.json", old.to_string()),
        dir.write("new.json", new.to_string()),
        removed,
    )
}

/// `site DIR OUT` for the test address.
fn site(dir: &str, out: &str) -> std::process::Output {
    run(&["site", dir, out, "--base", "https://cards.example/"])
}

fn revise(old: &std::path::Path, new: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["revise", old.to_str().unwrap(), new.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn revise_writes_the_next_revision_with_its_history() {
    let dir = TempDir::new("revise");
    let (old, new, removed) = edited(&dir);
    let o = revise(
        &old,
        &new,
        &[
            "--date",
            "2026-12-02",
            "--kept-at",
            "https://cards.example/cases/ICS-0001/r1/",
        ],
    );
    assert!(o.status.success(), "{o:?}");
    // (The sample's citation text names revision 1: the note about it comes first.)
    let err = stderr(&o);
    assert_eq!(
        err.lines().last(),
        Some("ICS-0001: revision 1 → 2, 4 change(s)")
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["revision"], 2);
    assert_eq!(doc["schema_version"], "1.2.0");
    assert_eq!(doc["dates"]["modified"], "2026-12-02");
    assert_eq!(
        doc["history"],
        json!([
            {"revision": 1, "date": "2026-11-21", "url": "https://cards.example/cases/ICS-0001/r1/"},
            {"revision": 2, "date": "2026-12-02", "changes": [
                format!("claim now disputed: {}", doc["claims"][0]["text"].as_str().unwrap()),
                "claim now disputed: A new claim, already contested.",
                "changed: severity.level",
                format!("source removed: {}", removed["title"].as_str().unwrap()),
            ]}
        ]),
        "a new contested claim is told once, first"
    );
    // What it prints is a valid document, and `diff` prints its history's lines.
    let out = dir.write("out.json", stdout(&o));
    assert!(run(&["validate", out.to_str().unwrap()]).status.success());
    let d = run(&["diff", old.to_str().unwrap(), out.to_str().unwrap()]);
    let diffed: Vec<String> = stdout(&d)
        .lines()
        .skip(1)
        .map(|l| l.trim().to_owned())
        .collect();
    assert_eq!(json!(diffed), doc["history"][1]["changes"]);

    // The next revision continues the history; `-o` writes the file.
    let mut third = doc.clone();
    third["summary"] = json!("A shorter summary.");
    let third_file = dir.write("third.json", third.to_string());
    let o = revise(
        &out,
        &third_file,
        &["--date", "2026-12-05", "-o", third_file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{o:?}");
    assert!(stderr(&o).contains("written to"), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&third_file).unwrap()).unwrap();
    assert_eq!(doc["revision"], 3);
    let history = doc["history"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(
        history[0]["url"],
        "https://cards.example/cases/ICS-0001/r1/"
    );
    assert_eq!(history[2]["changes"], json!(["changed: summary"]));
}

#[test]
fn revise_refuses_what_is_not_a_revision() {
    let dir = TempDir::new("revise-bad");
    let (old, new, _) = edited(&dir);
    let cases: [(&[&str], &str); 3] = [
        (
            &["--date", "2026-11-20"],
            "is before revision 1 was published (2026-11-21)",
        ),
        (
            &["--date", "yesterday"],
            "is not a date; give it as YYYY-MM-DD",
        ),
        (&["--kept-at", "javascript:alert(1)"], "--kept-at"),
    ];
    for (extra, message) in cases {
        let o = revise(&old, &new, extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {o:?}");
        assert!(stderr(&o).contains(message), "{extra:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    let o = revise(&old, &old, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("a revision records a change (nothing written)"));
    let other = repo().join("data/incidents/ICS-0003.json");
    let o = revise(&old, &other, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a revision continues one case"));
}

#[test]
fn revise_tells_every_change_and_drops_nothing() {
    let dir = TempDir::new("revise-fields");
    let old = sample();
    let old_file = dir.write("old.json", old.to_string());
    // A change `diff` did not see (regression: "say the same", nothing written).
    let mut new = old.clone();
    new["sources"][0]["title"] = json!("A corrected title");
    new["citation"]["text"] = json!("A corrected citation.");
    let new_file = dir.write("new.json", new.to_string());
    let o = revise(&old_file, &new_file, &["--date", "2026-12-02"]);
    assert!(o.status.success(), "{o:?}");
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        doc["history"][1]["changes"],
        json!(["changed: citation", "changed: sources (details)"])
    );
    // A field the model does not read would be dropped: refused, nothing printed.
    new["x_registry_note"] = json!("kept by the registry");
    new["sources"][1]["x_checked"] = json!(true);
    let new_file = dir.write("new.json", new.to_string());
    let o = revise(&old_file, &new_file, &["--date", "2026-12-02"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("does not read (sources[1].x_checked, x_registry_note)"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    // OLD without a day of publication: its history entry could not be dated.
    let mut undated = old.clone();
    undated["dates"].as_object_mut().unwrap().remove("filed");
    let undated_file = dir.write("undated.json", undated.to_string());
    let mut edited = undated.clone();
    edited["summary"] = json!("Shorter.");
    let edited_file = dir.write("edited.json", edited.to_string());
    let o = revise(&undated_file, &edited_file, &["--date", "2026-12-02"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(stderr(&o).contains("names no day for revision 1"));
    // A document in another language: the English lines are pointed out.
    let mut german = old.clone();
    german["lang"] = json!("de");
    let german_file = dir.write("german.json", german.to_string());
    let mut edited = german.clone();
    edited["summary"] = json!("Kürzer.");
    let edited_file = dir.write("edited.json", edited.to_string());
    let o = revise(&german_file, &edited_file, &["--date", "2026-12-02"]);
    assert!(o.status.success(), "{o:?}");
    assert!(stderr(&o)
        .contains("the lines of what changed are in English and the document is in \"de\""));
}

#[test]
fn more_changes_than_a_revision_holds_are_summed_up_in_the_last_line() {
    let dir = TempDir::new("revise-many");
    let old = sample();
    let mut new = old.clone();
    let claims = new["claims"].as_array_mut().unwrap();
    for i in 0..45 {
        claims
            .push(json!({"text": format!("Added claim {i}."), "status": "not-publicly-confirmed"}));
    }
    let (old, new) = (
        dir.write("old.json", old.to_string()),
        dir.write("new.json", new.to_string()),
    );
    let o = revise(&old, &new, &["--date", "2026-12-02"]);
    assert!(o.status.success(), "{o:?}");
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let lines = doc["history"][1]["changes"].as_array().unwrap();
    assert_eq!(lines.len(), 40);
    assert_eq!(
        lines[39],
        "and 6 more changes (`incident-cards diff` lists them all)"
    );
}

/// `sha256-BASE64` of a file's bytes.
fn hash(path: &std::path::Path) -> String {
    let digest = sha2::Sha256::digest(std::fs::read(path).unwrap());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[test]
fn snippets_pin_the_revision_they_were_made_from() {
    let file = repo().join("data/incidents/ICS-0002.json");
    let pin = format!(
        "revision=\"2\" revision-date=\"2026-12-02\" revision-hash=\"{}\"",
        hash(&file)
    );
    let f = file.to_str().unwrap();
    let o = run(&["snippet", f, "--base", "https://cards.example/"]);
    assert!(o.status.success(), "{o:?}");
    assert!(
        stdout(&o).starts_with(&format!(
            "<incident-card src=\"https://cards.example/data/incidents/ICS-0002.json\" variant=\"full\" theme=\"auto\" {pin}>"
        )),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "snippet",
        f,
        "--base",
        "https://cards.example/",
        "--mode",
        "blockquote",
    ]);
    assert!(stdout(&o).contains(&format!(
        " data-{}",
        pin.replace("\" revision", "\" data-revision")
    )));
}

#[test]
fn site_publishes_the_earlier_revisions_it_keeps() {
    let out = TempDir::new("site-revisions");
    let o = site("data", out.path());
    assert!(o.status.success(), "{o:?}");
    let read = |p: &str| std::fs::read_to_string(out.0.join(p)).expect(p);
    let kept = repo().join("data/revisions/ICS-0002/1.json");
    let page = read("cases/ICS-0002/r1/index.html");
    for needle in [
        "<meta name=\"robots\" content=\"noindex\">",
        "<link rel=\"canonical\" href=\"https://cards.example/cases/ICS-0002/\">",
        "<h1>Case ICS-0002, revision 1</h1>",
        "<a href=\"https://cards.example/cases/ICS-0002/\">The current revision</a> is 2 of 2026-12-02.",
        "<li>status: published → disputed</li>",
    ] {
        assert!(page.contains(needle), "{needle} not in the revision page");
    }
    // The card as it was, pinned (by the hash of the file kept), and static: no loader.
    assert!(page.contains(&format!(
        "revision=\"1\" revision-date=\"2026-11-21\" revision-hash=\"{}\"",
        hash(&kept)
    )));
    assert!(!page.contains("embed.js"));
    let card = &page[page.find("<incident-card").unwrap()..];
    assert!(
        !card.contains("Amazon insists AI coding"),
        "the source added in revision 2"
    );
    // The case page lists the revisions, newest first, linking the kept one here.
    let case = read("cases/ICS-0002/index.html");
    assert!(case.contains("<h2 id=\"history\">Revisions</h2>"));
    assert!(case.contains("<li>Revision 1, 2026-11-21 · <a href=\"r1/\">as published</a></li>"));
    assert!(
        case.find("Revision 2, 2026-12-02 (this one)").unwrap()
            < case.find("Revision 1, 2026-11-21").unwrap()
    );
    // The feed tells what the revision changed, before the summary.
    assert!(read("feed.xml").contains(
        "<summary>Revision 2 changed: status: published → disputed; claim now disputed: One of the two"
    ));
    // A case without kept revisions has none.
    assert!(!out.0.join("cases/ICS-0001/r1").exists());
}

/// The sample document at `path` without its related cases, which a registry of one case lacks.
fn alone(path: &str) -> String {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join(path)).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("related");
    v.to_string()
}

#[test]
fn validate_checks_where_earlier_revisions_are_kept() {
    let dir = TempDir::new("validate-revisions");
    // The two revisions of ICS-0002, alone in a registry.
    let current = alone("data/incidents/ICS-0002.json");
    let first = alone("data/revisions/ICS-0002/1.json");
    dir.write("incidents/ICS-0002.json", &current);
    dir.write("revisions/ICS-0002/1.json", &first);
    let o = run(&["validate", dir.path()]);
    assert!(o.status.success(), "{o:?}");
    // Kept under another case's folder, under the wrong number, or as the current revision.
    dir.write("revisions/ICS-0009/1.json", &first);
    dir.write("revisions/ICS-0002/3.json", &first);
    dir.write("revisions/ICS-0002/2.json", &current);
    let o = run(&["validate", dir.path()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for needle in [
        "ICS-0009/1.json: id: \"ICS-0002\" is not the case of its folder",
        "ICS-0002/3.json: revision: this is revision 1; name the file 1.json",
        "ICS-0002/2.json: revision: 2 is not earlier than the current document's (2)",
    ] {
        assert!(out.contains(needle), "{needle} not in {out}");
    }
    assert!(!out.contains("is also the id of"), "{out}");
}

/// Regression: a copy kept below `incidents/revisions/` passed `validate` as an earlier
/// revision, and `site` published it as the case page.
#[test]
fn an_earlier_revision_among_the_cases_is_a_second_copy_of_the_case() {
    let dir = TempDir::new("revisions-misplaced");
    dir.write(
        "incidents/ICS-0002.json",
        alone("data/incidents/ICS-0002.json"),
    );
    dir.write(
        "incidents/revisions/ICS-0002/1.json",
        alone("data/revisions/ICS-0002/1.json"),
    );
    let o = run(&["validate", dir.path()]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stdout(&o).contains("1.json: id: \"ICS-0002\" is also the id of"),
        "{}",
        stdout(&o)
    );
    let out = TempDir::new("revisions-misplaced-site");
    let o = site(dir.path(), out.path());
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("a registry keeps one document per case"),
        "{}",
        stderr(&o)
    );
    assert!(!out.0.join("cases").exists(), "nothing written");
}

/// Regression: `revise` of a document at the highest revision number panicked ("attempt to add
/// with overflow").
#[test]
fn revise_after_the_highest_revision_number_is_refused_not_a_panic() {
    let dir = TempDir::new("revise-max");
    let mut old = sample();
    old["revision"] = json!(u32::MAX);
    let mut new = old.clone();
    new["title"] = json!("Another title");
    let (old, new) = (
        dir.write("old.json", old.to_string()),
        dir.write("new.json", new.to_string()),
    );
    let o = revise(
        &old,
        &new,
        &["-o", dir.0.join("out.json").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("the highest a revision number can be"),
        "{err}"
    );
    assert!(!dir.0.join("out.json").exists());
}

/// Regression: `revise` validated the new revision but wrote it pretty-printed without checking
/// its size, so a NEW written compactly near the limit became a file over it, which `validate`
/// then refused.
#[test]
fn revise_writes_nothing_over_the_size_limit() {
    let dir = TempDir::new("revise-size");
    let old = sample();
    let mut new = old.clone();
    let langs = [
        "de", "fr", "es", "it", "pt", "nl", "sv", "da", "fi", "pl", "cs", "ja", "zh", "ko", "ar",
        "he",
    ];
    // As many claims as a document may hold, each translated.
    let mut n = 0;
    while new["claims"].as_array().unwrap().len() < incident_model::limits::CLAIMS {
        n += 1;
        new["claims"].as_array_mut().unwrap().push(
            json!({"text": format!("Claim {n} added."), "status": "verified", "sources": ["apm-0005"]}),
        );
    }
    let claims = new["claims"].as_array().unwrap().len();
    // Every claim translated into 16 languages, each text long enough that the compact file is
    // just under the limit and the pretty-printed one (an indented line per text) over it.
    let text = |len: usize| "x".repeat(len);
    let make = |len: usize| {
        let mut v = new.clone();
        v["translations"] = json!(langs
            .iter()
            .map(|l| json!({"lang": l, "claims": vec![text(len); claims]}))
            .collect::<Vec<_>>());
        v
    };
    let limit = incident_model::limits::DOCUMENT_BYTES;
    let len = (1..600)
        .rev()
        .find(|&len| make(len).to_string().len() < limit - 200)
        .unwrap();
    new = make(len);
    let compact = new.to_string();
    let new_path = dir.write("new.json", &compact);
    let pretty = serde_json::to_string_pretty(&new).unwrap();
    assert!(
        pretty.len() > limit,
        "the test's NEW grows past the limit when pretty-printed"
    );
    assert!(
        run(&["validate", new_path.to_str().unwrap()])
            .status
            .success(),
        "NEW is valid"
    );
    let old_path = dir.write("old.json", old.to_string());
    let out = dir.0.join("out.json");
    let o = revise(&old_path, &new_path, &["-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("over the 262144-byte limit of a document; shorten NEW"),
        "{o:?}"
    );
    assert!(!out.exists());
}

/// Regression: `revise` refused a NEW that starts with a byte order mark ("not JSON"), which
/// `validate` and every reader accept.
#[test]
fn revise_reads_a_new_revision_with_a_byte_order_mark() {
    let dir = TempDir::new("revise-bom");
    let old = sample();
    let mut new = old.clone();
    new["title"] = json!("Another title");
    let old = dir.write("old.json", old.to_string());
    let new = dir.write(
        "new.json",
        [b"\xEF\xBB\xBF".as_slice(), new.to_string().as_bytes()].concat(),
    );
    let o = revise(&old, &new, &["--date", "2026-12-01"]);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("\"title\": \"Another title\""));
}

/// Regression: `revise` took the day OLD was published from `modified`, else `filed`, though
/// OLD's history names it: a `--date` before that day got past the check and ended in a message
/// that blamed NEW.
#[test]
fn revise_checks_the_date_against_the_day_old_was_published() {
    let dir = TempDir::new("revise-history-day");
    let mut old = sample();
    old["revision"] = json!(2);
    old["history"] = json!([
        {"revision": 1, "date": "2026-11-21"},
        {"revision": 2, "date": "2026-12-01", "changes": ["changed: summary"]}
    ]);
    let mut new = old.clone();
    new["title"] = json!("Another title");
    let (old, new) = (
        dir.write("old.json", old.to_string()),
        dir.write("new.json", new.to_string()),
    );
    let o = revise(&old, &new, &["--date", "2026-11-25"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(
        stderr(&o).contains("--date 2026-11-25 is before revision 2 was published (2026-12-01)"),
        "{o:?}"
    );
}

/// Regression: `site` read a case's kept revisions from every folder below `revisions/ID/`,
/// where `validate` reports such a file as a second copy of the case; and a kept revision the
/// current document's history does not name was published but not linked from the case page.
#[test]
fn site_reads_kept_revisions_where_validate_does_and_links_each() {
    let dir = TempDir::new("site-kept");
    let first = alone("data/incidents/ICS-0003.json");
    let mut current: Value = serde_json::from_str(&first).unwrap();
    current["revision"] = json!(2);
    current["dates"]["modified"] = json!("2026-12-01");
    current["title"] = json!("A title of revision 2");
    dir.write("incidents/ICS-0003.json", current.to_string());
    dir.write("revisions/ICS-0003/1.json", &first);
    let out = TempDir::new("site-kept-out");
    let o = site(dir.path(), out.path());
    assert!(o.status.success(), "{o:?}");
    let case = std::fs::read_to_string(out.0.join("cases/ICS-0003/index.html")).unwrap();
    assert!(
        case.contains("<li>Revision 2, 2026-12-01 (this one)</li>"),
        "{case}"
    );
    assert!(case.contains("<li>Revision 1, 2026-11-21 · <a href=\"r1/\">as published</a></li>"));
    assert!(out.0.join("cases/ICS-0003/r1/index.html").is_file());
    // An empty folder there, or an index.json, is no document: it changes nothing.
    std::fs::create_dir_all(dir.0.join("revisions/ICS-0003/empty")).unwrap();
    dir.write("revisions/ICS-0003/index.json", "{}");
    assert!(site(dir.path(), out.path()).status.success());
    // A copy one folder further down is not a kept revision: both commands refuse it.
    dir.write("revisions/ICS-0003/old/1.json", &first);
    let o = site(dir.path(), out.path());
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("a kept revision goes at revisions/ICS-0003/N.json, not elsewhere"),
        "{o:?}"
    );
    assert_eq!(run(&["validate", dir.path()]).status.code(), Some(1));
}

/// Regression: the card of a withdrawn case shows a tombstone, but `site` and `snippet` still
/// told other programs the summary it withdrew: the page's description and JSON-LD, the feed,
/// the readable fallback beside the card.
#[test]
fn a_withdrawn_case_s_summary_reaches_no_other_program() {
    let dir = TempDir::new("site-withdrawn");
    let mut doc: Value = serde_json::from_str(&alone("data/incidents/ICS-0003.json")).unwrap();
    let summary = doc["summary"].as_str().unwrap().to_owned();
    let start = summary.get(..40).unwrap().to_owned();
    doc["status"] = json!("withdrawn");
    doc["withdrawn"] = json!({"date": "2026-12-05", "reason": "Filed twice; see ICS-0002."});
    doc["dates"]["modified"] = json!("2026-12-05");
    let file = dir.write("incidents/ICS-0003.json", doc.to_string());
    let out = TempDir::new("site-withdrawn-out");
    let o = site(dir.path(), out.path());
    assert!(o.status.success(), "{o:?}");
    let said = "This case has been withdrawn on 2026-12-05. Reason: Filed twice; see ICS-0002.";
    for page in [
        "cases/ICS-0003/index.html",
        "cases/ICS-0003/embed/index.html",
        "feed.xml",
    ] {
        let text = std::fs::read_to_string(out.0.join(page)).unwrap();
        assert!(
            !text.contains(&start),
            "{page} still has the summary: {text}"
        );
        assert!(text.contains(said), "{page}: {text}");
    }
    let case = std::fs::read_to_string(out.0.join("cases/ICS-0003/index.html")).unwrap();
    assert!(
        case.contains("\"creativeWorkStatus\":\"Withdrawn\""),
        "{case}"
    );
    // Nor the index (lists never show the case; its entry says it was withdrawn).
    let index = stdout(&run(&["index", dir.path(), "--stdout"]));
    assert!(!index.contains(&start), "{index}");
    assert!(index.contains(said), "{index}");
    let o = run(&[
        "snippet",
        file.to_str().unwrap(),
        "--base",
        "https://cards.example/",
        "--mode",
        "blockquote",
    ]);
    let snippet = stdout(&o);
    assert!(!snippet.contains(&start), "{snippet}");
    assert!(
        snippet.contains("<p lang=\"en\">This case has been withdrawn on 2026-12-05. Reason: <span lang=\"en\">Filed twice; see ICS-0002.</span></p>"),
        "{snippet}"
    );
}

/// Regression: `revise` left the document's citation text as it was, and a text that named the
/// old revision then cited it on every card of the new one, without a word.
#[test]
fn revise_notes_a_citation_that_names_the_old_revision() {
    let dir = TempDir::new("revise-citation");
    let old = sample();
    assert!(old["citation"]["text"]
        .as_str()
        .unwrap()
        .contains("revision 1."));
    let mut new = old.clone();
    new["summary"] = json!(format!("{} Edited.", old["summary"].as_str().unwrap()));
    let (old_file, new_file) = (
        dir.write("old.json", old.to_string()),
        dir.write("new.json", new.to_string()),
    );
    let o = revise(&old_file, &new_file, &["--date", "2026-12-05"]);
    assert!(o.status.success(), "{o:?}");
    assert!(
        stderr(&o).contains("note: citation.text still says \"revision 1\""),
        "{o:?}"
    );
    assert!(stderr(&o).contains("make it cite revision 2 of 2026-12-05"));
    // A citation that cites the new revision (or none) is not noted; nor is "revision 10".
    for text in [
        "Case ICS-0001, revision 2.",
        "Revision 10 of the case.",
        "No revision named.",
    ] {
        new["citation"]["text"] = json!(text);
        let new_file = dir.write("new.json", new.to_string());
        let o = revise(&old_file, &new_file, &["--date", "2026-12-05"]);
        assert!(o.status.success(), "{o:?}");
        assert!(!stderr(&o).contains("citation.text"), "{text}: {o:?}");
    }
}
