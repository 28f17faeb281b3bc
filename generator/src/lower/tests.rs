use super::operation::body_block_kind;
use super::*;
use crate::ir::BodyKind;
use crate::spec;

fn load(body: &str) -> Loaded {
    spec::parse(std::path::Path::new("x.yaml"), body).unwrap()
}

fn one_op(version: &str, base: &str, op: &str) -> String {
    format!(
        "naftiko: {version}\ncapability:\n  consumes:\n  - baseUri: {base}\n    resources:\n    - path: /items\n      operations:\n      - name: op\n{op}"
    )
}

#[test]
fn versions_other_than_the_dialect_are_warned_about_or_refused() {
    assert_eq!(check_version(Some(DIALECT)), Ok(None));
    assert!(check_version(Some("1.0.0-alpha1")).unwrap().is_some());
    assert!(check_version(Some("0.4")).unwrap().is_some());
    assert!(check_version(None).unwrap().is_some());
    assert!(check_version(Some("2.0")).is_err());
    assert!(check_version(Some("next")).is_err());
    let errors = lower(&load(&one_op(
        "2.0",
        "https://a.example",
        "        method: GET\n",
    )))
    .unwrap_err();
    assert!(
        errors.0[0]
            .message
            .contains("unsupported `naftiko` version `2.0`")
    );
    assert_eq!(errors.0[0].location.map(|l| l.line), Some(1));
}

#[test]
fn body_blocks_give_the_encoding() {
    let block = |t: &str| body_block_kind(&serde_yaml::from_str(t).unwrap());
    assert_eq!(block("{type: json, template: '{}'}"), BodyKind::Json);
    assert_eq!(block("{type: form}"), BodyKind::Form);
    assert_eq!(block("{type: xml}"), BodyKind::Raw);
    assert_eq!(block("'a template'"), BodyKind::Raw);
    let (api, _) = lower_with_warnings(&load(&one_op(
        DIALECT,
        "https://a.example",
        "        method: POST\n        body: {type: json}\n",
    )))
    .unwrap();
    let body = api.operations[0].body.as_ref().unwrap();
    assert_eq!((&body.kind, body.required), (&BodyKind::Json, true));
}

#[test]
fn form_file_fields_make_a_multipart_body() {
    let (api, _) = lower_with_warnings(&load(&one_op(
        DIALECT,
        "https://a.example",
        "        method: POST\n        inputParameters:\n        - {name: file, in: formData, type: file, required: true}\n        - {name: logo, in: formData, type: file}\n        - {name: title, in: formData, type: string}\n",
    )))
    .unwrap();
    let op = &api.operations[0];
    let body = op.body.as_ref().unwrap();
    assert_eq!(
        body.kind,
        BodyKind::Multipart {
            file_field: "file".into()
        }
    );
    assert!(body.required);
    let names: Vec<&str> = op.params.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(names, ["title"]);
    // A body beside form fields cannot be sent.
    let errors = lower(&load(&one_op(
        DIALECT,
        "https://a.example",
        "        method: POST\n        inputParameters:\n        - {name: raw, in: body}\n        - {name: title, in: formData}\n",
    )))
    .unwrap_err();
    assert!(
        errors.0[0]
            .message
            .contains("both a body and `in: formData` fields")
    );
    assert_eq!(errors.0[0].parameter.as_deref(), Some("title"));
}

