//! Issue 16, a registry of 100 000 cases: the `sample` generator (deterministic, varied, valid)
//! and `validate`'s checks across a registry, each with its exact message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A generated registry of `count` cases in a new temp folder.
fn generated(tag: &str, count: u32) -> TempDir {
    let tmp = TempDir::new(tag);
    let out = run(&["sample", "--count", &count.to_string(), tmp.path()]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).is_empty());
    // One line, no progress bar: stderr is not a terminal here.
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("{count} case(s) written")), "{err}");
    tmp
}

/// Every file of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("file"))
        })
        .collect()
}

#[test]
fn sample_is_deterministic() {
    let a = generated("det-a", 300);
    let b = generated("det-b", 300);
    let fa = files(&a.0.join("incidents"));
    let fb = files(&b.0.join("incidents"));
    assert_eq!(fa.len(), 300);
    assert_eq!(
        fa.keys().next().map(String::as_str),
        Some("GEN-000001.json")
    );
    assert_eq!(
        fa.keys().last().map(String::as_str),
        Some("GEN-000300.json")
    );
    assert!(
        fa == fb,
        "two runs with the same count wrote different bytes"
    );
}

#[test]
fn sample_is_varied() {
    let tmp = generated("varied", 500);
    let docs: Vec<Value> = files(&tmp.0.join("incidents"))
        .values()
        .map(|bytes| serde_json::from_slice(bytes).expect("JSON"))
        .collect();
    let mut seen: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut add = |facet: &'static str, v: &Value| {
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Null => "(none)".to_owned(),
            other => other.to_string(),
        };
        seen.entry(facet).or_default().insert(text);
    };
    let precision = |v: &Value| match v.as_str().map(str::len) {
        Some(4) => json!("year"),
        Some(7) => json!("month"),
        Some(10) => json!("day"),
        _ => Value::Null,
    };
    let mut sizes = Vec::new();
    let ids: HashSet<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    let mut aliases = HashSet::new();
    let mut edges = HashSet::new();
    for d in &docs {
        sizes.push(d.to_string().len());
        add("failure_mode", &d["failure_mode"]);
        add("ai_surface", &d["ai_surface"]);
        add("status", &d["status"]);
        add("ai_involvement", &d["ai_involvement"]);
        add("level", &d["severity"]["level"]);
        add("scheme", &d["severity"]["scheme"]);
        add("score", &json!(d["severity"]["score"].is_u64()));
        add("occurred", &precision(&d["dates"]["occurred"]));
        add("disclosed", &precision(&d["dates"]["disclosed"]));
        add("licence", &d["licence"]["spdx"]);
        add("lang", &d["lang"]);
        add("impact", &json!(d["impact"].is_object()));
        add("citation", &json!(d["citation"].is_object()));
        add(
            "allow_http",
            &json!(d["allow_http"].as_bool() == Some(true)),
        );
        match d["status"].as_str() {
            Some("withdrawn") => {
                assert!(d["withdrawn"]["date"].is_string() && d["withdrawn"]["reason"].is_string())
            }
            Some("disputed") => assert!(d["status_reason"].is_string()),
            _ => assert!(d["withdrawn"].is_null()),
        }
        for o in d["organisations"].as_array().unwrap() {
            add("role", &o["role"]);
        }
        for t in d["tags"].as_array().into_iter().flatten() {
            add("tag", t);
        }
        for c in d["claims"].as_array().unwrap() {
            add("claim status", &c["status"]);
            add(
                "claim sources",
                &json!(c["sources"].as_array().map_or(0, Vec::len).min(2)),
            );
        }
        for s in d["cause_chain"].as_array().into_iter().flatten() {
            add("stage", &s["stage"]);
        }
        for s in d["sources"].as_array().unwrap() {
            add("source kind", &s["kind"]);
            add("source url", &json!(s["url"].is_string()));
            add("source date", &precision(&s["date"]));
        }
        for a in d["aliases"].as_array().into_iter().flatten() {
            let a = a.as_str().unwrap().to_owned();
            assert!(!ids.contains(&a), "alias {a} is the id of a case");
            assert!(aliases.insert(a.clone()), "alias {a} is used twice");
        }
        let id = d["id"].as_str().unwrap().to_owned();
        for r in d["related"].as_array().into_iter().flatten() {
            add("relation", &r["relation"]);
            add("related summary", &json!(r["summary"].is_object()));
            let to = r["id"].as_str().unwrap().to_owned();
            assert!(ids.contains(&to), "{id} names {to}, not a case");
            edges.insert((id.clone(), to));
        }
    }
    let count = |facet: &str| seen.get(facet).map_or(0, BTreeSet::len);
    for (facet, n) in [
        ("failure_mode", 12 + 1), // the 12 of the generator's list, and none
        ("ai_surface", 8 + 1),
        ("status", 4),
        ("ai_involvement", 4),
        ("level", 5),
        ("scheme", 3 + 1),
        ("score", 2),
        ("occurred", 4), // a day, a month, a year, or not given
        ("disclosed", 4),
        ("role", 5),
        ("claim status", 4),
        ("claim sources", 3),
        ("stage", 5),
        ("source kind", 6),
        ("source url", 2),
        ("source date", 4),
        ("relation", 5),
        ("related summary", 2),
        ("impact", 2),
        ("citation", 2),
        ("allow_http", 2),
        ("lang", 3),
    ] {
        assert_eq!(count(facet), n, "{facet}: {:?}", seen.get(facet));
    }
    assert!(count("tag") >= 20, "{:?}", seen.get("tag"));
    assert!(count("licence") >= 4, "{:?}", seen.get("licence"));
    assert!(aliases.len() > 100, "{} aliases", aliases.len());
    let both_ways = edges
        .iter()
        .filter(|(a, b)| edges.contains(&(b.clone(), a.clone())))
        .count();
    assert!(
        both_ways >= 50,
        "{both_ways} related entries point both ways"
    );
    assert!(edges.len() > both_ways * 2, "some point one way only");
    // Realistic sizes (compact JSON here; the files are pretty-printed, about a third larger).
    let mean = sizes.iter().sum::<usize>() / sizes.len();
    assert!((1_000..=4_000).contains(&mean), "mean size {mean}");
    assert!(sizes.iter().all(|s| *s < 8_000), "{sizes:?}");
}

