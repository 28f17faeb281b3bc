//! Credentials and how they are sent.

use std::fmt;

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::error::Error;

/// A secret string (token or password) that never shows up in `Debug` or `Display`.
///
/// ```
/// use gitlab_api_runtime::Secret;
///
/// let secret = Secret::new("glpat-abc");
/// assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
/// assert_eq!(secret.expose(), "glpat-abc");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Take care not to log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How requests authenticate. Exactly one credential is sent: a header, or for
/// [`Auth::QueryKey`] a query parameter.
///
/// Which kinds a package format accepts differs (see GitLab's documentation of each
/// format): the core packages API takes a personal access token as `PRIVATE-TOKEN` or
/// `Bearer`, PyPI, NuGet, Debian and Helm want HTTP Basic, RubyGems a raw
/// `Authorization` header, Conan a JWT obtained with HTTP Basic (see
/// [`Client::with_auth`](crate::Client::with_auth)).
///
/// ```
/// use gitlab_api_runtime::{Auth, Client};
///
/// # fn main() -> gitlab_api_runtime::Result<()> {
/// let client = Client::builder()
///     .base_url("https://gitlab.example.com")
///     .auth(Auth::private_token("glpat-xxxxxxxxxxxxxxxxxxxx"))
///     .build()?;
/// assert!(!format!("{client:?}").contains("glpat"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// Personal, project or group access token, sent as `PRIVATE-TOKEN: <token>`.
    PrivateToken(Secret),
    /// CI job token, sent as `JOB-TOKEN: <token>`.
    JobToken(Secret),
    /// Deploy token, sent as `Deploy-Token: <token>`.
    DeployToken(Secret),
    /// OAuth or other bearer token, sent as `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// HTTP Basic, sent as `Authorization: Basic base64(username:password)`.
    Basic {
        /// User name (for a job token: `gitlab-ci-token`).
        username: String,
        /// Password or token.
        password: Secret,
    },
    /// Sent verbatim as `Authorization: <token>` (RubyGems).
    Raw(Secret),
    /// An API key in a header the API names (`X-API-Key: <key>`), as a spec's `apikey`
    /// authentication says: marked sensitive, never sent to another origin.
    HeaderKey {
        /// The header's name.
        name: String,
        /// Its value (the key, with any prefix the API wants, such as `Token `).
        value: Secret,
    },
    /// An API key sent as a query parameter (`?api_key=<key>`). It is added to each
    /// request to the server's own origin as it is sent, replacing a parameter of that
    /// name, and never to another origin (a redirect, a next-page link elsewhere); it is
    /// not part of a request's URL as errors, traces and `Debug` show it.
    QueryKey {
        /// The query parameter's name.
        name: String,
        /// The key.
        value: Secret,
    },
}

impl Auth {
    /// `PRIVATE-TOKEN` header with a personal, project or group access token.
    pub fn private_token(token: impl Into<String>) -> Self {
        Auth::PrivateToken(Secret::new(token))
    }

    /// `JOB-TOKEN` header with a CI job token (`CI_JOB_TOKEN`).
    pub fn job_token(token: impl Into<String>) -> Self {
        Auth::JobToken(Secret::new(token))
    }

