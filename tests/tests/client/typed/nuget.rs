//! NuGet v3: the service index (its resources now [`NugetServiceResource`]s), search results
//! (`versions` a list, `tags` and `authors` a string or a list), registrations and version
//! lists: GitLab's NuGet API page and the NuGet protocol's own examples.

use gitlab_packages::types::{
    NugetPackageMetadata, NugetPackagesMetadata, NugetPackagesVersions, NugetSearchResults,
    NugetServiceIndex,
};
use serde_json::json;

use super::*;
use crate::support::client;

/// GitLab's service index: nine resources, search, registrations, download, publish and
/// symbol publish.
#[tokio::test]
async fn gitlabs_service_index_decodes() {
    let server = Server::start();
    let document = fixture!("nuget/gitlab-docs-service-index.json");
    let (index, request): (NugetServiceIndex, _) = served(
        &server,
        document,
        client(&server).get_project_nuget_service_index(1),
    )
    .await;
    assert_eq!(index.version.as_deref(), Some("3.0.0"));
    let resources = index.resources.as_ref().expect("resources");
    assert_eq!(resources.len(), 9);
    assert_eq!(
        resources[6].id,
        "https://gitlab.example.com/api/v4/projects/1/packages/nuget/download"
    );
    assert_eq!(resources[6].type_, "PackageBaseAddress/3.0.0");
    assert_eq!(
        resources[6].comment.as_deref(),
        Some("Get package content (.nupkg).")
    );
    assert_eq!(resources[8].type_, "SymbolPackagePublish/4.9.0");
    assert_eq!(request.path, "/api/v4/projects/1/packages/nuget/index");
    assert_nothing_lost(serde_json::to_value(&index).unwrap(), document);
}

/// nuget.org's service index (the protocol's example): a resource without a comment; a
/// resource's other fields are kept.
#[tokio::test]
async fn the_protocols_service_index_decodes() {
    let server = Server::start();
    let document = fixture!("nuget/spec-service-index.json");
    let (index, _): (NugetServiceIndex, _) = served(
        &server,
        document,
        client(&server).get_group_nuget_service_index("my-group"),
    )
    .await;
    let resources = index.resources.as_ref().expect("resources");
    assert_eq!(resources.len(), 5);
    assert_eq!(resources[1].id, "https://www.nuget.org/api/v2/package");
    assert_eq!(resources[1].type_, "PackagePublish/2.0.0");
    assert_eq!(resources[1].comment, None);
    assert_nothing_lost(serde_json::to_value(&index).unwrap(), document);

    let resource =
        json!({"@id": "https://x.example/", "@type": "Catalog/3.0.0", "clientVersion": "4.0.0"});
    let decoded: gitlab_packages::types::NugetServiceResource =
        serde_json::from_value(resource.clone()).unwrap();
    assert_eq!(decoded.rest["clientVersion"], "4.0.0");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), resource);
}

/// GitLab's search answer: `versions` a list, `tags` an empty string.
#[tokio::test]
async fn gitlabs_search_decodes() {
    let server = Server::start();
    let document = fixture!("nuget/gitlab-docs-search.json");
    let (results, request): (NugetSearchResults, _) = served(
        &server,
        document,
        client(&server)
            .search_project_nuget_packages(1)
            .q("MyNuGet"),
    )
    .await;
    assert_eq!(results.total_hits, Some(1));
    let hit = &results.data.as_ref().expect("data")[0];
    assert_eq!(hit.id.as_deref(), Some("MyNuGetPkg"));
    assert_eq!(hit.type_.as_deref(), Some("Package"));
    assert_eq!(hit.authors, Some(json!("Author1, Author2")));
    assert_eq!(hit.tags, Some(json!("")));
    let versions = hit.versions.as_ref().expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].version.as_deref(), Some("1.3.0.17"));
    assert_eq!(versions[0].downloads, Some(0));
    assert_eq!(request.path, "/api/v4/projects/1/packages/nuget/query");
    assert_eq!(request.query.as_deref(), Some("q=MyNuGet"));
    assert_nothing_lost(serde_json::to_value(&results).unwrap(), document);
}

/// nuget.org's search example: `tags` and `authors` lists, several versions each.
#[tokio::test]
async fn the_protocols_search_decodes() {
    let server = Server::start();
    let document = fixture!("nuget/spec-search-result.json");
    let (results, _): (NugetSearchResults, _) = served(
        &server,
        document,
        client(&server).search_group_nuget_packages("my-group"),
    )
    .await;
    assert_eq!(results.total_hits, Some(2));
    let data = results.data.as_ref().expect("data");
    assert_eq!(data[0].id.as_deref(), Some("NuGet.Versioning"));
    assert_eq!(
        data[0].tags,
        Some(json!(["semver", "semantic", "versioning"]))
    );
    assert_eq!(data[0].authors, Some(json!(["NuGet"])));
    assert_eq!(data[0].total_downloads, Some(141896));
    let versions = data[0].versions.as_ref().expect("versions");
    assert_eq!(versions.len(), 4);
    assert_eq!(versions[3].version.as_deref(), Some("4.4.0"));
    assert_eq!(versions[3].downloads, Some(617));
    assert_eq!(data[1].verified, Some(false));
    assert_eq!(
        data[1].project_url.as_deref(),
        Some("http://github.com/aarnott/Nerdbank.GitVersioning")
    );
}

