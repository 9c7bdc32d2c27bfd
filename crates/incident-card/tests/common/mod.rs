//! Shared by the native tests: sample documents, built documents, and a small HTML tag scanner.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use incident_model::*;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `data/incidents/*.json`, parsed (a file that does not parse fails the test).
pub fn samples() -> Vec<(String, Incident)> {
    let dir = root().join("data/incidents");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let doc = parse_incident(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, doc)
        })
        .collect()
}

/// Text as Yew writes it inside an element.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text as Yew writes it inside a double-quoted attribute.
pub fn esc_attr(s: &str) -> String {
    esc(s).replace('"', "&quot;")
}

/// A complete document with every section filled, built from the types (not from a file).
pub fn full_doc() -> Incident {
    let src = |id: &str, kind: SourceKind, url: Option<&str>| Source {
        id: id.into(),
        kind,
        title: format!("Source {id}"),
        publisher: Some(format!("Publisher {id}")),
        url: url.map(Into::into),
        date: Some("2025-12".into()),
    };
    let claim = |text: &str, status: ClaimStatus, sources: &[&str]| Claim {
        text: text.into(),
        status,
        sources: sources.iter().map(|s| s.to_string()).collect(),
    };
    Incident {
        schema_version: "1.0.0".into(),
        id: "TST-0001".into(),
        aliases: vec!["APM-0005".into(), "FI-0026".into()],
        status: Status::Published,
        withdrawn: None,
        status_reason: None,
        ai_involvement: AiInvolvement::Confirmed,
        title: "Agent deletes production".into(),
        summary: "An agent deleted a production environment.".into(),
        lang: "en".into(),
        dates: Dates {
            occurred: Some("2025-12".into()),
            disclosed: None,
            filed: Some("2026-01-02".into()),
            modified: Some("2026-01-05".into()),
        },
        severity: Severity {
            scheme: Some("APM registry".into()),
            value: "3 / 5 · MODERATE".into(),
            level: Level::Moderate,
            score: Some(3),
            scale_max: Some(5),
        },
        organisations: vec![
            Organisation {
                name: "Amazon".into(),
                role: Role::Deployer,
                alleged: true,
            },
            Organisation {
                name: "Kiro Labs".into(),
                role: Role::Developer,
                alleged: false,
            },
        ],
        systems: vec![],
        failure_mode: Some("Identity & Access Drift".into()),
        ai_surface: Some("Agentic Workflow".into()),
        tags: vec!["coding-agent".into(), "outage".into()],
        claims: vec![
            claim("Verified one.", ClaimStatus::Verified, &["s1", "s2"]),
            claim("Verified two.", ClaimStatus::Verified, &["s3"]),
            claim("Unconfirmed one.", ClaimStatus::NotPubliclyConfirmed, &[]),
            claim("Disputed one.", ClaimStatus::Disputed, &["s2"]),
            claim("Retracted one.", ClaimStatus::Retracted, &["s1"]),
        ],
        cause_chain: vec![
            ChainStep {
                stage: Stage::Trigger,
                text: "Step trigger.".into(),
            },
            ChainStep {
                stage: Stage::ModelStep,
                text: "Step model.".into(),
            },
            ChainStep {
                stage: Stage::ControlGap,
                text: "Step gap.".into(),
            },
            ChainStep {
                stage: Stage::Failure,
                text: "Step failure.".into(),
            },
            ChainStep {
                stage: Stage::Consequence,
                text: "Step consequence.".into(),
            },
        ],
        impact: Some(Impact {
            summary: "Down for a while.".into(),
            duration: Some("PT13H".into()),
            cost: Some("Not disclosed".into()),
        }),
        lessons: vec!["Lesson one.".into(), "Lesson two.".into()],
        sources: vec![
            src("s1", SourceKind::Press, Some("https://www.theverge.com/a")),
            src("s2", SourceKind::Primary, Some("https://aws.amazon.com/b")),
            src("s3", SourceKind::Press, None),
        ],
        related: vec![Related {
            id: "TST-0002".into(),
            relation: Relation::SameFailureMode,
            reason: "Also an agent.".into(),
            summary: Some(RelatedSummary {
                title: "Another agent deletes a database".into(),
                organisation: Some("Replit".into()),
                severity: Some(Level::High),
                date: Some("2025-07".into()),
            }),
        }],
        citation: Some(Citation {
            text: "Registry. \"Agent deletes production\" (TST-0001).".into(),
            permalink: Some("https://cases.example/TST-0001".into()),
        }),
        licence: Licence {
            spdx: "CC-BY-4.0".into(),
            attribution: "Registry contributors".into(),
            url: Some("https://creativecommons.org/licenses/by/4.0/".into()),
        },
        revision: 2,
        links: Links {
            html: Some("https://cases.example/TST-0001.html".into()),
            json: None,
        },
        allow_http: false,
        translations: Vec::new(),
        history: Vec::new(),
    }
}

