//! The runtime's features — pagination, per-request options, credentials, retries,
//! downloads, blocking calls — exercised through generated operations against loopback
//! servers.
//!
//! Every expected value is a literal: paths, queries and header values as GitLab expects
//! them (`/work/shared/docs/SERVER-FACTS.md`), base64 and SHA-256 values computed by hand
//! (`printf 'alice:glpat-conan-secret' | base64`, `printf 'hello, generic world\n' |
//! sha256sum`).
//!
//! Every test is bounded in time (`LIMIT`), every client has a 10 s request timeout, and
//! retries back off 10 ms so that the retry tests stay fast.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use axum::response::Response;
use futures_util::StreamExt;
use gitlab_packages::types::{ComposerPackageSource, Package, PackagePipeline};
use gitlab_packages::{Auth, Body, Client, Error, Items, RequestOptions, RetryPolicy};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------
// Harness.
// ---------------------------------------------------------------------------------------

/// The default client's token, sent as `PRIVATE-TOKEN`.
const TOKEN: &str = "glpat-runtime-0123456789";

/// Upper bound of every test.
const LIMIT: Duration = Duration::from_secs(30);

/// Headers that carry a credential.
const CREDENTIAL_HEADERS: [&str; 6] = [
    "authorization",
    "private-token",
    "job-token",
    "deploy-token",
    "x-nuget-apikey",
    "cookie",
];

/// Runs a test body within `LIMIT`.
async fn bounded<F: std::future::Future>(test: F) -> F::Output {
    tokio::time::timeout(LIMIT, test)
        .await
        .expect("the test finishes within its time limit")
}

/// One request as the server received it.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    /// The raw path, as sent.
    path: String,
    /// The raw query, as sent.
    query: Option<String>,
    /// Lowercase names.
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

    /// Names of the credential headers present (with repetitions).
    fn credentials(&self) -> Vec<&str> {
        self.headers
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| CREDENTIAL_HEADERS.contains(n))
            .collect()
    }

    /// `METHOD path?query`.
    fn target(&self) -> String {
        match &self.query {
            Some(query) => format!("{} {}?{query}", self.method, self.path),
            None => format!("{} {}", self.method, self.path),
        }
    }
}

/// An answer of the server.
#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Wait before answering.
    delay: Duration,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    fn json(status: u16, body: &str) -> Reply {
        Reply::new(status, "application/json", body)
    }

    fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

struct Shared {
    /// Answers to the next requests, in order; once empty, `500 unexpected request`.
    queue: Mutex<VecDeque<Reply>>,
    log: Mutex<Vec<Recorded>>,
}

impl Shared {
    fn new() -> Arc<Shared> {
        Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            log: Mutex::new(Vec::new()),
        })
    }

    fn enqueue(&self, replies: impl IntoIterator<Item = Reply>) {
        self.queue.lock().unwrap().extend(replies);
    }

    /// Removes and returns the requests recorded so far.
    fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

/// The only handler: records the request (before any delay), answers the next reply.
async fn record(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 4 << 20)
        .await
        .expect("request body within 4 MiB");
    shared.log.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                (n.as_str().to_owned(), value)
            })
            .collect(),
        body: body.to_vec(),
    });
    let reply = shared
        .queue
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| Reply::new(500, "text/plain", "unexpected request"));
    tokio::time::sleep(reply.delay).await;
    let mut response = Response::new(HttpBody::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).expect("status");
    if !reply.content_type.is_empty() {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    }
    for (name, value) in reply.headers {
        response.headers_mut().append(
            HeaderName::from_static(name),
            HeaderValue::from_str(&value).expect("header value"),
        );
    }
    response
}

/// Binds `127.0.0.1:0`; returns the listener, its address and the app to serve.
async fn bind(shared: &Arc<Shared>) -> (tokio::net::TcpListener, SocketAddr, Router) {
    let app = Router::new().fallback(record).with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    (listener, addr, app)
}

