//! Retries: refused connections, 429 and 503, lost connections, truncated bodies, limits.

use super::*;

#[tokio::test]
async fn connection_refused_is_transport_error_and_retried() {
    // Bind then drop to get a port with (almost certainly) no listener.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = token_client(&format!("http://127.0.0.1:{port}"));
    let mut r = client.request(Method::POST, "op", "/t");
    r.path_literal("/x").query("token_like", &"zzz");
    let start = Instant::now();
    let err = r.send_empty().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable(&Method::POST), "nothing was sent");
    // Three waits of 5 to 40 ms.
    assert!(
        start.elapsed() >= Duration::from_millis(15),
        "{:?}",
        start.elapsed()
    );
    let text = err.to_string();
    assert!(text.starts_with("op: POST /x: transport error"), "{text}");
    assert!(!text.contains("zzz"), "{text}");
}

#[tokio::test]
async fn too_many_requests_is_retried_after_retry_after_even_for_post() {
    let server = Server::start(vec![
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\n\r\nRetry later".into(),
        "HTTP/1.1 201 Created\r\n\r\n{\"id\":1}".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(Method::POST, "op", "/t");
    r.path_literal("/x").json(&serde_json::json!({"a": 1}));
    assert_eq!(r.send_json().await.unwrap(), serde_json::json!({"id": 1}));
    let (first, second) = (server.next(), server.next());
    let waited = second.at - first.at;
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    assert_eq!(first.body, br#"{"a":1}"#);
    assert_eq!(second.body, br#"{"a":1}"#);
    assert_eq!(second.credentials(), ["private-token: tok"]);
    server.nothing_more();
}

#[tokio::test]
async fn service_unavailable_is_retried_for_get_not_post() {
    let server = Server::start(vec![unavailable(), ok("[1]"), unavailable()]);
    let client = token_client(&server.base);
    assert_eq!(
        get(&client, "/x").send_json().await.unwrap(),
        serde_json::json!([1])
    );
    server.next();
    server.next();
    let mut r = client.request(Method::POST, "op", "/t");
    r.path_literal("/y").body(Body::from("abc"));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.next().line, "POST /y HTTP/1.1");
    server.nothing_more();
}

#[tokio::test]
async fn lost_connection_is_retried() {
    let server = Server::start(vec![Action::Close, ok("fine")]);
    let client = token_client(&server.base);
    assert_eq!(get(&client, "/x").send_text().await.unwrap(), "fine");
    server.next();
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn attempts_are_bounded_and_retries_can_be_off() {
    let server = Server::start((0..5).map(|_| unavailable()).collect());
    let client = builder(&server.base)
        .retry(fast_retry().max_attempts(3))
        .build()
        .unwrap();
    let err = get(&client, "/x").send_empty().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    for _ in 0..3 {
        server.next();
    }
    server.nothing_more();

    let mut r = get(&client, "/y");
    r.options(&RequestOptions::new().retry(RetryPolicy::none()));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn truncated_body_is_an_error_and_get_is_retried() {
    let truncated = || {
        Action::Raw(
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc".to_vec(),
        )
    };
    let server = Server::start(vec![
        truncated(),
        ok("0123456789"),
        truncated(),
        truncated(),
    ]);
    let client = token_client(&server.base);
    assert_eq!(
        get(&client, "/x").send_bytes().await.unwrap().as_ref(),
        b"0123456789"
    );
    server.next();
    server.next();

    let mut r = get(&client, "/y");
    r.options(&RequestOptions::new().retry(RetryPolicy::none()));
    let err = r.send_bytes().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    server.next();

    // A stream hands out what arrived, then the error.
    let mut r = get(&client, "/z");
    r.options(&RequestOptions::new().retry(RetryPolicy::none()));
    let mut download = r.send_stream().await.unwrap();
    assert_eq!(download.chunk().await.unwrap().unwrap().as_ref(), b"abc");
    let err = download.chunk().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(download.chunk().await.is_none());
    server.next();
    server.nothing_more();
}
