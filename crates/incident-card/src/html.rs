//! The card as an HTML string, without Yew: what the widget renders in the browser.
//!
//! # Why a second renderer
//! The Yew components ([`crate::components`]) are the card's reference: the CLI pre-renders
//! snippets with them and the component tests run them in Chromium. But Yew costs more bytes than
//! the widget's whole budget (measured in `docs/performance.md`: the smallest Yew app is about
//! 45 KB brotli, the card through Yew's server renderer in wasm 130 KB, against 60 KB for
//! everything a page downloads). So the widget builds the same markup with this module: plain
//! string writing over the same view logic ([`crate::view`]).
//!
//! Two renderers of one card are kept equal by test, not by care: `tests/parity.rs` renders every
//! sample, every option, every hostile document and generated documents through both and
//! requires the same bytes. Change a component and that test names the difference.
//!
//! # Safety of the output
//! Text is escaped as Yew escapes it (`&`, `<`, `>`; in attributes also `"`), every attribute is
//! double-quoted, attribute names and tags are constants of this module, and every `href` passed
//! the link policy ([`incident_model::check_url`]) or is an in-card `#id` built from
//! [`view::source_anchor`] (only `a-z`, `0-9`, `-`). The widget inserts the result into the card's
//! shadow root.

use incident_model::validate::is_valid_lang;
use incident_model::{
    check_url, AiInvolvement, ClaimStatus, Counts, Incident, Index, IndexEntry, Severity, Status,
};

use crate::list_query::ListQuery;
use crate::options::{CardOptions, Section, Theme, Variant};
use crate::view::{
    self, ai_involvement_label, chain_in_order, claims_with, clean, counts_line, date_parts,
    duration_text, entry_url, group_sources, id_line, id_prefix, level_label, level_rank,
    organisation_label, related_meta, safe_url, severity_name, sorted_by, source_anchor,
    source_meta, sub_level, CLAIM_GROUPS,
};

/// The `rel` of every external link (the same as [`crate::components::REL`]).
pub const REL: &str = "noopener noreferrer nofollow ugc";

/// What an empty list says (the same as the list component's).
pub const NO_MATCH: &str = "No incidents match these filters.";

/// The message of an error card when the caller gave none.
pub const DEFAULT_ERROR: &str = "Something went wrong while loading this incident.";

/// Where a renderer writes: an HTML string ([`HtmlString`]) or, in the widget, DOM nodes built
/// with `createElement` and text nodes (no HTML is parsed in the browser, so nothing here is a
/// Trusted Types sink). Every renderer in this module is one sequence of these calls, whatever
/// the sink, so what the parity test proves for the string holds for the DOM.
pub trait Sink {
    /// Starts `<tag a="v" … class="…">`: attributes in the given order, `None` values left out,
    /// then the class unless it is empty (the order Yew writes).
    fn open(&mut self, tag: &str, attrs: &[(&str, Option<&str>)], class: &str);
    /// Ends the element opened last.
    fn close(&mut self, tag: &str);
    /// Text, never markup.
    fn text(&mut self, s: &str);

    /// `<tag class="class">text</tag>`.
    fn el(&mut self, tag: &str, class: &str, text: &str) {
        self.open(tag, &[], class);
        self.text(text);
        self.close(tag);
    }
}

/// HTML as Yew's server renderer writes it.
#[derive(Debug, Default)]
pub struct HtmlString(String);

impl HtmlString {
    pub fn new() -> HtmlString {
        HtmlString(String::with_capacity(8 * 1024))
    }

    pub fn into_string(self) -> String {
        self.0
    }

    fn escaped(&mut self, s: &str, quote: bool) {
        for c in s.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' if quote => self.0.push_str("&quot;"),
                c => self.0.push(c),
            }
        }
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.escaped(value, true);
        self.0.push('"');
    }
}

impl Sink for HtmlString {
    fn open(&mut self, tag: &str, attrs: &[(&str, Option<&str>)], class: &str) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            if let Some(v) = value {
                self.attr(name, v);
            }
        }
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.0.push('>');
    }

    fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    fn text(&mut self, s: &str) {
        self.escaped(s, false);
    }
}

type W = dyn Sink;

