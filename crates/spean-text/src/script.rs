//! Which script a piece of text is written in (Thai, Khmer, Latin, ...).
//!
//! Romanisation works word by word, and a record can mix scripts ("นาย Somchai"), so
//! detection is per character and per word, by Unicode block. Marks and digits carry no
//! script of their own and do not decide a word.

/// A writing system Spean knows how to handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Thai (U+0E00–U+0E7F).
    Thai,
    /// Khmer (U+1780–U+17FF, U+19E0–U+19FF).
    Khmer,
    /// Latin, including its accented letters.
    Latin,
    /// Any other script (Lao, Myanmar, Han, ...), passed through untouched.
    Other,
}

/// The script of one character, or `None` for characters that belong to none
/// (digits, punctuation, spaces, combining marks outside the Thai and Khmer blocks).
pub fn script_of(c: char) -> Option<Script> {
    match c {
        '\u{0E00}'..='\u{0E7F}' => {
            if c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c) {
                None
            } else {
                Some(Script::Thai)
            }
        }
        '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' => {
            if ('\u{17E0}'..='\u{17E9}').contains(&c) {
                None
            } else {
                Some(Script::Khmer)
            }
        }
        'a'..='z' | 'A'..='Z' => Some(Script::Latin),
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' if c.is_alphabetic() => {
            Some(Script::Latin)
        }
        _ if c.is_alphabetic() => Some(Script::Other),
        _ => None,
    }
}

/// The script of a word: that of its first character that has one, or `None` for a
/// word of digits and punctuation only.
///
/// ```
/// use spean_text::script::{word_script, Script};
/// assert_eq!(word_script("ศรีสุข"), Some(Script::Thai));
/// assert_eq!(word_script("សុខ"), Some(Script::Khmer));
/// assert_eq!(word_script("Srisuk"), Some(Script::Latin));
/// assert_eq!(word_script("2540"), None);
/// ```
pub fn word_script(word: &str) -> Option<Script> {
    word.chars().find_map(script_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_khmer_and_latin_letters_are_told_apart() {
        assert_eq!(script_of('ก'), Some(Script::Thai));
        assert_eq!(script_of('ក'), Some(Script::Khmer));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('中'), Some(Script::Other));
    }

    #[test]
    fn digits_of_any_script_have_no_script() {
        assert_eq!(script_of('๕'), None);
        assert_eq!(script_of('៥'), None);
        assert_eq!(script_of('5'), None);
    }

    #[test]
    fn a_word_takes_the_script_of_its_first_letter() {
        assert_eq!(word_script("(ศรี)"), Some(Script::Thai));
        assert_eq!(word_script("-"), None);
    }
}
