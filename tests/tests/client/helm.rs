//! Helm: the index, chart uploads (multipart, field `chart`) and downloads, with HTTP Basic.

use gitlab_packages::{Auth, Multipart};
use tests::server::{Reply, Server};

use crate::support::{capture, client_with};
use crate::table::{Case, replies, run_cases};

/// "user:glpat-helm" in base64.
const BASIC: [(&str, &str); 1] = [("authorization", "Basic dXNlcjpnbHBhdC1oZWxt")];

#[tokio::test]
async fn helm_operations() {
    let server = Server::start();
    let c = client_with(&server.url(), Auth::basic("user", "glpat-helm"));
    run_cases(
        &server,
        &c,
        &BASIC,
        // The spec declares this `id` an integer but describes it as "ID or full path".
        &[case!(
            reply = Reply::text("text/yaml", ""),
            "GET",
            "/api/v4/projects/group%2Fproject/packages/helm/stable/index.yaml",
            None,
            get_project_helm_index("group/project", "stable")
        )],
    )
    .await;

    // FACTS, responses: index.yaml is text/yaml.
    let (out, req) = capture(
        &server,
        Reply::text("text/yaml", "apiVersion: v1\nentries: {}\n"),
        c.get_project_helm_index(1, "stable"),
    )
    .await;
    assert_eq!(out.unwrap(), "apiVersion: v1\nentries: {}\n");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/helm/stable/index.yaml"
    );
    assert_eq!(req.credentials(), BASIC);

    // FACTS, bodies: POST helm charts is multipart with the file in field `chart`.
    let form = Multipart::new().file("chart", "mychart-0.1.0.tgz", &b"\x1f\x8bchart"[..]);
    let (out, req) = capture(
        &server,
        Reply::json(r#"{"message":"201 Created"}"#).status(201),
        c.upload_project_helm_chart(1, "stable", form),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "POST /api/v4/projects/1/packages/helm/api/stable/charts"
    );
    let parts = req.multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "chart");
    assert_eq!(parts[0].file_name.as_deref(), Some("mychart-0.1.0.tgz"));
    assert_eq!(
        parts[0].content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(parts[0].data, b"\x1f\x8bchart");
    assert_eq!(req.credentials(), BASIC);

    // Chart download: `charts/{file_name}.tgz`.
    let (out, req) = capture(
        &server,
        Reply::bytes(b"\x1f\x8b"),
        c.get_project_helm_chart(1, "stable", "mychart-0.1.0"),
    )
    .await;
    assert_eq!(out.unwrap().as_ref(), b"\x1f\x8b");
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1/packages/helm/stable/charts/mychart-0.1.0.tgz"
    );
}

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    vec![
        case!(
            reply = replies::created(),
            "POST",
            "/api/v4/projects/group%2Fproject/packages/helm/api/stable/charts",
            None,
            upload_project_helm_chart(
                "group/project",
                "stable",
                Multipart::new().file("chart", "mychart-0.1.0.tgz", b"\x1f\x8b".to_vec())
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/42/packages/helm/api/stable/charts/authorize",
            None,
            authorize_project_helm_chart(42u64, "stable")
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/helm/stable/charts/mychart-0.1.0%2Bbuild.1.tgz",
            None,
            get_project_helm_chart(42u64, "stable", "mychart-0.1.0+build.1")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/helm/my%20channel/index.yaml",
            None,
            get_project_helm_index("group/project", "my channel")
        ),
    ]
}

/// A chart archive is sent as the `chart` file, named as `helm package` names it, its
/// bytes as they are on disk (what GitLab's Helm upload reads: `ChartsUploadService`
/// takes the `chart` part).
#[tokio::test]
async fn a_chart_archive_is_uploaded_as_the_chart_file() {
    use gitlab_packages::helm_ext::HelmChart;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/helm");
    let chart = HelmChart::read(fixtures.join("my-chart-0.4.2.tgz")).unwrap();
    assert_eq!((chart.name(), chart.version()), ("my-chart", "0.4.2"));
    let server = tests::server::Server::start();
    let (result, request) = crate::support::capture(
        &server,
        tests::server::Reply::json(r#"{"message":"201 Created"}"#).status(201),
        crate::support::client(&server).upload_project_helm_chart_file(
            "group/project",
            "stable",
            &chart,
        ),
    )
    .await;
    result.unwrap();
    assert_eq!(
        request.target(),
        "POST /api/v4/projects/group%2Fproject/packages/helm/api/stable/charts"
    );
    let parts = request.multipart();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "chart");
    assert_eq!(parts[0].file_name.as_deref(), Some("my-chart-0.4.2.tgz"));
    assert_eq!(
        parts[0].data,
        std::fs::read(fixtures.join("my-chart-0.4.2.tgz")).unwrap()
    );
    let err = HelmChart::read(fixtures.join("README.md")).unwrap_err();
    assert!(
        err.to_string().contains("is not a Helm chart archive"),
        "{err}"
    );
}
