//! The `spean` binary as an operator uses it: the demo, serving over TLS, account
//! commands and audit verification, each in a fresh data folder.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first unexpected error"
)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn spean() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_spean"));
    command
        .env_remove("SPEAN_DATABASE_URL")
        .env("RUST_LOG", "warn");
    command
}

fn run(args: &[&str]) -> Output {
    spean().args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A running node process, stopped when dropped.
struct Node {
    child: Child,
    url: String,
    lines: Vec<String>,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `spean ARGS` and waits (at most 60 s) for the line announcing its URL,
/// collecting the lines printed after it for a moment.
fn start(args: &[&str]) -> Node {
    let mut child = spean()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let url = loop {
        let line = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the node announces its URL");
        lines.push(line.clone());
        if let Some((_, url)) = line.split_once("running at ") {
            break url.trim().to_owned();
        }
    };
    while let Ok(line) = receiver.recv_timeout(Duration::from_millis(300)) {
        lines.push(line);
    }
    Node { child, url, lines }
}

async fn get(url: &str) -> reqwest::Response {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    client.get(url).send().await.unwrap()
}

#[tokio::test]
async fn the_demo_serves_its_data_and_reuses_it_on_a_second_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    {
        let node = start(&["demo", "--data-dir", data]);
        assert!(node.url.starts_with("http://127.0.0.1:"), "{}", node.url);
        assert!(
            node.lines.iter().any(|l| l.contains("investigator")),
            "the demo prints its logins: {:?}",
            node.lines
        );
        assert_eq!(get(&format!("{}/healthz", node.url)).await.status(), 200);
        let login = get(&format!("{}/login?lang=km", node.url))
            .await
            .text()
            .await
            .unwrap();
        assert!(login.contains("<html lang=\"km\">"));
    }
    let sqlite_files: Vec<_> = std::fs::read_dir(data)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".sqlite3"))
        .collect();
    assert_eq!(
        sqlite_files.len(),
        1,
        "one database file in the data folder"
    );
    let node = start(&["demo", "--data-dir", data, "--port", "0"]);
    assert!(
        node.lines.iter().any(|l| l.contains("Reusing")),
        "{:?}",
        node.lines
    );
    assert_eq!(get(&format!("{}/healthz", node.url)).await.status(), 200);
}

#[tokio::test]
async fn a_node_beyond_loopback_serves_https_with_a_certificate_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let node = start(&["serve", "--data-dir", data, "--listen", "0.0.0.0:0"]);
    assert!(node.url.starts_with("https://"), "{}", node.url);
    let port = node.url.rsplit(':').next().unwrap();
    assert_eq!(
        get(&format!("https://127.0.0.1:{port}/healthz"))
            .await
            .status(),
        200
    );
    assert!(Path::new(data).join("tls/cert.pem").exists());
    let plain = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await;
    assert!(
        plain.is_err() || !plain.unwrap().status().is_success(),
        "no plain HTTP beyond loopback"
    );
}

fn add_user(data: &str, username: &str, password: &str) -> Output {
    let mut child = spean()
        .args([
            "user",
            "add",
            username,
            "--display-name",
            "Somchai",
            "--agency",
            "DSI",
            "--role",
            "investigator",
            "--password-stdin",
            "--data-dir",
            data,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn accounts_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    assert!(
        run(&[
            "agency",
            "add",
            "DSI",
            "--name",
            "Department of Special Investigation",
            "--country",
            "TH",
            "--data-dir",
            data
        ])
        .status
        .success()
    );
    let short = add_user(data, "somchai", "too short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("12"));
    assert!(
        add_user(data, "somchai", "a long enough password")
            .status
            .success()
    );
    let again = add_user(data, "somchai", "a long enough password");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let token = run(&["user", "token", "somchai", "--data-dir", data]);
    assert!(stdout(&token).trim().len() >= 40);
    assert!(
        run(&["user", "disable", "somchai", "--data-dir", data])
            .status
            .success()
    );
    assert!(stdout(&run(&["user", "list", "--data-dir", data])).contains("(disabled)"));
    let unknown_role = run(&[
        "user",
        "grant",
        "somchai",
        "--agency",
        "DSI",
        "--role",
        "superuser",
        "--data-dir",
        data,
    ]);
    assert!(!unknown_role.status.success());
}

#[test]
fn audit_verify_names_the_first_altered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    assert!(
        run(&[
            "agency",
            "add",
            "DSI",
            "--name",
            "DSI",
            "--country",
            "TH",
            "--data-dir",
            data
        ])
        .status
        .success()
    );
    assert!(
        run(&[
            "agency",
            "add",
            "MSDHS",
            "--name",
            "MSDHS",
            "--country",
            "TH",
            "--data-dir",
            data
        ])
        .status
        .success()
    );
    assert!(
        add_user(data, "malee", "a long enough password")
            .status
            .success()
    );
    let intact = run(&["audit", "verify", "--data-dir", data]);
    assert!(intact.status.success(), "{}", stdout(&intact));
    assert!(stdout(&intact).contains("3 entries"));

    let database = dir.path().join("spean.sqlite3");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET actor_name = 'nobody' WHERE seq = 2")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let broken = run(&["audit", "verify", "--data-dir", data]);
    assert!(!broken.status.success());
    assert!(stdout(&broken).contains("#2"), "{}", stdout(&broken));
}

#[test]
fn a_missing_data_folder_is_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let output = run(&["audit", "verify", "--data-dir", missing.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no Spean database"));
    assert!(!missing.exists());
}

#[test]
fn migrate_brings_postgresql_to_the_current_schema() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // Skips (with the reason printed) only when no PostgreSQL server is configured.
    let Some(db) = runtime.block_on(spean_store::testing::fresh_database(
        spean_store::Backend::Postgres,
    )) else {
        return;
    };
    let output = run(&["migrate", "--database-url", &db.url]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verify = run(&["audit", "verify", "--database-url", &db.url]);
    assert!(verify.status.success(), "{}", stdout(&verify));
}
