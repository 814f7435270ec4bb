//! Thai by the Royal Thai General System of Transcription (RTGS, 1999 revision).
//!
//! RTGS writes sounds, so a rule engine has to guess where syllables begin and which
//! consonants close them. The guesses here are the ones that `romanization.md` §1.2–1.4
//! describes, applied word by word:
//! 1. Tone marks, ๆ and ฯ are dropped; a letter under thanthakhat (◌์) is silent, and
//!    so is a vowel or a whole cluster before it (ทร์, ตร์, จน์, มณ์, ณฑ์).
//! 2. A syllable starts at a leading vowel (เ แ โ ใ ไ) or a consonant. Its onset may be
//!    a true cluster (กร, กล, กว, ปร, ...), a silent ห/อ before a sonorant (หมา, อยาก),
//!    ทร read ซ, or a cluster whose ร is silent (ศรี, สร้าง).
//! 3. Vowel signs are read by pattern, longest first (เ–ีย, เ–ือ, –ัว, –าย, ...).
//! 4. Consonants without a vowel sign take the implicit vowel: a run of such consonants
//!    is read in pairs "CoC" from its end, with an odd one out read "Ca" (ยมก → ya-mok,
//!    นพพร → nop-phon, ทีปกร → thi-pa-kon).
//! 5. Final consonants take their final value (k, t, p, n, m, ng).
//!
//! Words that need a dictionary (silent final ร in สามารถ, Sanskrit loans such as
//! ภาพยนตร์) come out close but not exact; name matching tolerates that through
//! [`crate::name::name_key`].

/// Romanises one Thai word (no spaces inside).
pub(super) fn word(word: &str) -> String {
    let chars = normalize(word);
    let mut out = String::with_capacity(chars.len() * 2);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if is_lead_vowel(c) {
            i = lead_syllable(&chars, i, &mut out);
        } else if c == 'ฤ' || c == 'ฦ' {
            out.push_str(if c == 'ฤ' { "rue" } else { "lue" });
            i += 1;
            if chars.get(i) == Some(&'ๅ') {
                i += 1;
            }
        } else if is_consonant(c) {
            i = consonant_syllable(&chars, i, &mut out);
        } else {
            if let Some(d) = thai_digit(c) {
                out.push(d);
            } else if !is_thai_mark(c) {
                out.push(c);
            }
            i += 1;
        }
    }
    out
}

fn is_consonant(c: char) -> bool {
    ('\u{0E01}'..='\u{0E2E}').contains(&c) && c != 'ฤ' && c != 'ฦ'
}

fn is_lead_vowel(c: char) -> bool {
    matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ')
}

/// Vowel signs written after, above or below a consonant.
fn is_vowel_sign(c: char) -> bool {
    matches!(c, 'ะ' | 'ั' | 'า' | 'ำ' | 'ิ' | 'ี' | 'ึ' | 'ื' | 'ุ' | 'ู' | '็')
}

fn is_thai_mark(c: char) -> bool {
    ('\u{0E30}'..='\u{0E4F}').contains(&c)
}

fn thai_digit(c: char) -> Option<char> {
    let d = u32::from(c).checked_sub(0x0E50)?;
    if d < 10 {
        char::from_digit(d, 10)
    } else {
        None
    }
}

/// Drops tone marks and other signs, and the silent letters of thanthakhat.
fn normalize(word: &str) -> Vec<char> {
    let mut chars: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{0E48}'..='\u{0E4B}' | 'ๆ' | 'ฯ' | '\u{0E4D}' | '\u{0E4E}' => {}
            '์' => {
                // Silent: the marked consonant, a vowel written on it, and the whole
                // cluster in the fixed patterns of the RTGS rules.
                let n = chars.len();
                let last_two: String = chars.iter().skip(n.saturating_sub(2)).collect();
                if ["ทร", "ตร", "จน", "มณ", "ณฑ"].contains(&last_two.as_str()) && n > 2
                {
                    chars.truncate(n - 2);
                } else if chars.last().is_some_and(|&v| matches!(v, 'ิ' | 'ุ')) {
                    chars.truncate(n.saturating_sub(2));
                } else {
                    chars.truncate(n.saturating_sub(1));
                }
            }
            _ => chars.push(c),
        }
    }
    chars
}

