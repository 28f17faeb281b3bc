//! Rule `auth_scheme`: a block's `authentication` as the client's [`AuthScheme`].
//!
//! - `bearer` (`token`) → `Authorization: Bearer`; `apikey` (`key`, `value`, `placement:
//!   header|query`, header by default) → the key in that header, after the text the value
//!   writes before its variable (`Token {{KEY}}`), or in that query parameter; `basic`
//!   (`username`, `password`) → HTTP Basic, a user name written in the spec kept as is.
//!   A missing `type` is read from the fields present (`token`, `key`, `username`).
//! - A credential is an expression naming a variable: `{{NAME}}`, `{{env.NAME}}`,
//!   `${NAME}` or `$env.NAME`. The environment variable is the one the spec's `binds`
//!   give for `NAME` (when it reads as one), else `NAME` itself.
//! - A secret written literally in the spec is never put in the client: a warning says to
//!   give it when building the client. `digest`, `oauth2` and other types are not
//!   supported: a warning, and no scheme (credentials can still be set by hand).

use crate::diagnostic::Diagnostic;
use crate::ir::AuthScheme;
use crate::spec::{Authentication, Bind};

/// A block's scheme, with the warnings found (made at `at`, the `authentication` node).
pub(super) fn auth_scheme(
    auth: &Authentication,
    binds: &[Bind],
    at: &dyn Fn(&str, String) -> Diagnostic,
    warnings: &mut Vec<Diagnostic>,
) -> Option<AuthScheme> {
    let mut reader = Reader {
        binds,
        at,
        warnings,
    };
    match kind(auth).as_deref() {
        Some("bearer") => {
            let env = reader
                .variable("/token", auth.token.as_deref())
                .map(|(_, v)| v);
            Some(AuthScheme::Bearer { env })
        }
        Some("apikey") => reader.api_key(auth),
        Some("basic") => Some(reader.basic(auth)),
        Some(other) => {
            reader.warn(
                "/type",
                format!("`{other}` authentication is not supported: the client sends no credential of its own"),
                "set credentials when building the client: `Client::builder().auth(…)`",
            );
            None
        }
        None => {
            reader.warn(
                "",
                "`authentication` without a `type`: the client sends no credential of its own"
                    .into(),
                "add `type: bearer`, `apikey` or `basic`",
            );
            None
        }
    }
}

/// The type, lowercase without `-` and `_` (`apiKey`, `api_key` → `apikey`), or read from
/// the fields present.
fn kind(auth: &Authentication) -> Option<String> {
    if let Some(kind) = &auth.kind {
        return Some(kind.trim().to_ascii_lowercase().replace(['-', '_'], ""));
    }
    let inferred = if auth.token.is_some() {
        "bearer"
    } else if auth.key.is_some() {
        "apikey"
    } else if auth.username.is_some() || auth.password.is_some() {
        "basic"
    } else {
        return None;
    };
    Some(inferred.to_owned())
}

