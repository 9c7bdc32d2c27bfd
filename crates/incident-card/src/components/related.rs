//! Related incidents: the relation, why, and enough of the other case to recognise it.

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::collapsible;
use crate::i18n::{Msg, Ui};
use crate::view::{clean, related_meta};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct RelatedProps<'a> {
    pub doc: &'a Incident,
    pub prefix: &'a str,
    pub heading_level: u8,
}

pub fn related_block(props: &RelatedProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let related = &props.doc.related;
    if related.is_empty() {
        return html! {};
    }
    let mut items = Vec::with_capacity(related.len());
    for r in related {
        let summary = r.summary.as_ref();
        let meta = related_meta(summary, t);
        items.push(html! {
            <li class="ic-rel">
                <p class="ic-rel-head">
                    <span class="ic-rel-kind">{ t.relation(r.relation) }</span>
                    { " " }
                    <span class="ic-id">{ clean(&r.id) }</span>
                </p>
                if let Some(s) = summary {
                    <p class="ic-rel-title" lang={ui.lang.clone()}>{ clean(&s.title) }</p>
                }
                if let Some(meta) = meta {
                    <p class="ic-rel-meta">
                        if let Some(l) = summary.and_then(|s| s.severity) {
                            <span class="ic-dot" data-level={l.as_str()}
                                aria-hidden="true"></span>
                        }
                        { meta }
                    </p>
                }
                <p class="ic-rel-reason" lang={ui.lang.clone()}>{ clean(&r.reason) }</p>
            </li>
        });
    }
    html! {
        { collapsible(props.prefix, "related", props.heading_level, t.get(Msg::RelatedHeading), Some(related.len()), false, html! {
            <ul class="ic-related">{ for items }</ul>
        }) }
    }
}
