//! Comparing two cleaned values into a level: how well they agree.
//!
//! Each kind has a short ladder of levels, from 0 ("they disagree") up to the top
//! ("exactly the same"). Fellegi–Sunter learns how likely each level is among true
//! matches (m) and among non-matches (u); the level is all it sees of a pair. The
//! ladders follow the comparisons that work well in practice (Splink's name and date
//! comparisons, Damerau–Levenshtein for identifiers), with one addition: names also
//! agree at a high level when their phonetic keys are equal, which is what lets
//! `Srisuk`, `Sisuk` and ศรีสุข meet.

use crate::kind::FieldKind;
use crate::prepare::{Str, Value};

/// The levels of a kind, lowest first; the index is the level.
pub fn level_labels(kind: FieldKind) -> &'static [&'static str] {
    match kind {
        FieldKind::GivenName | FieldKind::Surname => &[
            "different",
            "jaro_winkler >= 0.70",
            "jaro_winkler >= 0.88",
            "same phonetic key or jaro_winkler >= 0.92",
            "exact",
        ],
        FieldKind::FullName => &[
            "different",
            "a word in common (phonetic)",
            "jaro_winkler >= 0.88 (words sorted)",
            "same phonetic keys",
            "exact (words in any order)",
        ],
        FieldKind::DateOfBirth => &[
            "different",
            "within 10 years",
            "within 1 year, or partial and compatible",
            "one digit off or day/month swapped",
            "exact",
        ],
        FieldKind::Phone | FieldKind::Email | FieldKind::Handle | FieldKind::IdNumber => &[
            "different",
            "edit distance (OSA) <= 2",
            "edit distance (OSA) <= 1",
            "exact",
        ],
        FieldKind::Postcode => &["different", "edit distance (OSA) <= 1", "exact"],
        FieldKind::StreetNumber | FieldKind::Sex | FieldKind::Region | FieldKind::Country => {
            &["different", "exact"]
        }
        FieldKind::Address | FieldKind::Locality | FieldKind::Text => &[
            "different",
            "jaro_winkler >= 0.80",
            "jaro_winkler >= 0.92",
            "exact",
        ],
    }
}

/// Number of levels of a kind.
pub fn level_count(kind: FieldKind) -> usize {
    level_labels(kind).len()
}

/// Whether exact agreement on this kind gets a term-frequency adjustment: agreeing on a
/// rare value ("Thanakorn") says more than agreeing on a common one ("Sok").
pub fn uses_term_frequency(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::GivenName
            | FieldKind::Surname
            | FieldKind::FullName
            | FieldKind::StreetNumber
            | FieldKind::Postcode
            | FieldKind::Locality
    )
}

/// The level at which `a` and `b` agree, or `None` when either is missing.
pub fn compare(kind: FieldKind, a: &Value, b: &Value) -> Option<u8> {
    match (a, b) {
        (Value::Missing, _) | (_, Value::Missing) => None,
        (Value::Name { latin: la, key: ka }, Value::Name { latin: lb, key: kb }) => {
            Some(compare_names(kind, la, ka, lb, kb))
        }
        (Value::Date(x), Value::Date(y)) => Some(compare_dates(x, y)),
        (Value::Text(x), Value::Text(y)) => Some(compare_text(kind, x, y)),
        _ => None,
    }
}

fn compare_names(kind: FieldKind, la: &Str, ka: &Str, lb: &Str, kb: &Str) -> u8 {
    if la == lb {
        return 4;
    }
    let similarity = jaro_winkler(la, lb);
    if kind == FieldKind::FullName {
        if ka == kb {
            3
        } else if similarity >= 0.88 {
            2
        } else if ka.split(' ').any(|w| kb.split(' ').any(|v| v == w)) {
            1
        } else {
            0
        }
    } else if ka == kb || similarity >= 0.92 {
        3
    } else if similarity >= 0.88 {
        2
    } else if similarity >= 0.70 {
        1
    } else {
        0
    }
}

fn compare_dates(x: &spean_text::date::PartialDate, y: &spean_text::date::PartialDate) -> u8 {
    if x == y && x.is_exact() {
        return 4;
    }
    match (x.days_since_epoch(), y.days_since_epoch()) {
        (Some(dx), Some(dy)) => {
            let swapped = x.year() == y.year() && x.month() == y.day() && x.day() == y.month();
            if swapped || one_digit_apart(x, y) {
                3
            } else if (dx - dy).abs() <= 365 {
                2
            } else if (dx - dy).abs() <= 3653 {
                1
            } else {
                0
            }
        }
        _ => {
            if x.is_compatible_with(y) {
                2
            } else if (x.year() - y.year()).abs() <= 10 {
                1
            } else {
                0
            }
        }
    }
}

/// The eight digits YYYYMMDD of an exact date.
fn digits(d: &spean_text::date::PartialDate) -> [u8; 8] {
    let y = d.year().unsigned_abs();
    let m = u32::from(d.month().unwrap_or(0));
    let day = u32::from(d.day().unwrap_or(0));
    let value = y * 10_000 + m * 100 + day;
    let mut out = [0u8; 8];
    for (k, slot) in out.iter_mut().enumerate() {
        *slot = ((value / 10u32.pow(7 - k as u32)) % 10) as u8;
    }
    out
}

