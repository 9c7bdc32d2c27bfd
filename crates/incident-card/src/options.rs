//! Card options and how they are read from attributes. Lenient on purpose: an embed with a typo in
//! an attribute still shows a card, with the default for what it could not read.

use std::fmt;

/// How much of the case a card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Variant {
    /// Every section the options allow.
    #[default]
    Full,
    /// Header, badge, summary, counts and a link to the case.
    Compact,
}

impl Variant {
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Full => "full",
            Variant::Compact => "compact",
        }
    }
    /// `full` or `compact` (case-insensitive, trimmed); anything else is `None`.
    pub fn parse(s: &str) -> Option<Variant> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Some(Variant::Full),
            "compact" => Some(Variant::Compact),
            _ => None,
        }
    }
}

/// Colour scheme. `Auto` follows the reader's `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    Auto,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
    /// `light`, `dark` or `auto` (case-insensitive, trimmed); anything else is `None`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }
}

/// One optional block of a full card. The header and the severity badge always show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Summary,
    Facts,
    Chain,
    Impact,
    Lessons,
    Sources,
    Citation,
    Related,
}

impl Section {
    /// In the order a card shows them.
    pub const ALL: [Section; 8] = [
        Section::Summary,
        Section::Facts,
        Section::Chain,
        Section::Impact,
        Section::Lessons,
        Section::Sources,
        Section::Citation,
        Section::Related,
    ];

    /// The name used in the `sections` attribute (also the block's `part`).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Facts => "facts",
            Section::Chain => "chain",
            Section::Impact => "impact",
            Section::Lessons => "lessons",
            Section::Sources => "sources",
            Section::Citation => "citation",
            Section::Related => "related",
        }
    }

    /// A section name, case-insensitive, with a few obvious synonyms.
    pub fn parse(s: &str) -> Option<Section> {
        let s = s.trim().to_ascii_lowercase();
        let s = match s.as_str() {
            "claims" => "facts",
            "cause-chain" | "cause_chain" | "causes" => "chain",
            "licence" | "license" | "cite" => "citation",
            "lesson" => "lessons",
            "source" => "sources",
            other => other,
        };
        Section::ALL.into_iter().find(|x| x.as_str() == s)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Which optional sections a full card shows (a small set of [`Section`]s).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sections {
    bits: u16,
}

impl Default for Sections {
    fn default() -> Self {
        Sections::ALL
    }
}

impl fmt::Debug for Sections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Sections {
    pub const ALL: Sections = Sections { bits: 0xff };
    pub const NONE: Sections = Sections { bits: 0 };

    pub fn contains(self, s: Section) -> bool {
        self.bits & s.bit() != 0
    }
    pub fn with(self, s: Section) -> Sections {
        Sections {
            bits: self.bits | s.bit(),
        }
    }
    pub fn without(self, s: Section) -> Sections {
        Sections {
            bits: self.bits & !s.bit(),
        }
    }
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }
    /// The sections in the set, in display order.
    pub fn iter(self) -> impl Iterator<Item = Section> {
        Section::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// Reads a `sections` attribute: names separated by commas or spaces.
    ///
    /// - `"facts,sources"` shows only those;
    /// - `"-lessons,-related"` hides those from the default (all);
    /// - both kinds together: the named ones, minus the hidden ones;
    /// - `"all"` or an empty value: all; unknown names are ignored, and a list with no name known
    ///   at all falls back to all (a typo must not blank the card).
    pub fn parse(s: &str) -> Sections {
        let mut shown = Sections::NONE;
        let mut hidden = Sections::NONE;
        let mut any_shown = false;
        for word in s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            if let Some(rest) = word.strip_prefix('-') {
                if let Some(sec) = Section::parse(rest) {
                    hidden = hidden.with(sec);
                }
            } else {
                let word = word.strip_prefix('+').unwrap_or(word);
                if word.eq_ignore_ascii_case("all") {
                    shown = Sections::ALL;
                    any_shown = true;
                } else if let Some(sec) = Section::parse(word) {
                    shown = shown.with(sec);
                    any_shown = true;
                }
            }
        }
        let base = if any_shown { shown } else { Sections::ALL };
        Sections {
            bits: base.bits & !hidden.bits,
        }
    }
}

/// Everything a host can choose about one card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardOptions {
    pub variant: Variant,
    pub theme: Theme,
    /// Level of the card title's heading, 2 to 6; section headings use the next level down.
    pub heading_level: u8,
    /// Which optional sections a full card shows.
    pub sections: Sections,
    /// Link to the case page; shown only when it passes the link policy (`https` only).
    pub case_url: Option<String>,
    /// The card's UI language, a language tag: its words, dates and numbers are in it when the
    /// card has its catalogue (`en`, `de`, `es`, `ar`; `de-AT` is German), else in English. The
    /// document's text keeps the document's `lang` (see [`crate::i18n`]).
    pub lang: Option<String>,
    /// The revision of the case the embed was made from (a snippet's `revision`): when the
    /// document is newer, the card says what changed since (see `revision_notice`).
    pub revision: Option<u32>,
}