/// One start tag: its name and attributes (values unescaped only for `&quot;` and `&amp;`).
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<`.
    pub at: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag in `html`. Yew escapes `<` in text and attribute values, so every `<` in its
/// output starts a real tag: this scanner reads exactly what a browser would see as markup.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let mut j = at + 1;
        if b.get(j) == Some(&b'/') || b.get(j) == Some(&b'!') {
            i = html[j..].find('>').map_or(b.len(), |e| j + e + 1);
            continue;
        }
        let start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let s = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'=' && b[j] != b'>' {
                j += 1;
            }
            let an = html[s..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                if b.get(j) == Some(&b'"') {
                    let e = html[j + 1..].find('"').expect("closing quote") + j + 1;
                    value = html[j + 1..e].replace("&quot;", "\"").replace("&amp;", "&");
                    j = e + 1;
                } else {
                    let s = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[s..j].to_owned();
                }
            }
            attrs.push((an, value));
        }
        out.push(Tag { name, attrs, at });
        i = (j + 1).min(b.len());
    }
    out
}

/// The HTML of the first element whose start tag contains `marker` (e.g. `class="ic-chain"`),
/// up to its matching end tag.
pub fn element<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let m = html.find(marker)?;
    let start = html[..=m].rfind('<')?;
    let name_end = html[start + 1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>')
        .map(|e| start + 1 + e)?;
    let name = &html[start + 1..name_end];
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let next_open = html[i..].find(&open).map(|x| x + i);
        let next_close = html[i..].find(&close).map(|x| x + i)?;
        match next_open {
            Some(o) if o < next_close => {
                // Only a real start tag of the same name (`<li` must not match `<link`).
                let after = html.as_bytes().get(o + open.len()).copied();
                if matches!(after, Some(b' ' | b'>')) {
                    depth += 1;
                }
                i = o + open.len();
            }
            _ => {
                depth -= 1;
                i = next_close + close.len();
                if depth == 0 {
                    return Some(&html[start..i]);
                }
            }
        }
    }
}

/// The text of `html` with tags removed (entities left as written).
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Count of start tags named `name` in `html`.
pub fn count_tags(html: &str, name: &str) -> usize {
    tags(html).iter().filter(|t| t.name == name).count()
}

/// The link policy on every `<a>`: an absolute https href (or an in-card `#` anchor), and for
/// external links exactly `target="_blank"` and the one `rel`.
pub fn assert_link_policy(html: &str, allow_http: bool) {
    for t in tags(html).into_iter().filter(|t| t.name == "a") {
        let href = t
            .attr("href")
            .unwrap_or_else(|| panic!("<a> without href: {t:?}"));
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(
                anchor
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "odd anchor {href}"
            );
            assert_eq!(t.attr("target"), None, "in-card anchors stay in the card");
            continue;
        }
        let ok = href.starts_with("https://") || (allow_http && href.starts_with("http://"));
        assert!(ok, "href not allowed by the policy: {href}");
        assert!(check_url(href, allow_http).is_ok(), "{href}");
        assert_eq!(t.attr("target"), Some("_blank"), "{href}");
        assert_eq!(
            t.attr("rel"),
            Some("noopener noreferrer nofollow ugc"),
            "{href}"
        );
    }
}

