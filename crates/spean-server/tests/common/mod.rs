//! A running server for tests: a fresh database (SQLite or PostgreSQL), two agencies,
//! one account per role, a few records, and an HTTP client that keeps cookies.
#![allow(
    dead_code,
    reason = "each test file uses a different part of the helper"
)]
#![allow(clippy::unwrap_used, reason = "test set-up fails loudly")]

use std::collections::HashMap;

use spean_core::agency::{Agency, Country};
use spean_core::case::{Case, CaseInput, CaseRole};
use spean_core::id::{AgencyId, CaseId, PersonId};
use spean_core::person::PersonInput;
use spean_core::role::{Membership, Role};
use spean_core::user::Username;
use spean_server::{AppState, Config};
use spean_store::testing::{TestDatabase, fresh_database};
use spean_store::users::NewUser;
use spean_store::{Backend, agencies, cases, now_millis, persons, sessions, users};

/// The password of every test account.
pub(crate) const PASSWORD: &str = "correct horse battery";

/// A server on a random port with its world.
pub(crate) struct TestApp {
    pub(crate) base: String,
    pub(crate) db: TestDatabase,
    pub(crate) own: AgencyId,
    pub(crate) other: AgencyId,
    pub(crate) own_case: CaseId,
    pub(crate) other_case: CaseId,
    pub(crate) victim: PersonId,
    pub(crate) suspect: PersonId,
    /// An API bearer token per role, all in the `own` agency.
    pub(crate) tokens: HashMap<Role, String>,
}

fn details(title: &str) -> spean_core::case::CaseDetails {
    CaseInput {
        title,
        exploitation_type: "ForcedCriminality",
        ..Default::default()
    }
    .validate()
    .unwrap()
}

/// Starts a server on `backend`, or `None` when that backend is not configured here.
pub(crate) async fn spawn_app(backend: Backend) -> Option<TestApp> {
    let db = fresh_database(backend).await?;
    let store = db.store.clone();
    let own = Agency {
        id: AgencyId::new(),
        code: "DSI".into(),
        name: "Department of Special Investigation".into(),
        country: Country::Thailand,
    };
    let other = Agency {
        id: AgencyId::new(),
        code: "MSDHS".into(),
        name: "MSDHS".into(),
        country: Country::Thailand,
    };
    let hash = spean_server::auth::hash_password(PASSWORD).unwrap();
    let mut tx = store.begin().await.unwrap();
    agencies::insert_agency(&mut tx, &own).await.unwrap();
    agencies::insert_agency(&mut tx, &other).await.unwrap();
    let mut tokens = HashMap::new();
    for role in Role::ALL {
        let user = NewUser {
            username: Username::parse(role.code().replace('_', "-").as_str()).unwrap(),
            display_name: format!("Test {}", role.code()),
            password_hash: hash.clone(),
            memberships: vec![Membership {
                agency: own.id,
                role,
            }],
        };
        let id = users::insert_user(&mut tx, &user).await.unwrap();
        let token = format!("token-{}", role.code());
        sessions::insert_api_token(&mut tx, &token, id, now_millis(), now_millis() + 3_600_000)
            .await
            .unwrap();
        tokens.insert(role, token);
    }
    let other_user = NewUser {
        username: Username::parse("other-investigator").unwrap(),
        display_name: "Other".into(),
        password_hash: hash.clone(),
        memberships: vec![Membership {
            agency: other.id,
            role: Role::Investigator,
        }],
    };
    users::insert_user(&mut tx, &other_user).await.unwrap();
    let own_case = Case {
        id: CaseId::new(),
        reference: "DSI-T-1".into(),
        owning_agency: own.id,
        details: details("own case"),
        shared_with: vec![],
    };
    let other_case = Case {
        id: CaseId::new(),
        reference: "MSDHS-T-1".into(),
        owning_agency: other.id,
        details: details("other case"),
        shared_with: vec![],
    };
    cases::insert_case(&mut tx, &own_case).await.unwrap();
    cases::insert_case(&mut tx, &other_case).await.unwrap();
    let today = chrono::Utc::now().date_naive();
    let (victim, suspect) = (PersonId::new(), PersonId::new());
    persons::insert_person(
        &mut tx,
        victim,
        own.id,
        &PersonInput {
            full_name: "ธนากร ศรีสุข",
            ..Default::default()
        }
        .validate(today)
        .unwrap(),
    )
    .await
    .unwrap();
    persons::insert_person(
        &mut tx,
        suspect,
        own.id,
        &PersonInput {
            full_name: "Recruiter M",
            ..Default::default()
        }
        .validate(today)
        .unwrap(),
    )
    .await
    .unwrap();
    cases::add_case_person(&mut tx, own_case.id, victim, CaseRole::Victim)
        .await
        .unwrap();
    cases::add_case_person(&mut tx, own_case.id, suspect, CaseRole::Suspect)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let dir = std::env::temp_dir().join(format!("spean-server-test-{}", uuid_like()));
    let mut config = Config::for_tests(dir, Some(db.url.clone()));
    config.max_body_bytes = 64 * 1024;
    let state = AppState::with_store(store, config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(spean_server::serve(
        listener,
        state,
        std::future::pending::<()>(),
    ));
    Some(TestApp {
        base,
        db,
        own: own.id,
        other: other.id,
        own_case: own_case.id,
        other_case: other_case.id,
        victim,
        suspect,
        tokens,
    })
}

fn uuid_like() -> String {
    format!("{}-{}", std::process::id(), now_millis())
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the hidden input `name` of a page.
pub(crate) fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let (_, rest) = html
        .split_once(&marker)
        .unwrap_or_else(|| panic!("the page has no `{name}` field"));
    rest.split_once('"').unwrap().0.to_owned()
}

/// The value of the hidden `csrf` input of a page.
pub(crate) fn csrf_of(html: &str) -> String {
    hidden_value(html, "csrf")
}

impl TestApp {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Signs `username` in through the login form; returns the client and the
    /// session's CSRF token (read from the home page).
    pub(crate) async fn login(&self, username: &str) -> (reqwest::Client, String) {
        let client = browser();
        let page = client
            .get(self.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = csrf_of(&page);
        let response = client
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", PASSWORD),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            303,
            "login of {username} should redirect"
        );
        let home = client.get(self.url("/")).send().await.unwrap();
        assert_eq!(home.status(), 200, "home after login of {username}");
        let csrf = csrf_of(&home.text().await.unwrap());
        (client, csrf)
    }

    /// A GET with the API token of `role`.
    pub(crate) async fn api_get(&self, role: Role, path: &str) -> reqwest::Response {
        reqwest::Client::new()
            .get(self.url(path))
            .bearer_auth(&self.tokens[&role])
            .send()
            .await
            .unwrap()
    }

    /// Audit actions recorded so far, oldest first.
    pub(crate) async fn audit_actions(&self) -> Vec<String> {
        let mut conn = self.db.store.read().await.unwrap();
        let mut entries = spean_store::audit::list(&mut conn, &Default::default(), 10_000)
            .await
            .unwrap();
        entries.reverse();
        entries.into_iter().map(|e| e.action).collect()
    }
}