/// True when the YYYYMMDD forms differ in one digit or by two adjacent digits swapped
/// (the typing errors a clerk makes), without building strings.
fn one_digit_apart(x: &spean_text::date::PartialDate, y: &spean_text::date::PartialDate) -> bool {
    let (a, b) = (digits(x), digits(y));
    let differ: Vec<usize> = (0..8).filter(|&k| a.get(k) != b.get(k)).collect();
    match differ.as_slice() {
        [_] => true,
        [i, j] if *j == i + 1 => a.get(*i) == b.get(*j) && a.get(*j) == b.get(*i),
        _ => false,
    }
}

fn compare_text(kind: FieldKind, x: &Str, y: &Str) -> u8 {
    let exact = x == y;
    match kind {
        FieldKind::Phone | FieldKind::Email | FieldKind::Handle | FieldKind::IdNumber => {
            if exact {
                3
            } else {
                match osa_distance(x, y, 2) {
                    1 => 2,
                    2 => 1,
                    _ => 0,
                }
            }
        }
        FieldKind::Postcode => {
            if exact {
                2
            } else if osa_distance(x, y, 1) <= 1 {
                1
            } else {
                0
            }
        }
        FieldKind::StreetNumber | FieldKind::Sex | FieldKind::Region | FieldKind::Country => {
            u8::from(exact)
        }
        _ => {
            if exact {
                3
            } else {
                let similarity = jaro_winkler(x, y);
                if similarity >= 0.92 {
                    2
                } else if similarity >= 0.80 {
                    1
                } else {
                    0
                }
            }
        }
    }
}

