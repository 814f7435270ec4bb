//! A real browser (Debian's headless Chromium, driven through chromedriver) signs in
//! to the demo node in Thai, opens a case and finds it in the list.
//!
//! Needs `chromium` and `chromium-driver`; without them the test is skipped with the
//! reason printed, unless `SPEAN_TEST_REQUIRE_ALL=1` (CI), where that is a failure.
//! Set `SPEAN_SCREENSHOT_DIR` to keep screenshots of each step.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on the first unexpected error"
)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_demo(data: &std::path::Path) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spean"))
        .args(["demo", "--data-dir", data.to_str().unwrap()])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines.next().expect("the demo announces its URL").unwrap();
        if let Some((_, url)) = line.split_once("running at ") {
            break url.trim().to_owned();
        }
    };
    // Keep draining stdout so the node never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Killed(child), url)
}

async fn screenshot(client: &fantoccini::Client, name: &str) {
    if let Ok(dir) = std::env::var("SPEAN_SCREENSHOT_DIR") {
        let png = client.screenshot().await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

#[tokio::test]
async fn an_officer_signs_in_opens_a_case_and_finds_it_in_thai() {
    let chromedriver = "/usr/bin/chromedriver";
    if !std::path::Path::new(chromedriver).exists() {
        assert!(
            std::env::var("SPEAN_TEST_REQUIRE_ALL").map_or(true, |v| v != "1"),
            "chromedriver is not installed"
        );
        eprintln!(
            "SKIPPED: browser test, {chromedriver} is not installed (apt-get install chromium chromium-driver)"
        );
        return;
    }
    // The WebDriver client speaks plain HTTP to chromedriver, but its TLS stack still
    // wants one process-wide crypto provider chosen.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let (_node, base) = start_demo(&dir.path().join("data"));
    let port = free_port();
    let _driver = Killed(
        Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let profile = dir.path().join("profile");
    let capabilities: serde_json::Map<String, serde_json::Value> =
        serde_json::from_value(serde_json::json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::rustls()
            .unwrap()
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(error) if Instant::now() < deadline => {
                let _ = error;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(error) => panic!("chromedriver did not start: {error}"),
        }
    };

    client.goto(&format!("{base}/login?lang=th")).await.unwrap();
    screenshot(&client, "1-login").await;
    assert!(client.source().await.unwrap().contains("เข้าสู่ระบบ"));
    client
        .find(Locator::Css("input[name=username]"))
        .await
        .unwrap()
        .send_keys("intake")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys("spean-demo-2026")
        .await
        .unwrap();
    client
        .find(Locator::Css("form[action='/login'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("a.tile"))
        .await
        .unwrap();
    screenshot(&client, "2-home").await;

    client
        .find(Locator::Css("a[href='/cases/new']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let title = "งานพิมพ์ข้อความที่ปอยเปต ทดสอบเบราว์เซอร์";
    client
        .wait()
        .for_element(Locator::Css("input[name=title]"))
        .await
        .unwrap()
        .send_keys(title)
        .await
        .unwrap();
    client
        .find(Locator::Css("textarea[name=summary]"))
        .await
        .unwrap()
        .send_keys("ผู้เสียหายถูกพาข้ามด่านปอยเปต")
        .await
        .unwrap();
    screenshot(&client, "3-new-case").await;
    client
        .find(Locator::Css("form[action='/cases'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("dl.facts"))
        .await
        .unwrap();
    let page = client.source().await.unwrap();
    assert!(page.contains(title), "the new case's page shows its title");
    assert!(
        page.contains("บันทึกแล้ว") || page.contains("class=\"notice\""),
        "a saved notice in Thai"
    );
    screenshot(&client, "4-case").await;

    client.goto(&format!("{base}/cases")).await.unwrap();
    let rows = client
        .find_all(Locator::Css("table.list tbody tr"))
        .await
        .unwrap();
    let mut found = false;
    for row in rows {
        if row.text().await.unwrap().contains(title) {
            found = true;
        }
    }
    assert!(found, "the case is in the list");
    assert!(
        client
            .source()
            .await
            .unwrap()
            .contains("<html lang=\"th\">"),
        "the language choice is remembered"
    );
    screenshot(&client, "5-list").await;
    client.close().await.unwrap();
}