fn heading_tag(level: u8) -> &'static str {
    match level.clamp(2, 6) {
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// An external link, or its text in a `<span>` when the address fails the link policy (the
/// `ExternalLink` component). `text` writes the link's content.
fn external(
    w: &mut W,
    class: &str,
    href: Option<&str>,
    allow_http: bool,
    label: Option<&str>,
    text: impl FnOnce(&mut W),
) {
    match href.and_then(|h| check_url(h.trim(), allow_http).ok()) {
        Some(url) => {
            w.open(
                "a",
                &[
                    ("href", Some(url.as_str())),
                    ("target", Some("_blank")),
                    ("rel", Some(REL)),
                    ("aria-label", label),
                ],
                class,
            );
            text(w);
            w.el("span", "ic-vh", " (opens in a new tab)");
            w.close("a");
        }
        None => {
            w.open("span", &[], class);
            text(w);
            w.close("span");
        }
    }
}

fn external_text(w: &mut W, class: &str, href: Option<&str>, allow_http: bool, text: &str) {
    external(w, class, href, allow_http, None, |w| w.text(text));
}

/// A card for `doc`. `instance` numbers the card's element ids (see [`view::id_prefix`]);
/// `interactive` adds the Copy button, which only a card running in a browser can use.
pub fn card(doc: &Incident, o: &CardOptions, instance: u32, interactive: bool) -> String {
    let mut out = HtmlString::new();
    write_card(&mut out, doc, o, instance, interactive);
    out.into_string()
}

/// [`card`] into any [`Sink`].
pub fn write_card(w: &mut W, doc: &Incident, o: &CardOptions, instance: u32, interactive: bool) {
    let prefix = id_prefix(&doc.id, instance);
    let title_id = format!("{prefix}-title");
    let level = o.heading_level.clamp(2, 6);
    let sub = sub_level(level);
    let lang = o
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| is_valid_lang(l))
        .or_else(|| is_valid_lang(&doc.lang).then_some(doc.lang.as_str()));
    let case_url = view::case_link(doc, o.case_url.as_deref());
    let withdrawn = doc.status == Status::Withdrawn;
    let shows = |s: Section| o.sections.contains(s);

    w.open(
        "article",
        &[
            ("part", Some("card")),
            ("data-theme", Some(o.theme.as_str())),
            ("data-variant", Some(o.variant.as_str())),
            ("data-status", Some(doc.status.as_str())),
            ("lang", lang),
            ("aria-labelledby", Some(&title_id)),
        ],
        if withdrawn {
            "ic-card ic-withdrawn"
        } else {
            "ic-card"
        },
    );
    header(w, doc, level, &title_id);
    if withdrawn {
        tombstone(w, doc);
        if let Some(url) = &case_url {
            more(w, "", url, "Case page");
        }
    } else if o.variant == Variant::Compact {
        status_notice(w, doc);
        facets(w, &doc.severity, doc.failure_mode.as_deref(), None);
        summary(w, &doc.summary, &[]);
        if let Some(counts) = counts_line(&Counts::of(doc)) {
            w.el("p", "ic-counts", &counts);
        }
        if let Some(url) = &case_url {
            more(w, "ic-more-link", url, "Read the full case");
        }
    } else {
        status_notice(w, doc);
        facets(
            w,
            &doc.severity,
            doc.failure_mode.as_deref(),
            doc.ai_surface.as_deref(),
        );
        if shows(Section::Summary) {
            summary(w, &doc.summary, &doc.tags);
        }
        if shows(Section::Facts) {
            facts(w, doc, &prefix, sub, shows(Section::Sources));
        }
        if shows(Section::Chain) {
            cause_chain(w, doc, &prefix, sub);
        }
        if shows(Section::Impact) {
            impact(w, doc, &prefix, sub);
        }
        if shows(Section::Lessons) {
            lessons(w, doc, &prefix, sub);
        }
        if shows(Section::Sources) {
            sources(w, doc, &prefix, sub);
        }
        if shows(Section::Related) {
            related(w, doc, &prefix, sub);
        }
        if shows(Section::Citation) {
            citation(w, doc, &prefix, sub, case_url.as_deref(), interactive);
        } else if let Some(url) = &case_url {
            more(w, "", url, "Case page");
        }
    }
    w.close("article");
}

/// `<p class="ic-more"><a …>text</a></p>` for an already checked address.
fn more(w: &mut W, class: &str, url: &str, text: &str) {
    w.open("p", &[], "ic-more");
    external_text(w, class, Some(url), false, text);
    w.close("p");
}