/// Optimal-string-alignment distance (edits and adjacent swaps), exact up to `limit`
/// and `limit + 1` for anything further: the ladders never need more. Short ASCII
/// strings (identifiers, phones, postcodes) are compared on bytes without allocating.
pub fn osa_distance(a: &str, b: &str, limit: usize) -> usize {
    const MAX: usize = 48;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len().abs_diff(y.len()) > limit {
        return limit + 1;
    }
    if !a.is_ascii() || !b.is_ascii() || x.len() >= MAX || y.len() >= MAX {
        return strsim::osa_distance(a, b).min(limit + 1);
    }
    // Three rolling rows of the dynamic programme, on the stack.
    let mut two_ago = [0usize; MAX];
    let mut prev = [0usize; MAX];
    let mut row = [0usize; MAX];
    for (j, slot) in prev.iter_mut().enumerate().take(y.len() + 1) {
        *slot = j;
    }
    for i in 1..=x.len() {
        row[0] = i;
        let mut best = row[0];
        for j in 1..=y.len() {
            let (xi, yj) = (x[i - 1], y[j - 1]);
            let cost = usize::from(xi != yj);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && xi == y[j - 2] && x[i - 2] == yj {
                d = d.min(two_ago[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return limit + 1;
        }
        two_ago = prev;
        prev = row;
    }
    prev[y.len()].min(limit + 1)
}

/// Jaro–Winkler similarity, on bytes when both strings are short ASCII (the usual case
/// after [`spean_text::name::latin_form`]), which avoids the allocations of the general
/// version; longer or non-ASCII strings go to `strsim`.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    const MAX: usize = 64;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || x.len() > MAX || y.len() > MAX {
        return strsim::jaro_winkler(a, b);
    }
    if x.is_empty() || y.is_empty() {
        return if x == y { 1.0 } else { 0.0 };
    }
    // Bit-parallel matching: `positions[c]` has bit j set where y[j] == c, so each
    // character of x finds its first free match in its window with a few bit
    // operations instead of a scan.
    let mut positions = [0u64; 128];
    for (j, &c) in y.iter().enumerate() {
        if let Some(p) = positions.get_mut(usize::from(c)) {
            *p |= 1 << j;
        }
    }
    let window = (x.len().max(y.len()) / 2).saturating_sub(1);
    let below = |n: usize| if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    let (mut x_matched, mut y_matched, mut matches) = (0u64, 0u64, 0u32);
    for (i, &c) in x.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(y.len());
        if lo >= hi {
            continue;
        }
        let free = positions.get(usize::from(c)).copied().unwrap_or(0)
            & below(hi)
            & !below(lo)
            & !y_matched;
        if free != 0 {
            y_matched |= free & free.wrapping_neg();
            x_matched |= 1 << i;
            matches += 1;
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // Matched characters in order on both sides; count the positions that differ.
    let (mut xs, mut ys, mut half_transpositions) = (x_matched, y_matched, 0u32);
    while xs != 0 {
        let (i, j) = (xs.trailing_zeros() as usize, ys.trailing_zeros() as usize);
        if x.get(i) != y.get(j) {
            half_transpositions += 1;
        }
        xs &= xs - 1;
        ys &= ys - 1;
    }
    let m = f64::from(matches);
    let t = f64::from(half_transpositions / 2);
    let jaro = (m / x.len() as f64 + m / y.len() as f64 + (m - t) / m) / 3.0;
    let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::{PrepareOptions, clean};

    fn level(kind: FieldKind, a: &str, b: &str) -> Option<u8> {
        let options = PrepareOptions::default();
        compare(kind, &clean(kind, a, options), &clean(kind, b, options))
    }

    #[test]
    fn the_bounded_osa_distance_agrees_with_strsim_up_to_its_limit() {
        for (a, b) in [
            ("0812345678", "0812345687"),
            ("0812345678", "0812345678"),
            ("2600", "2061"),
            ("abc", "cab"),
            ("", "ab"),
            ("12345", "54321"),
            ("ca", "abc"),
        ] {
            let theirs = strsim::osa_distance(a, b).min(3);
            assert_eq!(osa_distance(a, b, 2), theirs, "{a} {b}");
        }
    }

    #[test]
    fn the_byte_jaro_winkler_agrees_with_strsim() {
        for (a, b) in [
            ("martha", "marhta"),
            ("dixon", "dicksonx"),
            ("srisuk", "sisuk"),
            ("a", "b"),
            ("abc", "abc"),
            ("jellyfish", "smellyfish"),
            ("thanakorn", "tanakon"),
            (
                "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxy",
                "bacdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
            ),
        ] {
            let ours = jaro_winkler(a, b);
            let theirs = strsim::jaro_winkler(a, b);
            assert!((ours - theirs).abs() < 1e-12, "{a} {b}: {ours} vs {theirs}");
        }
    }

    #[test]
    fn identical_names_agree_at_the_top_level() {
        assert_eq!(level(FieldKind::Surname, "Srisuk", "SRISUK"), Some(4));
    }

    #[test]
    fn names_with_the_same_phonetic_key_agree_at_level_three() {
        assert_eq!(level(FieldKind::Surname, "Srisuk", "Sisuk"), Some(3));
        assert_eq!(level(FieldKind::GivenName, "Thanakorn", "Tanakon"), Some(3));
    }

    #[test]
    fn a_one_letter_typo_in_a_name_still_agrees_closely() {
        assert!(level(FieldKind::Surname, "katherine", "katherime").unwrap() >= 3);
    }

    #[test]
    fn unrelated_names_disagree() {
        assert_eq!(level(FieldKind::Surname, "Srisuk", "Chanthavong"), Some(0));
    }

    #[test]
    fn full_names_in_swapped_order_agree_exactly() {
        assert_eq!(
            level(FieldKind::FullName, "Soth Sopheap", "Sopheap Soth"),
            Some(4)
        );
        assert_eq!(
            level(FieldKind::FullName, "Soth Sopheap", "Sot Sopheap"),
            Some(3)
        );
        assert_eq!(
            level(FieldKind::FullName, "Soth Sopheap", "Soth Dara"),
            Some(1)
        );
    }

    #[test]
    fn a_missing_value_has_no_level() {
        assert_eq!(level(FieldKind::Surname, "", "Srisuk"), None);
        assert_eq!(level(FieldKind::DateOfBirth, "not a date", "1997"), None);
    }

    #[test]
    fn date_levels_cover_exact_typo_swap_year_and_decade() {
        let dob = FieldKind::DateOfBirth;
        assert_eq!(level(dob, "1997-03-12", "12/03/2540"), Some(4));
        assert_eq!(level(dob, "1997-03-12", "1997-03-13"), Some(3));
        assert_eq!(level(dob, "1997-03-12", "1997-12-03"), Some(3));
        assert_eq!(level(dob, "1997-03-12", "1997-07-30"), Some(2));
        assert_eq!(level(dob, "1997-03-12", "1997"), Some(2));
        assert_eq!(level(dob, "1997-03-12", "1990-01-30"), Some(1));
        assert_eq!(level(dob, "1997-03-12", "1960-01-30"), Some(0));
    }

    #[test]
    fn phones_compare_in_e164_with_digit_typos() {
        let phone = FieldKind::Phone;
        assert_eq!(level(phone, "081-234-5678", "+66812345678"), Some(3));
        assert_eq!(level(phone, "081-234-5678", "081-234-5679"), Some(2));
        assert_eq!(level(phone, "081-234-5678", "089-999-1111"), Some(0));
    }

    #[test]
    fn identifiers_postcodes_and_street_numbers_have_their_own_ladders() {
        assert_eq!(level(FieldKind::IdNumber, "AA 123456", "aa123465"), Some(2));
        assert_eq!(level(FieldKind::Postcode, "2600", "2601"), Some(1));
        assert_eq!(level(FieldKind::StreetNumber, "12", "13"), Some(0));
        assert_eq!(level(FieldKind::Locality, "canberra", "canberr"), Some(2));
    }

    #[test]
    fn every_level_returned_has_a_label() {
        for kind in FieldKind::ALL {
            for (a, b) in [("a", "a"), ("1997", "1996"), ("x y", "y z")] {
                if let Some(l) = level(kind, a, b) {
                    assert!(usize::from(l) < level_count(kind), "{kind} {a} {b}");
                }
            }
        }
    }
}
