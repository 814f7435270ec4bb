//! Possible duplicate persons over HTTP: suggestions across scripts with their
//! explanation, confirming (identifiers joined, audited), rejecting (never suggested
//! again), and the compartments the matcher must respect.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first unexpected error"
)]

mod common;

use common::{TestApp, spawn_app};
use spean_core::id::PersonId;
use spean_core::person::{Identifier, IdentifierKind, PersonInput};
use spean_store::{Backend, persons};

async fn app() -> TestApp {
    spawn_app(Backend::Sqlite).await.unwrap()
}

/// A signed-in investigator of the `own` agency.
struct Officer {
    client: reqwest::Client,
    csrf: String,
}

impl Officer {
    async fn sign_in(app: &TestApp) -> Self {
        let (client, csrf) = app.login("investigator").await;
        Officer { client, csrf }
    }

    /// Creates a person through the form and returns its id.
    async fn create_person(&self, app: &TestApp, full_name: &str, latin_name: &str) -> PersonId {
        let response = self
            .client
            .post(app.url("/persons"))
            .form(&[
                ("csrf", self.csrf.as_str()),
                ("full_name", full_name),
                ("latin_name", latin_name),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "creating {full_name}");
        let location = response.headers()["location"].to_str().unwrap();
        let id = location
            .trim_start_matches("/persons/")
            .split('?')
            .next()
            .unwrap();
        id.parse().unwrap()
    }

    /// Adds an identifier through the form, typed as an officer would.
    async fn add_identifier(&self, app: &TestApp, person: PersonId, kind: &str, value: &str) {
        let response = self
            .client
            .post(app.url(&format!("/persons/{person}/identifiers")))
            .form(&[
                ("csrf", self.csrf.as_str()),
                ("kind", kind),
                ("value", value),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "adding {kind} to {person}");
    }

    /// The person's page, in English.
    async fn page(&self, app: &TestApp, person: PersonId) -> String {
        let response = self
            .client
            .get(app.url(&format!("/persons/{person}?lang=en")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }

    async fn decide(
        &self,
        app: &TestApp,
        person: PersonId,
        other: PersonId,
        decision: &str,
    ) -> reqwest::Response {
        self.client
            .post(app.url(&format!("/persons/{person}/links")))
            .form(&[
                ("csrf", self.csrf.as_str()),
                ("other", other.to_string().as_str()),
                ("decision", decision),
            ])
            .send()
            .await
            .unwrap()
    }
}

/// The "Possible matches" section of a person's page.
fn matches_section(html: &str) -> &str {
    let (_, rest) = html.split_once("id=\"matches\"").unwrap();
    rest.split_once("id=\"linked\"").unwrap().0
}

/// The "Linked records" section of a person's page.
fn linked_section(html: &str) -> &str {
    let (_, rest) = html.split_once("id=\"linked\"").unwrap();
    rest.split_once("</section>").unwrap().0
}

/// ธนากร ศรีสุข ("Thanakorn Srisuk") with a Thai-style phone and a passport, and
/// "Tanakon Sisuk" with the same phone written internationally and an e-mail.
async fn two_records_of_one_person(app: &TestApp, officer: &Officer) -> (PersonId, PersonId) {
    let thai = officer
        .create_person(app, "ธนากร ศรีสุข", "Thanakorn Srisuk")
        .await;
    officer
        .add_identifier(app, thai, "phone", "081-234-5678")
        .await;
    officer
        .add_identifier(app, thai, "passport", "AA 1234567")
        .await;
    let latin = officer.create_person(app, "Tanakon Sisuk", "").await;
    officer
        .add_identifier(app, latin, "phone", "+66 81 234 5678")
        .await;
    officer
        .add_identifier(app, latin, "email", "tanakon@example.org")
        .await;
    (thai, latin)
}

#[tokio::test]
async fn a_thai_record_is_suggested_for_its_romanised_spelling_with_the_same_phone() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    let (thai, latin) = two_records_of_one_person(&app, &officer).await;

    let html = officer.page(&app, latin).await;

    let section = matches_section(&html);
    assert!(
        section.contains(&format!("href=\"/persons/{thai}\"")),
        "{section}"
    );
    assert!(section.contains("ธนากร ศรีสุข"), "{section}");
    assert!(section.contains("Thanakorn Srisuk"), "{section}");
    assert!(section.contains("Match probability"), "{section}");
    assert!(section.contains("Phone"), "the explanation names the phone");
    assert!(
        section.contains("Sounds the same") || section.contains("Similar spelling"),
        "the names compare across scripts: {section}"
    );
    assert!(section.contains("value=\"confirm\""));
    assert!(section.contains("value=\"reject\""));
}

#[tokio::test]
async fn the_explanation_is_translated_into_thai_and_khmer() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    let (_, latin) = two_records_of_one_person(&app, &officer).await;
    for (lang, heading) in [
        ("th", "ระเบียนที่อาจเป็นบุคคลเดียวกัน"),
        ("km", "កំណត់ត្រាដែលអាចជាបុគ្គលតែមួយ"),
    ] {
        let html = officer
            .client
            .get(app.url(&format!("/persons/{latin}?lang={lang}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(heading), "{lang}");
        assert!(
            !matches_section(&html).contains("Sounds the same"),
            "{lang}"
        );
    }
}

#[tokio::test]
async fn confirming_a_match_joins_the_identifiers_of_both_records_and_is_audited() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    let (thai, latin) = two_records_of_one_person(&app, &officer).await;

    let response = officer.decide(&app, latin, thai, "confirm").await;

    assert_eq!(response.status(), 303);
    let mut conn = app.db.store.read().await.unwrap();
    let (latin_record, _) = persons::find_person(&mut conn, latin)
        .await
        .unwrap()
        .unwrap();
    let (thai_record, _) = persons::find_person(&mut conn, thai)
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    let passport = Identifier {
        kind: IdentifierKind::Passport,
        value: "AA1234567".into(),
    };
    let email = Identifier {
        kind: IdentifierKind::Email,
        value: "tanakon@example.org".into(),
    };
    assert!(latin_record.identifiers.contains(&passport));
    assert!(thai_record.identifiers.contains(&email));
    assert_eq!(
        thai_record
            .identifiers
            .iter()
            .filter(|i| i.kind == IdentifierKind::Phone)
            .count(),
        1,
        "the shared phone is not duplicated"
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"person.link_confirm".to_owned())
    );
    let html = officer.page(&app, latin).await;
    assert!(linked_section(&html).contains(&format!("href=\"/persons/{thai}\"")));
    assert!(!matches_section(&html).contains(&format!("href=\"/persons/{thai}\"")));
    let html = officer.page(&app, thai).await;
    assert!(linked_section(&html).contains(&format!("href=\"/persons/{latin}\"")));
}

#[tokio::test]
async fn a_rejected_match_is_never_suggested_again_from_either_record() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    let (thai, latin) = two_records_of_one_person(&app, &officer).await;

    let response = officer.decide(&app, latin, thai, "reject").await;

    assert_eq!(response.status(), 303);
    let html = officer.page(&app, latin).await;
    assert!(!matches_section(&html).contains(&format!("href=\"/persons/{thai}\"")));
    assert!(!linked_section(&html).contains(&format!("href=\"/persons/{thai}\"")));
    let html = officer.page(&app, thai).await;
    assert!(!matches_section(&html).contains(&format!("href=\"/persons/{latin}\"")));
    assert!(
        app.audit_actions()
            .await
            .contains(&"person.link_reject".to_owned())
    );
    let mut conn = app.db.store.read().await.unwrap();
    let (latin_record, _) = persons::find_person(&mut conn, latin)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        latin_record.identifiers.len(),
        2,
        "a rejection copies nothing"
    );
}

#[tokio::test]
async fn a_decision_without_its_csrf_token_changes_nothing() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    let (thai, latin) = two_records_of_one_person(&app, &officer).await;

