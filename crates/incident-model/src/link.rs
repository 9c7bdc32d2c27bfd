//! The one link policy. Every address a card turns into a link passes [`check_url`]; the components
//! call it again at render time, so even a document that skipped validation cannot produce a
//! `javascript:` link.
//!
//! Addresses are parsed by a WHATWG URL parser: the `url` crate (feature `url`, on by default: the
//! CLI and the tests), or one the caller installs with [`set_url_parser`]. The widget installs the
//! browser's own `URL`, which implements the same standard, rather than carry a second parser in
//! the wasm (about a tenth of the module). Without either, every address is refused: the policy
//! fails closed.

use std::fmt;
use std::sync::OnceLock;

use crate::limits;

/// An absolute address, as much of it as the policy and the card need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The serialised address (`href`).
    pub href: String,
    /// Lowercase, without the colon: `https`.
    pub scheme: String,
    /// The host as serialised (punycode for international names, brackets for IPv6).
    pub host: String,
    /// `scheme://host[:port]`, or `null` for an opaque origin.
    pub origin: String,
    /// A user name or a password is present.
    pub credentials: bool,
}

impl ParsedUrl {
    pub fn as_str(&self) -> &str {
        &self.href
    }
}

impl fmt::Display for ParsedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.href)
    }
}

impl From<ParsedUrl> for String {
    fn from(u: ParsedUrl) -> String {
        u.href
    }
}

/// A WHATWG URL parser: `input` resolved against `base` when there is one; the reason on failure.
/// It must refuse host names that are not ASCII (look-alike Unicode hosts; publish punycode).
pub type UrlParser = fn(input: &str, base: Option<&str>) -> Result<ParsedUrl, String>;

static PARSER: OnceLock<UrlParser> = OnceLock::new();

/// Installs the parser every check uses from now on (once; `false` if one was installed already).
pub fn set_url_parser(parser: UrlParser) -> bool {
    PARSER.set(parser).is_ok()
}

/// Parses `input` (against `base`) with the installed parser, else the default one.
pub fn parse_url(input: &str, base: Option<&str>) -> Result<ParsedUrl, String> {
    match PARSER.get() {
        Some(parser) => parser(input, base),
        None => default_parser(input, base),
    }
}

#[cfg(feature = "url")]
fn default_parser(input: &str, base: Option<&str>) -> Result<ParsedUrl, String> {
    let url = match base {
        Some(base) => url::Url::parse(base).and_then(|b| b.join(input)),
        None => url::Url::parse(input),
    }
    .map_err(|e| e.to_string())?;
    Ok(ParsedUrl {
        scheme: url.scheme().to_owned(),
        host: url.host_str().unwrap_or_default().to_owned(),
        origin: url.origin().ascii_serialization(),
        credentials: !url.username().is_empty() || url.password().is_some(),
        href: url.into(),
    })
}

#[cfg(not(feature = "url"))]
fn default_parser(_input: &str, _base: Option<&str>) -> Result<ParsedUrl, String> {
    Err("no URL parser is installed".to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    TooLong(usize),
    Unparsable(String),
    Scheme { scheme: String, allow_http: bool },
    Credentials,
    NoHost,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::TooLong(n) => write!(
                f,
                "address is {n} bytes long (at most {} allowed)",
                limits::URL
            ),
            UrlError::Unparsable(e) => write!(f, "not a valid absolute address ({e})"),
            UrlError::Scheme { scheme, allow_http } => {
                // `allow_http` is advice only for `http`: no setting permits another scheme
                // (regression: `javascript:` was told to set it).
                let allowed = match (*allow_http, scheme.eq_ignore_ascii_case("http")) {
                    (true, _) => "give an https or http address",
                    (false, true) => "https only; set \"allow_http\": true to permit http",
                    (false, false) => "give an https address",
                };
                write!(
                    f,
                    "scheme \"{}\" is not allowed ({allowed})",
                    crate::text::sanitize(scheme)
                )
            }
            UrlError::Credentials => {
                f.write_str("address must not contain a user name or password")
            }
            UrlError::NoHost => f.write_str("address has no host"),
        }
    }
}

/// Checks an address against the policy and returns it parsed and normalised.
pub fn check_url(s: &str, allow_http: bool) -> Result<ParsedUrl, UrlError> {
    if s.len() > limits::URL {
        return Err(UrlError::TooLong(s.len()));
    }
    let url = parse_url(s, None).map_err(UrlError::Unparsable)?;
    match url.scheme.as_str() {
        "https" => {}
        "http" if allow_http => {}
        other => {
            return Err(UrlError::Scheme {
                scheme: other.to_owned(),
                allow_http,
            })
        }
    }
    if url.credentials {
        return Err(UrlError::Credentials);
    }
    if url.host.is_empty() {
        return Err(UrlError::NoHost);
    }
    Ok(url)
}

/// The host a reader sees next to a link, without a leading `www.`.
pub fn display_host(url: &ParsedUrl) -> String {
    let host = url.host.as_str();
    host.strip_prefix("www.").unwrap_or(host).to_owned()
}

#[cfg(all(test, feature = "url"))]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    include!("../tests/data/link_cases.rs");

    /// The shared cases (`tests/data/link_cases.rs`), which `tests/link_policy.rs` also runs in
    /// the browser with its URL parser: both routes agree.
    #[test]
    fn the_shared_cases() {
        check_link_cases();
        check_url_parts();
    }
}

#[cfg(all(test, not(feature = "url")))]
mod without_a_parser {
    use super::*;

    #[test]
    fn every_address_is_refused_until_a_parser_is_installed() {
        assert_eq!(
            check_url("https://example.org/", false),
            Err(UrlError::Unparsable(
                "no URL parser is installed".to_owned()
            ))
        );
    }
}
