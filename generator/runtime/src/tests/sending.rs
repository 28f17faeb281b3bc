//! Sending and reading: bodies (JSON, form, raw, multipart), answers, blocking, `Send` bounds.

use super::*;

#[test]
fn public_types_are_send_and_static() {
    fn check<T: Send + Unpin + 'static>() {}
    fn check_sync<T: Send + Sync + 'static>() {}
    check::<Items<serde_json::Value>>();
    check::<ByteStream>();
    check::<RequestBuilder>();
    check_sync::<Client>();
    check_sync::<Error>();
    check_sync::<RequestOptions>();
    check_sync::<Body>();
    fn future<F: std::future::Future + Send + 'static>(_: F) {}
    let r = request();
    future(r.send_json());
    future(request().send_stream());
    future(request().send_page());
}

#[tokio::test]
async fn sends_json_and_reads_json() {
    let server = Server::start(vec![
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{\"id\":1}".into(),
    ]);
    let mut r = token_client(&format!("{}/gitlab/", server.base)).request(Method::POST, "op", "/t");
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"g/p")
        .path_literal("/x")
        .query("a", &"1+1")
        .json(&serde_json::json!({"tag": "v1"}));
    let value = r.send_json().await.unwrap();
    assert_eq!(value, serde_json::json!({"id": 1}));
    let seen = server.next();
    assert_eq!(
        seen.line,
        "POST /gitlab/api/v4/projects/g%2Fp/x?a=1%2B1 HTTP/1.1"
    );
    assert_eq!(seen.credentials(), ["private-token: tok"]);
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(
        seen.header("user-agent"),
        Some(concat!(
            env!("CARGO_PKG_NAME"),
            "/",
            env!("CARGO_PKG_VERSION")
        ))
    );
    assert_eq!(seen.body, br#"{"tag":"v1"}"#);
}

#[tokio::test]
async fn form_body_and_request_auth_override() {
    let server = Server::start(vec!["HTTP/1.1 204 No Content\r\n\r\n".into()]);
    let mut r = token_client(&server.base).request(Method::POST, "op", "/t");
    r.path_literal("/f")
        .form(&[("tag", "v1.0 +".to_owned()), ("b", "x&y".to_owned())])
        .auth(Auth::basic("gitlab-ci-token", "job"));
    assert_eq!(r.send_json().await.unwrap(), serde_json::Value::Null);
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(seen.body, b"tag=v1.0+%2B&b=x%26y");
    assert_eq!(
        seen.credentials(),
        ["authorization: Basic Z2l0bGFiLWNpLXRva2VuOmpvYg=="]
    );
}

#[tokio::test]
async fn raw_body_multipart_and_explicit_credential_header() {
    let server = Server::start(vec![
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/file")
        .header("Authorization", "Bearer jwt")
        .body(Body::from(&b"\x00\x01"[..]));
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(
        seen.credentials(),
        ["authorization: Bearer jwt"],
        "only one credential"
    );
    assert_eq!(seen.body, b"\x00\x01");

    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/nuget")
        .multipart(
            Multipart::new()
                .text("name", "pkg")
                .file("package", "pkg.nupkg", "PK"),
        );
    r.send_empty().await.unwrap();
    let seen = server.next();
    let content_type = seen.header("content-type").unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8(seen.body).unwrap();
    assert!(body.contains("name=\"name\"\r\n\r\npkg\r\n"), "{body}");
    assert!(
        body.contains("name=\"package\"; filename=\"pkg.nupkg\""),
        "{body}"
    );
    assert!(body.contains("\r\n\r\nPK\r\n"), "{body}");
}

#[tokio::test]
async fn text_response() {
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nd41d8cd98f00b204e9800998ecf8427e"
            .into(),
    ]);
    assert_eq!(
        get(&client(&server.base), "/a.md5")
            .send_text()
            .await
            .unwrap(),
        "d41d8cd98f00b204e9800998ecf8427e"
    );
}

#[cfg(feature = "blocking")]
#[test]
fn block_on_sends_from_synchronous_code() {
    let server = Server::start(vec![ok("{\"version\":\"17.0\"}"), ok("[1]")]);
    let client = token_client(&server.base);
    let version = block_on(get(&client, "/api/v4/version").send_json()).unwrap();
    assert_eq!(version["version"], "17.0");
    // Again, from another thread, on the same pooled client.
    let other = client.clone();
    let items = std::thread::spawn(move || block_on(get(&other, "/x").send_json()))
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(items, serde_json::json!([1]));
    assert_eq!(server.next().credentials(), ["private-token: tok"]);
    server.next();
}
