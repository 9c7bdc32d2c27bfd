//! The card's UI language: labels, dates, numbers, durations and error cards in English, German,
//! Spanish or Arabic, from one catalogue per language (`locales/*.json` in this crate).
//!
//! - **Two languages on a card.** The UI language ([`Locale`]) is the reader's: the card's `lang`,
//!   else the page's configuration, else the host page's `<html lang>`, else English (the loader
//!   resolves it; the CLI takes `--lang`). The document's own text keeps the document's `lang`,
//!   declared on the elements that show it when it differs from the UI's.
//! - **One catalogue per language**, read at build time (`build.rs`) into [`Msg`] and a table of
//!   strings. English is compiled into every build. Native builds (the CLI, server-side
//!   rendering) have all four; the widget fetches the table of the one language a page needs
//!   (`locales/de.json` in `dist/`) and hands it to [`register`], so a page never downloads the
//!   others. A slot a table leaves empty falls back to English.
//! - **Locale data in code**: plural rules (CLDR's, for whole numbers), digit grouping and the
//!   direction. Digits are Latin (0–9) in every language, Arabic included, as the large
//!   Arabic-language news sites print them; month names are the catalogue's. The tests compare
//!   all of it with the browser's `Intl` (ICU) in Chromium.
//!
//! Why not Fluent or ICU4X: measured in a wasm crate built like the widget, doing the same job
//! for the four languages, `fluent-bundle` added 51 KB brotli and ICU4X's plural and date
//! formatters with their data 76 KB (plurals alone 14 KB), against a budget of 120 KB for the
//! whole first card. The card needs a few dozen fixed labels, three plural messages and two date
//! shapes, which a table and CLDR's rules written out here do in a few kilobytes
//! (`docs/i18n.md`, `docs/performance.md`).

use std::cell::Cell;
use std::rc::Rc;

use incident_model::{
    duration_parts, DurationUnit, Level, PartialDate, Relation, Role, SourceKind, Stage,
};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// A UI language the card has a catalogue for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    De,
    Es,
    Ar,
}

/// A plural category, in the order of a plural message's slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    /// The name CLDR (and `Intl.PluralRules`) gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::De, Locale::Es, Locale::Ar];

    /// The language tag (`de`): the card's `lang`, and the name of its table in `dist/locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Es => "es",
            Locale::Ar => "ar",
        }
    }

    /// The UI language for a language tag, by its primary subtag (`de-AT` → German); `None` for
    /// a language without a catalogue.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().as_bytes();
        let primary = match tag {
            [a, b] | [a, b, b'-' | b'_', ..] => [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
            _ => return None,
        };
        match &primary {
            b"en" => Some(Locale::En),
            b"de" => Some(Locale::De),
            b"es" => Some(Locale::Es),
            b"ar" => Some(Locale::Ar),
            _ => None,
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(self) -> bool {
        self == Locale::Ar
    }

    /// The plural category of a whole number (CLDR's rules for integers).
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Locale::En | Locale::De => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Locale::Es => {
                if n == 1 {
                    Plural::One
                } else if n != 0 && n.is_multiple_of(1_000_000) {
                    Plural::Many
                } else {
                    Plural::Other
                }
            }
            Locale::Ar => match (n, n % 100) {
                (0, _) => Plural::Zero,
                (1, _) => Plural::One,
                (2, _) => Plural::Two,
                (_, 3..=10) => Plural::Few,
                (_, 11..=99) => Plural::Many,
                _ => Plural::Other,
            },
        }
    }

    /// The plural categories a catalogue of this language fills.
    pub fn categories(self) -> &'static [Plural] {
        match self {
            Locale::En | Locale::De => &[Plural::One, Plural::Other],
            Locale::Es => &[Plural::One, Plural::Many, Plural::Other],
            Locale::Ar => &[
                Plural::Zero,
                Plural::One,
                Plural::Two,
                Plural::Few,
                Plural::Many,
                Plural::Other,
            ],
        }
    }

    /// A whole number with the language's digit grouping: `12,345`, `12.345`; Spanish groups
    /// from five digits on (`1234`, `12.345`).
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let (sep, min) = match self {
            Locale::En | Locale::Ar => (',', 4),
            Locale::De => ('.', 4),
            Locale::Es => ('.', 5),
        };
        if digits.len() < min {
            return digits;
        }
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }
}

