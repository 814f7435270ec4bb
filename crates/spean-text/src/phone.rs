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
use std::sync::LazyLock;

use phonenumber::country::Id;
use phonenumber::metadata::Database;
use phonenumber::{Mode, Type};
use regex::{Regex, RegexBuilder};

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

    /// The countries of the Mekong routes whose numbers fill the ads and reports seen
    /// here, in the order they are tried: Thailand, Cambodia, Myanmar, Lao PDR,
    /// Viet Nam, China.
    pub const MEKONG: [Region; 6] = [
        Region::TH,
        Region::KH,
        Region::MM,
        Region::LA,
        Region::VN,
        Region::CN,
    ];

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
        match parse_simple(input, default_region) {
            Simple::Valid(number) => Ok(number),
            Simple::Invalid => Err(PhoneError::Invalid(input.to_owned())),
            Simple::Other => PhoneNumber::parse_full(input, default_region),
        }
    }

    /// The general parser of the `phonenumber` crate, for every form [`parse_simple`]
    /// leaves to it.
    fn parse_full(input: &str, default_region: Region) -> Result<Self, PhoneError> {
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

/// What the quick reading of a number written in a plain form found.
enum Simple {
    /// A valid number.
    Valid(PhoneNumber),
    /// Not valid under the plan it names or defaults to.
    Invalid,
    /// Not a plain form, or a plan read only by the general parser.
    Other,
}

/// Where a plan's numbers are checked: its pattern, from the metadata, and the
/// lengths it allows.
struct Check {
    pattern: Regex,
    lengths: Vec<u16>,
}

impl Check {
    fn new(descriptor: &phonenumber::metadata::Descriptor) -> Option<Check> {
        Some(Check {
            pattern: at_start(descriptor.national_number().as_str())?,
            lengths: descriptor.possible_length().to_vec(),
        })
    }

    /// The crate's own rule (`Descriptor::is_match`): an allowed length, and the
    /// pattern matching from the first digit.
    fn is_match(&self, national: &str) -> bool {
        let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
        (self.lengths.is_empty() || self.lengths.contains(&length))
            && self.pattern.is_match(national)
    }
}

/// A metadata pattern, compiled to match only from the start of the text. The crate
/// searches anywhere and keeps a match that starts at the first digit: the same
/// answer, since the leftmost match starts there whenever any does. It reads white
/// space in patterns as the crate does; and as the numbers it is given are ASCII
/// digits, `\d` need not know the digits of every script, which makes compiling the
/// patterns of six plans eight times cheaper.
fn at_start(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(&format!("^(?:{pattern})"))
        .ignore_whitespace(true)
        .unicode(false)
        .build()
        .ok()
}

/// The numbering plan of a region whose numbers are read without the general parser.
struct Plan {
    region: Region,
    country_code: String,
    general: Check,
    /// Every number type the plan describes; a number is valid when it fits the
    /// general description and one of these.
    types: Vec<Check>,
    /// China's rule for what to strip before the national number (a trunk `0` or a
    /// carrier-selection code); `None` where it is a plain trunk `0`.
    prefix_for_parsing: Option<Regex>,
}

/// The metadata of the countries of [`Region::MEKONG`] alone: their entries of the
/// crate's metadata file, verbatim (`data/phone-plans.xml`). Loading the metadata of
/// every country takes some 0.1 s, paid by each run that reads a phone number; only
/// the general parser needs it.
static MEKONG_METADATA: LazyLock<Option<Database>> =
    LazyLock::new(|| Database::parse(include_str!("../data/phone-plans.xml")).ok());

/// The plans read directly: the countries whose numbers fill the ads screened here.
static PLANS: LazyLock<Vec<Plan>> = LazyLock::new(|| {
    let Some(metadata) = MEKONG_METADATA.as_ref() else {
        return Vec::new();
    };
    Region::MEKONG
        .into_iter()
        .filter_map(|region| {
            let meta = metadata.by_id(region.code())?;
            if meta.national_prefix() != Some("0")
                || meta.national_prefix_transform_rule().is_some()
            {
                return None;
            }
            let prefix_for_parsing = match meta.national_prefix_for_parsing() {
                Some(re) => Some(at_start(re.as_str())?),
                None => None,
            };
            let descriptors = meta.descriptors();
            let types = [
                Type::PremiumRate,
                Type::TollFree,
                Type::SharedCost,
                Type::Voip,
                Type::PersonalNumber,
                Type::Pager,
                Type::Uan,
                Type::Voicemail,
                Type::FixedLine,
                Type::Mobile,
            ]
            .into_iter()
            .filter_map(|kind| descriptors.get(kind))
            .map(Check::new)
            .collect::<Option<Vec<Check>>>()?;
            Some(Plan {
                region,
                country_code: meta.country_code().to_string(),
                general: Check::new(descriptors.general())?,
                types,
                prefix_for_parsing,
            })
        })
        .collect()
});

/// Reads the plain forms in which nearly every number in an ad is written — digits
/// and separators, with a leading `+`, `00` or trunk `0`, or a Chinese mobile
/// number — against the plans of [`PLANS`], without the general parser, which costs
/// a hundred times more. The answer is the crate's own: the same metadata and the
/// same matching rule (`tests::the_quick_reading_agrees_with_the_general_parser`
/// compares the two on many numbers). Any other form is [`Simple::Other`].
fn parse_simple(input: &str, default_region: Region) -> Simple {
    let mut digits = String::with_capacity(input.len());
    let mut plus = false;
    for ch in input.trim().chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            '+' | '\u{FF0B}' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => match digit_of(ch) {
                Some(d) => digits.push(d),
                None => return Simple::Other,
            },
        }
    }
    if !plus && let Some(rest) = digits.strip_prefix("00") {
        digits = rest.to_owned();
        plus = true;
    }
    // The crate strips national prefixes by the rules of the default region, even
    // from a number with a country code: those rules decide here too.
    let Some(home) = PLANS.iter().find(|p| p.region == default_region) else {
        return Simple::Other;
    };
    let (plan, national) = if plus {
        let Some((plan, national)) = PLANS
            .iter()
            .find_map(|p| digits.strip_prefix(&p.country_code).map(|n| (p, n)))
        else {
            return Simple::Other;
        };
        (plan, national)
    } else if let Some(national) = digits.strip_prefix('0') {
        if home.prefix_for_parsing.is_some() {
            return Simple::Other;
        }
        (home, national)
    } else if home.prefix_for_parsing.is_some() && !digits.starts_with(&home.country_code) {
        // A Chinese mobile number, written without prefix.
        (home, digits.as_str())
    } else {
        return Simple::Other;
    };
    // A second trunk 0, a carrier code, or a number too long for any plan is the
    // general parser's.
    let strips = home
        .prefix_for_parsing
        .as_ref()
        .is_some_and(|p| p.is_match(national));
    if national.starts_with('0') || strips || national.len() > 17 {
        return Simple::Other;
    }
    if plan.general.is_match(national) && plan.types.iter().any(|t| t.is_match(national)) {
        Simple::Valid(PhoneNumber {
            e164: format!("+{}{national}", plan.country_code),
            region: Some(plan.region),
        })
    } else {
        Simple::Invalid
    }
}

