//! Request paths from templates: the generated operations hand the runtime their path
//! template and the values of its variables, and the runtime assembles and encodes the
//! path in one place.
//!
//! The template syntax (the generator writes it; it is also what traces show):
//!
//! - literal text, already as it goes on the wire (the generator percent-encodes what a
//!   URL path cannot carry, so `{`, `}`, `[` and `]` never appear literally);
//! - `{name}`: a value sent as one segment, every byte outside `A-Z a-z 0-9 - . _ ~`
//!   percent-encoded (`group/project` goes as `group%2Fproject`);
//! - `{*name}`: a glob value that keeps its `/` (npm's `@scope/name`, Maven's
//!   `com/example/app`), each segment encoded as above;
//! - `[ … ]`: an optional group, sent only when every variable in it has a value.
//!
//! Every path built is checked against the template as GitLab's router (Grape on
//! Mustermann) reads it back (module `split`): a glob's `/` go as they are when the path splits
//! back into the values, and as `%2F` otherwise (a name holding the text that follows the
//! glob, a leading, trailing or doubled `/`, a `.` or `..` segment); the server decodes
//! `%2F` in globs too. Values that would change which endpoint is reached (an empty value,
//! `.` or `..`) and values no encoding lets the server read back are refused: the reason
//! names the variable.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

mod split;

use split::Part;

/// Bytes left as they are in a path segment: the unreserved set of RFC 3986.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a template could not be expanded: the variable, and the reason.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Refused {
    pub(crate) variable: &'static str,
    pub(crate) reason: String,
}

/// Expands `template` onto `out`, each variable's value given by `value`.
///
/// A glob's `/` are sent as they are when the path reads back exactly as the values
/// (checked by `split::mismatches`); otherwise, or when the value has an empty, `.` or
/// `..` segment, every glob sends its `/` as `%2F` (which the server decodes in globs
/// too). A value that no encoding lets the server read back is refused, naming it.
pub(crate) fn expand<'v>(
    template: &'static str,
    value: &dyn Fn(&str) -> Option<&'v str>,
    out: &mut String,
) -> Result<(), Refused> {
    let parsed = Parsed::of(template);
    let parts = &parsed.parts;
    if parsed.reads_back {
        let mut render = Render {
            value_of: value,
            slashes_encoded: false,
            missing: None,
        };
        return match (render.parts(parts, out)?, render.missing) {
            (false, Some(variable)) => Err(Refused {
                variable,
                reason: "is required but has no value".into(),
            }),
            _ => Ok(()),
        };
    }
    let mut slashes_encoded = false;
    loop {
        let mut path = String::new();
        let mut render = Render {
            value_of: value,
            slashes_encoded,
            missing: None,
        };
        let complete = render.parts(parts, &mut path)?;
        if let (false, Some(variable)) = (complete, render.missing) {
            return Err(Refused {
                variable,
                reason: "is required but has no value".into(),
            });
        }
        let wrong = split::mismatches(parts, &path, value);
        match wrong.as_deref() {
            Some([]) => {
                out.push_str(&path);
                return Ok(());
            }
            _ if !slashes_encoded => slashes_encoded = true,
            wrong => {
                let variable = wrong
                    .and_then(|w| w.first().copied())
                    .or_else(|| first_variable(parts))
                    .unwrap_or("path");
                return Err(Refused {
                    variable,
                    reason: "cannot be sent so that the server reads it back as given (the path would split differently)".into(),
                });
            }
        }
    }
}

/// A template parsed once per process: templates are the generated code's literals, one
/// per operation, so the cache stays as small as the API.
struct Parsed {
    parts: Vec<Part>,
    /// Whether every path made from it reads back as its values without checking: no
    /// glob, no optional group, and each variable ends its segment (followed by `/` or
    /// the end), so it matches exactly its encoded value, which holds no `/`.
    reads_back: bool,
}

impl Parsed {
    fn of(template: &'static str) -> &'static Parsed {
        type Cache = RwLock<HashMap<(usize, usize), &'static Parsed>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let key = (template.as_ptr() as usize, template.len());
        let cache = CACHE.get_or_init(Cache::default);
        if let Some(parsed) = cache
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return parsed;
        }
        let parts = split::parse(template);
        let reads_back = parts.iter().enumerate().all(|(i, part)| match part {
            Part::Literal(_) => true,
            Part::Var(_) => match parts.get(i + 1) {
                None => true,
                Some(Part::Literal(next)) => next.starts_with('/'),
                Some(_) => false,
            },
            Part::Glob(_) | Part::Group(_) => false,
        });
        let parsed = Box::leak(Box::new(Parsed { parts, reads_back }));
        cache
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert(parsed)
    }
}

