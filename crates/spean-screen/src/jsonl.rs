//! JSON Lines for batch screening: one ad per input line, one result per output line.
//!
//! [`parse_line`] reads an input line (`id`, `text`, optional `lang`, and `label` and
//! `split` for evaluation sets), borrowing from the line where JSON allows it, and
//! says in plain words what is wrong with a line that cannot be screened.
//! [`write_result`] and [`write_error`] append one output object to a byte buffer.
//! Both work on bytes in memory, so the command, the server and the throughput
//! benchmark share them; reading and writing files is the caller's job.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::identifiers::Identifier;
use crate::{Lang, MAX_TEXT_BYTES, Screener, Screening, Span};

/// The `id` of an input line, written back unchanged: a string or a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Id<'a> {
    /// A string id.
    Str(Cow<'a, str>),
    /// A numeric id, kept exactly as given.
    Num(serde_json::Number),
    /// No id could be read (only in error rows, or in evaluation sets).
    None,
}

impl Id<'_> {
    /// The id with its borrowed parts copied, to outlive the input line.
    pub fn into_owned(self) -> Id<'static> {
        match self {
            Id::Str(s) => Id::Str(Cow::Owned(s.into_owned())),
            Id::Num(n) => Id::Num(n),
            Id::None => Id::None,
        }
    }
}

impl fmt::Display for Id<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Str(s) => write!(f, "{}", serde_json::Value::String(s.to_string())),
            Id::Num(n) => write!(f, "{n}"),
            Id::None => f.write_str("null"),
        }
    }
}

/// One input line, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ad<'a> {
    /// As given.
    pub id: Id<'a>,
    /// The text to screen, at most [`MAX_TEXT_BYTES`].
    pub text: Cow<'a, str>,
    /// The language, when the line gives one.
    pub lang: Option<Lang>,
    /// For evaluation sets: whether the text is a trafficking risk.
    pub label: Option<bool>,
    /// For evaluation sets: the split the example belongs to.
    pub split: Option<Cow<'a, str>>,
}

/// Why a line could not be screened, with its `id` when that was readable.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError<'a> {
    /// The line's id, or [`Id::None`].
    pub id: Id<'a>,
    /// What is wrong, in a sentence.
    pub reason: String,
}

impl LineError<'_> {
    fn new(reason: impl Into<String>) -> LineError<'static> {
        LineError {
            id: Id::None,
            reason: reason.into(),
        }
    }
}

/// A JSON value of an input field, kept only as far as screening needs it.
enum Field<'a> {
    Str(Cow<'a, str>),
    Num(serde_json::Number),
    Bool(bool),
    Null,
    /// An array or an object.
    Nested,
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl<'de> Visitor<'de> for FieldVisitor {
            type Value = Field<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Field::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Field::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Field::Str(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Field::Num(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Field::Num(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Field::Null, Field::Num))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Field::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Field::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Field::Null)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Field::Nested)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Field::Nested)
            }
        }
        deserializer.deserialize_any(FieldVisitor)
    }
}

