//! Rule `operation_path`: the path an operation is sent to, from its block's `baseUri`, its
//! resource's `path` and its own `path:`.
//!
//! - A resource path is relative to the server root: one written without a leading `/`
//!   (`items`) is `/items`. A full URL under the block's root is the path after the root.
//! - An operation without a `path:` is sent to its resource's path.
//! - An operation path without a leading `/` (`describe`, `{id}`) is relative: it is
//!   appended to the resource's path (`/sobjects` + `describe` = `/sobjects/describe`).
//! - `/` alone is the resource itself, with its trailing slash (`/sobjects/`).
//! - An operation path that starts with the resource's path (segment by segment, a
//!   variable matching a variable of another name) replaces it: it is the full path.
//! - So does one that shares the resource path's first segment (`/api/v2/orders` beside
//!   `/api/v2/users`) or starts like an API root (`/api`, `/rest`, `/v1`, `/2.0`): a
//!   full path from the server root.
//! - Any other one (`/describe` under `/sobjects`) is a guess: it is appended, as a
//!   relative path, with a warning saying so and how to write it unambiguously.
//! - An operation or resource path that is a full URL naming another server than its
//!   block's root is an error: one block has one server.

/// An operation's path, and the warning when the rule had to guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Joined {
    /// The path, from the server root (before the template is parsed).
    pub(super) path: String,
    /// What was guessed, and how to say it: (message, hint).
    pub(super) guess: Option<(String, String)>,
}

/// Why no path can be made: a message and a hint.
pub(super) type PathError = (String, String);

/// The path an operation is sent to (see the module docs).
pub(super) fn operation_path(
    base_uri: Option<&str>,
    resource: Option<&str>,
    operation: Option<&str>,
) -> Result<Joined, PathError> {
    let resource = resource.map(|r| from_root(base_uri, r)).transpose()?;
    let exact = |path: String| Joined { path, guess: None };
    let Some(op) = operation else {
        return resource.map(exact).ok_or_else(|| {
            (
                "operation has no path (neither the resource nor the operation sets `path`)".into(),
                "give the resource a `path`".into(),
            )
        });
    };
    let op = op.trim();
    if is_url(op) {
        return from_root(base_uri, op).map(exact);
    }
    let resource = resource.unwrap_or_default();
    let under = resource.trim_end_matches('/');
    if !op.starts_with('/') {
        return Ok(exact(append(under, op)));
    }
    if under.is_empty() {
        return Ok(exact(op.to_owned()));
    }
    if op == "/" {
        // The resource itself, with its trailing slash.
        return Ok(exact(format!("{under}/")));
    }
    if starts_with_resource(op, under) || full_path(op, under) {
        return Ok(exact(op.to_owned()));
    }
    let path = append(under, op);
    Ok(Joined {
        guess: Some((
            format!(
                "operation path `{op}` does not start with its resource's path `{resource}`: it is taken as relative to it, `{path}`"
            ),
            format!(
                "write `{}` (relative) or `{path}` (the full path) to say which is meant",
                op.trim_start_matches('/')
            ),
        )),
        path,
    })
}

/// `path` relative to the server root: with a leading `/`; a full URL under `base_uri`
/// becomes the part after it.
fn from_root(base_uri: Option<&str>, path: &str) -> Result<String, PathError> {
    let path = path.trim();
    if !is_url(path) {
        return Ok(if path.starts_with('/') || path.is_empty() {
            path.to_owned()
        } else {
            format!("/{path}")
        });
    }
    let base = base_uri.map(str::trim).unwrap_or_default();
    let root = base.trim_end_matches('/');
    let templated = root.contains(['{', '}']);
    if !root.is_empty() && !templated {
        if let Some(rest) = path.strip_prefix(root) {
            if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
                return Ok(if rest.starts_with('/') {
                    rest.to_owned()
                } else {
                    format!("/{rest}")
                });
            }
        }
    }
    let root_is = if root.is_empty() {
        "no `baseUri`".to_owned()
    } else {
        format!("`baseUri` `{base}`")
    };
    Err((
        format!(
            "path `{path}` names a server, and its block has {root_is}: one block has one server"
        ),
        "declare the operation in a `consumes` block whose `baseUri` is that server, with a path from its root".into(),
    ))
}

fn is_url(text: &str) -> bool {
    text.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// `relative` appended to `under` with one `/` between them.
fn append(under: &str, relative: &str) -> String {
    let relative = relative.trim_start_matches('/');
    if relative.is_empty() {
        return if under.is_empty() {
            "/".into()
        } else {
            under.to_owned()
        };
    }
    if relative.starts_with('?') || relative.starts_with('#') {
        return format!("{under}{relative}");
    }
    format!("{under}/{relative}")
}

/// The segments of a path before its query or fragment, variables made alike.
fn segments(path: &str) -> Vec<String> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let variable = (s.starts_with('{') && s.ends_with('}')) || s.starts_with('*');
            if variable { "{}".into() } else { s.to_owned() }
        })
        .collect()
}

