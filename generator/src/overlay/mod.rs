//! The overlay: corrections to a capability that the capability cannot express.
//!
//! A small YAML file of targeted actions. It is one stage of the pipeline,
//! [`Overlay::apply`]: input the normalized [`Api<Unnamed>`], output the corrected one
//! (names, kinds, bodies, parameters, groups, README sections) and the corrections to the
//! companion's types ([`TypeCorrections`]: `schemas` and `type_names`), which the companion
//! stage applies as it builds the types.
//!
//! ```yaml
//! overlay: 1
//! operations:
//!   - target: GET /api/v4/projects/{id}/packages   # "METHOD path" exactly as in the capability
//!     rename: list_project_packages                 # the Rust method name (overrides the naming rule; '' does not)
//!     path: /api/v4/…/archives/*package_name.zip    # the path sent instead (same variables)
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
//!       gems:
//!         list: comma                               # a list sent `gems=a,b` (default: brackets, `gems[]=a&gems[]=b`)
//!   - target: GET /api/v4/projects/{id}/packages/{package_id}/pipelines
//!     response_list: true                           # the companion's schema is one item of a list
//!   - target: PUT /api/v4/projects/{id}/packages/npm/-/package/*package_name/dist-tags/{tag}
//!     body_type: string                             # the body's type, where the schema is wrong
//!   - target: GET /api/v4/projects/{id}/packages/cargo/config.json
//!     response_schema: CargoConfig                  # the answer's schema (companion's or `definitions`)
//!   - target: PUT /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/(*path/){file_name}
//!     also_answers: [API_Entities_PackageFile]      # what a parameter's choice answers instead (`send_as`)
//!   - target: PUT /api/v4/projects/{id}/packages/npm/{package_name}
//!     response_nullable: true                       # the typed answer is an `Option` (GitLab answers `null`)
//!   - target: POST /api/v4/packages/npm/-/npm/v1/security/audits/quick
//!     untyped: forwarded from the npm registry      # why the JSON answer stays `serde_json::Value` (one line)
//! groups:                                           # modules (and cargo features), by snake_case name
//!   npm:
//!     title: npm registry                           # the module's title in the docs
//!     paths: [packages/npm]                         # path segments that select its operations
//!   core:
//!     title: The core Packages API
//!     paths: [packages]
//! readme:                                           # sections added to the generated README
//!   authentication: |                               # Markdown at the end of "Authentication";
//!     The Conan flow: …                             #   `{{ crate_ident }}` is the crate's Rust name
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
//! param_groups:                                     # path variables passed as one value
//!   ConanRecipe:                                    # the Rust type's name
//!     what: Conan recipe reference                  # for docs and parse errors
//!     argument: recipe                              # the argument's name
//!     form: "{name}/{version}@{user}/{channel}"     # how it is written (parsed, printed)
//!     params: { name: package_name, version: package_version,
//!               user: package_username, channel: package_channel }
//! client:
//!   base_url_env: GITLAB_BASE_URL                   # read by `Client::from_env`
//!   gitlab_ci: true                                 # from_env also reads GITLAB_TOKEN, CI_JOB_TOKEN …
//! definitions:                                      # types the companion lacks, from scratch:
//!   CargoConfig:                                    #   Swagger 2.0 schema objects, named by
//!     type: object                                  #   their Rust type names; `required` holds,
//!     required: [dl]                                #   `additionalProperties: true` keeps unknown
//!     additionalProperties: true                    #   fields in a `rest` map (open formats), and
//!     properties: { dl: { type: string } }          #   one without properties is a map
//! examples:                                         # hand-written programs in the crate's examples/
//!   dev_dependencies: { clap: '"4"' }               #   what they need (name: TOML value)
//!   programs:                                       #   a README line and required-features each
//!     - { name: publish, about: Upload a generic package., features: [generic] }
//! ```
//!
//! # Groups
//!
//! Without `groups`, every operation goes with its resource ([`crate::naming`]): the first
//! literal segment of its path after `/api/vN` and the `projects/{id}` or `groups/{id}`
//! scope. A group's `paths` are `/`-separated literal segments (`packages/npm`,
//! `debian_distributions`); an operation whose path (as written in the capability) has
//! them, one after the other, goes to that group. When several groups' paths match, the
//! one with the most segments wins, then the one found first in the path. A group without
//! `paths` only gives its `title` to the group of that name the rule makes.
//!
//! # Parameter groups
//!
//! An operation that has every path variable of a group, each a required string, takes
//! one argument of the group's type instead (`recipe: ConanRecipe`), so no method needs a
//! long row of strings that could be swapped silently. The type has a public field per
//! part, `new`, `Display` and `FromStr` in the group's `form` (each part runs to the first
//! occurrence of the text that follows it; the last to the end). Larger groups are matched
//! first, and a variable joins one group at most. A group no operation fits is an error.
//!
//! # Errors
//!
//! A target that names no operation, a target listed twice, or an action that does not fit
//! (`multipart_file` without `body: multipart`, a parameter the operation lacks,
//! `one_segment` on anything but a glob, `response_schema`, `response_nullable` or
//! `untyped` on an answer that is not JSON, `untyped` with a schema or a reason that is
//! not one line), a group name that is not snake_case, a group
//! title that is not one line (without `|`), a group path that is empty or listed twice, or
//! a README section that is not a valid template, or an example whose name or text Cargo
//! or the README cannot take, is an error with the overlay's file and line.

