//! One entry of an incident list: a compact card from the index alone.

use incident_model::IndexEntry;
use yew::prelude::*;

use crate::components::external_link::external_link;
use crate::components::severity_badge::{severity_badge, SeverityBadgeProps};
use crate::i18n::{Msg, Texts, Ui};
use crate::view::{
    ai_involvement_label, clean, counts_line, entry_url, id_line, organisation_label,
};

#[derive(Properties, PartialEq)]
pub struct ListEntryProps {
    pub entry: IndexEntry,
    /// Absolute address of the index, to resolve the entry's `href`.
    pub index_url: Option<AttrValue>,
    pub heading_level: u8,
    /// The list's UI language.
    #[prop_or_default]
    pub t: Texts,
}

#[function_component]
pub fn ListEntry(props: &ListEntryProps) -> Html {
    let e = &props.entry;
    let tag = format!("h{}", props.heading_level.clamp(2, 6));
    let ui = Ui::new(
        props.t,
        incident_model::validate::is_valid_lang(&e.lang).then_some(e.lang.as_str()),
    );
    let t = &ui.t;
    let orgs: Vec<String> = e
        .organisations
        .iter()
        .map(|o| organisation_label(o, t))
        .collect();
    // When it occurred; else, labelled, when it was filed: the date the list is sorted by
    // (regression: an entry with only a filing date showed none, out of place in date order).
    let (date, filed) = match e.occurred.as_deref().and_then(|d| t.date_parts(d)) {
        Some(occurred) => (Some(occurred), false),
        None => (e.filed.as_deref().and_then(|d| t.date_parts(d)), true),
    };
    // The case's page when the registry has one, else its document.
    let page = e
        .page
        .as_deref()
        .and_then(|p| incident_model::check_url(p.trim(), false).ok())
        .map(String::from);
    let label = t.get(if page.is_some() {
        Msg::LinkCasePage
    } else {
        Msg::LinkCaseDocument
    });
    let url = page.or_else(|| entry_url(props.index_url.as_deref(), &e.href));
    html! {
        <article class="ic-entry">
            <p class="ic-kicker">
                <span class="ic-id">{ id_line(&e.id, &e.aliases, t) }</span>
                if let Some(label) = ai_involvement_label(e.ai_involvement, t) {
                    <span class="ic-flag">{ label }</span>
                }
            </p>
            <@{tag} class="ic-title" lang={ui.lang.clone()}>{ clean(&e.title) }</@>
            if !orgs.is_empty() || date.is_some() {
                <p class="ic-meta">
                    if !orgs.is_empty() {
                        <span class="ic-orgs">{ orgs.join(t.get(Msg::ListSep)) }</span>
                    }
                    if let Some((machine, words)) = date {
                        <span class="ic-date">
                            if filed {
                                { t.get(Msg::ListFiled) }{ " " }
                            }
                            <time datetime={machine}>{ words }</time>
                        </span>
                    }
                </p>
            }
            <div class="ic-facets">
                { severity_badge(&SeverityBadgeProps { severity: &e.severity }, &ui) }
                if let Some(fm) = e.failure_mode.as_deref().map(clean) {
                    <span class="ic-chip"><span class="ic-chip-k">{ t.get(Msg::FacetsFailureMode) }</span>{ " " }
                        <span lang={ui.lang.clone()}>{ fm }</span></span>
                }
            </div>
            <p class="ic-lede" lang={ui.lang.clone()}>{ clean(&e.summary) }</p>
            <p class="ic-counts">
                { counts_line(&e.counts, t).unwrap_or_default() }
                if url.is_some() {
                    <>
                    { if counts_line(&e.counts, t).is_some() { " · " } else { "" } }
                    { external_link(url.as_deref(), false, None, html! { label }, t) }
                    </>
                }
            </p>
        </article>
    }
}
