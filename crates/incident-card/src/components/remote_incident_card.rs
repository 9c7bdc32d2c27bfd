//! The card that fetches its own document: a skeleton while it loads, then the card, or an error
//! card that says what went wrong and links to the case. The widget mounts this component in
//! every `<incident-card>`; a Yew app can use it as it is.

use std::rc::Rc;

use incident_model::Incident;
use yew::prelude::*;

use crate::components::error_card::{error_card, ErrorProps};
use crate::components::incident_card::IncidentCard;
use crate::components::skeleton_card::{skeleton, SkeletonProps};
use crate::fetch::NetworkRules;
use crate::load::{load_incident, Failure};
use crate::options::CardOptions;
use crate::view::next_instance;

/// How a remote card or list ended: shown, or failed (reported once, after the DOM is updated).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Shown; the case's id (empty for a list).
    Ready {
        id: String,
    },
    Failed(Failure),
}

#[derive(Properties, PartialEq, Clone)]
pub struct RemoteCardProps {
    /// Address of the incident document, absolute or relative to the page.
    pub src: AttrValue,
    #[prop_or_default]
    pub options: CardOptions,
    /// Where documents may come from and how hard to try (default: the page's own origin only).
    #[prop_or_default]
    pub rules: Rc<NetworkRules>,
    /// Show the host's own content (a `<slot>`) while loading and on failure, instead of the
    /// skeleton and the error card: for a host that holds a readable fallback.
    #[prop_or_default]
    pub fallback: bool,
    /// Called once the card or its error card is on screen.
    #[prop_or_default]
    pub onsettle: Callback<Outcome>,
}

/// Where a remote component has got to.
#[derive(Debug)]
pub(crate) enum Remote<T> {
    Loading,
    Shown(Rc<T>),
    Failed(Failure),
}

/// Starts loading whenever the address or the rules change, and reports each outcome to
/// `onsettle` once it is rendered. `load` runs in a task of its own; an outcome that arrives after
/// the address changed again is dropped.
#[hook]
pub(crate) fn use_remote<T, F, Fut>(
    src: AttrValue,
    rules: Rc<NetworkRules>,
    onsettle: Callback<Outcome>,
    id_of: fn(&T) -> String,
    load: F,
) -> Rc<Remote<T>>
where
    T: 'static,
    F: FnOnce(AttrValue, Rc<NetworkRules>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, Failure>> + 'static,
{
    // What is shown, numbered so the outcome effect runs once per change.
    let state = use_state(|| (0u32, Rc::new(Remote::Loading)));
    let generation = use_mut_ref(|| 0u32);
    {
        let state = state.clone();
        let generation = generation.clone();
        use_effect_with((src, rules), move |(src, rules)| {
            let mine = {
                let mut g = generation.borrow_mut();
                *g = g.wrapping_add(1);
                *g
            };
            let (src, rules) = (src.clone(), rules.clone());
            yew::platform::spawn_local(async move {
                let next = match load(src, rules).await {
                    Ok(value) => Remote::Shown(Rc::new(value)),
                    Err(failure) => Remote::Failed(failure),
                };
                // The render in a task of its own, not in the one that read and checked the
                // document: Chromium compiles each function of the module on its first call, and
                // the checks and the first render together made one long task.
                crate::fetch::sleep(0).await;
                if *generation.borrow() == mine {
                    state.set((mine, Rc::new(next)));
                }
            });
        });
    }
    {
        let current = state.1.clone();
        use_effect_with(state.0, move |_| match &*current {
            Remote::Loading => {}
            Remote::Shown(value) => onsettle.emit(Outcome::Ready { id: id_of(value) }),
            Remote::Failed(failure) => onsettle.emit(Outcome::Failed(failure.clone())),
        });
    }
    state.1.clone()
}

/// The link an error card keeps: the host's case page, else the document's own address when it is
/// on an allowed origin.
pub(crate) fn error_link(
    case_url: Option<&str>,
    src: &str,
    rules: &NetworkRules,
) -> Option<String> {
    case_url.map(str::to_owned).or_else(|| {
        let url = crate::fetch::resolve(src).ok()?;
        crate::fetch::check_origin(&url, rules).ok()?;
        Some(url.as_str().to_owned())
    })
}

/// A card that fetches its document: the skeleton while it loads, then the card, or an error card
/// that says what went wrong and links to the case. Requests follow [`NetworkRules`] (by default
/// the page's own origin only, 10 s per attempt, 3 attempts, no cookies, no `Referer`).
///
/// ```no_run
/// use std::rc::Rc;
/// use incident_card::{CardOptions, NetworkRules, RemoteIncidentCard, Variant, STYLESHEET};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn App() -> Html {
///     let options = CardOptions { variant: Variant::Compact, ..CardOptions::default() };
///     // Documents from this page's origin and from one registry.
///     let rules = Rc::new(NetworkRules::default().allow("https://registry.example"));
///     html! {
///         <>
///             <style>{ STYLESHEET }</style>
///             <RemoteIncidentCard src="/data/incidents/ICS-0001.json" {options} {rules}
///                 onsettle={Callback::from(|outcome| gloo::console::log!(format!("{outcome:?}")))} />
///         </>
///     }
/// }
///
/// yew::Renderer::<App>::new().render();
/// ```
#[function_component]
pub fn RemoteIncidentCard(props: &RemoteCardProps) -> Html {
    let src = props.src.clone();
    let state = use_remote(
        src.clone(),
        props.rules.clone(),
        props.onsettle.clone(),
        |doc: &Incident| doc.id.clone(),
        |src, rules| async move { load_incident(&src, &rules).await },
    );
    // Numbers the error card's element ids, as `ErrorCard` does.
    let instance = use_state(next_instance);
    let o = &props.options;
    match &*state {
        Remote::Loading | Remote::Failed(_) if props.fallback => html! { <slot /> },
        Remote::Loading => skeleton(&SkeletonProps {
            variant: o.variant,
            theme: o.theme,
            lang: o.lang.clone(),
        }),
        Remote::Shown(doc) => html! { <IncidentCard doc={doc.clone()} options={o.clone()} /> },
        Remote::Failed(failure) => error_card(
            &ErrorProps {
                code: failure.code().to_owned(),
                message: failure.message(),
                case_id: failure.case_id().map(str::to_owned),
                case_url: error_link(o.case_url.as_deref(), &src, &props.rules),
                theme: o.theme,
                variant: o.variant,
                lang: o.lang.clone(),
                heading_level: o.heading_level,
            },
            *instance,
        ),
    }
}
