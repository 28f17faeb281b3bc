//! The types the companion's schemas denote: named schemas and nested objects become
//! [`TypeDef`]s, with the overlay's corrections ([`SchemaPatch`]) applied.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde::Deserialize;

use crate::corrections::{FieldPatch, SchemaPatch};
use crate::ir::{Field, TypeDef, TypeDefKind, TypeRef};
use crate::naming;

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct Schema {
    #[serde(rename = "type")]
    ty: Option<String>,
    format: Option<String>,
    #[serde(rename = "$ref")]
    reference: Option<String>,
    /// Kept in document order.
    properties: serde_yaml::Mapping,
    items: Option<Box<Schema>>,
    description: Option<String>,
    required: Vec<String>,
    /// `true`, or the schema of the values of keys it does not name.
    #[serde(rename = "additionalProperties")]
    additional_properties: Option<serde_yaml::Value>,
}

impl Schema {
    /// A `$ref` to the definition `name`.
    pub(super) fn reference_to(name: &str) -> Schema {
        Schema {
            reference: Some(format!("#/definitions/{name}")),
            ..Schema::default()
        }
    }

    /// The definition a `$ref` names (`#/definitions/Name`), if this is one.
    pub(super) fn referenced_name(&self) -> Option<&str> {
        self.reference.as_deref()?.strip_prefix("#/definitions/")
    }

    /// The properties, in document order: name and raw schema.
    pub(super) fn property_values(&self) -> impl Iterator<Item = (&str, &serde_yaml::Value)> {
        self.properties
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
    }

    /// The schema of the values of keys it does not name, when it has no properties of
    /// its own (a map).
    pub(super) fn additional_values(&self) -> Option<Schema> {
        match &self.additional_properties {
            Some(value @ serde_yaml::Value::Mapping(_)) if self.properties.is_empty() => {
                Schema::deserialize(value).ok()
            }
            Some(serde_yaml::Value::Bool(true)) if self.properties.is_empty() => {
                Some(Schema::default())
            }
            _ => None,
        }
    }

    /// Whether keys it does not name are allowed (`additionalProperties` true or a schema).
    pub(super) fn open_ended(&self) -> bool {
        matches!(
            self.additional_properties,
            Some(serde_yaml::Value::Bool(true) | serde_yaml::Value::Mapping(_))
        )
    }

    /// Whether property `name` is listed as required.
    pub(super) fn requires(&self, name: &str) -> bool {
        self.required.iter().any(|r| r == name)
    }
}

pub(super) fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The Rust name of a schema: `API_Entities_Packages_Conan_RecipeSnapshot` →
/// `ConanRecipeSnapshot`.
pub fn type_name(schema: &str) -> String {
    let name = schema.strip_prefix("API_Entities_").unwrap_or(schema);
    let name = match name.strip_prefix("Packages_") {
        Some(rest) if !rest.is_empty() => rest,
        _ => name,
    };
    let cleaned = camel(&name.replace('_', " "));
    match cleaned.chars().next() {
        // `Self` is the one UpperCamelCase keyword.
        Some(c) if c.is_ascii_alphabetic() && cleaned != "Self" => cleaned,
        _ => format!("Type{cleaned}"),
    }
}

/// An UpperCamelCase Rust type name (ASCII letters and digits, not `Self`): how the
/// overlay names its definitions; a companion schema named so (not `API_Entities_…`)
/// keeps its name too.
fn is_type_name(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_uppercase())
        && key.chars().all(|c| c.is_ascii_alphanumeric())
        && key != "Self"
}

/// UpperCamelCase of any text, keeping ASCII letters and digits only (`x²` → `X`): a part of
/// a type name that is an identifier whatever the documents call things.
pub(super) fn camel(text: &str) -> String {
    text.to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

pub(super) struct TypeBuilder<'a> {
    definitions: &'a BTreeMap<String, Schema>,
    patches: &'a BTreeMap<String, SchemaPatch>,
    /// Schema name → Rust name, for schemas converted or being converted.
    names: BTreeMap<String, String>,
    types: BTreeMap<String, TypeDef>,
}

impl<'a> TypeBuilder<'a> {
    pub(super) fn new(
        definitions: &'a BTreeMap<String, Schema>,
        patches: &'a BTreeMap<String, SchemaPatch>,
    ) -> Self {
        TypeBuilder {
            definitions,
            patches,
            names: BTreeMap::new(),
            types: BTreeMap::new(),
        }
    }

    /// Whether the schema `key` is one the overlay defines (named by its type name, where
    /// the companion's are `API_Entities_…` or named after operations).
    fn is_overlay_definition(&self, key: &str) -> bool {
        is_type_name(key) && self.definitions.contains_key(key)
    }

