//! Identifier extraction: phones (E.164), messaging handles, links, e-mails and pay
//! amounts, each with the exact span of the original text it was read from.
//!
//! Everything is found in the normalised text (so Thai or Khmer digits, full-width
//! characters and look-alike letters are already folded) with a handful of regexes,
//! then mapped back to the original. Phones are validated against the numbering plans
//! by [`spean_text::phone::PhoneNumber`]: a run of digits is tried first with the
//! region of the text's language, then with the other regions of the Mekong routes
//! (Thailand, Cambodia, Myanmar, Lao PDR, Viet Nam, China). Where two plans both
//! accept the digits (a Thai and a Vietnamese mobile look alike), the text's
//! language decides; an international `+` form is never ambiguous.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use regex::Regex;
use serde::Serialize;
use spean_text::normalize::Normalized;
use spean_text::phone::{PhoneNumber, Region};

use crate::lang::Lang;
use crate::{Span, SpanMaker};

/// What an identifier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentifierKind {
    /// A phone number, value in E.164.
    Phone,
    /// A Telegram username (`@name`).
    Telegram,
    /// A LINE id.
    Line,
    /// A WhatsApp number (E.164) or name.
    Whatsapp,
    /// A WeChat id.
    Wechat,
    /// A Facebook page or profile name.
    Facebook,
    /// A Zalo id or number.
    Zalo,
    /// An `@handle` whose app the text does not name.
    Handle,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A pay amount with its currency.
    Amount,
    /// A place of the gazetteer.
    Place,
}

impl IdentifierKind {
    /// Every kind, in output order.
    pub const ALL: [IdentifierKind; 12] = [
        IdentifierKind::Phone,
        IdentifierKind::Telegram,
        IdentifierKind::Line,
        IdentifierKind::Whatsapp,
        IdentifierKind::Wechat,
        IdentifierKind::Facebook,
        IdentifierKind::Zalo,
        IdentifierKind::Handle,
        IdentifierKind::Url,
        IdentifierKind::Email,
        IdentifierKind::Amount,
        IdentifierKind::Place,
    ];

    /// The lower-case name used in the rules file and the output, e.g. `telegram`.
    pub fn name(self) -> &'static str {
        match self {
            IdentifierKind::Phone => "phone",
            IdentifierKind::Telegram => "telegram",
            IdentifierKind::Line => "line",
            IdentifierKind::Whatsapp => "whatsapp",
            IdentifierKind::Wechat => "wechat",
            IdentifierKind::Facebook => "facebook",
            IdentifierKind::Zalo => "zalo",
            IdentifierKind::Handle => "handle",
            IdentifierKind::Url => "url",
            IdentifierKind::Email => "email",
            IdentifierKind::Amount => "amount",
            IdentifierKind::Place => "place",
        }
    }

    /// Reads the lower-case name used in the rules file and the output.
    pub fn from_name(name: &str) -> Option<IdentifierKind> {
        IdentifierKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
    }
}

/// An ISO 4217 currency seen in the region's ads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Currency {
    /// Thai baht.
    THB,
    /// US dollar.
    USD,
    /// Chinese yuan.
    CNY,
    /// Cambodian riel.
    KHR,
    /// Vietnamese dong.
    VND,
    /// Myanmar kyat.
    MMK,
    /// Lao kip.
    LAK,
    /// Malaysian ringgit.
    MYR,
    /// Philippine peso.
    PHP,
    /// Indonesian rupiah.
    IDR,
}

impl Currency {
    /// Every currency read from ads.
    pub const ALL: [Currency; 10] = [
        Currency::THB,
        Currency::USD,
        Currency::CNY,
        Currency::KHR,
        Currency::VND,
        Currency::MMK,
        Currency::LAK,
        Currency::MYR,
        Currency::PHP,
        Currency::IDR,
    ];

    /// The ISO 4217 code, e.g. `THB`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::THB => "THB",
            Currency::USD => "USD",
            Currency::CNY => "CNY",
            Currency::KHR => "KHR",
            Currency::VND => "VND",
            Currency::MMK => "MMK",
            Currency::LAK => "LAK",
            Currency::MYR => "MYR",
            Currency::PHP => "PHP",
            Currency::IDR => "IDR",
        }
    }

    /// Reads an ISO 4217 code.
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    fn from_token(token: &str) -> Option<Currency> {
        Some(match token.trim() {
            "$"
            | "us$"
            | "usd"
            | "dollar"
            | "dollars"
            | "ดอลลาร์"
            | "ดอลล่าร์"
            | "เหรียญ"
            | "美金"
            | "美元"
            | "u"
            | "ដុល្លារ" => Currency::USD,
            "฿" | "thb" | "บาท" | "baht" | "bath" | "泰铢" | "铢" => Currency::THB,
            "¥" | "rmb" | "cny" | "元" | "块" | "人民币" => Currency::CNY,
            "៛" | "khr" | "riel" | "រៀល" => Currency::KHR,
            "vnd" | "dong" | "d" => Currency::VND,
            "mmk" | "kyat" | "kyats" | "ks" | "ကျပ်" => Currency::MMK,
            "lak" | "kip" | "ກີບ" => Currency::LAK,
            "myr" | "rm" | "ringgit" => Currency::MYR,
            "₱" | "php" | "peso" | "pesos" => Currency::PHP,
            "rp" | "idr" | "rupiah" => Currency::IDR,
            _ => return None,
        })
    }
}

/// The period a pay amount is quoted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Per hour.
    Hour,
    /// Per day.
    Day,
    /// Per week.
    Week,
    /// Per month (the default for salaries).
    Month,
    /// Per year.
    Year,
}

impl Period {
    /// The lower-case name used in the output, e.g. `month`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    fn per_month(self) -> f64 {
        match self {
            Period::Hour => 208.0,
            Period::Day => 26.0,
            Period::Week => 4.33,
            Period::Month => 1.0,
            Period::Year => 1.0 / 12.0,
        }
    }
}

/// One identifier found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identifier {
    /// What it is.
    pub kind: IdentifierKind,
    /// Canonical value: E.164 for phones, `@name` for handles, the lower-cased
    /// address for links and e-mails, `"<amount> <currency>"` for amounts, the
    /// English name for places.
    pub value: String,
    /// For amounts: the figure (the upper bound of a range).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// For amounts: the currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// For amounts: the period quoted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// For phones and places: the ISO 3166-1 country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For places: hotspot, transit or place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::rules::PlaceRole>,
    /// Where it was written.
    pub span: Span,
}

impl Identifier {
    /// The pay per month, for amounts.
    pub fn monthly_amount(&self) -> Option<f64> {
        let amount = self.amount?;
        Some(amount * self.period.unwrap_or(Period::Month).per_month())
    }
}

