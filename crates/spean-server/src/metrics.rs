//! Prometheus metrics for `/metrics`: request counts and latencies by route.
//!
//! The registry belongs to the state, not to the process, so tests can run several
//! servers side by side.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};

use crate::state::AppState;

/// The node's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A fresh registry with Spean's metrics.
    ///
    /// # Panics
    /// Never in practice: the metric definitions are constants.
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "spean_http_requests_total",
                "HTTP requests by route, method and status",
            ),
            &["route", "method", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "spean_http_request_duration_seconds",
                "HTTP request latency by route",
            ),
            &["route"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(requests.clone()))
            .expect("register once");
        registry
            .register(Box::new(latency.clone()))
            .expect("register once");
        Self {
            registry,
            requests,
            latency,
        }
    }

    /// The metrics in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        let encoder = TextEncoder::new();
        if encoder
            .encode(&self.registry.gather(), &mut buffer)
            .is_err()
        {
            return String::new();
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}

/// Middleware counting every request by its route pattern (never the raw path, which
/// may hold ids).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    state
        .metrics
        .requests
        .with_label_values(&[route.as_str(), method.as_str(), status.as_str()])
        .inc();
    state
        .metrics
        .latency
        .with_label_values(&[route.as_str()])
        .observe(started.elapsed().as_secs_f64());
    response
}
