//! Random companion documents: Swagger 2.0 schemas, parameters and operations.

use proptest::prelude::*;

use crate::capabilities::gen_capability;
use crate::golden;
use crate::overlays::{gen_overlay_for, targets_and_params_of};
use crate::paths::path_template;
use crate::tame::tame_capability;
use crate::values::method;

/// Names for schemas, properties and parameters of a companion.
fn companion_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&[
            "API_Entities_Package", "API_Entities_Packages_Debian_Distribution",
            "API_Entities_", "API_Entities_Packages_", "API_Entities_Packages_1",
            "API_Entities_1x", "postApiV4Projects", "id", "name", "_links", "type", "self",
            "Self", "Other", "other", "__", "_", "", " ", "1", "1x", "a b", "a-b", "x²",
            "é", "ÿ", "ⅸ", "日本", "🦀", "A", "a", "sort", "order_by", "package_type",
            "a[b]", "$filter", "id_or_path", "value", "Value",
        ][..]).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

/// A YAML scalar, as an enum value or a mapping key.
fn companion_scalar() -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    prop_oneof![
        6 => companion_name().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::from),
        1 => Just(Value::Null),
    ]
}

fn mapping(entries: Vec<(&str, serde_yaml::Value)>) -> serde_yaml::Value {
    serde_yaml::Value::Mapping(
        entries
            .into_iter()
            .map(|(k, v)| (serde_yaml::Value::from(k), v))
            .collect(),
    )
}

/// A schema: scalars, references (to a definition, a missing one, itself), arrays and
/// inline objects, nested a few levels.
fn companion_schema(definitions: Vec<String>) -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    let mut references = definitions;
    references.extend([
        "Missing".to_owned(),
        String::new(),
        "#/definitions".to_owned(),
    ]);
    let leaf = prop_oneof![
        4 => (
            prop::sample::select(&[
                "string", "integer", "number", "boolean", "object", "array", "file", "",
                "date_time", "json", "id", "null",
            ][..]),
            prop::option::weighted(0.3, prop::sample::select(&["date-time", "int32", "", "uuid"][..])),
        )
            .prop_map(|(ty, format)| {
                let mut entries = vec![("type", Value::from(ty))];
                if let Some(f) = format {
                    entries.push(("format", Value::from(f)));
                }
                mapping(entries)
            }),
        3 => prop::sample::select(references)
            .prop_map(|r| mapping(vec![("$ref", Value::from(format!("#/definitions/{r}")))])),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            2 => inner.clone().prop_map(|items| mapping(vec![
                ("type", Value::from("array")),
                ("items", items),
            ])),
            1 => inner.clone().prop_map(|items| mapping(vec![("items", items)])),
            3 => (
                prop::collection::vec(
                    (
                        companion_scalar(),
                        prop_oneof![
                            // Properties are read leniently: any value is a schema.
                            8 => inner,
                            1 => companion_scalar(),
                            1 => Just(Value::Sequence(Vec::new())),
                        ],
                    ),
                    0..5,
                ),
                prop::option::of("\\PC{0,12}"),
            )
                .prop_map(|(properties, description)| {
                    let mut entries = vec![
                        ("type", Value::from("object")),
                        (
                            "properties",
                            Value::Mapping(properties.into_iter().collect()),
                        ),
                    ];
                    if let Some(d) = description {
                        entries.push(("description", Value::from(d)));
                    }
                    mapping(entries)
                }),
        ]
    })
}

/// One Swagger parameter, named like one of the capability's or not.
fn companion_parameter(
    names: Vec<(String, String)>,
    definitions: Vec<String>,
) -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    let names = if names.is_empty() {
        vec![("id".to_owned(), "path".to_owned())]
    } else {
        names
    };
    let locations = &["query", "path", "header", "formData", "body", "cookie", ""][..];
    let name_and_location = prop_oneof![
        // As the capability declares it (an enum to join)…
        6 => prop::sample::select(names.clone()),
        // …or elsewhere, or another name.
        1 => (prop::sample::select(names), prop::sample::select(locations))
            .prop_map(|((n, _), l)| (n, l.to_owned())),
        1 => (companion_name(), prop::sample::select(locations))
            .prop_map(|(n, l)| (n, l.to_owned())),
    ];
    (
        name_and_location,
        prop::option::weighted(
            0.7,
            prop::collection::vec(companion_scalar(), 0..5).prop_map(Value::Sequence),
        ),
        prop::option::weighted(0.2, companion_schema(definitions.clone())),
        prop::option::weighted(0.3, companion_schema(definitions)),
    )
        .prop_map(|((name, location), values, items, schema)| {
            let location = if location == "formData" || location.is_empty() {
                location
            } else {
                location.to_ascii_lowercase()
            };
            let mut entries = vec![
                ("name", Value::from(name)),
                ("in", Value::from(location)),
                ("type", Value::from("string")),
            ];
            if let Some(v) = values {
                entries.push(("enum", v));
            }
            if let Some(i) = items {
                entries.push(("items", i));
            }
            if let Some(s) = schema {
                entries.push(("schema", s));
            }
            mapping(entries)
        })
}

