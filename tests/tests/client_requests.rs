//! The generated client (`gitlab-packages`) against a real HTTP server on loopback.
//!
//! Each test calls operations of the client and checks the request the server received:
//! method, raw path, raw query, credential headers, content type and body. Every expected
//! value is a literal written by hand from GitLab's documentation
//! (`/work/shared/docs/packages-api.{en,zh}.txt`, `composer-api.md`: their `curl` lines are
//! cited as `en:43`, `composer:93`, …), from the server facts in
//! `/work/shared/docs/SERVER-FACTS.md` (cited as `FACTS`), and from the operation table
//! `generated-client/OPERATIONS.md` (cited as `OPS`) — never computed by the code under test.
//!
//! Encoding rules used in the expectations (FACTS, "Path parameters" / "Query parameters"):
//! a one-segment variable is percent-encoded outside `A-Za-z0-9-._~` (`/` → `%2F`,
//! `@` → `%40`, `+` → `%2B`, `$` → `%24`, space → `%20`); a glob variable (`*name`) keeps its
//! `/`; query values are form-urlencoded (`+` → `%2B`, space → `+`, `[]` → `%5B%5D`).

use std::collections::VecDeque;
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use axum::response::Response;
use gitlab_packages::types::{
    ComposerPackageSource, NewDebianDistribution, PackageFileOrderBy, PackageOrderBy,
    PackageStatus, PackageType, SortDirection,
};
use gitlab_packages::{Auth, Body, Client, Error, Multipart, RequestOptions, RetryPolicy};
use serde_json::json;

// ---------------------------------------------------------------------------------------
// Harness: a recording server and a few helpers.
// ---------------------------------------------------------------------------------------

/// Token used by the default client; sent as `PRIVATE-TOKEN`.
const TOKEN: &str = "glpat-test-0123456789abcdef";

/// Headers that carry a credential (a request must carry exactly one).
const CREDENTIAL_HEADERS: [&str; 6] = [
    "authorization",
    "private-token",
    "job-token",
    "deploy-token",
    "x-nuget-apikey",
    "cookie",
];

/// Largest request body the server reads.
const BODY_LIMIT: usize = 1 << 20;

/// One request as the server received it.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    /// `uri.path()` exactly as received (hyper does not decode or normalize it).
    path: String,
    /// `uri.query()` exactly as received.
    query: Option<String>,
    /// Header names are lowercase.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("body is UTF-8")
    }

    fn body_json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("body is JSON")
    }

    /// Names of the credential headers present.
    fn credentials(&self) -> Vec<&str> {
        CREDENTIAL_HEADERS
            .iter()
            .copied()
            .filter(|name| self.header(name).is_some())
            .collect()
    }

    /// The `multipart/form-data` parts of the body.
    fn multipart(&self) -> Vec<Part> {
        let content_type = self.content_type().expect("content type");
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("not multipart: {content_type}"));
        let delimiter = format!("--{boundary}");
        let pieces = split_bytes(&self.body, delimiter.as_bytes());
        // pieces: preamble (empty), one piece per part, then the closing "--\r\n".
        assert!(pieces.len() >= 2, "no multipart parts");
        assert_eq!(pieces[0], b"", "multipart preamble");
        assert_eq!(pieces[pieces.len() - 1], b"--\r\n", "multipart epilogue");
        pieces[1..pieces.len() - 1]
            .iter()
            .map(|piece| Part::parse(piece))
            .collect()
    }
}

/// One part of a multipart body.
#[derive(Debug)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

impl Part {
    fn parse(piece: &[u8]) -> Part {
        let piece = piece.strip_prefix(b"\r\n").expect("part starts with CRLF");
        let piece = piece.strip_suffix(b"\r\n").expect("part ends with CRLF");
        let split = split_bytes(piece, b"\r\n\r\n");
        let head = std::str::from_utf8(split[0]).expect("part headers are UTF-8");
        let data = piece[split[0].len() + 4..].to_vec();
        let (mut name, mut file_name, mut content_type) = (None, None, None);
        for line in head.split("\r\n") {
            let (key, value) = line.split_once(": ").expect("part header");
            match key.to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split("; ").skip(1) {
                        let (k, v) = param.split_once('=').expect("disposition parameter");
                        let v = v.trim_matches('"').to_owned();
                        match k {
                            "name" => name = Some(v),
                            "filename" => file_name = Some(v),
                            _ => {}
                        }
                    }
                }
                "content-type" => content_type = Some(value.to_owned()),
                _ => {}
            }
        }
        Part {
            name: name.expect("part has a name"),
            file_name,
            content_type,
            data,
        }
    }
}

/// Splits `haystack` at every occurrence of `needle`.
fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            pieces.push(&haystack[start..i]);
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(&haystack[start..]);
    pieces
}

/// Asserts the query holds exactly these `name=value` pairs (raw, as sent), in any order.
#[track_caller]
fn assert_query(request: &Recorded, expected: &[&str]) {
    let mut actual: Vec<&str> = request
        .query
        .as_deref()
        .map(|q| q.split('&').collect())
        .unwrap_or_default();
    let mut expected = expected.to_vec();
    actual.sort_unstable();
    expected.sort_unstable();
    assert_eq!(
        actual, expected,
        "query of {} {}",
        request.method, request.path
    );
}

/// What the server answers.
#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// `200` with a JSON body.
    fn json(body: &str) -> Reply {
        Reply::new(200, "application/json", body)
    }

    /// `200` with a text body of the given type.
    fn text(content_type: &'static str, body: &str) -> Reply {
        Reply::new(200, content_type, body)
    }

    /// `200` with a binary body.
    fn bytes(body: &[u8]) -> Reply {
        Reply::new(200, "application/octet-stream", body)
    }

    /// A status without body.
    fn empty(status: u16) -> Reply {
        Reply::new(status, "", Vec::new())
    }

    fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

struct Shared {
    /// Answers for the next requests, in order.
    queue: Mutex<VecDeque<Reply>>,
    /// The answer once the queue is empty.
    fallback: Mutex<Reply>,
    log: Mutex<Vec<Recorded>>,
}

/// A server on `127.0.0.1:<random port>` that records every request; aborted on drop.
struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
    /// A client for this server authenticating with `PRIVATE-TOKEN: TOKEN`.
    client: Client,
}

impl Server {
    async fn start() -> Server {
        Server::start_with(Auth::private_token(TOKEN)).await
    }

    async fn start_with(auth: Auth) -> Server {
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            fallback: Mutex::new(Reply::json("{}")),
            log: Mutex::new(Vec::new()),
        });
        let app = Router::new().fallback(record).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("server");
        });
        let client = client_for(&format!("http://{addr}"), auth);
        Server {
            addr,
            shared,
            task,
            client,
        }
    }

    /// `http://127.0.0.1:<port>`
    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Removes and returns the requests recorded so far.
    fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.shared.log.lock().unwrap())
    }

    /// Answers `reply`, runs `call` and returns its output with the one request it sent.
    async fn capture<F: IntoFuture>(&self, reply: Reply, call: F) -> (F::Output, Recorded) {
        self.answer(reply);
        self.take();
        let output = call.into_future().await;
        let mut log = self.take();
        assert_eq!(log.len(), 1, "expected exactly one request, got {log:#?}");
        (output, log.remove(0))
    }

    /// Answers the `replies` in order (then `500`), runs `call` and returns its output
    /// with all the requests it sent.
    async fn capture_all<F: IntoFuture>(
        &self,
        replies: Vec<Reply>,
        call: F,
    ) -> (F::Output, Vec<Recorded>) {
        *self.shared.fallback.lock().unwrap() = Reply::new(500, "text/plain", "unexpected request");
        *self.shared.queue.lock().unwrap() = replies.into();
        self.take();
        let output = call.into_future().await;
        (output, self.take())
    }

    /// Answers `reply` to every request from now on.
    fn answer(&self, reply: Reply) {
        self.shared.queue.lock().unwrap().clear();
        *self.shared.fallback.lock().unwrap() = reply;
    }

    /// Runs `call`, which must fail before sending anything; returns its error.
    async fn rejected<T: std::fmt::Debug, F: IntoFuture<Output = Result<T, Error>>>(
        &self,
        call: F,
    ) -> Error {
        self.take();
        let error = call.into_future().await.expect_err("the call must fail");
        assert_eq!(self.take().len(), 0, "no request may be sent: {error}");
        error
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The server's only handler: records the request, answers the configured reply.
async fn record(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .expect("request body within limit");
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    shared.log.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers,
        body: body.to_vec(),
    });
    let queued = shared.queue.lock().unwrap().pop_front();
    let reply = queued.unwrap_or_else(|| shared.fallback.lock().unwrap().clone());
    let mut response = Response::new(HttpBody::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).expect("status");
    if !reply.content_type.is_empty() {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    }
    for (name, value) in reply.headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(&value).expect("header value"),
        );
    }
    response
}