fn header(w: &mut W, doc: &Incident, level: u8, title_id: &str) {
    let withdrawn = doc.status == Status::Withdrawn;
    let orgs: Vec<String> = doc.organisations.iter().map(organisation_label).collect();
    let occurred = doc.dates.occurred.as_deref().and_then(date_parts);
    w.open("header", &[("part", Some("header"))], "ic-header");
    w.open("p", &[], "ic-kicker");
    w.el("span", "ic-id", &id_line(&doc.id, &doc.aliases));
    if let Some(label) = ai_involvement_label(doc.ai_involvement).filter(|_| !withdrawn) {
        let class = if doc.ai_involvement == AiInvolvement::None {
            "ic-flag ic-flag-none"
        } else {
            "ic-flag"
        };
        w.el("span", class, label);
    }
    w.close("p");
    let tag = heading_tag(level);
    w.open(tag, &[("id", Some(title_id))], "ic-title");
    w.text(&clean(&doc.title));
    w.close(tag);
    if !withdrawn && (!orgs.is_empty() || occurred.is_some()) {
        w.open("p", &[], "ic-meta");
        if !orgs.is_empty() {
            w.el("span", "ic-orgs", &orgs.join(", "));
        }
        if let Some((machine, words)) = occurred {
            w.open("span", &[], "ic-date");
            w.el("span", "ic-vh", "Occurred: ");
            time(w, &machine, &words);
            w.close("span");
        }
        w.close("p");
    }
    w.close("header");
}

fn time(w: &mut W, machine: &str, words: &str) {
    w.open("time", &[("datetime", Some(machine))], "");
    w.text(words);
    w.close("time");
}

fn severity_badge(w: &mut W, s: &Severity) {
    let rank = level_rank(s.level);
    let value = clean(&s.value);
    let scheme = s.scheme.as_deref().map(clean);
    let same = value.trim().eq_ignore_ascii_case(level_label(s.level));
    w.open(
        "p",
        &[
            ("part", Some("badge")),
            ("data-level", Some(s.level.as_str())),
        ],
        &format!("ic-badge ic-sev-{}", s.level.as_str()),
    );
    w.open(
        "span",
        &[
            ("role", Some("img")),
            ("aria-label", Some(&severity_name(s))),
        ],
        "ic-badge-level",
    );
    w.open(
        "span",
        &[("aria-hidden", Some("true"))],
        &format!("ic-meter ic-meter-{rank}"),
    );
    for _ in 0..5 {
        w.el("i", "", "");
    }
    w.close("span");
    w.text(level_label(s.level));
    w.close("span");
    if !value.is_empty() {
        w.open(
            "span",
            &[("title", scheme.as_deref())],
            if same { "ic-vh" } else { "ic-badge-value" },
        );
        if same {
            w.text(" (");
            w.text(&value);
            w.text(")");
        } else {
            w.text(&value);
        }
        if let Some(scheme) = &scheme {
            w.open("span", &[], "ic-vh");
            w.text(" (");
            w.text(scheme);
            w.text(")");
            w.close("span");
        }
        w.close("span");
    }
    w.close("p");
}

fn chip(w: &mut W, key: &str, value: &str) {
    w.open("span", &[], "ic-chip");
    w.el("span", "ic-chip-k", key);
    w.text(" ");
    w.text(value);
    w.close("span");
}

fn facets(w: &mut W, severity: &Severity, failure_mode: Option<&str>, ai_surface: Option<&str>) {
    w.open("div", &[], "ic-facets");
    severity_badge(w, severity);
    for (key, value) in [("Failure mode", failure_mode), ("AI surface", ai_surface)] {
        if let Some(v) = value.map(clean).filter(|v| !v.trim().is_empty()) {
            chip(w, key, &v);
        }
    }
    w.close("div");
}

fn summary(w: &mut W, summary: &str, tags: &[String]) {
    let tags: Vec<String> = tags
        .iter()
        .map(|t| clean(t))
        .filter(|t| !t.trim().is_empty())
        .collect();
    w.open("div", &[("part", Some("summary"))], "ic-summary");
    w.el("p", "ic-lede", &clean(summary));
    if !tags.is_empty() {
        w.open("ul", &[("aria-label", Some("Tags"))], "ic-tags");
        for t in &tags {
            w.el("li", "", t);
        }
        w.close("ul");
    }
    w.close("div");
}

