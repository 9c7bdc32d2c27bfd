//! The link policy as the widget runs it: the model's `check_url` with the browser's own URL
//! parser (`src/url.rs`) in headless Chromium, over the same table of cases the model's tests run
//! with the `url` crate (`crates/incident-model/tests/data/link_cases.rs`): both must agree.
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p incident-cards-wasm --target wasm32-unknown-unknown --test link_policy
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(target_arch = "wasm32")]

use incident_model::{check_url, display_host, limits, parse_url, UrlError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!("../crates/incident-model/tests/data/link_cases.rs");

#[wasm_bindgen_test]
fn the_shared_cases_with_the_browsers_parser() {
    incident_card::browser_url::install();
    check_link_cases();
}

#[wasm_bindgen_test]
fn parts_the_card_and_the_fetcher_use() {
    incident_card::browser_url::install();
    check_url_parts();
}
