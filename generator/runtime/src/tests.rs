//! Tests of request assembly, and of sending against loopback test servers.

use std::time::{Duration, Instant};

use crate::test_server::{Action, Seen, Server};
use crate::*;

fn client(base: &str) -> Client {
    Client::builder().base_url(base).no_proxy().build().unwrap()
}

fn request() -> RequestBuilder {
    client("https://gitlab.example.com").request(Method::GET, "op", "/t")
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
    // A spec that names the list `tags[]` already gets one `[]`, not two.
    let mut r = request();
    r.path_literal("/q")
        .query_array("tags[]", &["x".to_owned()]);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/q?tags%5B%5D=x"
    );
}

#[test]
fn url_is_byte_exact() {
    for base in ["https://example.com/gitlab", "https://example.com/gitlab/"] {
        let mut r = client(base).request(Method::GET, "op", "/t");
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
    let mut r = client("http://localhost:8080/").request(Method::GET, "op", "/t");
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"a/b")
        .query("q", &"x");
    assert_eq!(
        r.url().as_str(),
        "http://localhost:8080/api/v4/projects/a%2Fb?q=x"
    );
    // A literal without a leading `/` still gets one.
    let mut r = client("https://example.com/root").request(Method::GET, "op", "/t");
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
// Sending, against loopback servers (see `test_server`).

const DATA_SHA256: &str = "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7";

/// Quick retries, so that tests take milliseconds.
fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
}

fn builder(base: &str) -> ClientBuilder {
    Client::builder()
        .base_url(base)
        .auth(Auth::private_token("tok"))
        .retry(fast_retry())
        .no_proxy()
}

fn token_client(base: &str) -> Client {
    builder(base).build().unwrap()
}

fn get(client: &Client, path: &'static str) -> RequestBuilder {
    let mut r = client.request(Method::GET, "op", "/t");
    r.path_literal(path);
    r
}

fn ok(body: &str) -> Action {
    Action::Reply(format!("HTTP/1.1 200 OK\r\n\r\n{body}"))
}

fn unavailable() -> Action {
    "HTTP/1.1 503 Service Unavailable\r\n\r\n{\"message\":\"try later\"}".into()
}

/// A unique empty directory under the system's temporary directory.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rt-test-{name}-{:016x}", fastrand::u64(..)));
    std::fs::create_dir(&dir).unwrap();
    dir
}

fn dir_entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

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
async fn each_auth_mode_sends_exactly_one_credential() {
    let cases = [
        (Auth::private_token("p"), Some("private-token: p")),
        (Auth::job_token("j"), Some("job-token: j")),
        (Auth::deploy_token("d"), Some("deploy-token: d")),
        (Auth::bearer("b"), Some("authorization: Bearer b")),
        (Auth::basic("u", "t"), Some("authorization: Basic dTp0")),
        (
            Auth::job_token_basic("j"),
            Some("authorization: Basic Z2l0bGFiLWNpLXRva2VuOmo="),
        ),
        (Auth::raw("r"), Some("authorization: r")),
        (Auth::None, None),
    ];
    let server = Server::start(cases.iter().map(|_| ok("")).collect());
    for (auth, expected) in cases {
        let client = builder(&server.base).auth(auth).build().unwrap();
        get(&client, "/x").send_empty().await.unwrap();
        let seen = server.next();
        assert_eq!(
            seen.credentials(),
            Vec::from_iter(expected.map(str::to_owned))
        );
    }
    server.nothing_more();
}