    pub(super) fn finish(self) -> Vec<TypeDef> {
        self.types.into_values().collect()
    }

    /// A string enum named `preferred` (merged with one of the same name whose values it
    /// extends or is part of), else `fallback`.
    pub(super) fn enumeration(
        &mut self,
        preferred: &str,
        fallback: &str,
        values: Vec<String>,
    ) -> String {
        for name in [preferred, fallback] {
            match self.types.get_mut(name) {
                None => {
                    self.types.insert(
                        name.to_owned(),
                        TypeDef {
                            name: name.to_owned(),
                            source: format!("enum of `{preferred}`"),
                            doc: None,
                            kind: TypeDefKind::Enum { values },
                        },
                    );
                    return name.to_owned();
                }
                Some(TypeDef {
                    kind: TypeDefKind::Enum { values: known },
                    ..
                }) => {
                    let overlap = values.iter().all(|v| known.contains(v))
                        || known.iter().all(|v| values.contains(v));
                    if overlap {
                        for v in values.iter() {
                            if !known.contains(v) {
                                known.push(v.clone());
                            }
                        }
                        return name.to_owned();
                    }
                }
                Some(_) => {}
            }
        }
        fallback.to_owned()
    }

    /// The type a schema denotes; named schemas and nested objects become [`TypeDef`]s.
    /// `context` names an inline object.
    pub(super) fn reference(&mut self, schema: &Schema, context: &str, request: bool) -> TypeRef {
        if let Some(target) = &schema.reference {
            let key = target.trim_start_matches("#/definitions/");
            return match self.definitions.get(key) {
                Some(def) => TypeRef::Named(self.named(key, def, request, context)),
                None => TypeRef::Json,
            };
        }
        match schema.ty.as_deref() {
            Some("array") => TypeRef::List(Box::new(
                schema.items.as_deref().map_or(TypeRef::Json, |items| {
                    self.reference(items, context, request)
                }),
            )),
            Some("object") if !schema.properties.is_empty() => {
                let name = self.unique(context);
                self.names.insert(format!("inline {name}"), name.clone());
                self.define(&name, &format!("`{context}`"), schema, request);
                TypeRef::Named(name)
            }
            // Keys that are data, values of one schema: a map.
            Some("object") | None if schema.additional_values().is_some() => {
                let values = schema.additional_values().unwrap_or_default();
                let value = self.reference(&values, &format!("{context}Value"), request);
                let name = self.unique(context);
                self.names.insert(format!("inline {name}"), name.clone());
                self.types.insert(
                    name.clone(),
                    TypeDef {
                        name: name.clone(),
                        source: format!("`{context}`"),
                        doc: schema.description.clone(),
                        kind: TypeDefKind::Map { value },
                    },
                );
                TypeRef::Named(name)
            }
            other => scalar_type(other, schema.format.as_deref(), ""),
        }
    }

    fn unique(&self, name: &str) -> String {
        let mut candidate = name.to_owned();
        let mut n = 2;
        while self.types.contains_key(&candidate) || self.names.values().any(|v| *v == candidate) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        candidate
    }

    /// The Rust name of the schema `key`, converting it on first use. A schema that is not
    /// a GitLab entity (a body schema named after its operation) is named by `context`.
    /// Two schemas the overlay gives one name share one type when their fields agree.
    fn named(&mut self, key: &str, def: &Schema, request: bool, context: &str) -> String {
        if let Some(name) = self.names.get(key) {
            return name.clone();
        }
        let patch = self.patches.get(key);
        let derived = if key.starts_with("API_Entities_") {
            type_name(key)
        } else if is_type_name(key) {
            // The overlay's definitions are named by their Rust type names.
            key.to_owned()
        } else {
            context.to_owned()
        };
        let wanted = patch.and_then(|p| p.name.clone()).unwrap_or(derived);
        if let Some(existing) = self.types.get(&wanted).cloned() {
            // Convert under a scratch name and compare shapes.
            let scratch = format!("{wanted}\u{0}");
            self.names.insert(key.to_owned(), scratch.clone());
            self.define(&scratch, key, def, request);
            let candidate = self.types.remove(&scratch);
            if candidate.map(|c| c.kind) == Some(existing.kind) {
                self.names.insert(key.to_owned(), wanted.clone());
                return wanted;
            }
            self.names.remove(key);
        }
        let name = self.unique(&wanted);
        self.names.insert(key.to_owned(), name.clone());
        self.define(&name, key, def, request);
        name
    }

