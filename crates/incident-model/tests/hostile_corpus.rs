//! The corpus of hostile documents in `tests/hostile-documents/`: each file's name starts with the
//! outcome it must have (`ok` or an error code), e.g. `not-json--truncated.json`. The same files are
//! served to the widget by the end-to-end tests (`www/tests/hostile.test.mjs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use incident_model::parse_incident;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile-documents");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/hostile-documents")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_hostile_document_gets_its_outcome() {
    let files = corpus();
    assert!(files.len() >= 15, "the corpus is in place");
    for (name, bytes) in files {
        let expected = name.split("--").next().unwrap();
        let outcome = match parse_incident(&bytes) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        };
        assert_eq!(outcome, expected, "{name}");
    }
}
