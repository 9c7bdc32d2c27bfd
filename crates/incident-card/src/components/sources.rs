//! Sources, grouped by kind and numbered in display order (the numbers claims cite). Each shows
//! the publisher's domain; a source without an address is a citation without a link.

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::{collapsible, heading};
use crate::components::external_link::external_link;
use crate::i18n::{Msg, Ui};
use crate::view::{clean, group_sources, source_anchor, source_meta, sub_level};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct SourcesProps<'a> {
    pub doc: &'a Incident,
    pub prefix: &'a str,
    pub heading_level: u8,
}

pub fn sources_block(props: &SourcesProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let doc = props.doc;
    let groups = group_sources(doc);
    if groups.is_empty() {
        return html! {};
    }
    let kind_level = sub_level(props.heading_level);
    let mut blocks = Vec::with_capacity(groups.len());
    for (kind, items) in groups {
        let start = items.first().map_or(1, |s| s.number);
        let id = AttrValue::from(format!("{}-src-kind-{}", props.prefix, kind.as_str()));
        let mut entries = Vec::with_capacity(items.len());
        for s in items {
            let title = clean(&s.source.title);
            let meta = source_meta(&s, t);
            entries.push(html! {
                <li id={source_anchor(props.prefix, &s.source.id)} tabindex="-1">
                    <cite class="ic-src-title" lang={ui.lang.clone()}>
                        { external_link(s.url.as_ref().map(|u| u.as_str()),
                            doc.allow_http, None, html! { title }, t) }
                    </cite>
                    if let Some(meta) = meta {
                        <span class="ic-src-meta">{ meta }</span>
                    }
                </li>
            });
        }
        blocks.push(html! {
            <div class="ic-src-group" data-kind={kind.as_str()}>
                { heading(kind_level, "ic-h2", id.clone(), None, html! { t.kind(kind) }) }
                <ol class="ic-sources" start={start.to_string()} aria-labelledby={id}>{ for entries }</ol>
            </div>
        });
    }
    html! {
        { collapsible(props.prefix, "sources", props.heading_level, t.get(Msg::SourcesHeading), Some(doc.sources.len()), true, html! {
            { for blocks }
        }) }
    }
}
