//! The browser's WHATWG URL parser for the model's link policy ([`incident_model::link`]): the
//! same standard as the `url` crate the CLI uses, without carrying a second parser in the wasm.
//!
//! One difference is closed here: the `url` crate the model is built with accepts ASCII host
//! names only (look-alike Unicode hosts never become links), while the browser maps Unicode host
//! names (to punycode, or to ASCII: `。` becomes `.`). So an address is refused when the part
//! before its path holds a non-ASCII character or a percent-encoded non-ASCII byte, or when the
//! parsed host has a punycode label (`xn--…`) the address did not spell out itself.

use incident_model::ParsedUrl;

/// Installs [`parse`] as the model's URL parser. Done once, by the first remote component that
/// resolves an address (or the widget's `configure`); later calls change nothing.
pub fn install() {
    incident_model::link::set_url_parser(parse);
}

/// A string property of a browser object, read through `Reflect.get` (one shared import, where
/// each typed getter of web-sys is an import and a shim of its own).
fn text_prop(target: &wasm_bindgen::JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(target, &wasm_bindgen::JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// `input` resolved against `base` by the browser's `URL`.
pub fn parse(input: &str, base: Option<&str>) -> Result<ParsedUrl, String> {
    let url = match base {
        Some(base) => web_sys::Url::new_with_base(input, base),
        None => web_sys::Url::new(input),
    }
    .map_err(|_| "invalid address".to_owned())?;
    let part = |name| text_prop(&url, name).unwrap_or_default();
    // Hosts are checked only where there is one (an opaque `javascript:` URL has none, and the
    // policy refuses its scheme anyway).
    let host = part("hostname");
    let written = input.to_ascii_lowercase();
    let unicode_host = host
        .split('.')
        .any(|label| label.starts_with("xn--") && !written.contains(label));
    // Chromium's parser is more lenient than the standard in hosts (it keeps a space as `%20`);
    // the url crate refuses those. A host is letters, digits, `.`, `-`, `_`, or an IPv6 literal.
    let plain_host = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        || (host.starts_with('[')
            && host.ends_with(']')
            && host
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b'[' | b']' | b':' | b'.')));
    if unicode_host || !plain_host || !ascii_authority(input) {
        return Err(
            "host names must be ASCII (publish international names in punycode)".to_owned(),
        );
    }
    let scheme = part("protocol");
    Ok(ParsedUrl {
        scheme: scheme.strip_suffix(':').unwrap_or(&scheme).to_owned(),
        host,
        origin: part("origin"),
        credentials: !part("username").is_empty() || !part("password").is_empty(),
        href: part("href"),
    })
}

/// Whether the part of `input` before its path (scheme, user, host, port) is plain ASCII, with no
/// percent-encoded byte above 0x7F.
fn ascii_authority(input: &str) -> bool {
    // After the scheme, when there is one, and every slash or backslash before the host: the
    // parser reads `https:\\host` and `https:host` as `https://host` (finding `//` would miss the
    // host in those, and find one in the path instead).
    // A relative address has a host of its own only when it starts with two of them (`//host`);
    // otherwise what follows is a path, which may hold any character.
    let input = input.trim();
    let rest = match input.split_once(':') {
        Some((scheme, rest))
            if scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) =>
        {
            rest
        }
        _ if input.starts_with(['/', '\\'])
            && input.get(1..).is_some_and(|r| r.starts_with(['/', '\\'])) =>
        {
            input
        }
        _ => return true,
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or(rest);
    let bytes = authority.as_bytes();
    authority.is_ascii()
        && !bytes.windows(2).any(|w| {
            w.first() == Some(&b'%')
                && w.get(1)
                    .is_some_and(|b| matches!(b, b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'))
        })
}
