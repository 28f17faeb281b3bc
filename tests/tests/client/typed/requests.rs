//! Typed request bodies and enum query parameters, as GitLab documents them.

use gitlab_packages::types::{
    ComposerPackageSource, DebianDistributionChanges, NewDebianDistribution, PackageFileOrderBy,
    PackageOrderBy, PackageStatus, SortDirection,
};
use serde_json::json;
use tests::server::Reply;

use super::*;
use crate::support::client;

/// GitLab's "Debian project distributions API", "Create a Debian project distribution"
/// (docs.gitlab.com/api/packages/debian_project_distributions): attributes `codename`
/// (required), `suite`, `origin`, `label`, `version`, `description`,
/// `valid_time_duration_seconds`, `components` and `architectures` (string arrays). The
/// body carries the given ones only; the answer is that page's example response.
#[tokio::test]
async fn create_debian_distribution_sends_the_documented_json() {
    let server = Server::start();
    server.enqueue([Reply::json(
        r#"{
  "id": 1,
  "codename": "sid",
  "suite": null,
  "origin": null,
  "label": null,
  "version": null,
  "description": null,
  "valid_time_duration_seconds": null,
  "components": [
    "main"
  ],
  "architectures": [
    "all",
    "amd64"
  ]
}"#,
    )
    .status(201)]);
    let distribution = client(&server)
        .create_project_debian_distribution(
            5,
            NewDebianDistribution {
                codename: "sid".into(),
                components: Some(vec!["main".into()]),
                ..Default::default()
            },
        )
        .await
        .expect("created");

    let request = only_request(&server);
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/api/v4/projects/5/debian_distributions");
    assert_eq!(request.content_type(), Some("application/json"));
    assert_eq!(
        request.body_json(),
        json!({"codename": "sid", "components": ["main"]})
    );

    assert_eq!(distribution.id, 1);
    assert_eq!(distribution.codename, "sid");
    assert_eq!(distribution.suite, None);
    assert_eq!(distribution.origin, None);
    assert_eq!(distribution.label, None);
    assert_eq!(distribution.version, None);
    assert_eq!(distribution.description, None);
    assert_eq!(distribution.valid_time_duration_seconds, None);
    assert_eq!(distribution.components, Some(vec!["main".to_owned()]));
    assert_eq!(
        distribution.architectures,
        Some(vec!["all".to_owned(), "amd64".to_owned()])
    );
}

/// "Update a Debian project distribution" (same page): only the changed attributes are
/// sent.
#[tokio::test]
async fn update_debian_distribution_sends_only_the_changes() {
    let server = Server::start();
    server.enqueue([Reply::json(
        r#"{"id":1,"codename":"sid","suite":"unstable"}"#,
    )]);
    let distribution = client(&server)
        .update_project_debian_distribution(
            5,
            "sid",
            DebianDistributionChanges {
                suite: Some("unstable".into()),
                valid_time_duration_seconds: Some(86400),
                ..Default::default()
            },
        )
        .await
        .expect("updated");
    assert_eq!(distribution.suite.as_deref(), Some("unstable"));

    let request = only_request(&server);
    assert_eq!(request.method, "PUT");
    assert_eq!(request.path, "/api/v4/projects/5/debian_distributions/sid");
    assert_eq!(request.content_type(), Some("application/json"));
    assert_eq!(
        request.body_json(),
        json!({"suite": "unstable", "valid_time_duration_seconds": 86400})
    );
}

/// composer:208 `curl --request POST --data tag=v1.0.0 .../projects/1/packages/composer`:
/// a form with the tag only, answered composer:211-213.
#[tokio::test]
async fn create_composer_package_sends_the_documented_form() {
    let server = Server::start();
    server.enqueue([Reply::json(r#"{"message":"201 Created"}"#).status(201)]);
    let answer = client(&server)
        .create_project_composer_package(
            1,
            ComposerPackageSource {
                tag: Some("v1.0.0".into()),
                branch: None,
            },
        )
        .await
        .expect("created");
    assert_eq!(answer.message, "201 Created");
    assert!(answer.rest.is_empty());

    let request = only_request(&server);
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/api/v4/projects/1/packages/composer");
    assert_eq!(
        request.content_type(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.body_text(), "tag=v1.0.0");
}

/// en:37-42 / zh:19-25: `order_by`, `sort`, `package_type` and `status` take the enums and
/// are sent as GitLab writes them, in the order the request declares its parameters
/// (`order_by`, `sort`, `package_type`, …, `status`), whatever the order of the calls.
#[tokio::test]
async fn enum_query_parameters_are_sent_as_gitlab_writes_them() {
    let server = Server::start();
    server.enqueue([Reply::json("[]"), Reply::json("[]")]);
    let client = client(&server);

    let packages = client
        .list_project_packages(1)
        .package_type(PackageType::Npm)
        .order_by(PackageOrderBy::Version)
        .sort(SortDirection::Desc)
        .status(PackageStatus::Hidden)
        .await
        .expect("an empty list");
    assert!(packages.is_empty());
    let request = only_request(&server);
    assert_eq!(request.path, "/api/v4/projects/1/packages");
    assert_eq!(
        request.query.as_deref(),
        Some("order_by=version&sort=desc&package_type=npm&status=hidden")
    );

    // zh:231-232: package files take their own `order_by`.
    let files = client
        .list_project_package_files(1, 4)
        .order_by(PackageFileOrderBy::CreatedAt)
        .sort(SortDirection::Asc)
        .await
        .expect("an empty list");
    assert!(files.is_empty());
    let request = only_request(&server);
    assert_eq!(request.path, "/api/v4/projects/1/packages/4/package_files");
    assert_eq!(
        request.query.as_deref(),
        Some("order_by=created_at&sort=asc")
    );
}
