//! npm: scoped names in globs (`@` encoded, `/` kept) and in one-segment variables (`/`
//! encoded too), publishing, dist-tags, audits.

use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, client};
use crate::table::{Case, replies, run_cases};

#[tokio::test]
async fn npm_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[
            // Globs accept `@scope/name` (FACTS): `@` is encoded, `/` kept.
            case!(
                reply = replies::npm_metadata(),
                "GET",
                "/api/v4/packages/npm/%40scope/name",
                None,
                get_npm_package_metadata("@scope/name")
            ),
            case!(
                reply = replies::npm_metadata(),
                "GET",
                "/api/v4/packages/npm/lodash",
                None,
                get_npm_package_metadata("lodash")
            ),
            case!(
                reply = replies::npm_metadata(),
                "GET",
                "/api/v4/groups/my-group%2Fsub/-/packages/npm/%40scope/name",
                None,
                get_group_npm_package_metadata("my-group/sub", "@scope/name")
            ),
            // dist-tags; what the answer decodes into is checked by
            // `npm_dist_tags_answer_keeps_the_tags` below.
            case!(
                reply = Reply::json(r#"{"latest":"1.0.0"}"#),
                "GET",
                "/api/v4/projects/1/packages/npm/-/package/%40scope/name/dist-tags",
                None,
                list_project_npm_dist_tags(1, "@scope/name")
            ),
            case!(
                reply = Reply::empty(204),
                "DELETE",
                "/api/v4/groups/my-group/-/packages/npm/-/package/%40scope/name/dist-tags/beta",
                None,
                delete_group_npm_dist_tag("my-group", "@scope/name", "beta")
            ),
            case!(
                "GET",
                "/api/v4/packages/npm/-/package/unscoped/dist-tags",
                None,
                list_npm_dist_tags("unscoped")
            ),
        ],
    )
    .await;

    let (out, req) = capture(
        &server,
        Reply::json(r#"{"name":"@scope/name","versions":{}}"#),
        c.get_project_npm_package_metadata(1, "@scope/name"),
    )
    .await;
    assert_eq!(out.unwrap().name, "@scope/name");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/npm/%40scope/name"
    );

    // Tarball `*package_name/-/*file_name`.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"\x1f\x8b"),
        c.get_project_npm_package_tarball(1, "@scope/name", "@scope/name-1.0.0.tgz"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"\x1f\x8b");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/npm/%40scope/name/-/%40scope/name-1.0.0.tgz"
    );

    // Publish: `PUT .../packages/npm/:package_name` is ONE segment, so the scoped name's
    // `/` must be encoded (FACTS: "a scoped name must be sent `@scope%2fname` there").
    let document = json!({
        "name": "@scope/name",
        "versions": {"1.0.0": {"name": "@scope/name", "version": "1.0.0"}},
        "dist-tags": {"latest": "1.0.0"},
    });
    let (out, req) = capture(
        &server,
        replies::package(),
        c.publish_project_npm_package("group/project", "@scope/name", document.clone()),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/group%2Fproject/packages/npm/%40scope%2Fname"
    );
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(req.body_json(), document);
    assert_eq!(req.credentials(), PRIVATE_TOKEN);

    // FACTS: the dist-tag PUT body is the version string, as JSON.
    let (out, req) = capture(
        &server,
        Reply::empty(204),
        c.set_project_npm_dist_tag(1, "@scope/name", "beta", "1.0.1"),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/1/packages/npm/-/package/%40scope/name/dist-tags/beta"
    );
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(req.body_text(), r#""1.0.1""#);

    let (out, req) = capture(
        &server,
        Reply::json("{}"),
        c.audit_npm_quick(json!({"name": "app", "requires": {}})),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "POST /api/v4/packages/npm/-/npm/v1/security/audits/quick"
    );
    assert_eq!(req.body_json(), json!({"name": "app", "requires": {}}));
}

