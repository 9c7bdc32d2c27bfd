//! The HTML the command writes around a rendered card: escaping, the readable fallback, the
//! pre-rendered element (a declarative shadow root holding the card and its styles), and the CSP
//! hash of those styles. `snippet` and `site` share them, so a snippet and a case page hold the
//! same markup.

use incident_model::Incident;

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

/// The readable fallback: title, summary and a link to the case.
pub fn fallback(doc: &Incident, case_link: &str) -> String {
    format!(
        "<p><strong>{}</strong></p>\n  <p>{}</p>\n  <p><a href=\"{}\">Case {}</a></p>",
        esc(&doc.title),
        esc(&doc.summary),
        esc(case_link),
        esc(&doc.id)
    )
}

/// `<incident-card>` holding `card` (HTML rendered by the card's components) in a declarative
/// shadow root with the card's styles, and the readable fallback for browsers and editors that
/// drop templates. The card's styles go inside its shadow root: a linked stylesheet there would
/// stop the browser from parsing the rest of the host page until it arrived from the widget's
/// origin.
pub fn prerendered(
    card: &str,
    doc: &Incident,
    src: &str,
    variant: &str,
    theme: &str,
    case_link: &str,
    lang: Option<&str>,
) -> String {
    // The card's UI language, for the live card that takes over too.
    let lang = lang
        .map(|l| format!(" lang=\"{}\"", esc(l)))
        .unwrap_or_default();
    format!(
        "<incident-card src=\"{}\" variant=\"{}\" theme=\"{}\"{lang}>\n  <template shadowrootmode=\"open\"><style>{}</style><div class=\"ic-root\">{card}</div></template>\n  {}\n</incident-card>",
        esc(src),
        esc(variant),
        esc(theme),
        incident_card::STYLESHEET,
        fallback(doc, case_link),
    )
}

/// The CSP source that allows an inline `<style>` holding exactly `css`: `sha256-BASE64`.
pub fn style_hash(css: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(css.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
