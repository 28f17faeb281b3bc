//! The companion Swagger 2.0 document: what the capability lost.
//!
//! The capability types every response as an untyped object and every body as a string.
//! GitLab's own Swagger document for the same operations carries response schemas, body
//! schemas and enumerations. It is an optional second input, joined into the IR by
//! (method, path): the generator works without it, and an operation present in one
//! document but not the other is reported as a warning, not an error.
//!
//! What the join brings:
//!
//! - **Response types**: the schema of the first `2xx` answer, as a [`TypeRef`];
//! - **Body types**: the schema of a JSON, form or multipart body;
//! - **Enumerations** of query parameters (`order_by`, `sort`, `package_type`, `status`,
//!   Conan `file_name` …), as string enums that keep unknown values;
//! - **Notes**: the operation's description where it adds to its summary.
//!
//! Schema names become readable Rust names: `API_Entities_Package` → `Package`,
//! `API_Entities_Packages_Conan_RecipeSnapshot` → `ConanRecipeSnapshot`; a body schema
//! named after its operation becomes `{Operation}Body`. Nested objects become their own
//! types, named after their parent and field (`Package` + `_links` → `PackageLinks`).
//!
//! GitLab's schemas mark fields `required` that its answers omit or send as `null`, so a
//! field is an `Option` unless the overlay lists it as always present.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use heck::ToUpperCamelCase;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::ir::{Api, BodyKind, Field, ParamLocation, ResponseKind, TypeDef, TypeDefKind, TypeRef};
use crate::naming;
use crate::source_map::SourceMap;

