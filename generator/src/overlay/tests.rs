use super::*;
use crate::ir::{BodyKind, ParamLocation, ParamType, PathPart, ResponseKind};
use crate::{lower, normalize, spec};

const CAPABILITY: &str = "\
naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
      operations:
      - name: getfile
        method: GET
        inputParameters:
        - name: id
          in: path
          type: string
          description: The ID or URL-encoded path of the project
    - path: /api/v4/projects/{id}/packages/rpm
      operations:
      - name: postrpm
        method: POST
";

fn api() -> Api<Unnamed> {
    let loaded = spec::parse(Path::new("c.yaml"), CAPABILITY).unwrap();
    normalize::normalize(lower::lower(&loaded).unwrap()).unwrap()
}

fn apply(overlay: &str) -> Result<Api<Unnamed>, Diagnostics> {
    Ok(Overlay::parse(Path::new("o.yaml"), overlay)?
        .apply(api())?
        .0)
}

#[test]
fn actions_change_names_kinds_types_and_segments() {
    let api = apply(
        "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    rename: get_file
    response: bytes
    params:
      id:
        type: integer
      package_version:
        one_segment: true
  - target: post /api/v4/projects/{id}/packages/rpm
    body: raw
",
    )
    .unwrap();
    let get = &api.operations[0];
    assert_eq!(get.rust_name.as_deref(), Some("get_file"));
    assert_eq!(get.response, ResponseKind::Bytes);
    let id = get.params.iter().find(|p| p.wire_name == "id").unwrap();
    assert_eq!(
        (id.ty, id.location),
        (ParamType::Integer, ParamLocation::Path)
    );
    assert!(
        get.path
            .parts
            .contains(&PathPart::Var("package_version".into()))
    );
    assert!(
        !get.path
            .parts
            .iter()
            .any(|p| matches!(p, PathPart::Glob(_)))
    );
    let post = &api.operations[1];
    assert_eq!(post.body.as_ref().map(|b| &b.kind), Some(&BodyKind::Raw));
}

fn messages(overlay: &str) -> Vec<String> {
    apply(overlay)
        .unwrap_err()
        .0
        .iter()
        .map(|d| format!("{}@{}", d.message, d.location.map_or(0, |l| l.line)))
        .collect()
}

#[test]
fn actions_that_do_not_fit_are_errors_with_their_line() {
    let errors = messages(
        "overlay: 1
operations:
  - target: GET /api/v4/nowhere
    response: json
  - target: POST /api/v4/projects/{id}/packages/rpm
    params:
      missing:
        type: integer
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    params:
      file_name:
        one_segment: true
  - target: POST /api/v4/projects/{id}/packages/rpm
    body: multipart
",
    );
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors[0].starts_with("overlay target `GET /api/v4/nowhere` names no operation")
            && errors[0].ends_with("@3"),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("parameter `missing`") && e.ends_with("@7")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(
            |e| e.contains("`one_segment` needs a glob variable `*file_name`")
                && e.ends_with("@11")
        ),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("appears twice")),
        "{errors:?}"
    );
}

#[test]
fn body_types_and_type_names_are_checked() {
    let errors = messages(
        "overlay: 1
operations:
  - target: POST /api/v4/projects/{id}/packages/rpm
    body_type: text
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    body_type: string
",
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("`body_type: text` is not one of"),
        "{errors:?}"
    );
    assert!(errors[1].contains("which has no body"), "{errors:?}");
    let overlay = Overlay::parse(
        Path::new("o.yaml"),
        "overlay: 1\ntype_names:\n  Nope: Yes\n",
    )
    .unwrap();
    // Renames are for the companion stage, which reports a type it does not make.
    let (_, corrections) = overlay.apply(api()).unwrap();
    let rename = &corrections.type_names[0];
    assert_eq!((rename.from.as_str(), rename.to.as_str()), ("Nope", "Yes"));
    assert_eq!(rename.at.map(|l| l.line), Some(3));
}

