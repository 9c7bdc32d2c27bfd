//! Operational lessons, as a list.

use yew::prelude::*;

use crate::components::collapsible::collapsible;
use crate::i18n::{Msg, Ui};
use crate::view::clean;

/// What it shows (a plain struct: this part is a function, not a component).
pub struct LessonsProps<'a> {
    /// The lessons, original or translated, with the languages they are shown in.
    pub lessons: (&'a [String], &'a Ui),
    pub prefix: &'a str,
    pub heading_level: u8,
}

pub fn lessons_block(props: &LessonsProps<'_>, ui: &Ui) -> Html {
    let (lessons, text_ui) = props.lessons;
    if lessons.is_empty() {
        return html! {};
    }
    let mut items = Vec::with_capacity(lessons.len());
    for lesson in lessons {
        items.push(html! { <li>{ clean(lesson) }</li> });
    }
    html! {
        { collapsible(props.prefix, "lessons", props.heading_level, ui.t.get(Msg::LessonsHeading), Some(lessons.len()), false, html! {
            <ul class="ic-lessons" lang={text_ui.lang.clone()}>{ for items }</ul>
        }) }
    }
}
