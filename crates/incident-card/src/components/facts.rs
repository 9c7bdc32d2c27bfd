//! Facts: verified claims and claims not publicly confirmed as separate lists, disputed and
//! retracted claims in their own marked groups; each claim cites its sources by number.

use std::collections::HashMap;
use std::rc::Rc;

use incident_model::{ClaimStatus, Incident};
use yew::prelude::*;

use crate::components::collapsible::Collapsible;
use crate::components::external_link::ExternalLink;
use crate::view::{claims_with, clean, group_sources, source_anchor, sub_level, CLAIM_GROUPS};

#[derive(Properties, PartialEq)]
pub struct FactsProps {
    pub doc: Rc<Incident>,
    pub prefix: AttrValue,
    /// Level of the section heading.
    pub heading_level: u8,
    /// Whether the card lists the sources (then citations link inside the card).
    pub sources_shown: bool,
}

/// What a claim's citation points at.
#[derive(Clone)]
struct Ref {
    number: usize,
    title: String,
    url: Option<String>,
}

/// A claim's source ids in the order the card numbers them (unknown ids last), without repeats.
fn cited<'a>(refs: &HashMap<&str, Ref>, ids: &'a [String]) -> Vec<&'a String> {
    let number = |id: &&String| refs.get(id.as_str()).map_or(usize::MAX, |r| r.number);
    let mut ids = crate::view::sorted_by(ids.iter().collect(), |a, b| number(a).cmp(&number(b)));
    ids.dedup();
    ids
}

#[function_component]
pub fn Facts(props: &FactsProps) -> Html {
    let doc = &props.doc;
    if doc.claims.is_empty() {
        return html! {};
    }
    let refs: HashMap<&str, Ref> = group_sources(doc)
        .into_iter()
        .flat_map(|(_, items)| items)
        .map(|s| {
            (
                s.source.id.as_str(),
                Ref {
                    number: s.number,
                    title: clean(&s.source.title),
                    url: s.url.map(String::from),
                },
            )
        })
        .collect();
    let group_level = sub_level(props.heading_level);
    let group_tag = format!("h{group_level}");
    let cite = |id: &String| -> Html {
        let Some(r) = refs.get(id.as_str()).cloned() else {
            return html! { <span class="ic-ref ic-ref-missing">{ format!("[{}]", clean(id)) }</span> };
        };
        let label = format!("Source {}: {}", r.number, r.title);
        if props.sources_shown {
            let href = format!("#{}", source_anchor(&props.prefix, id));
            // A click moves to the source inside the card (the card's listener: `dom::follow_ref`).
            html! {
                <a class="ic-ref" {href} aria-label={label}>{ format!("[{}]", r.number) }</a>
            }
        } else {
            html! {
                <ExternalLink class="ic-ref" href={r.url.map(AttrValue::from)} allow_http={doc.allow_http}
                    label={AttrValue::from(format!("{label} (opens in a new tab)"))}>
                    { format!("[{}]", r.number) }
                </ExternalLink>
            }
        }
    };
    let groups = CLAIM_GROUPS.iter().filter_map(|(status, title)| {
        let claims = claims_with(doc, *status);
        if claims.is_empty() {
            return None;
        }
        let key = status.as_str();
        let items = claims.into_iter().map(|c| {
            let text = clean(&c.text);
            html! {
                <li>
                    if *status == ClaimStatus::Retracted {
                        <s class="ic-claim-text">{ text }</s>
                    } else {
                        <span class="ic-claim-text">{ text }</span>
                    }
                    if !c.sources.is_empty() {
                        <span class="ic-refs">{ for cited(&refs, &c.sources).into_iter().map(&cite) }</span>
                    }
                </li>
            }
        });
        let id = format!("{}-facts-{key}", props.prefix);
        Some(html! {
            <div class={classes!("ic-claims", format!("ic-claims-{key}"))}>
                <@{group_tag.clone()} class="ic-h2" id={id.clone()}>{ *title }</@>
                <ul aria-labelledby={id}>{ for items }</ul>
            </div>
        })
    });
    html! {
        <Collapsible part="facts" heading_id={format!("{}-facts", props.prefix)}
            heading_level={props.heading_level} title="Facts">
            { for groups }
        </Collapsible>
    }
}