/// Compiles a built-in pattern. The patterns run over normalised text, where every
/// digit is ASCII and all white space is one plain space, so they say `[0-9]` and ` `
/// rather than `\d` and `\s`: the Unicode classes would make the automata many times
/// larger for nothing.
fn re(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(re) => re,
        Err(e) => panic!("built-in identifier pattern does not compile: {e}"),
    }
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?-u:\b)(?:https?://|www\.)[^ <>"'，。、）)\]]+|(?-u:\b)(?:t\.me|telegram\.me|line\.me|lin\.ee|wa\.me|m\.me|fb\.com|fb\.me|facebook\.com|bit\.ly|tinyurl\.com|zalo\.me)/[^ <>"'，。、）)\]]+"#,
    )
});
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"[a-z0-9][a-z0-9._%+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"));
/// Names of messaging apps written in Latin letters, most specific first, with the
/// app each names. An app name followed by an id is a handle on that app.
pub(crate) const APP_NAMES_LATIN: &[(&str, IdentifierKind)] = &[
    ("telegram", IdentifierKind::Telegram),
    ("tele", IdentifierKind::Telegram),
    ("tg", IdentifierKind::Telegram),
    ("line", IdentifierKind::Line),
    ("whatsapp", IdentifierKind::Whatsapp),
    ("whats app", IdentifierKind::Whatsapp),
    ("wa", IdentifierKind::Whatsapp),
    ("wechat", IdentifierKind::Wechat),
    ("weixin", IdentifierKind::Wechat),
    ("wx", IdentifierKind::Wechat),
    ("vx", IdentifierKind::Wechat),
    ("facebook", IdentifierKind::Facebook),
    ("fb", IdentifierKind::Facebook),
    ("zalo", IdentifierKind::Zalo),
];
/// Names of messaging apps in Chinese, Thai, Khmer and Lao, most specific first.
pub(crate) const APP_NAMES_SCRIPT: &[(&str, IdentifierKind)] = &[
    ("飞机", IdentifierKind::Telegram),
    ("纸飞机", IdentifierKind::Telegram),
    ("电报", IdentifierKind::Telegram),
    ("微信", IdentifierKind::Wechat),
    ("v信", IdentifierKind::Wechat),
    ("เทเลแกรม", IdentifierKind::Telegram),
    ("เทเลแกม", IdentifierKind::Telegram),
    ("เทเล", IdentifierKind::Telegram),
    ("ไลน์", IdentifierKind::Line),
    ("วอทส์แอพ", IdentifierKind::Whatsapp),
    ("วอทแอพ", IdentifierKind::Whatsapp),
    ("เฟสบุ๊ค", IdentifierKind::Facebook),
    ("เฟส", IdentifierKind::Facebook),
    ("តេឡេក្រាម", IdentifierKind::Telegram),
    ("តេលេក្រាម", IdentifierKind::Telegram),
    ("ឡាញ", IdentifierKind::Line),
    ("វ៉ាត់សាប់", IdentifierKind::Whatsapp),
    ("ວອດແອັບ", IdentifierKind::Whatsapp),
    ("ໄລນ໌", IdentifierKind::Line),
];
/// An app name, then its id. It is run anchored, only where an app name was found
/// (by the rules' automaton, or [`APP_NAME_FINDER`]), so it never scans a text.
static APP_HANDLE: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    let alternatives = |names: &[(&str, IdentifierKind)]| -> String {
        names
            .iter()
            .map(|(name, _)| regex::escape(name))
            .collect::<Vec<_>>()
            .join("|")
    };
    let pattern = format!(
        r"(?P<app>(?-u:\b)(?:{})(?-u:\b)|{})(?: ?(?:id|ไอดี|号|號))? ?[:：=]? ?(?P<handle>@?[a-z0-9][a-z0-9_.\-]{{2,31}})",
        alternatives(APP_NAMES_LATIN),
        alternatives(APP_NAMES_SCRIPT),
    );
    match regex_automata::meta::Regex::new(&pattern) {
        Ok(re) => re,
        Err(e) => panic!("built-in app handle pattern does not compile: {e}"),
    }
});
/// Finds app names for [`extract`] when no rules' automaton has done it.
static APP_NAME_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    match AhoCorasick::new(
        APP_NAMES_LATIN
            .iter()
            .chain(APP_NAMES_SCRIPT)
            .map(|(name, _)| name),
    ) {
        Ok(ac) => ac,
        Err(e) => panic!("built-in app names do not compile: {e}"),
    }
});
/// A bare `@handle`, read where an `@` is not preceded by a handle or e-mail character.
static AT_HANDLE: LazyLock<Regex> = LazyLock::new(|| re(r"^@[a-z][a-z0-9_.]{2,31}"));
/// A run of digits and separators long enough to be a phone number. Every match
/// starts with `+`, `(` or a digit: searching for those bytes first lets the
/// pattern skip the letters between numbers.
static PHONE: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    use regex_automata::util::prefilter::Prefilter;
    use regex_automata::{MatchKind, meta};
    let first_bytes: Vec<[u8; 1]> = b"+(0123456789".iter().map(|b| [*b]).collect();
    let prefilter = Prefilter::new(MatchKind::LeftmostFirst, &first_bytes);
    match meta::Builder::new()
        .configure(meta::Config::new().prefilter(prefilter))
        .build(r"\+?\(?[0-9][0-9\-. ()]{5,24}[0-9]")
    {
        Ok(re) => re,
        Err(e) => panic!("built-in phone pattern does not compile: {e}"),
    }
});
/// The parts of an amount, in the order they are written. [`AMOUNT`] is made of
/// them, and [`amount_parts`] reads them one at a time.
const AMOUNT_PRE: &str =
    r"us\$|\$|฿|¥|₱|(?-u:\b)(?:usd|thb|rmb|cny|khr|vnd|mmk|lak|myr|rm|php|rp|idr)(?-u:\b)";
const AMOUNT_NUM: &str = r"[0-9]{1,3}(?:[,.][0-9]{3})+|[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]{1,3}[万千](?:[一二三四五六七八九]千?)?";
/// The Chinese numerals a figure may start with, as in [`AMOUNT_NUM`].
const CHINESE_NUMERALS: &str = "一二两三四五六七八九十";
/// The first UTF-8 byte of each of [`CHINESE_NUMERALS`].
const CHINESE_NUMERAL_LEADS: [u8; 2] = [0xE4, 0xE5];
/// How far before its figure an amount may start: the longest currency before a
/// figure ([`AMOUNT_PRE`]), and a space.
const MOST_BEFORE_FIGURE: usize = 4;
const AMOUNT_MULT: &str = r"k(?-u:\b)|w(?-u:\b)|万|千|พัน|หมื่น|แสน|ล้าน|trieu|million";
const AMOUNT_PLUS: &str = r" ?\+";
/// The start of the high end of a range: the dash or word, and maybe a currency.
const AMOUNT_RANGE_LEAD: &str = r" ?(?:-|–|~|to|至|到|ถึง|ដល់) ?(?:us\$|\$|฿|¥|₱|rm)? ?";
const AMOUNT_NUM2: &str = r"[0-9]{1,3}(?:[,.][0-9]{3})+|[0-9]+(?:\.[0-9]+)?";
const AMOUNT_POST: &str = r"us\$|\$|฿|¥|บาท|ดอลลาร์|ดอลล่าร์|เหรียญ|元|块|人民币|美金|美元|泰铢|铢|៛|រៀល|ដុល្លារ|ကျပ်|ກີບ|₱|(?-u:\b)(?:usd|thb|rmb|cny|khr|vnd|mmk|lak|myr|php|idr|baht|bath|dollars?|riel|dong|kyats?|ks|kip|ringgit|pesos?|rupiah|u|d)(?-u:\b)";
const AMOUNT_PERIOD: &str = r" ?(?:/|per|ต่อ|a|每|一|ក្នុង)? ?(?:(?-u:\b)(?:month|mo|day|week|year|hour|hr)(?-u:\b)|เดือน|วัน|สัปดาห์|ปี|ชั่วโมง|月|日|天|周|年|小时|ខែ|ថ្ងៃ|សប្តាហ៍|ឆ្នាំ|thang|ngay)";

