//! The error type shared by every operation. What server text an error may show is in
//! [`text`] (GitLab's message, body snippets, redacted URLs); the tests are in `tests.rs`.

mod text;

pub(crate) use text::{clean, error_message, redact_url, snippet};

use reqwest::header::{
    CONTENT_LOCATION, HeaderMap, LINK, LOCATION, REFRESH, RETRY_AFTER, SET_COOKIE,
};
use reqwest::{Method, StatusCode};

/// Result type of this crate: `Result<T, Error>` unless told otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while calling the API.
///
/// `path` fields hold the request path as sent to GitLab (percent-encoded, without the
/// query string). Credentials only ever travel in headers, and no error keeps a request
/// header or a query string, so no error carries a secret.
///
/// [`is_retryable`](Self::is_retryable) tells which errors the client's
/// [`RetryPolicy`](crate::RetryPolicy) retries.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// GitLab (or a server a download was redirected to) answered with a status other
    /// than 2xx.
    #[error(
        "{operation}: {method} {} failed with {status}{}",
        readable_path(path),
        http_details(*status, message.as_deref(), headers)
    )]
    Http {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// Status code of the response.
        status: StatusCode,
        /// GitLab's `message` or `error` field (an object is rendered as compact JSON),
        /// or the start of a non-JSON body.
        message: Option<String>,
        /// The response headers, without `Set-Cookie`, `Location`, `Content-Location`,
        /// `Link` and `Refresh` (which may hold secrets or pre-signed URLs): `Retry-After`, `RateLimit-Limit`,
        /// `RateLimit-Remaining`, `RateLimit-Reset`, `X-Request-Id` … (boxed to keep
        /// `Error` small).
        headers: Box<HeaderMap>,
    },

    /// The server answered with a redirect that was not followed: redirects are only
    /// followed for `GET` and `HEAD`, and only to an `http` or `https` URL.
    #[error(
        "{operation}: {method} {path} was redirected ({status}) to {}; the redirect was not followed",
        location.as_deref().unwrap_or("<no valid Location header>")
    )]
    Redirect {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// Status code of the redirect (301, 302, 303, 307 or 308).
        status: StatusCode,
        /// The `Location` header, if present and readable as text, without what may be
        /// secret: no user info, and no query or fragment (a pre-signed object-storage
        /// URL carries its signature there), which show as `?…`.
        location: Option<String>,
    },

    /// More redirects than the client follows for one request.
    #[error("{operation}: {method} {path} was redirected more than {max} times")]
    TooManyRedirects {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The limit that was reached.
        max: usize,
    },

    /// The request or the response timed out: the connect timeout, the overall timeout,
    /// the read timeout (too little sent or received within it: a stalled transfer, see
    /// [`Limits::min_rate`](crate::Limits::min_rate)), or the answer timeout
    /// ([`Limits::answer_timeout`](crate::Limits::answer_timeout)).
    #[error("{operation}: {method} {path} timed out ({which})")]
    Timeout {
        /// Which timeout expired, in words.
        which: &'static str,
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The underlying error; `None` for the read timeout, which this crate enforces.
        #[source]
        source: Option<reqwest::Error>,
    },

    /// The request could not be sent or the response could not be read
    /// (DNS, connection, TLS, I/O).
    #[error("{operation}: {method} {path}: transport error: {source}")]
    Transport {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// An answer read whole (JSON, text, bytes, raw, a page) is larger than the client
    /// accepts ([`Limits::max_body`](crate::Limits::max_body)); nothing more of it was
    /// read. Stream large files with `send_stream()`, or raise the limit.
    #[error(
        "{operation}: {method} {path}: the answer is larger than {limit} bytes, the limit for answers read whole (stream it with send_stream(), or raise Limits::max_body)"
    )]
    TooLarge {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The limit, in bytes.
        limit: u64,
    },

    /// The request body could not be read: its file or stream failed while it was being
    /// sent (for a stream, its own error is the source: a download's checksum mismatch
    /// when streaming one registry's file into another, say). Not retried.
    #[error("{operation}: {method} {path}: the request body failed: {source}")]
    Body {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The error of the body's file or stream.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// A downloaded body does not match the `X-Checksum-SHA256` header GitLab sent with it,
    /// or the checksum given to [`ByteStream::verify_sha256`](crate::ByteStream::verify_sha256).
    #[error(
        "{operation}: {method} {path}: SHA-256 checksum mismatch: expected {expected}, got {actual}"
    )]
    Checksum {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The checksum expected (announced by the server or given by the caller, hex).
        expected: String,
        /// The checksum of the bytes received (lowercase hex).
        actual: String,
    },

    /// A paginated list could not be followed: its next-page `Link` leads outside the base
    /// URL's path, or repeats the current page.
    #[error("{operation}: {path}: cannot follow the next page: {reason}")]
    Pagination {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// Path of the page whose next link was rejected.
        path: String,
        /// Why the link was not followed.
        reason: String,
    },

    /// Reading a file to upload, or writing a download, failed.
    #[error("{operation}: {context}: {source}")]
    Io {
        /// Rust name of the operation (or method) that was running.
        operation: &'static str,
        /// What was being done, with the local file path if there is one.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },

    /// A successful response could not be decoded as JSON.
    #[error(
        "{operation}: {method} {path}: could not decode the JSON response at `{at}`: {source} (body starts with: {snippet:?})"
    )]
    Decode {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// Where in the document decoding failed: `.` for the whole document,
        /// `[3].created_at` for a field of the fourth item of a list.
        at: String,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
        /// The first characters (at most 200) of the body.
        snippet: String,
    },

    /// An argument was rejected before any request was sent; or, for parameter
    /// `http_client`, the client given to
    /// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) followed a redirect
    /// itself (noticed from its response). Not retried.
    #[error("invalid input for {operation}: parameter `{parameter}`: {reason}")]
    InvalidInput {
        /// Rust name of the operation (or builder method) that rejected the input.
        operation: &'static str,
        /// Name of the offending parameter.
        parameter: String,
        /// Why it was rejected.
        reason: String,
    },

    /// The underlying HTTP client could not be created (e.g. TLS initialisation failed).
    #[error("could not build the HTTP client: {source}")]
    Build {
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
}

