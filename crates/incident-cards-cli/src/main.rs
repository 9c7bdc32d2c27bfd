//! `incident-cards`: the publisher's and the integrator's command.
//!
//! - `validate PATH...` checks documents (files or folders) and prints one line per problem,
//!   `FILE: path: message`; exit 0 when all are valid, 1 otherwise.
//! - `index DIR` writes `DIR/index.json` from the case files below `DIR/incidents/`.
//! - `schema [--index]` prints the JSON Schema generated from the Rust types.
//! - `render FILE [--variant full|compact] [--theme light|dark|auto]` prints the card's HTML,
//!   rendered by the same Yew components the widget uses (server-side rendering).
//! - `snippet FILE --base URL` prints an embed snippet whose content is that pre-rendered card, in
//!   a declarative shadow root, with a readable fallback and the loader's script tag; or, with
//!   `--mode blockquote`, the readable blockquote the loader upgrades (`--preload` adds the hints
//!   that download the module and the document alongside the loader, for a card in the first
//!   screen).
//! - `diff OLD NEW` prints what changed between two revisions of a case.
//! - `revise OLD NEW` makes an edited document the next revision, with its history (`revise.rs`).
//! - `sample --count N DIR` writes a generated registry of N valid cases, for tests and benchmarks.
//! - `cite FILE [--format bibtex|ris|csl-json]` prints a citation for reference managers.
//! - `site DIR OUT --base URL` writes the registry's public pages: a case page, an embed page and
//!   an oEmbed response per case, a list of the cases, an Atom feed and a sitemap (`site.rs`).

mod html;
mod revise;
mod sample;
mod shard_index;
mod site;
mod validate;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use clap::{CommandFactory, Parser, Subcommand};
use html::{esc, fallback, prerendered, style_hash};
use incident_card::CardOptions;
use incident_model::{index_of, limits, parse_incident, DocumentError, Incident, IndexEntry};