fn status_notice(w: &mut W, doc: &Incident) {
    let reason = doc
        .status_reason
        .as_deref()
        .map(clean)
        .filter(|r| !r.trim().is_empty());
    let (class, title, text) = match (doc.status, reason) {
        (Status::Disputed, reason) => (
            "ic-notice ic-notice-disputed",
            "Disputed record.",
            reason.unwrap_or_else(|| "Parts of this record are contested.".to_owned()),
        ),
        (Status::Updated, Some(r)) => ("ic-notice", "Updated.", r),
        _ => return,
    };
    w.open("p", &[("role", Some("note"))], class);
    w.el("strong", "", title);
    w.text(" ");
    w.text(&text);
    w.close("p");
}

fn tombstone(w: &mut W, doc: &Incident) {
    let withdrawn = doc.withdrawn.as_ref();
    let date = withdrawn.and_then(|x| date_parts(&x.date));
    let reason = withdrawn
        .map(|x| clean(&x.reason))
        .filter(|r| !r.trim().is_empty());
    w.open("div", &[("role", Some("note"))], "ic-notice ic-tombstone");
    w.open("p", &[], "");
    w.el("strong", "", "This case has been withdrawn");
    if let Some((machine, words)) = date {
        w.text(" on ");
        time(w, &machine, &words);
    }
    w.text(".");
    w.close("p");
    w.open("p", &[], "");
    w.text("Reason: ");
    w.text(reason.as_deref().unwrap_or("not given."));
    w.close("p");
    w.el("p", "ic-quiet", "Its facts are no longer shown.");
    w.close("div");
}

/// A folding section (the `Collapsible` component).
struct Fold<'a> {
    part: &'a str,
    heading_id: &'a str,
    level: u8,
    title: &'a str,
    note: Option<&'a str>,
    open: bool,
}

/// Writes a [`Fold`]; `body` writes its content.
fn collapsible(w: &mut W, f: Fold, body: impl FnOnce(&mut W)) {
    let Fold {
        part,
        heading_id,
        level,
        title,
        note,
        open,
    } = f;
    w.open(
        "section",
        &[("part", Some(part)), ("aria-labelledby", Some(heading_id))],
        &format!("ic-sec ic-sec-{part}"),
    );
    w.open("details", &[("open", open.then_some("open"))], "ic-fold");
    w.open("summary", &[], "ic-fold-head");
    let tag = heading_tag(level);
    w.open(tag, &[("id", Some(heading_id))], "ic-h");
    w.text(title);
    if let Some(note) = note {
        w.open("span", &[], "ic-note");
        w.text(" ");
        w.text(note);
        w.close("span");
    }
    w.close(tag);
    w.close("summary");
    w.open("div", &[], "ic-fold-body");
    body(w);
    w.close("div");
    w.close("details");
    w.close("section");
}

/// What a claim's citation points at.
struct Ref<'a> {
    id: &'a str,
    number: usize,
    title: String,
    url: Option<String>,
}

fn facts(w: &mut W, doc: &Incident, prefix: &str, level: u8, sources_shown: bool) {
    if doc.claims.is_empty() {
        return;
    }
    let refs: Vec<Ref> = group_sources(doc)
        .into_iter()
        .flat_map(|(_, items)| items)
        .map(|s| Ref {
            id: s.source.id.as_str(),
            number: s.number,
            title: clean(&s.source.title),
            url: s.url.map(String::from),
        })
        .collect();
    // Ids are unique in a valid document; for one that skipped validation, the last source with
    // an id wins, as in the component (a map built in display order).
    let find = |id: &str| refs.iter().rev().find(|r| r.id == id);
    let group_tag = heading_tag(sub_level(level));
    collapsible(
        w,
        Fold {
            part: "facts",
            heading_id: &format!("{prefix}-facts"),
            level,
            title: "Facts",
            note: None,
            open: true,
        },
        |w| {
            for (status, title) in CLAIM_GROUPS.iter() {
                let claims = claims_with(doc, *status);
                if claims.is_empty() {
                    continue;
                }
                let key = status.as_str();
                let id = format!("{prefix}-facts-{key}");
                w.open("div", &[], &format!("ic-claims ic-claims-{key}"));
                w.open(group_tag, &[("id", Some(&id))], "ic-h2");
                w.text(title);
                w.close(group_tag);
                w.open("ul", &[("aria-labelledby", Some(&id))], "");
                for c in claims {
                    w.open("li", &[], "");
                    let tag = if *status == ClaimStatus::Retracted {
                        "s"
                    } else {
                        "span"
                    };
                    w.el(tag, "ic-claim-text", &clean(&c.text));
                    if !c.sources.is_empty() {
                        let number = |id: &&String| find(id).map_or(usize::MAX, |r| r.number);
                        let mut ids =
                            sorted_by(c.sources.iter().collect(), |a, b| number(a).cmp(&number(b)));
                        ids.dedup();
                        w.open("span", &[], "ic-refs");
                        for id in ids {
                            cite(w, doc, prefix, sources_shown, id, find(id));
                        }
                        w.close("span");
                    }
                    w.close("li");
                }
                w.close("ul");
                w.close("div");
            }
        },
    );
}