    fn define(&mut self, name: &str, source: &str, schema: &Schema, request: bool) {
        let patch = self.patches.get(source).cloned().unwrap_or_default();
        if let Some(value) = &patch.map_of {
            let value = match self.definitions.get(value.as_str()) {
                Some(def) => TypeRef::Named(self.named(value, def, request, name)),
                None => scalar_type(Some(value.as_str()), None, ""),
            };
            self.types.insert(
                name.to_owned(),
                TypeDef {
                    name: name.to_owned(),
                    source: source.to_owned(),
                    doc: schema
                        .description
                        .clone()
                        .filter(|d| !d.ends_with(" model")),
                    kind: TypeDefKind::Map { value },
                },
            );
            return;
        }
        // A named schema whose keys are data (the overlay's `additionalProperties` without
        // properties): a map, as an inline one is.
        if let Some(values) = schema.additional_values() {
            let value = self.reference(&values, &format!("{name}Value"), request);
            self.types.insert(
                name.to_owned(),
                TypeDef {
                    name: name.to_owned(),
                    source: source.to_owned(),
                    doc: schema.description.clone(),
                    kind: TypeDefKind::Map { value },
                },
            );
            return;
        }
        let mut fields = Vec::new();
        for (key, value) in &schema.properties {
            let Some(wire) = scalar(key) else { continue };
            let property = Schema::deserialize(value).unwrap_or_default();
            let context = format!("{name}{}", camel(&wire));
            let ty = match patch.fields.get(&wire) {
                Some(FieldPatch { ty: Some(t), list }) => {
                    let base = match self.definitions.get(t.as_str()) {
                        Some(def) => TypeRef::Named(self.named(t, def, request, &context)),
                        // An enum the parameters make (`PackageType`, `Status`): the same
                        // type in answers as in filters.
                        None if t.starts_with(|c: char| c.is_ascii_uppercase()) => {
                            TypeRef::Named(t.clone())
                        }
                        None => scalar_type(Some(t.as_str()), None, &wire),
                    };
                    if *list {
                        TypeRef::List(Box::new(base))
                    } else {
                        base
                    }
                }
                Some(FieldPatch {
                    ty: None,
                    list: true,
                }) => match self.reference(&property, &context, request) {
                    TypeRef::List(inner) => TypeRef::List(inner),
                    other => TypeRef::List(Box::new(other)),
                },
                _ => match self.reference(&property, &context, request) {
                    TypeRef::Integer if naming::is_id_name(&wire) => TypeRef::Id,
                    other => other,
                },
            };
            // The overlay's own definitions say what is required; GitLab's schemas do not
            // (they mark fields required that answers omit).
            let required = patch.required.contains(&wire)
                || (self.is_overlay_definition(source) && schema.requires(&wire));
            fields.push(Field {
                required,
                wire_name: wire,
                ty,
                doc: property.description.clone(),
            });
        }
        // Fields GitLab sends that the schema lacks, added by the overlay.
        for (wire, field) in &patch.fields {
            if fields.iter().any(|f| f.wire_name == *wire) {
                continue;
            }
            let Some(t) = &field.ty else { continue };
            let base = match self.definitions.get(t.as_str()) {
                Some(def) => TypeRef::Named(self.named(t, def, request, name)),
                None => scalar_type(Some(t.as_str()), None, wire),
            };
            fields.push(Field {
                required: patch.required.contains(wire),
                wire_name: wire.clone(),
                ty: if field.list {
                    TypeRef::List(Box::new(base))
                } else {
                    base
                },
                doc: None,
            });
        }
        self.types.insert(
            name.to_owned(),
            TypeDef {
                name: name.to_owned(),
                source: source.to_owned(),
                doc: schema
                    .description
                    .clone()
                    .filter(|d| !d.ends_with(" model")),
                kind: TypeDefKind::Struct {
                    fields,
                    request,
                    rest: schema.open_ended(),
                },
            },
        );
    }
}

/// The type of a schema that is not an object or a list.
fn scalar_type(ty: Option<&str>, format: Option<&str>, field: &str) -> TypeRef {
    match (ty, format) {
        (Some("string"), Some("date-time")) | (Some("date_time"), _) => TypeRef::DateTime,
        (Some("string"), _) => TypeRef::String,
        (Some("integer"), _) if naming::is_id_name(field) => TypeRef::Id,
        (Some("integer"), _) => TypeRef::Integer,
        (Some("id"), _) => TypeRef::Id,
        (Some("number"), _) => TypeRef::Number,
        (Some("boolean"), _) => TypeRef::Boolean,
        (Some("json"), _) => TypeRef::Json,
        _ => TypeRef::Json,
    }
}
