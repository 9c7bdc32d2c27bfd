//! Configuration as the loader hands it over. The loader merges the layers for each card
//! (defaults < page-wide < element attributes < call options); what may *widen* where data comes
//! from (the allowed origins) is read from the page-wide layer only, in [`PageConfig`], and never
//! from a card's options.
//!
//! Both are read from the JavaScript objects field by field (`Reader`): serde's derived readers
//! with serde-wasm-bindgen cost about 7 KB brotli of the module for these two structs, mostly their
//! error messages (see docs/performance.md). A field of the wrong type is an error that names it.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Page-wide configuration, set once per page by the loader.
#[derive(Debug, Clone)]
pub struct PageConfig {
    /// Absolute address `case="ID"` is resolved against (`{base}{ID}.json`).
    pub base: String,
    /// Origin the loader (`embed.js`) came from; always allowed.
    pub widget_origin: String,
    /// Further origins the page author allows data to come from.
    pub origins: Vec<String>,
    /// Per-attempt timeout, milliseconds.
    pub timeout_ms: u32,
    /// Attempts in all (first try plus retries) for network errors, 5xx and 429.
    pub attempts: u32,
}

impl PageConfig {
    /// Reads `{base, widgetOrigin, origins?, timeoutMs?, attempts?}`; `origins` is text, the
    /// origins separated by spaces (the loader has made each one an origin already).
    pub fn read(value: &JsValue) -> Result<PageConfig, String> {
        let r = Reader(value);
        Ok(PageConfig {
            base: r.text("base")?.ok_or("`base` is required")?,
            widget_origin: r
                .text("widgetOrigin")?
                .ok_or("`widgetOrigin` is required")?,
            origins: r
                .text("origins")?
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            timeout_ms: r.whole("timeoutMs", crate::fetch::DEFAULT_TIMEOUT_MS)?,
            attempts: r.whole("attempts", crate::fetch::DEFAULT_ATTEMPTS)?,
        })
    }
}

/// One card's (or list's) merged options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MountOptions {
    /// `card` (default) or `list`.
    pub kind: Option<String>,
    pub src: Option<String>,
    pub case: Option<String>,
    pub theme: Option<String>,
    pub variant: Option<String>,
    pub sections: Option<String>,
    pub heading_level: Option<String>,
    pub lang: Option<String>,
    /// Link to the case page (from a blockquote's `cite`, or an option).
    pub case_url: Option<String>,
    /// The host holds a readable fallback (blockquote or pre-rendered card) to keep on failure.
    pub has_fallback: bool,
    /// A list's filters (`<incident-list>` attributes); the module built without lists ignores them.
    #[cfg(feature = "lists")]
    pub failure_mode: Option<String>,
    #[cfg(feature = "lists")]
    pub tag: Option<String>,
    #[cfg(feature = "lists")]
    pub organisation: Option<String>,
    #[cfg(feature = "lists")]
    pub severity: Option<String>,
    #[cfg(feature = "lists")]
    pub sort: Option<String>,
    #[cfg(feature = "lists")]
    pub limit: Option<String>,
    /// Test hook (only read in builds with the `test-hooks` feature).
    #[cfg(feature = "test-hooks")]
    pub test_panic: bool,
}

impl MountOptions {
    /// Reads the merged options (camelCase names); absent fields are `None` or `false`.
    pub fn read(value: &JsValue) -> Result<MountOptions, String> {
        let r = Reader(value);
        Ok(MountOptions {
            kind: r.text("kind")?,
            src: r.text("src")?,
            case: r.text("case")?,
            theme: r.text("theme")?,
            variant: r.text("variant")?,
            sections: r.text("sections")?,
            heading_level: r.text("headingLevel")?,
            lang: r.text("lang")?,
            case_url: r.text("caseUrl")?,
            has_fallback: r.flag("hasFallback")?,
            #[cfg(feature = "lists")]
            failure_mode: r.text("failureMode")?,
            #[cfg(feature = "lists")]
            tag: r.text("tag")?,
            #[cfg(feature = "lists")]
            organisation: r.text("organisation")?,
            #[cfg(feature = "lists")]
            severity: r.text("severity")?,
            #[cfg(feature = "lists")]
            sort: r.text("sort")?,
            #[cfg(feature = "lists")]
            limit: r.text("limit")?,
            #[cfg(feature = "test-hooks")]
            test_panic: r.flag("testPanic")?,
        })
    }
}

/// Fields of a JavaScript object; `undefined` and `null` are absent.
struct Reader<'a>(&'a JsValue);

fn wrong(key: &str, what: &str) -> String {
    let mut message = String::from("`");
    message.push_str(key);
    message.push_str("` must be ");
    message.push_str(what);
    message
}

impl Reader<'_> {
    fn get(&self, key: &str) -> Option<JsValue> {
        if !self.0.is_object() {
            return None;
        }
        let value = Reflect::get(self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(value)
    }

    /// Text; a number is taken as its decimal text (`limit: 5`).
    fn text(&self, key: &str) -> Result<Option<String>, String> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        if let Some(s) = value.as_string() {
            return Ok(Some(s));
        }
        match value.as_f64() {
            Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(Some((n as i64).to_string())),
            _ => Err(wrong(key, "text")),
        }
    }

    fn flag(&self, key: &str) -> Result<bool, String> {
        match self.get(key) {
            None => Ok(false),
            Some(value) => value.as_bool().ok_or_else(|| wrong(key, "true or false")),
        }
    }

    fn whole(&self, key: &str, default: u32) -> Result<u32, String> {
        match self.get(key).map(|v| v.as_f64()) {
            None => Ok(default),
            Some(Some(n)) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                Ok(n as u32)
            }
            Some(_) => Err(wrong(key, "a whole number")),
        }
    }
}
