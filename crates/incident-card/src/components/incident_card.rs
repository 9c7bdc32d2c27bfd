//! The card: one incident, full or compact, or a tombstone when the case was withdrawn.

use std::rc::Rc;

use incident_model::validate::is_valid_lang;
use incident_model::{Counts, Incident, Status};
use yew::prelude::*;

use crate::components::card_header::CardHeader;
use crate::components::cause_chain::CauseChain;
use crate::components::citation::{card_case_link, CitationBlock};
use crate::components::external_link::ExternalLink;
use crate::components::facets::Facets;
use crate::components::facts::Facts;
use crate::components::impact::ImpactBlock;
use crate::components::lessons::Lessons;
use crate::components::related::RelatedBlock;
use crate::components::sources::Sources;
use crate::components::status_notice::StatusNotice;
use crate::components::summary::Summary;
use crate::components::tombstone::Tombstone;
use crate::dom;
use crate::options::{CardOptions, Section, Variant};
use crate::view::{counts_line, id_prefix, next_instance, sub_level};

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub doc: Rc<Incident>,
    pub options: CardOptions,
}

#[function_component]
pub fn IncidentCard(props: &CardProps) -> Html {
    let instance = use_state(next_instance);
    let card_ref = use_node_ref();
    dom::use_click(
        card_ref.clone(),
        Callback::from(|e: MouseEvent| dom::follow_ref(&e)),
    );
    let doc = &props.doc;
    let o = &props.options;
    let prefix = AttrValue::from(id_prefix(&doc.id, *instance));
    let title_id = AttrValue::from(format!("{prefix}-title"));
    let level = o.heading_level.clamp(2, 6);
    let sub = sub_level(level);
    let lang = props
        .options
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| is_valid_lang(l))
        .or_else(|| is_valid_lang(&doc.lang).then_some(doc.lang.as_str()))
        .map(str::to_owned);
    let case_url = card_case_link(doc, o.case_url.as_deref());
    let withdrawn = doc.status == Status::Withdrawn;
    let shows = |s: Section| o.sections.contains(s);

    let body = if withdrawn {
        html! {
            <>
                <Tombstone doc={doc.clone()} />
                if let Some(url) = case_url.clone() {
                    <p class="ic-more"><ExternalLink href={url}>{ "Case page" }</ExternalLink></p>
                }
            </>
        }
    } else if o.variant == Variant::Compact {
        let counts = counts_line(&Counts::of(doc));
        html! {
            <>
                <StatusNotice doc={doc.clone()} />
                <Facets severity={doc.severity.clone()} failure_mode={doc.failure_mode.clone()} />
                <Summary summary={doc.summary.clone()} />
                if let Some(counts) = counts {
                    <p class="ic-counts">{ counts }</p>
                }
                if let Some(url) = case_url.clone() {
                    <p class="ic-more">
                        <ExternalLink class="ic-more-link" href={url}>{ "Read the full case" }</ExternalLink>
                    </p>
                }
            </>
        }
    } else {
        html! {
            <>
                <StatusNotice doc={doc.clone()} />
                <Facets severity={doc.severity.clone()} failure_mode={doc.failure_mode.clone()}
                    ai_surface={doc.ai_surface.clone()} />
                if shows(Section::Summary) {
                    <Summary summary={doc.summary.clone()} tags={doc.tags.clone()} />
                }
                if shows(Section::Facts) {
                    <Facts doc={doc.clone()} prefix={prefix.clone()} heading_level={sub}
                        sources_shown={shows(Section::Sources)} />
                }
                if shows(Section::Chain) {
                    <CauseChain doc={doc.clone()} prefix={prefix.clone()} heading_level={sub} />
                }
                if shows(Section::Impact) {
                    <ImpactBlock doc={doc.clone()} prefix={prefix.clone()} heading_level={sub} />
                }
                if shows(Section::Lessons) {
                    <Lessons doc={doc.clone()} prefix={prefix.clone()} heading_level={sub} />
                }
                if shows(Section::Sources) {
                    <Sources doc={doc.clone()} prefix={prefix.clone()} heading_level={sub} />
                }
                if shows(Section::Related) {
                    <RelatedBlock doc={doc.clone()} prefix={prefix.clone()} heading_level={sub} />
                }
                if shows(Section::Citation) {
                    <CitationBlock doc={doc.clone()} prefix={prefix.clone()} heading_level={sub}
                        case_url={case_url.clone()} />
                } else if let Some(url) = case_url.clone() {
                    <p class="ic-more"><ExternalLink href={url}>{ "Case page" }</ExternalLink></p>
                }
            </>
        }
    };
    html! {
        <article class={classes!("ic-card", withdrawn.then_some("ic-withdrawn"))} part="card"
            data-theme={o.theme.as_str()} data-variant={o.variant.as_str()}
            data-status={doc.status.as_str()} {lang} aria-labelledby={title_id.clone()} ref={card_ref}>
            <CardHeader doc={doc.clone()} heading_level={level} {title_id} />
            { body }
        </article>
    }
}
