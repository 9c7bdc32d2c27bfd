//! A Yew app that uses the card component that fetches: two cases from this site's registry,
//! and one that does not exist (its error card). `scripts/dev build` builds it into
//! `dist/examples/yew-app/`; `www/tests/example-app.test.mjs` checks it in Chromium.

use std::rc::Rc;

use incident_card::{CardOptions, NetworkRules, Outcome, RemoteIncidentCard, Variant, STYLESHEET};
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    // Documents from this page's own origin, with the default timeout and retries.
    let rules = Rc::new(NetworkRules::default());
    let compact = CardOptions {
        variant: Variant::Compact,
        ..CardOptions::default()
    };
    let settled = use_state(Vec::<String>::new);
    let onsettle = {
        let settled = settled.clone();
        Callback::from(move |outcome: Outcome| {
            let line = match outcome {
                Outcome::Ready { id } => format!("{id}: shown"),
                Outcome::Failed(failure) => format!("failed: {}", failure.code()),
            };
            let mut lines = (*settled).clone();
            lines.push(line);
            settled.set(lines);
        })
    };
    html! {
        <main>
            <style>{ STYLESHEET }</style>
            <h1>{ "Incident cards in a Yew app" }</h1>
            <RemoteIncidentCard src="../../data/incidents/ICS-0001.json" rules={rules.clone()}
                onsettle={onsettle.clone()} />
            <RemoteIncidentCard src="../../data/incidents/ICS-0002.json" options={compact}
                rules={rules.clone()} onsettle={onsettle.clone()} />
            <RemoteIncidentCard src="../../data/incidents/ICS-9999.json" {rules} {onsettle} />
            <ul id="settled">{ for settled.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
