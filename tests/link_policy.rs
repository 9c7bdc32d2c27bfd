//! The link policy as the widget runs it: the model's `check_url` with the browser's own URL
//! parser (`src/url.rs`) in headless Chromium, over the same table of cases the model's tests run
//! with the `url` crate (`crates/incident-model/tests/data/link_cases.rs`): both must agree.
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p incident-cards-wasm --target wasm32-unknown-unknown --test link_policy
//! ```
#![cfg(target_arch = "wasm32")]

use incident_model::{check_url, display_host, limits, parse_url, UrlError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!("../crates/incident-model/tests/data/link_cases.rs");

#[wasm_bindgen_test]
fn the_shared_cases_with_the_browsers_parser() {
    incident_cards_wasm::url::install();
    check_link_cases();
}

#[wasm_bindgen_test]
fn parts_the_card_and_the_fetcher_use() {
    incident_cards_wasm::url::install();
    let u = check_url("https://example.org:443/x", false).unwrap();
    assert_eq!(u.origin, "https://example.org");
    assert_eq!(u.scheme, "https");
    let u = check_url("https://www.theverge.com/x", false).unwrap();
    assert_eq!(display_host(&u), "theverge.com");
    let base = "https://cards.example/data/index.json";
    let u = parse_url("incidents/ICS-0001.json", Some(base)).unwrap();
    assert_eq!(u.href, "https://cards.example/data/incidents/ICS-0001.json");
    assert_eq!(u.origin, "https://cards.example");
    let other = parse_url("//elsewhere.example/x.json", Some(base)).unwrap();
    assert_ne!(other.origin, u.origin);
    assert!(parse_url("x.json", Some("not a base")).is_err());
}
