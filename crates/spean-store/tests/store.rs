//! The store's behaviour, every test run on SQLite and on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first unexpected error"
)]

use spean_core::agency::{Agency, Country};
use spean_core::case::{Case, CaseInput, CaseRole, CaseStage};
use spean_core::id::{AgencyId, CaseId, PersonId};
use spean_core::person::{Identifier, IdentifierKind, PersonInput};
use spean_core::role::{Membership, Role};
use spean_core::user::Username;
use spean_store::audit::{self, AuditActor, AuditEvent, Problem, Verification};
use spean_store::cases::{CaseCursor, CaseFilter};
use spean_store::person_links::{self, LinkStatus};
use spean_store::testing::fresh_database;
use spean_store::{Backend, Store, agencies, cases, persons, sessions, users};

/// Declares one test per backend from one async body taking a `Store`.
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let db = fresh_database(Backend::Sqlite).await.unwrap();
                ($body)(db.store.clone()).await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(db) = fresh_database(Backend::Postgres).await else {
                    return;
                };
                ($body)(db.store.clone()).await;
            }
        }
    };
}

async fn agency(store: &Store, code: &str) -> AgencyId {
    let agency = Agency {
        id: AgencyId::new(),
        code: code.into(),
        name: code.into(),
        country: Country::Thailand,
    };
    let mut tx = store.begin().await.unwrap();
    agencies::insert_agency(&mut tx, &agency).await.unwrap();
    tx.commit().await.unwrap();
    agency.id
}

fn case_in(owner: AgencyId, reference: &str, title: &str) -> Case {
    let details = CaseInput {
        title,
        exploitation_type: "ForcedCriminality",
        ..Default::default()
    }
    .validate()
    .unwrap();
    Case {
        id: CaseId::new(),
        reference: reference.into(),
        owning_agency: owner,
        details,
        shared_with: vec![],
    }
}

