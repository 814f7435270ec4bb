//! General text normalisation before matching: width, digits, invisible characters, look-alikes.
//!
//! Recruiters who know that platforms filter keywords write "T e l e g r a m",
//! "Теlegram" with a Cyrillic `Т`, full-width `ＬＩＮＥ`, Thai or Khmer digits in phone
//! numbers, or hide zero-width spaces inside words. [`normalize`] folds all of these
//! onto one plain form so that one lexicon matches every disguise:
//!
//! * invisible characters (zero-width space, joiners, word joiner, BOM, soft hyphen,
//!   variation selectors) are dropped;
//! * compatibility forms (full-width ASCII, mathematical letters, circled digits,
//!   ligatures) are folded by NFKC, *only* for those blocks: NFKC over Thai would split
//!   SARA AM and over Khmer would reorder nothing useful, so Thai, Lao and Khmer
//!   letters are kept exactly as written;
//! * Thai, Khmer, Lao, Myanmar, Arabic-Indic and extended Arabic-Indic digits become
//!   ASCII digits;
//! * letters are lower-cased; Cyrillic and Greek letters that look like Latin ones
//!   become those Latin letters; accents on Latin letters are removed (so Vietnamese
//!   written with or without diacritics matches the same lexicon);
//! * runs of white space become one space, and runs of three or more single letters
//!   separated by spaces, dots, hyphens or underscores ("T e l e g r a m",
//!   "W.h.a.t.s.A.p.p") are joined into one word.
//!
//! The result keeps, for every byte of the normalised text, the byte range of the
//! original text it came from, so a match found in the normalised text is reported as
//! the exact span of what the user wrote ([`Normalized::original_span`]).
//!
//! ```
//! use spean_text::normalize::normalize;
//!
//! let original = "Add Т e l e g r a m ＠job๘๘";
//! let n = normalize(original);
//! assert_eq!(n.text(), "add telegram @job88");
//! let start = n.text().find("telegram").unwrap();
//! let span = n.original_span(start, start + "telegram".len());
//! assert_eq!(&original[span], "Т e l e g r a m");
//! ```

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Text folded for matching, with a map back to the original byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// Where each stretch of `text` came from, in order of `text`; each runs to the
    /// start of the next. Most of a text is copied as written (Thai, Khmer, lower-case
    /// Latin), so a few stretches describe it, instead of a pair of offsets per byte.
    segments: Vec<Segment>,
}

/// A stretch of the normalised text and its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Its first byte in the normalised text.
    start: u32,
    /// Its first byte in the original text.
    original_start: u32,
    /// How its bytes map back.
    kind: SegmentKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SegmentKind {
    /// Characters of the same length as the ones they came from, one for one: byte
    /// `k` of the stretch came from byte `original_start + k`.
    Copied,
    /// Characters folded from one original character of another length (a Thai
    /// digit, a ligature, an accented letter): every byte came from
    /// `original_start..original_end`.
    Folded { original_end: u32 },
}

impl Normalized {
    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte range of the original text that produced the normalised byte range
    /// `start..end`. An empty or out-of-range request gives an empty range at the
    /// nearest known position, never a panic.
    pub fn original_span(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.origin_of(start);
        let last = if end > start {
            self.origin_of(end - 1)
        } else {
            None
        };
        match (first, last) {
            (Some(s), Some(e)) if e.end >= s.start => s.start..e.end,
            (Some(s), _) => s.start..s.start,
            _ => {
                let at = self
                    .text
                    .len()
                    .checked_sub(1)
                    .and_then(|i| self.origin_of(i))
                    .map_or(0, |r| r.end);
                at..at
            }
        }
    }