#[derive(Parser)]
#[command(
    name = "incident-cards",
    version,
    about = "Validate, index and render incident documents",
    after_long_help = "Exit status: 0 when the command did what it was asked; 1 when the input has \
        problems (each one is printed, with what to do) or cannot be read or written, and for \
        `diff`, when the revisions differ; 2 when the command line is wrong."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check incident documents (files, or folders searched for *.json); exit 1 on any problem.
    ///
    /// Each document is checked on its own (on every core; a progress bar shows on a terminal),
    /// then across all of them: ids are unique, and an alias is neither another case's alias nor
    /// another case's id. When the only PATH is a registry folder (a folder with an `incidents/`
    /// folder in it, or a folder named `incidents`), also: each file is named after its case
    /// (ICS-0001.json holds ICS-0001), and every related[].id is a case of the registry. In a
    /// registry folder only incidents/ and revisions/ are read (the sharded index's pages are not
    /// documents). Problems are printed as `FILE: path: message`, file by file in sorted order.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write COUNT generated cases into DIR/incidents/ (GEN-000001.json, ...): valid, varied
    /// across every field, synthetic text, the same bytes for the same COUNT. For tests and
    /// measurements at scale.
    Sample {
        /// How many cases to write.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(sample::MAX_COUNT)))]
        count: u32,
        /// The registry folder; the cases go into DIR/incidents/.
        dir: PathBuf,
        /// Write into a DIR/incidents/ that is not empty, replacing files of the same names
        /// (other files stay, and are part of the registry).
        #[arg(long)]
        force: bool,
    },
    /// Build DIR/index.json from the case files in DIR/incidents/, once they pass `validate DIR`.
    Index {
        dir: PathBuf,
        /// Print the index instead of writing it.
        #[arg(long)]
        stdout: bool,
        /// Write the sharded index for large registries: a manifest at DIR/index.json and pages
        /// under DIR/shards/ (docs/format.md).
        #[arg(long, conflicts_with = "stdout")]
        sharded: bool,
        /// Entries per page of the sharded index (1 to 1000).
        #[arg(long, default_value_t = incident_model::shards::DEFAULT_PAGE_SIZE, requires = "sharded",
              value_parser = clap::value_parser!(u32).range(1..=1000))]
        page_size: u32,
    },
    /// Print the JSON Schema of incident documents (or of the index, with --index).
    Schema {
        #[arg(long)]
        index: bool,
    },
    /// Print a completion script for SHELL, e.g. `incident-cards completions bash >
    /// ~/.local/share/bash-completion/completions/incident-cards`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `incident-cards man > ~/.local/share/man/man1/incident-cards.1`;
    /// with --dir, write it and a page for each subcommand (incident-cards-validate.1, …) there.
    Man {
        /// Write every page into this folder (e.g. ~/.local/share/man/man1) instead of printing
        /// the command's own.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print an embed snippet: the card pre-rendered in a declarative shadow root (or a plain
    /// blockquote with --mode blockquote), a readable fallback, and the script tag.
    Snippet {
        file: PathBuf,
        /// Where the widget's files (embed.js, incident-card.css, data/) are served, e.g.
        /// `https://cards.example/`.
        #[arg(long)]
        base: String,
        /// Address of the document (default: {base}data/incidents/{id}.json).
        #[arg(long, value_parser = document_address)]
        src: Option<String>,
        #[arg(long, value_parser = ["dsd", "blockquote"], default_value = "dsd")]
        mode: String,
        #[arg(long, value_parser = ["full", "compact"], default_value = "full")]
        variant: String,
        #[arg(long, value_parser = ["light", "dark", "auto"], default_value = "auto")]
        theme: String,
        /// With --mode blockquote: start with `<link rel="preload">` hints for the wasm module and
        /// the document, so that both download alongside the loader (for a card in the first
        /// screen; a hint for a card further down defeats its lazy loading).
        #[arg(long)]
        preload: bool,
        /// The registry's name, the publisher in the pre-rendered snippet's JSON-LD.
        #[arg(long, value_parser = registry_name, default_value = "incident-cards")]
        name: String,
        /// The card's UI language: en, de, es or ar (a tag such as de-AT picks German). The
        /// document's own text keeps its language.
        #[arg(long, value_parser = ui_lang)]
        lang: Option<String>,
    },
    /// Write the registry's public site into OUT: a page per case (the card pre-rendered, link
    /// previews, JSON-LD, the embed snippets), an embed page per case for iframes, an oEmbed
    /// response per case, a list of the cases, an Atom feed and a sitemap.
    Site {
        /// The registry folder (the documents in DIR/incidents/).
        dir: PathBuf,
        /// Where to write the pages (existing files of the same names are replaced).
        out: PathBuf,
        /// The absolute address OUT is served from, e.g. `https://cards.example/` (link previews,
        /// oEmbed consumers and feed readers need absolute addresses).
        #[arg(long)]
        base: String,
        /// Where the widget (embed.js) is served, if not from --base.
        #[arg(long)]
        widget: Option<String>,
        /// Where DIR is served, if not from {widget}data/.
        #[arg(long)]
        data: Option<String>,
        /// The registry's name, for page titles, the feed and oEmbed's provider.
        #[arg(long, value_parser = registry_name, default_value = "incident-cards")]
        name: String,
    },
    /// Print a citation of a case for reference managers: BibTeX, RIS or CSL-JSON, naming the
    /// revision cited, its date and the access date.
    Cite {
        file: PathBuf,
        #[arg(long, value_parser = ["bibtex", "ris", "csl-json"], default_value = "bibtex")]
        format: String,
        /// The address cited (default: the document's case page, else its own address).
        #[arg(long, value_parser = cited_address)]
        url: Option<String>,
        /// The access date, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        accessed: Option<String>,
        /// The registry that publishes the case (default: the licence's attribution is the author).
        #[arg(long)]
        publisher: Option<String>,
    },
    /// Print what changed from one revision of a case to another, one line per change, the most
    /// serious first; exit 0 when nothing did, 1 when something did (as `diff` does).
    Diff { old: PathBuf, new: PathBuf },
    /// Make NEW (an edited copy of OLD) the next revision of the case: print it with `revision`
    /// one more than OLD's, `dates.modified` set, and OLD's history plus this revision's entry
    /// (its date and what it changed, as `diff` prints it). Cards embedded from an earlier
    /// revision show their readers those lines.
    Revise {
        old: PathBuf,
        new: PathBuf,
        /// The day the revision is published, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        date: Option<String>,
        /// Where the registry keeps OLD for the pages that embedded it: its archived page, which
        /// `site` writes at BASE/cases/ID/rN/ when OLD is kept as DIR/revisions/ID/N.json.
        #[arg(long)]
        kept_at: Option<String>,
        /// Write the new revision to this file (it may be NEW itself) instead of printing it.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the card's HTML, rendered by the widget's own components.
    Render {
        file: PathBuf,
        #[arg(long, value_parser = ["full", "compact"], default_value = "full")]
        variant: String,
        #[arg(long, value_parser = ["light", "dark", "auto"], default_value = "auto")]
        theme: String,
        /// Sections to show (`facts,sources`) or hide (`-lessons`).
        #[arg(long, value_parser = section_names, allow_hyphen_values = true)]
        sections: Option<String>,
        /// Level of the card's title, 2 to 6.
        #[arg(long, value_parser = heading_level, default_value = "2")]
        heading_level: String,
        /// The card's UI language: en, de, es or ar (a tag such as de-AT picks German). The
        /// document's own text keeps its language.
        #[arg(long, value_parser = ui_lang)]
        lang: Option<String>,
    },
}

/// A `--src` value: the document's address, absolute http(s) or relative to the page (what
/// the widget fetches, and the readable fallback's link when the document names no case page).
fn document_address(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if !matches!(u.scheme(), "http" | "https") => Err(format!(
            "{s:?} is a {}: address; give the document's http(s) address, or one relative to the page",
            u.scheme()
        )),
        Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => Ok(s.to_owned()),
        Err(e) => Err(format!("{s:?} is not an address ({e})")),
    }
}

