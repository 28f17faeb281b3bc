//! Errors: GitLab's message and headers, undecodable answers, invalid input sending nothing.

use super::*;

#[tokio::test]
async fn http_errors_carry_message_and_headers() {
    let server = Server::start(vec![
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"message\":\"404 Project Not Found\"}".into(),
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nRateLimit-Limit: 600\r\nRateLimit-Remaining: 0\r\nRateLimit-Reset: 1700000000\r\nSet-Cookie: _gitlab_session=abc\r\n\r\nRetry later\n".into(),
    ]);
    let client = builder(&server.base)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let mut r = client.request(Method::GET, "get_package", "/t");
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"a/b")
        .query("secret_looking", &"q");
    let err = r.send_json().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        err.to_string(),
        "get_package: GET /api/v4/projects/a/b failed with 404 Not Found: Project Not Found"
    );
    let err = get(&client, "/x").send_bytes().await.unwrap_err();
    match &err {
        Error::Http {
            status,
            message,
            headers,
            ..
        } => {
            assert_eq!(*status, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(message.as_deref(), Some("Retry later"));
            assert_eq!(headers["ratelimit-remaining"], "0");
            assert_eq!(headers["ratelimit-reset"], "1700000000");
            assert!(headers.get("set-cookie").is_none());
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.retry_after(), Some("30"));
    assert_eq!(
        err.to_string(),
        "op: GET /x failed with 429 Too Many Requests: Retry later (retry after 30)"
    );
}

#[tokio::test]
async fn decode_error_has_snippet() {
    let server = Server::start(vec![ok("not json")]);
    match get(&client(&server.base), "/x")
        .send_json()
        .await
        .unwrap_err()
    {
        Error::Decode { snippet, path, .. } => {
            assert_eq!(snippet, "not json");
            assert_eq!(path, "/x");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let server = Server::start(vec![ok("")]);
    let mut r = client(&server.base).request(Method::DELETE, "delete_package", "/t");
    r.path_literal("/api/v4/projects/").path_param("id", &"");
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for delete_package: parameter `id`: must not be empty"
    );
    let mut r = client(&server.base).request(Method::GET, "list", "/t");
    r.path_param("id", &"..");
    let mut items = r.into_items(Pagination::Offset);
    use futures_util::StreamExt;
    let first = items.next().await.unwrap().unwrap_err();
    assert_eq!(
        first.to_string(),
        "invalid input for list: parameter `id`: must not be `..`"
    );
    assert!(items.next().await.is_none());
    server.nothing_more();
}

/// `Display` does not repeat the status GitLab's message repeats, and the helpers people
/// reach for answer by status.
#[tokio::test]
async fn errors_say_each_thing_once_and_answer_what_they_are() {
    let server = Server::start(vec![
        "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n{\"message\":\"401 Unauthorized\"}".into(),
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{\"message\":\"403 Forbidden - You are not allowed to push\"}".into(),
        "HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\n\r\n{\"message\":\"409 Conflict\"}".into(),
        "HTTP/1.1 404 Not Found\r\n\r\n".into(),
    ]);
    let client = builder(&server.base)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = get(&client, "/x").send_empty().await.unwrap_err();
    assert_eq!(err.to_string(), "op: GET /x failed with 401 Unauthorized");
    assert!(err.is_unauthorized() && !err.is_not_found());
    let err = get(&client, "/x").send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "op: GET /x failed with 403 Forbidden: You are not allowed to push"
    );
    assert!(err.is_forbidden());
    let err = get(&client, "/x").send_empty().await.unwrap_err();
    assert_eq!(err.to_string(), "op: GET /x failed with 409 Conflict");
    assert!(err.is_conflict() && !err.is_server_error() && !err.is_rate_limited());
    let err = get(&client, "/x").send_empty().await.unwrap_err();
    assert_eq!(err.to_string(), "op: GET /x failed with 404 Not Found");
    assert!(err.is_not_found());
}

/// GitLab's message reaches terminals and logs: line breaks and escape sequences are
/// neutralised, and its length bounded.
#[tokio::test]
async fn server_text_in_errors_is_neutralised_and_bounded() {
    let hostile = format!(
        "{{\"message\":\"denied\\n\\u001b[2J\\u001b]0;pwned\\u0007{}\"}}",
        "x".repeat(5000)
    );
    let server = Server::start(vec![Action::Reply(format!(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{hostile}"
    ))]);
    let err = get(&client(&server.base), "/p")
        .send_empty()
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(
        text.starts_with("op: GET /p failed with 403 Forbidden: denied  [2J ]0;pwned x"),
        "{text}"
    );
    assert!(text.chars().count() < 600, "{}", text.chars().count());
    assert!(text.ends_with("x…"), "{text}");
}