/// A recording server on a random loopback port, aborted on drop.
struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    async fn start() -> Server {
        let shared = Shared::new();
        let (listener, addr, app) = bind(&shared).await;
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("server");
        });
        Server { addr, shared, task }
    }

    /// `http://127.0.0.1:<port>`
    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A client sending `PRIVATE-TOKEN: TOKEN`.
    fn client(&self) -> Client {
        client_for(&self.url())
    }

    fn enqueue(&self, replies: impl IntoIterator<Item = Reply>) {
        self.shared.enqueue(replies);
    }

    fn take(&self) -> Vec<Recorded> {
        self.shared.take()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A client for `base_url`: `PRIVATE-TOKEN: TOKEN`, no proxy, 10 s timeout, retries
/// backing off 10 ms.
fn client_for(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .auth(Auth::private_token(TOKEN))
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .expect("client")
}

/// Every item of a list, in order; panics on an error.
async fn collect<T>(items: Items<T>) -> Vec<T>
where
    Items<T>: futures_util::Stream<Item = Result<T, Error>>,
{
    items
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .expect("every page")
}

/// Asserts the request carries `PRIVATE-TOKEN: TOKEN` and no other credential.
#[track_caller]
fn assert_private_token(request: &Recorded) {
    assert_eq!(
        request.credentials(),
        ["private-token"],
        "{}",
        request.target()
    );
    assert_eq!(request.header("private-token"), Some(TOKEN));
}

// ---------------------------------------------------------------------------------------
// Offset pagination.
// ---------------------------------------------------------------------------------------

/// A JSON list of packages with the given ids and names (and the other fields every
/// package has: version, package_type, created_at).
fn packages_json(packages: &[(u64, &str)]) -> String {
    let items: Vec<String> = packages
        .iter()
        .map(|(id, name)| {
            format!(
                r#"{{"id":{id},"name":"{name}","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// The ids and names of `packages`, in order.
fn ids_and_names(packages: &[Package]) -> Vec<(u64, &str)> {
    packages.iter().map(|p| (p.id, p.name.as_str())).collect()
}

/// A JSON list of package pipelines with the given ids (and the fields every pipeline has).
fn pipelines_json(ids: &[u64]) -> String {
    let items: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"id":{id},"sha":"a91957a858320c0e17f3a0eca7cfacbff50ea29a","ref":"main","status":"success","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","web_url":"https://gitlab.example.com/group/project/-/pipelines/{id}"}}"#
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// Three pages of two packages (five in all) with GitLab's `X-*` headers and no `Link`.
fn x_next_page_replies() -> Vec<Reply> {
    let page = |body: &str, page: &str, next: &str, prev: &str| {
        Reply::json(200, body)
            .header("x-page", page)
            .header("x-per-page", "2")
            .header("x-total", "5")
            .header("x-total-pages", "3")
            .header("x-next-page", next)
            .header("x-prev-page", prev)
    };
    vec![
        page(&packages_json(&[(1, "a"), (2, "b")]), "1", "2", ""),
        page(&packages_json(&[(3, "c"), (4, "d")]), "2", "3", "1"),
        page(&packages_json(&[(5, "e")]), "3", "", "2"),
    ]
}

/// The ids and names of the five packages of the three pages.
const FIVE_PACKAGES: [(u64, &str); 5] = [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")];

#[tokio::test]
async fn offset_pagination_follows_x_next_page() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue(x_next_page_replies());

        let items = client
            .list_project_packages("group/project")
            .per_page(2)
            .into_items();
        let packages = collect(items).await;
        assert_eq!(ids_and_names(&packages), FIVE_PACKAGES);

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2",
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2&page=2",
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2&page=3",
            ]
        );
        requests.iter().for_each(assert_private_token);
    })
    .await;
}

#[tokio::test]
async fn send_page_exposes_the_pagination_headers() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue(x_next_page_replies().into_iter().take(1));

        let page = client
            .list_project_packages("group/project")
            .per_page(2)
            .send_page()
            .await
            .expect("first page");
        assert_eq!(ids_and_names(&page.items), [(1, "a"), (2, "b")]);
        assert_eq!(page.page, Some(1));
        assert_eq!(page.per_page, Some(2));
        assert_eq!(page.total, Some(5));
        assert_eq!(page.total_pages, Some(3));
        assert_eq!(page.next_page, Some(2));
        assert_eq!(page.prev_page, None);
        assert_eq!(page.next, None);

        let requests = server.take();
        assert_eq!(requests.len(), 1, "one page, one request");
        assert_eq!(
            requests[0].target(),
            "GET /api/v4/projects/group%2Fproject/packages?per_page=2"
        );
    })
    .await;
}