/// A parsed companion document.
#[derive(Debug)]
pub struct Companion {
    file: PathBuf,
    source_map: SourceMap,
    document: Document,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Document {
    swagger: Option<String>,
    paths: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
    definitions: BTreeMap<String, Schema>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SwaggerOperation {
    description: Option<String>,
    summary: Option<String>,
    parameters: Vec<SwaggerParameter>,
    responses: BTreeMap<String, SwaggerResponse>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SwaggerParameter {
    name: String,
    #[serde(rename = "in")]
    location: String,
    #[serde(rename = "enum")]
    values: Option<Vec<serde_yaml::Value>>,
    items: Option<Schema>,
    schema: Option<Schema>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SwaggerResponse {
    schema: Option<Schema>,
}

/// A JSON schema, as Swagger 2.0 writes it (the subset GitLab uses).
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
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

impl Companion {
    /// Reads and parses a companion document.
    pub fn load(file: &Path) -> Result<Companion, Diagnostics> {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Diagnostics::from(
                Diagnostic::new(format!("cannot read the companion document: {e}")).in_file(file),
            )
        })?;
        Self::parse(file, &text)
    }

    /// Parses a companion document from its text; `file` is used in diagnostics.
    pub fn parse(file: &Path, text: &str) -> Result<Companion, Diagnostics> {
        let document: Document = serde_yaml::from_str(text).map_err(|e| {
            let location = e.location().map(|l| Location {
                line: l.line(),
                column: l.column(),
            });
            Diagnostics::from(
                Diagnostic::new(format!("cannot parse the companion document: {e}"))
                    .in_file(file)
                    .at(location),
            )
        })?;
        if document.swagger.as_deref() != Some("2.0") {
            return Err(Diagnostic::new(
                "the companion document is not Swagger 2.0 (`swagger: '2.0'` is missing)",
            )
            .in_file(file)
            .into());
        }
        Ok(Companion {
            file: file.to_owned(),
            source_map: SourceMap::new(text),
            document,
        })
    }

    fn operation(
        &self,
        path: &str,
        method: &str,
    ) -> Result<Option<SwaggerOperation>, Box<Diagnostic>> {
        let Some(value) = self
            .document
            .paths
            .get(path)
            .and_then(|ops| ops.get(method))
        else {
            return Ok(None);
        };
        serde_yaml::from_value(value.clone())
            .map(Some)
            .map_err(|e| {
                Box::new(
                    Diagnostic::new(format!(
                        "cannot read the companion's `{} {path}`: {e}",
                        method.to_uppercase()
                    ))
                    .in_file(&self.file)
                    .at(self
                        .source_map
                        .locate(&format!("/paths/{}/{method}", escape(path)))),
                )
            })
    }

    /// Joins the companion into `api`; returns warnings for operations found in only one
    /// of the two documents.
    pub fn join(
        &self,
        api: &mut Api,
        schemas: &SchemaPatches,
    ) -> Result<Vec<Diagnostic>, Diagnostics> {
        let mut warnings = Vec::new();
        let mut errors = Diagnostics::default();
        let mut types = TypeBuilder::new(&self.document.definitions, schemas);
        let mut matched = BTreeSet::new();
        for op in &mut api.operations {
            let method = op.method.as_str().to_ascii_lowercase();
            let sw = match self.operation(&op.raw_path, &method) {
                Ok(Some(sw)) => sw,
                Ok(None) => {
                    warnings.push(
                        Diagnostic::new(format!(
                            "the companion has no operation `{}`: it is generated without types",
                            op.signature()
                        ))
                        .warning()
                        .in_file(&self.file)
                        .operation(op.describe()),
                    );
                    continue;
                }
                Err(e) => {
                    errors.push(*e);
                    continue;
                }
            };
            matched.insert((op.raw_path.clone(), method));
            let summary = sw.summary.as_deref().unwrap_or_default().trim();
            op.notes = sw
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty() && *d != summary && *d != op.summary)
                .map(str::to_owned);
            for p in &sw.parameters {
                let values = p
                    .values
                    .as_ref()
                    .or_else(|| p.items.as_ref().and(None))
                    .map(|v| v.iter().filter_map(scalar).collect::<Vec<_>>());
                let Some(values) = values.filter(|v| !v.is_empty()) else {
                    continue;
                };
                let Some(param) = op
                    .params
                    .iter_mut()
                    .find(|q| q.wire_name == p.name && location_matches(q.location, &p.location))
                else {
                    continue;
                };
                let preferred = param
                    .enum_type
                    .clone()
                    .unwrap_or_else(|| type_name(&p.name));
                let fallback = format!("{}{}", op.rust_name.to_upper_camel_case(), camel(&p.name));
                param.enum_type = Some(types.enumeration(&preferred, &fallback, values));
            }
            if op.response == ResponseKind::Json {
                let schema = sw
                    .responses
                    .iter()
                    .filter(|(code, _)| code.starts_with('2'))
                    .find_map(|(_, r)| r.schema.as_ref());
                if let Some(schema) = schema {
                    let ty = types.reference(
                        schema,
                        &format!("{}Response", op.rust_name.to_upper_camel_case()),
                        false,
                    );
                    op.response_type = Some(match (ty, op.response_list) {
                        (TypeRef::List(inner), _) => TypeRef::List(inner),
                        (ty, true) => TypeRef::List(Box::new(ty)),
                        (ty, false) => ty,
                    });
                }
            }
            // Multipart bodies carry a file the runtime streams; their metadata stays a form.
            let typed = |b: &&mut crate::ir::Body| {
                matches!(b.kind, BodyKind::Json | BodyKind::Form) && b.ty.is_none()
            };
            if let Some(body) = op.body.as_mut().filter(typed) {
                let schema = sw
                    .parameters
                    .iter()
                    .find(|p| p.location == "body")
                    .and_then(|p| p.schema.as_ref());
                if let Some(schema) = schema {
                    let name = format!("{}Body", op.rust_name.to_upper_camel_case());
                    body.ty = Some(types.reference(schema, &name, true));
                }
            }
        }
        for (path, ops) in &self.document.paths {
            for method in ops.keys().filter(|m| METHODS.contains(&m.as_str())) {
                if !matched.contains(&(path.clone(), method.clone())) {
                    warnings.push(
                        Diagnostic::new(format!(
                            "the companion's operation `{} {path}` is not in the capability; it is ignored",
                            method.to_uppercase()
                        ))
                        .warning()
                        .in_file(&self.file)
                        .at(self.source_map.locate(&format!("/paths/{}/{method}", escape(path)))),
                    );
                }
            }
        }
        api.types = types.finish();
        errors.into_result(warnings)
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn location_matches(location: ParamLocation, swagger: &str) -> bool {
    matches!(
        (location, swagger),
        (ParamLocation::Query, "query")
            | (ParamLocation::Path, "path" | "query")
            | (ParamLocation::Header, "header")
            | (ParamLocation::Form, "formData")
    )
}

/// Corrections to schemas that neither document expresses, from the overlay.
#[derive(Debug, Default, Clone)]
pub struct SchemaPatches {
    /// By schema name.
    pub schemas: BTreeMap<String, SchemaPatch>,
}

/// Corrections to one schema.
#[derive(Debug, Default, Clone)]
pub struct SchemaPatch {
    /// The Rust name, replacing the derived one.
    pub name: Option<String>,
    /// Fields always present and never null.
    pub required: Vec<String>,
    /// Field types, replacing the schema's; a field the schema lacks is added.
    pub fields: BTreeMap<String, FieldPatch>,
    /// The object is a map from keys that are data to values of this type (GitLab's
    /// `merge: true` entities, which the schema describes as one wrapping field).
    pub map_of: Option<String>,
}

/// A field's corrected type.
#[derive(Debug, Default, Clone)]
pub struct FieldPatch {
    /// `string`, `integer`, `id`, `number`, `boolean`, `date_time`, `json`, or a schema name.
    pub ty: Option<String>,
    /// A list of that type.
    pub list: bool,
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

/// UpperCamelCase of any text, keeping ASCII letters and digits only (`x²` → `X`): a part of
/// a type name that is an identifier whatever the documents call things.
fn camel(text: &str) -> String {
    text.to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

struct TypeBuilder<'a> {
    definitions: &'a BTreeMap<String, Schema>,
    patches: &'a SchemaPatches,
    /// Schema name → Rust name, for schemas converted or being converted.
    names: BTreeMap<String, String>,
    types: BTreeMap<String, TypeDef>,
}

impl<'a> TypeBuilder<'a> {
    fn new(definitions: &'a BTreeMap<String, Schema>, patches: &'a SchemaPatches) -> Self {
        TypeBuilder {
            definitions,
            patches,
            names: BTreeMap::new(),
            types: BTreeMap::new(),
        }
    }

    fn finish(self) -> Vec<TypeDef> {
        self.types.into_values().collect()
    }

    /// A string enum named `preferred` (merged with one of the same name whose values it
    /// extends or is part of), else `fallback`.
    fn enumeration(&mut self, preferred: &str, fallback: &str, values: Vec<String>) -> String {
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
    fn reference(&mut self, schema: &Schema, context: &str, request: bool) -> TypeRef {
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
        let patch = self.patches.schemas.get(key);
        let derived = if key.starts_with("API_Entities_") {
            type_name(key)
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
        let patch = self
            .patches
            .schemas
            .get(source)
            .cloned()
            .unwrap_or_default();
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
        let mut fields = Vec::new();
        let mut taken = BTreeSet::new();
        for (key, value) in &schema.properties {
            let Some(wire) = scalar(key) else { continue };
            let property: Schema = serde_yaml::from_value(value.clone()).unwrap_or_default();
            let context = format!("{name}{}", camel(&wire));
            let ty = match patch.fields.get(&wire) {
                Some(FieldPatch { ty: Some(t), list }) => {
                    let base = match self.definitions.get(t.as_str()) {
                        Some(def) => TypeRef::Named(self.named(t, def, request, &context)),
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
            let mut rust = naming::ident(&wire);
            while !taken.insert(rust.clone()) {
                rust.push('_');
            }
            fields.push(Field {
                required: patch.required.contains(&wire),
                wire_name: wire,
                rust_name: rust,
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
            let mut rust = naming::ident(wire);
            while !taken.insert(rust.clone()) {
                rust.push('_');
            }
            fields.push(Field {
                required: patch.required.contains(wire),
                wire_name: wire.clone(),
                rust_name: rust,
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
                kind: TypeDefKind::Struct { fields, request },
            },
        );
    }
}

/// The type named in the overlay: `string`, `integer`, `id`, `number`, `boolean`,
/// `date_time` or `json`.
pub fn scalar_type_named(name: &str) -> Option<TypeRef> {
    match name {
        "string" | "integer" | "id" | "number" | "boolean" | "date_time" | "json" => {
            Some(scalar_type(Some(name), None, ""))
        }
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lower, naming, normalize, spec};

    const CAPABILITY: &str = "\
naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/projects/{id}/packages
      operations:
      - name: list
        method: GET
        inputParameters:
        - {name: id, in: path, type: string, description: The ID or URL-encoded path of the project}
        - {name: sort, in: query, type: string}
    - path: /api/v4/groups/{id}/packages
      operations:
      - name: listgroup
        method: GET
        inputParameters:
        - {name: id, in: path, type: string, description: The ID or URL-encoded path of the group}
        - {name: sort, in: query, type: string}
    - path: /api/v4/projects/{id}/only-here
      operations:
      - name: onlyhere
        method: GET
";

    const COMPANION: &str = "\
swagger: '2.0'
paths:
  /api/v4/projects/{id}/packages:
    get:
      summary: List
      description: Introduced in GitLab 11.8
      parameters:
      - {in: query, name: sort, type: string, enum: [asc, desc]}
      responses:
        '200':
          schema: {type: array, items: {$ref: '#/definitions/API_Entities_Package'}}
  /api/v4/groups/{id}/packages:
    get:
      parameters:
      - {in: query, name: sort, type: string, enum: [asc]}
      responses:
        '200':
          schema: {$ref: '#/definitions/Missing'}
  /api/v4/only-in-the-companion:
    get: {}
definitions:
  API_Entities_Package:
    type: object
    properties:
      id: {type: integer}
      created_at: {type: string, format: date-time}
      project_id: {type: integer}
      size: {type: integer}
";

    fn joined() -> (Api, Vec<Diagnostic>) {
        let loaded = spec::parse(Path::new("c.yaml"), CAPABILITY).unwrap();
        let mut api = lower::lower(&loaded).unwrap();
        normalize::normalize(&loaded, &mut api).unwrap();
        for op in &mut api.operations {
            op.response = ResponseKind::Json;
        }
        naming::name_all(&loaded, &mut api).unwrap();
        let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
        let warnings = companion.join(&mut api, &SchemaPatches::default()).unwrap();
        (api, warnings)
    }

    #[test]
    fn responses_enums_and_notes_are_joined_by_method_and_path() {
        let (api, _) = joined();
        let list = &api.operations[0];
        assert_eq!(
            list.response_type,
            Some(TypeRef::List(Box::new(TypeRef::Named("Package".into()))))
        );
        assert_eq!(list.notes.as_deref(), Some("Introduced in GitLab 11.8"));
        let sort = list.params.iter().find(|p| p.wire_name == "sort").unwrap();
        assert_eq!(sort.enum_type.as_deref(), Some("Sort"));
        // The group's `sort` has a subset of the values: one enum serves both.
        let group_sort = api.operations[1]
            .params
            .iter()
            .find(|p| p.wire_name == "sort")
            .unwrap();
        assert_eq!(group_sort.enum_type.as_deref(), Some("Sort"));
        // A reference to a schema that does not exist is untyped JSON, not a failure.
        assert_eq!(api.operations[1].response_type, Some(TypeRef::Json));
        let package = api.types.iter().find(|t| t.name == "Package").unwrap();
        let TypeDefKind::Struct { fields, request } = &package.kind else {
            panic!("a struct")
        };
        assert!(!request);
        let types: Vec<(&str, &TypeRef, bool)> = fields
            .iter()
            .map(|f| (f.rust_name.as_str(), &f.ty, f.required))
            .collect();
        assert_eq!(
            types,
            [
                ("id", &TypeRef::Id, false),
                ("created_at", &TypeRef::DateTime, false),
                ("project_id", &TypeRef::Id, false),
                ("size", &TypeRef::Integer, false),
            ]
        );
        let sort = api.types.iter().find(|t| t.name == "Sort").unwrap();
        assert_eq!(
            sort.kind,
            TypeDefKind::Enum {
                values: vec!["asc".into(), "desc".into()]
            }
        );
    }

    #[test]
    fn operations_in_only_one_document_are_warnings() {
        let (_, warnings) = joined();
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("no operation `GET /api/v4/projects/{id}/only-here`"));
        assert!(
            messages[1].contains("`GET /api/v4/only-in-the-companion` is not in the capability")
        );
        assert!(warnings.iter().all(|w| w.warning));
    }

    #[test]
    fn a_document_that_is_not_swagger_2_is_refused() {
        let e = Companion::parse(Path::new("s.yml"), "openapi: 3.0.0\n").unwrap_err();
        assert!(e.0[0].message.contains("not Swagger 2.0"), "{e}");
    }

    #[test]
    fn schema_names_become_readable_rust_names() {
        assert_eq!(type_name("API_Entities_Package"), "Package");
        assert_eq!(type_name("API_Entities_PackageFile"), "PackageFile");
        assert_eq!(
            type_name("API_Entities_Package_Pipeline"),
            "PackagePipeline"
        );
        assert_eq!(
            type_name("API_Entities_Packages_Conan_RecipeSnapshot"),
            "ConanRecipeSnapshot"
        );
        assert_eq!(
            type_name("API_Entities_Packages_Debian_Distribution"),
            "DebianDistribution"
        );
        assert_eq!(
            type_name("API_Entities_Nuget_ServiceIndex"),
            "NugetServiceIndex"
        );
        assert_eq!(type_name("API_Entities_NpmPackageTag"), "NpmPackageTag");
    }
}
