//! The registry of mounted cards: one entry per host, holding the Yew app that renders into it.

use std::cell::{Cell, RefCell};

use incident_card::RemoteIncidentCard;
#[cfg(feature = "lists")]
use incident_card::RemoteIncidentList;
use web_sys::Element;
use yew::{AppHandle, AttrValue};

/// A card's or a list's Yew app.
pub enum App {
    Card(AppHandle<RemoteIncidentCard>),
    #[cfg(feature = "lists")]
    List(AppHandle<RemoteIncidentList>),
}

impl App {
    /// Destroys the app: its components are dropped and its DOM removed.
    pub fn destroy(self) {
        match self {
            App::Card(app) => app.destroy(),
            #[cfg(feature = "lists")]
            App::List(app) => app.destroy(),
        }
    }
}

pub struct Mounted {
    pub id: u32,
    pub host: Element,
    /// The `div.ic-root` in the shadow root the app renders into.
    pub container: Element,
    /// `None` only while the app is being created.
    pub app: Option<App>,
    /// Something is on screen in the host while the card loads: a card (pre-rendered, or left
    /// by the other module's instance) or the host's own readable fallback (a blockquote's text,
    /// through a slot). The app renders hidden beside it until it is ready.
    pub beside: bool,
    /// The case id from the host's options, for events when the document names none.
    pub case: Option<String>,
    /// The address of its document (or index), for the console line of a failure.
    pub src: AttrValue,
    /// What is on screen is the card of an app this one replaces (the host's address or options
    /// changed): it no longer stands for what the host asks, so a failure shows its error card
    /// in its place instead of leaving it.
    pub replaces_card: bool,
    /// Test hook: panic when this card settles.
    #[cfg(feature = "test-hooks")]
    pub test_panic: bool,
}

thread_local! {
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Apps unmounted with `keep` whose card is still on screen, with their host: each lives (its
    /// card's clicks still work) until a new card takes its place on that host, or the host is
    /// unmounted for good.
    static RETIRED: RefCell<Vec<(Element, App)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `app`, whose card stays on screen in `host`, until [`destroy_retired`] for that host.
pub fn retire(host: Element, app: App) {
    RETIRED.with(|r| r.borrow_mut().push((host, app)));
}

/// Whether `host` shows the card of a retired app (see [`retire`]).
pub fn has_retired(host: &Element) -> bool {
    RETIRED.with(|r| r.borrow().iter().any(|(h, _)| h == host))
}

/// Destroys the retired apps of `host` (a new card has taken their place, or the host is gone).
pub fn destroy_retired(host: &Element) {
    while let Some(app) = RETIRED.with(|r| {
        let mut r = r.borrow_mut();
        let i = r.iter().position(|(h, _)| h == host)?;
        Some(r.swap_remove(i).1)
    }) {
        app.destroy();
    }
}

/// A new handle (never 0).
pub fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    })
}

pub fn count() -> u32 {
    MOUNTED.with(|m| m.borrow().len() as u32)
}

/// The handle of the card mounted on `host`, if any.
pub fn find_host(host: &Element) -> Option<u32> {
    MOUNTED.with(|m| m.borrow().iter().find(|c| &c.host == host).map(|c| c.id))
}

pub fn insert(card: Mounted) {
    MOUNTED.with(|m| m.borrow_mut().push(card));
}

/// Gives the entry `id` its app.
pub fn set_app(id: u32, app: App) {
    MOUNTED.with(|m| {
        if let Some(card) = m.borrow_mut().iter_mut().find(|c| c.id == id) {
            card.app = Some(app);
        }
    });
}

/// Takes the entry `id` out of the registry.
pub fn remove(id: u32) -> Option<Mounted> {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let pos = m.iter().position(|c| c.id == id)?;
        Some(m.swap_remove(pos))
    })
}

/// Runs `f` on the entry `id`, when it is still mounted.
pub fn with<R>(id: u32, f: impl FnOnce(&mut Mounted) -> R) -> Option<R> {
    MOUNTED.with(|m| m.borrow_mut().iter_mut().find(|c| c.id == id).map(f))
}
