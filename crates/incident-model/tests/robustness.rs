//! Hostile and broken input: nothing panics, nothing recurses without bound, big bodies are refused
//! before any work is done, and every failure is one of the documented errors.
//!
//! Case counts are kept small so the whole file runs in a few seconds in a debug build.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::{Duration, Instant};

use incident_model::{limits, parse_incident, parse_index, DocumentError};
use proptest::prelude::*;
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../../data/incidents/ICS-0001.json");
const INDEX: &str = include_str!("../../../data/index.json");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).expect("the sample is JSON")
}

/// Every error is one of the documented kinds; its messages hold no control characters.
fn check_error(e: &DocumentError) {
    assert!([
        "too-large",
        "not-json",
        "not-incident",
        "unsupported-version",
        "invalid"
    ]
    .contains(&e.code()));
    for line in e.lines() {
        assert!(
            !line.chars().any(|c| c.is_control()),
            "control character in {line:?}"
        );
    }
}

fn parse_both(bytes: &[u8]) {
    if let Err(e) = parse_incident(bytes) {
        check_error(&e);
    }
    if let Err(e) = parse_index(bytes) {
        check_error(&e);
    }
}

/// Runs `f` on a thread with a small stack: deep input must not need a deep stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic, no stack overflow")
}

fn set_path(v: &mut Value, path: &str, new: Value) {
    let mut cur = v;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        cur = &mut cur[key];
        for idx in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            cur = &mut cur[idx.parse::<usize>().expect("index")];
        }
    }
    *cur = new;
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// After replacing the value at `path`, the result is valid or names that path (or below it).
fn check_replacement(path: &str, original: &Value, new: Value) {
    let mut v = sample();
    set_path(&mut v, path, new.clone());
    match parse_incident(v.to_string().as_bytes()) {
        Ok(doc) => {
            // A document that is accepted survives a round trip through its own serialisation.
            let again = serde_json::to_vec(&doc).expect("serialises");
            assert_eq!(parse_incident(&again).expect("round trip"), doc);
        }
        Err(e) => {
            check_error(&e);
            assert_ne!(
                e.code(),
                "not-json",
                "{path} = {new}: the JSON is fine: {e:?}"
            );
            if path == "schema_version" {
                return;
            }
            if !new.is_null() && !same_type(original, &new) {
                let DocumentError::Invalid { problems, .. } = &e else {
                    panic!("{path} = {new}: {e:?}");
                };
                assert!(
                    problems.iter().any(|p| p.path.starts_with(path)),
                    "{path} = {new}: problems do not name the field: {problems:#?}"
                );
            }
        }
    }
}

#[test]
fn wrong_types_in_every_field() {
    let mut paths = Vec::new();
    all_paths(&sample(), String::new(), &mut paths);
    assert!(paths.len() > 150, "the sample covers many fields");
    let replacements = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(""),
        json!("x"),
        json!([]),
        json!([1]),
        json!({}),
        json!({"a": [1, {"b": null}]}),
    ];
    for (path, original) in &paths {
        for new in &replacements {
            check_replacement(path, original, new.clone());
        }
    }
}

#[test]
fn ten_megabyte_string_is_refused_at_once() {
    let mut v = sample();
    v["summary"] = json!("a".repeat(10 * 1024 * 1024));
    let body = v.to_string();
    let start = Instant::now();
    let err = parse_incident(body.as_bytes()).expect_err("too large");
    let index_err = parse_index(body.as_bytes()).expect_err("too large");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(
        matches!(err, DocumentError::TooLarge { limit, .. } if limit == limits::DOCUMENT_BYTES)
    );
    assert!(
        matches!(index_err, DocumentError::TooLarge { limit, .. } if limit == limits::INDEX_BYTES)
    );
}

fn assert_too_deep(result: Result<impl std::fmt::Debug, DocumentError>) {
    let err = result.expect_err("too deep");
    assert_eq!(err.code(), "not-json", "{err:?}");
    assert!(err.to_string().contains("nested more than"), "{err}");
}

#[test]
fn hundred_thousand_deep_arrays() {
    on_small_stack(|| {
        let depth = 100_000;
        let closed = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(closed.len() <= limits::DOCUMENT_BYTES);
        assert_too_deep(parse_incident(closed.as_bytes()));
        assert_too_deep(parse_index(closed.as_bytes()));
        // Never closed.
        assert_too_deep(parse_incident("[".repeat(depth).as_bytes()));
        // The index limit is larger: a million levels fit in it.
        let million = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert!(million.len() <= limits::INDEX_BYTES);
        assert_too_deep(parse_index(million.as_bytes()));
    });
}

#[test]
fn deep_objects() {
    on_small_stack(|| {
        let nest = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        // 100 000 levels of {"a": do not fit under the byte limit: refused before parsing.
        let huge = nest(100_000);
        assert!(huge.len() > limits::DOCUMENT_BYTES);
        assert!(matches!(
            parse_incident(huge.as_bytes()),
            Err(DocumentError::TooLarge { .. })
        ));
        // 40 000 levels fit, and are refused for their depth.
        let deep = nest(40_000);
        assert!(deep.len() <= limits::DOCUMENT_BYTES);
        assert_too_deep(parse_incident(deep.as_bytes()));
        assert_too_deep(parse_index(deep.as_bytes()));
    });
}

/// The sample with `"x-unknown": <nested>` added: an otherwise valid small document.
fn sample_with_unknown(nested: &str) -> String {
    let body = SAMPLE.trim_end();
    let at = body.rfind('}').expect("object");
    format!(
        "{},\n  \"x-unknown\": {nested}\n}}\n",
        &body[..at].trim_end()
    )
}

