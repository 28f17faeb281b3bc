//! npm: a package's metadata ([`NpmPackageMetadata`]: versions → [`NpmPackageVersion`] with
//! [`NpmDist`], dist-tags), open-ended at every level; the dist-tags; the publish answer.
//! The npm registry's own examples (`tiny-tarball`, abbreviated and full), GitLab's npm
//! API page and its spec fixture.

use gitlab_packages::types::{NpmPackageMetadata, NpmPackageTag, NpmPackageVersion, Package};
use serde_json::json;

use super::*;
use crate::support::client;

/// `tiny-tarball`, abbreviated: what an install needs, and `modified`.
#[tokio::test]
async fn the_registrys_abbreviated_metadata_decodes() {
    let server = Server::start();
    let document = fixture!("npm/registry-abbreviated.json");
    let (metadata, request): (NpmPackageMetadata, _) = served(
        &server,
        document,
        client(&server).get_npm_package_metadata("tiny-tarball"),
    )
    .await;
    assert_eq!(metadata.name, "tiny-tarball");
    assert_eq!(
        metadata.modified.as_deref(),
        Some("2015-05-16T22:27:54.741Z")
    );
    assert_eq!(metadata.dist_tags.as_ref().unwrap()["latest"], "1.0.0");
    let version = &metadata.versions["1.0.0"];
    assert_eq!(version.name, "tiny-tarball");
    assert_eq!(version.version, "1.0.0");
    assert_eq!(version.has_shrinkwrap, Some(false));
    assert_eq!(version.directories, Some(json!({})));
    assert_eq!(
        version.dist.shasum,
        "bbf102d5ae73afe2c553295e0fb02230216f65b1"
    );
    assert_eq!(
        version.dist.tarball,
        "https://registry.npmjs.org/tiny-tarball/-/tiny-tarball-1.0.0.tgz"
    );
    assert_eq!(version.dist.integrity, None);
    assert_eq!(request.path, "/api/v4/packages/npm/tiny-tarball");
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);
}

/// `tiny-tarball`, full: the fields GitLab does not serve (`_id`, `time`, `readme`,
/// `maintainers`; a version's `_npmUser`, `scripts` …) are kept in `rest` and sent back.
#[tokio::test]
async fn the_registrys_full_metadata_keeps_every_field() {
    let server = Server::start();
    let document = fixture!("npm/registry-full.json");
    let (metadata, _): (NpmPackageMetadata, _) = served(
        &server,
        document,
        client(&server).get_group_npm_package_metadata("my-group", "tiny-tarball"),
    )
    .await;
    assert_eq!(metadata.name, "tiny-tarball");
    assert_eq!(
        metadata.rest.keys().collect::<Vec<_>>(),
        [
            "_attachments",
            "_id",
            "_rev",
            "author",
            "description",
            "license",
            "maintainers",
            "readme",
            "readmeFilename",
            "time"
        ]
    );
    assert_eq!(metadata.rest["time"]["created"], "2015-03-24T00:12:24.039Z");
    let version = &metadata.versions["1.0.0"];
    assert_eq!(
        version.description.as_deref(),
        Some("tiny tarball used for health checks")
    );
    assert_eq!(version.rest["_npmVersion"], "2.7.0");
    assert_eq!(version.rest["main"], "index.js");
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);
}

/// GitLab's: its spec fixture (with `dependencies`) and its API page's example.
#[tokio::test]
async fn gitlabs_metadata_decodes() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("npm/gitlab-spec-metadata.json");
    let (metadata, request): (NpmPackageMetadata, _) = served(
        &server,
        document,
        c.get_project_npm_package_metadata(1, "@root/npm-test"),
    )
    .await;
    assert_eq!(metadata.name, "@root/npm-test");
    let version = &metadata.versions["1.0.1"];
    assert_eq!(version.dependencies.as_ref().unwrap()["express"], "^4.16.4");
    assert_eq!(version.dev_dependencies, None);
    assert_eq!(version.dist.tarball, "http://localhost/npm/package.tgz");
    assert_eq!(version.rest["main"], "app.js");
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/npm/%40root/npm-test"
    );
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);

    let document = fixture!("npm/gitlab-docs-metadata.json");
    let (metadata, _): (NpmPackageMetadata, _) = served(
        &server,
        document,
        c.get_project_npm_package_metadata(1, "@myscope/my-pkg"),
    )
    .await;
    // As printed: the version keyed `0.0.2` says `0.0.1`.
    let version = &metadata.versions["0.0.2"];
    assert_eq!(version.version, "0.0.1");
    assert_eq!(
        version.dist.shasum,
        "93abb605b1110c0e3cca0a5b805e5cb01ac4ca9b"
    );
    assert_eq!(metadata.dist_tags.as_ref().unwrap()["latest"], "0.0.1");
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);
}