/// Nothing a browser would run or load: no script/img/iframe/object/embed/style/link/meta tags, no
/// `on…` or `style`/`srcdoc`/`formaction` attributes, no script-bearing address anywhere in an
/// attribute.
pub fn assert_inert(html: &str) {
    for t in tags(html) {
        assert!(
            !matches!(
                t.name.as_str(),
                "script"
                    | "img"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "style"
                    | "link"
                    | "meta"
                    | "base"
                    | "svg"
                    | "math"
                    | "form"
                    | "input"
            ),
            "unexpected <{}> tag",
            t.name
        );
        for (name, value) in &t.attrs {
            assert!(
                !name.starts_with("on"),
                "event handler attribute {name} on <{}>",
                t.name
            );
            assert!(
                !matches!(name.as_str(), "style" | "srcdoc" | "formaction" | "src"),
                "{name} attribute on <{}>",
                t.name
            );
            let v = value.to_ascii_lowercase();
            assert!(
                !v.contains("javascript:") && !v.contains("data:") && !v.contains("vbscript:"),
                "script address in {name}=\"{value}\""
            );
        }
    }
    assert!(!html.contains("style="), "a style attribute");
}

/// Hostile values for documents built in tests (bypassing validation).
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMG: &str = "<img src=x onerror=alert(1)>";
pub const BIDI: &str = "\u{202e}evil\u{202c}\u{2066}x\u{2069}\u{200f}";
pub const ADDRESSES: [&str; 6] = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://user:pass@example.org/",
    "//evil.example/x",
];

pub fn bad(n: usize) -> String {
    format!("{SCRIPT}{IMG}\"'>{BIDI}{n}")
}

pub fn hostile(address: &str) -> Incident {
    let mut doc = full_doc();
    let mut n = 0;
    let mut t = || {
        n += 1;
        bad(n)
    };
    doc.id = t();
    doc.aliases = vec![t(), t()];
    doc.status_reason = Some(t());
    doc.title = t();
    doc.summary = t();
    doc.lang = "en\" onload=\"alert(1)".into();
    doc.dates.occurred = Some(t());
    doc.dates.modified = Some(t());
    doc.severity.scheme = Some(t());
    doc.severity.value = t();
    for o in &mut doc.organisations {
        o.name = t();
    }
    doc.failure_mode = Some(t());
    doc.ai_surface = Some(t());
    doc.tags = vec![t(), t()];
    for c in &mut doc.claims {
        c.text = t();
        c.sources.push(t());
    }
    for s in &mut doc.cause_chain {
        s.text = t();
    }
    doc.impact = Some(Impact {
        summary: t(),
        duration: Some(t()),
        cost: Some(t()),
    });
    doc.lessons = vec![t(), t()];
    for s in &mut doc.sources {
        s.id = t();
        s.title = t();
        s.publisher = Some(t());
        s.url = Some(address.into());
        s.date = Some(t());
    }
    // Claims cite the (hostile) source ids, so in-card anchors are built from them.
    let ids: Vec<String> = doc.sources.iter().map(|s| s.id.clone()).collect();
    for c in &mut doc.claims {
        c.sources.extend(ids.iter().cloned());
    }
    for r in &mut doc.related {
        r.id = t();
        r.reason = t();
        r.summary = Some(RelatedSummary {
            title: t(),
            organisation: Some(t()),
            severity: Some(Level::Critical),
            date: Some(t()),
        });
    }
    doc.citation = Some(Citation {
        text: t(),
        permalink: Some(address.into()),
    });
    doc.licence = Licence {
        spdx: t(),
        attribution: t(),
        url: Some(address.into()),
    };
    doc.links = Links {
        html: Some(address.into()),
        json: Some(address.into()),
    };
    // A history whose lines and address are hostile too (shown to a card pinned to revision 1).
    doc.revision = 2;
    doc.history = vec![
        Revision {
            revision: 1,
            date: t(),
            url: Some(address.into()),
            changes: vec![],
        },
        Revision {
            revision: 2,
            date: t(),
            url: Some(address.into()),
            changes: vec![t(), t()],
        },
    ];
    doc
}
