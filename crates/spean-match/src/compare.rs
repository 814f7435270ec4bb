//! Comparing two cleaned values into a level: how well they agree.
//!
//! Each kind has a short ladder of levels, from 0 ("they disagree") up to the top
//! ("exactly the same"). Fellegi–Sunter learns how likely each level is among true
//! matches (m) and among non-matches (u); the level is all it sees of a pair. The
//! ladders follow the comparisons that work well in practice (Splink's name and date
//! comparisons, Damerau–Levenshtein for identifiers), with one addition: names also
//! agree at a high level when their phonetic keys are equal, which is what lets
//! `Srisuk`, `Sisuk` and ศรีสุข meet.

use strsim::{damerau_levenshtein, jaro_winkler};

use crate::kind::FieldKind;
use crate::prepare::Value;

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
            "damerau_levenshtein <= 2",
            "damerau_levenshtein <= 1",
            "exact",
        ],
        FieldKind::Postcode => &["different", "damerau_levenshtein <= 1", "exact"],
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

fn compare_names(kind: FieldKind, la: &str, ka: &str, lb: &str, kb: &str) -> u8 {
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
            let (sx, sy) = (x.to_string(), y.to_string());
            let swapped = x.year() == y.year() && x.month() == y.day() && x.day() == y.month();
            if swapped || damerau_levenshtein(&sx, &sy) <= 1 {
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

fn compare_text(kind: FieldKind, x: &str, y: &str) -> u8 {
    let exact = x == y;
    match kind {
        FieldKind::Phone | FieldKind::Email | FieldKind::Handle | FieldKind::IdNumber => {
            if exact {
                3
            } else {
                match damerau_levenshtein(x, y) {
                    1 => 2,
                    2 => 1,
                    _ => 0,
                }
            }
        }
        FieldKind::Postcode => {
            if exact {
                2
            } else if damerau_levenshtein(x, y) <= 1 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::{PrepareOptions, clean};

    fn level(kind: FieldKind, a: &str, b: &str) -> Option<u8> {
        let options = PrepareOptions::default();
        compare(kind, &clean(kind, a, options), &clean(kind, b, options))
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
