//! The components, one per file. [`IncidentCard`], [`ErrorCard`], [`SkeletonCard`] and
//! [`IncidentList`] are the public ones, with `RemoteIncidentCard` and `RemoteIncidentList`,
//! which fetch their document (feature `browser`); the rest are the card's parts.

pub mod card_header;
pub mod cause_chain;
pub mod citation;
pub mod collapsible;
pub mod dated_phrase;
pub mod error_card;
pub mod external_link;
pub mod facets;
pub mod facts;
#[cfg(feature = "browser")]
pub mod filter_bar;
pub mod impact;
pub mod incident_card;
pub mod incident_list;
pub mod lessons;
pub mod list_entry;
pub mod related;
#[cfg(feature = "browser")]
pub mod remote_incident_card;
#[cfg(feature = "browser")]
pub mod remote_incident_list;
pub mod revision_notice;
pub mod severity_badge;
#[cfg(feature = "browser")]
pub mod sharded_list;
pub mod skeleton_card;
pub mod sources;
pub mod status_notice;
pub mod summary;
pub mod tombstone;

pub use error_card::{ErrorCard, ErrorProps};
pub use external_link::{external_link, REL};
pub use incident_card::{CardProps, IncidentCard};
pub use incident_list::{IncidentList, ListProps};
#[cfg(feature = "browser")]
pub use remote_incident_card::{Outcome, RemoteCardProps, RemoteIncidentCard};
#[cfg(feature = "browser")]
pub use remote_incident_list::{RemoteIncidentList, RemoteListProps};
pub use skeleton_card::{SkeletonCard, SkeletonProps};