fn initial_value(c: char) -> &'static str {
    match c {
        'ก' => "k",
        'ข' | 'ฃ' | 'ค' | 'ฅ' | 'ฆ' => "kh",
        'ง' => "ng",
        'จ' | 'ฉ' | 'ช' | 'ฌ' => "ch",
        'ซ' | 'ศ' | 'ษ' | 'ส' => "s",
        'ญ' | 'ย' => "y",
        'ฎ' | 'ด' => "d",
        'ฏ' | 'ต' => "t",
        'ฐ' | 'ฑ' | 'ฒ' | 'ถ' | 'ท' | 'ธ' => "th",
        'ณ' | 'น' => "n",
        'บ' => "b",
        'ป' => "p",
        'ผ' | 'พ' | 'ภ' => "ph",
        'ฝ' | 'ฟ' => "f",
        'ม' => "m",
        'ร' => "r",
        'ล' | 'ฬ' => "l",
        'ว' => "w",
        'ห' | 'ฮ' => "h",
        _ => "",
    }
}

fn final_value(c: char) -> &'static str {
    match c {
        'ก' | 'ข' | 'ฃ' | 'ค' | 'ฅ' | 'ฆ' => "k",
        'ง' => "ng",
        'จ' | 'ฉ' | 'ช' | 'ซ' | 'ฌ' | 'ศ' | 'ษ' | 'ส' | 'ฎ' | 'ฏ' | 'ด' | 'ต' | 'ฐ' | 'ฑ' | 'ฒ'
        | 'ถ' | 'ท' | 'ธ' => "t",
        'ญ' | 'ณ' | 'น' | 'ร' | 'ล' | 'ฬ' => "n",
        'บ' | 'ป' | 'ผ' | 'ฝ' | 'พ' | 'ฟ' | 'ภ' => "p",
        'ม' => "m",
        'ย' => "i",
        'ว' => "o",
        _ => "",
    }
}

/// Whether the consonant at `k` carries no vowel of its own (so it can close a
/// syllable or take the implicit vowel).
fn is_bare(chars: &[char], k: usize) -> bool {
    let Some(&c) = chars.get(k) else {
        return false;
    };
    if !is_consonant(c) {
        return false;
    }
    match chars.get(k + 1) {
        None => true,
        Some(&next) => {
            if is_vowel_sign(next) {
                return false;
            }
            // อ after a consonant is a vowel (o) when a consonant or the end follows it.
            if next == 'อ' && chars.get(k + 2).is_none_or(|&c| is_consonant(c)) && c != 'อ' {
                return false;
            }
            true
        }
    }
}

/// Length of the run of bare consonants starting at `k`.
fn bare_run(chars: &[char], k: usize) -> usize {
    let mut n = 0;
    while is_bare(chars, k + n) {
        n += 1;
    }
    n
}

