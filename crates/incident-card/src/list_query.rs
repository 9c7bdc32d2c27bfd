//! Which index entries a list shows, in what order, and how many.

use incident_model::{Index, IndexEntry, Level, PartialDate, Status};

use crate::view::sorted_by;

/// Order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SortBy {
    /// Newest first (by when it occurred, else when it was filed); undated entries last.
    #[default]
    Date,
    /// Most severe first, then newest first.
    Severity,
}

impl SortBy {
    /// The model's order of the same name.
    pub fn order(self) -> incident_model::shards::Order {
        match self {
            SortBy::Date => incident_model::shards::Order::Date,
            SortBy::Severity => incident_model::shards::Order::Severity,
        }
    }

    pub fn parse(s: &str) -> Option<SortBy> {
        match s.trim().to_ascii_lowercase().as_str() {
            "date" | "newest" | "recent" => Some(SortBy::Date),
            "severity" | "severe" => Some(SortBy::Severity),
            _ => None,
        }
    }
}

/// Filters, order and limit of an incident list. Filters compare case-insensitively; an entry
/// must pass every filter that is set. Withdrawn cases are never listed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// Exact failure mode, e.g. "Identity & Access Drift".
    pub failure_mode: Option<String>,
    /// One of the entry's tags.
    pub tag: Option<String>,
    /// The name of one of the entry's organisations.
    pub organisation: Option<String>,
    /// Minimum normalised severity.
    pub severity: Option<Level>,
    pub sort: SortBy,
    /// At most this many entries.
    pub limit: Option<usize>,
    /// Only cases related to this one: those it names as related, and those that name it.
    pub related_to: Option<String>,
    /// Only cases dated (when they occurred, else when they were filed) from this date on, at
    /// the precision given (`2024`, `2024-06`, `2024-06-15`); an undated case is left out.
    pub from: Option<PartialDate>,
    /// Only cases dated up to this date, inclusive, at the precision given.
    pub to: Option<PartialDate>,
    /// A filter the page set that could not be read (`related-to="gen-1"`, `from="2024/01"`,
    /// `severity="severe"`): what was wrong, in words. Such a list matches nothing, rather
    /// than every case the filter was meant to leave out.
    pub unreadable: Option<String>,
}

/// The first and last day a partial date can mean, as sort keys.
fn span(d: &PartialDate) -> ((u16, u8, u8), (u16, u8, u8)) {
    let (y, m, day) = d.sort_key();
    let start = (y, m.max(1), day.max(1));
    let end = (
        y,
        if m == 0 { 12 } else { m },
        if day == 0 { 31 } else { day },
    );
    (start, end)
}

/// The most entries a list shows at a time (a screenful, and each **Show more**), whatever
/// `limit` says.
pub const MAX_LIMIT: usize = 500;

fn text_filter(s: Option<&str>) -> Option<String> {
    let s = s?.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A severity level by name (`high`) or by its position 1–5 (`4`).
pub fn parse_level(s: &str) -> Option<Level> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(n) = s.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| Level::ALL.get(i).copied());
    }
    Level::parse(&s)
}

/// Equal but for surrounding space and the case of ASCII letters. (Unicode case-folding would
/// bring the standard library's case tables, about 15 KB, into the widget for this one comparison.)
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn entry_date(e: &IndexEntry) -> Option<PartialDate> {
    e.occurred
        .as_deref()
        .or(e.filed.as_deref())
        .and_then(|d| PartialDate::parse(d).ok())
}

/// The value of a filter attribute that is set (not blank) and that `read` cannot read.
fn bad<T>(s: Option<&str>, read: impl Fn(&str) -> Option<T>) -> Option<&str> {
    s.map(str::trim)
        .filter(|s| !s.is_empty() && read(s).is_none())
}

impl ListQuery {
    /// A query from the raw attribute values of an embed. A severity that is neither a level
    /// nor 1–5 makes the list match nothing ([`ListQuery::unreadable`]); an unknown sort is
    /// ignored, a limit that is not a positive number means no limit, and a limit above
    /// [`MAX_LIMIT`] is lowered to it.
    pub fn from_attrs(
        failure_mode: Option<&str>,
        tag: Option<&str>,
        organisation: Option<&str>,
        severity: Option<&str>,
        sort: Option<&str>,
        limit: Option<&str>,
    ) -> ListQuery {
        ListQuery {
            failure_mode: text_filter(failure_mode),
            tag: text_filter(tag),
            organisation: text_filter(organisation),
            severity: severity.and_then(parse_level),
            sort: sort.and_then(SortBy::parse).unwrap_or_default(),
            limit: limit
                .and_then(|l| l.trim().parse::<usize>().ok())
                .filter(|n| *n > 0)
                .map(|n| n.min(MAX_LIMIT)),
            unreadable: bad(severity, parse_level)
                .map(|v| format!("severity \"{v}\" is not a level (info to critical, or 1 to 5)")),
            ..ListQuery::default()
        }
    }

