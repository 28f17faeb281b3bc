//! Sending a prepared request: redirects (never taking credentials to another origin),
//! retries, stall detection, error answers, tracing.

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, SystemTime};

use reqwest::header::{
    CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use tokio::time::Instant;
use tracing::Instrument;
use url::Url;

use crate::auth::{Secret, with_query_key};
use crate::body::Progress;
use crate::client::Client;
use crate::error::{self, Error, Result, error_message};
use crate::limits::Limits;
use crate::request::{MAX_REDIRECTS, Payload};
use crate::response::RawResponse;
use crate::retry::{RetryPolicy, server_delay};
use crate::stream::{ByteStream, CHECKSUM_HEADER};

/// An answer read whole, with the URL it came from: what `RequestBuilder::fetch` (a first
/// request) and [`Prepared::fetch`] (the next pages) return.
pub(crate) type Fetch = Pin<Box<dyn Future<Output = Result<(RawResponse, Url)>> + Send>>;

/// A checked request that can be sent any number of times (for each redirect hop, retry
/// and page).
pub(crate) struct Prepared {
    pub(crate) client: Client,
    pub(crate) method: Method,
    pub(crate) operation: &'static str,
    pub(crate) template: &'static str,
    pub(crate) headers: HeaderMap,
    pub(crate) credential: Option<(HeaderName, HeaderValue)>,
    /// An API key sent in the query ([`Auth::QueryKey`](crate::Auth::QueryKey)): added to
    /// each hop to the server's origin as it is sent, never to `url`s that errors show.
    pub(crate) query_credential: Option<(String, Secret)>,
    /// The root of the server the request goes to: credentials go to its origin only.
    pub(crate) root: Url,
    pub(crate) payload: Payload,
    pub(crate) timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) limits: Limits,
    pub(crate) retry: RetryPolicy,
}

/// The headers a request takes along when it is redirected to another origin: content
/// negotiation, ranges and cache validators. Anything else set for GitLab (credentials,
/// custom headers that may carry one) stays home.
const CROSS_ORIGIN_HEADERS: [&str; 10] = [
    "accept",
    "accept-encoding",
    "accept-language",
    "cache-control",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "range",
];

/// At most this much of an error response's body is read, for its message.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

impl Prepared {
    /// The root of the request's server.
    pub(crate) fn base_url(&self) -> &Url {
        &self.root
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

    /// Sends the request to `url` and reads the answer whole, within the limits.
    pub(crate) async fn execute_whole(&self, url: &Url) -> Result<RawResponse> {
        self.execute(url, |stream| stream.into_raw(&self.limits))
            .await
    }

    /// Sends the request to `url` and reads the answer whole, as a boxed future: the
    /// sending code every answer type shares, compiled once in this crate (only the
    /// decoding is compiled per type, where it is used).
    pub(crate) fn fetch(self: Arc<Self>, url: Url) -> Fetch {
        Box::pin(async move {
            let response = self.execute_whole(&url).await?;
            Ok((response, url))
        })
    }

    /// Sends the request to `url`, retrying as the policy allows, in a tracing span.
    /// `finish` turns the successful response into the result; its errors (reading the
    /// body, say) are retried too.
    pub(crate) async fn execute<T, F, Fut>(&self, url: &Url, finish: F) -> Result<T>
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
            // The URL as reqwest sends it: with the query key, if any, and without a user
            // name or password (sent in an `Authorization` header). Copied only when it is
            // not `url`.
            let sent = (request.url() != &url).then(|| request.url().clone());
            let response = self
                .watch(self.client.http().execute(request), &progress)
                .await
                .ok_or_else(|| ctx.stalled())?
                .map_err(|e| match progress.take_failure() {
                    Some(source) => ctx.body_failed(source),
                    None => ctx.transport(e),
                })?;
            if response.url() != sent.as_ref().unwrap_or(&url) {
                // A caller's client followed a redirect itself.
                return Err(Error::invalid(
                    self.operation,
                    "http_client",
                    "follows redirects: build it with `redirect(reqwest::redirect::Policy::none())` \
                     (the runtime follows them itself, keeping credentials from other hosts)",
                ));
            }
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
                        location: next.as_deref().map(error::redact_url),
                    });
                };
                target.set_fragment(None);
                if !same_origin(&target, &self.root) {
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
            return Ok(ByteStream::new(
                response,
                checksum,
                self.read_timeout,
                &self.limits,
                ctx,
            ));
        }
        Err(Error::TooManyRedirects {
            operation: self.operation,
            method: self.method.clone(),
            path: ctx.path,
            max: MAX_REDIRECTS,
        })
    }

    /// The start of an error response's body (what could be read of it within the
    /// answer timeout and the minimum rate).
    async fn error_body(&self, response: reqwest::Response, ctx: &error::Context) -> Vec<u8> {
        let stream = ByteStream::new(response, None, self.read_timeout, &self.limits, ctx.clone());
        let head = stream.head(ERROR_BODY_LIMIT);
        match self.limits.get_answer_timeout() {
            Some(limit) => tokio::time::timeout(limit, head).await.unwrap_or_default(),
            None => head.await,
        }
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
            // Another origin (object storage, a CDN) gets only what is known to be
            // harmless: no credential, and no header set for GitLab that might be one.
            let dropped: Vec<HeaderName> = headers
                .keys()
                .filter(|name| !CROSS_ORIGIN_HEADERS.contains(&name.as_str()))
                .cloned()
                .collect();
            for name in dropped {
                headers.remove(name);
            }
        }
        // A query key goes only to the server's own origin (`with_credentials` is false
        // from the first hop elsewhere on).
        let url = match &self.query_credential {
            Some((name, key)) if with_credentials => with_query_key(url, name, key),
            _ => url.clone(),
        };
        let mut request = self.client.http().request(self.method.clone(), url);
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
        // The builder's user agent, also through a caller's `http_client` (whose own
        // default it replaces).
        if !request.headers().contains_key(USER_AGENT) {
            let user_agent = self.client.user_agent().clone();
            request.headers_mut().insert(USER_AGENT, user_agent);
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
        Error::Body { .. } => "the request body failed".to_owned(),
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