/// The first variable of a template, for an error about the whole path.
fn first_variable(parts: &[Part]) -> Option<&'static str> {
    parts.iter().find_map(|p| match p {
        Part::Var(n) | Part::Glob(n) => Some(*n),
        Part::Group(inner) => first_variable(inner),
        Part::Literal(_) => None,
    })
}

/// Writes a parsed template with its values.
struct Render<'f, 'v> {
    value_of: &'f dyn Fn(&str) -> Option<&'v str>,
    /// Whether globs send their `/` as `%2F`.
    slashes_encoded: bool,
    /// The first variable outside any group that had no value.
    missing: Option<&'static str>,
}

impl Render<'_, '_> {
    /// Writes `parts` onto `out`. Returns whether every variable had a value; a group
    /// whose variables are not all set writes nothing.
    fn parts(&mut self, parts: &[Part], out: &mut String) -> Result<bool, Refused> {
        self.write(parts, out, false)
    }

    fn write(&mut self, parts: &[Part], out: &mut String, in_group: bool) -> Result<bool, Refused> {
        let mut complete = true;
        for part in parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Var(name) | Part::Glob(name) => {
                    let Some(value) = (self.value_of)(name) else {
                        complete = false;
                        if !in_group {
                            self.missing.get_or_insert(name);
                        }
                        continue;
                    };
                    match part {
                        Part::Glob(_) => self.glob(name, value, out)?,
                        _ => segment(name, value, out)?,
                    }
                }
                Part::Group(inner) => {
                    let mut group = String::new();
                    if self.write(inner, &mut group, true)? {
                        out.push_str(&group);
                    }
                }
            }
        }
        Ok(complete)
    }

    /// A glob: its `/` as they are, unless they are to be encoded or a segment between
    /// them is empty, `.` or `..` (which would change the path): then as `%2F`.
    fn glob(&self, name: &'static str, value: &str, out: &mut String) -> Result<(), Refused> {
        check_segment(value).map_err(|reason| Refused {
            variable: name,
            reason,
        })?;
        let unsafe_segments = value.split('/').any(|s| check_segment(s).is_err());
        if self.slashes_encoded || unsafe_segments {
            out.extend(utf8_percent_encode(value, SEGMENT));
            Ok(())
        } else {
            glob(name, value, out)
        }
    }
}

/// Appends `value` as one segment.
pub(crate) fn segment(name: &'static str, value: &str, out: &mut String) -> Result<(), Refused> {
    check_segment(value).map_err(|reason| Refused {
        variable: name,
        reason,
    })?;
    out.extend(utf8_percent_encode(value, SEGMENT));
    Ok(())
}

/// Appends `value` as segments separated by `/` (nothing when it is refused).
pub(crate) fn glob(name: &'static str, value: &str, out: &mut String) -> Result<(), Refused> {
    if let Err(reason) = value.split('/').try_for_each(check_segment) {
        let reason = if value.is_empty() {
            reason
        } else {
            format!("segment {reason} (leading, trailing or doubled `/`?)")
        };
        return Err(Refused {
            variable: name,
            reason,
        });
    }
    for (i, part) in value.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(part, SEGMENT));
    }
    Ok(())
}

