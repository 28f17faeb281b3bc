//! Tests of request assembly and of sending against a local test server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use super::*;

fn client(base: &str) -> Client {
    Client::builder().base_url(base).no_proxy().build().unwrap()
}

fn request() -> RequestBuilder {
    client("https://gitlab.example.com").request(Method::GET, "op")
}

/// The URL for one path parameter.
fn param(value: &str) -> String {
    let mut r = request();
    r.path_literal("/p/").path_param("v", &value);
    assert!(r.error_ref().is_none(), "{value:?} rejected");
    r.url().path().trim_start_matches("/p/").to_owned()
}

fn glob(value: &str) -> String {
    let mut r = request();
    r.path_literal("/g/").path_glob("v", value);
    assert!(r.error_ref().is_none(), "{value:?} rejected");
    r.url().path().trim_start_matches("/g/").to_owned()
}

fn param_error(value: &str) -> String {
    let mut r = request();
    r.path_param("id", &value);
    r.error_ref().expect("accepted").to_string()
}

fn glob_error(value: &str) -> String {
    let mut r = request();
    r.path_glob("package_name", value);
    r.error_ref().expect("accepted").to_string()
}

#[test]
fn path_param_encoding() {
    assert_eq!(param("group/sub/project"), "group%2Fsub%2Fproject");
    assert_eq!(param("a b+c%d#e?f"), "a%20b%2Bc%25d%23e%3Ff");
    assert_eq!(param("@scope/name"), "%40scope%2Fname");
    assert_eq!(param("é"), "%C3%A9");
    assert_eq!(param("A-z_0.9~"), "A-z_0.9~");
    assert_eq!(
        param(r"a\b'(),=$&;:*!"),
        "a%5Cb%27%28%29%2C%3D%24%26%3B%3A%2A%21"
    );
    assert_eq!(param("..."), "...");
    assert_eq!(param(".x"), ".x");
    let mut r = request();
    r.path_literal("/projects/")
        .path_param("id", &IdOrPath::from(42u64))
        .path_literal("/x/")
        .path_param("path", &IdOrPath::from("group/sub/project"))
        .path_literal("/y/")
        .path_param("unsized", "a/b");
    assert_eq!(
        r.url().path(),
        "/projects/42/x/group%2Fsub%2Fproject/y/a%2Fb"
    );
}

#[test]
fn path_param_rejects() {
    assert_eq!(
        param_error(""),
        "invalid input for op: parameter `id`: must not be empty"
    );
    assert_eq!(
        param_error("."),
        "invalid input for op: parameter `id`: must not be `.`"
    );
    assert_eq!(
        param_error(".."),
        "invalid input for op: parameter `id`: must not be `..`"
    );
}

#[test]
fn path_glob_encoding() {
    assert_eq!(glob("@scope/name"), "%40scope/name");
    assert_eq!(
        glob("com/example/my app/1.0+b"),
        "com/example/my%20app/1.0%2Bb"
    );
    assert_eq!(glob("a%2Fb/é#?"), "a%252Fb/%C3%A9%23%3F");
    assert_eq!(glob("single"), "single");
}

#[test]
fn path_glob_rejects() {
    assert_eq!(
        glob_error(""),
        "invalid input for op: parameter `package_name`: must not be empty"
    );
    for bad in ["/a", "a/", "a//b", "/"] {
        assert_eq!(
            glob_error(bad),
            "invalid input for op: parameter `package_name`: segment must not be empty (leading, trailing or doubled `/`?)",
            "{bad:?}"
        );
    }
    assert!(glob_error("a/./b").contains("segment must not be `.`"));
    assert!(glob_error("a/..").contains("segment must not be `..`"));
    assert!(glob_error("..").contains("must not be `..`"));
}

#[test]
fn first_error_wins() {
    let mut r = request();
    r.path_param("first", &"")
        .path_param("second", &"..")
        .header("Bad", "a\nb");
    assert!(r.error_ref().unwrap().to_string().contains("`first`"));
}

#[test]
fn query_encoding() {
    let mut r = request();
    r.path_literal("/q")
        .query("version", &"1.0+build 2")
        .query("page", &3)
        .query("name", &"a&b=c/é")
        .query_array("components", &["main".to_owned(), "contrib non".to_owned()])
        .query_array("none", &[]);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/q?version=1.0%2Bbuild+2&page=3&name=a%26b%3Dc%2F%C3%A9&components%5B%5D=main&components%5B%5D=contrib+non"
    );
    let mut r = request();
    r.path_literal("/q").query_array("a", &[]);
    assert_eq!(r.url().as_str(), "https://gitlab.example.com/q");
}