/// Reads the onset at `i`; returns its Latin value and the index after it.
fn onset(chars: &[char], i: usize, after_lead: bool) -> (String, usize) {
    let c = chars.get(i).copied().unwrap_or(' ');
    let next = chars.get(i + 1).copied();
    let sonorant = |x: char| matches!(x, 'ง' | 'ญ' | 'น' | 'ม' | 'ย' | 'ร' | 'ล' | 'ว');
    if let Some(n) = next {
        // Silent leading ห before a sonorant, and อ before ย.
        if (c == 'ห' && sonorant(n) || c == 'อ' && n == 'ย')
            && (after_lead
                || chars
                    .get(i + 2)
                    .is_some_and(|&v| is_vowel_sign(v) || is_consonant(v)))
        {
            return (initial_value(n).to_owned(), i + 2);
        }
        if matches!(n, 'ร' | 'ล' | 'ว') {
            let after = chars.get(i + 2).copied();
            let vowel_follows = after.is_some_and(|v| {
                is_vowel_sign(v) || v == 'อ' && chars.get(i + 3).is_none_or(|&w| is_consonant(w))
            });
            let closed_by_last = after.is_some_and(is_consonant)
                && chars.get(i + 3).is_none()
                && n != 'ว'
                && after != Some('ร');
            if after_lead || vowel_follows || closed_by_last {
                let cluster = match (c, n) {
                    ('ท', 'ร') => Some("s".to_owned()),
                    ('จ' | 'ซ' | 'ศ' | 'ส', 'ร') => Some(initial_value(c).to_owned()),
                    ('ก' | 'ข' | 'ค' | 'ต' | 'ป' | 'พ' | 'บ' | 'ด' | 'ฟ', 'ร')
                    | ('ก' | 'ข' | 'ค' | 'ป' | 'ผ' | 'พ' | 'บ' | 'ฟ', 'ล') => {
                        Some(format!("{}{}", initial_value(c), initial_value(n)))
                    }
                    ('ก' | 'ข' | 'ค', 'ว') if after_lead || vowel_follows => {
                        Some(format!("{}w", initial_value(c)))
                    }
                    _ => None,
                };
                if let Some(cluster) = cluster {
                    return (cluster, i + 2);
                }
            }
        }
    }
    (initial_value(c).to_owned(), i + 1)
}

/// After a written vowel that may take a final: closes the syllable with the next bare
/// consonant when it belongs here (see step 4 of the module documentation).
fn close(chars: &[char], j: usize, out: &mut String) -> usize {
    let run = bare_run(chars, j);
    if run == 0 {
        return j;
    }
    let at_end = j + run == chars.len();
    if at_end && run >= 2 {
        // Leave the run to the implicit-vowel reading (ธนา|กร, ที|ปกร).
        return j;
    }
    if run == 1 && onset(chars, j, false).1 == j + 2 {
        // A cluster onset of the next syllable (สวัสดี|ครับ), not a final.
        return j;
    }
    if let Some(&c) = chars.get(j) {
        out.push_str(final_value(c));
    }
    j + 1
}

/// A syllable that starts with a consonant at `i`.
fn consonant_syllable(chars: &[char], i: usize, out: &mut String) -> usize {
    let (first, j) = onset(chars, i, false);
    out.push_str(&first);
    let at = |k: usize| chars.get(k).copied();
    match at(j) {
        Some('ะ') => {
            out.push('a');
            j + 1
        }
        Some('ั') => match at(j + 1) {
            Some('ว') => {
                out.push_str("ua");
                if at(j + 2) == Some('ะ') {
                    j + 3
                } else {
                    close(chars, j + 2, out)
                }
            }
            Some('ย') if !is_vowel_sign_at(chars, j + 2) => {
                out.push_str("ai");
                j + 2
            }
            _ => {
                out.push('a');
                // –ั always has a final.
                match at(j + 1) {
                    Some(c) if is_consonant(c) => {
                        out.push_str(final_value(c));
                        j + 2
                    }
                    _ => j + 1,
                }
            }
        },
        Some('า') => match at(j + 1) {
            Some('ย') if !is_vowel_sign_at(chars, j + 2) => {
                out.push_str("ai");
                j + 2
            }
            Some('ว') if !is_vowel_sign_at(chars, j + 2) => {
                out.push_str("ao");
                j + 2
            }
            _ => {
                out.push('a');
                close(chars, j + 1, out)
            }
        },
        Some('ำ') => {
            out.push_str("am");
            j + 1
        }
        Some('ิ') if at(j + 1) == Some('ว') && !is_vowel_sign_at(chars, j + 2) => {
            out.push_str("io");
            j + 2
        }
        Some('ิ' | 'ี') => {
            out.push('i');
            close(chars, j + 1, out)
        }
        Some('ึ') => {
            out.push_str("ue");
            close(chars, j + 1, out)
        }
        Some('ื') => {
            out.push_str("ue");
            let k = if at(j + 1) == Some('อ') {
                j + 2
            } else {
                j + 1
            };
            close(chars, k, out)
        }
        Some('ุ') if at(j + 1) == Some('ย') && !is_vowel_sign_at(chars, j + 2) => {
            out.push_str("ui");
            j + 2
        }
        Some('ุ' | 'ู') => {
            out.push('u');
            close(chars, j + 1, out)
        }
        Some('อ') if j > i && at(j + 1).is_none_or(is_consonant) => {
            if at(j + 1) == Some('ย') && !is_vowel_sign_at(chars, j + 2) {
                out.push_str("oi");
                return j + 2;
            }
            out.push('o');
            close(chars, j + 1, out)
        }
        Some('ร') if at(j + 1) == Some('ร') => {
            // รร: "a" + final when a final follows, "an" otherwise.
            if is_bare(chars, j + 2) {
                out.push('a');
                out.push_str(at(j + 2).map_or("", final_value));
                j + 3
            } else {
                out.push_str("an");
                j + 2
            }
        }
        Some('ว') if j > i && is_consonant_at(chars, j + 1) && is_bare(chars, j + 1) => {
            // –ว– : consonant + ว + final reads "ua".
            out.push_str("ua");
            out.push_str(at(j + 1).map_or("", final_value));
            j + 2
        }
        _ => implicit(chars, j, out),
    }
}

