//! The field-by-field reader (`incident_model::read`, what the widget uses on `JSON.parse`'s
//! result) against serde's derived `Deserialize` (what the command-line tool uses): on every sample,
//! every field replaced by a value of each type, every field removed, and random values, both must
//! accept the same documents and give equal values. A wrong type must be reported at its path.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use incident_model::{read, Incident, Index};
use proptest::prelude::*;
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../../data/incidents/ICS-0001.json");
const INDEX: &str = include_str!("../../../data/index.json");

fn samples() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/incidents");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("data/incidents")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("JSON"))
        .collect()
}

/// `JSON.parse` cannot tell `3` from `3.0`, so the reader takes a whole float as a whole number
/// where serde_json does not; such values are left out of the comparison.
fn has_whole_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0),
        Value::Array(items) => items.iter().any(has_whole_float),
        Value::Object(map) => map.values().any(has_whole_float),
        _ => false,
    }
}

/// Both give the same outcome; returns the reader's problem path when both refuse.
///
/// One difference is allowed: serde's derived code also reads a struct from a list (its fields by
/// position), which neither the reader nor the published schema accepts.
fn agree<T: PartialEq + std::fmt::Debug>(
    v: &Value,
    by_serde: Result<T, serde_json::Error>,
    by_reader: Result<T, incident_model::Problem>,
) -> Option<String> {
    match (by_serde, by_reader) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{v}");
            None
        }
        (Err(_), Err(p)) => Some(p.path),
        (Ok(_), Err(p)) if p.message == "expected an object, found a list" => Some(p.path),
        (a, b) => panic!("serde and the reader disagree on {v}:\n{a:?}\n{b:?}"),
    }
}

fn agree_incident(v: &Value) -> Option<String> {
    let by_reader = read::incident(&v);
    agree(v, serde_json::from_value::<Incident>(v.clone()), by_reader)
}

fn agree_index(v: &Value) -> Option<String> {
    let by_reader = read::index(&v);
    agree(v, serde_json::from_value::<Index>(v.clone()), by_reader)
}

enum Seg {
    Key(String),
    Item(usize),
}

/// `claims[2].status` as its steps.
fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Seg::Key(key.to_owned()));
        }
        for i in pieces {
            out.push(Seg::Item(i.trim_end_matches(']').parse().expect("index")));
        }
    }
    out
}

/// The value at `path`, if the document still has it.
fn at<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = v;
    for seg in path {
        cur = match seg {
            Seg::Key(k) => cur.get_mut(k.as_str())?,
            Seg::Item(i) => cur.get_mut(*i)?,
        };
    }
    Some(cur)
}

fn replaced(base: &Value, path: &str, new: Value) -> Value {
    let mut v = base.clone();
    let segs = segments(path);
    if let Some((last, parents)) = segs.split_last() {
        match (at(&mut v, parents), last) {
            (Some(Value::Object(map)), Seg::Key(k)) => {
                map.insert(k.clone(), new);
            }
            (Some(Value::Array(items)), Seg::Item(i)) => {
                if let Some(item) = items.get_mut(*i) {
                    *item = new;
                }
            }
            _ => {}
        }
    }
    v
}

/// The document without the field at `path` (`None` for a list item).
fn removed(base: &Value, path: &str) -> Option<Value> {
    let mut v = base.clone();
    let segs = segments(path);
    let (Seg::Key(k), parents) = segs.split_last()? else {
        return None;
    };
    at(&mut v, parents)?.as_object_mut()?.remove(k);
    Some(v)
}

fn replacements() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(0),
        json!(7),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(""),
        json!("x"),
        json!("high"),
        json!("verified"),
        json!([]),
        json!(["x"]),
        json!({}),
        json!({"a": [1, {"b": null}]}),
    ]
}

fn kind(v: &Value) -> std::mem::Discriminant<Value> {
    std::mem::discriminant(v)
}

#[test]
fn every_sample_reads_the_same() {
    let all = samples();
    assert!(all.len() >= 8, "the samples are in place");
    for v in &all {
        assert_eq!(agree_incident(v), None, "a sample is accepted");
    }
    let index: Value = serde_json::from_str(INDEX).expect("JSON");
    assert_eq!(agree_index(&index), None);
}

