//! The overlay: corrections to a capability that the capability cannot express.
//!
//! A small YAML file of targeted actions, applied to the IR after lowering:
//!
//! ```yaml
//! overlay: 1
//! operations:
//!   - target: GET /api/v4/projects/{id}/packages   # "METHOD path" exactly as in the capability
//!     rename: list_project_packages                 # the Rust method name (overrides the naming rule)
//!     response: json                                # json | text | bytes | empty | raw
//!   - target: PUT /api/v4/projects/{id}/packages/nuget
//!     response: empty
//!     body: multipart                               # raw | json | form | multipart (adds a body the capability forgot)
//!     multipart_file: package                       # the file field of a multipart body
//!     note: why, for the reader                     # ignored by the generator
//!   - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/(*path/){file_name}
//!     params:
//!       package_version:
//!         one_segment: true                         # a glob the server reads as one segment
//!       id:
//!         type: integer                             # string | integer | boolean | id_or_path
//!       order_by:
//!         enum: PackageOrderBy                      # the name of its enum (companion values)
//!   - target: GET /api/v4/projects/{id}/packages/{package_id}/pipelines
//!     response_list: true                           # the companion's schema is one item of a list
//!   - target: PUT /api/v4/projects/{id}/packages/npm/-/package/*package_name/dist-tags/{tag}
//!     body_type: string                             # the body's type, where the schema is wrong
//! schemas:                                          # corrections to the companion's schemas
//!   API_Entities_Package:
//!     name: Package                                 # the Rust type's name
//!     required: [id, name]                          # fields always present (others are `Option`)
//!     fields:
//!       tags: { type: json }                        # string | integer | id | number | boolean
//!       pipelines: { list: true }                   #   | date_time | json | a schema name
//!                                                   # (a field the schema lacks is added)
//!   API_Entities_NpmPackageTag:
//!     map_of: string                                # keys are data: `{"latest": "1.0.0"}`
//! type_names:                                       # generated type → Rust name
//!   OrderBy: PackageOrderBy
//! ```
//!
//! A target that names no operation, a target listed twice, or an action that does not fit
//! (`multipart_file` without `body: multipart`, a parameter the operation lacks,
//! `one_segment` on anything but a glob) is an error with the overlay's file and line.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::companion::{FieldPatch, SchemaPatch, SchemaPatches};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::ir::{
    Api, Body, BodyKind, Operation, ParamType, PathPart, ResponseKind, TypeDefKind, TypeRef,
};
use crate::source_map::SourceMap;

