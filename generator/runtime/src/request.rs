//! Building and sending one request.

use std::fmt::{self, Display};
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tracing::Instrument;
use url::Url;

use crate::auth::{Auth, CREDENTIAL_HEADERS};
use crate::body::{Body, Multipart, Progress};
use crate::client::Client;
use crate::error::{self, Error, Result, error_message};
use crate::options::RequestOptions;
use crate::page::{Items, Page, Pagination};
use crate::path::{self, PathValue};
use crate::response::RawResponse;
use crate::retry::{RetryPolicy, server_delay};
use crate::stream::{ByteStream, CHECKSUM_HEADER};

/// Redirects followed for one `GET` or `HEAD` request.
pub const MAX_REDIRECTS: usize = 10;

/// One request being assembled; obtained from [`Client::request`].
///
/// The path is assembled from literal pieces and encoded parameters; the query string
/// from encoded pairs. An invalid argument is recorded and returned by the `send_*`
/// method, without sending anything.
///
/// Query parameters are form-urlencoded (`+` becomes `%2B`, space `+`); array parameters
/// are sent as `name%5B%5D=a&name%5B%5D=b`, which GitLab reads as `name[]=a&name[]=b`.
///
/// Sending follows redirects of `GET` and `HEAD` (never taking credentials to another
/// host), retries as the [`RetryPolicy`] allows, and enforces the timeouts; each request
/// is traced in a `tracing` span `gitlab.request` with the operation, method, path
/// *template* (never the real path or query, which may carry names or tokens), attempt
/// and status.
///
/// ```no_run
/// use gitlab_api_runtime::{Client, IdOrPath};
/// use gitlab_api_runtime::Method;
///
/// # async fn demo() -> gitlab_api_runtime::Result<()> {
/// let client = Client::new("https://gitlab.com")?;
/// let project = IdOrPath::from("group/project");
/// let mut request = client.request(
///     Method::GET,
///     "list_project_packages",
///     "/api/v4/projects/{id}/packages",
/// );
/// request
///     .path_literal("/api/v4/projects/")
///     .path_param("id", &project)
///     .path_literal("/packages")
///     .query("per_page", &100);
/// let packages = request.send_json().await?;
/// # Ok(())
/// # }
/// ```
pub struct RequestBuilder {
    client: Client,
    method: Method,
    operation: &'static str,
    template: &'static str,
    path: String,
    query: String,
    headers: HeaderMap,
    /// Headers from [`RequestOptions`]: they win over `headers`.
    extra_headers: Vec<(HeaderName, HeaderValue)>,
    payload: Payload,
    auth: Option<Auth>,
    timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    error: Option<Error>,
}

enum Payload {
    None,
    Bytes {
        body: Body,
        content_type: &'static str,
    },
    Multipart(Multipart),
}

impl Payload {
    fn is_replayable(&self) -> bool {
        match self {
            Payload::None => true,
            Payload::Bytes { body, .. } => body.is_replayable(),
            Payload::Multipart(form) => form.is_replayable(),
        }
    }
}

impl RequestBuilder {
    pub(crate) fn new(
        client: Client,
        method: Method,
        operation: &'static str,
        template: &'static str,
    ) -> Self {
        RequestBuilder {
            client,
            method,
            operation,
            template,
            path: String::new(),
            query: String::new(),
            headers: HeaderMap::new(),
            extra_headers: Vec::new(),
            payload: Payload::None,
            auth: None,
            timeout: None,
            read_timeout: None,
            retry: None,
            error: None,
        }
    }