    /// The date range from the `from` and `to` attributes: dates as the format writes them
    /// (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); one that is not makes the list match nothing.
    pub fn with_range(mut self, from: Option<&str>, to: Option<&str>) -> ListQuery {
        let read = |s: &str| PartialDate::parse(s).ok();
        let date = |s: Option<&str>| s.and_then(|s| read(s.trim()));
        self.from = date(from);
        self.to = date(to);
        for (name, value) in [("from", from), ("to", to)] {
            if let Some(v) = bad(value, read) {
                self.unreadable.get_or_insert_with(|| {
                    format!("{name} \"{v}\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
                });
            }
        }
        self
    }

    /// With `related-to`: only the cases related to this id (one that is not a case id makes
    /// the list match nothing).
    pub fn with_related_to(mut self, id: Option<&str>) -> ListQuery {
        let valid = |id: &str| incident_model::validate::is_valid_id(id).then_some(());
        self.related_to = id
            .map(str::trim)
            .filter(|id| valid(id).is_some())
            .map(str::to_owned);
        if let Some(v) = bad(id, valid) {
            self.unreadable.get_or_insert_with(|| {
                format!("related-to \"{v}\" is not a case id (such as ICS-0001)")
            });
        }
        self
    }

    /// Whether an entry's date falls in the range (always, without one).
    pub fn in_range(&self, e: &IndexEntry) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some((start, end)) = entry_date(e).map(|d| span(&d)) else {
            return false;
        };
        if self.range_is_empty() {
            return false;
        }
        self.from.as_ref().is_none_or(|f| end >= span(f).0)
            && self.to.as_ref().is_none_or(|t| start <= span(t).1)
    }

    /// Whether one entry passes the filters (`related_to` aside: see [`ListQuery::apply`]).
    pub fn matches(&self, e: &IndexEntry) -> bool {
        if e.status == Status::Withdrawn || self.unreadable.is_some() || !self.in_range(e) {
            return false;
        }
        if let Some(fm) = &self.failure_mode {
            if !e.failure_mode.as_deref().is_some_and(|x| same(x, fm)) {
                return false;
            }
        }
        if let Some(tag) = &self.tag {
            if !e.tags.iter().any(|t| same(t, tag)) {
                return false;
            }
        }
        if let Some(org) = &self.organisation {
            if !e.organisations.iter().any(|o| same(&o.name, org)) {
                return false;
            }
        }
        if let Some(min) = self.severity {
            if e.severity.level < min {
                return false;
            }
        }
        true
    }

    /// Whether the list holds nothing whatever the index: a filter could not be read, or the
    /// date range ends before it starts.
    pub fn holds_nothing(&self) -> bool {
        self.unreadable.is_some() || self.range_is_empty()
    }

    /// Whether the date range ends before it starts: it holds nothing.
    pub fn range_is_empty(&self) -> bool {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => span(f).0 > span(t).1,
            _ => false,
        }
    }

    /// How many entries a list shows at first, and adds with each **Show more**: `limit`, else
    /// a page of the sharded index's default size.
    pub fn step(&self) -> usize {
        self.limit
            .unwrap_or(incident_model::shards::DEFAULT_PAGE_SIZE as usize)
    }

    /// Every entry that passes the filters, sorted (the list shows them a screenful at a time).
    pub fn apply<'a>(&self, index: &'a Index) -> Vec<&'a IndexEntry> {
        self.positions(index)
            .into_iter()
            .filter_map(|i| index.incidents.get(i))
            .collect()
    }

    /// [`ListQuery::apply`]'s entries as their positions in `index.incidents`.
    pub fn positions(&self, index: &Index) -> Vec<usize> {
        // Related both ways: the cases the target names, and the cases that name it.
        let target = self
            .related_to
            .as_deref()
            .map(|id| (id, index.incidents.iter().find(|e| e.id == id)));
        let related = |e: &IndexEntry| match target {
            None => true,
            Some((id, t)) => {
                e.id != id
                    && (e.related.iter().any(|r| r == id)
                        || t.is_some_and(|t| t.related.contains(&e.id)))
            }
        };
        let out: Vec<usize> = index
            .incidents
            .iter()
            .enumerate()
            .filter(|(_, e)| self.matches(e) && related(e))
            .map(|(i, _)| i)
            .collect();
        // The model's order, the one the sharded index's pages are written in: newest first,
        // undated last, then by id, so the order never depends on the file's order.
        let order = self.sort.order();
        let entry = |i: &usize| index.incidents.get(*i);
        sorted_by(out, |a, b| match (entry(a), entry(b)) {
            (Some(x), Some(y)) => incident_model::shards::compare(x, y, order),
            _ => std::cmp::Ordering::Equal,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn filters_fold_ascii_case_and_trim() {
        assert!(same(" Amazon ", "amazon"));
        assert!(same("AWS Kiro", "aws kiro"));
        assert!(!same("Amazon", "Amazon Web Services"));
        // Beyond ASCII, letters must match as written.
        assert!(same("Société Générale", "société générale"));
        assert!(!same("SOCIÉTÉ", "société"));
    }
}
