//! What the CLI's test files share: the binary, its output as text, and temp folders.
#![allow(dead_code, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_incident-cards");

/// The repository's root: commands run there, as in its README.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary with `args`, run from the repository's root.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the binary runs")
}

/// The sample case ICS-0001 as JSON.
pub fn sample() -> serde_json::Value {
    let text =
        std::fs::read_to_string(repo().join("data/incidents/ICS-0001.json")).expect("sample");
    serde_json::from_str(&text).expect("sample is JSON")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

/// A fresh folder under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "incident-cards-cli-test-{}-{tag}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
    pub fn write(&self, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, body).expect("write");
        path
    }
    pub fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 temp path")
    }
    /// A generated case's file (`sample` names them GEN-000001…).
    pub fn case(&self, n: u32) -> PathBuf {
        self.0.join(format!("incidents/GEN-{n:06}.json"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