#[test]
fn deep_nesting_inside_an_unknown_field() {
    on_small_stack(|| {
        let depth = 100_000;
        let arrays = sample_with_unknown(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        assert!(arrays.len() <= limits::DOCUMENT_BYTES);
        assert_too_deep(parse_incident(arrays.as_bytes()));

        // {"a": is five bytes a level, so 100 000 levels would not fit: 10 000 do.
        let depth = 10_000;
        let objects = sample_with_unknown(&format!(
            "{}1{}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        ));
        assert_too_deep(parse_incident(objects.as_bytes()));

        // Shallow unknown content is simply ignored.
        let shallow = sample_with_unknown("[[[{\"a\": {\"b\": [1, 2, {}]}}]]]");
        assert!(parse_incident(shallow.as_bytes()).is_ok());
    });
}

#[test]
fn fifty_thousand_item_lists() {
    let n = 50_000;
    // Over the list limit: one problem, with the count.
    let mut v = sample();
    v["tags"] = json!(vec!["t"; n]);
    let body = v.to_string();
    assert!(body.len() <= limits::DOCUMENT_BYTES);
    let start = Instant::now();
    match parse_incident(body.as_bytes()) {
        Err(DocumentError::Invalid { problems, .. }) => {
            assert_eq!(
                problems.len(),
                1,
                "{:?}",
                &problems[..problems.len().min(3)]
            );
            assert_eq!(problems[0].path, "tags");
            assert_eq!(
                problems[0].message,
                format!("has {n} entries (at most {} allowed)", limits::TAGS)
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(5));

    // In an unknown field: ignored.
    let unknown = sample_with_unknown(&format!("[{}0]", "0,".repeat(n)));
    assert!(parse_incident(unknown.as_bytes()).is_ok());

    // Items of the wrong type: the first one is named.
    let mut v = sample();
    v["claims"] = json!(vec![0; n]);
    match parse_incident(v.to_string().as_bytes()) {
        Err(DocumentError::Invalid { problems, .. }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].path, "claims[0]");
        }
        other => panic!("{other:?}"),
    }

    // An index of 50 000 numbers.
    let index = format!(
        "{{\"schema_version\":\"1.0.0\",\"incidents\":[{}0]}}",
        "0,".repeat(n)
    );
    match parse_index(index.as_bytes()) {
        Err(DocumentError::Invalid { problems, .. }) => {
            assert_eq!(problems[0].path, "incidents[0]");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn long_strings_everywhere_are_bounded() {
    // Every string field at once, each just over 4 000 characters: many problems, no panic.
    let mut v = sample();
    let mut paths = Vec::new();
    all_paths(&v, String::new(), &mut paths);
    let long = "x".repeat(4_000);
    for (path, original) in &paths {
        if original.is_string() && path != "schema_version" {
            set_path(&mut v, path, json!(long));
        }
    }
    let body = v.to_string();
    if body.len() <= limits::DOCUMENT_BYTES {
        let err = parse_incident(body.as_bytes()).expect_err("invalid");
        check_error(&err);
    } else {
        assert_eq!(
            parse_incident(body.as_bytes()).expect_err("x").code(),
            "too-large"
        );
    }
}

/// Edits to the sample's bytes: replace, insert or delete one byte at a position.
fn mutations() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    prop::collection::vec((any::<usize>(), 0u8..3, any::<u8>()), 1..8)
}

fn apply(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = base.to_vec();
    for &(pos, op, byte) in edits {
        let len = out.len();
        match op {
            0 if len > 0 => out[pos % len] = byte,
            1 => out.insert(pos % (len + 1), byte),
            _ if len > 0 => {
                out.remove(pos % len);
            }
            _ => {}
        }
    }
    out
}

const WORDS: &[&str] = &[
    "2025-12-15",
    "ICS-0002",
    "https://example.org/",
    "javascript:alert(1)",
    "verified",
    "trigger",
    "\u{202E}",
];

include!("data/json_gen.rs");

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        parse_both(&bytes);
    }

    #[test]
    fn json_like_text_never_panics(text in r#"[\[\]{}":,0-9a-z\\ .\-\n]{0,400}"#) {
        parse_both(text.as_bytes());
        let with_version = format!("{{\"schema_version\":\"1.0.0\",{text}");
        parse_both(with_version.as_bytes());
    }

    #[test]
    fn mutated_sample_never_panics(edits in mutations()) {
        parse_both(&apply(SAMPLE.as_bytes(), &edits));
    }

    #[test]
    fn mutated_index_never_panics(edits in mutations()) {
        parse_both(&apply(INDEX.as_bytes(), &edits));
    }

    /// Any cut before the last `}` leaves an unfinished document (a cut that only drops the
    /// final newline leaves a complete one).
    #[test]
    fn truncated_sample_is_not_json(cut in 0usize..SAMPLE.trim_end().len()) {
        let err = parse_incident(&SAMPLE.as_bytes()[..cut]).expect_err("truncated");
        check_error(&err);
        prop_assert_eq!(err.code(), "not-json");
    }

    #[test]
    fn truncated_index_is_not_json(cut in 0usize..INDEX.trim_end().len()) {
        let err = parse_index(&INDEX.as_bytes()[..cut]).expect_err("truncated");
        prop_assert_eq!(err.code(), "not-json");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_value_in_any_field(pick in any::<prop::sample::Index>(), new in arb_json(WORDS)) {
        let mut paths = Vec::new();
        all_paths(&sample(), String::new(), &mut paths);
        let (path, original) = &paths[pick.index(paths.len())];
        check_replacement(path, original, new);
    }
}
