//! Go modules: `*module_name` keeps its `/` (FACTS); `/@v/` is literal.

use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, client};
use crate::table::{Case, run_cases};

#[tokio::test]
async fn go_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        // A `+incompatible` version is one segment: `+` is `%2B` (Grape decodes it once).
        // A case-encoded module element (`!x`, go's encoding): `!` is `%21`.
        &[case!(
            "GET",
            "/api/v4/projects/1/packages/go/gitlab.example.com/%21my-group/mod/@v/v2.0.0%2Bincompatible.info",
            None,
            get_project_go_module_version_info(
                1,
                "gitlab.example.com/!my-group/mod",
                "v2.0.0+incompatible"
            )
        )],
    )
    .await;

    // The answers come back as sent (text, JSON, bytes).
    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "v1.0.0\nv1.0.1\n"),
        c.list_project_go_module_versions(1, "example.com/mod"),
    )
    .await;
    assert_eq!(out.unwrap(), "v1.0.0\nv1.0.1\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/go/example.com/mod/@v/list"
    );
    assert_eq!(req.credentials(), PRIVATE_TOKEN);

    let (out, req) = capture(
        &server,
        Reply::json(r#"{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}"#),
        c.get_project_go_module_version_info(1, "example.com/mod", "v1.0.0"),
    )
    .await;
    assert_eq!(out.unwrap().version.as_deref(), Some("v1.0.0"));
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/go/example.com/mod/@v/v1.0.0.info"
    );

    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "module example.com/mod\n"),
        c.get_project_go_module_file("group/project", "example.com/mod", "v1.0.0"),
    )
    .await;
    assert_eq!(out.unwrap(), "module example.com/mod\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/group%2Fproject/packages/go/example.com/mod/@v/v1.0.0.mod"
    );

    let (out, req) = capture(
        &server,
        Reply::new(200, "application/zip", b"PK\x03\x04"),
        c.get_project_go_module_zip(1, "example.com/mod", "v1.0.0"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"PK\x03\x04");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/go/example.com/mod/@v/v1.0.0.zip"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/go/gitlab.example.com/group/project/@v/list",
            None,
            list_project_go_module_versions("group/project", "gitlab.example.com/group/project")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/go/gitlab.example.com/group/project/@v/v1.0.0.info",
            None,
            get_project_go_module_version_info(42u64, "gitlab.example.com/group/project", "v1.0.0")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/go/gitlab.example.com/group/project/v2/@v/v2.1.0-beta.1.mod",
            None,
            get_project_go_module_file(
                42u64,
                "gitlab.example.com/group/project/v2",
                "v2.1.0-beta.1"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/go/gitlab.example.com/group/project/@v/v3.0.0%2Bincompatible.zip",
            None,
            get_project_go_module_zip(
                42u64,
                "gitlab.example.com/group/project",
                "v3.0.0+incompatible"
            )
        ),
    ]
}
