//! HTTP errors: status, message and `Retry-After` carried by the error.

use gitlab_packages::{RequestOptions, RetryPolicy};
use tests::server::{Reply, Server};

use crate::support::{TOKEN, capture, client};

/// FACTS, errors: GitLab answers `{"message": ...}` or `{"error": ...}`; a non-2xx status
/// is an error carrying the status and the message.
#[tokio::test]
async fn http_errors_carry_status_and_message() {
    let server = Server::start();
    let c = client(&server);

    let (out, req) = capture(
        &server,
        Reply::json(r#"{"message":"404 Not Found"}"#).status(404),
        c.get_project_package("group/project", 42),
    )
    .await;
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/group%2Fproject/packages/42"
    );
    let error = out.expect_err("404 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let text = error.to_string();
    assert!(text.contains("404 Not Found"), "{text}");
    assert!(text.contains("get_project_package"), "{text}");
    assert!(!text.contains(TOKEN), "{text}");

    // `{"error": ...}` (validation errors), on an operation returning bytes.
    let (out, _) = capture(
        &server,
        Reply::json(r#"{"error":"file_name is invalid"}"#).status(400),
        c.get_project_generic_file(1, "pkg", "1.0", "f.txt"),
    )
    .await;
    let error = out.expect_err("400 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert!(
        error.to_string().contains("file_name is invalid"),
        "{error}"
    );

    // 429 with Retry-After (FACTS, rate limiting), plain-text body. Retries are off for
    // this request: with them, the 60 s wait exceeds the budget and the error is the same.
    let (out, _) = capture(
        &server,
        Reply::new(429, "text/plain", "Retry later\n").header("retry-after", "60"),
        c.list_project_packages(1)
            .options(RequestOptions::new().retry(RetryPolicy::none())),
    )
    .await;
    let error = out.expect_err("429 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.retry_after(), Some("60"));
    assert!(error.to_string().contains("Retry later"), "{error}");
}
