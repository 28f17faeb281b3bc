//! Lowering one operation: its path (fragment, query string, template), its parameters, the
//! variables of its query string, and its body.

use crate::diagnostic::Diagnostic;
use crate::ir::{
    Body, BodyKind, Location, Method, Operation, Param, ParamLocation, ParamType, PathTemplate,
    Unnamed,
};
use crate::path_template::{self, QueryItem};
use crate::spec::{self, Loaded, Parameter};

use super::Findings;
use super::paths::operation_path;

/// Where an operation is in the capability: node pointers, for diagnostics and positions.
pub(super) struct Site<'a> {
    /// The file it is written in.
    pub loaded: &'a Loaded,
    /// The operation.
    pub origin: String,
    /// Its resource's `path`.
    pub resource_path: String,
    /// Its block's `baseUri`.
    pub base_uri: Option<&'a str>,
}

/// What diagnostics about one operation share: where its path is written, and how the
/// operation is named.
struct Context<'a> {
    loaded: &'a Loaded,
    /// The pointer of the path the operation uses (its own or its resource's).
    path_pointer: String,
    /// `name (METHOD path)`.
    what: String,
}

impl Context<'_> {
    /// A diagnostic at the operation's path.
    fn at_path(&self, message: impl Into<String>) -> Diagnostic {
        self.loaded
            .error(&self.path_pointer, message)
            .operation(&self.what)
    }
}

/// Lowers one operation; `None` (with the problems in `found`) when it cannot be.
pub(super) fn lower_operation(
    site: &Site<'_>,
    resource: &spec::Resource,
    op: &spec::Operation,
    found: &mut Findings,
) -> Option<Operation<Unnamed>> {
    let (loaded, origin) = (site.loaded, &site.origin);
    let method_text = op.method.as_deref().unwrap_or_default();
    let name = op.name.clone().unwrap_or_default();
    let path_pointer = if op.path.is_some() {
        format!("{origin}/path")
    } else {
        site.resource_path.clone()
    };
    let joined = operation_path(site.base_uri, resource.path.as_deref(), op.path.as_deref());
    let written = op.path.as_ref().or(resource.path.as_ref());
    let what = format!(
        "{} ({} {})",
        if name.is_empty() { "<unnamed>" } else { &name },
        method_text,
        joined.as_ref().map_or_else(
            |_| written.map_or("<no path>", String::as_str),
            |j| j.path.as_str()
        )
    );
    let Some(method) = Method::parse(method_text) else {
        found.errors.push(
            loaded
                .error(
                    &format!("{origin}/method"),
                    format!("unknown HTTP method `{method_text}`"),
                )
                .operation(&what)
                .hint("use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"),
        );
        return None;
    };
    if name.is_empty() {
        found.errors.push(
            loaded
                .error(origin, "operation has no `name`")
                .operation(&what),
        );
        return None;
    }
    let joined = match joined {
        Ok(joined) => joined,
        Err((message, hint)) => {
            let at = if written.is_some() {
                &path_pointer
            } else {
                origin
            };
            found
                .errors
                .push(loaded.error(at, message).operation(&what).hint(hint));
            return None;
        }
    };
    let cx = Context {
        loaded,
        path_pointer,
        what,
    };
    if let Some((message, hint)) = joined.guess {
        found
            .warnings
            .push(cx.at_path(message).hint(hint).warning());
    }
    let raw_path = joined.path;
    let (raw_path, path, query_items) = lower_path(&cx, raw_path, found)?;
    let resource_pointer = site.resource_path.trim_end_matches("/path");
    let (mut params, body, files) =
        lower_params(&cx, origin, (resource_pointer, resource), op, found);
    let fixed_query = query_variables(&cx, &mut params, &path, query_items);
    let body = lower_body(&cx, op, body, &files, &params, found);
    let summary = op
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .unwrap_or("(no description in the spec)")
        .to_owned();
    Some(Operation {
        summary,
        params,
        fixed_query,
        body,
        // `outputRawFormat: json` is declared everywhere and is often wrong: without an
        // overlay saying otherwise, the raw response is returned (`Operation::new`).
        declared_at: loaded.locate(origin),
        ..Operation::new(&name, method, &raw_path, path)
    })
}

