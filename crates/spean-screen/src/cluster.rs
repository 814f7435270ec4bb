//! Near-duplicate ads: MinHash signatures over character shingles, banded LSH, and
//! the identifiers that members of a group share.
//!
//! Recruiter networks post one ad many times with a different phone, salary or
//! spacing. A signature is taken over the normalised text with digits, spaces and
//! punctuation removed, cut into overlapping 5-character shingles (characters rather
//! than words because Thai, Khmer and Chinese are written without spaces), so those
//! edits barely move it. 64 MinHash values estimate the Jaccard similarity of two
//! shingle sets; locality-sensitive hashing in 16 bands of 4 keeps the comparison
//! near-linear: only ads sharing a band are compared, each with its bucket's first
//! member, and pairs at or above the threshold are joined (union–find).

use std::collections::{BTreeMap, HashMap};

use spean_text::normalize::normalize;

use crate::identifiers::{Identifier, IdentifierKind};

const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;

/// The MinHash signature of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature([u64; HASHES]);

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Signature {
    /// The signature of `text` (normalised here).
    pub fn of(text: &str) -> Signature {
        let letters: Vec<char> = normalize(text)
            .text()
            .chars()
            .filter(|c| {
                c.is_alphabetic() || (!c.is_ascii() && !c.is_whitespace() && !c.is_numeric())
            })
            .collect();
        let mut mins = [u64::MAX; HASHES];
        let mut add = |window: &[char]| {
            let mut h: u64 = 0xCBF2_9CE4_8422_2325;
            for c in window {
                h = (h ^ u64::from(u32::from(*c))).wrapping_mul(0x0100_0000_01B3);
            }
            for (i, m) in mins.iter_mut().enumerate() {
                let v = splitmix(h ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
                if v < *m {
                    *m = v;
                }
            }
        };
        if letters.len() < SHINGLE {
            add(&letters);
        } else {
            letters.windows(SHINGLE).for_each(&mut add);
        }
        Signature(mins)
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = grand;
        }
        x = grand;
    }
    x
}

/// Groups of near-duplicate texts (indices into `signatures`), each of two or more
/// members, ordered by their first member. `threshold` is the estimated Jaccard
/// similarity from which two texts are joined (0.6 is a good start).
pub fn clusters(signatures: &[Signature], threshold: f64) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..signatures.len()).collect();
    let mut buckets: HashMap<(usize, u64), usize> = HashMap::new();
    for (i, sig) in signatures.iter().enumerate() {
        for (band, rows) in sig.0.chunks(ROWS).enumerate() {
            let key = rows.iter().fold(band as u64, |h, v| splitmix(h ^ v));
            match buckets.get(&(band, key)) {
                Some(&first) => {
                    let similar = signatures
                        .get(first)
                        .is_some_and(|f| f.similarity(sig) >= threshold);
                    if similar {
                        let (a, b) = (find(&mut parent, first), find(&mut parent, i));
                        if a != b
                            && let Some(slot) = parent.get_mut(b.max(a))
                        {
                            *slot = a.min(b);
                        }
                    }
                }
                None => {
                    buckets.insert((band, key), i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..signatures.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// An identifier value found in several members of a group.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Shared {
    /// Kind of identifier.
    pub kind: IdentifierKind,
    /// Canonical value.
    pub value: String,
    /// How many members contain it.
    pub members: usize,
}

/// The identifiers (other than amounts and places) that two or more members share:
/// the phones, handles and links that tie copies of an ad to one network.
pub fn shared_identifiers(members: &[&[Identifier]]) -> Vec<Shared> {
    let mut counts: BTreeMap<(IdentifierKind, String), usize> = BTreeMap::new();
    for ids in members {
        let mut seen: Vec<(IdentifierKind, &str)> = Vec::new();
        for id in *ids {
            if matches!(id.kind, IdentifierKind::Amount | IdentifierKind::Place) {
                continue;
            }
            if seen.contains(&(id.kind, id.value.as_str())) {
                continue;
            }
            seen.push((id.kind, id.value.as_str()));
            *counts.entry((id.kind, id.value.clone())).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|((kind, value), members)| Shared {
            kind,
            value,
            members,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AD: &str = "รับสมัครแอดมินออนไลน์ ทำงานที่สีหนุวิลล์ เงินเดือน 45,000 บาท ไม่ต้องมีประสบการณ์ มีที่พักและอาหารให้ ติดต่อ 081-234-5678";

    #[test]
    fn copies_differing_in_phone_salary_and_spacing_are_grouped() {
        let copy = "รับสมัคร แอดมินออนไลน์  ทำงานที่สีหนุวิลล์ เงินเดือน 60,000 บาท ไม่ต้องมีประสบการณ์ มีที่พักและอาหารให้ ติดต่อ 095-111-2222";
        let other = "Licensed agency recruits factory workers for Japan via the Department of Employment, interview in Bangkok.";
        let sigs: Vec<Signature> = [AD, copy, other].iter().map(|t| Signature::of(t)).collect();
        assert_eq!(clusters(&sigs, 0.6), vec![vec![0, 1]]);
    }

    #[test]
    fn different_ads_are_not_grouped() {
        let sigs: Vec<Signature> = [
            AD,
            "招聘客服，月薪2万，包吃包住，地点西港，联系飞机",
            "Hiring barista in Chiang Mai, apply in person",
        ]
        .iter()
        .map(|t| Signature::of(t))
        .collect();
        assert!(clusters(&sigs, 0.6).is_empty());
    }

    #[test]
    fn shared_identifiers_are_those_in_two_or_more_members() {
        let screener = crate::Screener::default();
        let a = screener.screen(AD, None).expect("a");
        let b = screener
            .screen(&AD.replace("45,000", "50,000"), None)
            .expect("b");
        let c = screener
            .screen(&AD.replace("081-234-5678", "095-111-2222"), None)
            .expect("c");
        let shared = shared_identifiers(&[&a.identifiers, &b.identifiers, &c.identifiers]);
        assert_eq!(
            shared,
            vec![Shared {
                kind: IdentifierKind::Phone,
                value: "+66812345678".into(),
                members: 2
            }]
        );
    }
}
