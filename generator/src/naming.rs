//! Rust names for operations and parameters.
//!
//! # Operation names
//!
//! The spec's names (`getapiv4projectsidpackagespackageid`) are not usable. Each operation
//! is named `{verb}_{scope}_{words}` from its method and path:
//!
//! 1. The `/api/vN` prefix (any leading `api` and version segments: `/v1/…` too) and `-`
//!    segments are dropped.
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
//! The overlay's `rename` replaces the result where the rule reads badly; a renamed
//! operation whose name another operation has is an error naming both.
//!
//! # Unique names
//!
//! Two operations the rule names alike (also alike once in UpperCamelCase, the builder
//! type's name) are told apart deterministically, each step only for those still alike:
//!
//! 1. **Method**: when their methods differ, a verb that hid the method takes the method's
//!    own verb: `upload` becomes `create` for `POST` and `update` for `PUT`/`PATCH`, and
//!    `update` becomes `patch` for `PATCH` (`POST` and `PUT` on `…/files/{file_path}` give
//!    `create_…_file` and `update_…_file`).
//! 2. **Variables**: one whose path has variables the others (of another endpoint) lack
//!    gets `_by_` and them (`…/{module_system}/*module_version/download` is
//!    `…_download_by_module_version` beside `…/{module_system}/download`).
//! 3. **Order**: the rest are numbered in the order of the capability, the first keeping
//!    the name (`get_a`, `get_a_2`); a method and path declared twice is also a warning.
//!
//! # Parameter names
//!
//! snake_case of the wire name with characters that cannot be in an identifier removed
//! (`$filter` → `filter`, `Symbolchecksum` → `symbolchecksum`); a Rust keyword gets a
//! trailing `_` (`type` → `type_`), and so does a name the request builder uses itself
//! (`options` → `options_`); the body is `body`; when two parameters of one
//! operation meet on one name, the later ones get their location as a suffix
//! (`id` and `id_query`).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Api, BodyKind, Method, Operation, PathPart};
use crate::spec::Loaded;

/// Names every operation that the overlay did not name, making rule names unique (see the
/// module docs) and checking the overlay's names; names every parameter. Returns the
/// warnings (methods and paths declared twice).
pub fn name_all(loaded: &Loaded, api: &mut Api) -> Result<Vec<Diagnostic>, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut by_rule = Vec::with_capacity(api.operations.len());
    for op in &mut api.operations {
        by_rule.push(op.rust_name.is_empty());
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
    let renamed = unique_names(&api.operations, &by_rule);
    for (op, name) in api.operations.iter_mut().zip(renamed) {
        op.rust_name = name;
    }
    let position = |op: &Operation| {
        loaded
            .locate(&op.origin)
            .map(|l| format!("{}:{}:{}", loaded.file.display(), l.line, l.column))
            .unwrap_or_else(|| loaded.file.display().to_string())
    };
    // Names the overlay gave must not meet any other name.
    let mut seen: BTreeMap<String, &Operation> = BTreeMap::new();
    for op in &api.operations {
        if let Some(first) = seen.insert(builder_key(&op.rust_name), op) {
            errors.push(
                loaded
                    .error(
                        &op.origin,
                        format!(
                            "two operations are both named `{}`: {} (at {}) and this one",
                            op.rust_name,
                            first.describe(),
                            position(first)
                        ),
                    )
                    .operation(op.describe())
                    .hint("give one of them another name with `rename` in the overlay"),
            );
        }
    }
    // The same endpoint declared twice is generated twice, but said.
    let mut warnings = Vec::new();
    let mut endpoints: BTreeMap<(Method, String), &Operation> = BTreeMap::new();
    for op in &api.operations {
        if let Some(first) = endpoints.insert((op.method, endpoint_key(op)), op) {
            warnings.push(
                loaded
                    .error(
                        &op.origin,
                        format!(
                            "`{}` is declared twice: {} (at {}) and this one, generated as `{}`",
                            op.signature(),
                            first.describe(),
                            position(first),
                            op.rust_name
                        ),
                    )
                    .operation(op.describe())
                    .hint("remove one of the two declarations")
                    .warning(),
            );
        }
    }
    errors.into_result(warnings)
}

/// The key names collide on: the builder type's name (`get_v1_x` and `get_v_1_x` are both
/// `GetV1X`).
fn builder_key(name: &str) -> String {
    name.to_upper_camel_case()
}

/// A path with its variables' names left out: two templates that reach the same endpoints.
fn endpoint_key(op: &Operation) -> String {
    fn walk(parts: &[PathPart], out: &mut String) {
        for p in parts {
            match p {
                PathPart::Literal(s) => out.push_str(s),
                PathPart::Var(_) => out.push_str("{}"),
                PathPart::Glob(_) => out.push('*'),
                PathPart::Optional(inner) => {
                    out.push('(');
                    walk(inner, out);
                    out.push(')');
                }
            }
        }
    }
    let mut s = String::new();
    walk(&op.path.parts, &mut s);
    s
}

