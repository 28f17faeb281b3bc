//! Random overlays, and the targets and parameters of a capability that they act on.

use std::path::Path;

use generator::spec;
use proptest::prelude::*;

use crate::paths::{path_template, var_name};
use crate::values::{body_type, method, odd_scalar};
use crate::{Seed, golden};

/// A `params` entry: name, `type`, `one_segment`, `enum`.
type GenParamAction = (String, Option<&'static str>, Option<bool>, Option<String>);

/// A `schemas` entry: key, `name`, `map_of`, `required`, `fields` (name, `type`, `list`).
type GenSchemaAction = (
    String,
    Option<String>,
    Option<String>,
    Vec<String>,
    Vec<(String, Option<String>, bool)>,
);

#[derive(Debug, Clone)]
struct GenAction {
    target: String,
    rename: Option<String>,
    response: Option<&'static str>,
    body: Option<&'static str>,
    multipart_file: Option<String>,
    response_list: Option<bool>,
    body_type: Option<String>,
    params: Vec<GenParamAction>,
}

/// A `groups` entry: name, `title`, `paths`.
type GenGroup = (String, Option<String>, Vec<String>);

#[derive(Debug, Clone)]
pub(crate) struct GenOverlay {
    version: i64,
    actions: Vec<GenAction>,
    schemas: Vec<GenSchemaAction>,
    type_names: Vec<(String, String)>,
    groups: Vec<GenGroup>,
    readme: Option<String>,
}

/// `groups` entries: module names (odd ones too: keywords, the crate's own modules, not
/// snake_case), titles, and path segments (some that cannot be used).
fn gen_groups() -> impl Strategy<Value = Vec<GenGroup>> {
    let name = prop_oneof![
        4 => prop::sample::select(&[
            "core", "npm", "packages", "items", "type", "runtime", "types", "default", "std",
            "_2fa", "_", "a_b",
        ][..]).prop_map(str::to_owned),
        1 => prop::sample::select(&["Npm", "", "a-b", "1x", "é"][..]).prop_map(str::to_owned),
    ];
    let title = prop::option::weighted(
        0.7,
        prop_oneof![
            4 => prop::sample::select(&["npm registry", "The core API: list, get", "`x` [y]"][..])
                .prop_map(str::to_owned),
            1 => prop::sample::select(&["", "a | b", "two\nlines", " "][..]).prop_map(str::to_owned),
        ],
    );
    let path = prop_oneof![
        4 => prop::sample::select(&[
            "packages", "packages/npm", "items", "v1", "api/v4", "/x/", "-", "projects",
        ][..]).prop_map(str::to_owned),
        1 => prop::sample::select(&["", "a//b", "{id}", "*x", "/"][..]).prop_map(str::to_owned),
        1 => var_name(),
    ];
    prop::collection::vec((name, title, prop::collection::vec(path, 0..3)), 0..3)
}

/// A README section: Markdown, a template that uses the README's values, or one that does
/// not compile or render.
fn gen_readme() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.3,
        prop::sample::select(
            &[
                "Log in:\n\n```rust,no_run\nuse {{ crate_ident }}::Client;\n```\n",
                "{{ nope }}",
                "{% if x %}",
                "{{ 1 / 0 }}",
                "{% for g in groups %}{{ g.title }}{% endfor %}",
                "",
            ][..],
        )
        .prop_map(str::to_owned),
    )
}

/// Names of the types, schemas and parameters the overlay may touch.
pub(crate) fn type_name() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => prop::sample::select(&[
            "Package", "PackageType", "Sort", "SortDirection", "OrderBy", "Foo", "Vec",
            "String", "Option", "Result", "Client", "Error", "Value", "Other", "Types",
            "PackageLinks", "DebianDistribution", "NewDebianDistribution", "X1",
        ][..]).prop_map(str::to_owned),
        2 => prop::sample::select(&[
            "foo", "foo bar", "", "1X", "Self", "self", "crate", "r#X", "_", "é", "Ü", "A-B",
            "API_Entities_Package", "string", "integer", "id", "number", "boolean",
            "date_time", "json",
        ][..]).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

fn rust_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z_][a-z0-9_]{0,10}",
        1 => prop::sample::select(&[
            "_", "__", "type", "self", "r#type", "Foo", "a b", "", "1a", "send", "options",
            "new", "builder", "é", "list_project_packages", "get_packages",
        ][..]).prop_map(str::to_owned),
    ]
}

pub(crate) fn gen_overlay(
    targets: Vec<String>,
    params: Vec<String>,
) -> impl Strategy<Value = GenOverlay> {
    gen_overlay_for(targets, params, Vec::new())
}

