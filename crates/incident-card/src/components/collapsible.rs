//! A card section that folds: `<details>`/`<summary>`, so it is keyboard-operable and works in a
//! static render with no script at all. The heading sits inside the summary (allowed by HTML).
//! Also [`heading`], which writes every heading of the card.

use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, VTag};

/// A heading `<h2>`…`<h6>` (`level` clamped to that range) with its `class`, `id` and `lang` (none
/// when `None`).
///
/// The one place the card writes a heading: a tag chosen at run time (`<@{tag}>`) costs the module
/// a copy of Yew's element code per use. Built without `html!`, where a class that is not a literal
/// goes through `yew::html::Classes` (see `external_link`); the attributes stand in the order
/// `html!` gives them, the class last.
pub fn heading(
    level: u8,
    class: &'static str,
    id: AttrValue,
    lang: Option<Rc<str>>,
    children: Html,
) -> Html {
    let tag = match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    };
    let mut h = VTag::new(tag);
    h.attributes = Attributes::Dynamic {
        keys: &["id", "lang", "class"],
        values: Box::new([
            Some(AttributeOrProperty::Attribute(id)),
            lang.map(|l| AttributeOrProperty::Attribute(l.into())),
            Some(AttributeOrProperty::Attribute(AttrValue::Static(class))),
        ]),
    };
    // A heading tag always has children (only `input` and `textarea` have none).
    if let Some(inner) = h.children_mut() {
        *inner = children;
    }
    h.into()
}

/// A folding section `part` (`facts`, …: its `part` name and class suffix) of the card whose
/// element ids start with `prefix`, headed by `title` at `heading_level`, with an optional
/// `count` after the title (in parentheses), open or closed at first.
///
/// A function rather than a component: it has no state (the fold is the browser's own).
pub fn collapsible(
    prefix: &str,
    part: &'static str,
    heading_level: u8,
    title: &str,
    count: Option<usize>,
    open: bool,
    children: Html,
) -> Html {
    let heading_id = AttrValue::from(format!("{prefix}-{part}"));
    // Not named by its heading: a named `section` is a region landmark, and a page of cards would
    // list every card's "Sources" among its landmarks, each name many times over (regression:
    // axe's landmark-unique on the demo pages). Heading navigation finds it.
    html! {
        <section class="ic-sec" {part}>
            <details class="ic-fold" {open}>
                <summary class="ic-fold-head">
                    { heading(heading_level, "ic-h", heading_id, None, html! {
                        <>
                            { title }
                            if let Some(n) = count {
                                <span class="ic-note">{ format!(" ({n})") }</span>
                            }
                        </>
                    }) }
                </summary>
                <div class="ic-fold-body">{ children }</div>
            </details>
        </section>
    }
}