fn cite(w: &mut W, doc: &Incident, prefix: &str, in_card: bool, id: &str, r: Option<&Ref>) {
    let Some(r) = r else {
        w.open("span", &[], "ic-ref ic-ref-missing");
        w.text("[");
        w.text(&clean(id));
        w.text("]");
        w.close("span");
        return;
    };
    let label = format!("Source {}: {}", r.number, r.title);
    let number = format!("[{}]", r.number);
    if in_card {
        let href = format!("#{}", source_anchor(prefix, id));
        w.open(
            "a",
            &[("href", Some(&href)), ("aria-label", Some(&label))],
            "ic-ref",
        );
        w.text(&number);
        w.close("a");
    } else {
        let label = format!("{label} (opens in a new tab)");
        external(
            w,
            "ic-ref",
            r.url.as_deref(),
            doc.allow_http,
            Some(&label),
            |w| w.text(&number),
        );
    }
}

fn cause_chain(w: &mut W, doc: &Incident, prefix: &str, level: u8) {
    let steps = chain_in_order(doc);
    if steps.is_empty() {
        return;
    }
    collapsible(
        w,
        Fold {
            part: "chain",
            heading_id: &format!("{prefix}-chain"),
            level,
            title: "How it happened",
            note: None,
            open: true,
        },
        |w| {
            w.open("ol", &[], "ic-chain");
            for (stage, text) in steps {
                w.open("li", &[("data-stage", Some(stage.as_str()))], "ic-step");
                w.el("span", "ic-stage", stage.label());
                w.el("span", "ic-vh", ": ");
                w.el("span", "ic-step-text", &clean(text));
                w.close("li");
            }
            w.close("ol");
        },
    );
}

fn impact(w: &mut W, doc: &Incident, prefix: &str, level: u8) {
    let Some(impact) = doc.impact.as_ref() else {
        return;
    };
    let id = format!("{prefix}-impact");
    w.open(
        "section",
        &[("part", Some("impact")), ("aria-labelledby", Some(&id))],
        "ic-sec ic-sec-impact",
    );
    let tag = heading_tag(level);
    w.open(tag, &[("id", Some(&id))], "ic-h");
    w.text("Impact");
    w.close(tag);
    w.el("p", "ic-impact-text", &clean(&impact.summary));
    if impact.duration.is_some() || impact.cost.is_some() {
        w.open("dl", &[], "ic-impact");
        let rows = [
            ("Duration", impact.duration.as_deref().map(duration_text)),
            ("Cost", impact.cost.as_deref().map(clean)),
        ];
        for (term, value) in rows {
            if let Some(value) = value {
                w.open("div", &[], "ic-row");
                w.el("dt", "", term);
                w.el("dd", "", &value);
                w.close("div");
            }
        }
        w.close("dl");
    }
    w.close("section");
}

fn lessons(w: &mut W, doc: &Incident, prefix: &str, level: u8) {
    if doc.lessons.is_empty() {
        return;
    }
    let note = format!("({})", doc.lessons.len());
    collapsible(
        w,
        Fold {
            part: "lessons",
            heading_id: &format!("{prefix}-lessons"),
            level,
            title: "Operational lessons",
            note: Some(&note),
            open: false,
        },
        |w| {
            w.open("ul", &[], "ic-lessons");
            for l in &doc.lessons {
                w.el("li", "", &clean(l));
            }
            w.close("ul");
        },
    );
}