async fn audit_some(store: &Store, n: usize) {
    for i in 0..n {
        let mut tx = store.begin().await.unwrap();
        let event = AuditEvent {
            action: "case.view",
            entity_type: Some("case"),
            entity_id: Some(i.to_string()),
            detail: "{}".into(),
        };
        audit::append(&mut tx, &AuditActor::system(), event)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
}

on_both_backends!(
    migrations_are_the_same_on_both_backends,
    |_store: Store| async move {
        let (sqlite, postgres) = spean_store::migration_names();
        assert_eq!(sqlite, postgres);
        assert!(!sqlite.is_empty());
    }
);

on_both_backends!(thai_text_round_trips_unchanged, |store: Store| async move {
    let dsi = agency(&store, "DSI").await;
    let case = case_in(dsi, "DSI-1", "งานแอดมินที่สีหนุวิลล์ ការងារ");
    let mut tx = store.begin().await.unwrap();
    cases::insert_case(&mut tx, &case).await.unwrap();
    tx.commit().await.unwrap();
    let found = cases::find_case(&mut store.read().await.unwrap(), case.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.details.title, "งานแอดมินที่สีหนุวิลล์ ការងារ");
});

on_both_backends!(
    case_list_shows_owned_and_shared_cases_only,
    |store: Store| async move {
        let dsi = agency(&store, "DSI").await;
        let msdhs = agency(&store, "MSDHS").await;
        let rtp = agency(&store, "RTP").await;
        let own = case_in(dsi, "DSI-1", "own");
        let mut shared = case_in(msdhs, "MSDHS-1", "shared");
        shared.shared_with = vec![dsi];
        let foreign = case_in(rtp, "RTP-1", "foreign");
        let mut tx = store.begin().await.unwrap();
        for case in [&own, &shared, &foreign] {
            cases::insert_case(&mut tx, case).await.unwrap();
        }
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        let listed = cases::list_cases(&mut conn, &[dsi], &CaseFilter::default(), 50)
            .await
            .unwrap();
        let mut titles: Vec<_> = listed.iter().map(|c| c.title.as_str()).collect();
        titles.sort();
        assert_eq!(titles, ["own", "shared"]);
        assert_eq!(
            cases::count_cases(&mut conn, &[dsi], None, 100)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            cases::count_cases(&mut conn, &[dsi], Some(CaseStage::Intake), 1)
                .await
                .unwrap(),
            1,
            "counting stops at the limit"
        );
        assert_eq!(
            cases::count_cases(&mut conn, &[dsi], Some(CaseStage::Closed), 100)
                .await
                .unwrap(),
            0
        );
        assert!(
            cases::list_cases(&mut conn, &[], &CaseFilter::default(), 50)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

on_both_backends!(
    keyset_pages_cover_every_case_once,
    |store: Store| async move {
        let dsi = agency(&store, "DSI").await;
        let mut tx = store.begin().await.unwrap();
        for i in 0..25 {
            // Equal timestamps in groups of five: the id breaks ties.
            cases::insert_case_at(
                &mut tx,
                &case_in(dsi, &format!("DSI-{i}"), &format!("case {i}")),
                1_000 + i / 5,
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        let mut seen = Vec::new();
        let mut filter = CaseFilter::default();
        loop {
            let page = cases::list_cases(&mut conn, &[dsi], &filter, 7)
                .await
                .unwrap();
            let Some(last) = page.last() else { break };
            filter.after = Some(CaseCursor {
                created_at: last.created_at,
                id: last.id,
            });
            seen.extend(page.into_iter().map(|c| c.reference));
        }
        assert_eq!(seen.len(), 25);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 25);
    }
);

on_both_backends!(
    case_list_filters_by_stage_and_text,
    |store: Store| async move {
        let dsi = agency(&store, "DSI").await;
        let mut closed = case_in(dsi, "DSI-2", "Poipet casino");
        closed.details.stage = CaseStage::Closed;
        let mut tx = store.begin().await.unwrap();
        cases::insert_case(&mut tx, &case_in(dsi, "DSI-1", "Sihanoukville compound"))
            .await
            .unwrap();
        cases::insert_case(&mut tx, &closed).await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        let filter = CaseFilter {
            text: Some("SIHANOUK".into()),
            ..Default::default()
        };
        let found = cases::list_cases(&mut conn, &[dsi], &filter, 50)
            .await
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].reference, "DSI-1");
        let filter = CaseFilter {
            stage: Some(CaseStage::Closed),
            ..Default::default()
        };
        let found = cases::list_cases(&mut conn, &[dsi], &filter, 50)
            .await
            .unwrap();
        assert_eq!(
            found
                .iter()
                .map(|c| c.reference.as_str())
                .collect::<Vec<_>>(),
            ["DSI-2"]
        );
    }
);

on_both_backends!(
    victims_are_hidden_from_lists_without_need_to_know,
    |store: Store| async move {
        let dsi = agency(&store, "DSI").await;
        let case = case_in(dsi, "DSI-1", "c");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let victim = PersonInput {
            full_name: "ธนากร ศรีสุข",
            ..Default::default()
        }
        .validate(today)
        .unwrap();
        let suspect = PersonInput {
            full_name: "Recruiter",
            ..Default::default()
        }
        .validate(today)
        .unwrap();
        let (victim_id, suspect_id) = (PersonId::new(), PersonId::new());
        let mut tx = store.begin().await.unwrap();
        cases::insert_case(&mut tx, &case).await.unwrap();
        persons::insert_person(&mut tx, victim_id, dsi, &victim)
            .await
            .unwrap();
        persons::insert_person(&mut tx, suspect_id, dsi, &suspect)
            .await
            .unwrap();
        cases::add_case_person(&mut tx, case.id, victim_id, CaseRole::Victim)
            .await
            .unwrap();
        cases::add_case_person(&mut tx, case.id, suspect_id, CaseRole::Suspect)
            .await
            .unwrap();
        let phone = Identifier {
            kind: IdentifierKind::Phone,
            value: "+66812345678".into(),
        };
        persons::add_identifier(&mut tx, suspect_id, &phone)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        let all = persons::list_persons(&mut conn, &[dsi], &[], None, 50)
            .await
            .unwrap();
        assert_eq!(all.len(), 2);
        let limited = persons::list_persons(&mut conn, &[], &[dsi], None, 50)
            .await
            .unwrap();
        assert_eq!(
            limited.iter().map(|p| p.id).collect::<Vec<_>>(),
            [suspect_id]
        );
        let (found, is_victim) = persons::find_person(&mut conn, victim_id)
            .await
            .unwrap()
            .unwrap();
        assert!(is_victim);
        assert_eq!(found.details.full_name, "ธนากร ศรีสุข");
        let (found, is_victim) = persons::find_person(&mut conn, suspect_id)
            .await
            .unwrap()
            .unwrap();
        assert!(!is_victim);
        assert_eq!(found.identifiers, vec![phone]);
        let in_case = cases::list_case_persons(&mut conn, case.id).await.unwrap();
        assert_eq!(in_case.iter().filter(|p| p.is_victim).count(), 1);
    }
);

on_both_backends!(duplicate_usernames_are_refused, |store: Store| async move {
    let dsi = agency(&store, "DSI").await;
    let user = users::NewUser {
        username: Username::parse("somchai").unwrap(),
        display_name: "Somchai".into(),
        password_hash: "x".into(),
        memberships: vec![Membership {
            agency: dsi,
            role: Role::Investigator,
        }],
    };
    let mut tx = store.begin().await.unwrap();
    users::insert_user(&mut tx, &user).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let error = users::insert_user(&mut tx, &user).await.unwrap_err();
    assert!(
        matches!(error, spean_store::StoreError::Duplicate("username")),
        "{error:?}"
    );
    drop(tx);
    let mut conn = store.read().await.unwrap();
    let found = users::find_user_by_username(&mut conn, "somchai")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.memberships, user.memberships);
});

on_both_backends!(expired_sessions_are_not_found, |store: Store| async move {
    let dsi = agency(&store, "DSI").await;
    let user = users::NewUser {
        username: Username::parse("malee").unwrap(),
        display_name: "Malee".into(),
        password_hash: "x".into(),
        memberships: vec![Membership {
            agency: dsi,
            role: Role::SocialWorker,
        }],
    };
    let mut tx = store.begin().await.unwrap();
    let id = users::insert_user(&mut tx, &user).await.unwrap();
    let session = sessions::SessionRecord {
        user_id: id,
        csrf_token: "c".into(),
        second_factor_done: true,
        expires_at: 2_000,
    };
    sessions::insert_session(&mut tx, "secret-token", &session, 1_000)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut conn = store.read().await.unwrap();
    assert!(
        sessions::find_session(&mut conn, "secret-token", 1_500)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        sessions::find_session(&mut conn, "secret-token", 2_500)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        sessions::find_session(&mut conn, "other-token", 1_500)
            .await
            .unwrap()
            .is_none()
    );
});

on_both_backends!(an_intact_audit_chain_verifies, |store: Store| async move {
    audit_some(&store, 5).await;
    let mut conn = store.read().await.unwrap();
    assert_eq!(
        audit::verify(&mut conn).await.unwrap(),
        Verification::Intact { entries: 5 }
    );
});

on_both_backends!(an_altered_audit_entry_is_named, |store: Store| async move {
    audit_some(&store, 5).await;
    let mut conn = store.read().await.unwrap();
    sqlx::query("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3")
        .execute(&mut *conn)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(&mut conn).await.unwrap(),
        Verification::Broken {
            seq: 3,
            problem: Problem::Altered
        }
    );
});

on_both_backends!(a_removed_audit_entry_is_named, |store: Store| async move {
    audit_some(&store, 5).await;
    let mut conn = store.read().await.unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(&mut *conn)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(&mut conn).await.unwrap(),
        Verification::Broken {
            seq: 3,
            problem: Problem::RemovedOrReordered
        }
    );
});

