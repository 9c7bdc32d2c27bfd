//! The card: one incident, full or compact, or a tombstone when the case was withdrawn.

use std::rc::Rc;

use incident_model::validate::is_valid_lang;
use incident_model::{Counts, Incident, Status};
use yew::prelude::*;

use crate::components::card_header::{card_header, CardHeaderProps};
use crate::components::cause_chain::{cause_chain, CauseChainProps};
use crate::components::citation::{card_case_link, citation_block, copy_citation, CitationProps};
use crate::components::external_link::external_link;
use crate::components::facets::{facets, FacetsProps};
use crate::components::facts::{facts_block, FactsProps};
use crate::components::impact::{impact_block, ImpactProps};
use crate::components::lessons::{lessons_block, LessonsProps};
use crate::components::related::{related_block, RelatedProps};
use crate::components::revision_notice::{revision_notice, RevisionNoticeProps};
use crate::components::sources::{sources_block, SourcesProps};
use crate::components::status_notice::{status_notice, StatusNoticeProps};
use crate::components::summary::{summary_block, SummaryProps};
use crate::components::tombstone::{tombstone, TombstoneProps};
use crate::dom;
use crate::i18n::{Msg, Texts, Ui};
use crate::options::{CardOptions, Section, Variant};
use crate::shown::Shown;
use crate::view::{counts_line, id_prefix, next_instance, sub_level, CopyState};

#[derive(Properties)]
pub struct CardProps {
    pub doc: Rc<Incident>,
    pub options: CardOptions,
}

/// The same document (the same `Rc`, not an equal copy: a document is never changed in place,
/// and comparing two field by field would carry a comparison of every type of the model into
/// the module) with the same options.
impl PartialEq for CardProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc) && self.options == other.options
    }
}

#[function_component]
pub fn IncidentCard(props: &CardProps) -> Html {
    let instance = use_state(next_instance);
    let card_ref = use_node_ref();
    // The citation's Copy button: `None` until the card runs in a browser (the effect), so a
    // static render never shows a button that cannot work; then the last press's outcome.
    let copy = use_state_eq(|| None::<CopyState>);
    let cite_ref = use_node_ref();
    {
        let copy = copy.clone();
        use_effect_with((), move |_| copy.set(Some(CopyState::Idle)));
    }
    // One listener for the card: the Copy button, and source numbers that move inside the card.
    let on_click = {
        let (doc, copy, cite_ref) = (props.doc.clone(), copy.clone(), cite_ref.clone());
        Callback::from(move |e: MouseEvent| {
            if dom::on_copy_button(&e) {
                copy_citation(&doc, &cite_ref, &copy);
            } else {
                dom::follow_ref(&e);
            }
        })
    };
    dom::use_click(card_ref.clone(), on_click);
    let doc = &props.doc;
    let o = &props.options;
    let prefix = AttrValue::from(id_prefix(&doc.id, *instance));
    let title_id = AttrValue::from(format!("{prefix}-title"));
    let level = o.heading_level.clamp(2, 6);
    let sub = sub_level(level);
    // Two languages: the reader's for the card's own words, the document's for its text (or the
    // reader's, where the document has a translation).
    let t = Texts::for_tag(o.lang.as_deref());
    let shown = Shown::new(
        doc,
        o.lang.as_deref().unwrap_or(t.locale().tag()),
        Ui::new(t, is_valid_lang(&doc.lang).then_some(doc.lang.as_str())),
    );
    let ui = &shown.ui;
    let t = &ui.t;
    let case_url = card_case_link(doc, o.case_url.as_deref());
    let withdrawn = doc.status == Status::Withdrawn;
    let shows = |s: Section| o.sections.contains(s);
    // Which of the translatable parts the card shows (title, summary, claims, lessons), for the
    // line that says which of them are translated.
    let full = !withdrawn && o.variant == Variant::Full;
    let note = shown.note([
        true,
        !withdrawn && (o.variant == Variant::Compact || shows(Section::Summary)),
        full && shows(Section::Facts),
        full && shows(Section::Lessons),
    ]);

    // The link to the case page closes a card without its citation section (which holds it);
    // a compact card's says "full case".
    let more = if o.variant == Variant::Compact && !withdrawn {
        Some(Msg::LinkFullCase)
    } else {
        (withdrawn || !shows(Section::Citation)).then_some(Msg::LinkCasePage)
    };
    // What changed since the revision the page embedded (nothing when it is the live one).
    let pin = o.revision.map(|embedded| {
        revision_notice(
            &RevisionNoticeProps {
                doc,
                embedded,
                link_only: withdrawn,
            },
            ui,
        )
    });
    let body = if withdrawn {
        html! { <>{ tombstone(&TombstoneProps { doc }, ui) }{ pin }</> }
    } else {
        html! {
            <>
                { pin }
                { status_notice(&StatusNoticeProps { doc }, ui) }
                { facets(&FacetsProps { severity: &doc.severity, failure_mode: doc.failure_mode.as_deref(),
                    ai_surface: doc.ai_surface.as_deref().filter(|_| full) }, ui) }
                if !full {
                    { summary_block(&SummaryProps { summary: shown.summary(), tags: &[] }, ui) }
                    if let Some(counts) = counts_line(&Counts::of(doc), t) {
                        <p class="ic-counts">{ counts }</p>
                    }
                } else {
                    if shows(Section::Summary) {
                        { summary_block(&SummaryProps { summary: shown.summary(), tags: &doc.tags }, ui) }
                    }
                    if shows(Section::Facts) {
                        { facts_block(&FactsProps { doc, prefix: &prefix, heading_level: sub,
                            sources_shown: shows(Section::Sources), translated: shown.claims() }, ui) }
                    }
                    if shows(Section::Chain) {
                        { cause_chain(&CauseChainProps { doc, prefix: &prefix, heading_level: sub }, ui) }
                    }
                    if shows(Section::Impact) {
                        { impact_block(&ImpactProps { doc, prefix: &prefix, heading_level: sub }, ui) }
                    }
                    if shows(Section::Lessons) {
                        { lessons_block(&LessonsProps { lessons: shown.lessons(), prefix: &prefix, heading_level: sub }, ui) }
                    }
                    if shows(Section::Sources) {
                        { sources_block(&SourcesProps { doc, prefix: &prefix, heading_level: sub }, ui) }
                    }
                    if shows(Section::Related) {
                        { related_block(&RelatedProps { doc, prefix: &prefix, heading_level: sub }, ui) }
                    }
                    if shows(Section::Citation) {
                        { citation_block(&CitationProps { doc, prefix: &prefix, heading_level: sub,
                            case_url: case_url.clone(), copy: *copy, text_ref: &cite_ref }, ui) }
                    }
                }
            </>
        }
    };
    html! {
        <article class="ic-card" part="card"
            data-theme={o.theme.as_str()} data-variant={o.variant.as_str()}
            data-status={doc.status.as_str()} lang={t.locale().tag()} dir={ui.card_dir()}
            aria-labelledby={title_id.clone()} ref={card_ref}>
            { card_header(&CardHeaderProps { doc, heading_level: level, title_id, shown: &shown, note }, ui) }
            { body }
            if let (Some(url), Some(words)) = (case_url, more) {
                <p class="ic-more">{ external_link(Some(&url), false, None, html! { t.get(words) }, t) }</p>
            }
        </article>
    }
}
