//! The link policy as the widget runs it: the model's `check_url` with the browser's own URL
//! parser (`src/url.rs`) in headless Chromium. Every case here is also a case of the `url` crate
//! route (the model's tests and the CLI): both must agree.
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p incident-cards-wasm --target wasm32-unknown-unknown --test link_policy
//! ```
#![cfg(target_arch = "wasm32")]

use incident_model::{check_url, display_host, parse_url, UrlError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn setup() {
    incident_cards_wasm::url::install();
}

#[wasm_bindgen_test]
fn allowed_addresses_come_back_normalised() {
    setup();
    let ok = |s: &str, http: bool| check_url(s, http).map(|u| u.href);
    assert_eq!(
        ok("https://example.org/a?b#c", false).as_deref(),
        Ok("https://example.org/a?b#c")
    );
    assert_eq!(
        ok("https://EXAMPLE.org", false).as_deref(),
        Ok("https://example.org/")
    );
    assert_eq!(
        ok("https://ex%61mple.org/x", false).as_deref(),
        Ok("https://example.org/x")
    );
    assert_eq!(
        ok("https:example.org", false).as_deref(),
        Ok("https://example.org/")
    );
    assert_eq!(
        ok("  https://example.org/ ", false).as_deref(),
        Ok("https://example.org/")
    );
    assert_eq!(ok("https://[::1]/", false).as_deref(), Ok("https://[::1]/"));
    assert_eq!(
        ok("http://example.org", true).as_deref(),
        Ok("http://example.org/")
    );
    assert_eq!(
        ok("https://xn--exmple-cua.org/", false).as_deref(),
        Ok("https://xn--exmple-cua.org/")
    );
    assert_eq!(
        ok("https://XN--EXMPLE-CUA.org/", false).as_deref(),
        Ok("https://xn--exmple-cua.org/")
    );
    let u = check_url("https://example.org:443/x", false).unwrap();
    assert_eq!(u.origin, "https://example.org");
    assert_eq!(u.scheme, "https");
    let u = check_url("https://www.theverge.com/x", false).unwrap();
    assert_eq!(display_host(&u), "theverge.com");
}

#[wasm_bindgen_test]
fn refused_addresses() {
    setup();
    let scheme = |s: &str, http: bool| matches!(check_url(s, http), Err(UrlError::Scheme { .. }));
    assert!(scheme("javascript:alert(1)", true));
    assert!(scheme(" JavaScript:alert(1)", true));
    assert!(scheme("java\tscript:alert(1)", true));
    assert!(scheme("data:text/html,<b>", true));
    assert!(scheme("vbscript:msgbox(1)", true));
    assert!(scheme("file:///etc/passwd", true));
    assert!(scheme("http://example.org", false));
    assert_eq!(
        check_url("https://u:p@example.org", false),
        Err(UrlError::Credentials)
    );
    assert_eq!(
        check_url("https://u@example.org", false),
        Err(UrlError::Credentials)
    );
    for bad in [
        "/relative",
        "//evil.example/x",
        "https://",
        "https://exa mple.org",
        "",
    ] {
        assert!(
            matches!(check_url(bad, false), Err(UrlError::Unparsable(_))),
            "{bad:?}"
        );
    }
    let long = format!(
        "https://example.org/{}",
        "a".repeat(incident_model::limits::URL)
    );
    assert!(matches!(check_url(&long, false), Err(UrlError::TooLong(_))));
}

#[wasm_bindgen_test]
fn unicode_hosts_are_refused_as_the_url_crate_route_refuses_them() {
    setup();
    for bad in [
        "https://exämple.org/",
        "https://ex%C3%A4mple.org/",
        "https://\u{430}pple.com/",
        "https://example.org\u{3002}evil.com/",
        "https://example.org%E3%80%82evil.com/",
    ] {
        assert!(
            matches!(check_url(bad, false), Err(UrlError::Unparsable(_))),
            "{bad:?}"
        );
    }
}

#[wasm_bindgen_test]
fn relative_addresses_resolve_against_a_base() {
    setup();
    let base = "https://cards.example/data/index.json";
    let u = parse_url("incidents/ICS-0001.json", Some(base)).unwrap();
    assert_eq!(u.href, "https://cards.example/data/incidents/ICS-0001.json");
    assert_eq!(u.origin, "https://cards.example");
    let other = parse_url("//elsewhere.example/x.json", Some(base)).unwrap();
    assert_ne!(other.origin, u.origin);
    assert!(parse_url("x.json", Some("not a base")).is_err());
}
