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
        let lines: Vec<String> = changes(&old, &new).iter().map(|c| c.describe()).collect();
        assert!(!lines.is_empty(), "a change of {path} is not told");
        // One value changed moves no item of a list: the change is named for what it is.
        assert!(
            !lines
                .iter()
                .any(|l| l.contains("(order)") || l.contains("(repeated)")),
            "a change of {path} is told as {lines:?}"
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

fn sample() -> Value {
    serde_json::from_str(&std::fs::read_to_string("../../data/incidents/ICS-0001.json").unwrap())
        .unwrap()
}

fn told(old: &Value, new: &Value) -> Vec<String> {
    let (old, new) = (
        parse_incident(old.to_string().as_bytes()).expect("old is valid"),
        parse_incident(new.to_string().as_bytes()).expect("new is valid"),
    );
    changes(&old, &new).iter().map(|c| c.describe()).collect()
}

/// Regression: a claim that went from disputed to retracted (or back) was told by no line, so
/// `diff` said "0 change(s)" and `revise` refused the revision.
#[test]
fn a_contested_claim_contested_another_way_is_told() {
    let mut old = sample();
    old["claims"][0]["status"] = json!("disputed");
    let mut new = old.clone();
    new["claims"][0]["status"] = json!("retracted");
    let text = old["claims"][0]["text"].as_str().unwrap().to_owned();
    assert_eq!(told(&old, &new), [format!("claim now retracted: {text}")]);
    assert_eq!(told(&new, &old), [format!("claim now disputed: {text}")]);
}

/// Regression: claims or sources in another order (which renumbers the sources on the card),
/// and a claim given twice, were told by no line: claims are matched by text, sources by id and
/// address.
#[test]
fn a_list_in_another_order_or_with_an_item_twice_is_told() {
    let old = sample();
    let mut swapped = old.clone();
    swapped["claims"].as_array_mut().unwrap().swap(0, 1);
    assert_eq!(told(&old, &swapped), ["changed: claims (order)"]);
    let mut twice = old.clone();
    let first = twice["claims"][0].clone();
    twice["claims"].as_array_mut().unwrap().push(first);
    assert_eq!(told(&old, &twice), ["changed: claims (repeated)"]);
    let mut sources = old.clone();
    sources["sources"].as_array_mut().unwrap().swap(0, 1);
    assert_eq!(told(&old, &sources), ["changed: sources (order)"]);
    // A claim added in front moves no kept claim: it is told alone. Added and two kept claims
    // swapped, both are told.
    let new_claim = json!({"text": "A new claim.", "status": "verified", "sources": ["apm-0005"]});
    let mut added = old.clone();
    added["claims"].as_array_mut().unwrap().insert(0, new_claim);
    assert_eq!(told(&old, &added), ["claim added: A new claim."]);
    added["claims"].as_array_mut().unwrap().swap(1, 2);
    assert_eq!(
        told(&old, &added),
        ["changed: claims (order)", "claim added: A new claim."]
    );
}