#[test]
fn url_is_byte_exact() {
    for base in ["https://example.com/gitlab", "https://example.com/gitlab/"] {
        let mut r = client(base).request(Method::GET, "op");
        r.path_literal("/api/v4/projects/")
            .path_param("id", &"group/sub/project")
            .path_literal("/packages/npm/")
            .path_glob("package_name", "@scope/name")
            .path_literal("/-/'x'(y),z=$/")
            .path_param("file", &"a b@c");
        assert_eq!(
            r.url().as_str(),
            "https://example.com/gitlab/api/v4/projects/group%2Fsub%2Fproject/packages/npm/%40scope/name/-/'x'(y),z=$/a%20b%40c"
        );
    }
    let mut r = client("http://localhost:8080/").request(Method::GET, "op");
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"a/b")
        .query("q", &"x");
    assert_eq!(
        r.url().as_str(),
        "http://localhost:8080/api/v4/projects/a%2Fb?q=x"
    );
    // A literal without a leading `/` still gets one.
    let mut r = client("https://example.com/root").request(Method::GET, "op");
    r.path_literal("api/v4/version");
    assert_eq!(r.url().as_str(), "https://example.com/root/api/v4/version");
}

#[test]
fn header_validation() {
    let mut r = request();
    r.header("Symbolchecksum", "SHA256:abc");
    assert!(r.error_ref().is_none());
    r.header("X-Bad", "line\nbreak");
    assert_eq!(
        r.error_ref().unwrap().to_string(),
        "invalid input for op: parameter `X-Bad`: is not a valid HTTP header value (control characters?)"
    );
}

// ---------------------------------------------------------------------------------------
// A tiny HTTP/1.1 server on 127.0.0.1 answering scripted responses, one per connection.

/// One request as the server saw it.
#[derive(Debug)]
struct Seen {
    line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_credentials(&self) -> bool {
        [
            "authorization",
            "private-token",
            "job-token",
            "deploy-token",
        ]
        .iter()
        .any(|n| self.header(n).is_some())
    }
}

struct Server {
    base: String,
    seen: mpsc::Receiver<Seen>,
}

impl Server {
    /// Serves `responses` (full HTTP responses without `Connection`/`Content-Length`,
    /// which are added), one per connection, in order.
    fn start(responses: Vec<String>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for response in responses {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut headers = Vec::new();
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    let h = h.trim_end();
                    if h.is_empty() {
                        break;
                    }
                    let (n, v) = h.split_once(':').unwrap();
                    headers.push((n.to_ascii_lowercase(), v.trim().to_owned()));
                }
                let len = headers
                    .iter()
                    .find(|(n, _)| n == "content-length")
                    .map_or(0, |(_, v)| v.parse().unwrap());
                let mut body = vec![0; len];
                reader.read_exact(&mut body).unwrap();
                let (head, payload) = response.split_once("\r\n\r\n").unwrap();
                let full = format!(
                    "{head}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{payload}",
                    payload.len()
                );
                reader.get_mut().write_all(full.as_bytes()).unwrap();
                let _ = tx.send(Seen {
                    line: line.trim_end().to_owned(),
                    headers,
                    body,
                });
            }
        });
        Server { base, seen: rx }
    }

    fn next(&self) -> Seen {
        self.seen.recv_timeout(Duration::from_secs(5)).unwrap()
    }

    fn nothing_more(&self) {
        assert!(self.seen.recv_timeout(Duration::from_millis(200)).is_err());
    }
}

fn token_client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .auth(Auth::private_token("tok"))
        .no_proxy()
        .build()
        .unwrap()
}

#[tokio::test]
async fn sends_json_and_reads_json() {
    let server = Server::start(vec![
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n\r\n{\"id\":1}".into(),
    ]);
    let mut r = token_client(&format!("{}/gitlab/", server.base)).request(Method::POST, "op");
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
    assert_eq!(seen.header("private-token"), Some("tok"));
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
    let mut r = token_client(&server.base).request(Method::POST, "op");
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
        seen.header("authorization"),
        Some("Basic Z2l0bGFiLWNpLXRva2VuOmpvYg==")
    );
    assert_eq!(seen.header("private-token"), None);
}

