//! Normalization: the capability's quirks, each resolved by one named rule.
//!
//! Input and output: an [`Api<Unnamed>`] (lowered, then with its quirks resolved). The
//! rules run in the order of [`normalize`]; each has unit tests below. Naming (method,
//! parameter and group names) is in [`crate::naming`].

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{
    Api, Method, Operation, Pagination, Param, ParamLocation, ParamType, PathPart, Unnamed,
};

/// Runs every rule over every operation; an operation a rule refuses is an error.
pub fn normalize(api: Api<Unnamed>) -> Result<Api<Unnamed>, Diagnostics> {
    let (api, errors) = normalize_lenient(api);
    Diagnostics(errors).into_result(api)
}

/// Runs every rule over every operation, leaving out those a rule refuses; their errors are
/// returned apart, each naming its operation.
pub fn normalize_lenient(mut api: Api<Unnamed>) -> (Api<Unnamed>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let source = api.source_file.clone();
    api.operations.retain_mut(|op| {
        let file = op.file(&source).to_owned();
        if let Err(e) = repeated_variables_agree(op) {
            errors.push(locate(&file, op, None, *e));
            return false;
        }
        globs_declared_elsewhere_are_path_params(op);
        synthesize_missing_path_params(op);
        let absent = path_params_absent_from_the_path(op);
        let keep = absent.is_empty();
        for (param, e) in absent {
            errors.push(locate(&file, op, Some(&param), e));
        }
        digests_are_strings(op);
        project_and_group_ids(op);
        order_params(op);
        op.pagination = pagination(op);
        keep
    });
    (api, errors)
}

/// `e`, located at the parameter (or the operation) in the capability `file`.
fn locate(
    file: &Path,
    op: &Operation<Unnamed>,
    param: Option<&Param<Unnamed>>,
    e: Diagnostic,
) -> Diagnostic {
    let at = param.map_or(op.declared_at, |p| p.declared_at);
    let mut d = e.in_file(file).at(at).operation(op.describe());
    if let Some(p) = param {
        d = d.parameter(&p.wire_name);
    }
    d
}

/// A variable used twice in one path is one value, sent in both places (one argument fills
/// both); but not when one place is a glob (`*x`, any number of segments) and the other a
/// one-segment variable (`{x}`): one value cannot be both.
fn repeated_variables_agree(op: &Operation<Unnamed>) -> Result<(), Box<Diagnostic>> {
    fn walk<'a>(parts: &'a [PathPart], out: &mut Vec<(&'a str, bool)>) {
        for part in parts {
            match part {
                PathPart::Var(n) => out.push((n, false)),
                PathPart::Glob(n) => out.push((n, true)),
                PathPart::Optional(inner) => walk(inner, out),
                PathPart::Literal(_) => {}
            }
        }
    }
    let mut kinds = Vec::new();
    walk(&op.path.parts, &mut kinds);
    for (i, (name, glob)) in kinds.iter().enumerate() {
        if kinds[..i].iter().any(|(n, g)| n == name && g != glob) {
            return Err(Box::new(
                Diagnostic::new(format!(
                    "path variable `{name}` is both a glob (`*{name}`) and a one-segment variable (`{{{name}}}`) in `{}`",
                    op.raw_path
                ))
                .hint("rename one of the two variables"),
            ));
        }
    }
    Ok(())
}

/// Glob segments (`*package_name`) are declared `in: query` although they are part of the
/// path: a parameter named like a path variable is a path parameter, wherever declared,
/// unless the variable is declared `in: path` too: then the other one is a parameter of
/// its own, sent where it is declared (both are sent; rule `path_and_query_of_one_name`).
/// Headers and bodies are left alone (a header named like a variable is a different value).
pub fn globs_declared_elsewhere_are_path_params(op: &mut Operation<Unnamed>) {
    let declared_in_path: BTreeSet<String> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.wire_name.clone())
        .collect();
    let vars: BTreeSet<String> = op
        .path
        .variables()
        .into_iter()
        .map(|(n, _)| n.to_owned())
        .filter(|n| !declared_in_path.contains(n))
        .collect();
    let mut moved = BTreeSet::new();
    for p in &mut op.params {
        if matches!(p.location, ParamLocation::Query | ParamLocation::Form)
            && vars.contains(&p.wire_name)
            && moved.insert(p.wire_name.clone())
        {
            p.location = ParamLocation::Path;
        }
    }
}

