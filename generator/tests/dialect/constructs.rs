//! The constructs generated as written (header names, bodies, form data, versions …).

use super::*;

#[test]
fn header_parameters_named_like_headers() {
    let (api, files, warnings) = generated("header-names");
    assert!(warnings.is_empty(), "{warnings:?}");
    let list = op(&api, "list_items");
    let names: Vec<(&str, &str, ParamLocation)> = list
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.rust_name.as_str(), p.location))
        .collect();
    assert_eq!(
        names,
        [
            ("X-Request-Id", "x_request_id", ParamLocation::Header),
            ("If-None-Match", "if_none_match", ParamLocation::Header),
            // Same identifier as the header: told apart by its location.
            ("x-request-id", "x_request_id_query", ParamLocation::Query),
        ]
    );
    let code = file(&files, "src/items.rs");
    assert!(
        code.contains(r#"r.header("X-Request-Id", &Into::<String>::into(x_request_id));"#),
        "{code}"
    );
    assert!(code.contains("pub fn list_items(&self, x_request_id: impl Into<String>)"));
}

#[test]
fn duplicate_operation_names_and_endpoints() {
    let name = "duplicate-names";
    let (api, _, warnings) = generated(name);
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.rust_name.as_str())
        .collect();
    // (An untyped `in: body` is raw bytes: the rule calls sending them `upload`.)
    assert_eq!(names, ["list_items", "upload_items", "list_items_2"]);
    // Spec names are not Rust names, but a tool's `call` to one is ambiguous.
    warned(
        &warnings,
        name,
        "# the same name",
        "two operations are both named `getitems`",
    );
    let w = warned(
        &warnings,
        name,
        "name: listitemsagain",
        "`GET /v1/items` is declared twice",
    );
    assert!(w.message.contains("generated as `list_items_2`"), "{w}");
    // The position of the first declaration is named too.
    assert!(
        w.message.contains(&format!(
            "{name}.yaml:{}:",
            line_of(name, "- name: getitems")
        )),
        "{w}"
    );
}

#[test]
fn empty_base_uri_has_no_default_server() {
    let (api, _, warnings) = generated("base-uri-empty");
    assert_eq!(api.base_url, None);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn templated_base_uri_is_chosen_when_the_client_is_built() {
    let name = "base-uri-templated";
    let (api, _, warnings) = generated(name);
    assert_eq!(api.base_url, None);
    warned(&warnings, name, "baseUri:", "is a template");
}

#[test]
fn several_consumes_blocks_on_one_server_make_one_client() {
    let (api, files, _) = generated("several-consumes");
    assert_eq!(api.base_url.as_deref(), Some("https://api.example.com"));
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.rust_name.as_str())
        .collect();
    assert_eq!(names, ["list_users", "list_orders"]);
    // One module a resource.
    file(&files, "src/users.rs");
    file(&files, "src/orders.rs");
}