/// Whether `op` starts with the resource path `under`, segment by segment.
fn starts_with_resource(op: &str, under: &str) -> bool {
    let (op, under) = (segments(op), segments(under));
    !under.is_empty() && op.len() >= under.len() && op[..under.len()] == under[..]
}

/// Whether `op` is a full path from the server root: it shares the resource path's first
/// segment, or starts like an API root (`api`, `rest`, a version).
fn full_path(op: &str, under: &str) -> bool {
    let op = segments(op);
    let Some(first) = op.first() else {
        return false;
    };
    if segments(under).first() == Some(first) && first != "{}" {
        return true;
    }
    let lower = first.to_ascii_lowercase();
    let version = |s: &str| {
        let digits = s.strip_prefix('v').unwrap_or(s);
        digits.starts_with(|c: char| c.is_ascii_digit())
            && digits
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    matches!(lower.as_str(), "api" | "apis" | "rest") || version(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(resource: &str, op: &str) -> (String, bool) {
        let joined =
            operation_path(Some("https://api.example.com/v1"), Some(resource), Some(op)).unwrap();
        (joined.path, joined.guess.is_some())
    }

    #[test]
    fn relative_operation_paths_are_appended() {
        assert_eq!(
            path("/sobjects", "describe"),
            ("/sobjects/describe".into(), false)
        );
        assert_eq!(
            path("/sobjects/", "{id}/x"),
            ("/sobjects/{id}/x".into(), false)
        );
        assert_eq!(
            path("/sobjects", "?all=true"),
            ("/sobjects?all=true".into(), false)
        );
        assert_eq!(path("/sobjects", ""), ("/sobjects".into(), false));
    }

    #[test]
    fn a_slash_alone_is_the_resource_with_its_trailing_slash() {
        assert_eq!(path("/sobjects", "/"), ("/sobjects/".into(), false));
        assert_eq!(path("/", "/"), ("/".into(), false));
        assert_eq!(path("", "/items"), ("/items".into(), false));
    }

    #[test]
    fn paths_starting_with_the_resource_or_from_the_root_replace_it() {
        assert_eq!(
            path("/items/{id}", "/items/{item_id}/history"),
            ("/items/{item_id}/history".into(), false)
        );
        assert_eq!(path("/items", "/items"), ("/items".into(), false));
        assert_eq!(
            path("/api/v2/users", "/api/v2/orders"),
            ("/api/v2/orders".into(), false)
        );
        assert_eq!(path("/users", "/v2/orders"), ("/v2/orders".into(), false));
        assert_eq!(path("/users", "/2.0/orders"), ("/2.0/orders".into(), false));
        assert_eq!(
            path("/users", "/rest/orders"),
            ("/rest/orders".into(), false)
        );
    }

    #[test]
    fn other_absolute_paths_are_appended_with_a_warning() {
        assert_eq!(
            path("/sobjects", "/describe"),
            ("/sobjects/describe".into(), true)
        );
        assert_eq!(path("/users", "/{id}"), ("/users/{id}".into(), true));
        // `/users-archive` does not start with the segment `users`.
        assert_eq!(
            path("/users", "/users-archive"),
            ("/users/users-archive".into(), true)
        );
        let guess = operation_path(None, Some("/sobjects"), Some("/describe"))
            .unwrap()
            .guess
            .unwrap();
        assert!(guess.0.contains("taken as relative"), "{guess:?}");
        assert!(
            guess
                .1
                .contains("`describe` (relative) or `/sobjects/describe`"),
            "{guess:?}"
        );
    }

    #[test]
    fn resource_paths_are_relative_to_the_root() {
        assert_eq!(
            operation_path(None, Some("items"), None).unwrap().path,
            "/items"
        );
        assert_eq!(
            operation_path(
                Some("https://a.example/v1/"),
                Some("https://a.example/v1/items"),
                None
            )
            .unwrap()
            .path,
            "/items"
        );
        assert!(operation_path(None, None, None).is_err());
    }

    #[test]
    fn full_urls_must_name_the_blocks_server() {
        let base = Some("https://api.example.com/v1");
        assert_eq!(
            operation_path(
                base,
                Some("/items"),
                Some("https://api.example.com/v1/files/{id}")
            )
            .unwrap()
            .path,
            "/files/{id}"
        );
        for (base, op) in [
            (base, "https://uploads.example.com/v1/files"),
            (base, "https://api.example.com/v10/files"),
            (
                Some("https://{region}.example.com"),
                "https://eu.example.com/x",
            ),
            (None, "https://eu.example.com/x"),
        ] {
            let (message, _) = operation_path(base, Some("/items"), Some(op)).unwrap_err();
            assert!(message.contains("one block has one server"), "{message}");
        }
    }
}