#[test]
fn every_field_of_every_type_reads_the_same() {
    let mut checked = 0;
    for base in samples() {
        let mut paths = Vec::new();
        all_paths(&base, String::new(), &mut paths);
        for (path, original) in &paths {
            for new in replacements() {
                let wrong_type = !new.is_null() && kind(&new) != kind(original);
                let v = replaced(&base, path, new);
                let problem = agree_incident(&v);
                if wrong_type {
                    let at = problem.unwrap_or_else(|| panic!("{path}: a wrong type is refused"));
                    assert!(at.starts_with(path.as_str()), "{path}: reported at {at}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked} documents compared");
}

#[test]
fn every_field_removed_reads_the_same() {
    for base in samples() {
        let mut paths = Vec::new();
        all_paths(&base, String::new(), &mut paths);
        for (path, _) in &paths {
            if let Some(v) = removed(&base, path) {
                agree_incident(&v);
            }
        }
    }
}

#[test]
fn every_index_field_reads_the_same() {
    let base: Value = serde_json::from_str(INDEX).expect("JSON");
    let mut paths = Vec::new();
    all_paths(&base, String::new(), &mut paths);
    for (path, original) in &paths {
        for new in replacements() {
            let wrong_type = !new.is_null() && kind(&new) != kind(original);
            let problem = agree_index(&replaced(&base, path, new));
            if wrong_type {
                let at = problem.unwrap_or_else(|| panic!("{path}: a wrong type is refused"));
                assert!(at.starts_with(path.as_str()), "{path}: reported at {at}");
            }
        }
        if let Some(v) = removed(&base, path) {
            agree_index(&v);
        }
    }
}

fn problem(doc: Value) -> (String, String) {
    let p = read::incident(&&doc).expect_err("refused");
    (p.path, p.message)
}

#[test]
fn messages_name_the_field_and_what_was_expected() {
    let base: Value = serde_json::from_str(SAMPLE).expect("JSON");
    let with = |path: &str, new: Value| replaced(&base, path, new);
    assert_eq!(
        problem(with("title", json!(5))),
        ("title".into(), "expected text, found a number".into())
    );
    assert_eq!(
        problem(with("sources[1].kind", json!("blog"))),
        (
            "sources[1].kind".into(),
            "\"blog\" is not one of: primary, regulatory, vendor-statement, research, press, \
             reader-submitted"
                .into()
        )
    );
    assert_eq!(
        problem(with("revision", json!(1.5))),
        (
            "revision".into(),
            "expected a whole number from 0 to 4294967295, found a number".into()
        )
    );
    assert_eq!(
        problem(with("severity", json!({"value": "x"}))),
        ("severity.level".into(), "is required".into())
    );
    assert_eq!(
        problem(with("tags", Value::Null)),
        ("tags".into(), "expected a list, found null".into())
    );
    assert_eq!(
        problem(json!([1, 2])),
        (
            "(document)".into(),
            "expected an object, found a list".into()
        )
    );
    // What the reader echoes of a bad value is cut short and stripped of control characters.
    let long = format!("\u{202E}{}", "x".repeat(500));
    let (_, message) = problem(with("status", json!(long)));
    assert!(message.chars().count() < 120, "{message}");
    assert!(!message.contains('\u{202E}'), "{message}");
}

const WORDS: &[&str] = &[
    "high",
    "verified",
    "trigger",
    "press",
    "see-also",
    "deployer",
    "withdrawn",
];

include!("data/json_gen.rs");

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random values in random fields of the sample (known and unknown ones).
    #[test]
    fn random_values_read_the_same(picks in prop::collection::vec((any::<prop::sample::Index>(), arb_json(WORDS)), 1..4)) {
        let base: Value = serde_json::from_str(SAMPLE).expect("JSON");
        let mut paths = Vec::new();
        all_paths(&base, String::new(), &mut paths);
        paths.push(("unknown_field".to_owned(), Value::Null));
        let mut v = base.clone();
        for (at, new) in picks {
            let (path, _) = at.get(&paths);
            v = replaced(&v, path, new);
        }
        if !has_whole_float(&v) {
            agree_incident(&v);
        }
    }
}

/// What `JSON.parse` does, the command-line route does too: a repeated key keeps its last value,
/// and `3.0` is the whole number 3.
#[test]
fn repeated_keys_and_whole_floats_read_as_in_the_browser() {
    let text = SAMPLE.trim_end().trim_end_matches('}').to_owned()
        + r#", "revision": 3.0, "title": "first", "title": "last"}"#;
    let doc = incident_model::parse_incident(text.as_bytes()).expect("accepted");
    assert_eq!(doc.revision, 3);
    assert_eq!(doc.title, "last");
}