#[tokio::test]
async fn conan_flow_with_auth() {
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\neyJ.jwt.sig".into(),
        ok("{}"),
        ok("{}"),
    ]);
    let client = token_client(&server.base);
    let mut login = client.request(
        Method::GET,
        "authenticate_project_conan_v2",
        "/api/v4/projects/{id}/packages/conan/v2/users/authenticate",
    );
    login
        .options(&RequestOptions::new().auth(Auth::basic("alice", "pw")))
        .path_literal("/api/v4/projects/")
        .path_param("id", &7)
        .path_literal("/packages/conan/v2/users/authenticate");
    let jwt = login.send_text().await.unwrap();
    assert_eq!(jwt, "eyJ.jwt.sig");
    let seen = server.next();
    assert_eq!(
        seen.line,
        "GET /api/v4/projects/7/packages/conan/v2/users/authenticate HTTP/1.1"
    );
    assert_eq!(seen.credentials(), ["authorization: Basic YWxpY2U6cHc="]);

    let conan = client.with_auth(Auth::bearer(jwt));
    get(&conan, "/api/v4/projects/7/packages/conan/v2/conans/search")
        .send_json()
        .await
        .unwrap();
    assert_eq!(
        server.next().credentials(),
        ["authorization: Bearer eyJ.jwt.sig"]
    );
    // The original client is unchanged.
    get(&client, "/api/v4/x").send_json().await.unwrap();
    assert_eq!(server.next().credentials(), ["private-token: tok"]);
}

#[tokio::test]
async fn request_options_override_auth_and_headers() {
    let server = Server::start(vec![ok(""), ok(""), ok("")]);
    let client = token_client(&server.base);
    let mut r = get(&client, "/a");
    r.options(
        &RequestOptions::new()
            .auth(Auth::deploy_token("dt"))
            .header("X-Extra", "1")
            .header("Npm-Command", "deprecate"),
    );
    // The options' headers win over the operation's, even when set later.
    r.header("Npm-Command", "publish").header("X-Other", "2");
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(seen.credentials(), ["deploy-token: dt"]);
    assert_eq!(seen.header("x-extra"), Some("1"));
    assert_eq!(seen.header("npm-command"), Some("deprecate"));
    assert_eq!(seen.header("x-other"), Some("2"));

    // A credential header in the options replaces every `Auth`.
    let mut r = get(&client, "/b");
    r.options(
        &RequestOptions::new()
            .auth(Auth::bearer("ignored"))
            .header("Job-Token", "jt"),
    );
    r.send_empty().await.unwrap();
    assert_eq!(server.next().credentials(), ["job-token: jt"]);

    // Options do not stick to the client.
    get(&client, "/c").send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(seen.credentials(), ["private-token: tok"]);
    assert_eq!(seen.header("x-extra"), None);
}

#[tokio::test]
async fn request_options_timeout_and_invalid_header() {
    let server = Server::start(vec![Action::Delay(
        Duration::from_secs(2),
        "HTTP/1.1 200 OK\r\n\r\n".into(),
    )]);
    let client = token_client(&server.base);
    let mut r = get(&client, "/slow");
    r.options(&RequestOptions::new().timeout(Duration::from_millis(200)));
    let start = Instant::now();
    let err = r.send_empty().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                source: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(err.to_string(), "op: GET /slow timed out");
    server.next();
    server.nothing_more();

    let mut r = get(&client, "/never");
    r.options(&RequestOptions::new().header("X-Bad", "a\nb"));
    let err = r.send_empty().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for op: parameter `X-Bad`: is not a valid HTTP header value (control characters?)"
    );
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
        "get_package: GET /api/v4/projects/a%2Fb failed with 404 Not Found: 404 Project Not Found"
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

// --- pagination ---

#[tokio::test]
async fn offset_pagination_follows_x_next_page() {
    use futures_util::StreamExt;
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nX-Page: 1\r\nX-Next-Page: 2\r\nX-Total: 5\r\n\r\n[1,2]".into(),
        "HTTP/1.1 200 OK\r\nX-Page: 2\r\nX-Next-Page: 3\r\n\r\n[3,4]".into(),
        "HTTP/1.1 200 OK\r\nX-Page: 3\r\nX-Next-Page: \r\n\r\n[5]".into(),
    ]);
    let client = token_client(&server.base);
    let mut r = client.request(
        Method::GET,
        "list_project_packages",
        "/api/v4/projects/{id}/packages",
    );
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"g/p")
        .path_literal("/packages")
        .query("per_page", &2)
        .query("package_name", &"a+b");
    let items: Vec<_> = r.into_items(Pagination::Offset).collect().await;
    let items: Vec<serde_json::Value> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(items, [1, 2, 3, 4, 5].map(serde_json::Value::from));
    let lines: Vec<String> = (0..3)
        .map(|_| server.next())
        .map(|s| {
            assert_eq!(s.credentials(), ["private-token: tok"]);
            s.line
        })
        .collect();
    assert_eq!(
        lines,
        [
            "GET /api/v4/projects/g%2Fp/packages?per_page=2&package_name=a%2Bb HTTP/1.1",
            "GET /api/v4/projects/g%2Fp/packages?per_page=2&package_name=a%2Bb&page=2 HTTP/1.1",
            "GET /api/v4/projects/g%2Fp/packages?per_page=2&package_name=a%2Bb&page=3 HTTP/1.1",
        ]
    );
    server.nothing_more();
}

