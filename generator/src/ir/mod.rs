//! The intermediate representation: plain data, independent of YAML and of Rust syntax.
//!
//! Lowering fills it from the capability, normalization resolves the spec's quirks in it,
//! the overlay corrects it, naming names it, the companion types it, and the emitters only
//! read it.
//!
//! # Stages
//!
//! What is decided late is typed by the pipeline's [`Stage`]: before naming, an operation is
//! an `Operation<Unnamed>` whose name and group are the ones the overlay gave, if any
//! (`Option`), and whose parameters have no name at all (`()`); naming turns it into an
//! `Operation<Named>` (the default, [`Operation`]), where every name is a `String`. The
//! emitters read only named operations, so "not named yet" cannot be mistaken for a name.
//!
//! Positions in the capability are resolved once, by lowering, into a [`Location`] on each
//! operation and parameter; the later stages report problems with them and never see the
//! YAML.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

pub use crate::diagnostic::Location;

mod groups;
mod path;
mod servers;
mod types;

pub use groups::{GroupField, ParamGroup};
pub use path::{PathPart, PathTemplate};
pub use servers::{AuthScheme, Server};
pub use types::{Field, TypeDef, TypeDefKind, TypeRef};

/// How far the pipeline has got with names: what an operation's, a group's and a
/// parameter's name are at that stage.
pub trait Stage: Clone + fmt::Debug + PartialEq {
    /// The name of an operation and of its group.
    type Name: Clone + fmt::Debug + PartialEq;
    /// The name of a parameter.
    type ParamName: Clone + fmt::Debug + PartialEq;
}

/// Before naming: an operation's name and group as the overlay gave them; no parameter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unnamed;

impl Stage for Unnamed {
    type Name = Option<String>;
    type ParamName = ();
}

/// After naming: every operation, group and parameter has its final, unique name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named;

impl Stage for Named {
    type Name = String;
    type ParamName = String;
}

/// A whole API: what one client crate is generated from.
#[derive(Debug, Clone, PartialEq)]
pub struct Api<S: Stage = Named> {
    /// Human title (`info.label`).
    pub title: String,
    /// Description (`info.description`).
    pub description: Option<String>,
    /// Default server root, e.g. `https://gitlab.com`.
    pub base_url: Option<String>,
    /// The spec's default root when it is not usable as written (a template such as
    /// `https://{site}.example.com`), for the docs.
    pub base_url_template: Option<String>,
    /// How requests to the default server authenticate, when the spec says.
    pub auth: Option<AuthScheme>,
    /// The API's other servers: `consumes` blocks whose root differs from the first's.
    pub servers: Vec<Server>,
    /// Environment variable bound to the API key, if the capability binds one.
    pub token_env: Option<String>,
    /// Environment variable naming the server root, if the overlay names one.
    pub base_url_env: Option<String>,
    /// Whether `Client::from_env` also reads GitLab's own variables (`GITLAB_TOKEN`, and in
    /// a CI job `CI_JOB_TOKEN` with `CI_API_V4_URL`/`CI_SERVER_URL`): the overlay's
    /// `client.gitlab_ci`.
    pub gitlab_ci: bool,
    /// Every operation, in the order of the capability.
    pub operations: Vec<Operation<S>>,
    /// Named types (from the companion's schemas and parameter enums), sorted by name; none
    /// without a companion.
    pub types: Vec<TypeDef>,
    /// Titles of groups (modules), by group name, where the overlay gives them; the
    /// emitters give the others a generic title.
    pub group_titles: BTreeMap<String, String>,
    /// Sections the overlay adds to the generated README.
    pub readme: Readme,
    /// Hand-written example programs of the generated crate (the overlay's `examples`).
    pub examples: Examples,
    /// Hand-written modules beside the generated ones (the overlay's `extensions`).
    pub extensions: Vec<Extension>,
    /// Parameters that belong together and are passed as one value (the overlay's
    /// `param_groups`), in the overlay's order.
    pub param_groups: Vec<ParamGroup>,
    /// The capability file that the operations' `declared_at` positions point into.
    pub source_file: PathBuf,
}

