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
    assert_eq!(stderr(&o), "ICS-0001: revision 1 → 2, 4 change(s)\n");
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
    let o = run(&[
        "site",
        "data",
        out.path(),
        "--base",
        "https://cards.example/",
    ]);
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
    let o = run(&[
        "site",
        dir.path(),
        out.path(),
        "--base",
        "https://cards.example/",
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stdout(&o).contains("a registry keeps one document per case"),
        "{}",
        stdout(&o)
    );
    assert!(!out.0.join("cases").exists(), "nothing written");
}
