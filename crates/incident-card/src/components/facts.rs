//! Facts: verified claims and claims not publicly confirmed as separate lists, disputed and
//! retracted claims in their own marked groups; each claim cites its sources by number.

use incident_model::{ClaimStatus, Incident};
use yew::prelude::*;

use crate::components::collapsible::{collapsible, heading};
use crate::components::external_link::external_link;
use crate::i18n::{Msg, Ui};
use crate::view::{claims_with, clean, group_sources, source_anchor, sub_level, CLAIM_GROUPS};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct FactsProps<'a> {
    pub doc: &'a Incident,
    pub prefix: &'a str,
    /// Level of the section heading.
    pub heading_level: u8,
    /// Whether the card lists the sources (then citations link inside the card).
    pub sources_shown: bool,
    /// The claims' texts in the reader's language, one per claim, with the languages they are
    /// shown in; `None` for the original texts.
    pub translated: Option<(&'a [String], &'a Ui)>,
}

/// What a claim's citation points at.
#[derive(Clone)]
struct Ref {
    number: usize,
    title: String,
    url: Option<String>,
}

/// The sources of a card by id: a list, as a card has a handful (a map would cost the module its
/// hashing code for nothing).
struct Refs<'a>(Vec<(&'a str, Ref)>);

impl Refs<'_> {
    fn get(&self, id: &str) -> Option<&Ref> {
        self.0.iter().find(|(k, _)| *k == id).map(|(_, r)| r)
    }
}

/// A claim's source ids in the order the card numbers them (unknown ids last), without repeats.
fn cited<'a>(refs: &Refs<'_>, ids: &'a [String]) -> Vec<&'a String> {
    let number = |id: &&String| refs.get(id.as_str()).map_or(usize::MAX, |r| r.number);
    let mut ids = crate::view::sorted_by(ids.iter().collect(), |a, b| number(a).cmp(&number(b)));
    ids.dedup();
    ids
}

pub fn facts_block(props: &FactsProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let doc = props.doc;
    if doc.claims.is_empty() {
        return html! {};
    }
    let mut refs = Refs(Vec::with_capacity(doc.sources.len()));
    for s in group_sources(doc).into_iter().flat_map(|(_, items)| items) {
        let r = Ref {
            number: s.number,
            title: clean(&s.source.title),
            url: s.url.map(String::from),
        };
        refs.0.push((s.source.id.as_str(), r));
    }
    let text_lang = props.translated.map_or(&ui.lang, |(_, ui)| &ui.lang);
    let group_level = sub_level(props.heading_level);
    let cite = |id: &String| -> Html {
        let Some(r) = refs.get(id.as_str()).cloned() else {
            return html! { <span class="ic-ref ic-ref-missing">{ format!("[{}]", clean(id)) }</span> };
        };
        let label = t.fmt(
            Msg::FactsSource,
            &[("n", &r.number.to_string()), ("title", &r.title)],
        );
        if props.sources_shown {
            let href = format!("#{}", source_anchor(props.prefix, id));
            // A click moves to the source inside the card (the card's listener: `dom::follow_ref`).
            html! {
                <a class="ic-ref" {href} aria-label={label}>{ format!("[{}]", r.number) }</a>
            }
        } else {
            html! {
                <span class="ic-ref">{ external_link(r.url.as_deref(), doc.allow_http,
                    Some(format!("{label} {}", t.get(Msg::LinkNewTab))), html! { format!("[{}]", r.number) }, t) }</span>
            }
        }
    };
    // Built in loops rather than iterator chains, which cost the module several times the code.
    let mut groups = Vec::new();
    for (status, title) in CLAIM_GROUPS {
        let claims = claims_with(doc, status);
        if claims.is_empty() {
            continue;
        }
        let key = status.as_str();
        let mut items = Vec::with_capacity(claims.len());
        for (i, c) in claims {
            let text = clean(
                props
                    .translated
                    .and_then(|(texts, _)| texts.get(i))
                    .unwrap_or(&c.text),
            );
            let mut cites = Vec::new();
            for id in cited(&refs, &c.sources) {
                cites.push(cite(id));
            }
            items.push(html! {
                <li>
                    if status == ClaimStatus::Retracted {
                        <s class="ic-claim-text">{ text }</s>
                    } else {
                        <span class="ic-claim-text">{ text }</span>
                    }
                    if !cites.is_empty() {
                        <span class="ic-refs">{ for cites }</span>
                    }
                </li>
            });
        }
        let id = AttrValue::from(format!("{}-facts-{key}", props.prefix));
        groups.push(html! {
            <div class="ic-claims" data-claims={key}>
                { heading(group_level, "ic-h2", id.clone(), None, html! { t.get(title) }) }
                // The claims are the document's text: its language on the whole list, so claims in
                // English inside a right-to-left card are left-to-right lines (bullets and indent
                // included), each with its sources after it.
                <ul aria-labelledby={id} lang={text_lang.clone()}>{ for items }</ul>
            </div>
        });
    }
    html! {
        { collapsible(props.prefix, "facts", props.heading_level, t.get(Msg::FactsHeading), None, true, html! {
            { for groups }
        }) }
    }
}