#[tokio::test]
async fn offset_pagination_follows_link() {
    use futures_util::StreamExt;
    let server = Server::start_with("127.0.0.1:0", |base| {
        let link = |page: u32| {
            format!(
                "Link: <{base}/api/v4/x?page={page}&per_page=2>; rel=\"next\", <{base}/api/v4/x?page=1&per_page=2>; rel=\"first\""
            )
        };
        vec![
            format!("HTTP/1.1 200 OK\r\n{}\r\n\r\n[\"a\",\"b\"]", link(2)).into(),
            format!("HTTP/1.1 200 OK\r\n{}\r\n\r\n[\"c\",\"d\"]", link(3)).into(),
            "HTTP/1.1 200 OK\r\nLink: <http://x/api/v4/x?page=1>; rel=\"first\"\r\n\r\n[\"e\"]"
                .into(),
        ]
    });
    let client = token_client(&server.base);
    let items: Vec<_> = get(&client, "/api/v4/x")
        .into_items(Pagination::Offset)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(
        items,
        ["a", "b", "c", "d", "e"].map(serde_json::Value::from)
    );
    assert_eq!(server.next().line, "GET /api/v4/x HTTP/1.1");
    assert_eq!(
        server.next().line,
        "GET /api/v4/x?page=2&per_page=2 HTTP/1.1"
    );
    assert_eq!(
        server.next().line,
        "GET /api/v4/x?page=3&per_page=2 HTTP/1.1"
    );
    server.nothing_more();
}

#[tokio::test]
async fn keyset_pagination_rewrites_foreign_links_to_the_base_url() {
    use futures_util::StreamExt;
    // GitLab's configured host (here another loopback address) must never be called.
    let elsewhere = Server::start_on("127.0.0.2:0", vec![ok("[]"), ok("[]")]);
    let gitlab = Server::start(vec![
        format!(
            "HTTP/1.1 200 OK\r\nLink: <{}/gitlab/api/v4/projects/1/packages/2/pipelines?cursor=abc&per_page=2>; rel=\"next\"\r\n\r\n[{{\"id\":1}},{{\"id\":2}}]",
            elsewhere.base
        )
        .into(),
        "HTTP/1.1 200 OK\r\nLink: <https://gitlab.internal:8443/gitlab/api/v4/projects/1/packages/2/pipelines?cursor=def&per_page=2>; rel=\"next\"\r\n\r\n[{\"id\":3}]".into(),
        // Keyset lists ignore X-Next-Page.
        "HTTP/1.1 200 OK\r\nX-Next-Page: 9\r\n\r\n[{\"id\":4}]".into(),
    ]);
    let client = token_client(&format!("{}/gitlab", gitlab.base));
    let mut r = client.request(
        Method::GET,
        "list_project_package_pipelines",
        "/api/v4/projects/{id}/packages/{package_id}/pipelines",
    );
    r.path_literal("/api/v4/projects/1/packages/2/pipelines")
        .query("per_page", &2);
    let ids: Vec<u64> = r
        .into_items(Pagination::Keyset)
        .map(|item| item.unwrap()["id"].as_u64().unwrap())
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3, 4]);
    let seen: Vec<Seen> = (0..3).map(|_| gitlab.next()).collect();
    assert_eq!(
        seen.iter().map(|s| s.line.as_str()).collect::<Vec<_>>(),
        [
            "GET /gitlab/api/v4/projects/1/packages/2/pipelines?per_page=2 HTTP/1.1",
            "GET /gitlab/api/v4/projects/1/packages/2/pipelines?cursor=abc&per_page=2 HTTP/1.1",
            "GET /gitlab/api/v4/projects/1/packages/2/pipelines?cursor=def&per_page=2 HTTP/1.1",
        ]
    );
    for s in &seen {
        assert_eq!(s.credentials(), ["private-token: tok"]);
    }
    gitlab.nothing_more();
    elsewhere.nothing_more();
}

