//! Lowering: the capability as written → the IR, checking what must be there.
//!
//! Input: a [`Loaded`] capability (the serde model and the positions of its nodes, with the
//! files it imports). Output: an [`Api<Unnamed>`] whose operations and parameters carry
//! their positions (`declared_at`), so that no later stage needs the YAML, and the
//! warnings found.
//!
//! Lowering takes the spec at its word (a glob declared `in: query` stays a query
//! parameter here); [`crate::normalize`] then resolves the quirks, one named rule each.
//!
//! The steps, in order, one function or module each: the dialect version (`check_dialect`),
//! the `consumes` blocks, top-level, scoped and imported (`blocks`), their server roots and
//! authentication (`servers`, `auth`), the MCP tools' hints (`tool_hints`), each operation
//! (`operation::lower_operation`: its path (`paths`), parameters, query string and body),
//! the token variable (`token_env`), then the operation names declared twice
//! (`names_declared_twice`).
//!
//! A problem of one operation (a path that cannot be parsed, a parameter the path lacks …)
//! costs that operation only: [`lower_lenient`] leaves it out and returns its errors apart,
//! and the caller decides (see [`crate::Options::strict`]).

mod auth;
mod blocks;
mod operation;
mod paths;
mod servers;

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Api, Hints, Operation, Unnamed};
use crate::spec::{Capability, Document, Loaded};

use blocks::Block;

/// The dialect this generator is written for.
pub const DIALECT: &str = "1.0.0-alpha2";

/// What lowering found wrong: errors stop the run, warnings do not.
#[derive(Default)]
struct Findings {
    errors: Diagnostics,
    warnings: Vec<Diagnostic>,
}

/// What lowering made of a capability.
#[derive(Debug)]
pub struct Lowering {
    /// The API, without the operations that could not be lowered.
    pub api: Api<Unnamed>,
    /// The warnings found.
    pub warnings: Vec<Diagnostic>,
    /// The errors of the operations left out, each naming its operation.
    pub operation_errors: Vec<Diagnostic>,
}

/// Lowers a loaded capability; reports every problem found, not only the first.
pub fn lower(loaded: &Loaded) -> Result<Api<Unnamed>, Diagnostics> {
    lower_with_warnings(loaded).map(|(api, _)| api)
}

/// Lowers a loaded capability, with the warnings found (another dialect version, a
/// templated `baseUri`, operation names declared twice); an operation that cannot be
/// lowered is an error.
pub fn lower_with_warnings(
    loaded: &Loaded,
) -> Result<(Api<Unnamed>, Vec<Diagnostic>), Diagnostics> {
    let lowering = lower_lenient(loaded)?;
    Diagnostics(lowering.operation_errors).into_result((lowering.api, lowering.warnings))
}

/// Lowers a loaded capability, leaving out the operations that cannot be lowered (their
/// errors are returned apart); only problems of the capability as a whole are errors.
pub fn lower_lenient(loaded: &Loaded) -> Result<Lowering, Diagnostics> {
    let doc = &loaded.document;
    let mut found = Findings::default();
    check_dialect(loaded, &mut found);
    let blocks = blocks::collect(loaded, &mut found);
    let servers = servers::servers(&blocks, &doc.binds, &mut found);
    let hints = tool_hints(&doc.capability);
    let mut operations = Vec::new();
    let mut operation_errors = Vec::new();
    for (block, server) in blocks.iter().zip(&servers.of_block) {
        for (ri, resource) in block.consumes.resources.iter().enumerate() {
            for (oi, op) in resource.operations.iter().enumerate() {
                let site = operation::Site {
                    loaded: block.loaded,
                    origin: format!("{}/resources/{ri}/operations/{oi}", block.pointer),
                    resource_path: format!("{}/resources/{ri}/path", block.pointer),
                    base_uri: block.consumes.base_uri.as_deref(),
                };
                let mut own = Findings::default();
                let lowered = operation::lower_operation(&site, resource, op, &mut own);
                found.warnings.extend(own.warnings);
                if !own.errors.is_empty() {
                    operation_errors.extend(own.errors.0);
                    continue;
                }
                if let Some(lowered) = lowered {
                    operations.push(Operation {
                        hints: hints
                            .get(format!("{}.{}", block.namespace, lowered.spec_name).as_str())
                            .copied()
                            .unwrap_or_default(),
                        server: server.clone(),
                        declared_in: (!std::ptr::eq(block.loaded, loaded))
                            .then(|| block.loaded.file.clone()),
                        ..lowered
                    });
                }
            }
        }
    }
    let token_env = servers.auth.is_none().then(|| token_env(doc)).flatten();
    names_declared_twice(&blocks, &mut found);
    let api = Api {
        title: doc
            .info
            .label
            .clone()
            .unwrap_or_else(|| "API client".to_owned()),
        description: doc.info.description.clone(),
        base_url: servers.base_url,
        base_url_template: servers.base_url_template,
        auth: servers.auth,
        servers: servers.others,
        token_env,
        base_url_env: None,
        gitlab_ci: false,
        operations,
        types: Vec::new(),
        group_titles: Default::default(),
        param_groups: Vec::new(),
        readme: Default::default(),
        examples: Default::default(),
        extensions: Vec::new(),
        source_file: loaded.file.clone(),
    };
    if !found.errors.is_empty() {
        // The capability is refused: every problem is said.
        found.errors.0.extend(operation_errors);
        return Err(found.errors.into_result(()).unwrap_err());
    }
    Ok(Lowering {
        api,
        warnings: found.warnings,
        operation_errors,
    })
}