    /// `Deploy-Token` header with a deploy token.
    pub fn deploy_token(token: impl Into<String>) -> Self {
        Auth::DeployToken(Secret::new(token))
    }

    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(Secret::new(token))
    }

    /// HTTP Basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// HTTP Basic with a CI job token, as user `gitlab-ci-token` (PyPI, Composer, Maven,
    /// generic downloads …).
    pub fn job_token_basic(token: impl Into<String>) -> Self {
        Auth::basic(JOB_TOKEN_USER, token)
    }

    /// `Authorization: <token>`, the token sent as is.
    pub fn raw(token: impl Into<String>) -> Self {
        Auth::Raw(Secret::new(token))
    }

    /// An API key in header `name` (`X-API-Key`), sent as is.
    pub fn header_key(name: impl Into<String>, key: impl Into<String>) -> Self {
        Auth::HeaderKey {
            name: name.into(),
            value: Secret::new(key),
        }
    }

    /// An API key as query parameter `name` (`api_key`) of every request to the server.
    pub fn query_key(name: impl Into<String>, key: impl Into<String>) -> Self {
        Auth::QueryKey {
            name: name.into(),
            value: Secret::new(key),
        }
    }

    /// How this credential travels: a header, a query pair, or nothing; or why it cannot
    /// (the error names the header or parameter, never the value).
    pub(crate) fn sent(&self) -> Result<Sent, Error> {
        if let Auth::QueryKey { name, value } = self {
            if name.is_empty() {
                return Err(Error::invalid(
                    "auth",
                    "query_key",
                    "needs a parameter name",
                ));
            }
            if value.expose().is_empty() {
                return Err(Error::invalid("auth", name, "must not be empty"));
            }
            return Ok(Sent {
                header: None,
                query: Some((name.clone(), value.clone())),
            });
        }
        Ok(Sent {
            header: self.header()?,
            query: None,
        })
    }

    /// The header carrying this credential, marked sensitive; `None` for [`Auth::None`].
    /// A token sent as a header's value must be non-empty and must neither begin nor end
    /// with whitespace (the server would strip it and see another token); the error names
    /// the header, never the value.
    pub(crate) fn header(&self) -> Result<Option<(HeaderName, HeaderValue)>, Error> {
        let (name, value) = match self {
            Auth::None | Auth::QueryKey { .. } => return Ok(None),
            Auth::PrivateToken(t) => (PRIVATE_TOKEN, token("PRIVATE-TOKEN", t, "")?),
            Auth::JobToken(t) => (JOB_TOKEN, token("JOB-TOKEN", t, "")?),
            Auth::DeployToken(t) => (DEPLOY_TOKEN, token("Deploy-Token", t, "")?),
            Auth::Bearer(t) => (AUTHORIZATION, token("Authorization", t, "Bearer ")?),
            Auth::Raw(t) => (AUTHORIZATION, token("Authorization", t, "")?),
            Auth::HeaderKey { name, value } => {
                let header = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::invalid("auth", name, "is not a valid HTTP header name"))?;
                let value = token(name, value, "")?;
                (header, value)
            }
            Auth::Basic { username, password } => {
                if username.contains(':') {
                    return Err(Error::invalid(
                        "auth",
                        "username",
                        "must not contain `:` in HTTP Basic authentication",
                    ));
                }
                // Base64 carries every byte: no whitespace rule here.
                let pair = format!("{username}:{}", password.expose());
                (AUTHORIZATION, format!("Basic {}", base64(pair.as_bytes())))
            }
        };
        let mut value = HeaderValue::from_str(&value).map_err(|_| {
            Error::invalid(
                "auth",
                name.as_str(),
                "is not a valid HTTP header value (visible ASCII only)",
            )
        })?;
        value.set_sensitive(true);
        Ok(Some((name, value)))
    }
}

/// What a credential puts on a request: a header, or a query pair (see [`Auth::sent`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Sent {
    /// The credential header, marked sensitive.
    pub(crate) header: Option<(HeaderName, HeaderValue)>,
    /// The query parameter and its key.
    pub(crate) query: Option<(String, Secret)>,
}

/// `url` with the query pair `name=key` in place of any pair named `name`, the other
/// pairs kept byte for byte: what a request carrying an [`Auth::QueryKey`] is sent to.
pub(crate) fn with_query_key(url: &url::Url, name: &str, key: &Secret) -> url::Url {
    let mut query: Vec<&str> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let pair_name = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && decoded(pair_name) != name
        })
        .collect();
    let pair: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair(name, key.expose())
        .finish();
    query.push(&pair);
    let mut keyed = url.clone();
    keyed.set_query(Some(&query.join("&")));
    keyed
}

/// A query string's name as a form decodes it.
fn decoded(text: &str) -> String {
    url::form_urlencoded::parse(text.as_bytes())
        .next()
        .map(|(name, _)| name.into_owned())
        .unwrap_or_default()
}

/// `prefix` + the token, or why the token cannot travel in header `header` as given.
fn token(header: &str, token: &Secret, prefix: &str) -> Result<String, Error> {
    let text = token.expose();
    let reason = if text.is_empty() {
        Some("must not be empty")
    } else {
        header_value_problem(text)
    };
    match reason {
        Some(reason) => Err(Error::invalid("auth", header, reason)),
        None => Ok(format!("{prefix}{text}")),
    }
}

/// Why `value` cannot be sent as a header value exactly as given, if it cannot: servers
/// strip leading and trailing whitespace, and control characters are not allowed.
pub(crate) fn header_value_problem(value: &str) -> Option<&'static str> {
    if value.starts_with([' ', '\t']) || value.ends_with([' ', '\t']) {
        Some("must not begin or end with whitespace (the server would strip it)")
    } else if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        Some("is not a valid HTTP header value (control characters?)")
    } else {
        None
    }
}

/// Header names that carry credentials. They are never sent to another host after a
/// redirect, and a request that sets one explicitly does not get the client's [`Auth`].
pub(crate) const CREDENTIAL_HEADERS: [&str; 7] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "private-token",
    "job-token",
    "deploy-token",
    "x-nuget-apikey",
];

