//! The project and group package lists (en:47-75, en:105-158, zh:33-61, zh:89-142).

use tests::server::Reply;

use super::*;
use crate::support::client;

/// en:47-75, "List packages / Within a project".
const EN_PROJECT_PACKAGES: &str = r#"[
  {
    "id": 1,
    "name": "com/mycompany/my-app",
    "version": "1.0-SNAPSHOT",
    "package_type": "maven",
    "created_at": "2019-11-27T03:37:38.711Z"
  },
  {
    "id": 2,
    "name": "@foo/bar",
    "version": "1.0.3",
    "package_type": "npm",
    "created_at": "2019-11-27T03:37:38.711Z"
  },
  {
    "id": 3,
    "name": "Hello/0.1@mycompany/stable",
    "conan_package_name": "Hello",
    "version": "0.1",
    "package_type": "conan",
    "_links": {
      "web_path": "/foo/bar/-/packages/3",
      "delete_api_path": "https://gitlab.example.com/api/v4/projects/1/packages/3"
    },
    "created_at": "2029-12-16T20:33:34.316Z",
    "tags": []
  }
]"#;

/// zh:33-61, the same list in the newer (Chinese) page.
const ZH_PROJECT_PACKAGES: &str = r#"[
  {
    "id": 1,
    "name": "com/mycompany/my-app",
    "version": "1.0-SNAPSHOT",
    "package_type": "maven",
    "created_at": "2019-11-27T03:37:38.711Z"
  },
  {
    "id": 2,
    "name": "@foo/bar",
    "version": "1.0.3",
    "package_type": "npm",
    "created_at": "2019-11-27T03:37:38.711Z"
  },
  {
    "id": 3,
    "name": "Hello/0.1@mycompany/stable",
    "conan_package_name": "Hello",
    "version": "0.1",
    "package_type": "conan",
    "_links": {
      "web_path": "/foo/bar/-/packages/3",
      "delete_api_path": "https://gitlab.example.com/api/v4/projects/1/packages/3"
    },
    "created_at": "2029-12-16T20:33:34.316Z",
    "tags": []
  }
]"#;

/// en:105-158, "List packages / Within a group" (with the deprecated `pipelines`).
const EN_GROUP_PACKAGES: &str = r#"[
  {
    "id": 1,
    "name": "com/mycompany/my-app",
    "version": "1.0-SNAPSHOT",
    "package_type": "maven",
    "_links": {
      "web_path": "/namespace1/project1/-/packages/1",
      "delete_api_path": "/namespace1/project1/-/packages/1"
    },
    "created_at": "2019-11-27T03:37:38.711Z",
    "pipelines": [
      {
        "id": 123,
        "status": "pending",
        "ref": "new-pipeline",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "web_url": "https://example.com/foo/bar/pipelines/47",
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "user": {
          "name": "Administrator",
          "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
        }
      }
    ]
  },
  {
    "id": 2,
    "name": "@foo/bar",
    "version": "1.0.3",
    "package_type": "npm",
    "_links": {
      "web_path": "/namespace1/project1/-/packages/1",
      "delete_api_path": "/namespace1/project1/-/packages/1"
    },
    "created_at": "2019-11-27T03:37:38.711Z",
    "pipelines": [
      {
        "id": 123,
        "status": "pending",
        "ref": "new-pipeline",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "web_url": "https://example.com/foo/bar/pipelines/47",
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "user": {
          "name": "Administrator",
          "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
        }
      }
    ]
  }
]"#;

/// zh:89-142, the same list; the user is "管理员".
const ZH_GROUP_PACKAGES: &str = r#"[
  {
    "id": 1,
    "name": "com/mycompany/my-app",
    "version": "1.0-SNAPSHOT",
    "package_type": "maven",
    "_links": {
      "web_path": "/namespace1/project1/-/packages/1",
      "delete_api_path": "/namespace1/project1/-/packages/1"
    },
    "created_at": "2019-11-27T03:37:38.711Z",
    "pipelines": [
      {
        "id": 123,
        "status": "pending",
        "ref": "new-pipeline",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "web_url": "https://example.com/foo/bar/pipelines/47",
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "user": {
          "name": "管理员",
          "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
        }
      }
    ]
  },
  {
    "id": 2,
    "name": "@foo/bar",
    "version": "1.0.3",
    "package_type": "npm",
    "_links": {
      "web_path": "/namespace1/project1/-/packages/1",
      "delete_api_path": "/namespace1/project1/-/packages/1"
    },
    "created_at": "2019-11-27T03:37:38.711Z",
    "pipelines": [
      {
        "id": 123,
        "status": "pending",
        "ref": "new-pipeline",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "web_url": "https://example.com/foo/bar/pipelines/47",
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "user": {
          "name": "管理员",
          "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
        }
      }
    ]
  }
]"#;