/// A `--url` value: the address cited, absolute http(s) (the link policy of every link).
fn cited_address(s: &str) -> Result<String, String> {
    incident_model::link::check_url(s, true)
        .map(|_| s.to_owned())
        .map_err(|e| format!("{s:?}: {e}; give the case's absolute http(s) address"))
}

/// A `--name` value: text for page titles, feeds and JSON-LD, so no control characters.
fn registry_name(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("the name is empty; give the registry's name as readers should see it".into());
    }
    match s.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "the name holds the control character U+{:04X}; give it as plain text",
            u32::from(c)
        )),
        None => Ok(s.to_owned()),
    }
}

/// A `--heading-level` value: 2 to 6, as `3` or `h3`.
fn heading_level(s: &str) -> Result<String, String> {
    let digits = s.strip_prefix(['h', 'H']).unwrap_or(s);
    match digits.parse::<u8>() {
        Ok(2..=6) => Ok(digits.to_owned()),
        _ => Err(format!(
            "{s:?} is not a heading level; give 2 to 6 (or h2 to h6)"
        )),
    }
}

/// A `--sections` value: names separated by commas or spaces, each one the card knows, or
/// `all`, each may be prefixed with `-` to hide it. (The widget skips a name it does not know, so
/// that a typo never blanks a card; the command says so instead.)
fn section_names(s: &str) -> Result<String, String> {
    for word in s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let name = word.strip_prefix(['-', '+']).unwrap_or(word);
        if !name.eq_ignore_ascii_case("all") && incident_card::Section::parse(name).is_none() {
            let known: Vec<&str> = incident_card::Section::ALL
                .iter()
                .map(|s| s.as_str())
                .collect();
            return Err(format!(
                "the card has no section {name:?}; the sections are {} (a - before a name hides it)",
                known.join(", ")
            ));
        }
    }
    Ok(s.to_owned())
}

/// A `--lang` value: a language tag the card has a catalogue for, as its primary subtag.
fn ui_lang(s: &str) -> Result<String, String> {
    incident_card::Locale::from_tag(s)
        .map(|l| l.tag().to_owned())
        .ok_or_else(|| {
            let known: Vec<&str> = incident_card::Locale::ALL.iter().map(|l| l.tag()).collect();
            format!(
                "the card has no messages in {s:?}; choose one of {}",
                known.join(", ")
            )
        })
}

