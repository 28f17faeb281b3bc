//! Maven: `*path` holds the group/artifact/version directories and keeps its `/` (FACTS);
//! files are raw bytes both ways.

use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, client};
use crate::table::{Case, run_cases};

#[tokio::test]
async fn maven_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[case!(
            reply = Reply::bytes(b"PK"),
            "GET",
            "/api/v4/groups/my-group%2Fsub/-/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/my-app-1.0-20231010.101010-1.jar",
            None,
            get_group_maven_file(
                "my-group/sub",
                "com/mycompany/app/my-app/1.0-SNAPSHOT",
                "my-app-1.0-20231010.101010-1.jar"
            )
        )],
    )
    .await;

    let dir = "com/mycompany/app/my-app/1.0-SNAPSHOT";
    let (out, req) = capture(
        &server,
        Reply::text("application/xml", "<metadata/>"),
        c.get_project_maven_file(1, dir, "maven-metadata.xml"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"<metadata/>");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/maven-metadata.xml"
    );

    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        c.get_maven_file(dir, "my-app-1.0-20231010.101010-1.jar.sha1"),
    )
    .await;
    assert_eq!(
        out.unwrap().as_ref(),
        b"da39a3ee5e6b4b0d3255bfef95601890afd80709"
    );
    assert_eq!(
        req.target(),
        "GET /api/v4/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/my-app-1.0-20231010.101010-1.jar.sha1"
    );

    // FACTS, bodies: PUT maven is raw bytes.
    let (out, req) = capture(
        &server,
        Reply::empty(200),
        c.upload_project_maven_file(
            "group/project",
            dir,
            "my-app-1.0-20231010.101010-1.pom",
            "<project/>",
        ),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/group%2Fproject/packages/maven/com/mycompany/app/my-app/1.0-SNAPSHOT/my-app-1.0-20231010.101010-1.pom"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"<project/>");
    assert_eq!(req.credentials(), PRIVATE_TOKEN);
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/maven/com/example/app/1.0/app-1.0.jar",
            None,
            get_group_maven_file("my-group", "com/example/app/1.0", "app-1.0.jar")
        ),
        case!(
            "GET",
            "/api/v4/packages/maven/com/example/app/1.0-SNAPSHOT/maven-metadata.xml",
            None,
            get_maven_file("com/example/app/1.0-SNAPSHOT", "maven-metadata.xml")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/maven/com/example/app/1.0/app-1.0.pom.sha1",
            None,
            get_project_maven_file("group/project", "com/example/app/1.0", "app-1.0.pom.sha1")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/maven/com/example/app/1.0%2Bbuild/app-1.0%2Bbuild.jar",
            None,
            upload_project_maven_file(
                42u64,
                "com/example/app/1.0+build",
                "app-1.0+build.jar",
                b"PK\x03\x04".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/maven/com/example/app/1.0/app-1.0.jar/authorize",
            None,
            authorize_project_maven_file(42u64, "com/example/app/1.0", "app-1.0.jar", "")
        ),
    ]
}