/// An amount: currency before, figure, multiplier, a range's high end, currency
/// after, period; every part but the figure optional.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "(?P<pre>{AMOUNT_PRE})? ?(?P<num>{AMOUNT_NUM}) ?(?P<mult>{AMOUNT_MULT})?(?:{AMOUNT_PLUS})?\
         (?:{AMOUNT_RANGE_LEAD}(?P<num2>{AMOUNT_NUM2}) ?(?P<mult2>{AMOUNT_MULT})?)?\
         (?:{AMOUNT_PLUS})? ?(?P<post>{AMOUNT_POST})?(?P<period>{AMOUNT_PERIOD})?"
    ))
});

/// Each part of [`AMOUNT`] on its own, matched anchored where the part may start.
struct AmountPieces {
    pre: regex_automata::meta::Regex,
    num: regex_automata::meta::Regex,
    mult: regex_automata::meta::Regex,
    plus: regex_automata::meta::Regex,
    range_lead: regex_automata::meta::Regex,
    num2: regex_automata::meta::Regex,
    post: regex_automata::meta::Regex,
    period: regex_automata::meta::Regex,
}

static AMOUNT_PIECES: LazyLock<AmountPieces> = LazyLock::new(|| {
    let piece = |pattern: &str| match regex_automata::meta::Regex::new(pattern) {
        Ok(re) => re,
        Err(e) => panic!("built-in amount pattern does not compile: {e}"),
    };
    AmountPieces {
        pre: piece(AMOUNT_PRE),
        num: piece(AMOUNT_NUM),
        mult: piece(AMOUNT_MULT),
        plus: piece(AMOUNT_PLUS),
        range_lead: piece(AMOUNT_RANGE_LEAD),
        num2: piece(AMOUNT_NUM2),
        post: piece(AMOUNT_POST),
        period: piece(AMOUNT_PERIOD),
    }
});

/// Where the parts of one amount are, in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AmountParts {
    pre: Option<Range<usize>>,
    num: Range<usize>,
    mult: Option<Range<usize>>,
    num2: Option<Range<usize>>,
    mult2: Option<Range<usize>>,
    post: Option<Range<usize>>,
    period: Option<Range<usize>>,
    end: usize,
}

/// The parts of the amount that [`AMOUNT`] matched at `found`.
///
/// Every part after the figure is optional, so the match takes each part, in
/// turn, if it is there: read one part at a time, anchored, the parts are those
/// the whole pattern's captures give, for a fraction of the cost (the captures
/// of so large a pattern are found by backtracking through it). Should the parts
/// not end where the match does, the captures are taken after all.
fn amount_parts(text: &str, found: Range<usize>) -> Option<AmountParts> {
    read_amount_parts(text, found.start)
        .filter(|parts| parts.end == found.end)
        .or_else(|| amount_parts_by_captures(text, found.start))
}

fn read_amount_parts(text: &str, start: usize) -> Option<AmountParts> {
    use regex_automata::{Anchored, Input};
    let pieces = &*AMOUNT_PIECES;
    let at = |re: &regex_automata::meta::Regex, from: usize| {
        re.find(Input::new(text).range(from..).anchored(Anchored::Yes))
            .map(|m| m.range())
    };
    // An optional space, as the pattern's ` ?`.
    let space = |from: usize| {
        if text.as_bytes().get(from) == Some(&b' ') {
            from + 1
        } else {
            from
        }
    };
    let pre = at(&pieces.pre, start);
    let num = at(&pieces.num, space(pre.as_ref().map_or(start, |r| r.end)))?;
    let mut end = space(num.end);
    let mult = at(&pieces.mult, end);
    end = mult.as_ref().map_or(end, |r| r.end);
    end = at(&pieces.plus, end).map_or(end, |r| r.end);
    let (mut num2, mut mult2) = (None, None);
    if let Some(lead) = at(&pieces.range_lead, end)
        && let Some(high) = at(&pieces.num2, lead.end)
    {
        end = space(high.end);
        num2 = Some(high);
        mult2 = at(&pieces.mult, end);
        end = mult2.as_ref().map_or(end, |r| r.end);
    }
    end = at(&pieces.plus, end).map_or(end, |r| r.end);
    end = space(end);
    let post = at(&pieces.post, end);
    end = post.as_ref().map_or(end, |r| r.end);
    let period = at(&pieces.period, end);
    end = period.as_ref().map_or(end, |r| r.end);
    Some(AmountParts {
        pre,
        num,
        mult,
        num2,
        mult2,
        post,
        period,
        end,
    })
}

fn amount_parts_by_captures(text: &str, start: usize) -> Option<AmountParts> {
    let caps = AMOUNT.captures_at(text, start)?;
    let range = |name: &str| caps.name(name).map(|m| m.range());
    Some(AmountParts {
        pre: range("pre"),
        num: range("num")?,
        mult: range("mult"),
        num2: range("num2"),
        mult2: range("mult2"),
        post: range("post"),
        period: range("period"),
        end: caps.get(0)?.end(),
    })
}

/// The ranges of every match of [`AMOUNT`], in order: those `find_iter` gives.
///
/// Every amount has a figure (an ASCII digit, once normalised, or a Chinese
/// numeral) and starts at most [`MOST_BEFORE_FIGURE`] bytes before it, so no match
/// starts before that point ahead of the next figure, and each search starts
/// there: the automaton skips the words between figures, which are most of an ad.
fn amount_matches(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(figure) = next_figure(text, from) {
        let mut start = figure.saturating_sub(MOST_BEFORE_FIGURE).max(from);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        // Searched from `start`, the words before it are still read for `\b`.
        let Some(m) = AMOUNT.find_at(text, start) else {
            break;
        };
        found.push(m.range());
        from = m.end();
    }
    found
}

/// Where the first figure at or after `from` starts: an ASCII digit or a Chinese
/// numeral.
fn next_figure(text: &str, from: usize) -> Option<usize> {
    // Most of a text is words: a block of bytes is looked at one by one only if
    // one pass over it all (without early exit, so that it vectorises) saw a byte
    // a figure may start with.
    const BLOCK: usize = 32;
    let may_start = |byte: u8| byte.is_ascii_digit() | CHINESE_NUMERAL_LEADS.contains(&byte);
    let bytes = text.as_bytes();
    let mut block_start = from;
    while let Some(block) = bytes.get(block_start..(block_start + BLOCK).min(bytes.len())) {
        if block.is_empty() {
            return None;
        }
        if block
            .iter()
            .fold(false, |seen, &byte| seen | may_start(byte))
        {
            for (offset, &byte) in block.iter().enumerate() {
                let at = block_start + offset;
                if byte.is_ascii_digit() {
                    return Some(at);
                }
                if CHINESE_NUMERAL_LEADS.contains(&byte)
                    && text
                        .get(at..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(|c| CHINESE_NUMERALS.contains(c))
                {
                    return Some(at);
                }
            }
        }
        block_start += BLOCK;
    }
    None
}

static SALARY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<kw>月薪|底薪|工资|薪资|薪水|月入|日薪|日结|保底|一个月|每个月|每月|每天|一天|เงินเดือน|เดือนละ|วันละ|เดือนนึงได้|เดือนนึง|รายได้|ค่าตอบแทน|ค่าแรง|ค่าตัว|เงิน|ប្រាក់ខែ|ប្រាក់ឈ្នួល|luong|salary|ເງິນເດືອນ) ?(?:วันละ|เดือนละ|ต่อเดือน)? ?[:：]? ?$",
    )
});

