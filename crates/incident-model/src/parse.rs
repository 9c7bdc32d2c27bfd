//! Bytes to a checked [`Incident`], in stages that each fail with their own error: size, encoding,
//! JSON syntax, "is this an incident document at all", version, types, then the rules of
//! [`validate`](crate::validate()).
//!
//! Two parsers share these stages, and one reader of types ([`crate::read`]) after them:
//! - [`parse_incident`] and [`parse_index`] (feature `json`, the CLI and the tests) parse with
//!   serde_json, which reports the line and column of a syntax error.
//! - The widget runs [`precheck`] (size, encoding, HTML-instead-of-JSON, nesting, numbers too large
//!   for a double), parses with the browser's `JSON.parse` (a second JSON parser in the wasm would
//!   cost bytes for nothing), takes the value into a `serde_json::Value` with serde-wasm-bindgen,
//!   and hands it to [`incident_from_node`] or [`index_from_node`]: every stage after the syntax,
//!   this module's.
//!
//! Both parse to a plain value first and read the types from it, so a document reads the same in
//! the widget and in `incident-cards validate`, a wrong type is reported at its field path
//! (`sources[2].url`) in both, and duplicate keys keep the last value in both (as `JSON.parse`
//! does).
//!
//! Both are bounded: documents are refused above [`limits::DOCUMENT_BYTES`] before parsing, and a
//! scan before parsing enforces [`limits::NESTING`] everywhere, unknown fields included.

use crate::error::{DocumentError, Problem};
use crate::{limits, read, text, validate, Incident, SCHEMA_MAJOR};

/// The checks before any JSON parser runs: at most `limit` bytes, an optional BOM, UTF-8, not HTML,
/// not empty, nested at most [`limits::NESTING`] deep. Returns the text to parse.
pub fn precheck(bytes: &[u8], limit: usize) -> Result<&str, DocumentError> {
    if bytes.len() > limit {
        return Err(DocumentError::TooLarge {
            bytes: bytes.len(),
            limit,
        });
    }
    // A UTF-8 byte order mark is allowed before the document (RFC 8259 §8.1) and skipped.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let s = std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        DocumentError::NotJson {
            message: format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1),
            line,
            column,
        }
    })?;
    let trimmed = s.trim_start();
    if trimmed.starts_with('<') {
        return Err(DocumentError::NotJson {
            message: "this is HTML or XML, not JSON (is the address right?)".to_owned(),
            line: 1,
            column: 1,
        });
    }
    if trimmed.is_empty() {
        return Err(DocumentError::NotJson {
            message: "the body is empty".to_owned(),
            line: 1,
            column: 1,
        });
    }
    if let Some((at, found)) = scan(s.as_bytes(), limits::NESTING) {
        let before = s.as_bytes().get(..at).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        return Err(DocumentError::NotJson {
            message: match found {
                Found::TooDeep => format!("nested more than {} levels deep", limits::NESTING),
                Found::OutOfRange => "number out of range".to_owned(),
            },
            line,
            column,
        });
    }
    Ok(s)
}

/// What [`scan`] found.
#[derive(Debug, PartialEq)]
enum Found {
    TooDeep,
    OutOfRange,
}

/// The first place, outside strings, where the text opens a level deeper than `max` (the offset
/// of the `[` or `{`), or holds a number too large for a double (the offset of its last digit,
/// where serde_json reports it). `JSON.parse` reads such a number (`1e400`) as `Infinity` where
/// serde_json refuses it, so the widget and the command-line tool would otherwise tell the same
/// document apart. Only these: syntax is left to the parser.
fn scan(bytes: &[u8], max: usize) -> Option<(usize, Found)> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut number: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        if let Some(start) = number {
            if b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-') {
                continue;
            }
            number = None;
            if bytes.get(start..i).is_some_and(out_of_range) {
                return Some((i - 1, Found::OutOfRange));
            }
        }
        match b {
            b'"' => in_string = true,
            b'-' | b'0'..=b'9' => number = Some(i),
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some((i, Found::TooDeep));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    match number {
        Some(start) if bytes.get(start..).is_some_and(out_of_range) => {
            Some((bytes.len().saturating_sub(1), Found::OutOfRange))
        }
        _ => None,
    }
}

