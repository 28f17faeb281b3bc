//! The servers of an API and how its requests authenticate, as its spec declares them.

/// How requests authenticate, from a `consumes` block's `authentication`, with the
/// environment variables holding the credential (from the spec's expressions, such as
/// `{{API_KEY}}`, and its `binds`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The variable holding the token.
        env: Option<String>,
    },
    /// A key in header `name`, after `prefix`.
    Header {
        /// The header.
        name: String,
        /// Text before the key (`Token `).
        prefix: String,
        /// The variable holding the key.
        env: Option<String>,
    },
    /// A key as query parameter `name`.
    Query {
        /// The query parameter.
        name: String,
        /// The variable holding the key.
        env: Option<String>,
    },
    /// HTTP Basic.
    Basic {
        /// The user name the spec writes, if it writes one.
        username: Option<String>,
        /// The variable holding the user name.
        username_env: Option<String>,
        /// The variable holding the password.
        password_env: Option<String>,
    },
}

impl AuthScheme {
    /// How the credential is sent, for docs: `` `Authorization: Bearer` ``.
    pub fn describe(&self) -> String {
        match self {
            AuthScheme::Bearer { .. } => "`Authorization: Bearer <token>`".into(),
            AuthScheme::Header { name, prefix, .. } => format!("header `{name}: {prefix}<key>`"),
            AuthScheme::Query { name, .. } => format!("query parameter `{name}=<key>`"),
            AuthScheme::Basic { .. } => "HTTP Basic".into(),
        }
    }

    /// The environment variables it reads, in order.
    pub fn env_vars(&self) -> Vec<&str> {
        match self {
            AuthScheme::Bearer { env }
            | AuthScheme::Header { env, .. }
            | AuthScheme::Query { env, .. } => env.iter().map(String::as_str).collect(),
            AuthScheme::Basic {
                username_env,
                password_env,
                ..
            } => username_env
                .iter()
                .chain(password_env)
                .map(String::as_str)
                .collect(),
        }
    }
}

/// A server of the API besides its default one: the `consumes` blocks whose root differs
/// from the first block's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Its name: the first such block's namespace.
    pub name: String,
    /// Its root, when the spec gives a usable one.
    pub base_url: Option<String>,
    /// The spec's root when it is not usable as written (a template).
    pub template: Option<String>,
    /// How its requests authenticate.
    pub auth: Option<AuthScheme>,
}