/// Extracts every identifier except places (which the engine takes from the
/// gazetteer automaton). `original` is the text `normalized` was made from.
pub fn extract(original: &str, normalized: &Normalized, lang: Lang) -> Vec<Identifier> {
    let app_names: Vec<usize> = APP_NAME_FINDER
        .find_overlapping_iter(normalized.text())
        .map(|m| m.start())
        .collect();
    extract_with_app_names(&SpanMaker::new(original), normalized, lang, app_names)
}

/// [`extract`], with the start of every app name in the normalised text already
/// found (in any order, repeats allowed), as the rules' automaton does.
pub(crate) fn extract_with_app_names(
    spans: &SpanMaker<'_>,
    normalized: &Normalized,
    lang: Lang,
    mut app_names: Vec<usize>,
) -> Vec<Identifier> {
    let text = normalized.text();
    let span = |start: usize, end: usize| spans.span(normalized.original_span(start, end));
    // Most ads hold a few identifiers: room for them from the start.
    let mut out: Vec<Identifier> = Vec::with_capacity(8);
    let mut taken: Vec<(usize, usize)> = Vec::with_capacity(8);

    let plain = |kind, value: String, start, end| Identifier {
        kind,
        value,
        amount: None,
        currency: None,
        period: None,
        country: None,
        role: None,
        span: span(start, end),
    };

    if text.contains('.') {
        for m in URL.find_iter(text) {
            let raw = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            let end = m.start() + raw.len();
            out.push(plain(IdentifierKind::Url, raw.to_owned(), m.start(), end));
            if let Some((kind, value)) = handle_from_url(raw, lang) {
                out.push(plain(kind, value, m.start(), end));
            }
            taken.push((m.start(), end));
        }
    }
    if text.contains('@') {
        for m in EMAIL.find_iter(text) {
            if overlaps(&taken, m.start(), m.end()) {
                continue;
            }
            out.push(plain(
                IdentifierKind::Email,
                m.as_str().to_owned(),
                m.start(),
                m.end(),
            ));
            taken.push((m.start(), m.end()));
        }
    }

    let mut handles: Vec<(usize, usize)> = Vec::new();
    app_names.sort_unstable();
    app_names.dedup();
    for (app, handle) in app_handles(text, &app_names) {
        if overlaps(&taken, handle.start, handle.end) {
            continue;
        }
        let raw = text
            .get(handle.clone())
            .unwrap_or_default()
            .trim_end_matches(['.', '-']);
        let bare = raw.trim_start_matches('@');
        let kind = app_kind(text.get(app).unwrap_or_default());
        let digits_only = bare.bytes().all(|b| b.is_ascii_digit());
        if digits_only {
            // A number after an app name is a phone; the phone pass reads it whole.
            continue;
        }
        if !bare.bytes().any(|b| b.is_ascii_alphabetic()) || is_common_word(bare) {
            continue;
        }
        let end = handle.start + raw.len();
        out.push(plain(kind, format!("@{bare}"), handle.start, end));
        handles.push((handle.start, end));
    }
    for (start, raw) in at_handles(text) {
        let raw = raw.trim_end_matches('.');
        let end = start + raw.len();
        if overlaps(&taken, start, end) || overlaps(&handles, start, end) {
            continue;
        }
        let kind = text
            .get(..start)
            .map_or(IdentifierKind::Handle, nearest_app);
        out.push(plain(kind, raw.to_owned(), start, end));
        handles.push((start, end));
    }
    taken.extend(handles);

    let mut phones: Vec<(usize, usize)> = Vec::new();
    for m in PHONE.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        let candidate = text.get(m.range()).unwrap_or_default();
        for (start, end, number) in phones_in(candidate, lang) {
            let (s, e) = (m.start() + start, m.start() + end);
            let before = text.get(..s).unwrap_or_default();
            let after_app = before.trim_end_matches([' ', ':', '：']);
            let mut id = plain(IdentifierKind::Phone, number.as_str().to_owned(), s, e);
            id.country = number.region().map(|r| r.code().to_owned());
            if after_app.ends_with("whatsapp") || after_app.ends_with("wa") {
                let mut wa = id.clone();
                wa.kind = IdentifierKind::Whatsapp;
                wa.country = None;
                out.push(wa);
            }
            out.push(id);
            phones.push((s, e));
        }
    }
    taken.extend(phones);

    for found in amount_matches(text) {
        // Most figures in an ad are parts of phone numbers: skip those before the
        // costlier search for the parts of the amount.
        if taken
            .iter()
            .any(|&(s, e)| s <= found.start && found.end <= e)
        {
            continue;
        }
        let Some(parts) = amount_parts(text, found) else {
            continue;
        };
        let part = |range: &Option<Range<usize>>| range.clone().and_then(|r| text.get(r));
        let num = text.get(parts.num.clone()).unwrap_or_default();
        // The optional space before the figure is not part of the amount.
        let start = parts.pre.as_ref().map_or(parts.num.start, |p| p.start);
        let end = parts.end;
        if overlaps(&taken, parts.num.start, parts.num.end) {
            continue;
        }
        let pre = part(&parts.pre);
        let post = part(&parts.post);
        let before = text.get(..start).unwrap_or_default();
        // The pay word before the figure gives the currency; with its qualifier
        // ("รายได้วันละ") it also gives the period. It is read only when the amount
        // names neither itself.
        let salary_words = OnceCell::new();
        let salary_words = || {
            *salary_words.get_or_init(|| {
                SALARY_BEFORE.captures(before).map_or((None, None), |c| {
                    (
                        c.name("kw").map(|m| m.as_str()),
                        c.get(0).map(|m| m.as_str()),
                    )
                })
            })
        };
        // "两万五": pay written in Chinese numerals is yuan unless a currency is named.
        let chinese_numerals = !num.is_ascii();
        let currency = pre
            .and_then(Currency::from_token)
            .or_else(|| post.and_then(Currency::from_token))
            .or_else(|| salary_words().0.and_then(implicit_currency))
            .or(chinese_numerals.then_some(Currency::CNY));
        let Some(currency) = currency else { continue };
        let mult = |range| part(range).map_or(1.0, multiplier);
        let low = if chinese_numerals {
            chinese_number(num)
        } else {
            parse_number(num) * mult(&parts.mult)
        };
        let high = part(&parts.num2).map(|n| parse_number(n) * mult(&parts.mult2));
        let mut amount = high.map_or(low, |h| h.max(low));
        if (amount - 0.0).abs() < f64::EPSILON {
            continue;
        }
        // A bare "30" next to a "u"/"d" suffix, or after a word that only suggests pay
        // ("每天 12 小时"), is too weak; demand a real figure.
        let currency_named = pre.is_some() || post.is_some_and(|p| p != "u" && p != "d");
        if !currency_named && !chinese_numerals && amount < 100.0 {
            continue;
        }
        let period = part(&parts.period)
            .and_then(period_of)
            .or_else(|| salary_words().1.and_then(period_of))
            .unwrap_or(Period::Month);
        if amount.fract() == 0.0 {
            amount = amount.trunc();
        }
        let mut end = end;
        // Trailing white space taken by the optional groups is not part of the span.
        while end > start && text.as_bytes().get(end - 1) == Some(&b' ') {
            end -= 1;
        }
        let code = currency.code();
        let mut id = plain(
            IdentifierKind::Amount,
            format!("{amount} {code}"),
            start,
            end,
        );
        id.amount = Some(amount);
        id.currency = Some(currency);
        id.period = Some(period);
        out.push(id);
    }
    out
}