/// A client with a 10 s timeout and no proxy (the environment's proxy must not interfere).
fn client_for(base_url: &str, auth: Auth) -> Client {
    Client::builder()
        .base_url(base_url)
        .auth(auth)
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Asserts `error` is `Error::InvalidInput` for `parameter`.
#[track_caller]
fn assert_invalid(error: &Error, parameter: &str) {
    match error {
        Error::InvalidInput { parameter: p, .. } => assert_eq!(p, parameter, "{error}"),
        other => panic!("expected InvalidInput for `{parameter}`, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// The harness itself.
// ---------------------------------------------------------------------------------------

/// hyper hands the request target over untouched: no percent-decoding, no case change of
/// escapes, no `+` handling, no dot-segment removal. The tests below rely on it.
#[tokio::test]
async fn server_records_the_raw_request_target() {
    let srv = Server::start().await;
    let addr = srv.addr;
    let target = "/api/v4/projects/group%2Fsub%2fproject/packages/%2e%2E/./x/../%40s/n'()$,?a=%2B+b&c%5B%5D=%27&d=";
    let response = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("read timeout");
        let head = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).expect("write");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        response
    })
    .await
    .expect("raw client");
    assert!(response.starts_with(b"HTTP/1.1 200 OK\r\n"), "{response:?}");
    let log = srv.take();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, "GET");
    assert_eq!(
        log[0].path,
        "/api/v4/projects/group%2Fsub%2fproject/packages/%2e%2E/./x/../%40s/n'()$,"
    );
    assert_eq!(log[0].query.as_deref(), Some("a=%2B+b&c%5B%5D=%27&d="));
}

// ---------------------------------------------------------------------------------------
// core: the Packages API (packages-api.en.txt / .zh.txt)
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn core_operations() {
    let srv = Server::start().await;
    let c = &srv.client;

    // en:43 `GET /api/v4/projects/:id/packages`; `:id` is the URL-encoded full path (FACTS).
    let (out, req) = srv
        .capture(
            Reply::json("[]"),
            c.list_project_packages("group/sub/project"),
        )
        .await;
    assert!(out.unwrap().is_empty());
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/group%2Fsub%2Fproject/packages");
    assert_eq!(req.query, None);

    // Filters of en "List packages / Within a project"; `+` in a query value is `%2B`,
    // a space `+` (FACTS, "Query parameters").
    let call = c
        .list_project_packages("group/sub/project")
        .package_type(PackageType::Npm)
        .order_by(PackageOrderBy::Name)
        .sort(SortDirection::Desc)
        .package_name("my+pkg name")
        .page(2)
        .per_page(50);
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/group%2Fsub%2Fproject/packages");
    assert_query(
        &req,
        &[
            "package_type=npm",
            "order_by=name",
            "sort=desc",
            "package_name=my%2Bpkg+name",
            "page=2",
            "per_page=50",
        ],
    );

    // zh:20-25 adds `package_version`, `include_versionless` and `status`.
    let call = c
        .list_project_packages(1234)
        .package_version("1.0.0+build")
        .include_versionless(true)
        .status(PackageStatus::Hidden);
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1234/packages");
    assert_query(
        &req,
        &[
            "package_version=1.0.0%2Bbuild",
            "include_versionless=true",
            "status=hidden",
        ],
    );

    // en:97 `GET /api/v4/groups/:id/packages?exclude_subgroups=false`.
    let call = c.list_group_packages("my-group").exclude_subgroups(false);
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/groups/my-group/packages");
    assert_eq!(req.query.as_deref(), Some("exclude_subgroups=false"));

    let call = c
        .list_group_packages("my-group/subgroup")
        .exclude_subgroups(true)
        .order_by("project_path");
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/groups/my-group%2Fsubgroup/packages");
    assert_query(&req, &["exclude_subgroups=true", "order_by=project_path"]);

    // en:177 `GET /api/v4/projects/:id/packages/:package_id`; the answer carries the
    // fields of en:185-194 that every package has.
    let body = r#"{"id":1,"name":"com/mycompany/my-app","version":"1.0-SNAPSHOT","package_type":"maven","created_at":"2019-11-27T03:37:38.711Z"}"#;
    let (out, req) = srv
        .capture(
            Reply::json(body),
            c.get_project_package("group/sub/project", 1),
        )
        .await;
    assert_eq!(out.unwrap().name, "com/mycompany/my-app");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fsub%2Fproject/packages/1"
    );

    // en:369 `DELETE /api/v4/projects/:id/packages/:package_id`, answered 204 (en:373).
    let (out, req) = srv
        .capture(Reply::empty(204), c.delete_project_package(1234, 42))
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(req.path, "/api/v4/projects/1234/packages/42");
    assert!(req.body.is_empty());

    // en:248 `GET /api/v4/projects/:id/packages/4/package_files`; zh adds order_by/sort.
    let (out, req) = srv
        .capture(Reply::json("[]"), c.list_project_package_files(1234, 4))
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1234/packages/4/package_files");
    assert_eq!(req.query, None);
    let call = c
        .list_project_package_files("group/project", 4)
        .order_by(PackageFileOrderBy::FileName)
        .sort(SortDirection::Asc);
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/4/package_files"
    );
    assert_query(&req, &["order_by=file_name", "sort=asc"]);

    // en:391 `DELETE .../packages/:package_id/package_files/:package_file_id`.
    let (out, req) = srv
        .capture(
            Reply::empty(204),
            c.delete_project_package_file(1234, 4, 25),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/4/package_files/25"
    );

    // en:314 `GET .../packages/:package_id/pipelines`; keyset pagination with `cursor`
    // (FACTS, "Pagination"): a base64 cursor's `=` is form-encoded as `%3D`.
    let call = c
        .list_project_package_pipelines(1234, 42)
        .cursor("eyJpZCI6MTIzfQ==")
        .per_page(20);
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1234/packages/42/pipelines");
    assert_query(&req, &["cursor=eyJpZCI6MTIzfQ%3D%3D", "per_page=20"]);

    // OPS `download_project_package_file`: bytes come back unchanged.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"\x00\x01binary\xff"),
            c.download_project_package_file("group/sub/project", 42, 25),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"\x00\x01binary\xff");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fsub%2Fproject/packages/42/package_files/25/download"
    );
}

// ---------------------------------------------------------------------------------------
// composer (composer-api.md)
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn composer_operations() {
    let srv = Server::start().await;
    let c = &srv.client;

    // composer:27
    let (out, req) = srv
        .capture(
            Reply::json(r#"{"packages":[]}"#),
            c.get_group_composer_repository(1),
        )
        .await;
    assert_eq!(out.unwrap()["packages"], json!([]));
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/group/1/-/packages/composer/packages");

    // composer:67
    let sha = "082df4a5035f8725a12i4a3d2da5e6aaa966d06843d0a5c6d499313810427bd6";
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_group_composer_packages_list(1, sha),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/group/1/-/packages/composer/p/082df4a5035f8725a12i4a3d2da5e6aaa966d06843d0a5c6d499313810427bd6"
    );

    // composer:93 — V1 metadata `:package_name$:sha`: the glob keeps `/`, `$` is `%24`.
    let name = "my-org/my-composer-package$5c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7";
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_group_composer_package_metadata(1, name),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/group/1/-/packages/composer/my-org/my-composer-package%245c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7"
    );

    // composer:150 — V2 metadata, `vendor/name` keeps its `/` (FACTS, globs).
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_group_composer_v2_package_metadata(1, "my-org/my-composer-package"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/group/1/-/packages/composer/p2/my-org/my-composer-package"
    );
    // The group given by full path is one encoded segment.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_group_composer_v2_package_metadata("my-org/sub", "my-org/my-composer-package"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/group/my-org%2Fsub/-/packages/composer/p2/my-org/my-composer-package"
    );

    // composer:208 `curl --request POST --data tag=v1.0.0 .../projects/1/packages/composer`:
    // a form body (curl --data sends application/x-www-form-urlencoded).
    let body = ComposerPackageSource {
        tag: Some("v1.0.0".into()),
        branch: None,
    };
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", r#"{"message":"201 Created"}"#),
            c.create_project_composer_package(1, body),
        )
        .await;
    assert_eq!(out.unwrap()["message"], "201 Created");
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/api/v4/projects/1/packages/composer");
    assert_eq!(
        req.content_type(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.body_text(), "tag=v1.0.0");
    // A branch name with `/` is form-encoded.
    let body = ComposerPackageSource {
        tag: None,
        branch: Some("feature/x+y".into()),
    };
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.create_project_composer_package("group/project", body),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/composer"
    );
    assert_eq!(req.body_text(), "branch=feature%2Fx%2By");

    // composer:230 — archive download, `.zip` in the glob, `sha` in the query.
    let (out, req) = srv
        .capture(
            Reply::new(200, "application/zip", &b"PK\x03\x04"[..]),
            c.get_project_composer_archive(
                1,
                "my-org/my-composer-package.zip",
                "673594f85a55fe3c0eb45df7bd2fa9d95a1601ab",
            ),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"PK\x03\x04");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/composer/archives/my-org/my-composer-package.zip"
    );
    assert_eq!(
        req.query.as_deref(),
        Some("sha=673594f85a55fe3c0eb45df7bd2fa9d95a1601ab")
    );
}