    let response = officer
        .client
        .post(app.url(&format!("/persons/{latin}/links")))
        .form(&[("other", thai.to_string().as_str()), ("decision", "reject")])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 403);
    let html = officer.page(&app, latin).await;
    assert!(matches_section(&html).contains(&format!("href=\"/persons/{thai}\"")));
}

#[tokio::test]
async fn a_person_in_a_compartment_the_user_may_not_see_is_never_suggested() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    let (_, latin) = two_records_of_one_person(&app, &officer).await;
    // The same person, recorded by the other agency, which the officer is not in.
    let hidden = PersonId::new();
    let today = chrono::Utc::now().date_naive();
    let mut tx = app.db.store.begin().await.unwrap();
    persons::insert_person(
        &mut tx,
        hidden,
        app.other,
        &PersonInput {
            full_name: "Tanakon Sisuk",
            latin_name: Some("Thanakorn Srisuk"),
            ..Default::default()
        }
        .validate(today)
        .unwrap(),
    )
    .await
    .unwrap();
    persons::add_identifier(
        &mut tx,
        hidden,
        &Identifier {
            kind: IdentifierKind::Phone,
            value: "+66812345678".into(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let html = officer.page(&app, latin).await;

    assert!(!html.contains(&hidden.to_string()), "{html}");
    let forced = officer.decide(&app, latin, hidden, "confirm").await;
    assert_eq!(forced.status(), 404, "the hidden record is not found");
    let mut conn = app.db.store.read().await.unwrap();
    let (hidden_record, _) = persons::find_person(&mut conn, hidden)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hidden_record.identifiers.len(), 1, "nothing was copied");
}

#[tokio::test]
async fn a_victim_is_never_suggested_to_a_role_that_may_not_see_victims() {
    let app = app().await;
    let officer = Officer::sign_in(&app).await;
    // The fixture's victim (ธนากร ศรีสุข, in a case as a victim) and a new record of a
    // suspect with the same name and phone.
    officer
        .add_identifier(&app, app.victim, "phone", "081-234-5678")
        .await;
    let suspect = officer.create_person(&app, "Tanakon Sisuk", "").await;
    officer
        .add_identifier(&app, suspect, "phone", "+66812345678")
        .await;
    let victim_link = format!("href=\"/persons/{}\"", app.victim);
    let investigator_page = officer.page(&app, suspect).await;
    assert!(
        matches_section(&investigator_page).contains(&victim_link),
        "an investigator sees the victim suggested"
    );

    let (liaison, _) = app.login("liaison-officer").await;
    let html = liaison
        .get(app.url(&format!("/persons/{suspect}?lang=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(
        html.contains("id=\"matches\""),
        "the liaison officer sees the page"
    );
    assert!(!html.contains(&app.victim.to_string()), "{html}");
}
