//! Conan: recipe searches ([`ConanSearchResults`]), package searches ([`ConanPackageSearch`]:
//! package id → [`ConanPackageInfo`]), the file lists of v2, and what GitLab answers to a
//! file upload (the created file's record, or `null`) and to a v1 deletion (the deleted
//! package's record): GitLab's Conan v1 and v2 API pages and its stored `conaninfo`s.

use gitlab_packages::types::{
    ConanFileName, ConanFilesList, ConanPackageInfo, ConanPackageSearch, ConanSearchResults,
    Package, PackageFile,
};
use serde_json::json;

use super::*;
use crate::support::client;

/// The Conan v1 and v2 API pages' search example (its missing comma restored): seven
/// references, through the instance-level v1, the project-level v1 and the v2 search.
#[tokio::test]
async fn recipe_searches_decode() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("conan/gitlab-search.json");
    let check = |found: &ConanSearchResults| {
        assert_eq!(found.results.len(), 7);
        assert_eq!(found.results[0], "Hello/0.1@foo+conan_test_prod/beta");
        assert_eq!(found.results[6], "hello-world/0.4@buz+conan-test/alpha");
    };

    let (found, request) = served(&server, document, c.search_conan_v1_recipes("Hello*")).await;
    check(&found);
    assert_eq!(request.path, "/api/v4/packages/conan/v1/conans/search");
    assert_eq!(request.query.as_deref(), Some("q=Hello*"));

    let (found, request) = served(
        &server,
        document,
        c.search_project_conan_v1_recipes(9, "Hello*"),
    )
    .await;
    check(&found);
    assert_eq!(
        request.path,
        "/api/v4/projects/9/packages/conan/v1/conans/search"
    );

    let (found, request) = served(
        &server,
        document,
        c.search_project_conan_v2_recipes(9, "Hello*"),
    )
    .await;
    check(&found);
    assert_eq!(
        request.path,
        "/api/v4/projects/9/packages/conan/v2/conans/search"
    );
    assert_nothing_lost(serde_json::to_value(&found).unwrap(), document);
}

/// The Conan v2 page's "Get package references metadata": one package id, its settings
/// and options, and `requires` written as an object; through both package searches.
#[tokio::test]
async fn the_documented_package_search_decodes() {
    let server = Server::start();
    let c = client(&server);
    let document = fixture!("conan/gitlab-v2-package-search.json");
    let recipe: gitlab_packages::types::ConanRecipe =
        "my-package/1.0@my-group+my-project/stable".parse().unwrap();
    let (packages, request): (ConanPackageSearch, _) = served(
        &server,
        document,
        c.search_project_conan_v2_recipe_packages(9, recipe.clone()),
    )
    .await;
    assert_eq!(
        packages.keys().collect::<Vec<_>>(),
        ["103f6067a947f366ef91fc1b7da351c588d1827f"]
    );
    let info = &packages["103f6067a947f366ef91fc1b7da351c588d1827f"];
    let settings = info.settings.as_ref().expect("settings");
    assert_eq!(settings["compiler"], "gcc");
    assert_eq!(settings["compiler.libcxx"], "libstdc++");
    assert_eq!(settings["os"], "Linux");
    assert_eq!(info.options.as_ref().expect("options")["shared"], "False");
    assert_eq!(info.requires, Some(json!({"zlib/1.2.11": null})));
    assert_eq!(
        info.recipe_hash.as_deref(),
        Some("75151329520e7685dcf5da49ded2fec0")
    );
    assert_eq!(
        request.path,
        "/api/v4/projects/9/packages/conan/v2/conans/my-package/1.0/my-group%2Bmy-project/stable/search"
    );
    assert_nothing_lost(serde_json::to_value(&packages).unwrap(), document);

    let revision = "my-package/1.0@my-group+my-project/stable#75151329520e7685dcf5da49ded2fec0";
    let (packages, request): (ConanPackageSearch, _) = served(
        &server,
        document,
        c.search_project_conan_v2_recipe_revision_packages(
            9,
            revision
                .parse::<gitlab_packages::types::ConanRecipeRevision>()
                .unwrap(),
        ),
    )
    .await;
    assert_eq!(packages.len(), 1);
    assert_eq!(
        request.path,
        "/api/v4/projects/9/packages/conan/v2/conans/my-package/1.0/my-group%2Bmy-project/stable/revisions/75151329520e7685dcf5da49ded2fec0/search"
    );
}

