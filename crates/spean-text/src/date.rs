//! Dates as people write them: exact, partial (year, month and year), Buddhist-era years.
//!
//! Records hold dates of birth in many shapes: `1997-03-12`, `12/03/1997`, `19970312`,
//! `12 March 1997`, `12 มี.ค. 2540`, `พ.ศ. 2540` or just `1997`. [`PartialDate::parse`]
//! reads all of them into one value that keeps only what was written, so a year-only
//! record can still agree with a full date. Day-first is assumed for slashed dates, as in
//! Thailand and Cambodia. A year above 2400 is a Buddhist-era year (BE = CE + 543).

use std::fmt;

/// Why a string is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text does not have the shape of any date form we read.
    #[error("not a date: {0:?}")]
    Unrecognised(String),
    /// The text has a date's shape but names no real day (month 13, 31 April, ...).
    #[error("no such date: {0:?}")]
    OutOfRange(String),
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// The offset between Buddhist-era and common-era years.
const BE_OFFSET: i32 = 543;

impl PartialDate {
    /// Builds a date from its parts, checking that they name a real day.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        let year = if year > 2400 { year - BE_OFFSET } else { year };
        if !(1000..=2999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => None,
            (Some(m), _) if !(1..=12).contains(&m) => None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => None,
            _ => Some(PartialDate { year, month, day }),
        }
    }

    /// Parses a date in any of the forms described in the module documentation.
    ///
    /// ```
    /// use spean_text::date::PartialDate;
    /// let be = PartialDate::parse("พ.ศ. 2540").unwrap();
    /// assert_eq!(be.to_string(), "1997");
    /// let full = PartialDate::parse("12/03/1997").unwrap();
    /// assert_eq!(full.to_string(), "1997-03-12");
    /// ```
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let text = fold(input);
        let unrecognised = || DateError::Unrecognised(input.to_owned());
        let out_of_range = || DateError::OutOfRange(input.to_owned());
        let tokens = tokenize(&text);
        let parts: Option<(i32, Option<u8>, Option<u8>)> = match tokens.as_slice() {
            [Token::Number(n, len)] if *len == 8 => {
                // YYYYMMDD, or DDMMYYYY when the first four digits cannot be a year.
                let (a, b) = (*n / 10_000, *n % 10_000);
                if (1800..=2200).contains(&a) || (2343..=2743).contains(&a) {
                    Some((
                        a as i32,
                        Some(((b / 100) % 100) as u8),
                        Some((b % 100) as u8),
                    ))
                } else {
                    Some((b as i32, Some((a % 100) as u8), Some((a / 100) as u8)))
                }
            }
            [Token::Number(y, 4)] => Some((*y as i32, None, None)),
            [Token::Number(a, 4), Token::Number(b, _)] => Some((*a as i32, Some(*b as u8), None)),
            [Token::Number(a, _), Token::Number(b, 4)] => Some((*b as i32, Some(*a as u8), None)),
            [Token::Month(m), Token::Number(y, 4)] => Some((*y as i32, Some(*m), None)),
            [
                Token::Number(a, 4),
                Token::Number(b, _),
                Token::Number(c, _),
            ] => Some((*a as i32, Some(*b as u8), Some(*c as u8))),
            [
                Token::Number(a, _),
                Token::Number(b, _),
                Token::Number(c, 4),
            ] => Some((*c as i32, Some(*b as u8), Some(*a as u8))),
            [Token::Number(d, _), Token::Month(m), Token::Number(y, 4)] => {
                Some((*y as i32, Some(*m), Some(*d as u8)))
            }
            [Token::Month(m), Token::Number(d, _), Token::Number(y, 4)] => {
                Some((*y as i32, Some(*m), Some(*d as u8)))
            }
            [Token::Number(y, 4), Token::Month(m), Token::Number(d, _)] => {
                Some((*y as i32, Some(*m), Some(*d as u8)))
            }
            _ => None,
        };
        let (year, month, day) = parts.ok_or_else(unrecognised)?;
        PartialDate::new(year, month, day).ok_or_else(out_of_range)
    }

    /// The common-era year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month (1–12), if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// True when year, month and day are all known.
    pub fn is_exact(&self) -> bool {
        self.day.is_some()
    }

    /// Days since 1970-01-01 for an exact date.
    pub fn days_since_epoch(&self) -> Option<i64> {
        let (m, d) = (self.month?, self.day?);
        // Howard Hinnant's days-from-civil algorithm.
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(m) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe - 719_468)
    }

    /// True when the two dates could be the same day: every part known on both sides
    /// is equal.
    pub fn is_compatible_with(&self, other: &PartialDate) -> bool {
        let same = |a: Option<u8>, b: Option<u8>| match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        self.year == other.year && same(self.month, other.month) && same(self.day, other.day)
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the precision known: `1997`, `1997-03` or `1997-03-12`.
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

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A run of digits: its value and its length in digits.
    Number(u32, usize),
    /// A month written as a word.
    Month(u8),
}

