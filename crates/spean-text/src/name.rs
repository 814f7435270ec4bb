//! Name keys: cross-script, phonetic keys that let spellings of one name meet in a block.
//!
//! A name goes through two steps. [`latin_form`] writes it in plain lower-case Latin:
//! Thai and Khmer words are romanised ([`crate::romanize`]), accents are stripped,
//! punctuation goes. [`name_key`] then folds the alternations that people really write
//! for the same sound (see `romanization.md` §1.7, §2.4 and §3): aspiration
//! (`kh`/`k`, `ph`/`p`/`f`, `th`/`t`/`d`, `chh`/`ch`), `v`/`w`, `g`/`k`, an `r` kept or
//! dropped after a consonant or before one (`Srisuk`/`Sisuk`, `Kularb`/`Kulap`),
//! `ea`/`ia`, `ou`/`u`, `ay`/`ai`/`ey`, `or`/`o`, a final `h` written `s`, and doubled
//! letters. The key is deliberately loose: it is for blocking and for one comparison
//! level, and the finer comparisons run on the Latin form.
//!
//! ```
//! use spean_text::name::{latin_form, name_key};
//! assert_eq!(name_key("Srisuk"), name_key("Sisuk"));
//! assert_eq!(name_key(&latin_form("ศรีสุข")), name_key("Srisuk"));
//! ```

use unicode_normalization::UnicodeNormalization;

use crate::romanize::romanize;

/// The name in plain lower-case Latin letters, words separated by single spaces.
///
/// Thai and Khmer words are romanised first; Latin letters lose their accents
/// (`Sŏkh` → `sokh`, `Nguyễn` → `nguyen`).
pub fn latin_form(name: &str) -> String {
    let roman = romanize(name);
    let mut out = String::with_capacity(roman.len());
    let mut pending_space = false;
    for c in roman.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ø' | 'Ø' => "o",
            'ß' => "ss",
            'đ' | 'Đ' => "d",
            'ı' => "i",
            _ => "",
        };
        if !mapped.is_empty() || c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if mapped.is_empty() {
                out.extend(c.to_lowercase());
            } else {
                out.push_str(mapped);
            }
        } else if c.is_whitespace() || c == '-' || c == ',' || c == '.' || c == '/' {
            pending_space = true;
        }
        // Apostrophes (the Khmer glottal ' or O'Brien) vanish without a break.
    }
    out
}

/// The phonetic key of one word already in Latin form (see the module documentation).
pub fn name_key(word: &str) -> String {
    let letters: Vec<char> = word
        .chars()
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphabetic)
        .collect();
    // Step 1: consonant and vowel groups to one symbol each, longest match first.
    let mut units: Vec<&'static str> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let rest = letters.get(i..).unwrap_or(&[]);
        let (unit, used) = fold_unit(rest);
        if !unit.is_empty() {
            units.push(unit);
        }
        i += used.max(1);
    }
    // Step 2: drop an `r` next to a consonant (sr-, kr-, -rk, -r at the end after a
    // vowel), turn a final `h` into `s`, and squeeze doubles.
    let is_vowel = |u: &str| u.starts_with(['a', 'e', 'i', 'o', 'u']);
    let mut out = String::with_capacity(units.len() * 2);
    let mut last: &str = "";
    for (k, unit) in units.iter().enumerate() {
        let prev = if k == 0 { None } else { units.get(k - 1) };
        let next = units.get(k + 1);
        let mut unit: &str = unit;
        if unit == "r" {
            let after_consonant = prev.is_some_and(|p| !is_vowel(p));
            let before_vowel = next.is_some_and(|n| is_vowel(n));
            if after_consonant || !before_vowel && k > 0 {
                continue;
            }
        }
        if unit == "h" && next.is_none() && k > 0 {
            unit = "s";
        }
        if unit == last {
            continue;
        }
        out.push_str(unit);
        last = unit;
    }
    out
}

