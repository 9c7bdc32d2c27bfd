//! Which of the document's words a card shows: the translation into the reader's language where
//! the document has one (`translations`, format 1.1), the original everywhere else, each part with
//! the language to declare on it, and the line that tells the reader which is which.

use incident_model::validate::is_valid_lang;
use incident_model::{Incident, Translation};

use crate::i18n::{Msg, Ui};

/// The document's words for one reader.
pub struct Shown<'a> {
    doc: &'a Incident,
    tr: Option<&'a Translation>,
    /// The card's words and the original text.
    pub ui: Ui,
    /// Translated text: the same words, the translation's `lang`.
    translated: Ui,
}

impl<'a> Shown<'a> {
    /// For a reader who asked for `asked` (a language tag), in a card whose languages are `ui`.
    pub fn new(doc: &'a Incident, asked: &str, ui: Ui) -> Shown<'a> {
        let tr = doc.translation(asked).filter(|tr| is_valid_lang(&tr.lang));
        let translated = match tr {
            Some(tr) => Ui::new(ui.t, Some(&tr.lang)),
            None => ui.clone(),
        };
        Shown {
            doc,
            tr,
            ui,
            translated,
        }
    }

    fn pick(&self, translated: Option<&'a str>, original: &'a str) -> (&'a str, &Ui) {
        match translated {
            Some(text) => (text, &self.translated),
            None => (original, &self.ui),
        }
    }

    /// The title, and the languages to show it in.
    pub fn title(&self) -> (&'a str, &Ui) {
        self.pick(self.tr.and_then(|t| t.title.as_deref()), &self.doc.title)
    }

    pub fn summary(&self) -> (&'a str, &Ui) {
        self.pick(
            self.tr.and_then(|t| t.summary.as_deref()),
            &self.doc.summary,
        )
    }

    /// A translated list, when it has one entry for each of the original's.
    fn list<T>(translated: Option<&'a Vec<String>>, original: &[T]) -> Option<&'a [String]> {
        translated
            .filter(|l| !l.is_empty() && l.len() == original.len())
            .map(Vec::as_slice)
    }

    /// The claims' texts in the order of `claims`, when translated.
    pub fn claims(&self) -> Option<(&'a [String], &Ui)> {
        Self::list(self.tr.map(|t| &t.claims), &self.doc.claims).map(|l| (l, &self.translated))
    }

    pub fn lessons(&self) -> (&'a [String], &Ui) {
        match Self::list(self.tr.map(|t| &t.lessons), &self.doc.lessons) {
            Some(l) => (l, &self.translated),
            None => (&self.doc.lessons, &self.ui),
        }
    }

    /// The line that says which of the parts on show (`visible`: title, summary, claims, lessons)
    /// are translated and that the rest is the original, or that the text is in its original
    /// language; `None` when the document is in the card's language.
    pub fn note(&self, visible: [bool; 4]) -> Option<String> {
        let t = &self.ui.t;
        let translated = match self.tr {
            Some(tr) => [
                tr.title.is_some(),
                tr.summary.is_some(),
                self.claims().is_some(),
                Self::list(Some(&tr.lessons), &self.doc.lessons).is_some(),
            ],
            None => [false; 4],
        };
        let mut parts = String::new();
        let names = [
            Msg::PartTitle,
            Msg::PartSummary,
            Msg::PartClaims,
            Msg::PartLessons,
        ];
        for ((name, shown), translated) in names.into_iter().zip(visible).zip(translated) {
            if shown && translated {
                if !parts.is_empty() {
                    parts.push_str(t.get(Msg::ListSep));
                }
                parts.push_str(t.get(name));
            }
        }
        if parts.is_empty() {
            return self
                .ui
                .lang
                .is_some()
                .then(|| t.get(Msg::HeaderOriginal).to_owned());
        }
        Some(t.fmt(Msg::HeaderTranslated, &[("parts", &parts)]))
    }
}