impl Default for CardOptions {
    fn default() -> Self {
        CardOptions {
            variant: Variant::Full,
            theme: Theme::Light,
            heading_level: DEFAULT_HEADING_LEVEL,
            sections: Sections::ALL,
            case_url: None,
            lang: None,
            revision: None,
        }
    }
}

pub const DEFAULT_HEADING_LEVEL: u8 = 2;

/// `"3"` or `"h3"`; numbers outside 2..=6 are clamped into it, anything else gives the default (2).
pub fn parse_heading_level(s: &str) -> u8 {
    let s = s.trim();
    let digits = s
        .strip_prefix('h')
        .or_else(|| s.strip_prefix('H'))
        .unwrap_or(s);
    match digits.parse::<u32>() {
        Ok(n) => n.clamp(2, 6) as u8,
        Err(_) => DEFAULT_HEADING_LEVEL,
    }
}

/// A heading level kept in 2..=6, whatever a caller passed.
pub fn clamp_heading_level(level: u8) -> u8 {
    level.clamp(2, 6)
}

impl CardOptions {
    /// Options from the raw attribute values of an embed. Lenient: unknown values fall back to
    /// the defaults (full, light, all sections, heading level 2).
    pub fn from_attrs(
        variant: Option<&str>,
        theme: Option<&str>,
        sections: Option<&str>,
        heading_level: Option<&str>,
    ) -> CardOptions {
        CardOptions {
            variant: variant.and_then(Variant::parse).unwrap_or_default(),
            theme: theme.and_then(Theme::parse).unwrap_or_default(),
            heading_level: heading_level
                .map(parse_heading_level)
                .unwrap_or(DEFAULT_HEADING_LEVEL),
            sections: sections.map(Sections::parse).unwrap_or_default(),
            case_url: None,
            lang: None,
            revision: None,
        }
    }
}

/// A `revision` attribute: a whole number from 1, trimmed; anything else is no pin.
pub fn parse_revision(s: &str) -> Option<u32> {
    s.trim().parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_only_and_minus() {
        let s = Sections::parse("facts,sources");
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            [Section::Facts, Section::Sources]
        );
        let s = Sections::parse("-lessons, -related");
        assert!(!s.contains(Section::Lessons));
        assert!(!s.contains(Section::Related));
        assert!(s.contains(Section::Facts) && s.contains(Section::Citation));
        let s = Sections::parse("facts sources -sources");
        assert_eq!(s.iter().collect::<Vec<_>>(), [Section::Facts]);
        assert_eq!(
            Sections::parse("FACTS,Claims"),
            Sections::NONE.with(Section::Facts)
        );
        assert_eq!(Sections::parse("cause-chain").iter().count(), 1);
    }

    #[test]
    fn sections_lenient() {
        assert_eq!(Sections::parse(""), Sections::ALL);
        assert_eq!(Sections::parse("all"), Sections::ALL);
        assert_eq!(Sections::parse("nonsense,???"), Sections::ALL);
        assert_eq!(
            Sections::parse("facts,nonsense"),
            Sections::NONE.with(Section::Facts)
        );
        assert_eq!(
            Sections::parse("-nonsense,-facts"),
            Sections::ALL.without(Section::Facts)
        );
        assert_eq!(
            Sections::parse("all,-impact"),
            Sections::ALL.without(Section::Impact)
        );
    }

    #[test]
    fn from_attrs_defaults_and_values() {
        let d = CardOptions::from_attrs(None, None, None, None);
        assert_eq!(d, CardOptions::default());
        let o = CardOptions::from_attrs(Some(" Compact "), Some("DARK"), Some("facts"), Some("h4"));
        assert_eq!(o.variant, Variant::Compact);
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.heading_level, 4);
        assert_eq!(o.sections, Sections::NONE.with(Section::Facts));
        let o = CardOptions::from_attrs(Some("huge"), Some("sepia"), Some(""), Some("three"));
        assert_eq!(o, CardOptions::default());
        assert_eq!(
            CardOptions::from_attrs(None, Some("auto"), None, None).theme,
            Theme::Auto
        );
    }

    #[test]
    fn heading_levels() {
        assert_eq!(parse_heading_level("2"), 2);
        assert_eq!(parse_heading_level("6"), 6);
        assert_eq!(parse_heading_level("1"), 2);
        assert_eq!(parse_heading_level("9"), 6);
        assert_eq!(parse_heading_level("H5"), 5);
        assert_eq!(parse_heading_level("-3"), 2);
        assert_eq!(parse_heading_level(""), 2);
        assert_eq!(clamp_heading_level(0), 2);
        assert_eq!(clamp_heading_level(200), 6);
    }
}