impl Error {
    /// The HTTP status of the response that caused this error, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Http { status, .. } | Error::Redirect { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
            _ => None,
        }
    }

    /// The `Retry-After` header of an [`Error::Http`] response, if any.
    pub fn retry_after(&self) -> Option<&str> {
        self.headers()?.get(RETRY_AFTER)?.to_str().ok()
    }

    /// The response headers of an [`Error::Http`] (without `Set-Cookie` and the URLs it named:
    /// `Location`, `Content-Location`, `Link`, `Refresh`).
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Http { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// Whether the server answered `404 Not Found`: no such project, package or file, or
    /// no access to it (GitLab answers 404 rather than 403 for what a user may not see).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the server answered `401 Unauthorized`: no credentials, or invalid ones.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// Whether the server answered `403 Forbidden`: the credentials lack the permission.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// Whether the server answered `409 Conflict` (e.g. a package version that exists).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }

    /// Whether the server answered `429 Too Many Requests` (after the retries the policy
    /// allows); [`retry_after`](Self::retry_after) says when to try again.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the server failed (`5xx`), after the retries the policy allows.
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_server_error())
    }

    /// Whether this is a timeout ([`Error::Timeout`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// Whether a [`RetryPolicy`](crate::RetryPolicy) may retry the request that failed
    /// with this error: `429 Too Many Requests` and connection failures for any method;
    /// `500`, `502`, `503`, `504`, a connection lost mid-request and a truncated response
    /// for idempotent methods (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`).
    pub fn is_retryable(&self, method: &Method) -> bool {
        let idempotent = matches!(
            *method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        match self {
            Error::Http { status, .. } => {
                *status == StatusCode::TOO_MANY_REQUESTS
                    || (idempotent
                        && matches!(
                            *status,
                            StatusCode::INTERNAL_SERVER_ERROR
                                | StatusCode::BAD_GATEWAY
                                | StatusCode::SERVICE_UNAVAILABLE
                                | StatusCode::GATEWAY_TIMEOUT
                        ))
            }
            // Nothing was sent when the connection could not be made.
            Error::Timeout {
                source: Some(source),
                ..
            } => source.is_connect(),
            Error::Transport { source, .. } => {
                source.is_connect() || (idempotent && !source.is_builder())
            }
            _ => false,
        }
    }

    /// Shorthand for an [`Error::Http`]; drops the headers it must not keep.
    pub(crate) fn http(
        ctx: &Context,
        status: StatusCode,
        message: Option<String>,
        mut headers: HeaderMap,
    ) -> Self {
        headers.remove(SET_COOKIE);
        // URLs a server names in an error answer may be pre-signed: not kept.
        for name in [LOCATION, CONTENT_LOCATION, LINK, REFRESH] {
            headers.remove(name);
        }
        Error::Http {
            operation: ctx.operation,
            method: ctx.method.clone(),
            path: ctx.path.clone(),
            status,
            message,
            headers: Box::new(headers),
        }
    }

    /// Shorthand for an [`Error::InvalidInput`].
    pub(crate) fn invalid(
        operation: &'static str,
        parameter: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidInput {
            operation,
            parameter: parameter.into(),
            reason: reason.into(),
        }
    }

    /// An invalid input reported for `operation` instead (other errors unchanged).
    pub(crate) fn in_operation(self, operation: &'static str) -> Self {
        match self {
            Error::InvalidInput {
                parameter, reason, ..
            } => Error::invalid(operation, parameter, reason),
            other => other,
        }
    }
}

