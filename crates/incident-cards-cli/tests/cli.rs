//! The `incident-cards` binary, run as a publisher would run it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;

use std::path::Path;
use std::process::Command;

fn check_generated(args: &[&str], file: &str) {
    let out = run(args);
    assert!(out.status.success(), "schema command failed: {out:?}");
    let generated = stdout(&out);
    let checked_in = std::fs::read_to_string(repo().join(file)).unwrap_or_default();
    assert!(
        generated == checked_in,
        "{file} is out of date with the Rust types. Regenerate it from the repository root with:\n\n    \
         cargo run -q -p incident-cards-cli -- {} > {file}\n",
        args.join(" ")
    );
}

#[test]
fn incident_schema_file_is_current() {
    check_generated(&["schema"], "schema/incident.schema.json");
}

#[test]
fn index_schema_file_is_current() {
    check_generated(&["schema", "--index"], "schema/index.schema.json");
}

#[test]
fn sample_registry_validates() {
    let out = run(&["validate", "data/incidents"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), "", "no problem lines");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("8 document(s) checked, 0 with problems"),
        "{err}"
    );
}

#[test]
fn checked_in_index_is_the_cli_output() {
    let out = run(&["index", "--stdout", "data"]);
    assert!(out.status.success(), "{out:?}");
    let checked_in = std::fs::read_to_string(repo().join("data/index.json")).expect("index");
    assert!(
        stdout(&out) == checked_in,
        "data/index.json differs from what the CLI builds; regenerate it with \
         `cargo run -q -p incident-cards-cli -- index data` (never edit it by hand)"
    );
}

#[test]
fn index_writes_the_same_file_into_a_registry_folder() {
    let tmp = TempDir::new("index");
    for n in 1..=8 {
        let name = format!("incidents/ICS-{n:04}.json");
        let body = std::fs::read(repo().join("data").join(&name)).expect("case file");
        tmp.write(&name, body);
    }
    let out = run(&["index", tmp.path()]);
    assert!(out.status.success(), "{out:?}");
    let written = std::fs::read_to_string(tmp.0.join("index.json")).expect("written");
    let checked_in = std::fs::read_to_string(repo().join("data/index.json")).expect("index");
    assert_eq!(written, checked_in);
}

