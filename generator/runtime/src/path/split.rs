//! Whether a path splits back into the values it was made of, as the server's router
//! (Grape on Mustermann, under GitLab's API) reads it: a named variable matches one
//! segment (`[^/]+`, as much as it can), a glob (`*name`) as little as it can (`.*?`), an
//! optional group is tried first with its contents; the matched text is then
//! percent-decoded (`%2F` included, in globs too).
//!
//! A literal character of the template matches itself raw or percent-encoded (`.` and
//! `%2E` alike), but for `/`, which only a raw `/` matches: so a glob whose value contains
//! the text that follows it in the template (npm's `*package_name/-/*file_name` with a
//! name holding `/-/`) is cut there when its `/` are sent as they are, and read whole when
//! they are sent as `%2F`; a value holding the literal's other characters cannot be
//! carried at all. [`expand`](super::expand) checks every path it builds with
//! [`splits_back`] and sends such a glob's `/` as `%2F` instead.

use percent_encoding::percent_decode_str;

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// Text as it goes on the wire.
    Literal(&'static str),
    /// `{name}`: one segment.
    Var(&'static str),
    /// `{*name}`: any text, as little as possible.
    Glob(&'static str),
    /// `[…]`: optional.
    Group(Vec<Part>),
}

/// Parses a runtime template (see [`path`](super)).
pub(super) fn parse(template: &'static str) -> Vec<Part> {
    let mut at = 0;
    parse_parts(template, &mut at, false)
}

fn parse_parts(template: &'static str, at: &mut usize, in_group: bool) -> Vec<Part> {
    let mut parts = Vec::new();
    while let Some(c) = template[*at..].chars().next() {
        match c {
            '{' => {
                let close = template[*at..]
                    .find('}')
                    .map_or(template.len(), |i| *at + i);
                let name = &template[*at + 1..close];
                *at = (close + 1).min(template.len());
                parts.push(match name.strip_prefix('*') {
                    Some(name) => Part::Glob(name),
                    None => Part::Var(name),
                });
            }
            '[' => {
                *at += 1;
                parts.push(Part::Group(parse_parts(template, at, true)));
            }
            ']' if in_group => {
                *at += 1;
                return parts;
            }
            _ => {
                let end = template[*at..]
                    .find(['{', '[', ']'])
                    .map_or(template.len(), |i| *at + i)
                    .max(*at + 1);
                parts.push(Part::Literal(&template[*at..end]));
                *at = end;
            }
        }
    }
    parts
}

/// At most this many matching steps are tried; a path that needs more is taken as not
/// splitting back (its globs then send `/` as `%2F`, which needs few).
const STEPS: usize = 100_000;

/// The variables (by name, with the value the server would read) that do not split back
/// to `value_of`, in template order; empty when the path reads back exactly. `None` when
/// the path does not match the template at all.
pub(super) fn mismatches<'v>(
    parts: &[Part],
    path: &str,
    value_of: &dyn Fn(&str) -> Option<&'v str>,
) -> Option<Vec<&'static str>> {
    let mut matcher = Matcher {
        path,
        steps: 0,
        captures: Vec::new(),
    };
    let sequence: Vec<&Part> = parts.iter().collect();
    if !matcher.sequence(&sequence, 0, 0) {
        return None;
    }
    let mut wrong = Vec::new();
    for (name, text) in matcher.captures {
        let read = percent_decode_str(text).decode_utf8_lossy();
        if value_of(name) != Some(read.as_ref()) && !wrong.contains(&name) {
            wrong.push(name);
        }
    }
    Some(wrong)
}

struct Matcher<'p> {
    path: &'p str,
    steps: usize,
    /// What each variable matched, in order (for the match being tried).
    captures: Vec<(&'static str, &'p str)>,
}

impl<'p> Matcher<'p> {
    /// Whether `parts[i..]` match the path from byte `at` to its end (keeping the
    /// captures of the first match found, in the router's order of preference).
    fn sequence(&mut self, parts: &[&Part], i: usize, at: usize) -> bool {
        self.steps += 1;
        if self.steps > STEPS {
            return false;
        }
        let Some(part) = parts.get(i) else {
            return at == self.path.len();
        };
        let rest = &self.path[at..];
        match part {
            Part::Literal(text) => match literal_len(text, rest) {
                Some(len) => self.sequence(parts, i + 1, at + len),
                None => false,
            },
            Part::Var(name) => {
                // One segment, as much as it can (then less).
                let max = rest.find('/').unwrap_or(rest.len());
                let ends: Vec<usize> = char_ends(&rest[..max]).rev().collect();
                ends.into_iter()
                    .any(|end| self.capture(name, at, end, parts, i))
            }
            Part::Glob(name) => {
                // As little as it can (then more).
                let ends: Vec<usize> = std::iter::once(0).chain(char_ends(rest)).collect();
                ends.into_iter()
                    .any(|end| self.capture(name, at, end, parts, i))
            }
            Part::Group(inner) => {
                let mut with: Vec<&Part> = inner.iter().collect();
                with.extend_from_slice(&parts[i + 1..]);
                let kept = self.captures.len();
                if self.sequence(&with, 0, at) {
                    return true;
                }
                self.captures.truncate(kept);
                self.sequence(parts, i + 1, at)
            }
        }
    }