/// `template` with each `{name}` replaced by its value; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let value = after.bytes().position(|b| b == b'}').and_then(|close| {
            let name = after.get(..close)?;
            let (_, v) = args.iter().find(|(k, _)| *k == name)?;
            Some((*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A language's messages: every slot's text, each ended by NUL, and where each slot starts
/// (`SLOTS + 1` offsets: the last is the end). Written by `build.rs`, or read from the table the
/// loader hands over (the same layout).
#[derive(Clone, Copy)]
pub(crate) struct Strings {
    text: &'static str,
    starts: &'static [u16],
}

impl Strings {
    /// Slot `i`, unless it is empty.
    fn get(self, i: usize) -> Option<&'static str> {
        let a = usize::from(*self.starts.get(i)?);
        let b = usize::from(*self.starts.get(i + 1)?);
        self.text
            .get(a..b.checked_sub(1)?)
            .filter(|s| !s.is_empty())
    }
}

/// One language's messages, and the formatting of dates, numbers and durations in it.
#[derive(Clone, Copy)]
pub struct Texts {
    locale: Locale,
    table: Strings,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.locale.tag())
    }
}

/// The same language from the same table.
impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale && std::ptr::eq(self.table.text, other.table.text)
    }
}
impl Eq for Texts {}

impl Default for Texts {
    fn default() -> Self {
        Texts::english()
    }
}

thread_local! {
    /// Tables the loader fetched and handed over ([`register`]), by [`Locale`].
    static LOADED: Cell<[Option<Strings>; 4]> = const { Cell::new([None; 4]) };
}

/// Keeps a table the page fetched (`dist/locales/{tag}.json`: its `messages` joined with NUL)
/// for the cards of that language. A table of another length is refused: it was written for
/// another build of the module.
///
/// The table lives as long as the page (it is leaked): a page hands over each of its languages
/// once per instance of the module, at most a few kilobytes each.
pub fn register(locale: Locale, joined: &str) -> bool {
    let mut starts: Vec<u16> = vec![0];
    for (i, b) in joined.bytes().chain([0]).enumerate() {
        if b == 0 {
            match u16::try_from(i + 1) {
                Ok(next) => starts.push(next),
                Err(_) => return false,
            }
        }
    }
    if starts.len() != SLOTS + 1 {
        return false;
    }
    let mut text = String::with_capacity(joined.len() + 1);
    text.push_str(joined);
    text.push('\0');
    let table = Strings {
        text: Box::leak(text.into_boxed_str()),
        starts: Box::leak(starts.into_boxed_slice()),
    };
    LOADED.with(|l| {
        let mut all = l.get();
        if let Some(slot) = all.get_mut(locale as usize) {
            *slot = Some(table);
        }
        l.set(all);
    });
    true
}

/// Slot `i` in English (every slot has words there).
fn english(i: usize) -> Option<&'static str> {
    EN.get(i)
}

impl Texts {
    pub fn english() -> Texts {
        Texts {
            locale: Locale::En,
            table: EN,
        }
    }

    /// The messages of `locale`: a registered table, else the bundled one where the build has
    /// them; else English (and [`Texts::locale`] says so).
    pub fn of(locale: Locale) -> Texts {
        match LOADED.with(|l| l.get().get(locale as usize).copied().flatten()) {
            Some(table) => Texts { locale, table },
            None => Texts::bundled(locale),
        }
    }