/// The smallest number that rounds to infinity as a double (`f64::MAX` and half a step, which
/// rounds up to even), as its significant digits; it is 1.797…e308.
const OVERFLOW: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether the JSON number `token` (`-1.5e300`) is too large for a double, decided on its digits
/// (no float parser in the widget for this): the power of ten of its first significant digit,
/// and at 308, its significant digits against [`OVERFLOW`]. A token that is not a number is not.
fn out_of_range(token: &[u8]) -> bool {
    let token = token.strip_prefix(b"-").unwrap_or(token);
    let (mantissa, exponent) = match token.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(e) => (
            token.get(..e).unwrap_or_default(),
            token.get(e + 1..).unwrap_or_default(),
        ),
        None => (token, &b""[..]),
    };
    let (negative, digits) = match exponent.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, exponent),
    };
    let mut exp: i64 = 0;
    for d in digits {
        if !d.is_ascii_digit() {
            return false;
        }
        // Far past any double either way; kept from overflowing.
        exp = (exp * 10 + i64::from(d - b'0')).min(1_000_000);
    }
    if negative {
        exp = -exp;
    }
    let whole = mantissa
        .iter()
        .position(|b| *b == b'.')
        .unwrap_or(mantissa.len());
    let digits = || mantissa.iter().copied().filter(u8::is_ascii_digit);
    let Some(first) = digits().position(|d| d != b'0') else {
        return false;
    };
    let power = whole as i64 - 1 - first as i64 + exp;
    match power.cmp(&308) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => digits().skip(first).cmp(OVERFLOW.iter().copied()).is_ge(),
    }
}

#[cfg(feature = "json")]
fn json_error(e: &serde_json::Error) -> DocumentError {
    let mut message = e.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    if e.is_eof() {
        message = format!("the document ends too early ({message}); is it truncated?");
    }
    DocumentError::NotJson {
        message: text::sanitize(&message),
        line: e.line(),
        column: e.column(),
    }
}

/// Parses the text (serde_json, with its line and column on a syntax error) and checks the
/// version: the parsed value and the document's id, when it has a usable one.
#[cfg(feature = "json")]
fn object(s: &str) -> Result<serde_json::Value, DocumentError> {
    use serde::Deserialize;
    let mut de = serde_json::Deserializer::from_str(s);
    de.disable_recursion_limit();
    serde_json::Value::deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| json_error(&e))
}

/// The checks after parsing, up to the version: `root` must be an object with a
/// `schema_version` this reader knows. Returns the document's id, when it has a usable one.
fn versioned<N: read::Node>(root: &N) -> Result<Option<String>, DocumentError> {
    if root.kind() != read::Kind::Object {
        return Err(not_an_object());
    }
    let version = match root.field("schema_version") {
        Some(v) => v.text().map_or(Version::NotText, Version::Text),
        None => Version::Missing,
    };
    let id = root.field("id").and_then(|v| v.text());
    check_version(version, id)
}

/// The error for JSON that is not an object.
pub fn not_an_object() -> DocumentError {
    DocumentError::NotIncident {
        message: "expected a JSON object (an incident document)".to_owned(),
    }
}

/// A document's `schema_version` field, as a parser found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Version {
    Missing,
    /// Present, but not a string.
    NotText,
    Text(String),
}

/// Checks the version this widget reads and returns the document's id when it is a valid one
/// (`id` is the document's `id` field when it is a string), so later errors can name the case.
pub fn check_version(
    version: Version,
    id: Option<String>,
) -> Result<Option<String>, DocumentError> {
    let id = id.filter(|id| crate::validate::is_valid_id(id));
    let version = match version {
        Version::Text(v) => v,
        Version::NotText => {
            return Err(DocumentError::NotIncident {
                message: "schema_version must be a string such as \"1.0.0\"".to_owned(),
            })
        }
        Version::Missing => {
            return Err(DocumentError::NotIncident {
                message: "no schema_version: this is not an incident document".to_owned(),
            })
        }
    };
    let parts: Vec<&str> = version.split('.').collect();
    let numeric = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()));
    let major = match (numeric, parts.first().and_then(|m| m.parse::<u64>().ok())) {
        (true, Some(major)) => major,
        _ => {
            return Err(DocumentError::Invalid {
                problems: vec![Problem {
                    path: "schema_version".to_owned(),
                    message: format!(
                        "\"{}\" is not a version of the form MAJOR.MINOR.PATCH",
                        text::sanitize(&version.chars().take(40).collect::<String>())
                    ),
                }],
                id,
            })
        }
    };
    if major != SCHEMA_MAJOR {
        return Err(DocumentError::UnsupportedVersion { found: version, id });
    }
    Ok(id)
}

/// A value of the wrong type (or a required field missing), as the reader found it.
pub fn type_error(problem: Problem, id: Option<String>) -> DocumentError {
    DocumentError::Invalid {
        problems: vec![problem],
        id,
    }
}

/// `value` when `rules` find no problem in it.
pub fn checked<T>(
    value: T,
    rules: fn(&T) -> Vec<Problem>,
    id: Option<String>,
) -> Result<T, DocumentError> {
    let problems = rules(&value);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(DocumentError::Invalid { problems, id })
    }
}

/// Parses and validates one incident document.
#[cfg(feature = "json")]
pub fn parse_incident(bytes: &[u8]) -> Result<Incident, DocumentError> {
    incident_from_node(&object(precheck(bytes, limits::DOCUMENT_BYTES)?)?)
}

/// Parses and validates an index file.
#[cfg(feature = "json")]
pub fn parse_index(bytes: &[u8]) -> Result<crate::Index, DocumentError> {
    index_from_node(&object(precheck(bytes, limits::INDEX_BYTES)?)?)
}

