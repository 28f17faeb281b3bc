//! Items 1, 3 and 6 of the dialect rules: an operation's own `path:` relative to its
//! resource's, one name in the path and the query, paths without a leading `/`, `{{var}}`,
//! a variable used twice, `?flag`.

use super::*;

#[test]
fn operation_paths_are_relative_to_their_resource_unless_full() {
    let name = "operation-path-relative";
    let (api, files, warnings) = generated(name);
    let path = |n: &str| op(&api, n).raw_path.clone();
    assert_eq!(path("list_sobjects"), "/sobjects/");
    assert_eq!(path("get_sobjects_describe"), "/sobjects/describe");
    assert_eq!(path("get_sobject_id"), "/sobjects/{sobjectType}/{id}");
    assert_eq!(path("list_v58_0_limits"), "/v58.0/limits");
    assert_eq!(
        path("get_sobject_describe"),
        "/sobjects/{sobjectType}/describe"
    );
    // Only the guess is warned about.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warned(
        &warnings,
        name,
        "path: /{sobjectType}/describe",
        "is taken as relative to it",
    );
    assert!(
        w.hint
            .as_deref()
            .unwrap()
            .contains("`{sobjectType}/describe` (relative)")
    );
    let code = file(&files, "src/sobjects.rs");
    assert!(code.contains(r#""list_sobjects", "/sobjects/")"#), "{code}");
}

#[test]
fn one_name_in_the_path_and_the_query_is_sent_in_both() {
    let (api, files, warnings) = generated("path-and-query-same-name");
    assert!(warnings.is_empty(), "{warnings:?}");
    let get = op(&api, "get_item");
    let params: Vec<(&str, &str, ParamLocation, bool)> = get
        .params
        .iter()
        .map(|p| {
            (
                p.wire_name.as_str(),
                p.rust_name.as_str(),
                p.location,
                p.required,
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            ("id", "id", ParamLocation::Path, true),
            ("id", "id_query", ParamLocation::Query, true)
        ]
    );
    let code = file(&files, "src/items.rs");
    assert!(
        code.contains(r#"r.set_query(1, "id", &Into::<String>::into(id_query));"#),
        "{code}"
    );
}

#[test]
fn paths_without_a_leading_slash_are_from_the_root() {
    let (api, _, warnings) = generated("path-without-leading-slash");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(op(&api, "get_item").raw_path, "/items/{item_id}");
}

#[test]
fn mustache_variables_are_variables() {
    let (api, _, warnings) = generated("path-mustache-variables");
    assert!(warnings.is_empty(), "{warnings:?}");
    let crew = op(&api, "get_ship_crew");
    assert_eq!(
        crew.path.parts,
        [
            PathPart::Literal("/ships/".into()),
            PathPart::Var("imo_number".into()),
            PathPart::Literal("/crew".into())
        ]
    );
    let params: Vec<(&str, ParamLocation)> = crew
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location))
        .collect();
    assert_eq!(
        params,
        [
            ("imo_number", ParamLocation::Path),
            ("role", ParamLocation::Query)
        ]
    );
}

#[test]
fn a_variable_used_twice_is_one_argument() {
    let (api, files, warnings) = generated("path-variable-twice");
    assert!(warnings.is_empty(), "{warnings:?}");
    let compare = op(&api, "get_repo_compare_main");
    assert_eq!(compare.params.len(), 1);
    let mirror = op(&api, "get_mirror");
    assert_eq!(mirror.params.len(), 1);
    assert_eq!(mirror.params[0].also_query.as_deref(), Some("source"));
    let code = file(&files, "src/mirrors.rs");
    assert!(
        code.contains(r#"r.set_query(0, "source", &value);"#),
        "{code}"
    );
}

#[test]
fn a_query_item_without_a_value_is_sent_as_written() {
    let (api, files, warnings) = generated("path-query-flag");
    assert!(warnings.is_empty(), "{warnings:?}");
    let list = op(&api, "list_items");
    assert_eq!(
        list.fixed_query,
        [
            ("all".to_owned(), None),
            ("state".to_owned(), Some("open".to_owned()))
        ]
    );
    assert_eq!(list.display_path(), "/v1/items?all&state=open");
    let code = file(&files, "src/items.rs");
    assert!(code.contains(r#"r.set_query_flag(0, "all");"#), "{code}");
}