/// Sections the overlay adds to the generated README: Markdown, rendered as a template
/// with the README's own values (`{{ crate_ident }}` is the crate's Rust name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Readme {
    /// Added at the end of the "Authentication" section (e.g. a format's login flow).
    pub authentication: Option<String>,
}

/// Hand-written programs in the generated crate's `examples/` directory (the generator
/// never writes or removes them): what `Cargo.toml` needs to build them and what the
/// README says of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Examples {
    /// The Cargo dev-dependencies they need: crate name → TOML value (`"1"`,
    /// `{ version = "4", features = ["derive"] }`).
    pub dev_dependencies: BTreeMap<String, String>,
    /// The programs, in the overlay's order.
    pub programs: Vec<ExampleProgram>,
}

/// One example program, `examples/{name}.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleProgram {
    /// Its name (`cargo run --example NAME`).
    pub name: String,
    /// What it does, one line, for the README.
    pub about: String,
    /// The crate features it needs (Cargo's `required-features`).
    pub features: Vec<String>,
}

/// A hand-written module of the generated crate, `src/{module}.rs` (the generator never
/// writes or removes it), compiled with a group's feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// Its name (`npm_ext`).
    pub module: String,
    /// The group (cargo feature) it belongs to.
    pub feature: String,
    /// What it offers, one line, for the docs.
    pub about: String,
    /// The crates it needs: name → TOML value; optional dependencies of its feature.
    pub dependencies: BTreeMap<String, String>,
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET
    Get,
    /// HEAD
    Head,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
}

impl Method {
    /// Parses a method name, case-insensitively.
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ => return None,
        })
    }

    /// The upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
        }
    }

    /// Whether repeating the request has no further effect (RFC 9110).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP operation, at stage `S` (see [`Stage`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Operation<S: Stage = Named> {
    /// The name the spec gives it (e.g. `getapiv4projectsidpackages`).
    pub spec_name: String,
    /// Its name in the generated client (e.g. `list_project_packages`); before naming, the
    /// name the overlay gives it, if any.
    pub rust_name: S::Name,
    /// HTTP method.
    pub method: Method,
    /// The path template as written in the spec.
    pub raw_path: String,
    /// The path template, parsed.
    pub path: PathTemplate,
    /// One-line summary.
    pub summary: String,
    /// Parameters carried in the path, query and headers.
    pub params: Vec<Param<S>>,
    /// Query pairs the spec writes into the path (`/items?state=open`, `?flag`, without a
    /// value): sent with every request, before the parameters.
    pub fixed_query: Vec<(String, Option<String>)>,
    /// The server the request goes to (a [`Server`] by name); `None` for the default one.
    pub server: Option<String>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// What the response is.
    pub response: ResponseKind,
    /// The group (module and cargo feature, e.g. `npm`) the operation is emitted in, as a
    /// language-neutral snake_case name; before naming, the group the overlay gives it, if
    /// any.
    pub group: S::Name,
    /// How a list operation pages through its results; set by normalization.
    pub pagination: Option<Pagination>,
    /// The type of a JSON response, when a schema gives it.
    pub response_type: Option<TypeRef>,
    /// Set by the overlay where the companion's response schema is one item of what is
    /// really a list.
    pub response_list: bool,
    /// The schema the overlay gives the JSON answer (a definition of the companion or of
    /// the overlay's `definitions`), in place of the companion's.
    pub response_schema: Option<String>,
    /// Set by the overlay where a JSON answer is `null` (or empty) in some cases: the typed
    /// answer is then an `Option`.
    pub response_nullable: bool,
    /// Schemas (of the companion or the overlay's `definitions`) the JSON answer takes
    /// instead when a parameter says so (the generic upload's `select=package_file`), as
    /// the overlay names them; read with `send_as`.
    pub also_answers: Vec<String>,
    /// The types of [`also_answers`](Self::also_answers), set by the companion stage.
    pub also_answer_types: Vec<TypeRef>,
    /// Why the JSON answer is left untyped (`serde_json::Value`), as the overlay says: one
    /// line, shown in the docs and the operations index.
    pub untyped: Option<String>,
    /// Notes from the companion's description (e.g. the GitLab version that introduced it).
    pub notes: Option<String>,
    /// Behaviour hints from the capability's MCP tools.
    pub hints: Hints,
    /// Where the operation is declared in the capability; `None` when not known.
    pub declared_at: Option<Location>,
    /// The file the operation is declared in when it is not the capability's own (a block
    /// imported from another file).
    pub declared_in: Option<PathBuf>,
}