    /// The original character range that byte `at` of the normalised text came from.
    fn origin_of(&self, at: usize) -> Option<Range<usize>> {
        if at >= self.text.len() {
            return None;
        }
        let index = self
            .segments
            .partition_point(|s| s.start as usize <= at)
            .checked_sub(1)?;
        let segment = self.segments.get(index)?;
        let original_start = segment.original_start as usize;
        match segment.kind {
            SegmentKind::Folded { original_end } => Some(original_start..original_end as usize),
            SegmentKind::Copied => {
                // The character holding byte `at`, which was copied whole.
                let mut char_start = at;
                while !self.text.is_char_boundary(char_start) {
                    char_start -= 1;
                }
                let width = self
                    .text
                    .get(char_start..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(1, char::len_utf8);
                let shift = original_start as isize - segment.start as isize;
                let from = (char_start as isize + shift) as usize;
                Some(from..from + width)
            }
        }
    }

    fn with_capacity(capacity: usize) -> Normalized {
        Normalized {
            text: String::with_capacity(capacity),
            // Room for the stretches of a typical ad, which would otherwise grow
            // the list four times.
            segments: Vec::with_capacity(16),
        }
    }

    /// Appends `ch`, which came from the original bytes `start..end`.
    fn push(&mut self, ch: char, start: u32, end: u32) {
        let at = self.text.len() as u32;
        let width = ch.len_utf8() as u32;
        self.text.push(ch);
        if width == end - start {
            self.mark_copied(at, start);
            return;
        }
        let kind = SegmentKind::Folded { original_end: end };
        if let Some(last) = self.segments.last()
            && last.kind == kind
            && last.original_start == start
        {
            return;
        }
        self.segments.push(Segment {
            start: at,
            original_start: start,
            kind,
        });
    }

    /// Appends `original[from..to]`, characters that fold to themselves (ASCII only
    /// lower-cased), as one copied stretch.
    fn push_copied(&mut self, original: &str, from: usize, to: usize) {
        let Some(run) = original.get(from..to).filter(|run| !run.is_empty()) else {
            return;
        };
        let at = self.text.len();
        self.text.push_str(run);
        if let Some(pushed) = self.text.get_mut(at..) {
            pushed.make_ascii_lowercase();
        }
        self.mark_copied(at as u32, from as u32);
    }

    /// Records that the text from byte `at` on was copied from the original's byte
    /// `from` on: it extends the last copied stretch if the offsets line up.
    fn mark_copied(&mut self, at: u32, from: u32) {
        if let Some(last) = self.segments.last()
            && last.kind == SegmentKind::Copied
            && last.original_start.wrapping_sub(last.start) == from.wrapping_sub(at)
        {
            return;
        }
        self.segments.push(Segment {
            start: at,
            original_start: from,
            kind: SegmentKind::Copied,
        });
    }

    /// Removes a trailing space.
    fn trim_end_space(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            let len = self.text.len() as u32;
            if self.segments.last().is_some_and(|s| s.start >= len) {
                self.segments.pop();
            }
        }
    }
}

/// One output character with the original byte range it stands for.
#[derive(Debug, Clone, Copy)]
struct Piece {
    ch: char,
    start: u32,
    end: u32,
}

/// Normalises `text` for matching; see the module documentation for what is folded.
pub fn normalize(text: &str) -> Normalized {
    let direct = normalize_direct(text);
    // Spaced-out words are rare; only a text that may hold one takes the slower
    // path that can join them.
    if may_have_spaced_letters(&direct.text) {
        normalize_joining(text)
    } else {
        direct
    }
}

/// Folding and white-space collapsing, written straight into the result. ASCII and
/// the caseless letters that fill most texts are copied without the general folding.
fn normalize_direct(text: &str) -> Normalized {
    let mut out = Normalized::with_capacity(text.len());
    // Start of the pending run of characters that are copied as written (ASCII
    // lower-cased in place): they are appended together when the run ends.
    let mut run_start = 0;
    for (offset, ch) in text.char_indices() {
        let copied = if ch == ' ' {
            // One space after a character of the run stays as written: only a run
            // of white space collapses, and the slow path below sees to that (and
            // to a leading space).
            offset > run_start && text.as_bytes().get(offset - 1) != Some(&b' ')
        } else if ch.is_ascii() {
            !ch.is_ascii_whitespace()
        } else {
            is_caseless_letter(ch) && ch != KHMER_QOO_TWO
        };
        if copied {
            continue;
        }
        out.push_copied(text, run_start, offset);
        let start = offset as u32;
        let end = start + ch.len_utf8() as u32;
        run_start = end as usize;
        fold_char(ch, &mut |folded| {
            // Runs of white space collapse to one space, and none leads.
            if folded == ' ' && out.text.as_bytes().last().is_none_or(|b| *b == b' ') {
                return;
            }
            out.push(folded, start, end);
        });
    }
    out.push_copied(text, run_start, text.len());
    out.trim_end_space();
    out
}