// ---------------------------------------------------------------------------------------
// conan v1 and v2
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn conan_v1_operations() {
    // FACTS, authentication: Basic to `users/authenticate`, which returns a JWT as text.
    // "Aladdin:open sesame" is RFC 7617's example: base64 `QWxhZGRpbjpvcGVuIHNlc2FtZQ==`.
    let srv = Server::start_with(Auth::basic("Aladdin", "open sesame")).await;
    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "eyJhbGciOiJIUzI1NiJ9.e30.sig"),
            srv.client.authenticate_conan_v1(),
        )
        .await;
    assert_eq!(out.unwrap(), "eyJhbGciOiJIUzI1NiJ9.e30.sig");
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/packages/conan/v1/users/authenticate");
    assert_eq!(
        req.header("authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert_eq!(req.credentials(), ["authorization"]);

    // Later calls send `Authorization: Bearer <jwt>`.
    let c = client_for(&srv.url(), Auth::bearer("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
    let (out, req) = srv.capture(Reply::empty(200), c.ping_conan_v1()).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/packages/conan/v1/ping");
    assert_eq!(
        req.header("authorization"),
        Some("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
    );
    assert_eq!(req.credentials(), ["authorization"]);

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "ok"),
            c.check_conan_v1_credentials(),
        )
        .await;
    assert_eq!(out.unwrap(), "ok");
    assert_eq!(
        req.path,
        "/api/v4/packages/conan/v1/users/check_credentials"
    );

    // `q` is form-encoded: `*` stays, as in form-urlencoding.
    let (out, req) = srv
        .capture(
            Reply::json(r#"{"results":[]}"#),
            c.search_conan_v1_recipes("Hello*").ignorecase(true),
        )
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/packages/conan/v1/conans/search");
    assert_query(&req, &["q=Hello*", "ignorecase=true"]);

    // Instance-level recipes name the project as `user` with `+` for `/`: a one-segment
    // value, so `+` is `%2B` (Grape decodes it back to `+`, FACTS).
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_conan_v1_recipe_snapshot("my-package", "1.0", "my-group+my-project", "stable"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/packages/conan/v1/conans/my-package/1.0/my-group%2Bmy-project/stable"
    );

    let pref = "103f6067a947f366ef91fc1b7da351c588d1827f";
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_conan_v1_package_download_urls("my-package", "1.0", "_", "_", pref),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/packages/conan/v1/conans/my-package/1.0/_/_/packages/103f6067a947f366ef91fc1b7da351c588d1827f/download_urls"
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.delete_conan_v1_recipe("my-package", "1.0", "my-group+my-project", "stable"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(
        req.path,
        "/api/v4/packages/conan/v1/conans/my-package/1.0/my-group%2Bmy-project/stable"
    );

    // FACTS, bodies: PUT conan files are raw bytes.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.upload_conan_v1_package_file(
                "my-package",
                "1.0",
                "my-group+my-project",
                "stable",
                "0",
                pref,
                "0",
                "conaninfo.txt",
                "[settings]\n",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/packages/conan/v1/files/my-package/1.0/my-group%2Bmy-project/stable/0/package/103f6067a947f366ef91fc1b7da351c588d1827f/0/conaninfo.txt"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"[settings]\n");

    let (out, req) = srv
        .capture(
            Reply::bytes(b"from conans import ConanFile\n"),
            c.get_conan_v1_recipe_file("my-package", "1.0", "_", "_", "0", "conanfile.py"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"from conans import ConanFile\n");
    assert_eq!(
        req.path,
        "/api/v4/packages/conan/v1/files/my-package/1.0/_/_/0/export/conanfile.py"
    );

    // Project-level v1, JSON body for upload URLs.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_project_conan_v1_recipe_upload_urls(
                "group/project",
                "my-package",
                "1.0",
                "_",
                "_",
                json!({"conanfile.py": 410, "conanmanifest.txt": 130}),
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-package/1.0/_/_/upload_urls"
    );
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(
        req.body_json(),
        json!({"conanfile.py": 410, "conanmanifest.txt": 130})
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "jwt"),
            c.authenticate_project_conan_v1(1234),
        )
        .await;
    assert_eq!(out.unwrap(), "jwt");
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v1/users/authenticate"
    );
}

#[tokio::test]
async fn conan_v2_operations() {
    let srv = Server::start_with(Auth::basic("Aladdin", "open sesame")).await;
    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "jwt-v2"),
            srv.client.authenticate_project_conan_v2(1234),
        )
        .await;
    assert_eq!(out.unwrap(), "jwt-v2");
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/users/authenticate"
    );
    assert_eq!(
        req.header("authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );

    let c = client_for(&srv.url(), Auth::bearer("jwt-v2"));
    let rrev = "75151329520e7685dcf5da49ded2fec0";
    let pref = "103f6067a947f366ef91fc1b7da351c588d1827f";
    let prev = "6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10";

    let (out, req) = srv
        .capture(
            Reply::json(r#"{"revision":"75151329520e7685dcf5da49ded2fec0"}"#),
            c.get_project_conan_v2_recipe_latest_revision(1234, "my-package", "1.0", "_", "_"),
        )
        .await;
    assert_eq!(out.unwrap().revision.as_deref(), Some(rrev));
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/latest"
    );
    assert_eq!(req.header("authorization"), Some("Bearer jwt-v2"));

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.list_project_conan_v2_recipe_revisions(
                "group/project",
                "my-package",
                "1.0",
                "user",
                "channel",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-package/1.0/user/channel/revisions"
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.list_project_conan_v2_package_files(
                1234,
                "my-package",
                "1.0",
                "_",
                "_",
                rrev,
                pref,
                prev,
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/103f6067a947f366ef91fc1b7da351c588d1827f/revisions/6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10/files"
    );

    let (out, req) = srv
        .capture(
            Reply::bytes(b"[settings]\n"),
            c.get_project_conan_v2_package_file(
                1234,
                "my-package",
                "1.0",
                "_",
                "_",
                rrev,
                pref,
                prev,
                "conaninfo.txt",
            ),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"[settings]\n");
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/103f6067a947f366ef91fc1b7da351c588d1827f/revisions/6e8ba7ff6a4a1d8c3b5d8e2f4b3c2a10/files/conaninfo.txt"
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.upload_project_conan_v2_recipe_file(
                1234,
                "my-package",
                "1.0",
                "_",
                "_",
                rrev,
                "conanfile.py",
                "from conan import ConanFile\n",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"from conan import ConanFile\n");

    let (out, req) = srv
        .capture(
            Reply::empty(204),
            c.delete_project_conan_v2_recipe_revision(1234, "my-package", "1.0", "_", "_", rrev),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/conans/my-package/1.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0"
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.search_project_conan_v2_recipes(1234, "my-package/1.0@*"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1234/packages/conan/v2/conans/search"
    );
    assert_eq!(req.query.as_deref(), Some("q=my-package%2F1.0%40*"));
}

// ---------------------------------------------------------------------------------------
// debian
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn debian_operations() {
    let srv = Server::start().await;
    let c = &srv.client;

    // FACTS, bodies: distribution create takes JSON.
    let distribution = NewDebianDistribution {
        codename: "sid".into(),
        suite: Some("unstable".into()),
        components: Some(vec!["main".into(), "contrib".into()]),
        architectures: Some(vec!["amd64".into(), "arm64".into()]),
        ..Default::default()
    };
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", r#"{"id":1,"codename":"sid"}"#),
            c.create_project_debian_distribution(5, distribution),
        )
        .await;
    let created = out.unwrap();
    assert_eq!((created.id, created.codename.as_str()), (1, "sid"));
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/api/v4/projects/5/debian_distributions");
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(
        req.body_json(),
        json!({
            "codename": "sid",
            "suite": "unstable",
            "components": ["main", "contrib"],
            "architectures": ["amd64", "arm64"],
        })
    );

    let (out, req) = srv
        .capture(
            Reply::json(r#"{"id":2,"codename":"sid"}"#),
            c.create_group_debian_distribution(
                "my-group/sub",
                NewDebianDistribution {
                    codename: "sid".into(),
                    ..Default::default()
                },
            ),
        )
        .await;
    assert_eq!(out.unwrap().id, 2);
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group%2Fsub/-/debian_distributions"
    );
    assert_eq!(req.body_json(), json!({"codename": "sid"}));

    // FACTS, queries: arrays as `a[]=x&a[]=y`, written `a%5B%5D=x`.
    let call = c
        .list_project_debian_distributions(5)
        .codename("sid")
        .components(["main", "contrib"])
        .architectures(["amd64", "arm64"]);
    let (out, req) = srv.capture(Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/5/debian_distributions");
    assert_query(
        &req,
        &[
            "codename=sid",
            "components%5B%5D=main",
            "components%5B%5D=contrib",
            "architectures%5B%5D=amd64",
            "architectures%5B%5D=arm64",
        ],
    );

    let (out, req) = srv
        .capture(
            Reply::json("[]"),
            c.list_group_debian_distributions("my-group"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/groups/my-group/-/debian_distributions");
    assert_eq!(req.query, None);

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "-----BEGIN PGP PUBLIC KEY BLOCK-----"),
            c.get_project_debian_distribution_key(5, "sid"),
        )
        .await;
    assert_eq!(out.unwrap(), "-----BEGIN PGP PUBLIC KEY BLOCK-----");
    assert_eq!(
        req.path,
        "/api/v4/projects/5/debian_distributions/sid/key.asc"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "Codename: stable\n"),
            c.get_project_debian_release(5, "stable"),
        )
        .await;
    assert_eq!(out.unwrap(), "Codename: stable\n");
    assert_eq!(
        req.path,
        "/api/v4/projects/5/packages/debian/dists/stable/Release"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "signed"),
            c.get_group_debian_in_release("my-group", "stable"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group/-/packages/debian/dists/stable/InRelease"
    );

    // `binary-{architecture}`: the literal prefix and the variable form one segment.
    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "Package: sample\n"),
            c.get_project_debian_packages_index(5, "stable", "main", "amd64"),
        )
        .await;
    assert_eq!(out.unwrap(), "Package: sample\n");
    assert_eq!(
        req.path,
        "/api/v4/projects/5/packages/debian/dists/stable/main/binary-amd64/Packages"
    );

    // by-hash: the SHA256 is a hex string (here: SHA256 of the empty string).
    let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    let (out, req) = srv
        .capture(
            Reply::text("text/plain", ""),
            c.get_project_debian_packages_index_by_hash(5, "stable", "main", "amd64", sha256),
        )
        .await;
    assert_eq!(out.unwrap(), "");
    assert_eq!(
        req.path,
        "/api/v4/projects/5/packages/debian/dists/stable/main/binary-amd64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", ""),
            c.get_group_debian_installer_packages_index("my-group", "stable", "main", "arm64"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group/-/packages/debian/dists/stable/main/debian-installer/binary-arm64/Packages"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", ""),
            c.get_project_debian_sources_index(5, "stable", "main"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/5/packages/debian/dists/stable/main/source/Sources"
    );

    // Pool files: `~` is unreserved and stays; `+` in a one-segment value is `%2B`.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"!<arch>\n"),
            c.get_group_debian_pool_file(
                "my-group",
                "stable",
                5,
                "s",
                "sample",
                "1.2.3~alpha2",
                "sample_1.2.3~alpha2_amd64.deb",
            ),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"!<arch>\n");
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group/-/packages/debian/pool/stable/5/s/sample/1.2.3~alpha2/sample_1.2.3~alpha2_amd64.deb"
    );
    let (out, req) = srv
        .capture(
            Reply::bytes(b"!<arch>\n"),
            c.get_project_debian_pool_file(
                5,
                "stable",
                "s",
                "sample",
                "1.0+dfsg-1",
                "sample_1.0+dfsg-1_amd64.deb",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/5/packages/debian/pool/stable/s/sample/1.0%2Bdfsg-1/sample_1.0%2Bdfsg-1_amd64.deb"
    );

    // FACTS, bodies: PUT debian is raw bytes.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.upload_project_debian_file(
                5,
                "libsample0_1.2.3~alpha2_amd64.deb",
                &b"!<arch>\ndebian-binary"[..],
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/5/packages/debian/libsample0_1.2.3~alpha2_amd64.deb"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"!<arch>\ndebian-binary");

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.delete_project_debian_distribution("group/project", "sid"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/debian_distributions/sid"
    );
}

