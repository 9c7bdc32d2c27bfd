//! Bytes to a checked [`Incident`], in stages that each fail with their own error: size, encoding,
//! JSON syntax, "is this an incident document at all", version, types, then the rules of
//! [`validate`](crate::validate()).
//!
//! Two routes share these stages:
//! - [`parse_incident`] and [`parse_index`] (feature `json`, the CLI and the tests) parse with
//!   serde_json, which reports line and column and, with feature `paths`, the field path of a type
//!   error: what a publisher needs.
//! - The widget parses with the browser's `JSON.parse` (a second JSON parser in the wasm would
//!   cost bytes for nothing) and calls the same stages itself: [`precheck`] (size, encoding,
//!   HTML-instead-of-JSON, nesting), [`check_version`], [`type_error`] and [`checked`].
//!
//! Both are bounded: documents are refused above [`limits::DOCUMENT_BYTES`] before parsing, and a
//! scan before parsing enforces [`limits::NESTING`] everywhere, unknown fields included (serde_json
//! would skip an unknown field's value without that guard, and stops at 128 levels anyway).

#[cfg(feature = "json")]
use serde::de::DeserializeOwned;
#[cfg(feature = "json")]
use serde::Deserialize;

use crate::error::{DocumentError, Problem};
use crate::{limits, text, SCHEMA_MAJOR};
#[cfg(feature = "json")]
use crate::{validate, Incident};

#[cfg(feature = "json")]
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

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
    if let Some(at) = too_deep(s.as_bytes(), limits::NESTING) {
        let before = s.as_bytes().get(..at).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        return Err(DocumentError::NotJson {
            message: format!("nested more than {} levels deep", limits::NESTING),
            line,
            column,
        });
    }
    Ok(s)
}

/// Byte offset of the first `[` or `{` that opens a level deeper than `max`, outside strings.
/// Only counts; syntax is left to the parser.
fn too_deep(bytes: &[u8], max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
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
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
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

/// Deserialises into `T`, reporting a type error at its field path (feature `paths`) or, without
/// it, at its line and column. The widget builds without `paths`: the path tracker is generic over
/// every type and was the largest single item in the wasm module (see docs/performance.md).
#[cfg(feature = "json")]
fn typed<T: DeserializeOwned>(s: &str, id: Option<String>) -> Result<T, DocumentError> {
    let mut de = serde_json::Deserializer::from_str(s);
    #[cfg(feature = "paths")]
    let result = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (Some(e.path().to_string()), e.into_inner()));
    #[cfg(not(feature = "paths"))]
    let result = T::deserialize(&mut de).map_err(|e| (None::<String>, e));
    result.map_err(|(path, inner)| {
        // The probe has already read the whole body as JSON, so the syntax is fine. serde_json
        // still reports a value of the wrong type for an enum field (`"status": true`) as a
        // syntax error, "expected value"; that is a problem at a path, not broken JSON.
        let wrong_enum_type = inner.is_syntax() && inner.to_string().starts_with("expected value");
        if (inner.is_syntax() || inner.is_eof()) && !wrong_enum_type {
            return json_error(&inner);
        }
        let mut message = inner.to_string();
        if wrong_enum_type {
            message = "invalid type: expected a string naming one of the allowed values".to_owned();
        }
        if let Some(i) = message.rfind(" at line ") {
            message.truncate(i);
        }
        let path = match path.as_deref() {
            Some(".") => "(document)".to_owned(),
            Some(p) => p.to_owned(),
            None => format!("line {}, column {}", inner.line(), inner.column()),
        };
        DocumentError::Invalid {
            problems: vec![Problem {
                path,
                message: text::sanitize(&message),
            }],
            id,
        }
    })
}

/// Checks the version and returns the document's id, if it has a usable one.
#[cfg(feature = "json")]
fn probe(s: &str) -> Result<Option<String>, DocumentError> {
    // serde reads a struct from a JSON array too (fields by position); a document is an object.
    // Anything else is either not JSON at all or JSON of the wrong shape.
    if !s.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(s) {
            Err(e) if e.is_syntax() || e.is_eof() => json_error(&e),
            _ => not_an_object(),
        });
    }
    let probe: Probe = serde_json::from_str(s).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            json_error(&e)
        } else {
            not_an_object()
        }
    })?;
    let id = match probe.id {
        Some(serde_json::Value::String(id)) => Some(id),
        _ => None,
    };
    let version = match probe.schema_version {
        Some(serde_json::Value::String(v)) => Version::Text(v),
        Some(_) => Version::NotText,
        None => Version::Missing,
    };
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

/// A value of the wrong type somewhere in the document, from a parser that does not track paths.
pub fn type_error(message: &str, id: Option<String>) -> DocumentError {
    DocumentError::Invalid {
        problems: vec![Problem {
            path: "(document)".to_owned(),
            message: text::sanitize(message),
        }],
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
    let s = precheck(bytes, limits::DOCUMENT_BYTES)?;
    let id = probe(s)?;
    let doc: Incident = typed(s, id.clone())?;
    checked(doc, validate, id)
}

/// Parses and validates an index file.
#[cfg(feature = "json")]
pub fn parse_index(bytes: &[u8]) -> Result<crate::Index, DocumentError> {
    let s = precheck(bytes, limits::INDEX_BYTES)?;
    probe(s)?;
    let index: crate::Index = typed(s, None)?;
    checked(index, crate::index::validate_index, None)
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
        let path = &problems[0].path;
        if cfg!(feature = "paths") {
            assert_eq!(path, "title");
        } else {
            assert_eq!(path, "line 2, column 22");
        }
        assert!(problems[0].message.contains("invalid type: integer `5`"));
    }
}
