//! The naming rule for operations, `{verb}_{scope}_{words}` from method and path (see the
//! module docs of [`crate::naming`]), and the words it is made of.

use heck::ToSnakeCase;

use crate::ir::{BodyKind, Method, Operation, PathPart, PathTemplate, Stage};

/// The rule described in the module docs.
pub fn operation_name<S: Stage>(op: &Operation<S>) -> String {
    operation_name_verb(op, None)
}

/// The rule's name with another verb (step 1 of making names unique).
pub(super) fn operation_name_with_verb<S: Stage>(op: &Operation<S>, verb: &str) -> String {
    operation_name_verb(op, Some(verb))
}

/// The segments of a path as (literal text, whether it holds a variable), without empty
/// and `-` segments: `/api/v4/projects/{id}/-/binary-{arch}` gives `api`, `v4`,
/// `projects`, (``, true), (`binary-`, true).
pub fn segments(path: &PathTemplate) -> Vec<(String, bool)> {
    let mut segments: Vec<(String, bool)> = Vec::new();
    let mut current = (String::new(), false);
    fn collect(
        parts: &[PathPart],
        segments: &mut Vec<(String, bool)>,
        current: &mut (String, bool),
    ) {
        for part in parts {
            match part {
                PathPart::Literal(text) => {
                    let mut pieces = text.split('/');
                    if let Some(first) = pieces.next() {
                        current.0.push_str(first);
                    }
                    for piece in pieces {
                        segments.push(std::mem::take(current));
                        current.0.push_str(piece);
                    }
                }
                PathPart::Var(_) | PathPart::Glob(_) => current.1 = true,
                PathPart::Optional(inner) => collect(inner, segments, current),
            }
        }
    }
    collect(&path.parts, &mut segments, &mut current);
    segments.push(current);
    segments
        .into_iter()
        .filter(|(text, var)| (*var || !text.is_empty()) && text != "-")
        .collect()
}

fn operation_name_verb<S: Stage>(op: &Operation<S>, verb_override: Option<&str>) -> String {
    let mut segments = segments(&op.path);
    // 1. /api/vN
    let prefix = segments
        .iter()
        .take_while(|(t, v)| !v && (t == "api" || is_version(t)))
        .count();
    segments.drain(..prefix);
    // 2. scope
    let scope = match segments.as_slice() {
        [(s, false), (v, true), ..] if v.is_empty() && s == "projects" => Some("project"),
        [(s, false), (v, true), ..] if v.is_empty() && (s == "groups" || s == "group") => {
            Some("group")
        }
        _ => None,
    };
    if scope.is_some() {
        segments.drain(..2);
    }
    // A trailing `authorize` is the verb.
    let authorize = segments.last().is_some_and(|(t, v)| t == "authorize" && !v);
    if authorize {
        segments.pop();
    }
    let ends_in_plural_literal = segments.last().is_some_and(|(t, v)| {
        !v && t.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && words(t).last().is_some_and(|w| is_plural(w))
    });
    // 3. words
    let mut out: Vec<String> = Vec::new();
    for (i, (text, _)) in segments.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let next_is_var = segments.get(i + 1).is_some_and(|(t, v)| *v && t.is_empty());
        let next_is_literal = segments.get(i + 1).is_some_and(|(t, _)| !t.is_empty());
        if text == "packages" && next_is_literal && i == 0 {
            continue;
        }
        let mut ws = words(text);
        if next_is_var {
            if let Some(last) = ws.last_mut() {
                *last = singular(last);
            }
        }
        for w in ws {
            if out.last() != Some(&w) {
                out.push(w);
            }
        }
    }
    // A path ending in a variable that no literal before it names (`maven/*path/{file_name}`)
    // is named by that variable: `file_name` → `file`.
    let last_names_item = segments.len() >= 2
        && segments[segments.len() - 1].0.is_empty()
        && segments[segments.len() - 1].1
        && !segments[segments.len() - 2].0.is_empty()
        && is_plural(
            words(&segments[segments.len() - 2].0)
                .last()
                .map_or("", String::as_str),
        );
    if segments.last().is_some_and(|(t, v)| t.is_empty() && *v) && !last_names_item {
        if let Some(var) = last_variable(&op.path.parts) {
            let noun = var
                .trim_end_matches("_name")
                .trim_end_matches("_id")
                .trim_end_matches("_identifier");
            for w in words(noun) {
                if out.last() != Some(&w) {
                    out.push(w);
                }
            }
        }
    }
    let verb = if let Some(verb) = verb_override {
        verb
    } else if authorize {
        "authorize"
    } else {
        let streaming_body = op
            .body
            .as_ref()
            .is_some_and(|b| matches!(b.kind, BodyKind::Raw | BodyKind::Multipart { .. }));
        match op.method {
            Method::Get if ends_in_plural_literal => "list",
            Method::Get => "get",
            Method::Head => "head",
            Method::Options => "options",
            Method::Delete => "delete",
            Method::Put | Method::Post if streaming_body => "upload",
            Method::Put | Method::Patch => "update",
            Method::Post => "create",
        }
    };
    // `create` makes one item of a collection.
    if verb == "create" {
        if let Some(last) = out.last_mut() {
            *last = singular(last);
        }
    }
    let mut name = vec![verb.to_owned()];
    name.extend(scope.map(str::to_owned));
    name.extend(out);
    name.join("_")
}

fn last_variable(parts: &[PathPart]) -> Option<&str> {
    parts.iter().rev().find_map(|p| match p {
        PathPart::Var(n) | PathPart::Glob(n) => Some(n.as_str()),
        PathPart::Optional(inner) => last_variable(inner),
        PathPart::Literal(_) => None,
    })
}

/// Whether a segment is an API version (`v4`).
pub fn is_version(s: &str) -> bool {
    s.strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The words of a literal: split at anything not alphanumeric and at case changes.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            w.to_snake_case()
                .split('_')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
}

fn singular(w: &str) -> String {
    if !is_plural(w) {
        w.to_owned()
    } else if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        w[..w.len() - 1].to_owned()
    }
}