#[test]
fn generated_registry_is_valid() {
    let tmp = generated("valid", 2_000);
    let out = run(&["validate", tmp.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    // The summary line alone: no progress bar when stderr is not a terminal.
    assert_eq!(stderr(&out), "2000 document(s) checked, 0 with problems\n");
}

#[test]
fn sample_refuses_a_folder_that_is_not_empty() {
    let tmp = generated("refuse", 3);
    let before = files(&tmp.0.join("incidents"));
    let out = run(&["sample", "--count", "5", tmp.path()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("is not empty") && err.contains("--force"),
        "{err}"
    );
    assert!(files(&tmp.0.join("incidents")) == before, "nothing written");

    let out = run(&["sample", "--count", "5", "--force", tmp.path()]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(files(&tmp.0.join("incidents")).len(), 5);

    let out = run(&["sample", "--count", "0", tmp.path()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

fn read(file: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(file).expect("case")).expect("JSON")
}

fn write(file: &Path, doc: &Value) {
    std::fs::write(file, serde_json::to_string_pretty(doc).unwrap()).expect("write");
}

/// A registry of 12 generated cases without aliases or related cases, then one problem of each
/// kind put in.
fn broken_registry() -> TempDir {
    let tmp = generated("registry", 12);
    for n in 1..=12 {
        let mut doc = read(&tmp.case(n));
        let obj = doc.as_object_mut().unwrap();
        obj.remove("aliases");
        obj.remove("related");
        write(&tmp.case(n), &doc);
    }
    let edit = |n: u32, f: &dyn Fn(&mut Value)| {
        let mut doc = read(&tmp.case(n));
        f(&mut doc);
        write(&tmp.case(n), &doc);
    };
    edit(3, &|d| {
        d["related"] = json!([
            { "id": "GEN-000001", "relation": "see-also", "reason": "Present." },
            { "id": "GEN-009999", "relation": "see-also", "reason": "Not in the registry." }
        ])
    });
    edit(4, &|d| d["aliases"] = json!(["ALT-77"]));
    edit(5, &|d| d["aliases"] = json!(["XRA-1", "ALT-77"]));
    edit(6, &|d| d["aliases"] = json!(["GEN-000007"]));
    edit(8, &|d| d["id"] = json!("GEN-000010"));
    tmp
}

/// What each message across files says to do.
const ALIAS_SHARED: &str = "; an alias names one case: keep it on one of them";
const ALIAS_IS_ID: &str =
    "; an alias is an earlier id of this case: remove it, or merge the two cases";
const ONE_PER_CASE: &str = "; a registry keeps one document per case in incidents/ (earlier \
                            revisions in revisions/GEN-000010/N.json)";

#[test]
fn registry_checks_say_each_problem_with_its_file_and_field() {
    let tmp = broken_registry();
    let f = |n: u32| tmp.case(n).display().to_string();
    let expected = [
        format!(
            "{}: related[1].id: \"GEN-009999\" is not a case of this registry; correct the id, \
             add that case, or remove the entry",
            f(3)
        ),
        format!(
            "{}: aliases[1]: \"ALT-77\" is also an alias of the case in {}{ALIAS_SHARED}",
            f(5),
            f(4)
        ),
        format!(
            "{}: aliases[0]: \"GEN-000007\" is the id of another case, in {}{ALIAS_IS_ID}",
            f(6),
            f(7)
        ),
        format!(
            "{}: id: \"GEN-000010\" is not the file's name; a registry keeps case GEN-000010 in \
             GEN-000010.json",
            f(8)
        ),
        format!(
            "{}: id: \"GEN-000010\" is also the id of {}{ONE_PER_CASE}",
            f(10),
            f(8)
        ),
    ];
    // The registry folder, or its incidents/ folder: a whole registry either way.
    for dir in [tmp.0.clone(), tmp.0.join("incidents")] {
        let out = run(&["validate", dir.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert_eq!(stdout(&out).lines().collect::<Vec<_>>(), expected);
        assert_eq!(stderr(&out), "12 document(s) checked, 5 with problems\n");
    }
}

#[test]
fn loose_files_are_not_a_registry() {
    // Files named one by one: ids and aliases are still checked across them, but the file names
    // and related ids are not (a few files are not a whole registry).
    let tmp = broken_registry();
    let f = |n: u32| tmp.case(n).display().to_string();
    let args: Vec<String> = std::iter::once("validate".to_owned())
        .chain((1..=12).map(f))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [
            format!(
                "{}: aliases[1]: \"ALT-77\" is also an alias of the case in {}{ALIAS_SHARED}",
                f(5),
                f(4)
            ),
            format!(
                "{}: aliases[0]: \"GEN-000007\" is the id of another case, in {}{ALIAS_IS_ID}",
                f(6),
                f(7)
            ),
            format!(
                "{}: id: \"GEN-000010\" is also the id of {}{ONE_PER_CASE}",
                f(10),
                f(8)
            ),
        ]
    );
}

/// Regression: `index` wrote, and said it had written, indexes the widget's lists refuse: one file
/// over the list's size limit, two files of one case, a file name that is no address in an
/// index, a page size out of range. It now refuses each with what to do.
#[test]
fn index_writes_nothing_a_list_would_refuse() {
    let tmp = generated("index-refuses", 3_500);
    let out = run(&["index", tmp.path()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stderr(&out).contains("over what a list reads from one file (10000 cases, 4194304 bytes); write the sharded index instead: incident-cards index"),
        "{out:?}"
    );
    assert!(!tmp.0.join("index.json").exists());
    let out = run(&["index", tmp.path(), "--sharded", "--page-size", "2000"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("2000 is not in 1..=1000"), "{out:?}");

    let small = generated("index-refuses-small", 3);
    let one = small.case(1);
    let copy = small.0.join("incidents/GEN-000001-copy.json");
    std::fs::copy(&one, &copy).unwrap();
    for args in [
        &["index", small.path()][..],
        &["index", small.path(), "--sharded"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(
            stderr(&out)
                .contains("incidents/GEN-000001.json: id: \"GEN-000001\" is also the id of "),
            "{args:?}: {out:?}"
        );
        assert!(stdout(&out).is_empty(), "{args:?}: {out:?}");
    }
    std::fs::remove_file(&copy).unwrap();
    let draft = small.0.join("incidents/GEN-000001 (draft).json");
    std::fs::rename(&one, &draft).unwrap();
    let out = run(&["index", small.path()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stderr(&out).contains("incidents/GEN-000001 (draft).json: a file name in an index may hold only letters, digits, . _ - and /; name the file after its case (ID.json)"),
        "{out:?}"
    );
    std::fs::rename(&draft, &one).unwrap();
    assert!(run(&["index", small.path()]).status.success());
}