#[tokio::test]
async fn offset_pagination_follows_link_rel_next_alone() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        let base = format!("{}/api/v4/projects/group%2Fproject/packages", server.url());
        let link = |page: u32| format!("<{base}?page={page}&per_page=2>");
        // GitLab's order: prev, next, first, last. No X-Next-Page, no totals.
        server.enqueue([
            Reply::json(200, &packages_json(&[(1, "a"), (2, "b")])).header(
                "link",
                format!(
                    r#"{}; rel="next", {}; rel="first", {}; rel="last""#,
                    link(2),
                    link(1),
                    link(3)
                ),
            ),
            Reply::json(200, &packages_json(&[(3, "c"), (4, "d")])).header(
                "link",
                format!(
                    r#"{}; rel="prev", {}; rel="next", {}; rel="first", {}; rel="last""#,
                    link(1),
                    link(3),
                    link(1),
                    link(3)
                ),
            ),
            Reply::json(200, &packages_json(&[(5, "e")])).header(
                "link",
                format!(
                    r#"{}; rel="prev", {}; rel="first", {}; rel="last""#,
                    link(2),
                    link(1),
                    link(3)
                ),
            ),
        ]);

        let items = client
            .list_project_packages("group/project")
            .per_page(2)
            .into_items();
        let packages = collect(items).await;
        assert_eq!(ids_and_names(&packages), FIVE_PACKAGES);

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/group%2Fproject/packages?per_page=2",
                "GET /api/v4/projects/group%2Fproject/packages?page=2&per_page=2",
                "GET /api/v4/projects/group%2Fproject/packages?page=3&per_page=2",
            ]
        );
        requests.iter().for_each(assert_private_token);
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Keyset pagination.
// ---------------------------------------------------------------------------------------

/// Package pipelines: the only signal of a next page is `Link rel="next"` with a `cursor`
/// (FACTS, "Pagination"). Its host is GitLab's configured host, not necessarily the one
/// the client called: the client follows the link's path and query on its own base URL,
/// and so sends its credentials nowhere else. One link names a second loopback server (a
/// decoy that records what it gets), the other a host that does not resolve.
#[tokio::test]
async fn keyset_pagination_follows_the_cursor_on_the_base_url() {
    bounded(async {
        let server = Server::start().await;
        let decoy = Server::start().await;
        let client = server.client();
        server.enqueue([
            Reply::json(200, &pipelines_json(&[11, 12])).header(
                "link",
                format!(
                    r#"<{}/api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEyIn0>; rel="next""#,
                    decoy.url()
                ),
            ),
            Reply::json(200, &pipelines_json(&[13])).header(
                "link",
                r#"<http://gitlab.internal.example/api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEzIn0>; rel="next""#,
            ),
            Reply::json(200, &pipelines_json(&[14])),
        ]);

        let items = client.list_project_package_pipelines(1, 2).into_items();
        let pipelines: Vec<PackagePipeline> = collect(items).await;
        let ids: Vec<u64> = pipelines.iter().map(|p| p.id).collect();
        assert_eq!(ids, [11, 12, 13, 14]);

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/1/packages/2/pipelines",
                "GET /api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEyIn0",
                "GET /api/v4/projects/1/packages/2/pipelines?cursor=eyJpZCI6IjEzIn0",
            ]
        );
        requests.iter().for_each(assert_private_token);
        assert_eq!(decoy.take().len(), 0, "nothing may go to the Link's host");
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Per-request options.
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn options_auth_replaces_the_clients_credential() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([
            Reply::json(200, "[]"),
            Reply::json(200, "[]"),
            Reply::json(200, "[]"),
        ]);

        let job = RequestOptions::new().auth(Auth::job_token("ci-job-token-42"));
        let answer = client.list_project_packages(1).options(job).await;
        assert!(answer.expect("job token").is_empty());
        let anonymous = RequestOptions::new().auth(Auth::None);
        let answer = client.list_project_packages(1).options(anonymous).await;
        assert!(answer.expect("no credential").is_empty());
        // The client itself is unchanged.
        let answer = client.list_project_packages(1).await;
        assert!(answer.expect("private token").is_empty());

        let requests = server.take();
        assert_eq!(requests.len(), 3);
        for request in &requests {
            assert_eq!(request.target(), "GET /api/v4/projects/1/packages");
        }
        assert_eq!(requests[0].credentials(), ["job-token"]);
        assert_eq!(requests[0].header("job-token"), Some("ci-job-token-42"));
        assert_eq!(requests[1].credentials(), Vec::<&str>::new());
        assert_private_token(&requests[2]);
    })
    .await;
}

