//! The loading state: the box of the final card (min-height per variant in the stylesheet), so the
//! page does not jump when the card arrives.

use yew::prelude::*;

use crate::i18n::{Msg, Texts};
use crate::options::{Theme, Variant};

#[derive(Properties, PartialEq, Clone, Debug)]
pub struct SkeletonProps {
    #[prop_or_default]
    pub variant: Variant,
    #[prop_or_default]
    pub theme: Theme,
    /// The UI language asked for (a language tag; English when it has no catalogue).
    #[prop_or_default]
    pub lang: Option<String>,
}

#[function_component]
pub fn SkeletonCard(props: &SkeletonProps) -> Html {
    skeleton(props)
}

/// What [`SkeletonCard`] renders, for a component to call directly.
pub fn skeleton(props: &SkeletonProps) -> Html {
    skeleton_saying(props, Msg::Loading)
}

/// The skeleton with `status` as what it tells a screen reader ("Loading incidents…" for a list).
pub(crate) fn skeleton_saying(props: &SkeletonProps, status: Msg) -> Html {
    let lines = match props.variant {
        Variant::Full => 7,
        Variant::Compact => 3,
    };
    let t = Texts::for_tag(props.lang.as_deref());
    html! {
        <div class="ic-card ic-skeleton" lang={t.locale().tag()} dir={t.dir()} part="card" data-theme={props.theme.as_str()}
            data-variant={props.variant.as_str()} aria-busy="true">
            <p class="ic-vh" role="status">{ t.get(status) }</p>
            <div class="ic-skel" aria-hidden="true">
                <span class="ic-skel-kicker"></span>
                <span class="ic-skel-title"></span>
                <span class="ic-skel-badge"></span>
                { for (0..lines).map(|_| html! { <span class="ic-skel-line"></span> }) }
            </div>
        </div>
    }
}
