//! A card section that folds: `<details>`/`<summary>`, so it is keyboard-operable and works in a
//! static render with no script at all. The heading sits inside the summary (allowed by HTML).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CollapsibleProps {
    /// The section's `part` name and class suffix, e.g. `facts`.
    pub part: AttrValue,
    /// Element id of the heading (the section is labelled by it).
    pub heading_id: AttrValue,
    pub heading_level: u8,
    pub title: AttrValue,
    /// A short note after the title, e.g. a count.
    #[prop_or_default]
    pub note: Option<AttrValue>,
    #[prop_or(true)]
    pub open: bool,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Collapsible(props: &CollapsibleProps) -> Html {
    let tag = format!("h{}", props.heading_level.clamp(2, 6));
    html! {
        <section class={classes!("ic-sec", format!("ic-sec-{}", props.part))} part={props.part.clone()}
            aria-labelledby={props.heading_id.clone()}>
            <details class="ic-fold" open={props.open}>
                <summary class="ic-fold-head">
                    <@{tag} class="ic-h" id={props.heading_id.clone()}>
                        { props.title.clone() }
                        if let Some(note) = &props.note {
                            <span class="ic-note">{ format!(" {note}") }</span>
                        }
                    </@>
                </summary>
                <div class="ic-fold-body">{ props.children.clone() }</div>
            </details>
        </section>
    }
}
