//! The severity badge: the normalised level as a word, a five-step meter and colour (never colour
//! alone), and the registry's own wording verbatim.

use incident_model::Severity;
use yew::prelude::*;

use crate::view::{clean, level_label, level_rank, severity_name};

/// What it shows (a plain struct: this part is a function, not a component).
pub struct SeverityBadgeProps {
    pub severity: Severity,
}

pub fn severity_badge(props: &SeverityBadgeProps) -> Html {
    let s = &props.severity;
    let rank = level_rank(s.level);
    let value = clean(&s.value);
    let scheme = s.scheme.as_deref().map(clean);
    // The registry's wording is always in the badge, verbatim; it is only hidden from sight when it
    // says nothing the level word does not ("Low" next to "Low").
    let same = value.trim().eq_ignore_ascii_case(level_label(s.level));
    html! {
        <p class={classes!("ic-badge", format!("ic-sev-{}", s.level.as_str()))} part="badge"
            data-level={s.level.as_str()}>
            <span class="ic-badge-level" role="img" aria-label={severity_name(s)}>
                <span class={classes!("ic-meter", format!("ic-meter-{rank}"))} aria-hidden="true">
                    <i></i><i></i><i></i><i></i><i></i>
                </span>
                { level_label(s.level) }
            </span>
            if !value.is_empty() {
                <span class={classes!(if same { "ic-vh" } else { "ic-badge-value" })}
                    title={scheme.clone()}>
                    { if same { format!(" ({value})") } else { value } }
                    if let Some(scheme) = scheme {
                        <span class="ic-vh">{ format!(" ({scheme})") }</span>
                    }
                </span>
            }
        </p>
    }
}
