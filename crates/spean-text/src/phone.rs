//! Phone numbers in E.164 form: the only shape in which Spean stores or compares them.
//!
//! People write one number as `081-234-5678`, `+66 81 234 5678`, `66812345678` or
//! `๐๘๑ ๒๓๔ ๕๖๗๘`. [`PhoneNumber::parse`] turns all of them into `+66812345678`, using a
//! default [`Region`] for numbers written without a country code. Parsing and validation
//! against the numbering plans come from the `phonenumber` crate (a port of Google's
//! libphonenumber metadata); this module only adds the region type, local digit folding
//! and one error type.
//!
//! ```
//! use spean_text::phone::{PhoneNumber, Region};
//!
//! let a = PhoneNumber::parse("081-234-5678", Region::TH).unwrap();
//! let b = PhoneNumber::parse("+66 81 234 5678", Region::KH).unwrap();
//! assert_eq!(a, b);
//! assert_eq!(a.as_str(), "+66812345678");
//! ```

use std::fmt;
use std::str::FromStr;

use phonenumber::Mode;
use phonenumber::country::Id;

/// An ISO 3166-1 alpha-2 region, used as the default for numbers written without a
/// country code.
///
/// Only regions known to the numbering-plan metadata can be built, so holding a
/// `Region` means parsing with it can never fail for want of metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

impl Region {
    /// Thailand.
    pub const TH: Region = Region(*b"TH");
    /// Cambodia.
    pub const KH: Region = Region(*b"KH");
    /// Myanmar.
    pub const MM: Region = Region(*b"MM");
    /// Laos.
    pub const LA: Region = Region(*b"LA");
    /// Viet Nam.
    pub const VN: Region = Region(*b"VN");
    /// China.
    pub const CN: Region = Region(*b"CN");
    /// Malaysia.
    pub const MY: Region = Region(*b"MY");

    /// The two upper-case letters of the code, e.g. `"TH"`.
    pub fn code(&self) -> &str {
        // Both bytes are ASCII upper-case letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("ZZ")
    }

    fn id(self) -> Option<Id> {
        Id::from_str(self.code()).ok()
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Region {
    type Err = PhoneError;

    /// Accepts a two-letter code in any case, e.g. `th` or `KH`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        let bytes: [u8; 2] = upper
            .as_bytes()
            .try_into()
            .map_err(|_| PhoneError::UnknownRegion(s.to_owned()))?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(PhoneError::UnknownRegion(s.to_owned()));
        }
        let region = Region(bytes);
        match region.id() {
            Some(_) => Ok(region),
            None => Err(PhoneError::UnknownRegion(s.to_owned())),
        }
    }
}

/// Why a string is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// The text holds no phone number at all.
    #[error("not a phone number: {0:?}")]
    NotANumber(String),
    /// The text looks like a number but fits no numbering plan (wrong length or prefix).
    #[error("not a valid phone number: {0:?}")]
    Invalid(String),
    /// The region code is not a known ISO 3166-1 alpha-2 code.
    #[error("unknown region code: {0:?}")]
    UnknownRegion(String),
}

/// A valid phone number, held in E.164 form (`+` and digits only).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    e164: String,
    region: Option<Region>,
}

