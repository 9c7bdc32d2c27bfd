//! Dates at their real precision: a year, a month or a day. A card never invents a day the sources
//! do not give, so "2025-12" stays "December 2025".

use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Format,
    Month(u8),
    Day(u8),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("expected YYYY, YYYY-MM or YYYY-MM-DD"),
            DateError::Month(m) => write!(f, "month {m} does not exist"),
            DateError::Day(d) => write!(f, "day {d} does not exist in that month"),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let mut parts = s.split('-');
        let year = parts
            .next()
            .and_then(|p| digits(p, 4))
            .ok_or(DateError::Format)? as u16;
        let month = match parts.next() {
            None => None,
            Some(p) => Some(digits(p, 2).ok_or(DateError::Format)? as u8),
        };
        let day = match parts.next() {
            None => None,
            Some(p) => Some(digits(p, 2).ok_or(DateError::Format)? as u8),
        };
        if parts.next().is_some() {
            return Err(DateError::Format);
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(DateError::Day(d));
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// Parses a full `YYYY-MM-DD` date only.
    pub fn parse_day(s: &str) -> Result<PartialDate, DateError> {
        let d = PartialDate::parse(s)?;
        if d.day.is_none() {
            return Err(DateError::Format);
        }
        Ok(d)
    }

    /// "2025", "December 2025", "15 December 2025".
    pub fn human(&self) -> String {
        let month = self
            .month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
        match (month, self.day) {
            (Some(m), Some(d)) => format!("{d} {m} {}", self.year),
            (Some(m), None) => format!("{m} {}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// Whether `self` certainly comes before `other`, at the precision both share.
    /// "2025-12" is not before "2025-12-15": they may be the same day.
    pub fn certainly_before(&self, other: &PartialDate) -> bool {
        match self.year.cmp(&other.year) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => match (self.month, other.month) {
                (Some(a), Some(b)) if a != b => a < b,
                (Some(_), Some(_)) => matches!((self.day, other.day), (Some(a), Some(b)) if a < b),
                _ => false,
            },
        }
    }

    /// Sort key: unknown parts sort as the start of their period.
    pub fn sort_key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl fmt::Display for PartialDate {
    /// The machine form, as written in documents (`2025-12`), for `<time datetime>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A unit of [`duration_parts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Day,
    Hour,
    Minute,
}

/// An ISO 8601 duration limited to days, hours and minutes (`P2D`, `PT13H`, `PT1H30M`), as its
/// parts in order; `None` for anything else. The card words them in the reader's language.
pub fn duration_parts(s: &str) -> Option<Vec<(u32, DurationUnit)>> {
    let rest = s.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut out = Vec::new();
    if !date_part.is_empty() {
        let n: u32 = date_part.strip_suffix('D')?.parse().ok()?;
        out.push((n, DurationUnit::Day));
    }
    if let Some(t) = time_part {
        if t.is_empty() {
            return None;
        }
        let mut num = String::new();
        let mut seen = String::new();
        for c in t.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let unit = match c {
                'H' => DurationUnit::Hour,
                'M' => DurationUnit::Minute,
                _ => return None,
            };
            if num.is_empty() || seen.contains(c) {
                return None;
            }
            seen.push(c);
            out.push((num.parse().ok()?, unit));
            num.clear();
        }
        if !num.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// [`duration_parts`] in English words: `PT1H30M` → "1 hour 30 minutes".
pub fn human_duration(s: &str) -> Option<String> {
    let parts: Vec<String> = duration_parts(s)?
        .into_iter()
        .map(|(n, unit)| {
            let unit = match unit {
                DurationUnit::Day => "day",
                DurationUnit::Hour => "hour",
                DurationUnit::Minute => "minute",
            };
            format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
        })
        .collect();
    Some(parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_is_kept() {
        assert_eq!(
            PartialDate::parse("2025-12").unwrap().human(),
            "December 2025"
        );
        assert_eq!(PartialDate::parse("2025").unwrap().human(), "2025");
        assert_eq!(
            PartialDate::parse("2025-12-15").unwrap().human(),
            "15 December 2025"
        );
        assert_eq!(
            PartialDate::parse("2025-12").unwrap().to_string(),
            "2025-12"
        );
    }

    #[test]
    fn bad_dates() {
        assert_eq!(PartialDate::parse("2025-13"), Err(DateError::Month(13)));
        assert_eq!(PartialDate::parse("2025-02-30"), Err(DateError::Day(30)));
        assert_eq!(
            PartialDate::parse("2024-02-29").map(|d| d.day),
            Ok(Some(29))
        );
        assert!(PartialDate::parse("25-1-1").is_err());
        assert!(PartialDate::parse("2025-12-01-").is_err());
        assert!(PartialDate::parse("").is_err());
        assert!(PartialDate::parse_day("2025-12").is_err());
    }

    #[test]
    fn ordering_respects_precision() {
        let p = |s| PartialDate::parse(s).unwrap();
        assert!(p("2025-11").certainly_before(&p("2025-12-01")));
        assert!(!p("2025-12").certainly_before(&p("2025-12-15")));
        assert!(!p("2025").certainly_before(&p("2025-01-01")));
        assert!(p("2025-12-14").certainly_before(&p("2025-12-15")));
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration("PT13H").as_deref(), Some("13 hours"));
        assert_eq!(
            human_duration("PT1H30M").as_deref(),
            Some("1 hour 30 minutes")
        );
        assert_eq!(human_duration("P2D").as_deref(), Some("2 days"));
        assert_eq!(human_duration("PT"), None);
        assert_eq!(human_duration("13 hours"), None);
        assert_eq!(human_duration("PT5H5H"), None);
    }
}
