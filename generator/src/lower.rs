//! Lowering: the capability as written → the IR, checking what must be there.
//!
//! Lowering takes the spec at its word (a glob declared `in: query` stays a query
//! parameter here); [`crate::normalize`] then resolves the quirks, one named rule each.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{
    Api, Body, BodyKind, Hints, Method, Operation, Param, ParamLocation, ParamType, PathTemplate,
    ResponseKind,
};
use crate::path_template::{self, QueryItem};
use crate::spec::{Loaded, Parameter};

/// The dialect this generator is written for.
pub const DIALECT: &str = "1.0.0-alpha2";

/// Lowers a loaded capability; reports every problem found, not only the first.
pub fn lower(loaded: &Loaded) -> Result<Api, Diagnostics> {
    lower_with_warnings(loaded).map(|(api, _)| api)
}

/// Lowers a loaded capability, with the warnings found (another dialect version, a
/// templated `baseUri`, operation names declared twice).
pub fn lower_with_warnings(loaded: &Loaded) -> Result<(Api, Vec<Diagnostic>), Diagnostics> {
    let doc = &loaded.document;
    let mut errors = Diagnostics::default();
    let mut warnings = Vec::new();
    match check_version(doc.naftiko.as_deref()) {
        Ok(None) => {}
        Ok(Some(message)) => warnings.push(loaded.error("/naftiko", message).warning()),
        Err(message) => errors.push(
            loaded
                .error("/naftiko", message)
                .hint(format!("other 0.x and 1.x versions are read as {DIALECT}, with a warning; a new major version may mean something else, so convert the capability to {DIALECT}")),
        ),
    }
    let cap = &doc.capability;
    if cap.consumes.is_empty() {
        errors.push(
            loaded
                .error("/capability", "the capability consumes no HTTP API (`capability.consumes` is empty or missing)")
                .hint("add a `consumes` block with `resources` and their `operations`"),
        );
    }

    // MCP tools carry behaviour hints; they name the operation they call.
    let mut hints: HashMap<&str, Hints> = HashMap::new();
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

    let mut operations = Vec::new();
    for (ci, consumes) in cap.consumes.iter().enumerate() {
        let namespace = consumes.namespace.as_deref().unwrap_or_default();
        for (ri, resource) in consumes.resources.iter().enumerate() {
            for (oi, op) in resource.operations.iter().enumerate() {
                let origin = format!("/capability/consumes/{ci}/resources/{ri}/operations/{oi}");
                let method_text = op.method.as_deref().unwrap_or_default();
                let name = op.name.clone().unwrap_or_default();
                let raw_path = op.path.as_ref().or(resource.path.as_ref());
                let what = format!(
                    "{} ({} {})",
                    if name.is_empty() { "<unnamed>" } else { &name },
                    method_text,
                    raw_path.map_or("<no path>", String::as_str)
                );
                let Some(method) = Method::parse(method_text) else {
                    errors.push(
                        loaded
                            .error(
                                &format!("{origin}/method"),
                                format!("unknown HTTP method `{method_text}`"),
                            )
                            .operation(&what)
                            .hint("use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"),
                    );
                    continue;
                };
                if name.is_empty() {
                    errors.push(
                        loaded
                            .error(&origin, "operation has no `name`")
                            .operation(&what),
                    );
                    continue;
                }
                let Some(raw_path) = raw_path.cloned() else {
                    errors.push(
                        loaded
                            .error(&origin, "operation has no path (neither the resource nor the operation sets `path`)")
                            .operation(&what),
                    );
                    continue;
                };
                let path_pointer = if op.path.is_some() {
                    format!("{origin}/path")
                } else {
                    format!("/capability/consumes/{ci}/resources/{ri}/path")
                };
                // A fragment is never sent to a server: it is left out, with a warning.
                let raw_path = match raw_path.split_once('#') {
                    Some((before, fragment)) => {
                        warnings.push(
                            loaded
                                .error(
                                    &path_pointer,
                                    format!("path `{raw_path}` has a fragment (`#{fragment}`), which is never sent to a server; it is left out"),
                                )
                                .operation(&what)
                                .hint(format!("write the path as `{before}`"))
                                .warning(),
                        );
                        before.to_owned()
                    }
                    None => raw_path,
                };
                // A query string in the path: fixed pairs are sent with every request,
                // `name={variable}` pairs make the variable a query parameter.
                let template_error = |e: path_template::TemplateError| {
                    let d = loaded.error(&path_pointer, e.message).operation(&what);
                    match e.hint {
                        Some(h) => d.hint(h),
                        None => d,
                    }
                };
                let (path_only, query_items) = match path_template::split_query(&raw_path) {
                    Ok(split) => split,
                    Err(e) => {
                        errors.push(template_error(e));
                        continue;
                    }
                };
                if path_only.contains(' ') {
                    warnings.push(
                        loaded
                            .error(
                                &path_pointer,
                                format!("path `{path_only}` contains a space; it is sent as `%20`"),
                            )
                            .operation(&what)
                            .hint(format!(
                                "write the path as `{}` to say so",
                                path_only.replace(' ', "%20")
                            ))
                            .warning(),
                    );
                }
                let path = match path_template::parse(path_only) {
                    Ok(p) => p,
                    Err(e) => {
                        errors.push(template_error(e));
                        continue;
                    }
                };
                let mut params = Vec::new();
                let mut body: Option<Body> = None;
                let mut files: Vec<(String, bool, String)> = Vec::new();
                for (pi, p) in op.input_parameters.iter().enumerate() {
                    let pointer = format!("{origin}/inputParameters/{pi}");
                    match lower_param(p, pointer.clone()) {
                        Ok(Lowered::Param(param)) => params.push(param),
                        Ok(Lowered::File { name, required }) => {
                            files.push((name, required, pointer));
                        }
                        Ok(Lowered::Body(b)) => {
                            if body.is_some() {
                                errors.push(
                                    loaded
                                        .error(
                                            &pointer,
                                            "operation declares two `in: body` parameters",
                                        )
                                        .operation(&what)
                                        .parameter(&b.wire_name),
                                );
                            }
                            body = Some(b);
                        }
                        Err(e) => {
                            let mut d = loaded
                                .error(&format!("{pointer}{}", e.field), e.message)
                                .operation(&what);
                            if let Some(n) = &p.name {
                                d = d.parameter(n);
                            }
                            if let Some(h) = e.hint {
                                d = d.hint(h);
                            }
                            errors.push(d);
                        }
                    }
                }
                let mut fixed_query = Vec::new();
                for item in query_items {
                    match item {
                        QueryItem::Fixed { name, value } => fixed_query.push((name, value)),
                        QueryItem::Var { name, variable } => {
                            if let Err(message) =
                                query_variable(&mut params, &path, &name, &variable, &path_pointer)
                            {
                                errors.push(
                                    loaded
                                        .error(&path_pointer, message)
                                        .operation(&what)
                                        .parameter(&variable)
                                        .hint("rename one of the two variables"),
                                );
                            }
                        }
                    }
                }
                // A `body:` block says how the body is encoded; its template maps the
                // exposed inputs of a Naftiko server and means nothing to a client.
                if let Some(block) = &op.body {
                    let kind = body_block_kind(block);
                    match &mut body {
                        Some(b) => b.kind = kind,
                        None => {
                            body = Some(Body {
                                wire_name: "body".into(),
                                kind,
                                required: true,
                                description: None,
                                ty: None,
                            })
                        }
                    }
                }
                // Form fields of `type: file` make the form `multipart/form-data`: the
                // caller builds it with the files; the other fields are added to it.
                if let Some((first, _, pointer)) = files.first() {
                    if let Some(b) = &body {
                        errors.push(
                            loaded
                                .error(
                                    pointer,
                                    "operation has both a body and `in: formData` file fields; a request has one body",
                                )
                                .operation(&what)
                                .parameter(first)
                                .hint(format!("remove the `{}` body or the file fields", b.wire_name)),
                        );
                    } else {
                        let names: Vec<String> =
                            files.iter().map(|(n, _, _)| format!("`{n}`")).collect();
                        body = Some(Body {
                            wire_name: first.clone(),
                            kind: BodyKind::Multipart {
                                file_field: first.clone(),
                            },
                            required: files.iter().any(|(_, r, _)| *r),
                            description: Some(format!("file fields: {}", names.join(", "))),
                            ty: None,
                        });
                    }
                }
                if let (Some(b), Some(field)) = (
                    body.as_ref()
                        .filter(|b| !matches!(b.kind, BodyKind::Multipart { .. })),
                    params.iter().find(|p| p.location == ParamLocation::Form),
                ) {
                    errors.push(
                        loaded
                            .error(&field.origin, "operation has both a body and `in: formData` fields; a request has one body")
                            .operation(&what)
                            .parameter(&field.wire_name)
                            .hint(format!("remove the `{}` body, or declare the fields `in: query`", b.wire_name)),
                    );
                }
                let summary = op
                    .description
                    .as_deref()
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .unwrap_or("(no description in the spec)")
                    .to_owned();
                operations.push(Operation {
                    hints: hints
                        .get(format!("{namespace}.{name}").as_str())
                        .copied()
                        .unwrap_or_default(),
                    spec_name: name,
                    rust_name: String::new(),
                    method,
                    raw_path,
                    path,
                    summary,
                    params,
                    fixed_query,
                    body,
                    // `outputRawFormat: json` is declared everywhere and is often wrong:
                    // without an overlay saying otherwise, the raw response is returned.
                    response: ResponseKind::Raw,
                    group: String::new(),
                    pagination: None,
                    response_type: None,
                    response_list: false,
                    notes: None,
                    origin,
                });
            }
        }
    }

    let token_env = doc
        .binds
        .iter()
        .flat_map(|b| b.keys.values())
        .find(|v| {
            v.to_ascii_uppercase().contains("KEY") || v.to_ascii_uppercase().contains("TOKEN")
        })
        .cloned();
    // One client has one server root: the consumed APIs must agree on it.
    let mut base_url: Option<(usize, String)> = None;
    for (ci, consumes) in cap.consumes.iter().enumerate() {
        let pointer = format!("/capability/consumes/{ci}/baseUri");
        let Some(uri) = consumes.base_uri.as_deref().map(str::trim) else {
            continue;
        };
        if uri.is_empty() {
            continue;
        }
        if uri.contains('{') || uri.contains('}') {
            warnings.push(
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
            warnings.push(
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
                errors.push(
                    loaded
                        .error(&pointer, format!("the capability consumes two servers (`baseUri`), `{other}`{first_at} and `{uri}`; a generated client has one server root"))
                        .hint("split the capability into one file per `consumes` block and generate a client from each"),
                );
            }
            Some(_) => {}
        }
    }
    // Spec names are not Rust names (those come from method and path), but the MCP tools'
    // `call` refers to them.
    // (A method and path declared twice is said by naming.)
    type Endpoint<'a> = (Option<&'a str>, Option<&'a String>);
    let mut names: HashMap<(&str, &str), (String, Endpoint)> = HashMap::new();
    for (ci, consumes) in cap.consumes.iter().enumerate() {
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
                    warnings.push(
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
    let api = Api {
        title: doc
            .info
            .label
            .clone()
            .unwrap_or_else(|| "API client".to_owned()),
        description: doc.info.description.clone(),
        base_url: base_url.map(|(_, u)| u),
        token_env,
        base_url_env: None,
        operations,
        types: Vec::new(),
    };
    errors.into_result((api, warnings))
}

/// Makes `variable`, written in the path's query string as `name={variable}`, the query
/// parameter `name`: the parameter declared for it (whatever its `in:`), or a required
/// string the spec did not declare.
fn query_variable(
    params: &mut Vec<Param>,
    path: &PathTemplate,
    name: &str,
    variable: &str,
    origin: &str,
) -> Result<(), String> {
    if path.variables().iter().any(|(v, _)| *v == variable) {
        return Err(format!(
            "variable `{variable}` is both in the path and in its query string"
        ));
    }
    let declared = params.iter_mut().find(|p| {
        p.wire_name == variable && matches!(p.location, ParamLocation::Path | ParamLocation::Query)
    });
    match declared {
        Some(p) => {
            p.location = ParamLocation::Query;
            name.clone_into(&mut p.wire_name);
        }
        None => params.push(Param {
            required: true,
            description: Some(format!(
                "The `{variable}` value of the query (not described by the spec)."
            )),
            synthesized: true,
            origin: origin.to_owned(),
            ..Param::new(name, ParamLocation::Query, ParamType::String)
        }),
    }
    Ok(())
}

/// How a `body:` block encodes the body: `type: json` or `type: form`; any other type is
/// sent as raw bytes.
fn body_block_kind(block: &serde_yaml::Value) -> BodyKind {
    match block.get("type").and_then(serde_yaml::Value::as_str) {
        Some(t) if t.eq_ignore_ascii_case("json") => BodyKind::Json,
        Some(t) if t.eq_ignore_ascii_case("form") || t.eq_ignore_ascii_case("urlencoded") => {
            BodyKind::Form
        }
        _ => BodyKind::Raw,
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

enum Lowered {
    Param(Param),
    Body(Body),
    /// A form field of `type: file`: a part of a multipart body.
    File {
        name: String,
        required: bool,
    },
}

struct ParamError {
    field: &'static str,
    message: String,
    hint: Option<String>,
}

fn lower_param(p: &Parameter, origin: String) -> Result<Lowered, ParamError> {
    let Some(name) = p.name.clone().filter(|n| !n.trim().is_empty()) else {
        return Err(ParamError {
            field: "",
            message: "parameter has no `name`".into(),
            hint: None,
        });
    };
    let location = match p.location.as_deref() {
        Some("path") => ParamLocation::Path,
        Some("query") => ParamLocation::Query,
        Some("header") => ParamLocation::Header,
        Some("formData") if p.kind.as_deref() == Some("file") => {
            return Ok(Lowered::File {
                name,
                required: p.required.unwrap_or(false),
            });
        }
        Some("formData") => ParamLocation::Form,
        Some("body") => {
            return Ok(Lowered::Body(Body {
                wire_name: name,
                kind: BodyKind::Raw,
                required: p.required.unwrap_or(false),
                description: p.description.clone(),
                ty: None,
            }));
        }
        Some(other) => {
            return Err(ParamError {
                field: "/in",
                message: format!("unknown parameter location `{other}`"),
                hint: Some("use one of `path`, `query`, `header`, `body`, `formData`".into()),
            });
        }
        None => {
            return Err(ParamError {
                field: "",
                message: "parameter has no location (`in`)".into(),
                hint: Some("add `in: path`, `in: query`, `in: header` or `in: body`".into()),
            });
        }
    };
    let ty = match p.kind.as_deref().unwrap_or("string") {
        "integer" => ParamType::Integer,
        "number" => ParamType::Number,
        "boolean" => ParamType::Boolean,
        "array" => ParamType::StringList,
        // `file` and `object` have no text form of their own; normalization refines.
        _ => ParamType::String,
    };
    Ok(Lowered::Param(Param {
        wire_name: name,
        rust_name: String::new(),
        location,
        ty,
        required: p.required.unwrap_or(location == ParamLocation::Path),
        description: p.description.clone(),
        synthesized: false,
        enum_type: None,
        origin,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    fn load(body: &str) -> Loaded {
        spec::parse(std::path::Path::new("x.yaml"), body).unwrap()
    }

    fn one_op(version: &str, base: &str, op: &str) -> String {
        format!(
            "naftiko: {version}\ncapability:\n  consumes:\n  - baseUri: {base}\n    resources:\n    - path: /items\n      operations:\n      - name: op\n{op}"
        )
    }

    #[test]
    fn versions_other_than_the_dialect_are_warned_about_or_refused() {
        assert_eq!(check_version(Some(DIALECT)), Ok(None));
        assert!(check_version(Some("1.0.0-alpha1")).unwrap().is_some());
        assert!(check_version(Some("0.4")).unwrap().is_some());
        assert!(check_version(None).unwrap().is_some());
        assert!(check_version(Some("2.0")).is_err());
        assert!(check_version(Some("next")).is_err());
        let errors = lower(&load(&one_op(
            "2.0",
            "https://a.example",
            "        method: GET\n",
        )))
        .unwrap_err();
        assert!(
            errors.0[0]
                .message
                .contains("unsupported `naftiko` version `2.0`")
        );
        assert_eq!(errors.0[0].location.map(|l| l.line), Some(1));
    }

    #[test]
    fn body_blocks_give_the_encoding() {
        let block = |t: &str| body_block_kind(&serde_yaml::from_str(t).unwrap());
        assert_eq!(block("{type: json, template: '{}'}"), BodyKind::Json);
        assert_eq!(block("{type: form}"), BodyKind::Form);
        assert_eq!(block("{type: xml}"), BodyKind::Raw);
        assert_eq!(block("'a template'"), BodyKind::Raw);
        let (api, _) = lower_with_warnings(&load(&one_op(
            DIALECT,
            "https://a.example",
            "        method: POST\n        body: {type: json}\n",
        )))
        .unwrap();
        let body = api.operations[0].body.as_ref().unwrap();
        assert_eq!((&body.kind, body.required), (&BodyKind::Json, true));
    }

    #[test]
    fn form_file_fields_make_a_multipart_body() {
        let (api, _) = lower_with_warnings(&load(&one_op(
            DIALECT,
            "https://a.example",
            "        method: POST\n        inputParameters:\n        - {name: file, in: formData, type: file, required: true}\n        - {name: logo, in: formData, type: file}\n        - {name: title, in: formData, type: string}\n",
        )))
        .unwrap();
        let op = &api.operations[0];
        let body = op.body.as_ref().unwrap();
        assert_eq!(
            body.kind,
            BodyKind::Multipart {
                file_field: "file".into()
            }
        );
        assert!(body.required);
        let names: Vec<&str> = op.params.iter().map(|p| p.wire_name.as_str()).collect();
        assert_eq!(names, ["title"]);
        // A body beside form fields cannot be sent.
        let errors = lower(&load(&one_op(
            DIALECT,
            "https://a.example",
            "        method: POST\n        inputParameters:\n        - {name: raw, in: body}\n        - {name: title, in: formData}\n",
        )))
        .unwrap_err();
        assert!(
            errors.0[0]
                .message
                .contains("both a body and `in: formData` fields")
        );
        assert_eq!(errors.0[0].parameter.as_deref(), Some("title"));
    }

    #[test]
    fn base_uris_empty_templated_or_disagreeing() {
        let base = |b: &str| {
            lower_with_warnings(&load(&one_op(DIALECT, b, "        method: GET\n")))
                .map(|(api, w)| (api.base_url, w.len()))
        };
        assert_eq!(base("''"), Ok((None, 0)));
        assert_eq!(base("https://{site}.example.com"), Ok((None, 1)));
        assert_eq!(base("'not a url'"), Ok((None, 1)));
        assert_eq!(
            base("https://gitlab.com"),
            Ok((Some("https://gitlab.com".into()), 0))
        );
        let two = "naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n  - baseUri: https://a.example\n    resources: [{path: /a, operations: [{name: a, method: GET}]}]\n  - baseUri: https://b.example\n    resources: [{path: /b, operations: [{name: b, method: GET}]}]\n";
        let errors = lower(&load(two)).unwrap_err();
        assert!(
            errors.0[0].message.contains("consumes two servers"),
            "{errors}"
        );
        assert_eq!(errors.0[0].location.map(|l| l.line), Some(6));
    }

    #[test]
    fn fragments_are_left_out_with_a_warning() {
        let text = one_op(DIALECT, "https://a.example", "        method: GET\n")
            .replace("path: /items", "path: /items#top");
        let (api, warnings) = lower_with_warnings(&load(&text)).unwrap();
        assert_eq!(api.operations[0].raw_path, "/items");
        assert!(warnings[0].message.contains("fragment (`#top`)"));
    }
}
