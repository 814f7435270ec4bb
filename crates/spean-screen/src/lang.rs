//! The languages the screener knows, and detection of a text's language by script.
//!
//! Detection counts letters per script: Thai, Khmer, Lao, Myanmar and Han each name
//! one language; Latin text is Vietnamese when it carries Vietnamese-only letters and
//! English otherwise. Lexicons of *all* languages are matched against every text
//! (ads mix "Telegram" and "KK Park" into Thai), so the language only labels the
//! result and groups the evaluation.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language the screening rules have lexicons for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Thai.
    Th,
    /// Khmer.
    Km,
    /// English.
    En,
    /// Chinese.
    Zh,
    /// Burmese.
    My,
    /// Vietnamese.
    Vi,
    /// Lao.
    Lo,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 7] = [
        Lang::Th,
        Lang::Km,
        Lang::En,
        Lang::Zh,
        Lang::My,
        Lang::Vi,
        Lang::Lo,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::Km => "km",
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::My => "my",
            Lang::Vi => "vi",
            Lang::Lo => "lo",
        }
    }
}

impl Lang {
    /// The country (ISO 3166-1) whose people mostly write the language, where there is
    /// one: a place elsewhere is abroad for the reader. English has none.
    pub fn home_country(self) -> Option<&'static str> {
        match self {
            Lang::Th => Some("TH"),
            Lang::Km => Some("KH"),
            Lang::Zh => Some("CN"),
            Lang::My => Some("MM"),
            Lang::Vi => Some("VN"),
            Lang::Lo => Some("LA"),
            Lang::En => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language tag that names no supported language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (supported: th, km, en, zh, my, vi, lo)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts ISO 639-1 and 639-2/3 codes, English names and BCP 47 tags whose
    /// primary subtag is one of them (`zh-Hant`, `en_US`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        Ok(match primary.as_str() {
            "th" | "tha" | "thai" => Lang::Th,
            // "kh", "cn", "vn" and "mm" are country codes people write for the
            // language; no ISO 639-1 language has them, so reading them is safe.
            "km" | "khm" | "khmer" | "cambodian" | "kh" => Lang::Km,
            "en" | "eng" | "english" => Lang::En,
            "zh" | "zho" | "chi" | "chinese" | "cmn" | "yue" | "cn" => Lang::Zh,
            "my" | "mya" | "bur" | "burmese" | "mm" => Lang::My,
            "vi" | "vie" | "vietnamese" | "vn" => Lang::Vi,
            "lo" | "lao" => Lang::Lo,
            _ => return Err(UnknownLang(s.to_owned())),
        })
    }
}

/// Why a language could not be detected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    /// The text is mostly in a script none of the supported languages use.
    #[error("unknown language: the text is mostly in a script no rules cover ({0})")]
    UnsupportedScript(&'static str),
}

/// Detects the language of `text` from the scripts of its letters. Text without any
/// letters is taken as English (it is then digits, links and handles).
pub fn detect(text: &str) -> Result<Lang, DetectError> {
    // Counts: thai, khmer, lao, myanmar, han, latin, other.
    let mut counts = [0usize; 7];
    let mut vietnamese = 0usize;
    let mut other_name = "";
    for ch in text.chars() {
        let slot = match ch {
            // Most characters of most ads; one test settles them.
            c if c.is_ascii() => {
                if c.is_ascii_alphabetic() {
                    5
                } else {
                    continue;
                }
            }
            '\u{0E00}'..='\u{0E7F}' => 0,
            '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' => 1,
            '\u{0E80}'..='\u{0EFF}' => 2,
            '\u{1000}'..='\u{109F}' | '\u{AA60}'..='\u{AA7F}' => 3,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => 4,
            'ă' | 'Ă' | 'â' | 'Â' | 'đ' | 'Đ' | 'ê' | 'Ê' | 'ô' | 'Ô' | 'ơ' | 'Ơ' | 'ư' | 'Ư' =>
            {
                vietnamese += 1;
                5
            }
            '\u{1EA0}'..='\u{1EF9}' => {
                vietnamese += 1;
                5
            }
            '\u{00C0}'..='\u{024F}' | '\u{FF21}'..='\u{FF5A}' => 5,
            // Styled Latin letters (bold or script "𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦", circled, squared), which
            // posts use to stand out and to slip past filters: normalisation folds
            // them to plain letters, so they count as Latin here.
            c @ ('\u{1D400}'..='\u{1D6A3}'
            | '\u{2460}'..='\u{24FF}'
            | '\u{1F100}'..='\u{1F1FF}')
                if c.is_alphabetic() =>
            {
                5
            }
            c if c.is_alphabetic() => {
                other_name = script_name(c);
                6
            }
            _ => continue,
        };
        if let Some(count) = counts.get_mut(slot) {
            *count += 1;
        }
    }
    let [thai, khmer, lao, myanmar, han, latin, other] = counts;
    // Han characters carry a word each; weigh them like several letters.
    let ranked = [
        (thai, Lang::Th),
        (khmer, Lang::Km),
        (lao, Lang::Lo),
        (myanmar, Lang::My),
        (han * 3, Lang::Zh),
    ];
    let best = ranked.iter().max_by_key(|(n, _)| *n).copied();
    match best {
        Some((n, lang)) if n > 0 && n * 2 >= other => Ok(lang),
        _ if other > latin && other > 0 => Err(DetectError::UnsupportedScript(other_name)),
        _ if vietnamese >= 2 => Ok(Lang::Vi),
        _ => Ok(Lang::En),
    }
}

