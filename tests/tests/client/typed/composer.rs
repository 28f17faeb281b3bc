//! Composer: the repository's `packages.json` ([`ComposerRepository`]), the v1 provider
//! list ([`ComposerProviders`]), a package's versions ([`ComposerPackageMetadata`], v1 and
//! v2 alike) and the creation's [`Message`]: `composer-api.md`'s examples (cited
//! `composer:N`) and Composer's own (`doc/05-repositories.md`).

use gitlab_packages::types::{
    ComposerPackageMetadata, ComposerPackageSource, ComposerPackageVersion, ComposerProviders,
    ComposerRepository, Message,
};
use serde_json::json;

use super::*;
use crate::support::client;

/// composer:31-40, "Base repository request": both Composer 1's and Composer 2's ways to
/// the metadata, and GitLab's empty `packages` list.
#[tokio::test]
async fn gitlabs_repository_document_decodes() {
    let server = Server::start();
    let document = fixture!("composer/gitlab-packages.json");
    let (repository, request): (ComposerRepository, _) = served(
        &server,
        document,
        client(&server).get_group_composer_repository(1),
    )
    .await;
    assert_eq!(repository.packages, Some(json!([])));
    assert_eq!(
        repository.metadata_url.as_deref(),
        Some("/api/v4/group/1/-/packages/composer/p2/%package%.json")
    );
    assert_eq!(
        repository.providers_url.as_deref(),
        Some("/api/v4/group/1/-/packages/composer/%package%$%hash%.json")
    );
    let includes = repository
        .provider_includes
        .as_ref()
        .expect("provider-includes");
    assert_eq!(
        includes["p/%hash%.json"].sha256,
        "082df4a5035f8725a12i4a3d2da5e6aaa966d06843d0a5c6d499313810427bd6"
    );
    assert!(repository.rest.is_empty());
    assert_eq!(request.path, "/api/v4/group/1/-/packages/composer/packages");
    assert_nothing_lost(serde_json::to_value(&repository).unwrap(), document);
}

/// composer:51-54, what a Composer 2 client gets: `packages` and `metadata-url` only.
#[tokio::test]
async fn gitlabs_repository_document_for_composer_2_decodes() {
    let server = Server::start();
    let document = fixture!("composer/gitlab-packages-v2.json");
    let (repository, _): (ComposerRepository, _) = served(
        &server,
        document,
        client(&server).get_group_composer_repository("my-org"),
    )
    .await;
    assert_eq!(
        repository.metadata_url.as_deref(),
        Some("/api/v4/group/1/-/packages/composer/p2/%package%.json")
    );
    assert_eq!(repository.provider_includes, None);
    assert_eq!(repository.providers_url, None);
    assert_nothing_lost(serde_json::to_value(&repository).unwrap(), document);
}

/// Composer's `provider-includes` example; its `notify-batch` (a field this type does not
/// name) is kept and sent back.
#[tokio::test]
async fn composers_provider_includes_decode_and_unknown_fields_are_kept() {
    let server = Server::start();
    let document = fixture!("composer/spec-provider-includes.json");
    let (repository, _): (ComposerRepository, _) = served(
        &server,
        document,
        client(&server).get_group_composer_repository(1),
    )
    .await;
    let includes = repository
        .provider_includes
        .as_ref()
        .expect("provider-includes");
    assert_eq!(
        includes.keys().collect::<Vec<_>>(),
        ["providers-a.json", "providers-b.json"]
    );
    assert_eq!(
        includes["providers-b.json"].sha256,
        "b38372163fac0573053536f5b8ef11b86f804ea8b016d239e706191203f6efac"
    );
    assert_eq!(
        repository.providers_url.as_deref(),
        Some("/p/%package%$%hash%.json")
    );
    assert_eq!(repository.packages, None);
    assert_nothing_lost(serde_json::to_value(&repository).unwrap(), document);

    // Composer's `notify-batch` example, merged into a repository document.
    let mut with_notify: serde_json::Value = serde_json::from_str(document).unwrap();
    with_notify["notify-batch"] = json!("/downloads/");
    let repository: ComposerRepository = serde_json::from_value(with_notify.clone()).unwrap();
    assert_eq!(repository.rest["notify-batch"], json!("/downloads/"));
    assert_eq!(serde_json::to_value(&repository).unwrap(), with_notify);
}