/// Whether the folded text has two single letters with one separator between
/// them: every spaced-out word ("t e l e g r a m") has, and few other texts do.
/// Read on bytes: letters and separators are ASCII, except `·` (two bytes).
fn may_have_spaced_letters(folded: &str) -> bool {
    let bytes = folded.as_bytes();
    let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
    (0..bytes.len()).any(|i| {
        if !letter(i) || (i > 0 && letter(i - 1)) {
            return false;
        }
        let separator = match bytes.get(i + 1..) {
            Some([b' ' | b'.' | b'-' | b'_' | b'*', ..]) => 1,
            Some([0xC2, 0xB7, ..]) => 2,
            _ => return false,
        };
        let next = i + 1 + separator;
        letter(next) && !letter(next + 1)
    })
}

/// The full path: folding into pieces, then joining spaced-out letters.
fn normalize_joining(text: &str) -> Normalized {
    let mut out = Normalized::with_capacity(text.len());
    for piece in joined_pieces(text) {
        out.push(piece.ch, piece.start, piece.end);
    }
    out
}

/// Every output character of the full path with the original range it came from.
fn joined_pieces(text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::with_capacity(text.len());
    for (offset, ch) in text.char_indices() {
        let start = offset as u32;
        let end = (offset + ch.len_utf8()) as u32;
        fold_char(ch, &mut |out| {
            // Runs of white space collapse to one space, and none leads.
            if out == ' ' && pieces.last().is_none_or(|p| p.ch == ' ') {
                return;
            }
            pieces.push(Piece {
                ch: out,
                start,
                end,
            });
        });
    }
    if pieces.last().is_some_and(|p| p.ch == ' ') {
        pieces.pop();
    }
    join_spaced_letters(&mut pieces);
    pieces
}

/// Normalises a lexicon term the same way as the texts it is matched against.
pub fn normalize_term(term: &str) -> String {
    normalize(term).text.trim().to_owned()
}

/// Khmer writes "to give, for" both ឲ្យ and ឱ្យ; the two independent vowels are
/// folded to one so that a lexicon needs only one spelling.
const KHMER_QOO_TWO: char = '\u{17B2}';
const KHMER_QOO_ONE: char = '\u{17B1}';

/// Folds one character into zero or more output characters.
fn fold_char(ch: char, emit: &mut impl FnMut(char)) {
    if ch == KHMER_QOO_TWO {
        emit(KHMER_QOO_ONE);
        return;
    }
    if ch.is_ascii() {
        if ch.is_ascii_whitespace() {
            emit(' ');
        } else {
            emit(ch.to_ascii_lowercase());
        }
        return;
    }
    if is_caseless_letter(ch) {
        emit(ch);
        return;
    }
    if is_invisible(ch) {
        return;
    }
    if let Some(d) = digit_value(ch) {
        emit(char::from(b'0' + d));
        return;
    }
    if ch.is_whitespace() {
        emit(' ');
        return;
    }
    if is_compatibility_form(ch) {
        for folded in ch.nfkc() {
            fold_simple(folded, emit);
        }
        return;
    }
    fold_simple(ch, emit);
}

/// Lower-casing, look-alikes and Latin accents: the part of folding that is also
/// applied to the output of NFKC.
fn fold_simple(ch: char, emit: &mut impl FnMut(char)) {
    if ch.is_ascii() {
        emit(if ch.is_ascii_whitespace() {
            ' '
        } else {
            ch.to_ascii_lowercase()
        });
        return;
    }
    if let Some(d) = digit_value(ch) {
        emit(char::from(b'0' + d));
        return;
    }
    for lower in ch.to_lowercase() {
        if let Some(latin) = homoglyph(lower) {
            emit(latin);
        } else if lower == 'đ' {
            emit('d');
        } else if is_accented_latin(lower) {
            for base in lower.nfd().filter(|c| !is_combining_mark(*c)) {
                emit(base);
            }
        } else {
            emit(lower);
        }
    }
}