/// Reads and validates one incident document that a parser has parsed already: every stage
/// after the syntax, the same as [`parse_incident`]'s, with the same errors. The widget parses
/// with the browser's `JSON.parse` and hands the value over with serde-wasm-bindgen, as a
/// `serde_json::Value`; the caller runs [`precheck`] on the text first.
pub fn incident_from_node<N: read::Node>(root: N) -> Result<Incident, DocumentError> {
    let id = versioned(&root)?;
    let doc = read::incident(&root).map_err(|p| type_error(p, id.clone()))?;
    checked(doc, validate, id)
}

/// [`incident_from_node`] for an index file.
pub fn index_from_node<N: read::Node>(root: N) -> Result<crate::Index, DocumentError> {
    versioned(&root)?;
    let index = read::index(&root).map_err(|p| type_error(p, None))?;
    checked(index, crate::index::validate_index, None)
}

/// [`incident_from_node`] for a parsed `serde_json` value.
#[cfg(feature = "json")]
pub fn incident_from_value(value: serde_json::Value) -> Result<Incident, DocumentError> {
    incident_from_node(&value)
}

/// [`index_from_node`] for a parsed `serde_json` value.
#[cfg(feature = "json")]
pub fn index_from_value(value: serde_json::Value) -> Result<crate::Index, DocumentError> {
    index_from_node(&value)
}

/// An index file as read: a single-file index, or a sharded index's manifest.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexFile {
    Single(crate::Index),
    Sharded(Box<crate::shards::Manifest>),
}

/// Reads and checks an index file of either form, from a parsed JSON value.
pub fn index_file_from_node<N: read::Node>(root: N) -> Result<IndexFile, DocumentError> {
    if read::is_manifest(&root) {
        versioned(&root)?;
        let m = read::manifest(&root).map_err(|p| type_error(p, None))?;
        checked(m, crate::shards::validate_manifest, None).map(|m| IndexFile::Sharded(Box::new(m)))
    } else {
        index_from_node(root).map(IndexFile::Single)
    }
}

/// [`index_file_from_node`] for a parsed `serde_json` value.
#[cfg(feature = "json")]
pub fn index_file_from_value(value: serde_json::Value) -> Result<IndexFile, DocumentError> {
    index_file_from_node(&value)
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;

    #[test]
    fn type_errors_name_their_place() {
        let doc = r#"{"schema_version": "1.0.0", "id": "ICS-0001",
            "title": 5, "summary": "s", "severity": {"value": "v", "level": "low"},
            "licence": {"spdx": "CC0-1.0", "attribution": "a"}}"#;
        let Err(DocumentError::Invalid { problems, id }) = parse_incident(doc.as_bytes()) else {
            panic!("expected an invalid document");
        };
        assert_eq!(id.as_deref(), Some("ICS-0001"));
        assert_eq!(problems[0].path, "title");
        assert_eq!(problems[0].message, "expected text, found a number");
    }
}

#[cfg(test)]
mod number_range {
    use super::out_of_range;

    /// The digit rule agrees with the standard library's correctly rounded parser.
    #[test]
    fn agrees_with_the_float_parser_around_the_limit() {
        let cases = [
            "0",
            "-0",
            "0e999999",
            "0.000e400",
            "1e-400",
            "123.456",
            "1e308",
            "-1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.79769313486231580793728971405303415079934e308",
            "1.797693134862315807937289714053034150799341327e308",
            "1.7976931348623158079372897140530341507993413271e308",
            "1.7976931348623159e308",
            "1.8e308",
            "2e308",
            "1e309",
            "-1e400",
            "10e307",
            "0.1e309",
            "0.01e310",
            "1E+309",
            "99999999999999999999e288",
            "9999999999999999999e289",
            "1e-999999999999",
            "1e999999999999",
        ];
        for case in cases {
            let parsed: f64 = case.parse().unwrap();
            assert_eq!(
                out_of_range(case.as_bytes()),
                parsed.is_infinite(),
                "{case}"
            );
        }
        let mut long = String::from("1");
        long.push_str(&"0".repeat(308));
        assert!(!out_of_range(long.as_bytes()), "1 and 308 zeros is 1e308");
        long.push('0');
        assert!(out_of_range(long.as_bytes()), "1 and 309 zeros is 1e309");
        let exact = std::str::from_utf8(super::OVERFLOW).unwrap();
        for (text, over) in [
            (exact.to_owned(), true),
            (format!("{}1", &exact[..308]), false),
        ] {
            let parsed: f64 = text.parse().unwrap();
            assert_eq!(
                parsed.is_infinite(),
                over,
                "the constant is where rounding overflows"
            );
            assert_eq!(out_of_range(text.as_bytes()), over);
        }
    }

    #[test]
    fn what_is_not_a_number_is_not_out_of_range() {
        for token in ["-", "e", "1e", "1e+", "-.", "1e4x"] {
            assert!(!out_of_range(token.as_bytes()), "{token}");
        }
    }
}