on_both_backends!(
    reordered_audit_entries_are_detected,
    |store: Store| async move {
        audit_some(&store, 4).await;
        let mut conn = store.read().await.unwrap();
        // Swap the sequence numbers of entries 2 and 3.
        for (from, to) in [(2, 100), (3, 2), (100, 3)] {
            sqlx::query("UPDATE audit_log SET seq = $1 WHERE seq = $2")
                .bind(to)
                .bind(from)
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        assert_eq!(
            audit::verify(&mut conn).await.unwrap(),
            Verification::Broken {
                seq: 2,
                problem: Problem::Altered
            }
        );
    }
);

on_both_backends!(
    removing_the_last_audit_entries_is_detected,
    |store: Store| async move {
        audit_some(&store, 4).await;
        let mut conn = store.read().await.unwrap();
        sqlx::query("DELETE FROM audit_log WHERE seq = 4")
            .execute(&mut *conn)
            .await
            .unwrap();
        assert_eq!(
            audit::verify(&mut conn).await.unwrap(),
            Verification::Broken {
                seq: 3,
                problem: Problem::TailRemoved
            }
        );
    }
);

on_both_backends!(
    concurrent_writers_keep_one_unbroken_chain,
    |store: Store| async move {
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move { audit_some(&store, 10).await }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let mut conn = store.read().await.unwrap();
        assert_eq!(
            audit::verify(&mut conn).await.unwrap(),
            Verification::Intact { entries: 80 }
        );
    }
);

on_both_backends!(
    a_rolled_back_change_leaves_no_audit_entry,
    |store: Store| async move {
        let mut tx = store.begin().await.unwrap();
        let event = AuditEvent {
            action: "case.create",
            entity_type: None,
            entity_id: None,
            detail: "{}".into(),
        };
        audit::append(&mut tx, &AuditActor::system(), event)
            .await
            .unwrap();
        drop(tx);
        let mut conn = store.read().await.unwrap();
        assert_eq!(
            audit::verify(&mut conn).await.unwrap(),
            Verification::Intact { entries: 0 }
        );
    }
);

/// Inserts a person named `name` in `agency`, with `identifiers`.
async fn person_with(
    store: &Store,
    agency: AgencyId,
    name: &str,
    identifiers: &[Identifier],
) -> PersonId {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let details = PersonInput {
        full_name: name,
        ..Default::default()
    }
    .validate(today)
    .unwrap();
    let id = PersonId::new();
    let mut tx = store.begin().await.unwrap();
    persons::insert_person(&mut tx, id, agency, &details)
        .await
        .unwrap();
    for identifier in identifiers {
        persons::add_identifier(&mut tx, id, identifier)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    id
}

async fn officer(store: &Store, agency: AgencyId) -> spean_core::id::UserId {
    let user = users::NewUser {
        username: Username::parse("officer").unwrap(),
        display_name: "Officer".into(),
        password_hash: "x".into(),
        memberships: vec![Membership {
            agency,
            role: Role::Investigator,
        }],
    };
    let mut tx = store.begin().await.unwrap();
    let id = users::insert_user(&mut tx, &user).await.unwrap();
    tx.commit().await.unwrap();
    id
}

on_both_backends!(
    a_link_decision_is_seen_from_both_persons_and_the_latest_wins,
    |store: Store| async move {
        let dsi = agency(&store, "DSI").await;
        let by = officer(&store, dsi).await;
        let a = person_with(&store, dsi, "ธนากร ศรีสุข", &[]).await;
        let b = person_with(&store, dsi, "Tanakon Sisuk", &[]).await;
        let mut tx = store.begin().await.unwrap();
        person_links::record_decision(&mut tx, b, a, LinkStatus::Rejected, by)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        person_links::record_decision(&mut tx, a, b, LinkStatus::Confirmed, by)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        let from_a = person_links::list_decisions(&mut conn, a).await.unwrap();
        let from_b = person_links::list_decisions(&mut conn, b).await.unwrap();
        assert_eq!(from_a.len(), 1, "one row per pair, whatever the order");
        assert_eq!(from_a[0].other, b);
        assert_eq!(from_a[0].status, LinkStatus::Confirmed);
        assert_eq!(from_a[0].decided_by, by);
        assert_eq!(from_b.len(), 1);
        assert_eq!(from_b[0].other, a);
        assert_eq!(from_b[0].status, LinkStatus::Confirmed);
    }
);

on_both_backends!(
    identifiers_in_scope_leave_out_hidden_victims_and_other_agencies,
    |store: Store| async move {
        let dsi = agency(&store, "DSI").await;
        let msdhs = agency(&store, "MSDHS").await;
        let phone = |v: &str| Identifier {
            kind: IdentifierKind::Phone,
            value: v.into(),
        };
        let suspect = person_with(&store, dsi, "Recruiter", &[phone("+66811111111")]).await;
        let victim = person_with(&store, dsi, "Victim", &[phone("+66822222222")]).await;
        person_with(&store, msdhs, "Elsewhere", &[phone("+66833333333")]).await;
        let case = case_in(dsi, "DSI-1", "c");
        let mut tx = store.begin().await.unwrap();
        cases::insert_case(&mut tx, &case).await.unwrap();
        cases::add_case_person(&mut tx, case.id, victim, CaseRole::Victim)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        let seen = persons::list_identifiers_in_scope(&mut conn, &[], &[dsi])
            .await
            .unwrap();
        assert_eq!(seen, vec![(suspect, phone("+66811111111"))]);
        let mut all = persons::list_identifiers_in_scope(&mut conn, &[dsi], &[])
            .await
            .unwrap();
        all.sort_by(|x, y| x.1.value.cmp(&y.1.value));
        assert_eq!(
            all,
            vec![
                (suspect, phone("+66811111111")),
                (victim, phone("+66822222222"))
            ]
        );
    }
);