/// Path variables with no `inputParameters` entry get one: a string, required unless it
/// sits in an optional group (`(*path/)`).
pub fn synthesize_missing_path_params(op: &mut Operation<Unnamed>) {
    let vars: Vec<(String, bool)> = op
        .path
        .variables()
        .into_iter()
        .map(|(n, o)| (n.to_owned(), o))
        .collect();
    for (name, optional) in vars {
        let declared = op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == name);
        if !declared {
            op.params.push(Param {
                required: !optional,
                description: Some(format!(
                    "The `{name}` part of the path (not described by the spec)."
                )),
                synthesized: true,
                declared_at: op.declared_at,
                ..Param::new(&name, ParamLocation::Path, ParamType::String)
            });
        }
    }
    // A variable inside an optional group is optional, whatever the spec says.
    for (name, optional) in op.path.variables() {
        if optional {
            if let Some(p) = op
                .params
                .iter_mut()
                .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
            {
                p.required = false;
            }
        }
    }
    // …and one outside any group is required.
    let required: BTreeSet<String> = op
        .path
        .variables()
        .into_iter()
        .filter(|(_, o)| !o)
        .map(|(n, _)| n.to_owned())
        .collect();
    for p in &mut op.params {
        if p.location == ParamLocation::Path && required.contains(&p.wire_name) {
            p.required = true;
        }
    }
}

/// A parameter declared `in: path` that the path does not contain cannot be sent.
pub fn path_params_absent_from_the_path(
    op: &Operation<Unnamed>,
) -> Vec<(Param<Unnamed>, Diagnostic)> {
    let vars: BTreeSet<&str> = op.path.variables().into_iter().map(|(n, _)| n).collect();
    op.params
        .iter()
        .filter(|p| p.location == ParamLocation::Path && !vars.contains(p.wire_name.as_str()))
        .map(|p| {
            (
                p.clone(),
                Diagnostic::new(format!(
                    "path parameter `{}` does not appear in the path `{}`",
                    p.wire_name, op.raw_path
                ))
                .hint(format!(
                    "add `{{{}}}` to the path, or declare the parameter `in: query`",
                    p.wire_name
                )),
            )
        })
        .collect()
}

/// Digests (`file_sha256`, `sha256`, `md5` …) are hex strings even when declared `integer`.
pub fn digests_are_strings(op: &mut Operation<Unnamed>) {
    for p in &mut op.params {
        let n = p.wire_name.to_ascii_lowercase();
        let digest = ["sha256", "sha1", "sha512", "md5", "checksum", "digest"]
            .iter()
            .any(|d| n.ends_with(d));
        if digest && matches!(p.ty, ParamType::Integer | ParamType::Number) {
            p.ty = ParamType::String;
        }
    }
}

/// `id` / `project_id` path parameters described as "ID or URL-encoded path" (or "ID or full
/// path") take either a number or a full path (`group/sub/project`), sent as one segment,
/// whether the spec declares them `string` or `integer`.
pub fn project_and_group_ids(op: &mut Operation<Unnamed>) {
    for p in &mut op.params {
        let named = p.wire_name == "id" || p.wire_name.ends_with("_id");
        let desc = p
            .description
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let path_like = desc.contains("path")
            && (desc.contains("project") || desc.contains("group") || desc.contains("namespace"));
        let id_type = matches!(p.ty, ParamType::String | ParamType::Integer);
        if p.location == ParamLocation::Path && named && path_like && id_type {
            p.ty = ParamType::IdOrPath;
        }
    }
}

