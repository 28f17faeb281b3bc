//! Item 7 of the dialect rules: an operation the generator cannot send (a parameter the
//! path lacks, `//`, a query pair it cannot read, a URL of another server than its block's)
//! costs that operation only: skipped with a located warning, the others generated; refused
//! with `--strict`. A capability left with nothing to generate is refused.

use super::*;

#[test]
fn a_path_parameter_absent_from_the_path_skips_its_operation() {
    let name = "path-param-not-in-path";
    let api = skipped(
        name,
        "- name: store_id",
        "does not appear in the path",
        "listitems",
    );
    assert_eq!(api.operations.len(), 1);
    let d = refused(name, "- name: store_id", "does not appear in the path");
    assert_eq!(d.parameter.as_deref(), Some("store_id"));
    assert!(d.operation.as_deref().unwrap().contains("listitems"));
}

#[test]
fn a_doubled_slash_skips_its_operation() {
    skipped(
        "path-with-double-slash",
        "path: /v1//items",
        "`//`",
        "listitems",
    );
}

#[test]
fn an_unclear_query_pair_skips_its_operation() {
    let name = "path-with-query-unclear";
    skipped(
        name,
        "path: /v1/items?",
        "mixes text and a variable",
        "listitems",
    );
    let d = refused(name, "path: /v1/items?", "mixes text and a variable");
    assert!(d.hint.as_deref().unwrap().contains("`in: query`"), "{d}");
}

#[test]
fn a_url_of_another_server_skips_its_operation() {
    let name = "operation-other-server";
    let api = skipped(
        name,
        "path: https://uploads.example.com",
        "one block has one server",
        "uploadfile",
    );
    // A URL under the block's root is a path from it.
    assert_eq!(op(&api, "get_file").raw_path, "/files/{file_id}");
}

/// Nothing to generate is refused, whatever the options: no empty crate without a word.
#[test]
fn a_capability_without_operations_is_refused() {
    let options = Options::new(bad_spec("no-operations"));
    let d = refused_with(&options, "consumes:", "declares no operation");
    assert!(d.hint.is_some());
    let errors = generate_with_warnings(&options).unwrap_err();
    assert!(
        errors
            .0
            .iter()
            .any(|w| w.warning && w.message.contains("`empty` declares no resources")),
        "{errors}"
    );
    // Every operation skipped: refused too, saying why.
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("all-skipped.yaml");
    std::fs::write(
        &spec,
        "naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n  - baseUri: https://a.example\n    resources:\n    - path: /a//b\n      operations:\n      - name: getab\n        method: GET\n",
    )
    .unwrap();
    let errors = generate_with_warnings(&Options::new(&spec)).unwrap_err();
    assert!(
        errors.0[0]
            .message
            .contains("every operation of the capability is skipped (1)"),
        "{errors}"
    );
    assert!(errors.0[1].skipped, "{errors}");
}