/// GitLab answers the dist-tags of a package as a flat map, tag → version
/// (`{"latest":"1.0.0"}`: `API::Entities::NpmPackageTag` is `expose :dist_tags, merge: true`,
/// lib/api/entities/npm_package_tag.rb), and so does the npm registry protocol. The
/// generated `NpmPackageTag` expects them under a `dist_tags` key (the companion spec misses
/// `merge: true`), so the tags are dropped: the decoded value must serialize back to what the
/// server sent.
#[tokio::test]
async fn npm_dist_tags_answer_keeps_the_tags() {
    let server = Server::start();
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"latest":"1.0.0","beta":"1.0.1"}"#),
        client(&server).list_project_npm_dist_tags(1, "@scope/name"),
    )
    .await;
    let tags = serde_json::to_value(out.unwrap()).expect("serialize");
    assert_eq!(tags, json!({"latest": "1.0.0", "beta": "1.0.1"}));
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/npm/-/package/%40scope/name/dist-tags"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            reply = replies::npm_metadata(),
            "GET",
            "/api/v4/groups/my-group/-/packages/npm/%40scope/my-pkg",
            None,
            get_group_npm_package_metadata("my-group", "@scope/my-pkg")
        ),
        case!(
            "POST",
            "/api/v4/groups/my-group/-/packages/npm/-/npm/v1/security/advisories/bulk",
            None,
            audit_group_npm_advisories_bulk("my-group", json!({"@scope/my-pkg": ["1.0.0"]}))
        ),
        case!(
            "POST",
            "/api/v4/groups/group%2Fsub/-/packages/npm/-/npm/v1/security/audits/quick",
            None,
            audit_group_npm_quick("group/sub", json!({"name": "app", "requires": {}}))
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/npm/-/package/%40scope/my-pkg/dist-tags",
            None,
            list_group_npm_dist_tags("my-group", "@scope/my-pkg")
        ),
        case!(
            "PUT",
            "/api/v4/groups/my-group/-/packages/npm/-/package/%40scope/my-pkg/dist-tags/latest",
            None,
            set_group_npm_dist_tag("my-group", "@scope/my-pkg", "latest", "1.0.0")
        ),
        case!(
            "DELETE",
            "/api/v4/groups/my-group/-/packages/npm/-/package/my-pkg/dist-tags/beta",
            None,
            delete_group_npm_dist_tag("my-group", "my-pkg", "beta")
        ),
        case!(
            reply = replies::npm_metadata(),
            "GET",
            "/api/v4/packages/npm/%40scope/my-pkg",
            None,
            get_npm_package_metadata("@scope/my-pkg")
        ),
        case!(
            "POST",
            "/api/v4/packages/npm/-/npm/v1/security/advisories/bulk",
            None,
            audit_npm_advisories_bulk(json!({"my-pkg": ["1.0.0"]}))
        ),
        case!(
            "POST",
            "/api/v4/packages/npm/-/npm/v1/security/audits/quick",
            None,
            audit_npm_quick(json!({"name": "app"}))
        ),
        case!(
            "GET",
            "/api/v4/packages/npm/-/package/my-pkg/dist-tags",
            None,
            list_npm_dist_tags("my-pkg")
        ),
        case!(
            "PUT",
            "/api/v4/packages/npm/-/package/%40scope/my-pkg/dist-tags/next",
            None,
            set_npm_dist_tag("@scope/my-pkg", "next", "2.0.0-rc.1")
        ),
        case!(
            "DELETE",
            "/api/v4/packages/npm/-/package/%40scope/my-pkg/dist-tags/next",
            None,
            delete_npm_dist_tag("@scope/my-pkg", "next")
        ),
        case!(
            reply = replies::npm_metadata(),
            "GET",
            "/api/v4/projects/42/packages/npm/%40scope/my-pkg",
            None,
            get_project_npm_package_metadata(42u64, "@scope/my-pkg")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/npm/%40scope/my-pkg/-/%40scope/my-pkg-1.0.0.tgz",
            None,
            get_project_npm_package_tarball(42u64, "@scope/my-pkg", "@scope/my-pkg-1.0.0.tgz")
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/npm/-/npm/v1/security/advisories/bulk",
            None,
            audit_project_npm_advisories_bulk(42u64, json!({"my-pkg": ["1.0.0"]}))
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/npm/-/npm/v1/security/audits/quick",
            None,
            audit_project_npm_quick("group/project", json!({"name": "app"}))
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/npm/-/package/%40scope/my-pkg/dist-tags",
            None,
            list_project_npm_dist_tags("group/project", "@scope/my-pkg")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/npm/-/package/my-pkg/dist-tags/stable",
            None,
            set_project_npm_dist_tag(42u64, "my-pkg", "stable", "1.2.3")
        ),
        case!(
            "DELETE",
            "/api/v4/projects/42/packages/npm/-/package/%40scope/my-pkg/dist-tags/stable",
            None,
            delete_project_npm_dist_tag(42u64, "@scope/my-pkg", "stable")
        ),
        case!(
            reply = replies::package(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/npm/%40scope%2Fmy-pkg",
            None,
            publish_project_npm_package(
                "group/project",
                "@scope/my-pkg",
                json!({"name": "@scope/my-pkg", "versions": {}})
            )
        ),
    ]
}

