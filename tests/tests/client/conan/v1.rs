//! Conan v1 rows of the every-operation table: instance level (20), project level (20).

use gitlab_packages::types::{ConanPackageReference, ConanRecipe, ConanRecipeRevision};
use serde_json::json;

use crate::table::{Case, replies};

/// The v1 rows of [`operations`](super::operations), instance then project level.
pub(super) fn operations() -> Vec<Case> {
    vec![
        // conan v1, instance (20)
        case!(
            reply = replies::conan_search(),
            "GET",
            "/api/v4/packages/conan/v1/conans/search",
            Some("q=my-lib%2F1.0.0%40group%2Bproject%2Fstable&ignorecase=true"),
            search_conan_v1_recipes("my-lib/1.0.0@group+project/stable").ignorecase(true)
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0%2Bbuild/group%2Bproject/stable",
            None,
            get_conan_v1_recipe_snapshot(ConanRecipe::new(
                "my-lib",
                "1.0.0+build",
                "group+project",
                "stable"
            ))
        ),
        case!(
            reply = replies::package(),
            "DELETE",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0%2Bbuild/group%2Bproject/stable",
            None,
            delete_conan_v1_recipe(ConanRecipe::new(
                "my-lib",
                "1.0.0+build",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/digest",
            None,
            get_conan_v1_recipe_manifest(ConanRecipe::new(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/download_urls",
            None,
            get_conan_v1_recipe_download_urls(ConanRecipe::new(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd",
            None,
            get_conan_v1_package_snapshot(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/digest",
            None,
            get_conan_v1_package_manifest(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/download_urls",
            None,
            get_conan_v1_package_download_urls(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!()
            )
        ),
        case!(
            "POST",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/upload_urls",
            None,
            get_conan_v1_package_upload_urls(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                pref!(),
                json!({"conaninfo.txt": 24, "conan_package.tgz": 1024})
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/search",
            None,
            search_conan_v1_recipe_packages(ConanRecipe::new(
                "my-lib",
                "1.0.0",
                "group+project",
                "stable"
            ))
        ),
        case!(
            "POST",
            "/api/v4/packages/conan/v1/conans/my-lib/1.0.0/group%2Bproject/stable/upload_urls",
            None,
            get_conan_v1_recipe_upload_urls(
                ConanRecipe::new("my-lib", "1.0.0", "group+project", "stable"),
                json!({"conanfile.py": 410, "conanmanifest.txt": 130})
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/export/conanfile.py",
            None,
            get_conan_v1_recipe_file(
                ConanRecipeRevision::new("my-lib", "1.0.0", "group+project", "stable", "0"),
                "conanfile.py"
            )
        ),
        case!(
            reply = replies::package_file(),
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0%2Bbuild/group%2Bproject/stable/0/export/conanmanifest.txt",
            None,
            upload_conan_v1_recipe_file(
                ConanRecipeRevision::new("my-lib", "1.0.0+build", "group+project", "stable", "0"),
                "conanmanifest.txt",
                "1700000000\nconanfile.py: abc\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/export/conanfile.py/authorize",
            None,
            authorize_conan_v1_recipe_file(
                ConanRecipeRevision::new("my-lib", "1.0.0", "group+project", "stable", "0"),
                "conanfile.py"
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt",
            None,
            get_conan_v1_package_file(
                ConanPackageReference::new(
                    "my-lib",
                    "1.0.0",
                    "group+project",
                    "stable",
                    "0",
                    pref!(),
                    "0"
                ),
                "conaninfo.txt"
            )
        ),
        case!(
            reply = replies::package_file(),
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conan_package.tgz",
            None,
            upload_conan_v1_package_file(
                ConanPackageReference::new(
                    "my-lib",
                    "1.0.0",
                    "group+project",
                    "stable",
                    "0",
                    pref!(),
                    "0"
                ),
                "conan_package.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/packages/conan/v1/files/my-lib/1.0.0/group%2Bproject/stable/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conan_package.tgz/authorize",
            None,
            authorize_conan_v1_package_file(
                ConanPackageReference::new(
                    "my-lib",
                    "1.0.0",
                    "group+project",
                    "stable",
                    "0",
                    pref!(),
                    "0"
                ),
                "conan_package.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/ping",
            None,
            ping_conan_v1()
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/users/authenticate",
            None,
            authenticate_conan_v1()
        ),
        case!(
            "GET",
            "/api/v4/packages/conan/v1/users/check_credentials",
            None,
            check_conan_v1_credentials()
        ),
        // conan v1, project (20)
        case!(
            reply = replies::conan_search(),
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/search",
            Some("q=my-lib%2F1.0.0%40_%2F_&ignorecase=false"),
            search_project_conan_v1_recipes("group/project", "my-lib/1.0.0@_/_").ignorecase(false)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_",
            None,
            get_project_conan_v1_recipe_snapshot(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            reply = replies::package(),
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/2.1.0%2Bcu118/_/_",
            None,
            delete_project_conan_v1_recipe(
                "group/project",
                ConanRecipe::new("my-lib", "2.1.0+cu118", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/digest",
            None,
            get_project_conan_v1_recipe_manifest(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/download_urls",
            None,
            get_project_conan_v1_recipe_download_urls(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd",
            None,
            get_project_conan_v1_package_snapshot(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/digest",
            None,
            get_project_conan_v1_package_manifest(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/download_urls",
            None,
            get_project_conan_v1_package_download_urls(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!()
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/1.0.0/_/_/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/upload_urls",
            None,
            get_project_conan_v1_package_upload_urls(
                "group/project",
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                pref!(),
                json!({"conaninfo.txt": 24})
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/conans/my-lib/1.0.0/_/_/search",
            None,
            search_project_conan_v1_recipe_packages(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "POST",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/conans/my-lib/1.0.0/_/_/upload_urls",
            None,
            get_project_conan_v1_recipe_upload_urls(
                "group/project",
                ConanRecipe::new("my-lib", "1.0.0", "_", "_"),
                json!({"conanfile.py": 410})
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conanfile.py",
            None,
            get_project_conan_v1_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", "0"),
                "conanfile.py"
            )
        ),
        case!(
            reply = replies::package_file(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conan_export.tgz",
            None,
            upload_project_conan_v1_recipe_file(
                "group/project",
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", "0"),
                "conan_export.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/export/conan_export.tgz/authorize",
            None,
            authorize_project_conan_v1_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", "0"),
                "conan_export.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conanmanifest.txt",
            None,
            get_project_conan_v1_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", "0", pref!(), "0"),
                "conanmanifest.txt"
            )
        ),
        case!(
            reply = replies::package_file(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt",
            None,
            upload_project_conan_v1_package_file(
                "group/project",
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", "0", pref!(), "0"),
                "conaninfo.txt",
                "[settings]\nos=Linux\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v1/files/my-lib/1.0.0/_/_/0/package/227220812d7ea3aa060187bae41abbc9911dfdfd/0/conaninfo.txt/authorize",
            None,
            authorize_project_conan_v1_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", "0", pref!(), "0"),
                "conaninfo.txt"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v1/ping",
            None,
            ping_project_conan_v1(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/users/authenticate",
            None,
            authenticate_project_conan_v1("group/project")
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v1/users/check_credentials",
            None,
            check_project_conan_v1_credentials("group/project")
        ),
    ]
}
