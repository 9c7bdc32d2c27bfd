//! Text rules: what characters a document's text may hold.
//!
//! Cards render text as text (never as markup), so `<` and `&` are harmless here. What is refused is
//! what could change how a reader sees the text: control characters (including line breaks, since every
//! field is one line or one paragraph) and the bidirectional overrides and isolates that can reorder
//! what is displayed (the "Trojan Source" trick), and Unicode's noncharacters, which no text
//! exchanged between programs may hold (XML refuses two of them).

/// Why a character is refused, or `None` when it is allowed.
pub fn forbidden_char(c: char) -> Option<&'static str> {
    match c {
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            Some("bidirectional control character")
        }
        '\u{2028}' | '\u{2029}' => Some("line or paragraph separator"),
        '\u{feff}' => Some("byte order mark"),
        // Noncharacters: never for interchange, and U+FFFE and U+FFFF are not XML characters (one
        // in a title made the site's whole Atom feed unreadable).
        '\u{fdd0}'..='\u{fdef}' => Some("noncharacter"),
        c if (c as u32) & 0xfffe == 0xfffe => Some("noncharacter"),
        _ => None,
    }
}

/// The first refused character with its character position, if any.
pub fn first_forbidden(s: &str) -> Option<(usize, char, &'static str)> {
    s.chars()
        .enumerate()
        .find_map(|(i, c)| forbidden_char(c).map(|why| (i, c, why)))
}

/// Length in characters, counted only up to `cap + 1` so a 10 MB string costs no more than the cap.
pub fn char_len_capped(s: &str, cap: usize) -> usize {
    s.chars().take(cap.saturating_add(1)).count()
}

/// `s` with refused characters removed: the last line of defence for text shown without validation
/// (an error message that quotes a document, say).
pub fn sanitize(s: &str) -> String {
    s.chars().filter(|c| forbidden_char(*c).is_none()).collect()
}
