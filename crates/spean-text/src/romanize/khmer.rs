//! Khmer by the UNGEGN system (BGN/PCGN 1972), with its diacritics.
//!
//! Khmer consonants belong to two series, and a vowel sign is read differently after
//! each (`romanization.md` §2.2–2.3), so the engine works in orthographic clusters:
//! a base consonant, its subscripts (written after U+17D2 COENG), a series shifter
//! (◌៉ makes it a-series, ◌៊ o-series), a vowel sign and the signs ◌ំ, ◌ះ, ◌់.
//! Then, per cluster:
//! - with a vowel or ◌ំ/◌ះ, it is a syllable: onset + the vowel of its series;
//! - bare, after a syllable still open (inherent vowel or a written vowel without a
//!   final), it closes that syllable as its final consonant. If it carries a
//!   subscript, the base closes the previous syllable and the subscript starts the
//!   next one (កម្ពុជា → kâm-pŭ-chéa);
//! - bare otherwise, it is a syllable with the inherent vowel (â or ô), or, at the end
//!   of the word after a closed syllable, a final consonant alone.
//!
//! ◌់ on a final shortens a preceding ា (បាត់ → băt).

/// Romanises one Khmer word.
pub(super) fn word(word: &str) -> String {
    let clusters = clusters(word);
    let mut out = String::with_capacity(word.len());
    // State of the syllable being written: can it still take a final?
    let mut open = false;
    // Where the vowel of the open syllable starts in `out`, and its sign, for ◌់.
    let mut last_vowel: Option<(usize, char, Series)> = None;
    let count = clusters.len();
    for (k, cluster) in clusters.iter().enumerate() {
        match cluster {
            Cluster::Other(c) => {
                out.push(*c);
                open = false;
            }
            Cluster::Independent(c) => {
                out.push_str(independent_vowel(*c));
                open = true;
                last_vowel = None;
            }
            Cluster::Consonant(cl) => {
                let has_nucleus = cl.vowel.is_some() || cl.nikahit || cl.reahmuk;
                if has_nucleus {
                    let mut onset_consonants = cl.consonants.as_slice();
                    if open && cl.consonants.len() > 1 && last_vowel.is_none() {
                        // The base closes the previous (inherent-vowel) syllable.
                        if let Some((&base, rest)) = cl.consonants.split_first() {
                            out.push_str(consonant(base));
                            onset_consonants = rest;
                        }
                    }
                    for &c in onset_consonants {
                        out.push_str(consonant(c));
                    }
                    let series = cl.series_for(onset_consonants);
                    let start = out.len();
                    out.push_str(&vowel(
                        cl.vowel,
                        cl.nikahit,
                        cl.reahmuk,
                        series,
                        cl.ng_after(&clusters, k),
                    ));
                    last_vowel = cl.vowel.map(|v| (start, v, series));
                    // Any written vowel can still take a final; ◌ំ and ◌ះ close the syllable.
                    open = !cl.nikahit && !cl.reahmuk && cl.vowel.is_some();
                } else if open {
                    // A bare cluster closes the open syllable.
                    if let Some((&base, rest)) = cl.consonants.split_first() {
                        out.push_str(consonant(base));
                        if cl.bantoc {
                            shorten(&mut out, last_vowel);
                        }
                        for &c in rest {
                            out.push_str(consonant(c));
                        }
                        if !rest.is_empty() && k + 1 < count {
                            out.push_str(inherent(cl.series_for(rest)));
                            open = true;
                            last_vowel = None;
                            continue;
                        }
                    }
                    open = false;
                    last_vowel = None;
                } else {
                    for &c in &cl.consonants {
                        out.push_str(consonant(c));
                    }
                    let at_end = k + 1 == count;
                    if at_end && k > 0 {
                        open = false;
                    } else {
                        out.push_str(inherent(cl.series_for(&cl.consonants)));
                        open = true;
                        last_vowel = None;
                    }
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Series {
    A,
    O,
}

#[derive(Debug, Default)]
struct ConsonantCluster {
    consonants: Vec<char>,
    shift: Option<Series>,
    vowel: Option<char>,
    nikahit: bool,
    reahmuk: bool,
    bantoc: bool,
}

impl ConsonantCluster {
    /// The series that decides the vowel: the first of `onset`, unless shifted.
    fn series_for(&self, onset: &[char]) -> Series {
        if let Some(s) = self.shift {
            return s;
        }
        onset.first().map_or(Series::A, |&c| series(c))
    }

    /// Whether ាំ is followed by ង (the ាំង rhyme).
    fn ng_after(&self, clusters: &[Cluster], k: usize) -> bool {
        self.vowel == Some('ា')
            && self.nikahit
            && matches!(clusters.get(k + 1), Some(Cluster::Consonant(n))
                if n.consonants == ['ង'] && n.vowel.is_none())
    }
}

#[derive(Debug)]
enum Cluster {
    Consonant(ConsonantCluster),
    Independent(char),
    Other(char),
}

fn is_consonant(c: char) -> bool {
    ('\u{1780}'..='\u{17A2}').contains(&c)
}

fn clusters(word: &str) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if is_consonant(c) {
            let mut cl = ConsonantCluster {
                consonants: vec![c],
                ..ConsonantCluster::default()
            };
            while let Some(&n) = chars.peek() {
                match n {
                    '\u{17D2}' => {
                        chars.next();
                        if let Some(&sub) = chars.peek().filter(|&&s| is_consonant(s)) {
                            chars.next();
                            cl.consonants.push(sub);
                        }
                    }
                    '\u{17C9}' => {
                        chars.next();
                        cl.shift = Some(Series::A);
                    }
                    '\u{17CA}' => {
                        chars.next();
                        cl.shift = Some(Series::O);
                    }
                    '\u{17B6}'..='\u{17C5}' if cl.vowel.is_none() => {
                        chars.next();
                        cl.vowel = Some(n);
                    }
                    '\u{17C6}' => {
                        chars.next();
                        cl.nikahit = true;
                    }
                    '\u{17C7}' | '\u{17C8}' => {
                        chars.next();
                        cl.reahmuk = true;
                    }
                    '\u{17CB}' => {
                        chars.next();
                        cl.bantoc = true;
                    }
                    '\u{17CC}'..='\u{17D1}' | '\u{17DD}' | '\u{200B}' | '\u{200C}' => {
                        chars.next();
                    }
                    _ => break,
                }
            }
            out.push(Cluster::Consonant(cl));
        } else if ('\u{17A3}'..='\u{17B3}').contains(&c) {
            out.push(Cluster::Independent(c));
        } else if ('\u{17E0}'..='\u{17E9}').contains(&c) {
            let digit = char::from_digit(u32::from(c) - 0x17E0, 10).unwrap_or(c);
            out.push(Cluster::Other(digit));
        } else if ('\u{1780}'..='\u{17FF}').contains(&c) {
            // Other signs and punctuation of the block carry no sound here.
        } else {
            out.push(Cluster::Other(c));
        }
    }
    out
}

fn series(c: char) -> Series {
    match c {
        'គ' | 'ឃ' | 'ង' | 'ជ' | 'ឈ' | 'ញ' | 'ឌ' | 'ឍ' | 'ណ' | 'ទ' | 'ធ' | 'ន' | 'ព' | 'ភ' | 'ម'
        | 'យ' | 'រ' | 'ល' | 'វ' => Series::O,
        _ => Series::A,
    }
}

fn consonant(c: char) -> &'static str {
    match c {
        'ក' | 'គ' => "k",
        'ខ' | 'ឃ' => "kh",
        'ង' => "ng",
        'ច' | 'ជ' => "ch",
        'ឆ' | 'ឈ' => "chh",
        'ញ' => "nh",
        'ដ' | 'ឌ' => "d",
        'ឋ' | 'ឍ' | 'ថ' | 'ធ' => "th",
        'ណ' | 'ន' => "n",
        'ត' | 'ទ' => "t",
        'ប' => "b",
        'ផ' | 'ភ' => "ph",
        'ព' => "p",
        'ម' => "m",
        'យ' => "y",
        'រ' => "r",
        'ល' | 'ឡ' => "l",
        'វ' => "v",
        'ស' | 'ឝ' | 'ឞ' => "s",
        'ហ' => "h",
        // អ: the glottal carrier, usually left out.
        _ => "",
    }
}

fn inherent(series: Series) -> &'static str {
    match series {
        Series::A => "â",
        Series::O => "ô",
    }
}

fn vowel(v: Option<char>, nikahit: bool, reahmuk: bool, s: Series, ng: bool) -> String {
    let pick = |a: &'static str, o: &'static str| if s == Series::A { a } else { o };
    let text = match (v, nikahit, reahmuk) {
        (Some('ុ'), true, _) => pick("om", "ŭm"),
        (None, true, _) => pick("âm", "um"),
        (Some('ា'), true, _) if ng => pick("ăng", "eăng"),
        (Some('ា'), true, _) => pick("ăm", "ŏâm"),
        (None, _, true) => pick("ăh", "eăh"),
        (Some('ុ'), _, true) => pick("ŏh", "uh"),
        (Some('េ'), _, true) => "éh",
        (Some('ោ'), _, true) => pick("aŏh", "uŏh"),
        (Some(v), n, r) => {
            let base = match v {
                'ា' => pick("a", "éa"),
                'ិ' => pick("ĕ", "ĭ"),
                'ី' => pick("ei", "i"),
                'ឹ' => "œ̆",
                'ឺ' => "œ",
                'ុ' => pick("ŏ", "ŭ"),
                'ូ' => pick("o", "u"),
                'ួ' => "uŏ",
                'ើ' => pick("aeu", "eu"),
                'ឿ' => "eua",
                'ៀ' => "iĕ",
                'េ' => "é",
                'ែ' => "ê",
                'ៃ' => pick("ai", "ey"),
                'ោ' => pick("aô", "oŭ"),
                'ៅ' => pick("au", "ŏu"),
                _ => "",
            };
            let mut text = base.to_owned();
            if n {
                text.push('m');
            }
            if r {
                text.push('h');
            }
            return text;
        }
        (None, false, false) => inherent(s),
    };
    text.to_owned()
}

/// ◌់ on a final after ា: the vowel is short (a → ă, éa → ŏă).
fn shorten(out: &mut String, last_vowel: Option<(usize, char, Series)>) {
    let Some((start, 'ា', series)) = last_vowel else {
        return;
    };
    let (long, short) = match series {
        Series::A => ("a", "ă"),
        Series::O => ("éa", "ŏă"),
    };
    if out.get(start..start + long.len()) == Some(long) {
        out.replace_range(start..start + long.len(), short);
    }
}

fn independent_vowel(c: char) -> &'static str {
    match c {
        'ឥ' => "ĕ",
        'ឦ' => "ei",
        'ឧ' => "ŏ",
        'ឩ' => "ŭ",
        'ឪ' => "ŏu",
        'ឫ' => "rœ̆",
        'ឬ' => "rœ",
        'ឭ' => "lœ̆",
        'ឮ' => "lœ",
        'ឯ' => "é",
        'ឰ' => "ai",
        'ឱ' => "aô",
        'ឲ' => "aôy",
        'ឳ' => "âu",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::word;

    /// Pairs from standard documents (`romanization.md` §2.5).
    #[test]
    fn published_ungegn_pairs_romanise_as_expected() {
        for (khmer, ungegn) in [
            ("កម្ពុជា", "kâmpŭchéa"),
            ("ភ្នំ", "phnum"),
            ("ពេញ", "pénh"),
            ("ក្ដី", "kdei"),
            ("កន្ធាយ", "kânthéay"),
            ("ក្រោម", "kraôm"),
            ("បាត់ដំបង", "bătdâmbâng"),
            ("ព្រះ", "preăh"),
        ] {
            assert_eq!(word(khmer), ungegn, "{khmer}");
        }
    }

    /// The UNGEGN forms that the reference derives for common names (§2.4).
    #[test]
    fn common_names_take_their_ungegn_form() {
        assert_eq!(word("សុខ"), "sŏkh");
        assert_eq!(word("ឆាយ"), "chhay");
        assert_eq!(word("សោភា"), "saôphéa");
    }

    #[test]
    fn the_series_of_the_consonant_decides_the_vowel() {
        assert_eq!(word("កា"), "ka");
        assert_eq!(word("គា"), "kéa");
        assert_eq!(word("ការ"), "kar");
    }
}
