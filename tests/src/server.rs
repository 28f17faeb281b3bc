//! A loopback HTTP/1.1 server for the client tests: it records every request as it arrives
//! and answers as the test scripts it.
//!
//! ```no_run
//! # use tests::server::{Reply, Server};
//! let server = Server::start(); // 127.0.0.1, an ephemeral port
//! server.enqueue([Reply::json("[]").status(503), Reply::json("[]")]);
//! // … point a client at `server.url()` and call it …
//! let requests = server.take();
//! assert_eq!(requests[0].target(), "GET /api/v4/projects/1/packages");
//! ```
//!
//! - **Recording.** Each request becomes a [`Recorded`]: method, path and query exactly as
//!   they came in the request line (hyper neither decodes nor normalizes them), every header
//!   in order of arrival (repeats kept), and the body.
//! - **Answers.** Queued replies ([`Server::enqueue`]) answer the next requests, one each,
//!   in order. Once the queue is empty, the standing answer applies: `500 unexpected
//!   request` until [`Server::answer`] (a fixed reply) or [`Server::respond_with`] (a
//!   closure of the request) replaces it. A [`Reply`] may be delayed, carry any headers, or
//!   stream its body (large, slow or cut-off bodies).
//! - **Lifetime.** The server runs on a thread of its own, with its own Tokio runtime, so it
//!   serves async tests and blocking callers alike. Dropping the [`Server`] stops it and
//!   closes the connections still open.
//! - **Second origin.** [`Server::builder`]`().ip(…)` binds another loopback address
//!   (`127.0.0.2`), for redirects to another host.

use std::collections::VecDeque;
use std::future::IntoFuture;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use axum::response::Response;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};

/// Largest request body kept in a [`Recorded`]; larger ones need [`Builder::inspect_body`].
pub const BODY_LIMIT: usize = 16 << 20;

/// Headers that carry a credential to GitLab.
pub const CREDENTIAL_HEADERS: [&str; 6] = [
    "authorization",
    "private-token",
    "job-token",
    "deploy-token",
    "x-nuget-apikey",
    "cookie",
];

// ---------------------------------------------------------------------------------------
// What the server received.
// ---------------------------------------------------------------------------------------

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// `GET`, `PUT`, …
    pub method: String,
    /// The path of the request line, as sent: not percent-decoded, no dot-segment removed.
    /// (Two limits of hyper's parsing, which a correctly encoded target never meets: it ends
    /// the target at a raw `#`, dropping the fragment, and answers a target holding bytes a
    /// URL path may not, such as a space, `<` or a backquote, with `400` itself, unrecorded.)
    pub path: String,
    /// What follows the first `?` of the request line, as sent (`None` without a `?`).
    pub query: Option<String>,
    /// Every header in order of arrival, repeats included; names in lowercase, values as
    /// sent (bytes outside UTF-8 replaced by U+FFFD).
    pub headers: Vec<(String, String)>,
    /// The whole body (empty when the server was built with [`Builder::inspect_body`]).
    pub body: Vec<u8>,
}

impl Recorded {
    /// `METHOD path` or `METHOD path?query`, as sent.
    pub fn target(&self) -> String {
        match &self.query {
            Some(query) => format!("{} {}?{query}", self.method, self.path),
            None => format!("{} {}", self.method, self.path),
        }
    }

    /// The first value of the header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The credential headers ([`CREDENTIAL_HEADERS`]), name and value, in order of arrival
    /// and with repeats: a request carrying exactly one private token gives
    /// `[("private-token", token)]`.
    pub fn credentials(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .filter(|(n, _)| CREDENTIAL_HEADERS.contains(&n.as_str()))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    /// The body as UTF-8; panics otherwise.
    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("the body is UTF-8")
    }

    /// The body as JSON; panics otherwise.
    pub fn body_json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("the body is JSON")
    }

    /// The parts of a `multipart/form-data` body, in order; panics on anything else.
    pub fn multipart(&self) -> Vec<Part> {
        let content_type = self.content_type().expect("a content type");
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("not multipart/form-data: {content_type}"));
        let delimiter = format!("--{boundary}");
        let pieces = split_bytes(&self.body, delimiter.as_bytes());
        // An empty preamble, one piece per part, then the closing `--\r\n`.
        assert!(pieces.len() >= 2, "no multipart parts");
        assert_eq!(pieces[0], b"", "multipart preamble");
        assert_eq!(pieces[pieces.len() - 1], b"--\r\n", "multipart epilogue");
        pieces[1..pieces.len() - 1]
            .iter()
            .map(|piece| Part::parse(piece))
            .collect()
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `name` of its `Content-Disposition`.
    pub name: String,
    /// `filename` of its `Content-Disposition`.
    pub file_name: Option<String>,
    /// Its own `Content-Type`.
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