// ---------------------------------------------------------------------------------------
// generic
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn generic_operations() {
    let srv = Server::start().await;
    let c = &srv.client;

    // FACTS: `:package_name/*package_version/(*path/):file_name`; `path` keeps its `/`.
    let call = c
        .upload_project_generic_file(24, "my_pkg", "1.0.0", "file.txt", "hello world\n")
        .path("a/b");
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", r#"{"message":"201 Created"}"#),
            call,
        )
        .await;
    assert_eq!(out.unwrap()["message"], "201 Created");
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/a/b/file.txt"
    );
    assert_eq!(req.query, None);
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.header("content-length"), Some("12"));
    assert_eq!(req.body, b"hello world\n");

    // Without `path` the optional group is left out.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.upload_project_generic_file(
                "group/sub/project",
                "my_pkg",
                "1.0.0",
                "file.txt",
                Body::from(vec![0u8, 1, 2]),
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fsub%2Fproject/packages/generic/my_pkg/1.0.0/file.txt"
    );
    assert_eq!(req.body, [0u8, 1, 2]);

    // FACTS: the version is one segment in practice (`[\w+.-]+`, the glob is non-greedy), so
    // a `/` in it is sent encoded: GitLab answers 400 rather than reading the rest as `path`.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_project_generic_file(24, "my_pkg", "1.0/evil", "file.txt"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/24/packages/generic/my_pkg/1.0%2Fevil/file.txt"
    );

    // Download, with and without `path`.
    // FACTS: generic downloads carry X-Checksum-SHA256 (here sha256 of "content", from
    // `python3 -c "import hashlib; print(hashlib.sha256(b'content').hexdigest())"`).
    let (out, req) = srv
        .capture(
            Reply::bytes(b"content").with_header(
                "x-checksum-sha256",
                "ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73",
            ),
            c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"content");
    // A body that does not match its checksum is an error, not data.
    let (out, _) = srv
        .capture(
            Reply::bytes(b"content").with_header("x-checksum-sha256", "abc"),
            c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
        )
        .await;
    assert!(matches!(out, Err(Error::Checksum { .. })), "{out:?}");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"
    );
    let (out, req) = srv
        .capture(
            Reply::bytes(b"content"),
            c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt")
                .path("dir/sub dir"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/dir/sub%20dir/file.txt"
    );

    // Workhorse authorize: same route plus `/authorize`.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.authorize_project_generic_file(24, "my_pkg", "1.0.0", "file.txt", Body::empty()),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt/authorize"
    );
}

