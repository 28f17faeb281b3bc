//! Tests of request assembly, and of sending against loopback test servers (`test_server`),
//! one module per concern; the helpers they share are here.

mod auth;
mod downloads;
mod errors;
mod hostile;
mod limits;
mod operations;
mod options;
mod pagination;
mod paths;
mod redirects;
mod retries;
mod sending;
mod spec_auth;
mod timeouts;
mod tls;
mod traces;
mod uploads;

use std::time::{Duration, Instant};

use crate::test_server::{Action, Seen, Server};
use crate::*;

fn client(base: &str) -> Client {
    Client::builder().base_url(base).no_proxy().build().unwrap()
}

fn request() -> RequestBuilder {
    client("https://gitlab.example.com").request(Method::GET, "op", "/t")
}

// ---------------------------------------------------------------------------------------
// Sending, against loopback servers (see `test_server`).

const DATA_SHA256: &str = "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7";

/// Quick retries, so that tests take milliseconds.
fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
}

fn builder(base: &str) -> ClientBuilder {
    Client::builder()
        .base_url(base)
        .auth(Auth::private_token("tok"))
        .retry(fast_retry())
        .no_proxy()
}

fn token_client(base: &str) -> Client {
    builder(base).build().unwrap()
}

fn get(client: &Client, path: &'static str) -> RequestBuilder {
    let mut r = client.request(Method::GET, "op", "/t");
    r.path_literal(path);
    r
}

fn ok(body: &str) -> Action {
    Action::Reply(format!("HTTP/1.1 200 OK\r\n\r\n{body}"))
}

fn unavailable() -> Action {
    "HTTP/1.1 503 Service Unavailable\r\n\r\n{\"message\":\"try later\"}".into()
}

/// A unique empty directory under the system's temporary directory.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rt-test-{name}-{:016x}", fastrand::u64(..)));
    std::fs::create_dir(&dir).unwrap();
    dir
}