mod examples;
mod groups;
mod operations;
mod param_groups;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::corrections::{Definition, FieldPatch, SchemaPatch, TypeCorrections, TypeRename};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Api, Readme, Unnamed};
use crate::yaml::{self, Positions};

/// A parsed overlay file.
#[derive(Debug)]
pub struct Overlay {
    parsed: yaml::Parsed<Document>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    overlay: u32,
    #[serde(default)]
    operations: Vec<Action>,
    #[serde(default)]
    groups: BTreeMap<String, GroupAction>,
    #[serde(default)]
    readme: ReadmeAction,
    #[serde(default)]
    schemas: BTreeMap<String, SchemaAction>,
    #[serde(default)]
    type_names: BTreeMap<String, String>,
    #[serde(default)]
    param_groups: BTreeMap<String, param_groups::GroupAction>,
    #[serde(default)]
    client: ClientAction,
    #[serde(default)]
    examples: examples::ExamplesAction,
    #[serde(default)]
    definitions: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    extensions: Vec<examples::ExtensionAction>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientAction {
    base_url_env: Option<String>,
    #[serde(default)]
    gitlab_ci: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupAction {
    title: Option<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadmeAction {
    authentication: Option<String>,
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
    path: Option<String>,
    response: Option<ResponseName>,
    body: Option<BodyName>,
    multipart_file: Option<String>,
    #[serde(default)]
    response_list: bool,
    response_schema: Option<String>,
    #[serde(default)]
    response_nullable: bool,
    #[serde(default)]
    also_answers: Vec<String>,
    untyped: Option<String>,
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
    list: Option<ListName>,
    #[allow(dead_code)]
    note: Option<String>,
}

/// How a list parameter is sent.
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ListName {
    /// `name[]=a&name[]=b` (the default).
    Brackets,
    /// `name=a,b`.
    Comma,
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

/// The positions of an overlay's nodes are indexed as it is parsed: its type corrections
/// record where each of their entries is, in every run.
const POSITIONS: Positions = Positions::Alongside;

impl Overlay {
    /// Reads and parses an overlay file.
    pub fn load(file: &Path) -> Result<Overlay, Diagnostics> {
        Self::checked(yaml::load(file, "overlay", POSITIONS)?)
    }

    /// Parses an overlay from its text; `file` is used in diagnostics.
    pub fn parse(file: &Path, text: &str) -> Result<Overlay, Diagnostics> {
        Self::checked(yaml::parse(file, "overlay", text, POSITIONS)?)
    }

    /// The overlay, if its version is 1 and the names and texts it gives are usable.
    fn checked(parsed: yaml::Parsed<Document>) -> Result<Overlay, Diagnostics> {
        if parsed.value.overlay != 1 {
            return Err(Diagnostic::new(format!(
                "unsupported overlay version {} (this generator reads version 1)",
                parsed.value.overlay
            ))
            .in_file(&parsed.file)
            .into());
        }
        let overlay = Overlay { parsed };
        overlay.check_type_names()?;
        let mut errors = Diagnostics::default();
        overlay.check_groups(&mut errors);
        overlay.check_readme(&mut errors);
        overlay.check_examples(&mut errors);
        overlay.check_extensions(&mut errors);
        errors.into_result(overlay)
    }

    fn document(&self) -> &Document {
        &self.parsed.value
    }

    /// The Rust type names the overlay gives (`enum`, a schema's `name`, `type_names`) must
    /// be identifiers: they are emitted as such.
    fn check_type_names(&self) -> Result<(), Diagnostics> {
        let mut errors = Diagnostics::default();
        let mut check = |name: &str, what: &str, pointer: String| {
            if !is_type_name(name) {
                errors.push(
                    self.parsed
                        .error(&pointer, format!("{what} `{name}` is not a Rust type name"))
                        .hint("use an UpperCamelCase name of ASCII letters and digits, e.g. `PackageOrderBy`"),
                );
            }
        };
        for (n, action) in self.document().operations.iter().enumerate() {
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
        for (key, schema) in &self.document().schemas {
            if let Some(name) = &schema.name {
                check(name, "`name`", format!("/schemas/{key}/name"));
            }
        }
        for (from, to) in &self.document().type_names {
            check(to, "`type_names` target", format!("/type_names/{from}"));
        }
        for name in self.document().definitions.keys() {
            check(name, "definition", format!("/definitions/{name}"));
        }
        for (name, schema) in &self.document().definitions {
            if !schema.is_mapping() {
                errors.push(self.parsed.error(
                    &format!("/definitions/{name}"),
                    format!("definition `{name}` is not a schema object (a mapping with `type`, `properties` …)"),
                ));
            }
        }
        errors.into_result(())
    }

    /// README sections are templates: they must compile.
    fn check_readme(&self, errors: &mut Diagnostics) {
        if let Some(text) = &self.document().readme.authentication {
            if let Err(e) = minijinja::Environment::new().template_from_str(text) {
                errors.push(self.parsed.error(
                    "/readme/authentication",
                    format!("the README section `authentication` is not a valid template: {e}"),
                ));
            }
        }
    }

    /// The overlay stage: applies every action to `api` (operations, groups, README
    /// sections) and returns it with the corrections to the companion's types; reports
    /// every action that does not fit.
    pub fn apply(
        &self,
        mut api: Api<Unnamed>,
    ) -> Result<(Api<Unnamed>, TypeCorrections), Diagnostics> {
        let mut errors = Diagnostics::default();
        self.apply_operations(&mut api, &mut errors);
        self.assign_groups(&mut api);
        self.assign_param_groups(&mut api, &mut errors);
        api.gitlab_ci = self.document().client.gitlab_ci;
        if let Some(name) = &self.document().client.base_url_env {
            if is_env_name(name) {
                api.base_url_env = Some(name.clone());
            } else {
                errors.push(
                    self.parsed
                        .error(
                            "/client/base_url_env",
                            format!("`{name}` is not an environment variable name"),
                        )
                        .hint("use ASCII letters, digits and `_`, e.g. `GITLAB_BASE_URL`"),
                );
            }
        }
        api.group_titles = self
            .document()
            .groups
            .iter()
            .filter_map(|(name, g)| Some((name.clone(), g.title.clone()?)))
            .collect();
        api.readme = Readme {
            authentication: self.document().readme.authentication.clone(),
        };
        api.examples = self.examples();
        api.extensions = self.extensions();
        let corrections = self.type_corrections();
        errors.into_result((api, corrections))
    }

    /// The corrections to the companion's types (`schemas`, `type_names`).
    fn type_corrections(&self) -> TypeCorrections {
        let schemas = self
            .document()
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
            .collect();
        let type_names = self
            .document()
            .type_names
            .iter()
            .map(|(from, to)| TypeRename {
                from: from.clone(),
                to: to.clone(),
                file: self.parsed.file.clone(),
                at: self
                    .parsed
                    .source_map
                    .locate(&format!("/type_names/{}", yaml::escape(from))),
            })
            .collect();
        let definitions = self
            .document()
            .definitions
            .iter()
            .map(|(name, schema)| {
                let definition = Definition {
                    schema: schema.clone(),
                    file: self.parsed.file.clone(),
                    at: self
                        .parsed
                        .source_map
                        .locate(&format!("/definitions/{}", yaml::escape(name))),
                };
                (name.clone(), definition)
            })
            .collect();
        TypeCorrections {
            schemas,
            type_names,
            definitions,
        }
    }
}

/// An environment variable's name as shells write it: ASCII letters, digits and `_`, not
/// starting with a digit.
fn is_env_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An UpperCamelCase Rust type name: an ASCII capital, then ASCII letters and digits.
fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

#[cfg(test)]
mod tests;
