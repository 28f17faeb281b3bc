//! Rust names for operations and parameters.
//!
//! # Operation names
//!
//! The spec's names (`getapiv4projectsidpackagespackageid`) are not usable. Each operation
//! is named `{verb}_{scope}_{words}` from its method and path:
//!
//! 1. The `/api/vN` prefix and `-` segments are dropped.
//! 2. **Scope**: a leading `projects/{…}` gives `project`, `groups/{…}` or `group/{…}` gives
//!    `group`; anything else is instance-level and has no scope word.
//! 3. **Words**: the words of each literal segment, in order (`debian_distributions` →
//!    `debian distributions`, `key.asc` → `key asc`, `dist-tags` → `dist tags`); a
//!    `packages` segment followed by a format segment is dropped. A literal segment followed
//!    by a variable segment names one item, so its last word is singularized
//!    (`packages/{package_id}` → `package`). A path ending in a variable no such literal
//!    names adds the variable's noun (`maven/*path/{file_name}` → `maven file`). A word
//!    repeating the one before it is dropped.
//! 4. **Verb**: `GET` is `list` when the path ends in a lower-case plural literal
//!    (`…/package_files`), else `get`; a trailing `authorize` segment makes the verb
//!    `authorize`; `PUT`/`POST` with a raw or multipart body is `upload`; other `PUT`s and
//!    `PATCH` are `update`; other `POST`s are `create` (of one item: the last word is
//!    singularized); `DELETE` is `delete`; `HEAD` is `head`.
//!
//! The overlay's `rename` replaces the result where the rule reads badly. Names must be
//! unique: two operations with one name are an error naming both.
//!
//! # Parameter names
//!
//! snake_case of the wire name with characters that cannot be in an identifier removed
//! (`$filter` → `filter`, `Symbolchecksum` → `symbolchecksum`); a Rust keyword gets a
//! trailing `_` (`type` → `type_`); the body is `body`; when two parameters of one
//! operation meet on one name, the later ones get their location as a suffix
//! (`id` and `id_query`).

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Api, BodyKind, Method, Operation, PathPart};
use crate::spec::Loaded;

/// Names every operation that the overlay did not name, then checks uniqueness; names
/// every parameter.
pub fn name_all(loaded: &Loaded, api: &mut Api) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::default();
    for op in &mut api.operations {
        if op.rust_name.is_empty() {
            op.rust_name = operation_name(op);
        } else if !is_snake_identifier(&op.rust_name) {
            errors.push(
                Diagnostic::new(format!(
                    "override name `{}` is not a snake_case Rust identifier",
                    op.rust_name
                ))
                .operation(op.describe()),
            );
        }
        name_params(op);
    }
    let mut seen: BTreeMap<&str, &Operation> = BTreeMap::new();
    for op in &api.operations {
        if let Some(first) = seen.insert(&op.rust_name, op) {
            let first_at = loaded
                .locate(&first.origin)
                .map(|l| format!("{}:{}:{}", loaded.file.display(), l.line, l.column))
                .unwrap_or_else(|| loaded.file.display().to_string());
            errors.push(
                loaded
                    .error(
                        &op.origin,
                        format!(
                            "two operations are both named `{}`: {} (at {first_at}) and this one",
                            op.rust_name,
                            first.describe()
                        ),
                    )
                    .operation(op.describe())
                    .hint("give one of them another name with `rename` in the overlay"),
            );
        }
    }
    errors.into_result(())
}

fn is_snake_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !is_keyword(s)
}

