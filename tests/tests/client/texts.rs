//! Text answers a user wants as data, parsed next to the text (issue "The registry
//! protocols, typed", item 2): Helm's `index.yaml`, PyPI's simple pages, Maven's
//! `maven-metadata.xml`, the Go proxy's `@v/list`. Each fixture (`tests/fixtures/…`, with
//! its provenance) comes through the client from the loopback server, then is parsed.

use tests::server::{Reply, Server};

use crate::support::{capture, client};

fn fixture(path: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::read_to_string(root.join(path)).unwrap()
}

#[tokio::test]
async fn helm_index() {
    use gitlab_packages::helm_ext::HelmIndex;
    let server = Server::start();
    let (text, _) = capture(
        &server,
        Reply::text("text/yaml", fixture("helm/index.yaml")),
        client(&server).get_project_helm_index("group/project", "stable"),
    )
    .await;
    let index = HelmIndex::parse(&text.unwrap()).unwrap();
    assert_eq!(index.api_version, "v1");
    let versions = &index.entries["my-chart"];
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].version, "0.4.2");
    assert_eq!(versions[0].app_version.as_deref(), Some("1.16.0"));
    assert_eq!(versions[0].urls, ["charts/my-chart-0.4.2.tgz"]);
    assert_eq!(
        versions[0].digest.as_deref(),
        Some("1f3b8a3f5ad2c1b0b1e2c5d8f6e7a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6")
    );
    // Chart.yaml fields and document fields this type does not name are kept.
    assert_eq!(
        versions[0].rest["type"],
        serde_yaml::Value::from("application")
    );
    assert!(index.rest.contains_key("serverInfo"));
    let again = HelmIndex::parse(&serde_yaml::to_string(&index).unwrap()).unwrap();
    assert_eq!(again, index);
}

#[tokio::test]
async fn pypi_simple_page() {
    use gitlab_packages::pypi_ext::parse_simple_page;
    let server = Server::start();
    let (html, _) = capture(
        &server,
        Reply::text("text/html", fixture("pypi/simple-my-tool.html")),
        client(&server).get_project_pypi_simple_package("group/project", "my-tool"),
    )
    .await;
    let links = parse_simple_page(&html.unwrap());
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].file_name, "my_tool-1.2.3-py3-none-any.whl");
    assert_eq!(
        links[0].url,
        "https://gitlab.example.com/api/v4/projects/1/packages/pypi/files/ca1edb2cf0b633e13d1f1443e6838a5ef10991f1ff606a06083ec49c8a4cb51d/my_tool-1.2.3-py3-none-any.whl"
    );
    assert_eq!(
        links[0].sha256.as_deref(),
        Some("ca1edb2cf0b633e13d1f1443e6838a5ef10991f1ff606a06083ec49c8a4cb51d")
    );
    assert_eq!(links[0].requires_python.as_deref(), Some(">=3.8"));
    assert_eq!(links[1].file_name, "my-tool-1.2.3.tar.gz");
    assert_eq!(links[1].requires_python, None);
}

#[test]
fn maven_metadata() {
    use gitlab_packages::maven_ext::MavenMetadata;
    let metadata = MavenMetadata::parse(&fixture("maven/maven-metadata.xml")).unwrap();
    assert_eq!(metadata.group_id.as_deref(), Some("com.example"));
    assert_eq!(metadata.artifact_id.as_deref(), Some("my-app"));
    assert_eq!(metadata.versions(), ["1.0.0", "1.1.0"]);
    let versioning = metadata.versioning.unwrap();
    assert_eq!(versioning.release.as_deref(), Some("1.1.0"));
    assert_eq!(versioning.last_updated.as_deref(), Some("20261130100000"));
}

#[tokio::test]
async fn go_version_list() {
    let server = Server::start();
    let (text, request) = capture(
        &server,
        Reply::text("text/plain", fixture("go/list.txt")),
        client(&server)
            .list_project_go_module_versions("group/project", "gitlab.example.com/group/project"),
    )
    .await;
    assert_eq!(
        request.target(),
        "GET /api/v4/projects/group%2Fproject/packages/go/gitlab.example.com/group/project/@v/list"
    );
    assert_eq!(
        gitlab_packages::go_ext::parse_version_list(&text.unwrap()),
        ["v1.0.0", "v1.1.0", "v2.0.0-rc.1"]
    );
}