/// en:47-75 = zh:33-61.
#[track_caller]
fn check_project_packages(packages: &[Package]) {
    assert_eq!(packages.len(), 3);

    let maven = &packages[0];
    assert_eq!(maven.id, 1);
    assert_eq!(maven.name, "com/mycompany/my-app");
    assert_eq!(maven.version, "1.0-SNAPSHOT");
    assert_eq!(package_type(maven), PackageType::Maven);
    assert_eq!(
        maven.created_at,
        Some(utc((2019, 11, 27), (3, 37, 38), 711))
    );
    assert_eq!(maven.conan_package_name, None);
    assert_eq!(maven.links, None);
    assert_eq!(maven.tags, None);
    assert_eq!(maven.last_downloaded_at, None);
    assert_eq!(maven.pipelines, None);

    let npm = &packages[1];
    assert_eq!(npm.id, 2);
    assert_eq!(npm.name, "@foo/bar");
    assert_eq!(npm.version, "1.0.3");
    assert_eq!(package_type(npm), PackageType::Npm);
    assert_eq!(npm.created_at, Some(utc((2019, 11, 27), (3, 37, 38), 711)));
    assert_eq!(npm.links, None);

    let conan = &packages[2];
    assert_eq!(conan.id, 3);
    assert_eq!(conan.name, "Hello/0.1@mycompany/stable");
    assert_eq!(conan.conan_package_name.as_deref(), Some("Hello"));
    assert_eq!(conan.version, "0.1");
    assert_eq!(package_type(conan), PackageType::Conan);
    let links = conan.links.as_ref().expect("_links");
    assert_eq!(links.web_path.as_deref(), Some("/foo/bar/-/packages/3"));
    assert_eq!(
        links.delete_api_path.as_deref(),
        Some("https://gitlab.example.com/api/v4/projects/1/packages/3")
    );
    assert_eq!(
        conan.created_at,
        Some(utc((2029, 12, 16), (20, 33, 34), 316))
    );
    assert_eq!(conan.tags, Some(vec![]));
    assert_eq!(conan.status, None);
}

/// en:105-158 = zh:89-142 but for the user's name.
#[track_caller]
fn check_group_packages(packages: &[Package], user: &str) {
    assert_eq!(packages.len(), 2);
    let expected = [
        (
            1,
            "com/mycompany/my-app",
            "1.0-SNAPSHOT",
            PackageType::Maven,
        ),
        (2, "@foo/bar", "1.0.3", PackageType::Npm),
    ];
    for (package, (id, name, version, kind)) in packages.iter().zip(expected) {
        assert_eq!(package.id, id);
        assert_eq!(package.name, name);
        assert_eq!(package.version, version);
        assert_eq!(package_type(package), kind);
        // Both examples print the first package's links.
        let links = package.links.as_ref().expect("_links");
        assert_eq!(
            links.web_path.as_deref(),
            Some("/namespace1/project1/-/packages/1")
        );
        assert_eq!(
            links.delete_api_path.as_deref(),
            Some("/namespace1/project1/-/packages/1")
        );
        assert_eq!(
            package.created_at,
            Some(utc((2019, 11, 27), (3, 37, 38), 711))
        );
        let pipelines = package.pipelines.as_ref().expect("pipelines");
        assert_eq!(pipelines.len(), 1);
        check_doc_pipeline(&pipelines[0], 123, 47, user);
        assert_eq!(package.pipeline, None);
        assert_eq!(package.project_id, None);
        assert_eq!(package.project_path, None);
    }
}

#[test]
fn en_project_packages_decode() {
    let packages: Vec<Package> = serde_json::from_str(EN_PROJECT_PACKAGES).expect("decodes");
    check_project_packages(&packages);
    assert_nothing_lost(
        serde_json::to_value(&packages).expect("serialize"),
        EN_PROJECT_PACKAGES,
    );
}

#[test]
fn zh_project_packages_decode() {
    let packages: Vec<Package> = serde_json::from_str(ZH_PROJECT_PACKAGES).expect("decodes");
    check_project_packages(&packages);
    assert_nothing_lost(
        serde_json::to_value(&packages).expect("serialize"),
        ZH_PROJECT_PACKAGES,
    );
}

#[test]
fn en_group_packages_with_pipelines_decode() {
    let packages: Vec<Package> = serde_json::from_str(EN_GROUP_PACKAGES).expect("decodes");
    check_group_packages(&packages, "Administrator");
    assert_nothing_lost(
        serde_json::to_value(&packages).expect("serialize"),
        EN_GROUP_PACKAGES,
    );
}

#[test]
fn zh_group_packages_with_pipelines_decode() {
    let packages: Vec<Package> = serde_json::from_str(ZH_GROUP_PACKAGES).expect("decodes");
    check_group_packages(&packages, "管理员");
    assert_nothing_lost(
        serde_json::to_value(&packages).expect("serialize"),
        ZH_GROUP_PACKAGES,
    );
}

/// en:43 `GET /api/v4/projects/:id/packages`, answered with en:47-75.
#[tokio::test]
async fn list_project_packages_decodes_the_documented_answer() {
    let server = Server::start();
    server.enqueue([Reply::json(EN_PROJECT_PACKAGES)]);
    // Awaiting a list gives one page (here the only one: no `X-Next-Page`).
    let page = client(&server)
        .list_project_packages("foo/bar")
        .await
        .expect("the documented answer decodes");
    assert!(!page.has_more());
    let packages: Vec<Package> = page.items;
    check_project_packages(&packages);
    let request = only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/api/v4/projects/foo%2Fbar/packages");
    assert_eq!(request.query, None);
}
