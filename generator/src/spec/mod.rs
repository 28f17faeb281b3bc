//! The Naftiko capability as written: a lenient serde model.
//!
//! Real capability files do not validate against the official `1.0.0-alpha2` schema (their
//! parameters carry `type`, `description` and `required`), so every field is optional here
//! and unknown fields are ignored. Checking what is required happens when lowering to the
//! IR, where a missing piece can be reported with its position.
//!
//! Loading also follows the `consumes` entries that `import` a block of another file
//! (`location:`), relative to the file that imports (module `imports`).

mod imports;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::source_map::SourceMap;
use crate::yaml::{self, Positions};

/// A capability file: the document root.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Document {
    /// The dialect version, e.g. `1.0.0-alpha2` (a number such as `2.0` is read as text).
    #[serde(deserialize_with = "scalar_text")]
    pub naftiko: Option<String>,
    /// Title and description.
    pub info: Info,
    /// Bindings of external values (environment variables) to names.
    pub binds: Vec<Bind>,
    /// HTTP APIs declared at the file's top level (the schema allows them there, to be
    /// shared or imported by other files).
    pub consumes: Vec<Consumes>,
    /// What the capability consumes and exposes.
    pub capability: Capability,
}

impl Document {
    /// Every `consumes` entry with its pointer in the document: the top-level ones, then
    /// the capability's.
    pub fn consumes_entries(&self) -> impl Iterator<Item = (String, &Consumes)> {
        let top = self
            .consumes
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("/consumes/{i}"), c));
        let scoped = self
            .capability
            .consumes
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("/capability/consumes/{i}"), c));
        top.chain(scoped)
    }
}

/// A scalar (string, number, boolean) as text; anything else as absent.
fn scalar_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::String(s) => Some(s),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// `info`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Info {
    /// Human title.
    pub label: Option<String>,
    /// Longer description.
    pub description: Option<String>,
}

/// One entry of `binds`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Bind {
    /// Where the values come from (`env`).
    pub namespace: Option<String>,
    /// Name in the capability → name in the namespace.
    pub keys: std::collections::BTreeMap<String, String>,
}

/// `capability`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Capability {
    /// The HTTP APIs consumed.
    pub consumes: Vec<Consumes>,
    /// Adapters exposing the capability (REST, MCP); only MCP tool hints are used.
    pub exposes: Vec<Exposes>,
}

/// One consumed HTTP API, or an entry importing one from another file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Consumes {
    /// `http`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Namespace that `call` targets refer to.
    pub namespace: Option<String>,
    /// Server root, e.g. `https://gitlab.com`.
    pub base_uri: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// How requests authenticate.
    pub authentication: Option<Authentication>,
    /// Parameters injected into every request of the block (not generated: a warning).
    pub input_parameters: Vec<serde_yaml::Value>,
    /// Resources (paths) and their operations.
    pub resources: Vec<Resource>,
    /// For an imported block: the namespace of the block imported.
    #[serde(deserialize_with = "scalar_text")]
    pub import: Option<String>,
    /// For an imported block: the file it is declared in (relative to this one, or a
    /// `file:` URI); without it, this file's top-level `consumes`.
    #[serde(deserialize_with = "scalar_text")]
    pub location: Option<String>,
    /// For an imported block: the namespace it is known by here.
    #[serde(rename = "as", deserialize_with = "scalar_text")]
    pub alias: Option<String>,
}

/// A block's `authentication`: `type` and the fields of each type (`bearer`: `token`;
/// `apikey`: `key`, `value`, `placement`; `basic`: `username`, `password`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Authentication {
    /// `bearer`, `apikey`, `basic`, `digest`, `oauth2`.
    #[serde(rename = "type", deserialize_with = "scalar_text")]
    pub kind: Option<String>,
    /// A bearer token (usually an expression: `{{TOKEN}}`).
    #[serde(deserialize_with = "scalar_text")]
    pub token: Option<String>,
    /// The header or query parameter of an API key.
    #[serde(deserialize_with = "scalar_text")]
    pub key: Option<String>,
    /// An API key's value.
    #[serde(deserialize_with = "scalar_text")]
    pub value: Option<String>,
    /// Where an API key goes: `header` (the default) or `query`.
    #[serde(deserialize_with = "scalar_text")]
    pub placement: Option<String>,
    /// Where an API key goes, as some files write it.
    #[serde(rename = "in", deserialize_with = "scalar_text")]
    pub location: Option<String>,
    /// HTTP Basic's user name.
    #[serde(deserialize_with = "scalar_text")]
    pub username: Option<String>,
    /// HTTP Basic's password.
    #[serde(deserialize_with = "scalar_text")]
    pub password: Option<String>,
}

/// A resource: one path template.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Resource {
    /// Resource name.
    pub name: Option<String>,
    /// Path template, e.g. `/api/v4/projects/{id}/packages`.
    pub path: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Parameters every operation of the resource takes (an operation's own of the same
    /// name and location take precedence).
    #[serde(rename = "inputParameters")]
    pub input_parameters: Vec<Parameter>,
    /// Operations on this path.
    pub operations: Vec<Operation>,
}

