//! Fills a node's database with many cases, for the footprint benchmark
//! (`bench/footprint/run.sh`, results in `docs/footprint.md`).
//!
//! ```text
//! cargo run --release -p spean --example seed_cases -- DATABASE_URL COUNT [AGENCY_CODE]
//! ```
//!
//! `DATABASE_URL` is `sqlite://DIR/spean.sqlite3` or `postgres://...`; the agency
//! (default `DSI`) must already exist (`spean agency add`). The cases get mixed
//! Thai and English titles, every exploitation type and stage, and creation times
//! spread over the last two years, so that the case list sorts, filters and pages
//! over realistic data. References come from the agency's own counter, so cases
//! created afterwards through the server do not collide with them.
//!
//! The generator is deterministic (a fixed-seed xorshift), so two runs with the
//! same count load the same titles.

use anyhow::{Context, bail};
use chrono::Datelike;
use spean_core::case::{Case, CaseInput};
use spean_core::id::CaseId;
use spean_store::{Store, agencies, cases, now_millis};

/// Cases per transaction: large enough to amortise the commit, small enough to
/// keep SQLite's write lock short.
const BATCH: usize = 5_000;

/// Two years, in milliseconds.
const SPREAD_MS: u64 = 2 * 365 * 24 * 60 * 60 * 1000;

const EXPLOITATION_TYPES: &[&str] = &[
    "ForcedCriminality",
    "ForcedCriminality",
    "ForcedLabour",
    "ForcedLabour",
    "SexualExploitation",
    "ChildLabour",
    "ForcedMarriage",
    "Servitude",
    "ForcedBegging",
    "OrganRemoval",
    "ForcedAdoption",
    "Surrogacy",
    "Other",
];

const STAGES: &[&str] = &[
    "intake",
    "intake",
    "investigation",
    "investigation",
    "investigation",
    "prosecution",
    "trial",
    "closed",
    "closed",
];

const WHAT: &[&str] = &[
    "งานแอดมินออนไลน์",
    "แก๊งคอลเซ็นเตอร์",
    "Online scam compound",
    "Fishing vessel crew",
    "ประมงนอกน่านน้ำ",
    "Karaoke bar recruitment",
    "คนงานก่อสร้าง",
    "Domestic worker",
    "แรงงานสวนยาง",
    "Crypto romance scam",
    "Job offer on Facebook",
    "นายหน้าจัดหางานเถื่อน",
    "Bride brokering",
    "ขอทานเด็ก",
    "Garment factory",
];

const WHERE: &[&str] = &[
    "สีหนุวิลล์",
    "Sihanoukville",
    "เมียวดี",
    "Myawaddy",
    "KK Park",
    "Bavet",
    "ปอยเปต",
    "Poipet",
    "Golden Triangle SEZ",
    "แม่สอด",
    "Mae Sot",
    "Samut Sakhon",
    "สมุทรสาคร",
    "Phnom Penh",
    "Vientiane",
];

const WHO: &[&str] = &[
    "ผู้เสียหาย 3 ราย",
    "12 victims",
    "Thai nationals",
    "คนไทย 5 คน",
    "Cambodian workers",
    "Lao women",
    "ผู้เยาว์",
    "minors",
    "Myanmar migrants",
    "one reporter",
];

/// A small deterministic generator (xorshift64*): the seeder needs variety, not
/// cryptographic quality, and adds no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
        let index = usize::try_from(self.below(len)).unwrap_or_default();
        items.get(index).copied().unwrap_or_default()
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, count, code) = match args.as_slice() {
        [url, count] => (url.as_str(), count.as_str(), "DSI"),
        [url, count, code] => (url.as_str(), count.as_str(), code.as_str()),
        _ => bail!("usage: seed_cases DATABASE_URL COUNT [AGENCY_CODE]"),
    };
    let count: usize = count.parse().context("COUNT must be a whole number")?;

    let store = Store::connect(url).await.context("opening the database")?;
    store.migrate().await.context("migrating the database")?;
    let agency = {
        let mut conn = store.read().await?;
        agencies::find_agency_by_code(&mut conn, code)
            .await?
            .with_context(|| format!("no agency {code}: run `spean agency add {code}` first"))?
    };

    let mut rng = Rng(0x5EA4_2026_0000_0001);
    let now = u64::try_from(now_millis()).context("clock before 1970")?;
    let started = std::time::Instant::now();
    let mut done = 0;
    while done < count {
        let batch = BATCH.min(count - done);
        let mut tx = store.begin().await?;
        for _ in 0..batch {
            let created_at = i64::try_from(now - rng.below(SPREAD_MS))?;
            let year = chrono::DateTime::from_timestamp_millis(created_at)
                .context("creation time out of range")?
                .year();
            let title = format!(
                "{} — {} ({})",
                rng.pick(WHAT),
                rng.pick(WHERE),
                rng.pick(WHO)
            );
            let summary = (rng.below(3) == 0).then(|| {
                format!(
                    "Reported through the hotline; {} recruited via {}.",
                    rng.pick(WHO),
                    rng.pick(&["Facebook", "Telegram", "LINE", "TikTok", "a relative"])
                )
            });
            let details = CaseInput {
                title: &title,
                exploitation_type: rng.pick(EXPLOITATION_TYPES),
                stage: Some(rng.pick(STAGES)),
                summary: summary.as_deref(),
            }
            .validate()
            .map_err(|errors| anyhow::anyhow!("generated case is invalid: {errors:?}"))?;
            let number = agencies::next_case_number(&mut tx, agency.id).await?;
            let case = Case {
                id: CaseId::new(),
                reference: format!("{}-{year}-{number:06}", agency.code),
                owning_agency: agency.id,
                details,
                shared_with: Vec::new(),
            };
            cases::insert_case_at(&mut tx, &case, created_at).await?;
        }
        tx.commit().await?;
        done += batch;
        eprintln!("{done}/{count} cases");
    }
    store.close().await;
    eprintln!(
        "seeded {count} cases for {code} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
