//! Citations of a case for reference managers: BibTeX (biblatex fields), RIS and CSL-JSON.
//!
//! Each names the case (its id as the key and number), the revision cited and its date (the
//! date the revision was published: `modified`, else `filed`), the address it was read at, and
//! the date it was accessed. The registry (or the licence's attribution when none is given) is
//! the author, as an organisation: cases are written by a registry, not by named people.
//!
//! The tests parse what is written here with citation-js, a maintained citation library
//! (`www/tests/citations.test.mjs`), not only with this crate.

use std::borrow::Cow;

use crate::{Incident, Status};

/// What a citation needs beyond the document.
#[derive(Debug, Clone, Copy)]
pub struct CiteContext<'a> {
    /// The address the case is cited at (its case page, else its document).
    pub url: &'a str,
    /// The date the reader accessed it, `YYYY-MM-DD`.
    pub accessed: &'a str,
    /// The registry that publishes the case; `None`: the licence's attribution.
    pub publisher: Option<&'a str>,
}

/// The day the document's revision was published: its entry in the history, else `modified`,
/// else `filed`.
pub fn revision_date(doc: &Incident) -> Option<&str> {
    doc.history
        .iter()
        .rev()
        .find(|e| e.revision == doc.revision)
        .map(|e| e.date.as_str())
        .or(doc.dates.modified.as_deref())
        .or(doc.dates.filed.as_deref())
}

/// `YYYY[-MM[-DD]]` as numbers, for CSL's `date-parts` (at most three; non-numbers end it).
#[cfg(feature = "json")]
fn date_parts(date: &str) -> Vec<u32> {
    date.split('-')
        .take(3)
        .map_while(|p| p.parse::<u32>().ok())
        .collect()
}

fn author<'a>(doc: &'a Incident, cx: &CiteContext<'a>) -> &'a str {
    cx.publisher.unwrap_or(&doc.licence.attribution)
}

/// What other programs are told the case says (a page's description and JSON-LD, a feed's
/// summary, a citation's abstract, the readable fallback): its summary, or for a withdrawn case
/// its withdrawal, never the summary it withdrew (the card shows a tombstone).
pub fn public_summary(doc: &Incident) -> Cow<'_, str> {
    if doc.status != Status::Withdrawn {
        return Cow::Borrowed(&doc.summary);
    }
    match &doc.withdrawn {
        Some(w) => Cow::Owned(withdrawal(&w.date, &w.reason)),
        None => Cow::Borrowed(WITHDRAWN),
    }
}

/// What is said of a withdrawn case without a date and reason.
pub const WITHDRAWN: &str = "This case has been withdrawn.";

/// What is said of a case withdrawn on `date` for `reason`, in English, for other programs and
/// for readable fallbacks (whose callers pass the two parts already escaped for their format).
pub fn withdrawal(date: &str, reason: &str) -> String {
    format!("This case has been withdrawn on {date}. Reason: {reason}")
}

fn note(doc: &Incident) -> String {
    let mut note = match revision_date(doc) {
        Some(date) => format!("Case {}, revision {} of {date}", doc.id, doc.revision),
        None => format!("Case {}, revision {}", doc.id, doc.revision),
    };
    if doc.status == Status::Withdrawn {
        match &doc.withdrawn {
            Some(w) => note.push_str(&format!("; withdrawn on {}", w.date)),
            None => note.push_str("; withdrawn"),
        }
    }
    note
}

