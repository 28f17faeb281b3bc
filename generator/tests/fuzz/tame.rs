//! Tame capabilities: documents the generator mostly accepts, to reach its later stages.

use proptest::prelude::*;

use crate::capabilities::{GenCapability, GenOperation, GenParam, GenResource};
use crate::paths::var_name;
use crate::values::{METHODS, TYPES};

// Tame capabilities: valid structure, odd names. Most get through lowering and
// normalization, so naming, the companion join and emission see the odd names.

/// A parameter name that lowering accepts but naming and emission must make usable.
fn odd_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(&[
            "id", "page", "per_page", "cursor", "sort", "order_by", "package_type", "status",
            "1abc", "2", "x²", "é", "ÿ", "ⅸ", "日本", "🦀", "a b", "a[b]", "a[]", "$filter",
            "X-Request-Id", "Symbolchecksum", "sha256", "type", "self", "Self", "crate",
            "super", "_", "__", "r#type", "async", "body", "send", "options", "builder",
            "value", "Value", "client", "new", "into_items", "send_page", "A", "a", "ID", "Id",
            "id_", "_id", "id__", "a.b", "a-b", "a--b", "-", ".", "..", "*", "{x}", "(x)",
        ][..]).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9_.$ -]{1,10}",
        1 => "\\PC{1,6}",
    ]
}

fn tame_segment() -> impl Strategy<Value = String> {
    let literals: &[&str] = &[
        "projects",
        "groups",
        "group",
        "packages",
        "npm",
        "maven",
        "debian",
        "generic",
        "debian_distributions",
        "-",
        "key.asc",
        "dist-tags",
        "index.yaml",
        "@v",
        "type",
        "self",
        "é",
        "1",
        "_",
        "authorize",
        "package_files",
        "files",
        "x²",
        "a%2Fb",
    ];
    prop_oneof![
        5 => prop::sample::select(literals).prop_map(str::to_owned),
        4 => var_name().prop_map(|v| format!("{{{v}}}")),
        2 => var_name().prop_map(|v| format!("*{v}")),
        1 => var_name().prop_map(|v| format!("(*{v}/)x")),
        1 => var_name().prop_map(|v| format!("binary-{{{v}}}")),
        1 => var_name().prop_map(|v| format!("{{{v}}}.info")),
        1 => var_name().prop_map(|v| format!("Packages\\(Id='*{v}'\\)")),
    ]
}

fn tame_operation(path: String) -> impl Strategy<Value = GenOperation> {
    let vars: Vec<String> = generator::path_template::parse(&path)
        .map(|t| {
            t.variables()
                .into_iter()
                .map(|(name, _)| name.to_owned())
                .collect()
        })
        .unwrap_or_default();
    let has_vars = !vars.is_empty();
    let var = if vars.is_empty() {
        Just("id".to_owned()).boxed()
    } else {
        prop::sample::select(vars).boxed()
    };
    // A path variable declared in the path (or, as GitLab does for globs, the query); any
    // other name elsewhere.
    let name_and_location = prop_oneof![
        3 => (
            var,
            if has_vars {
                prop_oneof![4 => Just("path"), 1 => Just("query")].boxed()
            } else {
                Just("query").boxed()
            },
        ),
        5 => (
            odd_name(),
            prop_oneof![
                6 => Just("query"), 1 => Just("header"), 1 => Just("formData"), 1 => Just("body"),
            ],
        ),
    ];
    let param = (
        name_and_location,
        prop::option::of(prop::sample::select(&TYPES[..7])),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(
            &[
                "The ID or URL-encoded path of the project",
                "The ID of a package",
                "line one\nline two\n\n```\ncode",
                "*/ /* {{ }} {% %} <b> `x` [a](b) \\",
            ][..],
        )),
    )
        .prop_map(|((name, location), ty, required, description)| GenParam {
            name: Some(name),
            location: Some(location),
            ty,
            required,
            description: description.map(str::to_owned),
        });
    (
        "[a-z][a-z0-9]{0,10}",
        prop::sample::select(&METHODS[..7]),
        prop::option::of("\\PC{0,30}"),
        prop::collection::vec(param, 0..5),
    )
        .prop_map(|(name, method, description, params)| {
            // One body at most, and no form fields beside it: lowering refuses those, and
            // that is not what this is for.
            let mut body = false;
            let mut params: Vec<GenParam> = params
                .into_iter()
                .filter(|p| p.location != Some("body") || !std::mem::replace(&mut body, true))
                .collect();
            if body {
                params.retain(|p| p.location != Some("formData"));
            }
            GenOperation {
                name: Some(name),
                method: Some(method),
                path: None,
                description,
                params,
                body: None,
            }
        })
}

pub(crate) fn tame_capability() -> impl Strategy<Value = GenCapability> {
    let resource = prop::collection::vec(tame_segment(), 0..6).prop_flat_map(|segments| {
        let path = format!("/api/v4/{}", segments.join("/"));
        (
            Just(path.clone()),
            prop::collection::vec(tame_operation(path), 1..4),
        )
            .prop_map(|(path, operations)| GenResource {
                path: Some(path),
                operations,
            })
    });
    (
        prop::collection::vec(resource, 1..5),
        prop::collection::vec(
            (
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
            ),
            0..4,
        ),
    )
        .prop_map(|(resources, hints)| GenCapability {
            namespace: Some("ns".to_owned()),
            base_uri: Some("https://gitlab.example.com".to_owned()),
            label: Some("Tame".to_owned()),
            resources,
            hints,
            binds: vec!["API_TOKEN".to_owned()],
        })
}