// ---------------------------------------------------------------------------------------
// go
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn go_operations() {
    let srv = Server::start().await;
    let c = &srv.client;

    // `*module_name` keeps its `/` (FACTS); `/@v/` is literal.
    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "v1.0.0\nv1.0.1\n"),
            c.list_project_go_module_versions(1, "example.com/mod"),
        )
        .await;
    assert_eq!(out.unwrap(), "v1.0.0\nv1.0.1\n");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/go/example.com/mod/@v/list"
    );

    let (out, req) = srv
        .capture(
            Reply::json(r#"{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}"#),
            c.get_project_go_module_version_info(1, "example.com/mod", "v1.0.0"),
        )
        .await;
    assert_eq!(out.unwrap().version.as_deref(), Some("v1.0.0"));
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/go/example.com/mod/@v/v1.0.0.info"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "module example.com/mod\n"),
            c.get_project_go_module_file("group/project", "example.com/mod", "v1.0.0"),
        )
        .await;
    assert_eq!(out.unwrap(), "module example.com/mod\n");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/go/example.com/mod/@v/v1.0.0.mod"
    );

    let (out, req) = srv
        .capture(
            Reply::new(200, "application/zip", &b"PK\x03\x04"[..]),
            c.get_project_go_module_zip(1, "example.com/mod", "v1.0.0"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"PK\x03\x04");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/go/example.com/mod/@v/v1.0.0.zip"
    );

    // A `+incompatible` version is one segment: `+` is `%2B` (Grape decodes it once).
    // A case-encoded module element (`!x`, go's encoding): `!` is `%21`.
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_project_go_module_version_info(
                1,
                "gitlab.example.com/!my-group/mod",
                "v2.0.0+incompatible",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/go/gitlab.example.com/%21my-group/mod/@v/v2.0.0%2Bincompatible.info"
    );
}

// ---------------------------------------------------------------------------------------
// helm
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn helm_operations() {
    let srv = Server::start_with(Auth::basic("user", "glpat-helm")).await;
    let c = &srv.client;

    // FACTS, responses: index.yaml is text/yaml.
    let (out, req) = srv
        .capture(
            Reply::text("text/yaml", "apiVersion: v1\nentries: {}\n"),
            c.get_project_helm_index(1, "stable"),
        )
        .await;
    assert_eq!(out.unwrap(), "apiVersion: v1\nentries: {}\n");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/helm/stable/index.yaml"
    );
    // The spec declares this `id` an integer but describes it as "ID or full path".
    let (out, req2) = srv
        .capture(
            Reply::text("text/yaml", ""),
            c.get_project_helm_index("group/project", "stable"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req2.path,
        "/api/v4/projects/group%2Fproject/packages/helm/stable/index.yaml"
    );
    // "user:glpat-helm" in base64.
    assert_eq!(
        req.header("authorization"),
        Some("Basic dXNlcjpnbHBhdC1oZWxt")
    );

    // FACTS, bodies: POST helm charts is multipart with the file in field `chart`.
    let form = Multipart::new().file("chart", "mychart-0.1.0.tgz", &b"\x1f\x8bchart"[..]);
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", r#"{"message":"201 Created"}"#),
            c.upload_project_helm_chart(1, "stable", form),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/helm/api/stable/charts"
    );
    let parts = req.multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "chart");
    assert_eq!(parts[0].file_name.as_deref(), Some("mychart-0.1.0.tgz"));
    assert_eq!(
        parts[0].content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(parts[0].data, b"\x1f\x8bchart");

    // Chart download: `charts/{file_name}.tgz`.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"\x1f\x8b"),
            c.get_project_helm_chart(1, "stable", "mychart-0.1.0"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"\x1f\x8b");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/helm/stable/charts/mychart-0.1.0.tgz"
    );
}