/// GitLab's registration index ("Metadata Service") and one version's registration.
#[tokio::test]
async fn gitlabs_registrations_decode() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("nuget/gitlab-docs-metadata.json");
    let (metadata, request): (NugetPackagesMetadata, _) = served(
        &server,
        document,
        c.get_project_nuget_package_metadata(1, "MyNuGetPkg"),
    )
    .await;
    assert_eq!(metadata.count, Some(1));
    let page = &metadata.items.as_ref().expect("items")[0];
    assert_eq!(page.lower.as_deref(), Some("1.3.0.17"));
    let leaf = &page.items.as_ref().expect("leaves")[0];
    let entry = leaf.catalog_entry.as_ref().expect("catalogEntry");
    assert_eq!(entry.id_.as_deref(), Some("MyNuGetPkg"));
    assert_eq!(entry.authors, Some(json!("Author1, Author2")));
    assert_eq!(entry.tags, Some(json!("")));
    assert_eq!(entry.published.as_deref(), Some("2023-05-08T17:23:25Z"));
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/nuget/metadata/MyNuGetPkg/index"
    );
    assert_nothing_lost(serde_json::to_value(&metadata).unwrap(), document);

    let document = fixture!("nuget/gitlab-docs-version-metadata.json");
    let (version, request): (NugetPackageMetadata, _) = served(
        &server,
        document,
        c.get_project_nuget_package_version_metadata(1, "MyNuGetPkg", "1.3.0.17"),
    )
    .await;
    assert_eq!(
        version.package_content.as_deref(),
        Some(
            "https://gitlab.example.com/api/v4/projects/1/packages/nuget/download/MyNuGetPkg/1.3.0.17/helloworld.1.3.0.17.nupkg"
        )
    );
    assert_eq!(
        version
            .catalog_entry
            .as_ref()
            .and_then(|e| e.version.as_deref()),
        Some("1.3.0.17")
    );
    assert_eq!(
        request.path,
        "/api/v4/projects/1/packages/nuget/metadata/MyNuGetPkg/1.3.0.17"
    );
    assert_nothing_lost(serde_json::to_value(&version).unwrap(), document);
}

/// nuget.org's registration index: `tags` a list, a dependency group with a dependency.
#[tokio::test]
async fn the_protocols_registration_index_decodes() {
    let server = Server::start();
    let document = fixture!("nuget/spec-registration-index.json");
    let (metadata, _): (NugetPackagesMetadata, _) = served(
        &server,
        document,
        client(&server).get_group_nuget_package_metadata("my-group", "NuGet.Server.Core"),
    )
    .await;
    let page = &metadata.items.as_ref().expect("items")[0];
    assert_eq!(page.upper.as_deref(), Some("3.0.0-beta"));
    let entry = page.items.as_ref().expect("leaves")[0]
        .catalog_entry
        .as_ref()
        .expect("catalogEntry");
    assert_eq!(entry.tags, Some(json!([""])));
    assert_eq!(entry.authors, Some(json!(".NET Foundation")));
    let groups = entry.dependency_groups.as_ref().expect("dependencyGroups");
    let dependency = &groups[0].dependencies.as_ref().expect("dependencies")[0];
    assert_eq!(dependency.id_.as_deref(), Some("NuGet.Core"));
    assert_eq!(dependency.range.as_deref(), Some("[2.14.0, )"));
}

/// The version lists: GitLab's "Package index" and the protocol's.
#[tokio::test]
async fn version_lists_decode() {
    let server = Server::start();
    let c = client(&server);
    for (document, expected) in [
        (
            fixture!("nuget/gitlab-docs-versions.json"),
            vec!["1.3.0.17"],
        ),
        (
            fixture!("nuget/spec-package-base-address-index.json"),
            vec!["0.5.0", "0.7.0", "0.11.0", "0.12.0", "0.14.0", "1.0.0"],
        ),
    ] {
        let (versions, request): (NugetPackagesVersions, _) = served(
            &server,
            document,
            c.list_project_nuget_package_versions(1, "MyNuGetPkg"),
        )
        .await;
        assert_eq!(
            versions.versions,
            Some(expected.iter().map(|v| v.to_string()).collect())
        );
        assert_eq!(
            request.path,
            "/api/v4/projects/1/packages/nuget/download/MyNuGetPkg/index"
        );
        assert_nothing_lost(serde_json::to_value(&versions).unwrap(), document);
    }
}