/// An overlay for these targets, parameters and companion schemas.
pub(crate) fn gen_overlay_for(
    targets: Vec<String>,
    params: Vec<String>,
    schemas: Vec<String>,
) -> impl Strategy<Value = GenOverlay> {
    let mut schemas = schemas;
    schemas.extend(
        [
            "API_Entities_Package",
            "API_Entities_Package_Pipeline",
            "postApiV4ProjectsIdDebianDistributions",
            "API_Entities_Packages_Debian_Distribution",
        ]
        .map(str::to_owned),
    );
    let targets = if targets.is_empty() {
        vec!["GET /x".to_owned()]
    } else {
        targets
    };
    let params = if params.is_empty() {
        vec!["id".to_owned()]
    } else {
        params
    };
    let target = prop_oneof![
        16 => prop::sample::select(targets),
        1 => (method(), path_template()).prop_map(|(m, p)| format!("{m} {p}")),
        1 => odd_scalar(),
    ];
    let param = (
        prop_oneof![4 => prop::sample::select(params), 1 => var_name()],
        prop::option::of(prop::sample::select(
            &["string", "integer", "boolean", "id_or_path"][..],
        )),
        prop::option::of(any::<bool>()),
        prop::option::weighted(0.3, type_name()),
    );
    let action = (
        target,
        prop::option::of(rust_name()),
        prop::option::of(prop::sample::select(
            &["json", "text", "bytes", "empty", "raw"][..],
        )),
        prop::option::weighted(
            0.3,
            prop::sample::select(&["raw", "json", "form", "multipart"][..]),
        ),
        prop::option::weighted(0.2, var_name()),
        prop::option::weighted(0.2, any::<bool>()),
        prop::option::weighted(0.1, body_type()),
        prop::collection::vec(param, 0..3),
    )
        .prop_map(
            |(target, rename, response, body, multipart_file, response_list, body_type, params)| {
                GenAction {
                    target,
                    rename,
                    response,
                    body,
                    multipart_file,
                    response_list,
                    body_type,
                    params,
                }
            },
        );
    let field = (
        prop_oneof![
            Just("id".to_owned()),
            Just("name".to_owned()),
            Just("tags".to_owned()),
            Just("pipelines".to_owned()),
            Just("type".to_owned()),
            var_name(),
        ],
        prop::option::of(type_name()),
        any::<bool>(),
    );
    let schema = (
        prop_oneof![
            3 => prop::sample::select(schemas),
            1 => type_name(),
        ],
        prop::option::weighted(0.3, type_name()),
        prop::option::weighted(0.15, type_name()),
        prop::collection::vec(
            prop_oneof![Just("id".to_owned()), Just("name".to_owned()), var_name()],
            0..3,
        ),
        prop::collection::vec(field, 0..3),
    );
    (
        prop_oneof![40 => Just(1i64), 1 => Just(2i64), 1 => Just(0i64)],
        prop::collection::vec(action, 0..4),
        prop::collection::vec(schema, 0..3),
        prop::collection::vec(
            (
                prop_oneof![
                    4 => prop::sample::select(&[
                        "SortDirection", "Package", "PackageLinks", "PackagePipeline",
                        "NewDebianDistribution", "DebianDistribution",
                    ][..]).prop_map(str::to_owned),
                    1 => type_name(),
                ],
                type_name(),
            ),
            0..2,
        ),
        gen_groups(),
        gen_readme(),
    )
        .prop_map(
            |(version, actions, schemas, type_names, groups, readme)| GenOverlay {
                version,
                actions,
                schemas,
                type_names,
                groups,
                readme,
            },
        )
}