// ---------------------------------------------------------------------------------------
// maven
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn maven_operations() {
    let srv = Server::start().await;
    let c = &srv.client;
    let dir = "com/mycompany/app/my-app/1.0-SNAPSHOT";

    // `*path` holds the group/artifact/version directories and keeps its `/` (FACTS).
    let (out, req) = srv
        .capture(
            Reply::text("application/xml", "<metadata/>"),
            c.get_project_maven_file(1, dir, "maven-metadata.xml"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"<metadata/>");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/maven-metadata.xml"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/plain", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            c.get_maven_file(dir, "my-app-1.0-20231010.101010-1.jar.sha1"),
        )
        .await;
    assert_eq!(
        out.unwrap().as_ref(),
        b"da39a3ee5e6b4b0d3255bfef95601890afd80709"
    );
    assert_eq!(
        req.path,
        "/api/v4/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/my-app-1.0-20231010.101010-1.jar.sha1"
    );

    let (out, req) = srv
        .capture(
            Reply::bytes(b"PK"),
            c.get_group_maven_file("my-group/sub", dir, "my-app-1.0-20231010.101010-1.jar"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group%2Fsub/-/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/my-app-1.0-20231010.101010-1.jar"
    );

    // FACTS, bodies: PUT maven is raw bytes.
    let (out, req) = srv
        .capture(
            Reply::empty(200),
            c.upload_project_maven_file(
                "group/project",
                dir,
                "my-app-1.0-20231010.101010-1.pom",
                "<project/>",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/my-app-1.0-20231010.101010-1.pom"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"<project/>");
}

// ---------------------------------------------------------------------------------------
// npm
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn npm_operations() {
    let srv = Server::start().await;
    let c = &srv.client;

    // Globs accept `@scope/name` (FACTS): `@` is encoded, `/` kept.
    let (out, req) = srv
        .capture(
            Reply::json(r#"{"name":"@scope/name"}"#),
            c.get_project_npm_package_metadata(1, "@scope/name"),
        )
        .await;
    assert_eq!(out.unwrap().name.as_deref(), Some("@scope/name"));
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/1/packages/npm/%40scope/name");

    let (out, req) = srv
        .capture(Reply::json("{}"), c.get_npm_package_metadata("@scope/name"))
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/packages/npm/%40scope/name");
    let (out, req) = srv
        .capture(Reply::json("{}"), c.get_npm_package_metadata("lodash"))
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/packages/npm/lodash");

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_group_npm_package_metadata("my-group/sub", "@scope/name"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group%2Fsub/-/packages/npm/%40scope/name"
    );

    // Tarball `*package_name/-/*file_name`.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"\x1f\x8b"),
            c.get_project_npm_package_tarball(1, "@scope/name", "@scope/name-1.0.0.tgz"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"\x1f\x8b");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/npm/%40scope/name/-/%40scope/name-1.0.0.tgz"
    );

    // Publish: `PUT .../packages/npm/:package_name` is ONE segment, so the scoped name's
    // `/` must be encoded (FACTS: "a scoped name must be sent `@scope%2fname` there").
    let document = json!({
        "name": "@scope/name",
        "versions": {"1.0.0": {"name": "@scope/name", "version": "1.0.0"}},
        "dist-tags": {"latest": "1.0.0"},
    });
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.publish_project_npm_package("group/project", "@scope/name", document.clone()),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/npm/%40scope%2Fname"
    );
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(req.body_json(), document);

    // dist-tags (FACTS: the PUT body is the version string, as JSON). What the answer
    // decodes into is checked by `npm_dist_tags_answer_keeps_the_tags` below.
    let (out, req) = srv
        .capture(
            Reply::json(r#"{"latest":"1.0.0"}"#),
            c.list_project_npm_dist_tags(1, "@scope/name"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/npm/-/package/%40scope/name/dist-tags"
    );

    let (out, req) = srv
        .capture(
            Reply::empty(204),
            c.set_project_npm_dist_tag(1, "@scope/name", "beta", "1.0.1"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/npm/-/package/%40scope/name/dist-tags/beta"
    );
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(req.body_text(), r#""1.0.1""#);

    let (out, req) = srv
        .capture(
            Reply::empty(204),
            c.delete_group_npm_dist_tag("my-group", "@scope/name", "beta"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(
        req.path,
        "/api/v4/groups/my-group/-/packages/npm/-/package/%40scope/name/dist-tags/beta"
    );

    let (out, req) = srv
        .capture(Reply::json("{}"), c.list_npm_dist_tags("unscoped"))
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/packages/npm/-/package/unscoped/dist-tags"
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.audit_npm_quick(json!({"name": "app", "requires": {}})),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path,
        "/api/v4/packages/npm/-/npm/v1/security/audits/quick"
    );
    assert_eq!(req.body_json(), json!({"name": "app", "requires": {}}));
}

/// GitLab answers the dist-tags of a package as a flat map, tag → version
/// (`{"latest":"1.0.0"}`: `API::Entities::NpmPackageTag` is `expose :dist_tags, merge: true`,
/// lib/api/entities/npm_package_tag.rb), and so does the npm registry protocol. The
/// generated `NpmPackageTag` expects them under a `dist_tags` key (the companion spec misses
/// `merge: true`), so the tags are dropped: the decoded value must serialize back to what the
/// server sent.
#[tokio::test]

async fn npm_dist_tags_answer_keeps_the_tags() {
    let srv = Server::start().await;
    let (out, _) = srv
        .capture(
            Reply::json(r#"{"latest":"1.0.0","beta":"1.0.1"}"#),
            srv.client.list_project_npm_dist_tags(1, "@scope/name"),
        )
        .await;
    let tags = serde_json::to_value(out.unwrap()).expect("serialize");
    assert_eq!(tags, json!({"latest": "1.0.0", "beta": "1.0.1"}));
}

// ---------------------------------------------------------------------------------------
// nuget
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn nuget_operations() {
    let srv = Server::start_with(Auth::basic("user", "glpat-nuget")).await;
    let c = &srv.client;

    let (out, req) = srv
        .capture(
            Reply::json(r#"{"version":"3.0.0"}"#),
            c.get_project_nuget_service_index(1),
        )
        .await;
    assert_eq!(out.unwrap().version.as_deref(), Some("3.0.0"));
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget/index");

    let (out, req) = srv
        .capture(Reply::json("{}"), c.get_group_nuget_service_index(5))
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/groups/5/-/packages/nuget/index");

    let call = c
        .search_project_nuget_packages(1)
        .q("My.Package")
        .skip(0)
        .take(26)
        .prerelease(true);
    let (out, req) = srv.capture(Reply::json("{}"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget/query");
    assert_query(
        &req,
        &["q=My.Package", "skip=0", "take=26", "prerelease=true"],
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_project_nuget_package_metadata(1, "My.Package"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/metadata/My.Package/index"
    );

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_project_nuget_package_version_metadata(1, "My.Package", "1.0.0-beta+build.5"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/metadata/My.Package/1.0.0-beta%2Bbuild.5"
    );

    let (out, req) = srv
        .capture(
            Reply::bytes(b"PK"),
            c.get_project_nuget_package_file(1, "My.Package", "1.0.0", "my.package.1.0.0.nupkg"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"PK");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/download/My.Package/1.0.0/my.package.1.0.0.nupkg"
    );

    // FACTS, bodies: PUT nuget and nuget/v2 are multipart, file field `package`.
    let form = Multipart::new().file("package", "my.package.1.0.0.nupkg", &b"PK\x03\x04"[..]);
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", "{}"),
            c.upload_project_nuget_package(1, form),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget");
    let parts = req.multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "package");
    assert_eq!(
        parts[0].file_name.as_deref(),
        Some("my.package.1.0.0.nupkg")
    );
    assert_eq!(parts[0].data, b"PK\x03\x04");

    let form = Multipart::new().file("package", "my.package.1.0.0.nupkg", &b"PK"[..]);
    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.upload_project_nuget_v2_package(1, form),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "PUT");
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget/v2");
    assert_eq!(req.multipart()[0].name, "package");

    // v2 OData routes: parentheses, quotes and commas are sent literally in the path.
    let (out, req) = srv
        .capture(
            Reply::text("application/xml", "<feed/>"),
            c.find_project_nuget_v2_packages_by_id(1, "'My.Package'"),
        )
        .await;
    assert_eq!(out.unwrap(), "<feed/>");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/v2/FindPackagesById()"
    );
    assert_eq!(req.query.as_deref(), Some("id=%27My.Package%27"));

    let (out, req) = srv
        .capture(
            Reply::text("application/xml", "<entry/>"),
            c.get_project_nuget_v2_package(1, "My.Package", "1.0.0"),
        )
        .await;
    assert_eq!(out.unwrap(), "<entry/>");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/v2/Packages(Id='My.Package',Version='1.0.0')"
    );
    assert_eq!(req.query, None);

    // `$filter` is form-encoded, name included: `$` → `%24`, `(` → `%28`, space → `+`.
    let (out, req) = srv
        .capture(
            Reply::text("application/xml", "<feed/>"),
            c.list_project_nuget_v2_packages(1, "(tolower(Id) eq 'my.package')"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget/v2/Packages()");
    assert_eq!(
        req.query.as_deref(),
        Some("%24filter=%28tolower%28Id%29+eq+%27my.package%27%29")
    );

    let (out, req) = srv
        .capture(
            Reply::text("application/xml", "<edmx/>"),
            c.get_project_nuget_v2_metadata(1),
        )
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1/packages/nuget/v2/$metadata");

    // Symbol files: three globs and a `Symbolchecksum` header.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"pdb"),
            c.get_project_nuget_symbol_file(
                1,
                "mypackage.pdb",
                "k3ikcmk3ikcmk3ikcmk3ikcmk3ikcmk3ffffffff",
                "mypackage.pdb",
                "SHA256:0123456789abcdef",
            ),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/symbolfiles/mypackage.pdb/k3ikcmk3ikcmk3ikcmk3ikcmk3ikcmk3ffffffff/mypackage.pdb"
    );
    assert_eq!(
        req.header("symbolchecksum"),
        Some("SHA256:0123456789abcdef")
    );

    let (out, req) = srv
        .capture(
            Reply::empty(204),
            c.delete_project_nuget_package_version(1, "My.Package", "1.0.0"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "DELETE");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/nuget/My.Package/1.0.0"
    );
}

// ---------------------------------------------------------------------------------------
// pypi
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn pypi_operations() {
    let srv = Server::start_with(Auth::basic("__token__", "glpat-pypi")).await;
    let c = &srv.client;

    // FACTS, responses: the simple index is HTML.
    let (out, req) = srv
        .capture(
            Reply::text("text/html", "<html></html>"),
            c.get_project_pypi_simple_index("group/project"),
        )
        .await;
    assert_eq!(out.unwrap(), "<html></html>");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/pypi/simple"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/html", "<html></html>"),
            c.get_project_pypi_simple_package(1, "my-package"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/pypi/simple/my-package"
    );

    let (out, req) = srv
        .capture(
            Reply::text("text/html", ""),
            c.get_group_pypi_simple_index(5),
        )
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/groups/5/-/packages/pypi/simple");

    // FACTS, bodies: POST pypi is multipart, file `content` plus metadata fields.
    let form = Multipart::new()
        .text("name", "my-package")
        .text("version", "1.0.0")
        .text(
            "sha256_digest",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        )
        .text("requires_python", ">=3.8")
        .file(
            "content",
            "my_package-1.0.0-py3-none-any.whl",
            &b"PK\x03\x04wheel"[..],
        );
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", r#"{"message":"201 Created"}"#),
            c.upload_project_pypi_package(1, form),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/api/v4/projects/1/packages/pypi");
    // "__token__:glpat-pypi" in base64.
    assert_eq!(
        req.header("authorization"),
        Some("Basic X190b2tlbl9fOmdscGF0LXB5cGk=")
    );
    let parts = req.multipart();
    let summary: Vec<(&str, Option<&str>, &[u8])> = parts
        .iter()
        .map(|p| (p.name.as_str(), p.file_name.as_deref(), p.data.as_slice()))
        .collect();
    assert_eq!(
        summary,
        [
            ("name", None, &b"my-package"[..]),
            ("version", None, &b"1.0.0"[..]),
            (
                "sha256_digest",
                None,
                &b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"[..]
            ),
            ("requires_python", None, &b">=3.8"[..]),
            (
                "content",
                Some("my_package-1.0.0-py3-none-any.whl"),
                &b"PK\x03\x04wheel"[..]
            ),
        ]
    );

    // `files/:sha256/*file_identifier`.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"PK"),
            c.get_project_pypi_file(
                1,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "my_package-1.0.0-py3-none-any.whl",
            ),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"PK");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/pypi/files/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/my_package-1.0.0-py3-none-any.whl"
    );
}

// ---------------------------------------------------------------------------------------
// rpm
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn rpm_operations() {
    let srv = Server::start_with(Auth::basic("user", "glpat-rpm")).await;
    let c = &srv.client;

    // FACTS, bodies: POST rpm is raw bytes.
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", "{}"),
            c.upload_project_rpm_package(1, &b"\xed\xab\xee\xdbrpm"[..]),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/api/v4/projects/1/packages/rpm");
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"\xed\xab\xee\xdbrpm");

    let (out, req) = srv
        .capture(
            Reply::text("application/xml", "<repomd/>"),
            c.get_project_rpm_repodata_file("group/project", "repomd.xml"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"<repomd/>");
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/rpm/repodata/repomd.xml"
    );

    let (out, req) = srv
        .capture(
            Reply::bytes(b"rpm"),
            c.get_project_rpm_file(1, 42, "hello-0.0.1-1.fc29.x86_64.rpm"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/rpm/42/hello-0.0.1-1.fc29.x86_64.rpm"
    );
}

// ---------------------------------------------------------------------------------------
// rubygems
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn rubygems_operations() {
    // FACTS, authentication: rubygems takes a raw `Authorization: <token>`.
    let srv = Server::start_with(Auth::raw("glpat-gems")).await;
    let c = &srv.client;

    // FACTS, queries: `gems` accepts `gems[]=x&gems[]=y`.
    let (out, req) = srv
        .capture(
            Reply::bytes(b"\x04\x08["),
            c.get_project_rubygems_dependencies(1)
                .gems(["rails", "rack"]),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"\x04\x08[");
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/rubygems/api/v1/dependencies"
    );
    assert_eq!(
        req.query.as_deref(),
        Some("gems%5B%5D=rails&gems%5B%5D=rack")
    );
    assert_eq!(req.header("authorization"), Some("glpat-gems"));
    assert_eq!(req.credentials(), ["authorization"]);

    let (out, req) = srv
        .capture(Reply::bytes(b""), c.get_project_rubygems_dependencies(1))
        .await;
    out.unwrap();
    assert_eq!(req.query, None);

    // FACTS, bodies: POST rubygems is raw bytes.
    let (out, req) = srv
        .capture(
            Reply::new(201, "application/json", "{}"),
            c.upload_project_rubygems_gem(1, &b"gemdata"[..]),
        )
        .await;
    out.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/api/v4/projects/1/packages/rubygems/api/v1/gems");
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"gemdata");

    let (out, req) = srv
        .capture(
            Reply::bytes(b"gem"),
            c.get_project_rubygems_gem(1, "my_gem-1.0.0.gem"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/rubygems/gems/my_gem-1.0.0.gem"
    );

    let (out, req) = srv
        .capture(
            Reply::bytes(b"\x1f\x8b"),
            c.get_project_rubygems_spec_index(1, "specs.4.8.gz"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/rubygems/specs.4.8.gz"
    );

    let (out, req) = srv
        .capture(
            Reply::bytes(b"x\x9c"),
            c.get_project_rubygems_gemspec(1, "my_gem-1.0.0.gemspec.rz"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/1/packages/rubygems/quick/Marshal.4.8/my_gem-1.0.0.gemspec.rz"
    );
}

// ---------------------------------------------------------------------------------------
// cargo
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn cargo_operations() {
    let srv = Server::start().await;
    let c = &srv.client;
    let (out, req) = srv
        .capture(
            Reply::json(r#"{"dl":"https://gitlab.example.com/api/v4/projects/1/packages/cargo"}"#),
            c.get_project_cargo_config(1),
        )
        .await;
    assert_eq!(
        out.unwrap()["dl"],
        "https://gitlab.example.com/api/v4/projects/1/packages/cargo"
    );
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/1/packages/cargo/config.json");

    let (out, req) = srv
        .capture(
            Reply::json("{}"),
            c.get_project_cargo_config("group/sub/project"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fsub%2Fproject/packages/cargo/config.json"
    );
}

// ---------------------------------------------------------------------------------------
// Cross-cutting
// ---------------------------------------------------------------------------------------

/// en:43 `curl --header "PRIVATE-TOKEN: <your_access_token>"`; FACTS: credentials in two
/// places at once are rejected, so the token must be the only credential header.
#[tokio::test]
async fn private_token_is_the_only_credential() {
    let srv = Server::start().await;
    let (out, req) = srv
        .capture(Reply::json("[]"), srv.client.list_project_packages(1234))
        .await;
    out.unwrap();
    assert_eq!(req.header("private-token"), Some(TOKEN));
    assert_eq!(req.credentials(), ["private-token"]);
    assert_eq!(req.header("user-agent"), Some("gitlab-packages/0.1.0"));
    // Exactly one PRIVATE-TOKEN header.
    let count = req
        .headers
        .iter()
        .filter(|(n, _)| n == "private-token")
        .count();
    assert_eq!(count, 1);

    // A client without credentials sends none.
    let anonymous = client_for(&srv.url(), Auth::None);
    let (out, req) = srv
        .capture(Reply::json("[]"), anonymous.list_project_packages(1234))
        .await;
    out.unwrap();
    assert_eq!(req.credentials(), Vec::<&str>::new());

    // Job and deploy tokens go in their own headers (FACTS, authentication table).
    let job = client_for(&srv.url(), Auth::job_token("job-123"));
    let (out, req) = srv
        .capture(Reply::json("[]"), job.list_project_packages(1234))
        .await;
    out.unwrap();
    assert_eq!(req.header("job-token"), Some("job-123"));
    assert_eq!(req.credentials(), ["job-token"]);
    let deploy = client_for(&srv.url(), Auth::deploy_token("gldt-1"));
    let (out, req) = srv
        .capture(
            Reply::bytes(b"x"),
            deploy.get_project_generic_file(1, "p", "1.0", "f.txt"),
        )
        .await;
    out.unwrap();
    assert_eq!(req.header("deploy-token"), Some("gldt-1"));
    assert_eq!(req.credentials(), ["deploy-token"]);
}

/// A base URL may carry a relative URL root; a trailing `/` on it is not doubled.
#[tokio::test]
async fn base_url_with_path_prefix() {
    let srv = Server::start().await;
    // Without a prefix, with or without a trailing `/`.
    for base in [srv.url(), format!("{}/", srv.url())] {
        let c = client_for(&base, Auth::private_token(TOKEN));
        let (out, req) = srv
            .capture(Reply::json("[]"), c.list_project_packages("group/project"))
            .await;
        out.unwrap();
        assert_eq!(
            req.path, "/api/v4/projects/group%2Fproject/packages",
            "base {base}"
        );
    }
    for base in [
        format!("{}/gitlab", srv.url()),
        format!("{}/gitlab/", srv.url()),
    ] {
        let c = client_for(&base, Auth::private_token(TOKEN));
        let (out, req) = srv
            .capture(
                Reply::json("[]"),
                c.list_project_packages("group/sub/project").page(1),
            )
            .await;
        out.unwrap();
        assert_eq!(
            req.path, "/gitlab/api/v4/projects/group%2Fsub%2Fproject/packages",
            "base {base}"
        );
        assert_eq!(req.query.as_deref(), Some("page=1"));
        assert_eq!(req.header("private-token"), Some(TOKEN));

        let (out, req) = srv
            .capture(
                Reply::bytes(b"x"),
                c.get_maven_file("com/mycompany/app/my-app/1.0", "my-app-1.0.jar"),
            )
            .await;
        out.unwrap();
        assert_eq!(
            req.path,
            "/gitlab/api/v4/packages/maven/com/mycompany/app/my-app/1.0/my-app-1.0.jar"
        );
    }
}

/// FACTS: Grape squeezes `//` and strips a trailing `/`, so an empty value cannot be sent;
/// `.` and `..` would be removed by URL normalization. The client rejects them before
/// sending anything.
#[tokio::test]
async fn empty_and_dot_path_values_are_rejected_without_a_request() {
    let srv = Server::start().await;
    let c = &srv.client;

    // One-segment variables.
    for bad in ["", ".", ".."] {
        let e = srv.rejected(c.list_project_packages(bad)).await;
        assert_invalid(&e, "id");
        let e = srv
            .rejected(c.get_project_debian_distribution(1, bad))
            .await;
        assert_invalid(&e, "codename");
        let e = srv
            .rejected(c.publish_project_npm_package(1, bad, json!({})))
            .await;
        assert_invalid(&e, "package_name");
        let e = srv
            .rejected(c.get_project_generic_file(1, "pkg", "1.0", bad))
            .await;
        assert_invalid(&e, "file_name");
        let e = srv
            .rejected(c.upload_project_generic_file(1, bad, "1.0", "f.txt", "x"))
            .await;
        assert_invalid(&e, "package_name");
    }

    // Glob variables: the whole value and each of its segments.
    for bad in [
        "", ".", "..", "a/../b", "a/./b", "a//b", "/a", "a/", "./a", "a/..",
    ] {
        let e = srv
            .rejected(c.list_project_go_module_versions(1, bad))
            .await;
        assert_invalid(&e, "module_name");
        let e = srv
            .rejected(c.get_project_maven_file(1, bad, "maven-metadata.xml"))
            .await;
        assert_invalid(&e, "path");
        let e = srv
            .rejected(
                c.get_project_generic_file(1, "pkg", "1.0", "f.txt")
                    .path(bad),
            )
            .await;
        assert_invalid(&e, "path");
        let e = srv.rejected(c.get_npm_package_metadata(bad)).await;
        assert_invalid(&e, "package_name");
    }

    // The error names the operation and parameter.
    let e = srv.rejected(c.get_project_package("..", 1)).await;
    assert_eq!(
        e.to_string(),
        "invalid input for get_project_package: parameter `id`: must not be `..`"
    );

    // Values that merely contain dots are fine.
    let (out, req) = srv
        .capture(Reply::json("[]"), c.list_project_packages("..group/.p..."))
        .await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/..group%2F.p.../packages");
}

/// FACTS, errors: GitLab answers `{"message": ...}` or `{"error": ...}`; a non-2xx status
/// is an error carrying the status and the message.
#[tokio::test]
async fn http_errors_carry_status_and_message() {
    let srv = Server::start().await;
    let c = &srv.client;

    let (out, req) = srv
        .capture(
            Reply::new(404, "application/json", r#"{"message":"404 Not Found"}"#),
            c.get_project_package("group/project", 42),
        )
        .await;
    assert_eq!(req.path, "/api/v4/projects/group%2Fproject/packages/42");
    let error = out.expect_err("404 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let text = error.to_string();
    assert!(text.contains("404 Not Found"), "{text}");
    assert!(text.contains("get_project_package"), "{text}");
    assert!(!text.contains(TOKEN), "{text}");

    // `{"error": ...}` (validation errors), on an operation returning bytes.
    let (out, _) = srv
        .capture(
            Reply::new(
                400,
                "application/json",
                r#"{"error":"file_name is invalid"}"#,
            ),
            c.get_project_generic_file(1, "pkg", "1.0", "f.txt"),
        )
        .await;
    let error = out.expect_err("400 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(
        error.to_string().contains("file_name is invalid"),
        "{error}"
    );

    // 429 with Retry-After (FACTS, rate limiting), plain-text body. Retries are off for
    // this request: with them, the 60 s wait exceeds the budget and the error is the same.
    let (out, _) = srv
        .capture(
            Reply::new(429, "text/plain", "Retry later\n").with_header("retry-after", "60"),
            c.list_project_packages(1)
                .options(RequestOptions::new().retry(RetryPolicy::none())),
        )
        .await;
    let error = out.expect_err("429 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.retry_after(), Some("60"));
    assert!(error.to_string().contains("Retry later"), "{error}");
}

/// FACTS, path parameters: a numeric id is looked up by id, anything else by full path,
/// sent as one segment.
#[tokio::test]
async fn numeric_id_and_full_path() {
    let srv = Server::start().await;
    let c = &srv.client;
    let cases: [(gitlab_packages::IdOrPath, &str); 5] = [
        (1234u64.into(), "/api/v4/projects/1234/packages"),
        ("1234".into(), "/api/v4/projects/1234/packages"),
        (
            "group/project".into(),
            "/api/v4/projects/group%2Fproject/packages",
        ),
        (
            "my-group/sub_group/my.project~x".into(),
            "/api/v4/projects/my-group%2Fsub_group%2Fmy.project~x/packages",
        ),
        // UTF-8 bytes of `ü` are C3 BC.
        (
            "grüppe/p".into(),
            "/api/v4/projects/gr%C3%BCppe%2Fp/packages",
        ),
    ];
    for (id, expected) in cases {
        let (out, req) = srv
            .capture(Reply::json("[]"), c.list_project_packages(id))
            .await;
        out.unwrap();
        assert_eq!(req.path, expected);
    }
}

/// FACTS: a one-segment value round-trips when space, `%`, `#`, `?`, `/` and non-ASCII are
/// percent-encoded (space as `%20`, not `+`, in a path).
#[tokio::test]
async fn one_segment_values_are_fully_encoded() {
    let srv = Server::start().await;
    let c = &srv.client;
    let (out, req) = srv
        .capture(
            Reply::json(r#"{"id":1,"codename":"a b%c#d?e/f+g&h=i;j:k@l"}"#),
            c.get_project_debian_distribution(1, "a b%c#d?e/f+g&h=i;j:k@l"),
        )
        .await;
    assert_eq!(out.unwrap().codename, "a b%c#d?e/f+g&h=i;j:k@l");
    assert_eq!(
        req.path,
        "/api/v4/projects/1/debian_distributions/a%20b%25c%23d%3Fe%2Ff%2Bg%26h%3Di%3Bj%3Ak%40l"
    );
    assert_eq!(req.query, None);

    // The same characters in a query value are form-encoded.
    let (out, req) = srv
        .capture(
            Reply::json("[]"),
            c.list_project_packages(1)
                .package_name("a b%c#d?e/f+g&h=i;j:k@l"),
        )
        .await;
    out.unwrap();
    assert_eq!(
        req.query.as_deref(),
        Some("package_name=a+b%25c%23d%3Fe%2Ff%2Bg%26h%3Di%3Bj%3Ak%40l")
    );
}

/// FACTS, responses: downloads may be redirected to pre-signed storage on another host;
/// no GitLab credential may follow the redirect.
#[tokio::test]
async fn redirect_to_storage_drops_credentials() {
    let gitlab = Server::start().await;
    let storage = Server::start_with(Auth::None).await;
    storage.answer(Reply::bytes(b"stored bytes"));
    let location = format!(
        "{}/bucket/file.txt?X-Amz-Signature=abc%2Fdef",
        storage.url()
    );
    let (out, req) = gitlab
        .capture(
            Reply::empty(302).with_header("location", location),
            gitlab
                .client
                .get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
        )
        .await;
    assert_eq!(out.unwrap().as_ref(), b"stored bytes");
    assert_eq!(
        req.path,
        "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"
    );
    assert_eq!(req.header("private-token"), Some(TOKEN));

    let followed = storage.take();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].method, "GET");
    assert_eq!(followed[0].path, "/bucket/file.txt");
    assert_eq!(
        followed[0].query.as_deref(),
        Some("X-Amz-Signature=abc%2Fdef")
    );
    assert_eq!(followed[0].credentials(), Vec::<&str>::new());

    // A failure at the storage host reports GitLab's path, never the pre-signed URL.
    storage.answer(Reply::new(
        403,
        "application/xml",
        "<Error>AccessDenied</Error>",
    ));
    let location = format!("{}/bucket/file.txt?X-Amz-Signature=secret", storage.url());
    let (out, _) = gitlab
        .capture(
            Reply::empty(302).with_header("location", location),
            gitlab
                .client
                .get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
        )
        .await;
    let error = out.expect_err("403 from storage");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    let text = error.to_string();
    assert!(
        text.contains("/api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"),
        "{text}"
    );
    assert!(!text.contains("X-Amz-Signature"), "{text}");
    assert_eq!(storage.take()[0].credentials(), Vec::<&str>::new());
}

/// FACTS, responses: "A moved project: GET is redirected to the new path". A redirect on
/// the same host keeps the credential, and the `Location` path is used as sent.
#[tokio::test]
async fn redirect_on_the_same_host_keeps_credentials() {
    let srv = Server::start().await;
    let (out, log) = srv
        .capture_all(
            vec![
                Reply::empty(301).with_header(
                    "location",
                    format!(
                        "{}/api/v4/projects/new-group%2Fproject/packages?page=2",
                        srv.url()
                    ),
                ),
                Reply::json(
                    r#"[{"id":1,"name":"my-package","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}]"#,
                ),
            ],
            srv.client
                .list_project_packages("old-group/project")
                .page(2),
        )
        .await;
    let packages = out.unwrap();
    assert_eq!(packages.len(), 1);
    assert_eq!(packages[0].id, 1);
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].path, "/api/v4/projects/old-group%2Fproject/packages");
    assert_eq!(log[1].path, "/api/v4/projects/new-group%2Fproject/packages");
    assert_eq!(log[1].query.as_deref(), Some("page=2"));
    for request in &log {
        assert_eq!(request.method, "GET");
        assert_eq!(request.header("private-token"), Some(TOKEN));
        assert_eq!(request.credentials(), ["private-token"]);
    }
}

/// A redirect answering an upload is not followed (the body must not be resent elsewhere).
#[tokio::test]
async fn redirect_of_an_upload_is_an_error() {
    let srv = Server::start().await;
    let (out, req) = srv
        .capture(
            Reply::empty(307).with_header("location", "http://127.0.0.1:9/elsewhere"),
            srv.client
                .upload_project_generic_file(24, "my_pkg", "1.0.0", "file.txt", "data"),
        )
        .await;
    assert_eq!(req.method, "PUT");
    let error = out.expect_err("redirect of a PUT");
    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
}
