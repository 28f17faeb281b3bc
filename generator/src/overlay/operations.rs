//! The overlay's `operations` actions: each finds its operation by `METHOD path` and
//! corrects its name, response, body and parameters.

use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::ir::{
    Api, Body, BodyKind, Operation, ParamType, PathPart, ResponseKind, TypeRef, Unnamed,
};

use super::{Action, BodyName, ListName, Overlay, ParamAction, ResponseName, TypeName};

impl Overlay {
    /// Applies every `operations` action to `api`; reports every action that does not fit.
    pub(super) fn apply_operations(&self, api: &mut Api<Unnamed>, errors: &mut Diagnostics) {
        let index: HashMap<String, usize> = api
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.signature(), i))
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (n, action) in self.document().operations.iter().enumerate() {
            let pointer = format!("/operations/{n}");
            let target = action.target.trim();
            if let Some(first) = seen.insert(target, n) {
                errors.push(self.parsed.error(
                    &pointer,
                    format!(
                        "overlay target `{target}` appears twice (also entry {})",
                        first + 1
                    ),
                ));
                continue;
            }
            let Some(&i) = index.get(&normalize_target(target)) else {
                errors.push(
                    self.parsed
                        .error(&pointer, format!("overlay target `{target}` names no operation of the capability"))
                        .hint("write the target as `METHOD path`, with the path exactly as in the capability"),
                );
                continue;
            };
            self.apply_action(&pointer, action, &mut api.operations[i], errors);
        }
    }

    /// Applies one action, at `pointer` in the overlay, to its operation.
    fn apply_action(
        &self,
        pointer: &str,
        action: &Action,
        op: &mut Operation<Unnamed>,
        errors: &mut Diagnostics,
    ) {
        let error = |message: String| self.parsed.error(pointer, message);
        let target = action.target.trim();
        // An empty `rename` gives no name: the naming rule names the operation.
        if let Some(name) = action.rename.as_ref().filter(|n| !n.is_empty()) {
            op.rust_name = Some(name.clone());
        }
        op.response_list |= action.response_list;
        if let Some(path) = &action.path {
            if let Err(message) = replace_path(op, path) {
                errors.push(error(message).operation(op.describe()));
            }
        }
        if let Some(name) = &action.body_type {
            match (TypeRef::scalar_named(name), op.body.as_mut()) {
                (Some(ty), Some(body)) => body.ty = Some(ty),
                (None, _) => errors.push(error(format!(
                    "`body_type: {name}` is not one of string, integer, id, number, boolean, date_time, json"
                ))),
                (_, None) => errors.push(error(format!(
                    "`body_type` for `{target}`, which has no body"
                ))),
            }
        }
        for (name, change) in &action.params {
            if let Err(message) = apply_param(op, name, change) {
                errors.push(
                    self.parsed
                        .error(&format!("{pointer}/params/{name}"), message)
                        .operation(op.describe())
                        .parameter(name),
                );
            }
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
        if let Some(schema) = &action.response_schema {
            if op.response == ResponseKind::Json {
                op.response_schema = Some(schema.clone());
            } else {
                errors.push(error(format!(
                    "`response_schema` for `{target}`, whose answer is not JSON (set `response: json`)"
                )));
            }
        }
        if action.response_nullable {
            if op.response == ResponseKind::Json {
                op.response_nullable = true;
            } else {
                errors.push(error(format!(
                    "`response_nullable` for `{target}`, whose answer is not JSON (set `response: json`)"
                )));
            }
        }
        if !action.also_answers.is_empty() {
            if op.response == ResponseKind::Json {
                op.also_answers = action.also_answers.clone();
            } else {
                errors.push(error(format!(
                    "`also_answers` for `{target}`, whose answer is not JSON (set `response: json`)"
                )));
            }
        }
        if let Some(reason) = &action.untyped {
            match untyped_reason(op, action, reason) {
                Ok(reason) => op.untyped = Some(reason),
                Err(message) => errors.push(error(format!("`untyped` for `{target}`: {message}"))),
            }
        }
        if action.multipart_file.is_some() && !matches!(action.body, Some(BodyName::Multipart)) {
            errors.push(error(format!(
                "`multipart_file` goes with `body: multipart` only (`{target}`)"
            )));
            return;
        }
        let kind = match (action.body, &action.multipart_file) {
            (None, _) => return,
            (Some(BodyName::Raw), _) => BodyKind::Raw,
            (Some(BodyName::Json), _) => BodyKind::Json,
            (Some(BodyName::Form), _) => BodyKind::Form,
            (Some(BodyName::Multipart), Some(field)) => BodyKind::Multipart {
                file_field: field.clone(),
            },
            (Some(BodyName::Multipart), None) => {
                errors.push(
                    error(format!(
                        "`body: multipart` for `{target}` needs `multipart_file`"
                    ))
                    .hint(
                        "name the form field that carries the file, e.g. `multipart_file: package`",
                    ),
                );
                return;
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
                    ty: None,
                })
            }
        }
    }
}

