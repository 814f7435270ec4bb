//! Near-duplicate ads: MinHash signatures over character shingles, banded LSH, and
//! the identifiers that members of a group share.
//!
//! Recruiter networks post one ad many times with a different phone, salary or
//! spacing. A signature is taken over the normalised text with digits, spaces and
//! punctuation removed, cut into overlapping 5-character shingles (characters rather
//! than words because Thai, Khmer and Chinese are written without spaces), so those
//! edits barely move it. 64 MinHash values estimate the Jaccard similarity of two
//! shingle sets; locality-sensitive hashing in 16 bands of 4 keeps the comparison
//! near-linear: an ad is compared only with the groups it shares a band with.
//!
//! Groups are formed around a leader, in input order: an ad joins the group whose
//! leader (its first member) it is most similar to, at or above the threshold, or
//! leads a new group. Joining any member instead (single linkage) chains ads that
//! each resemble the next into one group whose ends have little in common: ads
//! built from the same stock phrases would all end up in one "network". Around a
//! leader, every member is a near-copy of one ad.

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

/// Groups of near-duplicate texts (indices into `signatures`), each of two or more
/// members in input order, ordered by their first member, the group's leader.
/// `threshold` is the estimated Jaccard similarity to the leader from which a text
/// joins its group (0.6 is a good start).
pub fn clusters(signatures: &[Signature], threshold: f64) -> Vec<Vec<usize>> {
    // For each band value seen, the leaders of the groups whose members have it.
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    let mut leader_of: Vec<usize> = Vec::with_capacity(signatures.len());
    for (i, sig) in signatures.iter().enumerate() {
        let keys: Vec<(usize, u64)> = sig
            .0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| (band, rows.iter().fold(band as u64, |h, v| splitmix(h ^ v))))
            .collect();
        // The most similar leader; the earlier one where two are as similar.
        let mut best: Option<(f64, usize)> = None;
        for leader in keys.iter().filter_map(|key| buckets.get(key)).flatten() {
            let Some(similarity) = signatures.get(*leader).map(|l| l.similarity(sig)) else {
                continue;
            };
            let better =
                best.is_none_or(|(s, l)| similarity > s || (similarity == s && *leader < l));
            if similarity >= threshold && better {
                best = Some((similarity, *leader));
            }
        }
        let leader = best.map_or(i, |(_, leader)| leader);
        leader_of.push(leader);
        for key in keys {
            let leaders = buckets.entry(key).or_default();
            if !leaders.contains(&leader) {
                leaders.push(leader);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, leader) in leader_of.into_iter().enumerate() {
        groups.entry(leader).or_default().push(i);
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

    /// A signature of 64 distinct values, one per position.
    const BASE: [u64; HASHES] = {
        let mut values = [0; HASHES];
        let mut i = 0;
        while i < HASHES {
            values[i] = i as u64;
            i += 1;
        }
        values
    };

    /// `from` with the values at `positions` replaced by ones no other signature has
    /// (`by` tells the replacements of one call from another's).
    fn changed(from: [u64; HASHES], positions: std::ops::Range<usize>, by: u64) -> [u64; HASHES] {
        let mut values = from;
        for value in values.get_mut(positions).unwrap_or_default() {
            *value += by;
        }
        values
    }

    #[test]
    fn a_group_holds_near_copies_of_its_leader_not_a_chain() {
        // b shares 40 of 64 values with a, c shares 40 with b but only 16 with a:
        // one link of a chain. c is no copy of a, so it does not join a's group.
        let a = BASE;
        let b = changed(a, 0..24, 1000);
        let c = changed(b, 24..48, 2000);
        let d = changed(a, 60..64, 3000);
        let sigs = [a, b, c, d].map(Signature);
        assert!(sigs[1].similarity(&sigs[2]) >= 0.6);
        assert!(sigs[0].similarity(&sigs[2]) < 0.6);
        assert_eq!(clusters(&sigs, 0.6), vec![vec![0, 1, 3]]);
    }

    #[test]
    fn an_ad_joins_the_leader_it_is_most_like() {
        // Two leaders that share 30 of 64 values; the last ad is like both, more
        // like the second (54 values) than the first (40).
        let a = BASE;
        let b = changed(a, 30..64, 5000);
        let a2 = changed(a, 62..64, 1000);
        let b2 = changed(b, 62..64, 1000);
        let mut last = b;
        last[30..40].copy_from_slice(&a[30..40]);
        let sigs = [a, a2, b, b2, last].map(Signature);
        assert!(sigs[4].similarity(&sigs[0]) >= 0.6);
        assert!(sigs[4].similarity(&sigs[2]) > sigs[4].similarity(&sigs[0]));
        assert_eq!(clusters(&sigs, 0.6), vec![vec![0, 1], vec![2, 3, 4]]);
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
