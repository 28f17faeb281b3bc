//! Timeouts: stalled downloads and uploads fail on the read timeout, slow ones do not.

use super::*;

#[tokio::test]
async fn stalled_download_fails_on_the_read_timeout() {
    let stall = || {
        Action::Stall(
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc".to_vec(),
            Duration::from_secs(3),
        )
    };
    let server = Server::start(vec![stall(), stall()]);
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let start = Instant::now();
    let mut download = get(&client, "/file").send_stream().await.unwrap();
    assert_eq!(download.chunk().await.unwrap().unwrap().as_ref(), b"abc");
    let err = download.chunk().await.unwrap().unwrap_err();
    assert!(
        matches!(err, Error::Timeout { source: None, .. }),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        err.to_string(),
        "op: GET /file timed out (too little data within the read timeout)"
    );
    // Read in full: the same, and not retried.
    let start = Instant::now();
    let err = get(&client, "/file").send_bytes().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    server.next();
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn slow_download_is_not_a_stall() {
    let mut pieces = vec![b"HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n".to_vec()];
    pieces.extend((0..6).map(|_| b"0123456789".to_vec()));
    let server = Server::start(vec![Action::Trickle(pieces, Duration::from_millis(120))]);
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(300))
        .limits(Limits::default().min_rate(10))
        .build()
        .unwrap();
    // 6 × 120 ms: longer than the read timeout, but each 300 ms window gets more than
    // the 3 bytes 10 bytes/s asks for.
    let body = get(&client, "/file").send_bytes().await.unwrap();
    assert_eq!(body.as_ref(), b"0123456789".repeat(6).as_slice());
}

#[tokio::test]
async fn silent_server_fails_on_the_read_timeout() {
    let server = Server::start(vec![Action::Delay(
        Duration::from_secs(3),
        "HTTP/1.1 200 OK\r\n\r\n".into(),
    )]);
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = get(&client, "/x").send_empty().await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { source: None, .. }),
        "{err:?}"
    );
    assert!(
        start.elapsed() >= Duration::from_millis(290),
        "{:?}",
        start.elapsed()
    );
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    server.next();
    server.nothing_more();
}

/// A stream of `chunks` chunks of `b"0123456789"`, one every `every`.
fn slow_stream(
    chunks: usize,
    every: Duration,
) -> impl futures_core::Stream<Item = std::io::Result<bytes::Bytes>> + Send + 'static {
    futures_util::stream::unfold(0, move |n| async move {
        if n == chunks {
            return None;
        }
        tokio::time::sleep(every).await;
        Some((Ok(bytes::Bytes::from_static(b"0123456789")), n + 1))
    })
}

#[tokio::test]
async fn slow_upload_is_not_a_stall_but_a_stalled_one_is() {
    let server = Server::start(vec!["HTTP/1.1 201 Created\r\n\r\n".into(), ok("")]);
    let client = builder(&server.base)
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    // 6 × 100 ms: longer than the read timeout, but never 300 ms without progress.
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/up").body(Body::from_stream(
        slow_stream(6, Duration::from_millis(100)),
        None,
    ));
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(seen.body, b"0123456789".repeat(6));
    assert_eq!(seen.header("transfer-encoding"), Some("chunked"));

    // A chunk that takes 1 s: the upload has stalled.
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/up").body(Body::from_stream(
        slow_stream(2, Duration::from_millis(1000)),
        Some(20),
    ));
    let start = Instant::now();
    let err = r.send_empty().await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { source: None, .. }),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(900),
        "{:?}",
        start.elapsed()
    );
}
