//! The line under the header: severity badge, failure mode and AI surface as labels.

use incident_model::Severity;
use yew::prelude::*;

use crate::components::severity_badge::{severity_badge, SeverityBadgeProps};
use crate::i18n::{Msg, Ui};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct FacetsProps<'a> {
    pub severity: &'a Severity,
    pub failure_mode: Option<&'a str>,
    pub ai_surface: Option<&'a str>,
}

pub fn facets(props: &FacetsProps<'_>, ui: &Ui) -> Html {
    let chip = |key: &str, value: Option<&str>| match value
        .map(clean)
        .filter(|v| !v.trim().is_empty())
    {
        Some(v) => html! {
            <span class="ic-chip"><span class="ic-chip-k">{ key }</span>{ " " }<span lang={ui.lang.clone()}>{ v }</span></span>
        },
        None => html! {},
    };
    html! {
        <div class="ic-facets">
            { severity_badge(&SeverityBadgeProps { severity: props.severity }, ui) }
            { chip(ui.t.get(Msg::FacetsFailureMode), props.failure_mode) }
            { chip(ui.t.get(Msg::FacetsAiSurface), props.ai_surface) }
        </div>
    }
}