impl PhoneNumber {
    /// Parses a phone number as people write it, with `default_region` standing for the
    /// country of numbers written in national form (a leading trunk `0`, or none).
    ///
    /// Thai, Khmer, Lao and Myanmar digits are read as ASCII digits; separators
    /// (spaces, dashes, dots, brackets) are ignored. A leading `00` is taken as the
    /// international prefix. The number must be valid under its country's plan.
    pub fn parse(input: &str, default_region: Region) -> Result<Self, PhoneError> {
        let folded = fold_digits(input);
        let trimmed = folded.trim();
        let candidate = match trimmed.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => trimmed.to_owned(),
        };
        let parsed = phonenumber::parse(default_region.id(), &candidate)
            .map_err(|_| PhoneError::NotANumber(input.to_owned()))?;
        if !phonenumber::is_valid(&parsed) {
            return Err(PhoneError::Invalid(input.to_owned()));
        }
        let e164 = parsed.format().mode(Mode::E164).to_string();
        let region = parsed
            .country()
            .id()
            .and_then(|id| Region::from_str(id.as_ref()).ok());
        Ok(PhoneNumber { e164, region })
    }

    /// The number in E.164 form, e.g. `+66812345678`.
    pub fn as_str(&self) -> &str {
        &self.e164
    }

    /// The region the number belongs to, when the numbering plan names one.
    pub fn region(&self) -> Option<Region> {
        self.region
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

impl AsRef<str> for PhoneNumber {
    fn as_ref(&self) -> &str {
        &self.e164
    }
}

/// Replaces Thai, Lao, Khmer and Myanmar digits, and full-width digits, with ASCII ones.
fn fold_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| {
            let zero = match c {
                '\u{0E50}'..='\u{0E59}' => 0x0E50,
                '\u{0ED0}'..='\u{0ED9}' => 0x0ED0,
                '\u{17E0}'..='\u{17E9}' => 0x17E0,
                '\u{1040}'..='\u{1049}' => 0x1040,
                '\u{FF10}'..='\u{FF19}' => 0xFF10,
                '\u{FF0B}' => return '+',
                _ => return c,
            };
            let digit = u32::from(c) - zero;
            char::from_digit(digit, 10).unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(input: &str, region: Region) -> String {
        match PhoneNumber::parse(input, region) {
            Ok(number) => number.as_str().to_owned(),
            Err(error) => panic!("{input:?} did not parse: {error}"),
        }
    }

    #[test]
    fn thai_mobile_numbers_in_every_common_form_give_one_e164() {
        for input in [
            "081-234-5678",
            "0812345678",
            "+66 81 234 5678",
            "+66812345678",
            "66812345678",
            "0066 81 234 5678",
            "(081) 234 5678",
            "๐๘๑-๒๓๔-๕๖๗๘",
        ] {
            assert_eq!(e164(input, Region::TH), "+66812345678", "{input}");
        }
    }

    #[test]
    fn thai_bangkok_landline_keeps_its_area_code() {
        assert_eq!(e164("02 123 4567", Region::TH), "+6621234567");
    }

    #[test]
    fn cambodian_numbers_parse_with_and_without_country_code() {
        assert_eq!(e164("012 345 678", Region::KH), "+85512345678");
        assert_eq!(e164("+855 12 345 678", Region::TH), "+85512345678");
        assert_eq!(e164("097 123 4567", Region::KH), "+855971234567");
        assert_eq!(e164("០១២ ៣៤៥ ៦៧៨", Region::KH), "+85512345678");
    }

    #[test]
    fn myanmar_mobile_numbers_parse() {
        assert_eq!(e164("09 7812 34567", Region::MM), "+959781234567");
        assert_eq!(e164("+95 9 7812 34567", Region::TH), "+959781234567");
    }

    #[test]
    fn lao_mobile_numbers_parse() {
        assert_eq!(e164("020 5551 2345", Region::LA), "+8562055512345");
        assert_eq!(e164("+856 20 5551 2345", Region::TH), "+8562055512345");
    }

    #[test]
    fn vietnamese_mobile_numbers_parse() {
        assert_eq!(e164("091 234 5678", Region::VN), "+84912345678");
        assert_eq!(e164("+84 91 234 5678", Region::KH), "+84912345678");
    }

    #[test]
    fn chinese_mobile_numbers_parse() {
        assert_eq!(e164("138 0013 8000", Region::CN), "+8613800138000");
        assert_eq!(e164("+86 138 0013 8000", Region::TH), "+8613800138000");
    }

    #[test]
    fn the_country_code_wins_over_the_default_region() {
        let number = PhoneNumber::parse("+855 12 345 678", Region::TH).unwrap();
        assert_eq!(number.region(), Some(Region::KH));
    }

    #[test]
    fn text_without_digits_is_not_a_number() {
        assert!(matches!(
            PhoneNumber::parse("call me", Region::TH),
            Err(PhoneError::NotANumber(_))
        ));
    }

    #[test]
    fn a_number_too_short_for_its_plan_is_invalid() {
        assert!(PhoneNumber::parse("081-234", Region::TH).is_err());
    }

    #[test]
    fn region_codes_parse_in_any_case_and_unknown_ones_are_refused() {
        assert_eq!("th".parse::<Region>().unwrap(), Region::TH);
        assert_eq!(" KH ".parse::<Region>().unwrap(), Region::KH);
        assert!("XX".parse::<Region>().is_err());
        assert!("THA".parse::<Region>().is_err());
    }
}
