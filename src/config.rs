//! Configuration as the loader hands it over. The loader merges the layers for each card
//! (defaults < page-wide < element attributes < call options); what may *widen* where data comes
//! from (the allowed origins) is read from the page-wide layer only, in [`PageConfig`], and never
//! from a card's options.

use serde::Deserialize;

/// Page-wide configuration, set once per page by the loader.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageConfig {
    /// Absolute address `case="ID"` is resolved against (`{base}{ID}.json`).
    pub base: String,
    /// Origin the loader (`embed.js`) came from; always allowed.
    pub widget_origin: String,
    /// Further origins the page author allows data to come from.
    #[serde(default)]
    pub origins: Vec<String>,
    /// Per-attempt timeout, milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u32,
    /// Attempts in all (first try plus retries) for network errors, 5xx and 429.
    #[serde(default = "default_attempts")]
    pub attempts: u32,
}

fn default_timeout() -> u32 {
    crate::fetch::DEFAULT_TIMEOUT_MS
}
fn default_attempts() -> u32 {
    crate::fetch::DEFAULT_ATTEMPTS
}

/// One card's (or list's) merged options.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
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
    pub failure_mode: Option<String>,
    pub tag: Option<String>,
    pub organisation: Option<String>,
    pub severity: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<String>,
    /// Test hook (only honoured in builds with the `test-hooks` feature).
    pub test_panic: bool,
}
