//! Limits a server cannot push past: looping or endless lists, huge answers read whole,
//! bodies dripping slowly (see `Limits`).

use futures_util::StreamExt;

use super::*;

fn limited(base: &str, limits: Limits) -> Client {
    builder(base)
        .limits(limits)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_list_whose_next_page_loops_ends_in_an_error() {
    // 2 → 1 → 2 …: the third page names page 2 again.
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nX-Next-Page: 2\r\n\r\n[1]".into(),
        "HTTP/1.1 200 OK\r\nX-Next-Page: 1\r\n\r\n[2]".into(),
        "HTTP/1.1 200 OK\r\nX-Next-Page: 2\r\n\r\n[3]".into(),
    ]);
    let client = token_client(&server.base);
    let items: Vec<Result<serde_json::Value>> = get(&client, "/l")
        .into_items(Pagination::Offset)
        .collect()
        .await;
    assert_eq!(items.len(), 4, "{items:?}");
    let err = items.into_iter().last().unwrap().unwrap_err();
    assert!(matches!(err, Error::Pagination { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "op: /l: cannot follow the next page: the server names page 2 again: its pagination loops"
    );
    for _ in 0..3 {
        server.next();
    }
    server.nothing_more();
}

#[tokio::test]
async fn a_list_stops_at_the_page_limit() {
    let page =
        |n: u32| -> Action { format!("HTTP/1.1 200 OK\r\nX-Next-Page: {n}\r\n\r\n[{n}]").into() };
    let server = Server::start(vec![page(2), page(3)]);
    let client = limited(&server.base, Limits::default().max_pages(2));
    let items: Vec<Result<serde_json::Value>> = get(&client, "/l")
        .into_items(Pagination::Offset)
        .collect()
        .await;
    assert_eq!(
        items.len(),
        3,
        "two pages of items, then the error: {items:?}"
    );
    let err = items.into_iter().last().unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "op: /l: cannot follow the next page: the list has more than 2 pages, the limit (Limits::max_pages)"
    );
    server.next();
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn an_answer_larger_than_the_limit_is_refused() {
    let big = "x".repeat(100);
    let server = Server::start(vec![
        // Announced: refused before reading.
        Action::Reply(format!("HTTP/1.1 200 OK\r\n\r\n{big}")),
        // Not announced (read to the close): refused once past the limit.
        Action::Raw(format!("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{big}").into_bytes()),
        // At the limit: fine.
        ok(&"y".repeat(10)),
    ]);
    let client = limited(&server.base, Limits::default().max_body(10));
    for _ in 0..2 {
        let err = get(&client, "/big").send_bytes().await.unwrap_err();
        assert!(matches!(err, Error::TooLarge { limit: 10, .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "op: GET /big: the answer is larger than 10 bytes, the limit for answers read whole (stream it with send_stream(), or raise Limits::max_body)"
        );
        server.next();
    }
    assert_eq!(get(&client, "/ok").send_bytes().await.unwrap().len(), 10);
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn a_stream_is_not_bounded_in_size() {
    let big = "x".repeat(100);
    let server = Server::start(vec![ok(&big)]);
    let client = limited(&server.base, Limits::default().max_body(10));
    let body = get(&client, "/s")
        .send_stream()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(body.len(), 100);
}

/// A body dripping a byte every 50 ms.
fn drip(status: &str, bytes: usize) -> Action {
    let head = format!("HTTP/1.1 {status}\r\nContent-Length: {bytes}\r\n\r\n").into_bytes();
    let mut pieces = vec![head];
    pieces.extend((0..bytes).map(|_| b"x".to_vec()));
    Action::Trickle(pieces, Duration::from_millis(50))
}

#[tokio::test]
async fn an_answer_read_whole_has_a_deadline() {
    let server = Server::start(vec![drip("200 OK", 40)]);
    let limits = Limits::default()
        .min_rate(0)
        .answer_timeout(Duration::from_millis(300));
    let client = limited(&server.base, limits);
    let start = Instant::now();
    let err = get(&client, "/slow").send_bytes().await.unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        err.to_string(),
        "op: GET /slow timed out (the answer was not read within the answer timeout)"
    );
}

#[tokio::test]
async fn a_body_slower_than_the_minimum_rate_is_a_stall() {
    // 20 bytes/s against a minimum of 1 KiB/s over 200 ms windows (204 bytes each).
    let server = Server::start(vec![drip("200 OK", 40), drip("200 OK", 6)]);
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let start = Instant::now();
    let stream = get(&client, "/slow").send_stream().await.unwrap();
    let err = stream.bytes().await.unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        err.to_string(),
        "op: GET /slow timed out (too little data within the read timeout)"
    );
    server.next();
    // Without a minimum, a byte in each window keeps it going to the end.
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(200))
        .limits(Limits::default().min_rate(0))
        .build()
        .unwrap();
    let body = get(&client, "/slow")
        .send_stream()
        .await
        .unwrap()
        .bytes()
        .await;
    assert_eq!(body.unwrap().len(), 6);
}

#[tokio::test]
async fn a_dripping_error_body_ends_within_the_window() {
    let server = Server::start(vec![drip("500 Internal Server Error", 64 * 1024)]);
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = get(&client, "/e").send_bytes().await.unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        err.status(),
        Some(StatusCode::INTERNAL_SERVER_ERROR),
        "{err:?}"
    );
}
