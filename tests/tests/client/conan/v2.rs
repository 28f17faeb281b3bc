//! Conan v2 rows of the every-operation table: project level (19).

use gitlab_packages::types::{ConanPackageReference, ConanRecipe, ConanRecipeRevision};

use crate::table::{Case, replies};

/// The v2 rows of [`operations`](super::operations).
pub(super) fn operations() -> Vec<Case> {
    vec![
        // conan v2, project (19)
        case!(
            reply = replies::conan_search(),
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/search",
            Some("q=my+lib&ignorecase=true"),
            search_project_conan_v2_recipes("group/project", "my lib").ignorecase(true)
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/latest",
            None,
            get_project_conan_v2_recipe_latest_revision(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions",
            None,
            list_project_conan_v2_recipe_revisions(
                42u64,
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0%2Bbuild/_/_/revisions/75151329520e7685dcf5da49ded2fec0",
            None,
            delete_project_conan_v2_recipe_revision(
                "group/project",
                ConanRecipeRevision::new("my-lib", "1.0.0+build", "_", "_", rrev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files",
            None,
            list_project_conan_v2_recipe_files(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py",
            None,
            get_project_conan_v2_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                "conanfile.py"
            )
        ),
        case!(
            reply = replies::package_file(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py",
            None,
            upload_project_conan_v2_recipe_file(
                "group/project",
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                "conanfile.py",
                "from conan import ConanFile\n"
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/files/conanfile.py/authorize",
            None,
            authorize_project_conan_v2_recipe_file(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                "conanfile.py"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/latest",
            None,
            get_project_conan_v2_package_latest_revision(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                pref!()
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions",
            None,
            list_project_conan_v2_package_revisions(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!()),
                pref!()
            )
        ),
        case!(
            "DELETE",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e",
            None,
            delete_project_conan_v2_package_revision(
                "group/project",
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files",
            None,
            list_project_conan_v2_package_files(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz",
            None,
            get_project_conan_v2_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!()),
                "conan_package.tgz"
            )
        ),
        case!(
            reply = replies::package_file(),
            "PUT",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz",
            None,
            upload_project_conan_v2_package_file(
                "group/project",
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!()),
                "conan_package.tgz",
                b"\x1f\x8b\x08\x00".to_vec()
            )
        ),
        case!(
            "PUT",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/packages/227220812d7ea3aa060187bae41abbc9911dfdfd/revisions/0ba8627bd47edc3a501e8f0eb9a79e5e/files/conan_package.tgz/authorize",
            None,
            authorize_project_conan_v2_package_file(
                42u64,
                ConanPackageReference::new("my-lib", "1.0.0", "_", "_", rrev!(), pref!(), prev!()),
                "conan_package.tgz"
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/conans/my-lib/1.0.0/_/_/revisions/75151329520e7685dcf5da49ded2fec0/search",
            None,
            search_project_conan_v2_recipe_revision_packages(
                42u64,
                ConanRecipeRevision::new("my-lib", "1.0.0", "_", "_", rrev!())
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fproject/packages/conan/v2/conans/my-lib/1.0.0/_/_/search",
            None,
            search_project_conan_v2_recipe_packages(
                "group/project",
                ConanRecipe::new("my-lib", "1.0.0", "_", "_")
            )
        ),
        case!(
            "GET",
            "/api/v4/projects/42/packages/conan/v2/users/authenticate",
            None,
            authenticate_project_conan_v2(42u64)
        ),
        case!(
            "GET",
            "/api/v4/projects/group%2Fsub%2Fproject/packages/conan/v2/users/check_credentials",
            None,
            check_project_conan_v2_credentials("group/sub/project")
        ),
    ]
}