/// The rule described in the module docs.
pub fn operation_name(op: &Operation) -> String {
    // Segments as (literal text, has a variable), variables only segments as (None, true).
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
    collect(&op.path.parts, &mut segments, &mut current);
    segments.push(current);
    let mut segments: Vec<(String, bool)> = segments
        .into_iter()
        .filter(|(text, var)| (*var || !text.is_empty()) && text != "-")
        .collect();
    // 1. /api/vN
    if segments.len() >= 2 && segments[0].0 == "api" && is_version(&segments[1].0) {
        segments.drain(..2);
    }
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
    let verb = if authorize {
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

fn is_version(s: &str) -> bool {
    s.strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The words of a literal: split at anything not alphanumeric and at case changes.
fn words(text: &str) -> Vec<String> {
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

/// Names a request builder uses itself: a parameter so named gets a trailing `_`.
const RESERVED_FIELDS: &[&str] = &[
    "body",
    "client",
    "into_future",
    "into_items",
    "into_request",
    "new",
    "options",
    "send",
    "send_blocking",
    "send_page",
    "send_stream",
];

/// Gives every parameter of `op` a Rust name (see the module docs).
pub fn name_params(op: &mut Operation) {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if op.body.is_some() {
        taken.insert("body".into());
    }
    for p in &mut op.params {
        let mut base = ident(&p.wire_name);
        if RESERVED_FIELDS.contains(&base.as_str()) {
            base.push('_');
        }
        let mut name = base.clone();
        if taken.contains(&name) {
            name = format!("{base}_{}", p.location.as_str().to_snake_case());
        }
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(name.clone());
        p.rust_name = name;
    }
}

/// Whether a field or parameter names an identifier (`id`, `package_id` …).
pub fn is_id_name(name: &str) -> bool {
    name == "id" || name.ends_with("_id")
}

/// A snake_case identifier for any text.
pub fn ident(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut s = cleaned.to_snake_case();
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// Rust keywords (strict and reserved, all editions) and names that cannot be raw.
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
            | "union"
            | "_"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Body, Param, ParamLocation, ParamType};
    use crate::path_template;

    fn named(method: Method, path: &str, body: Option<BodyKind>) -> String {
        let mut op = Operation::new("x", method, path, path_template::parse(path).unwrap());
        op.body = body.map(|kind| Body {
            wire_name: "b".into(),
            kind,
            required: true,
            description: None,
            ty: None,
        });
        operation_name(&op)
    }

    #[test]
    fn core_operations() {
        use Method::*;
        assert_eq!(
            named(Get, "/api/v4/projects/{id}/packages", None),
            "list_project_packages"
        );
        assert_eq!(
            named(Get, "/api/v4/groups/{id}/packages", None),
            "list_group_packages"
        );
        assert_eq!(
            named(Get, "/api/v4/projects/{id}/packages/{package_id}", None),
            "get_project_package"
        );
        assert_eq!(
            named(Delete, "/api/v4/projects/{id}/packages/{package_id}", None),
            "delete_project_package"
        );
        assert_eq!(
            named(
                Get,
                "/api/v4/projects/{id}/packages/{package_id}/package_files",
                None
            ),
            "list_project_package_files"
        );
        assert_eq!(
            named(
                Delete,
                "/api/v4/projects/{id}/packages/{package_id}/package_files/{package_file_id}",
                None
            ),
            "delete_project_package_file"
        );
    }

    #[test]
    fn formats_globs_and_verbs() {
        use Method::*;
        assert_eq!(
            named(
                Get,
                "/api/v4/groups/{id}/-/packages/npm/*package_name",
                None
            ),
            "get_group_npm_package"
        );
        assert_eq!(
            named(
                Put,
                "/api/v4/projects/{id}/packages/generic/{package_name}/*package_version/(*path/){file_name}",
                Some(BodyKind::Raw)
            ),
            "upload_project_generic_file"
        );
        assert_eq!(
            named(
                Put,
                "/api/v4/projects/{id}/packages/maven/*path/{file_name}/authorize",
                Some(BodyKind::Raw)
            ),
            "authorize_project_maven_file"
        );
        assert_eq!(
            named(
                Post,
                "/api/v4/projects/{id}/debian_distributions",
                Some(BodyKind::Json)
            ),
            "create_project_debian_distribution"
        );
        assert_eq!(
            named(
                Get,
                "/api/v4/projects/{id}/packages/debian/dists/*distribution/{component}/binary-{architecture}/Packages",
                None
            ),
            "get_project_debian_dist_binary_packages"
        );
    }

    #[test]
    fn parameter_identifiers() {
        assert_eq!(ident("$filter"), "filter");
        assert_eq!(ident("Symbolchecksum"), "symbolchecksum");
        assert_eq!(ident("type"), "type_");
        assert_eq!(ident("X-Request-Id"), "x_request_id");
        assert_eq!(ident("page[size]"), "page_size");
        assert_eq!(ident("1st"), "_1st");
        assert_eq!(
            ident("putApiV4ProjectsIdPackagesGenericPackageName*packageVersion(*path)FileName"),
            "put_api_v4_projects_id_packages_generic_package_name_package_version_path_file_name"
        );
    }

    #[test]
    fn colliding_parameter_names_get_location_suffixes() {
        let mut op = Operation::new(
            "x",
            Method::Get,
            "/a/{id}",
            path_template::parse("/a/{id}").unwrap(),
        );
        op.params = vec![
            Param::new("id", ParamLocation::Path, ParamType::String),
            Param::new("ID", ParamLocation::Query, ParamType::String),
            Param::new("Id", ParamLocation::Query, ParamType::String),
        ];
        name_params(&mut op);
        let names: Vec<_> = op.params.iter().map(|p| p.rust_name.as_str()).collect();
        assert_eq!(names, ["id", "id_query", "id_2"]);
    }
}
