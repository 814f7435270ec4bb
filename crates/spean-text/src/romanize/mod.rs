//! Romanisation of Thai (RTGS) and Khmer (UNGEGN) into Latin letters.
//!
//! [`romanize`] detects the script of each whitespace-separated word
//! ([`crate::script::word_script`]) and applies the rules of that script; Latin and
//! other words pass through unchanged, and so does the spacing. The rules and their
//! limits are described in [`romanize_thai`] and [`romanize_khmer`]'s modules; the
//! source is `romanization.md` in the shared design material.
//!
//! ```
//! use spean_text::romanize::romanize;
//! assert_eq!(romanize("ธนากร ศรีสุข"), "thanakon sisuk");
//! assert_eq!(romanize("សុខ Dara"), "sŏkh Dara");
//! ```

mod khmer;
mod thai;

use crate::script::{Script, word_script};

/// Romanises Thai text by RTGS rules, word by word (words are separated by spaces;
/// a run without spaces is read as one word).
pub fn romanize_thai(text: &str) -> String {
    map_words(text, thai::word)
}

/// Romanises Khmer text by UNGEGN rules (BGN/PCGN 1972), with its diacritics.
pub fn romanize_khmer(text: &str) -> String {
    map_words(text, khmer::word)
}

/// Romanises each word by the rules of its script; Latin and other words pass through.
pub fn romanize(text: &str) -> String {
    map_words(text, |word| match word_script(word) {
        Some(Script::Thai) => thai::word(word),
        Some(Script::Khmer) => khmer::word(word),
        _ => word.to_owned(),
    })
}

/// Applies `f` to each maximal run of non-whitespace, keeping the whitespace as is.
fn map_words(text: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = word_start.take() {
                out.push_str(&f(text.get(start..i).unwrap_or("")));
            }
            out.push(c);
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(start) = word_start {
        out.push_str(&f(text.get(start..).unwrap_or("")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_is_romanised_by_its_own_script() {
        assert_eq!(romanize("นาย Somchai ធនាគារ"), "nai Somchai thônéakéar");
    }

    #[test]
    fn spacing_and_latin_text_are_kept() {
        assert_eq!(romanize("  Thanakorn  Srisuk "), "  Thanakorn  Srisuk ");
        assert_eq!(romanize(""), "");
    }

    #[test]
    fn space_separated_published_pairs_romanise_word_by_word() {
        assert_eq!(romanize_thai("กานต์ ณรงค์"), "kan narong");
        assert_eq!(romanize_thai("รส ดี"), "rot di");
        assert_eq!(romanize_khmer("ភ្នំ ពេញ"), "phnum pénh");
        assert_eq!(romanize_khmer("កម្ពុជា ក្រោម"), "kâmpŭchéa kraôm");
    }
}
