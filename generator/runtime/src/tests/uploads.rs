//! Uploads: files re-read on a retry, a missing file, one-shot streams never retried.

use super::*;

#[tokio::test]
async fn retried_file_upload_arrives_whole() {
    let dir = temp_dir("upload");
    let path = dir.join("pkg.tgz");
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &content).unwrap();
    let server = Server::start(vec![
        unavailable(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        unavailable(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/api/v4/projects/1/packages/generic/p/1.0/pkg.tgz")
        .body(Body::from_file(&path));
    r.send_empty().await.unwrap();
    for _ in 0..2 {
        let seen = server.next();
        assert_eq!(seen.header("content-length"), Some("200000"));
        assert_eq!(seen.header("transfer-encoding"), None);
        assert!(seen.body == content, "body of {} bytes", seen.body.len());
    }

    // A multipart file part streams from disk and is re-read on a retry too.
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/nuget")
        .multipart(Multipart::new().text("name", "pkg").file(
            "package",
            "pkg.nupkg",
            Body::from_file(&path),
        ));
    r.send_empty().await.unwrap();
    for _ in 0..2 {
        let seen = server.next();
        let found = seen
            .body
            .windows(content.len())
            .any(|w| w == content.as_slice());
        assert!(found, "file part missing from {} bytes", seen.body.len());
    }
    server.nothing_more();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn missing_upload_file_is_an_io_error() {
    let server = Server::start(vec![ok("")]);
    let mut r = token_client(&server.base).request(Method::PUT, "upload", "/t");
    r.path_literal("/x")
        .body(Body::from_file("/nonexistent/rt-test/pkg.tgz"));
    let err = r.send_empty().await.unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("upload: cannot open the upload file /nonexistent/rt-test/pkg.tgz: "),
        "{err}"
    );
    server.nothing_more();
}

#[tokio::test]
async fn one_shot_stream_body_is_never_retried() {
    let server = Server::start(vec![
        unavailable(),
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\n\r\n".into(),
        ok(""),
    ]);
    let client = token_client(&server.base);
    let stream =
        || futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"abc"))]);
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/x")
        .body(Body::from_stream(stream(), Some(3)));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    let seen = server.next();
    assert_eq!(seen.body, b"abc");
    assert_eq!(seen.header("content-length"), Some("3"));
    server.nothing_more();

    let mut r = client.request(Method::POST, "op", "/t");
    r.path_literal("/y").body(Body::from_stream(stream(), None));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    server.next();
    server.nothing_more();
}

/// A stream that fails at its very end (after as many bytes as its `Content-Length`)
/// fails the request: the server never gets a complete body, with or without a length.
#[tokio::test]
async fn a_stream_failing_at_its_end_never_completes_the_body() {
    let server = Server::start(vec![ok(""), ok(""), ok("")]);
    let client = token_client(&server.base);
    let stream = || {
        futures_util::stream::iter([
            Ok(bytes::Bytes::from_static(b"ab")),
            Ok(bytes::Bytes::from_static(b"c")),
            Err(std::io::Error::other("checksum mismatch")),
        ])
    };
    for len in [Some(3), None] {
        let mut r = client.request(Method::PUT, "op", "/t");
        r.path_literal("/x").body(Body::from_stream(stream(), len));
        let err = r.send_empty().await.unwrap_err();
        assert!(matches!(err, Error::Body { .. }), "{len:?}: {err:?}");
        // The stream's own error, not the connection's account of it.
        assert_eq!(
            err.to_string(),
            "op: PUT /x: the request body failed: checksum mismatch"
        );
        assert_ne!(server.next().body, b"abc", "{len:?}");
    }
    // Clean streams are sent whole, chunk by chunk.
    let clean = futures_util::stream::iter(
        [&b"ab"[..], b"", b"c"].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from_static(c))),
    );
    let mut r = client.request(Method::PUT, "op", "/t");
    r.path_literal("/y").body(Body::from_stream(clean, Some(3)));
    r.send_empty().await.unwrap();
    assert_eq!(server.next().body, b"abc");
}

/// A multipart file name is written so that Rack reads it as given (`%` as `%25`), and one
/// it cannot carry (a `/`, which Rack cuts at) is refused naming the field, before anything
/// is sent.
#[tokio::test]
async fn multipart_file_names_arrive_as_given_or_are_refused() {
    let server = Server::start(vec![ok("")]);
    let client = client(&server.base);
    let mut r = client.request(Method::PUT, "upload", "/u");
    r.path_literal("/u")
        .multipart(Multipart::new().file("package", "100% a%2Fb.nupkg", "PK"));
    r.send_empty().await.unwrap();
    let body = String::from_utf8(server.next().body).unwrap();
    assert!(
        body.contains(r#"name="package"; filename="100%25 a%252Fb.nupkg""#),
        "{body}"
    );
    let mut r = client.request(Method::PUT, "upload", "/u");
    r.path_literal("/u")
        .multipart(Multipart::new().file("package", "dir/a.nupkg", "PK"));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for upload: parameter `package`: has a file name with `/` or `\\`: the server keeps only what follows the last one"
    );
    server.nothing_more();
}
