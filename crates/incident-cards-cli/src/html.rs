//! The HTML the command writes around a rendered card: escaping, the readable fallback, the
//! pre-rendered element (a declarative shadow root holding the card and its styles), and the CSP
//! hash of those styles. `snippet` and `site` share them, so a snippet and a case page hold the
//! same markup.

use incident_model::validate::is_valid_lang;
use incident_model::{Incident, Status};

/// The revision a snippet is made from, pinned on it: the card compares the number with the live
/// document's and tells its reader what changed since; the date and the content hash name the
/// exact revision embedded, for people and archives (the hash is of the document's bytes as
/// published, so a kept copy can be checked against it).
pub struct Pin {
    pub revision: u32,
    /// When the revision was published (`modified`, else `filed`).
    pub date: Option<String>,
    /// `sha256-BASE64` of the document's bytes.
    pub hash: String,
}

impl Pin {
    pub fn of(doc: &Incident, bytes: &[u8]) -> Pin {
        Pin {
            revision: doc.revision,
            date: incident_model::cite::revision_date(doc).map(str::to_owned),
            hash: sha256(bytes),
        }
    }

    /// The pin as attributes of `<incident-card>` (`prefix` "") or of a blockquote ("data-"),
    /// with a leading space.
    pub fn attrs(&self, prefix: &str) -> String {
        let mut out = format!(" {prefix}revision=\"{}\"", self.revision);
        if let Some(date) = &self.date {
            out.push_str(&format!(" {prefix}revision-date=\"{}\"", esc(date)));
        }
        out.push_str(&format!(" {prefix}revision-hash=\"{}\"", esc(&self.hash)));
        out
    }
}

/// Escapes text for HTML text and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The readable fallback: title, summary and a link to the case. The title and the summary are
/// the document's translation into `lang` where it has one (as on the card), each marked with
/// the language it is written in, so that a fallback in a page of another language is read in
/// the right voice.
pub fn fallback(doc: &Incident, case_link: &str, lang: Option<&str>) -> String {
    let tr = lang.and_then(|l| doc.translation(l));
    let part = |translated: Option<&str>, original: &str| {
        let (text, lang) = match (translated, tr) {
            (Some(text), Some(tr)) => (text, tr.lang.as_str()),
            _ => (original, doc.lang.as_str()),
        };
        let lang = if is_valid_lang(lang) {
            format!(" lang=\"{}\"", esc(lang))
        } else {
            String::new()
        };
        (lang, esc(text))
    };
    let (title_lang, title) = part(tr.and_then(|t| t.title.as_deref()), &doc.title);
    // A withdrawn case's fallback says so (in English, as the site's pages do), never what it
    // withdrew.
    let (summary_lang, summary) = if doc.status == Status::Withdrawn {
        let said = match &doc.withdrawn {
            Some(w) => incident_model::cite::withdrawal(
                &esc(&w.date),
                &format!("<span{}>{}</span>", part(None, "").0, esc(&w.reason)),
            ),
            None => incident_model::cite::WITHDRAWN.to_owned(),
        };
        (" lang=\"en\"".to_owned(), said)
    } else {
        part(tr.and_then(|t| t.summary.as_deref()), &doc.summary)
    };
    format!(
        "<p{title_lang}><strong>{title}</strong></p>\n  <p{summary_lang}>{summary}</p>\n  <p><a href=\"{}\">Case {}</a></p>",
        esc(case_link),
        esc(&doc.id)
    )
}

/// `href` as the card's link policy writes it: checked (https, or http when the document allows
/// it; no user name or password) and normalised (`https:x.example` is `https://x.example/`, which
/// a browser would otherwise resolve against the page), or `None`.
pub fn policy_url(href: &str, allow_http: bool) -> Option<String> {
    incident_model::link::check_url(href.trim(), allow_http)
        .ok()
        .map(String::from)
}

/// A link to an address of a document, written as the card writes one (`external_link`): the
/// address the policy gives, in a new tab, with the policy's `rel`; the bare text when the
/// address is not allowed.
pub fn policy_link(href: &str, allow_http: bool, text: &str) -> String {
    match policy_url(href, allow_http) {
        Some(url) => format!(
            "<a href=\"{}\" target=\"_blank\" rel=\"{}\">{text}</a>",
            esc(&url),
            incident_card::components::REL
        ),
        None => text.to_owned(),
    }
}

/// `<incident-card>` holding `card` (HTML rendered by the card's components) in a declarative
/// shadow root with the card's styles, and the readable fallback for browsers and editors that
/// drop templates. The card's styles go inside its shadow root: a linked stylesheet there would
/// stop the browser from parsing the rest of the host page until it arrived from the widget's
/// origin.
#[allow(clippy::too_many_arguments)]
pub fn prerendered(
    card: &str,
    doc: &Incident,
    pin: &Pin,
    src: &str,
    variant: &str,
    theme: &str,
    case_link: &str,
    lang: Option<&str>,
) -> String {
    let lang_tag = lang;
    // The card's UI language, for the live card that takes over too.
    let lang = lang
        .map(|l| format!(" lang=\"{}\"", esc(l)))
        .unwrap_or_default();
    format!(
        "<incident-card src=\"{}\" variant=\"{}\" theme=\"{}\"{lang}{}>\n  <template shadowrootmode=\"open\"><style>{}</style><div class=\"ic-root\">{card}</div></template>\n  {}\n</incident-card>",
        esc(src),
        esc(variant),
        esc(theme),
        pin.attrs(""),
        incident_card::STYLESHEET,
        fallback(doc, case_link, lang_tag),
    )
}

/// The CSP source that allows an inline `<style>` holding exactly `css`: `sha256-BASE64`.
pub fn style_hash(css: &str) -> String {
    sha256(css.as_bytes())
}

/// `sha256-BASE64` of `bytes`, as CSP sources and subresource integrity write a hash.
fn sha256(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(bytes))
    )
}
