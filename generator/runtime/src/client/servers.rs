//! What an API's spec says beyond one server root and a GitLab token: how its requests
//! authenticate ([`AuthScheme`], the spec's `authentication`) and the servers it has besides
//! the default one ([`Server`], one per `consumes` block with another root).

use std::fmt;

use url::Url;

use super::{BUILD, Client, ClientBuilder, Credentials, parse_root};
use crate::auth::Auth;
use crate::error::{Error, Result};

/// How an API's spec says its requests authenticate (its `authentication` block), and the
/// environment variables that hold the credential ([`ClientBuilder::env`] reads them).
///
/// ```
/// use gitlab_api_runtime::{Auth, AuthScheme};
///
/// let scheme = AuthScheme::Header { name: "X-Api-Key", prefix: "", env: Some("WEATHER_KEY") };
/// assert_eq!(scheme.auth("k"), Some(Auth::header_key("X-Api-Key", "k")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The variable holding the token.
        env: Option<&'static str>,
    },
    /// A key in header `name`, after `prefix` (`X-Api-Key: <key>`, `Authorization: Token
    /// <key>`).
    Header {
        /// The header.
        name: &'static str,
        /// Text before the key in the header's value.
        prefix: &'static str,
        /// The variable holding the key.
        env: Option<&'static str>,
    },
    /// A key as query parameter `name` ([`Auth::QueryKey`]).
    Query {
        /// The query parameter.
        name: &'static str,
        /// The variable holding the key.
        env: Option<&'static str>,
    },
    /// HTTP Basic.
    Basic {
        /// The user name, when the spec writes it.
        username: Option<&'static str>,
        /// The variable holding the user name (it wins over `username`).
        username_env: Option<&'static str>,
        /// The variable holding the password.
        password_env: Option<&'static str>,
    },
}

impl AuthScheme {
    /// The credentials that send `secret` as this scheme says; `None` for HTTP Basic
    /// without a user name in the spec (give [`Auth::basic`] then).
    pub fn auth(&self, secret: impl Into<String>) -> Option<Auth> {
        Some(match *self {
            AuthScheme::Bearer { .. } => Auth::bearer(secret),
            AuthScheme::Header { name, prefix, .. } => {
                Auth::header_key(name, format!("{prefix}{}", secret.into()))
            }
            AuthScheme::Query { name, .. } => Auth::query_key(name, secret),
            AuthScheme::Basic { username, .. } => Auth::basic(username?, secret),
        })
    }

    /// The credentials from the scheme's variables (`read` gives a variable's value when
    /// it is set and not empty); `None` when none is set.
    pub(super) fn read_env(
        &self,
        read: &mut impl FnMut(&'static str) -> Option<String>,
    ) -> Option<Auth> {
        match *self {
            AuthScheme::Bearer { env }
            | AuthScheme::Header { env, .. }
            | AuthScheme::Query { env, .. } => env.and_then(read).and_then(|v| self.auth(v)),
            AuthScheme::Basic {
                username,
                username_env,
                password_env,
            } => {
                let user = username_env.and_then(&mut *read);
                let password = password_env.and_then(&mut *read);
                if user.is_none() && password.is_none() {
                    return None;
                }
                let user = user.or(username.map(str::to_owned)).unwrap_or_default();
                Some(Auth::basic(user, password.unwrap_or_default()))
            }
        }
    }
}

/// A server of an API besides its default one: a `consumes` block of its spec whose root
/// differs from the first block's. Operations of that block send their requests to its root
/// ([`RequestBuilder::server`](crate::RequestBuilder::server)), with its own credentials,
/// never the default server's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Server {
    /// Its name (the block's namespace).
    pub name: &'static str,
    /// Its root, when the spec gives a usable one.
    pub base_url: Option<&'static str>,
    /// The spec's root when it is a template (`https://{region}.example.com`), for the
    /// error of a request sent before a root is set.
    pub template: Option<&'static str>,
    /// How its requests authenticate, if the spec says.
    pub auth: Option<AuthScheme>,
}

/// A [`Server`] as a builder configures it.
#[derive(Clone)]
pub(super) struct ServerConfig {
    pub(super) spec: Server,
    url: Option<String>,
    pub(super) auth: Option<Auth>,
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("name", &self.spec.name)
            .field("base_url", &self.url.as_deref().or(self.spec.base_url))
            .field("auth", &self.auth)
            .finish()
    }
}

impl ServerConfig {
    /// The server's root and credentials, checked.
    pub(super) fn build(&self) -> Result<ServerRoot> {
        let parameter = format!("base_url of server `{}`", self.spec.name);
        let url = self
            .url
            .as_deref()
            .or(self.spec.base_url)
            .map(|url| parse_root(url, &parameter))
            .transpose()?;
        let auth = self.auth.clone().unwrap_or_default();
        auth.sent().map_err(|e| e.in_operation(BUILD))?;
        Ok(ServerRoot {
            spec: self.spec,
            url,
            credentials: Credentials::new(auth),
        })
    }
}

/// A [`Server`] of a built client.
pub(super) struct ServerRoot {
    spec: Server,
    url: Option<Url>,
    pub(super) credentials: Credentials,
}

