//! The API client and its builder.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use reqwest::header::HeaderValue;
use url::Url;

use crate::auth::{Auth, Sent};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::request::RequestBuilder;
use crate::retry::RetryPolicy;

/// What a generated crate tells the runtime about its API, from its spec: the defaults of
/// [`ClientBuilder::for_api`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Api {
    /// The client crate's name and version, for the `User-Agent` header
    /// (`gitlab-packages/0.1.0`); empty for the runtime's own.
    pub user_agent: &'static str,
    /// The default server root (the spec's `baseUri`), if it names one.
    pub base_url: Option<&'static str>,
    /// The environment variable holding the token (the spec's `binds`), read by
    /// [`ClientBuilder::env`].
    pub token_env: Option<&'static str>,
    /// The environment variable holding the server root, read by [`ClientBuilder::env`].
    pub base_url_env: Option<&'static str>,
    /// Whether [`ClientBuilder::env`] also reads GitLab's own variables: `GITLAB_TOKEN`
    /// (the GitLab CLI's), and in a CI job `CI_JOB_TOKEN` (sent as `JOB-TOKEN`) with
    /// `CI_API_V4_URL` or `CI_SERVER_URL`.
    pub gitlab_ci: bool,
}

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);
/// Credentials from a variable's value.
type MakeAuth = fn(String) -> Auth;
/// A server root from a variable's value.
type MakeRoot = fn(String) -> String;

const RUNTIME_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
const BUILD: &str = "ClientBuilder::build";

/// A client for one GitLab instance. Cheap to clone: clones share one connection pool.
///
/// ```no_run
/// use gitlab_api_runtime::{Auth, Client};
///
/// # fn main() -> gitlab_api_runtime::Result<()> {
/// // Public data, no credentials:
/// let public = Client::new("https://gitlab.com")?;
/// // A self-managed instance under a relative URL root:
/// let client = Client::builder()
///     .base_url("https://example.com/gitlab")
///     .auth(Auth::job_token(std::env::var("CI_JOB_TOKEN").unwrap_or_default()))
///     .build()?;
/// assert_eq!(client.base_url().as_str(), "https://example.com/gitlab");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    credentials: Arc<Credentials>,
}

/// What clones and [`Client::with_auth`] share.
struct Shared {
    http: reqwest::Client,
    base_url: Url,
    retry: RetryPolicy,
    limits: Limits,
    timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    /// Sent with every request that does not set its own, replacing the default of a
    /// caller's [`http_client`](ClientBuilder::http_client).
    user_agent: HeaderValue,
    /// The API's other servers (see [`Server`]), with their roots and credentials.
    servers: Vec<servers::ServerRoot>,
}

struct Credentials {
    auth: Auth,
    /// What `auth` puts on a request, or why it cannot be sent (parameter, reason).
    sent: std::result::Result<Sent, (String, String)>,
}

impl Credentials {
    fn new(auth: Auth) -> Self {
        let sent = auth.sent().map_err(|e| match e {
            Error::InvalidInput {
                parameter, reason, ..
            } => (parameter, reason),
            other => ("auth".to_owned(), other.to_string()),
        });
        Credentials { auth, sent }
    }

    /// What the credentials put on a request of `operation`, or the error for invalid ones.
    fn sent(&self, operation: &'static str) -> Result<Sent> {
        match &self.sent {
            Ok(sent) => Ok(sent.clone()),
            Err((parameter, reason)) => Err(Error::invalid(operation, parameter, reason)),
        }
    }
}

impl Client {
    /// A client for `base_url` without credentials.
    pub fn new(base_url: &str) -> Result<Client> {
        Client::builder().base_url(base_url).build()
    }

    /// A builder with no server root (set one with [`ClientBuilder::base_url`]), no
    /// credentials, 30 s connect timeout, 60 s read timeout, no overall timeout,
    /// [`RetryPolicy::default`], the system's root certificates and the environment's
    /// proxies. A generated client's own `Client::builder()` starts from its API's
    /// defaults instead.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The same client (connection pool, base URL, timeouts, retry policy) with other
    /// credentials for its default server (those of the API's other [`Server`]s are
    /// kept). This client is unchanged.
    ///
    /// Conan, for one, trades HTTP Basic credentials for a JWT that later calls send as
    /// `Bearer`:
    ///
    /// ```no_run
    /// use gitlab_api_runtime::{Auth, Client, RequestOptions};
    /// use gitlab_api_runtime::Method;
    ///
    /// # async fn demo(client: Client) -> gitlab_api_runtime::Result<()> {
    /// let mut login = client.request(
    ///     Method::GET,
    ///     "authenticate_project_conan_v2",
    ///     "/api/v4/projects/{id}/packages/conan/v2/users/authenticate",
    /// );
    /// login
    ///     .options(&RequestOptions::new().auth(Auth::basic("alice", "glpat-xxxx")))
    ///     .path_literal("/api/v4/projects/")
    ///     .path_param("id", &42)
    ///     .path_literal("/packages/conan/v2/users/authenticate");
    /// let jwt = login.send_text().await?;
    /// let conan = client.with_auth(Auth::bearer(jwt));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// Invalid credentials (a token with a line break, a Basic user name with `:`) make
    /// every request of the new client fail with [`Error::InvalidInput`].
    pub fn with_auth(&self, auth: Auth) -> Client {
        Client {
            shared: Arc::clone(&self.shared),
            credentials: Arc::new(Credentials::new(auth)),
        }
    }

