//! Building and sending one request.

use std::fmt::{self, Display};

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use url::Url;

use super::auth::{Auth, CREDENTIAL_HEADERS};
use super::body::{Body, Multipart};
use super::client::Client;
use super::error::{Error, Result, error_message};
use super::response::RawResponse;

/// Redirects followed for one `GET` or `HEAD` request.
pub const MAX_REDIRECTS: usize = 10;

/// Bytes left as they are in a path segment: the unreserved set of RFC 3986.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One request being assembled; obtained from [`Client::request`].
///
/// The path is assembled from literal pieces and encoded parameters; the query string
/// from encoded pairs. An invalid argument is recorded and returned by the `send_*`
/// method, without sending anything.
///
/// Query parameters are form-urlencoded (`+` becomes `%2B`, space `+`); array parameters
/// are sent as `name%5B%5D=a&name%5B%5D=b`, which GitLab reads as `name[]=a&name[]=b`.
///
/// ```no_run
/// use gitlab_packages::{Client, IdOrPath};
/// use gitlab_packages::runtime::Method;
///
/// # async fn demo() -> gitlab_packages::Result<()> {
/// let client = Client::new("https://gitlab.com")?;
/// let project = IdOrPath::from("group/project");
/// let mut request = client.request(Method::GET, "list_project_packages");
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
    path: String,
    query: String,
    headers: HeaderMap,
    payload: Payload,
    auth: Option<Auth>,
    error: Option<Error>,
}

#[derive(Clone)]
enum Payload {
    None,
    Bytes {
        body: Body,
        content_type: &'static str,
    },
    Multipart(Multipart),
}

