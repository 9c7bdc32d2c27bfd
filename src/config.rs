//! Configuration as the loader hands it over, read with serde's derives through
//! serde-wasm-bindgen. The loader merges the layers for each card (defaults < page-wide < element
//! attributes < call options); what may *widen* where data comes from (the allowed origins) is
//! read from the page-wide layer only, in [`PageConfig`], and never from a card's options.
//!
//! A field of the wrong type is an error that says what was expected of it.

use incident_card::fetch::{NetworkRules, DEFAULT_ATTEMPTS, DEFAULT_TIMEOUT_MS};
use std::fmt;

use js_sys::{Object, Reflect};
use serde::de::{self, DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer};
use wasm_bindgen::{JsCast, JsValue};

/// The longest timeout a browser timer counts (2^31 - 1 ms, about 25 days).
const LONGEST_TIMER_MS: u32 = i32::MAX as u32;

/// Page-wide configuration, set once per page by the loader.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageConfig {
    /// Absolute address `case="ID"` is resolved against (`{base}{ID}.json`).
    pub base: String,
    /// Origin the loader (`embed.js`) came from; always allowed.
    pub widget_origin: String,
    /// Further origins the page author allows data to come from, separated by spaces (the loader
    /// has made each one an origin already).
    #[serde(default)]
    pub origins: String,
    /// Per-attempt timeout, milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u32,
    /// Attempts in all (first try plus retries) for network errors, 5xx and 429.
    #[serde(default = "default_attempts")]
    pub attempts: u32,
}

fn default_timeout() -> u32 {
    DEFAULT_TIMEOUT_MS
}

fn default_attempts() -> u32 {
    DEFAULT_ATTEMPTS
}

impl PageConfig {
    /// The network rules of every card on the page: the widget's own origin and the listed ones.
    pub fn rules(&self) -> NetworkRules {
        let mut origins = vec![self.widget_origin.clone()];
        origins.extend(self.origins.split_whitespace().map(str::to_owned));
        NetworkRules {
            origins,
            page_origin: false,
            timeout_ms: self.timeout_ms.min(LONGEST_TIMER_MS),
            attempts: self.attempts,
        }
    }
}

/// One card's (or list's) merged options. Absent fields are `None` or `false`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MountOptions {
    /// `card` (default) or `list`.
    #[serde(deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "text")]
    pub src: Option<String>,
    #[serde(deserialize_with = "text")]
    pub case: Option<String>,
    #[serde(deserialize_with = "text")]
    pub theme: Option<String>,
    #[serde(deserialize_with = "text")]
    pub variant: Option<String>,
    #[serde(deserialize_with = "text")]
    pub sections: Option<String>,
    #[serde(deserialize_with = "text")]
    pub heading_level: Option<String>,
    #[serde(deserialize_with = "text")]
    pub lang: Option<String>,
    /// Link to the case page (from a blockquote's `cite`, or an option).
    #[serde(deserialize_with = "text")]
    pub case_url: Option<String>,
    /// The revision a snippet was made from (`revision`); the card says what changed since.
    #[serde(deserialize_with = "text")]
    pub revision: Option<String>,
    /// The host holds a readable fallback (blockquote or pre-rendered card) to keep on failure.
    #[serde(deserialize_with = "flag")]
    pub has_fallback: bool,
    /// A list's filters (`<incident-list>` attributes); only the module with lists reads them
    /// (the other ignores them, as any unknown field).
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub failure_mode: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub tag: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub organisation: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub severity: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub sort: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub limit: Option<String>,
    /// Only the cases related to this id (`related-to`), and a date range (`from`, `to`).
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub related_to: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub from: Option<String>,
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub to: Option<String>,
    /// A filter bar inside the list (`controls`, a boolean attribute).
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub controls: Option<String>,
    /// The list's accessible name (`label`), for a page with more than one list.
    #[cfg(feature = "lists")]
    #[serde(deserialize_with = "text")]
    pub label: Option<String>,
    /// Test hook: panic when the card settles (read only by builds with the `test-hooks` feature).
    #[cfg(feature = "test-hooks")]
    #[serde(deserialize_with = "flag")]
    pub test_panic: bool,
}

/// Reads `value` into `T`. An error names the field it is about (`timeoutMs: invalid type: …`).
pub fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
        let error = message(e);
        match culprit::<T>(&value, &error) {
            Some(field) => format!("{field}: {error}"),
            None => error,
        }
    })
}

/// The field an error of [`read`] is about: the first key of `value` without which `T` reads
/// differently. serde's messages say what a field should be but not which one it is, and the
/// library that tracks the path (`serde_path_to_error`) costs 2 KB brotli in the module; this
/// reuses the reader already there. A missing field is named by serde itself.
fn culprit<T: DeserializeOwned>(value: &JsValue, error: &str) -> Option<String> {
    let object = value.dyn_ref::<Object>()?;
    Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
        .find(|key| {
            let rest = Object::assign(&Object::new(), object);
            Reflect::delete_property(&rest, &JsValue::from_str(key)).is_ok()
                && serde_wasm_bindgen::from_value::<T>(rest.into())
                    .err()
                    .is_none_or(|e| message(e) != error)
        })
}

/// serde's message, without the `Error: ` of the JavaScript error that carries it. The shipped
/// module compiles `{:?}` to nothing (scripts/dev), so where serde would quote the value
/// (`string "x", expected …`) only its type is left, and the space before the comma goes too.
fn message(e: serde_wasm_bindgen::Error) -> String {
    let error = JsValue::from(e);
    Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
        .replace(" ,", ",")
}

/// Text; a whole number is taken as its decimal text (`limit: 5`); `null` is absent. A visitor of
/// its own rather than an untagged enum, which would buffer every value through serde's `Content`.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("text")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(Text)
}

/// `true` or `false`; `null` is `false`.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}