/// The ASCII digit for a Thai, Lao, Khmer, Myanmar or full-width digit.
fn digit_of(c: char) -> Option<char> {
    let zero = match c {
        '\u{0E50}'..='\u{0E59}' => 0x0E50,
        '\u{0ED0}'..='\u{0ED9}' => 0x0ED0,
        '\u{17E0}'..='\u{17E9}' => 0x17E0,
        '\u{1040}'..='\u{1049}' => 0x1040,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_digit(u32::from(c) - zero, 10)
}

/// Replaces Thai, Lao, Khmer and Myanmar digits, and full-width digits, with ASCII ones.
fn fold_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF0B}' => '+',
            _ => digit_of(c).unwrap_or(c),
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

    /// Numbers near the metadata's own examples for `region`: each example with its
    /// last digits replaced, and sometimes one digit more or less.
    fn numbers_near_examples(region: Region, next: &mut impl FnMut() -> u64) -> Vec<String> {
        let Some(meta) = phonenumber::metadata::DATABASE.by_id(region.code()) else {
            return Vec::new();
        };
        let d = meta.descriptors();
        let examples: Vec<&str> = [d.mobile(), d.fixed_line(), d.toll_free(), d.voip()]
            .into_iter()
            .flatten()
            .filter_map(|desc| desc.example())
            .collect();
        let mut out = Vec::new();
        for example in examples {
            for _ in 0..400 {
                let mut digits: Vec<u8> = example.bytes().collect();
                let keep = digits
                    .len()
                    .saturating_sub(1 + (next() % 6) as usize)
                    .max(1);
                for digit in digits.iter_mut().skip(keep) {
                    *digit = b'0' + (next() % 10) as u8;
                }
                match next() % 5 {
                    0 => {
                        digits.pop();
                    }
                    1 => digits.push(b'0' + (next() % 10) as u8),
                    _ => {}
                }
                out.push(String::from_utf8(digits).unwrap());
            }
        }
        out
    }

    #[test]
    fn the_quick_reading_agrees_with_the_general_parser() {
        // A fixed xorshift sequence: the same numbers on every run.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let regions = Region::MEKONG;
        let (mut compared, mut valid) = (0, 0);
        for &home in &regions {
            let code = phonenumber::metadata::DATABASE
                .by_id(home.code())
                .map(|m| m.country_code().to_string())
                .unwrap();
            for national in numbers_near_examples(home, &mut next) {
                let (head, tail) = national.split_at(national.len() / 2);
                let default = regions[(next() % 6) as usize];
                let forms = [
                    (national.clone(), home),
                    (national.clone(), default),
                    (format!("0{national}"), home),
                    (format!("0{head}-{tail}"), home),
                    (format!("(0{head}) {tail}"), home),
                    (format!("+{code} {national}"), default),
                    (format!("+{code}{head} {tail}"), default),
                    (format!("00{code}{national}"), default),
                    (format!("0{national}"), default),
                ];
                for (written, region) in forms {
                    let quick = parse_simple(&written, region);
                    let full = PhoneNumber::parse_full(&written, region);
                    match (quick, full) {
                        (Simple::Other, _) => continue,
                        (Simple::Valid(a), Ok(b)) => {
                            assert_eq!(a, b, "{written} in {region}");
                            valid += 1;
                        }
                        (Simple::Invalid, Err(_)) => {}
                        (Simple::Valid(a), Err(e)) => {
                            panic!("{written} in {region}: quick {a}, parser {e}")
                        }
                        (Simple::Invalid, Ok(b)) => {
                            panic!("{written} in {region}: quick invalid, parser {b}")
                        }
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 20_000, "only {compared} numbers compared");
        assert!(valid > 5_000, "only {valid} valid numbers compared");
    }

    #[test]
    fn the_mekong_plans_are_the_crate_metadata_of_those_countries() {
        let excerpt = MEKONG_METADATA.as_ref().expect("the excerpt loads");
        for region in Region::MEKONG {
            let ours = excerpt.by_id(region.code()).expect("in the excerpt");
            let crate_own = phonenumber::metadata::DATABASE
                .by_id(region.code())
                .expect("in the crate");
            // Everything the metadata holds: descriptors, prefixes, formats.
            assert_eq!(format!("{ours:?}"), format!("{crate_own:?}"), "{region}");
        }
        // Every plan that the quick reading can use is built.
        let usable = Region::MEKONG
            .into_iter()
            .filter_map(|r| phonenumber::metadata::DATABASE.by_id(r.code()))
            .filter(|m| {
                m.national_prefix() == Some("0") && m.national_prefix_transform_rule().is_none()
            })
            .count();
        assert!(usable >= 5, "only {usable} plans");
        assert_eq!(PLANS.len(), usable);
    }

    #[test]
    fn region_codes_parse_in_any_case_and_unknown_ones_are_refused() {
        assert_eq!("th".parse::<Region>().unwrap(), Region::TH);
        assert_eq!(" KH ".parse::<Region>().unwrap(), Region::KH);
        assert!("XX".parse::<Region>().is_err());
        assert!("THA".parse::<Region>().is_err());
    }
}
