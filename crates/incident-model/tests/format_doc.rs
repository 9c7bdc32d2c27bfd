//! `docs/format.md` is the published reference. These tests keep it from drifting from the code:
//! the limits table, the enum values and field names of the schema, and the examples.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use incident_model::{limits, parse_incident, parse_index};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn doc() -> String {
    std::fs::read_to_string(repo().join("docs/format.md")).expect("docs/format.md exists")
}

/// The row `docs/format.md` must hold for one entry of `limits::TABLE`.
fn row(name: &str, value: usize, what: &str) -> String {
    format!("| `{name}` | {value} | {what} |")
}

#[test]
fn every_limit_is_published_with_its_number() {
    let text = doc();
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let missing: Vec<String> = limits::TABLE
        .iter()
        .map(|(name, value, what)| row(name, *value, what))
        .filter(|r| !lines.contains(&r.as_str()))
        .collect();
    let table: Vec<String> = limits::TABLE
        .iter()
        .map(|(name, value, what)| row(name, *value, what))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/format.md is out of date with incident_model::limits::TABLE; missing rows:\n{}\n\n\
         The whole table, to paste under its header:\n{}",
        missing.join("\n"),
        table.join("\n")
    );
    // And no stale row for a limit that no longer exists or has another number.
    for line in &lines {
        if let Some(rest) = line.strip_prefix("| `") {
            let name = rest.split('`').next().unwrap_or_default();
            let is_limit_name = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit());
            if is_limit_name {
                assert!(table.iter().any(|r| r == line), "stale limits row: {line}");
            }
        }
    }
}

fn json_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_end() == "```json" => current = Some(String::new()),
            Some(body) if line.trim_end() == "```" => {
                blocks.push(std::mem::take(body));
                current = None;
            }
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// Every ```json block is a complete, valid incident document or index file.
#[test]
fn every_json_example_is_valid() {
    let blocks = json_blocks(&doc());
    assert!(
        blocks.len() >= 3,
        "ICS-0001, a minimal document and an index"
    );
    for block in &blocks {
        let v: Value = serde_json::from_str(block).expect("example is JSON");
        if v.get("incidents").is_some() {
            parse_index(block.as_bytes())
                .unwrap_or_else(|e| panic!("index example: {:?}\n{block}", e.lines()));
        } else {
            parse_incident(block.as_bytes())
                .unwrap_or_else(|e| panic!("document example: {:?}\n{block}", e.lines()));
        }
    }
}

#[test]
fn the_full_example_is_ics_0001_as_published() {
    let published: Value =
        serde_json::from_str(include_str!("../../../data/incidents/ICS-0001.json")).expect("JSON");
    let found = json_blocks(&doc())
        .iter()
        .any(|b| serde_json::from_str::<Value>(b).ok().as_ref() == Some(&published));
    assert!(
        found,
        "docs/format.md must show data/incidents/ICS-0001.json in full, unchanged"
    );
}

fn collect_schema_words(v: &Value, enums: &mut Vec<String>, fields: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(values)) = map.get("enum") {
                enums.extend(values.iter().filter_map(|s| s.as_str().map(str::to_owned)));
            }
            if let Some(Value::String(s)) = map.get("const") {
                enums.push(s.clone());
            }
            if let Some(Value::Object(props)) = map.get("properties") {
                fields.extend(props.keys().cloned());
            }
            for x in map.values() {
                collect_schema_words(x, enums, fields);
            }
        }
        Value::Array(items) => {
            for x in items {
                collect_schema_words(x, enums, fields);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_and_enum_value_is_documented() {
    let text = doc();
    let mut enums = Vec::new();
    let mut fields = Vec::new();
    for schema in [
        incident_model::incident_schema(),
        incident_model::index_schema(),
    ] {
        let v = serde_json::to_value(&schema).expect("schema");
        collect_schema_words(&v, &mut enums, &mut fields);
    }
    assert!(enums.contains(&"not-publicly-confirmed".to_owned()));
    for word in enums.iter().chain(&fields) {
        assert!(
            text.contains(&format!("`{word}`")),
            "docs/format.md does not mention `{word}`"
        );
    }
}

#[test]
fn no_machine_paths_in_published_files() {
    let mut files = vec![
        repo().join("docs/format.md"),
        repo().join("data/index.json"),
    ];
    for dir in ["data/incidents", "schema"] {
        for e in std::fs::read_dir(repo().join(dir)).expect("folder") {
            files.push(e.expect("entry").path());
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("text");
        // Built at run time, so this file does not itself hold the strings it looks for.
        for bad in ["work", "tmp", "root", "home"].map(|d| format!("/{d}/")) {
            assert!(
                !text.contains(&bad),
                "{} mentions a machine path ({bad})",
                file.display()
            );
        }
    }
}