/// The `naftiko` version, and that the capability consumes an HTTP API at all.
fn check_dialect(loaded: &Loaded, found: &mut Findings) {
    match check_version(loaded.document.naftiko.as_deref()) {
        Ok(None) => {}
        Ok(Some(message)) => found
            .warnings
            .push(loaded.error("/naftiko", message).warning()),
        Err(message) => found.errors.push(
            loaded
                .error("/naftiko", message)
                .hint(format!("other 0.x and 1.x versions are read as {DIALECT}, with a warning; a new major version may mean something else, so convert the capability to {DIALECT}")),
        ),
    }
    let doc = &loaded.document;
    if doc.capability.consumes.is_empty() && doc.consumes.is_empty() {
        found.errors.push(
            loaded
                .error("/capability", "the capability consumes no HTTP API (`capability.consumes` is empty or missing)")
                .hint("add a `consumes` block with `resources` and their `operations`"),
        );
    }
}

/// The behaviour hints of the MCP tools, by the `namespace.operation` each one calls.
fn tool_hints(cap: &Capability) -> HashMap<&str, Hints> {
    let mut hints = HashMap::new();
    for exposes in &cap.exposes {
        for tool in &exposes.tools {
            if let (Some(call), Some(h)) = (&tool.call, tool.hints) {
                hints.insert(
                    call.as_str(),
                    Hints {
                        read_only: h.read_only,
                        destructive: h.destructive,
                        idempotent: h.idempotent,
                    },
                );
            }
        }
    }
    hints
}

/// The environment variable bound to the API key, for an API whose spec declares no
/// authentication: the first bound name that says `KEY` or `TOKEN`.
fn token_env(doc: &Document) -> Option<String> {
    doc.binds
        .iter()
        .flat_map(|b| b.keys.values())
        .find(|v| {
            v.to_ascii_uppercase().contains("KEY") || v.to_ascii_uppercase().contains("TOKEN")
        })
        .cloned()
}

/// Spec names are not Rust names (those come from method and path), but the MCP tools'
/// `call` refers to them: two operations of one namespace named alike (for different
/// endpoints) are a warning. (A method and path declared twice is said by naming.)
fn names_declared_twice(blocks: &[Block<'_>], found: &mut Findings) {
    type Endpoint<'a> = (Option<&'a str>, Option<&'a String>);
    let mut names: HashMap<(&str, &str), (&Loaded, String, Endpoint)> = HashMap::new();
    for block in blocks {
        let (loaded, namespace) = (block.loaded, block.namespace.as_str());
        for (ri, resource) in block.consumes.resources.iter().enumerate() {
            for (oi, op) in resource.operations.iter().enumerate() {
                let Some(name) = op.name.as_deref().filter(|n| !n.is_empty()) else {
                    continue;
                };
                let origin = format!("{}/resources/{ri}/operations/{oi}", block.pointer);
                let endpoint = (
                    op.method.as_deref(),
                    op.path.as_ref().or(resource.path.as_ref()),
                );
                if let Some((first_file, first, first_endpoint)) = names.get(&(namespace, name)) {
                    if *first_endpoint == endpoint {
                        continue;
                    }
                    let first_at = first_file
                        .locate(first)
                        .map(|l| format!(" (line {})", l.line))
                        .unwrap_or_default();
                    found.warnings.push(
                        loaded
                            .error(&origin, format!("two operations are both named `{name}` in the capability{first_at}; both are generated, under names from their method and path"))
                            .operation(name)
                            .hint("a tool's `call` naming it is ambiguous; give the operations distinct names")
                            .warning(),
                    );
                } else {
                    names.insert((namespace, name), (loaded, origin, endpoint));
                }
            }
        }
    }
}

/// Checks the `naftiko` version: `Ok(None)` for the dialect, `Ok(Some(warning))` for one
/// read as it (missing, other 0.x and 1.x versions), `Err` for another major version.
pub fn check_version(version: Option<&str>) -> Result<Option<String>, String> {
    let Some(version) = version.map(str::trim) else {
        return Ok(Some(format!(
            "the capability does not say its `naftiko` version; it is read as {DIALECT}"
        )));
    };
    if version == DIALECT {
        return Ok(None);
    }
    let major = version
        .split(['.', '-'])
        .next()
        .and_then(|m| m.parse::<u64>().ok());
    match major {
        Some(0 | 1) => Ok(Some(format!(
            "`naftiko: {version}` is not {DIALECT}; the capability is read as {DIALECT}"
        ))),
        _ => Err(format!(
            "unsupported `naftiko` version `{version}`: this generator reads {DIALECT}"
        )),
    }
}

#[cfg(test)]
mod tests;
