//! PyPI: the simple index (HTML), multipart uploads (file `content` plus metadata fields),
//! file downloads by SHA-256.

use gitlab_packages::{Auth, Multipart};
use tests::server::{Reply, Server};

use crate::support::{capture, client_with};
use crate::table::{Case, replies, run_cases};

/// "__token__:glpat-pypi" in base64 (`printf '__token__:glpat-pypi' | base64`).
const BASIC: [(&str, &str); 1] = [("authorization", "Basic X190b2tlbl9fOmdscGF0LXB5cGk=")];

#[tokio::test]
async fn pypi_operations() {
    let server = Server::start();
    let c = client_with(&server.url(), Auth::basic("__token__", "glpat-pypi"));
    run_cases(
        &server,
        &c,
        &BASIC,
        &[
            case!(
                reply = Reply::text("text/html", "<html></html>"),
                "GET",
                "/api/v4/projects/1/packages/pypi/simple/my-package",
                None,
                get_project_pypi_simple_package(1, "my-package")
            ),
            case!(
                reply = Reply::text("text/html", ""),
                "GET",
                "/api/v4/groups/5/-/packages/pypi/simple",
                None,
                get_group_pypi_simple_index(5)
            ),
        ],
    )
    .await;

    // FACTS, responses: the simple index is HTML.
    let (out, req) = capture(
        &server,
        Reply::text("text/html", "<html></html>"),
        c.get_project_pypi_simple_index("group/project"),
    )
    .await;
    assert_eq!(out.unwrap(), "<html></html>");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/group%2Fproject/packages/pypi/simple"
    );

    // FACTS, bodies: POST pypi is multipart, file `content` plus metadata fields.
    // The metadata fields are typed arguments and setters (from the companion's body
    // schema), sent before the file.
    let form = Multipart::new().file(
        "content",
        "my_package-1.0.0-py3-none-any.whl",
        &b"PK\x03\x04wheel"[..],
    );
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"message":"201 Created"}"#).status(201),
        c.upload_project_pypi_package(1, "my-package", "1.0.0", form)
            .sha256_digest(sha!())
            .requires_python(">=3.8"),
    )
    .await;
    out.unwrap();
    assert_eq!(req.target(), "POST /api/v4/projects/1/packages/pypi");
    assert_eq!(req.credentials(), BASIC);
    let parts = req.multipart();
    let summary: Vec<(&str, Option<&str>, &[u8])> = parts
        .iter()
        .map(|p| (p.name.as_str(), p.file_name.as_deref(), p.data.as_slice()))
        .collect();
    assert_eq!(
        summary,
        [
            ("name", None, &b"my-package"[..]),
            ("version", None, &b"1.0.0"[..]),
            // In the companion's order, whatever order the setters ran in.
            ("requires_python", None, &b">=3.8"[..]),
            (
                "sha256_digest",
                None,
                &b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"[..]
            ),
            (
                "content",
                Some("my_package-1.0.0-py3-none-any.whl"),
                &b"PK\x03\x04wheel"[..]
            ),
        ]
    );

    // `files/:sha256/*file_identifier`.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"PK"),
        c.get_project_pypi_file(1, sha!(), "my_package-1.0.0-py3-none-any.whl"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"PK");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/pypi/files/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/my_package-1.0.0-py3-none-any.whl"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            "GET",
            "/api/v4/groups/my-group/-/packages/pypi/simple",
            None,
            get_group_pypi_simple_index("my-group")
        ),
        case!(
            "GET",
            "/api/v4/groups/group%2Fsub/-/packages/pypi/simple/my-package",
            None,
            get_group_pypi_simple_package("group/sub", "my-package")
        ),
        case!(
            reply = replies::created(),
            "POST",
            "/api/v4/projects/group%2Fproject/packages/pypi",
            None,
            upload_project_pypi_package(
                "group/project",
                "my-package",
                "1.0.0",
                Multipart::new().file("content", "my_package-1.0.0.tar.gz", b"\x1f\x8b".to_vec())
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/pypi/authorize",
            None,
            authorize_project_pypi(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/pypi/files/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/my_package-1.0.0%2Blocal-py3-none-any.whl",
            None,
            get_project_pypi_file(42u64, sha!(), "my_package-1.0.0+local-py3-none-any.whl")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/pypi/simple",
            None,
            get_project_pypi_simple_index(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/pypi/simple/my.package",
            None,
            get_project_pypi_simple_package("group/project", "my.package")
        ),
    ]
}

/// Uploading a distribution sends, for every field GitLab reads, what `twine upload` sends
/// for the same file (`tests/fixtures/pypi/`, recorded from twine 7.0.0), the file as the
/// `content` part, and the MD5 twine no longer sends.
#[tokio::test]
async fn a_distribution_is_uploaded_with_the_fields_twine_sends() {
    use gitlab_packages::pypi_ext::PypiDistribution;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pypi");
    let twine: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures.join("twine-upload-fields.json")).unwrap())
            .unwrap();
    let server = tests::server::Server::start();
    for file in ["my_tool-1.2.3-py3-none-any.whl", "my-tool-1.2.3.tar.gz"] {
        let dist = PypiDistribution::read(fixtures.join(file)).unwrap();
        assert_eq!((dist.name(), dist.version()), ("my-tool", "1.2.3"));
        let (result, request) = crate::support::capture(
            &server,
            tests::server::Reply::json(r#"{"message":"201 Created"}"#).status(201),
            crate::support::client(&server)
                .upload_project_pypi_distribution("group/project", &dist),
        )
        .await;
        result.unwrap();
        assert_eq!(
            request.target(),
            "POST /api/v4/projects/group%2Fproject/packages/pypi"
        );
        let parts = request.multipart();
        let field = |name: &str| {
            parts
                .iter()
                .find(|p| p.name == name)
                .map(|p| String::from_utf8(p.data.clone()).unwrap())
        };
        let expected = &twine[file];
        for name in [
            "name",
            "version",
            "requires_python",
            "sha256_digest",
            "metadata_version",
            "author_email",
            "description",
            "description_content_type",
            "summary",
            "keywords",
        ] {
            assert_eq!(
                field(name).as_deref(),
                expected[name].as_str(),
                "{file}: {name}"
            );
        }
        let md5 = field("md5_digest").unwrap();
        assert_eq!(md5.len(), 32, "{md5}");
        let content = parts.iter().find(|p| p.name == "content").unwrap();
        assert_eq!(
            content.file_name.as_deref(),
            expected["content_filename"].as_str()
        );
        assert_eq!(content.data, std::fs::read(fixtures.join(file)).unwrap());
        // The file goes last, after the fields GitLab reads first.
        assert_eq!(parts.last().unwrap().name, "content");
    }
}

#[test]
fn a_file_that_is_not_a_distribution_is_refused_naming_it() {
    use gitlab_packages::pypi_ext::PypiDistribution;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pypi");
    let err = PypiDistribution::read(fixtures.join("README.md")).unwrap_err();
    assert!(
        err.to_string().contains("is not a Python distribution"),
        "{err}"
    );
}