#[test]
fn unknown_keys_and_versions_are_refused() {
    let e = Overlay::parse(
        Path::new("o.yaml"),
        "overlay: 1\noperations:\n  - target: GET /x\n    renmae: y\n",
    )
    .unwrap_err();
    assert!(e.0[0].message.contains("unknown field `renmae`"), "{e}");
    let e = Overlay::parse(Path::new("o.yaml"), "overlay: 2\n").unwrap_err();
    assert!(
        e.0[0].message.contains("unsupported overlay version 2"),
        "{e}"
    );
    let e = messages(
        "overlay: 1\noperations:\n  - target: POST /api/v4/projects/{id}/packages/rpm\n    body: multipart\n",
    );
    assert!(e[0].contains("needs `multipart_file`"), "{e:?}");
}

#[test]
fn groups_select_operations_by_path_segments_the_longest_first() {
    let overlay = Overlay::parse(
        Path::new("o.yaml"),
        "overlay: 1
groups:
  core:
    title: The core API
    paths: [packages]
  generic:
    paths: [/packages/generic/]
  other:
    title: Titled only
",
    )
    .unwrap();
    let (api, _) = overlay.apply(api()).unwrap();
    let groups: Vec<Option<&str>> = api.operations.iter().map(|o| o.group.as_deref()).collect();
    assert_eq!(groups, [Some("generic"), Some("core")]);
    let titles: Vec<(&str, &str)> = api
        .group_titles
        .iter()
        .map(|(g, t)| (g.as_str(), t.as_str()))
        .collect();
    assert_eq!(titles, [("core", "The core API"), ("other", "Titled only")]);
}

#[test]
fn groups_and_readme_sections_that_cannot_be_used_are_errors() {
    let e = Overlay::parse(
        Path::new("o.yaml"),
        "overlay: 1
groups:
  Npm:
    paths: [packages/npm]
  npm:
    paths: ['packages//npm', '{id}']
  npm2:
    paths: [packages/npm]
    title: 'a | b'
readme:
  authentication: '{% if x %}'
",
    )
    .unwrap_err();
    let messages: Vec<String> =
        e.0.iter()
            .map(|d| format!("{}@{}", d.message, d.location.map_or(0, |l| l.line)))
            .collect();
    assert_eq!(messages.len(), 6, "{messages:?}");
    assert!(
        messages[0].starts_with("group name `Npm` is not a snake_case name@3"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("group path `packages//npm` is not")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("group path `{id}` is not")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("group path `packages/npm` is also a path of group `Npm`@8")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(
            |m| m.starts_with("the title of group `npm2` is not one line of text")
                && m.ends_with("@9")
        ),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`authentication` is not a valid template") && m.ends_with("@11")),
        "{messages:?}"
    );
}

#[test]
fn readme_sections_are_carried_to_the_ir() {
    let overlay = Overlay::parse(
        Path::new("o.yaml"),
        "overlay: 1\nreadme:\n  authentication: |\n    Log in with `{{ crate_ident }}`.\n",
    )
    .unwrap();
    let (api, _) = overlay.apply(api()).unwrap();
    assert_eq!(
        api.readme.authentication.as_deref(),
        Some("Log in with `{{ crate_ident }}`.\n")
    );
}

#[test]
fn param_groups_take_the_operations_that_have_all_their_variables() {
    let api = apply(
        r#"overlay: 1
param_groups:
  GenericFile:
    what: generic package file
    argument: file
    form: "{name}/{version}/{file}"
    params: { name: package_name, version: package_version, file: file_name }
client:
  base_url_env: EXAMPLE_URL
"#,
    )
    .unwrap();
    let get = &api.operations[0];
    let grouped: Vec<(&str, Option<&str>)> = get
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.group.as_deref()))
        .collect();
    assert_eq!(
        grouped,
        [
            ("id", None),
            ("package_name", Some("GenericFile")),
            ("package_version", Some("GenericFile")),
            ("file_name", Some("GenericFile")),
        ]
    );
    let group = &api.param_groups[0];
    assert_eq!(group.format(), "{}/{}/{}");
    assert_eq!(group.form(), "name/version/file");
    assert_eq!(api.base_url_env.as_deref(), Some("EXAMPLE_URL"));
}