#[tokio::test]
async fn options_header_is_sent_with_a_generated_operation() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([Reply::json(200, r#"{"message":"200 OK"}"#)]);

        let document = json!({
            "name": "@scope/name",
            "versions": { "1.0.0": { "deprecated": "use 2.0.0" } }
        });
        let answer = client
            .publish_project_npm_package(1, "@scope/name", document)
            .options(RequestOptions::new().header("Npm-Command", "deprecate"))
            .await;
        assert_eq!(answer.expect("deprecation"), json!({"message": "200 OK"}));

        let requests = server.take();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(
            request.target(),
            "PUT /api/v4/projects/1/packages/npm/%40scope%2Fname"
        );
        assert_eq!(request.header("npm-command"), Some("deprecate"));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(
            serde_json::from_slice::<Value>(&request.body).expect("JSON body"),
            json!({
                "name": "@scope/name",
                "versions": { "1.0.0": { "deprecated": "use 2.0.0" } }
            })
        );
        assert_private_token(request);
    })
    .await;
}

#[tokio::test]
async fn options_timeout_bounds_a_slow_answer() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([Reply::json(200, r#"{"id":2}"#).delayed(Duration::from_secs(5))]);

        let started = Instant::now();
        let error = client
            .get_project_package(1, 2)
            .options(RequestOptions::new().timeout(Duration::from_millis(300)))
            .await
            .expect_err("the answer comes after the timeout");
        let elapsed = started.elapsed();
        assert!(error.is_timeout(), "{error:?}");
        assert!(
            elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(3),
            "failed after {elapsed:?}"
        );
        // A timeout (other than connecting) is not retried.
        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(targets, ["GET /api/v4/projects/1/packages/2"]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Credentials: the Conan flow.
// ---------------------------------------------------------------------------------------

/// Conan trades HTTP Basic for a JWT (text/plain), then sends `Authorization: Bearer`
/// (FACTS, "Authentication").
#[tokio::test]
async fn conan_login_then_bearer_client() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJl";
        server.enqueue([
            Reply::new(200, "text/plain", jwt),
            Reply::json(
                200,
                r#"{"revision":"75151329520e7685dcf5da49ded2fec0","time":"2024-05-01T10:00:00.000+0000"}"#,
            ),
            Reply::json(200, "[]"),
        ]);

        let login = RequestOptions::new().auth(Auth::basic("alice", "glpat-conan-secret"));
        let token = client
            .authenticate_project_conan_v2(1)
            .options(login)
            .await
            .expect("login");
        assert_eq!(token, jwt);

        let conan = client.with_auth(Auth::bearer(token));
        let latest = conan
            .get_project_conan_v2_recipe_latest_revision(1, "zlib", "1.3.1", "_", "_")
            .await
            .expect("latest revision");
        assert_eq!(
            latest.revision.as_deref(),
            Some("75151329520e7685dcf5da49ded2fec0")
        );
        assert_eq!(latest.time.as_deref(), Some("2024-05-01T10:00:00.000+0000"));
        // The original client keeps its token.
        client.list_project_packages(1).await.expect("packages");

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/1/packages/conan/v2/users/authenticate",
                "GET /api/v4/projects/1/packages/conan/v2/conans/zlib/1.3.1/_/_/latest",
                "GET /api/v4/projects/1/packages",
            ]
        );
        assert_eq!(requests[0].credentials(), ["authorization"]);
        assert_eq!(
            requests[0].header("authorization"),
            Some("Basic YWxpY2U6Z2xwYXQtY29uYW4tc2VjcmV0")
        );
        assert_eq!(requests[1].credentials(), ["authorization"]);
        assert_eq!(
            requests[1].header("authorization"),
            Some("Bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJl")
        );
        assert_private_token(&requests[2]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Retries.
// ---------------------------------------------------------------------------------------

fn unavailable() -> Reply {
    Reply::json(503, r#"{"message":"503 Service Unavailable"}"#)
}

#[tokio::test]
async fn get_is_retried_after_503() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([
            unavailable(),
            Reply::json(
                200,
                r#"{"id":2,"name":"pkg","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}"#,
            ),
        ]);

        let package = client.get_project_package(1, 2).await.expect("retried");
        assert_eq!((package.id, package.name.as_str()), (2, "pkg"));

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/1/packages/2",
                "GET /api/v4/projects/1/packages/2"
            ]
        );
        requests.iter().for_each(assert_private_token);
    })
    .await;
}