impl GenOverlay {
    pub(crate) fn to_yaml(&self) -> String {
        use serde_yaml::{Mapping, Value};
        fn put(m: &mut Mapping, key: &str, value: impl Into<Value>) {
            m.insert(Value::from(key), value.into());
        }
        let mut root = Mapping::new();
        put(&mut root, "overlay", self.version);
        let actions: Vec<Value> = self
            .actions
            .iter()
            .map(|a| {
                let mut m = Mapping::new();
                put(&mut m, "target", a.target.as_str());
                if let Some(v) = &a.rename {
                    put(&mut m, "rename", v.as_str());
                }
                if let Some(v) = a.response {
                    put(&mut m, "response", v);
                }
                if let Some(v) = a.body {
                    put(&mut m, "body", v);
                }
                if let Some(v) = &a.multipart_file {
                    put(&mut m, "multipart_file", v.as_str());
                }
                if let Some(v) = a.response_list {
                    put(&mut m, "response_list", v);
                }
                if let Some(v) = &a.body_type {
                    put(&mut m, "body_type", v.as_str());
                }
                if !a.params.is_empty() {
                    let mut params = Mapping::new();
                    for (name, ty, one_segment, enum_name) in &a.params {
                        let mut p = Mapping::new();
                        if let Some(t) = ty {
                            put(&mut p, "type", *t);
                        }
                        if let Some(o) = one_segment {
                            put(&mut p, "one_segment", *o);
                        }
                        if let Some(e) = enum_name {
                            put(&mut p, "enum", e.as_str());
                        }
                        put(&mut params, name, Value::Mapping(p));
                    }
                    put(&mut m, "params", Value::Mapping(params));
                }
                Value::Mapping(m)
            })
            .collect();
        put(&mut root, "operations", Value::Sequence(actions));
        let mut schemas = Mapping::new();
        for (key, name, map_of, required, fields) in &self.schemas {
            let mut s = Mapping::new();
            if let Some(n) = name {
                put(&mut s, "name", n.as_str());
            }
            if let Some(m) = map_of {
                put(&mut s, "map_of", m.as_str());
            }
            put(
                &mut s,
                "required",
                Value::Sequence(required.iter().map(|r| Value::from(r.as_str())).collect()),
            );
            let mut fm = Mapping::new();
            for (f, ty, list) in fields {
                let mut a = Mapping::new();
                if let Some(t) = ty {
                    put(&mut a, "type", t.as_str());
                }
                put(&mut a, "list", *list);
                put(&mut fm, f, Value::Mapping(a));
            }
            put(&mut s, "fields", Value::Mapping(fm));
            put(&mut schemas, key, Value::Mapping(s));
        }
        put(&mut root, "schemas", Value::Mapping(schemas));
        let mut names = Mapping::new();
        for (from, to) in &self.type_names {
            put(&mut names, from, to.as_str());
        }
        put(&mut root, "type_names", Value::Mapping(names));
        if !self.groups.is_empty() {
            let mut groups = Mapping::new();
            for (name, title, paths) in &self.groups {
                let mut g = Mapping::new();
                if let Some(t) = title {
                    put(&mut g, "title", t.as_str());
                }
                put(
                    &mut g,
                    "paths",
                    Value::Sequence(paths.iter().map(|p| Value::from(p.as_str())).collect()),
                );
                put(&mut groups, name, Value::Mapping(g));
            }
            put(&mut root, "groups", Value::Mapping(groups));
        }
        if let Some(text) = &self.readme {
            let mut readme = Mapping::new();
            put(&mut readme, "authentication", text.as_str());
            put(&mut root, "readme", Value::Mapping(readme));
        }
        serde_yaml::to_string(&Value::Mapping(root)).expect("a YAML value serializes")
    }
}

/// The `METHOD path` of every operation of a capability, and its parameters' names.
pub(crate) fn targets_of(capability: &str) -> (Vec<String>, Vec<String>) {
    let (targets, params) = targets_and_params_of(capability);
    (targets, params.into_iter().map(|(name, _)| name).collect())
}

/// The `METHOD path` of every operation of a capability, and its parameters' names and
/// locations.
pub(crate) fn targets_and_params_of(capability: &str) -> (Vec<String>, Vec<(String, String)>) {
    let Ok(loaded) = spec::parse(Path::new("c.yaml"), capability) else {
        return (Vec::new(), Vec::new());
    };
    let mut targets = Vec::new();
    let mut params = Vec::new();
    for c in &loaded.document.capability.consumes {
        for r in &c.resources {
            for o in &r.operations {
                if let (Some(m), Some(p)) = (&o.method, o.path.as_ref().or(r.path.as_ref())) {
                    targets.push(format!("{m} {p}"));
                }
                params.extend(o.input_parameters.iter().filter_map(|p| {
                    Some((p.name.clone()?, p.location.clone().unwrap_or_default()))
                }));
            }
        }
    }
    params.extend(
        [("package_version", "path"), ("path", "path")].map(|(n, l)| (n.to_owned(), l.to_owned())),
    );
    (targets, params)
}

/// An overlay that types every operation: JSON responses, and JSON bodies for writes, so
/// that the companion's schemas are all used.
pub(crate) fn typing_overlay(targets: &[String]) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut text = String::from("overlay: 1\noperations:\n");
    for target in targets {
        let normalized = match target.split_once(' ') {
            Some((m, p)) => format!("{} {}", m.to_ascii_uppercase(), p.trim()),
            None => target.clone(),
        };
        if !seen.insert(normalized) {
            continue;
        }
        let quoted = serde_yaml::to_string(target).expect("a string serializes");
        text.push_str(&format!("- target: {}  response: json\n", quoted));
        if ["POST ", "PUT ", "PATCH "]
            .iter()
            .any(|m| target.starts_with(m))
        {
            text.push_str("  body: json\n");
        }
    }
    text
}

/// A golden fixture with an overlay and a companion, and a random overlay for it.
pub(crate) fn golden_with_overlay() -> impl Strategy<Value = (&'static Seed, bool, GenOverlay)> {
    prop::sample::select(vec![
        "overlay",
        "companion",
        "odd-names",
        "minimal",
        "formats",
    ])
    .prop_flat_map(|name| {
        let seed = golden(name);
        let (targets, params) = targets_of(&seed.capability);
        (Just(seed), any::<bool>(), gen_overlay(targets, params))
    })
}
