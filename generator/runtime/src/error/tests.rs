//! Tests of the error type and of the server text it shows.

use super::*;

#[test]
fn message_string() {
    assert_eq!(
        error_message(br#"{"message":"404 Project Not Found"}"#).as_deref(),
        Some("404 Project Not Found")
    );
}

#[test]
fn server_text_cannot_drive_a_terminal_or_flood_a_log() {
    let body = "{\"message\":\"bad\\n\\u001b[31mred\\u001b[0m \\u202eevil\\r\\nX-Injected: 1\"}";
    assert_eq!(
        error_message(body.as_bytes()).as_deref(),
        Some("bad  [31mred [0m  evil  X-Injected: 1")
    );
    let long = format!("{{\"message\":\"{}\"}}", "m".repeat(10_000));
    let message = error_message(long.as_bytes()).unwrap();
    assert_eq!(message.chars().count(), 500);
    assert!(message.ends_with("m…"));
    assert_eq!(
        error_message(b"\x1b]0;title\x07plain text").as_deref(),
        Some("]0;title plain text")
    );
}

#[test]
fn urls_lose_user_info_query_and_fragment() {
    assert_eq!(
        redact_url("https://user:pw@storage.example/b/f.tgz?X-Amz-Signature=s#x"),
        "https://storage.example/b/f.tgz?…"
    );
    assert_eq!(redact_url("/api/v4/x?private_token=t"), "/api/v4/x?…");
    assert_eq!(redact_url("https://h:8443/p#frag"), "https://h:8443/p?…");
    assert_eq!(redact_url("https://tok@h"), "https://h");
    assert_eq!(redact_url("https://h/a@b/c"), "https://h/a@b/c");
    assert_eq!(redact_url("/x\r\n\x1b[2J"), "/x   [2J");
}

#[test]
fn message_object_is_compact_json() {
    assert_eq!(
        error_message(br#"{ "message": { "name": [ "taken" ] } }"#).as_deref(),
        Some(r#"{"name":["taken"]}"#)
    );
}

#[test]
fn error_field_and_description() {
    assert_eq!(
        error_message(br#"{"error":"package_name is invalid"}"#).as_deref(),
        Some("package_name is invalid")
    );
    assert_eq!(
        error_message(br#"{"error":"invalid_token","error_description":"Token expired"}"#)
            .as_deref(),
        Some("invalid_token: Token expired")
    );
}

#[test]
fn message_wins_over_error() {
    assert_eq!(
        error_message(br#"{"error":"e","message":"m"}"#).as_deref(),
        Some("m")
    );
}

#[test]
fn plain_text_and_empty() {
    assert_eq!(
        error_message(b"Retry later\n").as_deref(),
        Some("Retry later")
    );
    assert_eq!(
        error_message(b"<html>\n<h1>502</h1>").as_deref(),
        Some("<html> <h1>502</h1>")
    );
    assert_eq!(error_message(b"  \n"), None);
    assert_eq!(error_message(b"").as_deref(), None);
    // JSON without either key: quoted as is.
    assert_eq!(error_message(br#"{"x":1}"#).as_deref(), Some(r#"{"x":1}"#));
}

#[test]
fn snippet_is_cut() {
    let long = "é".repeat(500);
    let s = snippet(long.as_bytes());
    assert_eq!(s.chars().count(), 200);
    assert!(s.ends_with('…'));
    assert_eq!(snippet("a".repeat(200).as_bytes()), "a".repeat(200));
    let cut = snippet("a".repeat(201).as_bytes());
    assert_eq!(cut, format!("{}…", "a".repeat(199)));
}

#[test]
fn display() {
    let e = Error::invalid("list_project_packages", "id", "must not be empty");
    assert_eq!(
        e.to_string(),
        "invalid input for list_project_packages: parameter `id`: must not be empty"
    );
    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, "60".parse().unwrap());
    headers.insert(SET_COOKIE, "_gitlab_session=s".parse().unwrap());
    headers.insert("ratelimit-remaining", "0".parse().unwrap());
    let ctx = Context {
        operation: "get_package",
        method: Method::GET,
        path: "/api/v4/projects/1/packages/2".into(),
    };
    let e = Error::http(
        &ctx,
        StatusCode::TOO_MANY_REQUESTS,
        Some("Retry later".into()),
        headers,
    );
    assert_eq!(
        e.to_string(),
        "get_package: GET /api/v4/projects/1/packages/2 failed with 429 Too Many Requests: Retry later (retry after 60)"
    );
    assert_eq!(e.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(e.retry_after(), Some("60"));
    let headers = e.headers().unwrap();
    assert!(headers.get(SET_COOKIE).is_none());
    assert_eq!(headers["ratelimit-remaining"], "0");
    assert!(e.is_retryable(&Method::POST));
    let e = Error::http(
        &ctx,
        StatusCode::SERVICE_UNAVAILABLE,
        None,
        HeaderMap::new(),
    );
    assert!(e.is_retryable(&Method::GET));
    assert!(e.is_retryable(&Method::PUT));
    assert!(!e.is_retryable(&Method::POST));
    assert!(
        !Error::http(&ctx, StatusCode::NOT_FOUND, None, HeaderMap::new())
            .is_retryable(&Method::GET)
    );
    assert!(!ctx.stalled().is_retryable(&Method::GET));
    assert_eq!(
        ctx.stalled().to_string(),
        "get_package: GET /api/v4/projects/1/packages/2 timed out (too little data within the read timeout)"
    );
}
