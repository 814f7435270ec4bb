//! TLS for nodes that listen beyond loopback: the configured certificate, or a
//! self-signed one created on first start and kept in the data folder.

use std::path::PathBuf;

use anyhow::Context;

use crate::config::Config;

/// The certificate and key files to serve with, creating a self-signed pair in
/// `data_dir/tls/` when none is configured and none exists yet.
pub fn certificate_files(config: &Config) -> anyhow::Result<(PathBuf, PathBuf)> {
    if let (Some(cert), Some(key)) = (&config.tls.cert, &config.tls.key) {
        return Ok((cert.clone(), key.clone()));
    }
    let dir = config.data_dir.join("tls");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    if cert.exists() && key.exists() {
        return Ok((cert, key));
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
    let ip = config.listen.ip();
    if !ip.is_unspecified() {
        names.push(ip.to_string());
    }
    let generated =
        rcgen::generate_simple_self_signed(names).context("creating a self-signed certificate")?;
    write_private(&key, generated.key_pair.serialize_pem().as_bytes())?;
    std::fs::write(&cert, generated.cert.pem())
        .with_context(|| format!("writing {}", cert.display()))?;
    tracing::info!(path = %cert.display(), "created a self-signed TLS certificate");
    Ok((cert, key))
}

/// Writes a file readable by its owner only (the private key).
fn write_private(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
