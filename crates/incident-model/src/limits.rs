//! Every limit the format enforces, in one place.
//!
//! Lengths count Unicode scalar values (characters), not bytes, so a limit means the same thing for
//! every script. The numbers are generous for real cases (the longest summary in the sample registry
//! is under a third of [`SUMMARY`]) and small enough that a hostile document cannot make a card
//! unreadable or a page slow. `docs/format.md` publishes the same table; a test keeps the two equal.

/// Largest document, in bytes, that is parsed at all. Larger bodies are refused before parsing.
pub const DOCUMENT_BYTES: usize = 256 * 1024;
/// Largest index file, in bytes.
pub const INDEX_BYTES: usize = 4 * 1024 * 1024;
/// Deepest JSON nesting accepted anywhere in a document (serde_json's own guard is 128).
pub const NESTING: usize = 128;

/// `title`, and the title of a related incident.
pub const TITLE: usize = 200;
/// `summary` (one paragraph of plain text).
pub const SUMMARY: usize = 2_000;
/// One claim, one lesson, one cause-chain step, the impact sentence.
pub const SENTENCE: usize = 600;
/// Names, labels and other short strings: organisations, systems, publishers, failure mode, tags.
pub const LABEL: usize = 120;
/// A source's title.
pub const SOURCE_TITLE: usize = 300;
/// A related incident's reason, a withdrawal or dispute reason.
pub const REASON: usize = 400;
/// Citation text and attribution.
pub const CITATION: usize = 1_000;
/// Any address, in bytes of its serialised form.
pub const URL: usize = 2_048;
/// Ids (`PREFIX-NUMBER`) and source ids.
pub const ID: usize = 32;

/// List lengths.
pub const ALIASES: usize = 16;
pub const ORGANISATIONS: usize = 12;
pub const SYSTEMS: usize = 12;
pub const TAGS: usize = 24;
pub const CLAIMS: usize = 60;
pub const CLAIM_SOURCES: usize = 12;
pub const CHAIN: usize = 5;
pub const LESSONS: usize = 24;
pub const SOURCES: usize = 60;
pub const RELATED: usize = 24;
/// Languages a document is translated into.
pub const TRANSLATIONS: usize = 16;
/// Revisions in a document's history, and lines of change in one revision.
pub const HISTORY: usize = 100;
pub const CHANGES: usize = 40;
/// One line of change (a claim's text and the words before it).
pub const CHANGE: usize = 700;
/// Entries in one index file.
pub const INDEX_ENTRIES: usize = 10_000;
/// Problems reported for one document; past this, one line says how many more there were.
pub const PROBLEMS: usize = 100;
/// Pages of a sharded index a list reads for one screenful: where other filters thin a shard
/// out, the list shows what those pages held and reads on only when the reader asks.
pub const LIST_PAGES_PER_READ: usize = 12;

/// The table published in `docs/format.md`: (name, value, what it limits).
pub const TABLE: &[(&str, usize, &str)] = &[
    (
        "DOCUMENT_BYTES",
        DOCUMENT_BYTES,
        "bytes in one incident document",
    ),
    ("INDEX_BYTES", INDEX_BYTES, "bytes in one index file"),
    ("NESTING", NESTING, "JSON nesting depth"),
    ("TITLE", TITLE, "characters in a title"),
    ("SUMMARY", SUMMARY, "characters in the summary"),
    (
        "SENTENCE",
        SENTENCE,
        "characters in a claim, lesson, chain step or impact",
    ),
    ("LABEL", LABEL, "characters in a name, label or tag"),
    ("SOURCE_TITLE", SOURCE_TITLE, "characters in a source title"),
    ("REASON", REASON, "characters in a reason"),
    (
        "CITATION",
        CITATION,
        "characters in citation text or attribution",
    ),
    ("URL", URL, "bytes in an address"),
    ("ID", ID, "characters in an id"),
    ("ALIASES", ALIASES, "aliases"),
    ("ORGANISATIONS", ORGANISATIONS, "organisations"),
    ("SYSTEMS", SYSTEMS, "AI systems"),
    ("TAGS", TAGS, "tags"),
    ("CLAIMS", CLAIMS, "claims"),
    ("CLAIM_SOURCES", CLAIM_SOURCES, "sources behind one claim"),
    ("CHAIN", CHAIN, "cause-chain steps"),
    ("LESSONS", LESSONS, "operational lessons"),
    ("SOURCES", SOURCES, "sources"),
    ("RELATED", RELATED, "related incidents"),
    ("TRANSLATIONS", TRANSLATIONS, "translations (languages)"),
    ("HISTORY", HISTORY, "revisions in a history"),
    ("CHANGES", CHANGES, "lines of change in one revision"),
    ("CHANGE", CHANGE, "characters in a line of change"),
    ("INDEX_ENTRIES", INDEX_ENTRIES, "entries in an index"),
    (
        "LIST_PAGES_PER_READ",
        LIST_PAGES_PER_READ,
        "pages of a sharded index a list reads for one screenful",
    ),
    ("PROBLEMS", PROBLEMS, "problems reported for one document"),
];
