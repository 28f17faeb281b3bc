//! Parameters the companion declares that the capability lacks.
//!
//! The rule, [`Companion::add_parameters`], runs after the overlay (which settles what
//! each body is) and before naming: for each operation found in both documents, every
//! parameter the companion declares and the capability does not have is joined, with a
//! warning listing them:
//!
//! - query, header and form parameters, in their location;
//! - for an upload (a body schema with a `file` field), the other fields of the body
//!   schema, but for the path variables: as **query** parameters when the body is the raw
//!   file (GitLab's API reads them from the query string then:
//!   `PUT …/generic/pkg/1.0/file.txt?status=hidden&select=package_file`, Debian's
//!   `?distribution=…&component=…`), as **form** fields beside the file when the body is
//!   `multipart/form-data` (PyPI's `name`, `version`, `sha256_digest` …). A JSON or form
//!   body keeps its fields in its type.
//!
//! The overlay runs before, so it cannot correct a parameter this adds: where one needs
//! correcting, the overlay declares nothing and the generator's warning says what was added.
//!
//! Their enumerations become enums in the companion stage, like the others'.

use crate::diagnostic::Diagnostic;
use crate::ir::{Api, BodyKind, Operation, Param, ParamLocation, ParamType, Unnamed};

use super::types::{Schema, scalar};
use super::{Companion, SwaggerOperation};

/// A parameter the companion declares for an operation.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Declared {
    pub(super) name: String,
    pub(super) location: ParamLocation,
    pub(super) ty: ParamType,
    pub(super) required: bool,
    pub(super) description: Option<String>,
    /// The enumeration's values (none for a free value).
    pub(super) values: Vec<String>,
}

impl Companion {
    /// The companion stage's first step: joins into `api` the parameters the companion
    /// declares and the capability lacks (see the module docs); returns the warnings that
    /// list them.
    pub fn add_parameters(&self, mut api: Api<Unnamed>) -> (Api<Unnamed>, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        for op in &mut api.operations {
            let method = op.method.as_str().to_ascii_lowercase();
            // An unreadable or missing operation is reported by the join.
            let Ok(Some(sw)) = self.operation(&op.raw_path, &method) else {
                continue;
            };
            let missing: Vec<Declared> = self
                .declared(&sw, op)
                .into_iter()
                .filter(|d| !op.params.iter().any(|p| p.wire_name == d.name))
                .collect();
            let added: Vec<String> = missing.iter().map(|d| d.name.clone()).collect();
            op.params.extend(missing.into_iter().map(param));
            if !added.is_empty() {
                warnings.push(
                    Diagnostic::new(format!(
                        "the capability lacks parameters the companion declares for `{}`; joined: {}",
                        op.signature(),
                        added
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .warning()
                    .in_file(&api.source_file)
                    .at(op.declared_at)
                    .operation(op.describe()),
                );
            }
        }
        (api, warnings)
    }

    /// The query, header and form parameters the companion declares for `op`, and for a
    /// raw upload the fields of its body schema (as query parameters).
    pub(super) fn declared<S: crate::ir::Stage>(
        &self,
        sw: &SwaggerOperation,
        op: &Operation<S>,
    ) -> Vec<Declared> {
        let mut out: Vec<Declared> = sw
            .parameters
            .iter()
            .filter_map(|p| {
                let location = match p.location.as_str() {
                    "query" => ParamLocation::Query,
                    "header" => ParamLocation::Header,
                    "formData" => ParamLocation::Form,
                    _ => return None,
                };
                Some(Declared {
                    name: p.name.clone(),
                    location,
                    ty: param_type(p.ty.as_deref()),
                    required: p.required,
                    description: p.description.clone(),
                    values: p.values.iter().flatten().filter_map(scalar).collect(),
                })
            })
            .collect();
        let location = match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Raw) => Some(ParamLocation::Query),
            Some(BodyKind::Multipart { .. }) => Some(ParamLocation::Form),
            _ => None,
        };
        if let Some(location) = location {
            let variables: Vec<&str> = op.path.variables().into_iter().map(|(n, _)| n).collect();
            let body = sw
                .parameters
                .iter()
                .find(|p| p.location == "body")
                .and_then(|p| p.schema.as_ref());
            let upload = body.and_then(|s| self.resolve(s)).filter(|schema| {
                schema
                    .property_values()
                    .any(|(_, p)| p.get("type").and_then(|t| t.as_str()) == Some("file"))
            });
            if let Some(schema) = upload {
                for (name, property) in schema.property_values() {
                    let get = |key: &str| property.get(key);
                    let ty = get("type").and_then(|t| t.as_str());
                    if ty == Some("file") || variables.contains(&name) {
                        continue;
                    }
                    out.push(Declared {
                        name: name.to_owned(),
                        location,
                        ty: param_type(ty),
                        required: schema.requires(name),
                        description: get("description")
                            .and_then(|d| d.as_str())
                            .map(str::to_owned),
                        values: get("enum")
                            .and_then(|e| e.as_sequence())
                            .into_iter()
                            .flatten()
                            .filter_map(scalar)
                            .collect(),
                    });
                }
            }
        }
        out
    }

    /// `schema`, or the definition it refers to.
    fn resolve<'a>(&'a self, schema: &'a Schema) -> Option<&'a Schema> {
        match schema.referenced_name() {
            Some(name) => self.document().definitions.get(name),
            None => Some(schema),
        }
    }
}

/// The IR parameter for a declared one.
fn param(d: Declared) -> Param<Unnamed> {
    let mut p = Param::new(&d.name, d.location, d.ty);
    p.required = d.required;
    p.description = d.description;
    p
}

/// A Swagger type as a parameter type (a string when absent or unknown).
fn param_type(ty: Option<&str>) -> ParamType {
    match ty {
        Some("integer") => ParamType::Integer,
        Some("number") => ParamType::Number,
        Some("boolean") => ParamType::Boolean,
        Some("array") => ParamType::StringList,
        _ => ParamType::String,
    }
}