fn sources(w: &mut W, doc: &Incident, prefix: &str, level: u8) {
    let groups = group_sources(doc);
    if groups.is_empty() {
        return;
    }
    let kind_tag = heading_tag(sub_level(level));
    let note = format!("({})", doc.sources.len());
    collapsible(
        w,
        Fold {
            part: "sources",
            heading_id: &format!("{prefix}-sources"),
            level,
            title: "Sources",
            note: Some(&note),
            open: true,
        },
        |w| {
            for (kind, items) in groups {
                let start = items.first().map_or(1, |s| s.number).to_string();
                let id = format!("{prefix}-src-kind-{}", kind.as_str());
                w.open("div", &[("data-kind", Some(kind.as_str()))], "ic-src-group");
                w.open(kind_tag, &[("id", Some(&id))], "ic-h2");
                w.text(kind.label());
                w.close(kind_tag);
                w.open(
                    "ol",
                    &[("start", Some(&start)), ("aria-labelledby", Some(&id))],
                    "ic-sources",
                );
                for s in items {
                    let title = clean(&s.source.title);
                    let meta = source_meta(&s);
                    let anchor = source_anchor(prefix, &s.source.id);
                    w.open("li", &[("id", Some(&anchor)), ("tabindex", Some("-1"))], "");
                    match &s.url {
                        Some(url) => external_text(
                            w,
                            "ic-src-title",
                            Some(url.as_str()),
                            doc.allow_http,
                            &title,
                        ),
                        None => w.el("cite", "ic-src-title", &title),
                    }
                    if !meta.is_empty() {
                        w.el("span", "ic-src-meta", &meta.join(" · "));
                    }
                    w.close("li");
                }
                w.close("ol");
                w.close("div");
            }
        },
    );
}

fn related(w: &mut W, doc: &Incident, prefix: &str, level: u8) {
    if doc.related.is_empty() {
        return;
    }
    let note = format!("({})", doc.related.len());
    collapsible(
        w,
        Fold {
            part: "related",
            heading_id: &format!("{prefix}-related"),
            level,
            title: "Related incidents",
            note: Some(&note),
            open: false,
        },
        |w| {
            w.open("ul", &[], "ic-related");
            for r in &doc.related {
                let summary = r.summary.as_ref();
                let meta = related_meta(summary);
                w.open("li", &[], "ic-rel");
                w.open("p", &[], "ic-rel-head");
                w.el("span", "ic-rel-kind", r.relation.label());
                w.text(" ");
                w.el("span", "ic-id", &clean(&r.id));
                w.close("p");
                if let Some(s) = summary {
                    w.el("p", "ic-rel-title", &clean(&s.title));
                }
                if !meta.is_empty() {
                    w.open("p", &[], "ic-rel-meta");
                    if let Some(l) = summary.and_then(|s| s.severity) {
                        w.open(
                            "span",
                            &[("aria-hidden", Some("true"))],
                            &format!("ic-dot ic-sev-{}", l.as_str()),
                        );
                        w.close("span");
                    }
                    w.text(&meta.join(" · "));
                    w.close("p");
                }
                w.el("p", "ic-rel-reason", &clean(&r.reason));
                w.close("li");
            }
            w.close("ul");
        },
    );
}