#[test]
fn base_uris_empty_templated_or_disagreeing() {
    let base = |b: &str| {
        lower_with_warnings(&load(&one_op(DIALECT, b, "        method: GET\n")))
            .map(|(api, w)| (api.base_url, w.len()))
    };
    assert_eq!(base("''"), Ok((None, 0)));
    assert_eq!(base("https://{site}.example.com"), Ok((None, 1)));
    assert_eq!(base("'not a url'"), Ok((None, 1)));
    assert_eq!(
        base("https://gitlab.com"),
        Ok((Some("https://gitlab.com".into()), 0))
    );
    // Each block keeps its root: the first's is the default, another is a server of its
    // own, named by its namespace; blocks of one root share it.
    let three = "naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n  - baseUri: https://a.example\n    resources: [{path: /a, operations: [{name: a, method: GET}]}]\n  - baseUri: https://b.example/\n    namespace: bee\n    resources: [{path: /b, operations: [{name: b, method: GET}]}]\n  - baseUri: https://a.example/\n    resources: [{path: /c, operations: [{name: c, method: GET}]}]\n  - baseUri: 'https://{x}.example'\n    resources: [{path: /d, operations: [{name: d, method: GET}]}]\n";
    let (api, warnings) = lower_with_warnings(&load(three)).unwrap();
    assert_eq!(api.base_url.as_deref(), Some("https://a.example"));
    let servers: Vec<(&str, Option<&str>, Option<&str>)> = api
        .servers
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.base_url.as_deref(),
                s.template.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        servers,
        [
            ("bee", Some("https://b.example/"), None),
            ("server-4", None, Some("https://{x}.example"))
        ]
    );
    let of: Vec<Option<&str>> = api.operations.iter().map(|o| o.server.as_deref()).collect();
    assert_eq!(of, [None, Some("bee"), None, Some("server-4")]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].message.contains("is a template"),
        "{warnings:?}"
    );
    assert!(
        warnings[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("server_url(\"server-4\", …)"),
        "{warnings:?}"
    );
}

#[test]
fn fragments_are_left_out_with_a_warning() {
    let text = one_op(DIALECT, "https://a.example", "        method: GET\n")
        .replace("path: /items", "path: /items#top");
    let (api, warnings) = lower_with_warnings(&load(&text)).unwrap();
    assert_eq!(api.operations[0].raw_path, "/items");
    assert!(warnings[0].message.contains("fragment (`#top`)"));
}

#[test]
fn top_level_blocks_and_imports_of_this_file() {
    // Top-level blocks come first; an entry importing one of them (no `location`) is that
    // block, generated once; a block without resources is a warning.
    let text = "naftiko: 1.0.0-alpha2\nconsumes:\n- namespace: shared\n  baseUri: https://a.example\n  resources: [{path: /s, operations: [{name: s, method: GET}]}]\ncapability:\n  consumes:\n  - import: shared\n    as: mine\n  - namespace: empty\n    baseUri: https://a.example\n";
    let lowering = lower_lenient(&load(text)).unwrap();
    let names: Vec<&str> = lowering
        .api
        .operations
        .iter()
        .map(|o| o.spec_name.as_str())
        .collect();
    assert_eq!(names, ["s"]);
    assert_eq!(lowering.warnings.len(), 1, "{:?}", lowering.warnings);
    assert!(
        lowering.warnings[0]
            .message
            .contains("`empty` declares no resources")
    );
    assert_eq!(lowering.warnings[0].location.map(|l| l.line), Some(10));
    // An import of a namespace the file lacks names the ones it has.
    let text = "naftiko: 1.0.0-alpha2\nconsumes:\n- namespace: shared\ncapability:\n  consumes:\n  - import: other\n";
    let errors = lower_lenient(&load(text)).unwrap_err();
    assert!(
        errors.0[0]
            .message
            .contains("`import: other` names no `consumes` block"),
        "{errors}"
    );
    assert_eq!(errors.0[0].hint.as_deref(), Some("it declares `shared`"));
    assert_eq!(errors.0[0].location.map(|l| l.line), Some(6));
}

#[test]
fn an_operation_that_cannot_be_lowered_is_left_out_with_its_errors() {
    let text = one_op(
        DIALECT,
        "https://a.example",
        "        method: FETCH\n      - name: good\n        method: GET\n",
    );
    let lowering = lower_lenient(&load(&text)).unwrap();
    assert_eq!(lowering.api.operations.len(), 1);
    assert_eq!(lowering.api.operations[0].spec_name, "good");
    assert_eq!(lowering.operation_errors.len(), 1);
    assert!(
        lowering.operation_errors[0]
            .message
            .contains("unknown HTTP method `FETCH`")
    );
    assert!(lowering.operation_errors[0].operation.is_some());
    // Strictly, it is an error.
    assert!(lower_with_warnings(&load(&text)).is_err());
}
