//! Sources, grouped by kind and numbered in display order (the numbers claims cite). Each shows
//! the publisher's domain; a source without an address is a citation without a link.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::Collapsible;
use crate::components::external_link::ExternalLink;
use crate::view::{clean, group_sources, source_anchor, source_meta, sub_level};

#[derive(Properties, PartialEq)]
pub struct SourcesProps {
    pub doc: Rc<Incident>,
    pub prefix: AttrValue,
    pub heading_level: u8,
}

#[function_component]
pub fn Sources(props: &SourcesProps) -> Html {
    let doc = &props.doc;
    let groups = group_sources(doc);
    if groups.is_empty() {
        return html! {};
    }
    let kind_tag = format!("h{}", sub_level(props.heading_level));
    let groups = groups.into_iter().map(|(kind, items)| {
        let start = items.first().map_or(1, |s| s.number);
        let id = format!("{}-src-kind-{}", props.prefix, kind.as_str());
        html! {
            <div class="ic-src-group" data-kind={kind.as_str()}>
                <@{kind_tag.clone()} class="ic-h2" id={id.clone()}>{ kind.label() }</@>
                <ol class="ic-sources" start={start.to_string()} aria-labelledby={id}>
                    { for items.into_iter().map(|s| {
                        let title = clean(&s.source.title);
                        let meta = source_meta(&s);
                        html! {
                            <li id={source_anchor(&props.prefix, &s.source.id)} tabindex="-1">
                                if s.url.is_some() {
                                    <ExternalLink class="ic-src-title"
                                        href={s.url.as_ref().map(|u| AttrValue::from(u.to_string()))}
                                        allow_http={doc.allow_http}>{ title }</ExternalLink>
                                } else {
                                    <cite class="ic-src-title">{ title }</cite>
                                }
                                if !meta.is_empty() {
                                    <span class="ic-src-meta">{ meta.join(" · ") }</span>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    });
    html! {
        <Collapsible part="sources" heading_id={format!("{}-sources", props.prefix)}
            heading_level={props.heading_level} title="Sources"
            note={AttrValue::from(format!("({})", doc.sources.len()))}>
            { for groups }
        </Collapsible>
    }
}
