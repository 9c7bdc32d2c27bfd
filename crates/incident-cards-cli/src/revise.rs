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

use incident_model::{changes, check_url, cite, limits, PartialDate, Revision, SCHEMA_VERSION};

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
    let published = cite::revision_date(&old);
    if let Some(before) = published.and_then(|d| PartialDate::parse_day(d).ok()) {
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
            date: published.unwrap_or(&date).to_owned(),
            url: None,
            changes: Vec::new(),
        });
    }
    if let Some(url) = args.kept_at {
        if let Some(entry) = history.iter_mut().find(|e| e.revision == old.revision) {
            entry.url = Some(url);
        }
    }
    let revision = old.revision + 1;
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
