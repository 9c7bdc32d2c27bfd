//! The one link policy. Every address a card turns into a link passes [`check_url`]; the components
//! call it again at render time, so even a document that skipped validation cannot produce a
//! `javascript:` link.

use std::fmt;
use url::Url;

use crate::limits;

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
                let allowed = if *allow_http {
                    "https or http (allow_http is set)"
                } else {
                    "https only; set \"allow_http\": true to permit http"
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
pub fn check_url(s: &str, allow_http: bool) -> Result<Url, UrlError> {
    if s.len() > limits::URL {
        return Err(UrlError::TooLong(s.len()));
    }
    let url = Url::parse(s).map_err(|e| UrlError::Unparsable(e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        other => {
            return Err(UrlError::Scheme {
                scheme: other.to_owned(),
                allow_http,
            })
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlError::Credentials);
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlError::NoHost);
    }
    Ok(url)
}

/// The host a reader sees next to a link, without a leading `www.`.
pub fn display_host(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(check_url("https://example.org/a?b#c", false).is_ok());
        assert!(matches!(
            check_url("javascript:alert(1)", true),
            Err(UrlError::Scheme { .. })
        ));
        assert!(matches!(
            check_url(" JavaScript:alert(1)", true),
            Err(UrlError::Scheme { .. })
        ));
        assert!(matches!(
            check_url("data:text/html,<b>", true),
            Err(UrlError::Scheme { .. })
        ));
        assert!(matches!(
            check_url("http://example.org", false),
            Err(UrlError::Scheme { .. })
        ));
        assert!(check_url("http://example.org", true).is_ok());
        assert_eq!(
            check_url("https://u:p@example.org", false),
            Err(UrlError::Credentials)
        );
        assert!(matches!(
            check_url("/relative", false),
            Err(UrlError::Unparsable(_))
        ));
        let long = format!("https://example.org/{}", "a".repeat(limits::URL));
        assert!(matches!(check_url(&long, false), Err(UrlError::TooLong(_))));
    }

    #[test]
    fn non_ascii_hosts_are_refused() {
        // Look-alike Unicode hosts never become links; punycode is accepted as written.
        assert!(matches!(
            check_url("https://exämple.org/", false),
            Err(UrlError::Unparsable(_))
        ));
        assert!(check_url("https://xn--exmple-cua.org/", false).is_ok());
    }

    #[test]
    fn host_shown() {
        let u = check_url("https://www.theverge.com/x", false).unwrap();
        assert_eq!(display_host(&u), "theverge.com");
    }
}
