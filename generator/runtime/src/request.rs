//! Building and sending one request.

use std::fmt::{self, Display};
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Auth, CREDENTIAL_HEADERS, Sent, header_value_problem};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::limits::Limits;
use crate::options::RequestOptions;
use crate::page::{Items, Page, Pagination};
use crate::path;
use crate::response::RawResponse;
use crate::retry::RetryPolicy;
use crate::send::{Fetch, Prepared};
use crate::stream::ByteStream;

mod payload;

use payload::FormKind;
pub(crate) use payload::Payload;

/// Redirects followed for one `GET` or `HEAD` request.
pub const MAX_REDIRECTS: usize = 10;

/// One request being assembled; obtained from [`Client::request`].
///
/// The path is either assembled from literal pieces and encoded parameters
/// ([`path_literal`](Self::path_literal), [`path_param`](Self::path_param),
/// [`path_glob`](Self::path_glob)), or, for generated operations, expanded from the
/// template when the request is sent ([`path_value`](Self::path_value), see
/// [`path`](crate::path)). The query string is made of encoded pairs. An invalid argument
/// is recorded and returned by the `send_*` method, without sending anything.
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
    /// The path assembled piece by piece, or, when `path_values` is `Some`, expanded from
    /// `template` when the request is sent.
    path: String,
    path_values: Option<Vec<(&'static str, String)>>,
    query: Fields,
    form: Fields,
    form_kind: FormKind,
    headers: HeaderMap,
    /// Headers from [`RequestOptions`]: they win over `headers`.
    extra_headers: Vec<(HeaderName, HeaderValue)>,
    payload: Payload,
    auth: Option<Auth>,
    timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    limits: Option<Limits>,
    /// A credential header from [`RequestOptions::credential_header`]: it wins over `auth`.
    credential: Option<(HeaderName, HeaderValue)>,
    /// The API's server the request goes to ([`server`](Self::server)); `None` for the
    /// default one.
    server: Option<&'static str>,
    error: Option<Error>,
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
            path_values: None,
            query: Fields::default(),
            form: Fields::default(),
            form_kind: FormKind::None,
            headers: HeaderMap::new(),
            extra_headers: Vec::new(),
            payload: Payload::None,
            auth: None,
            timeout: None,
            read_timeout: None,
            retry: None,
            limits: None,
            credential: None,
            server: None,
            error: None,
        }
    }

    /// Sends the request to the API's server `name` (a [`Server`](crate::Server): a
    /// `consumes` block of the spec with its own root) instead of the default root, with
    /// that server's credentials.
    pub fn server(&mut self, name: &'static str) -> &mut Self {
        self.server = Some(name);
        self
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

    /// Sets the value of the template's path variable `name` (replacing an earlier one);
    /// the path is expanded from the template when the request is sent (the syntax is in
    /// [`path`](crate::path): `{name}` one segment, `{*name}` a glob keeping its `/`,
    /// `[…]` an optional group sent when all its variables are set). A value that would
    /// change which endpoint is reached (empty, `.`, `..`) fails the request with an
    /// error naming the variable, and nothing is sent.
    pub fn path_value(&mut self, name: &'static str, value: &(impl Display + ?Sized)) -> &mut Self {
        let values = self.path_values.get_or_insert_with(Vec::new);
        let value = value.to_string();
        match values.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => values.push((name, value)),
        }
        self
    }

    /// Expands the path from the template when the request is sent, even with no
    /// [`path_value`](Self::path_value) set (a template without variables).
    pub fn path_from_template(&mut self) -> &mut Self {
        self.path_values.get_or_insert_with(Vec::new);
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
        self.query.append(name.into(), value.to_string());
        self
    }

    /// Appends `name[]=value` for each value (written `name%5B%5D=value`; a `name` that
    /// already ends in `[]` keeps one pair); nothing for an empty slice.
    pub fn query_array(&mut self, name: &'static str, values: &[String]) -> &mut Self {
        let key = format!("{}[]", name.trim_end_matches("[]"));
        for value in values {
            self.query.append(key.clone().into(), value.clone());
        }
        self
    }

    /// Sets the query parameter in `slot` (its place in the operation's order) to
    /// `name=value`, replacing an earlier value.
    pub fn set_query(
        &mut self,
        slot: u32,
        name: &'static str,
        value: &(impl Display + ?Sized),
    ) -> &mut Self {
        self.query.set(slot, name, value.to_string());
        self
    }

    /// Sets the query parameter in `slot` to `name` alone, sent without `=` (`?flag`).
    pub fn set_query_flag(&mut self, slot: u32, name: &'static str) -> &mut Self {
        self.query.set_flag(slot, name);
        self
    }

    /// Sets the query parameter in `slot` to `values` joined by `separator`
    /// (`gems=rails,thor`): a list the server splits itself.
    pub fn set_query_joined<V: Display>(
        &mut self,
        slot: u32,
        name: &'static str,
        separator: &str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let joined = join(values, separator);
        self.query.set(slot, name, joined);
        self
    }

    /// Sets the list query parameter in `slot`: `name[]=a&name[]=b`.
    pub fn set_query_list<V: Display>(
        &mut self,
        slot: u32,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let values = values.into_iter().map(|v| v.to_string()).collect();
        self.query.set_list(slot, name, values);
        self
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
        if let Some(reason) = header_value_problem(value) {
            self.fail(name, reason);
            return self;
        }
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(sensitive);
                self.headers.insert(header, value);
            }
            Err(_) => self.fail(
                name,
                "is not a valid HTTP header value (visible ASCII only)",
            ),
        }
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
        for (name, value) in &options.query {
            self.query.append(name.clone().into(), value.clone());
        }
        self.timeout = options.timeout.or(self.timeout);
        self.read_timeout = options.read_timeout.or(self.read_timeout);
        if let Some(retry) = &options.retry {
            self.retry = Some(retry.clone());
        }
        self.limits = options.limits.or(self.limits);
        if let Some(credential) = &options.credential {
            self.credential = Some(credential.clone());
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
        let (url, prepared) = self.prepare()?;
        prepared.execute_whole(&url).await
    }

    /// Sends the request and returns the body as a stream of chunks, in constant memory
    /// (see [`ByteStream`]). The request is retried as in [`send_raw`](Self::send_raw)
    /// until the response headers arrive; errors while reading the body are not.
    pub async fn send_stream(self) -> Result<ByteStream> {
        let (url, prepared) = self.prepare()?;
        let stream = |stream| std::future::ready(Ok(stream));
        prepared.execute(&url, stream).await
    }

    /// Sends the request for one page of a list: the body must be a JSON array.
    pub async fn send_page(self) -> Result<Page<serde_json::Value>> {
        self.send_page_as().await
    }

    /// Like [`send_page`](Self::send_page), decoding the items as `T`.
    pub async fn send_page_as<T: DeserializeOwned>(self) -> Result<Page<T>> {
        let (response, url) = self.fetch().await?;
        Page::decode(response, &url)
    }

    /// Sends the request and reads the answer whole, with the URL it went to, as a boxed
    /// future: the sending code every answer type shares, compiled once in this crate
    /// (generated operations decode its output: [`ResponseFuture`](crate::ResponseFuture)).
    pub(crate) fn fetch(self) -> Fetch {
        Box::pin(async move {
            let (url, prepared) = self.prepare()?;
            let response = prepared.execute_whole(&url).await?;
            Ok((response, url))
        })
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
        let base = self
            .client
            .root(self.server, self.operation)
            .unwrap_or(self.client.base_url())
            .clone();
        match self.prepare() {
            Ok((url, prepared)) => Items::new(Ok(prepared), url, pagination),
            Err(error) => Items::new(Err(error), base, pagination),
        }
    }

    /// The first recorded invalid argument, if any.
    #[cfg(test)]
    pub(crate) fn error_ref(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// The URL this request goes to (for tests; see [`target`](Self::target)).
    #[cfg(test)]
    pub(crate) fn url(&self) -> Url {
        self.target().expect("a valid path")
    }

    /// The URL this request goes to: the base URL's path without its trailing `/` (the
    /// root of its [`server`](Self::server)), then the path (expanded from the template,
    /// or assembled), then the query string, all byte for byte as they will be sent (but
    /// for an API key sent in the query, [`Auth::QueryKey`], which is added as the request
    /// is sent and never shown); or the invalid input that keeps it from being sent
    /// ([`Error::InvalidInput`]). Nothing is sent.
    pub fn target(&self) -> Result<Url> {
        let base = self.client.root(self.server, self.operation)?;
        let base_path = base.path().trim_end_matches('/');
        let mut path = String::with_capacity(base_path.len() + self.template.len() + 64);
        path.push_str(base_path);
        match &self.path_values {
            Some(values) => {
                let value = |name: &str| {
                    values
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v.as_str())
                };
                if !self.template.starts_with('/') {
                    path.push('/');
                }
                path::expand(self.template, &value, &mut path).map_err(|refused| {
                    Error::invalid(self.operation, refused.variable, refused.reason)
                })?;
            }
            None => {
                if !self.path.starts_with('/') {
                    path.push('/');
                }
                path.push_str(&self.path);
            }
        }
        let mut url = base.clone();
        url.set_path(&path);
        // The path's buffer, reused for the query string.
        let mut query = path;
        query.clear();
        self.query.encode_into(&mut query);
        url.set_query((!query.is_empty()).then_some(query.as_str()));
        Ok(url)
    }

    fn prepare(mut self) -> Result<(Url, Prepared)> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let url = self.target()?;
        for (name, value) in self.extra_headers.drain(..) {
            self.headers.insert(name, value);
        }
        let sent = match (self.credential.take(), &self.auth) {
            (Some(header), _) => Sent {
                header: Some(header),
                query: None,
            },
            (None, Some(auth)) => auth.sent().map_err(|e| e.in_operation(self.operation))?,
            (None, None) => self.client.credentials_for(self.server, self.operation)?,
        };
        // A request that sets a credential itself (a credential header, the header or query
        // parameter its credential travels in) gets no other credential.
        let own = self
            .headers
            .keys()
            .any(|name| CREDENTIAL_HEADERS.contains(&name.as_str()))
            || sent
                .header
                .as_ref()
                .is_some_and(|(name, _)| self.headers.contains_key(name))
            || sent
                .query
                .as_ref()
                .is_some_and(|(name, _)| self.query.contains(name));
        let sent = if own { Sent::default() } else { sent };
        let root = self.client.root(self.server, self.operation)?.clone();
        let payload = self.payload();
        let prepared = Prepared {
            timeout: self.timeout.or(self.client.timeout()),
            read_timeout: self.read_timeout.or(self.client.read_timeout()),
            limits: self.limits.unwrap_or(*self.client.limits()),
            retry: self
                .retry
                .unwrap_or_else(|| self.client.retry_policy().clone()),
            credential: sent.header,
            query_credential: sent.query,
            root,
            client: self.client,
            method: self.method,
            operation: self.operation,
            template: self.template,
            headers: self.headers,
            payload,
        };
        Ok((url, prepared))
    }
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("template", &self.template)
            .field("path", &self.path)
            .field("path_values", &self.path_values)
            .field("query", &self.query.encoded())
            .finish_non_exhaustive()
    }
}

/// `values` as text, joined by `separator`.
pub(crate) fn join<V: Display>(values: impl IntoIterator<Item = V>, separator: &str) -> String {
    let mut out = String::new();
    for (i, value) in values.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&value.to_string());
    }
    out
}