    /// The base URL. Its path has no trailing `/` (it is `/` for a URL without a path).
    pub fn base_url(&self) -> &Url {
        &self.shared.base_url
    }

    /// The credentials sent with every request (unless a request overrides them).
    pub fn auth(&self) -> &Auth {
        &self.credentials.auth
    }

    /// The retry policy of every request (unless a request overrides it).
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.shared.retry
    }

    /// Starts a request. `operation` is the operation's Rust name, used in errors and
    /// traces; `template` its path template (`/api/v4/projects/{id}/packages`), used in
    /// traces instead of the real path. Used by the generated operations; call it
    /// directly for endpoints they lack.
    pub fn request(
        &self,
        method: Method,
        operation: &'static str,
        template: &'static str,
    ) -> RequestBuilder {
        RequestBuilder::new(self.clone(), method, operation, template)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.shared.http
    }

    /// The client's credential header, or the error for an invalid one.
    #[cfg(test)]
    pub(crate) fn credential(
        &self,
        operation: &'static str,
    ) -> Result<Option<(reqwest::header::HeaderName, HeaderValue)>> {
        self.credentials.sent(operation).map(|sent| sent.header)
    }

    /// What the credentials of `server` (the default one for `None`) put on a request of
    /// `operation`, or the error for invalid ones.
    pub(crate) fn credentials_for(
        &self,
        server: Option<&'static str>,
        operation: &'static str,
    ) -> Result<Sent> {
        match server {
            None => self.credentials.sent(operation),
            Some(name) => self.server(name, operation)?.credentials.sent(operation),
        }
    }

    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.shared.timeout
    }

    pub(crate) fn read_timeout(&self) -> Option<Duration> {
        self.shared.read_timeout
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.shared.limits
    }

    pub(crate) fn user_agent(&self) -> &HeaderValue {
        &self.shared.user_agent
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut f = f.debug_struct("Client");
        f.field("base_url", &self.shared.base_url.as_str())
            .field("auth", &self.credentials.auth);
        if !self.shared.servers.is_empty() {
            f.field("servers", &self.shared.servers);
        }
        f.finish_non_exhaustive()
    }
}

/// Configures a [`Client`], or a generated crate's client `C` that wraps one.
pub struct ClientBuilder<C = Client> {
    api: Api,
    base_url: Option<String>,
    auth: Auth,
    user_agent: String,
    connect_timeout: Duration,
    read_timeout: Option<Duration>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    limits: Limits,
    no_proxy: bool,
    /// PEM texts, each with one or more CA certificates.
    root_certificates: Vec<Vec<u8>>,
    identity: Option<transport::IdentityPem>,
    proxy: Option<String>,
    http_client: Option<reqwest::Client>,
    deferred: Option<(String, String)>,
    /// How the API's spec says requests authenticate, if it says.
    scheme: Option<AuthScheme>,
    /// The API's other servers, as configured.
    servers: Vec<servers::ServerConfig>,
    client: PhantomData<fn() -> C>,
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        ClientBuilder {
            api: self.api,
            base_url: self.base_url.clone(),
            auth: self.auth.clone(),
            user_agent: self.user_agent.clone(),
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            timeout: self.timeout,
            retry: self.retry.clone(),
            limits: self.limits,
            no_proxy: self.no_proxy,
            root_certificates: self.root_certificates.clone(),
            identity: self.identity.clone(),
            proxy: self.proxy.clone(),
            http_client: self.http_client.clone(),
            deferred: self.deferred.clone(),
            scheme: self.scheme,
            servers: self.servers.clone(),
            client: PhantomData,
        }
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// A builder with the defaults of [`Client::builder`].
    pub fn new() -> Self {
        ClientBuilder::for_api(Api::default())
    }
}

impl<C> ClientBuilder<C> {
    /// A builder with `api`'s defaults: its server root, if it has one, and its user
    /// agent; otherwise as [`Client::builder`].
    pub fn for_api(api: Api) -> Self {
        let user_agent = if api.user_agent.is_empty() {
            RUNTIME_USER_AGENT
        } else {
            api.user_agent
        };
        ClientBuilder {
            api,
            base_url: api.base_url.map(str::to_owned),
            auth: Auth::None,
            user_agent: user_agent.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: Some(DEFAULT_READ_TIMEOUT),
            timeout: None,
            retry: RetryPolicy::default(),
            limits: Limits::default(),
            no_proxy: false,
            root_certificates: Vec::new(),
            identity: None,
            proxy: None,
            http_client: None,
            deferred: None,
            scheme: None,
            servers: Vec::new(),
            client: PhantomData,
        }
    }

