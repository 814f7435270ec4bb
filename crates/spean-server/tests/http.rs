//! The server over real HTTP: sign-in, sessions, CSRF, throttling, second factor,
//! languages, bad input, the JSON API and the audit trail.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first unexpected error"
)]

mod common;

use common::{PASSWORD, TestApp, browser, csrf_of, spawn_app};
use spean_core::role::Role;
use spean_store::Backend;

async fn app() -> TestApp {
    spawn_app(Backend::Sqlite).await.unwrap()
}

#[tokio::test]
async fn health_and_openapi_answer() {
    let app = app().await;
    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let doc: serde_json::Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/cases",
        "/api/cases/{id}",
        "/api/persons",
        "/api/tokens",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
    let metrics = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("spean_http_requests_total"));
}

#[tokio::test]
async fn the_login_page_speaks_each_language() {
    let app = app().await;
    for (lang, words) in [("th", "เข้าสู่ระบบ"), ("km", "ចូល"), ("en", "Sign in")]
    {
        let html = reqwest::get(app.url(&format!("/login?lang={lang}")))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        assert!(html.contains(words), "{lang} page lacks {words}");
    }
}

#[tokio::test]
async fn an_unknown_language_falls_back_with_a_notice() {
    let app = app().await;
    let response = reqwest::get(app.url("/login?lang=xx")).await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("not available"));
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let app = app().await;
    let response = reqwest::get(app.url("/login")).await.unwrap();
    let headers = response.headers();
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_the_users_language_and_audited() {
    let app = app().await;
    let client = browser();
    let page = client
        .get(app.url("/login?lang=th"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("username", "investigator"),
            ("password", "wrong password!"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง") || html.contains("ไม่ถูกต้อง"),
        "Thai error expected"
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"login.failed".to_owned())
    );
    assert!(
        client
            .get(app.url("/"))
            .send()
            .await
            .unwrap()
            .status()
            .is_redirection()
    );
}

#[tokio::test]
async fn a_login_without_its_csrf_token_changes_nothing() {
    let app = app().await;
    let response = browser()
        .post(app.url("/login?lang=km"))
        .form(&[("username", "investigator"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(
        response
            .headers()
            .get("set-cookie")
            .is_none_or(|c| !c.to_str().unwrap().contains("spean_session="))
    );
    assert!(
        !app.audit_actions()
            .await
            .iter()
            .any(|a| a.starts_with("login."))
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = app().await;
    let client = browser();
    for _ in 0..5 {
        let page = client
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        client
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&page).as_str()),
                ("username", "investigator"),
                ("password", "not the password"),
            ])
            .send()
            .await
            .unwrap();
    }
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("username", "investigator"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        429,
        "even the right password is refused while throttled"
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"login.throttled".to_owned())
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = app().await;
    let (client, csrf) = app.login("investigator").await;
    let response = client
        .post(app.url("/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let after = client.get(app.url("/cases")).send().await.unwrap();
    assert_eq!(after.status(), 303);
    assert!(
        after.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
}

#[tokio::test]
async fn an_expired_session_sends_the_user_to_login() {
    let app = app().await;
    let mut conn = app.db.store.read().await.unwrap();
    let user = spean_store::users::find_user_by_username(&mut conn, "investigator")
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    let mut tx = app.db.store.begin().await.unwrap();
    let session = spean_store::sessions::SessionRecord {
        user_id: user.id,
        csrf_token: "c".into(),
        second_factor_done: true,
        expires_at: 1,
    };
    spean_store::sessions::insert_session(&mut tx, "old-session", &session, 0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let response = browser()
        .get(app.url("/cases"))
        .header("cookie", "spean_session=old-session")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
}

#[tokio::test]
async fn administrators_must_set_up_a_second_factor_before_anything_else() {
    let app = app().await;
    let client = browser();
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("username", "administrator"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["location"], "/login/totp");
    let blocked = client.get(app.url("/admin/users")).send().await.unwrap();
    assert_eq!(blocked.headers()["location"], "/login/totp");
    // Enrol with the offered secret and a code computed from it.
    let setup = client
        .get(app.url("/login/totp"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let secret = common::hidden_value(&setup, "secret");
    let secret = secret.as_str();
    let wrong = client
        .post(app.url("/login/totp/setup"))
        .form(&[
            ("csrf", csrf_of(&setup).as_str()),
            ("secret", secret),
            ("code", "000000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let code = spean_server::auth::totp(secret, "administrator")
        .unwrap()
        .generate_current()
        .unwrap();
    let done = client
        .post(app.url("/login/totp/setup"))
        .form(&[
            ("csrf", csrf_of(&setup).as_str()),
            ("secret", secret),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(
        client
            .get(app.url("/admin/users"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let actions = app.audit_actions().await;
    assert!(
        actions.contains(&"user.totp_enrol".to_owned())
            && actions.contains(&"login.success".to_owned())
    );
}

#[tokio::test]
async fn a_case_created_through_the_form_appears_in_the_list_and_the_audit() {
    let app = app().await;
    let (client, csrf) = app.login("intake-officer").await;
    let response = client
        .post(app.url("/cases"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "งานพิมพ์ข้อความที่ปอยเปต"),
            ("exploitation_type", "ForcedCriminality"),
            ("stage", "intake"),
            ("summary", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let list = client
        .get(app.url("/cases?lang=th"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("งานพิมพ์ข้อความที่ปอยเปต"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"case.create".to_owned())
    );
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_is_refused_and_changes_nothing() {
    let app = app().await;
    let (client, _) = app.login("intake-officer").await;
    let response = client
        .post(app.url("/cases?lang=th"))
        .form(&[
            ("csrf", "forged"),
            ("title", "forged case"),
            ("exploitation_type", "ForcedLabour"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<html lang=\"th\">")
    );
    let list = client
        .get(app.url("/cases"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!list.contains("forged case"));
}

#[tokio::test]
async fn invalid_form_fields_are_explained_and_the_input_kept() {
    let app = app().await;
    let (client, csrf) = app.login("investigator").await;
    let response = client
        .post(app.url("/persons?lang=en"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "สมชาย"),
            ("birth_date", "1997-13-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Not a valid date"));
    assert!(html.contains("value=\"สมชาย\""), "the typed name is kept");
}

#[tokio::test]
async fn opening_a_victims_record_is_audited() {
    let app = app().await;
    let response = app
        .api_get(Role::SocialWorker, &format!("/api/persons/{}", app.victim))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        app.audit_actions()
            .await
            .contains(&"person.view_victim".to_owned())
    );
}

#[tokio::test]
async fn api_tokens_are_issued_for_good_credentials_only() {
    let app = app().await;
    let client = reqwest::Client::new();
    let good = client
        .post(app.url("/api/tokens"))
        .json(&serde_json::json!({"username": "investigator", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 201);
    let token = good.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me: serde_json::Value = client
        .get(app.url("/api/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "investigator");
    let bad = client
        .post(app.url("/api/tokens"))
        .json(&serde_json::json!({"username": "investigator", "password": "nope nope nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    assert_eq!(bad.headers()["content-type"], "application/problem+json");
    // Administrators have no second factor here, so the API refuses them a token.
    let admin = client
        .post(app.url("/api/tokens"))
        .json(&serde_json::json!({"username": "administrator", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 401);
}

#[tokio::test]
async fn bad_api_input_gets_problem_documents_in_the_callers_language() {
    let app = app().await;
    let client = reqwest::Client::new();
    let token = &app.tokens[&Role::Investigator];
    let malformed = client
        .post(app.url("/api/cases"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .header("accept-language", "th")
        .body("{\"title\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let problem: serde_json::Value = malformed.json().await.unwrap();
    assert_eq!(problem["code"], "malformed_json");
    assert_eq!(problem["status"], 400);
    assert!(
        problem["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
        "Thai title"
    );

    let invalid = client
        .post(app.url("/api/persons"))
        .bearer_auth(token)
        .json(&serde_json::json!({"full_name": "", "birth_date": "2540-01-01x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), 422);
    let problem: serde_json::Value = invalid.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["full_name", "birth_date"]);

    let unauthenticated = client.get(app.url("/api/cases")).send().await.unwrap();
    assert_eq!(unauthenticated.status(), 401);
    assert_eq!(
        unauthenticated.json::<serde_json::Value>().await.unwrap()["code"],
        "unauthenticated"
    );

    let oversize = client
        .post(app.url("/api/cases"))
        .bearer_auth(token)
        .json(&serde_json::json!({"title": "x".repeat(100_000), "exploitation_type": "Other"}))
        .send()
        .await
        .unwrap();
    assert_eq!(oversize.status(), 413);
    assert_eq!(
        oversize.json::<serde_json::Value>().await.unwrap()["code"],
        "payload_too_large"
    );

    let bad_cursor = client
        .get(app.url("/api/cases?after=garbage"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_cursor.status(), 400);
}

#[tokio::test]
async fn the_api_creates_lists_and_updates_cases() {
    let app = app().await;
    let client = reqwest::Client::new();
    let token = &app.tokens[&Role::Investigator];
    let created = client
        .post(app.url("/api/cases"))
        .bearer_auth(token)
        .json(
            &serde_json::json!({"title": "ការងារនៅបាវិត", "exploitation_type": "ForcedCriminality"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let case: serde_json::Value = created.json().await.unwrap();
    assert_eq!(case["stage"], "intake");
    assert!(case["reference"].as_str().unwrap().starts_with("DSI-"));
    let id = case["id"].as_str().unwrap();
    let updated = client
        .put(app.url(&format!("/api/cases/{id}")))
        .bearer_auth(token)
        .json(&serde_json::json!({"title": "ការងារនៅបាវិត", "exploitation_type": "ForcedCriminality", "stage": "investigation"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.json::<serde_json::Value>().await.unwrap()["stage"],
        "investigation"
    );
    let list: serde_json::Value = client
        .get(app.url("/api/cases?limit=1"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let next = list["next"].as_str().unwrap();
    let page2: serde_json::Value = client
        .get(app.url(&format!("/api/cases?limit=1&after={next}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(page2["items"][0]["id"], list["items"][0]["id"]);
}

#[tokio::test]
async fn the_api_works_the_same_on_postgresql() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let client = reqwest::Client::new();
    let token = &app.tokens[&Role::Investigator];
    let created = client
        .post(app.url("/api/cases"))
        .bearer_auth(token)
        .json(&serde_json::json!({"title": "งานแอดมิน", "exploitation_type": "ForcedCriminality"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let list: serde_json::Value = client
        .get(app.url("/api/cases?q=แอดมิน"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (browser, _) = app.login("investigator").await;
    assert_eq!(
        browser
            .get(app.url(&format!("/persons/{}", app.victim)))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let mut conn = app.db.store.read().await.unwrap();
    assert!(matches!(
        spean_store::audit::verify(&mut conn).await.unwrap(),
        spean_store::audit::Verification::Intact { .. }
    ));
}

/// Signs the administrator in, enrolling the second factor on the way.
async fn admin_session(app: &TestApp) -> (reqwest::Client, String) {
    let client = browser();
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("username", "administrator"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let setup = client
        .get(app.url("/login/totp"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let secret = common::hidden_value(&setup, "secret");
    let code = spean_server::auth::totp(&secret, "administrator")
        .unwrap()
        .generate_current()
        .unwrap();
    client
        .post(app.url("/login/totp/setup"))
        .form(&[
            ("csrf", csrf_of(&setup).as_str()),
            ("secret", secret.as_str()),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    let users = client
        .get(app.url("/admin/users"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (client, csrf_of(&users))
}

#[tokio::test]
async fn an_administrator_adds_disables_and_resets_accounts_in_the_interface() {
    let app = app().await;
    let (admin, csrf) = admin_session(&app).await;
    let short = admin
        .post(app.url("/admin/users?lang=th"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "newbie"),
            ("display_name", "น้องใหม่"),
            ("password", "short"),
            ("agency", &app.own.to_string()),
            ("role", "social_worker"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), 422, "a short password is refused");
    let added = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "newbie"),
            ("display_name", "น้องใหม่"),
            ("password", "a long enough password"),
            ("agency", &app.own.to_string()),
            ("role", "social_worker"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let user_page = added.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let newbie = {
        let client = browser();
        let page = client
            .get(app.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let response = client
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&page).as_str()),
                ("username", "newbie"),
                ("password", "a long enough password"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        client
    };
    assert_eq!(
        newbie
            .get(app.url("/persons"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let disabled = admin
        .post(app.url(&format!("{user_page}/status")))
        .form(&[("csrf", csrf.as_str()), ("disabled", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(disabled.status(), 303);
    assert_eq!(
        newbie
            .get(app.url("/persons"))
            .send()
            .await
            .unwrap()
            .status(),
        303,
        "a disabled account's session ends"
    );
    let reset = admin
        .post(app.url(&format!("{user_page}/password")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("password", "another long password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 303);
    let actions = app.audit_actions().await;
    for action in ["user.create", "user.disable", "user.password_reset"] {
        assert!(actions.contains(&action.to_owned()), "{action} audited");
    }
}

#[tokio::test]
async fn an_administrator_cannot_manage_accounts_of_another_agency() {
    let app = app().await;
    let (admin, csrf) = admin_session(&app).await;
    let response = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "intruder"),
            ("display_name", "x"),
            ("password", "a long enough password"),
            ("agency", &app.other.to_string()),
            ("role", "investigator"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let mut conn = app.db.store.read().await.unwrap();
    assert!(
        spean_store::users::find_user_by_username(&mut conn, "intruder")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_person_is_recorded_and_edited_through_the_forms() {
    let app = app().await;
    let (client, csrf) = app.login("social-worker").await;
    let created = client
        .post(app.url("/persons"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "សុខ ដារ៉ា"),
            ("latin_name", "Sok Dara"),
            ("birth_date", "1998-04"),
            ("nationality", "kh"),
            ("gender", "Masculine"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let edited = client
        .post(app.url(&format!("{location}/edit")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "សុខ ដារ៉ា"),
            ("latin_name", "Sok Dara"),
            ("birth_date", "1998-04-12"),
            ("nationality", "KH"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 303);
    let page = client
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("សុខ ដារ៉ា") && page.contains("1998-04-12") && page.contains("KH"));
    let phone = client
        .post(app.url(&format!("{location}/identifiers")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "phone"),
            ("value", "081-234-5678"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(phone.status(), 303);
    let page = client
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("+66812345678"), "phones are stored in E.164");
}

#[tokio::test]
async fn an_auditor_filters_the_audit_log_by_action() {
    let app = app().await;
    let client = browser();
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    client
        .post(app.url("/login"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("username", "investigator"),
            ("password", "wrong password!"),
        ])
        .send()
        .await
        .unwrap();
    app.login("investigator").await;
    let (auditor, _) = app.login("auditor").await;
    let failed = auditor
        .get(app.url("/audit?action=login.failed"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(failed.contains("login.failed"));
    assert!(
        !failed.contains("login.password"),
        "the filter leaves other actions out"
    );
    let by_user = auditor
        .get(app.url("/audit?actor=investigator"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(by_user.contains("login.password"));
}

#[tokio::test]
async fn the_api_throttles_repeated_failures_like_the_sign_in_form() {
    let app = app().await;
    let client = reqwest::Client::new();
    let attempt = |password: &'static str| {
        client
            .post(app.url("/api/tokens"))
            .json(&serde_json::json!({"username": "investigator", "password": password}))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(attempt("not the password").await.unwrap().status(), 401);
    }
    assert_eq!(attempt(PASSWORD).await.unwrap().status(), 429);
    assert!(
        app.audit_actions()
            .await
            .contains(&"login.throttled".to_owned())
    );
}