/// Publishing from a tarball sends the document `npm publish` sends for the same tarball
/// (`tests/fixtures/npm/`, recorded from npm 11.19.1), field by field, but for what npm
/// adds about itself (`_nodeVersion`, `_npmVersion`, `_resolved`, `_from`, `readme`) and
/// the registry in `dist.tarball`.
#[tokio::test]
async fn a_tarball_is_published_as_npm_publishes_it() {
    use gitlab_packages::npm_ext::NpmTarball;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/npm");
    let tarball = NpmTarball::read(fixtures.join("gitlab-org-tool-1.2.3.tgz")).unwrap();
    assert_eq!(tarball.name(), "@gitlab-org/tool");
    assert_eq!(tarball.version(), "1.2.3");
    assert_eq!(tarball.shasum(), "0c836d6711518aeef97f191813741289d5c4a754");
    assert_eq!(
        tarball.integrity(),
        "sha512-/ylIAq64ysA+WGTlg3xjCRQaKF7DEnEEcTnLmFMAaWpVnOqBlHVI2bhX9sJjNDdI9NjO64CanrFWnjrdrnQ5jA=="
    );
    assert_eq!(tarball.length(), 265);

    let server = Server::start();
    let (result, request) = capture(
        &server,
        // GitLab answers the created package's record.
        Reply::json(r#"{"id":7,"name":"@gitlab-org/tool","version":"1.2.3","package_type":"npm","status":"default"}"#),
        client(&server).publish_project_npm_tarball("group/project", &tarball, None),
    )
    .await;
    let package = result.unwrap().expect("the package");
    assert_eq!((package.id, package.version.as_str()), (7, "1.2.3"));
    assert_eq!(
        request.target(),
        "PUT /api/v4/projects/group%2Fproject/packages/npm/%40gitlab-org%2Ftool"
    );
    assert_eq!(request.content_type(), Some("application/json"));
    assert_eq!(request.credentials(), PRIVATE_TOKEN);
    let ours = request.body_json();
    let npm: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures.join("npm-publish-body.json")).unwrap())
            .unwrap();
    for key in [
        "_id",
        "name",
        "description",
        "dist-tags",
        "access",
        "_attachments",
    ] {
        assert_eq!(ours[key], npm[key], "{key}");
    }
    let (ours, npm) = (&ours["versions"]["1.2.3"], &npm["versions"]["1.2.3"]);
    for key in [
        "name",
        "version",
        "description",
        "main",
        "license",
        "_id",
        "_integrity",
    ] {
        assert_eq!(ours[key], npm[key], "versions.1.2.3.{key}");
    }
    for key in ["integrity", "shasum"] {
        assert_eq!(ours["dist"][key], npm["dist"][key], "dist.{key}");
    }
    assert_eq!(
        ours["dist"]["tarball"],
        json!(format!(
            "{}/api/v4/projects/group%2Fproject/packages/npm/@gitlab-org/tool/-/@gitlab-org/tool-1.2.3.tgz",
            server.url()
        ))
    );
}

#[test]
fn a_file_that_is_not_an_npm_tarball_is_refused_naming_it() {
    use gitlab_packages::npm_ext::NpmTarball;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/npm");
    let err = NpmTarball::read(fixtures.join("README.md")).unwrap_err();
    assert!(
        err.to_string().ends_with(
            "fixtures/npm/README.md is not an npm tarball: no package/package.json in it"
        ),
        "{err}"
    );
    let err = NpmTarball::read(fixtures.join("missing.tgz")).unwrap_err();
    assert!(err.to_string().contains("cannot read"), "{err}");
}
