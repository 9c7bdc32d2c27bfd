//! Documents as the widget reads them (`JSON.parse`, then serde-wasm-bindgen into a plain value and
//! the model's reader: `incident_card::load`) against the command-line tool's route (serde_json,
//! then the same reader),
//! both in headless Chromium: every sample, and the first sample with every field replaced by a
//! value of each type or removed, must give the same card or the same error, message for message.
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p incident-cards-wasm --target wasm32-unknown-unknown --test reader_in_browser
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(target_arch = "wasm32")]

use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLES: [&str; 8] = [
    include_str!("../data/incidents/ICS-0001.json"),
    include_str!("../data/incidents/ICS-0002.json"),
    include_str!("../data/incidents/ICS-0003.json"),
    include_str!("../data/incidents/ICS-0004.json"),
    include_str!("../data/incidents/ICS-0005.json"),
    include_str!("../data/incidents/ICS-0006.json"),
    include_str!("../data/incidents/ICS-0007.json"),
    include_str!("../data/incidents/ICS-0008.json"),
];
const INDEX: &str = include_str!("../data/index.json");

fn same_incident(text: &str) -> bool {
    // Links are checked with the browser's URL parser, as the widget does.
    incident_card::browser_url::install();
    let widget = incident_card::load::read_incident(text.as_bytes());
    let cli = incident_model::parse_incident(text.as_bytes());
    assert_eq!(widget, cli, "{text}");
    widget.is_ok()
}

fn same_index(text: &str) -> bool {
    incident_card::browser_url::install();
    let widget = incident_card::load::read_index(text.as_bytes());
    let cli = incident_model::parse_index(text.as_bytes());
    assert_eq!(widget, cli, "{text}");
    widget.is_ok()
}

/// Every document the closure makes from `base`: each field and list item replaced by each value,
/// and each object field removed.
fn variants(base: &Value, mut each: impl FnMut(&Value)) {
    fn walk(root: &Value, at: &mut Vec<Step>, here: &Value, each: &mut dyn FnMut(&Value)) {
        let values = [
            Value::Null,
            json!(true),
            json!(7),
            json!(1.5),
            json!("x"),
            json!([]),
            json!({}),
        ];
        match here {
            Value::Object(map) => {
                for (k, child) in map {
                    at.push(Step::Key(k.clone()));
                    for v in &values {
                        each(&set(root, at, Some(v.clone())));
                    }
                    each(&set(root, at, None));
                    walk(root, at, child, each);
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    at.push(Step::Item(i));
                    for v in &values {
                        each(&set(root, at, Some(v.clone())));
                    }
                    walk(root, at, child, each);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    walk(base, &mut Vec::new(), base, &mut each);
}

enum Step {
    Key(String),
    Item(usize),
}

/// `root` with the value at `path` replaced (or, for `None`, the field removed).
fn set(root: &Value, path: &[Step], new: Option<Value>) -> Value {
    let mut out = root.clone();
    let Some((last, parents)) = path.split_last() else {
        return out;
    };
    let mut cur = &mut out;
    for step in parents {
        cur = match step {
            Step::Key(k) => &mut cur[k.as_str()],
            Step::Item(i) => &mut cur[*i],
        };
    }
    match (last, new) {
        (Step::Key(k), Some(v)) => cur[k.as_str()] = v,
        (Step::Key(k), None) => {
            if let Some(map) = cur.as_object_mut() {
                map.remove(k);
            }
        }
        (Step::Item(i), Some(v)) => cur[*i] = v,
        (Step::Item(_), None) => {}
    }
    out
}

#[wasm_bindgen_test]
fn every_sample_reads_the_same() {
    for text in SAMPLES {
        assert!(same_incident(text), "the sample is accepted");
    }
    assert!(same_index(INDEX));
}

#[wasm_bindgen_test]
fn every_field_of_every_type_reads_the_same() {
    let base: Value = serde_json::from_str(SAMPLES[0]).expect("JSON");
    let (mut accepted, mut refused) = (0, 0);
    variants(&base, |v| {
        if same_incident(&v.to_string()) {
            accepted += 1;
        } else {
            refused += 1;
        }
    });
    assert!(
        accepted > 50 && refused > 1000,
        "{accepted} accepted, {refused} refused"
    );
}

#[wasm_bindgen_test]
fn every_index_field_reads_the_same() {
    let base: Value = serde_json::from_str(INDEX).expect("JSON");
    let mut n = 0;
    variants(&base, |v| {
        same_index(&v.to_string());
        n += 1;
    });
    assert!(n > 500, "{n} variants");
}

#[wasm_bindgen_test]
fn outside_the_types_the_routes_agree_too() {
    for text in [
        "[1, 2]",
        "{}",
        "{\"schema_version\": 1}",
        "{\"schema_version\": \"2.0.0\", \"id\": \"ICS-0001\"}",
        "{\"schema_version\": \"1.0.0\"}",
        "\"text\"",
        "null",
    ] {
        same_incident(text);
        same_index(text);
    }
}

/// `JSON.parse` reads `1e400` as `Infinity`, serde_json refuses it: the routes agree all the same
/// (regression: the widget said "invalid" at the field where the command-line tool said
/// "not-json", "number out of range").
#[wasm_bindgen_test]
fn a_number_out_of_range_is_refused_alike() {
    let doc = SAMPLES[0].replace("\"score\": 3,", "\"score\": 1e400,");
    assert_ne!(doc, SAMPLES[0], "the first sample has a score of 3");
    assert!(!same_incident(&doc));
    let err = incident_card::load::read_incident(doc.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "not-json", "{err}");
    for text in ["[1e400]", "{\"schema_version\": -1e400}", "1e400"] {
        same_incident(text);
        same_index(text);
    }
}

/// Numbers one rounding step apart: serde_json's fast float parser read `10.000000000000001` as
/// 10, a whole revision number, where `JSON.parse` (correctly rounded) reads 10.000000000000002
/// and the widget refused it; and it read the largest double written out in full as out of
/// range, where `JSON.parse` reads it (regression: the routes disagreed; serde_json now parses
/// with `float_roundtrip`).
#[wasm_bindgen_test]
fn numbers_read_correctly_rounded_alike() {
    let fraction = SAMPLES[0].replace("\"revision\": 1\n", "\"revision\": 10.000000000000001\n");
    assert_ne!(fraction, SAMPLES[0], "the first sample is at revision 1");
    assert!(
        !same_incident(&fraction),
        "not a whole number on either route"
    );
    let largest = SAMPLES[0].replace(
        "\"score\": 3,",
        "\"score\": 3, \"x_n\": 1.7976931348623158e308,",
    );
    assert_ne!(largest, SAMPLES[0]);
    assert!(
        same_incident(&largest),
        "the largest double is a number on both routes"
    );
    for text in [
        "[0.9999999999999999]",
        "{\"schema_version\": 1.7976931348623158e308}",
    ] {
        same_incident(text);
        same_index(text);
    }
}
