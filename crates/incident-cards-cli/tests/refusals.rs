//! What the command refuses, and what it no longer refuses wrongly: one test per bug found by a
//! review of the command line (each reproduced on the build before its fix).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use serde_json::{json, Value};

/// A registry folder holding the sample registry's cases and kept revisions.
fn sample_registry(tag: &str) -> TempDir {
    let dir = TempDir::new(tag);
    for entry in std::fs::read_dir(repo().join("data/incidents")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        dir.write(&format!("incidents/{name}"), std::fs::read(&path).unwrap());
    }
    dir.write(
        "revisions/ICS-0002/1.json",
        std::fs::read(repo().join("data/revisions/ICS-0002/1.json")).unwrap(),
    );
    dir
}

/// A minimal valid document of case `id`, with `extra` fields set.
fn minimal(id: &str, extra: Value) -> String {
    let mut doc = json!({
        "schema_version": "1.0.0",
        "id": id,
        "title": "A title",
        "summary": "A summary.",
        "severity": { "value": "Low", "level": "low" },
        "licence": { "spdx": "CC0-1.0", "attribution": "Test registry" },
    });
    if let (Some(doc), Value::Object(extra)) = (doc.as_object_mut(), extra) {
        doc.extend(extra);
    }
    doc.to_string()
}

fn assert_nothing_in(dir: &TempDir) {
    let left: Vec<_> = std::fs::read_dir(&dir.0).unwrap().collect();
    assert!(left.is_empty(), "written: {left:?}");
}