/// Every app name followed by an id (the ranges of the name and of the id), in
/// order and without overlaps, as an unanchored search would find them: at each
/// app name in turn, the pattern is tried anchored; the first that matches is the
/// leftmost match, and the next search starts where it ends.
fn app_handles(text: &str, app_names: &[usize]) -> Vec<(Range<usize>, Range<usize>)> {
    use regex_automata::{Anchored, Input};
    let mut found = Vec::new();
    if app_names.is_empty() {
        return found;
    }
    let mut caps = APP_HANDLE.create_captures();
    let mut free_from = 0;
    for &at in app_names {
        if at < free_from {
            continue;
        }
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        APP_HANDLE.search_captures(&input, &mut caps);
        let (Some(whole), Some(app), Some(handle)) = (
            caps.get_match(),
            caps.get_group_by_name("app"),
            caps.get_group_by_name("handle"),
        ) else {
            continue;
        };
        found.push((app.range(), handle.range()));
        free_from = whole.end();
    }
    found
}

/// Every bare `@handle` (start and text) whose `@` comes at the start of the text or
/// after a character that cannot belong to a handle or an e-mail address, in order.
fn at_handles(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    // The first byte a handle's preceding character may be read from: matches do
    // not overlap.
    let mut free_from = 0;
    for (at, _) in text.match_indices('@') {
        let before = text.get(..at).and_then(|b| b.chars().next_back());
        let allowed = match before {
            None => true,
            Some(c) => {
                at - c.len_utf8() >= free_from
                    && !(c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || matches!(c, '_' | '.' | '-'))
            }
        };
        if !allowed {
            continue;
        }
        if let Some(m) = text.get(at..).and_then(|rest| AT_HANDLE.find(rest)) {
            found.push((at, m.as_str()));
            free_from = at + m.end();
        }
    }
    found
}

/// Splits a run of digits and separators into phone numbers. Numbers written side by
/// side ("081 234 5678 / 095 111 2222") are read one after the other: from each group,
/// the longest run of following groups that parses is taken.
fn phones_in(candidate: &str, lang: Lang) -> Vec<(usize, usize, PhoneNumber)> {
    // Groups of digits with their byte ranges inside `candidate`.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let bytes = candidate.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            groups.push((start, i));
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    let mut g = 0;
    while g < groups.len() {
        let mut found = None;
        let mut digits = 0;
        let mut last = g;
        for (k, (s, e)) in groups.iter().enumerate().skip(g) {
            digits += e - s;
            if digits > 15 {
                break;
            }
            last = k;
        }
        let mut k = last;
        while let (Some(&(s0, _)), Some(&(_, ek))) = (groups.get(g), groups.get(k)) {
            // Include a leading + or ( that belongs to the number.
            let s = if s0 > 0 && matches!(bytes.get(s0 - 1), Some(b'+') | Some(b'(')) {
                if s0 > 1 && bytes.get(s0 - 1) == Some(&b'(') && bytes.get(s0 - 2) == Some(&b'+') {
                    s0 - 2
                } else {
                    s0 - 1
                }
            } else {
                s0
            };
            let piece = candidate.get(s..ek).unwrap_or_default();
            let n_digits = piece.bytes().filter(u8::is_ascii_digit).count();
            if n_digits >= 8
                && let Some(number) = parse_phone(piece, lang)
            {
                found = Some((s, ek, number, k));
                break;
            }
            if k == g {
                break;
            }
            k -= 1;
        }
        match found {
            Some((s, e, number, k)) => {
                out.push((s, e, number));
                g = k + 1;
            }
            None => g += 1,
        }
    }
    out
}

fn region_of(lang: Lang) -> Region {
    match lang {
        Lang::Th | Lang::En => Region::TH,
        Lang::Km => Region::KH,
        Lang::My => Region::MM,
        Lang::Lo => Region::LA,
        Lang::Vi => Region::VN,
        Lang::Zh => Region::CN,
    }
}

/// Parses a phone number with the language's region first, then the region's others.
fn parse_phone(piece: &str, lang: Lang) -> Option<PhoneNumber> {
    let digits: String = piece.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    // An international number names its country: one parse decides.
    if piece.trim_start().starts_with('+') || piece.trim_start().starts_with("00") {
        return PhoneNumber::parse(piece, region_of(lang)).ok();
    }
    // Written without its +, an international number starts with a country code.
    let with_code = ["66", "855", "95", "856", "84", "86"]
        .iter()
        .any(|cc| digits.starts_with(cc) && n >= 10);
    if with_code && let Ok(number) = PhoneNumber::parse(&format!("+{digits}"), region_of(lang)) {
        return Some(number);
    }
    // Otherwise it must be a national number (trunk 0) or a Chinese mobile. Parsing
    // is the costly step, so only regions whose national lengths fit are tried, the
    // text's own region first.
    let national = digits.starts_with('0');
    let chinese_mobile = n == 11 && digits.starts_with('1');
    if !national && !chinese_mobile {
        return None;
    }
    let fits = |region: Region| -> bool {
        match region {
            _ if chinese_mobile => region == Region::CN,
            r if r == Region::TH || r == Region::KH => (9..=10).contains(&n),
            r if r == Region::MM => (8..=11).contains(&n),
            r if r == Region::LA => (9..=11).contains(&n),
            r if r == Region::VN => (10..=11).contains(&n),
            r if r == Region::CN => (10..=12).contains(&n),
            _ => true,
        }
    };
    let first = region_of(lang);
    std::iter::once(first)
        .chain(Region::MEKONG.into_iter().filter(|r| *r != first))
        .filter(|r| fits(*r))
        .find_map(|region| PhoneNumber::parse(piece, region).ok())
}

fn overlaps(taken: &[(usize, usize)], start: usize, end: usize) -> bool {
    taken.iter().any(|&(s, e)| start < e && s < end)
}

/// The app an app name found by [`APP_HANDLE`] names.
fn app_kind(app: &str) -> IdentifierKind {
    APP_NAMES_LATIN
        .iter()
        .chain(APP_NAMES_SCRIPT)
        .find(|(name, _)| *name == app)
        .map_or(IdentifierKind::Handle, |(_, kind)| *kind)
}

