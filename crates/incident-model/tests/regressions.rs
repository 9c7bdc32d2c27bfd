//! Regression tests for bugs found in the model.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use incident_model::{build_index, parse_incident, parse_index, validate_index, DocumentError};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../../../data/incidents/ICS-0001.json");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).expect("the sample is JSON")
}

/// A disputed or withdrawn case is valid, but its index entry used to be rejected: the entry was
/// checked as a document without `status_reason` / `withdrawn`, which those statuses require. The
/// CLI then wrote an index that `parse_index` refused.
#[test]
fn index_of_disputed_and_withdrawn_cases_is_valid() {
    let mut disputed = sample();
    disputed["status"] = json!("disputed");
    disputed["status_reason"] = json!("A party denies the main claim.");
    let mut withdrawn = sample();
    withdrawn["id"] = json!("ICS-0099");
    withdrawn["status"] = json!("withdrawn");
    withdrawn["withdrawn"] = json!({"date": "2026-11-22", "reason": "Filed twice."});
    let docs: Vec<(String, incident_model::Incident)> = [disputed, withdrawn]
        .iter()
        .map(|v| {
            let doc = parse_incident(v.to_string().as_bytes()).expect("valid case");
            (format!("incidents/{}.json", doc.id), doc)
        })
        .collect();
    let index = build_index(&docs);
    assert_eq!(validate_index(&index), vec![]);
    let bytes = serde_json::to_vec(&index).expect("serialises");
    let back = parse_index(&bytes).expect("the built index parses");
    assert_eq!(back, index);
}

/// A top-level JSON array is not an incident document, even one whose items line up with the
/// fields (serde would otherwise read a struct from a sequence).
#[test]
fn top_level_array_is_not_an_incident() {
    for body in [r#"["1.0.0"]"#, r#"["1.0.0", "ICS-0001"]"#, "[]", "[1, 2]"] {
        let err = parse_incident(body.as_bytes()).expect_err(body);
        assert!(
            matches!(err, DocumentError::NotIncident { .. }),
            "{body}: {err:?}"
        );
        assert_eq!(err.code(), "not-incident");
    }
    let err = parse_index(br#"["1.0.0", []]"#).expect_err("array index");
    assert_eq!(err.code(), "not-incident", "{err:?}");
}

/// A value of the wrong JSON type in an enum field (`"status": true`) used to come back as
/// NotJson "expected value" with only a line and column: serde_json raises a syntax-class error
/// from its enum deserializer. The JSON is fine; it is a problem at a path.
#[test]
fn wrong_type_in_an_enum_field_is_a_problem_at_its_path() {
    let cases = [
        ("status", json!(true), "status", "true or false"),
        ("severity.level", json!(3), "severity.level", "a number"),
        (
            "claims[2].status",
            json!(["verified"]),
            "claims[2].status",
            "a list",
        ),
        (
            "cause_chain[0].stage",
            json!(null),
            "cause_chain[0].stage",
            "null",
        ),
    ];
    for (name, value, path, found) in cases {
        let expected = format!("expected text, found {found}");
        let mut v = sample();
        match name {
            "status" => v["status"] = value,
            "severity.level" => v["severity"]["level"] = value,
            "claims[2].status" => v["claims"][2]["status"] = value,
            _ => v["cause_chain"][0]["stage"] = value,
        }
        let err = parse_incident(v.to_string().as_bytes()).expect_err(name);
        assert_eq!(err.code(), "invalid", "{name}: {err:?}");
        assert_eq!(err.lines(), [format!("{path}: {expected}")]);
    }
}

/// `limits::NESTING` is "the deepest nesting accepted anywhere in a document", but serde_json
/// skips unknown fields without its depth guard, so a 10 000-deep array in an unknown field was
/// accepted. A scan before parsing now enforces the limit everywhere.
#[test]
fn nesting_limit_holds_inside_unknown_fields() {
    use incident_model::limits::NESTING;
    // The document object is level 1, so an unknown field may hold NESTING - 1 more levels.
    let with = |depth: usize, open: &str, close: &str| {
        let body = sample().to_string();
        let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let at = body.rfind('}').expect("object");
        format!("{},\"x-future\":{nested}}}", &body[..at])
    };
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        assert!(parse_incident(with(NESTING - 1, open, close).as_bytes()).is_ok());
        for depth in [NESTING, 10_000] {
            let err = parse_incident(with(depth, open, close).as_bytes()).expect_err("too deep");
            assert_eq!(err.code(), "not-json", "{err:?}");
            assert!(
                err.to_string()
                    .ends_with(&format!("nested more than {NESTING} levels deep")),
                "{err}"
            );
        }
    }
    // Brackets inside strings are text, not nesting.
    let mut v = sample();
    v["summary"] = json!(format!("{}\\\"{}", "[".repeat(500), "{".repeat(500)));
    assert!(parse_incident(v.to_string().as_bytes()).is_ok());
}