/// Lower-cases, folds Thai/Khmer/Lao/Myanmar digits to ASCII and removes era markers.
fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let digit = match c {
            '\u{0E50}'..='\u{0E59}' => Some(u32::from(c) - 0x0E50),
            '\u{17E0}'..='\u{17E9}' => Some(u32::from(c) - 0x17E0),
            '\u{0ED0}'..='\u{0ED9}' => Some(u32::from(c) - 0x0ED0),
            '\u{1040}'..='\u{1049}' => Some(u32::from(c) - 0x1040),
            _ => None,
        };
        match digit.and_then(|d| char::from_digit(d, 10)) {
            Some(d) => out.push(d),
            None => out.extend(c.to_lowercase()),
        }
    }
    // Era words: the year's size tells BE from CE, so the markers can go.
    for marker in ["พ.ศ.", "พ.ศ", "ค.ศ.", "ค.ศ", "พศ", "be", "ce", "ad"] {
        if let Some(pos) = out.find(marker) {
            let before = out.get(..pos).unwrap_or("");
            let after = out.get(pos + marker.len()..).unwrap_or("");
            let boundary_ok = marker.chars().all(|c| !c.is_ascii_alphabetic())
                || (!before.ends_with(|c: char| c.is_ascii_alphabetic())
                    && !after.starts_with(|c: char| c.is_ascii_alphabetic()));
            if boundary_ok {
                out = format!("{before} {after}");
            }
        }
    }
    out
}

