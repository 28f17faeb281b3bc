//! The companion Swagger 2.0 document: what the capability lost.
//!
//! The companion stage, [`Companion::join`]: input the named [`Api`] and the overlay's
//! [`TypeCorrections`], output the typed `Api` (its `types`, the operations' response and
//! body types, enums and notes) and the warnings found.
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
//!
//! Last, the overlay's `type_names` rename generated types (`OrderBy` → `PackageOrderBy`).

mod parameters;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use heck::ToUpperCamelCase;
use serde::Deserialize;

use crate::corrections::{TypeCorrections, TypeRename};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{
    Api, Body, BodyKind, Operation, ParamLocation, ResponseKind, TypeDefKind, TypeRef,
};
use crate::yaml::{self, Positions};

pub use types::{Schema, type_name};
use types::{TypeBuilder, camel, scalar};

/// A parsed companion document.
#[derive(Debug)]
pub struct Companion {
    parsed: yaml::Parsed<Document>,
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
    #[serde(rename = "type")]
    ty: Option<String>,
    required: bool,
    description: Option<String>,
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

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

impl Companion {
    /// Reads and parses a companion document.
    pub fn load(file: &Path) -> Result<Companion, Diagnostics> {
        Self::checked(yaml::load(file, "companion document", Positions::OnLookup)?)
    }

    /// Parses a companion document from its text; `file` is used in diagnostics.
    pub fn parse(file: &Path, text: &str) -> Result<Companion, Diagnostics> {
        Self::checked(yaml::parse(
            file,
            "companion document",
            text,
            Positions::OnLookup,
        )?)
    }

    /// The document, if it says it is Swagger 2.0.
    fn checked(parsed: yaml::Parsed<Document>) -> Result<Companion, Diagnostics> {
        if parsed.value.swagger.as_deref() != Some("2.0") {
            return Err(Diagnostic::new(
                "the companion document is not Swagger 2.0 (`swagger: '2.0'` is missing)",
            )
            .in_file(&parsed.file)
            .into());
        }
        Ok(Companion { parsed })
    }

    fn document(&self) -> &Document {
        &self.parsed.value
    }

    /// A diagnostic at the companion's operation `method` (lower-case) `path`.
    fn error_at(&self, path: &str, method: &str, message: String) -> Diagnostic {
        self.parsed
            .error(&format!("/paths/{}/{method}", yaml::escape(path)), message)
    }

    fn operation(
        &self,
        path: &str,
        method: &str,
    ) -> Result<Option<SwaggerOperation>, Box<Diagnostic>> {
        let Some(value) = self
            .document()
            .paths
            .get(path)
            .and_then(|ops| ops.get(method))
        else {
            return Ok(None);
        };
        SwaggerOperation::deserialize(value).map(Some).map_err(|e| {
            Box::new(self.error_at(
                path,
                method,
                format!(
                    "cannot read the companion's `{} {path}`: {e}",
                    method.to_uppercase()
                ),
            ))
        })
    }