/// Checks one path segment; returns the reason it is rejected.
fn check_segment(segment: &str) -> Result<(), String> {
    match segment {
        "" => Err("must not be empty".to_owned()),
        "." | ".." => Err(format!("must not be `{segment}`")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(template: &'static str, values: &[(&str, &str)]) -> Result<String, Refused> {
        let mut out = String::new();
        let value = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        expand(template, &value, &mut out).map(|()| out)
    }

    #[test]
    fn variables_are_encoded_as_one_segment_globs_keep_their_slashes() {
        let values = [("id", "group/sub/project"), ("name", "@scope/pkg")];
        assert_eq!(
            path("/projects/{id}/npm/{*name}/-/x", &values).unwrap(),
            "/projects/group%2Fsub%2Fproject/npm/%40scope/pkg/-/x"
        );
        assert_eq!(path("/v/{n}", &[("n", "42")]).unwrap(), "/v/42");
        assert_eq!(
            path("/a%20b/{n}", &[("n", "é ")]).unwrap(),
            "/a%20b/%C3%A9%20"
        );
        // The same variable twice: one value fills both.
        assert_eq!(path("/{n}/x/{n}", &[("n", "a")]).unwrap(), "/a/x/a");
    }

    #[test]
    fn optional_groups_are_sent_only_when_all_their_variables_are_set() {
        let template = "/g/{name}/{version}/[{*path}/]{file}";
        let base = [("name", "p"), ("version", "1.0"), ("file", "f")];
        let mut with_path = base.to_vec();
        with_path.push(("path", "linux/amd64"));
        assert_eq!(
            path(template, &with_path).unwrap(),
            "/g/p/1.0/linux/amd64/f"
        );
        assert_eq!(path(template, &base).unwrap(), "/g/p/1.0/f");
        // A group of two: both or nothing; nested groups.
        assert_eq!(path("/x[/{a}/{b}]/y", &[("a", "1")]).unwrap(), "/x/y");
        assert_eq!(path("/x[/{a}[/{b}]]", &[("a", "1")]).unwrap(), "/x/1");
        assert_eq!(
            path("/x[/{a}[/{b}]]", &[("a", "1"), ("b", "2")]).unwrap(),
            "/x/1/2"
        );
    }

    /// A glob whose `/` would split differently than the value (Grape reads a glob as
    /// little as it can), or whose segments would change the path (empty, `.`, `..`),
    /// sends its `/` as `%2F`, which Grape decodes in globs too.
    #[test]
    fn globs_send_slashes_encoded_when_raw_ones_would_not_read_back() {
        let npm = "/npm/{*package_name}/-/{*file_name}";
        let values = |name, file| [("package_name", name), ("file_name", file)];
        assert_eq!(
            path(npm, &values("@scope/pkg", "pkg-1.0.tgz")).unwrap(),
            "/npm/%40scope/pkg/-/pkg-1.0.tgz"
        );
        assert_eq!(
            path(npm, &values("a/-/b", "pkg-1.0.tgz")).unwrap(),
            "/npm/a%2F-%2Fb/-/pkg-1.0.tgz"
        );
        // The last glob takes the rest: its `/-/` reads back.
        assert_eq!(
            path(npm, &values("pkg", "x/-/y.tgz")).unwrap(),
            "/npm/pkg/-/x/-/y.tgz"
        );
        let glob = |value| path("/p/{*name}/x", &[("name", value)]).unwrap();
        assert_eq!(glob("a//b"), "/p/a%2F%2Fb/x");
        assert_eq!(glob("/a"), "/p/%2Fa/x");
        assert_eq!(glob("a/"), "/p/a%2F/x");
        assert_eq!(glob("a/../b"), "/p/a%2F..%2Fb/x");
        assert_eq!(glob("a/b"), "/p/a/b/x");
    }

    /// A value no encoding lets the server read back is refused, naming it: here the
    /// literal after a one-segment variable is text the value ends with, so the variable
    /// is read short whatever is encoded (`.` is unreserved and is sent as it is).
    #[test]
    fn values_that_cannot_read_back_are_refused() {
        let err = path(
            "/f/{name}.json/{*rest}.json",
            &[("name", "a"), ("rest", "b.json")],
        );
        assert_eq!(err.unwrap(), "/f/a.json/b.json.json");
        let err = path("/v/{*a}.{b}", &[("a", "x.y"), ("b", "z")]).unwrap_err();
        assert_eq!(err.variable, "a");
        assert!(
            err.reason
                .starts_with("cannot be sent so that the server reads it back"),
            "{err:?}"
        );
    }

    #[test]
    fn values_that_change_the_endpoint_are_refused_naming_the_variable() {
        let refused =
            |template, value| path(template, &[("id", value), ("name", value)]).unwrap_err();
        assert_eq!(
            refused("/p/{id}", ""),
            Refused {
                variable: "id",
                reason: "must not be empty".into()
            }
        );
        assert_eq!(refused("/p/{id}", "..").reason, "must not be `..`");
        assert_eq!(refused("/p/{*name}", "..").reason, "must not be `..`");
        assert_eq!(refused("/p/{*name}", "").reason, "must not be empty");
        // A required variable without a value.
        assert_eq!(
            path("/p/{id}/[{x}]", &[]).unwrap_err(),
            Refused {
                variable: "id",
                reason: "is required but has no value".into()
            }
        );
    }
}
