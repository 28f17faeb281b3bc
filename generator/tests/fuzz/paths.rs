//! Random path templates: segments with variables, globs, groups, escapes and query strings.

use proptest::prelude::*;

const VAR_NAMES: &[&str] = &[
    "id",
    "package_id",
    "package_name",
    "file_name",
    "path",
    "sha",
    "file_sha256",
    "type",
    "self",
    "Self",
    "crate",
    "x",
    "X",
    "_",
    "__",
    "1x",
    "a.b",
    "a-b",
    "body",
    "options",
    "send",
    "value",
    "client",
    "page",
    "cursor",
];

pub(crate) fn var_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(VAR_NAMES).prop_map(str::to_owned),
        2 => "[a-zA-Z_][a-zA-Z0-9_.-]{0,8}",
        1 => "[a-z0-9_]{1,3}",
    ]
}

/// One segment (or piece of one) of a path template.
fn segment() -> impl Strategy<Value = String> {
    let literals: &[&str] = &[
        "api",
        "v4",
        "v2",
        "projects",
        "groups",
        "group",
        "packages",
        "npm",
        "maven",
        "debian",
        "debian_distributions",
        "generic",
        "nuget",
        "-",
        "--",
        "key.asc",
        "dist-tags",
        "index.yaml",
        "@v",
        "type",
        "self",
        "é",
        "日本",
        "1",
        "_",
        "FindPackagesById\\(\\)",
        "authorize",
        "package_files",
        "a%2Fb",
    ];
    prop_oneof![
        5 => prop::sample::select(literals).prop_map(str::to_owned),
        4 => var_name().prop_map(|v| format!("{{{v}}}")),
        3 => var_name().prop_map(|v| format!("*{v}")),
        2 => var_name().prop_map(|v| format!("(*{v}/)")),
        1 => var_name().prop_map(|v| format!("({{{v}}})")),
        1 => (var_name(), var_name()).prop_map(|(a, b)| format!("({{{a}}}/*{b})")),
        1 => var_name().prop_map(|v| format!("binary-{{{v}}}")),
        1 => var_name().prop_map(|v| format!("{{{v}}}.info")),
        1 => var_name().prop_map(|v| format!("Packages\\(Id='*{v}'\\)")),
        1 => prop::sample::select(&["(", ")", "\\(", "\\)", "{", "}", "*", "\\", "?", "#", " ", "", "&", "="][..])
            .prop_map(str::to_owned),
        // A query string written into the path: fixed pairs, variables, unclear values.
        1 => (
            var_name(),
            var_name(),
            prop::sample::select(&["1", "a+b%20c", "", "1&&", "{", "x{y}", "*g", "1&bare"][..]),
        )
            .prop_map(|(k, v, fixed)| format!("items?{k}={{{v}}}&f={fixed}")),
        1 => "[a-z{}()*\\\\.-]{1,6}",
    ]
}

pub(crate) fn path_template() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(segment(), 0..8),
        any::<bool>(),
        prop_oneof![8 => Just("/"), 4 => Just("/api/v4/"), 1 => Just(""), 1 => Just("//")],
    )
        .prop_map(|(segments, trailing, prefix)| {
            let mut path = format!("{prefix}{}", segments.join("/"));
            if trailing {
                path.push('/');
            }
            path
        })
}