/// Larger groups are matched first, and a variable joins one group at most: the smaller
/// group, left with nothing, fits no operation.
#[test]
fn larger_param_groups_are_matched_first() {
    let errors = messages(
        r#"overlay: 1
param_groups:
  Small:
    what: name and file
    argument: named
    form: "{name}:{file}"
    params: { name: package_name, file: file_name }
  Large:
    what: generic package file
    argument: file
    form: "{name}/{version}/{file}"
    params: { name: package_name, version: package_version, file: file_name }
"#,
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("parameter group `Small` fits no operation"),
        "{errors:?}"
    );
}

#[test]
fn param_groups_that_cannot_be_used_are_errors() {
    let errors = messages(
        r#"overlay: 1
param_groups:
  Unused:
    what: x
    argument: x
    form: "{a}/{b}"
    params: { a: package_name, b: no_such_variable }
  bad_name:
    what: x
    argument: Bad
    form: "{a}{b}"
    params: { a: package_name, b: file_name }
  Mismatch:
    what: x
    argument: m
    form: "{a}/{c}"
    params: { a: package_name, b: file_name }
client:
  base_url_env: "not a name"
"#,
    );
    let expected = [
        "parameter group `Unused` fits no operation: none has all of its path variables (`package_name`, `no_such_variable`) as required strings",
        "parameter group `bad_name` is not a Rust type name",
        "argument `Bad` is not a snake_case name",
        "form `{a}{b}` has two parts with no text between them",
        "the parts of form `{a}/{c}` and the keys of `params` differ",
        "`not a name` is not an environment variable name",
    ];
    for e in expected {
        assert!(errors.iter().any(|m| m.contains(e)), "{e}\n{errors:#?}");
    }
}

#[test]
fn a_list_format_needs_a_list_parameter() {
    let errors = messages(
        "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    params:
      id:
        list: comma
",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("`list` needs a list parameter, and `id` of `GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}` is not one"),
        "{errors:?}"
    );
}

#[test]
fn a_path_action_sends_the_same_variables_elsewhere() {
    let api = apply(
        "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    path: /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}.zip
",
    )
    .unwrap();
    let op = &api.operations[0];
    assert_eq!(
        op.path.display(),
        "/api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}.zip"
    );
    // The spec's path still identifies it.
    assert!(op.raw_path.ends_with("{file_name}"));
    let errors = messages(
        "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    path: /api/v4/projects/{id}/other
",
    );
    assert!(
        errors[0].starts_with("`path: /api/v4/projects/{id}/other` must have the variables of"),
        "{errors:?}"
    );
}

#[test]
fn examples_are_carried_to_the_ir_in_the_overlays_order() {
    let api = apply(
        r#"overlay: 1
examples:
  dev_dependencies:
    clap: '{ version = "4", features = ["derive"] }'
  programs:
    - name: publish
      about: "  Upload a package.  "
      features: [generic]
    - name: audit
      about: List every file.
"#,
    )
    .unwrap();
    assert_eq!(
        api.examples.dev_dependencies["clap"],
        r#"{ version = "4", features = ["derive"] }"#
    );
    let programs: Vec<(&str, &str, &[String])> = api
        .examples
        .programs
        .iter()
        .map(|p| (p.name.as_str(), p.about.as_str(), p.features.as_slice()))
        .collect();
    assert_eq!(
        programs,
        [
            ("publish", "Upload a package.", &["generic".to_owned()][..]),
            ("audit", "List every file.", &[][..]),
        ]
    );
}

