//! Redirects: no credentials to another host, other methods not followed, the limit.

use super::*;

#[tokio::test]
async fn redirect_to_other_host_drops_credentials() {
    let storage = Server::start_on("127.0.0.2:0", vec![ok("data")]);
    let gitlab = Server::start(vec![
        "HTTP/1.1 301 Moved Permanently\r\nLocation: /api/v4/moved?x=1\r\n\r\n".into(),
        format!(
            "HTTP/1.1 302 Found\r\nX-Checksum-SHA256: {DATA_SHA256}\r\nLocation: {}/bucket/file?X-Amz-Signature=sig#frag\r\n\r\n",
            storage.base
        )
        .into(),
    ]);
    let client = token_client(&gitlab.base);
    let mut r = get(&client, "/api/v4/file");
    r.secret_header("X-Custom-Key", "key")
        .header("Accept", "*/*");
    let download = r.send_stream().await.unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.expected_checksum(), Some(DATA_SHA256));
    assert_eq!(download.content_length(), Some(4));
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"data");

    let first = gitlab.next();
    assert_eq!(first.line, "GET /api/v4/file HTTP/1.1");
    assert_eq!(first.credentials(), ["private-token: tok"]);
    let second = gitlab.next();
    assert_eq!(second.line, "GET /api/v4/moved?x=1 HTTP/1.1");
    assert_eq!(second.credentials(), ["private-token: tok"], "same origin");
    assert_eq!(second.header("x-custom-key"), Some("key"));
    let third = storage.next();
    assert_eq!(third.line, "GET /bucket/file?X-Amz-Signature=sig HTTP/1.1");
    assert!(!third.has_credentials(), "{third:?}");
    assert_eq!(third.header("x-custom-key"), None);
    assert_eq!(third.header("accept"), Some("*/*"));
}

/// reqwest sends a URL's user name and password in an `Authorization` header, so the URL it
/// answers from has none: that is not a redirect followed behind the runtime's back.
#[tokio::test]
async fn a_redirect_to_a_location_with_a_user_name_is_followed() {
    let storage = Server::start_on("127.0.0.2:0", vec![ok("data")]);
    let with_user = storage.base.replacen("http://", "http://user:pass@", 1);
    let gitlab = Server::start(vec![
        format!("HTTP/1.1 302 Found\r\nLocation: {with_user}/bucket/file\r\n\r\n").into(),
    ]);
    let client = token_client(&gitlab.base);
    let download = get(&client, "/api/v4/file").send_stream().await.unwrap();
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"data");
    gitlab.next();
    let hop = storage.next();
    assert_eq!(hop.line, "GET /bucket/file HTTP/1.1");
    assert_eq!(hop.header("private-token"), None, "{hop:?}");
}

#[tokio::test]
async fn redirect_of_other_methods_is_an_error() {
    let server = Server::start(vec![
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\n\r\n".into(),
    ]);
    let mut r = token_client(&server.base).request(Method::PUT, "upload", "/t");
    r.path_literal("/api/v4/x").body(Body::from("abc"));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "upload: PUT /api/v4/x was redirected (307 Temporary Redirect) to /elsewhere; the redirect was not followed"
    );
    assert_eq!(err.status(), Some(StatusCode::TEMPORARY_REDIRECT));
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn too_many_redirects() {
    let hop = "HTTP/1.1 302 Found\r\nLocation: /again\r\n\r\n";
    let server = Server::start((0..MAX_REDIRECTS + 2).map(|_| hop.into()).collect());
    let err = get(&client(&server.base), "/start")
        .send_empty()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::TooManyRedirects { max: 10, .. }),
        "{err:?}"
    );
    for _ in 0..=MAX_REDIRECTS {
        server.next();
    }
    server.nothing_more();
}

/// Headers set through `RequestOptions` stay home unless known to be harmless; the
/// options' own credential too.
#[tokio::test]
async fn option_headers_do_not_follow_a_redirect_to_another_origin() {
    let storage = Server::start_on("127.0.0.2:0", vec![ok("data")]);
    let gitlab = Server::start(vec![
        format!(
            "HTTP/1.1 302 Found\r\nLocation: {}/bucket/file\r\n\r\n",
            storage.base
        )
        .into(),
    ]);
    let client = token_client(&gitlab.base);
    let mut r = get(&client, "/api/v4/file");
    r.options(
        &RequestOptions::new()
            .header("X-Gitlab-Sudo", "admin")
            .header("X-Trace", "t1")
            .header("Range", "bytes=0-3")
            .header("If-None-Match", "\"e\"")
            .credential_header("X-NuGet-ApiKey", "api-key"),
    );
    assert_eq!(r.send_bytes().await.unwrap().as_ref(), b"data");
    let first = gitlab.next();
    assert_eq!(first.header("x-nuget-apikey"), Some("api-key"));
    assert_eq!(
        first.header("private-token"),
        None,
        "the options' credential only"
    );
    assert_eq!(first.header("x-gitlab-sudo"), Some("admin"));
    let hop = storage.next();
    let names: Vec<&str> = hop.headers.iter().map(|(n, _)| n.as_str()).collect();
    for gone in [
        "x-gitlab-sudo",
        "x-trace",
        "x-nuget-apikey",
        "private-token",
    ] {
        assert!(!names.contains(&gone), "{gone} reached storage: {names:?}");
    }
    assert_eq!(hop.header("range"), Some("bytes=0-3"));
    assert_eq!(hop.header("if-none-match"), Some("\"e\""));
}

/// A redirect that is not followed names its target without the signature of a
/// pre-signed URL, or user info.
#[tokio::test]
async fn an_unfollowed_redirect_does_not_show_the_query_of_its_location() {
    let server = Server::start(vec![
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: https://u:p@storage.example/b/f?X-Amz-Signature=secret-sig&X-Amz-Credential=AKIA\r\n\r\n".into(),
    ]);
    let mut r = token_client(&server.base).request(Method::PUT, "upload", "/t");
    r.path_literal("/api/v4/x").body(Body::from("abc"));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "upload: PUT /api/v4/x was redirected (307 Temporary Redirect) to https://storage.example/b/f?…; the redirect was not followed"
    );
    let debug = format!("{err:?}");
    assert!(
        !debug.contains("secret-sig") && !debug.contains(":p@"),
        "{debug}"
    );
}