    /// The UI language for a language tag (see [`Locale::from_tag`]); English for others.
    pub fn for_tag(tag: Option<&str>) -> Texts {
        Texts::of(tag.and_then(Locale::from_tag).unwrap_or_default())
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "bundled-locales"))]
    fn bundled(locale: Locale) -> Texts {
        let table = match locale {
            Locale::En => EN,
            Locale::De => DE,
            Locale::Es => ES,
            Locale::Ar => AR,
        };
        Texts { locale, table }
    }

    #[cfg(not(any(not(target_arch = "wasm32"), feature = "bundled-locales")))]
    fn bundled(_: Locale) -> Texts {
        Texts::english()
    }

    /// The language the messages are in.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// `dir` for an element in this language: `rtl` for a right-to-left one, else `None` (left
    /// to right; a shadow root does not inherit the host page's direction).
    pub fn dir(&self) -> Option<&'static str> {
        self.locale.rtl().then_some("rtl")
    }

    fn slot(&self, i: usize) -> Option<&'static str> {
        self.table.get(i)
    }

    /// A message; English where the table has none.
    pub fn get(&self, m: Msg) -> &'static str {
        let i = m as usize;
        self.slot(i).or_else(|| english(i)).unwrap_or("")
    }

    /// The message `i` slots after `first` (a run of consecutive keys), if there is one.
    pub fn slot_after(&self, first: Msg, i: usize) -> Option<&'static str> {
        let i = (first as usize).checked_add(i).filter(|i| *i < SLOTS)?;
        self.slot(i).or_else(|| english(i))
    }

    /// A message with its `{name}` placeholders filled.
    pub fn fmt(&self, m: Msg, args: &[(&str, &str)]) -> String {
        fill(self.get(m), args)
    }

    /// A plural message for `n`, with `{n}` filled in: the slot of `n`'s category, else `other`.
    pub fn count(&self, m: Msg, n: u64) -> String {
        let base = m as usize;
        let cat = self.locale.plural(n) as usize;
        let other = Plural::Other as usize;
        let template = self
            .slot(base + cat)
            .or_else(|| self.slot(base + other))
            .or_else(|| english(base + Locale::En.plural(n) as usize))
            .unwrap_or("");
        fill(template, &[("n", &self.locale.number(n))])
    }

    /// "15 December 2025", "Dezember 2025", "2025": a date at its own precision.
    pub fn date(&self, d: &PartialDate) -> String {
        let y = d.year.to_string();
        let month = d.month.and_then(|m| {
            let i = Msg::Month01 as usize + usize::from(m).checked_sub(1)?;
            (m <= 12).then(|| self.slot(i).or_else(|| english(i)))?
        });
        match (month, d.day) {
            (Some(month), Some(day)) => self.fmt(
                Msg::DateDay,
                &[("d", &day.to_string()), ("month", month), ("y", &y)],
            ),
            (Some(month), None) => self.fmt(Msg::DateMonth, &[("month", month), ("y", &y)]),
            _ => y,
        }
    }

    /// A date as written in a document, for `<time>`: `(machine form, words)`, or `None` when it
    /// does not parse (a card never guesses a date).
    pub fn date_parts(&self, s: &str) -> Option<(String, String)> {
        let d = PartialDate::parse(s.trim()).ok()?;
        Some((d.to_string(), self.date(&d)))
    }

    /// A duration in words when it is one the card can read (`PT13H` → "13 hours"); `None`
    /// otherwise.
    pub fn duration(&self, s: &str) -> Option<String> {
        let mut out = String::new();
        for (n, unit) in duration_parts(s.trim())? {
            if !out.is_empty() {
                out.push(' ');
            }
            let m = match unit {
                DurationUnit::Day => Msg::DurationDays,
                DurationUnit::Hour => Msg::DurationHours,
                DurationUnit::Minute => Msg::DurationMinutes,
            };
            out.push_str(&self.count(m, u64::from(n)));
        }
        Some(out)
    }

    pub fn level(&self, l: Level) -> &'static str {
        self.get(match l {
            Level::Info => Msg::LevelInfo,
            Level::Low => Msg::LevelLow,
            Level::Moderate => Msg::LevelModerate,
            Level::High => Msg::LevelHigh,
            Level::Critical => Msg::LevelCritical,
        })
    }

    pub fn role(&self, r: Role) -> &'static str {
        self.get(match r {
            Role::Deployer => Msg::RoleDeployer,
            Role::Developer => Msg::RoleDeveloper,
            Role::Vendor => Msg::RoleVendor,
            Role::Operator => Msg::RoleOperator,
            Role::Affected => Msg::RoleAffected,
        })
    }

    pub fn stage(&self, s: Stage) -> &'static str {
        self.get(match s {
            Stage::Trigger => Msg::StageTrigger,
            Stage::ModelStep => Msg::StageModelStep,
            Stage::ControlGap => Msg::StageControlGap,
            Stage::Failure => Msg::StageFailure,
            Stage::Consequence => Msg::StageConsequence,
        })
    }

    pub fn kind(&self, k: SourceKind) -> &'static str {
        self.get(match k {
            SourceKind::Primary => Msg::KindPrimary,
            SourceKind::Regulatory => Msg::KindRegulatory,
            SourceKind::VendorStatement => Msg::KindVendorStatement,
            SourceKind::Research => Msg::KindResearch,
            SourceKind::Press => Msg::KindPress,
            SourceKind::ReaderSubmitted => Msg::KindReaderSubmitted,
        })
    }

    pub fn relation(&self, r: Relation) -> &'static str {
        self.get(match r {
            Relation::SameFailureMode => Msg::RelationSameFailureMode,
            Relation::SameOrganisation => Msg::RelationSameOrganisation,
            Relation::FollowUpOf => Msg::RelationFollowUpOf,
            Relation::DuplicateOf => Msg::RelationDuplicateOf,
            Relation::SeeAlso => Msg::RelationSeeAlso,
        })
    }
}

