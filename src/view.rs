//! What a mounted card shows, and building it in the card's container.
//!
//! The renderers of [`incident_card::html`] write into a [`DomSink`]: elements from
//! `createElement`, attributes from `setAttribute`, text as text nodes. No HTML is parsed, so the
//! card works under Trusted Types (`require-trusted-types-for 'script'`) with no policy, and no
//! document text can ever become markup.

use incident_card::html::{self, ErrorInfo, Sink};
use incident_card::view::next_instance;
use incident_card::CardOptions;
#[cfg(feature = "lists")]
use incident_card::ListQuery;
use incident_model::Incident;
#[cfg(feature = "lists")]
use incident_model::Index;
use web_sys::{Document, DocumentFragment, Element, Node};

pub enum Phase {
    Loading,
    Card(Box<Incident>),
    #[cfg(feature = "lists")]
    List {
        index: Index,
        query: ListQuery,
        index_url: String,
    },
    Error {
        code: String,
        message: String,
        case_id: Option<String>,
        case_url: Option<String>,
    },
    /// Show the host's own readable content (a blockquote or a pre-rendered card).
    Fallback,
    /// Nothing.
    Empty,
}

/// Builds DOM nodes from a renderer's calls, into a fragment.
pub struct DomSink {
    document: Document,
    fragment: DocumentFragment,
    open: Vec<Element>,
}

impl DomSink {
    pub fn new(document: Document) -> DomSink {
        let fragment = document.create_document_fragment();
        DomSink {
            document,
            fragment,
            open: Vec::new(),
        }
    }

    /// Moves what was built to the end of `parent`.
    pub fn append_to(&self, parent: &Element) {
        let _ = parent.append_child(&self.fragment);
    }

    fn append(&self, node: &Node) {
        let _ = match self.open.last() {
            Some(parent) => parent.append_child(node),
            None => self.fragment.append_child(node),
        };
    }
}

impl Sink for DomSink {
    fn open(&mut self, tag: &str, attrs: &[(&str, Option<&str>)], class: &str) {
        let Ok(el) = self.document.create_element(tag) else {
            return;
        };
        for (name, value) in attrs {
            if let Some(v) = value {
                let _ = el.set_attribute(name, v);
            }
        }
        if !class.is_empty() {
            el.set_class_name(class);
        }
        self.append(&el);
        self.open.push(el);
    }

    fn close(&mut self, _tag: &str) {
        self.open.pop();
    }

    fn text(&mut self, s: &str) {
        if !s.is_empty() {
            self.append(&self.document.create_text_node(s));
        }
    }
}

/// Replaces what `container` shows with `phase`.
pub fn show(container: &Element, phase: &Phase, o: &CardOptions) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let mut out = DomSink::new(document);
    match phase {
        Phase::Loading => html::write_skeleton(&mut out, o.variant, o.theme),
        Phase::Card(doc) => html::write_card(&mut out, doc, o, next_instance(), true),
        #[cfg(feature = "lists")]
        Phase::List {
            index,
            query,
            index_url,
        } => html::write_list(
            &mut out,
            index,
            query,
            Some(index_url),
            o.theme,
            o.heading_level,
        ),
        Phase::Error {
            code,
            message,
            case_id,
            case_url,
        } => html::write_error(
            &mut out,
            &ErrorInfo {
                code: code.clone(),
                message: message.clone(),
                case_id: case_id.clone(),
                case_url: case_url.clone(),
                theme: o.theme,
                variant: o.variant,
            },
            next_instance(),
        ),
        Phase::Fallback => {
            out.open("slot", &[], "");
            out.close("slot");
        }
        Phase::Empty => {}
    }
    container.replace_children_with_node_1(&out.fragment);
}
