//! `incident-cards`: the publisher's and the integrator's command.
//!
//! - `validate PATH...` checks documents (files or folders) and prints one line per problem,
//!   `FILE: path: message`; exit 0 when all are valid, 1 otherwise.
//! - `index DIR` writes `DIR/index.json` from the case files below `DIR/incidents/`.
//! - `schema [--index]` prints the JSON Schema generated from the Rust types.
//! - `render FILE [--variant full|compact] [--theme light|dark|auto]` prints the card's HTML,
//!   rendered by the same Yew components the widget uses (server-side rendering).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use clap::{Parser, Subcommand};
use incident_card::CardOptions;
use incident_model::{build_index, parse_incident, DocumentError, Incident};

#[derive(Parser)]
#[command(
    name = "incident-cards",
    version,
    about = "Validate, index and render incident documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check incident documents (files, or folders searched for *.json); exit 1 on any problem.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Build DIR/index.json from the case files in DIR/incidents/.
    Index {
        dir: PathBuf,
        /// Print the index instead of writing it.
        #[arg(long)]
        stdout: bool,
    },
    /// Print the JSON Schema of incident documents (or of the index, with --index).
    Schema {
        #[arg(long)]
        index: bool,
    },
    /// Print the card's HTML, rendered by the widget's own components.
    Render {
        file: PathBuf,
        #[arg(long, value_parser = ["full", "compact"], default_value = "full")]
        variant: String,
        #[arg(long, value_parser = ["light", "dark", "auto"], default_value = "auto")]
        theme: String,
        /// Sections to show (`facts,sources`) or hide (`-lessons`).
        #[arg(long)]
        sections: Option<String>,
        /// Level of the card's title, 2 to 6.
        #[arg(long, default_value = "2")]
        heading_level: String,
    },
}

/// Every `*.json` file below `path` (or `path` itself), sorted, skipping `index.json`.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            let is_json = entry.extension().is_some_and(|e| e == "json");
            let is_index = entry.file_name().is_some_and(|n| n == "index.json");
            if entry.is_dir() {
                collect(&entry, out)?;
            } else if is_json && !is_index {
                out.push(entry);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn load(path: &Path) -> Result<Incident, Vec<String>> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| vec![format!("{name}: cannot read: {e}")])?;
    parse_incident(&bytes).map_err(|e: DocumentError| {
        e.lines()
            .into_iter()
            .map(|line| format!("{name}: {line}"))
            .collect()
    })
}

fn validate(paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        if let Err(e) = collect(p, &mut files) {
            eprintln!("{}: cannot read: {e}", p.display());
            return ExitCode::FAILURE;
        }
    }
    let mut bad = 0;
    let mut ids: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for file in &files {
        match load(file) {
            Ok(doc) => {
                if let Some(first) = ids.insert(doc.id.clone(), file.clone()) {
                    println!(
                        "{}: id: \"{}\" is also the id of {}",
                        file.display(),
                        doc.id,
                        first.display()
                    );
                    bad += 1;
                }
            }
            Err(lines) => {
                bad += 1;
                for line in lines {
                    println!("{line}");
                }
            }
        }
    }
    eprintln!("{} document(s) checked, {} with problems", files.len(), bad);
    if bad == 0 && !files.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn index(dir: &Path, to_stdout: bool) -> ExitCode {
    let mut files = Vec::new();
    let cases = dir.join("incidents");
    if let Err(e) = collect(&cases, &mut files) {
        eprintln!("{}: cannot read: {e}", cases.display());
        return ExitCode::FAILURE;
    }
    let mut docs = Vec::new();
    let mut failed = false;
    for file in &files {
        match load(file) {
            Ok(doc) => {
                let rel = file.strip_prefix(dir).unwrap_or(file);
                let href = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                docs.push((href, doc));
            }
            Err(lines) => {
                failed = true;
                for line in lines {
                    println!("{line}");
                }
            }
        }
    }
    if failed {
        eprintln!("index not written: fix the documents above first");
        return ExitCode::FAILURE;
    }
    let json = match serde_json::to_string_pretty(&build_index(&docs)) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("cannot serialise the index: {e}");
            return ExitCode::FAILURE;
        }
    };
    if to_stdout {
        print!("{json}");
        return ExitCode::SUCCESS;
    }
    let out = dir.join("index.json");
    match std::fs::write(&out, json) {
        Ok(()) => {
            eprintln!("{}: {} incident(s)", out.display(), docs.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: cannot write: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn render(file: &Path, options: CardOptions) -> ExitCode {
    let doc = match load(file) {
        Ok(doc) => doc,
        Err(lines) => {
            for line in lines {
                eprintln!("{line}");
            }
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the renderer: {e}");
            return ExitCode::FAILURE;
        }
    };
    let html = runtime.block_on(incident_card::ssr::render_card(Rc::new(doc), options));
    println!("{html}");
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { paths } => validate(&paths),
        Command::Index { dir, stdout } => index(&dir, stdout),
        Command::Render {
            file,
            variant,
            theme,
            sections,
            heading_level,
        } => {
            let options = CardOptions::from_attrs(
                Some(&variant),
                Some(&theme),
                sections.as_deref(),
                Some(&heading_level),
            );
            render(&file, options)
        }
        Command::Schema { index } => {
            let schema = if index {
                incident_model::index_schema()
            } else {
                incident_model::incident_schema()
            };
            match serde_json::to_string_pretty(&schema) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("cannot serialise the schema: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
