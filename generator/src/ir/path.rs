//! Path templates, parsed (see [`crate::path_template`]).

/// A parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    /// Its parts, in order.
    pub parts: Vec<PathPart>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text, sent as written but for what a URL path cannot carry (a space goes as `%20`,
    /// see [`wire_literal`](crate::path_template::wire_literal)).
    Literal(String),
    /// `{name}`: a value confined to one segment.
    Var(String),
    /// `*name`: a value that may span several segments.
    Glob(String),
    /// `( … )`: parts sent only when their variables are given.
    Optional(Vec<PathPart>),
}

impl PathTemplate {
    /// Every variable, in order, with whether it sits in an optional group.
    pub fn variables(&self) -> Vec<(&str, bool)> {
        fn walk<'a>(parts: &'a [PathPart], optional: bool, out: &mut Vec<(&'a str, bool)>) {
            for p in parts {
                match p {
                    PathPart::Literal(_) => {}
                    PathPart::Var(n) | PathPart::Glob(n) => out.push((n, optional)),
                    PathPart::Optional(inner) => walk(inner, true, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.parts, false, &mut out);
        out
    }

    /// The literal segments' text, with variables as `{name}` (for docs and names).
    pub fn display(&self) -> String {
        fn walk(parts: &[PathPart], out: &mut String) {
            for p in parts {
                match p {
                    PathPart::Literal(s) => out.push_str(s),
                    PathPart::Var(n) => {
                        out.push('{');
                        out.push_str(n);
                        out.push('}');
                    }
                    PathPart::Glob(n) => {
                        out.push('*');
                        out.push_str(n);
                    }
                    PathPart::Optional(inner) => {
                        out.push('[');
                        walk(inner, out);
                        out.push(']');
                    }
                }
            }
        }
        let mut s = String::new();
        walk(&self.parts, &mut s);
        s
    }
}
