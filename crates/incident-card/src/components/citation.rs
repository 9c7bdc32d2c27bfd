//! How to cite and reuse the case: citation text with a Copy button, licence, permalink, revision.
//!
//! The Copy button appears only once the card runs in a browser (an effect turns it on), so a
//! static render never shows a button that cannot work; its row has a fixed height either way. Copying uses the clipboard API; when it is
//! missing or refused, the citation text is selected instead and the reader is told to press
//! Ctrl+C. Either way the outcome is announced through a live region.

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::heading;
use crate::components::dated_phrase::dated_phrase;
use crate::components::external_link::external_link;
use crate::dom;
use crate::i18n::{Msg, Ui};
use crate::view::{case_link, clean, CopyState};

/// What it shows (a plain struct: this part is a function, not a component; the card keeps the
/// Copy button's state and handles its clicks, see [`copy_citation`]).
pub struct CitationProps<'a> {
    pub doc: &'a Incident,
    pub prefix: &'a str,
    pub heading_level: u8,
    /// The card's link to the case page, already checked.
    pub case_url: Option<AttrValue>,
    /// `None` until the card runs in a browser (an effect), then the last press's outcome.
    pub copy: Option<CopyState>,
    /// The citation text's element, selected when the clipboard refuses.
    pub text_ref: &'a NodeRef,
}

/// For a click on the Copy button (the card's one listener): copies the citation, or selects it
/// when the clipboard is missing or refused, and reports the outcome through `state`.
pub fn copy_citation(
    doc: &Incident,
    text_ref: &NodeRef,
    state: &UseStateHandle<Option<CopyState>>,
) {
    let text = doc
        .citation
        .as_ref()
        .map(|c| clean(&c.text))
        .unwrap_or_default();
    let state = state.clone();
    let text_ref = text_ref.clone();
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
}

pub fn citation_block(props: &CitationProps<'_>, ui: &Ui) -> Html {
    let doc = props.doc;
    let t = &ui.t;
    let citation = doc.citation.as_ref();
    let text = citation.map(|c| clean(&c.text)).filter(|t| !t.is_empty());
    let id = AttrValue::from(format!("{}-cite", props.prefix));
    let licence = &doc.licence;
    let permalink = citation.and_then(|c| c.permalink.clone());
    let modified = doc.dates.modified.as_deref().and_then(|d| t.date_parts(d));
    html! {
        // (Unnamed: a footer inside an article is a generic element, which ARIA forbids naming.)
        <footer class="ic-sec ic-cite" part="citation">
            { heading(props.heading_level, "ic-h", id, None, html! { t.get(Msg::CiteHeading) }) }
            if let Some(text) = text {
                <div class="ic-cite-box">
                    // No label of its own: its heading is just above, and ARIA forbids naming a
                    // `pre` (a generic element).
                    <pre class="ic-cite-text" ref={props.text_ref.clone()} tabindex="-1"
                        lang={ui.lang.clone()}>{ text }</pre>
                    // The row keeps its height before the button exists, so a pre-rendered card
                    // does not move when the widget upgrades it.
                    <div class="ic-copy">
                        if let Some(state) = props.copy {
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