impl Operation<Unnamed> {
    /// An operation with a method and a path and nothing else yet (no name, no
    /// parameters, a raw response).
    pub fn new(spec_name: &str, method: Method, raw_path: &str, path: PathTemplate) -> Self {
        Operation {
            spec_name: spec_name.to_owned(),
            rust_name: None,
            method,
            raw_path: raw_path.to_owned(),
            path,
            summary: String::new(),
            params: Vec::new(),
            fixed_query: Vec::new(),
            server: None,
            body: None,
            response: ResponseKind::Raw,
            group: None,
            pagination: None,
            response_type: None,
            response_list: false,
            response_schema: None,
            response_nullable: false,
            also_answers: Vec::new(),
            also_answer_types: Vec::new(),
            untyped: None,
            notes: None,
            hints: Hints::default(),
            declared_at: None,
            declared_in: None,
        }
    }

    /// The operation with its final names: its own, its group's, and its parameters' (one
    /// each, in order).
    pub fn into_named(
        self,
        rust_name: String,
        group: String,
        param_names: Vec<String>,
    ) -> Operation<Named> {
        debug_assert_eq!(self.params.len(), param_names.len());
        Operation {
            spec_name: self.spec_name,
            rust_name,
            method: self.method,
            raw_path: self.raw_path,
            path: self.path,
            summary: self.summary,
            params: self
                .params
                .into_iter()
                .zip(param_names)
                .map(|(p, name)| p.into_named(name))
                .collect(),
            fixed_query: self.fixed_query,
            server: self.server,
            body: self.body,
            response: self.response,
            group,
            pagination: self.pagination,
            response_type: self.response_type,
            response_list: self.response_list,
            response_schema: self.response_schema,
            response_nullable: self.response_nullable,
            also_answers: self.also_answers,
            also_answer_types: self.also_answer_types,
            untyped: self.untyped,
            notes: self.notes,
            hints: self.hints,
            declared_at: self.declared_at,
            declared_in: self.declared_in,
        }
    }
}

impl<S: Stage> Operation<S> {
    /// The path template with the query pairs the spec fixes, as the docs show it
    /// (`/items/{id}?state=open`).
    pub fn display_path(&self) -> String {
        let mut out = self.path.display();
        for (i, (name, value)) in self.fixed_query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            match value {
                Some(value) => out.push_str(&format!("{name}={value}")),
                None => out.push_str(name),
            }
        }
        out
    }

    /// `METHOD path`, as written in the spec.
    pub fn signature(&self) -> String {
        format!("{} {}", self.method, self.raw_path)
    }

    /// `spec_name (METHOD path)`, for diagnostics.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.spec_name, self.signature())
    }

    /// The file the operation is declared in: its own, or the capability's `source`.
    pub fn file<'a>(&'a self, source: &'a std::path::Path) -> &'a std::path::Path {
        self.declared_in.as_deref().unwrap_or(source)
    }
}

/// How a list operation pages through its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagination {
    /// `page` and `per_page`; the next page is named by `X-Next-Page` or `Link: rel="next"`.
    Offset,
    /// `cursor`; the next page is named by `Link: rel="next"` only.
    Keyset,
}