#[tokio::test]
async fn post_is_not_retried_after_503() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        // A retry would succeed: the 201 must stay unused.
        server.enqueue([
            unavailable(),
            Reply::json(201, r#"{"message":"201 Created"}"#),
        ]);

        let form = ComposerPackageSource {
            tag: Some("v1.0.0".into()),
            branch: None,
        };
        let error = client
            .create_project_composer_package(1, form)
            .await
            .expect_err("503 on a POST");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
        match &error {
            Error::Http { message, .. } => {
                assert_eq!(message.as_deref(), Some("503 Service Unavailable"));
            }
            other => panic!("expected Error::Http, got {other:?}"),
        }

        let requests = server.take();
        assert_eq!(requests.len(), 1, "a POST answered 503 is sent once");
        assert_eq!(
            requests[0].target(),
            "POST /api/v4/projects/1/packages/composer"
        );
        assert_eq!(
            requests[0].header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(requests[0].body, b"tag=v1.0.0");
    })
    .await;
}

#[tokio::test]
async fn post_is_retried_after_429_with_retry_after() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([
            Reply::json(429, r#"{"message":"429 Too Many Requests"}"#)
                .header("retry-after", "1")
                .header("ratelimit-limit", "600")
                .header("ratelimit-remaining", "0"),
            Reply::json(201, r#"{"message":"201 Created"}"#),
        ]);

        let started = Instant::now();
        let form = ComposerPackageSource {
            tag: Some("v1.0.0".into()),
            branch: None,
        };
        let answer = client
            .create_project_composer_package(1, form)
            .await
            .expect("retried after the wait");
        let elapsed = started.elapsed();
        assert_eq!(answer, json!({"message": "201 Created"}));
        // `Retry-After: 1` is waited for, instead of the 10 ms backoff.
        assert!(
            elapsed >= Duration::from_millis(950),
            "retried after {elapsed:?}"
        );

        let requests = server.take();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert_eq!(
                request.target(),
                "POST /api/v4/projects/1/packages/composer"
            );
            assert_eq!(request.body, b"tag=v1.0.0");
            assert_private_token(request);
        }
    })
    .await;
}

#[tokio::test]
async fn file_upload_is_sent_whole_again_after_503() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([
            unavailable(),
            Reply::json(201, r#"{"message":"201 Created"}"#),
        ]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("data.bin");
        // 200 000 bytes: several of the runtime's 64 KiB chunks.
        let content: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &content).expect("write the upload");

        let answer = client
            .upload_project_generic_file(1, "pkg", "1.0.0", "data.bin", Body::from_file(&path))
            .await
            .expect("retried upload");
        assert_eq!(answer, json!({"message": "201 Created"}));

        let requests = server.take();
        assert_eq!(requests.len(), 2, "503, then 201");
        for request in &requests {
            assert_eq!(
                request.target(),
                "PUT /api/v4/projects/1/packages/generic/pkg/1.0.0/data.bin"
            );
            assert_eq!(request.header("content-length"), Some("200000"));
            assert_eq!(
                request.header("content-type"),
                Some("application/octet-stream")
            );
            assert_eq!(request.body.len(), 200_000);
            assert!(request.body == content, "the body is the file, whole");
            assert_private_token(request);
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Downloads.
// ---------------------------------------------------------------------------------------

const HELLO: &str = "hello, generic world\n";
/// `printf 'hello, generic world\n' | sha256sum`
const HELLO_SHA256: &str = "eb710eb913ddee44f167684712e8f88eecb7c56826dc1dab4bf9be8b162c4942";

fn hello(checksum: &str) -> Reply {
    Reply::new(200, "application/octet-stream", HELLO).header("x-checksum-sha256", checksum)
}

/// Names of the entries of `dir`, sorted.
fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn download_is_saved_to_a_file() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        server.enqueue([hello(HELLO_SHA256)]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("hello.txt");

        let download = client
            .get_project_generic_file(1, "pkg", "1.0.0", "hello.txt")
            .send_stream()
            .await
            .expect("download");
        assert_eq!(download.expected_checksum(), Some(HELLO_SHA256));
        let written = download.save_to(&path).await.expect("saved");
        assert_eq!(written, 21);
        assert_eq!(std::fs::read_to_string(&path).expect("file"), HELLO);
        assert_eq!(entries(dir.path()), ["hello.txt"], "no temporary file left");

        let requests = server.take();
        assert_eq!(requests.len(), 1);
        assert_eq!(
            requests[0].target(),
            "GET /api/v4/projects/1/packages/generic/pkg/1.0.0/hello.txt"
        );
        assert_private_token(&requests[0]);
    })
    .await;
}

