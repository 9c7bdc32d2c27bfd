//! `index DIR --sharded`: writes the sharded index (`incident_model::shards`) into the registry
//! folder: the manifest at `DIR/index.json`, the pages under `DIR/shards/`. A page whose file
//! already holds the same bytes is not written again, and shard folders the new manifest does
//! not name are removed after it is written, so a rebuild after one changed case touches only the
//! shards that hold it.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use incident_model::shards;
use incident_model::IndexEntry;

/// The first 8 hex digits of the SHA-256 of the texts, in order.
fn content_hash(texts: &[&str]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for t in texts {
        h.update(t.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn write(dir: &Path, entries: &[IndexEntry], page_size: u32) -> ExitCode {
    let (manifest, files) = shards::build(entries, page_size, &content_hash);
    let (mut written, mut kept) = (0usize, 0usize);
    for (rel, text) in &files {
        let path = dir.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            kept += 1;
            continue;
        }
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = result {
            eprintln!("{}: cannot write: {e}", path.display());
            return ExitCode::FAILURE;
        }
        written += 1;
    }
    let json = match serde_json::to_string(&manifest) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("cannot serialise the manifest: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = dir.join("index.json");
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("{}: cannot write: {e}", out.display());
        return ExitCode::FAILURE;
    }
    // Shards of earlier builds that no list can reach any more.
    let named: HashSet<String> = std::iter::once(&manifest.all)
        .chain(manifest.facets.failure_mode.iter())
        .chain(manifest.facets.tag.iter())
        .chain(manifest.facets.organisation.iter())
        .chain(manifest.facets.severity.iter())
        .chain(manifest.facets.year.iter())
        .map(|s| s.path.clone())
        .collect();
    let mut removed = 0usize;
    if let Ok(facets) = std::fs::read_dir(dir.join("shards")) {
        for facet in facets.flatten() {
            let Ok(folders) = std::fs::read_dir(facet.path()) else {
                continue;
            };
            for folder in folders.flatten() {
                let rel = format!(
                    "shards/{}/{}",
                    facet.file_name().to_string_lossy(),
                    folder.file_name().to_string_lossy()
                );
                if !named.contains(&rel) && std::fs::remove_dir_all(folder.path()).is_ok() {
                    removed += 1;
                }
            }
        }
    }
    eprintln!(
        "{}: {} listed case(s) in {} shard(s), {} page file(s): {written} written, {kept} unchanged; {removed} stale shard(s) removed",
        out.display(),
        manifest.all.count,
        named.len(),
        files.len()
    );
    ExitCode::SUCCESS
}