/// The app named last before a bare `@handle`, if any.
fn nearest_app(before: &str) -> IdentifierKind {
    let tail_start = before.len().saturating_sub(120);
    let mut cut = tail_start;
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let tail = before.get(cut..).unwrap_or_default();
    let mut best: Option<(usize, IdentifierKind)> = None;
    for (needle, kind) in [
        ("telegram", IdentifierKind::Telegram),
        ("tg", IdentifierKind::Telegram),
        ("飞机", IdentifierKind::Telegram),
        ("เทเล", IdentifierKind::Telegram),
        ("តេឡេក្រាម", IdentifierKind::Telegram),
        ("line", IdentifierKind::Line),
        ("ไลน์", IdentifierKind::Line),
        ("wechat", IdentifierKind::Wechat),
        ("微信", IdentifierKind::Wechat),
        ("facebook", IdentifierKind::Facebook),
        ("whatsapp", IdentifierKind::Whatsapp),
    ] {
        if let Some(pos) = tail.rfind(needle)
            && best.is_none_or(|(p, _)| pos > p)
        {
            best = Some((pos, kind));
        }
    }
    best.map_or(IdentifierKind::Handle, |(_, k)| k)
}

/// Words that follow an app name but are not handles ("add Line now").
fn is_common_word(word: &str) -> bool {
    matches!(
        word,
        "now"
            | "for"
            | "and"
            | "only"
            | "group"
            | "channel"
            | "account"
            | "official"
            | "contact"
            | "the"
            | "me"
            | "us"
            | "with"
            | "app"
            | "number"
            | "please"
            | "details"
            | "more"
            | "info"
            | "chat"
            | "call"
            | "page"
            | "messenger"
            | "id"
    )
}

fn handle_from_url(url: &str, lang: Lang) -> Option<(IdentifierKind, String)> {
    let rest = url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let (host, path) = rest.split_once('/')?;
    let first = path.split(['/', '?', '#']).next().unwrap_or_default();
    let name = |s: &str| {
        let s = s.trim_start_matches(['@', '~']);
        (!s.is_empty()).then(|| format!("@{s}"))
    };
    match host {
        "t.me" | "telegram.me" => Some((IdentifierKind::Telegram, name(first)?)),
        "wa.me" => {
            let number = PhoneNumber::parse(&format!("+{first}"), region_of(lang)).ok()?;
            Some((IdentifierKind::Whatsapp, number.as_str().to_owned()))
        }
        "line.me" => {
            let id = path.rsplit('/').find(|s| !s.is_empty())?;
            Some((IdentifierKind::Line, name(id)?))
        }
        "facebook.com" | "fb.com" | "m.facebook.com" | "m.me" | "fb.me" => {
            if first == "profile.php" || first == "groups" || first == "share" {
                return None;
            }
            Some((IdentifierKind::Facebook, name(first)?))
        }
        "zalo.me" => Some((IdentifierKind::Zalo, first.to_owned())),
        _ => None,
    }
}

fn implicit_currency(keyword: &str) -> Option<Currency> {
    Some(match keyword {
        "月薪" | "底薪" | "工资" | "薪资" | "薪水" | "月入" | "日薪" | "日结" | "保底"
        | "一个月" | "每个月" | "每月" | "每天" | "一天" => Currency::CNY,
        "เงินเดือน"
        | "เดือนละ"
        | "วันละ"
        | "เดือนนึง"
        | "เดือนนึงได้"
        | "รายได้"
        | "ค่าตอบแทน"
        | "ค่าแรง"
        | "ค่าตัว"
        | "เงิน" => Currency::THB,
        "ប្រាក់ខែ" | "ប្រាក់ឈ្នួល" => Currency::USD,
        "luong" => Currency::VND,
        "ເງິນເດືອນ" => Currency::LAK,
        _ => return None,
    })
}

/// The words that name each period. A phrase that names several periods is read
/// as the first of them in this order.
const PERIOD_WORDS: [(Period, &[&str]); 5] = [
    (Period::Hour, &["hour", "hr", "ชั่วโมง", "小时"]),
    (Period::Day, &["day", "วัน", "日", "天", "ថ្ងៃ", "ngay"]),
    (Period::Week, &["week", "สัปดาห์", "周", "សប្តាហ៍"]),
    (Period::Year, &["year", "ปี", "年", "ឆ្នាំ"]),
    (Period::Month, &["month", "mo", "เดือน", "月", "ខែ", "thang"]),
];

/// All period words in one automaton; pattern `i` is word `i` of [`PERIOD_WORDS`]
/// read in order.
static PERIOD_FINDER: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut rank = Vec::new();
    for (index, (_, list)) in PERIOD_WORDS.iter().enumerate() {
        words.extend_from_slice(list);
        rank.extend(std::iter::repeat_n(index, list.len()));
    }
    match AhoCorasick::new(words) {
        Ok(ac) => (ac, rank),
        Err(e) => panic!("built-in period words do not compile: {e}"),
    }
});

/// The period a phrase names ("/month", "ต่อวัน", "日薪"), if any.
fn period_of(text: &str) -> Option<Period> {
    let (finder, rank) = &*PERIOD_FINDER;
    finder
        .find_overlapping_iter(text.trim())
        .filter_map(|m| rank.get(m.pattern().as_usize()).copied())
        .min()
        .and_then(|index| PERIOD_WORDS.get(index))
        .map(|(period, _)| *period)
}

fn multiplier(token: &str) -> f64 {
    match token {
        "k" | "千" | "พัน" => 1e3,
        "w" | "万" | "หมื่น" => 1e4,
        "แสน" => 1e5,
        "ล้าน" | "trieu" | "million" => 1e6,
        _ => 1.0,
    }
}

/// Reads a figure in Chinese numerals with its unit: "两万五" (25,000), "一万五千"
/// (15,000), "三四万" (30,000 to 40,000: the upper bound), "十万" (100,000).
fn chinese_number(num: &str) -> f64 {
    let digit = |c: char| match c {
        '一' => Some(1.0),
        '二' | '两' => Some(2.0),
        '三' => Some(3.0),
        '四' => Some(4.0),
        '五' => Some(5.0),
        '六' => Some(6.0),
        '七' => Some(7.0),
        '八' => Some(8.0),
        '九' => Some(9.0),
        _ => None,
    };
    let Some((head, tail)) = num.split_once(['万', '千']) else {
        return 0.0;
    };
    let unit_value = if num.get(head.len()..).is_some_and(|u| u.starts_with('万')) {
        1e4
    } else {
        1e3
    };
    // Before the unit: "十" is ten, "十五" fifteen, "二十" twenty; two digits side by
    // side ("三四") are a range.
    let mut value = 0.0;
    let mut current: Option<f64> = None;
    for c in head.chars() {
        if c == '十' {
            value += current.take().unwrap_or(1.0) * 10.0;
        } else if let Some(d) = digit(c) {
            current = Some(current.map_or(d, |prev: f64| prev.max(d)));
        }
    }
    value += current.unwrap_or(0.0);
    // After the unit, a lone digit counts in the next unit down: 两万五 is 2.5 万.
    let tail_value = tail.chars().next().and_then(digit).unwrap_or(0.0) * unit_value / 10.0;
    value * unit_value + tail_value
}