/// Behaviour hints (MCP `readOnly` / `destructive` / `idempotent`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hints {
    /// Changes nothing.
    pub read_only: Option<bool>,
    /// May destroy data.
    pub destructive: Option<bool>,
    /// Safe to repeat.
    pub idempotent: Option<bool>,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    /// A path variable.
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
    /// A form field.
    Form,
}

impl ParamLocation {
    /// The spec's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Form => "formData",
        }
    }
}

/// A parameter's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A number with a fraction.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Several strings (`name[]=a&name[]=b`, or `name=a,b`: see [`Param::comma_list`]).
    StringList,
    /// A project or group: a numeric id or a full path.
    IdOrPath,
}

/// A path, query, header or form parameter, at stage `S` (see [`Stage`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Param<S: Stage = Named> {
    /// The name on the wire.
    pub wire_name: String,
    /// Its identifier in the generated client (without `r#`); none before naming.
    pub rust_name: S::ParamName,
    /// Where it travels.
    pub location: ParamLocation,
    /// Its type.
    pub ty: ParamType,
    /// Whether it must be given.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// True when the spec did not declare it and normalization added it.
    pub synthesized: bool,
    /// The enum type of a string parameter with known values.
    pub enum_type: Option<String>,
    /// The [`ParamGroup`] (by name) it is passed in, if any.
    pub group: Option<String>,
    /// A list sent as one comma-separated value (`gems=rails,thor`) rather than as
    /// `name[]=a&name[]=b` (the overlay's `list: comma`, for what the server splits itself).
    pub comma_list: bool,
    /// For a path variable the path's query string also names (`/items/{id}?item={id}`):
    /// the query parameter its value is sent as too.
    pub also_query: Option<String>,
    /// Where it is declared in the capability (for one the generator added, where what
    /// implies it is); `None` when not known.
    pub declared_at: Option<Location>,
}

impl Param<Unnamed> {
    /// An optional, undescribed parameter, not yet named.
    pub fn new(wire_name: &str, location: ParamLocation, ty: ParamType) -> Self {
        Param {
            wire_name: wire_name.to_owned(),
            rust_name: (),
            location,
            ty,
            required: false,
            description: None,
            synthesized: false,
            enum_type: None,
            group: None,
            comma_list: false,
            also_query: None,
            declared_at: None,
        }
    }

    /// The parameter with its final name.
    pub fn into_named(self, rust_name: String) -> Param<Named> {
        Param {
            wire_name: self.wire_name,
            rust_name,
            location: self.location,
            ty: self.ty,
            required: self.required,
            description: self.description,
            synthesized: self.synthesized,
            enum_type: self.enum_type,
            group: self.group,
            comma_list: self.comma_list,
            also_query: self.also_query,
            declared_at: self.declared_at,
        }
    }
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    /// Raw bytes (a file upload).
    Raw,
    /// JSON.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`, with the name of the file field.
    Multipart {
        /// The field that carries the file.
        file_field: String,
    },
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The spec's name for it (often the operation id).
    pub wire_name: String,
    /// How it is encoded.
    pub kind: BodyKind,
    /// Whether it must be given.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// Its type, when a schema gives it (JSON, form and multipart bodies).
    pub ty: Option<TypeRef>,
}

/// What a successful response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    /// JSON.
    Json,
    /// Text (indexes, checksums, HTML, XML, tokens).
    Text,
    /// Bytes (files).
    Bytes,
    /// Nothing of interest.
    Empty,
    /// Not known: the raw response (status, headers, body) is returned.
    Raw,
}

impl ResponseKind {
    /// The overlay's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseKind::Json => "json",
            ResponseKind::Text => "text",
            ResponseKind::Bytes => "bytes",
            ResponseKind::Empty => "empty",
            ResponseKind::Raw => "raw",
        }
    }
}
