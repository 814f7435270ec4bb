//! `spean demo`: one Thai node on loopback with synthetic demo data, for a first look.
//!
//! The data folder is seeded on first start only; started again on the same folder,
//! the demo reuses what is there (including anything changed since).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use spean_core::agency::{Agency, Country};
use spean_core::case::{Case, CaseInput, CaseRole};
use spean_core::id::{AgencyId, CaseId, PersonId};
use spean_core::person::{Identifier, IdentifierKind, PersonInput};
use spean_core::role::{Membership, Role};
use spean_core::user::Username;
use spean_store::audit::{self, AuditActor, AuditEvent};
use spean_store::users::{self, NewUser};
use spean_store::{Store, Tx, agencies, cases, persons};

use crate::settings::{self, NodeFlags};

/// The password of every demo account (demo data only).
const DEMO_PASSWORD: &str = "spean-demo-2026";

/// Arguments of `spean demo`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Data folder (default `spean-data` in the current directory).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Port on 127.0.0.1 (default: any free port).
    #[arg(long, value_name = "PORT")]
    port: Option<u16>,
}

/// The demo accounts: username, display name, agency code, role.
const ACCOUNTS: [(&str, &str, &str, Role); 9] = [
    (
        "intake",
        "สมศรี ใจดี (Intake, DSI)",
        "DSI",
        Role::IntakeOfficer,
    ),
    (
        "investigator",
        "ธนพล รักษ์ไทย (Investigator, DSI)",
        "DSI",
        Role::Investigator,
    ),
    (
        "prosecutor",
        "วรรณา ยุติธรรม (Prosecutor, DSI)",
        "DSI",
        Role::Prosecutor,
    ),
    (
        "liaison",
        "ปกรณ์ สะพานไทย (Liaison, DSI)",
        "DSI",
        Role::LiaisonOfficer,
    ),
    ("analyst", "Analyst (DSI)", "DSI", Role::Analyst),
    (
        "police",
        "ร.ต.อ. ชาญชัย (AHTD)",
        "RTP-AHTD",
        Role::Investigator,
    ),
    (
        "socialworker",
        "มาลี ช่วยเหลือ (MSDHS)",
        "MSDHS",
        Role::SocialWorker,
    ),
    ("auditor", "Auditor (DSI)", "DSI", Role::Auditor),
    ("admin", "Administrator", "DSI", Role::Administrator),
];

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    settings::init_logging();
    let flags = NodeFlags {
        data_dir: Some(args.data_dir.unwrap_or_else(|| PathBuf::from("spean-data"))),
        ..NodeFlags::default()
    };
    let mut config = settings::load(&flags)?;
    config.listen = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port.unwrap_or(0)));
    config.node_name = "Spean · Thailand (demo)".to_owned();
    settings::runtime()?.block_on(async move {
        let store = settings::open_store(&config).await?;
        let seeded = seed_if_empty(&store)
            .await
            .context("adding the demo data")?;
        let mut banner = String::from(if seeded {
            "Demo data added. "
        } else {
            "Reusing the demo data in this folder. "
        });
        banner.push_str(&format!(
            "Demo logins (password for all: {DEMO_PASSWORD}):\n"
        ));
        for (username, name, agency, role) in ACCOUNTS {
            banner.push_str(&format!(
                "  {username:<13} {:<16} {agency:<9} {name}\n",
                role.code()
            ));
        }
        banner.push_str(
            "  (admin sets up a TOTP second factor at first sign-in.) Press Ctrl-C to stop.",
        );
        super::serve::run_with_store(config, store, Some(banner)).await
    })?;
    Ok(ExitCode::SUCCESS)
}

fn person(
    full_name: &str,
    latin: &str,
    gender: &str,
    birth: &str,
    nationality: &str,
    notes: &str,
) -> spean_core::person::PersonDetails {
    PersonInput {
        full_name,
        latin_name: Some(latin),
        gender: Some(gender),
        birth_date: Some(birth),
        nationality: Some(nationality),
        notes: Some(notes),
    }
    .validate(chrono::Utc::now().date_naive())
    .expect("demo persons are valid")
}