#[test]
fn operations_with_their_own_path() {
    let (api, files, _) = generated("operation-path");
    let history = op(&api, "get_item_history");
    assert_eq!(history.raw_path, "/v1/items/{item_id}/history");
    assert_eq!(history.params[0].ty, ParamType::Integer);
    assert_eq!(op(&api, "list_items").raw_path, "/v1/items");
    let code = file(&files, "src/items.rs");
    assert!(code.contains(r#""/v1/items/{item_id}/history","#), "{code}");
    assert!(
        code.contains(r#"r.path_value("item_id", &item_id);"#),
        "{code}"
    );
}

#[test]
fn body_blocks_give_the_body_its_encoding() {
    let (api, files, _) = generated("body-blocks");
    let kind = |n: &str| {
        op(&api, n)
            .body
            .as_ref()
            .map(|b| (b.kind.clone(), b.required))
    };
    assert_eq!(kind("create_issue"), Some((BodyKind::Json, true)));
    assert_eq!(kind("create_token"), Some((BodyKind::Form, true)));
    // An `in: body` parameter takes the block's encoding.
    assert_eq!(kind("update_notes"), Some((BodyKind::Json, true)));
    assert!(file(&files, "src/issues.rs").contains("body: serde_json::Value"));
    assert!(file(&files, "src/issues.rs").contains("r.json(&body);"));
    assert!(file(&files, "src/tokens.rs").contains("body: Vec<(String, String)>"));
    assert!(file(&files, "src/tokens.rs").contains("r.form(&body);"));
}

#[test]
fn path_parameters_without_an_entry_are_added() {
    let (api, _, _) = generated("path-params-undeclared");
    let get = op(&api, "get_store_item");
    let params: Vec<(&str, ParamType, bool, bool)> = get
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.ty, p.required, p.synthesized))
        .collect();
    assert_eq!(
        params,
        [
            ("store_id", ParamType::Integer, true, false),
            ("item_id", ParamType::String, true, true),
        ]
    );
}

#[test]
fn a_space_in_a_path_is_sent_percent_encoded_with_a_warning() {
    let name = "path-with-space";
    let (api, files, warnings) = generated(name);
    assert_eq!(
        api.operations[0].path.parts,
        [PathPart::Literal("/v1/items/all items".into())]
    );
    let w = warned(
        &warnings,
        name,
        "path: /v1/items/all items",
        "contains a space; it is sent as `%20`",
    );
    assert_eq!(
        w.operation.as_deref(),
        Some("listitems (GET /v1/items/all items)")
    );
    let code = file(&files, "src/items.rs");
    assert!(code.contains(r#""/v1/items/all%20items""#), "{code}");
}

#[test]
fn a_query_string_in_a_path_gives_fixed_pairs_and_query_parameters() {
    let (api, files, warnings) = generated("path-with-query");
    assert!(warnings.is_empty(), "{warnings:?}");
    let list = op(&api, "list_items");
    assert_eq!(list.path.parts, [PathPart::Literal("/v1/items".into())]);
    assert_eq!(
        list.fixed_query,
        [
            ("all".to_owned(), Some("true".to_owned())),
            ("state".to_owned(), Some("open or closed".to_owned()))
        ]
    );
    assert!(list.params.is_empty());
    let code = file(&files, "src/items.rs");
    assert!(code.contains(r#"r.set_query(0, "all", "true");"#), "{code}");
    assert!(
        code.contains(r#"r.set_query(1, "state", "open or closed");"#),
        "{code}"
    );

    // `sort={order}`: the parameter declared `in: path` is sent in the query as `sort`;
    // `version={version}`, declared nowhere, is a required string.
    let versions = op(&api, "list_item_versions");
    let params: Vec<(&str, &str, ParamLocation, bool, bool)> = versions
        .params
        .iter()
        .map(|p| {
            (
                p.wire_name.as_str(),
                p.rust_name.as_str(),
                p.location,
                p.required,
                p.synthesized,
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            ("item_id", "item_id", ParamLocation::Path, true, false),
            ("sort", "sort", ParamLocation::Query, true, false),
            ("version", "version", ParamLocation::Query, true, true),
        ]
    );
    assert!(versions.fixed_query.is_empty());
    assert!(
        code.contains(r#"r.set_query(1, "sort", &Into::<String>::into(sort));"#),
        "{code}"
    );
    assert!(
        code.contains(r#"r.set_query(2, "version", &Into::<String>::into(version));"#),
        "{code}"
    );
}

#[test]
fn a_fragment_is_left_out_with_a_warning() {
    let name = "path-with-fragment";
    let (api, _, warnings) = generated(name);
    assert_eq!(api.operations[0].raw_path, "/v1/items");
    warned(&warnings, name, "path: /v1/items#top", "fragment (`#top`)");
}

#[test]
fn a_trailing_slash_is_sent_as_written() {
    let (api, files, _) = generated("path-with-trailing-slash");
    assert_eq!(
        api.operations[0].path.parts,
        [PathPart::Literal("/v1/items/".into())]
    );
    assert_eq!(api.operations[0].rust_name, "list_items");
    let code = file(&files, "src/items.rs");
    assert!(code.contains(r#""list_items", "/v1/items/")"#), "{code}");
}

#[test]
fn missing_required_description_and_type_have_defaults() {
    let (api, files, warnings) = generated("missing-fields");
    assert!(warnings.is_empty(), "{warnings:?}");
    let get = op(&api, "get_item");
    assert_eq!(get.summary, "(no description in the spec)");
    let params: Vec<(&str, ParamType, bool)> = get
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.ty, p.required))
        .collect();
    // A path parameter is required, anything else optional; the type is a string.
    assert_eq!(
        params,
        [
            ("item_id", ParamType::String, true),
            ("fields", ParamType::String, false)
        ]
    );
    assert!(file(&files, "src/items.rs").contains("(no description in the spec)"));
}

#[test]
fn form_data_fields_and_files() {
    let (api, files, _) = generated("form-data");
    let import = op(&api, "upload_projects_import");
    assert_eq!(
        import.body.as_ref().map(|b| (&b.kind, b.required)),
        Some((
            &BodyKind::Multipart {
                file_field: "file".into()
            },
            true
        ))
    );
    let fields: Vec<(&str, &str)> = import
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.rust_name.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("path", "path"),
            ("override_params[visibility]", "override_params_visibility")
        ]
    );
    let code = file(&files, "src/projects.rs");
    assert!(code.contains("body: Multipart"), "{code}");
    // The other fields join the multipart body.
    assert!(code.contains("r.multipart_form();"), "{code}");
    assert!(code.contains("r.multipart(body);"), "{code}");
    // Without a file, the fields are an URL-encoded form.
    let settings = op(&api, "update_settings");
    assert!(settings.body.is_none());
    assert!(
        settings
            .params
            .iter()
            .all(|p| p.location == ParamLocation::Form)
    );
    let code = file(&files, "src/settings.rs");
    assert!(code.contains("r.urlencoded_form();"), "{code}");
    // Lists: the runtime sends them as Rails and Grape read them, `[]` once
    // (`Fields::pairs`, unit-tested in the runtime).
    assert!(
        code.contains(
            "\"allowed_domains\",\n                value.into_iter().map(Into::<String>::into)"
        ),
        "{code}"
    );
    assert!(code.contains("\"restricted_levels[]\","), "{code}");
}

#[test]
fn head_operations() {
    let (api, files, _) = generated("head");
    let head = op(&api, "head_file");
    assert_eq!(head.method, Method::Head);
    let code = file(&files, "src/files.rs");
    assert!(
        code.contains("Method::HEAD,\n            \"head_file\""),
        "{code}"
    );
    assert!(code.contains("pub fn head_file(&self, file_path: impl Into<String>)"));
}

#[test]
fn other_naftiko_versions() {
    // 1.0.0-alpha1: read as 1.0.0-alpha2, with a warning.
    let name = "naftiko-1-0-0-alpha1";
    let (api, _, warnings) = generated(name);
    assert_eq!(api.operations.len(), 1);
    warned(
        &warnings,
        name,
        "naftiko:",
        "`naftiko: 1.0.0-alpha1` is not 1.0.0-alpha2",
    );
    // 2.0: refused (the fixture is among the refused specs, `tests/bad-specs/`).
    refused_with(
        &Options::new(bad_spec("naftiko-2-0")),
        "naftiko:",
        "unsupported `naftiko` version `2.0`",
    );
}

/// The command line writes nothing for a refused capability and says why on stderr.
#[test]
fn the_binary_refuses_with_the_position_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("crate");
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("--spec")
        .arg(fixture("path-with-double-slash"))
        .arg("--out")
        .arg(&crate_dir)
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = line_of("path-with-double-slash", "path: /v1//items");
    assert!(
        stderr.contains(&format!("path-with-double-slash.yaml:{line}:")),
        "{stderr}"
    );
    assert!(stderr.contains("= operation: listitems"), "{stderr}");
    assert!(!crate_dir.exists());
    // Without `--strict`, the operation is skipped and the others generated.
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("--spec")
        .arg(fixture("path-with-double-slash"))
        .arg("--out")
        .arg(&crate_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: operation skipped: path `/v1//items` has an empty segment"),
        "{stderr}"
    );
    assert!(crate_dir.join("src/stores.rs").is_file());
    std::fs::remove_dir_all(&crate_dir).unwrap();
    // …and generates one it accepts, printing its warnings.
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("--spec")
        .arg(fixture("base-uri-templated"))
        .arg("--out")
        .arg(&crate_dir)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning: `baseUri`"));
    assert!(crate_dir.join("src/ping.rs").is_file());
}

#[test]
fn resource_parameters_are_every_operations() {
    let name = "resource-parameters";
    let (api, _, warnings) = generated(name);
    let params = |n: &str| -> Vec<(String, bool)> {
        op(&api, n)
            .params
            .iter()
            .map(|p| (p.wire_name.clone(), p.required))
            .collect()
    };
    let store = ("store_id".to_owned(), true);
    let limit = |required| ("limit".to_owned(), required);
    assert_eq!(params("list_store_items"), [store.clone(), limit(false)]);
    // The operation's own `limit` wins.
    assert_eq!(params("head_store_items"), [store, limit(true)]);
    // A block's parameters are not generated: said, never silent.
    warned(
        &warnings,
        name,
        "inputParameters:",
        "the `inputParameters` of `consumes` block `stores`",
    );
}