/// A parsed overlay file.
#[derive(Debug)]
pub struct Overlay {
    file: PathBuf,
    source_map: SourceMap,
    document: Document,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    overlay: u32,
    #[serde(default)]
    operations: Vec<Action>,
    #[serde(default)]
    schemas: BTreeMap<String, SchemaAction>,
    #[serde(default)]
    type_names: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaAction {
    name: Option<String>,
    map_of: Option<String>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    fields: BTreeMap<String, FieldAction>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldAction {
    #[serde(rename = "type")]
    ty: Option<String>,
    #[serde(default)]
    list: bool,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    target: String,
    rename: Option<String>,
    response: Option<ResponseName>,
    body: Option<BodyName>,
    multipart_file: Option<String>,
    #[serde(default)]
    response_list: bool,
    body_type: Option<String>,
    #[serde(default)]
    params: BTreeMap<String, ParamAction>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParamAction {
    #[serde(rename = "type")]
    ty: Option<TypeName>,
    one_segment: Option<bool>,
    #[serde(rename = "enum")]
    enum_name: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum TypeName {
    String,
    Integer,
    Boolean,
    IdOrPath,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum ResponseName {
    Json,
    Text,
    Bytes,
    Empty,
    Raw,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum BodyName {
    Raw,
    Json,
    Form,
    Multipart,
}

impl Overlay {
    /// Reads and parses an overlay file.
    pub fn load(file: &Path) -> Result<Overlay, Diagnostics> {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Diagnostics::from(
                Diagnostic::new(format!("cannot read the overlay: {e}")).in_file(file),
            )
        })?;
        Self::parse(file, &text)
    }

    /// Parses an overlay from its text; `file` is used in diagnostics.
    pub fn parse(file: &Path, text: &str) -> Result<Overlay, Diagnostics> {
        let document: Document = serde_yaml::from_str(text).map_err(|e| {
            let location = e.location().map(|l| Location {
                line: l.line(),
                column: l.column(),
            });
            let message = e.to_string();
            let message = message
                .find(" at line ")
                .map_or(message.as_str(), |cut| &message[..cut])
                .to_owned();
            Diagnostics::from(
                Diagnostic::new(format!("cannot parse the overlay: {message}"))
                    .in_file(file)
                    .at(location),
            )
        })?;
        if document.overlay != 1 {
            return Err(Diagnostic::new(format!(
                "unsupported overlay version {} (this generator reads version 1)",
                document.overlay
            ))
            .in_file(file)
            .into());
        }
        let overlay = Overlay {
            file: file.to_owned(),
            source_map: SourceMap::new(text),
            document,
        };
        overlay.check_type_names()?;
        Ok(overlay)
    }

    /// The Rust type names the overlay gives (`enum`, a schema's `name`, `type_names`) must
    /// be identifiers: they are emitted as such.
    fn check_type_names(&self) -> Result<(), Diagnostics> {
        let mut errors = Diagnostics::default();
        let mut check = |name: &str, what: &str, pointer: String| {
            if !is_type_name(name) {
                errors.push(
                    Diagnostic::new(format!("{what} `{name}` is not a Rust type name"))
                        .in_file(&self.file)
                        .at(self.source_map.locate(&pointer))
                        .hint("use an UpperCamelCase name of ASCII letters and digits, e.g. `PackageOrderBy`"),
                );
            }
        };
        for (n, action) in self.document.operations.iter().enumerate() {
            for (param, change) in &action.params {
                if let Some(name) = &change.enum_name {
                    check(
                        name,
                        "`enum`",
                        format!("/operations/{n}/params/{param}/enum"),
                    );
                }
            }
        }
        for (key, schema) in &self.document.schemas {
            if let Some(name) = &schema.name {
                check(name, "`name`", format!("/schemas/{key}/name"));
            }
        }
        for (from, to) in &self.document.type_names {
            check(to, "`type_names` target", format!("/type_names/{from}"));
        }
        errors.into_result(())
    }

    /// Renames generated types (`OrderBy: PackageOrderBy`), after the companion join.
    pub fn rename_types(&self, api: &mut Api) -> Result<(), Diagnostics> {
        let mut errors = Diagnostics::default();
        for (from, to) in &self.document.type_names {
            let error = |message: String| {
                Diagnostic::new(message)
                    .in_file(&self.file)
                    .at(self.source_map.locate(&format!("/type_names/{from}")))
            };
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

    /// The schema corrections, for the companion join.
    pub fn schema_patches(&self) -> SchemaPatches {
        SchemaPatches {
            schemas: self
                .document
                .schemas
                .iter()
                .map(|(key, s)| {
                    let patch = SchemaPatch {
                        name: s.name.clone(),
                        map_of: s.map_of.clone(),
                        required: s.required.clone(),
                        fields: s
                            .fields
                            .iter()
                            .map(|(f, a)| {
                                (
                                    f.clone(),
                                    FieldPatch {
                                        ty: a.ty.clone(),
                                        list: a.list,
                                    },
                                )
                            })
                            .collect(),
                    };
                    (key.clone(), patch)
                })
                .collect(),
        }
    }

    /// Applies every action to `api`; reports every action that does not fit.
    pub fn apply(&self, api: &mut Api) -> Result<(), Diagnostics> {
        let mut errors = Diagnostics::default();
        let index: HashMap<String, usize> = api
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.signature(), i))
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (n, action) in self.document.operations.iter().enumerate() {
            let pointer = format!("/operations/{n}");
            let error = |message: String| {
                Diagnostic::new(message)
                    .in_file(&self.file)
                    .at(self.source_map.locate(&pointer))
            };
            let target = action.target.trim();
            if let Some(first) = seen.insert(target, n) {
                errors.push(error(format!(
                    "overlay target `{target}` appears twice (also entry {})",
                    first + 1
                )));
                continue;
            }
            let Some(&i) = index.get(&normalize_target(target)) else {
                errors.push(
                    error(format!("overlay target `{target}` names no operation of the capability"))
                        .hint("write the target as `METHOD path`, with the path exactly as in the capability"),
                );
                continue;
            };
            let op = &mut api.operations[i];
            if let Some(name) = &action.rename {
                op.rust_name = name.clone();
            }
            op.response_list |= action.response_list;
            if let Some(name) = &action.body_type {
                match (crate::companion::scalar_type_named(name), op.body.as_mut()) {
                    (Some(ty), Some(body)) => body.ty = Some(ty),
                    (None, _) => errors.push(error(format!(
                        "`body_type: {name}` is not one of string, integer, id, number, boolean, date_time, json"
                    ))),
                    (_, None) => errors.push(error(format!(
                        "`body_type` for `{target}`, which has no body"
                    ))),
                }
            }
            for (name, change) in &action.params {
                if let Err(message) = apply_param(op, name, change) {
                    errors.push(
                        Diagnostic::new(message)
                            .in_file(&self.file)
                            .at(self.source_map.locate(&format!("{pointer}/params/{name}")))
                            .operation(op.describe())
                            .parameter(name),
                    );
                }
            }
            if let Some(response) = action.response {
                op.response = match response {
                    ResponseName::Json => ResponseKind::Json,
                    ResponseName::Text => ResponseKind::Text,
                    ResponseName::Bytes => ResponseKind::Bytes,
                    ResponseName::Empty => ResponseKind::Empty,
                    ResponseName::Raw => ResponseKind::Raw,
                };
            }
            if action.multipart_file.is_some() && !matches!(action.body, Some(BodyName::Multipart))
            {
                errors.push(error(format!(
                    "`multipart_file` goes with `body: multipart` only (`{target}`)"
                )));
                continue;
            }
            let kind = match (action.body, &action.multipart_file) {
                (None, _) => continue,
                (Some(BodyName::Raw), _) => BodyKind::Raw,
                (Some(BodyName::Json), _) => BodyKind::Json,
                (Some(BodyName::Form), _) => BodyKind::Form,
                (Some(BodyName::Multipart), Some(field)) => BodyKind::Multipart {
                    file_field: field.clone(),
                },
                (Some(BodyName::Multipart), None) => {
                    errors.push(
                        error(format!("`body: multipart` for `{target}` needs `multipart_file`"))
                            .hint("name the form field that carries the file, e.g. `multipart_file: package`"),
                    );
                    continue;
                }
            };
            match &mut op.body {
                Some(body) => body.kind = kind,
                // The capability forgot the body (e.g. an upload declared without one).
                None => {
                    op.body = Some(Body {
                        wire_name: "body".into(),
                        kind,
                        required: true,
                        description: None,
                        ty: None,
                    })
                }
            }
        }
        errors.into_result(())
    }
}

/// An UpperCamelCase Rust type name: an ASCII capital, then ASCII letters and digits.
fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// Applies one `params` entry to the operation's parameter `name`.
fn apply_param(op: &mut Operation, name: &str, change: &ParamAction) -> Result<(), String> {
    let target = op.signature();
    let Some(param) = op.params.iter_mut().find(|p| p.wire_name == name) else {
        return Err(format!(
            "overlay changes parameter `{name}`, which `{target}` does not have"
        ));
    };
    if let Some(name) = &change.enum_name {
        param.enum_type = Some(name.clone());
    }
    if let Some(ty) = change.ty {
        param.ty = match ty {
            TypeName::String => ParamType::String,
            TypeName::Integer => ParamType::Integer,
            TypeName::Boolean => ParamType::Boolean,
            TypeName::IdOrPath => ParamType::IdOrPath,
        };
    }
    if change.one_segment == Some(true) && !make_one_segment(&mut op.path.parts, name) {
        return Err(format!(
            "`one_segment` needs a glob variable `*{name}` in the path of `{target}`"
        ));
    }
    Ok(())
}

/// Turns the glob `*name` into a one-segment variable; false if there is no such glob.
fn make_one_segment(parts: &mut [PathPart], name: &str) -> bool {
    parts.iter_mut().any(|part| match part {
        PathPart::Glob(n) if n == name => {
            *part = PathPart::Var(name.to_owned());
            true
        }
        PathPart::Optional(inner) => make_one_segment(inner, name),
        _ => false,
    })
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

/// `get  /x` → `GET /x`.
fn normalize_target(target: &str) -> String {
    match target.split_once(char::is_whitespace) {
        Some((method, path)) => format!("{} {}", method.to_ascii_uppercase(), path.trim()),
        None => target.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ParamLocation;
    use crate::{lower, normalize, spec};

    const CAPABILITY: &str = "\
naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
      operations:
      - name: getfile
        method: GET
        inputParameters:
        - name: id
          in: path
          type: string
          description: The ID or URL-encoded path of the project
    - path: /api/v4/projects/{id}/packages/rpm
      operations:
      - name: postrpm
        method: POST
";

    fn api() -> Api {
        let loaded = spec::parse(Path::new("c.yaml"), CAPABILITY).unwrap();
        let mut api = lower::lower(&loaded).unwrap();
        normalize::normalize(&loaded, &mut api).unwrap();
        api
    }

    fn apply(overlay: &str) -> Result<Api, Diagnostics> {
        let mut api = api();
        Overlay::parse(Path::new("o.yaml"), overlay)?.apply(&mut api)?;
        Ok(api)
    }

    #[test]
    fn actions_change_names_kinds_types_and_segments() {
        let api = apply(
            "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    rename: get_file
    response: bytes
    params:
      id:
        type: integer
      package_version:
        one_segment: true
  - target: post /api/v4/projects/{id}/packages/rpm
    body: raw
",
        )
        .unwrap();
        let get = &api.operations[0];
        assert_eq!(get.rust_name, "get_file");
        assert_eq!(get.response, ResponseKind::Bytes);
        let id = get.params.iter().find(|p| p.wire_name == "id").unwrap();
        assert_eq!(
            (id.ty, id.location),
            (ParamType::Integer, ParamLocation::Path)
        );
        assert!(
            get.path
                .parts
                .contains(&PathPart::Var("package_version".into()))
        );
        assert!(
            !get.path
                .parts
                .iter()
                .any(|p| matches!(p, PathPart::Glob(_)))
        );
        let post = &api.operations[1];
        assert_eq!(post.body.as_ref().map(|b| &b.kind), Some(&BodyKind::Raw));
    }

    fn messages(overlay: &str) -> Vec<String> {
        apply(overlay)
            .unwrap_err()
            .0
            .iter()
            .map(|d| format!("{}@{}", d.message, d.location.map_or(0, |l| l.line)))
            .collect()
    }

    #[test]
    fn actions_that_do_not_fit_are_errors_with_their_line() {
        let errors = messages(
            "overlay: 1
operations:
  - target: GET /api/v4/nowhere
    response: json
  - target: POST /api/v4/projects/{id}/packages/rpm
    params:
      missing:
        type: integer
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    params:
      file_name:
        one_segment: true
  - target: POST /api/v4/projects/{id}/packages/rpm
    body: multipart
",
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(
            errors[0].starts_with("overlay target `GET /api/v4/nowhere` names no operation")
                && errors[0].ends_with("@3"),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("parameter `missing`") && e.ends_with("@7")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(
                |e| e.contains("`one_segment` needs a glob variable `*file_name`")
                    && e.ends_with("@11")
            ),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.contains("appears twice")),
            "{errors:?}"
        );
    }

    #[test]
    fn body_types_and_type_names_are_checked() {
        let errors = messages(
            "overlay: 1
operations:
  - target: POST /api/v4/projects/{id}/packages/rpm
    body_type: text
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    body_type: string
",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("`body_type: text` is not one of"),
            "{errors:?}"
        );
        assert!(errors[1].contains("which has no body"), "{errors:?}");
        let overlay = Overlay::parse(
            Path::new("o.yaml"),
            "overlay: 1\ntype_names:\n  Nope: Yes\n",
        )
        .unwrap();
        let e = overlay.rename_types(&mut api()).unwrap_err();
        assert!(
            e.0[0]
                .message
                .contains("renames `Nope`, which is not a generated type"),
            "{e}"
        );
        assert_eq!(e.0[0].location.map(|l| l.line), Some(3));
    }

    #[test]
    fn unknown_keys_and_versions_are_refused() {
        let e = Overlay::parse(
            Path::new("o.yaml"),
            "overlay: 1\noperations:\n  - target: GET /x\n    renmae: y\n",
        )
        .unwrap_err();
        assert!(e.0[0].message.contains("unknown field `renmae`"), "{e}");
        let e = Overlay::parse(Path::new("o.yaml"), "overlay: 2\n").unwrap_err();
        assert!(
            e.0[0].message.contains("unsupported overlay version 2"),
            "{e}"
        );
        let e = messages(
            "overlay: 1\noperations:\n  - target: POST /api/v4/projects/{id}/packages/rpm\n    body: multipart\n",
        );
        assert!(e[0].contains("needs `multipart_file`"), "{e:?}");
    }
}