fn citation(
    w: &mut W,
    doc: &Incident,
    prefix: &str,
    level: u8,
    case_url: Option<&str>,
    interactive: bool,
) {
    let citation = doc.citation.as_ref();
    let text = citation.map(|c| clean(&c.text)).filter(|t| !t.is_empty());
    let id = format!("{prefix}-cite");
    let tag = heading_tag(level);
    let licence = &doc.licence;
    let modified = doc.dates.modified.as_deref().and_then(date_parts);
    w.open(
        "footer",
        &[("part", Some("citation")), ("aria-labelledby", Some(&id))],
        "ic-sec ic-cite",
    );
    w.open(tag, &[("id", Some(&id))], "ic-h");
    w.text("Cite and reuse");
    w.close(tag);
    if let Some(text) = text {
        w.open("div", &[], "ic-cite-box");
        w.open(
            "pre",
            &[("tabindex", Some("-1")), ("aria-label", Some("Citation"))],
            "ic-cite-text",
        );
        w.text(&text);
        w.close("pre");
        w.open("div", &[], "ic-copy");
        if interactive {
            write_copy_controls(w);
        }
        w.close("div");
        w.close("div");
    }
    w.open("p", &[], "ic-licence");
    w.text("Licence: ");
    external_text(
        w,
        "ic-spdx",
        licence.url.as_deref(),
        doc.allow_http,
        &clean(&licence.spdx),
    );
    w.text(" · Credit: ");
    w.el("span", "ic-attr", &clean(&licence.attribution));
    w.close("p");
    w.open("p", &[], "ic-revision");
    w.text(&format!("Revision {}", doc.revision));
    if let Some((machine, words)) = modified {
        w.text(" · last changed ");
        time(w, &machine, &words);
    }
    if let Some(p) = citation.and_then(|c| c.permalink.as_deref()) {
        w.text(" · ");
        external_text(w, "ic-permalink", Some(p), doc.allow_http, "Permalink");
    }
    if let Some(url) = case_url {
        w.text(" · ");
        external_text(w, "ic-case-link", Some(url), false, "Case page");
    }
    w.close("p");
    w.close("footer");
}

/// What an error card shows (the `ErrorCard` component's properties).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorInfo {
    /// A short machine code, e.g. `fetch`, `not-json`, `version`.
    pub code: String,
    /// What failed, in words a reader understands.
    pub message: String,
    pub case_id: Option<String>,
    /// Link to the case page; shown only when it passes the link policy.
    pub case_url: Option<String>,
    pub theme: Theme,
    pub variant: Variant,
}

/// An error card: what failed and, when known, a link to the case. Never blank.
pub fn error(e: &ErrorInfo, instance: u32) -> String {
    let mut out = HtmlString::new();
    write_error(&mut out, e, instance);
    out.into_string()
}

/// [`error`] into any [`Sink`].
pub fn write_error(w: &mut W, e: &ErrorInfo, instance: u32) {
    let case_id = e
        .case_id
        .as_deref()
        .map(clean)
        .filter(|c| !c.trim().is_empty());
    let prefix = id_prefix(case_id.as_deref().unwrap_or("error"), instance);
    let title_id = format!("{prefix}-title");
    let message = clean(&e.message);
    let message = if message.trim().is_empty() {
        DEFAULT_ERROR.to_owned()
    } else {
        message
    };
    let code = clean(&e.code);
    w.open(
        "article",
        &[
            ("part", Some("card")),
            ("data-theme", Some(e.theme.as_str())),
            ("data-variant", Some(e.variant.as_str())),
            ("aria-labelledby", Some(&title_id)),
        ],
        "ic-card ic-error",
    );
    w.open("p", &[("id", Some(&title_id))], "ic-error-title");
    match &case_id {
        Some(id) => {
            w.text("Incident ");
            w.text(id);
            w.text(" could not be shown");
        }
        None => w.text("This incident could not be shown"),
    }
    w.close("p");
    w.el("p", "ic-error-msg", &message);
    if !code.trim().is_empty() {
        w.open("p", &[], "ic-quiet");
        w.text("Error code: ");
        w.el("code", "", &code);
        w.close("p");
    }
    if let Some(url) = safe_url(e.case_url.as_deref(), false) {
        more(
            w,
            "ic-more-link",
            &url,
            "Read the case on the publisher's site",
        );
    }
    w.close("article");
}

/// The loading state: the box of the final card, so the page does not jump when it arrives.
pub fn skeleton(variant: Variant, theme: Theme) -> String {
    let mut out = HtmlString::new();
    write_skeleton(&mut out, variant, theme);
    out.into_string()
}

/// [`skeleton`] into any [`Sink`].
pub fn write_skeleton(w: &mut W, variant: Variant, theme: Theme) {
    w.open(
        "div",
        &[
            ("part", Some("card")),
            ("data-theme", Some(theme.as_str())),
            ("data-variant", Some(variant.as_str())),
            ("aria-busy", Some("true")),
        ],
        "ic-card ic-skeleton",
    );
    w.open("p", &[("role", Some("status"))], "ic-vh");
    w.text("Loading incident…");
    w.close("p");
    w.open("div", &[("aria-hidden", Some("true"))], "ic-skel");
    for class in ["ic-skel-kicker", "ic-skel-title", "ic-skel-badge"] {
        w.el("span", class, "");
    }
    let lines = match variant {
        Variant::Full => 7,
        Variant::Compact => 3,
    };
    for _ in 0..lines {
        w.el("span", "ic-skel-line", "");
    }
    w.close("div");
    w.close("div");
}

