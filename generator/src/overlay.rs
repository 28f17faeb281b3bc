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
//! ```
//!
//! A target that names no operation, a target listed twice, or an action that does not fit
//! (`multipart_file` without `body: multipart`, a parameter the operation lacks,
//! `one_segment` on anything but a glob) is an error with the overlay's file and line.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::ir::{Api, Body, BodyKind, Operation, ParamType, PathPart, ResponseKind};
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
            Diagnostics::from(
                Diagnostic::new(format!("cannot parse the overlay: {e}"))
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
        Ok(Overlay {
            file: file.to_owned(),
            source_map: SourceMap::new(text),
            document,
        })
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
                    })
                }
            }
        }
        errors.into_result(())
    }
}

/// Applies one `params` entry to the operation's parameter `name`.
fn apply_param(op: &mut Operation, name: &str, change: &ParamAction) -> Result<(), String> {
    let target = op.signature();
    let Some(param) = op.params.iter_mut().find(|p| p.wire_name == name) else {
        return Err(format!(
            "overlay changes parameter `{name}`, which `{target}` does not have"
        ));
    };
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