/// The keys of every word of a name, in Latin form first.
pub fn name_keys(name: &str) -> Vec<String> {
    latin_form(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(name_key)
        .collect()
}

/// One folded unit at the start of `rest`: the symbol it becomes and how many letters it
/// used. The table lists longer groups before their prefixes.
fn fold_unit(rest: &[char]) -> (&'static str, usize) {
    const GROUPS: &[(&str, &str)] = &[
        ("chh", "c"),
        ("tch", "c"),
        ("ch", "c"),
        ("sh", "c"),
        ("kh", "k"),
        ("gh", "k"),
        ("ph", "p"),
        ("bh", "p"),
        ("th", "t"),
        ("dh", "t"),
        ("ng", "n"),
        ("nh", "n"),
        ("ny", "n"),
        ("ck", "k"),
        ("qu", "kw"),
        ("aeu", "e"),
        ("eua", "ua"),
        ("uea", "ua"),
        ("oeu", "ue"),
        ("ieu", "io"),
        ("iao", "io"),
        ("ea", "ia"),
        ("ie", "ia"),
        ("ia", "ia"),
        ("ae", "e"),
        ("ai", "ai"),
        ("ay", "ai"),
        ("ey", "ai"),
        ("ei", "i"),
        ("ee", "i"),
        ("ao", "ao"),
        ("au", "ao"),
        ("aw", "ao"),
        ("ou", "u"),
        ("oo", "u"),
        ("ue", "ue"),
        ("eu", "ue"),
        ("oe", "ue"),
        ("ua", "ua"),
        ("uo", "ua"),
        ("oi", "oi"),
        ("oy", "oi"),
    ];
    for (group, unit) in GROUPS {
        let n = group.chars().count();
        if rest.len() >= n && rest.iter().take(n).copied().eq(group.chars()) {
            return (unit, n);
        }
    }
    let single = match rest.first() {
        Some('a') => "a",
        Some('b') | Some('p') | Some('f') => "p",
        Some('v') | Some('w') => "w",
        Some('c') | Some('k') | Some('g') | Some('q') => "k",
        Some('d') | Some('t') => "t",
        Some('e') => "e",
        Some('i') | Some('y') => "i",
        Some('o') => "o",
        Some('u') => "u",
        Some('j') => "c",
        Some('z') | Some('x') | Some('s') => "s",
        Some('l') => "l",
        Some('m') => "m",
        Some('n') => "n",
        Some('r') => "r",
        Some('h') => "h",
        _ => "",
    };
    (single, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_form_strips_accents_case_and_punctuation() {
        assert_eq!(latin_form("Sŏkh"), "sokh");
        assert_eq!(latin_form("  NGUYỄN,  Văn-An "), "nguyen van an");
        assert_eq!(latin_form("O'Brien"), "obrien");
    }

    #[test]
    fn r_kept_or_dropped_after_a_consonant_gives_one_key() {
        assert_eq!(name_key("srisuk"), name_key("sisuk"));
        assert_eq!(name_key("kularb"), name_key("kulap"));
    }

    #[test]
    fn aspiration_and_voicing_variants_give_one_key() {
        assert_eq!(name_key("thanakorn"), name_key("tanakon"));
        assert_eq!(name_key("phon"), name_key("pon"));
        assert_eq!(name_key("somphong"), name_key("sompong"));
        assert_eq!(name_key("gusuma"), name_key("kusuma"));
        assert_eq!(name_key("korkiat"), name_key("kokiat"));
    }

    #[test]
    fn v_and_w_give_one_key() {
        assert_eq!(name_key("suvanna"), name_key("suwanna"));
    }

    #[test]
    fn khmer_everyday_spellings_give_one_key() {
        assert_eq!(name_key("sok"), name_key("sokh"));
        assert_eq!(name_key("chhay"), name_key("chay"));
        assert_eq!(name_key("chhay"), name_key("chhai"));
        assert_eq!(name_key("sophea"), name_key("sophia"));
        assert_eq!(name_key("sinn"), name_key("sin"));
        assert_eq!(name_key("bou"), name_key("bu"));
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(name_key("sophea"), name_key("sopheap"));
        assert_ne!(name_key("somchai"), name_key("somsak"));
    }

    #[test]
    fn name_keys_cover_every_word() {
        assert_eq!(name_keys("Thanakorn Srisuk").len(), 2);
        assert_eq!(name_keys("Thanakorn Srisuk"), name_keys("tanakon sisuk"));
    }
}
