//! `index DIR --sharded`: writes the sharded index (`incident_model::shards`) into the registry
//! folder: the manifest at `DIR/index.json`, the pages under `DIR/shards/`.
//!
//! Each shard is read twice, a page at a time, so no shard is ever held whole: once to hash its
//! pages (the hash names its folder), and once to write them, only when that folder does not
//! hold them already. So a rebuild after one changed case writes only the shards that hold it,
//! every other file keeps its name and bytes. Once the new manifest is written, shard folders
//! named by neither it nor the manifest it replaced are removed: the previous build's stay, so a
//! page that read the previous manifest (open since, or from a cache) still finds the pages it
//! asks for. Shards are written on every core.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use incident_model::shards::{self, Order, Plan, Shard};
use incident_model::{limits, IndexEntry};

use crate::write_whole;
use rayon::prelude::*;

const ORDERS: [Order; 2] = [Order::Date, Order::Severity];

/// The folder of the related-case files, relative to the manifest.
const RELATED: &str = "shards/related";

/// A shard's manifest entry, and how many of its page files were written and kept.
type Written = (Shard, usize, usize);

/// The first 8 hex digits of the SHA-256 of the shard's pages, in order; or, when a page is
/// larger than a list reads, what to tell the user.
fn shard_hash(entries: &[IndexEntry], plan: &Plan, page_size: u32) -> Result<String, String> {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for order in ORDERS {
        for text in shards::pages(entries, &plan.members, order, page_size) {
            if text.len() > limits::INDEX_BYTES {
                return Err(format!(
                    "index not written: a page of {} cases would be {} bytes, over the {} a list reads; give a smaller --page-size",
                    page_size,
                    text.len(),
                    limits::INDEX_BYTES
                ));
            }
            h.update(text.as_bytes());
            h.update([0u8]);
        }
    }
    Ok(h.finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// What a list would refuse of the related-case file of case `id`, which lists `members` cases in
/// `bytes` bytes: it reads the file as an index.
fn related_problem(id: &str, members: usize, bytes: usize) -> Option<String> {
    (members > limits::INDEX_ENTRIES || bytes > limits::INDEX_BYTES).then(|| {
        format!(
            "{id}: {members} cases name it as related, a file of {bytes} bytes; a list reads at most {} cases and {} bytes of them: name it in fewer cases' related lists",
            limits::INDEX_ENTRIES,
            limits::INDEX_BYTES
        )
    })
}

/// Writes one shard unless its folder holds it already; its manifest entry, and how many page
/// files were written and kept.
fn write_shard(
    dir: &Path,
    entries: &[IndexEntry],
    plan: &Plan,
    page_size: u32,
) -> Result<Written, String> {
    let shard = Shard {
        value: plan.value.clone(),
        count: u32::try_from(plan.members.len()).unwrap_or(u32::MAX),
        path: shards::folder(plan, &shard_hash(entries, plan, page_size)?),
    };
    let pages = usize::try_from(shard.pages(page_size)).unwrap_or(0) * ORDERS.len();
    let present = ORDERS.iter().all(|&order| {
        (1..=shard.pages(page_size))
            .all(|n| dir.join(shards::page_path(&shard, order, n)).is_file())
    });
    if present {
        return Ok((shard, 0, pages));
    }
    let folder = dir.join(&shard.path);
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("{}: cannot create: {e}", folder.display()))?;
    for order in ORDERS {
        for (i, text) in shards::pages(entries, &plan.members, order, page_size).enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let path = dir.join(shards::page_path(&shard, order, n));
            write_whole(&path, text.as_bytes())
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
    }
    Ok((shard, pages, 0))
}

/// The shard folders the manifest now at `DIR/index.json` names; none when there is none, or it
/// is a single-file index.
fn previous_shards(dir: &Path) -> HashSet<String> {
    let Ok(bytes) = std::fs::read(dir.join("index.json")) else {
        return HashSet::new();
    };
    let Ok(m) = serde_json::from_slice::<shards::Manifest>(&bytes) else {
        return HashSet::new();
    };
    let f = &m.facets;
    std::iter::once(&m.all)
        .chain(&f.failure_mode)
        .chain(&f.tag)
        .chain(&f.organisation)
        .chain(&f.severity)
        .chain(&f.year)
        .map(|s| s.path.clone())
        .collect()
}

pub fn write(dir: &Path, entries: &[IndexEntry], page_size: u32) -> ExitCode {
    let page_size = page_size.max(1);
    let previous = previous_shards(dir);
    let plans = shards::plan(entries);
    // What a list would refuse, before anything is written: a manifest of more facet values
    // than it reads (`all` is no facet value), a related-case file larger than it reads.
    let values = plans.len().saturating_sub(1);
    if values > shards::MAX_SHARDS {
        eprintln!(
            "index not written: the cases have {values} different facet values (failure modes, tags, organisations, severities and years together), over the {} a manifest may list; merge tags or organisations spelled in several ways",
            shards::MAX_SHARDS
        );
        return ExitCode::FAILURE;
    }
    let related = shards::related(entries);
    let mut too_large: Vec<String> = related
        .par_iter()
        .filter_map(|(id, members)| {
            let bytes = shards::related_page(entries, members).len();
            related_problem(id, members.len(), bytes)
        })
        .collect();
    if !too_large.is_empty() {
        too_large.sort();
        for line in too_large {
            eprintln!("{line}");
        }
        eprintln!("index not written: fix the cases above first");
        return ExitCode::FAILURE;
    }
    let bar = crate::sample::progress(plans.len(), "writing shards");
    let written: Result<Vec<(&'static str, Written)>, String> = plans
        .par_iter()
        .map(|plan| {
            let r = write_shard(dir, entries, plan, page_size).map(|w| (plan.facet, w));
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let (mut new, mut kept) = (0usize, 0usize);
    let mut named = HashSet::new();
    let mut list = Vec::with_capacity(written.len());
    for (facet, (shard, w, k)) in written {
        new += w;
        kept += k;
        named.insert(shard.path.clone());
        list.push((facet, shard));
    }
    // The related-case files: one per case id a list may ask about (shards::related), at a path
    // the list derives from the id, so each is written only when its bytes change.
    let related_dir = dir.join(RELATED);
    if let Err(e) = std::fs::create_dir_all(&related_dir) {
        eprintln!("{}: cannot create: {e}", related_dir.display());
        return ExitCode::FAILURE;
    }
    let mut related_files = HashSet::new();
    let wrote: Result<Vec<bool>, String> = related
        .par_iter()
        .map(|(id, members)| {
            let path = related_dir.join(format!("{id}.json"));
            let text = shards::related_page(entries, members);
            if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
                return Ok(false);
            }
            write_whole(&path, text.as_bytes())
                .map(|()| true)
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))
        })
        .collect();
    match wrote {
        Ok(w) => {
            let n = w.iter().filter(|w| **w).count();
            new += n;
            kept += w.len() - n;
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    for (id, _) in &related {
        related_files.insert(format!("{id}.json"));
    }
    let manifest = shards::manifest(page_size, list, Some(RELATED.to_owned()));
    // The widget's own check of a manifest, on the one about to be written.
    let problems = shards::validate_manifest(&manifest);
    if !problems.is_empty() {
        for p in problems {
            eprintln!("index.json: {}: {}", p.path, p.message);
        }
        eprintln!("index not written: the manifest above would be refused by the widget");
        return ExitCode::FAILURE;
    }
    let json = match serde_json::to_string(&manifest) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("cannot serialise the manifest: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = dir.join("index.json");
    if let Err(e) = write_whole(&out, json.as_bytes()) {
        eprintln!("{}: cannot write: {e}", out.display());
        return ExitCode::FAILURE;
    }
    // Shards of builds before the previous one, which no list can reach any more.
    let mut removed = 0usize;
    if let Ok(files) = std::fs::read_dir(&related_dir) {
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if !related_files.contains(&name) && std::fs::remove_file(f.path()).is_ok() {
                removed += 1;
            }
        }
    }
    // A rebuild that changed nothing removes nothing: the manifest it replaced is its own, and
    // the build before that may still be in a reader's cache.
    let facets = (named != previous)
        .then(|| std::fs::read_dir(dir.join("shards")).ok())
        .flatten();
    if let Some(facets) = facets {
        for facet in facets.flatten() {
            if facet.path() == related_dir {
                continue;
            }
            let Ok(folders) = std::fs::read_dir(facet.path()) else {
                continue;
            };
            for folder in folders.flatten() {
                let rel = format!(
                    "shards/{}/{}",
                    facet.file_name().to_string_lossy(),
                    folder.file_name().to_string_lossy()
                );
                if !named.contains(&rel)
                    && !previous.contains(&rel)
                    && std::fs::remove_dir_all(folder.path()).is_ok()
                {
                    removed += 1;
                }
            }
        }
    }
    eprintln!(
        "{}: {} listed case(s) in {} shard(s) and {} related-case file(s), {} file(s): {new} written, {kept} unchanged; {removed} stale shard(s) removed (the previous build's kept)",
        out.display(),
        manifest.all.count,
        named.len(),
        related_files.len(),
        new + kept
    );
    ExitCode::SUCCESS
}
