//! Other answers: Conan v1 maps, a newer GitLab's unknown fields, a list item without a name.

use gitlab_packages::types::PackageStatus;
use serde_json::json;
use tests::server::Reply;

use super::*;
use crate::support::client;

/// Not from the documentation in `../shared/docs/`: GitLab's Conan v1 answers are flat
/// maps, file name → URL or file name → MD5 (the Conan protocol;
/// `API::Entities::ConanPackage::ConanRecipeManifest` is `expose :recipe_urls, merge: true`,
/// and likewise `package_urls`, `upload_urls`, `recipe_snapshot`, `package_snapshot`). The
/// generated types expect the map under that key (the companion spec misses `merge: true`),
/// so the files are dropped.
#[test]

fn conan_v1_maps_keep_their_files() {
    macro_rules! keeps {
        ($type:ty, $answer:expr) => {{
            let answer: Value = $answer;
            let decoded: $type = serde_json::from_value(answer.clone()).expect("decodes");
            assert_eq!(
                serde_json::to_value(&decoded).expect("serialize"),
                answer,
                "{}",
                stringify!($type)
            );
        }};
    }
    let urls = json!({
        "conanfile.py": "https://gitlab.example.com/api/v4/packages/conan/v1/files/my-package/1.0/_/_/0/export/conanfile.py",
        "conanmanifest.txt": "https://gitlab.example.com/api/v4/packages/conan/v1/files/my-package/1.0/_/_/0/export/conanmanifest.txt"
    });
    let md5s = json!({
        "conanfile.py": "9bd9d5f7d3d5b8a2c1f0e6d4b3a29180",
        "conanmanifest.txt": "5b3e2f4a1c0d9e8f7a6b5c4d3e2f1a0b"
    });
    keeps!(gitlab_packages::types::ConanRecipeManifest, urls.clone());
    keeps!(gitlab_packages::types::ConanPackageManifest, urls.clone());
    keeps!(gitlab_packages::types::ConanUploadUrls, urls);
    keeps!(gitlab_packages::types::ConanRecipeSnapshot, md5s.clone());
    keeps!(gitlab_packages::types::ConanPackageSnapshot, md5s);
}

/// A newer GitLab's answer: fields the client does not know (at the top, in `_links`, in a
/// pipeline and its user) are ignored, and unknown enum values are kept as `Other`.
#[tokio::test]
async fn unknown_fields_and_enum_values_are_tolerated() {
    let server = Server::start();
    let answer = r#"{
        "id": 7,
        "name": "my-package",
        "version": "1.2.3",
        "package_type": "new_thing",
        "status": "brand_new",
        "created_at": "2024-05-06T07:08:09.010Z",
        "protection_rule": {"minimum_access_level": "maintainer"},
        "_links": {"web_path": "/g/p/-/packages/7", "new_link": "/g/p/-/packages/7/new"},
        "pipeline": {
            "id": 99,
            "sha": "2b6127f6bb6f475c4e81afcc2251e3f941e554f9",
            "ref": "main",
            "status": "success",
            "created_at": "2024-05-06T07:00:00Z",
            "updated_at": "2024-05-06T07:05:00Z",
            "web_url": "https://gitlab.example.com/g/p/-/pipelines/99",
            "duration": 300,
            "user": {"name": "Ada", "new_flag": true}
        }
    }"#;
    server.enqueue([Reply::json(answer)]);
    let package = client(&server)
        .get_project_package(5, 7)
        .await
        .expect("unknown fields and values do not fail the answer");
    assert_eq!(package.id, 7);
    assert_eq!(package.name, "my-package");
    assert_eq!(package.version, "1.2.3");
    assert_eq!(package.created_at, Some(utc((2024, 5, 6), (7, 8, 9), 10)));
    // The answer's type and status are the filters' enums; the values a newer GitLab
    // sends are kept and read back as `Other`.
    assert_eq!(package.package_type, PackageType::Other("new_thing".into()));
    assert_eq!(package_type(&package), package.package_type);
    assert_eq!(
        package.status,
        Some(PackageStatus::Other("brand_new".into()))
    );
    let links = package.links.as_ref().expect("_links");
    assert_eq!(links.web_path.as_deref(), Some("/g/p/-/packages/7"));
    assert_eq!(links.delete_api_path, None);
    let pipeline = package.pipeline.as_ref().expect("pipeline");
    assert_eq!(pipeline.id, 99);
    assert_eq!(pipeline.ref_, "main");
    assert_eq!(pipeline.user.as_ref().map(|u| u.name.as_str()), Some("Ada"));
    let request = only_request(&server);
    assert_eq!(request.path, "/api/v4/projects/5/packages/7");

    // The enums themselves decode an unknown value as `Other` and write it back unchanged.
    let status: PackageStatus = serde_json::from_value(json!("brand_new")).expect("decodes");
    assert_eq!(status, PackageStatus::Other("brand_new".into()));
    assert_eq!(
        serde_json::to_value(&status).expect("serialize"),
        json!("brand_new")
    );
    let kind: PackageType = serde_json::from_value(json!("new_thing")).expect("decodes");
    assert_eq!(kind, PackageType::Other("new_thing".into()));
    let status: PackageStatus = serde_json::from_value(json!("hidden")).expect("decodes");
    assert_eq!(status, PackageStatus::Hidden);
}

/// Only what identifies a package is required: an item without a timestamp still
/// decodes (its `created_at` is `None`), and an item without a name fails the list with an
/// error naming the item and the field.
#[tokio::test]
async fn a_list_item_without_a_timestamp_decodes_and_a_missing_name_is_located() {
    let server = Server::start();
    let without_timestamp = r#"[
        {"id": 1, "name": "a", "version": "1.0", "package_type": "generic", "created_at": "2024-05-06T07:08:09Z"},
        {"id": 2, "name": "b", "version": "2.0", "package_type": "npm"}
    ]"#;
    let without_name = r#"[
        {"id": 1, "name": "a", "version": "1.0", "package_type": "generic"},
        {"id": 2, "version": "2.0", "package_type": "npm"}
    ]"#;
    server.enqueue([Reply::json(without_timestamp), Reply::json(without_name)]);
    let c = client(&server);
    let packages = c.list_project_packages(5).await.expect("decodes");
    assert_eq!(packages.len(), 2);
    assert_eq!(packages[1].created_at, None);
    let err = c.list_project_packages(5).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("could not decode the JSON response at `[1]`: missing field `name`"),
        "{err}"
    );
}
