//! Redirects: to storage on another origin (no credential follows), on the same host (the
//! credential stays), and of an upload (not followed).

use std::net::Ipv4Addr;

use gitlab_packages::Error;
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, capture_all, client};

/// FACTS, responses: downloads may be redirected to pre-signed storage on another host;
/// no GitLab credential may follow the redirect. The storage is another port of the same
/// host, then another host (`127.0.0.2`).
#[tokio::test]
async fn redirect_to_storage_drops_credentials() {
    let gitlab = Server::start();
    let c = client(&gitlab);
    let other_port = Server::start();
    let other_host = Server::builder().ip(Ipv4Addr::new(127, 0, 0, 2)).start();
    for storage in [&other_port, &other_host] {
        let origin = storage.url();
        storage.answer(Reply::bytes(b"stored bytes"));
        let location = format!("{origin}/bucket/file.txt?X-Amz-Signature=abc%2Fdef");
        let (out, req) = capture(
            &gitlab,
            Reply::empty(302).header("location", location),
            c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
        )
        .await;
        assert_eq!(out.unwrap().as_ref(), b"stored bytes", "{origin}");
        assert_eq!(
            req.target(),
            "GET /api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"
        );
        assert_eq!(req.credentials(), PRIVATE_TOKEN);

        let followed = storage.take();
        assert_eq!(followed.len(), 1, "{origin}");
        assert_eq!(
            followed[0].target(),
            "GET /bucket/file.txt?X-Amz-Signature=abc%2Fdef"
        );
        assert!(
            followed[0].credentials().is_empty(),
            "{origin}: {followed:?}"
        );

        // A failure at the storage host reports GitLab's path, never the pre-signed URL.
        storage.answer(Reply::new(
            403,
            "application/xml",
            "<Error>AccessDenied</Error>",
        ));
        let location = format!("{origin}/bucket/file.txt?X-Amz-Signature=secret");
        let (out, _) = capture(
            &gitlab,
            Reply::empty(302).header("location", location),
            c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
        )
        .await;
        let error = out.expect_err("403 from storage");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
        let text = error.to_string();
        assert!(
            text.contains("/api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"),
            "{text}"
        );
        assert!(!text.contains("X-Amz-Signature"), "{text}");
        let followed = storage.take();
        assert_eq!(followed.len(), 1, "{origin}");
        assert!(
            followed[0].credentials().is_empty(),
            "{origin}: {followed:?}"
        );
    }
}

/// FACTS, responses: "A moved project: GET is redirected to the new path". A redirect on
/// the same host keeps the credential, and the `Location` path is used as sent.
#[tokio::test]
async fn redirect_on_the_same_host_keeps_credentials() {
    let server = Server::start();
    let location = format!(
        "{}/api/v4/projects/new-group%2Fproject/packages?page=2",
        server.url()
    );
    let (out, log) = capture_all(
        &server,
        vec![
            Reply::empty(301).header("location", location),
            Reply::json(
                r#"[{"id":1,"name":"my-package","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}]"#,
            ),
        ],
        client(&server)
            .list_project_packages("old-group/project")
            .page(2),
    )
    .await;
    let packages = out.unwrap();
    assert_eq!(packages.len(), 1);
    assert_eq!(packages[0].id, 1);
    let targets: Vec<String> = log.iter().map(|r| r.target()).collect();
    assert_eq!(
        targets,
        [
            "GET /api/v4/projects/old-group%2Fproject/packages?page=2",
            "GET /api/v4/projects/new-group%2Fproject/packages?page=2",
        ]
    );
    for request in &log {
        assert_eq!(request.credentials(), PRIVATE_TOKEN);
    }
}

/// A redirect answering an upload is not followed (the body must not be resent elsewhere).
#[tokio::test]
async fn redirect_of_an_upload_is_an_error() {
    let server = Server::start();
    let (out, req) = capture(
        &server,
        Reply::empty(307).header("location", "http://127.0.0.1:9/elsewhere"),
        client(&server).upload_project_generic_file(24, "my_pkg", "1.0.0", "file.txt", "data"),
    )
    .await;
    assert_eq!(req.method, "PUT");
    let error = out.expect_err("redirect of a PUT");
    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
}