    /// The companion stage: joins the companion into `api` with the overlay's
    /// `corrections`, then renames types as they say; returns the warnings for operations
    /// found in only one of the two documents.
    pub fn join(
        &self,
        mut api: Api,
        corrections: &TypeCorrections,
    ) -> Result<(Api, Vec<Diagnostic>), Diagnostics> {
        let mut warnings = Vec::new();
        let mut errors = Diagnostics::default();
        let definitions = self.definitions(corrections, &mut errors);
        let mut types = TypeBuilder::new(&definitions, &corrections.schemas);
        let mut matched = BTreeSet::new();
        for op in &mut api.operations {
            if let Some(name) = &op.response_schema {
                if !definitions.contains_key(name) {
                    errors.push(
                        Diagnostic::new(format!(
                            "the overlay's `response_schema: {name}` names no definition of the companion or the overlay"
                        ))
                        .operation(op.describe()),
                    );
                    continue;
                }
            }
            let mut also = Vec::new();
            for name in &op.also_answers {
                if definitions.contains_key(name) {
                    let fallback = format!("{}Answer", op.rust_name.to_upper_camel_case());
                    also.push(types.reference(&Schema::reference_to(name), &fallback, false));
                } else {
                    errors.push(
                        Diagnostic::new(format!(
                            "the overlay's `also_answers: {name}` names no definition of the companion or the overlay"
                        ))
                        .operation(op.describe()),
                    );
                }
            }
            op.also_answer_types = also;
            let method = op.method.as_str().to_ascii_lowercase();
            let sw = match self.operation(&op.raw_path, &method) {
                Ok(Some(sw)) => sw,
                Ok(None) if op.response_schema.is_some() => {
                    join_operation(op, &SwaggerOperation::default(), &[], &mut types);
                    continue;
                }
                Ok(None) => {
                    warnings.push(
                        Diagnostic::new(format!(
                            "the companion has no operation `{}`: it is generated without types",
                            op.signature()
                        ))
                        .warning()
                        .in_file(&self.parsed.file)
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
            let declared = self.declared(&sw, op);
            join_operation(op, &sw, &declared, &mut types);
        }
        for (path, ops) in &self.document().paths {
            for method in ops.keys().filter(|m| METHODS.contains(&m.as_str())) {
                if !matched.contains(&(path.clone(), method.clone())) {
                    warnings.push(
                        self.error_at(path, method, format!(
                            "the companion's operation `{} {path}` is not in the capability; it is ignored",
                            method.to_uppercase()
                        ))
                        .warning(),
                    );
                }
            }
        }
        check_answer_actions(&api, &mut errors);
        api.types = types.finish();
        let warnings = errors.into_result(warnings)?;
        rename_types(&mut api, &corrections.type_names)?;
        Ok((api, warnings))
    }
}

impl Companion {
    /// The companion's definitions with the overlay's; a name defined in both, or an
    /// overlay definition that is not a schema, is an error at the overlay's line.
    fn definitions(
        &self,
        corrections: &TypeCorrections,
        errors: &mut Diagnostics,
    ) -> BTreeMap<String, Schema> {
        let mut all = self.document().definitions.clone();
        for (name, definition) in &corrections.definitions {
            let error = |message: String| {
                Diagnostic::new(message)
                    .in_file(&definition.file)
                    .at(definition.at)
            };
            if all.contains_key(name) {
                errors.push(error(format!(
                    "definition `{name}` is also a definition of the companion: correct that one with `schemas`"
                )));
                continue;
            }
            match Schema::deserialize(&definition.schema) {
                Ok(schema) => {
                    all.insert(name.clone(), schema);
                }
                Err(e) => errors.push(error(format!("definition `{name}` is not a schema: {e}"))),
            }
        }
        all
    }
}

/// Joins the companion's operation `sw` into `op`: its notes, the enums of its parameters,
/// its response type and its body type.
fn join_operation(
    op: &mut Operation,
    sw: &SwaggerOperation,
    declared: &[parameters::Declared],
    types: &mut TypeBuilder<'_>,
) {
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
    // The enums of the fields of a raw upload's body schema, sent in the query.
    for d in declared.iter().filter(|d| !d.values.is_empty()) {
        if sw.parameters.iter().any(|p| p.name == d.name) {
            continue;
        }
        let Some(param) = op
            .params
            .iter_mut()
            .find(|q| q.wire_name == d.name && q.location == d.location && q.enum_type.is_none())
        else {
            continue;
        };
        let fallback = format!("{}{}", op.rust_name.to_upper_camel_case(), camel(&d.name));
        param.enum_type = Some(types.enumeration(&type_name(&d.name), &fallback, d.values.clone()));
    }
    if op.response == ResponseKind::Json {
        let overlay_schema = op
            .response_schema
            .as_ref()
            .map(|name| Schema::reference_to(name));
        let schema = overlay_schema.as_ref().or_else(|| {
            sw.responses
                .iter()
                .filter(|(code, _)| code.starts_with('2'))
                .find_map(|(_, r)| r.schema.as_ref())
        });
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
    let typed = |b: &&mut Body| matches!(b.kind, BodyKind::Json | BodyKind::Form) && b.ty.is_none();
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

/// The overlay's `untyped` and `response_nullable` once the types are joined: a reason to
/// leave an answer untyped where a schema types it contradicts the schema, and only a typed
/// answer that is not a list of pages can be an `Option`.
fn check_answer_actions(api: &Api, errors: &mut Diagnostics) {
    for op in &api.operations {
        let typed = op
            .response_type
            .as_ref()
            .is_some_and(|ty| *ty != TypeRef::Json);
        if op.untyped.is_some() && typed {
            errors.push(
                Diagnostic::new(format!(
                    "the overlay leaves `{}` untyped, but the companion types its answer: remove `untyped`",
                    op.signature()
                ))
                .operation(op.describe()),
            );
        }
        if op.response_nullable && (!typed || op.pagination.is_some()) {
            errors.push(
                Diagnostic::new(format!(
                    "the overlay's `response_nullable` for `{}` needs a typed answer that is not paged",
                    op.signature()
                ))
                .operation(op.describe()),
            );
        }
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

/// Renames generated types as the overlay's `type_names` say (`OrderBy: PackageOrderBy`).
fn rename_types(api: &mut Api, renames: &[TypeRename]) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::default();
    for TypeRename { from, to, file, at } in renames {
        let error = |message: String| Diagnostic::new(message).in_file(file).at(*at);
        if !api.types.iter().any(|t| t.name == *from) {
            errors.push(error(format!(
                "`type_names` renames `{from}`, which is not a generated type"
            )));
            continue;
        }
        if api.types.iter().any(|t| t.name == *to) {
            errors.push(error(format!(
                "`type_names` renames `{from}` to `{to}`, which already exists"
            )));
            continue;
        }
        rename_type(api, from, to);
    }
    api.types.sort_by(|a, b| a.name.cmp(&b.name));
    errors.into_result(())
}

/// Renames the type `from` to `to` everywhere it is used.
fn rename_type(api: &mut Api, from: &str, to: &str) {
    fn visit(ty: &mut TypeRef, from: &str, to: &str) {
        match ty {
            TypeRef::Named(n) if n == from => *n = to.to_owned(),
            TypeRef::List(inner) => visit(inner, from, to),
            _ => {}
        }
    }
    for t in &mut api.types {
        if t.name == from {
            t.name = to.to_owned();
        }
        match &mut t.kind {
            TypeDefKind::Struct { fields, .. } => {
                for f in fields {
                    visit(&mut f.ty, from, to);
                }
            }
            TypeDefKind::Map { value } => visit(value, from, to),
            TypeDefKind::Enum { .. } => {}
        }
    }
    for op in &mut api.operations {
        if let Some(ty) = &mut op.response_type {
            visit(ty, from, to);
        }
        if let Some(ty) = op.body.as_mut().and_then(|b| b.ty.as_mut()) {
            visit(ty, from, to);
        }
        for p in &mut op.params {
            if p.enum_type.as_deref() == Some(from) {
                p.enum_type = Some(to.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests;
