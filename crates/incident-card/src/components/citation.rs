//! How to cite and reuse the case: citation text with a Copy button, licence, permalink, revision.
//!
//! The Copy button appears only once the card runs in a browser (an effect turns it on), so a
//! static render never shows a button that cannot work; its row has a fixed height either way. Copying uses the clipboard API; when it is
//! missing or refused, the citation text is selected instead and the reader is told to press
//! Ctrl+C. Either way the outcome is announced through a live region.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::components::dated_phrase::dated_phrase;
use crate::components::external_link::external_link;
use crate::dom;
use crate::i18n::{Msg, Ui};
use crate::view::{case_link, clean, CopyState};

#[derive(Properties)]
pub struct CitationProps {
    pub doc: Rc<Incident>,
    pub prefix: AttrValue,
    pub heading_level: u8,
    /// The card's link to the case page, already checked.
    #[prop_or_default]
    pub case_url: Option<AttrValue>,
    /// The card's languages.
    #[prop_or_default]
    pub ui: Ui,
}

/// The same document (the same `Rc`; see [`crate::CardProps`]) and the same other props.
impl PartialEq for CitationProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.prefix == other.prefix
            && self.heading_level == other.heading_level
            && self.case_url == other.case_url
            && self.ui == other.ui
    }
}

#[function_component]
pub fn CitationBlock(props: &CitationProps) -> Html {
    let doc = &props.doc;
    let ui = &props.ui;
    let t = &ui.t;
    // `None` until the card runs in a browser (the effect), then the last press's outcome.
    let copy = use_state_eq(|| None::<CopyState>);
    let text_ref = use_node_ref();
    let copy_ref = use_node_ref();
    {
        let copy = copy.clone();
        use_effect_with((), move |_| copy.set(Some(CopyState::Idle)));
    }
    let citation = doc.citation.as_ref();
    let text = citation.map(|c| clean(&c.text)).filter(|t| !t.is_empty());
    let on_copy = {
        let state = copy.clone();
        let text_ref = text_ref.clone();
        let text = text.clone().unwrap_or_default();
        Callback::from(move |e: MouseEvent| {
            if !dom::on_button(&e) {
                return;
            }
            let state = state.clone();
            let text_ref = text_ref.clone();
            let text = text.clone();
            yew::platform::spawn_local(async move {
                let next = if dom::write_clipboard(&text).await.is_ok() {
                    CopyState::Copied
                } else if dom::select_contents(&text_ref) {
                    CopyState::Selected
                } else {
                    CopyState::Failed
                };
                state.set(Some(next));
            });
        })
    };
    dom::use_click(copy_ref.clone(), on_copy);
    let id = format!("{}-cite", props.prefix);
    let tag = format!("h{}", props.heading_level.clamp(2, 6));
    let licence = &doc.licence;
    let permalink = citation.and_then(|c| c.permalink.clone());
    let modified = doc.dates.modified.as_deref().and_then(|d| t.date_parts(d));
    html! {
        <footer class="ic-sec ic-cite" part="citation" aria-labelledby={id.clone()}>
            <@{tag} class="ic-h" id={id.clone()}>{ t.get(Msg::CiteHeading) }</@>
            if let Some(text) = text {
                <div class="ic-cite-box">
                    <pre class="ic-cite-text" ref={text_ref} tabindex="-1"
                        aria-label={t.get(Msg::CiteLabel)} lang={ui.lang.clone()}>{ text }</pre>
                    // The row keeps its height before the button exists, so a pre-rendered card
                    // does not move when the widget upgrades it.
                    <div class="ic-copy" ref={copy_ref.clone()}>
                        if let Some(state) = *copy {
                            <button type="button" class="ic-btn">
                                { t.get(Msg::CiteCopy) }
                            </button>
                            <span class="ic-copy-status" role="status" aria-live="polite">
                                { state.message(t) }
                            </span>
                        }
                    </div>
                </div>
            }
            <p class="ic-licence">
                { t.get(Msg::CiteLicence) }{ " " }
                { external_link(licence.url.as_deref(), doc.allow_http, None,
                    html! { clean(&licence.spdx) }, t) }
                { " · " }{ t.get(Msg::CiteCredit) }{ " " }
                <span class="ic-attr" lang={ui.lang.clone()}>{ clean(&licence.attribution) }</span>
            </p>
            <p class="ic-revision">
                { t.fmt(Msg::CiteRevision, &[("n", &doc.revision.to_string())]) }
                if let Some((machine, words)) = modified {
                    { " · " }{ dated_phrase(t.get(Msg::CiteChanged), machine, words) }
                }
                if let Some(p) = permalink {
                    <>{ " · " }
                    { external_link(Some(&p), doc.allow_http, None, html! { t.get(Msg::CitePermalink) }, t) }</>
                }
                if let Some(url) = props.case_url.clone() {
                    <>{ " · " }
                    { external_link(Some(&url), false, None, html! { t.get(Msg::LinkCasePage) }, t) }</>
                }
            </p>
        </footer>
    }
}

/// The checked case link of a card, for [`CitationProps::case_url`].
pub fn card_case_link(doc: &Incident, case_url: Option<&str>) -> Option<AttrValue> {
    case_link(doc, case_url).map(AttrValue::from)
}
