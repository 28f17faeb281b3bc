//! Blocking calls from a thread without a Tokio runtime.

use tests::server::{Reply, Server};

use crate::support::{assert_private_token, client};

/// `send_blocking()` from a plain thread without a Tokio runtime; the server runs on its
/// own thread with its own runtime (as every `Server` does).
#[test]
fn send_blocking_without_a_runtime() {
    assert!(
        tokio::runtime::Handle::try_current().is_err(),
        "this thread has no Tokio runtime"
    );
    let server = Server::start();
    server.enqueue([Reply::json(
        r#"{"id":2,"name":"pkg","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}"#,
    )]);

    let client = client(&server);
    let package = client
        .get_project_package(1, 2)
        .send_blocking()
        .expect("blocking request");
    assert_eq!(
        (
            package.id,
            package.name.as_str(),
            package.version.as_str(),
            package.package_type.to_string().as_str(),
        ),
        (2, "pkg", "1.0.0", "generic")
    );
    assert_eq!(
        package.created_at.unwrap().to_rfc3339(),
        "2024-01-02T03:04:05+00:00"
    );

    let requests = server.take();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target(), "GET /api/v4/projects/1/packages/2");
    assert_private_token(&requests[0]);
}