/// The fields of an input object that screening reads; the others are skipped.
#[derive(Default)]
struct Fields<'a> {
    id: Option<Field<'a>>,
    text: Option<Field<'a>>,
    lang: Option<Field<'a>>,
    label: Option<Field<'a>>,
    split: Option<Field<'a>>,
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Fields::default();
                // Read as a `Field`, a key borrows from the line unless it has an
                // escape (serde reads a `Cow` key as an owned copy every time).
                while let Some(key) = map.next_key::<Field<'de>>()? {
                    let key = match &key {
                        Field::Str(key) => key.as_ref(),
                        _ => "",
                    };
                    let slot = match key {
                        "id" => &mut fields.id,
                        "text" => &mut fields.text,
                        "lang" => &mut fields.lang,
                        "label" => &mut fields.label,
                        "split" => &mut fields.split,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    // As with most JSON readers, a repeated key keeps its last value.
                    *slot = Some(map.next_value::<Field<'de>>()?);
                }
                Ok(fields)
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// Reads one input line. `labelled` is for evaluation sets, whose lines need a
/// `label` but no `id`.
pub fn parse_line(raw: &[u8], labelled: bool) -> Result<Ad<'_>, LineError<'_>> {
    let line = std::str::from_utf8(raw)
        .map_err(|e| LineError::new(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let fields: Fields<'_> = serde_json::from_str(line).map_err(|e| {
        // Every field accepts any JSON value, so valid JSON of the wrong type can
        // only be a line that is not an object.
        if e.is_data() {
            LineError::new("expected a JSON object")
        } else {
            LineError::new(format!("invalid JSON: {e}"))
        }
    })?;
    let id = match fields.id {
        Some(Field::Str(s)) if !s.trim().is_empty() => Id::Str(s),
        Some(Field::Num(n)) => Id::Num(n),
        Some(Field::Str(_)) => return Err(LineError::new("`id` is empty")),
        Some(_) => return Err(LineError::new("`id` must be a string or a number")),
        None if labelled => Id::None,
        None => return Err(LineError::new("missing `id`")),
    };
    let fail = |reason: String| LineError {
        id: id.clone(),
        reason,
    };
    let text = match fields.text {
        Some(Field::Str(s)) => s,
        Some(_) => return Err(fail("`text` must be a string".into())),
        None => return Err(fail("missing `text`".into())),
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(fail(format!(
            "text is {} bytes, over the limit of {MAX_TEXT_BYTES}",
            text.len()
        )));
    }
    let lang = match fields.lang {
        None | Some(Field::Null) => None,
        Some(Field::Str(s)) => Some(s.parse::<Lang>().map_err(|e| fail(e.to_string()))?),
        Some(_) => return Err(fail("`lang` must be a string".into())),
    };
    let label = if labelled {
        Some(match fields.label {
            Some(Field::Bool(b)) => b,
            Some(Field::Num(n)) if n.as_u64() == Some(1) => true,
            Some(Field::Num(n)) if n.as_u64() == Some(0) => false,
            _ => return Err(fail("`label` must be true/false or 1/0".into())),
        })
    } else {
        None
    };
    let split = match fields.split {
        Some(Field::Str(s)) => Some(s),
        _ => None,
    };
    Ok(Ad {
        id,
        text,
        lang,
        label,
        split,
    })
}

/// Screens a line that was read, keeping it for its `id` and evaluation fields;
/// a text that cannot be screened becomes the line's error.
pub fn screen_ad<'a>(
    screener: &Screener,
    ad: Ad<'a>,
) -> Result<(Ad<'a>, Screening), LineError<'a>> {
    match screener.screen(&ad.text, ad.lang) {
        Ok(screening) => Ok((ad, screening)),
        Err(e) => Err(LineError {
            id: ad.id,
            reason: e.to_string(),
        }),
    }
}

/// Appends the result object of one screened line (no newline). `cluster` is the
/// number of its group of near-duplicates, when grouping was asked for.
///
/// The object is `{id, risk, level, flagged, lang, score, indicators: [{code, weight,
/// spans}], identifiers, rules_version, cluster?}`; titles are left to the rules file
/// and `--text`, since repeating them on every row would double the output. It is
/// written by hand rather than through `Serialize`: result rows are most of what a
/// batch run writes, and this is several times faster.
pub fn write_result(out: &mut Vec<u8>, id: &Id<'_>, s: &Screening, cluster: Option<usize>) {
    out.extend_from_slice(b"{\"id\":");
    write_id(out, id);
    out.extend_from_slice(b",\"risk\":");
    write_f64(out, round4(s.risk));
    out.extend_from_slice(b",\"level\":");
    write_str(out, s.level.as_str());
    out.extend_from_slice(if s.flagged {
        b",\"flagged\":true,\"lang\":"
    } else {
        b",\"flagged\":false,\"lang\":"
    });
    write_str(out, s.lang.code());
    out.extend_from_slice(b",\"score\":");
    write_f64(out, round4(s.score));
    out.extend_from_slice(b",\"indicators\":");
    write_list(out, &s.indicators, |out, hit| {
        out.extend_from_slice(b"{\"code\":");
        write_str(out, &hit.code);
        out.extend_from_slice(b",\"weight\":");
        write_f64(out, hit.weight);
        out.extend_from_slice(b",\"spans\":");
        write_list(out, &hit.spans, write_span);
        out.push(b'}');
    });
    out.extend_from_slice(b",\"identifiers\":");
    write_list(out, &s.identifiers, write_identifier);
    out.extend_from_slice(b",\"rules_version\":");
    write_str(out, &s.rules_version);
    if let Some(cluster) = cluster {
        out.extend_from_slice(b",\"cluster\":");
        write_usize(out, cluster);
    }
    out.push(b'}');
}

/// Writes `items` as a JSON array, each with `write`.
fn write_list<T>(out: &mut Vec<u8>, items: &[T], write: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// An identifier as `{kind, value, amount?, currency?, period?, country?, role?, span}`.
fn write_identifier(out: &mut Vec<u8>, identifier: &Identifier) {
    out.extend_from_slice(b"{\"kind\":");
    write_str(out, identifier.kind.name());
    out.extend_from_slice(b",\"value\":");
    write_str(out, &identifier.value);
    if let Some(amount) = identifier.amount {
        out.extend_from_slice(b",\"amount\":");
        write_f64(out, amount);
    }
    if let Some(currency) = identifier.currency {
        out.extend_from_slice(b",\"currency\":");
        write_str(out, currency.code());
    }
    if let Some(period) = identifier.period {
        out.extend_from_slice(b",\"period\":");
        write_str(out, period.name());
    }
    if let Some(country) = &identifier.country {
        out.extend_from_slice(b",\"country\":");
        write_str(out, country);
    }
    if let Some(role) = identifier.role {
        out.extend_from_slice(b",\"role\":");
        write_str(out, role.name());
    }
    out.extend_from_slice(b",\"span\":");
    write_span(out, &identifier.span);
    out.push(b'}');
}

/// A span as `{start, end, byte_start, byte_end, text}`.
fn write_span(out: &mut Vec<u8>, span: &Span) {
    out.extend_from_slice(b"{\"start\":");
    write_usize(out, span.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, span.end);
    out.extend_from_slice(b",\"byte_start\":");
    write_usize(out, span.byte_start);
    out.extend_from_slice(b",\"byte_end\":");
    write_usize(out, span.byte_end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &span.text);
    out.push(b'}');
}

fn write_id(out: &mut Vec<u8>, id: &Id<'_>) {
    match id {
        Id::Str(s) => write_str(out, s),
        Id::Num(n) => write_display(out, n),
        Id::None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string. Nearly every string here needs no escape, so it is copied as it
/// is once one pass (without early exit, so that it vectorises) has found nothing
/// to escape; otherwise `serde_json` escapes it.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let needs_escape = s.bytes().fold(false, |acc, b| {
        acc | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if needs_escape {
        write_json(out, &s);
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// A number as `serde_json` writes it (shortest form that reads back the same).
fn write_f64(out: &mut Vec<u8>, x: f64) {
    write_json(out, &x);
}

/// A count or offset in decimal, without the formatting machinery: spans carry four
/// each, and there are many spans.
fn write_usize(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn write_display(out: &mut Vec<u8>, value: impl fmt::Display) {
    use std::io::Write as _;
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{value}");
}

/// Rounds risk and score to four decimals: more would only be noise in the output.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The object written for a line that could not be screened.
#[derive(Serialize)]
struct ErrorRow<'a> {
    id: &'a Id<'a>,
    line: usize,
    error: &'a str,
}

/// Appends the error object of line `line` (no newline).
pub fn write_error(out: &mut Vec<u8>, error: &LineError<'_>, line: usize) {
    let row = ErrorRow {
        id: &error.id,
        line,
        error: &error.reason,
    };
    write_json(out, &row);
}

fn write_json(out: &mut Vec<u8>, value: &impl Serialize) {
    // Writing into a Vec cannot fail, and every value written here has string keys
    // and finite numbers, so serialisation cannot fail either.
    if let Err(e) = serde_json::to_writer(out, value) {
        unreachable!("serialising a screening result into memory failed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(line: &str) -> String {
        match parse_line(line.as_bytes(), false) {
            Ok(_) => String::new(),
            Err(e) => e.reason,
        }
    }

    #[test]
    fn a_line_is_read_borrowing_its_text() {
        let ad = parse_line(
            br#"{"id":"ad-1","text":"salary $900","lang":"en","url":"https://x.example","seen_at":{"a":[1,2]}}"#,
            false,
        )
        .unwrap_or_else(|e| panic!("{}", e.reason));
        assert_eq!(ad.id, Id::Str(Cow::Borrowed("ad-1")));
        assert!(matches!(ad.text, Cow::Borrowed("salary $900")));
        assert_eq!(ad.lang, Some(Lang::En));
        let escaped = parse_line(br#"{"id":7,"text":"a\nb"}"#, false)
            .unwrap_or_else(|e| panic!("{}", e.reason));
        assert_eq!(escaped.text, "a\nb");
        assert_eq!(escaped.id.to_string(), "7");
        // A key written with an escape is the same key.
        let escaped_key = parse_line(br#"{"i\u0064":"ad-2","t\u0065xt":"x"}"#, false)
            .unwrap_or_else(|e| panic!("{}", e.reason));
        assert_eq!(escaped_key.id, Id::Str(Cow::Borrowed("ad-2")));
        assert_eq!(escaped_key.text, "x");
    }

    #[test]
    fn bad_lines_are_explained() {
        assert!(reason("{").starts_with("invalid JSON"));
        assert_eq!(reason("[1,2]"), "expected a JSON object");
        assert_eq!(reason(r#""text""#), "expected a JSON object");
        assert_eq!(reason(r#"{"text":"x"}"#), "missing `id`");
        assert_eq!(reason(r#"{"id":"","text":"x"}"#), "`id` is empty");
        assert_eq!(
            reason(r#"{"id":[1],"text":"x"}"#),
            "`id` must be a string or a number"
        );
        assert_eq!(reason(r#"{"id":1}"#), "missing `text`");
        assert_eq!(reason(r#"{"id":1,"text":5}"#), "`text` must be a string");
        assert!(reason(r#"{"id":1,"text":"x","lang":"xx"}"#).contains("unknown language"));
        let long = format!(r#"{{"id":1,"text":"{}"}}"#, "a".repeat(MAX_TEXT_BYTES + 1));
        assert!(reason(&long).contains("over the limit"));
        match parse_line(b"{\"id\":1,\"text\":\"\xff\"}", false) {
            Err(e) => assert_eq!(e.reason, "invalid UTF-8 at byte 16"),
            Ok(_) => panic!("invalid UTF-8 was accepted"),
        }
        // The id is kept when it could be read, so the error row can name the ad.
        match parse_line(br#"{"id":"ad-9"}"#, false) {
            Err(e) => assert_eq!(e.id, Id::Str(Cow::Borrowed("ad-9"))),
            Ok(_) => panic!("a line without text was accepted"),
        }
    }

    #[test]
    fn a_text_that_cannot_be_screened_becomes_the_lines_error_with_its_id() {
        let screener = crate::Screener::default();
        let line = r#"{"id":"ad-3","text":"Требуются сотрудники для работы в офисе"}"#;
        let ad = parse_line(line.as_bytes(), false).unwrap_or_else(|e| panic!("{}", e.reason));
        match screen_ad(&screener, ad) {
            Err(e) => {
                assert_eq!(e.id, Id::Str(Cow::Borrowed("ad-3")));
                assert!(e.reason.contains("unknown language"), "{}", e.reason);
            }
            Ok(_) => panic!("a Cyrillic text was screened"),
        }
    }

    #[test]
    fn evaluation_lines_need_a_label_but_no_id() {
        let ad = parse_line(br#"{"text":"x","label":1,"split":"dev"}"#, true)
            .unwrap_or_else(|e| panic!("{}", e.reason));
        assert_eq!((ad.label, ad.split.as_deref()), (Some(true), Some("dev")));
        assert!(parse_line(br#"{"text":"x","label":"yes"}"#, true).is_err());
    }

    #[test]
    fn result_rows_are_what_serde_would_write() {
        let screener = crate::Screener::default();
        let texts = [
            "รับสมัครแอดมิน ทำงานที่สีหนุวิลล์ เงินเดือน 45,000 บาท โทร 081-234-5678 ทักเทเล @hr_sv88",
            "招聘打字员，妙瓦底园区，月薪2万+，飞机 @xg_8，电话 138 0013 8000",
            "Quote \"test\" and back\\slash\tTab, visit https://t.me/jobs_kh $1,500-$2,500/month",
            "",
        ];
        for text in texts {
            let s = screener
                .screen(text, None)
                .unwrap_or_else(|e| panic!("{e}"));
            let mut written = Vec::new();
            write_result(&mut written, &Id::Str(Cow::Borrowed("a\"1")), &s, Some(2));
            let written: serde_json::Value =
                serde_json::from_slice(&written).unwrap_or_else(|e| panic!("{e}"));
            let mut expected = serde_json::to_value(&s).unwrap_or_else(|e| panic!("{e}"));
            let row = expected
                .as_object_mut()
                .unwrap_or_else(|| panic!("not an object"));
            row.remove("bias");
            for hit in row["indicators"].as_array_mut().into_iter().flatten() {
                hit.as_object_mut().map(|h| h.remove("title"));
            }
            let round = |x: &serde_json::Value| (x.as_f64().unwrap_or(0.0) * 1e4).round() / 1e4;
            row.insert("risk".into(), round(&row["risk"]).into());
            row.insert("score".into(), round(&row["score"]).into());
            row.insert("id".into(), "a\"1".into());
            row.insert("cluster".into(), 2.into());
            assert_eq!(written, expected, "{text}");
        }
    }

    #[test]
    fn results_and_errors_are_single_json_objects() {
        let screener = crate::Screener::default();
        let s = screener
            .screen("Telegram @hr_sv88, work in Sihanoukville", None)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        write_result(&mut out, &Id::Num(42.into()), &s, Some(3));
        let row: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(row["id"], 42);
        assert_eq!(row["cluster"], 3);
        assert_eq!(row["lang"], "en");
        assert!(row["indicators"][0]["spans"][0]["text"].is_string());
        assert!(row["indicators"][0].get("title").is_none());
        out.clear();
        write_error(&mut out, &LineError::new("missing `text`"), 12);
        assert_eq!(
            String::from_utf8_lossy(&out),
            r#"{"id":null,"line":12,"error":"missing `text`"}"#
        );
    }
}