/// A hostile document with thousands of bad entries produced one problem line per entry (about
/// 20 000 lines for a 256 KiB file). Reports now stop at `limits::PROBLEMS` plus one summary line.
#[test]
fn problem_reports_are_capped() {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../data/incidents/ICS-0001.json")).unwrap();
    doc["tags"] = serde_json::Value::Array(vec![serde_json::json!("\u{202e}x"); 5_000]);
    let bytes = serde_json::to_vec(&doc).unwrap();
    let Err(incident_model::DocumentError::Invalid { problems, .. }) =
        incident_model::parse_incident(&bytes)
    else {
        panic!("expected an invalid document");
    };
    assert_eq!(problems.len(), incident_model::limits::PROBLEMS + 1);
    let last = problems.last().unwrap();
    assert!(last.message.contains("more problem(s) not shown"), "{last}");
}

/// Regression: the day of a document's revision was `modified`, else `filed`, even when its
/// history names the day: a case revised without `modified` was pinned and cited with its
/// filing day, and `revise` checked `--date` against that day.
#[test]
fn a_revision_is_dated_by_its_history_first() {
    let mut v = sample();
    v["revision"] = json!(2);
    v["history"] = json!([
        {"revision": 1, "date": "2026-11-21"},
        {"revision": 2, "date": "2026-12-01", "changes": ["changed: summary"]}
    ]);
    let doc = parse_incident(v.to_string().as_bytes()).expect("valid");
    assert_eq!(doc.dates.modified, None);
    assert_eq!(
        incident_model::cite::revision_date(&doc),
        Some("2026-12-01")
    );
    assert_eq!(doc.since(1).map(|s| s.date), Some(Some("2026-12-01")));
    // Without a history, `modified`, else `filed`.
    v.as_object_mut().unwrap().remove("history");
    let doc = parse_incident(v.to_string().as_bytes()).expect("valid");
    assert_eq!(
        incident_model::cite::revision_date(&doc),
        Some("2026-11-21")
    );
}

/// Regression: serde_json's default float parser can be one step off the correctly rounded
/// value that `JSON.parse` gives: `10.000000000000001` read as the whole number 10 (a valid
/// revision), and the largest double written out in full read as out of range. The widget's
/// route is held to the same in `tests/reader_in_browser.rs`.
#[test]
fn numbers_are_read_correctly_rounded() {
    let text = serde_json::to_string_pretty(&sample()).unwrap();
    let fraction = text.replacen("\"revision\": 1", "\"revision\": 10.000000000000001", 1);
    assert_ne!(fraction, text);
    let err = parse_incident(fraction.as_bytes()).expect_err("not a whole number");
    assert_eq!(err.code(), "invalid", "{err:?}");
    let largest = text.replacen(
        "\"revision\": 1",
        "\"revision\": 1, \"x_n\": 1.7976931348623158e308",
        1,
    );
    assert!(parse_incident(largest.as_bytes()).is_ok());
}