    /// The GitLab instance, e.g. `https://gitlab.example.com` or, under a relative URL
    /// root, `https://example.com/gitlab`. Must be `http` or `https`, without
    /// credentials, query or fragment.
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(url.as_ref().to_owned());
        self
    }

    /// Credentials sent with every request.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// The `User-Agent` header (default `<crate name>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Timeout for establishing a connection (default 30 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Read timeout (default 60 s): a request fails with [`Error::Timeout`] when its
    /// transfer makes no progress for that long: no byte of the request body taken by the
    /// connection and no response yet, or no byte of the response body received. It
    /// bounds waiting for a stalled server without limiting large transfers. GitLab may
    /// need a while after a large upload before it answers: raise it then.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Removes the read timeout.
    pub fn no_read_timeout(mut self) -> Self {
        self.read_timeout = None;
        self
    }

    /// Timeout for a whole request, from sending it until its body has been read
    /// (default: none, since downloads can be large). Applies to each attempt and each
    /// redirect hop separately.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How failed requests are retried (default [`RetryPolicy::default`]: 4 attempts;
    /// [`RetryPolicy::none`] turns retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Bounds on what a server can make the client do: the largest answer read whole,
    /// the most pages of a list, the slowest transfer, the longest wait for an answer
    /// (default [`Limits::default`]; see [`Limits`] for each default and why).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Ignores proxy settings from the environment (`HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY` and `NO_PROXY`, which are honoured by default) and connects directly,
    /// unless a proxy is set with [`proxy`](Self::proxy).
    pub fn no_proxy(mut self) -> Self {
        self.no_proxy = true;
        self
    }

    /// Builds the client. Fails on a missing or invalid base URL, an invalid credential,
    /// user agent, root certificate, identity or proxy URL.
    pub fn build(self) -> Result<C>
    where
        C: From<Client>,
    {
        // Built by the runtime's own code, compiled once here, not in each generated crate.
        self.retype::<Client>().build_client().map(C::from)
    }

    /// The same configuration, for another client type.
    pub(crate) fn retype<D>(self) -> ClientBuilder<D> {
        ClientBuilder {
            api: self.api,
            base_url: self.base_url,
            auth: self.auth,
            user_agent: self.user_agent,
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            timeout: self.timeout,
            retry: self.retry,
            limits: self.limits,
            no_proxy: self.no_proxy,
            root_certificates: self.root_certificates,
            identity: self.identity,
            proxy: self.proxy,
            http_client: self.http_client,
            deferred: self.deferred,
            scheme: self.scheme,
            servers: self.servers,
            client: PhantomData,
        }
    }
}

impl ClientBuilder<Client> {
    fn build_client(self) -> Result<Client> {
        if let Some((parameter, reason)) = self.deferred {
            return Err(Error::invalid(BUILD, parameter, reason));
        }
        let Some(base_url) = &self.base_url else {
            return Err(Error::invalid(
                BUILD,
                "base_url",
                "is not set, and the API's spec names no server root: set one with `ClientBuilder::base_url`",
            ));
        };
        let base_url = parse_base_url(base_url)?;
        let sent = self.auth.sent().map_err(|e| e.in_operation(BUILD))?;
        let servers = self
            .servers
            .iter()
            .map(servers::ServerConfig::build)
            .collect::<Result<Vec<_>>>()?;
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| Error::invalid(BUILD, "user_agent", "is not a valid header value"))?;
        let http = self.http(&user_agent)?;
        Ok(Client {
            shared: Arc::new(Shared {
                http,
                base_url,
                retry: self.retry,
                limits: self.limits,
                timeout: self.timeout,
                read_timeout: self.read_timeout,
                user_agent,
                servers,
            }),
            credentials: Arc::new(Credentials {
                auth: self.auth,
                sent: Ok(sent),
            }),
        })
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("user_agent", &self.user_agent)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("limits", &self.limits)
            .field("no_proxy", &self.no_proxy)
            .field("root_certificates", &self.root_certificates.len())
            .field("identity", &self.identity)
            .field(
                "proxy",
                &self.proxy.as_deref().map(transport::redact_userinfo),
            )
            .field(
                "http_client",
                &self.http_client.as_ref().map(|_| "reqwest::Client"),
            )
            .field("scheme", &self.scheme)
            .field("servers", &self.servers)
            .finish_non_exhaustive()
    }
}

/// Parses and checks a base URL; strips trailing `/` from its path.
fn parse_base_url(text: &str) -> Result<Url> {
    parse_root(text, "base_url")
}

/// Parses and checks a server root, named `parameter` in errors; strips trailing `/` from
/// its path.
fn parse_root(text: &str, parameter: &str) -> Result<Url> {
    let invalid = |reason: &str| Error::invalid(BUILD, parameter, reason);
    let mut url = Url::parse(text.trim()).map_err(|e| invalid(&format!("is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("must use http or https"));
    }
    if url.host().is_none() {
        return Err(invalid("must have a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "must not contain credentials (use ClientBuilder::auth)",
        ));
    }
    if url.query().is_some() {
        return Err(invalid("must not have a query string"));
    }
    if url.fragment().is_some() {
        return Err(invalid("must not have a fragment"));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    Ok(url)
}

mod env;
mod servers;
mod transport;

pub use servers::{AuthScheme, Server};

#[cfg(test)]
mod tests;
