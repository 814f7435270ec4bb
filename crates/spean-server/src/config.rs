//! The server's configuration: one typed tree with safe defaults, read from a TOML
//! file and `SPEAN_SECTION__KEY` environment variables by the binary.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::Deserialize;

/// Everything a node needs to run. Every field has a safe default.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder holding the SQLite database, the TLS certificate and other node files.
    /// Default: `spean-data` in the current directory.
    pub data_dir: PathBuf,
    /// Database URL. Default: the SQLite file `spean.sqlite3` in `data_dir`; or
    /// `postgres://user@host/db`.
    pub database_url: Option<String>,
    /// Address to listen on. Default `127.0.0.1:8080`. Plain HTTP is served only on
    /// loopback; any other address gets TLS unless `behind_proxy` is set.
    pub listen: SocketAddr,
    /// A TLS-terminating proxy sits in front (plain HTTP on any address).
    pub behind_proxy: bool,
    /// TLS certificate and key (PEM). Default: a self-signed pair created on first
    /// start in `data_dir/tls/`.
    pub tls: TlsConfig,
    /// How long a browser session lasts, in minutes. Default 480 (a working day).
    pub session_minutes: i64,
    /// Largest request body accepted, in bytes. Default 1 MiB.
    pub max_body_bytes: usize,
    /// The name of this node, shown in the interface. Default "Spean".
    pub node_name: String,
}

/// TLS files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TlsConfig {
    /// PEM certificate chain.
    pub cert: Option<PathBuf>,
    /// PEM private key.
    pub key: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("spean-data"),
            database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            behind_proxy: false,
            tls: TlsConfig::default(),
            session_minutes: 480,
            max_body_bytes: 1024 * 1024,
            node_name: "Spean".to_owned(),
        }
    }
}

impl Config {
    /// The database URL in force: the configured one, or the SQLite file in the data folder.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("spean.sqlite3").display()),
        }
    }

    /// Whether this configuration serves plain HTTP (loopback, or behind a proxy).
    pub fn plain_http(&self) -> bool {
        self.listen.ip().is_loopback() || self.behind_proxy
    }

    /// Whether cookies must carry `Secure` (anything not plain loopback HTTP).
    pub fn secure_cookies(&self) -> bool {
        !self.listen.ip().is_loopback()
    }

    /// Checks the values and lists every problem, each naming its key.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if !(5..=7 * 24 * 60).contains(&self.session_minutes) {
            problems.push("session_minutes: must be between 5 and 10080".to_owned());
        }
        if self.max_body_bytes < 16 * 1024 {
            problems.push("max_body_bytes: must be at least 16384".to_owned());
        }
        if self.tls.cert.is_some() != self.tls.key.is_some() {
            problems.push("tls: give both tls.cert and tls.key, or neither".to_owned());
        }
        if let Some(url) = &self.database_url
            && !["sqlite:", "postgres:", "postgresql:"]
                .iter()
                .any(|scheme| url.starts_with(scheme))
        {
            problems.push("database_url: must start with sqlite: or postgres:".to_owned());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// A configuration for tests: a given data folder, a random loopback port.
    pub fn for_tests(data_dir: PathBuf, database_url: Option<String>) -> Self {
        Self {
            data_dir,
            database_url,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_is_a_sqlite_file_in_the_data_folder() {
        let config = Config::default();
        assert_eq!(
            config.effective_database_url(),
            "sqlite://spean-data/spean.sqlite3"
        );
        assert!(config.plain_http());
        assert!(config.validate().is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let config = Config {
            session_minutes: 0,
            database_url: Some("mysql://x".into()),
            ..Config::default()
        };
        assert_eq!(config.validate().unwrap_err().len(), 2);
    }

    #[test]
    fn the_example_file_matches_the_defaults() {
        let example: Config = toml::from_str(include_str!("../../../config.example.toml")).unwrap();
        let defaults = Config::default();
        assert_eq!(example.listen, defaults.listen);
        assert_eq!(example.session_minutes, defaults.session_minutes);
        assert_eq!(example.max_body_bytes, defaults.max_body_bytes);
        assert_eq!(example.data_dir, defaults.data_dir);
    }
}
