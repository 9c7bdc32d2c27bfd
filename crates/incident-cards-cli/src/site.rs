//! `incident-cards site DIR OUT --base URL`: the registry's public pages, as static files.
//!
//! For each case: a case page (`cases/ID/`) with the card pre-rendered by the widget's
//! components (readable without JavaScript), the link-preview metadata, its JSON-LD outside any
//! shadow root, and the embed snippets to copy; an embed page (`cases/ID/embed/`) holding only the
//! compact card, for iframes, which sends its height to the page that frames it (`frame.js`); and
//! an oEmbed response (`cases/ID/oembed.json`) that case pages announce. Beside them: a page
//! listing every case, an Atom feed and a sitemap.
//!
//! Every address in these files is absolute (link previews, oEmbed consumers and feed readers
//! read them from other hosts), so the site is built for the address it is served from.
//! Nothing is written when a document is invalid.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_card::{CardOptions, Theme, Variant};
use incident_model::cite::public_summary;
use incident_model::{Incident, Revision, Status};
use serde_json::{json, Map, Value};

use crate::html::{esc, fallback, policy_url, prerendered, style_hash, Pin};

/// Width and height (CSS pixels) the iframe of an embed starts at, before the frame sends its
/// own height: about a compact card's.
pub const FRAME_WIDTH: u32 = 600;
pub const FRAME_HEIGHT: u32 = 420;

/// The longest meta description (characters): search results show about 160 before cutting.
const DESCRIPTION_MAX: usize = 160;

pub struct SiteArgs {
    /// Where OUT is served, with a trailing slash.
    pub base: String,
    /// Where `embed.js` is served, with a trailing slash.
    pub widget: String,
    /// Where DIR (the registry folder) is served, with a trailing slash.
    pub data: String,
    /// The registry's name: page titles, the feed, oEmbed's `provider_name`.
    pub name: String,
}

/// The address of a folder, ending in a slash; `None` unless it is absolute http(s), with no
/// query or fragment (the pages' addresses are made by appending to it) and no user name or
/// password (it is written into every page).
pub fn folder_url(s: &str) -> Option<String> {
    let url = url::Url::parse(s).ok()?;
    if !matches!(url.scheme(), "http" | "https")
        || url.cannot_be_a_base()
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    let mut s = url.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Some(s)
}

/// The folder of the registry `dir` that `out` is in or is (`incidents` or `revisions`), where
/// pages written would be read as documents by the next `validate`, `index` or `site`.
fn inside_registry(dir: &Path, out: &Path) -> Option<&'static str> {
    // `out` may not exist yet: its nearest existing folder decides.
    let real = |p: &Path| {
        p.ancestors()
            .find_map(|a| std::fs::canonicalize(a).ok().map(|r| (a, r)))
            .map(|(a, r)| r.join(p.strip_prefix(a).unwrap_or(Path::new(""))))
    };
    let out = real(out)?;
    ["incidents", "revisions"]
        .into_iter()
        .find(|f| real(&dir.join(f)).is_some_and(|folder| out.starts_with(folder)))
}

struct Case {
    doc: Incident,
    /// The revision its snippets pin.
    pin: Pin,
    /// The document's address (what the cards fetch).
    src: String,
    /// The case page's address.
    page: String,
    /// Earlier revisions the registry keeps (`DIR/revisions/ID/N.json`), oldest first.
    kept: Vec<(Incident, Pin)>,
}