/// Reads a block's credentials, with what is needed to warn.
struct Reader<'a> {
    binds: &'a [Bind],
    at: &'a dyn Fn(&str, String) -> Diagnostic,
    warnings: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn warn(&mut self, field: &str, message: String, hint: &str) {
        self.warnings
            .push((self.at)(field, message).hint(hint).warning());
    }

    /// The text before the variable and the environment variable of a credential `field`;
    /// `None` (with a warning for a secret written literally) when it names none.
    fn variable(&mut self, field: &str, text: Option<&str>) -> Option<(String, String)> {
        match written(text.unwrap_or_default()) {
            Written::Var { prefix, name } => Some((prefix, env_var(&name, self.binds))),
            Written::Literal(text) if text.is_empty() => None,
            Written::Literal(_) => {
                self.warn(
                    field,
                    format!("the credential's `{}` is written in the spec, not an expression naming a variable (`{{{{NAME}}}}`): the client never contains it", field.trim_start_matches('/')),
                    "give the credential when building the client: `Client::builder().token(…)` or `.auth(…)`",
                );
                None
            }
        }
    }

    fn api_key(&mut self, auth: &Authentication) -> Option<AuthScheme> {
        let Some(name) = auth.key.as_deref().map(str::trim).filter(|k| !k.is_empty()) else {
            self.warn(
                "",
                "`apikey` authentication without a `key` (the header or query parameter): the client sends no credential".into(),
                "add `key: X-Api-Key` (or the name the API uses)",
            );
            return None;
        };
        let name = name.to_owned();
        let value = self.variable("/value", auth.value.as_deref());
        let (prefix, env) = value.map_or((String::new(), None), |(p, v)| (p, Some(v)));
        let placement = auth
            .placement
            .as_deref()
            .or(auth.location.as_deref())
            .map(|p| p.trim().to_ascii_lowercase());
        match placement.as_deref() {
            Some("query") => {
                if !prefix.is_empty() {
                    self.warn(
                        "/value",
                        format!("text before the key in the query (`{prefix}`) is not sent"),
                        "write the value as the variable alone",
                    );
                }
                return Some(AuthScheme::Query { name, env });
            }
            None | Some("header") => {}
            Some(other) => self.warn(
                "/placement",
                format!("unknown `placement: {other}`: the key is sent in header `{name}`"),
                "use `header` or `query`",
            ),
        }
        Some(AuthScheme::Header { name, prefix, env })
    }

    fn basic(&mut self, auth: &Authentication) -> AuthScheme {
        let (username, username_env) = match written(auth.username.as_deref().unwrap_or_default()) {
            Written::Var { name, .. } => (None, Some(env_var(&name, self.binds))),
            Written::Literal(text) if text.is_empty() => (None, None),
            Written::Literal(text) => (Some(text), None),
        };
        let password_env = self
            .variable("/password", auth.password.as_deref())
            .map(|(_, v)| v);
        AuthScheme::Basic {
            username,
            username_env,
            password_env,
        }
    }
}

/// A credential as the spec writes it.
#[derive(Debug, PartialEq, Eq)]
enum Written {
    /// An expression naming the variable `name`, after the text `prefix`.
    Var { prefix: String, name: String },
    /// Text alone (or text after an expression, which cannot be sent as a prefix).
    Literal(String),
}

