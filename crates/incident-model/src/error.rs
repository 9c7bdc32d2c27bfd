//! What can be wrong with a document, with a stable code for each kind.

use std::fmt;

/// One problem at one place in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Field path, e.g. `sources[2].url`; `(document)` for the whole document.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a document cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentError {
    /// Refused before parsing.
    TooLarge { bytes: usize, limit: usize },
    /// Not UTF-8, not JSON (HTML served by mistake, truncated, too deeply nested).
    NotJson {
        message: String,
        line: usize,
        column: usize,
    },
    /// JSON, but not an incident document (no `schema_version`, not an object).
    NotIncident { message: String },
    /// A major version this reader does not know.
    UnsupportedVersion { found: String, id: Option<String> },
    /// An incident document that breaks the format's rules; every problem found.
    Invalid {
        problems: Vec<Problem>,
        id: Option<String>,
    },
}

impl DocumentError {
    /// Stable code, used in `incident-card:error` events and error cards.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::TooLarge { .. } => "too-large",
            DocumentError::NotJson { .. } => "not-json",
            DocumentError::NotIncident { .. } => "not-incident",
            DocumentError::UnsupportedVersion { .. } => "unsupported-version",
            DocumentError::Invalid { .. } => "invalid",
        }
    }

    /// The incident id, when the document got far enough to name one.
    pub fn id(&self) -> Option<&str> {
        match self {
            DocumentError::UnsupportedVersion { id, .. } | DocumentError::Invalid { id, .. } => {
                id.as_deref()
            }
            _ => None,
        }
    }

    /// One line per problem, as the CLI prints them (without the file name).
    pub fn lines(&self) -> Vec<String> {
        match self {
            DocumentError::Invalid { problems, .. } => {
                problems.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::TooLarge { bytes, limit } => write!(
                f,
                "(document): {bytes} bytes is larger than the {limit}-byte limit"
            ),
            DocumentError::NotJson {
                message,
                line,
                column,
            } => write!(f, "line {line}, column {column}: {message}"),
            DocumentError::NotIncident { message } => write!(f, "(document): {message}"),
            DocumentError::UnsupportedVersion { found, .. } => write!(
                f,
                "schema_version: \"{found}\" needs a newer reader (this one reads {}.x)",
                crate::SCHEMA_MAJOR
            ),
            DocumentError::Invalid { problems, .. } => match problems.first() {
                Some(first) if problems.len() == 1 => write!(f, "{first}"),
                Some(first) => write!(f, "{first} (and {} more)", problems.len() - 1),
                None => f.write_str("(document): invalid"),
            },
        }
    }
}

impl std::error::Error for DocumentError {}
