//! # incident-card
//!
//! The incident card as Yew function components: [`IncidentCard`] (full or compact),
//! [`ErrorCard`], [`SkeletonCard`] and [`IncidentList`], with their stylesheet [`STYLESHEET`]
//! (`incident-card.css` in this crate). See `docs/card.md` for the card's anatomy, options and
//! theming.
//!
//! - Plain logic (options, list queries, formatting, grouping) lives in plain modules
//!   ([`options`], [`list_query`], [`view`]) that test natively.
//! - Components, and the card's stateless parts as plain functions, live in [`components`], one
//!   per file. Every external link goes through
//!   [`components::external_link()`], which applies the model's link policy at render time.
//! - Text from a document is always rendered as text, after [`view::clean`] removes the
//!   characters the text rules refuse. No `style` attributes: all presentation is in the stylesheet.
//! - Features `csr`, `ssr` and `hydration` forward to Yew's. With `ssr`, [`ssr`] renders static HTML.
//! - With `browser` (part of `csr`), the components that fetch their document:
//!   `RemoteIncidentCard` and `RemoteIncidentList`, under the network rules of `fetch`, reading
//!   documents through `load`. The widget mounts them in every card; a Yew app can use them as
//!   they are (`examples/yew-app`). With `native-fetch` (part of `csr`) they make their own
//!   requests; the widget leaves it out and hands them its loader's.
//! - [`STYLESHEET`] is the card's stylesheet.

#[cfg(feature = "browser")]
pub mod browser;
#[cfg(feature = "browser")]
pub mod browser_url;
#[cfg(feature = "yew")]
pub mod components;
#[cfg(feature = "yew")]
mod dom;
#[cfg(feature = "browser")]
pub mod fetch;
pub mod i18n;
pub mod list_query;
#[cfg(feature = "browser")]
pub mod load;
pub mod options;
pub mod shown;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod view;

#[cfg(feature = "yew")]
pub use components::{
    CardProps, ErrorCard, ErrorProps, IncidentCard, IncidentList, ListProps, SkeletonCard,
    SkeletonProps,
};
#[cfg(feature = "browser")]
pub use components::{
    Outcome, RemoteCardProps, RemoteIncidentCard, RemoteIncidentList, RemoteListProps,
};
#[cfg(feature = "browser")]
pub use fetch::NetworkRules;
pub use i18n::{Locale, Msg, Texts, Ui};
pub use list_query::{ListQuery, SortBy};

/// The card's stylesheet (`incident-card.css` in this crate; the widget's build serves it as
/// `incident-card.css` too, and `www/incident-card.css` is a link to it): every component's look,
/// scoped to the card's classes. The widget adopts it into each card's shadow root; a Yew app
/// puts it in a `<style>` (or links the file) where its cards render.
pub const STYLESHEET: &str = include_str!("../incident-card.css");

/// The README's examples compile with the crate's tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
pub use options::{CardOptions, Section, Sections, Theme, Variant};