/// Letters and marks of the scripts without case that most texts here are written
/// in (Thai, Lao, Khmer, Myanmar, CJK ideographs): nothing folds them, so they are
/// passed through without the slower checks. Their digits and invisible characters
/// are left out of the ranges.
fn is_caseless_letter(ch: char) -> bool {
    matches!(
        ch,
        '\u{0E01}'..='\u{0E4F}'
            | '\u{0E5A}'..='\u{0E7F}'
            | '\u{0E80}'..='\u{0ECF}'
            | '\u{0EDA}'..='\u{0EFF}'
            | '\u{1000}'..='\u{103F}'
            | '\u{104A}'..='\u{108F}'
            | '\u{109A}'..='\u{109F}'
            | '\u{1780}'..='\u{17B3}'
            | '\u{17B6}'..='\u{17DF}'
            | '\u{17EA}'..='\u{17FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
    )
}

/// Characters with no visible form, used to break up keywords.
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// The value of a decimal digit of the scripts used in the region.
fn digit_value(ch: char) -> Option<u8> {
    let zero = match ch {
        '\u{0E50}'..='\u{0E59}' => '\u{0E50}', // Thai
        '\u{0ED0}'..='\u{0ED9}' => '\u{0ED0}', // Lao
        '\u{17E0}'..='\u{17E9}' => '\u{17E0}', // Khmer
        '\u{1040}'..='\u{1049}' => '\u{1040}', // Myanmar
        '\u{1090}'..='\u{1099}' => '\u{1090}', // Myanmar Shan
        '\u{0660}'..='\u{0669}' => '\u{0660}', // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}', // Extended Arabic-Indic
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}', // full-width
        _ => return None,
    };
    u8::try_from(u32::from(ch) - u32::from(zero)).ok()
}

/// Blocks whose NFKC folding is wanted: width variants, styled letters, enclosed
/// alphanumerics, letter-like symbols and Latin ligatures.
fn is_compatibility_form(ch: char) -> bool {
    matches!(
        ch,
        '\u{2100}'..='\u{214F}'
            | '\u{2460}'..='\u{24FF}'
            | '\u{3000}'
            | '\u{FB00}'..='\u{FB06}'
            | '\u{FF01}'..='\u{FFEF}'
            | '\u{1D400}'..='\u{1D7FF}'
            | '\u{1F100}'..='\u{1F1FF}'
    )
}

/// Latin letters carrying accents (Latin-1 Supplement, Extended-A/B, Extended
/// Additional, which holds the Vietnamese letters).
fn is_accented_latin(ch: char) -> bool {
    matches!(ch, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && ch != 'ß'
}

fn is_combining_mark(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}')
}

/// Lower-case Cyrillic and Greek letters that pass for Latin ones.
fn homoglyph(ch: char) -> Option<char> {
    Some(match ch {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'ɡ' => 'g',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => return None,
    })
}

/// Separators that may be put between the letters of a spaced-out word.
fn is_letter_separator(ch: char) -> bool {
    matches!(ch, ' ' | '.' | '-' | '_' | '*' | '·')
}

fn is_spaceable_letter(ch: char) -> bool {
    ch.is_ascii_alphabetic()
}