/// Reads `{{NAME}}`, `{{ns.NAME}}`, `${NAME}`, `$ns.NAME` in `text`.
fn written(text: &str) -> Written {
    let text = text.trim();
    let literal = || Written::Literal(text.to_owned());
    let (prefix, inner, rest) = if let Some(start) = text.find("{{") {
        let braces = if text[start..].starts_with("{{{") {
            3
        } else {
            2
        };
        let open = start + braces;
        let Some(len) = text[open..].find(&"}".repeat(braces)) else {
            return literal();
        };
        (
            &text[..start],
            &text[open..open + len],
            &text[open + len + braces..],
        )
    } else if let Some(start) = text.find("${") {
        let Some(len) = text[start..].find('}') else {
            return literal();
        };
        (
            &text[..start],
            &text[start + 2..start + len],
            &text[start + len + 1..],
        )
    } else if let Some(start) = text.find('$') {
        let after = &text[start + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(after.len());
        (&text[..start], &after[..len], &after[len..])
    } else {
        return literal();
    };
    let name = inner.trim().trim_matches(['{', '}']).trim();
    let name = name.rsplit('.').next().unwrap_or_default();
    if name.is_empty() || !rest.trim().is_empty() {
        return literal();
    }
    Written::Var {
        prefix: prefix.to_owned(),
        name: name.to_owned(),
    }
}

/// The environment variable for the spec variable `name`: what `binds` map it to, when
/// that reads as a variable name, else `name`.
fn env_var(name: &str, binds: &[Bind]) -> String {
    let is_env = |v: &str| {
        v.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    binds
        .iter()
        .find_map(|b| b.keys.get(name).filter(|v| is_env(v)).cloned())
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(prefix: &str, name: &str) -> Written {
        Written::Var {
            prefix: prefix.into(),
            name: name.into(),
        }
    }

    #[test]
    fn expressions_name_a_variable() {
        assert_eq!(written("{{API_KEY}}"), var("", "API_KEY"));
        assert_eq!(
            written(" {{ env.SALESFORCE_KEY }} "),
            var("", "SALESFORCE_KEY")
        );
        assert_eq!(written("Token {{KEY}}"), var("Token ", "KEY"));
        assert_eq!(written("${TOKEN}"), var("", "TOKEN"));
        assert_eq!(written("$env.GITHUB_TOKEN"), var("", "GITHUB_TOKEN"));
        assert_eq!(written("{{{RAW}}}"), var("", "RAW"));
        assert_eq!(written("abc123"), Written::Literal("abc123".into()));
        assert_eq!(
            written("{{KEY}}-suffix"),
            Written::Literal("{{KEY}}-suffix".into())
        );
        assert_eq!(written("{{KEY"), Written::Literal("{{KEY".into()));
    }

    #[test]
    fn binds_give_the_environment_variable() {
        let bind = |pairs: &[(&str, &str)]| Bind {
            namespace: Some("env".into()),
            keys: pairs
                .iter()
                .map(|(a, b)| ((*a).into(), (*b).into()))
                .collect(),
        };
        let binds = [bind(&[
            ("TOKEN", "MY_TOKEN"),
            ("SECRET", "registry-secret"),
        ])];
        assert_eq!(env_var("TOKEN", &binds), "MY_TOKEN");
        assert_eq!(env_var("SECRET", &binds), "SECRET", "not a variable name");
        assert_eq!(env_var("OTHER", &binds), "OTHER");
    }

    fn scheme(yaml: &str) -> (Option<AuthScheme>, Vec<Diagnostic>) {
        let auth: Authentication = serde_yaml::from_str(yaml).unwrap();
        let mut warnings = Vec::new();
        let at = |field: &str, message: String| Diagnostic::new(format!("{field}: {message}"));
        (auth_scheme(&auth, &[], &at, &mut warnings), warnings)
    }

    #[test]
    fn each_type_makes_its_scheme() {
        let env = |s: &str| Some(s.to_owned());
        assert_eq!(
            scheme("{type: bearer, token: '{{T}}'}"),
            (Some(AuthScheme::Bearer { env: env("T") }), vec![])
        );
        assert_eq!(
            scheme("{type: apikey, key: X-Api-Key, value: '{{K}}', placement: header}").0,
            Some(AuthScheme::Header {
                name: "X-Api-Key".into(),
                prefix: String::new(),
                env: env("K")
            })
        );
        assert_eq!(
            scheme("{type: apiKey, key: Authorization, value: 'Token {{K}}'}").0,
            Some(AuthScheme::Header {
                name: "Authorization".into(),
                prefix: "Token ".into(),
                env: env("K")
            })
        );
        assert_eq!(
            scheme("{type: apikey, key: appid, value: '$env.K', in: query}").0,
            Some(AuthScheme::Query {
                name: "appid".into(),
                env: env("K")
            })
        );
        assert_eq!(
            scheme("{type: basic, username: api, password: '{{P}}'}").0,
            Some(AuthScheme::Basic {
                username: Some("api".into()),
                username_env: None,
                password_env: env("P")
            })
        );
        assert_eq!(
            scheme("{username: '{{U}}', password: ''}").0,
            Some(AuthScheme::Basic {
                username: None,
                username_env: env("U"),
                password_env: None
            })
        );
    }

    #[test]
    fn literal_secrets_and_unsupported_types_are_warnings() {
        let (s, w) = scheme("{type: bearer, token: hardcoded}");
        assert_eq!(s, Some(AuthScheme::Bearer { env: None }));
        assert!(w[0].message.contains("never contains it"), "{w:?}");
        assert!(!w[0].message.contains("hardcoded"));
        let (s, w) = scheme("{type: oauth2}");
        assert_eq!(s, None);
        assert!(
            w[0].message
                .contains("`oauth2` authentication is not supported")
        );
        let (s, w) = scheme("{type: apikey, value: '{{K}}'}");
        assert_eq!(s, None);
        assert!(w[0].message.contains("without a `key`"));
        assert_eq!(scheme("{}").0, None);
    }
}
