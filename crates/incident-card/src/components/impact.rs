//! Impact: what it did, for how long, at what cost (as the sources state it).

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::heading;
use crate::i18n::{Msg, Ui};
use crate::view::{clean, duration_text};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct ImpactProps<'a> {
    pub doc: &'a Incident,
    pub prefix: &'a str,
    pub heading_level: u8,
}

pub fn impact_block(props: &ImpactProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let Some(impact) = props.doc.impact.as_ref() else {
        return html! {};
    };
    let id = AttrValue::from(format!("{}-impact", props.prefix));
    let row = |term: &str, value: String| {
        html! { <div class="ic-row"><dt>{ term }</dt><dd>{ value }</dd></div> }
    };
    html! {
        <section class="ic-sec" part="impact">
            { heading(props.heading_level, "ic-h", id, None, html! { t.get(Msg::ImpactHeading) }) }
            <p class="ic-impact-text" lang={ui.lang.clone()}>{ clean(&impact.summary) }</p>
            if impact.duration.is_some() || impact.cost.is_some() {
                <dl class="ic-impact">
                    if let Some(d) = impact.duration.as_deref() {
                        { row(t.get(Msg::ImpactDuration), duration_text(d, t)) }
                    }
                    if let Some(c) = impact.cost.as_deref() {
                        { row(t.get(Msg::ImpactCost), clean(c)) }
                    }
                </dl>
            }
        </section>
    }
}