#[tokio::test]
async fn download_with_a_wrong_checksum_leaves_no_file() {
    bounded(async {
        let server = Server::start().await;
        let client = server.client();
        let wrong = "0000000000000000000000000000000000000000000000000000000000000000";
        server.enqueue([hello(wrong), hello(wrong)]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("hello.txt");

        let error = client
            .get_project_generic_file(1, "pkg", "1.0.0", "hello.txt")
            .send_stream()
            .await
            .expect("the answer starts")
            .save_to(&path)
            .await
            .expect_err("the checksum does not match");
        match &error {
            Error::Checksum {
                expected, actual, ..
            } => {
                assert_eq!(expected, wrong);
                assert_eq!(actual, HELLO_SHA256);
            }
            other => panic!("expected Error::Checksum, got {other:?}"),
        }
        assert!(!path.exists(), "no file at {}", path.display());
        assert_eq!(entries(dir.path()), Vec::<String>::new(), "no partial file");

        // A file already there is left as it was.
        std::fs::write(&path, "previous version\n").expect("write");
        let error = client
            .get_project_generic_file(1, "pkg", "1.0.0", "hello.txt")
            .send_stream()
            .await
            .expect("the answer starts")
            .save_to(&path)
            .await
            .expect_err("the checksum does not match");
        assert!(matches!(error, Error::Checksum { .. }), "{error:?}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("file"),
            "previous version\n"
        );
        assert_eq!(entries(dir.path()), ["hello.txt"], "no partial file");

        assert_eq!(server.take().len(), 2, "a checksum error is not retried");
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Blocking calls.
// ---------------------------------------------------------------------------------------

/// `send_blocking()` from a plain thread without a Tokio runtime; the server runs on its
/// own thread with its own runtime.
#[test]
fn send_blocking_without_a_runtime() {
    assert!(
        tokio::runtime::Handle::try_current().is_err(),
        "this thread has no Tokio runtime"
    );
    let shared = Shared::new();
    shared.enqueue([Reply::json(
        200,
        r#"{"id":2,"name":"pkg","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}"#,
    )]);
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = {
        let shared = shared.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let (listener, addr, app) = bind(&shared).await;
                addr_tx.send(addr).expect("send the address");
                let stop = async {
                    let _ = stop_rx.await;
                };
                // Bounded: the test stops it, or it ends by itself.
                let _ = tokio::time::timeout(
                    LIMIT,
                    axum::serve(listener, app).with_graceful_shutdown(stop),
                )
                .await;
            });
        })
    };
    let addr = addr_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("server address");

    let client = client_for(&format!("http://{addr}"));
    let package = client
        .get_project_package(1, 2)
        .send_blocking()
        .expect("blocking request");
    assert_eq!(
        (
            package.id,
            package.name.as_str(),
            package.version.as_str(),
            package.package_type.to_string().as_str(),
        ),
        (2, "pkg", "1.0.0", "generic")
    );
    assert_eq!(package.created_at.to_rfc3339(), "2024-01-02T03:04:05+00:00");

    let requests = shared.take();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target(), "GET /api/v4/projects/1/packages/2");
    assert_private_token(&requests[0]);

    drop(client);
    let _ = stop_tx.send(());
    server.join().expect("server thread");
}
