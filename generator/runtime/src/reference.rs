//! Values written as one string of several parts, such as a Conan recipe reference
//! `name/version@user/channel`: generated types for parameters that belong together parse
//! and print themselves with a format whose `{}` are the parts, in order, and whose other
//! characters separate them.

use std::fmt;

/// A string that does not have the form a reference type expects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a {what}: expected the form `{form}`")]
pub struct ParseError {
    what: &'static str,
    form: &'static str,
}

impl ParseError {
    /// What was expected, e.g. `Conan recipe reference`.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The form expected, e.g. `name/version@user/channel`.
    pub fn form(&self) -> &'static str {
        self.form
    }
}

/// Splits `input` into the `N` parts of `format` (`{}/{}@{}/{}`): each part runs up to the
/// first occurrence of the separator that follows it in the format, the last one to the
/// end. Every part must be non-empty. `what` and `form` name the type in the error.
pub fn split<'a, const N: usize>(
    input: &'a str,
    format: &'static str,
    what: &'static str,
    form: &'static str,
) -> Result<[&'a str; N], ParseError> {
    let error = ParseError { what, form };
    let mut pieces = format.split("{}");
    let mut rest = input
        .strip_prefix(pieces.next().unwrap_or_default())
        .ok_or_else(|| error.clone())?;
    let mut parts = [""; N];
    for part in &mut parts {
        let separator = pieces.next().ok_or_else(|| error.clone())?;
        let end = if separator.is_empty() {
            rest.len()
        } else {
            rest.find(separator).ok_or_else(|| error.clone())?
        };
        *part = &rest[..end];
        rest = &rest[end + separator.len()..];
        if part.is_empty() {
            return Err(error);
        }
    }
    if !rest.is_empty() || pieces.next().is_some() {
        return Err(error);
    }
    Ok(parts)
}

/// Writes `parts` into the `{}` of `format`.
pub fn write(f: &mut fmt::Formatter<'_>, format: &'static str, parts: &[&str]) -> fmt::Result {
    let mut parts = parts.iter();
    for (i, literal) in format.split("{}").enumerate() {
        if i > 0 {
            f.write_str(parts.next().copied().unwrap_or_default())?;
        }
        f.write_str(literal)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECIPE: &str = "{}/{}@{}/{}";

    fn recipe(input: &str) -> Result<[&str; 4], ParseError> {
        split(
            input,
            RECIPE,
            "Conan recipe reference",
            "name/version@user/channel",
        )
    }

    struct Shown(&'static str, [&'static str; 4]);

    impl fmt::Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write(f, self.0, &self.1)
        }
    }

    #[test]
    fn parts_are_split_at_the_separators_in_order() {
        assert_eq!(recipe("zlib/1.3@_/_").unwrap(), ["zlib", "1.3", "_", "_"]);
        assert_eq!(
            recipe("my-lib/1.0.0+build@user/stable").unwrap(),
            ["my-lib", "1.0.0+build", "user", "stable"]
        );
        let full: [&str; 7] = split(
            "zlib/1.3@_/_#abc:0ff1ce#def",
            "{}/{}@{}/{}#{}:{}#{}",
            "Conan package reference",
            "name/version@user/channel#recipe_revision:package_id#package_revision",
        )
        .unwrap();
        assert_eq!(full, ["zlib", "1.3", "_", "_", "abc", "0ff1ce", "def"]);
        let pool: [&str; 2] = split("pool/main/z", "pool/{}/{}", "pool", "pool/a/b").unwrap();
        assert_eq!(pool, ["main", "z"]);
    }

    #[test]
    fn a_missing_or_empty_part_is_refused_with_the_expected_form() {
        for bad in [
            "zlib/1.3",
            "zlib/1.3@_",
            "/1.3@_/_",
            "zlib/@_/_",
            "zlib/1.3@_/",
            "",
        ] {
            let err = recipe(bad).unwrap_err();
            assert_eq!(
                err.to_string(),
                "not a Conan recipe reference: expected the form `name/version@user/channel`",
                "{bad:?}"
            );
        }
        let err = split::<2>("x", "{}/{}", "pair", "a/b").unwrap_err();
        assert_eq!((err.what(), err.form()), ("pair", "a/b"));
        // Each part ends at the first separator after it; the last takes the rest.
        assert_eq!(recipe("a/b@c/d/e").unwrap(), ["a", "b", "c", "d/e"]);
    }

    #[test]
    fn parts_are_written_back_in_the_format() {
        let shown = Shown(RECIPE, ["zlib", "1.3", "_", "_"]);
        assert_eq!(shown.to_string(), "zlib/1.3@_/_");
        let text = shown.to_string();
        assert_eq!(recipe(&text).unwrap(), shown.1);
    }
}