#[tokio::test]
async fn next_link_outside_the_base_path_stops_with_an_error() {
    use futures_util::StreamExt;
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nLink: <http://gitlab.example/api/v4/other?cursor=x>; rel=\"next\"\r\n\r\n[1,2]".into(),
        ok("[3]"),
    ]);
    let client = token_client(&format!("{}/gitlab", server.base));
    let mut items = get(&client, "/api/v4/x").into_items(Pagination::Keyset);
    assert_eq!(items.next().await.unwrap().unwrap(), 1);
    assert_eq!(items.next().await.unwrap().unwrap(), 2);
    let err = items.next().await.unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "op: /gitlab/api/v4/x: cannot follow the next page: its `Link` path /api/v4/other is outside the base URL's path /gitlab"
    );
    assert!(items.next().await.is_none());
    server.next();
    server.nothing_more();
}

#[tokio::test]
async fn send_page_reads_pagination_headers() {
    let server = Server::start(vec![
        "HTTP/1.1 200 OK\r\nX-Page: 2\r\nX-Per-Page: 2\r\nX-Total: 5\r\nX-Total-Pages: 3\r\nX-Next-Page: 3\r\nX-Prev-Page: 1\r\nLink: </api/v4/x?page=3>; rel=\"next\"\r\n\r\n[{\"id\":3},{\"id\":4}]".into(),
        ok("{\"not\":\"a list\"}"),
    ]);
    let client = token_client(&server.base);
    let mut r = get(&client, "/api/v4/x");
    r.query("page", &2);
    let page = r.send_page().await.unwrap();
    assert_eq!(
        page.items,
        [serde_json::json!({"id":3}), serde_json::json!({"id":4})]
    );
    assert_eq!(
        (
            page.page,
            page.per_page,
            page.total,
            page.total_pages,
            page.next_page,
            page.prev_page
        ),
        (Some(2), Some(2), Some(5), Some(3), Some(3), Some(1))
    );
    assert_eq!(
        page.next.unwrap().as_str(),
        format!("{}/api/v4/x?page=3", server.base)
    );
    assert_eq!(page.headers["x-total"], "5");
    let err = get(&client, "/api/v4/y").send_page().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

// --- retries ---

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

// --- timeouts ---

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
        "op: GET /file timed out (no data within the read timeout)"
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
        .build()
        .unwrap();
    // 6 × 120 ms: longer than the read timeout, but never 300 ms without a byte.
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

// --- uploads ---

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

// --- downloads ---

#[tokio::test]
async fn checksum_is_verified() {
    let with_sum = |body: &str| -> Action {
        format!(
            "HTTP/1.1 200 OK\r\nX-Checksum-SHA256: {}\r\n\r\n{body}",
            DATA_SHA256.to_uppercase()
        )
        .into()
    };
    let server = Server::start(vec![
        with_sum("data"),
        with_sum("tampered"),
        with_sum("data"),
        with_sum("tampered"),
    ]);
    let client = token_client(&server.base);
    let download = get(&client, "/ok").send_stream().await.unwrap();
    let mut out = Vec::new();
    assert_eq!(download.write_to(&mut out).await.unwrap(), 4);
    assert_eq!(out, b"data");

    let download = get(&client, "/bad").send_stream().await.unwrap();
    let mut out = Vec::new();
    match download.write_to(&mut out).await.unwrap_err() {
        Error::Checksum {
            expected,
            actual,
            path,
            ..
        } => {
            assert_eq!(expected, DATA_SHA256.to_uppercase());
            assert_eq!(
                actual,
                "d121be3103007b41edf96f8262925f8c7d61894afe9a041843b631f69445bc57"
            );
            assert_eq!(path, "/bad");
        }
        other => panic!("unexpected {other:?}"),
    }
    // Bodies read in full are verified too (and a mismatch is not retried).
    assert_eq!(
        get(&client, "/ok").send_bytes().await.unwrap().as_ref(),
        b"data"
    );
    let err = get(&client, "/bad").send_bytes().await.unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err:?}");
    for _ in 0..4 {
        server.next();
    }
    server.nothing_more();
}

