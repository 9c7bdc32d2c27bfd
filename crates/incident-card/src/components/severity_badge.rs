//! The severity badge: the normalised level as a word, a five-step meter and colour (never colour
//! alone), and the registry's own wording verbatim.

use incident_model::Severity;
use yew::prelude::*;

use crate::i18n::Ui;
use crate::view::{clean, severity_name};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct SeverityBadgeProps<'a> {
    pub severity: &'a Severity,
}

pub fn severity_badge(props: &SeverityBadgeProps<'_>, ui: &Ui) -> Html {
    let t = &ui.t;
    let s = props.severity;
    let value = clean(&s.value);
    let scheme = s.scheme.as_deref().map(clean);
    let scheme_note = scheme
        .clone()
        .map(|scheme| html! { <span class="ic-vh">{ format!(" ({scheme})") }</span> });
    // The registry's wording is always in the badge, verbatim; it is only hidden from sight when it
    // says nothing the level word does not ("Low" next to "Low").
    let same = value.trim().eq_ignore_ascii_case(t.level(s.level));
    // The level is an attribute, not a computed class: the stylesheet picks the colour and the
    // meter's filled steps from `data-level` (see `external_link` on why there are no computed
    // classes).
    html! {
        <p class="ic-badge" part="badge" data-level={s.level.as_str()}>
            <span class="ic-badge-level" role="img" aria-label={severity_name(s, t)}>
                <span class="ic-meter" aria-hidden="true">
                    <i></i><i></i><i></i><i></i><i></i>
                </span>
                { t.level(s.level) }
            </span>
            if value.is_empty() {
                <></>
            } else if same {
                <span class="ic-vh">{ format!(" ({value})") }{ scheme_note }</span>
            } else {
                <span class="ic-badge-value" title={scheme} lang={ui.lang.clone()}>{ value }{ scheme_note }</span>
            }
        </p>
    }
}
