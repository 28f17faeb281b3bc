//! Debian: distributions of a project or group (JSON bodies, array queries), the
//! repository's index files, pool files, uploads.

use gitlab_packages::types::{DebianDistributionChanges, DebianPoolFile, NewDebianDistribution};
use serde_json::json;
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, assert_query, capture, client};
use crate::table::{Case, replies, run_cases};

/// A minimal `API_Entities_Packages_Debian_Distribution` (id and codename are required).
const DISTRIBUTION_REPLY: &str = r#"{"id":1,"codename":"sid"}"#;

#[tokio::test]
async fn debian_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[
            case!(
                reply = Reply::json("[]"),
                "GET",
                "/api/v4/groups/my-group/-/debian_distributions",
                None,
                list_group_debian_distributions("my-group")
            ),
            case!(
                reply = Reply::text("text/plain", "signed"),
                "GET",
                "/api/v4/groups/my-group/-/packages/debian/dists/stable/InRelease",
                None,
                get_group_debian_in_release("my-group", "stable")
            ),
            case!(
                reply = Reply::text("text/plain", ""),
                "GET",
                "/api/v4/groups/my-group/-/packages/debian/dists/stable/main/debian-installer/binary-arm64/Packages",
                None,
                get_group_debian_installer_packages_index("my-group", "stable", "main", "arm64")
            ),
            case!(
                reply = Reply::text("text/plain", ""),
                "GET",
                "/api/v4/projects/5/packages/debian/dists/stable/main/source/Sources",
                None,
                get_project_debian_sources_index(5, "stable", "main")
            ),
            // Pool files: `+` in a one-segment value is `%2B`.
            case!(
                reply = Reply::bytes(b"!<arch>\n"),
                "GET",
                "/api/v4/projects/5/packages/debian/pool/stable/s/sample/1.0%2Bdfsg-1/sample_1.0%2Bdfsg-1_amd64.deb",
                None,
                get_project_debian_pool_file(5, "stable", DebianPoolFile::new("s", "sample", "1.0+dfsg-1", "sample_1.0+dfsg-1_amd64.deb"))
            ),
            case!(
                reply = replies::accepted(),
                "DELETE",
                "/api/v4/projects/group%2Fproject/debian_distributions/sid",
                None,
                delete_project_debian_distribution("group/project", "sid")
            ),
        ],
    )
    .await;

    // FACTS, bodies: distribution create takes JSON.
    let distribution = NewDebianDistribution {
        codename: "sid".into(),
        suite: Some("unstable".into()),
        components: Some(vec!["main".into(), "contrib".into()]),
        architectures: Some(vec!["amd64".into(), "arm64".into()]),
        ..Default::default()
    };
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"id":1,"codename":"sid"}"#).status(201),
        c.create_project_debian_distribution(5, distribution),
    )
    .await;
    let created = out.unwrap();
    assert_eq!((created.id, created.codename.as_str()), (1, "sid"));
    assert_eq!(req.target(), "POST /api/v4/projects/5/debian_distributions");
    assert_eq!(req.content_type(), Some("application/json"));
    assert_eq!(
        req.body_json(),
        json!({
            "codename": "sid",
            "suite": "unstable",
            "components": ["main", "contrib"],
            "architectures": ["amd64", "arm64"],
        })
    );

    let (out, req) = capture(
        &server,
        Reply::json(r#"{"id":2,"codename":"sid"}"#),
        c.create_group_debian_distribution(
            "my-group/sub",
            NewDebianDistribution {
                codename: "sid".into(),
                ..Default::default()
            },
        ),
    )
    .await;
    assert_eq!(out.unwrap().id, 2);
    assert_eq!(
        req.target(),
        "POST /api/v4/groups/my-group%2Fsub/-/debian_distributions"
    );
    assert_eq!(req.body_json(), json!({"codename": "sid"}));

    // FACTS, queries: arrays as `a[]=x&a[]=y`, written `a%5B%5D=x`.
    let call = c
        .list_project_debian_distributions(5)
        .codename("sid")
        .components(["main", "contrib"])
        .architectures(["amd64", "arm64"]);
    let (out, req) = capture(&server, Reply::json("[]"), call).await;
    out.unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v4/projects/5/debian_distributions");
    assert_query(
        &req,
        &[
            "codename=sid",
            "components%5B%5D=main",
            "components%5B%5D=contrib",
            "architectures%5B%5D=amd64",
            "architectures%5B%5D=arm64",
        ],
    );

    // Text answers come back as sent.
    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "-----BEGIN PGP PUBLIC KEY BLOCK-----"),
        c.get_project_debian_distribution_key(5, "sid"),
    )
    .await;
    assert_eq!(out.unwrap(), "-----BEGIN PGP PUBLIC KEY BLOCK-----");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/5/debian_distributions/sid/key.asc"
    );

    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "Codename: stable\n"),
        c.get_project_debian_release(5, "stable"),
    )
    .await;
    assert_eq!(out.unwrap(), "Codename: stable\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/5/packages/debian/dists/stable/Release"
    );

    // `binary-{architecture}`: the literal prefix and the variable form one segment.
    let (out, req) = capture(
        &server,
        Reply::text("text/plain", "Package: sample\n"),
        c.get_project_debian_packages_index(5, "stable", "main", "amd64"),
    )
    .await;
    assert_eq!(out.unwrap(), "Package: sample\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/5/packages/debian/dists/stable/main/binary-amd64/Packages"
    );

    // by-hash: the SHA256 is a hex string (here: SHA256 of the empty string).
    let (out, req) = capture(
        &server,
        Reply::text("text/plain", ""),
        c.get_project_debian_packages_index_by_hash(5, "stable", "main", "amd64", sha!()),
    )
    .await;
    assert_eq!(out.unwrap(), "");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/5/packages/debian/dists/stable/main/binary-amd64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );

    // Pool files: `~` is unreserved and stays.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"!<arch>\n"),
        c.get_group_debian_pool_file(
            "my-group",
            "stable",
            5,
            DebianPoolFile::new(
                "s",
                "sample",
                "1.2.3~alpha2",
                "sample_1.2.3~alpha2_amd64.deb",
            ),
        ),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"!<arch>\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/groups/my-group/-/packages/debian/pool/stable/5/s/sample/1.2.3~alpha2/sample_1.2.3~alpha2_amd64.deb"
    );

    // FACTS, bodies: PUT debian is raw bytes. The distribution and component, which the
    // capability lacks and the companion declares, go in the query as GitLab's docs send
    // them (`?distribution=my-distribution&component=main`).
    let (out, req) = capture(
        &server,
        replies::created(),
        c.upload_project_debian_file(
            5,
            "libsample0_1.2.3~alpha2_amd64.deb",
            "main",
            &b"!<arch>\ndebian-binary"[..],
        )
        .distribution("bookworm"),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/5/packages/debian/libsample0_1.2.3~alpha2_amd64.deb?distribution=bookworm&component=main"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"!<arch>\ndebian-binary");
    assert_eq!(req.credentials(), PRIVATE_TOKEN);
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        // debian, group (16)
        case!(
            reply = Reply::json(DISTRIBUTION_REPLY),
            "POST",
            "/api/v4/groups/my-group/-/debian_distributions",
            None,
            create_group_debian_distribution(
                "my-group",
                NewDebianDistribution {
                    codename: "sid".into(),
                    components: Some(vec!["main".into()]),
                    architectures: Some(vec!["amd64".into()]),
                    ..Default::default()
                }
            )
        ),
        case!(
            reply = Reply::json("[]"),
            "GET",
            "/api/v4/groups/group%2Fsub/-/debian_distributions",
            Some("codename=sid&architectures%5B%5D=amd64&architectures%5B%5D=arm64"),
            list_group_debian_distributions("group/sub")
                .codename("sid")
                .architectures(["amd64", "arm64"])
        ),
        case!(
            reply = Reply::json(DISTRIBUTION_REPLY),
            "GET",
            "/api/v4/groups/my-group/-/debian_distributions/sid",
            None,
            get_group_debian_distribution("my-group", "sid")
        ),
        case!(
            reply = Reply::json(DISTRIBUTION_REPLY),
            "PUT",
            "/api/v4/groups/my-group/-/debian_distributions/bookworm",
            None,
            update_group_debian_distribution(
                "my-group",
                "bookworm",
                DebianDistributionChanges {
                    suite: Some("stable".into()),
                    ..Default::default()
                }
            )
        ),
        case!(
            reply = replies::accepted(),
            "DELETE",
            "/api/v4/groups/my-group/-/debian_distributions/sid",
            Some("suite=unstable"),
            delete_group_debian_distribution("my-group", "sid").suite("unstable")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/debian_distributions/sid/key.asc",
            None,
            get_group_debian_distribution_key("my-group", "sid")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/InRelease",
            None,
            get_group_debian_in_release("my-group", "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/groups/group%2Fsub/-/packages/debian/dists/bookworm-backports/Release",
            None,
            get_group_debian_release("group/sub", "bookworm-backports")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/Release.gpg",
            None,
            get_group_debian_release_gpg("my-group", "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/binary-amd64/Packages",
            None,
            get_group_debian_packages_index("my-group", "bookworm", "main", "amd64")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/binary-arm64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_group_debian_packages_index_by_hash(
                "my-group",
                "bookworm",
                "main",
                "arm64",
                sha!()
            )
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/contrib/debian-installer/binary-amd64/Packages",
            None,
            get_group_debian_installer_packages_index("my-group", "bookworm", "contrib", "amd64")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/debian-installer/binary-amd64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_group_debian_installer_packages_index_by_hash(
                "my-group",
                "bookworm",
                "main",
                "amd64",
                sha!()
            )
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/source/Sources",
            None,
            get_group_debian_sources_index("my-group", "bookworm", "main")
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/dists/bookworm/main/source/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_group_debian_sources_index_by_hash("my-group", "bookworm", "main", sha!())
        ),
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/debian/pool/bookworm/42/h/hello/1%3A2.4.7-1%2Bdeb12u1/hello_2.4.7-1%2Bdeb12u1_amd64.deb",
            None,
            get_group_debian_pool_file(
                "my-group",
                "bookworm",
                42,
                DebianPoolFile::new(
                    "h",
                    "hello",
                    "1:2.4.7-1+deb12u1",
                    "hello_2.4.7-1+deb12u1_amd64.deb"
                )
            )
        ),
        // debian, project (18)
        case!(
            reply = Reply::json(DISTRIBUTION_REPLY),
            "POST",
            "/api/v4/projects/group%2Fproject/debian_distributions",
            None,
            create_project_debian_distribution(
                "group/project",
                NewDebianDistribution {
                    codename: "sid".into(),
                    ..Default::default()
                }
            )
        ),
        case!(
            reply = Reply::json("[]"),
            "GET",
            "/api/v4/projects/42/debian_distributions",
            Some("page=2&components%5B%5D=main&components%5B%5D=non-free"),
            list_project_debian_distributions(42u64)
                .page(2)
                .components(["main", "non-free"])
        ),
        case!(
            reply = Reply::json(DISTRIBUTION_REPLY),
            "GET",
            "/api/v4/projects/42/debian_distributions/sid",
            None,
            get_project_debian_distribution(42u64, "sid")
        ),
        case!(
            reply = Reply::json(DISTRIBUTION_REPLY),
            "PUT",
            "/api/v4/projects/group%2Fproject/debian_distributions/bookworm",
            None,
            update_project_debian_distribution(
                "group/project",
                "bookworm",
                DebianDistributionChanges {
                    label: Some("Debian".into()),
                    ..Default::default()
                }
            )
        ),
        case!(
            reply = replies::accepted(),
            "DELETE",
            "/api/v4/projects/42/debian_distributions/sid",
            Some("description=Old+sid"),
            delete_project_debian_distribution(42u64, "sid").description("Old sid")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/debian_distributions/bookworm/key.asc",
            None,
            get_project_debian_distribution_key(42u64, "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/debian/dists/bookworm/InRelease",
            None,
            get_project_debian_in_release("group/project", "bookworm")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/Release",
            None,
            get_project_debian_release(42u64, "sid")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/Release.gpg",
            None,
            get_project_debian_release_gpg(42u64, "sid")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/binary-i386/Packages",
            None,
            get_project_debian_packages_index(42u64, "sid", "main", "i386")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/binary-amd64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_project_debian_packages_index_by_hash(42u64, "sid", "main", "amd64", sha!())
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/debian/dists/sid/main/debian-installer/binary-amd64/Packages",
            None,
            get_project_debian_installer_packages_index("group/project", "sid", "main", "amd64")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/debian-installer/binary-arm64/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_project_debian_installer_packages_index_by_hash(
                42u64,
                "sid",
                "main",
                "arm64",
                sha!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/non-free/source/Sources",
            None,
            get_project_debian_sources_index(42u64, "sid", "non-free")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/debian/dists/sid/main/source/by-hash/SHA256/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            None,
            get_project_debian_sources_index_by_hash(42u64, "sid", "main", sha!())
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/debian/pool/bookworm/libf/libfoo/1.0-1%2Bb1/libfoo_1.0-1%2Bb1_amd64.deb",
            None,
            get_project_debian_pool_file(
                "group/project",
                "bookworm",
                DebianPoolFile::new("libf", "libfoo", "1.0-1+b1", "libfoo_1.0-1+b1_amd64.deb")
            )
        ),
        case!(
            reply = replies::created(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/debian/hello_1.0-1%2Bb1_amd64.deb",
            Some("component=main"),
            upload_project_debian_file(
                "group/project",
                "hello_1.0-1+b1_amd64.deb",
                "main",
                b"!<arch>\n".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/debian/hello_1.0-1_amd64.changes/authorize",
            None,
            authorize_project_debian_file(42u64, "hello_1.0-1_amd64.changes", "")
        ),
    ]
}
