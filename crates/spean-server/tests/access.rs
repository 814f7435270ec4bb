//! The access matrix over HTTP: every role against every kind of action, in its own
//! agency and in another. Each expected denial must really be denied by the server,
//! and each expected permission really allowed.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first unexpected error"
)]

mod common;

use common::spawn_app;
use spean_core::role::Role;
use spean_store::Backend;

/// What a role may do, as the design states it (independent of the code under test).
fn expected(role: Role, action: &str) -> bool {
    use Role::*;
    let works_cases = matches!(
        role,
        IntakeOfficer | Investigator | Prosecutor | SocialWorker | LiaisonOfficer | Analyst
    );
    let works_victims = matches!(
        role,
        IntakeOfficer | Investigator | Prosecutor | SocialWorker
    );
    match action {
        "view own case" | "list cases" => works_cases,
        "view other agency's case" | "edit other agency's case" => false,
        "edit own case" => matches!(role, IntakeOfficer | Investigator | Prosecutor),
        "create case" => matches!(role, IntakeOfficer | Investigator),
        "view victim" => works_victims,
        "view suspect" => works_victims || role == LiaisonOfficer,
        "create person" => matches!(role, IntakeOfficer | Investigator | SocialWorker),
        "read audit log" => role == Auditor,
        "manage users" => role == Administrator,
        other => panic!("unknown action {other}"),
    }
}

#[tokio::test]
async fn every_role_gets_exactly_the_access_the_policy_gives() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let client = reqwest::Client::new();
    let case_body = serde_json::json!({"title": "t", "exploitation_type": "ForcedLabour"});
    let mut failures = Vec::new();
    for role in Role::ALL {
        let token = app.tokens[&role].clone();
        let get = |path: String| client.get(app.url(&path)).bearer_auth(&token).send();
        let put = |path: String| {
            client
                .put(app.url(&path))
                .bearer_auth(&token)
                .json(&case_body)
                .send()
        };
        let checks: Vec<(&str, reqwest::Response)> = vec![
            (
                "view own case",
                get(format!("/api/cases/{}", app.own_case)).await.unwrap(),
            ),
            ("list cases", get("/api/cases".into()).await.unwrap()),
            (
                "view other agency's case",
                get(format!("/api/cases/{}", app.other_case)).await.unwrap(),
            ),
            (
                "edit own case",
                put(format!("/api/cases/{}", app.own_case)).await.unwrap(),
            ),
            (
                "edit other agency's case",
                put(format!("/api/cases/{}", app.other_case)).await.unwrap(),
            ),
            (
                "create case",
                client
                    .post(app.url("/api/cases"))
                    .bearer_auth(&token)
                    .json(&case_body)
                    .send()
                    .await
                    .unwrap(),
            ),
            (
                "view victim",
                get(format!("/api/persons/{}", app.victim)).await.unwrap(),
            ),
            (
                "view suspect",
                get(format!("/api/persons/{}", app.suspect)).await.unwrap(),
            ),
            (
                "create person",
                client
                    .post(app.url("/api/persons"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"full_name": "x"}))
                    .send()
                    .await
                    .unwrap(),
            ),
            ("read audit log", get("/audit".into()).await.unwrap()),
            ("manage users", get("/admin/users".into()).await.unwrap()),
        ];
        for (action, response) in checks {
            let allowed = response.status().is_success();
            let denial_is_clean = allowed || [403, 404].contains(&response.status().as_u16());
            if allowed != expected(role, action) || !denial_is_clean {
                failures.push(format!("{role:?} {action}: got {}", response.status()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access differs from the policy:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_refused_record_looks_exactly_like_a_missing_one() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let foreign = app
        .api_get(
            Role::Investigator,
            &format!("/api/cases/{}", app.other_case),
        )
        .await;
    let missing = app
        .api_get(
            Role::Investigator,
            &format!("/api/cases/{}", spean_core::id::CaseId::new()),
        )
        .await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(missing.status(), 404);
    assert_eq!(foreign.text().await.unwrap(), missing.text().await.unwrap());
}

#[tokio::test]
async fn lists_never_show_what_the_policy_hides() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let cases: serde_json::Value = app
        .api_get(Role::Investigator, "/api/cases")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = cases["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&app.own_case.to_string().as_str()));
    assert!(!ids.contains(&app.other_case.to_string().as_str()));
    let persons: serde_json::Value = app
        .api_get(Role::LiaisonOfficer, "/api/persons")
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = persons["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Recruiter M"],
        "a liaison officer sees the suspect but not the victim"
    );
}
