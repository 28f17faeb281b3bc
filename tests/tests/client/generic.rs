//! Generic packages: `:package_name/*package_version/(*path/):file_name` (FACTS), raw
//! uploads, downloads checked against `X-Checksum-SHA256`.

use gitlab_packages::{Body, Error};
use tests::server::{Reply, Server};

use crate::support::{PRIVATE_TOKEN, capture, client};
use crate::table::{Case, replies, run_cases};

#[tokio::test]
async fn generic_operations() {
    let server = Server::start();
    let c = client(&server);
    run_cases(
        &server,
        &c,
        &PRIVATE_TOKEN,
        &[
            // FACTS: the version is one segment in practice (`[\w+.-]+`, the glob is
            // non-greedy), so a `/` in it is sent encoded: GitLab answers 400 rather than
            // reading the rest as `path`.
            case!(
                "GET",
                "/api/v4/projects/24/packages/generic/my_pkg/1.0%2Fevil/file.txt",
                None,
                get_project_generic_file(24, "my_pkg", "1.0/evil", "file.txt")
            ),
            // Download with `path`; a space in a path is `%20`.
            case!(
                reply = Reply::bytes(b"content"),
                "GET",
                "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/dir/sub%20dir/file.txt",
                None,
                get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt").path("dir/sub dir")
            ),
            // Workhorse authorize: same route plus `/authorize`.
            case!(
                "PUT",
                "/api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt/authorize",
                None,
                authorize_project_generic_file(24, "my_pkg", "1.0.0", "file.txt", Body::empty())
            ),
        ],
    )
    .await;

    // `path` keeps its `/`.
    let call = c
        .upload_project_generic_file(24, "my_pkg", "1.0.0", "file.txt", "hello world\n")
        .path("a/b");
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"message":"201 Created"}"#).status(201),
        call,
    )
    .await;
    assert_eq!(out.unwrap().message, "201 Created");
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/24/packages/generic/my_pkg/1.0.0/a/b/file.txt"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.header("content-length"), Some("12"));
    assert_eq!(req.body, b"hello world\n");
    assert_eq!(req.credentials(), PRIVATE_TOKEN);

    // Without `path` the optional group is left out.
    let (out, req) = capture(
        &server,
        replies::created(),
        c.upload_project_generic_file(
            "group/sub/project",
            "my_pkg",
            "1.0.0",
            "file.txt",
            Body::from(vec![0u8, 1, 2]),
        ),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/group%2Fsub%2Fproject/packages/generic/my_pkg/1.0.0/file.txt"
    );
    assert_eq!(req.body, [0u8, 1, 2]);

    // FACTS: generic downloads carry X-Checksum-SHA256 (here sha256 of "content", from
    // `python3 -c "import hashlib; print(hashlib.sha256(b'content').hexdigest())"`).
    let (out, req) = capture(
        &server,
        Reply::bytes(b"content").header(
            "x-checksum-sha256",
            "ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73",
        ),
        c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"content");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"
    );
    // A body that does not match its checksum is an error, not data.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"content").header("x-checksum-sha256", "abc"),
        c.get_project_generic_file(24, "my_pkg", "1.0.0", "file.txt"),
    )
    .await;
    assert!(matches!(out, Err(Error::Checksum { .. })), "{out:?}");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/24/packages/generic/my_pkg/1.0.0/file.txt"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            reply = replies::created(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/generic/my-tool/1.0.0%2Bbuild/linux/amd64/tool.tar.gz",
            None,
            upload_project_generic_file(
                "group/project",
                "my-tool",
                "1.0.0+build",
                "tool.tar.gz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
            .path("linux/amd64")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/generic/my-tool/1.0.0/tool.tar.gz",
            None,
            get_project_generic_file(42u64, "my-tool", "1.0.0", "tool.tar.gz")
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/generic/my-tool/1.0.0/dist/tool.tar.gz/authorize",
            None,
            authorize_project_generic_file(42u64, "my-tool", "1.0.0", "tool.tar.gz", "")
                .path("dist")
        ),
    ]
}

/// The upload options GitLab reads from the query (joined from the companion: the
/// capability lacks them): `status=hidden`, and `select=package_file`, whose answer is the
/// created file, read with `send_as`.
#[tokio::test]
async fn generic_upload_hidden_answering_the_created_file() {
    use gitlab_packages::types::{GenericFileSelect, PackageFile, PackageStatus};
    let server = Server::start();
    let c = client(&server);
    let answer = r#"{"id": 7, "package_id": 3, "file_name": "tool", "size": 4,
        "file_md5": null, "file_sha1": null,
        "file_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "created_at": "2024-01-02T03:04:05.000Z"}"#;
    let (out, req) = capture(
        &server,
        Reply::json(answer).status(201),
        c.upload_project_generic_file(1, "my_pkg", "1.0.0", "tool", "test")
            .select(GenericFileSelect::PackageFile)
            .status(PackageStatus::Hidden)
            .send_as::<PackageFile>(),
    )
    .await;
    let file = out.unwrap();
    assert_eq!((file.id, file.package_id, file.size), (7, 3, 4));
    assert_eq!(file.file_name, "tool");
    assert_eq!(
        req.target(),
        "PUT /api/v4/projects/1/packages/generic/my_pkg/1.0.0/tool?status=hidden&select=package_file"
    );
    assert_eq!(req.body, b"test");
}