#[test]
fn bad_file_exits_1_with_file_path_message_lines() {
    let tmp = TempDir::new("bad");
    let mut doc = sample();
    doc["title"] = serde_json::json!("");
    doc["sources"][1]["url"] = serde_json::json!("javascript:alert(1)");
    let file = tmp.write("ICS-0001.json", doc.to_string());
    let out = run(&["validate", tmp.path()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let f = file.display().to_string();
    assert_eq!(
        lines,
        vec![
            format!("{f}: title: must not be empty"),
            format!(
                "{f}: sources[1].url: scheme \"javascript\" is not allowed (give an https address)"
            ),
        ]
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 document(s) checked, 1 with problems"),
        "{err}"
    );
}

#[test]
fn invalid_json_reports_line_and_column() {
    let tmp = TempDir::new("syntax");
    let file = tmp.write(
        "broken.json",
        "{\n  \"schema_version\": \"1.0.0\",\n  \"id\": ,\n}\n",
    );
    let out = run(&["validate", file.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    let prefix = format!("{}: line 3, column 9: ", file.display());
    assert!(text.starts_with(&prefix), "{text}");
    assert!(text.contains("expected value"), "{text}");
}

#[test]
fn truncated_file_says_so() {
    let tmp = TempDir::new("truncated");
    let whole = sample().to_string();
    let file = tmp.write("cut.json", &whole[..whole.len() / 2]);
    let out = run(&["validate", file.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("truncated"), "{}", stdout(&out));
}

#[test]
fn one_bad_file_among_good_ones_fails_the_run() {
    let tmp = TempDir::new("mixed");
    tmp.write("a/ICS-0001.json", sample().to_string());
    let file = tmp.write("b/not-json.json", "<!doctype html><p>404</p>");
    tmp.write("index.json", "not checked: index.json is skipped");
    let out = run(&["validate", tmp.path()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stdout(&out),
        format!(
            "{}: line 1, column 1: this is HTML or XML, not JSON (is the address right?)\n",
            file.display()
        )
    );
}

#[test]
fn duplicate_ids_across_files_fail() {
    let tmp = TempDir::new("dup");
    tmp.write("one.json", sample().to_string());
    let second = tmp.write("two.json", sample().to_string());
    let out = run(&["validate", tmp.path()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "{}: id: \"ICS-0001\" is also the id of ",
            second.display()
        )),
        "{text}"
    );
}

#[test]
fn empty_folder_is_not_a_success() {
    let tmp = TempDir::new("empty");
    let out = run(&["validate", tmp.path()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn index_refuses_to_write_over_bad_documents() {
    let tmp = TempDir::new("index-bad");
    let mut doc = sample();
    doc["revision"] = serde_json::json!(0);
    tmp.write("incidents/ICS-0001.json", doc.to_string());
    let out = run(&["index", tmp.path()]);
    assert_eq!(out.status.code(), Some(1));
    // On stderr: with --stdout, stdout is the index.
    assert!(String::from_utf8_lossy(&out.stderr).contains("revision: starts at 1"));
    assert!(stdout(&out).is_empty());
    assert!(!tmp.0.join("index.json").exists());
}

#[test]
fn schemas_are_json_and_name_the_documents() {
    let out = run(&["schema"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(v["title"], "Incident document");
    assert_eq!(v["type"], "object");
    // An index file is a single-file index (or a page of a sharded one), or a manifest.
    let out = run(&["schema", "--index"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(v["title"], "Index file");
    assert_eq!(
        v["anyOf"],
        serde_json::json!([{ "$ref": "#/$defs/Index" }, { "$ref": "#/$defs/Manifest" }])
    );
}

/// A pre-rendered snippet holds exactly the card `render` prints, with the card's styles inside its
/// shadow root (a linked stylesheet there would hold up the host page's parser), and says on
/// standard error which `style-src` hash a Content-Security-Policy needs for them.
#[test]
fn snippet_holds_the_rendered_card_and_its_styles() {
    let file = repo().join("data/incidents/ICS-0003.json");
    let file = file.to_str().unwrap();
    let card = stdout(&run(&["render", file, "--theme", "light"]));
    let out = run(&["snippet", file, "--theme", "light", "--base", "/"]);
    let snippet = stdout(&out);
    assert!(snippet.contains(card.trim_end()), "{snippet}");
    let css = incident_card::STYLESHEET;
    assert!(snippet.contains(&format!(
        "<template shadowrootmode=\"open\"><style>{css}</style><div class=\"ic-root\">"
    )));
    assert!(!snippet.contains("rel=\"stylesheet\""));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("style-src") && err.contains("'sha256-"),
        "{err}"
    );
}

/// `--preload` puts the two hints before the blockquote: the module at its stable address and the
/// document, requested the way the loader requests them (`crossorigin`; no Referer for the
/// document). The browser side is in `www/tests/hints.test.mjs`.
#[test]
fn blockquote_snippet_with_preload_starts_with_the_two_hints() {
    let file = repo().join("data/incidents/ICS-0002.json");
    let file = file.to_str().unwrap();
    let base = ["--base", "https://cards.example/w"];
    let plain = stdout(&run(&[
        "snippet",
        file,
        "--mode",
        "blockquote",
        base[0],
        base[1],
    ]));
    let hinted = run(&[
        "snippet",
        file,
        "--mode",
        "blockquote",
        "--preload",
        base[0],
        base[1],
    ]);
    assert!(hinted.status.success());
    let hinted = stdout(&hinted);
    let hints = "<link rel=\"preload\" href=\"https://cards.example/w/cards.wasm\" as=\"fetch\" crossorigin>\n\
         <link rel=\"preload\" href=\"https://cards.example/w/data/incidents/ICS-0002.json\" as=\"fetch\" crossorigin referrerpolicy=\"no-referrer\">\n";
    assert_eq!(hinted, format!("{hints}{plain}"));
    assert!(!plain.contains("preload"), "{plain}");
}

/// A pre-rendered card is on screen at once: `--preload` is refused with it, with a reason.
#[test]
fn preload_with_a_prerendered_snippet_is_refused() {
    let file = repo().join("data/incidents/ICS-0002.json");
    let out = run(&[
        "snippet",
        file.to_str().unwrap(),
        "--preload",
        "--base",
        "/",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--preload goes with --mode blockquote"),
        "{err}"
    );
}

/// Every subcommand, as completions and the manual page must offer them.
const SUBCOMMANDS: [&str; 11] = [
    "validate",
    "index",
    "snippet",
    "render",
    "schema",
    "completions",
    "man",
    "site",
    "cite",
    "diff",
    "sample",
];

/// The completion scripts are read by the shells themselves: bash parses the script and registers
/// the completion; the subcommands are offered.
#[test]
fn completions_for_bash_register_with_bash() {
    let o = run(&["completions", "bash"]);
    assert!(o.status.success());
    let script = stdout(&o);
    for sub in SUBCOMMANDS {
        assert!(
            script.contains(sub),
            "{sub} missing from the bash completion"
        );
    }
    let dir = TempDir::new("completions");
    let file = dir.0.join("incident-cards.bash");
    std::fs::write(&file, &script).unwrap();
    let bash = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p incident-cards",
            file.display()
        ))
        .output()
        .expect("bash runs");
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    assert!(String::from_utf8_lossy(&bash.stdout).contains("incident-cards"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success() && !o.stdout.is_empty(), "{shell}");
    }
    assert!(!run(&["completions", "tcsh"]).status.success());
}

/// The manual page is rendered by man(1) (groff), and lists every subcommand.
#[test]
fn man_page_renders_with_man() {
    let o = run(&["man"]);
    assert!(o.status.success());
    let dir = TempDir::new("man");
    let file = dir.0.join("incident-cards.1");
    std::fs::write(&file, &o.stdout).unwrap();
    let man = Command::new("man")
        .args(["-l", "-P", "cat"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .output()
        .expect("man(1) runs (Debian: apt-get install man-db)");
    assert!(
        man.status.success(),
        "{}",
        String::from_utf8_lossy(&man.stderr)
    );
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(text.contains("incident-cards"), "{text}");
    for sub in SUBCOMMANDS {
        assert!(text.contains(sub), "{sub} missing from the manual page");
    }
}

/// `site` writes a case page, an embed page and an oEmbed response per case, the list, the feed
/// and the sitemap, every address absolute under --base.
#[test]
fn site_writes_the_registry_pages_with_absolute_addresses() {
    let out = TempDir::new("site");
    let o = run(&[
        "site",
        "data",
        out.path(),
        "--base",
        "https://cards.example/registry",
    ]);
    assert!(o.status.success(), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("8 case page(s)"), "{stderr}");
    let read = |p: &str| std::fs::read_to_string(out.0.join(p)).expect(p);
    let page = read("cases/ICS-0001/index.html");
    let base = "https://cards.example/registry/";
    for needle in [
        "<link rel=\"canonical\" href=\"https://cards.example/registry/cases/ICS-0001/\">",
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://cards.example/registry/cases/ICS-0001/oembed.json\"",
        "<meta property=\"og:url\" content=\"https://cards.example/registry/cases/ICS-0001/\">",
        // Pinned to the revision it was made from (tests/revisions.rs checks the hash).
        "<incident-card src=\"https://cards.example/registry/data/incidents/ICS-0001.json\" variant=\"full\" theme=\"auto\" revision=\"1\" revision-date=\"2026-11-21\" revision-hash=\"sha256-",
        "<template shadowrootmode=\"open\">",
        "<script async src=\"https://cards.example/registry/embed.js\"></script>",
    ] {
        assert!(page.contains(needle), "{needle} not in the case page");
    }
    // The JSON-LD is one script of JSON a crawler can read, outside any shadow root.
    let ld = page
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("JSON-LD");
    let ld: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD is JSON");
    assert_eq!(ld["@type"], "Report");
    assert_eq!(ld["@id"], format!("{base}cases/ICS-0001/"));
    assert_eq!(ld["identifier"][0]["value"], "ICS-0001");
    let oembed: serde_json::Value =
        serde_json::from_str(&read("cases/ICS-0001/oembed.json")).expect("oEmbed is JSON");
    assert_eq!(oembed["type"], "rich");
    assert!(oembed["html"]
        .as_str()
        .unwrap()
        .contains(&format!("<iframe src=\"{base}cases/ICS-0001/embed/\"")));
    let embed = read("cases/ICS-0001/embed/index.html");
    assert!(embed.contains("variant=\"compact\""));
    // The live card gets the case link the pre-rendered one shows, so that it renders the same
    // card and keeps it (regression: without `case-url` the live card took over without the
    // link, and the iframe's reader had no way to the whole case).
    let page_url = format!("{base}cases/ICS-0001/");
    assert!(
        embed.contains(&format!(
            "<incident-card fit=\"grow\" case-url=\"{page_url}\" "
        )),
        "{embed}"
    );
    let card = embed
        .split("<template shadowrootmode=\"open\">")
        .nth(1)
        .and_then(|rest| rest.split("</template>").next())
        .expect("the pre-rendered card");
    assert!(
        card.contains(&format!("<a href=\"{page_url}\" target=\"_blank\"")),
        "{card}"
    );
    assert!(read("feed.xml").contains(&format!("<id>{base}cases/ICS-0001/</id>")));
    assert!(read("sitemap.xml").contains(&format!("<loc>{base}cases/ICS-0001/</loc>")));
    assert!(read("cases/index.html").contains(&format!("href=\"{base}cases/ICS-0008/\"")));
}

#[test]
fn site_needs_an_absolute_base_and_says_so() {
    let out = TempDir::new("site-base");
    let o = run(&["site", "data", out.path(), "--base", "/registry/"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("--base \"/registry/\" is not the absolute http(s) address of a folder"),
        "{stderr}"
    );
    assert!(std::fs::read_dir(&out.0).unwrap().next().is_none());
}

#[test]
fn site_writes_nothing_over_an_invalid_document() {
    let reg = TempDir::new("site-bad");
    let mut doc = sample();
    doc["title"] = serde_json::json!("");
    reg.write("incidents/ICS-0001.json", doc.to_string());
    let out = TempDir::new("site-bad-out");
    let o = run(&[
        "site",
        reg.path(),
        out.path(),
        "--base",
        "https://cards.example/",
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("ICS-0001.json: title"), "{o:?}");
    assert!(stderr.contains("site not written"));
    assert!(std::fs::read_dir(&out.0).unwrap().next().is_none());
}

/// `diff` lists a withdrawal first, then a claim that became disputed, then fields, claims and
/// sources; it exits 1 when something changed, 0 when nothing did, 2 for two different cases.
#[test]
fn diff_lists_changes_most_serious_first() {
    let dir = TempDir::new("diff");
    let old = sample();
    let mut new = old.clone();
    new["revision"] = serde_json::json!(2);
    new["status"] = serde_json::json!("withdrawn");
    new["withdrawn"] =
        serde_json::json!({ "date": "2026-12-01", "reason": "Merged into ICS-0002." });
    new["claims"][0]["status"] = serde_json::json!("disputed");
    new["severity"]["level"] = serde_json::json!("critical");
    let removed = new["sources"].as_array_mut().unwrap().pop().unwrap();
    let old_file = dir.write("old.json", old.to_string());
    let new_file = dir.write("new.json", new.to_string());
    let o = run(&[
        "diff",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines[0], "ICS-0001: revision 1 → 2, 5 change(s)");
    assert_eq!(lines[1], "  withdrawn on 2026-12-01: Merged into ICS-0002.");
    assert_eq!(lines[2], "  status: published → withdrawn");
    assert!(lines[3].starts_with("  claim now disputed: "), "{lines:?}");
    assert_eq!(lines[4], "  changed: severity.level");
    assert_eq!(
        lines[5],
        format!("  source removed: {}", removed["title"].as_str().unwrap())
    );

    let same = run(&[
        "diff",
        old_file.to_str().unwrap(),
        old_file.to_str().unwrap(),
    ]);
    assert_eq!(same.status.code(), Some(0), "{same:?}");
    assert_eq!(stdout(&same), "ICS-0001: revision 1 → 1, 0 change(s)\n");

    let other = run(&[
        "diff",
        old_file.to_str().unwrap(),
        "data/incidents/ICS-0002.json",
    ]);
    assert_eq!(other.status.code(), Some(2), "{other:?}");
    assert!(
        String::from_utf8_lossy(&other.stderr).contains("diff compares two revisions of one case")
    );
}

/// Every page file of a sharded index under `dir`, by path relative to it.
fn shard_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.join("shards")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// `index --sharded` writes a manifest and pages in the single-file index's shape; the `all`
/// shard's pages hold every listed case newest first; a rebuild of the same registry writes
/// nothing, and one changed case renames only the shards that hold it.
#[test]
fn sharded_index_pages_cover_the_registry_and_rebuilds_touch_only_changed_shards() {
    let reg = TempDir::new("sharded");
    for e in std::fs::read_dir(repo().join("data/incidents"))
        .unwrap()
        .flatten()
    {
        reg.write(
            &format!("incidents/{}", e.file_name().to_string_lossy()),
            std::fs::read(e.path()).unwrap(),
        );
    }
    let o = run(&["index", reg.path(), "--sharded", "--page-size", "3"]);
    assert!(o.status.success(), "{o:?}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reg.0.join("index.json")).unwrap()).unwrap();
    assert_eq!(manifest["layout"], "sharded");
    assert_eq!(manifest["page_size"], 3);
    let all = &manifest["all"];
    assert_eq!(all["count"], 8);
    let mut ids = Vec::new();
    for n in 1..=3 {
        let page: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                reg.0
                    .join(format!("{}/date-{n}.json", all["path"].as_str().unwrap())),
            )
            .unwrap(),
        )
        .unwrap();
        let entries = page["incidents"].as_array().unwrap();
        assert!(entries.len() <= 3);
        ids.extend(entries.iter().map(|e| e["id"].as_str().unwrap().to_owned()));
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        (1..=8).map(|n| format!("ICS-000{n}")).collect::<Vec<_>>()
    );
    assert_eq!(
        ids[0], "ICS-0003",
        "newest first: ICS-0003 has no date of occurrence and was filed 2026-11-21, the latest; ties by id"
    );
    // Minimum severity is cumulative: the `info` shard is every case.
    assert_eq!(manifest["facets"]["severity"][0]["value"], "info");
    assert_eq!(manifest["facets"]["severity"][0]["count"], 8);

    let before = shard_files(&reg.0);
    let again = run(&["index", reg.path(), "--sharded", "--page-size", "3"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains(&format!(
        "0 written, {} unchanged; 0 stale shard(s) removed",
        before.len()
    )));
    assert_eq!(shard_files(&reg.0), before);

    // One case changes its title: the shards that hold it get new names, every other page
    // keeps its name and bytes, and the old folders stay for one build more (regression: they
    // were removed at once, and a page with the list open failed on its next page).
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(reg.0.join("incidents/ICS-0005.json")).unwrap(),
    )
    .unwrap();
    doc["title"] = serde_json::json!("A corrected title for the fifth case");
    reg.write("incidents/ICS-0005.json", doc.to_string());
    let changed = run(&["index", reg.path(), "--sharded", "--page-size", "3"]);
    assert!(changed.status.success(), "{changed:?}");
    let after = shard_files(&reg.0);
    let kept = before
        .iter()
        .filter(|(k, v)| after.get(*k) == Some(v))
        .count();
    assert!(
        kept > 0 && kept < before.len(),
        "kept {kept} of {}",
        before.len()
    );
    // Content-named pages never change in place; the related-case files (named for their case)
    // are rewritten when a related case changes.
    assert!(after.keys().all(|k| k.starts_with("shards/related/")
        || !before.contains_key(k)
        || before[k] == after[k]));
    let related_changed = |id: &str| {
        let k = format!("shards/related/{id}.json");
        before.get(&k) != after.get(&k)
    };
    let manifest_after: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(reg.0.join("index.json")).unwrap()).unwrap();
    assert_eq!(manifest_after["related"], "shards/related");
    let page: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(reg.0.join("shards/related/ICS-0005.json")).unwrap(),
    )
    .unwrap();
    let names: Vec<&str> = page["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for id in &names {
        assert!(related_changed(id), "{id} names ICS-0005 or is named by it");
    }
    assert!(!related_changed("ICS-0005"));
    let stderr = String::from_utf8_lossy(&changed.stderr);
    assert!(
        stderr.contains("; 0 stale shard(s) removed (the previous build's kept)"),
        "{stderr}"
    );
    let gone: Vec<&String> = before
        .keys()
        .filter(|k| !k.starts_with("shards/related/") && !after.contains_key(*k))
        .collect();
    assert_eq!(
        gone,
        Vec::<&String>::new(),
        "the previous build's pages stay"
    );
    // Run again with nothing changed: the manifest replaced is its own, and the build before it
    // still stays (a reader may hold its manifest).
    let unchanged = run(&["index", reg.path(), "--sharded", "--page-size", "3"]);
    assert!(String::from_utf8_lossy(&unchanged.stderr).contains("; 0 stale shard(s) removed"));
    assert_eq!(shard_files(&reg.0), after);
    // The next build removes the pages only the first one named.
    doc["title"] = serde_json::json!("A title corrected twice");
    reg.write("incidents/ICS-0005.json", doc.to_string());
    let third = run(&["index", reg.path(), "--sharded", "--page-size", "3"]);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(third.status.success(), "{third:?}");
    assert!(!stderr.contains("; 0 stale shard(s) removed"), "{stderr}");
    let last = shard_files(&reg.0);
    assert!(before
        .keys()
        .any(|k| !k.starts_with("shards/related/") && !last.contains_key(k)));
    // (What the second build wrote stays: it is now the previous build.)
    assert!(after
        .keys()
        .filter(|k| !before.contains_key(*k))
        .all(|k| last.contains_key(k)));
}

/// `diff` of two documents, written into `dir` as `old.json` and `new.json`.
fn diff_of(
    dir: &TempDir,
    old: &serde_json::Value,
    new: &serde_json::Value,
) -> std::process::Output {
    let old_file = dir.write("old.json", old.to_string());
    let new_file = dir.write("new.json", new.to_string());
    run(&[
        "diff",
        old_file.to_str().unwrap(),
        new_file.to_str().unwrap(),
    ])
}

/// A translation added, changed or removed is a change an editor is told of.
#[test]
fn diff_names_a_changed_translation() {
    let dir = TempDir::new("diff-translation");
    let old = sample();
    let mut new = old.clone();
    new["translations"] = serde_json::json!([{ "lang": "de", "title": "Titel" }]);
    let o = diff_of(&dir, &old, &new);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert_eq!(
        stdout(&o),
        "ICS-0001: revision 1 → 1, 1 change(s)\n  changed: translations\n"
    );
}

/// A snippet's readable fallback shows the title and the summary as the card does: translated
/// into the snippet's `--lang` where the document has it, each marked with its own language, so a
/// fallback in a page of another language is read in the right voice.
#[test]
fn snippet_fallback_marks_the_language_of_its_text() {
    let file = repo().join("data/incidents/ICS-0003.json");
    let file = file.to_str().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let de = &doc["translations"][0];
    assert_eq!(de["lang"], "de");
    let esc = |s: &serde_json::Value| s.as_str().unwrap().replace('\'', "&#39;");
    for mode in ["dsd", "blockquote"] {
        let german = stdout(&run(&[
            "snippet", file, "--base", "/", "--mode", mode, "--lang", "de",
        ]));
        assert!(
            german.contains(&format!(
                "<p lang=\"de\"><strong>{}</strong></p>",
                esc(&de["title"])
            )),
            "{german}"
        );
        assert!(german.contains(&format!("<p lang=\"de\">{}</p>", esc(&de["summary"]))));
        // Spanish: the title and summary translated; English: the original, marked English.
        let spanish = stdout(&run(&[
            "snippet", file, "--base", "/", "--mode", mode, "--lang", "es",
        ]));
        assert!(spanish.contains("<p lang=\"es\"><strong>"), "{spanish}");
        let english = stdout(&run(&["snippet", file, "--base", "/", "--mode", mode]));
        assert!(
            english.contains(&format!(
                "<p lang=\"en\"><strong>{}</strong></p>",
                esc(&doc["title"])
            )),
            "{english}"
        );
    }
}