impl fmt::Debug for ServerRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("name", &self.spec.name)
            .field("base_url", &self.url.as_ref().map(Url::as_str))
            .field("auth", &self.credentials.auth)
            .finish()
    }
}

impl<C> ClientBuilder<C> {
    /// How the API's spec says requests authenticate: [`env`](Self::env) then reads the
    /// scheme's variables, and [`token`](Self::token) sends a key the scheme's way.
    /// Generated clients set it from their spec.
    pub fn auth_scheme(mut self, scheme: AuthScheme) -> Self {
        self.scheme = Some(scheme);
        self
    }

    /// Credentials from a token or key, sent as the API's [`AuthScheme`] says (`Bearer`, a
    /// header, a query parameter), or as `PRIVATE-TOKEN` for an API without one. An API
    /// whose scheme is HTTP Basic without a user name needs [`auth`](Self::auth) with
    /// [`Auth::basic`]: `build` fails otherwise.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        match self.scheme {
            None => self.auth = Auth::private_token(token),
            Some(scheme) => match scheme.auth(token) {
                Some(auth) => self.auth = auth,
                None => self.defer(
                    "token",
                    "cannot be sent alone: the API authenticates with HTTP Basic; use `auth(Auth::basic(user, password))`",
                ),
            },
        }
        self
    }

    /// The API's servers besides the default one. Generated clients set them from their
    /// spec; [`server_url`](Self::server_url) and [`server_auth`](Self::server_auth)
    /// configure them by name.
    pub fn servers(mut self, servers: &'static [Server]) -> Self {
        self.servers = servers
            .iter()
            .map(|&spec| ServerConfig {
                spec,
                url: None,
                auth: None,
            })
            .collect();
        self
    }

    /// The root of server `name` (see [`servers`](Self::servers)), replacing the spec's.
    pub fn server_url(mut self, name: &str, url: impl AsRef<str>) -> Self {
        let url = url.as_ref().to_owned();
        if let Some(server) = self.server_mut(name) {
            server.url = Some(url);
        }
        self
    }

    /// The credentials of server `name`'s requests (none unless set here or by
    /// [`env`](Self::env)).
    pub fn server_auth(mut self, name: &str, auth: Auth) -> Self {
        if let Some(server) = self.server_mut(name) {
            server.auth = Some(auth);
        }
        self
    }

    /// A token or key for server `name`, sent as its [`AuthScheme`] says (see
    /// [`token`](Self::token)).
    pub fn server_token(mut self, name: &str, token: impl Into<String>) -> Self {
        let Some(server) = self.server_mut(name) else {
            return self;
        };
        match server.spec.auth.and_then(|scheme| scheme.auth(token)) {
            Some(auth) => server.auth = Some(auth),
            None => self.defer(
                "token",
                "cannot be sent alone to this server: its spec declares no scheme for a token; use `server_auth`",
            ),
        }
        self
    }

    /// The server named `name`, or a deferred error naming the servers there are.
    fn server_mut(&mut self, name: &str) -> Option<&mut ServerConfig> {
        if let Some(i) = self.servers.iter().position(|s| s.spec.name == name) {
            return self.servers.get_mut(i);
        }
        let known: Vec<String> = self
            .servers
            .iter()
            .map(|s| format!("`{}`", s.spec.name))
            .collect();
        let reason = if known.is_empty() {
            "names no server: this API has only its default one (`base_url`)".to_owned()
        } else {
            format!("names no server of this API (it has {})", known.join(", "))
        };
        self.defer(&format!("server `{name}`"), &reason);
        None
    }

    /// Records the first problem, reported by `build`.
    fn defer(&mut self, parameter: &str, reason: &str) {
        self.deferred
            .get_or_insert((parameter.to_owned(), reason.to_owned()));
    }
}

impl Client {
    /// The root of the API's server `name` (see [`Server`]), when it has one.
    pub fn server_url(&self, name: &str) -> Option<&Url> {
        self.shared
            .servers
            .iter()
            .find(|s| s.spec.name == name)
            .and_then(|s| s.url.as_ref())
    }

    /// The server `name`, or the error of a request of `operation` to it.
    pub(super) fn server(&self, name: &str, operation: &'static str) -> Result<&ServerRoot> {
        self.shared
            .servers
            .iter()
            .find(|s| s.spec.name == name)
            .ok_or_else(|| {
                Error::invalid(
                    operation,
                    "server",
                    format!("`{name}` is not a server of this client"),
                )
            })
    }

    /// The root requests of `operation` to `server` (the default one for `None`) go to.
    pub(crate) fn root(&self, server: Option<&str>, operation: &'static str) -> Result<&Url> {
        let Some(name) = server else {
            return Ok(self.base_url());
        };
        let server = self.server(name, operation)?;
        server.url.as_ref().ok_or_else(|| {
            let spec = server
                .spec
                .template
                .map(|t| format!(" (the spec's is `{t}`)"))
                .unwrap_or_default();
            Error::invalid(
                operation,
                "base_url",
                format!(
                    "of server `{name}` is not set{spec}: set it with `ClientBuilder::server_url(\"{name}\", …)`"
                ),
            )
        })
    }
}
