//! RubyGems: a raw `Authorization: <token>` (FACTS, "Authentication"), `gems` queries,
//! raw uploads, the index files.

use gitlab_packages::Auth;
use tests::server::{Reply, Server};

use crate::support::{capture, client_with};
use crate::table::{Case, replies, run_cases};

/// The token, sent as is.
const RAW: [(&str, &str); 1] = [("authorization", "glpat-gems")];

#[tokio::test]
async fn rubygems_operations() {
    let server = Server::start();
    let c = client_with(&server.url(), Auth::raw("glpat-gems"));
    run_cases(
        &server,
        &c,
        &RAW,
        &[
            case!(
                reply = Reply::bytes(b""),
                "GET",
                "/api/v4/projects/1/packages/rubygems/api/v1/dependencies",
                None,
                get_project_rubygems_dependencies(1)
            ),
            case!(
                reply = Reply::bytes(b"gem"),
                "GET",
                "/api/v4/projects/1/packages/rubygems/gems/my_gem-1.0.0.gem",
                None,
                get_project_rubygems_gem(1, "my_gem-1.0.0.gem")
            ),
            case!(
                reply = Reply::bytes(b"\x1f\x8b"),
                "GET",
                "/api/v4/projects/1/packages/rubygems/specs.4.8.gz",
                None,
                get_project_rubygems_spec_index(1, "specs.4.8.gz")
            ),
            case!(
                reply = Reply::bytes(b"x\x9c"),
                "GET",
                "/api/v4/projects/1/packages/rubygems/quick/Marshal.4.8/my_gem-1.0.0.gemspec.rz",
                None,
                get_project_rubygems_gemspec(1, "my_gem-1.0.0.gemspec.rz")
            ),
        ],
    )
    .await;

    // `gems` is sent as GitLab documents it, one comma-delimited value (`?gems=rails,thor`;
    // GitLab's API reads it with CommaSeparatedToArray; FACTS: `a[]=` is accepted too).
    let (out, req) = capture(
        &server,
        Reply::bytes(b"\x04\x08["),
        c.get_project_rubygems_dependencies(1)
            .gems(["rails", "rack"]),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"\x04\x08[");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/rubygems/api/v1/dependencies?gems=rails%2Crack"
    );
    assert_eq!(req.credentials(), RAW);

    // FACTS, bodies: POST rubygems is raw bytes.
    let (out, req) = capture(
        &server,
        replies::created(),
        c.upload_project_rubygems_gem(1, &b"gemdata"[..]),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "POST /api/v4/projects/1/packages/rubygems/api/v1/gems"
    );
    assert_eq!(req.content_type(), Some("application/octet-stream"));
    assert_eq!(req.body, b"gemdata");
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/rubygems/api/v1/dependencies",
            Some("gems=rails%2Crack-test"),
            get_project_rubygems_dependencies("group/project").gems(["rails", "rack-test"])
        ),
        case!(
            reply = replies::created(),
            "POST",
            "/api/v4/projects/42/packages/rubygems/api/v1/gems",
            None,
            upload_project_rubygems_gem(42u64, b"data.tar.gz".to_vec())
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/rubygems/api/v1/gems/authorize",
            None,
            authorize_project_rubygems_gem(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/rubygems/gems/my_gem-1.0.0.gem",
            None,
            get_project_rubygems_gem(42u64, "my_gem-1.0.0.gem")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/rubygems/quick/Marshal.4.8/my_gem-1.0.0.gemspec.rz",
            None,
            get_project_rubygems_gemspec(42u64, "my_gem-1.0.0.gemspec.rz")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/rubygems/specs.4.8.gz",
            None,
            get_project_rubygems_spec_index("group/project", "specs.4.8.gz")
        ),
    ]
}
