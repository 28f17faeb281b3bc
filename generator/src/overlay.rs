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
//! ```
//!
//! A target that names no operation, a target listed twice, or an action that does not fit
//! (`multipart_file` without `body: multipart`) is an error with the overlay's file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::ir::{Api, Body, BodyKind, ResponseKind};
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
    #[allow(dead_code)]
    note: Option<String>,
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

/// `get  /x` → `GET /x`.
fn normalize_target(target: &str) -> String {
    match target.split_once(char::is_whitespace) {
        Some((method, path)) => format!("{} {}", method.to_ascii_uppercase(), path.trim()),
        None => target.to_owned(),
    }
}