    fn fail(&mut self, parameter: &str, reason: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(Error::invalid(self.operation, parameter, reason));
        }
    }

    /// Appends already-encoded path text verbatim.
    pub fn path_literal(&mut self, text: &'static str) -> &mut Self {
        self.path.push_str(text);
        self
    }

    /// Appends the path `template` describes with `values`, one per variable in template
    /// order (the syntax is in [`path`](crate::path): `{name}` one segment, `{*name}` a
    /// glob keeping its `/`, `[…]` an optional group). A value that would change which
    /// endpoint is reached (empty, `.`, `..`) is recorded as an error naming its
    /// variable, and nothing is sent.
    pub fn path_template(&mut self, template: &'static str, values: &[PathValue<'_>]) -> &mut Self {
        if let Err(refused) = path::expand(template, values, &mut self.path) {
            self.fail(refused.variable, refused.reason);
        }
        self
    }

    /// Appends `value` as one path segment: every byte outside `A-Z a-z 0-9 - . _ ~` is
    /// percent-encoded, `/` included. Empty values, `.` and `..` are rejected.
    pub fn path_param(&mut self, name: &'static str, value: &(impl Display + ?Sized)) -> &mut Self {
        if let Err(refused) = path::segment(name, &value.to_string(), &mut self.path) {
            self.fail(refused.variable, refused.reason);
        }
        self
    }

    /// Appends `value` as one or more path segments separated by `/`, each encoded as in
    /// [`path_param`](Self::path_param). Rejects an empty value, empty segments (leading,
    /// trailing or doubled `/`) and `.` or `..` segments.
    pub fn path_glob(&mut self, name: &'static str, value: &str) -> &mut Self {
        if let Err(refused) = path::glob(name, value, &mut self.path) {
            self.fail(refused.variable, refused.reason);
        }
        self
    }

    /// Appends `name=value` to the query string, both form-urlencoded.
    pub fn query(&mut self, name: &'static str, value: &(impl Display + ?Sized)) -> &mut Self {
        self.push_query(name, &value.to_string());
        self
    }

    /// Appends `name[]=value` for each value (written `name%5B%5D=value`; a `name` that
    /// already ends in `[]` keeps one pair); nothing for an empty slice.
    pub fn query_array(&mut self, name: &'static str, values: &[String]) -> &mut Self {
        let key = format!("{}[]", name.trim_end_matches("[]"));
        for value in values {
            self.push_query(&key, value);
        }
        self
    }

    fn push_query(&mut self, name: &str, value: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query
            .extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
        self.query.push('=');
        self.query
            .extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
    }

    /// Sets a request header (replacing an earlier value of the same name).
    pub fn header(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.set_header(name, value, false)
    }

    /// Sets a header that carries a secret (e.g. `X-NuGet-ApiKey`): it is marked
    /// sensitive and never sent to another host after a redirect.
    pub fn secret_header(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.set_header(name, value, true)
    }

    fn set_header(&mut self, name: &'static str, value: &str, sensitive: bool) -> &mut Self {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            self.fail(name, "is not a valid HTTP header name");
            return self;
        };
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(sensitive);
                self.headers.insert(header, value);
            }
            Err(_) => self.fail(
                name,
                "is not a valid HTTP header value (control characters?)",
            ),
        }
        self
    }

    /// Sends `body` as is, with content type `application/octet-stream` unless a
    /// `Content-Type` header is set.
    pub fn body(&mut self, body: Body) -> &mut Self {
        self.payload = Payload::Bytes {
            body,
            content_type: "application/octet-stream",
        };
        self
    }

    /// Sends `value` as JSON (`application/json`).
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        match serde_json::to_vec(value) {
            Ok(bytes) => {
                self.payload = Payload::Bytes {
                    body: Body::from(bytes),
                    content_type: "application/json",
                }
            }
            Err(e) => self.fail("body", e.to_string()),
        }
        self
    }

    /// Sends the fields of `value` (a struct or map) as `application/x-www-form-urlencoded`:
    /// `null`s are left out, lists are sent as `name[]=…`.
    pub fn form_of<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let object = match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(object)) => object,
            Ok(_) => {
                self.fail("body", "a form body must be an object");
                return self;
            }
            Err(e) => {
                self.fail("body", e.to_string());
                return self;
            }
        };
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        };
        let mut fields: Vec<(String, String)> = Vec::new();
        for (name, value) in &object {
            match value {
                serde_json::Value::Array(items) => {
                    fields.extend(
                        items
                            .iter()
                            .filter_map(text)
                            .map(|v| (format!("{name}[]"), v)),
                    );
                }
                v => fields.extend(text(v).map(|v| (name.clone(), v))),
            }
        }
        self.form(&fields)
    }

    /// Sends `fields` (name, value pairs) as `application/x-www-form-urlencoded`.
    pub fn form<K: AsRef<str>, V: AsRef<str>>(&mut self, fields: &[(K, V)]) -> &mut Self {
        let text = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
            .finish();
        self.payload = Payload::Bytes {
            body: Body::from(text),
            content_type: "application/x-www-form-urlencoded",
        };
        self
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) -> &mut Self {
        self.payload = Payload::Multipart(form);
        self
    }

    /// Uses `auth` for this request instead of the client's credentials
    /// ([`Auth::None`] sends none).
    pub fn auth(&mut self, auth: Auth) -> &mut Self {
        self.auth = Some(auth);
        self
    }

    /// Applies per-request options: credentials, timeouts, extra headers (they replace
    /// headers of the same name set by [`header`](Self::header), before or after), retry
    /// policy. An invalid header in `options` is reported when sending.
    pub fn options(&mut self, options: &RequestOptions) -> &mut Self {
        if let Some((name, reason)) = &options.error {
            self.fail(name, *reason);
        }
        if let Some(auth) = &options.auth {
            self.auth = Some(auth.clone());
        }
        self.extra_headers.extend(options.headers.iter().cloned());
        self.timeout = options.timeout.or(self.timeout);
        self.read_timeout = options.read_timeout.or(self.read_timeout);
        if let Some(retry) = &options.retry {
            self.retry = Some(retry.clone());
        }
        self
    }

    /// Sends the request and decodes the JSON answer; an empty body gives
    /// [`serde_json::Value::Null`].
    pub async fn send_json(self) -> Result<serde_json::Value> {
        self.send_raw().await?.json()
    }

    /// Sends the request and decodes the JSON answer as `T` (an empty body decodes as
    /// `null`, so `T = Option<…>` or `()` accept it).
    pub async fn send_json_as<T: DeserializeOwned>(self) -> Result<T> {
        self.send_raw().await?.json()
    }

    /// Sends the request and returns the body as text (invalid UTF-8 is replaced by
    /// U+FFFD; use [`send_bytes`](Self::send_bytes) for binary data).
    pub async fn send_text(self) -> Result<String> {
        Ok(self.send_raw().await?.text())
    }

    /// Sends the request and returns the body.
    pub async fn send_bytes(self) -> Result<Bytes> {
        Ok(self.send_raw().await?.into_bytes())
    }

    /// Sends the request and discards the body.
    pub async fn send_empty(self) -> Result<()> {
        self.send_raw().await.map(drop)
    }

    /// Sends the request and returns the status, headers and body, read in full (and
    /// checked against `X-Checksum-SHA256` when the server sent one).
    ///
    /// Redirects of `GET` and `HEAD` are followed (at most [`MAX_REDIRECTS`]); when one
    /// leads to another scheme, host or port than the base URL, no credential is sent
    /// from then on. Other methods fail with [`Error::Redirect`]. Any other non-2xx
    /// answer is an [`Error::Http`]. Failed attempts are retried as the
    /// [`RetryPolicy`] allows, including a body cut short.
    pub async fn send_raw(self) -> Result<RawResponse> {
        let url = self.url();
        self.prepare()?.execute(&url, ByteStream::into_raw).await
    }

    /// Sends the request and returns the body as a stream of chunks, in constant memory
    /// (see [`ByteStream`]). The request is retried as in [`send_raw`](Self::send_raw)
    /// until the response headers arrive; errors while reading the body are not.
    pub async fn send_stream(self) -> Result<ByteStream> {
        let url = self.url();
        let stream = |stream| std::future::ready(Ok(stream));
        self.prepare()?.execute(&url, stream).await
    }

    /// Sends the request for one page of a list: the body must be a JSON array.
    pub async fn send_page(self) -> Result<Page<serde_json::Value>> {
        self.send_page_as().await
    }

    /// Like [`send_page`](Self::send_page), decoding the items as `T`.
    pub async fn send_page_as<T: DeserializeOwned>(self) -> Result<Page<T>> {
        let url = self.url();
        self.prepare()?.page(&url).await
    }

    /// Every item of every page, as a [`Stream`](futures_core::Stream) that requests the
    /// next page when the current one is consumed (see [`Items`]). Nothing is sent until
    /// the stream is polled; an invalid argument is its first and only item.
    pub fn into_items(self, pagination: Pagination) -> Items<serde_json::Value> {
        self.into_items_as(pagination)
    }

    /// Like [`into_items`](Self::into_items), decoding the items as `T`.
    pub fn into_items_as<T>(self, pagination: Pagination) -> Items<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let url = self.url();
        Items::new(self.prepare(), url, pagination)
    }

    /// The first recorded invalid argument, if any.
    #[cfg(test)]
    pub(crate) fn error_ref(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// The URL this request goes to: the base URL's path without its trailing `/`,
    /// then the assembled path, then the query string, all byte for byte.
    pub(crate) fn url(&self) -> Url {
        let mut url = self.client.base_url().clone();
        let mut path = url.path().trim_end_matches('/').to_owned();
        if !self.path.starts_with('/') {
            path.push('/');
        }
        path.push_str(&self.path);
        url.set_path(&path);
        url.set_query((!self.query.is_empty()).then_some(self.query.as_str()));
        url
    }

    fn prepare(mut self) -> Result<Prepared> {
        if let Some(error) = self.error {
            return Err(error);
        }
        for (name, value) in self.extra_headers.drain(..) {
            self.headers.insert(name, value);
        }
        let credential = match &self.auth {
            Some(auth) => auth.header().map_err(|e| match e {
                Error::InvalidInput {
                    parameter, reason, ..
                } => Error::invalid(self.operation, parameter, reason),
                other => other,
            })?,
            None => self.client.credential(self.operation)?,
        };
        // A request that sets a credential header itself gets no other credential.
        let credential = credential.filter(|_| {
            !CREDENTIAL_HEADERS
                .iter()
                .any(|name| self.headers.contains_key(*name))
        });
        Ok(Prepared {
            timeout: self.timeout.or(self.client.timeout()),
            read_timeout: self.read_timeout.or(self.client.read_timeout()),
            retry: self
                .retry
                .unwrap_or_else(|| self.client.retry_policy().clone()),
            credential,
            client: self.client,
            method: self.method,
            operation: self.operation,
            template: self.template,
            headers: self.headers,
            payload: self.payload,
        })
    }
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("template", &self.template)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

/// A checked request that can be sent any number of times (for each redirect hop, retry
/// and page).
pub(crate) struct Prepared {
    client: Client,
    method: Method,
    operation: &'static str,
    template: &'static str,
    headers: HeaderMap,
    credential: Option<(HeaderName, HeaderValue)>,
    payload: Payload,
    timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    retry: RetryPolicy,
}

/// At most this much of an error response's body is read, for its message.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

impl Prepared {
    pub(crate) fn base_url(&self) -> &Url {
        self.client.base_url()
    }

    /// Error context for a request to `url`: its path, never its query.
    pub(crate) fn context(&self, url: &Url) -> error::Context {
        error::Context {
            operation: self.operation,
            method: self.method.clone(),
            path: url.path().to_owned(),
        }
    }

    pub(crate) fn pagination_error(&self, url: &Url, reason: String) -> Error {
        Error::Pagination {
            operation: self.operation,
            path: url.path().to_owned(),
            reason,
        }
    }

    /// Fetches the page at `url`.
    pub(crate) async fn page<T: DeserializeOwned>(&self, url: &Url) -> Result<Page<T>> {
        let response = self.execute(url, ByteStream::into_raw).await?;
        let items: Vec<T> = response.json()?;
        Ok(Page::new(items, response.headers().clone(), url))
    }

    /// Sends the request to `url`, retrying as the policy allows, in a tracing span.
    /// `finish` turns the successful response into the result; its errors (reading the
    /// body, say) are retried too.
    async fn execute<T, F, Fut>(&self, url: &Url, finish: F) -> Result<T>
    where
        F: Fn(ByteStream) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let span = tracing::info_span!(
            "gitlab.request",
            operation = self.operation,
            method = %self.method,
            path = self.template,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        self.attempts(url, finish, &span)
            .instrument(span.clone())
            .await
    }

    async fn attempts<T, F, Fut>(&self, url: &Url, finish: F, span: &tracing::Span) -> Result<T>
    where
        F: Fn(ByteStream) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let start = Instant::now();
        let mut attempt = 1;
        loop {
            span.record("attempt", attempt);
            let result = match self.attempt(url, span).await {
                Ok(stream) => finish(stream).await,
                Err(error) => Err(error),
            };
            let error = match result {
                Ok(output) => return Ok(output),
                Err(error) => error,
            };
            let delay = (self.payload.is_replayable() && error.is_retryable(&self.method))
                .then(|| {
                    let hint = error
                        .headers()
                        .and_then(|headers| server_delay(headers, SystemTime::now()));
                    self.retry.delay(attempt, hint, start.elapsed())
                })
                .flatten();
            let Some(delay) = delay else {
                tracing::debug!(reason = %trace_reason(&error), "request failed");
                return Err(error);
            };
            tracing::info!(
                reason = %trace_reason(&error),
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One attempt up to the response headers: follows redirects; fails on a non-2xx
    /// answer.
    async fn attempt(&self, url: &Url, span: &tracing::Span) -> Result<ByteStream> {
        let ctx = self.context(url);
        let mut url = url.clone();
        let mut with_credentials = true;
        let mut checksum = None;
        for _ in 0..=MAX_REDIRECTS {
            let progress = Progress::new();
            let request = self.build(&url, with_credentials, &progress, &ctx).await?;
            let response = self
                .watch(self.client.http().execute(request), &progress)
                .await
                .ok_or_else(|| ctx.stalled())?
                .map_err(|e| ctx.transport(e))?;
            let status = response.status();
            span.record("status", status.as_u16());
            // GitLab announces the checksum also when it redirects to object storage.
            if checksum.is_none() {
                checksum = response
                    .headers()
                    .get(CHECKSUM_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
            }
            if is_followed_redirect(status) {
                let next = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let target = next.as_deref().and_then(|l| url.join(l).ok()).filter(|t| {
                    matches!(t.scheme(), "http" | "https")
                        && matches!(self.method, Method::GET | Method::HEAD)
                });
                let Some(mut target) = target else {
                    return Err(Error::Redirect {
                        operation: self.operation,
                        method: self.method.clone(),
                        path: ctx.path,
                        status,
                        location: next,
                    });
                };
                target.set_fragment(None);
                if !same_origin(&target, self.client.base_url()) {
                    with_credentials = false;
                }
                url = target;
                continue;
            }
            if !status.is_success() {
                let headers = response.headers().clone();
                let body = self.error_body(response, &ctx).await;
                return Err(Error::http(&ctx, status, error_message(&body), headers));
            }
            return Ok(ByteStream::new(response, checksum, self.read_timeout, ctx));
        }
        Err(Error::TooManyRedirects {
            operation: self.operation,
            method: self.method.clone(),
            path: ctx.path,
            max: MAX_REDIRECTS,
        })
    }

    /// The start of an error response's body (what could be read of it).
    async fn error_body(&self, response: reqwest::Response, ctx: &error::Context) -> Vec<u8> {
        let mut stream = ByteStream::new(response, None, self.read_timeout, ctx.clone());
        let mut body = Vec::new();
        while let Some(Ok(chunk)) = stream.chunk().await {
            body.extend_from_slice(&chunk);
            if body.len() >= ERROR_BODY_LIMIT {
                break;
            }
        }
        body
    }

    /// Awaits the response headers; `None` when the read timeout passes without progress
    /// (no request body bytes taken by the connection for that long).
    async fn watch<F: Future>(&self, response: F, progress: &Progress) -> Option<F::Output> {
        let Some(limit) = self.read_timeout else {
            return Some(response.await);
        };
        let mut response = pin!(response);
        let mut sleep = pin!(tokio::time::sleep(limit));
        poll_fn(|cx| {
            if let Poll::Ready(output) = response.as_mut().poll(cx) {
                return Poll::Ready(Some(output));
            }
            while sleep.as_mut().poll(cx).is_ready() {
                let deadline = Instant::from_std(progress.last()).checked_add(limit);
                match deadline {
                    Some(deadline) if deadline > Instant::now() => sleep.as_mut().reset(deadline),
                    _ => return Poll::Ready(None),
                }
            }
            Poll::Pending
        })
        .await
    }

    /// The request for one hop to `url`.
    async fn build(
        &self,
        url: &Url,
        with_credentials: bool,
        progress: &Arc<Progress>,
        ctx: &error::Context,
    ) -> Result<reqwest::Request> {
        let mut headers = self.headers.clone();
        if with_credentials {
            if let Some((name, value)) = &self.credential {
                headers.insert(name.clone(), value.clone());
            }
        } else {
            for name in CREDENTIAL_HEADERS {
                headers.remove(name);
            }
            let sensitive: Vec<HeaderName> = headers
                .iter()
                .filter(|(_, value)| value.is_sensitive())
                .map(|(name, _)| name.clone())
                .collect();
            for name in sensitive {
                headers.remove(name);
            }
        }
        let mut request = self.client.http().request(self.method.clone(), url.clone());
        match &self.payload {
            Payload::None => {}
            Payload::Bytes { body, content_type } => {
                if !headers.contains_key(CONTENT_TYPE) {
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                }
                let (body, len) = body.open(self.operation, progress).await?;
                if let Some(len) = len {
                    headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
                }
                request = request.body(body);
            }
            Payload::Multipart(form) => {
                request = request.multipart(form.open(self.operation, progress).await?);
            }
        }
        // `headers` after `multipart` would drop its boundary: only set ours if absent.
        let mut request = request.build().map_err(|e| ctx.transport(e))?;
        for (name, value) in headers.iter() {
            if name != CONTENT_TYPE || !request.headers().contains_key(CONTENT_TYPE) {
                request.headers_mut().insert(name.clone(), value.clone());
            }
        }
        *request.timeout_mut() = self.timeout;
        Ok(request)
    }
}

/// Why a request failed, for traces: without the path (it may hold names) and without
/// GitLab's message (it may quote them).
fn trace_reason(error: &Error) -> String {
    match error {
        Error::Http { status, .. } | Error::Redirect { status, .. } => status.to_string(),
        Error::Transport { source, .. } => source.to_string(),
        Error::Timeout { .. } => "timed out".to_owned(),
        Error::Checksum { .. } => "checksum mismatch".to_owned(),
        Error::Decode { .. } => "undecodable response".to_owned(),
        _ => "error".to_owned(),
    }
}

fn is_followed_redirect(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::MOVED_PERMANENTLY
            | StatusCode::FOUND
            | StatusCode::SEE_OTHER
            | StatusCode::TEMPORARY_REDIRECT
            | StatusCode::PERMANENT_REDIRECT
    )
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host() == b.host()
        && a.port_or_known_default() == b.port_or_known_default()
}
