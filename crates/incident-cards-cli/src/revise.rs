//! `incident-cards revise OLD NEW`: makes an edited document the next revision of the published
//! one. The result is NEW with `revision` one more than OLD's, `dates.modified` the day of
//! publication, and a `history` that is OLD's with this revision's entry added: its date and
//! what it changed, in the lines `diff` prints. `--kept-at` records where the registry keeps OLD
//! for the pages that embedded it (`site` writes it at `cases/ID/rN/` when OLD is saved as
//! `DIR/revisions/ID/N.json`).
//!
//! Nothing is written unless the result is a valid document.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_model::{
    changes, check_url, cite, limits, same_language, PartialDate, Revision, SCHEMA_VERSION,
};
use serde_json::Value;

pub struct ReviseArgs {
    pub date: Option<String>,
    pub kept_at: Option<String>,
    pub output: Option<PathBuf>,
}

pub fn revise(old_file: &Path, new_file: &Path, args: ReviseArgs) -> ExitCode {
    let date = args.date.unwrap_or_else(crate::today);
    let Ok(day) = PartialDate::parse_day(&date) else {
        eprintln!("incident-cards: --date {date:?} is not a date; give it as YYYY-MM-DD");
        return ExitCode::from(2);
    };
    let (Some(old), Some(mut new)) = (
        crate::load_reported(old_file),
        crate::load_reported(new_file),
    ) else {
        return ExitCode::FAILURE;
    };
    if old.id != new.id {
        eprintln!(
            "incident-cards: {} is case {} and {} is case {}; a revision continues one case",
            old_file.display(),
            old.id,
            new_file.display(),
            new.id
        );
        return ExitCode::from(2);
    }
    // What revise writes is what the model reads: a field it does not read would be lost.
    let unread = match unread_fields(new_file, &new) {
        Ok(fields) => fields,
        Err(e) => {
            eprintln!("{}: {e}", new_file.display());
            return ExitCode::FAILURE;
        }
    };
    if !unread.is_empty() {
        eprintln!(
            "incident-cards: {} has fields this version of incident-cards does not read ({}); revise writes the document from what it reads and would drop them. Move them out of the document (no version reads an `x_` field; for another, a newer incident-cards may) (nothing written)",
            new_file.display(),
            unread.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let Some(published) = cite::revision_date(&old) else {
        eprintln!(
            "incident-cards: {} names no day for revision {} (its entry in history, dates.modified or dates.filed); add the day it was published, then run revise again",
            old_file.display(),
            old.revision
        );
        return ExitCode::from(2);
    };
    if let Ok(before) = PartialDate::parse_day(published) {
        if day.certainly_before(&before) {
            eprintln!(
                "incident-cards: --date {date} is before revision {} was published ({before}); a new revision comes after it",
                old.revision
            );
            return ExitCode::from(2);
        }
    }
    if let Some(url) = &args.kept_at {
        if let Err(e) = check_url(url, new.allow_http) {
            eprintln!("incident-cards: --kept-at {url:?}: {e}");
            return ExitCode::from(2);
        }
    }
    let found = changes::changes(&old, &new);
    if found.is_empty() {
        eprintln!(
            "incident-cards: {} and {} say the same; a revision records a change (nothing written)",
            old_file.display(),
            new_file.display()
        );
        return ExitCode::FAILURE;
    }
    let mut lines: Vec<String> = found.iter().map(|c| c.describe()).collect();
    if lines.len() > limits::CHANGES {
        let more = lines.len() - (limits::CHANGES - 1);
        lines.truncate(limits::CHANGES - 1);
        lines.push(format!(
            "and {more} more changes (`incident-cards diff` lists them all)"
        ));
    }

    // OLD's history; where it has none, the history starts at OLD (what came before it is not
    // known here).
    let mut history = old.history.clone();
    if history.is_empty() {
        history.push(Revision {
            revision: old.revision,
            date: published.to_owned(),
            url: None,
            changes: Vec::new(),
        });
    }
    if let Some(url) = args.kept_at {
        if let Some(entry) = history.iter_mut().find(|e| e.revision == old.revision) {
            entry.url = Some(url);
        }
    }
    let Some(revision) = old.revision.checked_add(1) else {
        eprintln!(
            "incident-cards: {} is at revision {}, the highest a revision number can be, so none can follow it; check OLD's `revision` (nothing written)",
            old_file.display(),
            old.revision
        );
        return ExitCode::FAILURE;
    };
    history.push(Revision {
        revision,
        date: date.clone(),
        url: None,
        changes: lines,
    });
    new.schema_version = SCHEMA_VERSION.to_owned();
    new.revision = revision;
    new.dates.modified = Some(date);
    new.history = history;

    let problems = incident_model::validate(&new);
    if !problems.is_empty() {
        for p in problems {
            eprintln!("{}: {}: {}", new_file.display(), p.path, p.message);
        }
        eprintln!("incident-cards: the new revision would not be valid (nothing written); fix NEW and run revise again");
        return ExitCode::FAILURE;
    }
    let json = match serde_json::to_string_pretty(&new) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("incident-cards: cannot write the document: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The file as written must still be one a reader accepts: pretty-printed, a document near the
    // limit can grow past it.
    if json.len() + 1 > limits::DOCUMENT_BYTES {
        eprintln!(
            "incident-cards: the new revision would be {} bytes written out, over the {}-byte limit of a document; shorten NEW (nothing written)",
            json.len() + 1,
            limits::DOCUMENT_BYTES
        );
        return ExitCode::FAILURE;
    }
    if !same_language(&new.lang, "en") {
        eprintln!(
            "incident-cards: note: the lines of what changed are in English and the document is in \"{}\"; a card shows them as the document's language: translate them (history[{}].changes) before publishing",
            new.lang,
            new.history.len() - 1
        );
    }
    // The citation is the registry's own text, shown as written: one that names OLD's revision
    // would cite the wrong one on every card.
    if let Some(citation) = new
        .citation
        .as_ref()
        .filter(|c| names_revision(&c.text, old.revision))
    {
        eprintln!(
            "incident-cards: note: citation.text still says \"revision {}\" ({}); the card shows it as written: make it cite revision {revision} of {} before publishing",
            old.revision,
            citation.text,
            new.dates.modified.as_deref().unwrap_or_default()
        );
    }
    let summary = format!(
        "{}: revision {} → {revision}, {} change(s)",
        new.id,
        old.revision,
        found.len()
    );
    match args.output {
        Some(path) => match std::fs::write(&path, json + "\n") {
            Ok(()) => {
                eprintln!("{summary}; written to {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: cannot write: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        None => {
            eprintln!("{summary}");
            crate::emit(&json)
        }
    }
}

/// Whether `text` says "revision N" (any case, N not followed by another digit).
fn names_revision(text: &str, n: u32) -> bool {
    let text = text.to_lowercase();
    let phrase = format!("revision {n}");
    text.match_indices(&phrase).any(|(at, _)| {
        !text
            .get(at + phrase.len()..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// The fields of NEW's file that the model does not read (`x_note`, `sources[1].x_kind`): present
/// in the file, absent from the document as read, and not empty (an empty list, `null` or
/// `false` is what the model leaves out when it writes).
fn unread_fields(file: &Path, doc: &incident_model::Incident) -> Result<Vec<String>, String> {
    let text = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    // A byte order mark is allowed, as the model's reader allows it.
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    let raw: Value = serde_json::from_slice(text).map_err(|e| format!("not JSON: {e}"))?;
    let read = serde_json::to_value(doc).map_err(|e| format!("cannot write: {e}"))?;
    let mut out = Vec::new();
    unread(&raw, &read, "", &mut out);
    Ok(out)
}

fn unread(raw: &Value, read: &Value, path: &str, out: &mut Vec<String>) {
    match (raw, read) {
        (Value::Object(raw), Value::Object(read)) => {
            for (key, value) in raw {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match read.get(key) {
                    Some(kept) => unread(value, kept, &at, out),
                    None if !empty(value) => out.push(at),
                    None => {}
                }
            }
        }
        (Value::Array(raw), Value::Array(read)) => {
            for (i, (value, kept)) in raw.iter().zip(read).enumerate() {
                unread(value, kept, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// What the model leaves out when it writes: `null`, `false`, an empty list, an object of those.
fn empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(empty),
        _ => false,
    }
}