/// One HTTP operation.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Operation {
    /// Operation name (unique within the namespace).
    pub name: Option<String>,
    /// HTTP method.
    pub method: Option<String>,
    /// Per-operation path, overriding the resource's.
    pub path: Option<String>,
    /// Description (GitLab's summary).
    pub description: Option<String>,
    /// Declared response format (`json` everywhere in practice, often wrongly).
    pub output_raw_format: Option<String>,
    /// Parameters.
    pub input_parameters: Vec<Parameter>,
    /// A `body:` block (`type: json|form`, template); its presence is noted.
    pub body: Option<serde_yaml::Value>,
}

/// One input parameter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Parameter {
    /// Wire name.
    pub name: Option<String>,
    /// Location: `path`, `query`, `header`, `body`, `formData`.
    #[serde(rename = "in")]
    pub location: Option<String>,
    /// Declared type: `string`, `integer`, `boolean`, `array`, `file`, `number`, `object`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether it must be given.
    pub required: Option<bool>,
}

/// One exposing adapter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Exposes {
    /// `rest` or `mcp`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// MCP tools.
    pub tools: Vec<Tool>,
}

/// An MCP tool: one per consumed operation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Tool {
    /// Tool name.
    pub name: Option<String>,
    /// `namespace.operation` of the consumed operation it calls.
    pub call: Option<String>,
    /// Behaviour hints.
    pub hints: Option<Hints>,
}

/// MCP tool hints.
#[derive(Debug, Default, Deserialize, Clone, Copy)]
#[serde(default, rename_all = "camelCase")]
pub struct Hints {
    /// Does not change anything.
    pub read_only: Option<bool>,
    /// May destroy data.
    pub destructive: Option<bool>,
    /// Repeating it has no further effect.
    pub idempotent: Option<bool>,
}

/// A parsed capability file with what is needed to point into it.
#[derive(Debug)]
pub struct Loaded {
    /// The file's path, as given.
    pub file: PathBuf,
    /// The document.
    pub document: Document,
    /// Positions of its nodes.
    pub source_map: SourceMap,
    /// The files its `consumes` entries import, directly or through other imported
    /// files, each once (their own `imported` is empty).
    pub imported: Vec<Loaded>,
}

impl Loaded {
    /// The position of the node at `pointer`, e.g. `/capability/consumes/0/resources/2`.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        self.source_map.locate(pointer)
    }

    /// A diagnostic located at `pointer` in this file.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(&self.file)
            .at(self.locate(pointer))
    }
}

/// Parses a capability from its text, and reads the files it imports (relative to
/// `file`'s folder). `file` is used in diagnostics only.
pub fn parse(file: &Path, text: &str) -> Result<Loaded, Diagnostics> {
    let mut loaded =
        yaml::parse(file, "capability", text, Positions::Alongside).map(Loaded::from)?;
    imports::follow(&mut loaded)?;
    Ok(loaded)
}

/// Reads and parses a capability file and the files it imports.
pub fn load(file: &Path) -> Result<Loaded, Diagnostics> {
    let mut loaded = load_one(file)?;
    imports::follow(&mut loaded)?;
    Ok(loaded)
}

/// Reads and parses one capability file, without following its imports.
fn load_one(file: &Path) -> Result<Loaded, Diagnostics> {
    yaml::load(file, "capability", Positions::Alongside).map(Loaded::from)
}

pub use imports::resolve_location;
pub(crate) use imports::same_file;

impl From<yaml::Parsed<Document>> for Loaded {
    fn from(parsed: yaml::Parsed<Document>) -> Self {
        Loaded {
            file: parsed.file,
            document: parsed.value,
            source_map: parsed.source_map,
            imported: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_file_line_and_column() {
        let errs = parse(
            Path::new("bad.yaml"),
            "naftiko: 1.0.0-alpha2\ncapability: [\n",
        )
        .unwrap_err();
        let err = &errs.0[0];
        assert!(
            err.message.starts_with("cannot parse the capability"),
            "{err}"
        );
        assert_eq!(err.file.as_deref(), Some(Path::new("bad.yaml")));
        assert!(err.location.is_some_and(|l| l.line >= 2), "{err:?}");
    }

    #[test]
    fn a_numeric_version_is_read_as_text() {
        let loaded = parse(Path::new("x.yaml"), "naftiko: 2.0\n").unwrap();
        assert_eq!(loaded.document.naftiko.as_deref(), Some("2.0"));
        let loaded = parse(Path::new("x.yaml"), "info: {}\n").unwrap();
        assert_eq!(loaded.document.naftiko, None);
    }

    #[test]
    fn unknown_fields_are_ignored_and_missing_ones_default() {
        let loaded = parse(
            Path::new("x.yaml"),
            "naftiko: 1.0.0-alpha2\nextra: 1\ncapability:\n  consumes:\n  - resources:\n    - path: /a\n      operations:\n      - method: GET\n        surprise: true\n",
        )
        .unwrap();
        let res = &loaded.document.capability.consumes[0].resources[0];
        assert_eq!(res.path.as_deref(), Some("/a"));
        assert_eq!(res.operations[0].method.as_deref(), Some("GET"));
        assert_eq!(res.operations[0].name, None);
    }
}
