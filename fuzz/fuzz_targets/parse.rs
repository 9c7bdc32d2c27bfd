//! Coverage-guided fuzzing of everything a third-party document goes through: size check,
//! decoding, JSON parsing, version probe, typed deserialisation and validation, for both incident
//! documents and index files. Any panic, overflow or hang is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match incident_model::parse_incident(data) {
        Ok(doc) => {
            // A document that passed must also pass validation again and keep its links safe.
            assert!(incident_model::validate(&doc).is_empty());
            for source in &doc.sources {
                if let Some(url) = &source.url {
                    assert!(incident_model::check_url(url, doc.allow_http).is_ok());
                }
            }
        }
        Err(e) => {
            let _ = e.code();
            let _ = e.lines();
        }
    }
    let _ = incident_model::parse_index(data);
});