impl Part {
    /// Parses the text between two delimiters: CRLF, headers, blank line, data, CRLF.
    fn parse(piece: &[u8]) -> Part {
        let piece = piece
            .strip_prefix(b"\r\n")
            .expect("a part starts with CRLF");
        let piece = piece.strip_suffix(b"\r\n").expect("a part ends with CRLF");
        let head_len = split_bytes(piece, b"\r\n\r\n")[0].len();
        let head = std::str::from_utf8(&piece[..head_len]).expect("part headers are UTF-8");
        let data = piece[head_len + 4..].to_vec();
        let (mut name, mut file_name, mut content_type) = (None, None, None);
        for line in head.split("\r\n") {
            let (key, value) = line.split_once(": ").expect("a part header");
            match key.to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split("; ").skip(1) {
                        let (k, v) = param.split_once('=').expect("a disposition parameter");
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
            name: name.expect("a part has a name"),
            file_name,
            content_type,
            data,
        }
    }
}

/// Splits `haystack` at every occurrence of `needle`.
fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let (mut start, mut i) = (0, 0);
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

// ---------------------------------------------------------------------------------------
// What the server answers.
// ---------------------------------------------------------------------------------------

/// A stream of body chunks; an `Err` cuts the body off (the connection is closed).
pub type BodyStream = Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>> + Send>>;

/// An answer of the server: status, headers, body, and how long to wait before sending it.
#[derive(Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: ReplyBody,
    delay: Duration,
}

#[derive(Clone)]
enum ReplyBody {
    Bytes(Bytes),
    /// Makes a new stream each time the reply is sent.
    Stream(Arc<dyn Fn() -> BodyStream + Send + Sync>),
}

impl Reply {
    /// `status` with this content type (none if empty) and body.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        let reply = Reply {
            status,
            headers: Vec::new(),
            body: ReplyBody::Bytes(Bytes::from(body.into())),
            delay: Duration::ZERO,
        };
        if content_type.is_empty() {
            reply
        } else {
            reply.header("content-type", content_type)
        }
    }

    /// `200`, `application/json`.
    pub fn json(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "application/json", body)
    }

    /// `200` with a body of this content type.
    pub fn text(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, content_type, body)
    }

    /// `200`, `application/octet-stream`.
    pub fn bytes(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "application/octet-stream", body)
    }

    /// `status`, no body and no content type.
    pub fn empty(status: u16) -> Reply {
        Reply::new(status, "", Vec::new())
    }

    /// `200` whose body is the stream `make()` returns, sent chunk by chunk as it is
    /// polled (never held whole), with `Content-Length: length` if given. `make` is called
    /// each time the reply is sent.
    pub fn stream<S>(
        content_type: &str,
        length: Option<u64>,
        make: impl Fn() -> S + Send + Sync + 'static,
    ) -> Reply
    where
        S: Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
    {
        let mut reply = Reply::new(200, content_type, Vec::new());
        reply.body = ReplyBody::Stream(Arc::new(move || Box::pin(make()) as BodyStream));
        match length {
            Some(length) => reply.header("content-length", length.to_string()),
            None => reply,
        }
    }

    /// Another status.
    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    /// Adds a header (after those already set, even of the same name; `content-type`
    /// replaces the one given to the constructor).
    pub fn header(mut self, name: &str, value: impl AsRef<str>) -> Reply {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
        let value = HeaderValue::from_str(value.as_ref()).expect("a header value");
        if name == CONTENT_TYPE {
            self.headers.retain(|(n, _)| n != CONTENT_TYPE);
        }
        self.headers.push((name, value));
        self
    }

    /// Waits `delay` after recording the request, before answering.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// `500 unexpected request`: the standing answer of a new server.
    pub fn unexpected() -> Reply {
        Reply::new(500, "text/plain", "unexpected request")
    }

    fn into_response(self) -> Response {
        let body = match self.body {
            ReplyBody::Bytes(bytes) => HttpBody::from(bytes),
            ReplyBody::Stream(make) => HttpBody::from_stream(make()),
        };
        let mut response = Response::new(body);
        *response.status_mut() = StatusCode::from_u16(self.status).expect("a status code");
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = match &self.body {
            ReplyBody::Bytes(bytes) => format!("{bytes:?}"),
            ReplyBody::Stream(_) => "<stream>".to_owned(),
        };
        f.debug_struct("Reply")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &body)
            .field("delay", &self.delay)
            .finish()
    }
}

// ---------------------------------------------------------------------------------------
// The server.
// ---------------------------------------------------------------------------------------

type Responder = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;
type Inspector = Arc<dyn Fn(&[u8]) + Send + Sync>;