#[test]
fn examples_cargo_or_the_readme_cannot_take_are_errors_with_their_line() {
    let messages = messages(
        r#"overlay: 1
examples:
  dev_dependencies:
    "bad name": '"1"'
    clap: "{ version = '4',\n features = [] }"
  programs:
    - name: publish
      about: Upload.
    - name: publish
      about: "two\nlines"
    - name: ../escape
      about: x | y
      features: ["a b"]
"#,
    );
    assert_eq!(
        messages,
        [
            "`bad name` is not a crate name@4",
            "the dependency `clap` is not one line of TOML@5",
            "the example `publish` is listed twice@9",
            "what the example `publish` does is not one line of text (without `|`)@10",
            "`../escape` is not a name Cargo accepts for an example@11",
            "what the example `../escape` does is not one line of text (without `|`)@12",
            "`a b` is not a feature name@13",
        ]
    );
}

#[test]
fn definitions_and_response_schemas_that_cannot_be_used_are_errors() {
    let definitions = messages(
        r#"overlay: 1
definitions:
  lower_case: { type: object }
  NotASchema: [1, 2]
"#,
    );
    assert_eq!(
        definitions,
        [
            "definition `lower_case` is not a Rust type name@3",
            "definition `NotASchema` is not a schema object (a mapping with `type`, `properties` …)@4",
        ]
    );
    let response = messages(
        r#"overlay: 1
operations:
  - target: POST /api/v4/projects/{id}/packages/rpm
    response: empty
    response_schema: Package
"#,
    );
    assert_eq!(
        response,
        [
            "`response_schema` for `POST /api/v4/projects/{id}/packages/rpm`, whose answer is not JSON (set `response: json`)@3"
        ]
    );
}

/// `untyped` gives a JSON answer without a type its reason, and `response_nullable` makes
/// a typed JSON answer an `Option`.
#[test]
fn untyped_and_nullable_answers_are_carried_to_the_operation() {
    let api = apply(
        r#"overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    response: json
    untyped: " forwarded from another registry, free-form "
  - target: POST /api/v4/projects/{id}/packages/rpm
    response: json
    response_schema: Package
    response_nullable: true
    also_answers: [PackageFile, Message]
"#,
    )
    .unwrap();
    let get = &api.operations[0];
    assert_eq!(
        get.untyped.as_deref(),
        Some("forwarded from another registry, free-form")
    );
    assert!(!get.response_nullable);
    let post = &api.operations[1];
    assert_eq!(post.untyped, None);
    assert!(post.response_nullable);
    assert_eq!(post.response_schema.as_deref(), Some("Package"));
    assert_eq!(post.also_answers, ["PackageFile", "Message"]);
    assert!(get.also_answers.is_empty());
}

#[test]
fn untyped_and_nullable_answers_that_do_not_fit_are_errors_with_their_line() {
    let errors = messages(
        r#"overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}
    response: bytes
    untyped: a file
    response_nullable: true
    also_answers: [PackageFile]
  - target: POST /api/v4/projects/{id}/packages/rpm
    response: json
    response_schema: Package
    untyped: but it has a schema
"#,
    );
    assert_eq!(
        errors,
        [
            "`also_answers` for `GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}`, whose answer is not JSON (set `response: json`)@3",
            "`response_nullable` for `GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}`, whose answer is not JSON (set `response: json`)@3",
            "`untyped` for `GET /api/v4/projects/{id}/packages/generic/{package_name}/*package_version/{file_name}`: its answer is not JSON (set `response: json`)@3",
            "`untyped` for `POST /api/v4/projects/{id}/packages/rpm`: the same entry types the answer (`response_schema`, `response_list` or `response_nullable`)@8",
        ]
    );
    for reason in ["''", "\"two\\nlines\"", "a | b"] {
        let errors = messages(&format!(
            "overlay: 1
operations:
  - target: POST /api/v4/projects/{{id}}/packages/rpm
    response: json
    untyped: {reason}
"
        ));
        assert_eq!(
            errors,
            [
                "`untyped` for `POST /api/v4/projects/{id}/packages/rpm`: the reason must be one line of text (without `|`)@3"
            ],
            "{reason}"
        );
    }
}
