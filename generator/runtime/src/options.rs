//! Per-request options.

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use crate::auth::{Auth, CREDENTIAL_HEADERS, header_value_problem};
use crate::limits::Limits;
use crate::retry::RetryPolicy;

/// Options for one request, overriding the client's: credentials, timeouts, extra headers,
/// retry policy. Every operation's request builder takes them with `.options(…)`.
///
/// An invalid header name or value is reported when the request is sent, as
/// [`Error::InvalidInput`](crate::Error::InvalidInput), and nothing is sent.
///
/// ```no_run
/// use std::time::Duration;
/// use gitlab_api_runtime::{Auth, Client, RequestOptions, RetryPolicy};
/// use gitlab_api_runtime::Method;
///
/// # async fn demo(client: Client) -> gitlab_api_runtime::Result<()> {
/// let options = RequestOptions::new()
///     .auth(Auth::job_token(std::env::var("CI_JOB_TOKEN").unwrap_or_default()))
///     .timeout(Duration::from_secs(10))
///     .header("X-Request-Purpose", "audit")
///     .retry(RetryPolicy::none());
/// let mut request = client.request(Method::GET, "list_project_packages", "/api/v4/projects/{id}/packages");
/// request
///     .options(&options)
///     .path_literal("/api/v4/projects/")
///     .path_param("id", &"group/project")
///     .path_literal("/packages");
/// let packages = request.send_json().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) auth: Option<Auth>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Query parameters added after the operation's own.
    pub(crate) query: Vec<(String, String)>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) limits: Option<Limits>,
    /// A header sent as this request's credential, instead of any [`Auth`].
    pub(crate) credential: Option<(HeaderName, HeaderValue)>,
    /// The first invalid header: its name and why it was rejected.
    pub(crate) error: Option<(String, &'static str)>,
}

impl RequestOptions {
    /// No overrides: the client's settings apply.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Credentials for this request instead of the client's ([`Auth::None`] sends none).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Overall timeout of each attempt, from sending the request until its body has been
    /// read (for each redirect hop separately); replaces the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Read timeout: the longest time without progress (no byte of the request body taken
    /// by the connection, no byte of the response received); replaces the client's.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Adds a header, replacing one of the same name set by the request. It is sent to
    /// GitLab only: when a download is redirected to another host, only headers known to
    /// be harmless there go along (`Accept`, `Range`, `If-None-Match` …).
    ///
    /// A credential header (`Authorization`, `PRIVATE-TOKEN`, `JOB-TOKEN`, `Deploy-Token`,
    /// `X-NuGet-ApiKey`, `Cookie` …) is refused here, when the request is sent: set a
    /// credential with [`auth`](Self::auth) or [`credential_header`](Self::credential_header),
    /// which say that it replaces the client's.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        if let Some((name, value)) = self.checked(name.as_ref(), value.as_ref()) {
            if CREDENTIAL_HEADERS.contains(&name.as_str()) {
                self.error.get_or_insert((
                    name.to_string(),
                    "carries credentials: set it with RequestOptions::credential_header or RequestOptions::auth",
                ));
                return self;
            }
            self.headers.retain(|(n, _)| *n != name);
            self.headers.push((name, value));
        }
        self
    }

    /// Sends `name: value` as this request's credential **instead of** the client's
    /// [`Auth`] and of [`auth`](Self::auth): the one credential of the request, treated
    /// as a secret (never in `Debug`, errors or logs) and never sent to another host. For
    /// a header [`Auth`] has no constructor for, such as NuGet's `X-NuGet-ApiKey`.
    ///
    /// ```
    /// use gitlab_api_runtime::RequestOptions;
    ///
    /// let options = RequestOptions::new().credential_header("X-NuGet-ApiKey", "my-api-key");
    /// assert!(!format!("{options:?}").contains("my-api-key"));
    /// ```
    pub fn credential_header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        if let Some((name, mut value)) = self.checked(name.as_ref(), value.as_ref()) {
            value.set_sensitive(true);
            self.credential = Some((name, value));
        }
        self
    }

    /// The header as sent, or `None` with the reason recorded.
    fn checked(&mut self, name: &str, value: &str) -> Option<(HeaderName, HeaderValue)> {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            self.error
                .get_or_insert((name.to_owned(), "is not a valid HTTP header name"));
            return None;
        };
        if let Some(reason) = header_value_problem(value) {
            self.error.get_or_insert((name.to_owned(), reason));
            return None;
        }
        match HeaderValue::from_str(value) {
            Ok(value) => Some((header, value)),
            Err(_) => {
                self.error.get_or_insert((
                    name.to_owned(),
                    "is not a valid HTTP header value (visible ASCII only)",
                ));
                None
            }
        }
    }

    /// Adds `name=value` to the query string, after the operation's own parameters: an
    /// escape hatch for a parameter the spec does not declare (yet). Both are
    /// form-urlencoded; a name given twice is sent twice.
    pub fn query(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((name.into(), value.to_string()));
        self
    }

    /// The retry policy for this request instead of the client's.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Limits for this request instead of the client's (see [`Limits`]): a large answer
    /// read whole, a slow mirror, a very long list.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = Some(limits);
        self
    }
}

/// Shows header names only: a header value may be a secret.
impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("read_timeout", &self.read_timeout)
            .field("headers", &names)
            .field(
                "query",
                &self
                    .query
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .field("limits", &self.limits)
            .field(
                "credential_header",
                &self.credential.as_ref().map(|(n, _)| n.as_str()),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_values() {
        let options = RequestOptions::new()
            .auth(Auth::bearer("jwt-secret"))
            .credential_header("X-NuGet-ApiKey", "api-secret")
            .header("Accept", "text/plain")
            .timeout(Duration::from_secs(3));
        let text = format!("{options:?}");
        assert!(!text.contains("secret"), "{text}");
        assert_eq!(
            text,
            r#"RequestOptions { auth: Some(Bearer([redacted])), timeout: Some(3s), read_timeout: None, headers: ["accept"], query: [], retry: None, limits: None, credential_header: Some("x-nuget-apikey") }"#
        );
        assert!(options.credential.as_ref().unwrap().1.is_sensitive());
        assert!(!options.headers[0].1.is_sensitive());
    }

    #[test]
    fn invalid_headers_are_recorded() {
        let options = RequestOptions::new()
            .header("Bad Name", "x")
            .header("X-Ok", "line\nbreak");
        assert_eq!(
            options.error,
            Some(("Bad Name".to_owned(), "is not a valid HTTP header name"))
        );
        assert!(options.headers.is_empty());
        // A credential must say so.
        let options = RequestOptions::new().header("PRIVATE-TOKEN", "t");
        assert_eq!(
            options.error,
            Some((
                "private-token".to_owned(),
                "carries credentials: set it with RequestOptions::credential_header or RequestOptions::auth"
            ))
        );
        let options = RequestOptions::new().header("X-A", "1").header("x-a", "2");
        assert_eq!(options.headers.len(), 1);
        assert_eq!(options.headers[0].1, "2");
    }
}