/// The document npm publishes (GitLab's npm page): a full packument with `_attachments`
/// and a version's `dist.integrity`.
#[test]
fn a_published_packument_decodes() {
    let document = fixture!("npm/gitlab-docs-publish.json");
    let metadata: NpmPackageMetadata = serde_json::from_str(document).unwrap();
    let version: &NpmPackageVersion = &metadata.versions["1.3.7"];
    assert_eq!(
        version.dist.integrity.as_deref(),
        Some(
            "sha512-loy16p+Dtw2S43lBmD3Nye+t+Vwv7Tbhv143UN2mwcjaHJyBfGZdNCTXnma3gJCUSE/AR4FPGWEyCOOTJ+ev9g=="
        )
    );
    assert_eq!(
        metadata.rest["_attachments"]["@myscope/my-pkg-1.3.7.tgz"]["length"],
        354
    );
    assert_eq!(
        version.rest["publishConfig"]["@myscope:registry"],
        "https://gitlab.example.com/api/v4/projects/1/packages/npm"
    );
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);
}

/// Fields of `package.json` that take several shapes (`bin` a path or a map,
/// `bundleDependencies` a list or `true`, `engines`) come through as written.
#[test]
fn version_fields_of_several_shapes_are_kept_as_written() {
    let version = json!({
        "name": "cli",
        "version": "2.0.0",
        "dist": {"shasum": "0000000000000000000000000000000000000000", "tarball": "https://r.example/cli-2.0.0.tgz", "fileCount": 3, "unpackedSize": 1024, "signatures": [{"keyid": "k", "sig": "s"}]},
        "bin": {"cli": "bin/cli.js"},
        "bundleDependencies": true,
        "engines": {"node": ">=18"},
        "deprecated": "use cli@3",
        "peerDependencies": {"react": "^18"},
        "optionalDependencies": {"fsevents": "^2"}
    });
    let decoded: NpmPackageVersion = serde_json::from_value(version.clone()).unwrap();
    assert_eq!(decoded.bin, Some(json!({"cli": "bin/cli.js"})));
    assert_eq!(decoded.bundle_dependencies, Some(json!(true)));
    assert_eq!(decoded.deprecated.as_deref(), Some("use cli@3"));
    assert_eq!(decoded.peer_dependencies.as_ref().unwrap()["react"], "^18");
    assert_eq!(
        decoded.optional_dependencies.as_ref().unwrap()["fsevents"],
        "^2"
    );
    assert_eq!(decoded.dist.file_count, Some(3));
    assert_eq!(decoded.dist.unpacked_size, Some(1024));
    assert_eq!(decoded.dist.rest.keys().collect::<Vec<_>>(), ["signatures"]);
    assert_eq!(serde_json::to_value(&decoded).unwrap(), version);
}

/// GitLab's npm page, "List tags".
#[tokio::test]
async fn gitlabs_dist_tags_decode() {
    let server = Server::start();
    let document = fixture!("npm/gitlab-docs-dist-tags.json");
    let (tags, request): (NpmPackageTag, _) = served(
        &server,
        document,
        client(&server).list_project_npm_dist_tags(1, "@myscope/my-pkg"),
    )
    .await;
    assert_eq!(tags["latest"], "2.1.1");
    assert_eq!(tags["stable"], "1.0.0");
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/npm/-/package/%40myscope/my-pkg/dist-tags"
    );
    assert_nothing_lost(serde_json::to_value(&tags).unwrap(), document);
}

/// Publishing answers the created package's database record (the fields named like the
/// package entity's decode into [`Package`]); a deprecation answers `null`, `None`.
#[tokio::test]
async fn publishing_answers_the_package_and_a_deprecation_nothing() {
    let server = Server::start();
    let c = client(&server);
    let published: serde_json::Value =
        serde_json::from_str(fixture!("npm/gitlab-docs-publish.json")).unwrap();
    // The record's columns, as the Conan v1 deletion's example shows them for a package.
    let record = r#"{"id": 7, "project_id": 1, "created_at": "2020-08-19T13:17:28.655Z",
        "updated_at": "2020-08-19T13:17:28.655Z", "name": "@myscope/my-pkg",
        "version": "1.3.7", "package_type": "npm", "creator_id": 3, "status": "default"}"#;
    let (package, request): (Option<Package>, _) = served(
        &server,
        record,
        c.publish_project_npm_package(1, "@myscope/my-pkg", published.clone()),
    )
    .await;
    let package = package.expect("the created package");
    assert_eq!(package.id, 7);
    assert_eq!(package.name, "@myscope/my-pkg");
    assert_eq!(package.package_type, PackageType::Npm);
    assert_eq!(package.creator_id, Some(3));
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/npm/%40myscope%2Fmy-pkg"
    );
    assert_eq!(request.body_json(), published);

    let (package, _): (Option<Package>, _) = served(
        &server,
        "null",
        c.publish_project_npm_package(1, "@myscope/my-pkg", published),
    )
    .await;
    assert_eq!(package, None);
}