/// Regression: `validate REGISTRY OTHER` read the registry's kept revisions as cases, and
/// reported each as a second copy of its case (the revisions were told apart only when the
/// registry was the only path).
#[test]
fn kept_revisions_are_not_duplicates_beside_other_paths() {
    let reg = sample_registry("kept-beside");
    let other = TempDir::new("kept-beside-other");
    other.write("NEW-1.json", minimal("NEW-1", json!({})));
    let o = run(&["validate", reg.path(), other.path()]);
    assert!(o.status.success(), "{o:?}");
    assert!(stderr(&o).starts_with("10 document(s) checked, 0 with problems"));
    let reg2 = sample_registry("kept-beside-2");
    let o = run(&["validate", reg.path(), reg2.path()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !stdout(&o).contains("revisions/ICS-0002/1.json: id"),
        "{}",
        stdout(&o)
    );
}

/// Regression: `validate data ./data` reported every file as a second copy of itself: files
/// were told apart by how their path was written.
#[test]
fn one_file_named_two_ways_is_checked_once() {
    let reg = sample_registry("two-ways");
    let dotted = format!("{}/./incidents", reg.path());
    let o = run(&["validate", reg.path(), &dotted]);
    assert!(o.status.success(), "{o:?}");
    assert!(stderr(&o).starts_with("9 document(s) checked, 0 with problems"));
}

/// Regression: `index`, `index --sharded` and `site` published a registry `validate DIR`
/// refuses: a related id no case has, an alias that is another case's id, a file not named
/// after its case (whose `<incident-card case>` address is then missing), a file name that is
/// no address (`site` wrote it into pages unencoded), a case file spelled `.JSON`.
#[test]
fn index_and_site_refuse_what_validate_refuses() {
    let cases: [(&str, String); 5] = [
        (
            "AB-1.json",
            minimal(
                "AB-1",
                json!({"related": [{"id": "ZZ-999", "relation": "see-also", "reason": "r"}]}),
            ),
        ),
        ("AB-2.json", minimal("AB-2", json!({"aliases": ["AB-9"]}))),
        ("wrong-name.json", minimal("AB-3", json!({}))),
        ("AB 4#v2?.json", minimal("AB-4", json!({}))),
        ("AB-5.JSON", minimal("AB-5", json!({}))),
    ];
    for (name, body) in &cases {
        let dir = TempDir::new("publish-refused");
        dir.write("incidents/AB-9.json", minimal("AB-9", json!({})));
        dir.write(&format!("incidents/{name}"), body);
        let validate = run(&["validate", dir.path()]);
        assert_eq!(validate.status.code(), Some(1), "{name}: {validate:?}");
        let said = stdout(&validate);
        for args in [
            &["index", dir.path()][..],
            &["index", dir.path(), "--sharded"][..],
        ] {
            let o = run(args);
            assert_eq!(o.status.code(), Some(1), "{name} {args:?}: {o:?}");
            for line in said.lines() {
                assert!(stderr(&o).contains(line), "{name} {args:?}: {o:?}");
            }
            assert!(!dir.0.join("index.json").exists(), "{name} {args:?}");
            assert!(!dir.0.join("shards").exists(), "{name} {args:?}");
        }
        let out = TempDir::new("publish-refused-out");
        let o = run(&["site", dir.path(), out.path(), "--base", "https://e.x/"]);
        assert_eq!(o.status.code(), Some(1), "{name}: {o:?}");
        assert!(stderr(&o).contains("site not written"), "{name}: {o:?}");
        assert_nothing_in(&out);
    }
}

/// Regression: a link to a folder above it (`incidents/up -> ..`) was followed about 40 levels
/// deep, and every level's copy reported as a second copy of the case.
#[cfg(unix)]
#[test]
fn a_folder_linked_to_itself_is_read_once() {
    let dir = TempDir::new("link-loop");
    dir.write("incidents/AB-1.json", minimal("AB-1", json!({})));
    std::os::unix::fs::symlink("..", dir.0.join("incidents/up")).unwrap();
    let o = run(&["validate", dir.path()]);
    assert!(o.status.success(), "{o:?}");
    assert!(stderr(&o).starts_with("1 document(s) checked, 0 with problems"));
}

/// Regression: `site DIR DIR/incidents` wrote its pages' JSON (citations, oEmbed) among the
/// cases, and every later `validate`, `index` and `site` failed on them.
#[test]
fn site_refuses_to_write_into_the_registry_it_reads() {
    let reg = sample_registry("site-into");
    for out in ["incidents", "incidents/site", "revisions/pages"] {
        let target = reg.0.join(out);
        let o = run(&[
            "site",
            reg.path(),
            target.to_str().unwrap(),
            "--base",
            "https://e.x/",
        ]);
        assert_eq!(o.status.code(), Some(2), "{out}: {o:?}");
        assert!(
            stderr(&o).contains("write the site to a folder outside"),
            "{o:?}"
        );
    }
    assert!(run(&["validate", reg.path()]).status.success());
}

/// Regression: `site --base` took a query, a fragment or a password, and wrote
/// `https://e.x/a?x=1/cases/ICS-0001/` (or the password) into every page.
#[test]
fn site_base_is_a_plain_folder_address() {
    for base in [
        "https://e.x/a?x=1",
        "https://e.x/a#top",
        "https://user:secret@e.x/",
    ] {
        let out = TempDir::new("site-base-plain");
        let o = run(&["site", "data", out.path(), "--base", base]);
        assert_eq!(o.status.code(), Some(2), "{base}: {o:?}");
        assert!(stderr(&o).contains("(no query, fragment, user name or password)"));
        assert_nothing_in(&out);
    }
}

/// Regression: `render` took `--heading-level 9` (every heading an h6), `abc` (level 2) and
/// `--sections bogus` (every section) without a word.
#[test]
fn render_refuses_options_it_cannot_honour() {
    let file = "data/incidents/ICS-0001.json";
    for (args, said) in [
        (&["--heading-level", "9"][..], "is not a heading level"),
        (&["--heading-level", "abc"][..], "is not a heading level"),
        (
            &["--sections", "facts,bogus"][..],
            "the card has no section \"bogus\"",
        ),
        (&["--sections", "-nothing"][..], "no section \"nothing\""),
    ] {
        let mut all = vec!["render", file];
        all.extend(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {o:?}");
    }
    let o = run(&[
        "render",
        file,
        "--heading-level",
        "h4",
        "--sections",
        "-lessons,claims",
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("<h4 "));
}

/// Regression: `snippet --src javascript:…` wrote that address into the readable fallback's
/// link, and `cite --url` into the citation: the link policy holds for addresses given on the
/// command line too.
#[test]
fn addresses_given_on_the_command_line_follow_the_link_policy() {
    let file = "data/incidents/ICS-0002.json";
    for src in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
    ] {
        for mode in ["dsd", "blockquote"] {
            let o = run(&[
                "snippet",
                file,
                "--base",
                "https://e.x/",
                "--mode",
                mode,
                "--src",
                src,
            ]);
            assert_eq!(o.status.code(), Some(2), "{src} {mode}: {o:?}");
            assert!(stdout(&o).is_empty());
        }
        let o = run(&["cite", file, "--url", src]);
        assert_eq!(o.status.code(), Some(2), "{src}: {o:?}");
    }
    let o = run(&[
        "snippet",
        file,
        "--base",
        "https://e.x/",
        "--mode",
        "blockquote",
        "--src",
        "/data/incidents/ICS-0002.json",
    ]);
    assert!(
        o.status.success(),
        "a relative address stays allowed: {o:?}"
    );
}

/// Regression: `--name` with a control character made `feed.xml` unreadable XML.
#[test]
fn a_registry_name_is_plain_text() {
    let out = TempDir::new("site-name");
    let o = run(&[
        "site",
        "data",
        out.path(),
        "--base",
        "https://e.x/",
        "--name",
        "Reg\u{1}",
    ]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(stderr(&o).contains("control character U+0001"));
    assert_nothing_in(&out);
}

/// Regression: `completions zsh | head -3` panicked on the closed pipe.
#[test]
fn completions_end_quietly_on_a_closed_pipe() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = std::process::Command::new(BIN)
        .args(["completions", "zsh"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(!stderr(&o).contains("panicked"), "{o:?}");
}

/// Regression: the manual page pointed to a page per subcommand that nothing wrote, and named
/// none of their options. `man --dir` writes them.
#[test]
fn man_dir_writes_a_page_per_subcommand() {
    let dir = TempDir::new("man-dir");
    let o = run(&["man", "--dir", dir.path()]);
    assert!(o.status.success(), "{o:?}");
    let index = std::fs::read_to_string(dir.0.join("incident-cards-index.1")).unwrap();
    assert!(index.contains("sharded"), "{index}");
    let site = std::fs::read_to_string(dir.0.join("incident-cards-site.1")).unwrap();
    assert!(site.contains("base"), "{site}");
    let main = std::fs::read_to_string(dir.0.join("incident-cards.1")).unwrap();
    assert!(main.contains("Exit status"), "{main}");
}

/// Regression: `index --sharded` wrote a manifest of more facet values than the widget reads
/// (20 042 against 20 000), and exited 0.
#[test]
fn sharded_index_refuses_more_facet_values_than_a_manifest_holds() {
    let dir = TempDir::new("facet-values");
    for n in 1..=835 {
        let tags: Vec<String> = (0..24).map(|k| format!("t{n}-{k}")).collect();
        dir.write(
            &format!("incidents/MT-{n}.json"),
            minimal(&format!("MT-{n}"), json!({ "tags": tags })),
        );
    }
    let o = run(&["index", dir.path(), "--sharded"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("over the 20000 a manifest may list"),
        "{o:?}"
    );
    assert!(!dir.0.join("index.json").exists());
    assert!(!dir.0.join("shards").exists());
}

/// Regression: a case named as related by so many cases that its related-case file was larger
/// than a list reads (4 MiB): the list of its related cases failed, and `index` exited 0.
#[test]
fn sharded_index_refuses_a_related_file_a_list_cannot_read() {
    let dir = TempDir::new("related-large");
    let long = "word ".repeat(399) + "end.";
    dir.write("incidents/HUB-1.json", minimal("HUB-1", json!({})));
    for n in 1..=1800 {
        dir.write(
            &format!("incidents/RL-{n}.json"),
            minimal(
                &format!("RL-{n}"),
                json!({
                    "title": "t".repeat(190),
                    "summary": long,
                    "related": [{"id": "HUB-1", "relation": "see-also", "reason": "r"}],
                }),
            ),
        );
    }
    let o = run(&["index", dir.path(), "--sharded"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("HUB-1: 1800 cases name it as related"),
        "{o:?}"
    );
    assert!(!dir.0.join("index.json").exists());
}

/// Regression (security review): addresses from a document reached server-rendered pages as
/// written, not as the card's link policy writes them: `https:evil.example/case` (which a
/// browser resolves against the page, so the pre-rendered and the live link disagreed), in the
/// blockquote's link and `cite`, the JSON-LD's citations and licence, a citation's `url`; and the
/// case page's link to an earlier revision had neither `target` nor `rel`.
#[test]
fn document_addresses_are_written_as_the_link_policy_writes_them() {
    let mut doc: Value = serde_json::from_slice(
        &std::fs::read(repo().join("data/incidents/ICS-0002.json")).unwrap(),
    )
    .unwrap();
    doc["links"] = json!({ "html": "https:evil.example/case" });
    doc["history"][0]["url"] = json!("https:evil.example/r1");
    doc["sources"][0]["url"] = json!("HTTPS://EVIL.example/source");
    doc["licence"]["url"] = json!("https:evil.example/licence");
    doc["related"] = json!([]);
    let dir = TempDir::new("policy-links");
    let file = dir.write("incidents/ICS-0002.json", doc.to_string());
    let file = file.to_str().unwrap();
    let o = run(&[
        "snippet",
        file,
        "--base",
        "https://e.x/",
        "--mode",
        "blockquote",
    ]);
    assert!(o.status.success(), "{o:?}");
    let html = stdout(&o);
    assert!(
        html.contains("cite=\"https://evil.example/case\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://evil.example/case\""),
        "{html}"
    );
    assert!(!html.contains("https:evil"), "{html}");
    let o = run(&["cite", file, "--format", "csl-json"]);
    assert!(
        stdout(&o).contains("\"URL\": \"https://evil.example/case\""),
        "{o:?}"
    );
    let out = TempDir::new("policy-links-site");
    let o = run(&["site", dir.path(), out.path(), "--base", "https://e.x/"]);
    assert!(o.status.success(), "{o:?}");
    let page = std::fs::read_to_string(out.0.join("cases/ICS-0002/index.html")).unwrap();
    assert!(
        page.contains("<a href=\"https://evil.example/r1\" target=\"_blank\" rel=\"noopener noreferrer nofollow ugc\">as published</a>"),
        "{page}"
    );
    assert!(
        page.contains("\"url\":\"https://evil.example/source\""),
        "{page}"
    );
    assert!(
        page.contains("\"license\":\"https://evil.example/licence\""),
        "{page}"
    );
    assert!(
        !page.contains("https:evil") && !page.contains("HTTPS://EVIL"),
        "{page}"
    );
}

/// Regression (review of the fix above): a second name for a case file inside a registry (a
/// link, `incidents/latest.json`) was dropped as the same file by `validate`, so `index` and
/// `site` published the case twice. Within one registry every name counts.
#[cfg(unix)]
#[test]
fn a_second_name_for_a_case_file_is_a_second_copy() {
    let dir = TempDir::new("second-name");
    dir.write("incidents/AB-1.json", minimal("AB-1", json!({})));
    std::os::unix::fs::symlink("AB-1.json", dir.0.join("incidents/latest.json")).unwrap();
    let o = run(&["validate", dir.path()]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stdout(&o).contains("latest.json: id: \"AB-1\" is also the id of"),
        "{o:?}"
    );
    assert_eq!(run(&["index", dir.path()]).status.code(), Some(1));
    assert!(!dir.0.join("index.json").exists());
}
