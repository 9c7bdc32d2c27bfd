//! One test per bug found in the command-line tool.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_incident-cards"));
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    cmd
}

/// `incident-cards render FILE | head -c 50` panicked with "failed printing to stdout: Broken
/// pipe". A reader that stops early must end the command quietly.
#[test]
fn closed_stdout_is_not_a_panic() {
    for args in [
        &["render", "data/incidents/ICS-0001.json"][..],
        &[
            "snippet",
            "data/incidents/ICS-0001.json",
            "--base",
            "https://cards.example/",
        ][..],
        &["schema"][..],
        &["validate", "data/incidents"][..],
    ] {
        // A pipe whose reading end is already closed: the first write fails with EPIPE.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = bin()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run incident-cards");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn snippet_is_the_prerendered_card_with_fallback_and_script() {
    let out = bin()
        .args([
            "snippet",
            "data/incidents/ICS-0001.json",
            "--base",
            "https://cards.example/",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("utf-8");
    assert!(html
        .starts_with("<incident-card src=\"https://cards.example/data/incidents/ICS-0001.json\""));
    assert!(html.contains("<template shadowrootmode=\"open\"><style>"));
    assert!(html.contains("<article part=\"card\""));
    assert!(html.contains("<script async src=\"https://cards.example/embed.js\"></script>"));
    assert!(!html.contains("style="));
    let quote = bin()
        .args([
            "snippet",
            "data/incidents/ICS-0001.json",
            "--base",
            "https://cards.example/",
            "--mode",
            "blockquote",
        ])
        .output()
        .expect("run");
    let quote = String::from_utf8(quote.stdout).expect("utf-8");
    assert!(quote.starts_with("<blockquote class=\"incident-card\""));
    assert!(quote.contains(
        "<a href=\"https://cards.example/data/incidents/ICS-0001.json\">Case ICS-0001</a>"
    ));
}
