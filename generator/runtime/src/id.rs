//! Project and group identifiers.

use std::fmt;

/// A project or group: its numeric id or its full path.
///
/// GitLab looks a numeric value up by id and anything else by full path. The full path
/// is written raw (`group/sub/project`, no leading or trailing `/`); the request encodes
/// it as one path segment (`group%2Fsub%2Fproject`).
///
/// ```
/// use gitlab_api_runtime::IdOrPath;
///
/// assert_eq!(IdOrPath::from(42u64).to_string(), "42");
/// let project = IdOrPath::from("group/sub/project");
/// assert_eq!(project.to_string(), "group/sub/project");
/// assert_eq!(project, IdOrPath::Path("group/sub/project".to_owned()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IdOrPath {
    /// Numeric id.
    Id(u64),
    /// Full path such as `group/sub/project`, unencoded.
    Path(String),
}

impl fmt::Display for IdOrPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdOrPath::Id(id) => write!(f, "{id}"),
            IdOrPath::Path(path) => f.write_str(path),
        }
    }
}

impl From<u64> for IdOrPath {
    fn from(id: u64) -> Self {
        IdOrPath::Id(id)
    }
}

impl From<u32> for IdOrPath {
    fn from(id: u32) -> Self {
        IdOrPath::Id(u64::from(id))
    }
}

/// A negative number is kept as the text of the number (GitLab will not find it).
impl From<i32> for IdOrPath {
    fn from(id: i32) -> Self {
        i64::from(id).into()
    }
}

/// A negative number is kept as the text of the number (GitLab will not find it).
impl From<i64> for IdOrPath {
    fn from(id: i64) -> Self {
        match u64::try_from(id) {
            Ok(id) => IdOrPath::Id(id),
            Err(_) => IdOrPath::Path(id.to_string()),
        }
    }
}

impl From<&str> for IdOrPath {
    fn from(path: &str) -> Self {
        IdOrPath::Path(path.to_owned())
    }
}

impl From<String> for IdOrPath {
    fn from(path: String) -> Self {
        IdOrPath::Path(path)
    }
}

impl From<&String> for IdOrPath {
    fn from(path: &String) -> Self {
        IdOrPath::Path(path.clone())
    }
}

impl From<&IdOrPath> for IdOrPath {
    fn from(value: &IdOrPath) -> Self {
        value.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(IdOrPath::from(7u32), IdOrPath::Id(7));
        assert_eq!(IdOrPath::from(7i32), IdOrPath::Id(7));
        assert_eq!(IdOrPath::from(-3i32).to_string(), "-3");
        assert_eq!(IdOrPath::from(u64::MAX).to_string(), "18446744073709551615");
        assert_eq!(
            IdOrPath::from(String::from("a/b")),
            IdOrPath::Path("a/b".into())
        );
        assert_eq!(IdOrPath::from(&String::from("a/b")).to_string(), "a/b");
    }
}