    /// Tries `name` matching `len` bytes from `at`, then the rest.
    fn capture(
        &mut self,
        name: &'static str,
        at: usize,
        len: usize,
        parts: &[&Part],
        i: usize,
    ) -> bool {
        if len == 0 && matches!(parts[i], Part::Var(_)) {
            return false;
        }
        self.captures.push((name, &self.path[at..at + len]));
        if self.sequence(parts, i + 1, at + len) {
            return true;
        }
        self.captures.pop();
        false
    }
}

/// How many bytes of `path` the literal `text` matches, if it does: the router matches a
/// literal character raw or percent-encoded (`.` or `%2E`, `'` or `%27`), but for `/`,
/// which only a raw `/` matches.
fn literal_len(text: &str, path: &str) -> Option<usize> {
    let path = path.as_bytes();
    let mut at = 0;
    for &byte in text.as_bytes() {
        if path.get(at) == Some(&byte) {
            at += 1;
        } else if byte != b'/' && is_escape_of(path.get(at..at + 3)?, byte) {
            at += 3;
        } else {
            return None;
        }
    }
    Some(at)
}

/// Whether `escape` is `%XX` for `byte`, in either case.
fn is_escape_of(escape: &[u8], byte: u8) -> bool {
    let hex = |b: u8| (b as char).to_digit(16);
    match escape {
        [b'%', high, low] => {
            matches!((hex(*high), hex(*low)), (Some(h), Some(l)) if h * 16 + l == u32::from(byte))
        }
        _ => false,
    }
}

/// The byte offsets just after each character of `text`, in order.
fn char_ends(text: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    text.char_indices().map(|(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrong(
        template: &'static str,
        path: &str,
        values: &[(&str, &str)],
    ) -> Option<Vec<&'static str>> {
        let value = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        mismatches(&parse(template), path, &value)
    }

    /// As Grape reads them (checked against Grape 1.6.2 and Mustermann 3.0: a glob is
    /// non-greedy, `%2F` in a glob decodes to `/`).
    #[test]
    fn globs_are_cut_at_the_first_text_that_follows_them() {
        let npm = "/npm/{*package_name}/-/{*file_name}";
        let scoped = [("package_name", "@scope/pkg"), ("file_name", "pkg-1.0.tgz")];
        assert_eq!(
            wrong(npm, "/npm/%40scope/pkg/-/pkg-1.0.tgz", &scoped),
            Some(vec![])
        );
        let tricky = [("package_name", "a/-/b"), ("file_name", "pkg-1.0.tgz")];
        assert_eq!(
            wrong(npm, "/npm/a/-/b/-/pkg-1.0.tgz", &tricky),
            Some(vec!["package_name", "file_name"])
        );
        assert_eq!(
            wrong(npm, "/npm/a%2F-%2Fb/-/pkg-1.0.tgz", &tricky),
            Some(vec![])
        );
        // Not the template's path at all.
        assert_eq!(wrong(npm, "/other", &tricky), None);
        // A literal matches its characters encoded too, but for `/` (checked against Grape).
        let dotted = [("a", "x.y"), ("b", "z")];
        assert_eq!(
            wrong("/v/{*a}.{b}", "/v/x%2Ey.z", &dotted),
            Some(vec!["a", "b"])
        );
        assert_eq!(literal_len("',Version='", "%27%2cVersion%3D'x"), Some(17));
        assert_eq!(literal_len("/-/", "%2F-%2F"), None);
    }

    #[test]
    fn variables_take_one_segment_and_groups_are_tried_first() {
        let template = "/p/{id}/files/[{*path}/]{file_name}";
        let values = [
            ("id", "group/proj"),
            ("path", "a/b"),
            ("file_name", "c.txt"),
        ];
        assert_eq!(
            wrong(template, "/p/group%2Fproj/files/a/b/c.txt", &values),
            Some(vec![])
        );
        let without = [("id", "1"), ("file_name", "c.txt")];
        assert_eq!(wrong(template, "/p/1/files/c.txt", &without), Some(vec![]));
        assert_eq!(
            parse("/x[/{a}]"),
            vec![
                Part::Literal("/x"),
                Part::Group(vec![Part::Literal("/"), Part::Var("a")]),
            ]
        );
    }
}