/// The folder of the cases (`incidents/`) when `dir` is a registry folder.
pub(crate) fn cases_folder(dir: &Path) -> Option<PathBuf> {
    Some(dir.join("incidents")).filter(|cases| cases.is_dir())
}

/// The case files of the registry folder `dir` (its `incidents/`, as `validate DIR` reads them),
/// and what keeps `index` and `site` from publishing them, a line each: what `validate DIR`
/// reports (the same run, so that what is published is what `validate` passes), and a file
/// whose name cannot be an address in an index. `Err` when `dir` is not a registry folder.
pub(crate) fn registry_cases(dir: &Path) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let Some(cases) = cases_folder(dir) else {
        return Err(format!(
            "{}: not a registry folder: it has no incidents/ folder (give the folder that holds incidents/, not the incidents/ folder or a document)",
            dir.display()
        ));
    };
    let (mut files, mut lines) = validate::registry(dir);
    files.retain(|f| f.starts_with(&cases));
    for file in &files {
        if !incident_model::index::is_valid_href(&href(dir, file)) {
            lines.push(format!(
                "{}: a file name in an index may hold only letters, digits, . _ - and /; name the file after its case (ID.json)",
                file.display()
            ));
        }
    }
    Ok((files, lines))
}

/// Every `*.json` file below `path` (or `path` itself), sorted, skipping `index.json`; the
/// extension in any case (`.JSON` too: `validate` then says what to name it). A folder reached
/// again through a symbolic link is read once. What cannot be read is returned, a line per
/// folder, and the rest is read on.
pub(crate) fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Vec<String> {
    let mut unread = Vec::new();
    collect_into(path, out, &mut HashSet::new(), &mut unread);
    unread
}

fn collect_into(
    path: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    unread: &mut Vec<String>,
) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    // A link to a folder above it would otherwise be followed without end.
    if let Ok(real) = std::fs::canonicalize(path) {
        if !seen.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            unread.push(format!(
                "{}: cannot read this folder: {e}; give the user running this command read access to it, or move it out of the way",
                path.display()
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_into(&entry, out, seen, unread);
            continue;
        }
        let is_json = entry
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let is_index = entry
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("index.json"));
        if is_json && !is_index {
            out.push(entry);
        }
    }
}

pub(crate) fn load(path: &Path) -> Result<Incident, Vec<String>> {
    load_pinned(path).map(|(doc, _)| doc)
}

/// A document and the pin of its revision (number, date, hash of its bytes), for a snippet.
pub(crate) fn load_pinned(path: &Path) -> Result<(Incident, html::Pin), Vec<String>> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| vec![format!("{name}: cannot read: {e}")])?;
    let doc = parse_incident(&bytes).map_err(|e: DocumentError| {
        e.lines()
            .into_iter()
            .map(|line| format!("{name}: {line}"))
            .collect::<Vec<_>>()
    })?;
    let pin = html::Pin::of(&doc, &bytes);
    Ok((doc, pin))
}

