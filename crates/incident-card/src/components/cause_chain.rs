//! The cause chain: an ordered list from trigger to consequence, each step with its stage label.

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::collapsible;
use crate::i18n::{Msg, Ui};
use crate::view::{chain_in_order, clean};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct CauseChainProps<'a> {
    pub doc: &'a Incident,
    pub prefix: &'a str,
    pub heading_level: u8,
}

pub fn cause_chain(props: &CauseChainProps<'_>, ui: &Ui) -> Html {
    let steps = chain_in_order(props.doc);
    if steps.is_empty() {
        return html! {};
    }
    let mut items = Vec::with_capacity(steps.len());
    for (stage, text) in steps {
        items.push(html! {
            <li class="ic-step" data-stage={stage.as_str()}>
                <span class="ic-stage">{ ui.t.stage(stage) }</span>
                <span class="ic-vh">{ ": " }</span>
                <span class="ic-step-text" lang={ui.lang.clone()}>{ clean(text) }</span>
            </li>
        });
    }
    html! {
        { collapsible(props.prefix, "chain", props.heading_level, ui.t.get(Msg::ChainHeading), None, true, html! {
            <ol class="ic-chain">{ for items }</ol>
        }) }
    }
}
