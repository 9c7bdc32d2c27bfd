//! The line under the header: severity badge, failure mode and AI surface as labels.

use incident_model::Severity;
use yew::prelude::*;

use crate::components::severity_badge::{severity_badge, SeverityBadgeProps};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct FacetsProps {
    pub severity: Severity,
    pub failure_mode: Option<String>,
    pub ai_surface: Option<String>,
}

pub fn facets(props: &FacetsProps) -> Html {
    let chip = |key: &'static str, value: &Option<String>| match value
        .as_deref()
        .map(clean)
        .filter(|v| !v.trim().is_empty())
    {
        Some(v) => html! {
            <span class="ic-chip"><span class="ic-chip-k">{ key }</span>{ " " }{ v }</span>
        },
        None => html! {},
    };
    html! {
        <div class="ic-facets">
            { severity_badge(&SeverityBadgeProps { severity: props.severity.clone() }) }
            { chip("Failure mode", &props.failure_mode) }
            { chip("AI surface", &props.ai_surface) }
        </div>
    }
}