impl RequestBuilder {
    pub(crate) fn new(client: Client, method: Method, operation: &'static str) -> Self {
        RequestBuilder {
            client,
            method,
            operation,
            path: String::new(),
            query: String::new(),
            headers: HeaderMap::new(),
            payload: Payload::None,
            auth: None,
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

    /// Appends `value` as one path segment: every byte outside `A-Z a-z 0-9 - . _ ~` is
    /// percent-encoded, `/` included. Empty values, `.` and `..` are rejected.
    pub fn path_param(&mut self, name: &'static str, value: &(impl Display + ?Sized)) -> &mut Self {
        let value = value.to_string();
        match check_segment(&value) {
            Ok(()) => self.path.extend(utf8_percent_encode(&value, SEGMENT)),
            Err(reason) => self.fail(name, reason),
        }
        self
    }

    /// Appends `value` as one or more path segments separated by `/`, each encoded as in
    /// [`path_param`](Self::path_param). Rejects an empty value, empty segments (leading,
    /// trailing or doubled `/`) and `.` or `..` segments.
    pub fn path_glob(&mut self, name: &'static str, value: &str) -> &mut Self {
        if let Err(reason) = value.split('/').try_for_each(check_segment) {
            let reason = if value.is_empty() {
                reason
            } else {
                format!("segment {reason} (leading, trailing or doubled `/`?)")
            };
            self.fail(name, reason);
            return self;
        }
        for (i, segment) in value.split('/').enumerate() {
            if i > 0 {
                self.path.push('/');
            }
            self.path.extend(utf8_percent_encode(segment, SEGMENT));
        }
        self
    }

    /// Appends `name=value` to the query string, both form-urlencoded.
    pub fn query(&mut self, name: &'static str, value: &(impl Display + ?Sized)) -> &mut Self {
        self.push_query(name, &value.to_string());
        self
    }

    /// Appends `name[]=value` for each value (written `name%5B%5D=value`); nothing for
    /// an empty slice.
    pub fn query_array(&mut self, name: &'static str, values: &[String]) -> &mut Self {
        let key = format!("{name}[]");
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
    pub fn json(&mut self, value: &serde_json::Value) -> &mut Self {
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

    /// Sends the request and decodes the JSON answer; an empty body gives
    /// [`serde_json::Value::Null`].
    pub async fn send_json(self) -> Result<serde_json::Value> {
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

    /// Sends the request and returns the status, headers and body.
    ///
    /// Redirects of `GET` and `HEAD` are followed (at most [`MAX_REDIRECTS`]); when one
    /// leads to another scheme, host or port than the base URL, no credential is sent
    /// from then on. Other methods fail with [`Error::Redirect`]. Any other non-2xx
    /// answer is an [`Error::Http`].
    pub async fn send_raw(self) -> Result<RawResponse> {
        self.prepare()?.execute().await
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

    fn prepare(self) -> Result<Prepared> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let url = self.url();
        let credential = match &self.auth {
            Some(auth) => auth.header().map_err(|e| match e {
                Error::InvalidInput {
                    parameter, reason, ..
                } => Error::invalid(self.operation, parameter, reason),
                other => other,
            })?,
            None => self.client.credential().cloned(),
        };
        // A request that sets a credential header itself gets no other credential.
        let credential = credential.filter(|_| {
            !CREDENTIAL_HEADERS
                .iter()
                .any(|name| self.headers.contains_key(*name))
        });
        Ok(Prepared {
            path: url.path().to_owned(),
            url,
            credential,
            client: self.client,
            method: self.method,
            operation: self.operation,
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
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

/// Checks one path segment; returns the reason it is rejected.
fn check_segment(segment: &str) -> std::result::Result<(), String> {
    match segment {
        "" => Err("must not be empty".to_owned()),
        "." | ".." => Err(format!("must not be `{segment}`")),
        _ => Ok(()),
    }
}

/// A checked request that can be turned into a `reqwest::Request` any number of times
/// (for each redirect hop, and later for retries).
struct Prepared {
    client: Client,
    method: Method,
    operation: &'static str,
    /// Path of the first URL, used in errors.
    path: String,
    url: Url,
    headers: HeaderMap,
    credential: Option<(HeaderName, HeaderValue)>,
    payload: Payload,
}

impl Prepared {
    fn build(&self, url: &Url, with_credentials: bool) -> Result<reqwest::Request> {
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
                request = request.body(body.to_reqwest());
            }
            Payload::Multipart(form) => {
                let form = form.to_form().map_err(|field| {
                    Error::invalid(self.operation, field, "has an invalid content type")
                })?;
                request = request.multipart(form);
            }
        }
        // `headers` after `multipart` would drop its boundary: only set ours if absent.
        let mut request = request.build().map_err(|e| self.transport(e))?;
        for (name, value) in headers.iter() {
            if name != CONTENT_TYPE || !request.headers().contains_key(CONTENT_TYPE) {
                request.headers_mut().insert(name.clone(), value.clone());
            }
        }
        Ok(request)
    }

    async fn execute(&self) -> Result<RawResponse> {
        let mut url = self.url.clone();
        let mut with_credentials = true;
        for _ in 0..=MAX_REDIRECTS {
            let request = self.build(&url, with_credentials)?;
            let response = self
                .client
                .http()
                .execute(request)
                .await
                .map_err(|e| self.transport(e))?;
            let status = response.status();
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
                        path: self.path.clone(),
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
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| self.transport(e))?;
            if !status.is_success() {
                return Err(Error::Http {
                    operation: self.operation,
                    method: self.method.clone(),
                    path: self.path.clone(),
                    status,
                    message: error_message(&body),
                    retry_after: headers
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned),
                });
            }
            return Ok(RawResponse::new(
                status,
                headers,
                body,
                self.operation,
                self.method.clone(),
                self.path.clone(),
            ));
        }
        Err(Error::TooManyRedirects {
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            max: MAX_REDIRECTS,
        })
    }

    /// Wraps a reqwest error. Its URL is dropped: after a redirect it may be a
    /// pre-signed storage URL; `path` says which request failed.
    fn transport(&self, source: reqwest::Error) -> Error {
        let source = source.without_url();
        let (operation, method, path) = (self.operation, self.method.clone(), self.path.clone());
        if source.is_timeout() {
            Error::Timeout {
                operation,
                method,
                path,
                source,
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
