//! A query string written into a path (`/items?state=open&sort={order}&all`).

use super::{TemplateError, is_name_char};

/// One pair of a query string written into a path (`/items?state=open&sort={order}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryItem {
    /// `name=value`: sent with every request; both percent-decoded.
    Fixed {
        /// The name.
        name: String,
        /// The value.
        value: String,
    },
    /// `name={variable}`: the variable's value, sent as `name`.
    Var {
        /// The name on the wire.
        name: String,
        /// The variable.
        variable: String,
    },
    /// `name` alone, without `=`: sent as written with every request.
    Flag {
        /// The name, percent-decoded.
        name: String,
    },
}

/// Splits a path written with a query string (`/items?state=open&sort={order}`) into the
/// path and the query's pairs; a path without `?` has none. Empty pairs (`&&`) are
/// skipped; a name without `=` is a flag, sent as written. A pair with an empty name, or
/// whose value mixes text and a variable (or is a glob) is an error: its meaning on the
/// wire is not clear.
pub fn split_query(path: &str) -> Result<(&str, Vec<QueryItem>), TemplateError> {
    let Some((before, query)) = path.split_once('?') else {
        return Ok((path, Vec::new()));
    };
    let declare =
        || format!("declare it as an `in: query` parameter and write the path as `{before}`");
    let mut items = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let Some((name, value)) = pair.split_once('=') else {
            let name = decode(pair);
            if name.contains(['{', '}', '*']) {
                return Err(TemplateError::new(format!(
                    "query item `{pair}` in path `{path}` has no usable name"
                ))
                .hint(declare()));
            }
            items.push(QueryItem::Flag { name });
            continue;
        };
        let name = decode(name);
        if name.is_empty() || name.contains(['{', '}', '*']) {
            return Err(TemplateError::new(format!(
                "query item `{pair}` in path `{path}` has no usable name"
            ))
            .hint(declare()));
        }
        let variable = mustache_name(value);
        match variable {
            Some(v)
                if !v.is_empty() && v.chars().all(|c| is_name_char(c) || c == '-' || c == '.') =>
            {
                items.push(QueryItem::Var {
                    name,
                    variable: v.to_owned(),
                });
            }
            _ if value.contains(['{', '}']) || value.starts_with('*') => {
                return Err(TemplateError::new(format!(
                    "query item `{pair}` in path `{path}` mixes text and a variable"
                ))
                .hint(declare()));
            }
            _ => items.push(QueryItem::Fixed {
                name,
                value: decode(value),
            }),
        }
    }
    Ok((before, items))
}

/// The variable a whole value names: `{name}`, or `{{name}}` as Naftiko writes it (and
/// `{{{name}}}`); `None` for anything else.
fn mustache_name(value: &str) -> Option<&str> {
    let braces = value.len() - value.trim_start_matches('{').len();
    if !(1..=3).contains(&braces) {
        return None;
    }
    let inner = value[braces..].strip_suffix(&"}".repeat(braces))?;
    (!inner.contains(['{', '}'])).then(|| inner.trim())
}

/// A query string's text, decoded as a form does (`+` is a space, `%XX` a byte).
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_split_into_fixed_pairs_and_variables() {
        assert_eq!(split_query("/items").unwrap(), ("/items", vec![]));
        let (path, items) =
            split_query("/items/{id}?state=open+now&sort={order}&&a%5B%5D=x%2By&empty=").unwrap();
        assert_eq!(path, "/items/{id}");
        let fixed = |n: &str, v: &str| QueryItem::Fixed {
            name: n.into(),
            value: v.into(),
        };
        assert_eq!(
            items,
            vec![
                fixed("state", "open now"),
                QueryItem::Var {
                    name: "sort".into(),
                    variable: "order".into()
                },
                fixed("a[]", "x+y"),
                fixed("empty", ""),
            ]
        );
        assert_eq!(
            split_query("/a?all&x=1&a%20b").unwrap().1,
            vec![
                QueryItem::Flag { name: "all".into() },
                fixed("x", "1"),
                QueryItem::Flag { name: "a b".into() },
            ]
        );
        assert_eq!(
            split_query("/a?x={{y}}").unwrap().1,
            vec![QueryItem::Var {
                name: "x".into(),
                variable: "y".into()
            }]
        );
        for bad in [
            "/a?{all}",
            "/a?=1",
            "/a?x=v{y}",
            "/a?x=*glob",
            "/a?{x}=1",
            "/a?x={}",
        ] {
            let e = split_query(bad).unwrap_err();
            assert!(e.hint.is_some_and(|h| h.contains("`in: query`")), "{bad}");
        }
    }
}