/// composer:71-77 (GitLab's provider list, `p/:sha`) and Composer's own example.
#[tokio::test]
async fn provider_lists_decode() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("composer/gitlab-provider.json");
    let sha = "082df4a5035f8725a12i4a3d2da5e6aaa966d06843d0a5c6d499313810427bd6";
    let (providers, request): (ComposerProviders, _) = served(
        &server,
        document,
        c.get_group_composer_packages_list(1, sha),
    )
    .await;
    assert_eq!(
        providers.providers["my-org/my-composer-package"].sha256,
        "5c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7"
    );
    assert_eq!(
        request.path,
        format!("/api/v4/group/1/-/packages/composer/p/{sha}")
    );
    assert_nothing_lost(serde_json::to_value(&providers).unwrap(), document);

    let document = fixture!("composer/spec-providers.json");
    let (providers, _): (ComposerProviders, _) = served(
        &server,
        document,
        c.get_group_composer_packages_list(1, sha),
    )
    .await;
    assert_eq!(
        providers.providers.keys().collect::<Vec<_>>(),
        ["acme/bar", "acme/foo"]
    );
    assert_eq!(
        providers.providers["acme/foo"].sha256,
        "38968de1305c2e17f4de33aea164515bc787c42c7e2d6e25948539a14268bb82"
    );
    assert_nothing_lost(serde_json::to_value(&providers).unwrap(), document);
}

/// The two versions of composer:97-138 (and 154-195): each its `composer.json` with the archive (`dist`,
/// GitLab's empty `shasum`), the source and GitLab's `uid`.
#[track_caller]
fn check_gitlab_versions(metadata: &ComposerPackageMetadata) {
    assert_eq!(
        metadata.packages.keys().collect::<Vec<_>>(),
        ["my-org/my-composer-package"]
    );
    let versions = &metadata.packages["my-org/my-composer-package"];
    assert_eq!(versions.keys().collect::<Vec<_>>(), ["1.0.0", "2.0.0"]);
    let first = &versions["1.0.0"];
    assert_eq!(first.name, "my-org/my-composer-package");
    assert_eq!(first.version, "1.0.0");
    assert_eq!(first.type_.as_deref(), Some("library"));
    assert_eq!(first.license, Some(json!("GPL-3.0-only")));
    assert_eq!(first.uid, Some(1234567));
    let dist = first.dist.as_ref().expect("dist");
    assert_eq!(dist.type_, "zip");
    assert_eq!(
        dist.url,
        "https://gitlab.example.com/api/v4/projects/1/packages/composer/archives/my-org/my-composer-package.zip?sha=673594f85a55fe3c0eb45df7bd2fa9d95a1601ab"
    );
    assert_eq!(
        dist.reference.as_deref(),
        Some("673594f85a55fe3c0eb45df7bd2fa9d95a1601ab")
    );
    assert_eq!(dist.shasum.as_deref(), Some(""));
    let source = first.source.as_ref().expect("source");
    assert_eq!(source.type_, "git");
    assert_eq!(
        source.url,
        "https://gitlab.example.com/my-org/my-composer-package.git"
    );
    let second = &versions["2.0.0"];
    assert_eq!(
        second.dist.as_ref().and_then(|d| d.reference.as_deref()),
        Some("445394f85a55fe3c0eb45df7bd2fa9d95a1601ab")
    );
}

