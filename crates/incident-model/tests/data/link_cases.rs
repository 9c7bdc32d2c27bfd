// The link policy's cases, shared by the model's tests (the `url` crate parser) and the widget's
// test in Chromium (`tests/link_policy.rs`, the browser's parser): both routes must give these
// outcomes. Included with `include!`; expects `check_url`, `parse_url`, `display_host`,
// `UrlError` and `limits` in scope.

/// What `check_url(input, allow_http)` must give: the normalised address, or the kind of refusal
/// (`scheme`, `credentials`, `unparsable`).
type Expect = Result<&'static str, &'static str>;

const LINK_CASES: &[(&str, bool, Expect)] = &[
    ("https://example.org/a?b#c", false, Ok("https://example.org/a?b#c")),
    ("https://EXAMPLE.org", false, Ok("https://example.org/")),
    ("https://ex%61mple.org/x", false, Ok("https://example.org/x")),
    ("https:example.org", false, Ok("https://example.org/")),
    ("  https://example.org/ ", false, Ok("https://example.org/")),
    ("https://[::1]/", false, Ok("https://[::1]/")),
    ("http://example.org", true, Ok("http://example.org/")),
    ("https://xn--exmple-cua.org/", false, Ok("https://xn--exmple-cua.org/")),
    ("https://XN--EXMPLE-CUA.org/", false, Ok("https://xn--exmple-cua.org/")),
    ("https://example.org:443/x", false, Ok("https://example.org/x")),
    ("javascript:alert(1)", true, Err("scheme")),
    (" JavaScript:alert(1)", true, Err("scheme")),
    ("java\tscript:alert(1)", true, Err("scheme")),
    ("data:text/html,<b>", true, Err("scheme")),
    ("vbscript:msgbox(1)", true, Err("scheme")),
    ("file:///etc/passwd", true, Err("scheme")),
    ("http://example.org", false, Err("scheme")),
    ("https://u:p@example.org", false, Err("credentials")),
    ("https://u@example.org", false, Err("credentials")),
    ("/relative", false, Err("unparsable")),
    ("//evil.example/x", false, Err("unparsable")),
    ("https://", false, Err("unparsable")),
    ("https://exa mple.org", false, Err("unparsable")),
    ("", false, Err("unparsable")),
    ("https://exämple.org/", false, Err("unparsable")),
    ("https://ex%C3%A4mple.org/", false, Err("unparsable")),
    ("https://\u{430}pple.com/", false, Err("unparsable")),
    ("https://example.org\u{3002}evil.com/", false, Err("unparsable")),
    ("https://example.org%E3%80%82evil.com/", false, Err("unparsable")),
    // Regression: the browser's route looked for the host after the first `//`, and missed it
    // after backslashes, without slashes, or before a `//` in the path; the browser maps these
    // hosts to plain ASCII, the url crate refuses them.
    ("https:\\\\\u{ff45}vil.com/x", false, Err("unparsable")),
    ("https:\\\\\u{ff21}\u{ff30}\u{ff30}\u{ff2c}\u{ff25}.com/", false, Err("unparsable")),
    ("https:example.org%E3%80%82evil.com//x", false, Err("unparsable")),
    ("https://ex\u{ad}ample.com/", false, Err("unparsable")),
];

/// Runs every case; panics naming the first that differs.
fn check_link_cases() {
    for &(input, allow_http, expect) in LINK_CASES {
        let got = match check_url(input, allow_http) {
            Ok(u) => Ok(u.href),
            Err(UrlError::Scheme { .. }) => Err("scheme"),
            Err(UrlError::Credentials) => Err("credentials"),
            Err(UrlError::Unparsable(_)) => Err("unparsable"),
            Err(UrlError::TooLong(_)) => Err("too-long"),
            Err(UrlError::NoHost) => Err("no-host"),
        };
        assert_eq!(got.as_deref().map_err(|e| *e), expect, "{input:?} (allow_http {allow_http})");
    }
    let long = format!("https://example.org/{}", "a".repeat(limits::URL));
    assert!(matches!(check_url(&long, false), Err(UrlError::TooLong(_))));
}

/// The parts of a checked address the card and the fetcher use: origin, scheme, shown host, and
/// relative addresses resolved against a base.
fn check_url_parts() {
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
    // A path may hold any character; only a host must be ASCII.
    for path in ["/donn%C3%A9es/x.json", "/donn\u{e9}es/x.json", "donn\u{e9}es/x.json"] {
        let u = parse_url(path, Some(base)).unwrap();
        assert_eq!(u.origin, "https://cards.example", "{path}");
    }
    assert!(parse_url("//\u{ff45}vil.com/x.json", Some(base)).is_err());
    assert!(parse_url("x.json", Some("not a base")).is_err());
}
