//! `incident-cards validate PATH...`: every document on its own, then the checks across them.
//!
//! - **Both cores, bounded memory.** Files are read, parsed and validated in parallel (rayon);
//!   each document is dropped as soon as it is checked. What is kept per file is what the checks
//!   across files need (its id, aliases and related ids) and its problem lines, so memory grows
//!   with the number of files, not with their size.
//! - **Stable output.** Problem lines (`FILE: path: message`) are printed at the end, file by file
//!   in the order the files were collected (each folder sorted), whatever order the threads finish
//!   in; the summary line goes to stderr. A progress bar shows on a terminal only.
//! - **Across files, always:** ids are unique, and an alias is neither another case's alias nor
//!   another case's id.
//! - **Across a registry:** when the only PATH is a registry folder (a folder with an `incidents/`
//!   folder, or a folder named `incidents`), also: each file is named after its case
//!   (`ICS-0001.json` holds `ICS-0001`) and every `related[].id` is a case of the registry. A set of
//!   loose files or folders is not a whole registry, so those two are not checked there.
//!
//! - **Earlier revisions:** in a registry folder, a file at `revisions/ID/N.json` (as `site`
//!   publishes them) is revision `N` of case `ID`, checked on its own, then for its place: its id
//!   is `ID`, its revision is `N`, and the case's current document, when there is one, is a later
//!   revision. It takes no part in the checks of ids, aliases and related cases, which are about
//!   current documents. Anywhere else (below `incidents/`, or among loose paths) it is a case like
//!   any other, so a second copy of a case is reported as such.
//!
//! - **What is read in a registry folder:** in any PATH with an `incidents/` folder, only it and
//!   `revisions/`: the sharded index's pages (`shards/`) are passed over, and any other .json
//!   file is left unread with a note that counts them.
//!
//! A document that is not valid still counts with its id (when it has a usable one) as a case of
//! the registry, so a related entry naming it is not reported as well; its aliases and related
//! ids are not read.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_model::parse_incident;
use rayon::prelude::*;

/// What one file gives the checks across files. The document itself is not kept.
struct Checked {
    /// The file's own problems, each a whole output line.
    lines: Vec<String>,
    /// The case's id, when the document got far enough to have a valid one.
    id: Option<String>,
    /// Of a valid document only.
    aliases: Vec<String>,
    related: Vec<String>,
    /// Of a valid document only (0 otherwise).
    revision: u32,
}

