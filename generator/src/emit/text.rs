//! Text emission through minijinja templates: the client's `Cargo.toml`, README,
//! operations index and crate docs.

use std::collections::BTreeMap;

use minijinja::{Environment, context};
use serde::Serialize;

use crate::emit::docs::group_title;
use crate::ir::{Api, BodyKind, Operation, ParamType, ResponseKind, TypeRef};
use crate::{GeneratedFile, Options};

/// The version of the runtime crate (`generator/runtime`) the emitted code is written for;
/// generated crates depend on it. A test checks it against the runtime's `Cargo.toml`.
pub const RUNTIME_VERSION: &str = "0.1.0";

const TEMPLATES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../../templates/Cargo.toml.j2")),
    ("README.md", include_str!("../../templates/README.md.j2")),
    (
        "OPERATIONS.md",
        include_str!("../../templates/OPERATIONS.md.j2"),
    ),
    (
        "crate-docs.md",
        include_str!("../../templates/crate-docs.md.j2"),
    ),
];

#[derive(Serialize)]
struct GroupCtx<'a> {
    name: &'a str,
    title: String,
    count: usize,
    operations: Vec<OpCtx>,
}

#[derive(Serialize)]
struct OpCtx {
    rust_name: String,
    method: &'static str,
    path: String,
    body: String,
    response: String,
    summary: String,
}

#[derive(Serialize)]
struct Example {
    call: String,
    /// Whether awaiting it gives a `Page`.
    paged: bool,
}

#[derive(Serialize)]
struct DependencyCtx {
    name: String,
    /// Its TOML value, made optional.
    value: String,
}

/// Each group's (feature's) `dep:` entries.
type FeatureDependencies = BTreeMap<String, Vec<String>>;

/// The extensions' dependencies, each optional (one line each, by name), and each group's
/// (feature's) `dep:` entries; an extension whose feature the crate lacks is an error.
fn extension_ctx(
    api: &Api,
    groups: &BTreeMap<String, Vec<&Operation>>,
) -> Result<(Vec<DependencyCtx>, FeatureDependencies), String> {
    let mut dependencies = BTreeMap::new();
    let mut features: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &api.extensions {
        if !groups.contains_key(&e.feature) {
            return Err(format!(
                "the overlay's extension `{}` belongs to the feature `{}`, which the crate does not have",
                e.module, e.feature
            ));
        }
        for (name, value) in &e.dependencies {
            dependencies.insert(name.clone(), optional(value));
            let entry = features.entry(e.feature.clone()).or_default();
            let dep = format!("dep:{name}");
            if !entry.contains(&dep) {
                entry.push(dep);
            }
        }
    }
    let dependencies = dependencies
        .into_iter()
        .map(|(name, value)| DependencyCtx { name, value })
        .collect();
    Ok((dependencies, features))
}

/// A dependency's TOML value (`"1"` or an inline table) as an optional one.
fn optional(value: &str) -> String {
    let value = value.trim();
    match value.strip_suffix('}') {
        Some(table) => format!(
            "{}, optional = true }}",
            table.trim_end().trim_end_matches(',')
        ),
        None => format!("{{ version = {value}, optional = true }}"),
    }
}

#[derive(Serialize)]
struct ProgramCtx<'a> {
    name: &'a str,
    about: &'a str,
    features: &'a [String],
}

/// The overlay's example programs, each of whose features the crate must have.
fn programs_ctx<'a>(
    api: &'a Api,
    groups: &BTreeMap<String, Vec<&Operation>>,
) -> Result<Vec<ProgramCtx<'a>>, String> {
    api.examples
        .programs
        .iter()
        .map(|p| {
            if let Some(missing) = p
                .features
                .iter()
                .find(|f| *f != "blocking" && !groups.contains_key(f.as_str()))
            {
                let known: Vec<&str> = groups.keys().map(String::as_str).collect();
                return Err(format!(
                    "the overlay's example `{}` needs the feature `{missing}`, which the crate does not have (it has `blocking`, `{}`)",
                    p.name,
                    known.join("`, `")
                ));
            }
            Ok(ProgramCtx {
                name: &p.name,
                about: &p.about,
                features: &p.features,
            })
        })
        .collect()
}

fn environment() -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(env)
}

/// How a type reads in the operations index: `Vec<Package>`.
fn type_cell(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Integer => "i64".into(),
        TypeRef::Id => "u64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Json => "JSON".into(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::List(inner) => format!("Vec<{}>", type_cell(inner)),
    }
}

/// The body column: its kind, and its type when known (`json: NewDebianDistribution`).
fn body_cell(op: &Operation) -> String {
    let Some(body) = &op.body else {
        return String::new();
    };
    let kind = match body.kind {
        BodyKind::Raw => "raw",
        BodyKind::Json => "json",
        BodyKind::Form => "form",
        BodyKind::Multipart { .. } => "multipart",
    };
    match &body.ty {
        Some(ty) => format!("{kind}: `{}`", type_cell(ty)),
        None => kind.to_owned(),
    }
}

/// The response column: the type of a typed JSON answer, else the kind.
fn response_cell(op: &Operation) -> String {
    match (op.response, &op.response_type) {
        (ResponseKind::Json, Some(ty)) if op.response_nullable => {
            format!("`Option<{}>`", type_cell(ty))
        }
        (ResponseKind::Json, Some(TypeRef::Json) | None) if op.untyped.is_some() => format!(
            "json (untyped: {})",
            table_cell(op.untyped.as_deref().unwrap_or_default())
        ),
        (ResponseKind::Json, Some(ty)) => format!("`{}`", type_cell(ty)),
        (kind, _) => kind.as_str().to_owned(),
    }
}

