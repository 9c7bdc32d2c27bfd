//! The cause chain: an ordered list from trigger to consequence, each step with its stage label.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::Collapsible;
use crate::view::{chain_in_order, clean};

#[derive(Properties, PartialEq)]
pub struct CauseChainProps {
    pub doc: Rc<Incident>,
    pub prefix: AttrValue,
    pub heading_level: u8,
}

#[function_component]
pub fn CauseChain(props: &CauseChainProps) -> Html {
    let steps = chain_in_order(&props.doc);
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <Collapsible part="chain" heading_id={format!("{}-chain", props.prefix)}
            heading_level={props.heading_level} title="How it happened">
            <ol class="ic-chain">
                { for steps.into_iter().map(|(stage, text)| html! {
                    <li class="ic-step" data-stage={stage.as_str()}>
                        <span class="ic-stage">{ stage.label() }</span>
                        <span class="ic-vh">{ ": " }</span>
                        <span class="ic-step-text">{ clean(text) }</span>
                    </li>
                }) }
            </ol>
        </Collapsible>
    }
}