#[tokio::test]
async fn raw_body_multipart_and_explicit_credential_header() {
    let server = Server::start(vec![
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(Method::PUT, "op");
    r.path_literal("/file")
        .header("Authorization", "Bearer jwt")
        .body(Body::from(&b"\x00\x01"[..]));
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(seen.header("authorization"), Some("Bearer jwt"));
    assert_eq!(seen.header("private-token"), None, "only one credential");
    assert_eq!(seen.body, b"\x00\x01");

    let mut r = client.request(Method::PUT, "op");
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
async fn http_errors_carry_message_and_retry_after() {
    let server = Server::start(vec![
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"message\":\"404 Project Not Found\"}".into(),
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\nRetry later\n".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(Method::GET, "get_package");
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"a/b")
        .query("secret_looking", &"q");
    let err = r.send_json().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        err.to_string(),
        "get_package: GET /api/v4/projects/a%2Fb failed with 404 Not Found: 404 Project Not Found"
    );
    let mut r = client.request(Method::GET, "op");
    r.path_literal("/x");
    match r.send_bytes().await.unwrap_err() {
        Error::Http {
            status,
            message,
            retry_after,
            ..
        } => {
            assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(message.as_deref(), Some("Retry later"));
            assert_eq!(retry_after.as_deref(), Some("30"));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn decode_error_has_snippet() {
    let server = Server::start(vec!["HTTP/1.1 200 OK\r\n\r\nnot json".into()]);
    let mut r = client(&server.base).request(Method::GET, "op");
    r.path_literal("/x");
    match r.send_json().await.unwrap_err() {
        Error::Decode { snippet, path, .. } => {
            assert_eq!(snippet, "not json");
            assert_eq!(path, "/x");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn redirect_to_other_host_drops_credentials() {
    let storage = Server::start(vec![
        "HTTP/1.1 200 OK\r\nX-Checksum-SHA256: abc\r\n\r\ndata".into(),
    ]);
    let gitlab = Server::start(vec![
        "HTTP/1.1 301 Moved Permanently\r\nLocation: /api/v4/moved?x=1\r\n\r\n".into(),
        format!(
            "HTTP/1.1 302 Found\r\nLocation: {}/bucket/file?X-Amz-Signature=sig#frag\r\n\r\n",
            storage.base
        ),
    ]);
    let client = token_client(&gitlab.base);
    let mut r = client.request(Method::GET, "download");
    r.path_literal("/api/v4/file")
        .secret_header("X-Custom-Key", "key")
        .header("Accept", "*/*");
    let raw = r.send_raw().await.unwrap();
    assert_eq!(raw.status(), StatusCode::OK);
    assert_eq!(raw.header("x-checksum-sha256"), Some("abc"));
    assert_eq!(raw.bytes().as_ref(), b"data");

    let first = gitlab.next();
    assert_eq!(first.line, "GET /api/v4/file HTTP/1.1");
    assert_eq!(first.header("private-token"), Some("tok"));
    let second = gitlab.next();
    assert_eq!(second.line, "GET /api/v4/moved?x=1 HTTP/1.1");
    assert_eq!(second.header("private-token"), Some("tok"), "same origin");
    let third = storage.next();
    assert_eq!(third.line, "GET /bucket/file?X-Amz-Signature=sig HTTP/1.1");
    assert!(!third.has_credentials(), "{third:?}");
    assert_eq!(third.header("x-custom-key"), None);
    assert_eq!(second.header("x-custom-key"), Some("key"));
    assert_eq!(third.header("accept"), Some("*/*"));
}

#[tokio::test]
async fn redirect_of_other_methods_is_an_error() {
    let server = Server::start(vec![
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\n\r\n".into(),
    ]);
    let mut r = token_client(&server.base).request(Method::PUT, "upload");
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
    let hop = "HTTP/1.1 302 Found\r\nLocation: /again\r\n\r\n".to_owned();
    let server = Server::start(vec![hop; MAX_REDIRECTS + 2]);
    let mut r = client(&server.base).request(Method::GET, "op");
    r.path_literal("/start");
    let err = r.send_empty().await.unwrap_err();
    assert!(
        matches!(err, Error::TooManyRedirects { max: 10, .. }),
        "{err:?}"
    );
    for _ in 0..=MAX_REDIRECTS {
        server.next();
    }
    server.nothing_more();
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let server = Server::start(vec!["HTTP/1.1 200 OK\r\n\r\n".into()]);
    let mut r = client(&server.base).request(Method::DELETE, "delete_package");
    r.path_literal("/api/v4/projects/").path_param("id", &"");
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for delete_package: parameter `id`: must not be empty"
    );
    server.nothing_more();
}

#[tokio::test]
async fn text_and_head() {
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nd41d8cd98f00b204e9800998ecf8427e"
            .into(),
    ]);
    let mut r = client(&server.base).request(Method::GET, "op");
    r.path_literal("/a.md5");
    assert_eq!(
        r.send_text().await.unwrap(),
        "d41d8cd98f00b204e9800998ecf8427e"
    );
}

#[tokio::test]
async fn connection_refused_is_transport_error() {
    // Bind then drop to get a port with (almost certainly) no listener.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut r = client(&format!("http://127.0.0.1:{port}")).request(Method::GET, "op");
    r.path_literal("/x").query("token_like", &"zzz");
    let err = r.send_empty().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.starts_with("op: GET /x: transport error"), "{text}");
    assert!(!text.contains("zzz"), "{text}");
}