fn table_cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn groups_ctx<'a>(api: &Api, groups: &'a BTreeMap<String, Vec<&Operation>>) -> Vec<GroupCtx<'a>> {
    groups
        .iter()
        .map(|(name, ops)| GroupCtx {
            name,
            title: group_title(api, name),
            count: ops.len(),
            operations: ops
                .iter()
                .map(|op| OpCtx {
                    rust_name: op.rust_name.clone(),
                    method: op.method.as_str(),
                    path: op.display_path().replace('|', "\\|"),
                    body: body_cell(op),
                    response: response_cell(op),
                    summary: table_cell(&op.summary),
                })
                .collect(),
        })
        .collect()
}

/// The call of an operation with placeholder values for its required inputs.
fn call(op: &Operation) -> String {
    let args: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| match p.ty {
            ParamType::IdOrPath => "\"group/project\"".to_owned(),
            ParamType::Integer => "1".to_owned(),
            _ => format!("\"{}\"", p.rust_name),
        })
        .collect();
    format!("{}({})", op.rust_name, args.join(", "))
}

/// Whether every required input of `op` takes a placeholder (no body, no list).
fn simple(op: &Operation) -> bool {
    op.body.as_ref().is_none_or(|b| !b.required)
        && op.params.iter().filter(|p| p.required).all(|p| {
            matches!(
                p.ty,
                ParamType::IdOrPath | ParamType::String | ParamType::Integer
            )
        })
}

/// A call of a paginated operation, for the pagination example.
fn paged_example(api: &Api) -> Option<String> {
    api.operations
        .iter()
        .filter(|op| op.pagination.is_some() && simple(op))
        .min_by_key(|op| (op.rust_name.len(), &op.rust_name))
        .map(call)
}

/// A call for the examples: of the operations whose required inputs are all simple, a
/// listing in a project or group with the shortest name (the most general one), else the
/// first.
fn example(api: &Api) -> Option<Example> {
    let op = api
        .operations
        .iter()
        .filter(|op| simple(op) && op.rust_name.starts_with("list_"))
        .min_by_key(|op| {
            let scoped = op.params.iter().any(|p| p.ty == ParamType::IdOrPath);
            (!scoped, op.rust_name.len(), &op.rust_name)
        })
        .or_else(|| api.operations.iter().find(|op| simple(op)))?;
    Some(Example {
        call: call(op),
        paged: op.pagination.is_some(),
    })
}

fn common(
    api: &Api,
    options: &Options,
    groups: &BTreeMap<String, Vec<&Operation>>,
) -> minijinja::Value {
    context! {
        command => options.regenerate_command,
        name => options.crate_name,
        crate_ident => options.crate_name.replace('-', "_"),
        version => options.crate_version,
        title => api.title,
        description => api.description.as_deref().map(table_cell),
        count => api.operations.len(),
        groups => groups_ctx(api, groups),
        example => example(api),
        paged_example => paged_example(api),
        uses_chrono => crate::emit::types::uses_date_time(&api.types),
        example_feature => if groups.contains_key("core") { "core" } else { groups.keys().next().map_or("core", String::as_str) },
        base_url => api.base_url.as_deref().unwrap_or("https://gitlab.example.com"),
        spec_file => options.spec_display,
        runtime_name => crate::emit::rust::RUNTIME_CRATE.replace('_', "-"),
        runtime_version => RUNTIME_VERSION,
        runtime_path => options.runtime_path,
        token_env => api.token_env,
        base_url_env => api.base_url_env,
        gitlab_ci => api.gitlab_ci,
        spec_auth => api.auth.as_ref().map(crate::ir::AuthScheme::describe),
        spec_auth_basic => matches!(api.auth, Some(crate::ir::AuthScheme::Basic { .. })),
        spec_auth_env => api.auth.as_ref().map(|a| a.env_vars().iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" and ")).filter(|v| !v.is_empty()),
        servers => api.servers.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
    }
}

fn render(env: &Environment<'_>, name: &str, ctx: &minijinja::Value) -> Result<String, String> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| format!("template {name}: {e}"))
}

/// The crate-level documentation of `src/lib.rs`.
pub fn crate_docs(
    api: &Api,
    options: &Options,
    groups: &BTreeMap<String, Vec<&Operation>>,
) -> Result<String, String> {
    let env = environment()?;
    render(&env, "crate-docs.md", &common(api, options, groups))
}

/// `Cargo.toml`, `README.md` and `OPERATIONS.md`.
pub fn text_files(
    api: &Api,
    options: &Options,
    groups: &BTreeMap<String, Vec<&Operation>>,
) -> Result<Vec<GeneratedFile>, String> {
    let env = environment()?;
    let mut ctx = common(api, options, groups);
    let description = format!(
        "Typed async client for {} ({} operations)",
        api.title.replace('"', "'"),
        api.operations.len()
    );
    // The overlay's README sections are templates too, with the README's values.
    let authentication = match &api.readme.authentication {
        Some(section) => Some(
            env.render_str(section, &ctx)
                .map_err(|e| format!("the overlay's README section `authentication`: {e}"))?,
        ),
        None => None,
    };
    let (extension_dependencies, feature_dependencies) = extension_ctx(api, groups)?;
    ctx = context! {
        description => description,
        readme_authentication => authentication,
        extension_dependencies => extension_dependencies,
        feature_dependencies => feature_dependencies,
        examples => programs_ctx(api, groups)?,
        dev_dependencies => api.examples.dev_dependencies,
        ..ctx
    };
    ["Cargo.toml", "README.md", "OPERATIONS.md"]
        .iter()
        .map(|name| Ok(GeneratedFile::new(*name, render(&env, name, &ctx)?)))
        .collect()
}