/// Reads "1,500", "1.500.000" (dots as thousands), "2.5".
fn parse_number(num: &str) -> f64 {
    let dots = num.matches('.').count();
    let commas = num.matches(',').count();
    let thousands_dots = dots >= 2
        || (dots == 1 && commas == 0 && num.rsplit('.').next().is_some_and(|tail| tail.len() == 3));
    let cleaned: String = num
        .chars()
        .filter(|c| c.is_ascii_digit() || (*c == '.' && !thousands_dots))
        .collect();
    cleaned.parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use spean_text::normalize::normalize;

    use super::*;

    fn ids(text: &str, lang: Lang) -> Vec<Identifier> {
        extract(text, &normalize(text), lang)
    }

    fn phones(text: &str, lang: Lang) -> Vec<String> {
        ids(text, lang)
            .into_iter()
            .filter(|i| i.kind == IdentifierKind::Phone)
            .map(|i| i.value)
            .collect()
    }

    fn of_kind(text: &str, kind: IdentifierKind) -> Vec<String> {
        ids(text, Lang::En)
            .into_iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.value)
            .collect()
    }

    #[test]
    fn kind_names_read_back_and_are_the_serialised_names() {
        for kind in IdentifierKind::ALL {
            assert_eq!(IdentifierKind::from_name(kind.name()), Some(kind));
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.name().into()));
        }
        assert_eq!(IdentifierKind::from_name("fax"), None);
    }

    #[test]
    fn currency_codes_read_back_and_are_the_serialised_names() {
        for currency in Currency::ALL {
            assert_eq!(Currency::from_code(currency.code()), Some(currency));
            assert_eq!(
                serde_json::to_value(currency).ok(),
                Some(currency.code().into())
            );
        }
        assert_eq!(Currency::from_code("EUR"), None);
    }

    #[test]
    fn thai_phones_in_every_common_form_are_read_as_e164() {
        for text in [
            "โทร 081-234-5678",
            "โทร 0812345678",
            "call +66 81 234 5678",
            "+66812345678",
            "tel 66812345678",
            "(081) 234 5678",
            "๐๘๑-๒๓๔-๕๖๗๘",
            "๐๘๑ ๒๓๔ ๕๖๗๘ ด่วน",
            "0066 81 234 5678",
        ] {
            assert_eq!(phones(text, Lang::Th), ["+66812345678"], "{text}");
        }
        assert_eq!(phones("สำนักงาน 02-123-4567", Lang::Th), ["+6621234567"]);
    }

    #[test]
    fn cambodian_phones_in_every_common_form_are_read_as_e164() {
        for text in [
            "012 345 678",
            "012-345-678",
            "012345678",
            "+855 12 345 678",
            "+85512345678",
            "855 12 345 678",
            "០១២ ៣៤៥ ៦៧៨",
            "(+855) 12 345 678",
        ] {
            assert_eq!(phones(text, Lang::Km), ["+85512345678"], "{text}");
        }
        assert_eq!(phones("097 123 4567", Lang::Km), ["+855971234567"]);
        // In a Thai text, a Cambodian number in national form is still recognised.
        assert_eq!(phones("ติดต่อ 012 345 678", Lang::Th), ["+85512345678"]);
    }

    #[test]
    fn myanmar_phones_in_every_common_form_are_read_as_e164() {
        for text in [
            "09 420 123 456",
            "09420123456",
            "+95 9 420 123 456",
            "+959420123456",
            "၀၉ ၄၂၀ ၁၂၃ ၄၅၆",
        ] {
            assert_eq!(phones(text, Lang::My), ["+959420123456"], "{text}");
        }
    }

    #[test]
    fn lao_phones_in_every_common_form_are_read_as_e164() {
        for text in [
            "020 5555 1234",
            "020 55551234",
            "02055551234",
            "+856 20 5555 1234",
            "+8562055551234",
            "໐໒໐ ໕໕໕໕ ໑໒໓໔",
        ] {
            assert_eq!(phones(text, Lang::Lo), ["+8562055551234"], "{text}");
        }
    }

    #[test]
    fn vietnamese_phones_in_every_common_form_are_read_as_e164() {
        for text in [
            "091 234 5678",
            "0912 345 678",
            "0912345678",
            "+84 91 234 5678",
            "+84912345678",
            "84912345678",
        ] {
            assert_eq!(phones(text, Lang::Vi), ["+84912345678"], "{text}");
        }
    }

    #[test]
    fn chinese_phones_in_every_common_form_are_read_as_e164() {
        for text in [
            "138 0013 8000",
            "13800138000",
            "138-0013-8000",
            "+86 138 0013 8000",
            "+8613800138000",
            "电话：１３８００１３８０００",
        ] {
            assert_eq!(phones(text, Lang::Zh), ["+8613800138000"], "{text}");
        }
    }

    #[test]
    fn two_numbers_side_by_side_are_read_separately() {
        assert_eq!(
            phones("โทร 081 234 5678 หรือ 095 111 2222", Lang::Th),
            ["+66812345678", "+66951112222"]
        );
    }

    #[test]
    fn salaries_and_dates_are_not_read_as_phones() {
        assert!(phones("เงินเดือน 35,000 - 50,000 บาท", Lang::Th).is_empty());
        assert!(phones("salary 30000-50000", Lang::En).is_empty());
        assert!(phones("start 2025-11-24", Lang::En).is_empty());
    }

    #[test]
    fn telegram_handles_are_found_by_link_by_app_name_and_in_disguise() {
        assert_eq!(
            of_kind("join t.me/hr_cambo88 now", IdentifierKind::Telegram),
            ["@hr_cambo88"]
        );
        assert_eq!(
            of_kind("Telegram: @JobHR_88", IdentifierKind::Telegram),
            ["@jobhr_88"]
        );
        assert_eq!(
            of_kind("T e l e g r a m @boss_kk", IdentifierKind::Telegram),
            ["@boss_kk"]
        );
        assert_eq!(
            of_kind("飞机：@xg_hr01", IdentifierKind::Telegram),
            ["@xg_hr01"]
        );
    }

    #[test]
    fn line_whatsapp_wechat_and_facebook_handles_are_found() {
        assert_eq!(
            of_kind("ไอดีไลน์: job.thai99", IdentifierKind::Line),
            ["@job.thai99"]
        );
        assert_eq!(of_kind("Line ID @okjob", IdentifierKind::Line), ["@okjob"]);
        assert_eq!(
            of_kind("https://line.me/ti/p/~hrthai", IdentifierKind::Line),
            ["@hrthai"]
        );
        assert_eq!(
            of_kind("WhatsApp: +855 12 345 678", IdentifierKind::Whatsapp),
            ["+85512345678"]
        );
        assert_eq!(
            of_kind("wa.me/85512345678", IdentifierKind::Whatsapp),
            ["+85512345678"]
        );
        assert_eq!(
            of_kind("微信号：abc_hr2024", IdentifierKind::Wechat),
            ["@abc_hr2024"]
        );
        assert_eq!(
            of_kind("facebook.com/GoodJobsKH", IdentifierKind::Facebook),
            ["@goodjobskh"]
        );
    }

    #[test]
    fn an_email_is_not_taken_for_a_handle() {
        let found = ids("send CV to hr@example.co.th", Lang::En);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found.first().map(|i| i.kind), Some(IdentifierKind::Email));
        assert_eq!(
            found.first().map(|i| i.value.as_str()),
            Some("hr@example.co.th")
        );
    }

    #[test]
    fn urls_are_found_without_trailing_punctuation() {
        assert_eq!(
            of_kind(
                "apply at https://jobs.example.com/apply?id=3.",
                IdentifierKind::Url
            ),
            ["https://jobs.example.com/apply?id=3"]
        );
    }

    fn amounts(text: &str, lang: Lang) -> Vec<(String, Option<Period>)> {
        ids(text, lang)
            .into_iter()
            .filter(|i| i.kind == IdentifierKind::Amount)
            .map(|i| (i.value, i.period))
            .collect()
    }

    #[test]
    fn amounts_are_read_with_currency_range_multiplier_and_period() {
        assert_eq!(
            amounts("เงินเดือน 35,000 - 50,000 บาท", Lang::Th),
            [("50000 THB".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("Salary $1500-$2500/month", Lang::En),
            [("2500 USD".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("月薪2万+", Lang::Zh),
            [("20000 CNY".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("日薪500元", Lang::Zh),
            [("500 CNY".to_owned(), Some(Period::Day))]
        );
        assert_eq!(
            amounts("ប្រាក់ខែ 1200$", Lang::Km),
            [("1200 USD".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("ได้เดือนละ 40,000", Lang::Th),
            [("40000 THB".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("รายได้วันละ 3,000 บาท", Lang::Th),
            [("3000 THB".to_owned(), Some(Period::Day))]
        );
        assert_eq!(
            amounts("ได้วันละ 800", Lang::Th),
            [("800 THB".to_owned(), Some(Period::Day))]
        );
        assert_eq!(
            amounts("รายได้ 3 หมื่น", Lang::Th),
            [("30000 THB".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("lương 15 triệu/tháng", Lang::Vi),
            [("15000000 VND".to_owned(), Some(Period::Month))]
        );
    }

    #[test]
    fn amounts_in_chinese_numerals_are_read_as_yuan() {
        for (text, value) in [
            ("一个月两万五", "25000 CNY"),
            ("保底一万五千，干得好更多", "15000 CNY"),
            ("干得好三四万", "40000 CNY"),
            ("月入十万", "100000 CNY"),
            ("底薪八千", "8000 CNY"),
        ] {
            assert_eq!(
                amounts(text, Lang::Zh),
                [(value.to_owned(), Some(Period::Month))],
                "{text}"
            );
        }
        assert_eq!(
            amounts("每天三千泰铢", Lang::Zh),
            [("3000 THB".to_owned(), Some(Period::Day))]
        );
    }

    #[test]
    fn pesos_rupiah_ringgit_and_kyat_are_read_in_their_local_forms() {
        assert_eq!(
            amounts("₱60k-₱90k monthly", Lang::En),
            [("90000 PHP".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("salary RM 8,000-12,000", Lang::En),
            [("12000 MYR".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("1,500,000 Ks monthly", Lang::En),
            [("1500000 MMK".to_owned(), Some(Period::Month))]
        );
        assert_eq!(
            amounts("gaji Rp 15.000.000 per bulan", Lang::En),
            [("15000000 IDR".to_owned(), Some(Period::Month))]
        );
    }

    #[test]
    fn a_number_without_currency_is_not_an_amount() {
        assert!(amounts("we need 20 people aged 18-35", Lang::En).is_empty());
    }

    #[test]
    fn amount_parts_read_one_by_one_are_those_of_the_whole_pattern() {
        // Every pair of these pieces, joined with and without a space: figures,
        // currencies before and after, multipliers, ranges, pluses and periods in
        // every script the pattern knows, and look-alikes that must not be taken.
        let pieces = [
            "us$",
            "$",
            "฿",
            "usd",
            "rm",
            "rmb",
            "thb",
            "1,500",
            "2.5",
            "30",
            "12,000.50",
            "两万五",
            "三千",
            "k",
            "kk",
            "w",
            "万",
            "พัน",
            "หมื่น",
            "million",
            "+",
            " +",
            "-",
            " - ",
            "–",
            "~",
            "to",
            "至",
            "ถึง",
            "ដល់",
            "บาท",
            "元",
            "៛",
            "riel",
            "dollars",
            "u",
            "d",
            "ks",
            "/",
            "per",
            "a",
            "ต่อ",
            "每",
            "一",
            "ក្នុង",
            "month",
            "mo",
            "day",
            "hr",
            "เดือน",
            "วัน",
            "月",
            "天",
            "ខែ",
            "ngay",
            "x",
            "ab",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["5", "1,000", " 40", "七千"] {
                    texts.push(format!("{c}{a}{b}"));
                    texts.push(format!("{a} {c} {b}"));
                    texts.push(format!("{a}{c}{b} {a}"));
                }
            }
        }
        let mut compared = 0;
        for text in &texts {
            for found in AMOUNT.find_iter(text) {
                let by_captures = amount_parts_by_captures(text, found.start());
                assert_eq!(
                    read_amount_parts(text, found.start()),
                    by_captures,
                    "{text:?} at {}",
                    found.start()
                );
                compared += 1;
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn amounts_are_found_from_just_before_each_figure_as_by_a_whole_search() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        // The longest currency before a figure, and a space, fit before it.
        let hir = regex_syntax::Parser::new()
            .parse(AMOUNT_PRE)
            .expect("currency pattern");
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        let longest = seq
            .literals()
            .expect("finite currencies")
            .iter()
            .map(|l| l.as_bytes().len())
            .max()
            .expect("a currency");
        assert!(longest < MOST_BEFORE_FIGURE, "{longest}");
        for numeral in CHINESE_NUMERALS.chars() {
            let mut utf8 = [0; 4];
            let lead = numeral.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(CHINESE_NUMERAL_LEADS.contains(&lead), "{numeral}");
        }
        // The same matches as a search of the whole text, on every text of the
        // labelled sets and on figures crowded with currencies and dashes.
        let mut texts: Vec<String> = Vec::new();
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut sets: Vec<std::path::PathBuf> = std::fs::read_dir(&data)
            .expect("labelled sets")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        sets.sort();
        assert!(sets.len() >= 7, "{sets:?}");
        for path in &sets {
            let lines = std::fs::read_to_string(path).expect("labelled set");
            for line in lines.lines() {
                let ad: serde_json::Value = serde_json::from_str(line).expect("json");
                let text = ad["text"].as_str().expect("text");
                texts.push(normalize(text).text().to_owned());
            }
        }
        texts.extend(
            [
                "us$ 500-usd 600 ฿1,000 ¥ 300 rm 20 rp 5000 two 两万五 十千 3万",
                "โทร 081-234-5678 เงินเดือน 15,000-20,000 บาท/เดือน",
                "12,3456 $ 7 $7 $$8 a9 9a 00000000000000000000 usd",
                "七千u 5k+ 1.5万 8w 一万到两万",
                "no figure at all, only usd and $",
            ]
            .map(|t| normalize(t).text().to_owned()),
        );
        let mut amounts = 0;
        for text in &texts {
            let whole: Vec<Range<usize>> = AMOUNT.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(amount_matches(text), whole, "{text:?}");
            amounts += whole.len();
        }
        assert!(amounts > 1000, "{amounts}");
    }

    #[test]
    fn spans_point_at_the_original_text() {
        let text = "โทร ๐๘๑-๒๓๔-๕๖๗๘ นะ";
        let found = ids(text, Lang::Th);
        let phone = found
            .iter()
            .find(|i| i.kind == IdentifierKind::Phone)
            .expect("phone");
        assert_eq!(phone.span.text, "๐๘๑-๒๓๔-๕๖๗๘");
        assert_eq!(phone.span.start, 4);
        assert_eq!(phone.span.end, 16);
    }
}