/// The user name GitLab expects with a job token in HTTP Basic authentication.
const JOB_TOKEN_USER: &str = "gitlab-ci-token";

const PRIVATE_TOKEN: HeaderName = HeaderName::from_static("private-token");
const JOB_TOKEN: HeaderName = HeaderName::from_static("job-token");
const DEPLOY_TOKEN: HeaderName = HeaderName::from_static("deploy-token");

/// Standard base64 with padding (RFC 4648 §4), for HTTP Basic.
fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let mut b = [0u8; 3];
        b[..chunk.len()].copy_from_slice(chunk);
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(auth: Auth) -> (String, String, bool) {
        let (name, value) = auth.header().unwrap().unwrap();
        let sensitive = value.is_sensitive();
        (
            name.as_str().to_owned(),
            value.to_str().unwrap().to_owned(),
            sensitive,
        )
    }

    #[test]
    fn base64_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(b"fooba"), "Zm9vYmE=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn headers() {
        let t = |n: &str, v: &str| (n.to_owned(), v.to_owned(), true);
        assert_eq!(header(Auth::private_token("p")), t("private-token", "p"));
        assert_eq!(header(Auth::job_token("j")), t("job-token", "j"));
        assert_eq!(header(Auth::deploy_token("d")), t("deploy-token", "d"));
        assert_eq!(header(Auth::bearer("b")), t("authorization", "Bearer b"));
        assert_eq!(header(Auth::raw("r")), t("authorization", "r"));
        assert_eq!(
            header(Auth::basic("gitlab-ci-token", "secret")),
            t("authorization", "Basic Z2l0bGFiLWNpLXRva2VuOnNlY3JldA==")
        );
        assert_eq!(
            header(Auth::job_token_basic("secret")),
            t("authorization", "Basic Z2l0bGFiLWNpLXRva2VuOnNlY3JldA==")
        );
        assert_eq!(
            header(Auth::header_key("X-Api-Key", "k")),
            t("x-api-key", "k")
        );
        assert!(Auth::None.header().unwrap().is_none());
        assert!(Auth::query_key("api_key", "k").header().unwrap().is_none());
    }

    #[test]
    fn a_query_key_travels_in_the_query_only() {
        let sent = Auth::query_key("api_key", "k").sent().unwrap();
        assert!(sent.header.is_none());
        let (name, key) = sent.query.unwrap();
        assert_eq!((name.as_str(), key.expose()), ("api_key", "k"));
        let sent = Auth::bearer("b").sent().unwrap();
        assert!(sent.query.is_none() && sent.header.is_some());
        for bad in [Auth::query_key("", "k"), Auth::query_key("api_key", "")] {
            let err = bad.sent().unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        }
        let err = Auth::header_key("X Bad", "k").header().unwrap_err();
        assert!(err.to_string().contains("X Bad"), "{err}");
        let err = Auth::header_key("X-Api-Key", "secret\n")
            .header()
            .unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn a_query_key_replaces_a_pair_of_its_name_and_keeps_the_others() {
        let key = Secret::new("k y&");
        let url = url::Url::parse("https://h/p?a=1&api_key=old&b=%20+x&api%5Fkey=2").unwrap();
        assert_eq!(
            with_query_key(&url, "api_key", &key).as_str(),
            "https://h/p?a=1&b=%20+x&api_key=k+y%26"
        );
        let url = url::Url::parse("https://h/p").unwrap();
        assert_eq!(
            with_query_key(&url, "key", &key).as_str(),
            "https://h/p?key=k+y%26"
        );
    }

    #[test]
    fn invalid_credentials() {
        let err = Auth::private_token("a\nb").header().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert!(!err.to_string().contains("a\nb"));
        let err = Auth::basic("a:b", "c").header().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(s.to_string(), "[redacted]");
        assert_eq!(
            format!("{:?}", Auth::private_token("hunter2")),
            "PrivateToken([redacted])"
        );
        assert_eq!(
            format!("{:?}", Auth::basic("bob", "hunter2")),
            r#"Basic { username: "bob", password: [redacted] }"#
        );
        for auth in [
            Auth::job_token("hunter2"),
            Auth::deploy_token("hunter2"),
            Auth::bearer("hunter2"),
            Auth::raw("hunter2"),
            Auth::header_key("X-Api-Key", "hunter2"),
            Auth::query_key("api_key", "hunter2"),
        ] {
            assert!(!format!("{auth:?}").contains("hunter2"));
        }
    }
}
