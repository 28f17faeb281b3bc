//! Retries: which methods and statuses are retried, `Retry-After`, bodies sent again.

use std::time::{Duration, Instant};

use gitlab_packages::types::ComposerPackageSource;
use gitlab_packages::{Body, Error};
use tests::server::{Recorded, Reply, Server};

use crate::support::{assert_private_token, bounded, client};

fn unavailable() -> Reply {
    Reply::json(r#"{"message":"503 Service Unavailable"}"#).status(503)
}

#[tokio::test]
async fn get_is_retried_after_503() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue([
            unavailable(),
            Reply::json(
                r#"{"id":2,"name":"pkg","version":"1.0.0","package_type":"generic","created_at":"2024-01-02T03:04:05Z"}"#,
            ),
        ]);

        let package = client.get_project_package(1, 2).await.expect("retried");
        assert_eq!((package.id, package.name.as_str()), (2, "pkg"));

        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(
            targets,
            [
                "GET /api/v4/projects/1/packages/2",
                "GET /api/v4/projects/1/packages/2"
            ]
        );
        requests.iter().for_each(assert_private_token);
    })
    .await;
}

#[tokio::test]
async fn post_is_not_retried_after_503() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        // A retry would succeed: the 201 must stay unused.
        server.enqueue([
            unavailable(),
            Reply::json(r#"{"message":"201 Created"}"#).status(201),
        ]);

        let form = ComposerPackageSource {
            tag: Some("v1.0.0".into()),
            branch: None,
        };
        let error = client
            .create_project_composer_package(1, form)
            .await
            .expect_err("503 on a POST");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
        match &error {
            Error::Http { message, .. } => {
                assert_eq!(message.as_deref(), Some("503 Service Unavailable"));
            }
            other => panic!("expected Error::Http, got {other:?}"),
        }

        let requests = server.take();
        assert_eq!(requests.len(), 1, "a POST answered 503 is sent once");
        assert_eq!(
            requests[0].target(),
            "POST /api/v4/projects/1/packages/composer"
        );
        assert_eq!(
            requests[0].header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(requests[0].body, b"tag=v1.0.0");
    })
    .await;
}

#[tokio::test]
async fn post_is_retried_after_429_with_retry_after() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue([
            Reply::json(r#"{"message":"429 Too Many Requests"}"#)
                .status(429)
                .header("retry-after", "1")
                .header("ratelimit-limit", "600")
                .header("ratelimit-remaining", "0"),
            Reply::json(r#"{"message":"201 Created"}"#).status(201),
        ]);

        let started = Instant::now();
        let form = ComposerPackageSource {
            tag: Some("v1.0.0".into()),
            branch: None,
        };
        let answer = client
            .create_project_composer_package(1, form)
            .await
            .expect("retried after the wait");
        let elapsed = started.elapsed();
        assert_eq!(answer.message, "201 Created");
        // `Retry-After: 1` is waited for, instead of the 10 ms backoff.
        assert!(
            elapsed >= Duration::from_millis(950),
            "retried after {elapsed:?}"
        );

        let requests = server.take();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert_eq!(
                request.target(),
                "POST /api/v4/projects/1/packages/composer"
            );
            assert_eq!(request.body, b"tag=v1.0.0");
            assert_private_token(request);
        }
    })
    .await;
}

#[tokio::test]
async fn file_upload_is_sent_whole_again_after_503() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue([
            unavailable(),
            Reply::json(r#"{"message":"201 Created"}"#).status(201),
        ]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("data.bin");
        // 200 000 bytes: several of the runtime's 64 KiB chunks.
        let content: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &content).expect("write the upload");

        let answer = client
            .upload_project_generic_file(1, "pkg", "1.0.0", "data.bin", Body::from_file(&path))
            .await
            .expect("retried upload");
        assert_eq!(answer.message, "201 Created");

        let requests = server.take();
        assert_eq!(requests.len(), 2, "503, then 201");
        for request in &requests {
            assert_eq!(
                request.target(),
                "PUT /api/v4/projects/1/packages/generic/pkg/1.0.0/data.bin"
            );
            assert_eq!(request.header("content-length"), Some("200000"));
            assert_eq!(
                request.header("content-type"),
                Some("application/octet-stream")
            );
            assert_eq!(request.body.len(), 200_000);
            assert!(request.body == content, "the body is the file, whole");
            assert_private_token(request);
        }
    })
    .await;
}