/// A list of incidents from an index, filtered, sorted and limited by `query`.
pub fn list(
    index: &Index,
    query: &ListQuery,
    index_url: Option<&str>,
    theme: Theme,
    heading_level: u8,
) -> String {
    let mut out = HtmlString::new();
    write_list(&mut out, index, query, index_url, theme, heading_level);
    out.into_string()
}

/// [`list`] into any [`Sink`].
pub fn write_list(
    w: &mut W,
    index: &Index,
    query: &ListQuery,
    index_url: Option<&str>,
    theme: Theme,
    heading_level: u8,
) {
    let entries = query.apply(index);
    let level = heading_level.clamp(2, 6);
    w.open(
        "section",
        &[
            ("part", Some("card")),
            ("data-theme", Some(theme.as_str())),
            ("data-variant", Some("compact")),
            ("aria-label", Some("Incidents")),
        ],
        "ic-card ic-list",
    );
    if entries.is_empty() {
        w.el("p", "ic-empty", NO_MATCH);
    } else {
        w.open("ul", &[], "ic-list-items");
        for e in entries {
            w.open("li", &[], "");
            list_entry(w, e, index_url, level);
            w.close("li");
        }
        w.close("ul");
    }
    w.close("section");
}

fn list_entry(w: &mut W, e: &IndexEntry, index_url: Option<&str>, level: u8) {
    let orgs: Vec<String> = e.organisations.iter().map(organisation_label).collect();
    let date = e.occurred.as_deref().and_then(date_parts);
    let url = entry_url(index_url, &e.href);
    let lang = is_valid_lang(&e.lang).then_some(e.lang.as_str());
    w.open("article", &[("lang", lang)], "ic-entry");
    w.open("p", &[], "ic-kicker");
    w.el("span", "ic-id", &id_line(&e.id, &e.aliases));
    if let Some(label) = ai_involvement_label(e.ai_involvement) {
        w.el("span", "ic-flag", label);
    }
    w.close("p");
    w.el(heading_tag(level), "ic-title", &clean(&e.title));
    if !orgs.is_empty() || date.is_some() {
        w.open("p", &[], "ic-meta");
        if !orgs.is_empty() {
            w.el("span", "ic-orgs", &orgs.join(", "));
        }
        if let Some((machine, words)) = date {
            w.open("span", &[], "ic-date");
            time(w, &machine, &words);
            w.close("span");
        }
        w.close("p");
    }
    w.open("div", &[], "ic-facets");
    severity_badge(w, &e.severity);
    if let Some(fm) = e.failure_mode.as_deref().map(clean) {
        chip(w, "Failure mode", &fm);
    }
    w.close("div");
    w.el("p", "ic-lede", &clean(&e.summary));
    w.open("p", &[], "ic-counts");
    let counts = counts_line(&e.counts);
    w.text(counts.as_deref().unwrap_or_default());
    if let Some(url) = url {
        if counts.is_some() {
            w.text(" · ");
        }
        external_text(w, "ic-more-link", Some(&url), false, "Case document");
    }
    w.close("p");
    w.close("article");
}

/// The Copy button and its live region, which only a card running in a browser shows (inside
/// `.ic-copy`, whose height is the same with or without them).
pub fn write_copy_controls(w: &mut W) {
    w.open("button", &[("type", Some("button"))], "ic-btn");
    w.text("Copy citation");
    w.close("button");
    w.open(
        "span",
        &[("role", Some("status")), ("aria-live", Some("polite"))],
        "ic-copy-status",
    );
    w.close("span");
}

/// A short fingerprint of a rendered card (64-bit FNV-1a, 16 hex digits). A pre-rendered snippet
/// carries the fingerprint of its card (`data-render` on its `.ic-root`); the widget renders the
/// live document to a string, and when the fingerprints match, the pre-rendered card is the live
/// card already: the widget keeps its DOM instead of building and laying out a copy.
pub fn fingerprint(html: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in html.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