struct Shared {
    queue: Mutex<VecDeque<Reply>>,
    standing: Mutex<Responder>,
    log: Mutex<Vec<Recorded>>,
    inspector: Option<Inspector>,
}

/// How to start a [`Server`]; see [`Server::builder`].
pub struct Builder {
    ip: Ipv4Addr,
    inspector: Option<Inspector>,
}

impl Builder {
    /// The loopback address to bind (`127.0.0.1` unless set).
    pub fn ip(mut self, ip: Ipv4Addr) -> Builder {
        assert!(ip.is_loopback(), "{ip} is not a loopback address");
        self.ip = ip;
        self
    }

    /// Hands each chunk of every request body to `inspect` as it arrives, instead of keeping
    /// the body (the recorded `body` stays empty): for uploads too large to hold.
    pub fn inspect_body(mut self, inspect: impl Fn(&[u8]) + Send + Sync + 'static) -> Builder {
        self.inspector = Some(Arc::new(inspect));
        self
    }

    /// Binds an ephemeral port and starts serving on a thread of its own.
    pub fn start(self) -> Server {
        let listener = std::net::TcpListener::bind((self.ip, 0))
            .unwrap_or_else(|e| panic!("bind {}:0: {e}", self.ip));
        listener
            .set_nonblocking(true)
            .expect("a non-blocking socket");
        let addr = listener.local_addr().expect("the local address");
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            standing: Mutex::new(Arc::new(|_: &Recorded| Reply::unexpected())),
            log: Mutex::new(Vec::new()),
            inspector: self.inspector,
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let thread = std::thread::Builder::new()
            .name(format!("server {addr}"))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the server's runtime");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                    tokio::select! {
                        served = axum::serve(listener, app).into_future() => served.expect("serve"),
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime drops the connections still open.
            })
            .expect("the server's thread");
        Server {
            addr,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

/// A recording HTTP server on a loopback address; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// A server on `127.0.0.1` and an ephemeral port, keeping request bodies.
    pub fn start() -> Server {
        Server::builder().start()
    }

    /// A server with options: another loopback address, bodies inspected as they arrive.
    pub fn builder() -> Builder {
        Builder {
            ip: Ipv4Addr::LOCALHOST,
            inspector: None,
        }
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<ip>:<port>`, no trailing `/`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers the next requests with `replies`, one each, in order, before the standing
    /// answer.
    pub fn enqueue(&self, replies: impl IntoIterator<Item = Reply>) {
        self.shared.queue.lock().unwrap().extend(replies);
    }

    /// Empties the queue and answers `reply` to every request from now on.
    pub fn answer(&self, reply: Reply) {
        self.respond_with(move |_| reply.clone());
    }

    /// Empties the queue and answers every request from now on with `respond(request)`.
    pub fn respond_with(&self, respond: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) {
        self.shared.queue.lock().unwrap().clear();
        *self.shared.standing.lock().unwrap() = Arc::new(respond);
    }

    /// Removes and returns the requests recorded so far, oldest first.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.shared.log.lock().unwrap())
    }

    /// The one request recorded since the last `take`; panics if there are more or none.
    #[track_caller]
    pub fn take_one(&self) -> Recorded {
        let mut requests = self.take();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request, got {requests:#?}"
        );
        requests.remove(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let joined = thread.join();
            if joined.is_err() && !std::thread::panicking() {
                panic!("the server on {} failed", self.addr);
            }
        }
    }
}

/// The only handler: reads the body, records the request, picks the reply, waits its delay,
/// answers. A body that breaks off is recorded as far as it came and answered `400`.
async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let mut received = Vec::new();
    let mut broken = None;
    let mut chunks = body.into_data_stream();
    while let Some(chunk) = chunks.next().await {
        match chunk {
            Ok(chunk) => match &shared.inspector {
                Some(inspect) => inspect(&chunk),
                None => {
                    assert!(
                        received.len() + chunk.len() <= BODY_LIMIT,
                        "a request body over {BODY_LIMIT} bytes: use Builder::inspect_body"
                    );
                    received.extend_from_slice(&chunk);
                }
            },
            Err(error) => {
                broken = Some(error.to_string());
                break;
            }
        }
    }
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect(),
        body: received,
    };
    let reply = match broken {
        Some(error) => Reply::new(400, "text/plain", format!("request body: {error}")),
        None => {
            let queued = shared.queue.lock().unwrap().pop_front();
            match queued {
                Some(reply) => reply,
                None => {
                    let respond = shared.standing.lock().unwrap().clone();
                    respond(&recorded)
                }
            }
        }
    };
    shared.log.lock().unwrap().push(recorded);
    tokio::time::sleep(reply.delay).await;
    reply.into_response()
}

#[cfg(test)]
mod tests;
