use super::*;
use crate::emit::rust_names::Rust;
use crate::ir::{Body, BodyKind, Param, ParamLocation, ParamType};
use crate::path_template;

fn unnamed(method: Method, path: &str, body: Option<BodyKind>) -> Operation<Unnamed> {
    let mut op = Operation::new("x", method, path, path_template::parse(path).unwrap());
    op.body = body.map(|kind| Body {
        wire_name: "b".into(),
        kind,
        required: true,
        description: None,
        ty: None,
    });
    op
}

fn named(method: Method, path: &str, body: Option<BodyKind>) -> String {
    operation_name(&unnamed(method, path, body))
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

/// The rule's names of `ops`, made unique.
fn unique(ops: &[Operation<Unnamed>]) -> Vec<String> {
    let names = ops.iter().map(operation_name).collect();
    unique_names(ops, names, &vec![true; ops.len()], &Rust)
}

#[test]
fn alike_names_take_their_methods_verb() {
    use Method::*;
    let path = "/api/v4/projects/{id}/repository/files/{file_path}";
    let ops = [
        unnamed(Post, path, Some(BodyKind::Raw)),
        unnamed(Put, path, Some(BodyKind::Raw)),
    ];
    assert_eq!(operation_name(&ops[0]), operation_name(&ops[1]));
    assert_eq!(
        unique(&ops),
        [
            "create_project_repository_file",
            "update_project_repository_file"
        ]
    );
    let ops = [
        unnamed(Put, "/v1/items/{id}", None),
        unnamed(Patch, "/v1/items/{id}", None),
    ];
    assert_eq!(unique(&ops), ["update_item", "patch_item"]);
}

#[test]
fn alike_names_are_told_apart_by_their_variables() {
    let base =
        "/api/v4/packages/terraform/modules/v1/{module_namespace}/{module_name}/{module_system}";
    let ops = [
        unnamed(
            Method::Get,
            &format!("{base}/*module_version/download"),
            None,
        ),
        unnamed(Method::Get, &format!("{base}/download"), None),
    ];
    assert_eq!(
        unique(&ops),
        [
            "get_terraform_modules_v1_download_by_module_version",
            "get_terraform_modules_v1_download"
        ]
    );
    // A variable named like a keyword is an identifier of the target in the name.
    let ops = [
        unnamed(Method::Get, "/items/{id}/{type}/x", None),
        unnamed(Method::Get, "/items/{id}/x", None),
    ];
    assert_eq!(unique(&ops), ["get_item_x_by_type_", "get_item_x"]);
}

#[test]
fn the_rest_are_numbered_in_order_around_names_in_use() {
    use Method::*;
    let ops = [
        unnamed(Get, "/item", None),
        unnamed(Get, "/item", None),
        unnamed(Get, "/item", None),
        // Already the name the second would get.
        unnamed(Get, "/item/2", None),
    ];
    assert_eq!(operation_name(&ops[3]), "get_item_2");
    assert_eq!(
        unique(&ops),
        ["get_item", "get_item_3", "get_item_4", "get_item_2"]
    );
    // One endpoint declared twice, with other variable names, is numbered too.
    let ops = [
        unnamed(Get, "/projects/{id}/packages", None),
        unnamed(Get, "/projects/{project_id}/packages", None),
    ];
    assert_eq!(
        unique(&ops),
        ["list_project_packages", "list_project_packages_2"]
    );
    // Names alike only as builder types (`GetAV1X`) collide too.
    let ops = [
        unnamed(Get, "/a/v1/x", None),
        unnamed(Get, "/a/v_1/x", None),
    ];
    assert_eq!(operation_name(&ops[0]), "get_a_v1_x");
    assert_eq!(operation_name(&ops[1]), "get_a_v_1_x");
    assert_eq!(unique(&ops), ["get_a_v1_x", "get_a_v_1_x_2"]);
}

#[test]
fn overlay_names_that_meet_another_are_errors_and_twice_declared_endpoints_warnings() {
    let text = "naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n  - resources:\n    - path: /items\n      operations:\n      - {name: a, method: GET}\n      - {name: b, method: GET}\n      - {name: c, method: POST}\n";
    let loaded = crate::spec::parse(std::path::Path::new("x.yaml"), text).unwrap();
    let (api, warnings) = name_all(crate::lower::lower(&loaded).unwrap(), &Rust).unwrap();
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
    api.operations[2].rust_name = Some("list_items".into());
    let errors = name_all(api, &Rust).unwrap_err();
    assert!(
        errors.0[0]
            .message
            .contains("two operations are both named `list_items`"),
        "{errors}"
    );
    // A name that is not an identifier is refused.
    let mut api = crate::lower::lower(&loaded).unwrap();
    api.operations[2].rust_name = Some("type".into());
    let errors = name_all(api, &Rust).unwrap_err();
    assert!(
        errors.0[0]
            .message
            .contains("override name `type` is not a snake_case Rust identifier"),
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
fn snake_names_of_any_text() {
    assert_eq!(snake_name("$filter"), "filter");
    assert_eq!(snake_name("Symbolchecksum"), "symbolchecksum");
    assert_eq!(snake_name("type"), "type");
    assert_eq!(snake_name("X-Request-Id"), "x_request_id");
    assert_eq!(snake_name("page[size]"), "page_size");
    assert_eq!(snake_name("1st"), "_1st");
    assert_eq!(snake_name("PartURLs"), "part_urls");
    assert_eq!(snake_name("GetURL"), "get_url");
    assert_eq!(snake_name("IDsList"), "ids_list");
    assert_eq!(snake_name("*"), "value");
    assert_eq!(
        snake_name("putApiV4ProjectsIdPackagesGenericPackageName*packageVersion(*path)FileName"),
        "put_api_v4_projects_id_packages_generic_package_name_package_version_path_file_name"
    );
}

fn with_params(path: &str, params: &[(&str, ParamLocation)]) -> Operation<Unnamed> {
    let mut op = Operation::new("x", Method::Get, path, path_template::parse(path).unwrap());
    op.params = params
        .iter()
        .map(|(n, l)| Param::new(n, *l, ParamType::String))
        .collect();
    op
}

#[test]
fn colliding_parameter_names_get_location_suffixes() {
    let op = with_params(
        "/a/{id}",
        &[
            ("id", ParamLocation::Path),
            ("ID", ParamLocation::Query),
            ("Id", ParamLocation::Query),
        ],
    );
    assert_eq!(param_names(&op, &Rust), ["id", "id_query", "id_2"]);
}

#[test]
fn parameters_named_like_the_builders_own_names_get_a_trailing_underscore() {
    let op = with_params(
        "/a(/{r})",
        &[
            ("r", ParamLocation::Path),
            ("options", ParamLocation::Query),
            ("type", ParamLocation::Query),
        ],
    );
    assert_eq!(param_names(&op, &Rust), ["r_", "options_", "type_"]);
    // The target's form is what collides: `type` twice is `type_`, then `type__query`.
    let op = with_params(
        "/a",
        &[
            ("type", ParamLocation::Header),
            ("type", ParamLocation::Query),
        ],
    );
    assert_eq!(param_names(&op, &Rust), ["type_", "type__query"]);
}

#[test]
fn groups_are_the_overlays_else_the_resource() {
    let group = |p: &str| resource_group(&path_template::parse(p).unwrap());
    assert_eq!(
        group("/api/v4/projects/{id}/repository/files/{file_path}"),
        "repository"
    );
    assert_eq!(group("/api/v4/projects/{id}/-/search"), "search");
    assert_eq!(group("/api/v4/projects/{id}"), "projects");
    assert_eq!(group("/api/v4/projects"), "projects");
    assert_eq!(group("/api/v4/groups/{id}/epics"), "epics");
    assert_eq!(group("/api/v4/users/{user_id}/projects"), "users");
    assert_eq!(group("/v1/customers/{id}/invoices"), "customers");
    assert_eq!(group("/{tenant}/items"), "items");
    assert_eq!(group("/"), "core");
    assert_eq!(group("/{x}"), "core");
    // As a snake_case name; the overlay's group wins.
    let mut op = unnamed(Method::Get, "/api/v4/projects/{id}/merge-requests", None);
    assert_eq!(group_name(&op), "merge_requests");
    assert_eq!(
        group_name(&unnamed(Method::Get, "/api/v4/.well-known/x", None)),
        "well_known"
    );
    op.group = Some("reviews".into());
    assert_eq!(group_name(&op), "reviews");
}
