//! Time as stored: Unix milliseconds in a 64-bit integer, read alike by both backends.

/// The current time in Unix milliseconds.
pub fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