/// A Swagger 2.0 document for (mostly) the capability's operations.
fn gen_companion(
    targets: Vec<String>,
    params: Vec<(String, String)>,
) -> impl Strategy<Value = (Vec<String>, String)> {
    use serde_yaml::Value;
    prop::collection::vec(companion_name(), 0..6).prop_flat_map(move |mut definitions| {
        definitions.sort();
        definitions.dedup();
        let mut targets = targets.clone();
        targets.push("GET /api/v4/only/in/the/companion".to_owned());
        let operation = (
            prop_oneof![
                8 => prop::sample::select(targets),
                1 => (method(), path_template()).prop_map(|(m, p)| format!("{m} {p}")),
            ],
            prop::option::of("\\PC{0,12}"),
            prop::option::of("\\PC{0,12}"),
            prop::collection::vec(
                companion_parameter(params.clone(), definitions.clone()),
                0..4,
            ),
            prop::collection::vec(
                (
                    prop::sample::select(&["200", "201", "204", "2xx", "default", "404", ""][..]),
                    prop::option::weighted(0.8, companion_schema(definitions.clone())),
                ),
                0..3,
            ),
        );
        (
            Just(definitions.clone()),
            prop::collection::vec(operation, 0..8),
            prop::collection::vec(companion_schema(definitions.clone()), definitions.len()),
            prop_oneof![40 => Just("2.0"), 1 => Just("3.0")],
        )
            .prop_map(|(definitions, operations, schemas, version)| {
                let mut paths = serde_yaml::Mapping::new();
                for (target, summary, description, parameters, responses) in operations {
                    let (method, path) = target.split_once(' ').unwrap_or(("GET", &target));
                    let mut op = vec![("parameters", Value::Sequence(parameters))];
                    if let Some(s) = summary {
                        op.push(("summary", Value::from(s)));
                    }
                    if let Some(d) = description {
                        op.push(("description", Value::from(d)));
                    }
                    let responses: serde_yaml::Mapping = responses
                        .into_iter()
                        .map(|(code, schema)| {
                            let mut r = vec![("description", Value::from("answer"))];
                            if let Some(s) = schema {
                                r.push(("schema", s));
                            }
                            (Value::from(code), mapping(r))
                        })
                        .collect();
                    op.push(("responses", Value::Mapping(responses)));
                    let entry = paths
                        .entry(Value::from(path))
                        .or_insert_with(|| Value::Mapping(serde_yaml::Mapping::new()));
                    if let Value::Mapping(m) = entry {
                        m.insert(Value::from(method.to_ascii_lowercase()), mapping(op));
                    }
                }
                let definitions_map: serde_yaml::Mapping = definitions
                    .iter()
                    .cloned()
                    .zip(schemas)
                    .map(|(name, schema)| (Value::from(name), schema))
                    .collect();
                let document = mapping(vec![
                    ("swagger", Value::from(version)),
                    ("paths", Value::Mapping(paths)),
                    ("definitions", Value::Mapping(definitions_map)),
                ]);
                (
                    definitions,
                    serde_yaml::to_string(&document).expect("a YAML value serializes"),
                )
            })
    })
}

/// A capability (golden or generated), a companion for it and an overlay for both.
pub(crate) fn capability_companion_overlay() -> impl Strategy<Value = (String, String, String)> {
    let capability = prop_oneof![
        2 => prop::sample::select(vec!["companion", "overlay", "formats", "odd-names", "minimal"])
            .prop_map(|name| golden(name).capability.clone()),
        2 => tame_capability().prop_map(|c| c.to_yaml()),
        1 => gen_capability().prop_map(|c| c.to_yaml()),
    ];
    capability.prop_flat_map(|capability| {
        let (targets, params) = targets_and_params_of(&capability);
        let names: Vec<String> = params.iter().map(|(n, _)| n.clone()).collect();
        gen_companion(targets.clone(), params).prop_flat_map(move |(definitions, companion)| {
            (
                Just(capability.clone()),
                Just(companion),
                gen_overlay_for(targets.clone(), names.clone(), definitions)
                    .prop_map(|o| o.to_yaml()),
            )
        })
    })
}
