//! Operational lessons, as a list.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::components::collapsible::Collapsible;
use crate::view::clean;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub doc: Rc<Incident>,
    pub prefix: AttrValue,
    pub heading_level: u8,
}

#[function_component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let lessons = &props.doc.lessons;
    if lessons.is_empty() {
        return html! {};
    }
    html! {
        <Collapsible part="lessons" heading_id={format!("{}-lessons", props.prefix)}
            heading_level={props.heading_level} title="Operational lessons"
            note={AttrValue::from(format!("({})", lessons.len()))} open={false}>
            <ul class="ic-lessons">
                { for lessons.iter().map(|l| html! { <li>{ clean(l) }</li> }) }
            </ul>
        </Collapsible>
    }
}