/// Final names: those the overlay gave (`by_rule[i]` false) as they are, rule names made
/// unique by the steps of the module docs.
pub fn unique_names(ops: &[Operation], by_rule: &[bool]) -> Vec<String> {
    let mut names: Vec<String> = ops.iter().map(|o| o.rust_name.clone()).collect();
    // Groups of rule-named operations sharing a key, in the order of their first member.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: BTreeMap<String, usize> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        if !by_rule[i] {
            continue;
        }
        let key = builder_key(&op.rust_name);
        match group_of.get(&key) {
            Some(&g) => groups[g].push(i),
            None => {
                group_of.insert(key, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    // Keys already in use: every rule name not in a colliding group. (The overlay's names
    // are left out: one that meets a rule name is an error, not renumbered around.)
    let mut taken: BTreeSet<String> = ops
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            by_rule[*i] && groups[group_of[&builder_key(&ops[*i].rust_name)]].len() == 1
        })
        .map(|(_, o)| builder_key(&o.rust_name))
        .collect();
    for group in groups.iter().filter(|g| g.len() > 1) {
        let members: Vec<&Operation> = group.iter().map(|&i| &ops[i]).collect();
        for (&i, name) in group.iter().zip(disambiguate(&members, &taken)) {
            taken.insert(builder_key(&name));
            names[i] = name;
        }
    }
    names
}

/// Names for operations the rule named alike, in their order (steps of the module docs);
/// none of them is in `taken`.
fn disambiguate(ops: &[&Operation], taken: &BTreeSet<String>) -> Vec<String> {
    let mut names: Vec<String> = ops.iter().map(|o| o.rust_name.clone()).collect();
    // 1. Method.
    let methods: BTreeSet<Method> = ops.iter().map(|o| o.method).collect();
    if methods.len() > 1 {
        for (name, op) in names.iter_mut().zip(ops) {
            let verb = name.split('_').next().unwrap_or_default();
            let own = match (verb, op.method) {
                ("upload", Method::Post) => Some("create"),
                ("upload", Method::Put | Method::Patch) => Some("update"),
                ("update", Method::Patch) => Some("patch"),
                _ => None,
            };
            if let Some(own) = own {
                *name = operation_name_with_verb(op, own);
            }
        }
    }
    // 2. Variables the others lack.
    let alike = |names: &[String], i: usize| -> Vec<usize> {
        let key = builder_key(&names[i]);
        (0..names.len())
            .filter(|&j| builder_key(&names[j]) == key)
            .collect()
    };
    let snapshot = names.clone();
    for i in 0..ops.len() {
        // Against the others of another endpoint: one declared twice (whatever its
        // variables are called) is numbered.
        let endpoint = |o: &Operation| (o.method, endpoint_key(o));
        let peers: Vec<usize> = alike(&snapshot, i)
            .into_iter()
            .filter(|&j| endpoint(ops[j]) != endpoint(ops[i]))
            .collect();
        if peers.is_empty() {
            continue;
        }
        let vars = |o: &Operation| -> Vec<String> {
            o.path
                .variables()
                .into_iter()
                .map(|(n, _)| n.to_owned())
                .collect()
        };
        let mine = vars(ops[i]);
        let extra: Vec<&String> = mine
            .iter()
            .filter(|v| peers.iter().any(|&j| !vars(ops[j]).contains(v)))
            .collect();
        if !extra.is_empty() {
            let words: Vec<String> = extra.iter().map(|v| ident(v)).collect();
            names[i] = format!("{}_by_{}", snapshot[i], words.join("_and_"));
        }
    }
    // 3. Order.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for name in &mut names {
        let base = name.clone();
        let mut n = 2;
        while taken.contains(&builder_key(name)) || used.contains(&builder_key(name)) {
            *name = format!("{base}_{n}");
            n += 1;
        }
        used.insert(builder_key(name));
    }
    names
}

fn is_snake_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !is_keyword(s)
}

/// The rule described in the module docs.
pub fn operation_name(op: &Operation) -> String {
    operation_name_verb(op, None)
}

/// The rule's name with another verb (step 1 of making names unique).
fn operation_name_with_verb(op: &Operation, verb: &str) -> String {
    operation_name_verb(op, Some(verb))
}