/// The case folder and file stem of an earlier revision: a file at `revisions/ID/N.json` right
/// under the registry folder `root` (nowhere else: below `incidents/` a file is a case).
fn earlier(root: &Path, file: &Path) -> Option<(String, String)> {
    let rel = file.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let (Some(revisions), Some(case), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if revisions != "revisions" {
        return None;
    }
    Some((
        case.into_owned(),
        file.file_stem()?.to_string_lossy().into_owned(),
    ))
}

/// What is wrong with the revision kept at `revisions/CASE/STEM.json`, which holds revision
/// `revision` of case `id`: it must be of CASE, at revision STEM, and earlier than the case's
/// current revision (`current`, when the registry has the case). `validate` and `site` both ask.
pub(crate) fn kept_problems(
    case: &str,
    stem: &str,
    id: &str,
    revision: u32,
    current: Option<u32>,
) -> Vec<String> {
    let mut out = Vec::new();
    if case != id {
        out.push(format!(
            "id: \"{id}\" is not the case of its folder; revisions/{case}/ keeps earlier revisions of {case}"
        ));
    } else if let Some(now) = current.filter(|now| revision >= *now) {
        out.push(format!(
            "revision: {revision} is not earlier than the current document's ({now}); revisions/ keeps earlier revisions only"
        ));
    }
    if stem != revision.to_string() {
        out.push(format!(
            "revision: this is revision {revision}; name the file {revision}.json"
        ));
    }
    out
}

/// Reads, parses and validates one file.
fn check(file: &Path) -> Checked {
    let name = file.display();
    let mut out = Checked {
        lines: Vec::new(),
        id: None,
        aliases: Vec::new(),
        related: Vec::new(),
        revision: 0,
    };
    match std::fs::read(file) {
        Err(e) => out.lines.push(format!("{name}: cannot read: {e}")),
        Ok(bytes) => match parse_incident(&bytes) {
            Ok(doc) => {
                out.id = Some(doc.id);
                out.aliases = doc.aliases;
                out.revision = doc.revision;
                out.related = doc.related.into_iter().map(|r| r.id).collect();
            }
            Err(e) => {
                out.id = e.id().map(str::to_owned);
                out.lines = e
                    .lines()
                    .into_iter()
                    .map(|line| format!("{name}: {line}"))
                    .collect();
            }
        },
    }
    out
}

/// Whether `paths` is one registry folder: a folder with an `incidents/` folder in it (as `index`
/// and `site` take), or a folder named `incidents`.
fn is_registry(paths: &[PathBuf]) -> bool {
    let [only] = paths else {
        return false;
    };
    if !only.is_dir() {
        return false;
    }
    let named_incidents = std::fs::canonicalize(only)
        .ok()
        .is_some_and(|p| p.file_name().is_some_and(|n| n == "incidents"));
    named_incidents || crate::cases_folder(only).is_some()
}

/// The registry folders among `paths` (those with an `incidents/` folder in them): where their
/// earlier revisions are kept (`revisions/`).
fn registry_roots(paths: &[PathBuf]) -> Vec<&Path> {
    paths
        .iter()
        .filter(|p| crate::cases_folder(p).is_some())
        .map(PathBuf::as_path)
        .collect()
}

/// The checks across files; appends their lines to each file's own.
fn across(files: &[PathBuf], checked: &mut [Checked], registry: bool, roots: &[&Path]) {
    // The earlier revisions a registry keeps, which are not cases of their own.
    let revisions: Vec<Option<(String, String)>> = files
        .iter()
        .map(|f| roots.iter().find_map(|root| earlier(root, f)))
        .collect();
    // The first file of each id (documents with problems included, when they have an id).
    let mut first_of: HashMap<String, usize> = HashMap::with_capacity(checked.len());
    for (i, (c, kept)) in checked.iter().zip(&revisions).enumerate() {
        if let (Some(id), None) = (&c.id, kept) {
            first_of.entry(id.clone()).or_insert(i);
        }
    }
    let current: Vec<u32> = checked.iter().map(|c| c.revision).collect();
    let display = |i: usize| files.get(i).map(|f| f.display().to_string());
    let mut alias_of: HashMap<String, usize> = HashMap::new();
    for (i, (file, c)) in files.iter().zip(checked.iter_mut()).enumerate() {
        let Some(id) = &c.id else {
            continue;
        };
        let name = file.display();
        let mut lines = Vec::new();
        // Below `revisions/` but not at `revisions/ID/N.json`: neither a case nor a kept revision.
        if revisions.get(i).is_some_and(Option::is_none)
            && roots.iter().any(|r| file.starts_with(r.join("revisions")))
        {
            c.lines.push(format!(
                "{name}: a kept revision goes at revisions/{id}/N.json, not elsewhere in revisions/; move it there or out"
            ));
            continue;
        }
        if let Some(Some((case, stem))) = revisions.get(i) {
            // Only a valid document has its revision read (0 otherwise).
            if c.revision != 0 {
                let now = first_of
                    .get(id)
                    .and_then(|f| current.get(*f))
                    .copied()
                    .filter(|now| *now != 0);
                for problem in kept_problems(case, stem, id, c.revision, now) {
                    c.lines.push(format!("{name}: {problem}"));
                }
            }
            continue;
        }
        if let Some(first) = first_of
            .get(id)
            .filter(|f| **f != i)
            .and_then(|f| display(*f))
        {
            lines.push(format!(
                "{name}: id: \"{id}\" is also the id of {first}; a registry keeps one document per case in incidents/ (earlier revisions in revisions/{id}/N.json)"
            ));
        }
        // Exactly `ID.json`: a list and `<incident-card case>` fetch that address.
        if registry
            && file
                .file_name()
                .is_none_or(|n| n.to_str() != Some(&format!("{id}.json")))
        {
            lines.push(format!(
                "{name}: id: \"{id}\" is not the file's name; a registry keeps case {id} in {id}.json"
            ));
        }
        for (j, alias) in c.aliases.iter().enumerate() {
            if let Some(other) = first_of.get(alias).and_then(|f| display(*f)) {
                lines.push(format!(
                    "{name}: aliases[{j}]: \"{alias}\" is the id of another case, in {other}; an alias is an earlier id of this case: remove it, or merge the two cases"
                ));
            } else {
                match alias_of.get(alias) {
                    Some(&first) if first != i => {
                        if let Some(other) = display(first) {
                            lines.push(format!(
                                "{name}: aliases[{j}]: \"{alias}\" is also an alias of the case in {other}; an alias names one case: keep it on one of them"
                            ));
                        }
                    }
                    Some(_) => {}
                    None => {
                        alias_of.insert(alias.clone(), i);
                    }
                }
            }
        }
        if registry {
            for (j, rid) in c.related.iter().enumerate() {
                if !first_of.contains_key(rid) {
                    lines.push(format!(
                        "{name}: related[{j}].id: \"{rid}\" is not a case of this registry; correct the id, add that case, or remove the entry"
                    ));
                }
            }
        }
        c.lines.append(&mut lines);
    }
}

/// What checking `paths` found: the files in the order they are reported, each one's lines, the
/// folders that could not be read, and the files of registry folders that were not read.
struct Run {
    files: Vec<PathBuf>,
    checked: Vec<Checked>,
    unread: Vec<String>,
    not_read: Vec<PathBuf>,
}

fn run(paths: &[PathBuf]) -> Run {
    let mut files = Vec::new();
    let mut unread = Vec::new();
    // A registry folder (one with `incidents/`) holds more than documents: only its cases and
    // the earlier revisions it keeps are read. The sharded index's pages (`shards/`) are passed
    // over; any other .json file there is not read either, and a note says so.
    let mut not_read = Vec::new();
    // A file reached through two PATHs (`validate data data/incidents`, `validate data ./data`) is
    // checked once, not reported as a case that repeats its own id. Within one PATH every name
    // counts: a second name for a file (a link) is a second copy of its case there.
    let mut before = HashSet::new();
    for p in paths {
        let mut found = Vec::new();
        unread.extend(crate::collect(p, &mut found));
        if paths.len() > 1 {
            let real = |f: &PathBuf| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
            found.retain(|f| !before.contains(&real(f)));
            before.extend(found.iter().map(real));
        }
        if let Some(cases) = crate::cases_folder(p) {
            let (revisions, shards) = (p.join("revisions"), p.join("shards"));
            let (documents, rest): (Vec<PathBuf>, Vec<PathBuf>) = found
                .into_iter()
                .partition(|f| f.starts_with(&cases) || f.starts_with(&revisions));
            not_read.extend(rest.into_iter().filter(|f| !f.starts_with(&shards)));
            files.extend(documents);
        } else {
            files.extend(found);
        }
    }
    let bar = crate::sample::progress(files.len(), "checking");
    let mut checked: Vec<Checked> = files
        .par_iter()
        .map(|file| {
            let c = check(file);
            bar.inc(1);
            c
        })
        .collect();
    bar.finish_and_clear();
    across(
        &files,
        &mut checked,
        is_registry(paths),
        &registry_roots(paths),
    );
    Run {
        files,
        checked,
        unread,
        not_read,
    }
}

/// What `validate DIR` reads of the registry folder `dir` (its cases and kept revisions) and
/// reports, line by line (none when it passes): `index` and `site` publish those files, and
/// refuse a registry it refuses.
pub(crate) fn registry(dir: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let run = run(std::slice::from_ref(&dir.to_path_buf()));
    let mut lines = run.unread;
    lines.extend(run.checked.into_iter().flat_map(|c| c.lines));
    (run.files, lines)
}

pub(crate) fn validate(paths: &[PathBuf]) -> ExitCode {
    let Run {
        files,
        checked,
        unread,
        not_read,
    } = run(paths);
    if let Some(first) = not_read.first() {
        eprintln!(
            "incident-cards: note: {} .json file(s) of a registry folder outside incidents/ and revisions/ not read (the first: {}); a registry's cases go in incidents/, its earlier revisions in revisions/ID/N.json",
            not_read.len(),
            first.display()
        );
    }
    let mut bad = 0;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut open = true;
    for line in &unread {
        open = open && writeln!(out, "{line}").is_ok();
    }
    for c in &checked {
        if c.lines.is_empty() {
            continue;
        }
        bad += 1;
        for line in &c.lines {
            // A closed pipe (`| head`) ends the report quietly; the count and the exit code stay.
            open = open && writeln!(out, "{line}").is_ok();
        }
    }
    let _ = out.flush();
    drop(out);
    eprintln!("{} document(s) checked, {} with problems", files.len(), bad);
    if !unread.is_empty() {
        eprintln!(
            "incident-cards: {} folder(s) could not be read (above)",
            unread.len()
        );
    }
    if files.is_empty() && unread.is_empty() {
        eprintln!("incident-cards: no documents found (.json files other than index.json); give the files, or a folder that holds them");
    }
    if bad == 0 && !files.is_empty() && unread.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
