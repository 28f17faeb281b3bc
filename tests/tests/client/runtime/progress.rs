//! Progress of transfers: uploads from files and downloads saved to files report bytes
//! done and the total, and keep their guarantees (retry from the start, checksum, rename).

use std::sync::{Arc, Mutex};

use gitlab_packages::Body;
use tests::server::{Reply, Server};

use crate::support::client;

/// The `(done, total)` pairs a transfer reported.
type Reports = Arc<Mutex<Vec<(u64, Option<u64>)>>>;

/// Every `(done, total)` a transfer reported, and the callback that records them.
fn recorder() -> (Reports, impl Fn(u64, Option<u64>) + Send + Sync + 'static) {
    let seen: Reports = Arc::default();
    let sink = Arc::clone(&seen);
    (seen, move |done, total| {
        sink.lock().unwrap().push((done, total))
    })
}

#[tokio::test]
async fn a_retried_file_upload_reports_its_progress_from_the_start_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tool");
    let content = vec![7u8; 200 * 1024];
    std::fs::write(&file, &content).unwrap();
    let server = Server::start();
    server.enqueue([
        Reply::text("text/plain", "busy").status(503),
        Reply::json(r#"{"message":"201 Created"}"#).status(201),
    ]);
    let (seen, report) = recorder();
    client(&server)
        .upload_project_generic_file(
            1,
            "pkg",
            "1.0.0",
            "tool",
            Body::from_file(&file).on_progress(report),
        )
        .await
        .unwrap();
    let requests = server.take();
    assert_eq!(requests.len(), 2, "retried once");
    assert_eq!(requests[1].body, content, "the whole file, again");
    let seen = seen.lock().unwrap();
    let total = Some(content.len() as u64);
    assert!(seen.iter().all(|(_, t)| *t == total), "{seen:?}");
    // Twice up to the whole file: the retry starts over.
    let completions = seen
        .iter()
        .filter(|(done, _)| *done == content.len() as u64)
        .count();
    assert_eq!(completions, 2, "{seen:?}");
    assert!(
        seen.windows(2).any(|w| w[1].0 < w[0].0),
        "restarted: {seen:?}"
    );
}

#[tokio::test]
async fn a_saved_download_reports_its_progress_and_is_still_verified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tool");
    let content = vec![1u8; 300 * 1024];
    let sha = "8c3cd6ed96d4f73d4bb80c1a4ba0bc8a1a6f1ec77ac1e9ea6d4d3dd3d0c0a5b2";
    let server = Server::start();
    // A wrong checksum: progress is reported, and the file is not kept.
    server.enqueue([Reply::bytes(content.clone()).header("x-checksum-sha256", sha)]);
    let (seen, report) = recorder();
    let stream = client(&server)
        .get_project_generic_file(1, "pkg", "1.0.0", "tool")
        .send_stream()
        .await
        .unwrap();
    let err = stream.on_progress(report).save_to(&path).await.unwrap_err();
    assert!(
        matches!(err, gitlab_packages::Error::Checksum { .. }),
        "{err}"
    );
    assert!(!path.exists());
    let last = *seen.lock().unwrap().last().unwrap();
    assert_eq!(last, (content.len() as u64, Some(content.len() as u64)));
    // Without a checksum: saved whole, the last report is the whole length.
    server.enqueue([Reply::bytes(content.clone())]);
    let (seen, report) = recorder();
    let stream = client(&server)
        .get_project_generic_file(1, "pkg", "1.0.0", "tool")
        .send_stream()
        .await
        .unwrap();
    let written = stream.on_progress(report).save_to(&path).await.unwrap();
    assert_eq!(written, content.len() as u64);
    assert_eq!(std::fs::read(&path).unwrap(), content);
    let seen = seen.lock().unwrap();
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "growing: {seen:?}"
    );
    assert_eq!(seen.last().unwrap().0, content.len() as u64);
}