/// Escapes BibTeX's special characters in a field value. Braces are written as commands
/// (`\textbraceleft{}`), not as `\{`: BibTeX counts every brace, escaped or not, so one unmatched
/// brace in a title would end the field early or run it into the next.
fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            // One line per field.
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The `url` field: read verbatim by biblatex (no escapes: `\_` would stay in the address), so
/// only what BibTeX itself would misread is percent-encoded (braces, backslash, whitespace).
fn bib_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A BibTeX entry (`@online`, biblatex's type for web resources, with `urldate` and
/// `version`). Titles and the organisation are double-braced so styles keep their case and do
/// not split the name into first and last names.
pub fn bibtex(doc: &Incident, cx: &CiteContext) -> String {
    let key: String = doc
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let mut fields = vec![
        ("title", format!("{{{}}}", bib_escape(&doc.title))),
        ("author", format!("{{{}}}", bib_escape(author(doc, cx)))),
    ];
    if let Some(date) = revision_date(doc) {
        fields.push(("date", bib_escape(date)));
        if let Some(year) = date.get(..4) {
            fields.push(("year", bib_escape(year)));
        }
    }
    fields.push(("number", bib_escape(&doc.id)));
    fields.push(("version", doc.revision.to_string()));
    if let Some(p) = cx.publisher {
        fields.push(("organization", format!("{{{}}}", bib_escape(p))));
    }
    fields.push(("url", bib_url(cx.url)));
    fields.push(("urldate", bib_escape(cx.accessed)));
    fields.push(("note", bib_escape(&note(doc))));
    let body: Vec<String> = fields
        .into_iter()
        .map(|(k, v)| format!("  {k} = {{{v}}}"))
        .collect();
    format!("@online{{{key},\n{}\n}}\n", body.join(",\n"))
}

/// One RIS field line. A value is kept to one line with single spaces, so that nothing in it
/// reads as another field's start (`XX  - `) to a parser.
fn ris_line(out: &mut String, tag: &str, value: &str) {
    let value = value
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out.push_str(tag);
    out.push_str("  - ");
    out.push_str(&value);
    out.push_str("\r\n");
}

/// A RIS record (type `RPRT`, a report, as in CSL-JSON), lines ending CRLF as the format has it. Dates are
/// `YYYY/MM/DD`.
pub fn ris(doc: &Incident, cx: &CiteContext) -> String {
    let mut out = String::new();
    ris_line(&mut out, "TY", "RPRT");
    ris_line(&mut out, "ID", &doc.id);
    ris_line(&mut out, "TI", &doc.title);
    // An organisation, not a person: RIS reads "A, B" as family name A and given name B, and
    // has no way to escape the comma; without one, readers take the name as one (a literal).
    ris_line(&mut out, "AU", &author(doc, cx).replace(',', " "));
    if let Some(date) = revision_date(doc) {
        if let Some(year) = date.get(..4) {
            ris_line(&mut out, "PY", year);
        }
        ris_line(&mut out, "DA", &date.replace('-', "/"));
    }
    if let Some(p) = cx.publisher {
        ris_line(&mut out, "PB", p);
    }
    ris_line(&mut out, "ET", &doc.revision.to_string());
    ris_line(&mut out, "UR", cx.url);
    ris_line(&mut out, "Y2", &cx.accessed.replace('-', "/"));
    ris_line(&mut out, "N1", &note(doc));
    out.push_str("ER  - \r\n");
    out
}

/// CSL-JSON: an array holding one item (type `report`), as reference managers import it.
#[cfg(feature = "json")]
pub fn csl_json(doc: &Incident, cx: &CiteContext) -> String {
    use serde_json::{json, Map, Value};
    let mut item = Map::new();
    item.insert("id".into(), json!(doc.id));
    item.insert("type".into(), json!("report"));
    item.insert("title".into(), json!(doc.title));
    item.insert("author".into(), json!([{ "literal": author(doc, cx) }]));
    if let Some(p) = cx.publisher {
        item.insert("publisher".into(), json!(p));
    }
    item.insert("number".into(), json!(doc.id));
    item.insert("version".into(), json!(doc.revision.to_string()));
    if let Some(date) = revision_date(doc) {
        item.insert("issued".into(), json!({ "date-parts": [date_parts(date)] }));
    }
    item.insert(
        "accessed".into(),
        json!({ "date-parts": [date_parts(cx.accessed)] }),
    );
    item.insert("URL".into(), json!(cx.url));
    item.insert("abstract".into(), json!(public_summary(doc)));
    item.insert("note".into(), json!(note(doc)));
    serde_json::to_string_pretty(&Value::Array(vec![Value::Object(item)])).unwrap_or_default()
        + "\n"
}
