//! Random capabilities: parameters, operations and resources with odd names, locations and types.

use proptest::prelude::*;

use crate::paths::path_template;
use crate::values::{TYPES, location, method};

fn param_name(path: String) -> impl Strategy<Value = Option<String>> {
    // Names of the path's own variables, to reach the path-parameter rules.
    let vars: Vec<String> = path
        .split(['{', '}', '*', '/', '(', ')'])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let from_path = if vars.is_empty() {
        Just("id".to_owned()).boxed()
    } else {
        prop::sample::select(vars).boxed()
    };
    let pool: &[&str] = &[
        "id",
        "page",
        "per_page",
        "cursor",
        "sort",
        "order_by",
        "type",
        "self",
        "$filter",
        "X-Request-Id",
        "a[b]",
        "a[]",
        "Symbolchecksum",
        "sha256",
        "md5",
        "",
        " ",
        "1abc",
        "body",
        "send",
        "options",
        "package_name",
        "ID",
        "Id",
        "é",
        "__",
    ];
    prop::option::weighted(
        0.95,
        prop_oneof![
            4 => from_path,
            4 => prop::sample::select(pool).prop_map(str::to_owned),
            1 => "\\PC{0,8}",
        ],
    )
}

#[derive(Debug, Clone)]
pub(crate) struct GenParam {
    pub(crate) name: Option<String>,
    pub(crate) location: Option<&'static str>,
    pub(crate) ty: Option<&'static str>,
    pub(crate) required: Option<bool>,
    pub(crate) description: Option<String>,
}

fn gen_param(path: String) -> impl Strategy<Value = GenParam> {
    let descriptions: &[&str] = &[
        "The ID or URL-encoded path of the project",
        "The ID or full path of the group",
        "The ID of a package",
        "",
        "path project group namespace",
        "line one\nline two\n\n```\ncode\n",
        "*/ /* {{ }} {% %} <script> `",
    ];
    (
        param_name(path),
        prop::option::weighted(0.97, location()),
        prop::option::weighted(0.7, prop::sample::select(TYPES)),
        prop::option::of(any::<bool>()),
        prop::option::of(prop_oneof![
            3 => prop::sample::select(descriptions).prop_map(str::to_owned),
            1 => "\\PC{0,30}",
        ]),
    )
        .prop_map(|(name, location, ty, required, description)| GenParam {
            name,
            location,
            ty,
            required,
            description,
        })
}

#[derive(Debug, Clone)]
pub(crate) struct GenOperation {
    pub(crate) name: Option<String>,
    pub(crate) method: Option<&'static str>,
    pub(crate) path: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) params: Vec<GenParam>,
    pub(crate) body: Option<&'static str>,
}

fn gen_operation(resource_path: String) -> impl Strategy<Value = GenOperation> {
    let own_path = prop::option::weighted(0.15, path_template());
    own_path.prop_flat_map(move |own| {
        let path = own.clone().unwrap_or_else(|| resource_path.clone());
        (
            prop::option::weighted(
                0.95,
                prop_oneof![
                    3 => "[a-z][a-z0-9]{0,12}",
                    1 => prop::sample::select(&["dup", "dup", "type", "", "é", "a-b", "A"][..])
                        .prop_map(str::to_owned),
                ],
            ),
            prop::option::weighted(0.98, method()),
            Just(own.clone()),
            prop::option::of("\\PC{0,40}"),
            prop::collection::vec(gen_param(path), 0..6),
            prop::option::weighted(
                0.2,
                prop::sample::select(&["json", "form", "multipart", "xml", ""][..]),
            ),
        )
            .prop_map(
                |(name, method, path, description, params, body)| GenOperation {
                    name,
                    method,
                    path,
                    description,
                    params,
                    body,
                },
            )
    })
}

#[derive(Debug, Clone)]
pub(crate) struct GenResource {
    pub(crate) path: Option<String>,
    pub(crate) operations: Vec<GenOperation>,
}

fn gen_resource() -> impl Strategy<Value = GenResource> {
    prop::option::weighted(0.97, path_template()).prop_flat_map(|path| {
        let p = path.clone().unwrap_or_default();
        (Just(path), prop::collection::vec(gen_operation(p), 0..4))
            .prop_map(|(path, operations)| GenResource { path, operations })
    })
}

#[derive(Debug, Clone)]
pub(crate) struct GenCapability {
    pub(crate) namespace: Option<String>,
    pub(crate) base_uri: Option<String>,
    pub(crate) label: Option<String>,
    pub(crate) resources: Vec<GenResource>,
    pub(crate) hints: Vec<(Option<bool>, Option<bool>, Option<bool>)>,
    pub(crate) binds: Vec<String>,
}