/// GitLab's stored `conaninfo`s (its spec fixtures: the `info` a package search answers
/// per package id), served as a v1 package search: `requires` a list there; and Conan's
/// other fields (`full_requires` …) are kept.
#[tokio::test]
async fn stored_conaninfos_decode_as_a_package_search() {
    let full: serde_json::Value = serde_json::from_str(fixture!("conan/conaninfo.json")).unwrap();
    let minimal: serde_json::Value =
        serde_json::from_str(fixture!("conan/conaninfo_minimal.json")).unwrap();
    let document = json!({
        "103f6067a947f366ef91fc1b7da351c588d1827f": full,
        "5ab84d6acfe1f23c4fae0ab88f26e3a396351ac9": minimal,
    })
    .to_string();
    let server = Server::start();
    let (packages, request): (ConanPackageSearch, _) = served(
        &server,
        &document,
        client(&server).search_conan_v1_recipe_packages(
            "my-package/1.0@my-group+my-project/stable"
                .parse::<gitlab_packages::types::ConanRecipe>()
                .unwrap(),
        ),
    )
    .await;
    let full = &packages["103f6067a947f366ef91fc1b7da351c588d1827f"];
    assert_eq!(full.settings.as_ref().unwrap()["compiler"], "apple-clang");
    assert_eq!(full.settings.as_ref().unwrap()["compiler.version"], "10.0");
    assert_eq!(
        full.requires,
        Some(json!(["cli11/1.Y.Z", "fmt/7.Y.Z", "prometheus-cpp/1.Y.Z"]))
    );
    assert_eq!(
        full.recipe_hash.as_deref(),
        Some("b4b91125b36b40a7076a98310588f820")
    );
    let minimal = &packages["5ab84d6acfe1f23c4fae0ab88f26e3a396351ac9"];
    assert_eq!(minimal.settings.as_ref().unwrap()["os"], "Macos");
    assert_eq!(minimal.options, None);
    assert_eq!(minimal.requires, None);
    assert_eq!(
        request.path,
        "/api/v4/packages/conan/v1/conans/my-package/1.0/my-group%2Bmy-project/stable/search"
    );
    assert_nothing_lost(serde_json::to_value(&packages).unwrap(), &document);

    let with_more = json!({"settings": {"os": "Linux"}, "full_requires": ["zlib/1.2.11:abc"]});
    let info: ConanPackageInfo = serde_json::from_value(with_more.clone()).unwrap();
    assert_eq!(info.rest.keys().collect::<Vec<_>>(), ["full_requires"]);
    assert_eq!(serde_json::to_value(&info).unwrap(), with_more);
}

/// The Conan v2 page's "List all recipe files": file name → `{}`.
#[tokio::test]
async fn a_v2_file_list_decodes_into_its_map() {
    let server = Server::start();
    let document = fixture!("conan/gitlab-v2-recipe-files.json");
    let revision = "my-package/1.0@my-username/stable#df28fd816be3a119de5ce4d374436b25";
    let (list, _): (ConanFilesList, _) = served(
        &server,
        document,
        client(&server).list_project_conan_v2_recipe_files(
            9,
            revision
                .parse::<gitlab_packages::types::ConanRecipeRevision>()
                .unwrap(),
        ),
    )
    .await;
    let files = list.files.as_ref().expect("files");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["conan_sources.tgz", "conanfile.py", "conanmanifest.txt"]
    );
    assert_eq!(files["conanfile.py"], json!({}));
    assert_nothing_lost(serde_json::to_value(&list).unwrap(), document);
}