/// Month names in English, Thai (full and abbreviated) and Khmer.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("มกราคม", 1),
    ("กุมภาพันธ์", 2),
    ("มีนาคม", 3),
    ("เมษายน", 4),
    ("พฤษภาคม", 5),
    ("มิถุนายน", 6),
    ("กรกฎาคม", 7),
    ("สิงหาคม", 8),
    ("กันยายน", 9),
    ("ตุลาคม", 10),
    ("พฤศจิกายน", 11),
    ("ธันวาคม", 12),
    ("ม.ค.", 1),
    ("ก.พ.", 2),
    ("มี.ค.", 3),
    ("เม.ย.", 4),
    ("พ.ค.", 5),
    ("มิ.ย.", 6),
    ("ก.ค.", 7),
    ("ส.ค.", 8),
    ("ก.ย.", 9),
    ("ต.ค.", 10),
    ("พ.ย.", 11),
    ("ธ.ค.", 12),
    ("មករា", 1),
    ("កុម្ភៈ", 2),
    ("មីនា", 3),
    ("មេសា", 4),
    ("ឧសភា", 5),
    ("មិថុនា", 6),
    ("កក្កដា", 7),
    ("សីហា", 8),
    ("កញ្ញា", 9),
    ("តុលា", 10),
    ("វិច្ឆិកា", 11),
    ("ធ្នូ", 12),
];

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let digits = rest.get(..len).unwrap_or("");
            tokens.push(Token::Number(digits.parse().unwrap_or(u32::MAX), len));
            rest = rest.get(len..).unwrap_or("");
        } else if let Some((name, month)) = MONTHS
            .iter()
            .filter(|(name, _)| rest.starts_with(name))
            .max_by_key(|(name, _)| name.len())
        {
            tokens.push(Token::Month(*month));
            rest = rest.get(name.len()..).unwrap_or("");
            // Skip the rest of a longer English word ("sept." or "marzo" is not ours).
            let tail = rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            rest = rest.get(tail..).unwrap_or("");
        } else if c.is_alphabetic() && !c.is_ascii() {
            // An unknown non-Latin word (e.g. วันที่ "day"): skip it whole.
            let end = rest
                .char_indices()
                .find(|(_, c)| c.is_ascii() || c.is_whitespace())
                .map_or(rest.len(), |(i, _)| i);
            rest = rest.get(end..).unwrap_or("");
        } else if c.is_ascii_alphabetic() {
            // An unknown Latin word makes the whole text unrecognised.
            return Vec::new();
        } else {
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(input: &str) -> String {
        match PartialDate::parse(input) {
            Ok(d) => d.to_string(),
            Err(e) => panic!("{input:?}: {e}"),
        }
    }

    #[test]
    fn numeric_full_dates_in_the_common_orders_parse() {
        for input in [
            "1997-03-12",
            "12/03/1997",
            "19970312",
            "12.03.1997",
            "1997/03/12",
        ] {
            assert_eq!(iso(input), "1997-03-12", "{input}");
        }
    }

    #[test]
    fn month_names_in_english_thai_and_khmer_parse() {
        assert_eq!(iso("12 March 1997"), "1997-03-12");
        assert_eq!(iso("Mar 12, 1997"), "1997-03-12");
        assert_eq!(iso("12 มีนาคม 2540"), "1997-03-12");
        assert_eq!(iso("12 มี.ค. 2540"), "1997-03-12");
        assert_eq!(iso("១២ មីនា ១៩៩៧"), "1997-03-12");
    }

    #[test]
    fn buddhist_era_years_become_common_era_years() {
        assert_eq!(iso("พ.ศ. 2540"), "1997");
        assert_eq!(iso("2540"), "1997");
        assert_eq!(iso("๑๒/๐๓/๒๕๔๐"), "1997-03-12");
        assert_eq!(iso("25400312"), "1997-03-12");
        assert_eq!(iso("12032540"), "1997-03-12");
    }

    #[test]
    fn partial_dates_keep_only_what_was_written() {
        assert_eq!(iso("1997"), "1997");
        assert_eq!(iso("03/1997"), "1997-03");
        assert_eq!(iso("1997-03"), "1997-03");
        assert_eq!(iso("March 1997"), "1997-03");
    }

    #[test]
    fn impossible_dates_are_out_of_range() {
        assert!(matches!(
            PartialDate::parse("31/04/1997"),
            Err(DateError::OutOfRange(_))
        ));
        assert!(PartialDate::parse("29/02/1997").is_err());
        assert_eq!(iso("29/02/2000"), "2000-02-29");
    }

    #[test]
    fn text_that_is_no_date_is_unrecognised() {
        assert!(matches!(
            PartialDate::parse("unknown"),
            Err(DateError::Unrecognised(_))
        ));
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn a_year_only_date_is_compatible_with_any_day_of_that_year() {
        let year = PartialDate::parse("1997").unwrap();
        let day = PartialDate::parse("1997-03-12").unwrap();
        let other = PartialDate::parse("1998-03-12").unwrap();
        assert!(year.is_compatible_with(&day));
        assert!(!year.is_compatible_with(&other));
    }

    #[test]
    fn days_since_epoch_counts_calendar_days() {
        let a = PartialDate::parse("1970-01-01").unwrap();
        let b = PartialDate::parse("2000-03-01").unwrap();
        assert_eq!(a.days_since_epoch(), Some(0));
        assert_eq!(b.days_since_epoch(), Some(11_017));
    }
}