/// Regression: Unicode's noncharacters passed `validate`, and `site` then wrote an Atom feed that
/// no XML parser reads (U+FFFF is not an XML character).
#[test]
fn noncharacters_are_refused_in_text() {
    for c in [
        '\u{FFFF}',
        '\u{FFFE}',
        '\u{FDD0}',
        '\u{FDEF}',
        '\u{1FFFF}',
        '\u{10FFFE}',
    ] {
        let mut v = sample();
        v["title"] = json!(format!("Agent{c} deletes"));
        let err = parse_incident(v.to_string().as_bytes()).expect_err("refused");
        let text = format!("{err:?}");
        assert!(text.contains("noncharacter"), "{c:?}: {text}");
    }
    // Their neighbours are ordinary characters.
    for c in ['\u{FDCF}', '\u{FDF0}', '\u{FFFD}', '\u{1FFFD}'] {
        let mut v = sample();
        v["title"] = json!(format!("Agent{c} deletes"));
        assert!(parse_incident(v.to_string().as_bytes()).is_ok(), "{c:?}");
    }
}

fn cited(v: &Value, url: &str, publisher: Option<&str>) -> (String, String, String) {
    let doc = parse_incident(v.to_string().as_bytes()).expect("valid");
    let cx = incident_model::cite::CiteContext {
        url,
        accessed: "2026-12-07",
        publisher,
    };
    (
        incident_model::cite::bibtex(&doc, &cx),
        incident_model::cite::ris(&doc, &cx),
        incident_model::cite::csl_json(&doc, &cx),
    )
}

/// Regression: BibTeX's `url` was escaped like text (`a\_b`, `\textasciitilde{}`), which biblatex
/// reads verbatim, so the address no longer worked; and a brace in a title was written `\}`,
/// which BibTeX counts as a brace, so one unmatched brace ended the field early and the rest of
/// the entry was lost. (citation-js reads these back in `www/tests/citations.test.mjs`.)
#[test]
fn bibtex_keeps_the_address_and_balances_every_brace() {
    let mut v = sample();
    v["title"] = json!("Only a closing brace } and an opening { here");
    let (bib, _, _) = cited(&v, "https://ex.org/~u/a_b/c%20d/?q={x}#y&z", None);
    assert!(
        bib.contains("url = {https://ex.org/~u/a_b/c%20d/?q=%7Bx%7D#y&z}"),
        "{bib}"
    );
    // Every brace in the entry is balanced, escaped or not: depth never below zero, zero at the end.
    let mut depth = 0i32;
    for c in bib.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "{bib}");
    }
    assert_eq!(depth, 0, "{bib}");
    assert!(bib.contains(r"\textbraceright{} and an opening \textbraceleft{} here"));
}

/// Regression: RIS has no corporate author; "Reg, Inc." on its `AU` line was read as a person
/// (family name "Reg", given name "Inc."). Without the comma it is read as one name.
#[test]
fn ris_names_an_organisation_as_one_name() {
    let (_, ris, _) = cited(&sample(), "https://ex.org/", Some("Reg, Inc. & Co"));
    assert!(ris.contains("AU  - Reg Inc. & Co\r\n"), "{ris}");
    assert!(ris.contains("PB  - Reg, Inc. & Co\r\n"), "{ris}");
}

/// Regression: a withdrawn case's citation carried the summary it withdrew (CSL-JSON's
/// `abstract`) and did not say it was withdrawn.
#[test]
fn a_withdrawn_case_is_cited_as_withdrawn() {
    let mut v = sample();
    v["status"] = json!("withdrawn");
    v["withdrawn"] = json!({"date": "2026-12-05", "reason": "Filed twice."});
    let summary = v["summary"].as_str().unwrap().to_owned();
    let (bib, ris, csl) = cited(&v, "https://ex.org/", None);
    for text in [&bib, &ris, &csl] {
        assert!(!text.contains(&summary[..40]), "{text}");
        assert!(text.contains("withdrawn on 2026-12-05"), "{text}");
    }
    assert!(csl.contains("This case has been withdrawn on 2026-12-05. Reason: Filed twice."));
}
