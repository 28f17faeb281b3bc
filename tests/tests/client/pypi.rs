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