/// A card's two languages: the UI's messages, and how to mark the elements that show the
/// document's own text when its language is not the UI's (`lang="en"` inside a German card).
/// Their direction follows from that `lang`: the stylesheet sets left-to-right text inside a
/// right-to-left card and the reverse (`:lang()` rules), which costs the module nothing per
/// element.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ui {
    pub t: Texts,
    /// `lang` for the document's text; `None` when it is the UI's language (or unknown).
    pub lang: Option<Rc<str>>,
}

impl Ui {
    /// The UI of `t` for a document written in `doc_lang` (a language tag, already checked).
    pub fn new(t: Texts, doc_lang: Option<&str>) -> Ui {
        let lang = doc_lang
            .map(str::trim)
            .filter(|l| Locale::from_tag(l) != Some(t.locale()) && !l.is_empty())
            .map(Rc::from);
        Ui { t, lang }
    }

    /// The card's own `dir` (see [`Texts::dir`]).
    pub fn card_dir(&self) -> Option<&'static str> {
        self.t.dir()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_language_is_marked_only_where_it_differs() {
        let ui = Ui::new(Texts::of(Locale::De), Some("en"));
        assert_eq!(ui.lang.as_deref(), Some("en"));
        let ui = Ui::new(Texts::of(Locale::Ar), Some("en-GB"));
        assert_eq!(ui.lang.as_deref(), Some("en-GB"));
        assert_eq!(ui.card_dir(), Some("rtl"));
        assert_eq!(Ui::new(Texts::english(), Some("en-US")).lang, None);
        assert_eq!(
            Ui::new(Texts::english(), Some("ar")).lang.as_deref(),
            Some("ar")
        );
        assert_eq!(Ui::new(Texts::english(), None).lang, None);
    }

    #[test]
    fn tags() {
        assert_eq!(Locale::from_tag("de-AT"), Some(Locale::De));
        assert_eq!(Locale::from_tag(" AR "), Some(Locale::Ar));
        assert_eq!(Locale::from_tag("es_MX"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::from_tag(""), None);
        assert_eq!(Texts::for_tag(Some("fr")).locale(), Locale::En);
    }

    #[test]
    fn plurals() {
        assert_eq!(Locale::En.plural(1), Plural::One);
        assert_eq!(Locale::En.plural(0), Plural::Other);
        assert_eq!(Locale::Es.plural(1_000_000), Plural::Many);
        assert_eq!(Locale::Ar.plural(0), Plural::Zero);
        assert_eq!(Locale::Ar.plural(2), Plural::Two);
        assert_eq!(Locale::Ar.plural(103), Plural::Few);
        assert_eq!(Locale::Ar.plural(111), Plural::Many);
        assert_eq!(Locale::Ar.plural(100), Plural::Other);
    }

    #[test]
    fn numbers() {
        assert_eq!(Locale::En.number(1234567), "1,234,567");
        assert_eq!(Locale::De.number(1234), "1.234");
        assert_eq!(Locale::Es.number(1234), "1234");
        assert_eq!(Locale::Es.number(12345), "12.345");
        assert_eq!(Locale::En.number(999), "999");
    }

    #[test]
    fn filling() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "y")]), "x and y");
        assert_eq!(fill("{a} {zz} {", &[("a", "x")]), "x {zz} {");
        assert_eq!(fill("", &[]), "");
    }

    #[test]
    fn dates_and_durations() {
        let d = PartialDate::parse("2025-12-15").unwrap();
        assert_eq!(Texts::of(Locale::En).date(&d), "15 December 2025");
        assert_eq!(Texts::of(Locale::De).date(&d), "15. Dezember 2025");
        assert_eq!(Texts::of(Locale::Es).date(&d), "15 de diciembre de 2025");
        let m = PartialDate::parse("2025-03").unwrap();
        assert_eq!(Texts::of(Locale::Es).date(&m), "marzo de 2025");
        assert_eq!(
            Texts::of(Locale::En).duration("PT1H30M").unwrap(),
            "1 hour 30 minutes"
        );
        assert_eq!(Texts::of(Locale::De).duration("P2D").unwrap(), "2 Tage");
        assert_eq!(Texts::of(Locale::En).duration("soon"), None);
    }

    #[test]
    fn registered_tables_win_and_wrong_sizes_are_refused() {
        assert!(!register(Locale::Es, "x"));
        let mut t: Vec<&str> = vec![""; SLOTS];
        t[Msg::FactsHeading as usize] = "Hechos registrados";
        assert!(register(Locale::Es, &t.join("\0")));
        let es = Texts::of(Locale::Es);
        assert_eq!(es.get(Msg::FactsHeading), "Hechos registrados");
        // An empty slot falls back to English.
        assert_eq!(es.get(Msg::SourcesHeading), "Sources");
        LOADED.with(|l| l.set([None; 4]));
    }
}
