//! Operational lessons, as a list.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::collapsible;
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct LessonsProps {
    pub doc: Rc<Incident>,
    pub prefix: AttrValue,
    pub heading_level: u8,
}

pub fn lessons_block(props: &LessonsProps) -> Html {
    let lessons = &props.doc.lessons;
    if lessons.is_empty() {
        return html! {};
    }
    html! {
        { collapsible(&props.prefix, "lessons", props.heading_level, "Operational lessons", Some(format!("({})", lessons.len())), false, html! {
            <ul class="ic-lessons">
                { for lessons.iter().map(|l| html! { <li>{ clean(l) }</li> }) }
            </ul>
        }) }
    }
}
