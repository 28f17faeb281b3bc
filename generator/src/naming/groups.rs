//! Group names: the module (and cargo feature) each operation is emitted in.

use crate::ir::{Operation, PathTemplate, Unnamed};

use super::rule::{is_version, segments};
use super::snake_name;

/// The group of `op`: the one the overlay gave it (its `groups` section), else its
/// resource ([`resource_group`]) as a snake_case name (`merge-requests` →
/// `merge_requests`).
pub fn group_name(op: &Operation<Unnamed>) -> String {
    match &op.group {
        Some(given) => given.clone(),
        None => snake_name(&resource_group(&op.path)),
    }
}

/// The resource an operation belongs to: the first literal segment after the `/api/vN`
/// prefix (any leading `api` and version segments) and the scope (`projects/{id}`,
/// `groups/{id}`), e.g. `repository` for `/api/v4/projects/{id}/repository/files`; the
/// scope's own word when nothing follows it (`/api/v4/projects/{id}` → `projects`); `core`
/// for a path without literal text.
pub fn resource_group(path: &PathTemplate) -> String {
    let segments = segments(path);
    let mut rest = segments.as_slice();
    while let [(text, false), tail @ ..] = rest {
        if text == "api" || is_version(text) {
            rest = tail;
        } else {
            break;
        }
    }
    let mut scope = None;
    if let [(text, false), (var, true), tail @ ..] = rest {
        if var.is_empty() && matches!(text.as_str(), "projects" | "groups" | "group") {
            scope = Some(text.clone());
            rest = tail;
        }
    }
    rest.iter()
        .map(|(text, _)| text)
        .find(|text| !text.is_empty())
        .cloned()
        .or(scope)
        .unwrap_or_else(|| "core".into())
}