/// What a request was, for errors: operation, method and path (never the query).
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) path: String,
}

impl Context {
    /// Wraps a reqwest error. Its URL is dropped: it holds the query string and, after a
    /// redirect, perhaps a pre-signed storage URL; `path` says which request failed.
    pub(crate) fn transport(&self, source: reqwest::Error) -> Error {
        let source = source.without_url();
        let (operation, method, path) = (self.operation, self.method.clone(), self.path.clone());
        if source.is_timeout() {
            Error::Timeout {
                which: "the connect or overall timeout",
                operation,
                method,
                path,
                source: Some(source),
            }
        } else {
            Error::Transport {
                operation,
                method,
                path,
                source,
            }
        }
    }

    /// An answer read whole is larger than `max` bytes.
    pub(crate) fn too_large(&self, max: u64) -> Error {
        Error::TooLarge {
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            limit: max,
        }
    }

    /// An answer read whole took longer than the answer timeout.
    pub(crate) fn answer_timed_out(&self) -> Error {
        Error::Timeout {
            which: "the answer was not read within the answer timeout",
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            source: None,
        }
    }

    /// The request body's file or stream failed with `source`.
    pub(crate) fn body_failed(&self, source: Box<dyn std::error::Error + Send + Sync>) -> Error {
        Error::Body {
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            source,
        }
    }

    /// The read timeout expired.
    pub(crate) fn stalled(&self) -> Error {
        Error::Timeout {
            which: "too little data within the read timeout",
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            source: None,
        }
    }
}

/// GitLab's message and `Retry-After` for `Display`, without repeating the status: GitLab
/// writes `404 Project Not Found` or `401 Unauthorized`, and the status is shown already.
fn http_details(status: StatusCode, message: Option<&str>, headers: &HeaderMap) -> String {
    let retry_after = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok());
    let mut out = String::new();
    let reason = status.canonical_reason().unwrap_or_default();
    let message = message.map(|m| {
        let rest = m
            .strip_prefix(status.as_str())
            .map(str::trim_start)
            .filter(|rest| !rest.is_empty())
            .unwrap_or(m);
        // `403 Forbidden - You are not allowed …`: the reason once is enough.
        rest.get(..reason.len())
            .filter(|head| head.eq_ignore_ascii_case(reason))
            .and_then(|_| {
                let tail = rest[reason.len()..].trim_start();
                tail.strip_prefix(['-', ':']).map(str::trim_start)
            })
            .filter(|tail| !tail.is_empty())
            .unwrap_or(rest)
    });
    if let Some(message) = message.filter(|m| !m.eq_ignore_ascii_case(reason)) {
        out.push_str(": ");
        out.push_str(message);
    }
    if let Some(retry_after) = retry_after {
        out.push_str(" (retry after ");
        out.push_str(retry_after);
        out.push(')');
    }
    out
}

/// A request path for people: percent-decoded where that is readable (`group/project`
/// rather than `group%2Fproject`); the error's `path` field keeps it as sent.
fn readable_path(path: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy()
}

#[cfg(test)]
mod tests;
