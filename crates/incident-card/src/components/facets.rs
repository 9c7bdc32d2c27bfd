//! The line under the header: severity badge, failure mode and AI surface as labels.

use incident_model::Severity;
use yew::prelude::*;

use crate::components::severity_badge::SeverityBadge;
use crate::view::clean;

#[derive(Properties, PartialEq)]
pub struct FacetsProps {
    pub severity: Severity,
    #[prop_or_default]
    pub failure_mode: Option<String>,
    #[prop_or_default]
    pub ai_surface: Option<String>,
}

#[function_component]
pub fn Facets(props: &FacetsProps) -> Html {
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
            <SeverityBadge severity={props.severity.clone()} />
            { chip("Failure mode", &props.failure_mode) }
            { chip("AI surface", &props.ai_surface) }
        </div>
    }
}
