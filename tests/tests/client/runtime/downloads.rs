//! Downloads saved to a file: checksum verified, nothing left behind on a mismatch.

use gitlab_packages::Error;
use tests::server::{Reply, Server};

use crate::support::{assert_private_token, bounded, client};

const HELLO: &str = "hello, generic world\n";
/// `printf 'hello, generic world\n' | sha256sum`
const HELLO_SHA256: &str = "eb710eb913ddee44f167684712e8f88eecb7c56826dc1dab4bf9be8b162c4942";

fn hello(checksum: &str) -> Reply {
    Reply::new(200, "application/octet-stream", HELLO).header("x-checksum-sha256", checksum)
}

/// Names of the entries of `dir`, sorted.
fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn download_is_saved_to_a_file() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue([hello(HELLO_SHA256)]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("hello.txt");

        let download = client
            .get_project_generic_file(1, "pkg", "1.0.0", "hello.txt")
            .send_stream()
            .await
            .expect("download");
        assert_eq!(download.expected_checksum(), Some(HELLO_SHA256));
        let written = download.save_to(&path).await.expect("saved");
        assert_eq!(written, 21);
        assert_eq!(std::fs::read_to_string(&path).expect("file"), HELLO);
        assert_eq!(entries(dir.path()), ["hello.txt"], "no temporary file left");

        let requests = server.take();
        assert_eq!(requests.len(), 1);
        assert_eq!(
            requests[0].target(),
            "GET /api/v4/projects/1/packages/generic/pkg/1.0.0/hello.txt"
        );
        assert_private_token(&requests[0]);
    })
    .await;
}

#[tokio::test]
async fn download_with_a_wrong_checksum_leaves_no_file() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        let wrong = "0000000000000000000000000000000000000000000000000000000000000000";
        server.enqueue([hello(wrong), hello(wrong)]);
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("hello.txt");

        let error = client
            .get_project_generic_file(1, "pkg", "1.0.0", "hello.txt")
            .send_stream()
            .await
            .expect("the answer starts")
            .save_to(&path)
            .await
            .expect_err("the checksum does not match");
        match &error {
            Error::Checksum {
                expected, actual, ..
            } => {
                assert_eq!(expected, wrong);
                assert_eq!(actual, HELLO_SHA256);
            }
            other => panic!("expected Error::Checksum, got {other:?}"),
        }
        assert!(!path.exists(), "no file at {}", path.display());
        assert_eq!(entries(dir.path()), Vec::<String>::new(), "no partial file");

        // A file already there is left as it was.
        std::fs::write(&path, "previous version\n").expect("write");
        let error = client
            .get_project_generic_file(1, "pkg", "1.0.0", "hello.txt")
            .send_stream()
            .await
            .expect("the answer starts")
            .save_to(&path)
            .await
            .expect_err("the checksum does not match");
        assert!(matches!(error, Error::Checksum { .. }), "{error:?}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("file"),
            "previous version\n"
        );
        assert_eq!(entries(dir.path()), ["hello.txt"], "no partial file");

        assert_eq!(server.take().len(), 2, "a checksum error is not retried");
    })
    .await;
}
