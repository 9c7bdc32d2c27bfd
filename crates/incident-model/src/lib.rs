//! # incident-model
//!
//! The incident document that every incident card shows: its types, how it is parsed, the rules it
//! must keep, and the limits that make third-party documents safe to show.
//!
//! Decisions, and why:
//!
//! - **Plain Rust, no browser crates.** The widget (wasm), the command-line tool and the tests all
//!   use this crate, so it must build and test natively. CI checks with `cargo tree` that no
//!   `wasm-bindgen`, `web-sys`, `js-sys`, `gloo` or `yew` is in its tree.
//! - **Strict types, lenient about the unknown.** Enums are closed and fields are typed, so a card
//!   never guesses; unknown fields are ignored, so a 1.x reader accepts a 1.y document. An unknown
//!   *major* version is its own error ([`DocumentError::UnsupportedVersion`]).
//! - **Honest precision.** Dates are kept as written (`2025`, `2025-12`, `2025-12-15`) and parsed
//!   by [`PartialDate`]; a card never invents a day. Almost everything is optional, so a document
//!   carries only what its sources give.
//! - **Every problem, with its path.** [`validate()`] collects all problems rather than stopping at
//!   the first, each as `path: message`, so a publisher can fix a file from the messages alone.
//! - **One link policy** ([`check_url`]): `https` only unless the document opts in to `http`, no
//!   credentials, bounded length. Validation and rendering both call it.
//! - **Limits in one place** ([`limits`]), published in `docs/format.md`.

pub mod changes;
pub mod cite;
pub mod date;
pub mod document;
pub mod error;
pub mod index;
pub mod limits;
pub mod link;
pub mod parse;
pub mod read;
pub mod shards;
pub mod text;
pub mod validate;

pub use date::{duration_parts, human_duration, DurationUnit, PartialDate};
pub use document::*;
pub use error::{DocumentError, Problem};
pub use index::{build_index, index_of, validate_index, Counts, Index, IndexEntry};
pub use link::{check_url, display_host, parse_url, ParsedUrl, UrlError};
#[cfg(feature = "json")]
pub use parse::{parse_incident, parse_index};
pub use validate::validate;

/// Pattern of incident ids (`PREFIX-NUMBER`), as published in the JSON Schema.
pub const ID_PATTERN: &str = "^[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}$";
/// Pattern of source ids.
pub const SOURCE_ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,31}$";

/// The JSON Schema of an incident document, generated from the types.
#[cfg(feature = "schema")]
pub fn incident_schema() -> schemars::Schema {
    schemars::schema_for!(Incident)
}

// A type for the schema only: what an index file may be.
/// An index file of an incident-cards registry: a single-file index (also the shape of each page
/// of a sharded index), or the manifest of a sharded index.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[schemars(title = "Index file")]
#[serde(untagged)]
// Never built, only described; its size does not matter.
#[allow(dead_code, clippy::large_enum_variant)]
enum IndexFile {
    Single(Index),
    Sharded(shards::Manifest),
}

/// The JSON Schema of an index file: a single-file index or a page of a sharded one, or a
/// sharded index's manifest.
#[cfg(feature = "schema")]
pub fn index_schema() -> schemars::Schema {
    schemars::schema_for!(IndexFile)
}