/// composer:83 `GET group/:id/-/packages/composer/:package_name$:sha` (v1) and composer:143
/// `…/p2/:package_name` (v2), answered with their examples (composer:97-138, 154-195): one type for both.
#[tokio::test]
async fn gitlabs_v1_and_v2_package_metadata_decode() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("composer/gitlab-package-v1.json");
    let (metadata, request): (ComposerPackageMetadata, _) = served(
        &server,
        document,
        c.get_group_composer_package_metadata(
            1,
            "my-org/my-composer-package$5c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7",
        ),
    )
    .await;
    check_gitlab_versions(&metadata);
    assert_eq!(
        request.path,
        "/api/v4/group/1/-/packages/composer/my-org/my-composer-package%245c873497cdaa82eda35af5de24b789be92dfb6510baf117c42f03899c166b6e7"
    );
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);

    let document = fixture!("composer/gitlab-package-v2.json");
    let (metadata, request): (ComposerPackageMetadata, _) = served(
        &server,
        document,
        c.get_group_composer_v2_package_metadata(1, "my-org/my-composer-package"),
    )
    .await;
    check_gitlab_versions(&metadata);
    assert_eq!(
        request.path,
        "/api/v4/group/1/-/packages/composer/p2/my-org/my-composer-package"
    );
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);
}

/// Composer's minimal package definition (name, version, a `dist` without reference),
/// served as the one version of a package; the fields of `composer.json` this type does
/// not name (`autoload`, `authors` …) are kept.
#[tokio::test]
async fn composers_minimal_package_and_other_composer_json_fields_decode() {
    let version: serde_json::Value =
        serde_json::from_str(fixture!("composer/spec-minimal-package.json")).unwrap();
    let document = json!({"packages": {"smarty/smarty": {"3.1.7": version}}}).to_string();
    let server = Server::start();
    let (metadata, _): (ComposerPackageMetadata, _) = served(
        &server,
        &document,
        client(&server).get_group_composer_v2_package_metadata(1, "smarty/smarty"),
    )
    .await;
    let smarty = &metadata.packages["smarty/smarty"]["3.1.7"];
    assert_eq!(smarty.name, "smarty/smarty");
    assert_eq!(smarty.version, "3.1.7");
    let dist = smarty.dist.as_ref().expect("dist");
    assert_eq!(dist.url, "https://www.smarty.net/files/Smarty-3.1.7.zip");
    assert_eq!(dist.type_, "zip");
    assert_eq!(dist.reference, None);
    assert_eq!(smarty.source, None);
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), &document);

    let richer = json!({
        "name": "acme/lib",
        "version": "1.2.0",
        "license": ["MIT", "GPL-2.0-only"],
        "require": {"php": ">=8.1"},
        "require-dev": {"phpunit/phpunit": "^10"},
        "autoload": {"psr-4": {"Acme\\": "src/"}},
        "authors": [{"name": "Ada"}]
    });
    let version: ComposerPackageVersion = serde_json::from_value(richer.clone()).unwrap();
    assert_eq!(version.license, Some(json!(["MIT", "GPL-2.0-only"])));
    assert_eq!(version.require.as_ref().unwrap()["php"], ">=8.1");
    assert_eq!(
        version.require_dev.as_ref().unwrap()["phpunit/phpunit"],
        "^10"
    );
    assert_eq!(
        version.rest.keys().collect::<Vec<_>>(),
        ["authors", "autoload"]
    );
    assert_eq!(serde_json::to_value(&version).unwrap(), richer);
}

/// composer:213-215, the creation's answer.
#[tokio::test]
async fn the_creations_message_decodes() {
    let server = Server::start();
    let document = fixture!("composer/created.json");
    let body = ComposerPackageSource {
        tag: Some("v1.0.0".into()),
        branch: None,
    };
    let (message, request): (Message, _) = served(
        &server,
        document,
        client(&server).create_project_composer_package(1, body),
    )
    .await;
    assert_eq!(message.message, "201 Created");
    assert_eq!(request.path, "/api/v4/projects/1/packages/composer");
    assert_nothing_lost(serde_json::to_value(&message).unwrap(), document);
}