pub(crate) fn gen_capability() -> impl Strategy<Value = GenCapability> {
    (
        prop::option::of(prop_oneof![Just("ns".to_owned()), "\\PC{0,6}"]),
        prop::option::of(prop_oneof![
            Just("https://gitlab.example.com".to_owned()),
            Just("https://{site}.example.com".to_owned()),
            Just(String::new()),
            "\\PC{0,10}",
        ]),
        prop::option::of("\\PC{0,20}"),
        prop::collection::vec(gen_resource(), 0..5),
        prop::collection::vec(
            (
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
            ),
            0..4,
        ),
        prop::collection::vec(
            prop_oneof![
                Just("API_KEY".to_owned()),
                Just("A_TOKEN".to_owned()),
                "\\PC{0,8}"
            ],
            0..3,
        ),
    )
        .prop_map(
            |(namespace, base_uri, label, resources, hints, binds)| GenCapability {
                namespace,
                base_uri,
                label,
                resources,
                hints,
                binds,
            },
        )
}

impl GenCapability {
    /// The capability as YAML (serialized, so every scalar is quoted where it must be).
    pub(crate) fn to_yaml(&self) -> String {
        use serde_yaml::{Mapping, Value};
        fn put(m: &mut Mapping, key: &str, value: impl Into<Value>) {
            m.insert(Value::from(key), value.into());
        }
        fn opt(m: &mut Mapping, key: &str, value: &Option<String>) {
            if let Some(v) = value {
                put(m, key, v.as_str());
            }
        }
        let mut resources = Vec::new();
        let mut calls = Vec::new();
        for (ri, r) in self.resources.iter().enumerate() {
            let mut res = Mapping::new();
            put(&mut res, "name", format!("resource-{ri}"));
            opt(&mut res, "path", &r.path);
            let mut ops = Vec::new();
            for o in &r.operations {
                let mut op = Mapping::new();
                opt(&mut op, "name", &o.name);
                if let Some(m) = o.method {
                    put(&mut op, "method", m);
                }
                opt(&mut op, "path", &o.path);
                opt(&mut op, "description", &o.description);
                put(&mut op, "outputRawFormat", "json");
                if let Some(kind) = o.body {
                    let mut body = Mapping::new();
                    put(&mut body, "type", kind);
                    put(&mut body, "data", "{{ x }}");
                    put(&mut op, "body", Value::Mapping(body));
                }
                let params: Vec<Value> = o
                    .params
                    .iter()
                    .map(|p| {
                        let mut pm = Mapping::new();
                        opt(&mut pm, "name", &p.name);
                        if let Some(l) = p.location {
                            put(&mut pm, "in", l);
                        }
                        if let Some(t) = p.ty {
                            put(&mut pm, "type", t);
                        }
                        opt(&mut pm, "description", &p.description);
                        if let Some(r) = p.required {
                            put(&mut pm, "required", r);
                        }
                        Value::Mapping(pm)
                    })
                    .collect();
                if !params.is_empty() {
                    put(&mut op, "inputParameters", Value::Sequence(params));
                }
                if let Some(name) = &o.name {
                    calls.push(format!(
                        "{}.{name}",
                        self.namespace.as_deref().unwrap_or_default()
                    ));
                }
                ops.push(Value::Mapping(op));
            }
            put(&mut res, "operations", Value::Sequence(ops));
            resources.push(Value::Mapping(res));
        }
        let mut consumes = Mapping::new();
        put(&mut consumes, "type", "http");
        opt(&mut consumes, "namespace", &self.namespace);
        opt(&mut consumes, "baseUri", &self.base_uri);
        put(&mut consumes, "resources", Value::Sequence(resources));
        let tools: Vec<Value> = self
            .hints
            .iter()
            .zip(calls)
            .map(|((r, d, i), call)| {
                let mut hints = Mapping::new();
                for (k, v) in [("readOnly", r), ("destructive", d), ("idempotent", i)] {
                    if let Some(v) = v {
                        put(&mut hints, k, *v);
                    }
                }
                let mut tool = Mapping::new();
                put(&mut tool, "name", "tool");
                put(&mut tool, "call", call);
                put(&mut tool, "hints", Value::Mapping(hints));
                Value::Mapping(tool)
            })
            .collect();
        let mut exposes = Mapping::new();
        put(&mut exposes, "type", "mcp");
        put(&mut exposes, "tools", Value::Sequence(tools));
        let mut capability = Mapping::new();
        put(
            &mut capability,
            "consumes",
            Value::Sequence(vec![Value::Mapping(consumes)]),
        );
        put(
            &mut capability,
            "exposes",
            Value::Sequence(vec![Value::Mapping(exposes)]),
        );
        let mut keys = Mapping::new();
        for b in &self.binds {
            put(&mut keys, b, b.as_str());
        }
        let mut bind = Mapping::new();
        put(&mut bind, "namespace", "env");
        put(&mut bind, "keys", Value::Mapping(keys));
        let mut info = Mapping::new();
        opt(&mut info, "label", &self.label);
        let mut root = Mapping::new();
        put(&mut root, "naftiko", "1.0.0-alpha2");
        put(&mut root, "info", Value::Mapping(info));
        put(
            &mut root,
            "binds",
            Value::Sequence(vec![Value::Mapping(bind)]),
        );
        put(&mut root, "capability", Value::Mapping(capability));
        serde_yaml::to_string(&Value::Mapping(root)).expect("a YAML value serializes")
    }
}
