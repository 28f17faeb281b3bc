//! Composer (GitLab's Composer page, `composer-api.md`, cited `composer:<line>`).

use gitlab_packages::types::ComposerPackageSource;
use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, client};
use crate::table::{Case, replies, run_cases};

#[tokio::test]
async fn composer_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[
            // composer:67
            case!(
                reply = replies::composer_providers(),
                "GET",
                "/api/v4/group/1/-/packages/composer/p/082df4a5035f8725a12i4a3d2da5e6aaa966d06843d0a5c6d499313810427bd6",
                None,
                get_group_composer_packages_list(
                    1,
                    "082df4a5035f8725a12i4a3d2da5e6aaa966d06843d0a5c6d499313810427bd6"
                )
            ),
            // composer:93 — V1 metadata `:package_name$:sha`: the glob keeps `/`, `$` is `%24`.
            case!(
                reply = replies::composer_packages(),
                "GET",
                "/api/v4/group/1/-/packages/composer/my-org/my-composer-package%245c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7",
                None,
                get_group_composer_package_metadata(
                    1,
                    "my-org/my-composer-package$5c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7"
                )
            ),
            // composer:150 — V2 metadata, `vendor/name` keeps its `/` (FACTS, globs).
            case!(
                reply = replies::composer_packages(),
                "GET",
                "/api/v4/group/1/-/packages/composer/p2/my-org/my-composer-package",
                None,
                get_group_composer_v2_package_metadata(1, "my-org/my-composer-package")
            ),
            // The group given by full path is one encoded segment.
            case!(
                reply = replies::composer_packages(),
                "GET",
                "/api/v4/group/my-org%2Fsub/-/packages/composer/p2/my-org/my-composer-package",
                None,
                get_group_composer_v2_package_metadata("my-org/sub", "my-org/my-composer-package")
            ),
        ],
    )
    .await;

    // composer:27
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"packages":[]}"#),
        c.get_group_composer_repository(1),
    )
    .await;
    assert_eq!(out.unwrap().packages, Some(json!([])));
    assert_eq!(
        req.target(),
        "GET /api/v4/group/1/-/packages/composer/packages"
    );

    // composer:208 `curl --request POST --data tag=v1.0.0 .../projects/1/packages/composer`:
    // a form body (curl --data sends application/x-www-form-urlencoded).
    let body = ComposerPackageSource {
        tag: Some("v1.0.0".into()),
        branch: None,
    };
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"message":"201 Created"}"#).status(201),
        c.create_project_composer_package(1, body),
    )
    .await;
    assert_eq!(out.unwrap().message, "201 Created");
    assert_eq!(req.target(), "POST /api/v4/projects/1/packages/composer");
    assert_eq!(
        req.content_type(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.body_text(), "tag=v1.0.0");
    assert_eq!(req.credentials(), PRIVATE_TOKEN);

    // A branch name with `/` is form-encoded.
    let body = ComposerPackageSource {
        tag: None,
        branch: Some("feature/x+y".into()),
    };
    let (out, req) = capture(
        &server,
        replies::created(),
        c.create_project_composer_package("group/project", body),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "POST /api/v4/projects/group%2Fproject/packages/composer"
    );
    assert_eq!(req.body_text(), "branch=feature%2Fx%2By");

    // composer:230 — archive download: the package's name, the client adds the `.zip` the
    // docs show; `sha` in the query; the bytes come back unchanged.
    let (out, req) = capture(
        &server,
        Reply::new(200, "application/zip", &b"PK\x03\x04"[..]),
        c.get_project_composer_archive(
            1,
            "my-org/my-composer-package",
            "673594f85a55fe3c0eb45df7bd2fa9d95a1601ab",
        ),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"PK\x03\x04");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/composer/archives/my-org/my-composer-package.zip?sha=673594f85a55fe3c0eb45df7bd2fa9d95a1601ab"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            reply = replies::composer_packages(),
            "GET",
            "/api/v4/group/my-group/-/packages/composer/vendor/my-package%241234abcd.json",
            None,
            get_group_composer_package_metadata("my-group", "vendor/my-package$1234abcd.json")
        ),
        case!(
            reply = replies::composer_providers(),
            "GET",
            "/api/v4/group/group%2Fsub/-/packages/composer/p/f0a1b2c3d4",
            None,
            get_group_composer_packages_list("group/sub", "f0a1b2c3d4")
        ),
        case!(
            reply = replies::composer_packages(),
            "GET",
            "/api/v4/group/42/-/packages/composer/p2/vendor/my-package~dev",
            None,
            get_group_composer_v2_package_metadata(42u64, "vendor/my-package~dev")
        ),
        case!(
            "GET",
            "/api/v4/group/group%2Fsub/-/packages/composer/packages",
            None,
            get_group_composer_repository("group/sub")
        ),
        case!(
            reply = replies::created(),
            "POST",
            "/api/v4/projects/group%2Fproject/packages/composer",
            None,
            create_project_composer_package(
                "group/project",
                ComposerPackageSource {
                    tag: Some("v1.0.0".into()),
                    branch: None
                }
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/composer/archives/vendor/my-package.v2.zip",
            Some("sha=a1b2c3d4"),
            get_project_composer_archive("group/project", "vendor/my-package.v2", "a1b2c3d4")
        ),
    ]
}

/// composer:27 and composer:45: one request, the document of the Composer the caller
/// names (GitLab tells them apart by `User-Agent: Composer/2`); composer:93: v1 metadata by
/// name and hash, the `$` sent as `%24`.
#[tokio::test]
async fn the_caller_picks_composer_1_or_2_and_names_v1_metadata_by_hash() {
    use gitlab_packages::composer_ext::ComposerVersion;
    let server = tests::server::Server::start();
    let client = crate::support::client(&server);
    for (version, agent) in [
        (ComposerVersion::V1, "Composer/1."),
        (ComposerVersion::V2, "Composer/2."),
    ] {
        let (result, request) = crate::support::capture(
            &server,
            tests::server::Reply::json(r#"{"packages":[],"metadata-url":"/api/v4/group/1/-/packages/composer/p2/%package%.json"}"#),
            client.get_group_composer_repository_as(1, version),
        )
        .await;
        result.unwrap();
        assert_eq!(
            request.target(),
            "GET /api/v4/group/1/-/packages/composer/packages"
        );
        let sent = request.header("user-agent").unwrap();
        assert!(sent.starts_with(agent), "{sent}");
    }
    let (result, request) = crate::support::capture(
        &server,
        tests::server::Reply::json(r#"{"packages":{}}"#),
        client.get_group_composer_package_metadata_by_hash(
            1,
            "my-org/my-composer-package",
            "5c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7",
        ),
    )
    .await;
    result.unwrap();
    assert_eq!(
        request.target(),
        "GET /api/v4/group/1/-/packages/composer/my-org/my-composer-package%245c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7"
    );
}
