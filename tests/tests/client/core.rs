//! The Packages API itself (GitLab's packages API docs, `packages-api.en.txt` and
//! `packages-api.zh.txt`): packages, package files and pipelines of a project or group.

use gitlab_packages::types::{
    PackageFileOrderBy, PackageOrderBy, PackageStatus, PackageType, SortDirection,
};
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, assert_query, capture, client};
use crate::table::{Case, run_cases};

/// A minimal `API_Entities_Package` (every required field: id, name, version, package_type,
/// created_at).
const PACKAGE_REPLY: &str = r#"{"id":1,"name":"my-package","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}"#;

#[tokio::test]
async fn core_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[
            // en:43 `GET /api/v4/projects/:id/packages`; `:id` is the URL-encoded full path
            // (FACTS).
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/group%2Fsub%2Fproject/packages",
                None,
                list_project_packages("group/sub/project")
            ),
            // en:97 `GET /api/v4/groups/:id/packages?exclude_subgroups=false`.
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/groups/my-group/packages",
                Some("exclude_subgroups=false"),
                list_group_packages("my-group").exclude_subgroups(false)
            ),
            // en:248 `GET /api/v4/projects/:id/packages/4/package_files`.
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/projects/1234/packages/4/package_files",
                None,
                list_project_package_files(1234, 4)
            ),
            // en:391 `DELETE .../packages/:package_id/package_files/:package_file_id`.
            case!(
                reply = Reply::empty(204),
                "DELETE",
                "/api/v4/projects/1234/packages/4/package_files/25",
                None,
                delete_project_package_file(1234, 4, 25)
            ),
        ],
    )
    .await;

    // Filters of en "List packages / Within a project"; `+` in a query value is `%2B`,
    // a space `+` (FACTS, "Query parameters").
    let call = c
        .list_project_packages("group/sub/project")
        .package_type(PackageType::Npm)
        .order_by(PackageOrderBy::Name)
        .sort(SortDirection::Desc)
        .package_name("my+pkg name")
        .page(2)
        .per_page(50);
    let (out, req) = capture(&server, Reply::json("[]"), call).await;
    assert!(out.unwrap().is_empty());
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/group%2Fsub%2Fproject/packages");
    assert_query(
        &req,
        &[
            "package_type=npm",
            "order_by=name",
            "sort=desc",
            "package_name=my%2Bpkg+name",
            "page=2",
            "per_page=50",
        ],
    );

    // zh:20-25 adds `package_version`, `include_versionless` and `status`.
    let call = c
        .list_project_packages(1234)
        .package_version("1.0.0+build")
        .include_versionless(true)
        .status(PackageStatus::Hidden);
    let (out, req) = capture(&server, Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1234/packages");
    assert_query(
        &req,
        &[
            "package_version=1.0.0%2Bbuild",
            "include_versionless=true",
            "status=hidden",
        ],
    );

    let call = c
        .list_group_packages("my-group/subgroup")
        .exclude_subgroups(true)
        .order_by("project_path");
    let (out, req) = capture(&server, Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/groups/my-group%2Fsubgroup/packages");
    assert_query(&req, &["exclude_subgroups=true", "order_by=project_path"]);

    // en:177 `GET /api/v4/projects/:id/packages/:package_id`; the answer carries the
    // fields of en:185-194 that every package has.
    let body = r#"{"id":1,"name":"com/mycompany/my-app","version":"1.0-SNAPSHOT","package_type":"maven","created_at":"2019-11-27T03:37:38.711Z"}"#;
    let (out, req) = capture(
        &server,
        Reply::json(body),
        c.get_project_package("group/sub/project", 1),
    )
    .await;
    assert_eq!(out.unwrap().name, "com/mycompany/my-app");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/group%2Fsub%2Fproject/packages/1"
    );

    // en:369 `DELETE /api/v4/projects/:id/packages/:package_id`, answered 204 (en:373).
    let (out, req) = capture(
        &server,
        Reply::empty(204),
        c.delete_project_package(1234, 42),
    )
    .await;
    out.unwrap();
    assert_eq!(req.target(), "DELETE /api/v4/projects/1234/packages/42");
    assert!(req.body.is_empty());

    // zh adds order_by/sort to package files.
    let call = c
        .list_project_package_files("group/project", 4)
        .order_by(PackageFileOrderBy::FileName)
        .sort(SortDirection::Asc);
    let (out, req) = capture(&server, Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(
        req.path,
        "/api/v4/projects/group%2Fproject/packages/4/package_files"
    );
    assert_query(&req, &["order_by=file_name", "sort=asc"]);

    // en:314 `GET .../packages/:package_id/pipelines`; keyset pagination with `cursor`
    // (FACTS, "Pagination"): a base64 cursor's `=` is form-encoded as `%3D`.
    let call = c
        .list_project_package_pipelines(1234, 42)
        .cursor("eyJpZCI6MTIzfQ==")
        .per_page(20);
    let (out, req) = capture(&server, Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.path, "/api/v4/projects/1234/packages/42/pipelines");
    assert_query(&req, &["cursor=eyJpZCI6MTIzfQ%3D%3D", "per_page=20"]);

    // OPS `download_project_package_file`: bytes come back unchanged.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"\x00\x01binary\xff"),
        c.download_project_package_file("group/sub/project", 42, 25),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"\x00\x01binary\xff");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/group%2Fsub%2Fproject/packages/42/package_files/25/download"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            reply = Reply::json("[]"),
            "GET",
            "/api/v4/groups/group%2Fsub/packages",
            Some("exclude_subgroups=true&package_version=1.0.0%2Bbuild"),
            list_group_packages("group/sub")
                .exclude_subgroups(true)
                .package_version("1.0.0+build")
        ),
        case!(
            reply = Reply::json("[]"),
            "GET",
            "/api/v4/projects/group%2Fproject/packages",
            Some("sort=desc&package_name=my+package"),
            list_project_packages("group/project")
                .sort(SortDirection::Desc)
                .package_name("my package")
        ),
        case!(
            reply = Reply::json(PACKAGE_REPLY),
            "GET",
            "/api/v4/projects/group%2Fproject/packages/7",
            None,
            get_project_package("group/project", 7)
        ),
        case!(
            "DELETE",
            "/api/v4/projects/42/packages/7",
            None,
            delete_project_package(42u64, 7)
        ),
        case!(
            reply = Reply::json("[]"),
            "GET",
            "/api/v4/projects/group%2Fproject/packages/7/package_files",
            Some("per_page=50&order_by=file_name"),
            list_project_package_files("group/project", 7)
                .per_page(50)
                .order_by(PackageFileOrderBy::FileName)
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/7/package_files/99",
            None,
            delete_project_package_file("group/project", 7, 99)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/7/package_files/99/download",
            None,
            download_project_package_file(42u64, 7, 99)
        ),
        case!(
            reply = Reply::json("[]"),
            "GET",
            "/api/v4/projects/group%2Fproject/packages/7/pipelines",
            Some("per_page=20&cursor=eyJpZCI6IjEwIn0%3D"),
            list_project_package_pipelines("group/project", 7)
                .per_page(20)
                .cursor("eyJpZCI6IjEwIn0=")
        ),
    ]
}
