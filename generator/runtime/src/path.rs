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
//! Values that would change which endpoint is reached (an empty value, `.` or `..`, or in
//! a glob an empty, `.` or `..` segment) are refused: the reason names the variable.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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
pub(crate) fn expand<'v>(
    template: &'static str,
    value: &dyn Fn(&str) -> Option<&'v str>,
    out: &mut String,
) -> Result<(), Refused> {
    let mut expander = Expander {
        template,
        at: 0,
        missing: None,
    };
    let complete = expander.parts(value, out, false)?;
    match expander.missing {
        Some(variable) if !complete => Err(Refused {
            variable,
            reason: "is required but has no value".into(),
        }),
        _ => Ok(()),
    }
}

struct Expander {
    template: &'static str,
    at: usize,
    /// The first variable outside any group that had no value.
    missing: Option<&'static str>,
}

impl Expander {
    /// Expands parts up to the end (or, `in_group`, the closing `]`) onto `out`. Returns
    /// whether every variable had a value; a group whose variables are not all set leaves
    /// nothing.
    fn parts<'v>(
        &mut self,
        value_of: &dyn Fn(&str) -> Option<&'v str>,
        out: &mut String,
        in_group: bool,
    ) -> Result<bool, Refused> {
        let mut complete = true;
        while let Some(c) = self.template[self.at..].chars().next() {
            match c {
                '{' => {
                    let close = self.template[self.at..]
                        .find('}')
                        .map_or(self.template.len(), |i| self.at + i);
                    let name: &'static str = &self.template[self.at + 1..close];
                    self.at = (close + 1).min(self.template.len());
                    let (name, is_glob) = match name.strip_prefix('*') {
                        Some(name) => (name, true),
                        None => (name, false),
                    };
                    let Some(value) = value_of(name) else {
                        complete = false;
                        if !in_group {
                            self.missing.get_or_insert(name);
                        }
                        continue;
                    };
                    if is_glob {
                        glob(name, value, out)?;
                    } else {
                        segment(name, value, out)?;
                    }
                }
                '[' => {
                    self.at += 1;
                    let mut group = String::new();
                    if self.parts(value_of, &mut group, true)? {
                        out.push_str(&group);
                    }
                }
                ']' if in_group => {
                    self.at += 1;
                    return Ok(complete);
                }
                _ => {
                    let end = self.template[self.at..]
                        .find(['{', '[', ']'])
                        .map_or(self.template.len(), |i| self.at + i);
                    out.push_str(&self.template[self.at..end.max(self.at + 1)]);
                    self.at = end.max(self.at + 1);
                }
            }
        }
        Ok(complete)
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
        assert_eq!(refused("/p/{*name}", "a//b").variable, "name");
        assert!(
            refused("/p/{*name}", "/a")
                .reason
                .contains("leading, trailing or doubled")
        );
        assert_eq!(
            refused("/p/{*name}", "a/./b").reason,
            "segment must not be `.` (leading, trailing or doubled `/`?)"
        );
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