fn is_vowel_sign_at(chars: &[char], k: usize) -> bool {
    chars.get(k).is_some_and(|&c| is_vowel_sign(c))
}

fn is_consonant_at(chars: &[char], k: usize) -> bool {
    chars.get(k).is_some_and(|&c| is_consonant(c))
}

/// The onset just written has no vowel sign: "o" + final, or an open "a".
fn implicit(chars: &[char], j: usize, out: &mut String) -> usize {
    let run = bare_run(chars, j);
    let at_end = j + run == chars.len();
    let closed = if at_end {
        run % 2 == 1
    } else {
        run % 2 == 1 && run > 0
    };
    if closed {
        out.push('o');
        out.push_str(chars.get(j).map_or("", |&c| final_value(c)));
        j + 1
    } else {
        out.push('a');
        j
    }
}

/// A syllable written with a leading vowel at `i`.
fn lead_syllable(chars: &[char], i: usize, out: &mut String) -> usize {
    let lead = chars.get(i).copied().unwrap_or(' ');
    if !is_consonant_at(chars, i + 1) {
        return i + 1;
    }
    let (first, j) = onset(chars, i + 1, true);
    out.push_str(&first);
    let at = |k: usize| chars.get(k).copied();
    match lead {
        'ใ' | 'ไ' => {
            out.push_str("ai");
            if at(j) == Some('ย') && !is_vowel_sign_at(chars, j + 1) {
                j + 1
            } else {
                j
            }
        }
        'แ' => match at(j) {
            Some('ะ') => {
                out.push_str("ae");
                j + 1
            }
            Some('็') => {
                out.push_str("ae");
                close(chars, j + 1, out)
            }
            _ => {
                out.push_str("ae");
                close(chars, j, out)
            }
        },
        'โ' => match at(j) {
            Some('ะ') => {
                out.push('o');
                j + 1
            }
            _ => {
                out.push('o');
                close(chars, j, out)
            }
        },
        _ => match (at(j), at(j + 1)) {
            (Some('ี'), Some('ย')) => {
                let mut k = j + 2;
                if at(k) == Some('ะ') {
                    out.push_str("ia");
                    return k + 1;
                }
                if at(k) == Some('ว') && !is_vowel_sign_at(chars, k + 1) {
                    out.push_str("iao");
                    return k + 1;
                }
                out.push_str("ia");
                k = close(chars, k, out);
                k
            }
            (Some('ื'), Some('อ')) => {
                let k = j + 2;
                if at(k) == Some('ะ') {
                    out.push_str("uea");
                    return k + 1;
                }
                if at(k) == Some('ย') && !is_vowel_sign_at(chars, k + 1) {
                    out.push_str("ueai");
                    return k + 1;
                }
                out.push_str("uea");
                close(chars, k, out)
            }
            (Some('า'), Some('ะ')) => {
                out.push('o');
                j + 2
            }
            (Some('า'), _) => {
                out.push_str("ao");
                j + 1
            }
            (Some('อ'), Some('ะ')) => {
                out.push_str("oe");
                j + 2
            }
            (Some('อ'), _) => {
                out.push_str("oe");
                close(chars, j + 1, out)
            }
            (Some('ิ'), _) => {
                out.push_str("oe");
                close(chars, j + 1, out)
            }
            (Some('็'), _) => {
                out.push('e');
                close(chars, j + 1, out)
            }
            (Some('ะ'), _) => {
                out.push('e');
                j + 1
            }
            (Some('ย'), _) if !is_vowel_sign_at(chars, j + 1) => {
                out.push_str("oei");
                j + 1
            }
            _ => {
                out.push('e');
                close(chars, j, out)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::word;

    /// Pairs from PyThaiNLP's test suite that are correct RTGS
    /// (`romanization.md` §1.6, rows marked "yes").
    #[test]
    fn published_rtgs_pairs_romanise_as_expected() {
        for (thai, rtgs) in [
            ("หมอก", "mok"),
            ("หาย", "hai"),
            ("แมว", "maeo"),
            ("เดือน", "duean"),
            ("ดำ", "dam"),
            ("บัว", "bua"),
            ("กก", "kok"),
            ("พร", "phon"),
            ("กรรม", "kam"),
            ("กรม", "krom"),
            ("ฝ้าย", "fai"),
            ("นพพร", "nopphon"),
            ("ทีปกร", "thipakon"),
            ("ธรรม", "tham"),
            ("มหา", "maha"),
            ("หยาก", "yak"),
            ("อยาก", "yak"),
            ("ยมก", "yamok"),
            ("กลัว", "klua"),
            ("บ้านไร่", "banrai"),
            ("ชารินทร์", "charin"),
            ("กานต์", "kan"),
            ("ณรงค์", "narong"),
            ("สกุนต์", "sakun"),
            ("สุนัข", "sunak"),
            ("ความ", "khwam"),
            ("อิ่ม", "im"),
            ("รส", "rot"),
            ("ดี", "di"),
        ] {
            assert_eq!(word(thai), rtgs, "{thai}");
        }
    }

    #[test]
    fn rows_the_reference_marks_wrong_in_pythainlp_come_out_as_rtgs_here() {
        assert_eq!(word("ฤดู"), "ruedu");
        assert_eq!(word("ศรี"), "si");
        assert_eq!(word("สวัสดี"), "sawatdi");
    }

    #[test]
    fn vowel_patterns_of_the_1999_system_are_read() {
        assert_eq!(word("เมือง"), "mueang");
        assert_eq!(word("เรียน"), "rian");
        assert_eq!(word("เดิน"), "doen");
        assert_eq!(word("เขียว"), "khiao");
        assert_eq!(word("ใหม่"), "mai");
        assert_eq!(word("โต๊ะ"), "to");
        assert_eq!(word("สวน"), "suan");
        assert_eq!(word("ทราย"), "sai");
        assert_eq!(word("สวัสดีครับ"), "sawatdikhrap");
    }

    #[test]
    fn common_personal_names_romanise_by_rtgs() {
        assert_eq!(word("ธนากร"), "thanakon");
        assert_eq!(word("ศรีสุข"), "sisuk");
        assert_eq!(word("สมชาย"), "somchai");
        assert_eq!(word("สมศักดิ์"), "somsak");
        assert_eq!(word("เชียงใหม่"), "chiangmai");
    }
}