#[tokio::test]
async fn save_to_writes_whole_files_only() {
    let dir = temp_dir("save");
    let target = dir.join("pkg.tgz");
    let with_sum = |body: &str| -> Action {
        format!("HTTP/1.1 200 OK\r\nX-Checksum-SHA256: {DATA_SHA256}\r\n\r\n{body}").into()
    };
    let server = Server::start(vec![
        with_sum("data"),
        with_sum("tampered"),
        Action::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".to_vec()),
    ]);
    let client = token_client(&server.base);
    let written = get(&client, "/f")
        .send_stream()
        .await
        .unwrap()
        .save_to(&target)
        .await
        .unwrap();
    assert_eq!(written, 4);
    assert_eq!(std::fs::read(&target).unwrap(), b"data");
    assert_eq!(dir_entries(&dir), ["pkg.tgz"]);

    // A checksum mismatch leaves the previous file as it was, and no partial file.
    let err = get(&client, "/f")
        .send_stream()
        .await
        .unwrap()
        .save_to(&target)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err:?}");
    assert_eq!(std::fs::read(&target).unwrap(), b"data");
    assert_eq!(dir_entries(&dir), ["pkg.tgz"]);

    // So does a body cut short.
    let other = dir.join("other.bin");
    let err = get(&client, "/g")
        .send_stream()
        .await
        .unwrap()
        .save_to(&other)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(dir_entries(&dir), ["pkg.tgz"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

// --- tracing ---

mod recorder {
    use std::fmt::{Debug, Write};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    /// Records every span and event, with its fields, as a line of text.
    #[derive(Clone, Default)]
    pub(super) struct Recorder {
        pub(super) lines: Arc<Mutex<Vec<String>>>,
        next_id: Arc<AtomicU64>,
    }

    struct Fields<'a>(&'a mut String);

    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }

    impl Recorder {
        fn push(&self, line: String) {
            self.lines.lock().unwrap().push(line);
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut line = format!("span {}:", span.metadata().name());
            span.record(&mut Fields(&mut line));
            self.push(line);
            Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut line = "record:".to_owned();
            values.record(&mut Fields(&mut line));
            self.push(line);
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut line = format!("event {}:", event.metadata().level());
            event.record(&mut Fields(&mut line));
            self.push(line);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn traces_carry_the_template_and_no_secret() {
    let server = Server::start(vec![unavailable(), ok("[]")]);
    let recorder = recorder::Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let client = builder(&server.base)
        .auth(Auth::private_token("glpat-SECRET"))
        .build()
        .unwrap();
    let mut r = client.request(
        Method::GET,
        "list_project_packages",
        "/api/v4/projects/{id}/packages",
    );
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"group/secret-project")
        .path_literal("/packages")
        .query("package_name", &"QUERYVALUE");
    r.send_json().await.unwrap();
    let lines = recorder.lines.lock().unwrap().join("\n");
    assert!(
        lines.contains(r#"span gitlab.request: operation="list_project_packages" method=GET path="/api/v4/projects/{id}/packages""#),
        "{lines}"
    );
    assert!(lines.contains("record: attempt=1"), "{lines}");
    assert!(lines.contains("record: status=503"), "{lines}");
    assert!(
        lines.contains(r#"reason=503 Service Unavailable"#),
        "{lines}"
    );
    assert!(lines.contains("retrying"), "{lines}");
    assert!(lines.contains("record: attempt=2"), "{lines}");
    assert!(lines.contains("record: status=200"), "{lines}");
    for secret in ["SECRET", "QUERYVALUE", "secret-project", "try later"] {
        assert!(!lines.contains(secret), "{secret} in {lines}");
    }
}

// --- blocking ---

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

/// How generated operations assemble a request: the path from its template and the
/// values set by name, query pairs in slot order whatever the order of the setters, a
/// value set again replacing the first.
#[test]
fn operation_requests_expand_their_template_and_order_their_query() {
    let client = client("https://gitlab.example.com/gitlab");
    let mut r = crate::__private::start(
        &client,
        Method::GET,
        "get_file",
        "/p/{id}/g/{name}/[{*path}/]{file}",
    );
    r.set_query(2, "sort", "desc")
        .path_value("file", "a b.tgz")
        .path_value("id", &IdOrPath::from("group/sub"))
        .set_query(0, "page", &3)
        .path_value("name", "pkg")
        .set_query_list(1, "status", ["default", "error"])
        .set_query(0, "page", &4);
    assert_eq!(
        r.url().as_str(),
        "https://gitlab.example.com/gitlab/p/group%2Fsub/g/pkg/a%20b.tgz?page=4&status%5B%5D=default&status%5B%5D=error&sort=desc"
    );
    // The optional group is sent once its variable is set.
    r.path_value("path", "linux/amd64");
    assert_eq!(
        r.url().path(),
        "/gitlab/p/group%2Fsub/g/pkg/linux/amd64/a%20b.tgz"
    );
    // A template without variables is sent as written.
    let r = crate::__private::start(&client, Method::GET, "ping", "/api/v4/ping");
    assert_eq!(r.url().path(), "/gitlab/api/v4/ping");
}

#[tokio::test]
async fn operation_requests_refuse_values_that_change_the_endpoint() {
    let client = client("https://gitlab.example.com");
    for (value, reason) in [("", "must not be empty"), ("..", "must not be `..`")] {
        let mut r = crate::__private::start(&client, Method::DELETE, "delete_file", "/f/{file}");
        r.path_value("file", value);
        let err = r.send_empty().await.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid input for delete_file: parameter `file`: {reason}")
        );
    }
    let r = crate::__private::start(&client, Method::GET, "get", "/f/{file}");
    let err = r.send_empty().await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("parameter `file`: is required but has no value"),
        "{err}"
    );
}

#[tokio::test]
async fn form_fields_make_a_urlencoded_body_or_join_the_multipart_one() {
    let server = Server::start(vec![
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
        "HTTP/1.1 201 Created\r\n\r\n".into(),
    ]);
    let client = client(&server.base);
    // URL-encoded, in slot order, lists as `name[]`.
    let mut r = crate::__private::start(&client, Method::PUT, "update", "/settings");
    r.urlencoded_form()
        .set_form_list(1, "domains", ["a.example", "b.example"])
        .set_form(0, "name", "a+b c");
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(seen.body).unwrap(),
        "name=a%2Bb+c&domains%5B%5D=a.example&domains%5B%5D=b.example"
    );
    // Sent even without a field.
    let mut r = crate::__private::start(&client, Method::PUT, "update", "/settings");
    r.urlencoded_form();
    r.send_empty().await.unwrap();
    let seen = server.next();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(seen.body.is_empty());
    // Multipart: the fields follow the file part.
    let mut r = crate::__private::start(&client, Method::POST, "import", "/import");
    r.multipart_form()
        .set_form(0, "path", "group/project")
        .multipart(Multipart::new().file("file", "export.tgz", "TGZ"));
    r.send_empty().await.unwrap();
    let body = String::from_utf8(server.next().body).unwrap();
    let file = body.find("filename=\"export.tgz\"").expect(&body);
    let field = body
        .find("name=\"path\"\r\n\r\ngroup/project\r\n")
        .expect(&body);
    assert!(file < field, "{body}");
}