async fn add_case(
    tx: &mut Tx,
    agency: &Agency,
    number: usize,
    title: &str,
    kind: &str,
    stage: &str,
    summary: &str,
) -> anyhow::Result<CaseId> {
    let details = CaseInput {
        title,
        exploitation_type: kind,
        stage: Some(stage),
        summary: Some(summary),
    }
    .validate()
    .map_err(|e| anyhow::anyhow!("demo case invalid: {e:?}"))?;
    agencies::next_case_number(tx, agency.id).await?;
    let case = Case {
        id: CaseId::new(),
        reference: format!("{}-2026-{number:06}", agency.code),
        owning_agency: agency.id,
        details,
        shared_with: Vec::new(),
    };
    cases::insert_case(tx, &case).await?;
    Ok(case.id)
}

/// Adds the demo agencies, accounts, persons and cases to an empty node.
async fn seed_if_empty(store: &Store) -> anyhow::Result<bool> {
    let mut conn = store.read().await?;
    let existing = users::count_users(&mut conn).await?;
    drop(conn);
    if existing > 0 {
        return Ok(false);
    }
    let hash = spean_server::auth::hash_password(DEMO_PASSWORD)?;
    let mut tx = store.begin().await?;
    let agency = |code: &str, name: &str| Agency {
        id: AgencyId::new(),
        code: code.to_owned(),
        name: name.to_owned(),
        country: Country::Thailand,
    };
    let dsi = agency("DSI", "Department of Special Investigation (DSI)");
    let ahtd = agency(
        "RTP-AHTD",
        "Royal Thai Police, Anti-Human Trafficking Division",
    );
    let msdhs = agency("MSDHS", "Ministry of Social Development and Human Security");
    for a in [&dsi, &ahtd, &msdhs] {
        agencies::insert_agency(&mut tx, a).await?;
    }
    let by_code = |code: &str| {
        [&dsi, &ahtd, &msdhs]
            .into_iter()
            .find(|a| a.code == code)
            .map(|a| a.id)
    };
    for (username, display_name, code, role) in ACCOUNTS {
        let agency = by_code(code).context("demo agency")?;
        let mut memberships = vec![Membership { agency, role }];
        if role == Role::Administrator {
            memberships.extend([ahtd.id, msdhs.id].map(|agency| Membership { agency, role }));
        }
        let user = NewUser {
            username: Username::parse(username).map_err(|_| anyhow::anyhow!("demo username"))?,
            display_name: display_name.to_owned(),
            password_hash: hash.clone(),
            memberships,
        };
        users::insert_user(&mut tx, &user).await?;
    }

    let compound = add_case(&mut tx, &dsi, 1, "งาน \"แอดมิน\" ที่สีหนุวิลล์ — ลูกชายถูกกักตัว", "ForcedCriminality", "investigation",
        "แม่แจ้งว่าลูกชายสมัครงานแอดมินจากโฆษณาออนไลน์ เงินเดือน 35,000 บาท ตั๋วเครื่องบินฟรี ปัจจุบันถูกกักตัวในตึกแห่งหนึ่งที่สีหนุวิลล์ ติดต่อผู้จัดหางานทาง Telegram").await?;
    add_case(&mut tx, &dsi, 2, "Typing jobs in Poipet advertised on Facebook", "ForcedCriminality", "intake",
        "Three tips name the same recruiter phone; victims were driven to the Poipet border crossing and handed to men with a van.").await?;
    add_case(
        &mut tx,
        &dsi,
        3,
        "แรงงานประมง ถูกยึดหนังสือเดินทาง",
        "ForcedLabour",
        "prosecution",
        "ลูกเรือประมงชาวกัมพูชา 12 คน ถูกยึดหนังสือเดินทางและไม่ได้รับค่าจ้าง 8 เดือน",
    )
    .await?;
    add_case(
        &mut tx,
        &dsi,
        4,
        "Karaoke bar in Chiang Rai",
        "SexualExploitation",
        "trial",
        "Two minors recruited through a dating app; the bar owner is charged.",
    )
    .await?;
    add_case(
        &mut tx,
        &dsi,
        5,
        "Game tester job, Golden Triangle SEZ",
        "ForcedCriminality",
        "closed",
        "Victim returned through Chiang Saen; case closed after referral to MSDHS.",
    )
    .await?;
    let police_case = add_case(
        &mut tx,
        &ahtd,
        1,
        "เครือข่ายจัดหางานผ่าน Line ไปเมียวดี",
        "ForcedCriminality",
        "investigation",
        "ผู้เสียหาย 4 ราย ถูกพาข้ามแม่น้ำเมยไปยังเมียวดี (KK Park)",
    )
    .await?;
    cases::share_case(&mut tx, police_case, dsi.id).await?;
    let shelter_case = add_case(
        &mut tx,
        &msdhs,
        1,
        "การคุ้มครองผู้เสียหายที่กลับจากปอยเปต",
        "ForcedCriminality",
        "intake",
        "ผู้เสียหายได้รับการส่งต่อเข้าบ้านพักเด็กและครอบครัว",
    )
    .await?;

    let son = PersonId::new();
    persons::insert_person(
        &mut tx,
        son,
        dsi.id,
        &person(
            "ธนากร ศรีสุข",
            "Thanakorn Srisuk",
            "Masculine",
            "2001-05",
            "TH",
            "อยู่ในตึกที่สีหนุวิลล์ ติดต่อได้เป็นครั้งคราว",
        ),
    )
    .await?;
    let mother = PersonId::new();
    persons::insert_person(
        &mut tx,
        mother,
        dsi.id,
        &person(
            "บุญเรือน ศรีสุข",
            "Boonruen Srisuk",
            "Feminine",
            "1975",
            "TH",
            "ผู้แจ้ง",
        ),
    )
    .await?;
    let recruiter = PersonId::new();
    persons::insert_person(
        &mut tx,
        recruiter,
        dsi.id,
        &person(
            "\"พี่เอ็ม\"",
            "",
            "Masculine",
            "1990",
            "TH",
            "Recruiter; uses several Telegram accounts",
        ),
    )
    .await?;
    persons::add_identifier(
        &mut tx,
        recruiter,
        &Identifier {
            kind: IdentifierKind::Phone,
            value: "+66812345678".into(),
        },
    )
    .await?;
    persons::add_identifier(
        &mut tx,
        recruiter,
        &Identifier {
            kind: IdentifierKind::MessagingId,
            value: "telegram:@job_admin_kh".into(),
        },
    )
    .await?;
    cases::add_case_person(&mut tx, compound, son, CaseRole::Victim).await?;
    cases::add_case_person(&mut tx, compound, mother, CaseRole::Reporter).await?;
    cases::add_case_person(&mut tx, compound, recruiter, CaseRole::Suspect).await?;
    let returnee = PersonId::new();
    persons::insert_person(
        &mut tx,
        returnee,
        msdhs.id,
        &person(
            "สุดา แก้วมณี",
            "Suda Kaewmanee",
            "Feminine",
            "2004-11-02",
            "TH",
            "",
        ),
    )
    .await?;
    cases::add_case_person(&mut tx, shelter_case, returnee, CaseRole::Victim).await?;
    let khmer = PersonId::new();
    persons::insert_person(
        &mut tx,
        khmer,
        dsi.id,
        &person(
            "សុខ ដារ៉ា",
            "Sok Dara",
            "Masculine",
            "1998",
            "KH",
            "Crew member, fishing case",
        ),
    )
    .await?;

    let event = AuditEvent {
        action: "demo.seed",
        entity_type: None,
        entity_id: None,
        detail: String::new(),
    };
    audit::append(&mut tx, &AuditActor::system(), event).await?;
    tx.commit().await?;
    Ok(true)
}
