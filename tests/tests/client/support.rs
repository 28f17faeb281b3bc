//! Helpers shared by the client tests: clients for a server, one call and its request,
//! assertions.

use std::future::IntoFuture;
use std::time::Duration;

use futures_util::StreamExt;
use gitlab_packages::{Auth, Client, Error, Items, RetryPolicy};
use tests::server::{Recorded, Reply, Server};

/// The token of the default client, sent as `PRIVATE-TOKEN`.
pub const TOKEN: &str = "glpat-test-0123456789abcdef";

/// The credential headers of a request from the default client: `PRIVATE-TOKEN` alone.
pub const PRIVATE_TOKEN: [(&str, &str); 1] = [("private-token", TOKEN)];

/// Upper bound of a test that might hang (a retry loop, a timeout).
pub const LIMIT: Duration = Duration::from_secs(30);

/// The default client for `server`: `PRIVATE-TOKEN: TOKEN`.
pub fn client(server: &Server) -> Client {
    client_with(&server.url(), Auth::private_token(TOKEN))
}

/// A client for `base_url` with `auth`: no proxy (the environment's must not interfere), a
/// 10 s timeout, and retries backing off 10 ms (so that the retry tests stay fast).
pub fn client_with(base_url: &str, auth: Auth) -> Client {
    Client::builder()
        .base_url(base_url)
        .auth(auth)
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .expect("client")
}

/// Answers `reply` to every request, runs `call`, and returns its output with the one
/// request it sent (panics if it sent none or several).
pub async fn capture<F: IntoFuture>(
    server: &Server,
    reply: Reply,
    call: F,
) -> (F::Output, Recorded) {
    server.answer(reply);
    server.take();
    let output = call.into_future().await;
    (output, server.take_one())
}

/// Answers `replies` in order (then `500`), runs `call`, and returns its output with all
/// the requests it sent.
pub async fn capture_all<F: IntoFuture>(
    server: &Server,
    replies: Vec<Reply>,
    call: F,
) -> (F::Output, Vec<Recorded>) {
    server.answer(Reply::unexpected());
    server.enqueue(replies);
    server.take();
    let output = call.into_future().await;
    (output, server.take())
}

/// Runs `call`, which must fail before sending anything; returns its error.
pub async fn rejected<T, F>(server: &Server, call: F) -> Error
where
    T: std::fmt::Debug,
    F: IntoFuture<Output = Result<T, Error>>,
{
    server.take();
    let error = call.into_future().await.expect_err("the call must fail");
    assert_eq!(server.take().len(), 0, "no request may be sent: {error}");
    error
}

/// Runs a test body within `LIMIT`.
pub async fn bounded<F: std::future::Future>(test: F) -> F::Output {
    tokio::time::timeout(LIMIT, test)
        .await
        .expect("the test finishes within its time limit")
}

/// Every item of a list, in order; panics on an error.
pub async fn collect<T>(items: Items<T>) -> Vec<T>
where
    Items<T>: futures_util::Stream<Item = Result<T, Error>>,
{
    items
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .expect("every page")
}

/// Asserts the query holds exactly these `name=value` pairs (raw, as sent), in any order.
#[track_caller]
pub fn assert_query(request: &Recorded, expected: &[&str]) {
    let mut actual: Vec<&str> = request
        .query
        .as_deref()
        .map(|q| q.split('&').collect())
        .unwrap_or_default();
    let mut expected = expected.to_vec();
    actual.sort_unstable();
    expected.sort_unstable();
    assert_eq!(actual, expected, "query of {}", request.target());
}

/// Asserts the request carries `PRIVATE-TOKEN: TOKEN` and no other credential.
#[track_caller]
pub fn assert_private_token(request: &Recorded) {
    assert_eq!(request.credentials(), PRIVATE_TOKEN, "{}", request.target());
}

/// Asserts `error` is `Error::InvalidInput` for `parameter`.
#[track_caller]
pub fn assert_invalid(error: &Error, parameter: &str) {
    match error {
        Error::InvalidInput { parameter: p, .. } => assert_eq!(p, parameter, "{error}"),
        other => panic!("expected InvalidInput for `{parameter}`, got {other:?}"),
    }
}
