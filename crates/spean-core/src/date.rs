//! Partial dates: a birth date is often known only as a year, or a month and year.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// A Gregorian date known to the year, the month, or the day.
///
/// Built only by [`PartialDate::new`] or [`PartialDate::parse_iso`], so it cannot
/// hold month 13 or 30 February.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not in the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("date is not in the form YYYY, YYYY-MM or YYYY-MM-DD")]
    Format,
    /// A date that does not exist, or a year outside 1850..=9999.
    #[error("date does not exist")]
    OutOfRange,
}

impl PartialDate {
    /// A date from its parts; a day needs a month.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        if !(1850..=9999).contains(&year) {
            return Err(DateError::OutOfRange);
        }
        match (month, day) {
            (None, Some(_)) => return Err(DateError::Format),
            (Some(m), None) if !(1..=12).contains(&m) => return Err(DateError::OutOfRange),
            (Some(m), Some(d)) if NaiveDate::from_ymd_opt(year, m, d).is_none() => {
                return Err(DateError::OutOfRange);
            }
            _ => {}
        }
        Ok(Self { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (Gregorian years).
    pub fn parse_iso(input: &str) -> Result<Self, DateError> {
        let mut parts = input.trim().split('-');
        let mut number = |width: usize| -> Result<Option<u32>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == width && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| DateError::Format)
                }
                Some(_) => Err(DateError::Format),
            }
        };
        let year = number(4)?.ok_or(DateError::Format)?;
        let month = number(2)?;
        let day = number(2)?;
        if parts.next().is_some() {
            return Err(DateError::Format);
        }
        Self::new(
            i32::try_from(year).map_err(|_| DateError::Format)?,
            month,
            day,
        )
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, when known.
    pub fn month(self) -> Option<u32> {
        self.month
    }

    /// The day, when known.
    pub fn day(self) -> Option<u32> {
        self.day
    }

    /// Whether any day this date may stand for is after `today`.
    pub fn is_after(self, today: NaiveDate) -> bool {
        let earliest =
            NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        earliest.is_some_and(|d| d > today)
    }

    /// Age in whole years on `today` when the date is exact; the lower bound otherwise.
    pub fn age_on(self, today: NaiveDate) -> i32 {
        let mut age = today.year() - self.year;
        let (month, day) = (self.month.unwrap_or(12), self.day.unwrap_or(31));
        if (today.month(), today.day()) < (month, day) {
            age -= 1;
        }
        age
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_and_day_forms_round_trip() {
        for text in ["1997", "1997-03", "1997-03-09"] {
            assert_eq!(PartialDate::parse_iso(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        assert_eq!(
            PartialDate::parse_iso("1997-13"),
            Err(DateError::OutOfRange)
        );
        assert_eq!(
            PartialDate::parse_iso("1997-02-30"),
            Err(DateError::OutOfRange)
        );
        assert_eq!(PartialDate::parse_iso("97-02-03"), Err(DateError::Format));
        assert_eq!(PartialDate::parse_iso("1997-2-3"), Err(DateError::Format));
    }

    #[test]
    fn a_year_only_date_in_the_current_year_is_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert!(!PartialDate::parse_iso("2026").unwrap().is_after(today));
        assert!(PartialDate::parse_iso("2026-07").unwrap().is_after(today));
    }

    #[test]
    fn age_counts_whole_years() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        assert_eq!(
            PartialDate::parse_iso("2000-03-09").unwrap().age_on(today),
            25
        );
        assert_eq!(
            PartialDate::parse_iso("2000-03-08").unwrap().age_on(today),
            26
        );
    }
}