fn index(dir: &Path, to_stdout: bool, sharded: Option<u32>) -> ExitCode {
    use rayon::prelude::*;
    let (files, problems) = match registry_cases(dir) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("incident-cards: {message}");
            return ExitCode::FAILURE;
        }
    };
    if !problems.is_empty() {
        // On stderr: with --stdout, stdout is the index.
        for line in problems {
            eprintln!("{line}");
        }
        eprintln!("index not written: fix the files above first (`incident-cards validate {}` lists the same problems)", dir.display());
        return ExitCode::FAILURE;
    }
    // Each document is read on any core and kept only as its index entry (a registry of 100 000
    // cases is about 370 MB of documents, and a tenth of that as entries).
    let bar = sample::progress(files.len(), "indexing");
    let read: Vec<Result<IndexEntry, Vec<String>>> = files
        .par_iter()
        .map(|file| {
            let entry = load(file).map(|doc| IndexEntry::of(&doc, href(dir, file)));
            bar.inc(1);
            entry
        })
        .collect();
    bar.finish_and_clear();
    let mut entries = Vec::with_capacity(read.len());
    let mut failed = false;
    for r in read {
        match r {
            Ok(entry) => entries.push(entry),
            // A file changed since it was checked.
            Err(lines) => {
                failed = true;
                for line in lines {
                    eprintln!("{line}");
                }
            }
        }
    }
    if failed {
        eprintln!("index not written: fix the documents above first");
        return ExitCode::FAILURE;
    }
    let index = index_of(entries);
    if let Some(page_size) = sharded {
        return shard_index::write(dir, &index.incidents, page_size);
    }
    let json = match serde_json::to_string_pretty(&index) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("cannot serialise the index: {e}");
            return ExitCode::FAILURE;
        }
    };
    let entries = index.incidents.len();
    if entries > limits::INDEX_ENTRIES || json.len() > limits::INDEX_BYTES {
        eprintln!(
            "index not written: {entries} cases make an index of {} bytes, over what a list reads from one file ({} cases, {} bytes); write the sharded index instead: incident-cards index {} --sharded",
            json.len(),
            limits::INDEX_ENTRIES,
            limits::INDEX_BYTES,
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    if to_stdout {
        return emit(json.trim_end());
    }
    let out = dir.join("index.json");
    match write_whole(&out, json.as_bytes()) {
        Ok(()) => {
            eprintln!("{}: {} incident(s)", out.display(), index.incidents.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: cannot write: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// `file`'s path below the registry folder `dir`, with `/` between its parts: an index
/// entry's `href`.
pub(crate) fn href(dir: &Path, file: &Path) -> String {
    file.strip_prefix(dir)
        .unwrap_or(file)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Loads a document, printing its problems to stderr when it is not valid.
pub(crate) fn load_reported(file: &Path) -> Option<Incident> {
    load_pinned_reported(file).map(|(doc, _)| doc)
}

fn load_pinned_reported(file: &Path) -> Option<(Incident, html::Pin)> {
    load_pinned(file)
        .map_err(|lines| {
            for line in lines {
                eprintln!("{line}");
            }
        })
        .ok()
}

/// The card's HTML from the widget's own components (server-side rendering).
pub(crate) fn card_html(doc: Incident, options: CardOptions) -> Option<String> {
    match tokio::runtime::Builder::new_current_thread().build() {
        Ok(rt) => Some(rt.block_on(incident_card::ssr::render_card(Rc::new(doc), options))),
        Err(e) => {
            eprintln!("cannot start the renderer: {e}");
            None
        }
    }
}

fn render(file: &Path, options: CardOptions) -> ExitCode {
    match load_reported(file).and_then(|doc| card_html(doc, options)) {
        Some(html) => emit(&html),
        None => ExitCode::FAILURE,
    }
}

/// Writes `bytes` to `path` whole or not at all: into a file beside it, then renamed over it, so
/// that a build stopped half-way (or a full disk) never leaves a truncated file that a later
/// build would take for a finished one, or that a reader would fetch.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.partial", std::process::id()));
    let partial = path.with_file_name(name);
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}

/// One line of a report on stdout; a closed pipe is not an error worth a panic.
pub(crate) fn out_line(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Writes `text` and a newline to stdout. A closed pipe (`| head`) ends quietly, as in other
/// Unix tools, instead of panicking.
pub(crate) fn emit(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

struct SnippetArgs {
    base: String,
    src: Option<String>,
    mode: String,
    variant: String,
    theme: String,
    preload: bool,
    name: String,
    lang: Option<String>,
}

fn snippet(file: &Path, args: SnippetArgs) -> ExitCode {
    let Some((doc, pin)) = load_pinned_reported(file) else {
        return ExitCode::FAILURE;
    };
    let mut base = args.base.clone();
    if !base.ends_with('/') {
        base.push('/');
    }
    let src = args
        .src
        .clone()
        .unwrap_or_else(|| format!("{base}data/incidents/{}.json", doc.id));
    // The case page the document names, as the card would link it; else the document itself.
    let case_link = doc
        .links
        .html
        .as_deref()
        .and_then(|h| html::policy_url(h, doc.allow_http))
        .unwrap_or_else(|| src.clone());
    let fallback = fallback(&doc, &case_link, args.lang.as_deref());
    let script = format!("<script async src=\"{}embed.js\"></script>", esc(&base));
    if args.preload && args.mode != "blockquote" {
        eprintln!("incident-cards: --preload goes with --mode blockquote (a pre-rendered card needs no hint)");
        return ExitCode::from(2);
    }
    if args.mode == "blockquote" {
        // The hints must be requested as the loader requests them, or the browser fetches twice:
        // `crossorigin` (the loader's credentials mode for a preloaded document is `same-origin`)
        // and no Referer for the document, like every document request of the widget.
        let hints = if args.preload {
            format!(
                "<link rel=\"preload\" href=\"{}cards.wasm\" as=\"fetch\" crossorigin>\n<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin referrerpolicy=\"no-referrer\">\n",
                esc(&base),
                esc(&src)
            )
        } else {
            String::new()
        };
        return emit(&format!(
            "{hints}<blockquote class=\"incident-card\" data-src=\"{}\" data-variant=\"{}\" data-theme=\"{}\"{}{} cite=\"{}\">\n  {fallback}\n</blockquote>\n{script}",
            esc(&src),
            esc(&args.variant),
            esc(&args.theme),
            args.lang
                .as_deref()
                .map(|l| format!(" data-lang=\"{}\"", esc(l)))
                .unwrap_or_default(),
            pin.attrs("data-"),
            esc(&case_link)
        ));
    }
    let mut options = CardOptions::from_attrs(Some(&args.variant), Some(&args.theme), None, None);
    options.lang = args.lang.clone();
    let Some(card) = card_html(doc.clone(), options) else {
        return ExitCode::FAILURE;
    };
    eprintln!(
        "incident-cards: the snippet holds the card's styles; under a Content-Security-Policy, add \
         '{}' to style-src",
        style_hash(incident_card::STYLESHEET)
    );
    let element = prerendered(
        &card,
        &doc,
        &pin,
        &src,
        &args.variant,
        &args.theme,
        &case_link,
        args.lang.as_deref(),
    );
    // The case as structured data, outside the shadow root, where crawlers read it.
    let ld = site::script_json(&site::case_json_ld(
        &doc, &case_link, &src, &args.name, &base,
    ));
    emit(&format!(
        "{element}\n<script type=\"application/ld+json\">{ld}</script>\n{script}"
    ))
}

fn diff(old_file: &Path, new_file: &Path) -> ExitCode {
    let (Some(old), Some(new)) = (load_reported(old_file), load_reported(new_file)) else {
        return ExitCode::from(2);
    };
    if old.id != new.id {
        eprintln!(
            "incident-cards: {} is case {} and {} is case {}; diff compares two revisions of one case",
            old_file.display(),
            old.id,
            new_file.display(),
            new.id
        );
        return ExitCode::from(2);
    }
    let changes = incident_model::changes::changes(&old, &new);
    out_line(&format!(
        "{}: revision {} → {}, {} change(s)",
        new.id,
        old.revision,
        new.revision,
        changes.len()
    ));
    if new.revision <= old.revision && !changes.is_empty() {
        eprintln!(
            "incident-cards: the documents differ but the revision did not go up ({} → {}); a published change adds one",
            old.revision, new.revision
        );
    }
    for change in &changes {
        out_line(&format!("  {}", change.describe()));
    }
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub(crate) fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn cite(
    file: &Path,
    format: &str,
    url: Option<String>,
    accessed: Option<String>,
    publisher: Option<&str>,
) -> ExitCode {
    let accessed = accessed.unwrap_or_else(today);
    if incident_model::PartialDate::parse_day(&accessed).is_err() {
        eprintln!("incident-cards: --accessed {accessed:?} is not a date; give it as YYYY-MM-DD");
        return ExitCode::from(2);
    }
    let Some(doc) = load_reported(file) else {
        return ExitCode::FAILURE;
    };
    let url = url
        .or_else(|| doc.links.html.clone())
        .or_else(|| doc.links.json.clone())
        .and_then(|u| html::policy_url(&u, true));
    let Some(url) = url else {
        eprintln!(
            "incident-cards: {} names no address of its own (links.html or links.json); give the address to cite with --url",
            file.display()
        );
        return ExitCode::from(2);
    };
    let cx = incident_model::cite::CiteContext {
        url: &url,
        accessed: &accessed,
        publisher,
    };
    let text = match format {
        "ris" => incident_model::cite::ris(&doc, &cx),
        "csl-json" => incident_model::cite::csl_json(&doc, &cx),
        _ => incident_model::cite::bibtex(&doc, &cx),
    };
    // Exactly as written (RIS lines end in CRLF); `emit` adds the last newline.
    emit(text.strip_suffix('\n').unwrap_or(&text))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { paths } => validate::validate(&paths),
        Command::Sample { count, dir, force } => sample::sample(count, &dir, force),
        Command::Index {
            dir,
            stdout,
            sharded,
            page_size,
        } => index(&dir, stdout, sharded.then_some(page_size)),
        Command::Snippet {
            file,
            base,
            src,
            mode,
            variant,
            theme,
            preload,
            name,
            lang,
        } => snippet(
            &file,
            SnippetArgs {
                base,
                src,
                mode,
                variant,
                theme,
                preload,
                name,
                lang,
            },
        ),
        Command::Site {
            dir,
            out,
            base,
            widget,
            data,
            name,
        } => {
            let folder = |flag: &str, value: &str| {
                let url = site::folder_url(value);
                if url.is_none() {
                    eprintln!(
                        "incident-cards: --{flag} {value:?} is not the absolute http(s) address of \
                         a folder (no query, fragment, user name or password); give the address \
                         the files are served from, e.g. https://cards.example/"
                    );
                }
                url
            };
            let Some(base) = folder("base", &base) else {
                return ExitCode::from(2);
            };
            let Some(widget) = folder("widget", widget.as_deref().unwrap_or(&base)) else {
                return ExitCode::from(2);
            };
            let Some(data) = folder("data", &data.unwrap_or_else(|| format!("{widget}data/")))
            else {
                return ExitCode::from(2);
            };
            site::site(
                &dir,
                &out,
                &site::SiteArgs {
                    base,
                    widget,
                    data,
                    name,
                },
            )
        }
        Command::Cite {
            file,
            format,
            url,
            accessed,
            publisher,
        } => cite(&file, &format, url, accessed, publisher.as_deref()),
        Command::Diff { old, new } => diff(&old, &new),
        Command::Revise {
            old,
            new,
            date,
            kept_at,
            output,
        } => revise::revise(
            &old,
            &new,
            revise::ReviseArgs {
                date,
                kept_at,
                output,
            },
        ),
        Command::Render {
            file,
            variant,
            theme,
            sections,
            heading_level,
            lang,
        } => {
            let mut options = CardOptions::from_attrs(
                Some(&variant),
                Some(&theme),
                sections.as_deref(),
                Some(&heading_level),
            );
            options.lang = lang;
            render(&file, options)
        }
        Command::Completions { shell } => {
            // Into memory first: `emit` ends quietly on a closed pipe (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "incident-cards", &mut script);
            emit(String::from_utf8_lossy(&script).trim_end())
        }
        Command::Man { dir: Some(dir) } => {
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir));
            match written {
                Ok(()) => {
                    eprintln!(
                        "{}: the manual pages of incident-cards and each of its subcommands; read them with `man incident-cards` once the folder is in MANPATH",
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: cannot write the manual pages: {e}", dir.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Man { dir: None } => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => emit(&String::from_utf8_lossy(&page)),
                Err(e) => {
                    eprintln!("cannot write the manual page: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { index } => {
            let schema = if index {
                incident_model::index_schema()
            } else {
                incident_model::incident_schema()
            };
            match serde_json::to_string_pretty(&schema) {
                Ok(s) => emit(&s),
                Err(e) => {
                    eprintln!("cannot serialise the schema: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
