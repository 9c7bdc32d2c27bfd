//! A card section that folds: `<details>`/`<summary>`, so it is keyboard-operable and works in a
//! static render with no script at all. The heading sits inside the summary (allowed by HTML).

use yew::prelude::*;

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
    let tag = format!("h{}", heading_level.clamp(2, 6));
    let heading_id = format!("{prefix}-{part}");
    html! {
        <section class="ic-sec" {part} aria-labelledby={heading_id.clone()}>
            <details class="ic-fold" {open}>
                <summary class="ic-fold-head">
                    <@{tag} class="ic-h" id={heading_id}>
                        { title }
                        if let Some(n) = count {
                            <span class="ic-note">{ format!(" ({n})") }</span>
                        }
                    </@>
                </summary>
                <div class="ic-fold-body">{ children }</div>
            </details>
        </section>
    }
}