/// The segments of a path as (literal text, whether it holds a variable), without empty
/// and `-` segments: `/api/v4/projects/{id}/-/binary-{arch}` gives `api`, `v4`,
/// `projects`, (``, true), (`binary-`, true).
pub fn segments(path: &crate::ir::PathTemplate) -> Vec<(String, bool)> {
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

fn operation_name_verb(op: &Operation, verb_override: Option<&str>) -> String {
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

/// Names a request builder uses itself (and `r`, the request being built, which a path
/// variable bound in an optional group would shadow): a parameter so named gets a
/// trailing `_`.
const RESERVED_FIELDS: &[&str] = &[
    "body",
    "client",
    "into_future",
    "into_items",
    "into_request",
    "new",
    "options",
    "r",
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

    fn rule_named(method: Method, path: &str, body: Option<BodyKind>) -> Operation {
        let mut op = Operation::new("x", method, path, path_template::parse(path).unwrap());
        op.body = body.map(|kind| Body {
            wire_name: "b".into(),
            kind,
            required: true,
            description: None,
            ty: None,
        });
        op.rust_name = operation_name(&op);
        op
    }

    fn unique(ops: &[Operation]) -> Vec<String> {
        unique_names(ops, &vec![true; ops.len()])
    }

    #[test]
    fn alike_names_take_their_methods_verb() {
        use Method::*;
        let path = "/api/v4/projects/{id}/repository/files/{file_path}";
        let ops = [
            rule_named(Post, path, Some(BodyKind::Raw)),
            rule_named(Put, path, Some(BodyKind::Raw)),
        ];
        assert_eq!(ops[0].rust_name, ops[1].rust_name);
        assert_eq!(
            unique(&ops),
            [
                "create_project_repository_file",
                "update_project_repository_file"
            ]
        );
        let ops = [
            rule_named(Put, "/v1/items/{id}", None),
            rule_named(Patch, "/v1/items/{id}", None),
        ];
        assert_eq!(unique(&ops), ["update_item", "patch_item"]);
    }

    #[test]
    fn alike_names_are_told_apart_by_their_variables() {
        let base = "/api/v4/packages/terraform/modules/v1/{module_namespace}/{module_name}/{module_system}";
        let ops = [
            rule_named(
                Method::Get,
                &format!("{base}/*module_version/download"),
                None,
            ),
            rule_named(Method::Get, &format!("{base}/download"), None),
        ];
        assert_eq!(
            unique(&ops),
            [
                "get_terraform_modules_v1_download_by_module_version",
                "get_terraform_modules_v1_download"
            ]
        );
    }

    #[test]
    fn the_rest_are_numbered_in_order_around_names_in_use() {
        use Method::*;
        let ops = [
            rule_named(Get, "/item", None),
            rule_named(Get, "/item", None),
            rule_named(Get, "/item", None),
            // Already the name the second would get.
            rule_named(Get, "/item/2", None),
        ];
        assert_eq!(ops[3].rust_name, "get_item_2");
        assert_eq!(
            unique(&ops),
            ["get_item", "get_item_3", "get_item_4", "get_item_2"]
        );
        // One endpoint declared twice, with other variable names, is numbered too.
        let ops = [
            rule_named(Get, "/projects/{id}/packages", None),
            rule_named(Get, "/projects/{project_id}/packages", None),
        ];
        assert_eq!(
            unique(&ops),
            ["list_project_packages", "list_project_packages_2"]
        );
        // Names alike only as builder types (`GetAV1X`) collide too.
        let ops = [
            rule_named(Get, "/a/v1/x", None),
            rule_named(Get, "/a/v_1/x", None),
        ];
        assert_eq!(ops[0].rust_name, "get_a_v1_x");
        assert_eq!(ops[1].rust_name, "get_a_v_1_x");
        assert_eq!(unique(&ops), ["get_a_v1_x", "get_a_v_1_x_2"]);
    }

    #[test]
    fn overlay_names_that_meet_another_are_errors_and_twice_declared_endpoints_warnings() {
        let text = "naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n  - resources:\n    - path: /items\n      operations:\n      - {name: a, method: GET}\n      - {name: b, method: GET}\n      - {name: c, method: POST}\n";
        let loaded = crate::spec::parse(std::path::Path::new("x.yaml"), text).unwrap();
        let mut api = crate::lower::lower(&loaded).unwrap();
        let warnings = name_all(&loaded, &mut api).unwrap();
        let names: Vec<&str> = api
            .operations
            .iter()
            .map(|o| o.rust_name.as_str())
            .collect();
        assert_eq!(names, ["list_items", "list_items_2", "create_item"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .message
                .contains("`GET /items` is declared twice")
        );
        assert_eq!(warnings[0].location.map(|l| l.line), Some(8));
        // An overlay's name is kept, and meeting a rule name is an error.
        let mut api = crate::lower::lower(&loaded).unwrap();
        api.operations[2].rust_name = "list_items".into();
        let errors = name_all(&loaded, &mut api).unwrap_err();
        assert!(
            errors.0[0]
                .message
                .contains("two operations are both named `list_items`"),
            "{errors}"
        );
    }

    #[test]
    fn leading_version_segments_are_dropped() {
        use Method::*;
        assert_eq!(named(Get, "/v1/items", None), "list_items");
        assert_eq!(named(Get, "/api/items/{id}", None), "get_item");
        assert_eq!(
            named(Get, "/api/v4/packages/conan/v1/ping", None),
            "get_conan_v1_ping"
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

    #[test]
    fn parameters_named_like_the_builders_own_names_get_a_trailing_underscore() {
        let mut op = Operation::new(
            "x",
            Method::Get,
            "/a(/{r})",
            path_template::parse("/a(/{r})").unwrap(),
        );
        op.params = vec![
            Param::new("r", ParamLocation::Path, ParamType::String),
            Param::new("options", ParamLocation::Query, ParamType::String),
            Param::new("type", ParamLocation::Query, ParamType::String),
        ];
        name_params(&mut op);
        let names: Vec<_> = op.params.iter().map(|p| p.rust_name.as_str()).collect();
        assert_eq!(names, ["r_", "options_", "type_"]);
    }
}