/// The reason an `untyped` action gives, if it fits: a JSON answer the action gives no
/// type (no `response_schema`, `response_list` or `response_nullable`), said in one line.
fn untyped_reason(
    op: &Operation<Unnamed>,
    action: &Action,
    reason: &str,
) -> Result<String, String> {
    if op.response != ResponseKind::Json {
        return Err("its answer is not JSON (set `response: json`)".into());
    }
    if action.response_schema.is_some() || action.response_list || action.response_nullable {
        return Err(
            "the same entry types the answer (`response_schema`, `response_list` or `response_nullable`)"
                .into(),
        );
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.contains(['\n', '\r', '|']) {
        return Err("the reason must be one line of text (without `|`)".into());
    }
    Ok(reason.to_owned())
}

/// Sends the operation to `path` instead of its spec's path: the same variables, written
/// differently (Composer's archive is `archives/*package_name.zip`). The spec's path still
/// identifies the operation (targets, the companion's join).
fn replace_path(op: &mut Operation<Unnamed>, path: &str) -> Result<(), String> {
    let parsed = crate::path_template::parse(path)
        .map_err(|e| format!("`path: {path}` is not a path template: {}", e.message))?;
    let names = |t: &crate::ir::PathTemplate| {
        let mut v: Vec<(String, bool)> = t
            .variables()
            .into_iter()
            .map(|(n, o)| (n.to_owned(), o))
            .collect();
        v.sort();
        v
    };
    if names(&parsed) != names(&op.path) {
        return Err(format!(
            "`path: {path}` must have the variables of `{}`, no more, no fewer",
            op.raw_path
        ));
    }
    op.path = parsed;
    Ok(())
}

/// Applies one `params` entry to the operation's parameter `name`.
fn apply_param(
    op: &mut Operation<Unnamed>,
    name: &str,
    change: &ParamAction,
) -> Result<(), String> {
    let target = op.signature();
    let Some(param) = op.params.iter_mut().find(|p| p.wire_name == name) else {
        return Err(format!(
            "overlay changes parameter `{name}`, which `{target}` does not have"
        ));
    };
    if let Some(name) = &change.enum_name {
        param.enum_type = Some(name.clone());
    }
    if let Some(ty) = change.ty {
        param.ty = match ty {
            TypeName::String => ParamType::String,
            TypeName::Integer => ParamType::Integer,
            TypeName::Boolean => ParamType::Boolean,
            TypeName::IdOrPath => ParamType::IdOrPath,
        };
    }
    if let Some(list) = change.list {
        if param.ty != ParamType::StringList {
            return Err(format!(
                "`list` needs a list parameter, and `{name}` of `{target}` is not one"
            ));
        }
        param.comma_list = matches!(list, ListName::Comma);
    }
    if change.one_segment == Some(true) && !make_one_segment(&mut op.path.parts, name) {
        return Err(format!(
            "`one_segment` needs a glob variable `*{name}` in the path of `{target}`"
        ));
    }
    Ok(())
}

/// Turns the glob `*name` into a one-segment variable; false if there is no such glob.
fn make_one_segment(parts: &mut [PathPart], name: &str) -> bool {
    parts.iter_mut().any(|part| match part {
        PathPart::Glob(n) if n == name => {
            *part = PathPart::Var(name.to_owned());
            true
        }
        PathPart::Optional(inner) => make_one_segment(inner, name),
        _ => false,
    })
}

/// `get  /x` → `GET /x`.
fn normalize_target(target: &str) -> String {
    match target.split_once(char::is_whitespace) {
        Some((method, path)) => format!("{} {}", method.to_ascii_uppercase(), path.trim()),
        None => target.to_owned(),
    }
}