/// Path parameters first, in path order, then the others in declaration order.
pub fn order_params(op: &mut Operation<Unnamed>) {
    let order: Vec<String> = op
        .path
        .variables()
        .into_iter()
        .map(|(n, _)| n.to_owned())
        .collect();
    let key = |p: &Param<Unnamed>| match p.location {
        ParamLocation::Path => order
            .iter()
            .position(|n| *n == p.wire_name)
            .unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    // Stable: declaration order is kept among equal keys.
    op.params
        .sort_by_key(|p| (p.location != ParamLocation::Path, key(p)));
}

/// A `GET` with a `cursor` query parameter pages by keyset; one with `page` and `per_page`
/// by offset (GitLab's two pagination schemes).
pub fn pagination(op: &Operation<Unnamed>) -> Option<Pagination> {
    let has = |name: &str| {
        op.params
            .iter()
            .any(|p| p.location == ParamLocation::Query && p.wire_name == name)
    };
    if op.method != Method::Get {
        None
    } else if has("cursor") {
        Some(Pagination::Keyset)
    } else if has("page") && has("per_page") {
        Some(Pagination::Offset)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path_template;

    fn op(path: &str, params: &[(&str, ParamLocation, ParamType)]) -> Operation<Unnamed> {
        let mut op = Operation::new("op", Method::Get, path, path_template::parse(path).unwrap());
        op.params = params
            .iter()
            .map(|(n, l, t)| Param {
                description: Some("The ID or URL-encoded path of the project".into()),
                ..Param::new(n, *l, *t)
            })
            .collect();
        op
    }

    use ParamLocation::*;
    use ParamType as T;

    #[test]
    fn globs_declared_in_query_become_path_params() {
        let mut o = op(
            "/npm/*package_name",
            &[("package_name", Query, T::String), ("q", Query, T::String)],
        );
        globs_declared_elsewhere_are_path_params(&mut o);
        assert_eq!(o.params[0].location, Path);
        assert_eq!(o.params[1].location, Query);
    }

    #[test]
    fn missing_path_variables_are_synthesized_optional_inside_groups() {
        let mut o = op(
            "/generic/{package_name}/*package_version/(*path/){file_name}",
            &[
                ("package_name", Path, T::String),
                ("file_name", Path, T::String),
            ],
        );
        synthesize_missing_path_params(&mut o);
        let find = |n: &str| o.params.iter().find(|p| p.wire_name == n).unwrap().clone();
        assert!(find("package_version").synthesized && find("package_version").required);
        assert!(find("path").synthesized && !find("path").required);
        assert!(find("file_name").required && !find("file_name").synthesized);
    }

    #[test]
    fn declared_path_params_absent_from_the_path_are_errors() {
        let o = op("/a/{x}", &[("x", Path, T::String), ("y", Path, T::String)]);
        let errs = path_params_absent_from_the_path(&o);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0.wire_name, "y");
        assert!(errs[0].1.message.contains("does not appear in the path"));
    }

    #[test]
    fn a_variable_used_twice_is_one_value_unless_glob_and_segment() {
        assert!(repeated_variables_agree(&op("/a/{x}/b/{x}", &[])).is_ok());
        assert!(repeated_variables_agree(&op("/a/*x/b/(*x/)", &[])).is_ok());
        let e = repeated_variables_agree(&op("/a/{x}/b/*x", &[])).unwrap_err();
        assert!(e.message.contains("both a glob"), "{e}");
        let mut o = op("/a/{x}/b/{x}", &[("x", Path, T::Integer)]);
        synthesize_missing_path_params(&mut o);
        assert_eq!(o.params.len(), 1, "one parameter: {:?}", o.params);
    }

    #[test]
    fn a_name_declared_in_the_path_and_in_the_query_is_two_parameters() {
        let mut o = op(
            "/items/{id}",
            &[("id", Path, T::String), ("id", Query, T::String)],
        );
        globs_declared_elsewhere_are_path_params(&mut o);
        let locations: Vec<_> = o.params.iter().map(|p| p.location).collect();
        assert_eq!(locations, [Path, Query]);
        // Declared in the query alone, it is the path's variable.
        let mut o = op("/items/{id}", &[("id", Query, T::String)]);
        globs_declared_elsewhere_are_path_params(&mut o);
        assert_eq!(o.params[0].location, Path);
    }

    #[test]
    fn file_sha256_is_a_string() {
        let mut o = op(
            "/by-hash/SHA256/{file_sha256}",
            &[
                ("file_sha256", Path, T::Integer),
                ("package_id", Path, T::Integer),
            ],
        );
        digests_are_strings(&mut o);
        assert_eq!(o.params[0].ty, T::String);
        assert_eq!(o.params[1].ty, T::Integer);
    }

    #[test]
    fn ids_described_as_paths_take_either_form() {
        let mut o = op(
            "/projects/{id}/x/{package_id}",
            &[("id", Path, T::String), ("package_id", Path, T::Integer)],
        );
        o.params[1].description = Some("The ID of a package".into());
        project_and_group_ids(&mut o);
        assert_eq!(o.params[0].ty, T::IdOrPath);
        assert_eq!(o.params[1].ty, T::Integer);
        // Declared `integer` but described as taking a path: both forms.
        let mut o = op("/groups/{id}/-/x", &[("id", Path, T::Integer)]);
        o.params[0].description = Some("The group ID or full group path.".into());
        project_and_group_ids(&mut o);
        assert_eq!(o.params[0].ty, T::IdOrPath);
    }

    #[test]
    fn path_params_come_first_in_path_order() {
        let mut o = op(
            "/{b}/{a}",
            &[
                ("q", Query, T::String),
                ("a", Path, T::String),
                ("b", Path, T::String),
            ],
        );
        order_params(&mut o);
        let names: Vec<_> = o.params.iter().map(|p| p.wire_name.as_str()).collect();
        assert_eq!(names, ["b", "a", "q"]);
    }

    #[test]
    fn list_operations_page_by_offset_or_keyset() {
        let offset = op(
            "/packages",
            &[("page", Query, T::Integer), ("per_page", Query, T::Integer)],
        );
        assert_eq!(pagination(&offset), Some(Pagination::Offset));
        let keyset = op(
            "/pipelines",
            &[
                ("cursor", Query, T::String),
                ("per_page", Query, T::Integer),
            ],
        );
        assert_eq!(pagination(&keyset), Some(Pagination::Keyset));
        let only_page = op("/x", &[("page", Query, T::Integer)]);
        assert_eq!(pagination(&only_page), None);
        let mut post = op(
            "/packages",
            &[("page", Query, T::Integer), ("per_page", Query, T::Integer)],
        );
        post.method = Method::Post;
        assert_eq!(pagination(&post), None);
    }
}
