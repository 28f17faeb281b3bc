//! The error type shared by every operation.

use reqwest::{Method, StatusCode};

/// Result type of this crate: `Result<T, Error>` unless told otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Maximum number of characters of a response body quoted in an error.
const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong while calling the API.
///
/// `path` fields hold the request path as sent to GitLab (percent-encoded, without the
/// query string). Credentials only ever travel in headers, so no error carries a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// GitLab (or a server a download was redirected to) answered with a status other
    /// than 2xx.
    #[error(
        "{operation}: {method} {path} failed with {status}{}",
        http_details(message.as_deref(), retry_after.as_deref())
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
        /// GitLab's `message` or `error` field, or the start of a non-JSON body.
        message: Option<String>,
        /// The `Retry-After` header, if the server sent one (e.g. with 429).
        retry_after: Option<String>,
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
        /// The `Location` header, if present and readable as text.
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

    /// The request or the response timed out (connect timeout or overall timeout).
    #[error("{operation}: {method} {path} timed out")]
    Timeout {
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

    /// A successful response could not be decoded as JSON.
    #[error(
        "{operation}: {method} {path}: could not decode the JSON response: {source} (body starts with: {snippet:?})"
    )]
    Decode {
        /// Rust name of the operation that was called.
        operation: &'static str,
        /// HTTP method of the request.
        method: Method,
        /// Request path, without the query string.
        path: String,
        /// The JSON error.
        #[source]
        source: serde_json::Error,
        /// The first characters (at most 200) of the body.
        snippet: String,
    },

    /// An argument was rejected before any request was sent.
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
        match self {
            Error::Http { retry_after, .. } => retry_after.as_deref(),
            _ => None,
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
}

fn http_details(message: Option<&str>, retry_after: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(message) = message {
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

/// Extracts a human-readable message from an error response body.
///
/// GitLab answers `{"message": "..."}` (sometimes with an object instead of a string)
/// or `{"error": "..."}` (optionally with `error_description`). Anything else is quoted
/// as a short snippet. Returns `None` for an empty body.
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(body) {
        let render = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Some(message) = map.get("message").filter(|v| !v.is_null()) {
            return Some(render(message));
        }
        if let Some(error) = map.get("error").filter(|v| !v.is_null()) {
            let mut text = render(error);
            if let Some(serde_json::Value::String(description)) = map.get("error_description") {
                text.push_str(": ");
                text.push_str(description);
            }
            return Some(text);
        }
    }
    let snippet = snippet(body);
    (!snippet.is_empty()).then_some(snippet)
}

/// The start of `body` as text: lossy UTF-8, trimmed, line breaks and other control
/// characters replaced by spaces, at most [`SNIPPET_CHARS`] characters (with `…` when cut).
pub(crate) fn snippet(body: &[u8]) -> String {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    // A character takes four bytes at most: never decode more than needed.
    let head = &body[..body.len().min(SNIPPET_CHARS * 4 + 4)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_end();
    let mut out: String = text
        .chars()
        .take(SNIPPET_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(SNIPPET_CHARS).is_some() {
        out.pop();
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_string() {
        assert_eq!(
            error_message(br#"{"message":"404 Project Not Found"}"#).as_deref(),
            Some("404 Project Not Found")
        );
    }

    #[test]
    fn message_object_is_compact_json() {
        assert_eq!(
            error_message(br#"{ "message": { "name": [ "taken" ] } }"#).as_deref(),
            Some(r#"{"name":["taken"]}"#)
        );
    }

    #[test]
    fn error_field_and_description() {
        assert_eq!(
            error_message(br#"{"error":"package_name is invalid"}"#).as_deref(),
            Some("package_name is invalid")
        );
        assert_eq!(
            error_message(br#"{"error":"invalid_token","error_description":"Token expired"}"#)
                .as_deref(),
            Some("invalid_token: Token expired")
        );
    }

    #[test]
    fn message_wins_over_error() {
        assert_eq!(
            error_message(br#"{"error":"e","message":"m"}"#).as_deref(),
            Some("m")
        );
    }

    #[test]
    fn plain_text_and_empty() {
        assert_eq!(
            error_message(b"Retry later\n").as_deref(),
            Some("Retry later")
        );
        assert_eq!(
            error_message(b"<html>\n<h1>502</h1>").as_deref(),
            Some("<html> <h1>502</h1>")
        );
        assert_eq!(error_message(b"  \n"), None);
        assert_eq!(error_message(b"").as_deref(), None);
        // JSON without either key: quoted as is.
        assert_eq!(error_message(br#"{"x":1}"#).as_deref(), Some(r#"{"x":1}"#));
    }

    #[test]
    fn snippet_is_cut() {
        let long = "é".repeat(500);
        let s = snippet(long.as_bytes());
        assert_eq!(s.chars().count(), 200);
        assert!(s.ends_with('…'));
        assert_eq!(snippet("a".repeat(200).as_bytes()), "a".repeat(200));
        let cut = snippet("a".repeat(201).as_bytes());
        assert_eq!(cut, format!("{}…", "a".repeat(199)));
    }

    #[test]
    fn display() {
        let e = Error::invalid("list_project_packages", "id", "must not be empty");
        assert_eq!(
            e.to_string(),
            "invalid input for list_project_packages: parameter `id`: must not be empty"
        );
        let e = Error::Http {
            operation: "get_package",
            method: Method::GET,
            path: "/api/v4/projects/1/packages/2".into(),
            status: StatusCode::TOO_MANY_REQUESTS,
            message: Some("Retry later".into()),
            retry_after: Some("60".into()),
        };
        assert_eq!(
            e.to_string(),
            "get_package: GET /api/v4/projects/1/packages/2 failed with 429 Too Many Requests: Retry later (retry after 60)"
        );
        assert_eq!(e.status(), Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(e.retry_after(), Some("60"));
    }
}
