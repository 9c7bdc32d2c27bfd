//! One test per bug found in the command-line tool.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incident-cards"));
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    cmd
}

/// `incident-cards render FILE | head -c 50` panicked with "failed printing to stdout: Broken
/// pipe". A reader that stops early must end the command quietly.
#[test]
fn closed_stdout_is_not_a_panic() {
    for args in [
        &["render", "data/incidents/ICS-0001.json"][..],
        &[
            "snippet",
            "data/incidents/ICS-0001.json",
            "--base",
            "https://cards.example/",
        ][..],
        &["schema"][..],
        &["validate", "data/incidents"][..],
    ] {
        // A pipe whose reading end is already closed: the first write fails with EPIPE.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = bin()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run incident-cards");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn snippet_is_the_prerendered_card_with_fallback_and_script() {
    let out = bin()
        .args([
            "snippet",
            "data/incidents/ICS-0001.json",
            "--base",
            "https://cards.example/",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("utf-8");
    assert!(html
        .starts_with("<incident-card src=\"https://cards.example/data/incidents/ICS-0001.json\""));
    assert!(html.contains("<template shadowrootmode=\"open\"><style>"));
    assert!(html.contains("<article part=\"card\""));
    assert!(html.contains("<script async src=\"https://cards.example/embed.js\"></script>"));
    assert!(!html.contains("style="));
    let quote = bin()
        .args([
            "snippet",
            "data/incidents/ICS-0001.json",
            "--base",
            "https://cards.example/",
            "--mode",
            "blockquote",
        ])
        .output()
        .expect("run");
    let quote = String::from_utf8(quote.stdout).expect("utf-8");
    assert!(quote.starts_with("<blockquote class=\"incident-card\""));
    assert!(quote.contains(
        "<a href=\"https://cards.example/data/incidents/ICS-0001.json\">Case ICS-0001</a>"
    ));
}

/// Regression: `site` and `index` given a folder that is not a registry (the `incidents/` folder
/// itself, or a missing one) said "cannot read …/incidents/incidents" and then "fix the
/// documents above first", though there were none to fix.
#[test]
fn a_folder_that_is_not_a_registry_is_named_as_such() {
    let out = std::env::temp_dir().join(format!(
        "incident-cards-not-a-registry-{}",
        std::process::id()
    ));
    for args in [
        vec![
            "site",
            "data/incidents",
            out.to_str().unwrap(),
            "--base",
            "https://cards.example/",
        ],
        vec!["index", "data/incidents"],
        vec!["index", "no-such-folder"],
    ] {
        let o = bin().args(&args).output().expect("run");
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("not a registry folder: it has no incidents/ folder"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("fix the documents"), "{args:?}: {err}");
    }
    assert!(!out.exists());
}

/// Regression: after `index DIR --sharded`, `validate DIR` read the index's shard pages as
/// documents and reported each as a case without an id.
#[test]
fn validate_reads_a_registry_s_documents_only() {
    let dir = std::env::temp_dir().join(format!("incident-cards-sharded-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let data = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
    let copy = |from: &str| {
        for entry in std::fs::read_dir(data.join(from)).unwrap() {
            let path = entry.unwrap().path();
            let to = dir.join(path.strip_prefix(data).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&path, to).unwrap();
        }
    };
    copy("incidents");
    copy("revisions/ICS-0002");
    let o = bin()
        .args(["index", dir.to_str().unwrap(), "--sharded"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(dir.join("shards").is_dir());
    let o = bin()
        .args(["validate", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "{}{err}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(
        err.contains("9 document(s) checked, 0 with problems"),
        "{err}"
    );
    assert!(
        !err.contains("not read"),
        "the shards pass without a note: {err}"
    );
    // With another path beside it, the registry folder's shards are not read either (among
    // several paths the kept revision counts as a second copy of its case, as documented).
    let extra = dir.join("incidents/ICS-0001.json");
    let o = bin()
        .args(["validate", dir.to_str().unwrap(), extra.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains("shards"),
        "{o:?}"
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("9 document(s) checked"),
        "{o:?}"
    );
    // A document elsewhere in the folder is not read, and a note says so.
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::copy(&extra, dir.join("drafts/ICS-0001.json")).unwrap();
    let o = bin()
        .args(["validate", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "note: 1 .json file(s) of a registry folder outside incidents/ and revisions/ not read"
        ),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Regression: `validate` on a folder without documents said only "0 document(s) checked, 0 with
/// problems" and failed, without saying why.
#[test]
fn validate_says_when_it_found_no_documents() {
    let dir = std::env::temp_dir().join(format!("incident-cards-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = bin()
        .args(["validate", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no documents found"));
    let _ = std::fs::remove_dir_all(&dir);
}
