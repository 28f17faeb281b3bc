//! Lowering: the capability as written → the IR, checking what must be there.
//!
//! Input: a [`Loaded`] capability (the serde model and the positions of its nodes). Output:
//! an [`Api<Unnamed>`] whose operations and parameters carry their positions
//! (`declared_at`), so that no later stage needs the YAML, and the warnings found.
//!
//! Lowering takes the spec at its word (a glob declared `in: query` stays a query
//! parameter here); [`crate::normalize`] then resolves the quirks, one named rule each.
//!
//! The steps, in order, one function each: the dialect version and the `consumes` blocks
//! (`check_dialect`), the MCP tools' hints (`tool_hints`), each operation
//! (`operation::lower_operation`: its path, parameters, query string and body), the token
//! variable (`token_env`) and the server root (`base_url`), then the operation names
//! declared twice (`names_declared_twice`).

mod operation;

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Api, Hints, Unnamed};
use crate::spec::{Capability, Document, Loaded};

/// The dialect this generator is written for.
pub const DIALECT: &str = "1.0.0-alpha2";

/// What lowering found wrong: errors stop the run, warnings do not.
#[derive(Default)]
struct Findings {
    errors: Diagnostics,
    warnings: Vec<Diagnostic>,
}

/// Lowers a loaded capability; reports every problem found, not only the first.
pub fn lower(loaded: &Loaded) -> Result<Api<Unnamed>, Diagnostics> {
    lower_with_warnings(loaded).map(|(api, _)| api)
}

/// Lowers a loaded capability, with the warnings found (another dialect version, a
/// templated `baseUri`, operation names declared twice).
pub fn lower_with_warnings(
    loaded: &Loaded,
) -> Result<(Api<Unnamed>, Vec<Diagnostic>), Diagnostics> {
    let doc = &loaded.document;
    let mut found = Findings::default();
    check_dialect(loaded, &mut found);
    let hints = tool_hints(&doc.capability);
    let mut operations = Vec::new();
    for (ci, consumes) in doc.capability.consumes.iter().enumerate() {
        let namespace = consumes.namespace.as_deref().unwrap_or_default();
        for (ri, resource) in consumes.resources.iter().enumerate() {
            for (oi, op) in resource.operations.iter().enumerate() {
                let site = operation::Site {
                    origin: format!("/capability/consumes/{ci}/resources/{ri}/operations/{oi}"),
                    resource_path: format!("/capability/consumes/{ci}/resources/{ri}/path"),
                };
                let lowered = operation::lower_operation(loaded, &site, resource, op, &mut found);
                if let Some(mut lowered) = lowered {
                    lowered.hints = hints
                        .get(format!("{namespace}.{}", lowered.spec_name).as_str())
                        .copied()
                        .unwrap_or_default();
                    operations.push(lowered);
                }
            }
        }
    }
    let token_env = token_env(doc);
    let base_url = base_url(loaded, &mut found);
    names_declared_twice(loaded, &mut found);
    let api = Api {
        title: doc
            .info
            .label
            .clone()
            .unwrap_or_else(|| "API client".to_owned()),
        description: doc.info.description.clone(),
        base_url,
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
    found.errors.into_result((api, found.warnings))
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
    if loaded.document.capability.consumes.is_empty() {
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

/// The environment variable bound to the API key: the first bound name that says `KEY` or
/// `TOKEN`.
fn token_env(doc: &Document) -> Option<String> {
    doc.binds
        .iter()
        .flat_map(|b| b.keys.values())
        .find(|v| {
            v.to_ascii_uppercase().contains("KEY") || v.to_ascii_uppercase().contains("TOKEN")
        })
        .cloned()
}

/// The default server root. One client has one server root: the consumed APIs must agree
/// on it.
fn base_url(loaded: &Loaded, found: &mut Findings) -> Option<String> {
    let mut base_url: Option<(usize, String)> = None;
    for (ci, consumes) in loaded.document.capability.consumes.iter().enumerate() {
        let pointer = format!("/capability/consumes/{ci}/baseUri");
        let Some(uri) = consumes.base_uri.as_deref().map(str::trim) else {
            continue;
        };
        if uri.is_empty() {
            continue;
        }
        if uri.contains('{') || uri.contains('}') {
            found.warnings.push(
                loaded
                    .error(
                        &pointer,
                        format!(
                            "`baseUri` `{uri}` is a template; the client has no default server root"
                        ),
                    )
                    .hint("set it when building the client: `Client::builder().base_url(…)`")
                    .warning(),
            );
            continue;
        }
        if !usable_base_url(uri) {
            found.warnings.push(
                loaded
                    .error(&pointer, format!("`baseUri` `{uri}` is not an http(s) URL; the client has no default server root"))
                    .hint("set it when building the client: `Client::builder().base_url(…)`")
                    .warning(),
            );
            continue;
        }
        match &base_url {
            None => base_url = Some((ci, uri.to_owned())),
            Some((first, other)) if other.trim_end_matches('/') != uri.trim_end_matches('/') => {
                let first_at = loaded
                    .locate(&format!("/capability/consumes/{first}/baseUri"))
                    .map(|l| format!(" (line {})", l.line))
                    .unwrap_or_default();
                found.errors.push(
                    loaded
                        .error(&pointer, format!("the capability consumes two servers (`baseUri`), `{other}`{first_at} and `{uri}`; a generated client has one server root"))
                        .hint("split the capability into one file per `consumes` block and generate a client from each"),
                );
            }
            Some(_) => {}
        }
    }
    base_url.map(|(_, u)| u)
}

/// Spec names are not Rust names (those come from method and path), but the MCP tools'
/// `call` refers to them: two operations of one namespace named alike (for different
/// endpoints) are a warning. (A method and path declared twice is said by naming.)
fn names_declared_twice(loaded: &Loaded, found: &mut Findings) {
    type Endpoint<'a> = (Option<&'a str>, Option<&'a String>);
    let mut names: HashMap<(&str, &str), (String, Endpoint)> = HashMap::new();
    for (ci, consumes) in loaded.document.capability.consumes.iter().enumerate() {
        let namespace = consumes.namespace.as_deref().unwrap_or_default();
        for (ri, resource) in consumes.resources.iter().enumerate() {
            for (oi, op) in resource.operations.iter().enumerate() {
                let Some(name) = op.name.as_deref().filter(|n| !n.is_empty()) else {
                    continue;
                };
                let origin = format!("/capability/consumes/{ci}/resources/{ri}/operations/{oi}");
                let endpoint = (
                    op.method.as_deref(),
                    op.path.as_ref().or(resource.path.as_ref()),
                );
                if let Some((first, first_endpoint)) = names.get(&(namespace, name)) {
                    if *first_endpoint == endpoint {
                        continue;
                    }
                    let first_at = loaded
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
                    names.insert((namespace, name), (origin, endpoint));
                }
            }
        }
    }
}

/// Whether `uri` can be a default server root: `http(s)://host…`, nothing that would break
/// out of a string in the generated docs.
fn usable_base_url(uri: &str) -> bool {
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && r.chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '`' | '<' | '>'))
    })
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