pub fn site(dir: &Path, out: &Path, args: &SiteArgs) -> ExitCode {
    let (files, problems) = match crate::registry_cases(dir) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("incident-cards: {message}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(inside) = inside_registry(dir, out) {
        eprintln!(
            "incident-cards: {} is inside the registry's {inside}/ folder, where the pages would be read as documents; write the site to a folder outside {}",
            out.display(),
            dir.display()
        );
        return ExitCode::from(2);
    }
    // What `validate DIR` refuses is not published.
    if !problems.is_empty() {
        for line in problems {
            eprintln!("{line}");
        }
        eprintln!(
            "site not written: fix the files above first (`incident-cards validate {}` lists the same problems)",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let mut cases = Vec::new();
    let mut failed = false;
    for file in &files {
        match crate::load_pinned(file) {
            Ok((doc, pin)) => match kept_revisions(dir, &doc) {
                Ok(kept) => cases.push(Case {
                    pin,
                    src: format!("{}{}", args.data, crate::href(dir, file)),
                    page: format!("{}cases/{}/", args.base, doc.id),
                    doc,
                    kept,
                }),
                Err(lines) => {
                    failed = true;
                    for line in lines {
                        eprintln!("{line}");
                    }
                }
            },
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
        eprintln!("site not written: fix the documents above first (incident-cards validate DIR)");
        return ExitCode::FAILURE;
    }
    if cases.is_empty() {
        eprintln!(
            "{}: no case documents; nothing to publish (add them as incidents/ID.json)",
            dir.join("incidents").display()
        );
        return ExitCode::FAILURE;
    }
    // Newest first: the order of the list page and the feed.
    cases.sort_by(|a, b| {
        updated(&b.doc)
            .cmp(updated(&a.doc))
            .then(a.doc.id.cmp(&b.doc.id))
    });

    let mut written = 0usize;
    let mut write = |path: PathBuf, body: String| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
        }
        crate::write_whole(&path, body.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        written += 1;
        Ok(())
    };
    // Rendering the pages is the long part (about 5 ms a case): a progress bar on a terminal.
    let bar = crate::sample::progress(cases.len(), "writing pages");
    let result = (|| -> Result<(), String> {
        for case in &cases {
            bar.inc(1);
            let folder = out.join("cases").join(&case.doc.id);
            write(folder.join("index.html"), case_page(case, args)?)?;
            write(
                folder.join("embed").join("index.html"),
                embed_page(case, args)?,
            )?;
            write(folder.join("oembed.json"), oembed(case, args))?;
            for (file, text) in citations(case, args) {
                write(folder.join(file), text)?;
            }
            for (old, pin) in &case.kept {
                write(
                    folder.join(format!("r{}", old.revision)).join("index.html"),
                    revision_page(case, old, pin, args)?,
                )?;
            }
        }
        write(
            out.join("cases").join("index.html"),
            list_page(&cases, args),
        )?;
        write(out.join("frame.js"), FRAME_JS.to_owned())?;
        write(out.join("cite.js"), CITE_JS.to_owned())?;
        write(out.join("feed.xml"), feed(&cases, args))?;
        write(out.join("sitemap.xml"), sitemap(&cases, args))?;
        Ok(())
    })();
    bar.finish_and_clear();
    match result {
        Ok(()) => {
            eprintln!(
                "{}: {} case page(s) with their embed pages, oEmbed responses and citations, the list, the feed and the sitemap ({written} files) for {}",
                out.display(),
                cases.len(),
                args.base
            );
            eprintln!(
                "incident-cards: to serve them under a Content-Security-Policy: {}",
                pages_policy(args)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The earlier revisions of `doc` the registry keeps, `DIR/revisions/ID/N.json`, oldest first;
/// each must be a valid document of the same case, at the revision its name says, before `doc`'s.
fn kept_revisions(dir: &Path, doc: &Incident) -> Result<Vec<(Incident, Pin)>, Vec<String>> {
    let folder = dir.join("revisions").join(&doc.id);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let unread = crate::collect(&folder, &mut files);
    if !unread.is_empty() {
        return Err(unread);
    }
    // A document in a folder below the case's is not a kept revision: `validate` reports it as a
    // second copy of the case, and `site` does not publish it.
    if let Some(deeper) = files.iter().find(|f| f.parent() != Some(folder.as_path())) {
        return Err(vec![format!(
            "{}: a kept revision goes at revisions/{}/N.json, not in a folder below it; move it up or out",
            deeper.display(),
            doc.id
        )]);
    }
    let mut kept = Vec::new();
    for file in files {
        let (old, pin) = crate::load_pinned(&file)?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let problems = crate::validate::kept_problems(
            &doc.id,
            &stem,
            &old.id,
            old.revision,
            Some(doc.revision),
        );
        if !problems.is_empty() {
            return Err(problems
                .into_iter()
                .map(|p| format!("{}: {p}", file.display()))
                .collect());
        }
        kept.push((old, pin));
    }
    kept.sort_by_key(|(d, _)| d.revision);
    Ok(kept)
}

/// The day of the case's current revision: its entry in the history, else `modified`, else
/// `filed`, else nothing (`cite::revision_date`).
fn updated(doc: &Incident) -> &str {
    incident_model::cite::revision_date(doc).unwrap_or("")
}

/// `s` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

fn page_title(case: &Case, args: &SiteArgs) -> String {
    format!("{}: {} · {}", case.doc.id, case.doc.title, args.name)
}

/// JSON for a `<script type="application/ld+json">`: `<` escaped, so no `</script>` can end it.
pub(crate) fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The case page's JSON-LD.
fn json_ld(case: &Case, args: &SiteArgs) -> Value {
    case_json_ld(&case.doc, &case.page, &case.src, &args.name, &args.base)
}

/// The case as schema.org data: a `Report` about the incident (an `Event`), at `page` (its case
/// page, else its document), based on the document at `src`, published by `publisher` (`home`).
pub(crate) fn case_json_ld(
    doc: &Incident,
    page: &str,
    src: &str,
    publisher: &str,
    home: &str,
) -> Value {
    let mut identifiers = vec![json!({
        "@type": "PropertyValue", "propertyID": publisher, "value": doc.id
    })];
    identifiers.extend(
        doc.aliases
            .iter()
            .map(|a| json!({ "@type": "PropertyValue", "propertyID": "alias", "value": a })),
    );
    let citations: Vec<Value> = doc
        .sources
        .iter()
        .map(|s| {
            let mut c = Map::new();
            c.insert("@type".into(), json!("CreativeWork"));
            c.insert("name".into(), json!(s.title));
            if let Some(url) = s.url.as_deref().and_then(|u| policy_url(u, doc.allow_http)) {
                c.insert("url".into(), json!(url));
            }
            if let Some(p) = &s.publisher {
                c.insert(
                    "publisher".into(),
                    json!({ "@type": "Organization", "name": p }),
                );
            }
            if let Some(d) = &s.date {
                c.insert("datePublished".into(), json!(d));
            }
            Value::Object(c)
        })
        .collect();
    let mut event = Map::new();
    event.insert("@type".into(), json!("Event"));
    event.insert("name".into(), json!(doc.title));
    if let Some(d) = &doc.dates.occurred {
        event.insert("startDate".into(), json!(d));
    }
    let report = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": page,
        "url": page,
        "identifier": identifiers,
        "headline": clip(&doc.title, 110),
        "name": doc.title,
        "description": public_summary(doc),
        "inLanguage": doc.lang,
        "version": doc.revision.to_string(),
        "about": Value::Object(event),
        "publisher": { "@type": "Organization", "name": publisher, "url": home },
        "creditText": doc.licence.attribution,
        "isBasedOn": src,
        "mentions": doc.organisations.iter().map(|o| json!({ "@type": "Organization", "name": o.name })).collect::<Vec<_>>(),
        "keywords": doc.tags,
        "citation": citations,
    });
    let Value::Object(mut report) = report else {
        return report;
    };
    // A case without sources, organisations or tags says nothing rather than `[]`.
    report.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
    let licence = doc
        .licence
        .url
        .as_deref()
        .and_then(|u| policy_url(u, doc.allow_http))
        .unwrap_or_else(|| format!("https://spdx.org/licenses/{}.html", doc.licence.spdx));
    report.insert("license".into(), json!(licence));
    if let Some(d) = &doc.dates.filed {
        report.insert("datePublished".into(), json!(d));
    }
    if !updated(doc).is_empty() {
        report.insert("dateModified".into(), json!(updated(doc)));
    }
    if doc.status == Status::Withdrawn {
        report.insert("creativeWorkStatus".into(), json!("Withdrawn"));
    }
    Value::Object(report)
}

/// The three snippets a case page offers to copy.
fn snippets(case: &Case, args: &SiteArgs, full: &str) -> [(String, &'static str, String); 3] {
    let doc = &case.doc;
    let script = format!(
        "<script async src=\"{}embed.js\"></script>",
        esc(&args.widget)
    );
    let quote = format!(
        "<blockquote class=\"incident-card\" data-src=\"{src}\"{} cite=\"{page}\">\n  {}\n</blockquote>\n{script}",
        case.pin.attrs("data-"),
        fallback(doc, &case.page, None),
        src = esc(&case.src),
        page = esc(&case.page),
    );
    // The pre-rendered card carries the case's JSON-LD beside it, outside the shadow root, so
    // crawlers of the page it is pasted into read what the card shows.
    let pre = format!(
        "{}\n<script type=\"application/ld+json\">{}</script>\n{script}",
        prerendered(full, doc, &case.pin, &case.src, "full", "auto", &case.page, None),
        script_json(&json_ld(case, args)),
    );
    [
        (
            "blockquote".to_owned(),
            "Blockquote (readable without JavaScript; for blogs and editors)",
            quote,
        ),
        (
            "iframe".to_owned(),
            "Iframe (for editors that strip scripts)",
            iframe(case),
        ),
        (
            "prerendered".to_owned(),
            "Pre-rendered card (no layout shift; under a Content-Security-Policy add its style hash)",
            pre,
        ),
    ]
}

/// A Content-Security-Policy the site's pages work under: their scripts from `--base` and
/// `--widget`, the module's compilation, documents from `--data` (and the citations from
/// `--base`), their own styles and the pre-rendered card's by hash, and their `data:` icon.
pub fn pages_policy(args: &SiteArgs) -> String {
    let mut scripts = vec![origin(&args.base), origin(&args.widget)];
    scripts.sort();
    scripts.dedup();
    // (The case page's cite.js fetches the citations beside it.)
    let mut connect = vec![origin(&args.widget), origin(&args.data), origin(&args.base)];
    connect.sort();
    connect.dedup();
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; connect-src {}; style-src '{}' '{}' '{}'; img-src data:",
        scripts.join(" "),
        connect.join(" "),
        style_hash(PAGE_CSS),
        style_hash(FRAME_CSS),
        style_hash(incident_card::STYLESHEET)
    )
}

/// The origin of the address `u` (`https://cards.example`), or nothing.
fn origin(u: &str) -> String {
    url::Url::parse(u)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

/// The embed page's own styles: the card alone, on the framing page's background.
const FRAME_CSS: &str = "html,body{margin:0;background:transparent}";

/// The iframe snippet's `style` attribute.
const FRAME_STYLE: &str = "border:0;max-width:100%";

/// The iframe snippet's script, which sets the frame's height from the frame's message; it
/// names the origin of the site at `page`.
fn frame_script(page: &str) -> String {
    let origin = origin(page);
    format!(
        "addEventListener('message',function(e){{var d=e.data;if(e.origin!=={origin}||!d||d.type!=='incident-cards:height')return;document.querySelectorAll('iframe[data-incident-frame]').forEach(function(f){{if(f.contentWindow===e.source)f.height=Math.min(Math.max(+d.height|0,100),4000)}})}})",
        origin = esc(&serde_json::to_string(&origin).unwrap_or_default()).replace("&quot;", "'"),
    )
}

/// The iframe snippet: the embed page, with a title, at a compact card's height. The frame
/// sends its height (see `FRAME_JS`); the two lines of script after it resize the iframe, and
/// only on a message from that frame, from the site's origin.
fn iframe(case: &Case) -> String {
    let embed = format!("{}embed/", case.page);
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"{FRAME_WIDTH}\" height=\"{FRAME_HEIGHT}\" style=\"{FRAME_STYLE}\" loading=\"lazy\" data-incident-frame></iframe>\n<script>{script}</script>",
        src = esc(&embed),
        title = esc(&format!("Case {}: {}", case.doc.id, case.doc.title)),
        script = frame_script(&case.page),
    )
}

fn card(doc: &Incident, variant: Variant, case_url: Option<&str>) -> Result<String, String> {
    let options = CardOptions {
        variant,
        theme: Theme::Auto,
        case_url: case_url.map(str::to_owned),
        ..CardOptions::default()
    };
    crate::card_html(doc.clone(), options)
        .ok_or_else(|| format!("{}: the card could not be rendered", doc.id))
}

/// The pages' own styles. Every text colour keeps WCAG AA contrast (4.5:1) in both schemes:
/// the grey of the heading is lighter on the dark background (6:1 there).
const PAGE_CSS: &str = "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#fff}\
main{max-width:760px;margin:0 auto;padding:24px 16px 48px}\
nav{font-size:.9rem;margin-bottom:16px}\
h1{font-size:1rem;margin:0 0 12px;color:#57606a}h2{font-size:1.2rem;margin:32px 0 8px}\
h3{font-size:1rem;margin:20px 0 6px}\
textarea{width:100%;box-sizing:border-box;font:13px/1.4 ui-monospace,monospace;min-height:7em}\
a{color:#0a58ca}\
@media (prefers-color-scheme:dark){body{color:#e6e8eb;background:#111418}h1{color:#8b949e}a{color:#8ab4f8}textarea{background:#1b1f24;color:#e6e8eb}}";

/// The head every page shares. The site has no icon: `data:,` says so, where browsers would
/// otherwise ask for `/favicon.ico` and log its 404 as a console error on every page.
fn head(title: &str, description: &str, canonical: &str, lang: &str, extra: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<meta name=\"description\" content=\"{description}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<link rel=\"icon\" href=\"data:,\">\n{extra}</head>\n",
        lang = esc(lang),
        title = esc(title),
        description = esc(description),
        canonical = esc(canonical),
    )
}

fn case_page(case: &Case, args: &SiteArgs) -> Result<String, String> {
    let doc = &case.doc;
    let full = card(doc, Variant::Full, None)?;
    let title = page_title(case, args);
    // About what search results and link previews show before they cut it.
    let description = clip(&public_summary(doc), DESCRIPTION_MAX);
    let mut meta = String::new();
    let _ = writeln!(
        meta,
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}oembed.json\" title=\"{}\">",
        esc(&case.page),
        esc(&doc.title)
    );
    let _ = writeln!(
        meta,
        "<link rel=\"alternate\" type=\"application/json\" href=\"{}\" title=\"The case document (JSON)\">",
        esc(&case.src)
    );
    let _ = writeln!(
        meta,
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{}feed.xml\" title=\"{}\">",
        esc(&args.base),
        esc(&args.name)
    );
    for (property, value) in [
        ("og:type", "article"),
        ("og:site_name", args.name.as_str()),
        ("og:title", doc.title.as_str()),
        ("og:description", description.as_str()),
        ("og:url", case.page.as_str()),
    ] {
        let _ = writeln!(
            meta,
            "<meta property=\"{property}\" content=\"{}\">",
            esc(value)
        );
    }
    let _ = writeln!(meta, "<meta name=\"twitter:card\" content=\"summary\">");
    let _ = writeln!(meta, "<style>{PAGE_CSS}</style>");
    let _ = writeln!(
        meta,
        "<script type=\"application/ld+json\">{}</script>",
        script_json(&json_ld(case, args))
    );
    let mut body = String::new();
    let _ = write!(
        body,
        "<body>\n<main>\n<nav><a href=\"{}cases/\">{}: all cases</a></nav>\n<h1>Case {}</h1>\n{}\n",
        esc(&args.base),
        esc(&args.name),
        esc(&doc.id),
        prerendered(&full, doc, &case.pin, &case.src, "full", "auto", &case.page, None)
    );
    history(&mut body, case);
    let _ = write!(
        body,
        "<section aria-labelledby=\"cite\">\n<h2 id=\"cite\">Cite this case</h2>\n<p>For reference managers, naming revision {} and the day you download it: <a href=\"cite.bib\" download=\"{id}.bib\" type=\"application/x-bibtex\" data-cite=\"bib\">BibTeX</a> · <a href=\"cite.ris\" download=\"{id}.ris\" type=\"application/x-research-info-systems\" data-cite=\"ris\">RIS</a> · <a href=\"cite.json\" download=\"{id}.json\" type=\"application/vnd.citationstyles.csl+json\" data-cite=\"json\">CSL-JSON</a></p>\n</section>\n",
        doc.revision,
        id = esc(&doc.id),
    );
    let _ = write!(
        body,
        "<section aria-labelledby=\"embed\">\n<h2 id=\"embed\">Embed this case</h2>\n<p>Copy one of these into a page. Each links back here; the card updates when the case does.</p>\n"
    );
    for (id, label, code) in snippets(case, args, &full) {
        let _ = write!(
            body,
            "<h3><label for=\"snippet-{id}\">{label}</label></h3>\n<textarea id=\"snippet-{id}\" readonly rows=\"6\">{}</textarea>\n",
            esc(&code)
        );
    }
    let _ = write!(
        body,
        "<p>Under a Content-Security-Policy, the pre-rendered card needs <code>'{}'</code> in <code>style-src</code>; the iframe needs this site's origin in <code>frame-src</code>, <code>'{}'</code> in <code>script-src</code> and <code>'unsafe-hashes' '{}'</code> in <code>style-src</code> (a hash applies to a <code>style</code> attribute only with that keyword). Pasting this page's address into WordPress (and other oEmbed consumers) embeds the card.</p>\n<p><a href=\"{}\">The case document (JSON)</a> · <a href=\"{}feed.xml\">Feed of new and changed cases</a></p>\n</section>\n</main>\n<script async src=\"{}embed.js\"></script>\n<script async src=\"{}cite.js\"></script>\n</body>\n</html>\n",
        style_hash(incident_card::STYLESHEET),
        style_hash(&frame_script(&case.page)),
        style_hash(FRAME_STYLE),
        esc(&case.src),
        esc(&args.base),
        esc(&args.widget),
        esc(&args.base),
    );
    Ok(format!(
        "{}{body}",
        head(&title, &description, &case.page, &doc.lang, &meta)
    ))
}

/// The case page's list of revisions, newest first, with what each changed and, for an earlier
/// revision the registry keeps, a link to it (its page on this site when `site` wrote one). A
/// kept revision the history does not name (a case revised before it kept one) is listed too,
/// with the date it names itself.
fn history(body: &mut String, case: &Case) {
    let mut entries: Vec<Revision> = case
        .kept
        .iter()
        .filter(|(d, _)| !case.doc.history.iter().any(|e| e.revision == d.revision))
        .map(|(d, _)| Revision {
            revision: d.revision,
            date: updated(d).to_owned(),
            url: None,
            changes: Vec::new(),
        })
        .chain(case.doc.history.iter().cloned())
        .collect();
    if entries.is_empty() {
        return;
    }
    if !entries.iter().any(|e| e.revision == case.doc.revision) {
        entries.push(Revision {
            revision: case.doc.revision,
            date: updated(&case.doc).to_owned(),
            url: None,
            changes: Vec::new(),
        });
    }
    entries.sort_by_key(|e| e.revision);
    body.push_str(
        "<section aria-labelledby=\"history\">\n<h2 id=\"history\">Revisions</h2>\n<ol reversed>\n",
    );
    for entry in entries.iter().rev() {
        let _ = write!(body, "<li>Revision {}", entry.revision);
        if !entry.date.is_empty() {
            let _ = write!(body, ", {}", esc(&entry.date));
        }
        if entry.revision == case.doc.revision {
            body.push_str(" (this one)");
        } else if case.kept.iter().any(|(d, _)| d.revision == entry.revision) {
            let _ = write!(body, " · <a href=\"r{}/\">as published</a>", entry.revision);
        } else if let Some(url) = &entry.url {
            let link = crate::html::policy_link(url, case.doc.allow_http, "as published");
            let _ = write!(body, " · {link}");
        }
        if !entry.changes.is_empty() {
            body.push_str("<ul>");
            for line in &entry.changes {
                let _ = write!(body, "<li>{}</li>", esc(line));
            }
            body.push_str("</ul>");
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</section>\n");
}

/// The case's citation files (BibTeX, RIS, CSL-JSON) citing its case page, with the day the
/// site is built as the access date; `cite.js` gives a reader who downloads one today's date.
fn citations(case: &Case, args: &SiteArgs) -> [(&'static str, String); 3] {
    let accessed = crate::today();
    let cx = incident_model::cite::CiteContext {
        url: &case.page,
        accessed: &accessed,
        publisher: Some(&args.name),
    };
    [
        ("cite.bib", incident_model::cite::bibtex(&case.doc, &cx)),
        ("cite.ris", incident_model::cite::ris(&case.doc, &cx)),
        ("cite.json", incident_model::cite::csl_json(&case.doc, &cx)),
    ]
}

fn embed_page(case: &Case, args: &SiteArgs) -> Result<String, String> {
    let doc = &case.doc;
    let compact = card(doc, Variant::Compact, Some(&case.page))?;
    let extra = format!("<meta name=\"robots\" content=\"noindex\">\n<style>{FRAME_CSS}</style>\n");
    Ok(format!(
        "{}<body>\n{}\n<script async src=\"{}embed.js\"></script>\n<script src=\"{}frame.js\"></script>\n</body>\n</html>\n",
        head(&page_title(case, args), &clip(&public_summary(doc), DESCRIPTION_MAX), &case.page, &doc.lang, &extra),
        // The live card links the case page as the pre-rendered one does (regression: without
        // `case-url` it rendered differently, took over without the link, and the iframe's
        // reader had no way to the whole case).
        prerendered(&compact, doc, &case.pin, &case.src, "compact", "auto", &case.page, None)
            .replacen(
                "<incident-card ",
                &format!("<incident-card fit=\"grow\" case-url=\"{}\" ", esc(&case.page)),
                1
            ),
        esc(&args.widget),
        esc(&args.base),
    ))
}

/// An earlier revision's page, for the pages that embedded it (a card pinned to it links here):
/// that revision's card as it was, under a note that names the current revision and what changed
/// since. Not for search engines: its canonical address is the case page.
fn revision_page(
    case: &Case,
    old: &Incident,
    pin: &Pin,
    args: &SiteArgs,
) -> Result<String, String> {
    let doc = &case.doc;
    let full = card(old, Variant::Full, Some(&case.page))?;
    let title = format!(
        "{}: {} (revision {}) · {}",
        old.id, old.title, old.revision, args.name
    );
    let extra = format!("<meta name=\"robots\" content=\"noindex\">\n<style>{PAGE_CSS}</style>\n");
    let mut body = format!(
        "<body>\n<main>\n<nav><a href=\"{}cases/\">{}: all cases</a></nav>\n<h1>Case {}, revision {}</h1>\n<section aria-labelledby=\"since\">\n<h2 id=\"since\">An earlier revision</h2>\n<p>This is the case as published in revision {}{}, kept for the pages that embedded it. <a href=\"{}\">The current revision</a> is {}{}.</p>\n",
        esc(&args.base),
        esc(&args.name),
        esc(&old.id),
        old.revision,
        old.revision,
        on(old),
        esc(&case.page),
        doc.revision,
        on(doc),
    );
    if let Some(since) = doc.since(old.revision) {
        if !since.lines.is_empty() {
            body.push_str("<p>What changed since:</p>\n<ul>\n");
            for line in since.lines {
                let _ = writeln!(body, "<li>{}</li>", esc(line));
            }
            body.push_str("</ul>\n");
        }
    }
    let _ = write!(
        body,
        "</section>\n{}\n</main>\n</body>\n</html>\n",
        prerendered(&full, old, pin, &case.src, "full", "auto", &case.page, None).replacen(
            "<incident-card ",
            "<incident-card data-archived ",
            1
        )
    );
    Ok(format!(
        "{}{body}",
        head(
            &title,
            // A withdrawn case's earlier revisions are described by the withdrawal, so that no
            // link preview spreads what it withdrew.
            &clip(
                &if case.doc.status == Status::Withdrawn {
                    public_summary(&case.doc)
                } else {
                    public_summary(old)
                },
                DESCRIPTION_MAX
            ),
            &case.page,
            &old.lang,
            &extra
        )
    ))
}

/// ` of DATE` for a document whose revision has a date (`modified`, else `filed`).
fn on(doc: &Incident) -> String {
    incident_model::cite::revision_date(doc)
        .map(|d| format!(" of {}", esc(d)))
        .unwrap_or_default()
}

/// The oEmbed response (type `rich`). Its `html` is what WordPress and similar consumers keep: a
/// blockquote with the link (WordPress shows it until the frame is ready) and the iframe of the
/// embed page; they drop scripts, and the frame sends its own height.
fn oembed(case: &Case, args: &SiteArgs) -> String {
    let doc = &case.doc;
    let html = format!(
        "<blockquote><a href=\"{page}\">Case {id}: {title}</a></blockquote><iframe src=\"{page}embed/\" title=\"{frame_title}\" width=\"{FRAME_WIDTH}\" height=\"{FRAME_HEIGHT}\" frameborder=\"0\" scrolling=\"no\"></iframe>",
        page = esc(&case.page),
        id = esc(&doc.id),
        title = esc(&doc.title),
        frame_title = esc(&format!("Case {}: {}", doc.id, doc.title)),
    );
    let response = json!({
        "version": "1.0",
        "type": "rich",
        "title": format!("{}: {}", doc.id, doc.title),
        "provider_name": args.name,
        "provider_url": args.base,
        "author_name": doc.licence.attribution,
        "cache_age": 86400,
        "width": FRAME_WIDTH,
        "height": FRAME_HEIGHT,
        "html": html,
    });
    serde_json::to_string_pretty(&response).unwrap_or_default() + "\n"
}

fn list_page(cases: &[Case], args: &SiteArgs) -> String {
    let canonical = format!("{}cases/", args.base);
    let mut body = format!(
        "<body>\n<main>\n<h1>{}: cases</h1>\n<ul>\n",
        esc(&args.name)
    );
    for case in cases {
        let _ = writeln!(
            body,
            "<li><a href=\"{}\">{}: {}</a></li>",
            esc(&case.page),
            esc(&case.doc.id),
            esc(&case.doc.title)
        );
    }
    let _ = write!(
        body,
        "</ul>\n<p><a href=\"{}feed.xml\">Feed of new and changed cases</a></p>\n</main>\n</body>\n</html>\n",
        esc(&args.base)
    );
    let extra = format!("<style>{PAGE_CSS}</style>\n");
    format!(
        "{}{body}",
        head(
            &format!("{}: cases", args.name),
            &format!("Every case of {}, newest first.", args.name),
            &canonical,
            "en",
            &extra
        )
    )
}

/// A date of the model (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as an Atom date-time (RFC 3339).
fn rfc3339(date: &str) -> String {
    // An undated case is dated at the epoch: an Atom entry needs an `updated`.
    let date = if date.is_empty() { "1970-01-01" } else { date };
    let mut parts = date.split('-');
    let y = parts.next().unwrap_or("1970");
    let m = parts.next().unwrap_or("01");
    let d = parts.next().unwrap_or("01");
    format!("{y}-{m}-{d}T00:00:00Z")
}

fn feed(cases: &[Case], args: &SiteArgs) -> String {
    let newest = cases.first().map_or("", |c| updated(&c.doc));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{name}: new and changed cases</title>\n  <id>{base}feed.xml</id>\n  <link rel=\"self\" href=\"{base}feed.xml\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{base}cases/\"/>\n  <updated>{}</updated>\n  <author><name>{name}</name></author>\n",
        rfc3339(newest),
        name = esc(&args.name),
        base = esc(&args.base),
    );
    for case in cases {
        let doc = &case.doc;
        let changed = updated(doc);
        let title = if doc.revision > 1 {
            format!("{}: {} (revision {})", doc.id, doc.title, doc.revision)
        } else {
            format!("{}: {}", doc.id, doc.title)
        };
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <link rel=\"alternate\" type=\"application/json\" href=\"{}\"/>\n    <updated>{}</updated>\n",
            esc(&title),
            esc(&case.page),
            esc(&case.page),
            esc(&case.src),
            rfc3339(changed),
        );
        if let Some(filed) = &doc.dates.filed {
            let _ = writeln!(xml, "    <published>{}</published>", rfc3339(filed));
        }
        // A revised case says first what its revision changed (its history's last entry).
        let mut summary = String::new();
        if let Some(last) = doc.history.last().filter(|e| !e.changes.is_empty()) {
            let _ = write!(summary, "Revision {} changed: ", last.revision);
            for (i, line) in last.changes.iter().enumerate() {
                if i > 0 {
                    summary.push_str("; ");
                }
                summary.push_str(line.trim_end_matches('.'));
            }
            summary.push_str(". ");
        }
        summary.push_str(&public_summary(doc));
        let _ = write!(
            xml,
            "    <summary>{}</summary>\n    <rights>{} ({})</rights>\n  </entry>\n",
            esc(&summary),
            esc(&doc.licence.spdx),
            esc(&doc.licence.attribution)
        );
    }
    xml.push_str("</feed>\n");
    xml
}

fn sitemap(cases: &[Case], args: &SiteArgs) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let _ = writeln!(xml, "  <url><loc>{}cases/</loc></url>", esc(&args.base));
    for case in cases {
        let changed = updated(&case.doc);
        if changed.is_empty() {
            let _ = writeln!(xml, "  <url><loc>{}</loc></url>", esc(&case.page));
        } else {
            let _ = writeln!(
                xml,
                "  <url><loc>{}</loc><lastmod>{}</lastmod></url>",
                esc(&case.page),
                esc(changed)
            );
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The case page's script that downloads a citation with today's access date.
const CITE_JS: &str = include_str!("../assets/cite.js");

/// The embed page's script: it sends the page's height to the page that frames it, on load and
/// whenever it changes, in two shapes: WordPress's (`{message: 'height', value, secret}`, the
/// secret read from `#?secret=` in the frame's address, which WordPress's host script checks)
/// and this project's (`{type: 'incident-cards:height', height}`, which the iframe snippet's
/// lines read, checking the sender's origin). A height says nothing private, so it goes to any
/// parent (`'*'`): a frame in WordPress's sandbox cannot know its parent's origin.
const FRAME_JS: &str = include_str!("../assets/frame.js");
