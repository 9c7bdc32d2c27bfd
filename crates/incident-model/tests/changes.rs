//! `changes` tells every change a new revision can make: each value of a full document is changed
//! in turn, and each change that leaves a valid document must be told (`diff` prints it, and
//! `revise` refuses a revision that tells nothing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use incident_model::changes::changes;
use incident_model::parse_incident;
use serde_json::{json, Value};

/// What a new revision sets itself, which `changes` leaves out.
const SET_BY_A_REVISION: [&str; 4] = [
    "/revision",
    "/dates/modified",
    "/history",
    "/schema_version",
];

/// Every leaf of `v`, as a JSON Pointer (`/sources/2/title`).
fn leaves(v: &Value, pointer: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                leaves(x, format!("{pointer}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{pointer}/{i}"), out);
            }
        }
        _ => out.push(pointer),
    }
}

/// The value at `pointer` in `v`, changed: text gets a word more, a number one more, a flag flips.
fn change(v: &mut Value, pointer: &str) {
    let at = v.pointer_mut(pointer).expect("a leaf of the document");
    *at = match at.take() {
        Value::String(s) if s.starts_with("https://") => json!(format!("{s}x")),
        Value::String(s) => json!(format!("{s} more")),
        Value::Number(n) => json!(n.as_u64().unwrap_or(1) + 1),
        Value::Bool(b) => json!(!b),
        other => other,
    };
}

#[test]
fn every_change_to_a_document_is_told() {
    let text = std::fs::read_to_string("../../data/incidents/ICS-0001.json").unwrap();
    let mut base: Value = serde_json::from_str(&text).unwrap();
    // Fields the sample leaves out, so that they are changed too.
    base["status_reason"] = json!("Why it is as it is.");
    base["citation"]["permalink"] = json!("https://cards.example/ICS-0001");
    base["links"] = json!({"html": "https://cards.example/ICS-0001.html"});
    base["translations"] = json!([{"lang": "de", "title": "Titel"}]);
    let old = parse_incident(base.to_string().as_bytes()).expect("the base is valid");
    let mut paths = Vec::new();
    leaves(&base, String::new(), &mut paths);
    let (mut told, mut invalid) = (0, 0);
    for path in &paths {
        if SET_BY_A_REVISION
            .iter()
            .any(|s| path == s || path.starts_with(&format!("{s}.")))
        {
            continue;
        }
        let mut v = base.clone();
        change(&mut v, path);
        let Ok(new) = parse_incident(v.to_string().as_bytes()) else {
            invalid += 1;
            continue;
        };
        assert!(
            !changes(&old, &new).is_empty(),
            "a change of {path} is not told"
        );
        told += 1;
    }
    assert!(
        told > 60,
        "{told} changes told, {invalid} left invalid documents"
    );
}

#[test]
fn what_a_new_revision_sets_itself_is_no_change() {
    let text = std::fs::read_to_string("../../data/incidents/ICS-0002.json").unwrap();
    let old = parse_incident(text.as_bytes()).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["revision"] = json!(3);
    v["dates"]["modified"] = json!("2026-12-05");
    v["history"]
        .as_array_mut()
        .unwrap()
        .push(json!({"revision": 3, "date": "2026-12-05"}));
    let new = parse_incident(v.to_string().as_bytes()).unwrap();
    assert_eq!(changes(&old, &new), []);
}