/// Joins "t e l e g r a m" (three or more single letters, each separated by one
/// separator run) into "telegram". Words of two or more letters are left alone, so
/// ordinary text such as "a b test" is not touched beyond its single letters.
fn join_spaced_letters(pieces: &mut Vec<Piece>) {
    let n = pieces.len();
    let at = |i: usize| pieces.get(i).map(|p| p.ch);
    // A letter is "single" when neither neighbour is a letter.
    let single = |i: usize| {
        at(i).is_some_and(is_spaceable_letter)
            && !i
                .checked_sub(1)
                .and_then(&at)
                .is_some_and(is_spaceable_letter)
            && !at(i + 1).is_some_and(is_spaceable_letter)
    };
    // Allocated only when a spaced-out word is found (rare).
    let mut drop: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < n {
        if !single(i) {
            i += 1;
            continue;
        }
        // Collect a chain: letter (sep letter)*; one separator char between letters.
        let mut letters = vec![i];
        let mut j = i;
        loop {
            let sep = j + 1;
            let next = j + 2;
            if at(sep).is_some_and(is_letter_separator) && single(next) {
                letters.push(next);
                j = next;
            } else {
                break;
            }
        }
        if letters.len() >= 3 {
            if drop.is_empty() {
                drop.resize(n, false);
            }
            for pair in letters.windows(2) {
                if let [a, b] = pair {
                    for k in (a + 1)..*b {
                        if let Some(d) = drop.get_mut(k) {
                            *d = true;
                        }
                    }
                }
            }
        }
        i = j + 1;
    }
    if !drop.is_empty() {
        let mut flags = drop.into_iter();
        pieces.retain(|_| !flags.next().unwrap_or(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text().to_owned()
    }

    #[test]
    fn thai_khmer_lao_myanmar_and_arabic_digits_become_ascii() {
        assert_eq!(norm("๐๘๑-๒๓๔-๕๖๗๘"), "081-234-5678");
        assert_eq!(norm("០១២ ៣៤៥ ៦៧៨"), "012 345 678");
        assert_eq!(norm("໐໒໐ ໕໕"), "020 55");
        assert_eq!(norm("၀၉၁၂၃"), "09123");
        assert_eq!(norm("٠١٢٣٤٥٦٧٨٩"), "0123456789");
    }

    #[test]
    fn full_width_letters_and_digits_are_folded() {
        assert_eq!(norm("ＬＩＮＥ　ＩＤ：ａｂｃ１２３"), "line id:abc123");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        assert_eq!(norm("tele\u{200B}gram"), "telegram");
        assert_eq!(norm("ตอบ\u{200B}แชท\u{FEFF}"), "ตอบแชท");
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_become_latin() {
        // Т, е, о are Cyrillic; ο is Greek.
        assert_eq!(norm("Теlеgrаm"), "telegram");
        assert_eq!(norm("Whatsаpp"), "whatsapp");
        assert_eq!(norm("cοntact"), "contact");
    }

    #[test]
    fn spaced_out_letters_are_joined() {
        assert_eq!(norm("add T e l e g r a m now"), "add telegram now");
        assert_eq!(norm("W.h.a.t.s.A.p.p"), "whatsapp");
        assert_eq!(norm("L-I-N-E"), "line");
    }

    #[test]
    fn ordinary_words_and_two_single_letters_are_not_joined() {
        assert_eq!(norm("a b testing"), "a b testing");
        assert_eq!(norm("Plan B is a go"), "plan b is a go");
    }

    #[test]
    fn both_khmer_spellings_of_aoy_fold_to_one() {
        assert_eq!(norm("ធ្វើវីសាឲ្យ"), norm("ធ្វើវីសាឱ្យ"));
        assert_eq!(normalize_joining("ឲ្យ"), normalize("ឲ្យ"));
    }

    #[test]
    fn thai_and_khmer_letters_are_kept_as_written() {
        assert_eq!(norm("ทำงานออนไลน์"), "ทำงานออนไลน์");
        assert_eq!(norm("ការងារ"), "ការងារ");
    }

    #[test]
    fn vietnamese_diacritics_are_removed() {
        assert_eq!(norm("Việc nhẹ lương cao"), "viec nhe luong cao");
        assert_eq!(norm("Đi làm"), "di lam");
    }

    #[test]
    fn white_space_runs_collapse_to_one_space() {
        assert_eq!(norm("  high \t\n salary  "), "high salary");
    }

    #[test]
    fn spans_map_back_to_the_exact_original_text() {
        let original = "ติดต่อ Ｔｅｌｅ\u{200B}gram ๐๘๑";
        let n = normalize(original);
        let start = n.text().find("telegram").expect("folded");
        let span = n.original_span(start, start + "telegram".len());
        assert_eq!(original.get(span), Some("Ｔｅｌｅ\u{200B}gram"));
        let digits = n.text().find("081").expect("digits");
        let span = n.original_span(digits, digits + 3);
        assert_eq!(original.get(span), Some("๐๘๑"));
    }

    #[test]
    fn every_normalised_range_maps_to_char_boundaries_of_the_original() {
        for original in [
            "ติดต่อ Ｔｅｌｅ\u{200B}gram ๐๘๑ ส ว ั ส ดี",
            "ការងារ ០១២  T e l e g r a m\u{FEFF}!",
            "高薪ｃｕｓｔｏｍｅｒ　客服 ① ℡ 𝐇𝐢𝐫𝐢𝐧𝐠",
            "Việc  nhẹ  W.h.a.t.s.A.p.p Теlеgrаm",
        ] {
            let n = normalize(original);
            let text = n.text();
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (a, &start) in bounds.iter().enumerate() {
                for &end in bounds.iter().skip(a) {
                    let span = n.original_span(start, end);
                    assert!(
                        original.get(span.clone()).is_some(),
                        "{original:?} {start}..{end} -> {span:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_direct_path_gives_what_the_joining_path_gives() {
        for text in [
            "add T e l e g r a m now",
            "W.h.a.t.s.A.p.p",
            "a b testing",
            "Plan B is a go",
            "x · y · z",
            "ทักไลน์ @job8 โทร ๐๘๑-๒๓๔-๕๖๗๘  ",
            "  ＬＩＮＥ　ＩＤ：ａｂｃ１２３ ",
            "ប្រាក់ខែ 1200$ T.G @kh_1",
            "",
            " ",
            "a",
            "a b",
            "a-b-c",
            // Single spaces are copied with the run; longer white space collapses.
            "งาน  ดี",
            " งาน ดี ",
            "salary  $900 \n line",
            "job\u{3000} offer \t now",
            "x\u{00A0} y  ",
            "ឲ្យ ឲ្យ",
        ] {
            assert_eq!(normalize(text), normalize_joining(text), "{text}");
            let direct = normalize_direct(text);
            if !may_have_spaced_letters(&direct.text) {
                assert_eq!(direct, normalize_joining(text), "{text}");
            }
        }
        assert!(!may_have_spaced_letters(
            "รับสมัครแอดมิน salary $900 line @job_8"
        ));
        assert!(may_have_spaced_letters("t e"));
    }

    /// The map written out byte by byte, the plain way: for each normalised byte, the
    /// original range of the character it came from.
    fn map_per_byte(text: &str) -> (Vec<u32>, Vec<u32>) {
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for piece in joined_pieces(text) {
            for _ in 0..piece.ch.len_utf8() {
                starts.push(piece.start);
                ends.push(piece.end);
            }
        }
        (starts, ends)
    }

    #[test]
    fn the_stretch_map_gives_what_a_map_per_byte_gives() {
        for text in [
            "ติดต่อ Ｔｅｌｅ\u{200B}gram ๐๘๑ ส ว ั ส ดี",
            "ការងារ ០១២  T e l e g r a m\u{FEFF}! ឲ្យ",
            "高薪ｃｕｓｔｏｍｅｒ　客服 ① ℡ 𝐇𝐢𝐫𝐢𝐧𝐠 ﬁle",
            "  Việc  nhẹ  W.h.a.t.s.A.p.p Теlеgrаm  ",
            "Salary $1,500\t\n\nLINE ID：ａｂｃ",
            "",
        ] {
            let n = normalize(text);
            let (starts, ends) = map_per_byte(text);
            assert_eq!(starts.len(), n.text().len(), "{text:?}");
            let len = n.text().len();
            for start in 0..=len + 1 {
                for end in start..=len + 1 {
                    let first = starts.get(start).copied();
                    let last = if end > start {
                        ends.get(end - 1).copied()
                    } else {
                        None
                    };
                    let expected = match (first, last) {
                        (Some(s), Some(e)) if e >= s => s as usize..e as usize,
                        (Some(s), _) => s as usize..s as usize,
                        _ => {
                            let at = ends.last().copied().unwrap_or(0) as usize;
                            at..at
                        }
                    };
                    assert_eq!(
                        n.original_span(start, end),
                        expected,
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let n = normalize("abc");
        assert_eq!(n.original_span(10, 20), 3..3);
        assert_eq!(n.original_span(1, 1), 1..1);
    }
}