fn script_name(ch: char) -> &'static str {
    match ch {
        '\u{0400}'..='\u{04FF}' => "Cyrillic",
        '\u{0370}'..='\u{03FF}' => "Greek",
        '\u{0600}'..='\u{06FF}' => "Arabic",
        '\u{0900}'..='\u{097F}' => "Devanagari",
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => "Hangul",
        '\u{3040}'..='\u{30FF}' => "Japanese kana",
        '\u{0590}'..='\u{05FF}' => "Hebrew",
        '\u{0980}'..='\u{09FF}' => "Bengali",
        '\u{0B80}'..='\u{0BFF}' => "Tamil",
        '\u{0D80}'..='\u{0DFF}' => "Sinhala",
        '\u{0F00}'..='\u{0FFF}' => "Tibetan",
        '\u{10A0}'..='\u{10FF}' => "Georgian",
        '\u{1200}'..='\u{137F}' => "Ethiopic",
        _ => "not recognised",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_is_detected_as_its_language() {
        assert_eq!(detect("รับสมัครพนักงาน"), Ok(Lang::Th));
        assert_eq!(detect("ការងារនៅភ្នំពេញ"), Ok(Lang::Km));
        assert_eq!(detect("招聘客服"), Ok(Lang::Zh));
        assert_eq!(detect("ວຽກຕອບແຊັດ"), Ok(Lang::Lo));
        assert_eq!(detect("အလုပ်ခေါ်နေပါသည်"), Ok(Lang::My));
        assert_eq!(detect("Tuyển nhân viên, lương cao"), Ok(Lang::Vi));
        assert_eq!(detect("Hiring customer service"), Ok(Lang::En));
    }

    #[test]
    fn thai_with_english_brand_names_is_still_thai() {
        assert_eq!(
            detect("รับสมัครแอดมิน ติดต่อ Telegram @abc ที่ KK Park"),
            Ok(Lang::Th)
        );
    }

    #[test]
    fn styled_latin_letters_are_latin() {
        assert_eq!(detect("𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦 @hr_sv88 𝒉𝒊𝒈𝒉 𝒔𝒂𝒍𝒂𝒓𝒚"), Ok(Lang::En));
        assert_eq!(detect("Ⓣⓔⓛⓔⓖⓡⓐⓜ 🅃🄴🄻🄴🄶🅁🄰🄼"), Ok(Lang::En));
        assert_eq!(detect("รับสมัครแอดมิน ติดต่อ 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦"), Ok(Lang::Th));
    }

    #[test]
    fn a_text_in_an_unsupported_script_is_refused() {
        assert_eq!(
            detect("Работа за границей, высокая зарплата"),
            Err(DetectError::UnsupportedScript("Cyrillic"))
        );
    }

    #[test]
    fn the_refusal_names_the_script_or_says_it_is_not_recognised() {
        let named = detect("Работа за границей").expect_err("Cyrillic");
        assert_eq!(
            named.to_string(),
            "unknown language: the text is mostly in a script no rules cover (Cyrillic)"
        );
        // Cherokee: a script of no language near the Mekong.
        let unnamed = detect("ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ").expect_err("Cherokee");
        assert!(
            unnamed.to_string().ends_with("(not recognised)"),
            "{unnamed}"
        );
    }

    #[test]
    fn language_tags_are_read_in_several_forms() {
        assert_eq!("zh-Hant".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("KHM".parse::<Lang>(), Ok(Lang::Km));
        assert_eq!("thai".parse::<Lang>(), Ok(Lang::Th));
        assert_eq!("kh".parse::<Lang>(), Ok(Lang::Km));
        assert!("fr".parse::<Lang>().is_err());
        assert!("xx".parse::<Lang>().is_err());
    }
}