/// The path: a fragment left out (with a warning), the query string split off, a space
/// warned about, the template parsed.
fn lower_path(
    cx: &Context<'_>,
    raw_path: String,
    found: &mut Findings,
) -> Option<(String, PathTemplate, Vec<QueryItem>)> {
    // A fragment is never sent to a server: it is left out, with a warning.
    let raw_path = match raw_path.split_once('#') {
        Some((before, fragment)) => {
            found.warnings.push(
                cx.at_path(format!("path `{raw_path}` has a fragment (`#{fragment}`), which is never sent to a server; it is left out"))
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
        let d = cx.at_path(e.message);
        match e.hint {
            Some(h) => d.hint(h),
            None => d,
        }
    };
    let (path_only, query_items) = match path_template::split_query(&raw_path) {
        Ok(split) => split,
        Err(e) => {
            found.errors.push(template_error(e));
            return None;
        }
    };
    if path_only.contains(' ') {
        found.warnings.push(
            cx.at_path(format!(
                "path `{path_only}` contains a space; it is sent as `%20`"
            ))
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
            found.errors.push(template_error(e));
            return None;
        }
    };
    Some((raw_path.clone(), path, query_items))
}

/// A form field of `type: file` (a part of a multipart body): its name, whether it is
/// required, and its pointer.
type FileField = (String, bool, String);

/// The declared parameters, the `in: body` one, and the form fields of `type: file`.
fn lower_params(
    cx: &Context<'_>,
    origin: &str,
    (resource_pointer, resource): (&str, &spec::Resource),
    op: &spec::Operation,
    found: &mut Findings,
) -> (Vec<Param<Unnamed>>, Option<Body>, Vec<FileField>) {
    let mut params = Vec::new();
    let mut body: Option<Body> = None;
    let mut files = Vec::new();
    // The resource's parameters first, unless the operation declares one of the same name
    // and location; then the operation's.
    let own = |p: &Parameter| {
        op.input_parameters
            .iter()
            .any(|o| o.name == p.name && o.location == p.location)
    };
    let shared = resource
        .input_parameters
        .iter()
        .enumerate()
        .filter(|(_, p)| !own(p))
        .map(|(pi, p)| (format!("{resource_pointer}/inputParameters/{pi}"), p));
    let declared = op
        .input_parameters
        .iter()
        .enumerate()
        .map(|(pi, p)| (format!("{origin}/inputParameters/{pi}"), p));
    for (pointer, p) in shared.chain(declared) {
        match lower_param(p, cx.loaded.locate(&pointer)) {
            Ok(Lowered::Param(param)) => params.push(param),
            Ok(Lowered::File { name, required }) => files.push((name, required, pointer)),
            Ok(Lowered::Body(b)) => {
                if body.is_some() {
                    found.errors.push(
                        cx.loaded
                            .error(&pointer, "operation declares two `in: body` parameters")
                            .operation(&cx.what)
                            .parameter(&b.wire_name),
                    );
                }
                body = Some(b);
            }
            Err(e) => {
                let mut d = cx
                    .loaded
                    .error(&format!("{pointer}{}", e.field), e.message)
                    .operation(&cx.what);
                if let Some(n) = &p.name {
                    d = d.parameter(n);
                }
                if let Some(h) = e.hint {
                    d = d.hint(h);
                }
                found.errors.push(d);
            }
        }
    }
    (params, body, files)
}

/// The pairs of the path's query string: fixed ones (and flags) are returned,
/// `name={variable}` ones make the variable a query parameter.
fn query_variables(
    cx: &Context<'_>,
    params: &mut Vec<Param<Unnamed>>,
    path: &PathTemplate,
    query_items: Vec<QueryItem>,
) -> Vec<(String, Option<String>)> {
    let mut fixed_query = Vec::new();
    for item in query_items {
        match item {
            QueryItem::Fixed { name, value } => fixed_query.push((name, Some(value))),
            QueryItem::Flag { name } => fixed_query.push((name, None)),
            QueryItem::Var { name, variable } => {
                let at = cx.loaded.locate(&cx.path_pointer);
                query_variable(params, path, &name, &variable, at);
            }
        }
    }
    fixed_query
}

/// The body: the `in: body` parameter, encoded as a `body:` block says; a multipart body
/// for form fields of `type: file`; a body beside form fields refused.
fn lower_body(
    cx: &Context<'_>,
    op: &spec::Operation,
    mut body: Option<Body>,
    files: &[FileField],
    params: &[Param<Unnamed>],
    found: &mut Findings,
) -> Option<Body> {
    // A `body:` block says how the body is encoded; its template maps the exposed inputs
    // of a Naftiko server and means nothing to a client.
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
    // Form fields of `type: file` make the form `multipart/form-data`: the caller builds it
    // with the files; the other fields are added to it.
    if let Some((first, _, pointer)) = files.first() {
        if let Some(b) = &body {
            found.errors.push(
                cx.loaded
                    .error(
                        pointer,
                        "operation has both a body and `in: formData` file fields; a request has one body",
                    )
                    .operation(&cx.what)
                    .parameter(first)
                    .hint(format!("remove the `{}` body or the file fields", b.wire_name)),
            );
        } else {
            let names: Vec<String> = files.iter().map(|(n, _, _)| format!("`{n}`")).collect();
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
        found.errors.push(
            Diagnostic::new(
                "operation has both a body and `in: formData` fields; a request has one body",
            )
            .in_file(&cx.loaded.file)
            .at(field.declared_at)
            .operation(&cx.what)
            .parameter(&field.wire_name)
            .hint(format!(
                "remove the `{}` body, or declare the fields `in: query`",
                b.wire_name
            )),
        );
    }
    body
}

/// Makes `variable`, written in the path's query string as `name={variable}`, the query
/// parameter `name`: the parameter declared for it (whatever its `in:`), or a required
/// string the spec did not declare. A variable of the path too is one value, sent in both
/// places (rule `one_variable_one_value`): its path parameter is also sent as `name`.
fn query_variable(
    params: &mut Vec<Param<Unnamed>>,
    path: &PathTemplate,
    name: &str,
    variable: &str,
    at: Option<Location>,
) {
    if path.variables().iter().any(|(v, _)| *v == variable) {
        let declared = params
            .iter_mut()
            .find(|p| p.wire_name == variable && p.location == ParamLocation::Path);
        match declared {
            Some(p) => p.also_query = Some(name.to_owned()),
            None => params.push(Param {
                description: Some(format!(
                    "The `{variable}` part of the path (not described by the spec)."
                )),
                synthesized: true,
                declared_at: at,
                also_query: Some(name.to_owned()),
                ..Param::new(variable, ParamLocation::Path, ParamType::String)
            }),
        }
        return;
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
            declared_at: at,
            ..Param::new(name, ParamLocation::Query, ParamType::String)
        }),
    }
}

/// How a `body:` block encodes the body: `type: json` or `type: form`; any other type is
/// sent as raw bytes.
pub(super) fn body_block_kind(block: &serde_yaml::Value) -> BodyKind {
    match block.get("type").and_then(serde_yaml::Value::as_str) {
        Some(t) if t.eq_ignore_ascii_case("json") => BodyKind::Json,
        Some(t) if t.eq_ignore_ascii_case("form") || t.eq_ignore_ascii_case("urlencoded") => {
            BodyKind::Form
        }
        _ => BodyKind::Raw,
    }
}

/// What one `inputParameters` entry is.
enum Lowered {
    Param(Param<Unnamed>),
    Body(Body),
    /// A form field of `type: file`: a part of a multipart body.
    File {
        name: String,
        required: bool,
    },
}

/// Why an `inputParameters` entry cannot be lowered.
struct ParamError {
    /// The pointer of the entry's field at fault, relative to the entry.
    field: &'static str,
    message: String,
    hint: Option<String>,
}

/// Lowers one `inputParameters` entry, declared at `at`.
fn lower_param(p: &Parameter, at: Option<Location>) -> Result<Lowered, ParamError> {
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
        required: p.required.unwrap_or(location == ParamLocation::Path),
        description: p.description.clone(),
        declared_at: at,
        ..Param::new(&name, location, ty)
    }))
}
