//! Odd values: scalars, locations, methods and types that documents are seeded with.

use proptest::prelude::*;

use crate::overlays::type_name;

const ODD_SCALARS: &[&str] = &[
    "{",
    "}",
    "{}",
    "[]",
    "*",
    "**",
    "(",
    ")",
    "()",
    "..",
    ".",
    "",
    "''",
    "\"\"",
    "~",
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "18446744073709551616",
    "0x1F",
    "é",
    "日本語",
    "🦀",
    "a\u{200b}b",
    "\u{feff}",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "__",
    "r#type",
    "async",
    "fn",
    "mod",
    "-",
    "--",
    "$filter",
    "X-Request-Id",
    "a.b",
    "a[b]",
    "a[]",
    "1abc",
    "ID",
    "Id",
    "id",
    "/",
    "//",
    "/a/",
    "/{",
    "/{x}",
    "/{x}/{x}",
    "/{ }",
    "/{x.y}",
    "/{x-y}",
    "/*x",
    "/*",
    "/*x/*x",
    "/(x)",
    "/(*x/)",
    "/((*x))",
    "/({x})/{x}",
    "/\\(",
    "/\\)",
    "/a\\",
    "/a b",
    "/a#b",
    "/a?b=1",
    "/packages/npm/{x}",
    "/api/v4/projects/{id}/packages/{package_id}",
    "/api/v4",
    "/api/v4/",
    "&anchor x",
    "*alias",
    "!tag x",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "%",
    "@",
    "`",
    "? x",
    ": x",
    "- x",
    "{a: b}",
    "[a, b]",
    "GET",
    "path",
    "query",
];

const LOCATIONS: &[&str] = &[
    "path", "query", "header", "body", "formData", "cookie", "", "PATH", "form", "Query", "null",
    "~", "[path]",
];

pub(crate) const METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", "Get", "TRACE", "FETCH", "",
    "G ET", "null", "[GET]",
];

pub(crate) const TYPES: &[&str] = &[
    "string", "integer", "boolean", "array", "file", "number", "object", "", "null", "int",
    "String", "[string]",
];

/// A method, mostly one the generator knows.
pub(crate) fn method() -> impl Strategy<Value = &'static str> {
    prop_oneof![20 => prop::sample::select(&METHODS[..7]), 1 => prop::sample::select(METHODS)]
}

/// A parameter location, mostly one the generator knows.
pub(crate) fn location() -> impl Strategy<Value = &'static str> {
    prop_oneof![20 => prop::sample::select(&LOCATIONS[..5]), 1 => prop::sample::select(LOCATIONS)]
}

/// A `body_type`, mostly one the overlay knows.
pub(crate) fn body_type() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&["string", "integer", "id", "number", "boolean", "date_time", "json"][..])
            .prop_map(str::to_owned),
        1 => type_name(),
    ]
}

pub(crate) fn odd_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(ODD_SCALARS).prop_map(str::to_owned),
        1 => (1usize..20_000).prop_map(|n| "a".repeat(n)),
        1 => (1usize..200).prop_map(|n| "{x}/".repeat(n)),
        1 => (1usize..200).prop_map(|n| "(".repeat(n)),
        1 => (1usize..100).prop_map(|n| "[".repeat(n)),
        2 => "\\PC{0,12}",
        2 => "[a-zA-Z0-9_{}()*\\\\/.$\\[\\]#?: -]{0,16}",
    ]
}

/// A value that fits after `key: ` on one line: the odd value as it is, or quoted.
pub(crate) fn as_yaml_value(value: &str, quoted: bool) -> String {
    if quoted {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        value.to_owned()
    }
}
