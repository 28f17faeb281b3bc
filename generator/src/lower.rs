//! Lowering: the capability as written → the IR, checking what must be there.
//!
//! Lowering takes the spec at its word (a glob declared `in: query` stays a query
//! parameter here); [`crate::normalize`] then resolves the quirks, one named rule each.

use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::ir::{
    Api, Body, BodyKind, Hints, Method, Operation, Param, ParamLocation, ParamType, ResponseKind,
};
use crate::path_template;
use crate::spec::{Loaded, Parameter};

/// Lowers a loaded capability; reports every problem found, not only the first.
pub fn lower(loaded: &Loaded) -> Result<Api, Diagnostics> {
    let doc = &loaded.document;
    let mut errors = Diagnostics::default();
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
                let path = match path_template::parse(&raw_path) {
                    Ok(p) => p,
                    Err(e) => {
                        let pointer = if op.path.is_some() {
                            format!("{origin}/path")
                        } else {
                            format!("/capability/consumes/{ci}/resources/{ri}/path")
                        };
                        let mut d = loaded.error(&pointer, e.message).operation(&what);
                        if let Some(h) = e.hint {
                            d = d.hint(h);
                        }
                        errors.push(d);
                        continue;
                    }
                };
                let mut params = Vec::new();
                let mut body: Option<Body> = None;
                for (pi, p) in op.input_parameters.iter().enumerate() {
                    let pointer = format!("{origin}/inputParameters/{pi}");
                    match lower_param(p, pointer.clone()) {
                        Ok(Lowered::Param(param)) => params.push(param),
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
    let api = Api {
        title: doc
            .info
            .label
            .clone()
            .unwrap_or_else(|| "API client".to_owned()),
        description: doc.info.description.clone(),
        base_url: cap.consumes.first().and_then(|c| c.base_uri.clone()),
        token_env,
        operations,
        types: Vec::new(),
    };
    errors.into_result(api)
}

enum Lowered {
    Param(Param),
    Body(Body),
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