/// The Conan v2 page's upload answers: the created file's database record, whose fields
/// named like the package file entity's decode into [`PackageFile`].
#[tokio::test]
async fn an_upload_answers_the_created_file() {
    let server = Server::start();
    let c = client(&server);
    let recipe = "upload-v2-package/1.0.0@user/stable#123456789012345678901234567890ab";
    let (file, request): (Option<PackageFile>, _) = served(
        &server,
        fixture!("conan/gitlab-v2-upload-recipe-file.json"),
        c.upload_project_conan_v2_recipe_file(
            9,
            recipe
                .parse::<gitlab_packages::types::ConanRecipeRevision>()
                .unwrap(),
            ConanFileName::ConanfilePy,
            "from conan import ConanFile\n",
        ),
    )
    .await;
    let file = file.expect("a record");
    assert_eq!(file.id, 38);
    assert_eq!(file.package_id, 28);
    assert_eq!(file.file_name, "conanfile.py");
    assert_eq!(file.size, 24);
    assert_eq!(
        file.file_md5.as_deref(),
        Some("131f806af123b497209a516f46d12ffd")
    );
    assert_eq!(file.file_sha256, None);
    assert_eq!(file.created_at, Some(utc((2025, 4, 7), (12, 35, 40), 841)));
    assert_eq!(
        request.path,
        "/api/v4/projects/9/packages/conan/v2/conans/upload-v2-package/1.0.0/user/stable/revisions/123456789012345678901234567890ab/files/conanfile.py"
    );

    let reference = "my-package/1.0@my-group+my-project/stable#75151329520e7685dcf5da49ded2fec0:103f6067a947f366ef91fc1b7da351c588d1827f#3bdd2d8c8e76c876ebd1ac0469a4e72c";
    let (file, _): (Option<PackageFile>, _) = served(
        &server,
        fixture!("conan/gitlab-v2-upload-package-file.json"),
        c.upload_project_conan_v2_package_file(
            9,
            reference
                .parse::<gitlab_packages::types::ConanPackageReference>()
                .unwrap(),
            ConanFileName::ConaninfoTxt,
            "[settings]\n",
        ),
    )
    .await;
    let file = file.expect("a record");
    assert_eq!((file.id, file.package_id, file.size), (202, 48, 208));
    assert_eq!(file.file_name, "conaninfo.txt");
}

/// Conan's first, empty upload of a file answers `null` (GitLab creates no record for it),
/// and an empty body reads the same: `None`, not a decoding error.
#[tokio::test]
async fn an_empty_upload_answers_none() {
    let server = Server::start();
    let c = client(&server);
    let recipe = "hello/0.1@user/stable#0";
    for reply in [Reply::json("null"), Reply::empty(200)] {
        server.enqueue([reply]);
        let file = c
            .upload_conan_v1_recipe_file(
                recipe
                    .parse::<gitlab_packages::types::ConanRecipeRevision>()
                    .unwrap(),
                ConanFileName::ConanfilePy,
                "",
            )
            .await
            .expect("null is no error");
        assert_eq!(file, None);
        assert_eq!(
            only_request(&server).path,
            "/api/v4/packages/conan/v1/files/hello/0.1/user/stable/0/export/conanfile.py"
        );
    }
}

/// The Conan v1 page's "Delete a recipe and package": the deleted package's database
/// record, whose fields named like the package entity's decode into [`Package`].
#[tokio::test]
async fn a_v1_deletion_answers_the_deleted_package() {
    let server = Server::start();
    let (package, request): (Package, _) = served(
        &server,
        fixture!("conan/gitlab-v1-delete.json"),
        client(&server).delete_project_conan_v1_recipe(
            123,
            "my-package/1.0@my-group+my-project/stable"
                .parse::<gitlab_packages::types::ConanRecipe>()
                .unwrap(),
        ),
    )
    .await;
    assert_eq!(package.id, 1);
    assert_eq!(package.name, "my-package");
    assert_eq!(package.version, "1.0");
    assert_eq!(package.package_type, PackageType::Conan);
    assert_eq!(package.project_id, Some(123));
    assert_eq!(package.creator_id, None);
    assert_eq!(
        package.status,
        Some(gitlab_packages::types::PackageStatus::Default)
    );
    assert_eq!(
        package.created_at,
        Some(utc((2020, 8, 19), (13, 17, 28), 655))
    );
    assert_eq!(request.method, "DELETE");
    assert_eq!(
        request.path,
        "/api/v4/projects/123/packages/conan/v1/conans/my-package/1.0/my-group%2Bmy-project/stable"
    );
}
