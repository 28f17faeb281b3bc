//! RPM: raw uploads, repository metadata, package files, with HTTP Basic.

use gitlab_packages::Auth;
use tests::server::{Reply, Server};

use crate::support::{capture, client_with};
use crate::table::{Case, replies, run_cases};

/// "user:glpat-rpm" in base64 (`printf 'user:glpat-rpm' | base64`).
const BASIC: [(&str, &str); 1] = [("authorization", "Basic dXNlcjpnbHBhdC1ycG0=")];

#[tokio::test]
async fn rpm_operations() {
    let server = Server::start();
    let c = client_with(&server.url(), Auth::basic("user", "glpat-rpm"));
    run_cases(
        &server,
        &c,
        &BASIC,
        &[case!(
            reply = Reply::bytes(b"rpm"),
            "GET",
            "/api/v4/projects/1/packages/rpm/42/hello-0.0.1-1.fc29.x86_64.rpm",
            None,
            get_project_rpm_file(1, 42, "hello-0.0.1-1.fc29.x86_64.rpm")
        )],
    )
    .await;

    // FACTS, bodies: POST rpm is raw bytes.
    let (out, req) = capture(
        &server,
        replies::created(),
        c.upload_project_rpm_package(1, &b"\xed\xab\xee\xdbrpm"[..]),
    )
    .await;
    out.unwrap();
    assert_eq!(req.target(), "POST /api/v4/projects/1/packages/rpm");
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"\xed\xab\xee\xdbrpm");
    assert_eq!(req.credentials(), BASIC);

    let (out, req) = capture(
        &server,
        Reply::text("application/xml", "<repomd/>"),
        c.get_project_rpm_repodata_file("group/project", "repomd.xml"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"<repomd/>");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/group%2Fproject/packages/rpm/repodata/repomd.xml"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            reply = replies::created(),
            "POST",
            "/api/v4/projects/group%2Fproject/packages/rpm",
            None,
            upload_project_rpm_package("group/project", b"\xed\xab\xee\xdb".to_vec())
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/rpm/17/hello-1.0~rc1-1.el9.x86_64.rpm",
            None,
            get_project_rpm_file(42u64, 17, "hello-1.0~rc1-1.el9.x86_64.rpm")
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/rpm/authorize",
            None,
            authorize_project_rpm(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/rpm/repodata/repomd.xml",
            None,
            get_project_rpm_repodata_file("group/project", "repomd.xml")
        ),
    ]
}
