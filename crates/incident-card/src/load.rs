//! Loading a document in the browser: fetch it under the network rules ([`crate::fetch`]), parse
//! it with the browser's `JSON.parse`, hand the value to Rust with serde-wasm-bindgen, and read
//! and check it with the model's own stages ([`incident_model::parse`]), so a document gets the
//! same error code, field path and message here as in `incident-cards validate`.
//!
//! Each stage runs in a task of its own (the fetch, the parse, the read and checks), so a card
//! that is upgraded while the page is busy never holds it up for long.

use incident_model::parse::{incident_from_node, index_file_from_node, index_from_node};
use incident_model::parse::{precheck, IndexFile};
use incident_model::{limits, DocumentError, Incident, Index};
use wasm_bindgen::JsValue;

use crate::fetch::{self, FetchError, NetworkRules};

/// Why a card could not be shown: its document could not be fetched, or could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Fetch(FetchError),
    Document(DocumentError),
}

impl Failure {
    /// The stable code (`not-found`, `invalid`, …; see the README's list).
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Fetch(e) => e.code,
            Failure::Document(e) => e.code(),
        }
    }

    /// What went wrong, in words a reader understands.
    pub fn message(&self) -> String {
        match self {
            Failure::Fetch(e) => e.message.clone(),
            Failure::Document(DocumentError::UnsupportedVersion { found, .. }) => {
                format!("it needs a newer widget (the document is version {found})")
            }
            Failure::Document(DocumentError::Invalid { problems, .. }) => match problems.first() {
                Some(p) => format!("the document is invalid: {p}"),
                None => "the document is invalid".to_owned(),
            },
            Failure::Document(DocumentError::NotIncident { message }) => {
                format!("not an incident document or index: {message}")
            }
            Failure::Document(e) => format!("the document could not be read: {e}"),
        }
    }

    /// Requests made before giving up.
    pub fn attempts(&self) -> u32 {
        match self {
            Failure::Fetch(e) => e.attempts,
            Failure::Document(_) => 1,
        }
    }

    /// The case's id, when the document named a valid one before it failed.
    pub fn case_id(&self) -> Option<&str> {
        match self {
            Failure::Document(e) => e.id(),
            Failure::Fetch(_) => None,
        }
    }
}

/// Fetches, parses and checks the incident document at `src`.
pub async fn load_incident(src: &str, rules: &NetworkRules) -> Result<Incident, Failure> {
    let body = fetch_body(src, rules, limits::DOCUMENT_BYTES).await?;
    fetch::sleep(0).await;
    let value = parse(&body, limits::DOCUMENT_BYTES).map_err(Failure::Document)?;
    fetch::sleep(0).await;
    incident_from_node(&value).map_err(Failure::Document)
}

/// Parses and checks an incident document in one go (what [`load_incident`] does after the
/// fetch, there in two tasks).
pub fn read_incident(body: &[u8]) -> Result<Incident, DocumentError> {
    incident_from_node(&parse(body, limits::DOCUMENT_BYTES)?)
}

/// Parses and checks an index file.
pub fn read_index(body: &[u8]) -> Result<Index, DocumentError> {
    index_from_node(&parse(body, limits::INDEX_BYTES)?)
}

/// Fetches, parses and checks the index file at `src`: a single-file index, or the manifest of
/// a sharded one.
pub async fn load_index_file(src: &str, rules: &NetworkRules) -> Result<IndexFile, Failure> {
    let body = fetch_body(src, rules, limits::INDEX_BYTES).await?;
    fetch::sleep(0).await;
    index_file_from_node(&parse(&body, limits::INDEX_BYTES).map_err(Failure::Document)?)
        .map_err(Failure::Document)
}

/// Fetches, parses and checks the index file at `src`.
pub async fn load_index(src: &str, rules: &NetworkRules) -> Result<Index, Failure> {
    let body = fetch_body(src, rules, limits::INDEX_BYTES).await?;
    fetch::sleep(0).await;
    read_index(&body).map_err(Failure::Document)
}

async fn fetch_body(
    src: &str,
    rules: &NetworkRules,
    limit: usize,
) -> Result<std::rc::Rc<[u8]>, Failure> {
    let url = fetch::resolve(src).map_err(Failure::Fetch)?;
    fetch::check_origin(&url, rules).map_err(Failure::Fetch)?;
    fetch::fetch_cached(&url, rules, limit)
        .await
        .map_err(Failure::Fetch)
}

/// The document's bytes as a plain value: the model's checks before any parser (size, encoding,
/// HTML instead of JSON, nesting, numbers out of range), `JSON.parse`, then serde-wasm-bindgen
/// into a `serde_json::Value`, which the model's reader reads as it reads the command-line tool's.
pub fn parse(body: &[u8], limit: usize) -> Result<serde_json::Value, DocumentError> {
    let text = precheck(body, limit)?;
    let value = js_sys::JSON::parse(text).map_err(|e| syntax_error(text, &e))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| DocumentError::NotJson {
        message: incident_model::text::sanitize(&e.to_string()),
        line: 1,
        column: 1,
    })
}

/// `JSON.parse`'s error in the model's terms. Chromium says where ("… in JSON at position 12
/// (line 1 column 13)"); the position becomes the line and column, and the message keeps the rest.
fn syntax_error(text: &str, e: &JsValue) -> DocumentError {
    let raw = js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    let position = raw
        .find("position ")
        .and_then(|i| raw.get(i + 9..))
        .map(|rest| {
            rest.bytes()
                .take_while(u8::is_ascii_digit)
                .collect::<Vec<u8>>()
        })
        .and_then(|d| std::str::from_utf8(&d).ok()?.parse::<usize>().ok());
    let mut message = match raw.find(" in JSON") {
        Some(i) => raw.get(..i).unwrap_or_default().to_owned(),
        None => raw.clone(),
    };
    if message.trim().is_empty() {
        message = "not valid JSON".to_owned();
    }
    // Where the parser gave up at the end of the text, the body was most likely cut off.
    let end = text.trim_end().encode_utf16().count();
    let ends_early = raw.contains("end of JSON")
        || raw.starts_with("Unterminated")
        || position.is_some_and(|p| p >= end);
    if ends_early {
        message = format!("the document ends too early ({message}); is it truncated?");
    }
    // JavaScript positions count UTF-16 units.
    let (mut line, mut column, mut units) = (1, 1, 0);
    if let Some(position) = position {
        for c in text.chars() {
            if units >= position {
                break;
            }
            units += c.len_utf16();
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
    }
    DocumentError::NotJson {
        message: incident_model::text::sanitize(&message),
        line,
        column,
    }
}
