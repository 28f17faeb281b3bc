//! Parsing path templates into parts.
//!
//! The capability writes paths in a mix of OpenAPI and Grape notation:
//!
//! | written | meaning |
//! |---|---|
//! | `{name}` | a variable confined to one segment, possibly embedded (`binary-{architecture}`, `{module_version}.info`); also written `{{name}}`, as Naftiko's own templates are |
//! | `*name` | a glob variable that may span several segments, also inside literal text (`Packages\(Id='*package_name'\)`) |
//! | `( … )` | an optional group, sent only when its variables are given (`(*path/)`); a group of literal text only (`(-/)search`) is always sent, as literal text |
//! | `\(` `\)` | literal parentheses |

use crate::ir::{PathPart, PathTemplate};

/// Why a template cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl TemplateError {
    fn new(message: impl Into<String>) -> Self {
        TemplateError {
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

mod query;

pub use query::{QueryItem, split_query};

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Literal path text as it is sent: bytes a URL path cannot carry as written (a space,
/// `"`, `<`, `>`, `` ` ``, `^`, `|`, `[`, `]`, `{`, `}`, non-ASCII) are percent-encoded;
/// `%` stays where it starts an escape (`%20`), and is encoded (`%25`) elsewhere.
pub fn wire_literal(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, &b) in bytes.iter().enumerate() {
        let keep = match b {
            b'%' => {
                bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => true,
            // RFC 3986 unreserved, sub-delims, `:` `@` and the separator `/`.
            _ => b"-._~!$&'()*+,;=:@/".contains(&b),
        };
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Parses a path template.
pub fn parse(template: &str) -> Result<PathTemplate, TemplateError> {
    if !template.starts_with('/') {
        return Err(
            TemplateError::new(format!("path `{template}` does not start with `/`"))
                .hint(format!("write `/{template}`")),
        );
    }
    for (c, what, hint) in [
        (
            '?',
            "a query string",
            "declare query values as `in: query` parameters",
        ),
        (
            '#',
            "a fragment",
            "remove it: a fragment is never sent to a server",
        ),
    ] {
        if template.contains(c) {
            return Err(
                TemplateError::new(format!("path `{template}` contains {what} (`{c}`)")).hint(hint),
            );
        }
    }
    // Each stack level is the list of parts of an open group; level 0 is the template.
    let mut stack: Vec<Vec<PathPart>> = vec![Vec::new()];
    let mut literal = String::new();
    let mut chars = template.chars().peekable();
    let flush = |literal: &mut String, parts: &mut Vec<PathPart>| {
        if !literal.is_empty() {
            parts.push(PathPart::Literal(std::mem::take(literal)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => literal.push(escaped),
                None => return Err(TemplateError::new("path ends with a lone `\\`")),
            },
            '{' => {
                let name = variable(&mut chars, template)?;
                let parts = stack.last_mut().expect("stack is never empty");
                flush(&mut literal, parts);
                parts.push(PathPart::Var(name));
            }
            '}' => {
                return Err(TemplateError::new(format!(
                    "unmatched `}}` in path `{template}`"
                )));
            }
            '*' if chars.peek().is_some_and(|&n| is_name_char(n)) => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if !is_name_char(n) {
                        break;
                    }
                    name.push(n);
                    chars.next();
                }
                let parts = stack.last_mut().expect("stack is never empty");
                flush(&mut literal, parts);
                parts.push(PathPart::Glob(name));
            }
            '(' => {
                flush(
                    &mut literal,
                    stack.last_mut().expect("stack is never empty"),
                );
                stack.push(Vec::new());
            }
            ')' => {
                if stack.len() == 1 {
                    return Err(
                        TemplateError::new(format!("unmatched `)` in path `{template}`"))
                            .hint("write a literal parenthesis as `\\)`"),
                    );
                }
                let mut group = stack.pop().expect("checked above");
                flush(&mut literal, &mut group);
                if group.is_empty() {
                    return Err(TemplateError::new(format!(
                        "empty optional group `()` in path `{template}`"
                    ))
                    .hint("write literal parentheses as `\\(` and `\\)`"));
                }
                let parent = stack.last_mut().expect("stack is never empty");
                if group.iter().all(|p| matches!(p, PathPart::Literal(_))) {
                    // An optional literal (Grape's `(-/)search`, `latest(/)(*suffix)`): the
                    // server routes the path with or without it; it is always sent, which
                    // keeps a separator before a following group. It joins the literal
                    // text before it.
                    if let Some(PathPart::Literal(before)) = parent.last() {
                        literal = before.clone();
                        parent.pop();
                    }
                    for part in group {
                        if let PathPart::Literal(text) = part {
                            literal.push_str(&text);
                        }
                    }
                    continue;
                }
                parent.push(PathPart::Optional(group));
            }
            _ => literal.push(c),
        }
    }
    if stack.len() > 1 {
        return Err(
            TemplateError::new(format!("unclosed `(` in path `{template}`"))
                .hint("write a literal parenthesis as `\\(`"),
        );
    }
    let mut parts = stack.pop().expect("stack is never empty");
    flush(&mut literal, &mut parts);
    check_literals(template, &parts)?;
    Ok(PathTemplate { parts })
}

/// The name of a variable whose opening `{` was just read: `{name}`, or Naftiko's
/// `{{name}}` (and `{{{name}}}`), closed by as many braces.
fn variable(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    template: &str,
) -> Result<String, TemplateError> {
    let mut braces = 1;
    while braces < 3 && chars.peek() == Some(&'{') {
        chars.next();
        braces += 1;
    }
    let (open, close) = ("{".repeat(braces), "}".repeat(braces));
    let mut name = String::new();
    loop {
        match chars.next() {
            Some('}') => break,
            Some(ch) => name.push(ch),
            None => {
                return Err(
                    TemplateError::new(format!("unclosed `{open}` in path `{template}`"))
                        .hint(format!("close the variable with `{close}`")),
                );
            }
        }
    }
    for _ in 1..braces {
        if chars.next() != Some('}') {
            return Err(TemplateError::new(format!(
                "variable `{open}{name}` in path `{template}` is not closed by `{close}`"
            )));
        }
    }
    let written = format!("{open}{name}{close}");
    let name = name.trim().to_owned();
    if name.is_empty()
        || !name
            .chars()
            .all(|ch| is_name_char(ch) || ch == '-' || ch == '.')
    {
        return Err(TemplateError::new(format!(
            "path variable `{written}` in `{template}` is not a valid name"
        )));
    }
    Ok(name)
}

/// Literal text must not hold characters that change what a URL means or that no
/// server receives as written.
fn check_literals(template: &str, parts: &[PathPart]) -> Result<(), TemplateError> {
    for part in parts {
        match part {
            PathPart::Literal(text) => {
                if text.contains("//") {
                    return Err(TemplateError::new(format!(
                        "path `{template}` has an empty segment (`//`)"
                    ))
                    .hint("remove the doubled `/`; servers squeeze it away"));
                }
                // A space is sent as `%20` (see `wire_literal`); other whitespace and
                // control characters are mistakes (a folded YAML line, a stray tab).
                if let Some(c) = text
                    .chars()
                    .find(|&c| c != ' ' && (c.is_whitespace() || c.is_control()))
                {
                    return Err(TemplateError::new(format!(
                        "path `{template}` contains {c:?}, which cannot be sent in a URL as written"
                    ))
                    .hint("remove it, or percent-encode it in the spec (`%09` for a tab)"));
                }
            }
            PathPart::Optional(inner) => check_literals(template, inner)?,
            PathPart::Var(_) | PathPart::Glob(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathPart::*;

    fn lit(s: &str) -> PathPart {
        Literal(s.to_owned())
    }

    #[test]
    fn one_segment_variables() {
        let t = parse("/api/v4/projects/{id}/packages/{package_id}").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/api/v4/projects/"),
                Var("id".into()),
                lit("/packages/"),
                Var("package_id".into())
            ]
        );
    }

    #[test]
    fn glob_segments() {
        let t = parse("/api/v4/projects/{id}/packages/maven/*path/{file_name}").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/api/v4/projects/"),
                Var("id".into()),
                lit("/packages/maven/"),
                Glob("path".into()),
                lit("/"),
                Var("file_name".into())
            ]
        );
    }

    #[test]
    fn optional_group_with_glob() {
        let t = parse("/p/{package_name}/*package_version/(*path/){file_name}").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/p/"),
                Var("package_name".into()),
                lit("/"),
                Glob("package_version".into()),
                lit("/"),
                Optional(vec![Glob("path".into()), lit("/")]),
                Var("file_name".into())
            ]
        );
        assert_eq!(
            t.variables(),
            vec![
                ("package_name", false),
                ("package_version", false),
                ("path", true),
                ("file_name", false)
            ]
        );
    }

    #[test]
    fn embedded_variables() {
        let t = parse("/dists/{component}/binary-{architecture}/Packages").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/dists/"),
                Var("component".into()),
                lit("/binary-"),
                Var("architecture".into()),
                lit("/Packages")
            ]
        );
        let t = parse("/go/*module_name/@v/{module_version}.info").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/go/"),
                Glob("module_name".into()),
                lit("/@v/"),
                Var("module_version".into()),
                lit(".info")
            ]
        );
    }

    #[test]
    fn escaped_parentheses_are_literal_and_globs_may_sit_inside_text() {
        let t = parse(r"/v2/Packages\(Id='*package_name',Version='*package_version'\)").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/v2/Packages(Id='"),
                Glob("package_name".into()),
                lit("',Version='"),
                Glob("package_version".into()),
                lit("')")
            ]
        );
        let t = parse(r"/v2/FindPackagesById\(\)").unwrap();
        assert_eq!(t.parts, vec![lit("/v2/FindPackagesById()")]);
    }

    #[test]
    fn optional_groups_of_literal_text_are_always_sent() {
        let t = parse("/projects/{id}/(-/)search").unwrap();
        assert_eq!(
            t.parts,
            vec![lit("/projects/"), Var("id".into()), lit("/-/search")]
        );
        // The separator stays before the following optional group.
        let t = parse("/releases/permalink/latest(/)(*suffix_path)").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/releases/permalink/latest/"),
                Optional(vec![Glob("suffix_path".into())])
            ]
        );
    }

    #[test]
    fn literals_are_percent_encoded_where_a_url_needs_it() {
        assert_eq!(wire_literal("/api/v4/projects/"), "/api/v4/projects/");
        assert_eq!(
            wire_literal("/v2/Packages(Id='"),
            "/v2/Packages(Id='",
            "sub-delimiters are left as they are"
        );
        assert_eq!(wire_literal("/all items"), "/all%20items");
        assert_eq!(wire_literal("/caf\u{e9}/<x>"), "/caf%C3%A9/%3Cx%3E");
        assert_eq!(wire_literal("/a%20b/100%/%zz"), "/a%20b/100%25/%25zz");
        assert_eq!(wire_literal("/-/@v/~x:y"), "/-/@v/~x:y");
    }

    #[test]
    fn mustache_variables_are_variables() {
        let t = parse("/ships/{{imo_number}}/crew/{{ member }}.json").unwrap();
        assert_eq!(
            t.parts,
            vec![
                lit("/ships/"),
                Var("imo_number".into()),
                lit("/crew/"),
                Var("member".into()),
                lit(".json")
            ]
        );
        assert_eq!(
            parse("/a/{{{raw}}}").unwrap().parts,
            vec![lit("/a/"), Var("raw".into())]
        );
        // The name is said as written.
        let e = parse("/a/{{b c}}").unwrap_err();
        assert_eq!(
            e.message,
            "path variable `{{b c}}` in `/a/{{b c}}` is not a valid name"
        );
        assert!(parse("/a/{{b}").is_err());
        assert!(
            parse("/a/{{b")
                .unwrap_err()
                .message
                .starts_with("unclosed `{{`")
        );
    }

    #[test]
    fn a_space_is_allowed_in_literal_text() {
        let t = parse("/v1/items/all items").unwrap();
        assert_eq!(t.parts, vec![lit("/v1/items/all items")]);
    }

    #[test]
    fn a_star_not_followed_by_a_name_is_literal() {
        let t = parse("/a/*/b").unwrap();
        assert_eq!(t.parts, vec![lit("/a/*/b")]);
    }

    #[test]
    fn malformed_templates_are_errors() {
        for bad in [
            "api/v4", "/a/{id", "/a/id}", "/a/(b", "/a/b)", "/a/()/b", "/a/{}", "/a//b", "/a\tb",
            "/a\nb", "/a?x=1", "/a#frag", "/a\\",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
