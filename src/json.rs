//! Documents through the browser's `JSON.parse`, then the model's reader ([`incident_model::read`])
//! over the JavaScript value, with the model's own stages around it ([`incident_model::parse`]):
//! the size, encoding and nesting checks before parsing, the version check, then every validation
//! rule. A second JSON parser in the wasm (serde_json) would cost about 25 KB brotli for the same
//! result, and serde's derived readers another fifth of the module (see docs/performance.md).

use incident_model::parse::{check_version, checked, not_an_object, precheck, type_error, Version};
use incident_model::read::{self, Kind, Node};
use incident_model::{limits, validate, DocumentError, Incident};
#[cfg(feature = "lists")]
use incident_model::{validate_index, Index};
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Parses and validates one incident document. With `in_steps`, parsing, reading and
/// validating each run in a task of their own (for a pre-rendered card, which nobody waits for:
/// reading alone can take 25 to 35 ms on a slow phone); without, the future is ready at its first
/// poll, all in the caller's task.
pub async fn parse_incident(body: &[u8], in_steps: bool) -> Result<Incident, DocumentError> {
    let (value, id) = object(body, limits::DOCUMENT_BYTES)?;
    if in_steps {
        crate::next_task().await;
    }
    let doc = read::incident(&Js(value)).map_err(|p| type_error(p, id.clone()))?;
    if in_steps {
        crate::next_task().await;
    }
    checked(doc, validate, id)
}

/// Parses and validates an index file.
#[cfg(feature = "lists")]
pub fn parse_index(body: &[u8]) -> Result<Index, DocumentError> {
    let (value, _) = object(body, limits::INDEX_BYTES)?;
    let index = read::index(&Js(value)).map_err(|p| type_error(p, None))?;
    checked(index, validate_index, None)
}

/// The checks up to the version: the parsed object and the document's id, when it has one.
fn object(body: &[u8], limit: usize) -> Result<(JsValue, Option<String>), DocumentError> {
    let text = precheck(body, limit)?;
    let value = js_sys::JSON::parse(text).map_err(|e| syntax_error(text, &e))?;
    // A document is an object: serde would read a struct from an array too (by position).
    if !value.is_object() || Array::is_array(&value) {
        return Err(not_an_object());
    }
    let field = |name: &str| Reflect::get(&value, &JsValue::from_str(name)).ok();
    let version = match field("schema_version") {
        None => Version::Missing,
        Some(v) if v.is_undefined() => Version::Missing,
        Some(v) => v.as_string().map_or(Version::NotText, Version::Text),
    };
    let id = field("id").and_then(|v| v.as_string());
    let id = check_version(version, id)?;
    Ok((value, id))
}

/// A value `JSON.parse` returned. It holds only plain objects, lists, text, numbers, booleans and
/// null, so a field that is `undefined` is absent.
struct Js(JsValue);

impl Node for Js {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_null() {
            Kind::Null
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if v.is_string() {
            Kind::Text
        } else if Array::is_array(v) {
            Kind::List
        } else {
            Kind::Object
        }
    }
    fn field(&self, key: &str) -> Option<Self> {
        if self.kind() != Kind::Object {
            return None;
        }
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then_some(Js(value))
    }
    fn text(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        let list = self.0.dyn_ref::<Array>()?;
        Some(list.iter().map(Js).collect())
    }
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
