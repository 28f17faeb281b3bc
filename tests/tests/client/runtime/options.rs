//! Per-request options: credentials, extra headers, timeout.

use std::time::{Duration, Instant};

use gitlab_packages::{Auth, RequestOptions};
use serde_json::{Value, json};
use tests::server::{Recorded, Reply, Server};

use crate::support::{assert_private_token, bounded, client};

#[tokio::test]
async fn options_auth_replaces_the_clients_credential() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue([Reply::json("[]"), Reply::json("[]"), Reply::json("[]")]);

        let job = RequestOptions::new().auth(Auth::job_token("ci-job-token-42"));
        let answer = client.list_project_packages(1).options(job).await;
        assert!(answer.expect("job token").is_empty());
        let anonymous = RequestOptions::new().auth(Auth::None);
        let answer = client.list_project_packages(1).options(anonymous).await;
        assert!(answer.expect("no credential").is_empty());
        // The client itself is unchanged.
        let answer = client.list_project_packages(1).await;
        assert!(answer.expect("private token").is_empty());

        let requests = server.take();
        assert_eq!(requests.len(), 3);
        for request in &requests {
            assert_eq!(request.target(), "GET /api/v4/projects/1/packages");
        }
        assert_eq!(
            requests[0].credentials(),
            [("job-token", "ci-job-token-42")]
        );
        assert!(
            requests[1].credentials().is_empty(),
            "{:?}",
            requests[1].headers
        );
        assert_private_token(&requests[2]);
    })
    .await;
}

#[tokio::test]
async fn options_header_is_sent_with_a_generated_operation() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        // A deprecation answers `null` (the endpoint's value is `nil`).
        server.enqueue([Reply::json("null")]);

        let document = json!({
            "name": "@scope/name",
            "versions": { "1.0.0": { "deprecated": "use 2.0.0" } }
        });
        let answer = client
            .publish_project_npm_package(1, "@scope/name", document)
            .options(RequestOptions::new().header("Npm-Command", "deprecate"))
            .await;
        assert_eq!(answer.expect("deprecation"), None);

        let requests = server.take();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(
            request.target(),
            "PUT /api/v4/projects/1/packages/npm/%40scope%2Fname"
        );
        assert_eq!(request.header("npm-command"), Some("deprecate"));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(
            serde_json::from_slice::<Value>(&request.body).expect("JSON body"),
            json!({
                "name": "@scope/name",
                "versions": { "1.0.0": { "deprecated": "use 2.0.0" } }
            })
        );
        assert_private_token(request);
    })
    .await;
}

#[tokio::test]
async fn options_timeout_bounds_a_slow_answer() {
    bounded(async {
        let server = Server::start();
        let client = client(&server);
        server.enqueue([Reply::json(r#"{"id":2}"#).delay(Duration::from_secs(5))]);

        let started = Instant::now();
        let error = client
            .get_project_package(1, 2)
            .options(RequestOptions::new().timeout(Duration::from_millis(300)))
            .await
            .expect_err("the answer comes after the timeout");
        let elapsed = started.elapsed();
        assert!(error.is_timeout(), "{error:?}");
        assert!(
            elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(3),
            "failed after {elapsed:?}"
        );
        // A timeout (other than connecting) is not retried.
        let requests = server.take();
        let targets: Vec<String> = requests.iter().map(Recorded::target).collect();
        assert_eq!(targets, ["GET /api/v4/projects/1/packages/2"]);
    })
    .await;
}
